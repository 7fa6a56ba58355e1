"""The exceptions of pmh: one tree under :class:`PmhError`.

Every exception has a stable machine-readable ``code`` (``envelope.expired``,
``ids.payer.check_digit``, ``canon.unsafe_integer``, ...). Messages name rules,
fields and JSON Pointer paths, never the offending values, so they can be
logged without leaking personal data (個人情報).

::

    PmhError (Exception)
    ├── ValidationError (+ ValueError)        .report, .issues
    ├── IdentifierError (+ ValueError)        ids.*, participant.*
    ├── DateError (+ ValueError)              calendar.*
    ├── CanonicalizationError (+ ValueError)  canon.*, json.*
    ├── UnsupportedTypeError (+ TypeError)    json.unsupported_type, json.key_type
    ├── InvalidKeyError (+ ValueError)        key.*
    ├── TrustStoreError (+ ValueError)        trust.*
    ├── UnknownTypeError (+ ValueError)       validate.unknown_type
    ├── SubsidyError (+ ValueError)           subsidy.copayment.*, subsidy.ledger.*
    └── EnvelopeError                         envelope.* (expired, replayed, wrong_recipient, unknown_kid, ...)
        ├── SignatureError                    envelope.signature, envelope.alg_mismatch
        └── PayloadInvalidError (+ ValidationError)  envelope.payload_invalid
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional, Tuple

if TYPE_CHECKING:
    from pmh._pmh import Issue, Report

__all__ = [
    "PmhError",
    "ValidationError",
    "IdentifierError",
    "DateError",
    "CanonicalizationError",
    "UnsupportedTypeError",
    "InvalidKeyError",
    "TrustStoreError",
    "UnknownTypeError",
    "EnvelopeError",
    "SignatureError",
    "PayloadInvalidError",
    "SubsidyError",
]


class PmhError(Exception):
    """Base class of every pmh error; ``code`` is a stable machine-readable code."""

    code: str

    def __init__(self, message: str = "", code: str = "pmh.error") -> None:
        super().__init__(message)
        self.code = code

    @property
    def message(self) -> str:
        """The message (static rule text; never contains input values)."""
        return str(self.args[0]) if self.args else ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code!r})"

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self.message, self.code))


class ValidationError(PmhError, ValueError):
    """Data failed validation; ``report`` carries *all* issues found in one pass.

    Also a :class:`ValueError`, so existing ``except ValueError`` handlers catch it.
    """

    report: Optional[Report]

    def __init__(
        self,
        message: str = "",
        code: str = "validate.invalid",
        report: Optional[Report] = None,
    ) -> None:
        super().__init__(message, code)
        self.report = report

    @property
    def issues(self) -> List[Issue]:
        """Every issue (errors and warnings) of the report."""
        return [] if self.report is None else self.report.issues

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self.message, self.code, self.report))


class IdentifierError(PmhError, ValueError):
    """An identifier (or participant id) is invalid; ``code`` names the rule."""


class DateError(PmhError, ValueError):
    """A date could not be parsed or converted (``calendar.*``)."""


class CanonicalizationError(PmhError, ValueError):
    """A value has no exact RFC 8785 / strict-JSON form (NaN, lone surrogate, unsafe integer, ...)."""


class UnsupportedTypeError(PmhError, TypeError):
    """A Python object of a type with no JSON form, or a dict key that is not a str."""


class InvalidKeyError(PmhError, ValueError):
    """A key or JWK could not be read or is unsupported (``key.*``)."""


class TrustStoreError(PmhError, ValueError):
    """A trust store (or an entry for it) is invalid (``trust.*``)."""


class UnknownTypeError(PmhError, ValueError):
    """No validator is registered for this message or record type."""


class EnvelopeError(PmhError):
    """An envelope was refused or could not be sealed.

    ``code`` tells why: ``envelope.expired``, ``envelope.replayed``,
    ``envelope.wrong_recipient``, ``envelope.unknown_kid`` (untrusted key),
    ``envelope.key_revoked``, ``envelope.type_not_allowed``, ...
    """


class SignatureError(EnvelopeError):
    """The signature does not verify (``envelope.signature``, ``envelope.alg_mismatch``)."""


class PayloadInvalidError(EnvelopeError, ValidationError):
    """The payload failed its message type's validator (``envelope.payload_invalid``).

    Both an :class:`EnvelopeError` and a :class:`ValidationError` (with ``report``).
    """


class SubsidyError(PmhError, ValueError):
    """A copayment request or cap ledger is inconsistent (``subsidy.copayment.*``, ``subsidy.ledger.*``)."""

"""pmh: Public Medical Hub (PMH) data for Python.

Identifiers (公費負担者番号, 受給者番号, 保険者番号, 医療機関コード,
地方公共団体コード, 個人番号), Japanese era dates (和暦), validation of
messages and records with every issue found in one pass, RFC 8785
canonicalization, and signed envelopes (JWS over JCS), all computed by the
Rust core ``pmh-core``.

Batch functions (:func:`seal_many`, :func:`open_many`, :func:`validate_many`)
accept any iterable, release the GIL and use every core. They return a list
with one entry per input item, in input order: the result for that item, or
the :class:`PmhError` *instance* it raised (not raised). Use
:func:`partition` to split such a list, or ``isinstance(r, pmh.PmhError)``.
"""

from __future__ import annotations

from typing import List, Tuple, TypeVar, Union

from pmh import calendar, checkup, errors, immunization, subsidy
from pmh._pmh import (
    InstitutionCode,
    InsurerNumber,
    Issue,
    MunicipalityCode,
    MyNumber,
    PayerNumber,
    RecipientNumber,
    ReplayGuard,
    Report,
    SigningKey,
    TrustStore,
    Verified,
    __version__,
    age_on,
    canonicalize,
    canonicalize_json,
    check_id,
    convert_date,
    fiscal_year,
    format_era,
    guess_id_kind,
    open,
    open_many,
    parse_date,
    parse_json,
    seal,
    seal_many,
    types,
    validate,
    validate_many,
)
from pmh.errors import (
    CanonicalizationError,
    DateError,
    EnvelopeError,
    IdentifierError,
    InvalidKeyError,
    PayloadInvalidError,
    PmhError,
    SignatureError,
    SubsidyError,
    TrustStoreError,
    UnknownTypeError,
    UnsupportedTypeError,
    ValidationError,
)

T = TypeVar("T")

__all__ = [
    "__version__",
    # identifiers
    "check_id",
    "guess_id_kind",
    "PayerNumber",
    "RecipientNumber",
    "InsurerNumber",
    "InstitutionCode",
    "MunicipalityCode",
    "MyNumber",
    # dates
    "convert_date",
    "parse_date",
    "format_era",
    "fiscal_year",
    "age_on",
    # JSON
    "canonicalize",
    "canonicalize_json",
    "parse_json",
    # validation
    "validate",
    "validate_many",
    "types",
    "Report",
    "Issue",
    # envelopes
    "SigningKey",
    "TrustStore",
    "ReplayGuard",
    "Verified",
    "seal",
    "open",
    "seal_many",
    "open_many",
    "partition",
    # errors
    "errors",
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
    # domain modules
    "calendar",
    "checkup",
    "immunization",
    "subsidy",
]


def partition(
    results: List[Union[T, PmhError]],
) -> Tuple[List[Tuple[int, T]], List[Tuple[int, PmhError]]]:
    """Splits a batch result list into ``(index, value)`` and ``(index, error)`` pairs.

    >>> import pmh
    >>> ok, failed = pmh.partition(pmh.validate_many("subsidy.certificate", [{}, 1]))
    >>> [i for i, _ in ok], [(i, e.code) for i, e in failed]
    ([0], [])
    """
    ok: List[Tuple[int, T]] = []
    failed: List[Tuple[int, PmhError]] = []
    for i, r in enumerate(results):
        if isinstance(r, PmhError):
            failed.append((i, r))
        else:
            ok.append((i, r))
    return ok, failed

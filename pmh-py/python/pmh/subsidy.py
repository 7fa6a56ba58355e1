"""医療費助成 (medical subsidies): certificates, eligibility, copayment, cap ledgers.

Records are dicts in their wire (camelCase) form, e.g. a 受給者証 as in
PMH's registration API (``samples/subsidy/certificates.json``).

- :func:`validate_certificate` — every issue of one certificate (:class:`pmh.Report`).
- :func:`check_eligibility` — may the subsidy be applied at the window for a visit?
- :func:`compute_copayment` — 自己負担額 under insurance and up to four 公費, with
  the 管理票 entries it produces (``ledgerEntries``).
- :class:`CapLedger` — 自己負担上限額管理票 of one payer number and month.

Certificates that fail validation raise :class:`pmh.ValidationError` (with every
issue); requests that do not fit the model raise :class:`pmh.SubsidyError`.
"""

from pmh._pmh import CapLedger, check_eligibility, compute_copayment, validate_certificate

__all__ = ["CapLedger", "check_eligibility", "compute_copayment", "validate_certificate"]

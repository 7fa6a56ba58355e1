"""和暦 (Japanese era dates): conversion, parsing and formatting.

Dates are accepted as ``datetime.date``, ``datetime.datetime`` (its date part)
or str in any form (``2024-04-01``, ``20240401``, ``R6.4.1``, ``令和6年4月1日``,
receipt form ``5060401``; full-width digits too). Errors raise
:class:`pmh.DateError` with a ``calendar.*`` code.
"""

from pmh._pmh import age_on, convert_date, fiscal_year, format_era, parse_date

convert = convert_date
parse = parse_date

__all__ = ["age_on", "convert", "convert_date", "fiscal_year", "format_era", "parse", "parse_date"]

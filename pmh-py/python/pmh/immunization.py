"""予防接種 (immunization): evaluate a vaccination history against the routine schedule.

- :func:`evaluate` — ``evaluate(history, as_of=None) -> dict``: per vaccine, the
  status, each dose's evaluation and the next dose; ``as_of`` (date, datetime or
  str) defaults to today in Japan. An invalid history raises
  :class:`pmh.ValidationError` with every issue.
- :func:`validate_history` — every issue of a history (:class:`pmh.Report`).
"""

from pmh._pmh import evaluate, validate_history

__all__ = ["evaluate", "validate_history"]

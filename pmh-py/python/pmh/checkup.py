"""健診 (checkups): validators of vouchers (受診券), questionnaires (質問票) and
results (健診結果), and the assessment of a result (derived values such as BMI).

Each validator returns a :class:`pmh.Report` with every issue; the message
types (``checkup.result.register``, ...) are also available through
:func:`pmh.validate`.
"""

from pmh._pmh import assess_result, validate_questionnaire, validate_result, validate_voucher

__all__ = ["assess_result", "validate_questionnaire", "validate_result", "validate_voucher"]

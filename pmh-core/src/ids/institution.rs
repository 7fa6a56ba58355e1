//! 医療機関コード (medical institution code), 10-digit form.

use super::digits::{ascii_str, luhn_check_digit, prefecture_at, read_fixed, two_digits, Sink};
use super::{rules, Prefecture, ScoreTable};

/// 医療機関コード (medical institution code), 10-digit form:
/// 都道府県番号 (prefecture, 2) + 点数表番号 (score table, 1) + 郡市区番号
/// (district, 2) + 医療機関番号 (institution number, 4) + 検証番号 (check digit, 1).
///
/// The Luhn check digit covers all 9 preceding digits, prefecture and 点数表
/// included (subsidy.md §1.5), so a bare 7-digit code cannot be validated alone.
///
/// ```
/// use pmh_core::ids::{InstitutionCode, ScoreTable};
/// let c: InstitutionCode = "3618010015".parse().unwrap(); // 徳島大学病院
/// assert_eq!(c.prefecture().name(), "徳島県");
/// assert_eq!(c.score_table(), ScoreTable::Medical);
/// assert_eq!(c.seven_digit_code(), "8010015");
/// assert_eq!(c.district(), "80");
/// assert_eq!(c.institution_number(), "1001");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InstitutionCode {
    digits: [u8; 10],
}

impl InstitutionCode {
    pub(crate) fn validate(input: &str, sink: Sink<'_>) -> Option<Self> {
        let digits: [u8; 10] = read_fixed(
            input,
            &rules::INSTITUTION_LENGTH,
            &rules::INSTITUTION_NON_DIGIT,
            sink,
        )?;
        let mut ok = true;
        if prefecture_at(&digits[..2]).is_none() {
            sink(&rules::INSTITUTION_PREFECTURE);
            ok = false;
        }
        if ScoreTable::from_code(digits[2] - b'0').is_none() {
            sink(&rules::INSTITUTION_SCORE_TABLE);
            ok = false;
        }
        if luhn_check_digit(&digits[..9]) != Some(digits[9] - b'0') {
            sink(&rules::INSTITUTION_CHECK_DIGIT);
            ok = false;
        }
        ok.then_some(InstitutionCode { digits })
    }

    /// 都道府県番号 (prefecture), digits 1-2.
    pub fn prefecture(&self) -> Prefecture {
        Prefecture(two_digits(&self.digits[..2]))
    }

    /// 点数表番号 (score table), digit 3.
    pub fn score_table(&self) -> ScoreTable {
        // Validated at parse time; Medical is unreachable filler.
        ScoreTable::from_code(self.digits[2] - b'0').unwrap_or(ScoreTable::Medical)
    }

    /// The 7-digit 医療機関コード: 郡市区番号 + 医療機関番号 + 検証番号 (digits 4-10).
    pub fn seven_digit_code(&self) -> &str {
        ascii_str(&self.digits[3..])
    }

    /// 郡市区番号 (district number), digits 4-5.
    pub fn district(&self) -> &str {
        ascii_str(&self.digits[3..5])
    }

    /// 医療機関番号 (institution number), digits 6-9.
    pub fn institution_number(&self) -> &str {
        ascii_str(&self.digits[5..9])
    }

    /// 検証番号 (check digit).
    pub fn check_digit(&self) -> u8 {
        self.digits[9] - b'0'
    }

    /// The 10 ASCII digits.
    pub fn as_str(&self) -> &str {
        ascii_str(&self.digits)
    }
}

super::string_traits!(InstitutionCode);

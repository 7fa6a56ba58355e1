//! 公費負担者番号 (payer number).

use super::digits::{ascii_str, luhn_check_digit, prefecture_at, read_fixed, two_digits, Sink};
use super::{rules, LawCode, Prefecture};

/// 公費負担者番号 (payer number): 8 digits =
/// 法別番号 (law code, 2) + 都道府県番号 (prefecture, 2) + 実施機関番号 (agency, 3)
/// + 検証番号 (check digit, 1, Luhn over the first 7; subsidy.md §1.2).
///
/// Built only by parsing; full-width digits are accepted and normalized.
///
/// ```
/// use pmh_core::ids::PayerNumber;
/// let p: PayerNumber = "54016027".parse().unwrap();
/// assert_eq!(p.law_code().code(), 54);
/// assert!(p.is_national());
/// assert_eq!(p.prefecture().name(), "北海道");
/// assert_eq!(p.agency(), "602");
/// assert_eq!(p.check_digit(), 7);
/// assert_eq!(PayerNumber::parse("88134458").unwrap_err().code(), "ids.payer.check_digit");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PayerNumber {
    digits: [u8; 8],
}

impl PayerNumber {
    pub(crate) fn validate(input: &str, sink: Sink<'_>) -> Option<Self> {
        let digits: [u8; 8] =
            read_fixed(input, &rules::PAYER_LENGTH, &rules::PAYER_NON_DIGIT, sink)?;
        let mut ok = true;
        if prefecture_at(&digits[2..4]).is_none() {
            sink(&rules::PAYER_PREFECTURE);
            ok = false;
        }
        if luhn_check_digit(&digits[..7]) != Some(digits[7] - b'0') {
            sink(&rules::PAYER_CHECK_DIGIT);
            ok = false;
        }
        ok.then_some(PayerNumber { digits })
    }

    /// 法別番号 (law code), the first two digits.
    pub fn law_code(&self) -> LawCode {
        LawCode(two_digits(&self.digits[..2]))
    }

    /// Whether the 法別番号 is a national scheme (table of subsidy.md §3).
    pub fn is_national(&self) -> bool {
        self.law_code().is_national()
    }

    /// 都道府県番号 (prefecture), digits 3-4.
    pub fn prefecture(&self) -> Prefecture {
        Prefecture(two_digits(&self.digits[2..4]))
    }

    /// 実施機関番号 (implementing agency number), digits 5-7.
    pub fn agency(&self) -> &str {
        ascii_str(&self.digits[4..7])
    }

    /// 検証番号 (check digit).
    pub fn check_digit(&self) -> u8 {
        self.digits[7] - b'0'
    }

    /// The 8 ASCII digits.
    pub fn as_str(&self) -> &str {
        ascii_str(&self.digits)
    }
}

super::string_traits!(PayerNumber);

//! 全国地方公共団体コード (local government code).

use super::digits::{
    ascii_str, municipality_check_digit, prefecture_at, read_fixed, two_digits, Sink,
};
use super::{rules, Prefecture};

/// 全国地方公共団体コード (local government code, "municipality code"): 6 digits =
/// 都道府県 (prefecture, 2) + 市区町村 (municipality, 3) + 検査数字 (check digit, 1;
/// weights 6,5,4,3,2, mod 11, subsidy.md §1.6). The first 5 digits are the
/// JIS X 0402 code.
///
/// ```
/// use pmh_core::ids::MunicipalityCode;
/// let m: MunicipalityCode = "131016".parse().unwrap(); // 千代田区
/// assert_eq!(m.jis_code(), "13101");
/// assert_eq!(m.prefecture().name(), "東京都");
/// assert!(!m.is_prefecture());
/// assert!("130001".parse::<MunicipalityCode>().unwrap().is_prefecture()); // 東京都
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MunicipalityCode {
    digits: [u8; 6],
}

impl MunicipalityCode {
    pub(crate) fn validate(input: &str, sink: Sink<'_>) -> Option<Self> {
        let digits: [u8; 6] = read_fixed(
            input,
            &rules::MUNICIPALITY_LENGTH,
            &rules::MUNICIPALITY_NON_DIGIT,
            sink,
        )?;
        let mut ok = true;
        if prefecture_at(&digits[..2]).is_none() {
            sink(&rules::MUNICIPALITY_PREFECTURE);
            ok = false;
        }
        if !Self::check_digit_ok(&digits) {
            sink(&rules::MUNICIPALITY_CHECK_DIGIT);
            ok = false;
        }
        ok.then_some(MunicipalityCode { digits })
    }

    /// Whether 6 ASCII digits satisfy the 検査数字 (used to guess kinds).
    pub(crate) fn check_digit_ok(digits: &[u8; 6]) -> bool {
        let mut jis = [0u8; 5];
        jis.copy_from_slice(&digits[..5]);
        municipality_check_digit(&jis) == Some(digits[5].wrapping_sub(b'0'))
    }

    /// 都道府県コード (prefecture), digits 1-2.
    pub fn prefecture(&self) -> Prefecture {
        Prefecture(two_digits(&self.digits[..2]))
    }

    /// 市区町村 part, digits 3-5 (`"000"` for the prefecture itself).
    pub fn municipal_part(&self) -> &str {
        ascii_str(&self.digits[2..5])
    }

    /// Whether this is a prefecture's own code (municipal part `"000"`).
    pub fn is_prefecture(&self) -> bool {
        &self.digits[2..5] == b"000"
    }

    /// The 5-digit JIS X 0402 code (without the check digit).
    pub fn jis_code(&self) -> &str {
        ascii_str(&self.digits[..5])
    }

    /// 検査数字 (check digit).
    pub fn check_digit(&self) -> u8 {
        self.digits[5] - b'0'
    }

    /// The 6 ASCII digits.
    pub fn as_str(&self) -> &str {
        ascii_str(&self.digits)
    }
}

super::string_traits!(MunicipalityCode);

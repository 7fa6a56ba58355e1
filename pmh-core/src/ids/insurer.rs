//! 保険者番号 (insurer number).

use super::digits::{ascii_str, luhn_check_digit, prefecture_at, two_digits, DigitRead, Sink};
use super::{rules, LawCode, Prefecture};

/// 保険者番号 (insurer number).
///
/// - 8 digits: 法別番号 (law code, 2) + 都道府県番号 (prefecture, 2) +
///   保険者別番号 (insurer serial, 3) + 検証番号 (check digit, 1).
/// - 6 digits for 国保 (National Health Insurance: 市町村国保 / 国保組合):
///   都道府県番号 (2) + 保険者別番号 (3) + 検証番号 (1); no 法別番号.
///
/// 8-character padded forms of a 6-digit number are accepted and normalized to
/// the 6 digits: left-padded with spaces (`"  138057"`, オンライン資格確認 XML) or
/// with `"00"` (`"00138057"`, 国保連 layouts). 法別 00 does not exist for
/// 8-digit insurers, so `"00xxxxxx"` is always a padded 国保 number. The Luhn
/// check digit covers the payload without padding (7 or 5 digits; subsidy.md §1.4).
///
/// ```
/// use pmh_core::ids::InsurerNumber;
/// let kyokai: InsurerNumber = "01130012".parse().unwrap(); // 協会けんぽ 東京
/// assert_eq!(kyokai.law_code().map(|l| l.code()), Some(1));
/// let kokuho: InsurerNumber = "  138057".parse().unwrap();
/// assert!(kokuho.is_kokuho());
/// assert_eq!(kokuho.as_str(), "138057");
/// assert_eq!(kokuho.as_padded_str(), "00138057");
/// assert_eq!(kokuho.law_code(), None);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InsurerNumber {
    /// 8 digits; a 国保 number is stored zero-padded ("00" + 6 digits).
    digits: [u8; 8],
    kokuho: bool,
}

impl InsurerNumber {
    pub(crate) fn validate(input: &str, sink: Sink<'_>) -> Option<Self> {
        let body = input.trim_start_matches(' ');
        let space_padded = body.len() != input.len();
        let read = DigitRead::<8>::new(body);
        if read.fullwidth {
            sink(&rules::FULLWIDTH_DIGITS);
        }
        if read.non_digit {
            sink(&rules::INSURER_NON_DIGIT);
        }
        let shape_ok = if space_padded {
            // Only the 8-character field form: spaces + 6 digits.
            read.count == 6 && input.chars().count() == 8
        } else {
            read.count == 6 || read.count == 8
        };
        if !shape_ok {
            sink(&rules::INSURER_LENGTH);
        }
        if read.non_digit || !shape_ok {
            return None;
        }
        let mut digits = *b"00000000";
        if read.count == 6 {
            digits[2..].copy_from_slice(&read.bytes[..6]);
        } else {
            digits = read.bytes;
        }
        let kokuho = &digits[..2] == b"00";
        // 国保 numbers are stored "00"-padded, so the prefecture is always at 2..4;
        // the padding is excluded from the check (it would add 0 anyway).
        let payload_start = if kokuho { 2 } else { 0 };
        let mut ok = true;
        if prefecture_at(&digits[2..4]).is_none() {
            sink(&rules::INSURER_PREFECTURE);
            ok = false;
        }
        if luhn_check_digit(&digits[payload_start..7]) != Some(digits[7] - b'0') {
            sink(&rules::INSURER_CHECK_DIGIT);
            ok = false;
        }
        ok.then_some(InsurerNumber { digits, kokuho })
    }

    /// Whether this is a 6-digit 国保 (National Health Insurance) number.
    pub fn is_kokuho(&self) -> bool {
        self.kokuho
    }

    /// 法別番号 (law code) of an 8-digit number; `None` for 国保.
    pub fn law_code(&self) -> Option<LawCode> {
        (!self.kokuho).then(|| LawCode(two_digits(&self.digits[..2])))
    }

    /// 都道府県番号 (prefecture).
    pub fn prefecture(&self) -> Prefecture {
        Prefecture(two_digits(&self.digits[2..4]))
    }

    /// 保険者別番号 (insurer serial number), 3 digits.
    pub fn serial(&self) -> &str {
        ascii_str(&self.digits[4..7])
    }

    /// 検証番号 (check digit).
    pub fn check_digit(&self) -> u8 {
        self.digits[7] - b'0'
    }

    /// Normalized form: 8 digits, or 6 digits for 国保 (padding removed).
    pub fn as_str(&self) -> &str {
        let start = if self.kokuho { 2 } else { 0 };
        ascii_str(&self.digits[start..])
    }

    /// 8-digit form; 国保 numbers left-padded with `"00"`.
    pub fn as_padded_str(&self) -> &str {
        ascii_str(&self.digits)
    }
}

super::string_traits!(InsurerNumber);

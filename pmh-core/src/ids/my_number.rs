//! 個人番号 (My Number).

use super::digits::{ascii_str, my_number_check_digit, read_fixed, Sink};
use super::rules;

/// 個人番号 (individual number, "My Number"): 11 digits + 検査用数字 (check digit;
/// 総務省令第85号 第5条, subsidy.md §1.7).
///
/// This is sensitive personal data, so, like a key in `ring`, it cannot leak by
/// accident: `Debug` and `Display` show only the last 4 digits
/// (`********3214`), there is no `Serialize`, error messages never contain it,
/// and the full value is reachable only through [`expose`](Self::expose).
///
/// ```
/// use pmh_core::ids::MyNumber;
/// let n: MyNumber = "983205673214".parse().unwrap();
/// assert_eq!(n.to_string(), "********3214");
/// assert_eq!(format!("{n:?}"), "MyNumber(********3214)");
/// assert_eq!(n.expose(), "983205673214");
/// assert!("983205673210".parse::<MyNumber>().is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MyNumber {
    digits: [u8; 12],
}

impl MyNumber {
    pub(crate) fn validate(input: &str, sink: Sink<'_>) -> Option<Self> {
        let digits: [u8; 12] = read_fixed(
            input,
            &rules::MYNUMBER_LENGTH,
            &rules::MYNUMBER_NON_DIGIT,
            sink,
        )?;
        let mut payload = [0u8; 11];
        payload.copy_from_slice(&digits[..11]);
        if my_number_check_digit(&payload) != Some(digits[11] - b'0') {
            sink(&rules::MYNUMBER_CHECK_DIGIT);
            return None;
        }
        Some(MyNumber { digits })
    }

    /// The full 12 digits. Handle with care: this is the only way to get them.
    pub fn expose(&self) -> &str {
        ascii_str(&self.digits)
    }

    /// The masked form, `********` followed by the last 4 digits.
    pub fn masked(&self) -> String {
        self.to_string()
    }

    fn last4(&self) -> &str {
        ascii_str(&self.digits[8..])
    }
}

impl std::fmt::Display for MyNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("********")?;
        f.write_str(self.last4())
    }
}

impl std::fmt::Debug for MyNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MyNumber({self})")
    }
}

impl std::str::FromStr for MyNumber {
    type Err = super::IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MyNumber::parse(s)
    }
}

impl MyNumber {
    /// Parses a 個人番号 (My Number); full-width digits are accepted.
    pub fn parse(input: &str) -> Result<Self, super::IdError> {
        super::first_error(
            |sink| MyNumber::validate(input, sink),
            &rules::MYNUMBER_LENGTH,
        )
    }

    /// Parses, recording every issue (including the full-width warning) in
    /// `report` at `path` (a JSON Pointer). Issues never contain the number.
    pub fn parse_reporting(
        input: &str,
        path: &str,
        report: &mut crate::validate::Report,
    ) -> Option<Self> {
        MyNumber::validate(input, &mut |r| report.push(r, path))
    }
}

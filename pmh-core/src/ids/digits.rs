//! Check-digit algorithms (検証番号 / 検査数字) and digit normalization.
//!
//! Inputs are ASCII digit bytes (`b'0'..=b'9'`); every function returns
//! `None` when a byte is not an ASCII digit. Nothing here allocates.
//!
//! - [`luhn_check_digit`]: the MHLW "2-1 weighting" (= Luhn mod 10) used by
//!   公費負担者番号, 受給者番号, 保険者番号 and 医療機関コード (subsidy.md §1.1).
//! - [`municipality_check_digit`]: 全国地方公共団体コード 検査数字 (§1.6),
//!   remainder 0 ⇒ 1, remainder 1 ⇒ 0.
//! - [`my_number_check_digit`]: 個人番号 検査用数字, 総務省令第85号 第5条 (§1.7),
//!   remainder 0 or 1 ⇒ 0.
//!
//! The two mod-11 rules differ only in remainder handling; keeping them as
//! separate functions makes that trap visible.

use crate::validate::Rule;

use super::rules;

/// Value of an ASCII digit byte.
#[inline]
const fn digit(b: u8) -> Option<u32> {
    if b.is_ascii_digit() {
        Some((b - b'0') as u32)
    } else {
        None
    }
}

/// 検証番号 (check digit) by the MHLW 2-1 weighting (Luhn) over `payload`.
///
/// Starting from the rightmost payload digit, digits are multiplied by
/// 2, 1, 2, 1, …; two-digit products add their digits; the check digit is
/// `(10 − sum mod 10) mod 10`.
///
/// ```
/// use pmh_core::ids::digits::luhn_check_digit;
/// // 公費負担者番号 88134457 (subsidy.md §1.1 worked example)
/// assert_eq!(luhn_check_digit(b"8813445"), Some(7));
/// assert_eq!(luhn_check_digit(b"12a"), None);
/// ```
pub fn luhn_check_digit(payload: &[u8]) -> Option<u8> {
    let mut sum = 0u32;
    let mut double = true;
    for &b in payload.iter().rev() {
        let d = digit(b)?;
        sum += if double {
            let p = d * 2;
            p / 10 + p % 10
        } else {
            d
        };
        double = !double;
    }
    Some(((10 - sum % 10) % 10) as u8)
}

/// 検査数字 (check digit) of a 全国地方公共団体コード (local government code)
/// from its 5-digit JIS X 0402 part.
///
/// Weights 6, 5, 4, 3, 2; `r = sum mod 11`; check = `(11 − r) mod 10`, so a
/// remainder of 0 gives 1 and a remainder of 1 gives 0.
///
/// ```
/// use pmh_core::ids::digits::municipality_check_digit;
/// assert_eq!(municipality_check_digit(b"13101"), Some(6)); // 千代田区 131016
/// ```
pub fn municipality_check_digit(jis: &[u8; 5]) -> Option<u8> {
    const WEIGHTS: [u32; 5] = [6, 5, 4, 3, 2];
    let mut sum = 0u32;
    for (&b, w) in jis.iter().zip(WEIGHTS) {
        sum += digit(b)? * w;
    }
    Some(((11 - sum % 11) % 10) as u8)
}

/// 検査用数字 (check digit) of a 個人番号 (My Number) from its first 11 digits.
///
/// Weights from the left 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2; `r = sum mod 11`;
/// check = `11 − r`, except `r ≤ 1` ⇒ 0 (総務省令第85号 第5条).
///
/// ```
/// use pmh_core::ids::digits::my_number_check_digit;
/// assert_eq!(my_number_check_digit(b"98320567321"), Some(4)); // 983205673214
/// ```
pub fn my_number_check_digit(payload: &[u8; 11]) -> Option<u8> {
    const WEIGHTS: [u32; 11] = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let mut sum = 0u32;
    for (&b, w) in payload.iter().zip(WEIGHTS) {
        sum += digit(b)? * w;
    }
    let r = sum % 11;
    Some(if r <= 1 { 0 } else { (11 - r) as u8 })
}

/// Maps one character to an ASCII digit byte: ASCII digits as they are,
/// full-width digits (U+FF10..U+FF19) to ASCII. Returns `(byte, was_fullwidth)`.
#[inline]
pub(crate) fn normalize_digit(c: char) -> Option<(u8, bool)> {
    match c {
        '0'..='9' => Some((c as u8, false)),
        '\u{FF10}'..='\u{FF19}' => Some((b'0' + (c as u32 - 0xFF10) as u8, true)),
        _ => None,
    }
}

/// Where issues go while validating: a closure taking each violated rule.
pub(crate) type Sink<'a> = &'a mut dyn FnMut(&Rule);

/// Up to `N` digits read from a string, with what was seen on the way.
pub(crate) struct DigitRead<const N: usize> {
    /// First `N` characters as ASCII digits (`b'?'` for a non-digit).
    pub bytes: [u8; N],
    /// Number of characters in the input.
    pub count: usize,
    /// Whether a character was not a digit.
    pub non_digit: bool,
    /// Whether a full-width digit was converted.
    pub fullwidth: bool,
}

impl<const N: usize> DigitRead<N> {
    /// Reads `input`; full-width digits become ASCII.
    pub fn new(input: &str) -> Self {
        let bytes = input.as_bytes();
        let mut out = DigitRead {
            bytes: [0u8; N],
            count: 0,
            non_digit: false,
            fullwidth: false,
        };
        // Happy path: plain ASCII digits, no per-char decoding.
        if bytes.len() <= N && bytes.iter().all(u8::is_ascii_digit) {
            out.bytes[..bytes.len()].copy_from_slice(bytes);
            out.count = bytes.len();
            return out;
        }
        for c in input.chars() {
            let b = match normalize_digit(c) {
                Some((b, fw)) => {
                    out.fullwidth |= fw;
                    b
                }
                None => {
                    out.non_digit = true;
                    b'?'
                }
            };
            if out.count < N {
                out.bytes[out.count] = b;
            }
            out.count += 1;
        }
        out
    }

    /// The digits read, when they all fit and all are digits.
    pub fn digits(&self) -> Option<&[u8]> {
        (!self.non_digit && self.count <= N).then(|| &self.bytes[..self.count])
    }
}

/// Reads exactly `N` digits (full-width accepted), reporting the full-width
/// warning, non-digits and a wrong length. `Some` only when the shape is right.
pub(crate) fn read_fixed<const N: usize>(
    input: &str,
    length: &Rule,
    non_digit: &Rule,
    sink: Sink<'_>,
) -> Option<[u8; N]> {
    let read = DigitRead::<N>::new(input);
    if read.fullwidth {
        sink(&rules::FULLWIDTH_DIGITS);
    }
    if read.non_digit {
        sink(non_digit);
    }
    if read.count != N {
        sink(length);
    }
    (!read.non_digit && read.count == N).then_some(read.bytes)
}

/// Prefecture number (都道府県番号) from two ASCII digits, when in 01-47.
#[inline]
pub(crate) fn prefecture_at(two: &[u8]) -> Option<u8> {
    let v = two_digits(two);
    (1..=47).contains(&v).then_some(v)
}

/// Value of two ASCII digits (caller guarantees digits).
#[inline]
pub(crate) fn two_digits(two: &[u8]) -> u8 {
    (two[0] - b'0') * 10 + (two[1] - b'0')
}

/// `&str` view of bytes known to be ASCII.
#[inline]
pub(crate) fn ascii_str(bytes: &[u8]) -> &str {
    // Only ever called on validated ASCII, so this never falls back.
    std::str::from_utf8(bytes).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_worked_examples() {
        // 8813445: 5×2=10→1, 4, 4×2=8, 3, 1×2=2, 8, 8×2=16→7 → 33 → 7
        assert_eq!(luhn_check_digit(b"8813445"), Some(7));
        // 361801001 (徳島大学病院, 10-digit scope) → 25 → 5
        assert_eq!(luhn_check_digit(b"361801001"), Some(5));
        // The bare 7-digit part 801001 would give 9 (§1.5): scope matters.
        assert_eq!(luhn_check_digit(b"801001"), Some(9));
        // Sum ≡ 0 mod 10 gives check digit 0, not 10: 000000 → 0.
        assert_eq!(luhn_check_digit(b"000000"), Some(0));
        // 19: 9×2=18→9, 1 → 10 → 0
        assert_eq!(luhn_check_digit(b"19"), Some(0));
        assert_eq!(luhn_check_digit(b"1x"), None);
        assert_eq!(luhn_check_digit(b""), Some(0));
    }

    #[test]
    fn municipality_remainders() {
        // 13101: 6+15+4+0+2 = 27, 27 mod 11 = 5 → 11−5 = 6
        assert_eq!(municipality_check_digit(b"13101"), Some(6));
        // 13000: 6+15 = 21, 21 mod 11 = 10 → 11−10 = 1
        assert_eq!(municipality_check_digit(b"13000"), Some(1));
        // r = 0: 13104: 6+15+4+0+8 = 33, 33 mod 11 = 0 → (11−0) mod 10 = 1
        assert_eq!(municipality_check_digit(b"13104"), Some(1));
        // r = 1: 13113: 6+15+4+3+6 = 34, 34 mod 11 = 1 → 11−1 = 10 → 0
        assert_eq!(municipality_check_digit(b"13113"), Some(0));
        assert_eq!(municipality_check_digit(b"1310a"), None);
    }

    #[test]
    fn my_number_remainders() {
        // 98320567321: 54+40+12+6+0+35+36+35+12+6+2 = 238, mod 11 = 7 → 4
        assert_eq!(my_number_check_digit(b"98320567321"), Some(4));
        // r = 0: 98320567306: 54+40+12+6+0+35+36+35+12+0+12 = 242 = 22×11 → 0
        assert_eq!(my_number_check_digit(b"98320567306"), Some(0));
        // r = 1: 98320567301: 54+40+12+6+0+35+36+35+12+0+2 = 232 = 21×11+1 → 0
        assert_eq!(my_number_check_digit(b"98320567301"), Some(0));
        // r = 10: 98320567300: 230 = 20×11+10 → 11−10 = 1
        assert_eq!(my_number_check_digit(b"98320567300"), Some(1));
        // PMH sample 21098765432: 12+5+0+27+16+49+36+25+16+9+4 = 199, mod 11 = 1 → 0
        assert_eq!(my_number_check_digit(b"21098765432"), Some(0));
    }

    #[test]
    fn fullwidth_normalization() {
        assert_eq!(normalize_digit('０'), Some((b'0', true)));
        assert_eq!(normalize_digit('９'), Some((b'9', true)));
        assert_eq!(normalize_digit('5'), Some((b'5', false)));
        assert_eq!(normalize_digit('Ａ'), None);
        let mut seen = Vec::new();
        let got = read_fixed::<3>(
            "１2３",
            &rules::PAYER_LENGTH,
            &rules::PAYER_NON_DIGIT,
            &mut |r| seen.push(r.code),
        );
        assert_eq!(got, Some(*b"123"));
        assert_eq!(seen, ["ids.fullwidth_digits"]);
    }
}

//! ECMAScript number serialization (RFC 8785 section 3.2.2.3).

use super::CanonError;
use serde_json::Number;

/// `2^53 - 1`, ECMAScript `Number.MAX_SAFE_INTEGER`, the end of the I-JSON
/// interoperable range: every integer of at most this magnitude is exactly a
/// double and no other integer rounds to the same double, so
/// [`canonicalize`](super::canonicalize) always accepts it. Larger integers
/// are accepted only when the double conversion leaves their text unchanged
/// (see the [module docs](super)).
///
/// ```
/// assert_eq!(pmh_core::canon::MAX_SAFE_INTEGER, 9_007_199_254_740_991);
/// ```
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Appends a double as ECMAScript `Number.prototype.toString` writes it, the
/// RFC 8785 number form: shortest round-trip digits, exponent form (`1e+21`,
/// `1e-7`) only below 1e-6 or from 1e21 on, and `-0` as `0`.
///
/// On error (NaN or an infinity) nothing is appended.
///
/// ```
/// use pmh_core::canon::canonicalize_f64;
///
/// let mut out = Vec::new();
/// for x in [4.50, 1e21, 2e-3, 1e-7, -0.0, 5e-324] {
///     canonicalize_f64(x, &mut out).unwrap();
///     out.push(b' ');
/// }
/// assert_eq!(out, b"4.5 1e+21 0.002 1e-7 0 5e-324 ");
/// assert!(canonicalize_f64(f64::NAN, &mut out).is_err());
/// ```
pub fn canonicalize_f64(value: f64, out: &mut Vec<u8>) -> Result<(), CanonError> {
    if !value.is_finite() {
        return Err(CanonError::NonFinite);
    }
    if value == 0.0 {
        // Covers -0, which ECMAScript prints as "0".
        out.push(b'0');
    } else {
        let mut buffer = ryu_js::Buffer::new();
        out.extend_from_slice(buffer.format(value).as_bytes());
    }
    Ok(())
}

/// Appends a `serde_json` number. Integers must survive JCS's conversion to
/// a double unchanged (see [`exact_as_double`]).
pub(super) fn write_number(number: &Number, out: &mut Vec<u8>) -> Result<(), CanonError> {
    if let Some(u) = number.as_u64() {
        if !exact_as_double(u) {
            return Err(CanonError::UnsafeInteger);
        }
        write_u64(u, out);
        Ok(())
    } else if let Some(i) = number.as_i64() {
        // Negative (non-negative integers are u64 in serde_json). Doubles and
        // their ECMAScript text are symmetric in sign.
        let magnitude = i.unsigned_abs();
        if !exact_as_double(magnitude) {
            return Err(CanonError::UnsafeInteger);
        }
        if magnitude != 0 {
            out.push(b'-');
        }
        write_u64(magnitude, out);
        Ok(())
    } else if let Some(f) = number.as_f64() {
        canonicalize_f64(f, out)
    } else {
        // Unreachable without serde_json's `arbitrary_precision`; refuse
        // rather than guess.
        Err(CanonError::NonFinite)
    }
}

/// Whether the integer `n` is written by JCS (which converts it to the
/// nearest double and prints that as ECMAScript does) as its own digits.
///
/// True for every `n` up to [`MAX_SAFE_INTEGER`]; beyond it, only for those
/// that are exactly the ECMAScript form of a double (`9007199254740992`,
/// `10^17`, `1152921504606847000`), never for one that rounds
/// (`9007199254740993`, `2^60 = 1152921504606846976`). Checking the text,
/// not just exactness as a double, keeps canonical output a fixed point:
/// ECMAScript prints `2^60` as `1152921504606847000`, which must be accepted
/// when read back.
fn exact_as_double(n: u64) -> bool {
    if n <= MAX_SAFE_INTEGER {
        return true;
    }
    // Round to nearest, ties to even: the same conversion as ECMAScript's.
    let double = n as f64;
    let mut buffer = ryu_js::Buffer::new();
    let text = buffer.format(double);
    let mut digits = Vec::with_capacity(20);
    write_u64(n, &mut digits);
    text.as_bytes() == digits.as_slice()
}

/// Integers up to 2^53 print the same as ECMAScript prints the equal double
/// (plain digits below 1e21), so they skip the float formatter.
fn write_u64(mut n: u64, out: &mut Vec<u8>) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        // `n % 10` < 10, so the cast cannot truncate.
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

//! JSON canonicalization (RFC 8785 JCS) and strict parsing of untrusted JSON.
//!
//! Signatures in pmh are computed over the **canonical bytes** of a JSON value,
//! so two parties that hold the same value always sign and verify the same
//! bytes. This module has two halves:
//!
//! - [`parse_strict`] / [`parse_strict_str`]: parse untrusted input into a
//!   [`serde_json::Value`], rejecting everything RFC 8785 (via I-JSON, RFC 7493)
//!   forbids and everything that lets two parsers disagree about one document:
//!   duplicate member names (serde_json alone silently keeps the last one, a
//!   known signature-bypass class), lone surrogate escapes, numbers outside the
//!   IEEE-754 double range, invalid UTF-8, trailing data, and input that is too
//!   large or too deeply nested ([`Limits`]).
//! - [`canonicalize`] / [`canonicalize_into`]: write the RFC 8785 form of a
//!   value: no whitespace, object members sorted by their names' UTF-16 code
//!   units (not UTF-8 bytes, not code points, not locale), strings escaped as
//!   ECMAScript `JSON.stringify` does, numbers as ECMAScript
//!   `Number.prototype.toString` prints them (via the `ryu-js` crate).
//!
//! # Integers beyond 2^53
//!
//! JCS treats every number as an IEEE-754 double, so the integer
//! `9007199254740993` (2^53 + 1) would be written as `9007199254740992`: the
//! signed bytes would then say something other than what the application reads
//! from the `Value` (which keeps integers exactly), and two different documents
//! would share one signature. pmh therefore **rejects an integer that the
//! double conversion would change**, with [`CanonError::UnsafeInteger`]
//! (`canon.unsafe_integer`), instead of silently rounding it:
//!
//! - every integer within ±(2^53 − 1) ([`MAX_SAFE_INTEGER`], the I-JSON range)
//!   is accepted and written exactly;
//! - a larger one is accepted only if it is already the ECMAScript form of a
//!   double (`9007199254740992`, `100000000000000000`, and
//!   `1152921504606847000`, which is how ECMAScript prints 2^60), so canonical
//!   output always reads back and canonicalizes to itself;
//! - any other (`9007199254740993`, `18446744073709551615`) is an error. Send
//!   such identifiers as strings.
//!
//! A number written with a fraction or an exponent (`1e300`,
//! `9007199254740993.0`), or an integer literal beyond the `u64`/`i64` range,
//! is read by serde_json as a double, both in the `Value` and in the canonical
//! form, so it is accepted and printed as that double.
//!
//! No Unicode normalization is done: canonicalization never changes the
//! characters of a string (normalizing is a producer's decision, made before
//! signing).
//!
//! Error messages never contain input text (which may be personal data), only
//! positions and limits.
//!
//! ```
//! use pmh_core::canon::{canonicalize_json, JsonError, CanonError};
//!
//! let bytes = canonicalize_json(br#"{"b": [1E30, 4.50], "a": "\u20ac"}"#).unwrap();
//! assert_eq!(bytes, "{\"a\":\"€\",\"b\":[1e+30,4.5]}".as_bytes());
//!
//! let err = canonicalize_json(br#"{"a": 1, "a": 2}"#).unwrap_err();
//! assert_eq!(err, CanonError::Json(JsonError::DuplicateKey));
//! assert_eq!(err.code(), "json.duplicate_key");
//! ```

mod number;
mod strict;
#[cfg(test)]
mod tests;

use serde_json::Value;
use std::cmp::Ordering;

pub use number::{canonicalize_f64, MAX_SAFE_INTEGER};
pub use strict::{parse_strict, parse_strict_str};

/// Deepest nesting of arrays and objects that [`canonicalize`] writes.
///
/// Values built in code (not parsed) can be nested arbitrarily; this bound keeps
/// the recursive writer from exhausting the stack. It is far above anything
/// [`parse_strict`] accepts.
pub const MAX_CANON_DEPTH: usize = 512;

/// Limits for untrusted JSON input.
///
/// ```
/// use pmh_core::canon::Limits;
///
/// let limits = Limits::default();
/// assert_eq!(limits, Limits { max_bytes: 1_048_576, max_depth: 64 });
/// let small = Limits { max_bytes: 4096, ..Limits::default() };
/// assert_eq!(small.max_depth, 64);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted input, in bytes (inclusive).
    pub max_bytes: usize,
    /// Deepest accepted nesting of arrays and objects (inclusive): `0` allows
    /// only scalars, `1` allows `[1]` but not `[[1]]`. The underlying parser
    /// stops at 127 levels whatever this says, so larger values act as 127.
    pub max_depth: usize,
}

impl Limits {
    /// The default limits: 1 MiB and 64 levels of nesting.
    pub const DEFAULT: Limits = Limits {
        max_bytes: 1_048_576,
        max_depth: 64,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Why untrusted JSON input was rejected by [`parse_strict`].
///
/// Each variant has a stable code ([`JsonError::code`]). Messages contain no
/// input text.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonError {
    /// The input is larger than [`Limits::max_bytes`] (`json.too_large`).
    #[error("JSON input of {len} bytes exceeds the limit of {max} bytes")]
    TooLarge {
        /// Size of the input, in bytes.
        len: usize,
        /// The limit that was exceeded.
        max: usize,
    },
    /// Arrays and objects are nested deeper than [`Limits::max_depth`]
    /// (`json.too_deep`).
    #[error("JSON arrays and objects are nested deeper than the limit")]
    TooDeep,
    /// The input is not valid UTF-8 (`json.invalid_utf8`).
    #[error("JSON input is not valid UTF-8")]
    InvalidUtf8,
    /// An object has two members with the same name (`json.duplicate_key`).
    #[error("JSON object has a duplicate member name")]
    DuplicateKey,
    /// A string contains a `\uD800`–`\uDFFF` escape that is not part of a
    /// valid surrogate pair (`json.lone_surrogate`).
    #[error("JSON string contains a lone UTF-16 surrogate escape")]
    LoneSurrogate,
    /// A number is outside the range of IEEE-754 doubles, e.g. `1e400`
    /// (`json.non_finite`).
    #[error("JSON number is outside the range of IEEE-754 doubles")]
    NonFinite,
    /// The input is not JSON: a syntax error, unexpected end of input or
    /// trailing data (`json.syntax`).
    #[error("invalid JSON syntax at line {line}, column {column}")]
    Syntax {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1 (0 when the input is empty).
        column: usize,
    },
}

impl JsonError {
    /// Stable machine-readable code, e.g. `"json.duplicate_key"`.
    ///
    /// ```
    /// use pmh_core::canon::{parse_strict, JsonError, Limits};
    ///
    /// let err = parse_strict(b"[1] x", &Limits::default()).unwrap_err();
    /// assert_eq!(err.code(), "json.syntax");
    /// assert_eq!(JsonError::TooDeep.code(), "json.too_deep");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            JsonError::TooLarge { .. } => "json.too_large",
            JsonError::TooDeep => "json.too_deep",
            JsonError::InvalidUtf8 => "json.invalid_utf8",
            JsonError::DuplicateKey => "json.duplicate_key",
            JsonError::LoneSurrogate => "json.lone_surrogate",
            JsonError::NonFinite => "json.non_finite",
            JsonError::Syntax { .. } => "json.syntax",
        }
    }
}

/// Why a value has no RFC 8785 canonical form (or, for [`canonicalize_json`],
/// why its input was rejected).
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CanonError {
    /// An integer that JCS's conversion to a double would change, such as
    /// 2^53 + 1 (`canon.unsafe_integer`). See the [module docs](self).
    #[error("integer cannot be represented exactly as an IEEE-754 double")]
    UnsafeInteger,
    /// NaN or an infinity (`canon.non_finite`). A `serde_json::Value` cannot
    /// hold one; [`canonicalize_f64`] can be given one.
    #[error("NaN and infinities have no JSON form")]
    NonFinite,
    /// Arrays and objects nested deeper than [`MAX_CANON_DEPTH`]
    /// (`canon.too_deep`).
    #[error("arrays and objects are nested too deeply to canonicalize")]
    TooDeep,
    /// The input of [`canonicalize_json`] was rejected by the strict parser;
    /// the code is the inner error's (`json.*`).
    #[error(transparent)]
    Json(#[from] JsonError),
}

impl CanonError {
    /// Stable machine-readable code: `"canon.*"`, or the wrapped
    /// [`JsonError::code`] (`"json.*"`).
    ///
    /// ```
    /// use pmh_core::canon::{canonicalize, canonicalize_json};
    ///
    /// let big = serde_json::json!({ "n": 9_007_199_254_740_993u64 });
    /// assert_eq!(canonicalize(&big).unwrap_err().code(), "canon.unsafe_integer");
    /// assert_eq!(canonicalize_json(b"1e400").unwrap_err().code(), "json.non_finite");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            CanonError::UnsafeInteger => "canon.unsafe_integer",
            CanonError::NonFinite => "canon.non_finite",
            CanonError::TooDeep => "canon.too_deep",
            CanonError::Json(e) => e.code(),
        }
    }
}

/// RFC 8785 canonical bytes of a value.
///
/// Object members are sorted by UTF-16 code units whatever the `Map`'s order.
///
/// ```
/// use pmh_core::canon::canonicalize;
/// use serde_json::json;
///
/// let v = json!({ "b": -0.0, "a": [true, null, 1e21, 0.000001, 1e-7], "\u{20ac}": "\n" });
/// assert_eq!(
///     canonicalize(&v).unwrap(),
///     "{\"a\":[true,null,1e+21,0.000001,1e-7],\"b\":0,\"€\":\"\\n\"}".as_bytes()
/// );
/// ```
pub fn canonicalize(value: &Value) -> Result<Vec<u8>, CanonError> {
    let mut out = Vec::with_capacity(256);
    canonicalize_into(value, &mut out)?;
    Ok(out)
}

/// Appends the RFC 8785 canonical bytes of `value` to `out`.
///
/// On error `out` is left as it was (nothing is appended).
///
/// ```
/// use pmh_core::canon::canonicalize_into;
///
/// let mut out = b"prefix:".to_vec();
/// canonicalize_into(&serde_json::json!({"z": 1, "a": 2}), &mut out).unwrap();
/// assert_eq!(out, b"prefix:{\"a\":2,\"z\":1}");
///
/// let too_big = serde_json::json!([1, u64::MAX]);
/// assert!(canonicalize_into(&too_big, &mut out).is_err());
/// assert_eq!(out, b"prefix:{\"a\":2,\"z\":1}");
/// ```
pub fn canonicalize_into(value: &Value, out: &mut Vec<u8>) -> Result<(), CanonError> {
    let start = out.len();
    let result = write_value(value, out, 0);
    if result.is_err() {
        out.truncate(start);
    }
    result
}

/// [`parse_strict`] with [`Limits::default`], then [`canonicalize`].
///
/// ```
/// use pmh_core::canon::canonicalize_json;
///
/// let out = canonicalize_json(b"{ \"numbers\": [333333333.33333329, 2e-3] }").unwrap();
/// assert_eq!(out, b"{\"numbers\":[333333333.3333333,0.002]}");
/// assert_eq!(canonicalize_json(b"\"\\ud800\"").unwrap_err().code(), "json.lone_surrogate");
/// ```
pub fn canonicalize_json(bytes: &[u8]) -> Result<Vec<u8>, CanonError> {
    let value = parse_strict(bytes, &Limits::default())?;
    let mut out = Vec::with_capacity(bytes.len());
    canonicalize_into(&value, &mut out)?;
    Ok(out)
}

/// Appends `s` as an RFC 8785 JSON string (quotes included) to `out`.
///
/// Only `"` `\` and the controls U+0000–U+001F are escaped (`\b \t \n \f \r`
/// by name, the others as `\u00xx` with lowercase hex); everything else,
/// including DEL, U+2028 and U+2029, is written as literal UTF-8.
///
/// ```
/// use pmh_core::canon::canonicalize_str;
///
/// let mut out = Vec::new();
/// canonicalize_str("a\"\\\u{1}\u{1f}\t/\u{2028}", &mut out);
/// assert_eq!(out, "\"a\\\"\\\\\\u0001\\u001f\\t/\u{2028}\"".as_bytes());
/// ```
pub fn canonicalize_str(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape = ESCAPE[usize::from(b)];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        if escape == b'u' {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0x0f)]);
        } else {
            out.push(b'\\');
            out.push(escape);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// For each byte, 0 when it is written as is, else the letter after the
/// backslash (`u` for `\u00xx`). Multi-byte UTF-8 sequences only contain bytes
/// ≥ 0x80, so they are always copied.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = b'u';
        i += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Compares two strings by their UTF-16 code units, the member order of
/// RFC 8785 (and of ECMAScript's default sort), without allocating.
///
/// UTF-8 byte order equals code-point order, which differs from UTF-16 order
/// only between U+E000–U+FFFF and supplementary characters (≥ U+10000, which
/// UTF-16 writes with surrogates 0xD800–0xDBFF, so they sort first).
///
/// ```
/// use pmh_core::canon::cmp_utf16;
/// use std::cmp::Ordering;
///
/// assert_eq!(cmp_utf16("a", "b"), Ordering::Less);
/// // U+1F600 is 0xD83D 0xDE00 in UTF-16: before U+E000, though its code point is larger.
/// assert_eq!(cmp_utf16("\u{1f600}", "\u{e000}"), Ordering::Less);
/// assert_eq!(cmp_utf16("ab", "a"), Ordering::Greater);
/// ```
pub fn cmp_utf16(a: &str, b: &str) -> Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    match x.iter().zip(y).position(|(p, q)| p != q) {
        None => x.len().cmp(&y.len()),
        Some(i) => {
            // Both strings agree before `i`, so `i` is a lead byte in both or a
            // continuation byte in both. Same lead byte means same UTF-16 class,
            // where byte order is right. Lead bytes 0xEE/0xEF start
            // U+E000–U+FFFF; 0xF0–0xF4 start supplementary characters.
            let (p, q) = (x[i], y[i]);
            let supplementary_vs_high_bmp = |s: u8, t: u8| s >= 0xF0 && (t == 0xEE || t == 0xEF);
            if supplementary_vs_high_bmp(p, q) {
                Ordering::Less
            } else if supplementary_vs_high_bmp(q, p) {
                Ordering::Greater
            } else {
                p.cmp(&q)
            }
        }
    }
}

fn write_value(value: &Value, out: &mut Vec<u8>, depth: usize) -> Result<(), CanonError> {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => number::write_number(n, out)?,
        Value::String(s) => canonicalize_str(s, out),
        Value::Array(items) => {
            if depth >= MAX_CANON_DEPTH {
                return Err(CanonError::TooDeep);
            }
            out.push(b'[');
            let mut first = true;
            for item in items {
                if !first {
                    out.push(b',');
                }
                first = false;
                write_value(item, out, depth + 1)?;
            }
            out.push(b']');
        }
        Value::Object(map) => {
            if depth >= MAX_CANON_DEPTH {
                return Err(CanonError::TooDeep);
            }
            out.push(b'{');
            // Input that is already canonical (a verifier re-canonicalizing what
            // it received) needs no sorting and no allocation.
            let sorted = map
                .keys()
                .zip(map.keys().skip(1))
                .all(|(a, b)| cmp_utf16(a, b) == Ordering::Less);
            if sorted {
                write_members(map.iter(), out, depth)?;
            } else {
                let mut members: Vec<(&String, &Value)> = map.iter().collect();
                // Names in a map are unique, so an unstable sort is deterministic.
                members.sort_unstable_by(|a, b| cmp_utf16(a.0, b.0));
                write_members(members.into_iter(), out, depth)?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

fn write_members<'a>(
    members: impl Iterator<Item = (&'a String, &'a Value)>,
    out: &mut Vec<u8>,
    depth: usize,
) -> Result<(), CanonError> {
    let mut first = true;
    for (name, member) in members {
        if !first {
            out.push(b',');
        }
        first = false;
        canonicalize_str(name, out);
        out.push(b':');
        write_value(member, out, depth + 1)?;
    }
    Ok(())
}

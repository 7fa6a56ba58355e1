//! JSON documents: RFC 8785 canonical form, JSON Pointer look-ups, and the
//! strict reading every JSON input of pmh goes through.
//!
//! Every JSON input of the document calls (`pmh_validate`, `pmh_subsidy_*`,
//! `pmh_cap_ledger_*`, `pmh_canonicalize`, `pmh_json_get`) is read strictly:
//! UTF-8 text (else `PMH_INVALID_UTF8`), at most `PMH_JSON_MAX_BYTES` bytes
//! and 64 levels of nesting, no duplicate member names, no lone surrogates,
//! no numbers beyond the double range, nothing after the document. A refusal
//! is `PMH_JSON_ERROR` with the `json.*` code as the last-error message
//! (`json.syntax`, `json.duplicate_key`, `json.too_large`, `json.too_deep`,
//! `json.lone_surrogate`, `json.non_finite`) and, for `json.syntax`, the
//! line and column in `pmh_last_error_position`. Messages never quote the
//! input.

use std::ffi::c_char;

use pmh_core::canon::{self, parse_strict_str, CanonError, JsonError, Limits};
use pmh_core::subsidy::ledger::LedgerError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::{Failure, FfiResult};
use crate::ffi::{input_str, out_string};
use crate::panic::boundary;
use crate::status::pmh_status;

/// Largest JSON input (bytes) the document calls accept (16 MiB); larger
/// input is `PMH_JSON_ERROR` with `json.too_large`.
pub const PMH_JSON_MAX_BYTES: usize = 16_777_216;

/// The limits of every JSON input.
const LIMITS: Limits = Limits {
    max_bytes: PMH_JSON_MAX_BYTES,
    max_depth: 64,
};

/// `PMH_JSON_ERROR` with the code (and position) of a strict-parse refusal.
fn json_failure(e: &JsonError) -> Failure {
    let failure = Failure::new(pmh_status::PMH_JSON_ERROR, e.code());
    match *e {
        JsonError::Syntax { line, column } => failure.at(line, column),
        _ => failure,
    }
}

/// Parses untrusted JSON text strictly.
pub(crate) fn parse(text: &str) -> FfiResult<Value> {
    parse_strict_str(text, &LIMITS).map_err(|e| json_failure(&e))
}

/// The cap-ledger refusals a ledger can report while it is being read.
const LEDGER_ERRORS: [LedgerError; 9] = [
    LedgerError::Conflict,
    LedgerError::Month,
    LedgerError::OtherLedger,
    LedgerError::Caps,
    LedgerError::Negative,
    LedgerError::ChargedExceedsDue,
    LedgerError::Id,
    LedgerError::Overflow,
    LedgerError::MonthFormat,
];

/// Reads `text` (already accepted by [`parse`]) as a `T`. A mismatch is
/// `status` with `code` at the line and column serde reports; when a cap
/// ledger refused its own content (its message starts with a
/// `subsidy.ledger.*` code), that code instead. serde's message itself is
/// never passed on: it can quote the input.
pub(crate) fn typed<T: DeserializeOwned>(
    text: &str,
    status: pmh_status,
    code: &'static str,
) -> FfiResult<T> {
    serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let code = LEDGER_ERRORS
            .iter()
            .map(|l| l.code())
            .find(|c| message.starts_with(c) && message[c.len()..].starts_with(':'))
            .unwrap_or(code);
        Failure::new(status, code).at(e.line(), e.column())
    })
}

/// Serializes a result for the caller.
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> FfiResult<String> {
    serde_json::to_string(value).map_err(|_| {
        Failure::new(
            pmh_status::PMH_JSON_ERROR,
            "the result could not be serialized",
        )
    })
}

/// Writes the RFC 8785 (JCS) canonical form of a JSON document: the bytes
/// pmh signs. Object members sorted by UTF-16 code units, no whitespace,
/// numbers and strings as ECMAScript prints them.
///
/// The input is read strictly, as every JSON input of pmh's document calls:
/// at most `PMH_JSON_MAX_BYTES` bytes (`json.too_large`) and 64 levels of
/// nesting (`json.too_deep`); duplicate member names
/// (`json.duplicate_key`), lone surrogate escapes (`json.lone_surrogate`),
/// numbers beyond the double range (`json.non_finite`), syntax errors and
/// trailing data (`json.syntax`, with its line and column in
/// `pmh_last_error_position`) are refused. Integers beyond ±(2^53 − 1) that
/// a double cannot hold exactly are refused rather than rounded
/// (`canon.unsafe_integer`): send such identifiers as strings.
///
/// On `PMH_OK`, `*out_json` receives the canonical JSON (UTF-8, NUL-terminated;
/// free it with `pmh_string_free`) and `*out_len` its length. Errors:
/// `PMH_JSON_ERROR` (a `json.*` code, or `canon.unsafe_integer`),
/// `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8`, `PMH_INVALID_ARGUMENT`
/// (length). Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_canonicalize(
    json: *const u8,
    len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let json = input_str!(json, len)?;
        let out = out_string!(out_json, out_len)?;
        let value = parse(json)?;
        let bytes = canon::canonicalize(&value)
            .map_err(|e: CanonError| Failure::new(pmh_status::PMH_JSON_ERROR, e.code()))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Failure::new(
                pmh_status::PMH_INTERNAL_ERROR,
                "the canonical form is not UTF-8",
            )
        })?;
        out.write(text)
    })
}

/// Extracts the value at a JSON Pointer (RFC 6901, e.g. `/patientPays`,
/// `/ledgerEntries/0`, `/envelope/payload/certificates/0`; `~1` stands for
/// `/` and `~0` for `~` in member names; the empty pointer is the whole
/// document) from a JSON document, for callers without a JSON library.
///
/// On `PMH_OK`, `*out_json` receives the value as compact JSON (UTF-8,
/// NUL-terminated; free it with `pmh_string_free`), and `*out_len` its
/// length: a number as its digits (`2470`), `true`/`false`/`null`, a string
/// with its quotes and escapes (`"2024-05"`), an object or array as compact
/// JSON with the members in input order.
///
/// Errors: `PMH_NOT_FOUND` (nothing at `pointer`), `PMH_INVALID_ARGUMENT`
/// (`pointer` is neither empty nor starts with `/`), `PMH_JSON_ERROR` (`json`
/// is not strict JSON), `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8`.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_json_get(
    json: *const u8,
    json_len: usize,
    pointer: *const u8,
    pointer_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let json = input_str!(json, json_len)?;
        let pointer = input_str!(pointer, pointer_len)?;
        let out = out_string!(out_json, out_len)?;
        if !(pointer.is_empty() || pointer.starts_with('/')) {
            return Err(Failure::new(
                pmh_status::PMH_INVALID_ARGUMENT,
                "a JSON Pointer must be empty or start with `/`",
            ));
        }
        let value = parse(json)?;
        let found = value.pointer(pointer).ok_or(Failure::new(
            pmh_status::PMH_NOT_FOUND,
            "nothing at this JSON Pointer",
        ))?;
        out.write(to_string(found)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(
        f: impl FnOnce(*mut *mut c_char, *mut usize) -> pmh_status,
    ) -> Result<String, pmh_status> {
        let mut p: *mut c_char = std::ptr::null_mut();
        let mut n = 0usize;
        let status = f(&mut p, &mut n);
        if status != pmh_status::PMH_OK {
            return Err(status);
        }
        // SAFETY: on PMH_OK `p` is a NUL-terminated string returned by pmh.
        let s = unsafe { std::ffi::CStr::from_ptr(p) }
            .to_str()
            .unwrap()
            .to_owned();
        crate::string::pmh_string_free(p);
        assert_eq!(s.len(), n);
        Ok(s)
    }

    #[test]
    fn canonical_form() {
        let input = br#"{"b": [1E30, 4.50], "a": "\u20ac"}"#;
        let got = call(|o, n| pmh_canonicalize(input.as_ptr(), input.len(), o, n));
        assert_eq!(got.unwrap(), "{\"a\":\"€\",\"b\":[1e+30,4.5]}");
        let dup = br#"{"a": 1, "a": 2}"#;
        let got = call(|o, n| pmh_canonicalize(dup.as_ptr(), dup.len(), o, n));
        assert_eq!(got, Err(pmh_status::PMH_JSON_ERROR));
        assert_eq!(
            crate::error::last_error().map(|f| f.detail),
            Some("json.duplicate_key")
        );
        let big = br#"[9007199254740993]"#;
        let got = call(|o, n| pmh_canonicalize(big.as_ptr(), big.len(), o, n));
        assert_eq!(got, Err(pmh_status::PMH_JSON_ERROR));
        assert_eq!(
            crate::error::last_error().map(|f| f.detail),
            Some("canon.unsafe_integer")
        );
        let bad = b"{\n  \"a\": 1,\n  x}";
        let got = call(|o, n| pmh_canonicalize(bad.as_ptr(), bad.len(), o, n));
        assert_eq!(got, Err(pmh_status::PMH_JSON_ERROR));
        assert_eq!(
            crate::error::last_error().and_then(|f| f.position),
            Some((3, 3))
        );
    }

    #[test]
    fn pointers() {
        let doc = br#"{"a": {"b/c": [1, "x", null]}, "n": 2470}"#;
        let get =
            |p: &str| call(|o, n| pmh_json_get(doc.as_ptr(), doc.len(), p.as_ptr(), p.len(), o, n));
        assert_eq!(get("/n").unwrap(), "2470");
        assert_eq!(get("/a/b~1c/1").unwrap(), "\"x\"");
        assert_eq!(get("/a/b~1c").unwrap(), "[1,\"x\",null]");
        assert_eq!(get("").unwrap(), r#"{"a":{"b/c":[1,"x",null]},"n":2470}"#);
        assert_eq!(get("/a/b~1c/3"), Err(pmh_status::PMH_NOT_FOUND));
        assert_eq!(get("n"), Err(pmh_status::PMH_INVALID_ARGUMENT));
    }

    #[test]
    fn ledger_codes_are_recognized() {
        let json = r#"{"payerNumber": "54136015", "month": "2024-05", "entries": [{"id": "x",
            "date": "2024-04-30", "institutionCode": "1310000011", "setting": "outpatient",
            "totalCost": 0, "copayDue": 0, "charged": 0}]}"#;
        let err = typed::<pmh_core::subsidy::ledger::CapLedger>(
            json,
            pmh_status::PMH_SUBSIDY_INVALID_REQUEST,
            "subsidy.ledger.shape",
        )
        .unwrap_err();
        assert_eq!(err.detail, "subsidy.ledger.month");
        // `subsidy.ledger.month_format` is not mistaken for `subsidy.ledger.month`.
        let json = r#"{"payerNumber": "54136015", "month": "2024-5"}"#;
        let err = typed::<pmh_core::subsidy::ledger::CapLedger>(
            json,
            pmh_status::PMH_SUBSIDY_INVALID_REQUEST,
            "subsidy.ledger.shape",
        )
        .unwrap_err();
        assert_eq!(err.detail, "subsidy.ledger.month_format");
        assert_eq!(err.position.map(|p| p.0), Some(1));
    }
}

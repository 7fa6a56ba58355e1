//! Validation of any message or record type: one call for the whole table
//! of types (`pmh_core::messages`), so every domain's documents (subsidy
//! certificates and messages, immunization, checkup, ...) are covered as
//! soon as the linked library knows them.
//!
//! Design: `pmh_validate` returns `PMH_OK` whenever it produced a report,
//! whatever the report says; the verdict is the report's `"ok"` member and
//! the optional `*out_errors` count (0 = valid). A status other than
//! `PMH_OK` means no report could be made: the input is not strict JSON
//! (`PMH_JSON_ERROR`) or the type is unknown (`PMH_UNKNOWN_TYPE`). So the
//! out-parameter rule (written only on `PMH_OK`) holds and an invalid
//! document always comes with every issue found.

use std::ffi::c_char;

use pmh_core::messages::{self, DocumentType};
use serde_json::json;

use crate::error::Failure;
use crate::ffi::{input_str, out_string};
use crate::json::{parse, to_string};
use crate::panic::boundary;
use crate::status::pmh_status;

/// Validates a JSON document as the message or record type `type_name`
/// (e.g. `subsidy.certificate`, `subsidy.certificate.register`,
/// `subsidy.copayment.record`; `pmh_validate_types` lists them) and returns
/// the report with every issue found in one pass.
///
/// On `PMH_OK` a report was produced, whether or not the document is valid:
/// `*out_report_json` receives it (UTF-8 JSON, NUL-terminated; free it with
/// `pmh_string_free`) and `*out_len` its length, e.g.
/// `{"ok":false,"errors":1,"warnings":0,"issues":[{"code":"subsidy.certificate.required","path":"/myNumber","severity":"error","messageJa":"…","messageEn":"…"}]}`.
/// `ok` is true when no issue is an error (warnings allowed). `out_errors`
/// may be NULL; otherwise on `PMH_OK` `*out_errors` receives the number of
/// errors (0: the document is valid). Issue messages are static text: they
/// never contain the document's values.
///
/// The document is read strictly (see `pmh_canonicalize`): input that is not
/// strict JSON (duplicate member names, trailing data, ...) is
/// `PMH_JSON_ERROR` with the `json.*` code as the last-error message (and
/// the position in `pmh_last_error_position` for `json.syntax`).
///
/// Errors: `PMH_UNKNOWN_TYPE` (`type_name` is not a known type),
/// `PMH_JSON_ERROR`, `PMH_NULL_PARAMETER` (`type_name`, `json`,
/// `out_report_json`, `out_len`), `PMH_INVALID_UTF8`, `PMH_INVALID_ARGUMENT`
/// (length). Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_validate(
    type_name: *const u8,
    type_len: usize,
    json: *const u8,
    json_len: usize,
    out_report_json: *mut *mut c_char,
    out_len: *mut usize,
    out_errors: *mut usize,
) -> pmh_status {
    boundary(|| {
        let type_name = input_str!(type_name, type_len)?;
        let json = input_str!(json, json_len)?;
        let out = out_string!(out_report_json, out_len)?;
        let errors = crate::ffi::optional_out(out_errors);
        let document_type = find_type(type_name).ok_or(Failure::new(
            pmh_status::PMH_UNKNOWN_TYPE,
            "unknown message or record type (see pmh_validate_types)",
        ))?;
        let value = parse(json)?;
        let report = (document_type.validate)(&value);
        let text = to_string(&report)?;
        out.write(text)?;
        if let Some(errors) = errors {
            errors.write(report.error_count());
        }
        Ok(())
    })
}

/// The message type or record type `name` (the lookup of
/// `pmh_core::messages::validate`).
fn find_type(name: &str) -> Option<&'static DocumentType> {
    messages::message_type(name).or_else(|| messages::record_type(name))
}

/// Lists the message and record types `pmh_validate` knows in this library,
/// as a JSON array:
/// `[{"name":"subsidy.certificate","kind":"record","summary":"…"},{"name":"subsidy.certificate.register","kind":"message","summary":"…"},…]`.
/// Message types are payloads that travel in envelopes; record types are
/// single documents.
///
/// On `PMH_OK`, `*out_json` receives the list (UTF-8, NUL-terminated; free it
/// with `pmh_string_free`) and `*out_len` its length. Errors:
/// `PMH_NULL_PARAMETER`. Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_validate_types(
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let out = out_string!(out_json, out_len)?;
        let kinds = messages::RECORD_TYPES
            .iter()
            .map(|t| (t, "record"))
            .chain(messages::MESSAGE_TYPES.iter().map(|t| (t, "message")));
        let list: Vec<_> = kinds
            .map(|(t, kind)| json!({"name": t.name, "kind": kind, "summary": t.summary}))
            .collect();
        out.write(to_string(&list)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_is_found() {
        for t in messages::MESSAGE_TYPES.iter().chain(messages::RECORD_TYPES) {
            assert!(find_type(t.name).is_some(), "{}", t.name);
        }
        assert!(find_type("no.such.type").is_none());
    }

    #[test]
    fn report_and_error_count() {
        let t = "subsidy.certificate";
        let doc = "{}";
        let mut p: *mut c_char = std::ptr::null_mut();
        let mut n = 0usize;
        let mut errors = 0usize;
        let status = pmh_validate(
            t.as_ptr(),
            t.len(),
            doc.as_ptr(),
            doc.len(),
            &mut p,
            &mut n,
            &mut errors,
        );
        assert_eq!(status, pmh_status::PMH_OK);
        // SAFETY: on PMH_OK `p` is a NUL-terminated string returned by pmh.
        let text = unsafe { std::ffi::CStr::from_ptr(p) }
            .to_str()
            .unwrap()
            .to_owned();
        crate::string::pmh_string_free(p);
        assert!(text.starts_with("{\"ok\":false,"), "{text}");
        assert!(errors > 0);
        let status = pmh_validate(
            t.as_ptr(),
            t.len(),
            doc.as_ptr(),
            doc.len(),
            &mut p,
            &mut n,
            std::ptr::null_mut(),
        );
        assert_eq!(status, pmh_status::PMH_OK);
        crate::string::pmh_string_free(p);
    }
}

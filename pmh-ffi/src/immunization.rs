//! 予防接種 (routine immunization): evaluation of a person's history against
//! the schedule, with the forecast of each vaccine's next dose.
//!
//! The history goes in and the evaluation comes out as JSON (the wire forms
//! of `pmh_core::immunization`), read strictly (see `pmh_canonicalize`).
//! An invalid history is `PMH_IMMUNIZATION_INVALID_HISTORY` with the code of
//! its first error; `pmh_validate` gives the full report.

use std::ffi::c_char;

use pmh_core::calendar;
use pmh_core::immunization::evaluate_json;

use crate::error::Failure;
use crate::ffi::{input_str, out_string};
use crate::json::{parse, to_string};
use crate::panic::boundary;
use crate::status::pmh_status;

/// Evaluates an immunization history on the date `as_of`: for every vaccine
/// of the routine schedule (定期接種), each dose (counted or not, and why),
/// the series status and the next dose (earliest, recommended and latest
/// dates).
///
/// `history` is `{"birthDate":"2024-04-01","sex"?:"1","doses":[{"vaccine":"bcg","date":"2024-09-20"},…],…}`.
/// `as_of` is a date in any form `pmh_date_convert` accepts (ISO
/// `2024-10-01`, `R6.10.1`, …) with its length `as_of_len`, or NULL for
/// today in the local time zone (`as_of_len` is then ignored).
///
/// On `PMH_OK`, `*out_json` receives the evaluation (UTF-8,
/// NUL-terminated; free it with `pmh_string_free`) and `*out_len` its
/// length: `{"asOf":"2024-10-01","vaccines":[{"vaccine":"bcg","status":…,"doses":[…],"next":…},…]}`.
///
/// Errors: `PMH_IMMUNIZATION_INVALID_HISTORY` (the history's first
/// validation error code), `PMH_INVALID` (`as_of`: a `calendar.*` code),
/// `PMH_JSON_ERROR` (not strict JSON), `PMH_NULL_PARAMETER` (`history`,
/// `out_json`, `out_len`), `PMH_INVALID_UTF8`, `PMH_INVALID_ARGUMENT`
/// (length). Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_immunization_evaluate(
    history: *const u8,
    history_len: usize,
    as_of: *const u8,
    as_of_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let history = input_str!(history, history_len)?;
        let as_of = if as_of.is_null() {
            None
        } else {
            Some(input_str!(as_of, as_of_len)?)
        };
        let out = out_string!(out_json, out_len)?;
        let as_of = match as_of {
            Some(text) => calendar::parse_any(text).map_err(|e| Failure::invalid(e.code()))?,
            None => chrono::Local::now().date_naive(),
        };
        let history = parse(history)?;
        let evaluation = evaluate_json(&history, as_of).map_err(|report| {
            let code = report
                .issues()
                .iter()
                .find(|i| i.is_error())
                .map_or("immunization.history.invalid", |i| i.code);
            Failure::new(pmh_status::PMH_IMMUNIZATION_INVALID_HISTORY, code)
        })?;
        out.write(to_string(&evaluation)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    fn evaluate(history: &str, as_of: Option<&str>) -> Result<String, (pmh_status, &'static str)> {
        let (mut p, mut n): (*mut c_char, usize) = (ptr::null_mut(), 0);
        let (a, a_len) = as_of.map_or((ptr::null(), 0), |s| (s.as_ptr(), s.len()));
        let status =
            pmh_immunization_evaluate(history.as_ptr(), history.len(), a, a_len, &mut p, &mut n);
        if status != pmh_status::PMH_OK {
            return Err((status, crate::error::last_error().map_or("", |f| f.detail)));
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
    fn evaluates_and_refuses() {
        let history = r#"{"birthDate": "2024-04-15", "sex": "1", "doses": [{"vaccine": "bcg", "date": "2024-09-20"}]}"#;
        let e = evaluate(history, Some("2024-10-01")).unwrap();
        assert!(e.contains("\"asOf\":\"2024-10-01\""), "{e}");
        assert!(evaluate(history, Some("R6.10.1")).is_ok());
        assert!(evaluate(history, None).is_ok());
        assert_eq!(
            evaluate(history, Some("2024-02-30")).unwrap_err(),
            (pmh_status::PMH_INVALID, "calendar.invalid_date")
        );
        let err = evaluate("{}", Some("2024-10-01")).unwrap_err();
        assert_eq!(err.0, pmh_status::PMH_IMMUNIZATION_INVALID_HISTORY);
        assert!(err.1.starts_with("immunization."), "{}", err.1);
        assert_eq!(
            evaluate("{\"a\":1,\"a\":1}", None).unwrap_err(),
            (pmh_status::PMH_JSON_ERROR, "json.duplicate_key")
        );
    }
}

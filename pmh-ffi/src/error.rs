//! Failures and the per-thread last error.
//!
//! Design (leak-free by construction): the last error is a thread-local
//! `Cell` holding a status, a `&'static str` detail and, for JSON input, the
//! line and column of the problem. Details are static text only (parameter
//! names, rule codes from pmh-core), so they can never contain personal data,
//! storing them allocates nothing, and nothing is left to free when a thread
//! exits. `pmh_last_error_message` hands the caller a
//! fresh heap copy, released with `pmh_string_free` like every string pmh
//! returns.

use std::cell::Cell;
use std::ffi::c_char;

use crate::ffi::{out, out_string};
use crate::panic::guard;
use crate::status::pmh_status;

/// Why an export failed: a status, a static detail message and, for JSON
/// input, where in the input (line and column, from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Failure {
    pub(crate) status: pmh_status,
    pub(crate) detail: &'static str,
    pub(crate) position: Option<(usize, usize)>,
}

impl Failure {
    /// A failure with `status` and `detail`.
    pub(crate) const fn new(status: pmh_status, detail: &'static str) -> Failure {
        Failure {
            status,
            detail,
            position: None,
        }
    }

    /// The same failure at `line` and `column` (from 1) of the JSON input;
    /// unknown (0) positions are not recorded.
    pub(crate) const fn at(self, line: usize, column: usize) -> Failure {
        if line == 0 {
            return self;
        }
        Failure {
            position: Some((line, column)),
            ..self
        }
    }

    /// `PMH_INVALID` with a pmh-core rule code as the detail.
    pub(crate) const fn invalid(code: &'static str) -> Failure {
        Failure::new(pmh_status::PMH_INVALID, code)
    }
}

/// Result of the body of an export.
pub(crate) type FfiResult<T> = Result<T, Failure>;

thread_local! {
    static LAST_ERROR: Cell<Option<Failure>> = const { Cell::new(None) };
}

/// Records `failure` as this thread's last error.
pub(crate) fn set_last_error(failure: Failure) {
    // `try_with` fails only while the thread is being torn down: then there
    // is nobody left to read the error.
    let _ = LAST_ERROR.try_with(|c| c.set(Some(failure)));
}

/// Forgets this thread's last error (at the start of each fallible call).
pub(crate) fn clear_last_error() {
    let _ = LAST_ERROR.try_with(|c| c.set(None));
}

/// This thread's last error, if the last fallible call failed.
pub(crate) fn last_error() -> Option<Failure> {
    LAST_ERROR.try_with(Cell::get).ok().flatten()
}

/// Details of the last failed pmh call on this thread, as a new string.
///
/// Every fallible pmh function clears the last error when it starts and sets
/// it when it fails, so this describes the most recent fallible call made on
/// the calling thread (other threads have their own). Calling this function,
/// `pmh_last_error_status`, `pmh_last_error_position`, `pmh_status_message`,
/// `pmh_version` or `pmh_string_free` does not change it.
///
/// The message is static English text or a stable code: for `PMH_INVALID` it
/// is the code of the first problem found (e.g. `ids.payer.check_digit`,
/// `calendar.invalid_date`); it never contains the input. When the last call
/// succeeded it is the empty string.
///
/// On `PMH_OK`, `*out` receives a NUL-terminated string that the caller must
/// release with `pmh_string_free`, and `*out_len` its length in bytes
/// (without the NUL). Returns `PMH_NULL_PARAMETER` if `out` or `out_len` is
/// NULL (a failure of this function is not recorded as the last error).
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_last_error_message(out: *mut *mut c_char, out_len: *mut usize) -> pmh_status {
    let result = guard(|| {
        let out = out_string!(out, out_len)?;
        out.write(last_error().map_or("", |f| f.detail).to_owned())
    });
    result.err().map_or(pmh_status::PMH_OK, |f| f.status)
}

/// The status of the last failed pmh call on this thread, or `PMH_OK` when
/// the last fallible call succeeded (see `pmh_last_error_message`).
/// Does not change the last error. Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_last_error_status() -> pmh_status {
    std::panic::catch_unwind(|| last_error().map_or(pmh_status::PMH_OK, |f| f.status))
        .unwrap_or(pmh_status::PMH_PANIC)
}

/// Where in its JSON input the last failed pmh call on this thread found the
/// problem (see `pmh_last_error_message`), when known: for `PMH_JSON_ERROR`
/// with `json.syntax`, and for documents that do not match their model
/// (`PMH_SUBSIDY_INVALID_REQUEST` with a `*.shape` or `subsidy.copay.request`
/// code). Only the position is given, never the offending text.
///
/// On `PMH_OK`, `*out_line` and `*out_column` receive the 1-based line and
/// column, or 0 and 0 when the last failure has no position (or the last
/// call succeeded). Returns `PMH_NULL_PARAMETER` if either pointer is NULL
/// (not recorded as the last error). Does not change the last error.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_last_error_position(
    out_line: *mut usize,
    out_column: *mut usize,
) -> pmh_status {
    let result = guard(|| {
        let line = out!(out_line)?;
        let column = out!(out_column)?;
        let (l, c) = last_error().and_then(|f| f.position).unwrap_or((0, 0));
        line.write(l);
        column.write(c);
        Ok(())
    });
    result.err().map_or(pmh_status::PMH_OK, |f| f.status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_error_round_trip() {
        clear_last_error();
        assert_eq!(last_error(), None);
        assert_eq!(pmh_last_error_status(), pmh_status::PMH_OK);
        set_last_error(Failure::invalid("ids.payer.check_digit"));
        assert_eq!(pmh_last_error_status(), pmh_status::PMH_INVALID);
        let mut s: *mut c_char = std::ptr::null_mut();
        let mut n = 0usize;
        assert_eq!(pmh_last_error_message(&mut s, &mut n), pmh_status::PMH_OK);
        // SAFETY: on PMH_OK `s` is a NUL-terminated string returned by pmh.
        let text = unsafe { std::ffi::CStr::from_ptr(s) }
            .to_str()
            .unwrap()
            .to_owned();
        crate::string::pmh_string_free(s);
        assert_eq!(text, "ids.payer.check_digit");
        assert_eq!(n, text.len());
        // Reading the message did not clear it.
        assert_eq!(pmh_last_error_status(), pmh_status::PMH_INVALID);
    }

    #[test]
    fn position_round_trip() {
        let (mut line, mut column) = (99usize, 99usize);
        clear_last_error();
        assert_eq!(
            pmh_last_error_position(&mut line, &mut column),
            pmh_status::PMH_OK
        );
        assert_eq!((line, column), (0, 0));
        set_last_error(Failure::new(pmh_status::PMH_JSON_ERROR, "json.syntax").at(3, 7));
        assert_eq!(
            pmh_last_error_position(&mut line, &mut column),
            pmh_status::PMH_OK
        );
        assert_eq!((line, column), (3, 7));
        assert_eq!(Failure::invalid("x").at(0, 0).position, None);
        assert_eq!(
            pmh_last_error_position(std::ptr::null_mut(), &mut column),
            pmh_status::PMH_NULL_PARAMETER
        );
        assert_eq!(pmh_last_error_status(), pmh_status::PMH_JSON_ERROR);
    }
}

//! # libpmh: the C ABI of pmh
//!
//! Receipt-computer (レセコン) vendors and other C, C++, Delphi and C#
//! callers link `libpmh` (static `libpmh.a` or shared `libpmh.so.0`) and
//! include `pmh.h`, which cbindgen generates from this crate
//! (`pmh-ffi/cbindgen.toml`; the committed copy is `include/pmh.h`).
//!
//! ## Conventions (as in rustls-ffi)
//!
//! - Every fallible function returns a `pmh_status`; `PMH_OK` is 0.
//! - Outputs go through out-parameters, written **only** on `PMH_OK`.
//! - Inputs are `(const uint8_t *ptr, size_t len)` pairs of UTF-8 text; no
//!   NUL terminator is needed or looked for. NULL gives
//!   `PMH_NULL_PARAMETER` (even with `len == 0`), invalid UTF-8
//!   `PMH_INVALID_UTF8`, a length above `PTRDIFF_MAX` `PMH_INVALID_ARGUMENT`.
//! - Strings returned through `char **` are NUL-terminated heap strings with
//!   their length returned beside them; free them with `pmh_string_free`.
//! - Caller buffers are `(char *out, size_t out_cap, size_t *out_len)`: the
//!   result plus a NUL is written when it fits, else `PMH_BUFFER_TOO_SMALL`
//!   and nothing is written; the `PMH_*_BUFFER_SIZE` constants always suffice.
//! - Every export is a panic boundary: a bug in pmh gives `PMH_PANIC`,
//!   never an abort or unwinding into the caller.
//! - `pmh_status_message` gives a static message for any status;
//!   `pmh_last_error_message` details the last failure on the calling thread.
//! - Messages never contain the caller's input (identifiers and dates are
//!   personal data).
//!
//! ## Thread safety
//!
//! pmh keeps no global mutable state: every function may be called from any
//! thread at any time. The last error is per thread. Handles
//! (`pmh_signing_key`, `pmh_trust_store`, `pmh_replay_guard`) may be shared
//! between threads; each documents its rules; free a handle only when no
//! thread uses it.
#![deny(missing_docs)]
// Exported C names follow C conventions (`pmh_status`, `PMH_OK`).
#![allow(non_camel_case_types)]

use std::ffi::{c_char, CStr};

pub mod calendar;
pub mod envelope;
pub mod error;
mod ffi;
pub mod ids;
pub mod immunization;
pub mod json;
pub mod panic;
pub mod status;
pub mod string;
pub mod subsidy;
pub mod validate;

pub use status::pmh_status;

/// The version string of the linked library, NUL-terminated.
const VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => panic!("the package version contains a NUL byte"),
    };

/// The version of the linked libpmh, e.g. "0.1.0" (compare with
/// `PMH_VERSION_STRING` from the header you compiled against; the header's
/// `PMH_VERSION_*` macros are checked against the package version by
/// `pmh-ffi/tests/header.rs`).
///
/// Never NULL; a static string: do not free it. Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_version() -> *const c_char {
    VERSION.as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_the_package_version() {
        // SAFETY: pmh_version returns a static NUL-terminated string.
        let v = unsafe { CStr::from_ptr(pmh_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}

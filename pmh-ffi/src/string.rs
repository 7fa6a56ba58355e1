//! Strings returned by pmh, and the one function that frees them.
//!
//! Every `char *` pmh returns through a `char **` out-parameter is a
//! NUL-terminated UTF-8 string allocated by pmh (its length is returned
//! beside it). Release it with `pmh_string_free`, never with `free()`.

use std::ffi::c_char;

/// Frees a string returned by pmh (through a `char **` out-parameter).
///
/// NULL is accepted and ignored. The string must not be used afterwards,
/// must not have been modified (in particular its NUL terminator must stay
/// where pmh put it), and must not be freed twice. Strings from
/// `pmh_status_message` and `pmh_version` are static: never pass them here.
/// Thread-safe: a string may be freed on another thread than the one that
/// received it.
#[no_mangle]
pub extern "C" fn pmh_string_free(s: *mut c_char) {
    crate::ffi::free_string(s);
}

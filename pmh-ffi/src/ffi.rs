//! The only place raw pointers from C are read or written.
//!
//! Each export checks every pointer parameter here first (NULL gives
//! `PMH_NULL_PARAMETER`), does its work on Rust values, and writes its
//! out-parameters last, so they are written only on success.
//!
//! These helpers are safe functions that trust their callers' pointers, as in
//! rustls-ffi: the contract ("a non-NULL pointer points to `len` readable
//! bytes", "an out-pointer points to writable memory") is documented on each
//! export in the header and cannot be checked from Rust.

use std::ffi::{c_char, CString};
use std::ptr::NonNull;

use crate::error::{Failure, FfiResult};
use crate::status::pmh_status;

/// Static details for one named parameter, built by [`param!`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Param {
    pub(crate) null: &'static str,
    pub(crate) utf8: &'static str,
    pub(crate) length: &'static str,
}

/// The static [`Param`] details of a parameter, from its name.
macro_rules! param {
    ($name:ident) => {
        $crate::ffi::Param {
            null: concat!("parameter `", stringify!($name), "` is NULL"),
            utf8: concat!("parameter `", stringify!($name), "` is not valid UTF-8"),
            length: concat!(
                "the length of `",
                stringify!($name),
                "` exceeds PTRDIFF_MAX"
            ),
        }
    };
}
pub(crate) use param;

/// The input text `(ptr, len)`: checked for NULL, length and UTF-8.
macro_rules! input_str {
    ($ptr:ident, $len:expr) => {
        $crate::ffi::read_str($ptr, $len, $crate::ffi::param!($ptr))
    };
}
pub(crate) use input_str;

/// The bytes `(ptr, len)`: checked for NULL and length.
macro_rules! input_bytes {
    ($ptr:ident, $len:expr) => {
        $crate::ffi::read_bytes($ptr, $len, $crate::ffi::param!($ptr))
    };
}
pub(crate) use input_bytes;

/// An out-parameter, checked for NULL.
macro_rules! out {
    ($ptr:ident) => {
        $crate::ffi::Out::new($ptr, $crate::ffi::param!($ptr).null)
    };
}
pub(crate) use out;

/// A `const` handle parameter, checked for NULL.
macro_rules! handle_ref {
    ($ptr:ident) => {
        $crate::ffi::borrow_handle($ptr, $crate::ffi::param!($ptr).null)
    };
}
pub(crate) use handle_ref;

/// A `(char **ptr, size_t *len)` out-pair for a new string, checked for NULL.
macro_rules! out_string {
    ($ptr:ident, $len:ident) => {
        $crate::ffi::OutString::from_params(
            $ptr,
            $crate::ffi::param!($ptr),
            $len,
            $crate::ffi::param!($len),
        )
    };
}
pub(crate) use out_string;

/// A `(char *buf, size_t cap, size_t *len)` caller buffer, checked for NULL.
macro_rules! out_buffer {
    ($buf:ident, $cap:expr, $len:ident) => {
        $crate::ffi::OutBuffer::from_params(
            $buf,
            $crate::ffi::param!($buf),
            $cap,
            $len,
            $crate::ffi::param!($len),
        )
    };
}
pub(crate) use out_buffer;

/// Borrows the bytes `(ptr, len)` the caller passed.
///
/// `len` may be 0 but `ptr` must still be non-NULL (any NULL input is
/// `PMH_NULL_PARAMETER`, so callers never have to wonder).
pub(crate) fn read_bytes<'a>(ptr: *const u8, len: usize, param: Param) -> FfiResult<&'a [u8]> {
    if ptr.is_null() {
        return Err(Failure::new(pmh_status::PMH_NULL_PARAMETER, param.null));
    }
    if len > isize::MAX as usize {
        return Err(Failure::new(pmh_status::PMH_INVALID_ARGUMENT, param.length));
    }
    if len == 0 {
        return Ok(&[]);
    }
    // SAFETY: `ptr` is non-NULL and, by the documented contract of every
    // export, points to `len` readable bytes that the caller does not modify
    // during the call; `len <= isize::MAX` was checked above; u8 has no
    // alignment requirement.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Borrows the UTF-8 text `(ptr, len)` the caller passed (no NUL needed).
pub(crate) fn read_str<'a>(ptr: *const u8, len: usize, param: Param) -> FfiResult<&'a str> {
    let bytes = read_bytes(ptr, len, param)?;
    std::str::from_utf8(bytes).map_err(|_| Failure::new(pmh_status::PMH_INVALID_UTF8, param.utf8))
}

/// A non-NULL out-parameter, written at most once.
#[derive(Debug)]
pub(crate) struct Out<T>(NonNull<T>);

impl<T> Out<T> {
    /// Checks `ptr` for NULL (`detail` names the parameter).
    pub(crate) fn new(ptr: *mut T, detail: &'static str) -> FfiResult<Out<T>> {
        NonNull::new(ptr)
            .map(Out)
            .ok_or(Failure::new(pmh_status::PMH_NULL_PARAMETER, detail))
    }

    /// Writes the value (without reading or dropping the old contents).
    pub(crate) fn write(self, value: T) {
        // SAFETY: the pointer is non-NULL and, by the documented contract,
        // points to writable memory for a `T`; `write_unaligned` tolerates
        // pointers into packed records (Delphi, C#).
        unsafe { self.0.as_ptr().write_unaligned(value) }
    }
}

/// An out-parameter the caller may leave NULL (documented as such).
pub(crate) fn optional_out<T>(ptr: *mut T) -> Option<Out<T>> {
    NonNull::new(ptr).map(Out)
}

/// The `(char **out, size_t *out_len)` pair of functions that return a new
/// string (released with `pmh_string_free`).
#[derive(Debug)]
pub(crate) struct OutString {
    ptr: Out<*mut c_char>,
    len: Out<usize>,
}

impl OutString {
    /// Checks both pointers for NULL.
    pub(crate) fn from_params(
        ptr: *mut *mut c_char,
        ptr_param: Param,
        len: *mut usize,
        len_param: Param,
    ) -> FfiResult<OutString> {
        Ok(OutString {
            ptr: Out::new(ptr, ptr_param.null)?,
            len: Out::new(len, len_param.null)?,
        })
    }

    /// Hands `s` to the caller as a NUL-terminated heap string.
    pub(crate) fn write(self, s: String) -> FfiResult<()> {
        let c = to_cstring(s)?;
        self.give(c);
        Ok(())
    }

    /// Hands two strings to two out-pairs: both are written, or (when one
    /// cannot be represented) neither.
    pub(crate) fn write_pair(
        first: (OutString, String),
        second: (OutString, String),
    ) -> FfiResult<()> {
        let a = to_cstring(first.1)?;
        let b = to_cstring(second.1)?;
        first.0.give(a);
        second.0.give(b);
        Ok(())
    }

    /// Writes the pointer and the length (without the NUL) of `c`.
    fn give(self, c: CString) {
        let len = c.as_bytes().len();
        self.ptr.write(c.into_raw());
        self.len.write(len);
    }
}

/// `s` as a C string; `PMH_INTERNAL_ERROR` if it contains a NUL byte.
fn to_cstring(s: String) -> FfiResult<CString> {
    CString::new(s).map_err(|_| {
        Failure::new(
            pmh_status::PMH_INTERNAL_ERROR,
            "a returned string contained a NUL byte",
        )
    })
}

/// Frees a string made by [`OutString::write`]; NULL is ignored.
pub(crate) fn free_string(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: by the documented contract of `pmh_string_free`, `s` came from
    // `CString::into_raw` in `OutString::write` and was not modified or
    // freed since, so `from_raw` finds the same length and reclaims the same
    // allocation. Dropping a CString cannot panic.
    drop(unsafe { CString::from_raw(s) });
}

/// Moves `value` to the heap and hands it out as an opaque handle.
pub(crate) fn handle_new<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Borrows the object behind a handle made by [`handle_new`].
pub(crate) fn borrow_handle<'a, T>(ptr: *const T, detail: &'static str) -> FfiResult<&'a T> {
    // SAFETY: by the documented contract a non-NULL handle was made by
    // `handle_new` (a live Box) and is not freed while in use; handles are
    // only ever borrowed shared (their types are Sync).
    unsafe { ptr.as_ref() }.ok_or(Failure::new(pmh_status::PMH_NULL_PARAMETER, detail))
}

/// Borrows the object behind an optional handle (NULL gives `None`).
pub(crate) fn optional_handle<'a, T>(ptr: *const T) -> Option<&'a T> {
    // SAFETY: as in `borrow_handle`.
    unsafe { ptr.as_ref() }
}

/// Frees a handle made by [`handle_new`]; NULL is ignored.
pub(crate) fn handle_free<T>(ptr: *mut T) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: by the documented contract of every `_free` function, `ptr`
    // came from `handle_new` for this type and is not used or freed again.
    // Dropping pmh-core values does not panic.
    drop(unsafe { Box::from_raw(ptr) });
}

/// The `(char *out, size_t out_cap, size_t *out_len)` triple of functions
/// that write into a caller buffer.
#[derive(Debug)]
pub(crate) struct OutBuffer {
    buf: NonNull<c_char>,
    cap: usize,
    len: Out<usize>,
}

/// Detail for [`pmh_status::PMH_BUFFER_TOO_SMALL`].
const TOO_SMALL: &str =
    "the output buffer is too small (the PMH_*_BUFFER_SIZE constants always suffice)";

impl OutBuffer {
    /// Checks the pointers for NULL (`out_cap` may be anything).
    pub(crate) fn from_params(
        buf: *mut c_char,
        buf_param: Param,
        cap: usize,
        len: *mut usize,
        len_param: Param,
    ) -> FfiResult<OutBuffer> {
        let buf = NonNull::new(buf)
            .ok_or(Failure::new(pmh_status::PMH_NULL_PARAMETER, buf_param.null))?;
        Ok(OutBuffer {
            buf,
            cap,
            len: Out::new(len, len_param.null)?,
        })
    }

    /// Copies `s` and a terminating NUL into the buffer and its length
    /// (without the NUL) to `*out_len`; `PMH_BUFFER_TOO_SMALL` (nothing
    /// written) unless `cap >= s.len() + 1`.
    pub(crate) fn write(self, s: &str) -> FfiResult<()> {
        if s.as_bytes().contains(&0) {
            return Err(Failure::new(
                pmh_status::PMH_INTERNAL_ERROR,
                "a returned string contained a NUL byte",
            ));
        }
        if s.len() >= self.cap {
            return Err(Failure::new(pmh_status::PMH_BUFFER_TOO_SMALL, TOO_SMALL));
        }
        let dst = self.buf.as_ptr().cast::<u8>();
        // SAFETY: by the documented contract `out` points to `out_cap`
        // writable bytes, and `s.len() + 1 <= out_cap` was checked above.
        // `s` is memory pmh owns, so the ranges do not overlap.
        unsafe {
            std::ptr::copy_nonoverlapping(s.as_ptr(), dst, s.len());
            dst.add(s.len()).write(0);
        }
        self.len.write(s.len());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_checks() {
        let value: *const u8 = std::ptr::null();
        assert_eq!(
            input_str!(value, 0).unwrap_err().status,
            pmh_status::PMH_NULL_PARAMETER
        );
        assert_eq!(
            input_str!(value, 0).unwrap_err().detail,
            "parameter `value` is NULL"
        );
        let bytes = b"ab\xff";
        let value = bytes.as_ptr();
        assert_eq!(input_str!(value, 2).unwrap(), "ab");
        assert_eq!(input_str!(value, 0).unwrap(), "");
        assert_eq!(
            input_str!(value, 3).unwrap_err().status,
            pmh_status::PMH_INVALID_UTF8
        );
        assert_eq!(
            input_str!(value, usize::MAX).unwrap_err().status,
            pmh_status::PMH_INVALID_ARGUMENT
        );
    }

    #[test]
    fn buffer_writes_only_when_it_fits() {
        let mut buf = [b'x' as c_char; 4];
        let mut len = 99usize;
        let out = buf.as_mut_ptr();
        let out_len: *mut usize = &mut len;
        let r = out_buffer!(out, 3, out_len).unwrap().write("abc");
        assert_eq!(r.unwrap_err().status, pmh_status::PMH_BUFFER_TOO_SMALL);
        assert_eq!((buf[0], len), (b'x' as c_char, 99));
        out_buffer!(out, 4, out_len).unwrap().write("abc").unwrap();
        assert_eq!((buf[2], buf[3], len), (b'c' as c_char, 0, 3));
        let out_len: *mut usize = std::ptr::null_mut();
        assert_eq!(
            out_buffer!(out, 4, out_len).unwrap_err().detail,
            "parameter `out_len` is NULL"
        );
    }
}

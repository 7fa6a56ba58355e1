//! The panic boundary every export sits in.
//!
//! A Rust panic must never unwind into C (since Rust 1.81 that aborts the
//! process): each export runs its body in [`boundary`], which turns a panic
//! into `PMH_PANIC`. This needs `panic = "unwind"`; a build with
//! `panic = "abort"` would turn every caught panic into an abort of the
//! caller's process, so it is refused at compile time.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::{clear_last_error, set_last_error, Failure, FfiResult};
use crate::status::pmh_status;

#[cfg(panic = "abort")]
compile_error!(
    "libpmh must be built with panic = \"unwind\": its C callers must get PMH_PANIC, never an abort"
);

/// Detail recorded when a panic is caught (static: the panic payload could
/// contain input data, so it is not repeated).
pub(crate) const PANIC_DETAIL: &str = "internal error: a Rust panic was caught at the pmh boundary";

/// Runs the body of a fallible export: clears this thread's last error,
/// runs `body`, records its failure (or a caught panic) as the last error,
/// and returns the status.
///
/// `body` must write its out-parameters only once it cannot fail any more.
pub(crate) fn boundary(body: impl FnOnce() -> FfiResult<()>) -> pmh_status {
    clear_last_error();
    match guard(body) {
        Ok(()) => pmh_status::PMH_OK,
        Err(failure) => {
            set_last_error(failure);
            failure.status
        }
    }
}

/// Runs `body`, turning a panic into a `PMH_PANIC` failure. Does not touch
/// the last error (for the functions that report it).
pub(crate) fn guard(body: impl FnOnce() -> FfiResult<()>) -> FfiResult<()> {
    // AssertUnwindSafe: after a panic the body's state is dropped, and pmh
    // keeps no shared mutable state besides the thread-local last error,
    // which is only ever overwritten whole.
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => {
            drop_payload(payload);
            Err(Failure::new(pmh_status::PMH_PANIC, PANIC_DETAIL))
        }
    }
}

/// Drops a panic payload; a payload whose destructor itself panics is
/// leaked rather than allowed to unwind into C.
fn drop_payload(payload: Box<dyn Any + Send>) {
    if let Err(again) = catch_unwind(AssertUnwindSafe(move || drop(payload))) {
        std::mem::forget(again);
    }
}

/// Panics inside the boundary, so that tests can check a panic becomes
/// `PMH_PANIC` (and leaks nothing). Only in builds with the cargo feature
/// `test-panic`; never in a shipped library.
#[cfg(feature = "test-panic")]
#[no_mangle]
pub extern "C" fn pmh_test_panic() -> pmh_status {
    boundary(|| panic!("pmh_test_panic: deliberate panic for testing the boundary"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::last_error;

    #[test]
    fn panic_becomes_status() {
        let status = boundary(|| {
            let v: Vec<u8> = Vec::new();
            let i = v.len() + 3;
            // Out-of-bounds index: a real panic, not a `panic!` literal.
            Err(Failure::invalid(if v[i] == 0 { "a" } else { "b" }))
        });
        assert_eq!(status, pmh_status::PMH_PANIC);
        assert_eq!(last_error().map(|f| f.detail), Some(PANIC_DETAIL));
        assert_eq!(boundary(|| Ok(())), pmh_status::PMH_OK);
        assert_eq!(last_error(), None);
    }

    #[test]
    fn failure_is_recorded() {
        let status = boundary(|| Err(Failure::invalid("ids.payer.length")));
        assert_eq!(status, pmh_status::PMH_INVALID);
        assert_eq!(last_error(), Some(Failure::invalid("ids.payer.length")));
    }
}

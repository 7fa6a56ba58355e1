//! Result codes (`pmh_status`) and their static messages.

use std::ffi::{c_char, CStr};

/// Result of every fallible pmh function.
///
/// The numeric values are stable: they never change meaning between
/// versions, and new codes only get new numbers. `PMH_OK` is 0. General
/// codes are 1-99; 100-199 are reserved for signed envelopes (sealing,
/// opening, keys, trust stores); 200-299 for subsidy / immunization /
/// checkup documents (200-209 subsidies and cap ledgers, 210-219
/// immunization).
///
/// On any status other than `PMH_OK` no out-parameter has been written, and
/// `pmh_last_error_message` gives details (for `PMH_INVALID`: the stable
/// code of the first problem, e.g. `ids.payer.check_digit`).
#[allow(non_camel_case_types)]
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum pmh_status {
    /// Success: the out-parameters have been written.
    PMH_OK = 0,
    /// A pointer parameter was NULL.
    PMH_NULL_PARAMETER = 1,
    /// A text input was not valid UTF-8.
    PMH_INVALID_UTF8 = 2,
    /// pmh hit an internal bug (a Rust panic), caught at the boundary. The
    /// library remains usable; please report it.
    PMH_PANIC = 3,
    /// The input was read and found invalid (a bad identifier, an impossible
    /// date, ...). The last-error message is the stable code of the problem.
    PMH_INVALID = 4,
    /// A non-pointer argument was out of range: an unknown enum value, or a
    /// length above `PTRDIFF_MAX`.
    PMH_INVALID_ARGUMENT = 5,
    /// The caller's output buffer is too small; nothing was written. The
    /// `PMH_*_BUFFER_SIZE` constants give a capacity that always suffices.
    PMH_BUFFER_TOO_SMALL = 6,
    /// A JSON document could not be produced or parsed.
    PMH_JSON_ERROR = 7,
    /// A result could not be represented (e.g. an interior NUL byte in a
    /// returned string). Indicates a bug in pmh.
    PMH_INTERNAL_ERROR = 8,
    /// The message or record type name is not known to this library (it may
    /// be newer than the library: `pmh_validate_types` lists the known ones).
    PMH_UNKNOWN_TYPE = 9,
    /// The item asked for is not there (e.g. a JSON Pointer that matches
    /// nothing in `pmh_json_get`).
    PMH_NOT_FOUND = 10,
    /// A signing key could not be made or loaded (`key.*` code).
    PMH_KEY_ERROR = 100,
    /// A trust store could not be loaded (`trust.*` code).
    PMH_TRUST_STORE_ERROR = 101,
    /// A participant id (`from`, `to`, `receiver`) is invalid (`participant.*` code).
    PMH_PARTICIPANT_ERROR = 102,
    /// An envelope could not be sealed (`envelope.*` code, e.g. `envelope.payload_invalid`).
    PMH_SEAL_ERROR = 103,
    /// An envelope was refused by `pmh_envelope_open` (`envelope.*` code, e.g.
    /// `envelope.signature`, `envelope.expired`). Do not use its content.
    PMH_ENVELOPE_REJECTED = 104,
    /// An envelope was refused because its id was already accepted (`envelope.replayed`).
    PMH_ENVELOPE_REPLAYED = 105,
    /// A subsidy input (certificate, visit, copayment request, cap ledger,
    /// ledger entry or record, month) does not match its model or breaks a
    /// rule. The last-error message is the stable code: a shape code
    /// (`subsidy.certificate.shape`, `subsidy.visit.shape`,
    /// `subsidy.copay.request`, `subsidy.ledger.shape`, ...; see
    /// `pmh_last_error_position`), the first error of the certificate's
    /// validation (e.g. `subsidy.certificate.required`), a `subsidy.copay.*`
    /// or `subsidy.ledger.*` rule, or an `ids.*` code.
    PMH_SUBSIDY_INVALID_REQUEST = 200,
    /// A cap ledger (自己負担上限額管理票) already records an entry with the
    /// same id and different content (`subsidy.ledger.conflict`): reconcile
    /// the two records, do not retry blindly.
    PMH_LEDGER_CONFLICT = 201,
    /// A cap ledger refused the operation (`subsidy.ledger.month`,
    /// `.other_ledger`, `.caps`, `.negative`, `.charged_exceeds_due`, `.id`,
    /// `.overflow`); the ledger is unchanged.
    PMH_LEDGER_REJECTED = 202,
    /// An immunization history is invalid: the last-error message is the
    /// code of its first error (`pmh_validate` gives the full report).
    PMH_IMMUNIZATION_INVALID_HISTORY = 210,
}

impl pmh_status {
    /// Every status, in numeric order.
    pub(crate) const ALL: [pmh_status; 21] = [
        pmh_status::PMH_OK,
        pmh_status::PMH_NULL_PARAMETER,
        pmh_status::PMH_INVALID_UTF8,
        pmh_status::PMH_PANIC,
        pmh_status::PMH_INVALID,
        pmh_status::PMH_INVALID_ARGUMENT,
        pmh_status::PMH_BUFFER_TOO_SMALL,
        pmh_status::PMH_JSON_ERROR,
        pmh_status::PMH_INTERNAL_ERROR,
        pmh_status::PMH_UNKNOWN_TYPE,
        pmh_status::PMH_NOT_FOUND,
        pmh_status::PMH_KEY_ERROR,
        pmh_status::PMH_TRUST_STORE_ERROR,
        pmh_status::PMH_PARTICIPANT_ERROR,
        pmh_status::PMH_SEAL_ERROR,
        pmh_status::PMH_ENVELOPE_REJECTED,
        pmh_status::PMH_ENVELOPE_REPLAYED,
        pmh_status::PMH_SUBSIDY_INVALID_REQUEST,
        pmh_status::PMH_LEDGER_CONFLICT,
        pmh_status::PMH_LEDGER_REJECTED,
        pmh_status::PMH_IMMUNIZATION_INVALID_HISTORY,
    ];

    /// The status with this number, if any.
    pub fn from_u32(value: u32) -> Option<pmh_status> {
        pmh_status::ALL.into_iter().find(|s| *s as u32 == value)
    }

    /// Static, NUL-terminated English message.
    pub fn message(self) -> &'static CStr {
        match self {
            pmh_status::PMH_OK => c"success",
            pmh_status::PMH_NULL_PARAMETER => c"a pointer parameter was NULL",
            pmh_status::PMH_INVALID_UTF8 => c"a text input was not valid UTF-8",
            pmh_status::PMH_PANIC => {
                c"internal error in pmh (a Rust panic was caught); please report it"
            }
            pmh_status::PMH_INVALID => {
                c"the input is invalid (see pmh_last_error_message for the code)"
            }
            pmh_status::PMH_INVALID_ARGUMENT => c"an argument was out of range",
            pmh_status::PMH_BUFFER_TOO_SMALL => c"the output buffer is too small",
            pmh_status::PMH_JSON_ERROR => c"JSON error",
            pmh_status::PMH_INTERNAL_ERROR => {
                c"internal error in pmh: a result could not be represented"
            }
            pmh_status::PMH_UNKNOWN_TYPE => c"unknown message or record type",
            pmh_status::PMH_NOT_FOUND => c"not found",
            pmh_status::PMH_KEY_ERROR => c"the signing key could not be made or loaded",
            pmh_status::PMH_TRUST_STORE_ERROR => c"the trust store could not be loaded",
            pmh_status::PMH_PARTICIPANT_ERROR => c"invalid participant id",
            pmh_status::PMH_SEAL_ERROR => c"the envelope could not be sealed",
            pmh_status::PMH_ENVELOPE_REJECTED => c"the envelope was rejected",
            pmh_status::PMH_ENVELOPE_REPLAYED => c"the envelope was rejected as a replay",
            pmh_status::PMH_SUBSIDY_INVALID_REQUEST => {
                c"the subsidy input is invalid (see pmh_last_error_message for the code)"
            }
            pmh_status::PMH_LEDGER_CONFLICT => {
                c"the cap ledger already records this entry id with other content"
            }
            pmh_status::PMH_LEDGER_REJECTED => c"the cap ledger refused the operation",
            pmh_status::PMH_IMMUNIZATION_INVALID_HISTORY => {
                c"the immunization history is invalid (see pmh_last_error_message for the code)"
            }
        }
    }
}

/// Message for an unknown status number.
const UNKNOWN: &CStr = c"unknown pmh_status value";

/// A static English message for `status` (a `pmh_status` value).
///
/// Never returns NULL: unknown values give "unknown pmh_status value". The
/// string is static and NUL-terminated; do not free it. Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_status_message(status: u32) -> *const c_char {
    // No panic is possible here, but keep the rule: every export is a boundary.
    std::panic::catch_unwind(|| pmh_status::from_u32(status).map_or(UNKNOWN, pmh_status::message))
        .unwrap_or(UNKNOWN)
        .as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_stable() {
        let numbers: Vec<u32> = pmh_status::ALL.iter().map(|s| *s as u32).collect();
        assert_eq!(
            numbers,
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 101, 102, 103, 104, 105, 200, 201, 202, 210]
        );
        for s in pmh_status::ALL {
            assert_eq!(pmh_status::from_u32(s as u32), Some(s));
        }
        assert_eq!(pmh_status::from_u32(11), None);
        assert_eq!(pmh_status::from_u32(106), None);
        assert_eq!(pmh_status::from_u32(199), None);
        assert_eq!(pmh_status::from_u32(203), None);
    }

    #[test]
    fn messages_never_null() {
        for n in [0, 1, 8, 9, 11, 100, 106, 200, 203, u32::MAX] {
            let p = pmh_status_message(n);
            assert!(!p.is_null());
        }
        // SAFETY: pmh_status_message returns a static NUL-terminated string.
        let unknown = unsafe { CStr::from_ptr(pmh_status_message(12345)) };
        assert_eq!(unknown, UNKNOWN);
    }
}

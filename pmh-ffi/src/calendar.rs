//! Dates: 和暦 (Japanese era) ↔ ISO 8601 conversion.
//!
//! Accepted input forms: ISO `2024-04-01` / `20240401`, short `R6.4.1`,
//! kanji `令和6年4月1日` / `令和元年5月1日`, receipt `GYYMMDD` (`5060401`);
//! full-width characters are accepted. On `PMH_INVALID` the last-error
//! message is the stable code (e.g. `calendar.invalid_date`), never the
//! input (often a birth date).

use std::ffi::c_char;

use pmh_core::calendar::{self, CalendarError};

use crate::error::{Failure, FfiResult};
use crate::ffi::{input_str, out_buffer, out_string};
use crate::panic::boundary;
use crate::status::pmh_status;

/// Era output form (a `PMH_ERA_FORMAT_*` value).
pub type pmh_era_format = u32;

/// 略記 (short form), e.g. `R6.4.1`.
pub const PMH_ERA_FORMAT_SHORT: pmh_era_format = 1;
/// 漢字表記 (kanji form, UTF-8), e.g. `令和6年4月1日`, `令和元年5月1日`.
pub const PMH_ERA_FORMAT_KANJI: pmh_era_format = 2;
/// レセ電 receipt form `GYYMMDD`, e.g. `5060401` (era code 1-5 = 明治-令和).
pub const PMH_ERA_FORMAT_RECEIPT: pmh_era_format = 3;
/// レセ電 receipt month form `GYYMM`, e.g. `50604`.
pub const PMH_ERA_FORMAT_RECEIPT_MONTH: pmh_era_format = 4;

/// A buffer capacity (bytes, NUL included) that holds any date
/// `pmh_date_to_iso` or `pmh_date_from_iso` writes.
pub const PMH_DATE_BUFFER_SIZE: usize = 32;

fn invalid(e: CalendarError) -> Failure {
    Failure::invalid(e.code())
}

/// Converts a date in any accepted form and returns every form as JSON.
///
/// On `PMH_OK`, `*out_json` receives a NUL-terminated UTF-8 JSON object (free
/// it with `pmh_string_free`) and `*out_len` its length, e.g.
/// `{"iso":"2024-04-01","era":"令和","eraYear":6,"short":"R6.4.1","kanji":"令和6年4月1日","receipt":"5060401","fiscalYear":2024}`.
///
/// Errors: `PMH_INVALID` (the code is `calendar.format`,
/// `calendar.era_unknown`, `calendar.outside_era`, `calendar.invalid_date`,
/// `calendar.year_zero`, `calendar.out_of_range` or `calendar.precision`),
/// `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8`. Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_date_convert(
    input: *const u8,
    len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let input = input_str!(input, len)?;
        let out = out_string!(out_json, out_len)?;
        let conversion = calendar::convert(input).map_err(invalid)?;
        let json = serde_json::to_string(&conversion).map_err(|_| {
            Failure::new(
                pmh_status::PMH_JSON_ERROR,
                "the conversion could not be serialized",
            )
        })?;
        out.write(json)
    })
}

/// Converts a date in any accepted form (typically 和暦, e.g. `R6.4.1`,
/// `令和6年4月1日`, `5060401`) to ISO `YYYY-MM-DD` in the caller's buffer.
///
/// `out` must have room for `out_cap` bytes; on `PMH_OK` it receives the
/// date and a NUL, and `*out_len` its length without the NUL.
/// `PMH_DATE_BUFFER_SIZE` always suffices.
///
/// Errors: `PMH_INVALID` (a `calendar.*` code, as for `pmh_date_convert`),
/// `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8`, `PMH_BUFFER_TOO_SMALL`.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_date_to_iso(
    input: *const u8,
    len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let input = input_str!(input, len)?;
        let out = out_buffer!(out, out_cap, out_len)?;
        let date = calendar::parse_any(input).map_err(invalid)?;
        out.write(&date.format("%Y-%m-%d").to_string())
    })
}

/// Formats a date (ISO `YYYY-MM-DD`; any form `pmh_date_convert` accepts
/// also works) in the 和暦 form `format` (a `PMH_ERA_FORMAT_*` value) into
/// the caller's buffer, UTF-8.
///
/// `out` must have room for `out_cap` bytes; on `PMH_OK` it receives the
/// text and a NUL, and `*out_len` its length in bytes without the NUL.
/// `PMH_DATE_BUFFER_SIZE` always suffices.
///
/// Errors: `PMH_INVALID` (a `calendar.*` code; `calendar.out_of_range` before
/// 1873-01-01, when Japan adopted the Gregorian calendar, or beyond era year
/// 99 in the receipt forms), `PMH_INVALID_ARGUMENT` (unknown `format`),
/// `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8`, `PMH_BUFFER_TOO_SMALL`.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_date_from_iso(
    iso: *const u8,
    len: usize,
    format: pmh_era_format,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let iso = input_str!(iso, len)?;
        let out = out_buffer!(out, out_cap, out_len)?;
        let text = format_date(iso, format)?;
        out.write(&text)
    })
}

fn format_date(input: &str, format: pmh_era_format) -> FfiResult<String> {
    let formatter = match format {
        PMH_ERA_FORMAT_SHORT => calendar::format_short,
        PMH_ERA_FORMAT_KANJI => calendar::format_kanji,
        PMH_ERA_FORMAT_RECEIPT => calendar::format_gyymmdd,
        PMH_ERA_FORMAT_RECEIPT_MONTH => calendar::format_gyymm,
        _ => {
            return Err(Failure::new(
                pmh_status::PMH_INVALID_ARGUMENT,
                "unknown pmh_era_format value",
            ));
        }
    };
    let date = calendar::parse_any(input).map_err(invalid)?;
    formatter(date).map_err(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(
            format_date("2019-05-01", PMH_ERA_FORMAT_KANJI).unwrap(),
            "令和元年5月1日"
        );
        assert_eq!(
            format_date("2024-04-01", PMH_ERA_FORMAT_SHORT).unwrap(),
            "R6.4.1"
        );
        assert_eq!(
            format_date("2024-04-01", PMH_ERA_FORMAT_RECEIPT).unwrap(),
            "5060401"
        );
        assert_eq!(
            format_date("2024-04-01", PMH_ERA_FORMAT_RECEIPT_MONTH).unwrap(),
            "50604"
        );
        assert_eq!(
            format_date("2024-04-01", 0).unwrap_err().status,
            pmh_status::PMH_INVALID_ARGUMENT
        );
        assert_eq!(
            format_date("1850-01-01", PMH_ERA_FORMAT_SHORT)
                .unwrap_err()
                .detail,
            "calendar.out_of_range"
        );
    }

    /// The longest outputs (widest era years, two-digit months and days, the
    /// largest dates chrono can hold) fit PMH_DATE_BUFFER_SIZE.
    #[test]
    fn buffer_size_holds_every_date() {
        for s in [
            "1912-07-29",
            "1926-12-24",
            "1989-01-07",
            "2019-04-30",
            "9999-12-31",
            "+262142-12-31",
        ] {
            for f in 1..=4 {
                if let Ok(t) = format_date(s, f) {
                    assert!(t.len() < PMH_DATE_BUFFER_SIZE, "{t}");
                }
            }
        }
        let max = chrono::NaiveDate::MAX.format("%Y-%m-%d").to_string();
        assert!(max.len() < PMH_DATE_BUFFER_SIZE);
        let kanji = calendar::format_kanji(chrono::NaiveDate::MAX).unwrap();
        assert!(kanji.len() < PMH_DATE_BUFFER_SIZE, "{kanji}");
    }
}

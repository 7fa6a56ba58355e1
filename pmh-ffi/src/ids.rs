//! Identifiers (番号): check any kind to JSON, or normalize one typed kind
//! into a caller buffer.
//!
//! Full-width digits (０-９) are accepted and normalized to ASCII. On
//! `PMH_INVALID` the last-error message is the stable code of the first
//! error (e.g. `ids.payer.check_digit`), never the value.

use std::ffi::c_char;

use pmh_core::ids::{
    self, CheckOptions, IdError, IdKind, InstitutionCode, InsurerNumber, MunicipalityCode,
    MyNumber, PayerNumber, RecipientNumber, RecipientRule,
};

use crate::error::{Failure, FfiResult};
use crate::ffi::{input_str, out_buffer, out_string, OutBuffer, OutString};
use crate::panic::boundary;
use crate::status::pmh_status;

/// Kind of identifier (a `PMH_ID_KIND_*` value).
pub type pmh_id_kind = u32;

/// Guess the kind from the shape of the value (never guesses My Number).
pub const PMH_ID_KIND_AUTO: pmh_id_kind = 0;
/// 公費負担者番号 (payer number), 8 digits.
pub const PMH_ID_KIND_PAYER: pmh_id_kind = 1;
/// 公費受給者番号 (recipient number), 7 digits (national) or 1-30 letters/digits (local).
pub const PMH_ID_KIND_RECIPIENT: pmh_id_kind = 2;
/// 保険者番号 (insurer number), 8 digits or 6 for 国保.
pub const PMH_ID_KIND_INSURER: pmh_id_kind = 3;
/// 医療機関コード (institution code), 10 digits.
pub const PMH_ID_KIND_INSTITUTION: pmh_id_kind = 4;
/// 全国地方公共団体コード (local government code), 6 digits.
pub const PMH_ID_KIND_MUNICIPALITY: pmh_id_kind = 5;
/// 個人番号 (My Number), 12 digits; results show only the masked form.
pub const PMH_ID_KIND_MY_NUMBER: pmh_id_kind = 6;

/// Rule for 公費受給者番号 (recipient numbers) (a `PMH_RECIPIENT_RULE_*` value).
pub type pmh_recipient_rule = u32;

/// 国の制度 (national scheme): exactly 7 digits with a check digit.
pub const PMH_RECIPIENT_RULE_NATIONAL: pmh_recipient_rule = 1;
/// 地方単独 (local scheme): 1-30 ASCII letters and digits, no check digit required.
pub const PMH_RECIPIENT_RULE_LOCAL: pmh_recipient_rule = 2;

/// A buffer capacity (bytes, NUL included) that holds any normalized
/// identifier (the longest is a 30-character local recipient number).
pub const PMH_ID_BUFFER_SIZE: usize = 32;

// The longest normalized identifier and its NUL fit the advertised size.
const _: () = assert!(ids::RECIPIENT_MAX_LEN < PMH_ID_BUFFER_SIZE);

const BAD_KIND: Failure = Failure::new(
    pmh_status::PMH_INVALID_ARGUMENT,
    "unknown pmh_id_kind value",
);
const BAD_RULE: Failure = Failure::new(
    pmh_status::PMH_INVALID_ARGUMENT,
    "unknown pmh_recipient_rule value",
);

/// `None` for AUTO, the kind otherwise.
fn id_kind(kind: pmh_id_kind) -> FfiResult<Option<IdKind>> {
    Ok(Some(match kind {
        PMH_ID_KIND_AUTO => return Ok(None),
        PMH_ID_KIND_PAYER => IdKind::Payer,
        PMH_ID_KIND_RECIPIENT => IdKind::Recipient,
        PMH_ID_KIND_INSURER => IdKind::Insurer,
        PMH_ID_KIND_INSTITUTION => IdKind::Institution,
        PMH_ID_KIND_MUNICIPALITY => IdKind::Municipality,
        PMH_ID_KIND_MY_NUMBER => IdKind::Mynumber,
        _ => return Err(BAD_KIND),
    }))
}

fn recipient_rule(rule: pmh_recipient_rule) -> FfiResult<RecipientRule> {
    match rule {
        PMH_RECIPIENT_RULE_NATIONAL => Ok(RecipientRule::National),
        PMH_RECIPIENT_RULE_LOCAL => Ok(RecipientRule::Local),
        _ => Err(BAD_RULE),
    }
}

fn invalid(e: IdError) -> Failure {
    Failure::invalid(e.code())
}

/// Runs `ids::check` and hands the JSON result to the caller.
fn check_to_json(
    value: &str,
    kind: Option<IdKind>,
    options: &CheckOptions,
    out: OutString,
) -> FfiResult<()> {
    let result = ids::check(value, kind, options);
    let json = serde_json::to_string(&result).map_err(|_| {
        Failure::new(
            pmh_status::PMH_JSON_ERROR,
            "the check result could not be serialized",
        )
    })?;
    out.write(json)
}

/// Checks an identifier and returns the full result as JSON.
///
/// `kind` is a `PMH_ID_KIND_*` value; `PMH_ID_KIND_AUTO` guesses the kind
/// from the shape (My Number is never guessed). Recipient numbers are checked
/// with the national rule (see `pmh_id_check_recipient`).
///
/// On `PMH_OK` the check ran, whatever its verdict: `*out_json` receives a
/// NUL-terminated UTF-8 JSON object (free it with `pmh_string_free`) and
/// `*out_len` its length, e.g.
/// `{"valid":false,"kind":"payer","normalized":null,"issues":[{"code":"ids.payer.check_digit","path":"","severity":"error","messageJa":"…","messageEn":"…"}]}`.
/// `valid` is true when there is no error (warnings such as
/// `ids.fullwidth_digits` allowed); `normalized` is the canonical form when
/// valid, for My Number only the masked form `********1234`.
///
/// Errors: `PMH_NULL_PARAMETER` (`value`, `out_json`, `out_len`),
/// `PMH_INVALID_UTF8`, `PMH_INVALID_ARGUMENT` (unknown `kind`). Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_id_check(
    kind: pmh_id_kind,
    value: *const u8,
    len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let kind = id_kind(kind)?;
        let value = input_str!(value, len)?;
        let out = out_string!(out_json, out_len)?;
        check_to_json(value, kind, &CheckOptions::default(), out)
    })
}

/// Checks a 公費受給者番号 (recipient number) under `rule` (a
/// `PMH_RECIPIENT_RULE_*` value) and returns the result as JSON, as
/// `pmh_id_check` does.
///
/// Errors: `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8`, `PMH_INVALID_ARGUMENT`
/// (unknown `rule`). Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_id_check_recipient(
    rule: pmh_recipient_rule,
    value: *const u8,
    len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let options = CheckOptions {
            recipient_rule: Some(recipient_rule(rule)?),
            payer: None,
        };
        let value = input_str!(value, len)?;
        let out = out_string!(out_json, out_len)?;
        check_to_json(value, Some(IdKind::Recipient), &options, out)
    })
}

/// Checks a 公費受給者番号 (recipient number) of the scheme of `payer` (a
/// 公費負担者番号: national 法別番号 ⇒ national rule, else local) and returns
/// the result as JSON, as `pmh_id_check` does.
///
/// Errors: `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8`, `PMH_INVALID` when
/// `payer` itself is not a valid payer number (the last-error message is its
/// code, e.g. `ids.payer.check_digit`). Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_id_check_recipient_for_payer(
    payer: *const u8,
    payer_len: usize,
    value: *const u8,
    len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let payer = input_str!(payer, payer_len)?;
        let value = input_str!(value, len)?;
        let out = out_string!(out_json, out_len)?;
        let payer = PayerNumber::parse(payer).map_err(invalid)?;
        let options = CheckOptions {
            recipient_rule: None,
            payer: Some(payer),
        };
        check_to_json(value, Some(IdKind::Recipient), &options, out)
    })
}

/// Writes a normalized identifier (or its parse error) to the buffer.
fn normalized_to(out: OutBuffer, parsed: Result<String, IdError>) -> FfiResult<()> {
    out.write(&parsed.map_err(invalid)?)
}

/// Validates a 公費負担者番号 (payer number) and writes its normalized form
/// (8 ASCII digits) into `out`.
///
/// `out` must have room for `out_cap` bytes; on `PMH_OK` it receives the
/// value and a NUL, and `*out_len` its length without the NUL.
/// `PMH_ID_BUFFER_SIZE` always suffices.
///
/// Errors: `PMH_INVALID` (the last-error message is the code of the first
/// error, e.g. `ids.payer.check_digit`), `PMH_NULL_PARAMETER`,
/// `PMH_INVALID_UTF8`, `PMH_BUFFER_TOO_SMALL`. Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_payer_number_normalize(
    value: *const u8,
    len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let value = input_str!(value, len)?;
        let out = out_buffer!(out, out_cap, out_len)?;
        normalized_to(
            out,
            PayerNumber::parse(value).map(|v| v.as_str().to_owned()),
        )
    })
}

/// Validates a national-scheme 公費受給者番号 (recipient number: 7 digits
/// with a check digit) and writes its normalized form into `out`, as
/// `pmh_payer_number_normalize` does.
#[no_mangle]
pub extern "C" fn pmh_recipient_number_normalize_national(
    value: *const u8,
    len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let value = input_str!(value, len)?;
        let out = out_buffer!(out, out_cap, out_len)?;
        normalized_to(
            out,
            RecipientNumber::parse(value, RecipientRule::National).map(|v| v.as_str().to_owned()),
        )
    })
}

/// Validates a local-scheme (地方単独) 公費受給者番号 (recipient number: 1-30
/// ASCII letters and digits) and writes its normalized form into `out`, as
/// `pmh_payer_number_normalize` does.
#[no_mangle]
pub extern "C" fn pmh_recipient_number_normalize_local(
    value: *const u8,
    len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let value = input_str!(value, len)?;
        let out = out_buffer!(out, out_cap, out_len)?;
        normalized_to(
            out,
            RecipientNumber::parse(value, RecipientRule::Local).map(|v| v.as_str().to_owned()),
        )
    })
}

/// Validates a 公費受給者番号 (recipient number) under the rule of the scheme
/// of `payer` (a 公費負担者番号: national 法別番号 ⇒ national rule, else local)
/// and writes its normalized form into `out`, as
/// `pmh_payer_number_normalize` does. An invalid `payer` gives `PMH_INVALID`
/// with the payer's error code.
#[no_mangle]
pub extern "C" fn pmh_recipient_number_normalize_for_payer(
    payer: *const u8,
    payer_len: usize,
    value: *const u8,
    len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let payer = input_str!(payer, payer_len)?;
        let value = input_str!(value, len)?;
        let out = out_buffer!(out, out_cap, out_len)?;
        let payer = PayerNumber::parse(payer).map_err(invalid)?;
        normalized_to(
            out,
            RecipientNumber::parse_for_payer(value, &payer).map(|v| v.as_str().to_owned()),
        )
    })
}

/// Validates a 保険者番号 (insurer number) and writes its normalized form
/// into `out` (8 digits, or 6 for 国保 without padding), as
/// `pmh_payer_number_normalize` does.
#[no_mangle]
pub extern "C" fn pmh_insurer_number_normalize(
    value: *const u8,
    len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let value = input_str!(value, len)?;
        let out = out_buffer!(out, out_cap, out_len)?;
        normalized_to(
            out,
            InsurerNumber::parse(value).map(|v| v.as_str().to_owned()),
        )
    })
}

/// Validates a 医療機関コード (institution code, 10 digits) and writes its
/// normalized form into `out`, as `pmh_payer_number_normalize` does.
#[no_mangle]
pub extern "C" fn pmh_institution_code_normalize(
    value: *const u8,
    len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let value = input_str!(value, len)?;
        let out = out_buffer!(out, out_cap, out_len)?;
        normalized_to(
            out,
            InstitutionCode::parse(value).map(|v| v.as_str().to_owned()),
        )
    })
}

/// Validates a 全国地方公共団体コード (local government code, 6 digits with
/// its check digit) and writes its normalized form into `out`, as
/// `pmh_payer_number_normalize` does.
#[no_mangle]
pub extern "C" fn pmh_municipality_code_normalize(
    value: *const u8,
    len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let value = input_str!(value, len)?;
        let out = out_buffer!(out, out_cap, out_len)?;
        normalized_to(
            out,
            MunicipalityCode::parse(value).map(|v| v.as_str().to_owned()),
        )
    })
}

/// Checks a 個人番号 (My Number, 12 digits with its check digit).
///
/// Returns `PMH_OK` when valid, `PMH_INVALID` when not (the last-error
/// message is the code, e.g. `ids.mynumber.check_digit`). The number is
/// never written anywhere, kept, or repeated in a message.
///
/// Errors: `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8`. Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_my_number_check(value: *const u8, len: usize) -> pmh_status {
    boundary(|| {
        let value = input_str!(value, len)?;
        MyNumber::parse(value).map(drop).map_err(invalid)
    })
}

/// Checks a 個人番号 (My Number) and writes its masked form `********1234`
/// (the last 4 digits only) into `out`, as `pmh_payer_number_normalize`
/// does. The full number is never written.
#[no_mangle]
pub extern "C" fn pmh_my_number_mask(
    value: *const u8,
    len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let value = input_str!(value, len)?;
        let out = out_buffer!(out, out_cap, out_len)?;
        normalized_to(out, MyNumber::parse(value).map(|v| v.masked()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_map() {
        assert_eq!(id_kind(PMH_ID_KIND_AUTO), Ok(None));
        assert_eq!(id_kind(PMH_ID_KIND_MY_NUMBER), Ok(Some(IdKind::Mynumber)));
        assert_eq!(id_kind(7), Err(BAD_KIND));
        assert_eq!(recipient_rule(0), Err(BAD_RULE));
    }

    #[test]
    fn normalize_and_invalid() {
        let mut buf = [0 as c_char; PMH_ID_BUFFER_SIZE];
        let mut n = 0usize;
        let v = "５４０１６０２７".as_bytes();
        let s =
            pmh_payer_number_normalize(v.as_ptr(), v.len(), buf.as_mut_ptr(), buf.len(), &mut n);
        assert_eq!(s, pmh_status::PMH_OK);
        assert_eq!(n, 8);
        let v = b"54016028";
        let s =
            pmh_payer_number_normalize(v.as_ptr(), v.len(), buf.as_mut_ptr(), buf.len(), &mut n);
        assert_eq!(s, pmh_status::PMH_INVALID);
        assert_eq!(
            crate::error::last_error().unwrap().detail,
            "ids.payer.check_digit"
        );
    }
}

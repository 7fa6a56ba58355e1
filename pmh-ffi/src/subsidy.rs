//! 医療費助成 (medical subsidies) at the window: eligibility of a
//! certificate (受給者証) at a visit, the copayment of a visit, and the
//! monthly cap ledger (自己負担上限額管理票).
//!
//! Structured values go in and out as JSON (the wire forms of
//! `pmh_core::subsidy`, the same as `pmh subsidy ...` and the
//! `subsidy.*` messages), read strictly (see `pmh_canonicalize`). A cap
//! ledger is a value, not a handle: each call takes the ledger's JSON and
//! returns the updated ledger's JSON, to be stored by the caller (and
//! exchanged through the hub).
//!
//! Failures use the 2xx statuses with the stable rule code as the
//! last-error message, never the data: `PMH_SUBSIDY_INVALID_REQUEST` for
//! input that does not match its model or breaks a rule, `PMH_LEDGER_CONFLICT`
//! and `PMH_LEDGER_REJECTED` for what a ledger refuses.
//!
//! Certificates are checked as the CLI checks them (local schemes' check
//! digits are warnings); the first error's code is the last error. For the
//! full report call `pmh_validate` with `subsidy.certificate`.

use std::ffi::c_char;

use chrono::NaiveDate;
use pmh_core::ids::{InstitutionCode, PayerNumber};
use pmh_core::subsidy::copayment::{CopayError, CopayRequest};
use pmh_core::subsidy::eligibility::{check_eligibility, Visit};
use pmh_core::subsidy::ledger::{CapLedger, LedgerError, LedgerMonth, LedgerRecord, NewEntry};
use pmh_core::subsidy::messages::validate_copayment_record;
use pmh_core::subsidy::{validate_certificate_at, Certificate, Setting, ValidationOptions};
use pmh_core::validate::Report;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{Failure, FfiResult};
use crate::ffi::{input_str, out_string, OutString};
use crate::json::{parse, to_string, typed};
use crate::panic::boundary;
use crate::status::pmh_status;

const INVALID: pmh_status = pmh_status::PMH_SUBSIDY_INVALID_REQUEST;

/// Certificates are checked leniently (local check digits are warnings), as
/// `pmh subsidy` does.
const LENIENT: ValidationOptions = ValidationOptions { lenient: true };

/// `PMH_SUBSIDY_INVALID_REQUEST` with the first error of `report`, if any.
fn first_error(report: &Report) -> FfiResult<()> {
    match report.issues().iter().find(|i| i.is_error()) {
        Some(issue) => Err(Failure::new(INVALID, issue.code)),
        None => Ok(()),
    }
}

/// A ledger refusal: a conflict, or anything else the ledger refused.
fn ledger_failure(e: LedgerError) -> Failure {
    let status = match e {
        LedgerError::Conflict => pmh_status::PMH_LEDGER_CONFLICT,
        _ => pmh_status::PMH_LEDGER_REJECTED,
    };
    Failure::new(status, e.code())
}

fn copay_failure(e: CopayError) -> Failure {
    match e {
        CopayError::Ledger(l) => ledger_failure(l),
        other => Failure::new(INVALID, other.code()),
    }
}

/// Reads and checks a certificate.
fn load_certificate(text: &str) -> FfiResult<Certificate> {
    let value = parse(text)?;
    let mut report = Report::new();
    validate_certificate_at(&value, &LENIENT, "", &mut report);
    first_error(&report)?;
    typed(text, INVALID, "subsidy.certificate.shape")
}

/// Reads a cap ledger (its entries are checked, sorted and totalled).
fn load_ledger(text: &str) -> FfiResult<CapLedger> {
    parse(text)?;
    typed(text, INVALID, "subsidy.ledger.shape")
}

/// Checks whether a certificate (受給者証, PMH registration API fields, as
/// in `subsidy.certificate.register`) applies to a visit
/// (`{"date":"2024-05-10","institutionCode":"3618010015","setting":"outpatient"}`,
/// setting `outpatient`, `inpatient` or `pharmacy`).
///
/// On `PMH_OK` the check ran, whatever its verdict: `*out_json` receives
/// (UTF-8, NUL-terminated; free it with `pmh_string_free`)
/// `{"eligible":true,"settlement":"window","reasons":[]}`, where
/// `settlement` is `window` (現物給付: apply the subsidy at the window),
/// `reimbursement` (償還払い: eligible, but the patient pays the insurance
/// copay now) or `none`, and `reasons` lists every reason as
/// `{"code","messageJa","messageEn"}` (e.g. `subsidy.eligibility.expired`,
/// `subsidy.eligibility.not_designated`). `*out_len` receives its length.
///
/// Errors: `PMH_SUBSIDY_INVALID_REQUEST` (the certificate's first validation
/// error, e.g. `subsidy.certificate.required`, or `subsidy.certificate.shape`
/// / `subsidy.visit.shape` with `pmh_last_error_position`), `PMH_JSON_ERROR`
/// (not strict JSON: a `json.*` code), `PMH_NULL_PARAMETER`,
/// `PMH_INVALID_UTF8`, `PMH_INVALID_ARGUMENT` (length). Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_subsidy_eligibility(
    certificate: *const u8,
    certificate_len: usize,
    visit: *const u8,
    visit_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let certificate = input_str!(certificate, certificate_len)?;
        let visit = input_str!(visit, visit_len)?;
        let out = out_string!(out_json, out_len)?;
        let certificate = load_certificate(certificate)?;
        parse(visit)?;
        let visit: Visit = typed(visit, INVALID, "subsidy.visit.shape")?;
        out.write(to_string(&check_eligibility(&certificate, &visit))?)
    })
}

/// Computes the copayment (自己負担額) of a visit under health insurance and
/// up to four subsidies, with this month's cap ledgers.
///
/// `request` is
/// `{"visit":{"id","date","institutionCode","setting","points","insuranceCopayPercent","mealCost"?},"certificates":[…],"ledgers"?:[…],"keepOrder"?:false}`
/// (as `pmh subsidy copay`); a missing ledger means nothing was charged yet
/// this month under that scheme.
///
/// On `PMH_OK`, `*out_json` receives the split (UTF-8, NUL-terminated; free
/// it with `pmh_string_free`) and `*out_len` its length:
/// `{"totalCost","insuranceCopay","insurerPays","publicPayers":[{"payerNumber","applied","reason"?,"pays","mealPays"?,"capRemaining"?}],"patientPays","ledgerEntries"?:[…]}`.
/// Each `ledgerEntries` element is a `subsidy.copayment.record` payload, to
/// record with `pmh_cap_ledger_add_record` and report to the hub. The
/// ledgers given are not changed. No recipient number or personal data is
/// in the result.
///
/// Errors: `PMH_SUBSIDY_INVALID_REQUEST` (a certificate's first validation
/// error; `subsidy.copay.request` when the request does not match the model,
/// with `pmh_last_error_position`; a `subsidy.copay.*` rule such as
/// `subsidy.copay.negative_points`, `.ledger_month`, `.ledger_caps`,
/// `.duplicate_payer`; a `subsidy.ledger.*` code for an unreadable ledger),
/// `PMH_LEDGER_CONFLICT` (the visit id is recorded in a ledger with other
/// content), `PMH_LEDGER_REJECTED`, `PMH_JSON_ERROR`, `PMH_NULL_PARAMETER`,
/// `PMH_INVALID_UTF8`, `PMH_INVALID_ARGUMENT` (length). Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_subsidy_copayment(
    request: *const u8,
    request_len: usize,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let request = input_str!(request, request_len)?;
        let out = out_string!(out_json, out_len)?;
        let value = parse(request)?;
        let mut report = Report::new();
        if let Some(certificates) = value.get("certificates").and_then(Value::as_array) {
            for (i, c) in certificates.iter().enumerate() {
                validate_certificate_at(c, &LENIENT, &format!("/certificates/{i}"), &mut report);
            }
        }
        first_error(&report)?;
        let request: CopayRequest = typed(request, INVALID, "subsidy.copay.request")?;
        let result = request.compute().map_err(copay_failure)?;
        out.write(to_string(&result)?)
    })
}

/// Makes the empty cap ledger (自己負担上限額管理票) of a certificate for a
/// month (`YYYY-MM`): its payer number and its caps (`monthlyCap`,
/// `monthlyCapOutpatient`, `monthlyCapInpatient` become `cap`,
/// `capOutpatient`, `capInpatient`), e.g.
/// `{"payerNumber":"54136015","month":"2024-05","cap":10000,"entries":[]}`.
/// Use it for a patient's first visit of the month under a capped scheme.
///
/// On `PMH_OK`, `*out_ledger` receives the ledger (UTF-8, NUL-terminated;
/// free it with `pmh_string_free`) and `*out_len` its length.
///
/// Errors: `PMH_SUBSIDY_INVALID_REQUEST` (the certificate's first
/// validation error, an `ids.payer.*` code for its payer number,
/// `subsidy.ledger.month_format`, `subsidy.ledger.negative`),
/// `PMH_JSON_ERROR`, `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8`,
/// `PMH_INVALID_ARGUMENT` (length). Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_cap_ledger_new(
    certificate: *const u8,
    certificate_len: usize,
    month: *const u8,
    month_len: usize,
    out_ledger: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let certificate = input_str!(certificate, certificate_len)?;
        let month = input_str!(month, month_len)?;
        let out = out_string!(out_ledger, out_len)?;
        let certificate = load_certificate(certificate)?;
        let month: LedgerMonth = month
            .parse()
            .map_err(|e: LedgerError| Failure::new(INVALID, e.code()))?;
        let payer = PayerNumber::parse(&certificate.medical_subsidy_insurer_number)
            .map_err(|e| Failure::new(INVALID, e.code()))?;
        let ledger = CapLedger::for_rule(payer, month, &certificate.max_copayment_amount)
            .map_err(|e| Failure::new(INVALID, e.code()))?;
        out.write(to_string(&ledger)?)
    })
}

/// A visit to charge: a ledger entry before the cap decides `charged`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ChargeEntry {
    id: String,
    date: NaiveDate,
    institution_code: InstitutionCode,
    setting: Setting,
    total_cost: i64,
    copay_due: i64,
}

/// Charges a visit at the window against a cap ledger: records it with
/// `charged` = its `copayDue` capped by what is left of the caps covering
/// its setting (0 once a cap is reached; the entry is still recorded, as on
/// the paper 管理票).
///
/// `entry` is
/// `{"id":"v-001","date":"2024-05-10","institutionCode":"3618010015","setting":"outpatient","totalCost":12340,"copayDue":2470}`
/// (`copayDue`: the scheme's amount before the monthly cap, yen).
/// Idempotent: charging an id already recorded with the same content returns
/// the recorded entry and the ledger unchanged.
///
/// On `PMH_OK`, `*out_ledger` receives the updated ledger and `*out_record`
/// the recorded entry as a `subsidy.copayment.record` payload
/// (`{"payerNumber","month","entry":{…,"charged","cumulative"}}`, ready to
/// seal for the hub); both are UTF-8, NUL-terminated, to free with
/// `pmh_string_free`; `*out_ledger_len` and `*out_record_len` their lengths.
/// Both are written, or neither.
///
/// Errors: `PMH_LEDGER_CONFLICT` (the id is recorded with other content),
/// `PMH_LEDGER_REJECTED` (`subsidy.ledger.month`, `.id`, `.negative`,
/// `.overflow`), `PMH_SUBSIDY_INVALID_REQUEST` (`subsidy.ledger.shape`,
/// `subsidy.ledger.entry_shape` with `pmh_last_error_position`, or a
/// `subsidy.ledger.*` code for a ledger that does not hold together),
/// `PMH_JSON_ERROR`, `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8`,
/// `PMH_INVALID_ARGUMENT` (length). Thread-safe.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // (pointer, length) pairs
pub extern "C" fn pmh_cap_ledger_charge(
    ledger: *const u8,
    ledger_len: usize,
    entry: *const u8,
    entry_len: usize,
    out_ledger: *mut *mut c_char,
    out_ledger_len: *mut usize,
    out_record: *mut *mut c_char,
    out_record_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let ledger = input_str!(ledger, ledger_len)?;
        let entry = input_str!(entry, entry_len)?;
        let out_ledger = out_string!(out_ledger, out_ledger_len)?;
        let out_record = out_string!(out_record, out_record_len)?;
        let mut ledger = load_ledger(ledger)?;
        parse(entry)?;
        let e: ChargeEntry = typed(entry, INVALID, "subsidy.ledger.entry_shape")?;
        let recorded = ledger
            .charge(NewEntry {
                id: e.id,
                date: e.date,
                institution_code: e.institution_code,
                setting: e.setting,
                total_cost: e.total_cost,
                copay_due: e.copay_due,
            })
            .map_err(ledger_failure)?;
        let record = LedgerRecord {
            payer_number: ledger.payer_number(),
            month: ledger.month(),
            entry: recorded,
        };
        OutString::write_pair(
            (out_ledger, to_string(&ledger)?),
            (out_record, to_string(&record)?),
        )
    })
}

/// Records in a cap ledger an entry charged elsewhere, as it was charged: a
/// `subsidy.copayment.record` payload
/// (`{"payerNumber","month","entry":{"id","date","institutionCode","setting","totalCost","copayDue","charged","cumulative"?}}`),
/// e.g. an element of `ledgerEntries` from `pmh_subsidy_copayment`, or a
/// record another institution reported through the hub. `cumulative` is
/// recomputed. Idempotent: a record already there with the same content
/// changes nothing.
///
/// On `PMH_OK`, `*out_ledger` receives the updated ledger (UTF-8,
/// NUL-terminated; free it with `pmh_string_free`) and `*out_len` its length.
///
/// Errors: `PMH_LEDGER_CONFLICT` (the id is recorded with other content),
/// `PMH_LEDGER_REJECTED` (`subsidy.ledger.other_ledger`: another payer
/// number or month; `.month`, `.charged_exceeds_due`, `.negative`, `.id`,
/// `.overflow`), `PMH_SUBSIDY_INVALID_REQUEST` (the record's first
/// validation error as `pmh_validate` reports it for
/// `subsidy.copayment.record`, `subsidy.ledger.record_shape`,
/// `subsidy.ledger.shape`), `PMH_JSON_ERROR`, `PMH_NULL_PARAMETER`,
/// `PMH_INVALID_UTF8`, `PMH_INVALID_ARGUMENT` (length). Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_cap_ledger_add_record(
    ledger: *const u8,
    ledger_len: usize,
    record: *const u8,
    record_len: usize,
    out_ledger: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let ledger = input_str!(ledger, ledger_len)?;
        let record = input_str!(record, record_len)?;
        let out = out_string!(out_ledger, out_len)?;
        let mut ledger = load_ledger(ledger)?;
        let value = parse(record)?;
        first_error(&validate_copayment_record(&value))?;
        let record: LedgerRecord = typed(record, INVALID, "subsidy.ledger.record_shape")?;
        ledger.apply(&record).map_err(ledger_failure)?;
        out.write(to_string(&ledger)?)
    })
}

/// Merges two copies of the same cap ledger (same payer number, month and
/// caps; e.g. the hub's and this institution's): the union of their entries
/// by id, in canonical order (date, id) with `cumulative` recomputed. Merging
/// in any order, any number of times, gives the same JSON. When two
/// institutions charged without seeing each other the merged ledger may hold
/// more than the cap: entries stay as charged (a ledger records what was
/// collected).
///
/// On `PMH_OK`, `*out_ledger` receives the merged ledger (UTF-8,
/// NUL-terminated; free it with `pmh_string_free`) and `*out_len` its length.
///
/// Errors: `PMH_LEDGER_CONFLICT` (an id recorded with different content in
/// the two), `PMH_LEDGER_REJECTED` (`subsidy.ledger.other_ledger`, `.caps`,
/// `.overflow`), `PMH_SUBSIDY_INVALID_REQUEST` (`subsidy.ledger.shape` or a
/// `subsidy.ledger.*` code for a ledger that does not hold together),
/// `PMH_JSON_ERROR`, `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8`,
/// `PMH_INVALID_ARGUMENT` (length). Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_cap_ledger_merge(
    ledger: *const u8,
    ledger_len: usize,
    other: *const u8,
    other_len: usize,
    out_ledger: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let ledger = input_str!(ledger, ledger_len)?;
        let other = input_str!(other, other_len)?;
        let out = out_string!(out_ledger, out_len)?;
        let mut ledger = load_ledger(ledger)?;
        let other = load_ledger(other)?;
        ledger.merge(&other).map_err(ledger_failure)?;
        out.write(to_string(&ledger)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    const CERT: &str = r#"{"orgSpecificCertificateTypeId": "NANBYO54", "myNumber": "983205673214",
        "basicFiveInfo": {"name": "見本 花子", "nameKana": "ミホン　ハナコ", "address": "徳島県徳島市見本町1-1",
          "dateOfBirth": "1980-02-29", "sex": "2"},
        "medicalSubsidyInsurerNumber": "54136015", "certificationName": "特定医療費（指定難病）受給者証",
        "medicalSubsidyRecipientNumber": "1234566", "segment": "一般", "incomeSegment": "一般所得I",
        "isAlwaysReimbursement": "0", "maxCopaymentAmount": {"copayRatePercent": 20, "monthlyCap": 10000},
        "validFrom": "2024-04-01", "validTo": "2025-03-31", "certificationDetail": []}"#;

    fn call(
        f: impl FnOnce(*mut *mut c_char, *mut usize) -> pmh_status,
    ) -> Result<String, (pmh_status, &'static str)> {
        let mut p: *mut c_char = ptr::null_mut();
        let mut n = 0usize;
        let status = f(&mut p, &mut n);
        if status != pmh_status::PMH_OK {
            let detail = crate::error::last_error().map_or("", |f| f.detail);
            return Err((status, detail));
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

    fn eligibility(cert: &str, visit: &str) -> Result<String, (pmh_status, &'static str)> {
        call(|o, n| {
            pmh_subsidy_eligibility(cert.as_ptr(), cert.len(), visit.as_ptr(), visit.len(), o, n)
        })
    }

    fn new_ledger(cert: &str, month: &str) -> Result<String, (pmh_status, &'static str)> {
        call(|o, n| {
            pmh_cap_ledger_new(cert.as_ptr(), cert.len(), month.as_ptr(), month.len(), o, n)
        })
    }

    fn charge(ledger: &str, entry: &str) -> Result<(String, String), (pmh_status, &'static str)> {
        let mut record = String::new();
        let l = call(|o, n| {
            let (mut r, mut rn): (*mut c_char, usize) = (ptr::null_mut(), 0);
            let s = pmh_cap_ledger_charge(
                ledger.as_ptr(),
                ledger.len(),
                entry.as_ptr(),
                entry.len(),
                o,
                n,
                &mut r,
                &mut rn,
            );
            if s == pmh_status::PMH_OK {
                // SAFETY: on PMH_OK `r` is a NUL-terminated string returned by pmh.
                record = unsafe { std::ffi::CStr::from_ptr(r) }
                    .to_str()
                    .unwrap()
                    .to_owned();
                assert_eq!(record.len(), rn);
                crate::string::pmh_string_free(r);
            }
            s
        })?;
        Ok((l, record))
    }

    #[test]
    fn eligibility_verdicts_and_errors() {
        let visit =
            r#"{"date": "2024-05-10", "institutionCode": "3618010015", "setting": "outpatient"}"#;
        let ok = eligibility(CERT, visit).unwrap();
        assert_eq!(
            ok,
            r#"{"eligible":true,"settlement":"window","reasons":[]}"#
        );
        let late =
            r#"{"date": "2025-04-01", "institutionCode": "3618010015", "setting": "outpatient"}"#;
        assert!(eligibility(CERT, late)
            .unwrap()
            .contains("subsidy.eligibility.expired"));
        let bad_visit =
            r#"{"date": "2025-13-01", "institutionCode": "3618010015", "setting": "outpatient"}"#;
        assert_eq!(
            eligibility(CERT, bad_visit),
            Err((INVALID, "subsidy.visit.shape"))
        );
        assert_eq!(
            crate::error::last_error()
                .and_then(|f| f.position)
                .map(|p| p.0),
            Some(1)
        );
        assert_eq!(
            eligibility("{}", visit).unwrap_err(),
            (INVALID, "subsidy.certificate.required")
        );
        assert_eq!(
            eligibility(CERT, r#"{"date": 1, "date": 2}"#).unwrap_err(),
            (pmh_status::PMH_JSON_ERROR, "json.duplicate_key")
        );
    }

    #[test]
    fn ledger_flow() {
        let ledger = new_ledger(CERT, "2024-05").unwrap();
        assert_eq!(
            ledger,
            r#"{"payerNumber":"54136015","month":"2024-05","cap":10000,"entries":[]}"#
        );
        assert_eq!(
            new_ledger(CERT, "2024-5").unwrap_err(),
            (INVALID, "subsidy.ledger.month_format")
        );
        let entry = |id: &str, due: i64| {
            format!(
                r#"{{"id": "{id}", "date": "2024-05-10", "institutionCode": "3618010015",
                   "setting": "outpatient", "totalCost": 50000, "copayDue": {due}}}"#
            )
        };
        let (ledger, record) = charge(&ledger, &entry("v-1", 6000)).unwrap();
        assert!(
            record.contains(r#""charged":6000,"cumulative":6000"#),
            "{record}"
        );
        let (ledger, record) = charge(&ledger, &entry("v-2", 6000)).unwrap();
        assert!(
            record.contains(r#""charged":4000,"cumulative":10000"#),
            "{record}"
        );
        // Idempotent; a conflict is refused.
        let (again, _) = charge(&ledger, &entry("v-2", 6000)).unwrap();
        assert_eq!(again, ledger);
        assert_eq!(
            charge(&ledger, &entry("v-2", 5000)).unwrap_err(),
            (pmh_status::PMH_LEDGER_CONFLICT, "subsidy.ledger.conflict")
        );
        assert_eq!(
            charge(&ledger, &entry("v-3", -1)).unwrap_err(),
            (pmh_status::PMH_LEDGER_REJECTED, "subsidy.ledger.negative")
        );
        assert_eq!(
            charge(&ledger, r#"{"id": "v-4"}"#).unwrap_err(),
            (INVALID, "subsidy.ledger.entry_shape")
        );
        // Recording the record elsewhere, then merging both copies.
        let empty = new_ledger(CERT, "2024-05").unwrap();
        let add = |l: &str, r: &str| {
            call(|o, n| pmh_cap_ledger_add_record(l.as_ptr(), l.len(), r.as_ptr(), r.len(), o, n))
        };
        let other = add(&empty, &record).unwrap();
        assert_eq!(add(&other, &record).unwrap(), other);
        let merge = |a: &str, b: &str| {
            call(|o, n| pmh_cap_ledger_merge(a.as_ptr(), a.len(), b.as_ptr(), b.len(), o, n))
        };
        assert_eq!(merge(&ledger, &other).unwrap(), ledger);
        assert_eq!(merge(&other, &ledger).unwrap(), ledger);
        let june = empty.replace("2024-05", "2024-06");
        assert_eq!(
            merge(&ledger, &june).unwrap_err(),
            (
                pmh_status::PMH_LEDGER_REJECTED,
                "subsidy.ledger.other_ledger"
            )
        );
        assert_eq!(
            add(&june, &record).unwrap_err(),
            (
                pmh_status::PMH_LEDGER_REJECTED,
                "subsidy.ledger.other_ledger"
            )
        );
        assert_eq!(
            add(&empty, "{}").unwrap_err(),
            (INVALID, "subsidy.certificate.required")
        );
    }

    #[test]
    fn copayment() {
        let request = format!(
            r#"{{"visit": {{"id": "v-001", "date": "2024-05-10", "institutionCode": "1310000011",
               "setting": "outpatient", "points": 1234, "insuranceCopayPercent": 30}},
               "certificates": [{CERT}]}}"#
        );
        let copay = |r: &str| call(|o, n| pmh_subsidy_copayment(r.as_ptr(), r.len(), o, n));
        let result = copay(&request).unwrap();
        assert!(result.contains(r#""patientPays":2470"#), "{result}");
        assert!(!result.contains("1234566"), "no recipient number");
        let negative = request.replace("1234,", "-1,");
        assert_eq!(
            copay(&negative).unwrap_err(),
            (INVALID, "subsidy.copay.negative_points")
        );
        let typo = request.replace("insuranceCopayPercent", "insuranceCopayRate");
        assert_eq!(
            copay(&typo).unwrap_err(),
            (INVALID, "subsidy.copay.request")
        );
    }
}

//! Payload validators of the checkup message types:
//!
//! | type | payload | direction |
//! |---|---|---|
//! | `checkup.voucher.issue` | `{"vouchers": [Voucher, ...]}` | municipality → hub |
//! | `checkup.questionnaire.submit` | one [`Questionnaire`](super::Questionnaire) | person (app) → hub → clinic |
//! | `checkup.result.register` | `{"results": [CheckupResult, ...]}` | clinic → hub → municipality |
//!
//! ```
//! use pmh_core::checkup::messages::validate_result_register;
//! let r = validate_result_register(&serde_json::json!({"results": [{}]}));
//! assert!(r.has_at("checkup.required", "/results/0/kind"));
//! ```

use super::questionnaire::validate_questionnaire_at;
use super::result::validate_result_at;
use super::voucher::validate_voucher_at;
use super::{rules, CheckupOptions};
use crate::validate::{push_index, Report};
use serde_json::Value;

/// The array `key` of the payload object, with errors recorded.
fn list<'v>(payload: &'v Value, key: &str, report: &mut Report) -> Option<&'v Vec<Value>> {
    let Some(obj) = payload.as_object() else {
        report.push(&rules::NOT_OBJECT, "");
        return None;
    };
    let path = format!("/{key}");
    let Some(v) = obj.get(key) else {
        report.push(&rules::REQUIRED, path);
        return None;
    };
    let Some(items) = v.as_array() else {
        report.push(&rules::TYPE, path);
        return None;
    };
    if items.is_empty() {
        report.push(&rules::EMPTY_LIST, path);
    }
    Some(items)
}

/// `checkup.voucher.issue` with the default options.
pub fn validate_voucher_issue(payload: &Value) -> Report {
    validate_voucher_issue_with(payload, &CheckupOptions::default())
}

/// `checkup.voucher.issue`: every voucher at `/vouchers/<i>`; a voucher number
/// repeated within one municipality is an error.
pub fn validate_voucher_issue_with(payload: &Value, options: &CheckupOptions) -> Report {
    let mut report = Report::new();
    let Some(items) = list(payload, "vouchers", &mut report) else {
        return report;
    };
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let mut base = String::from("/vouchers");
        push_index(&mut base, i);
        validate_voucher_at(item, options, &base, &mut report);
        let key = ["municipalityCode", "number"]
            .map(|k| item.get(k).and_then(Value::as_str).unwrap_or(""));
        if !key[1].is_empty() && !seen.insert(key) {
            report.push(&rules::DUPLICATE_VOUCHER, base);
        }
    }
    report
}

/// `checkup.questionnaire.submit`: one questionnaire.
pub fn validate_questionnaire_submit(payload: &Value) -> Report {
    let mut report = Report::new();
    validate_questionnaire_at(payload, &CheckupOptions::default(), "", &mut report);
    report
}

/// `checkup.result.register` with the default options.
pub fn validate_result_register(payload: &Value) -> Report {
    validate_result_register_with(payload, &CheckupOptions::default())
}

/// `checkup.result.register`: every result at `/results/<i>`.
pub fn validate_result_register_with(payload: &Value, options: &CheckupOptions) -> Report {
    let mut report = Report::new();
    let Some(items) = list(payload, "results", &mut report) else {
        return report;
    };
    for (i, item) in items.iter().enumerate() {
        let mut base = String::from("/results");
        push_index(&mut base, i);
        validate_result_at(item, options, &base, &mut report);
    }
    report
}

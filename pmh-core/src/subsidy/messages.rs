//! Payload validators of the subsidy message types:
//!
//! | type | payload |
//! |---|---|
//! | `subsidy.certificate.register` | `{"certificates": [Certificate, ...]}` (municipality → hub) |
//! | `subsidy.eligibility.query` | `{"medicalSubsidyInsurerNumber", "medicalSubsidyRecipientNumber", "visit": {"date", "institutionCode", "setting"}}` (institution → hub) |
//! | `subsidy.eligibility.result` | the query's numbers + `{"eligible", "settlement", "reasons", "certificate"?}` (hub → institution) |
//! | `subsidy.copayment.record` | a cap-ledger entry reported to the hub (see [`super::ledger`]) |
//!
//! ```
//! use pmh_core::subsidy::messages::validate_register;
//! let report = validate_register(&serde_json::json!({"certificates": [{}]}));
//! assert!(report.has_at("subsidy.certificate.required", "/certificates/0/myNumber"));
//! ```

use super::validation::{rules, validate_certificate_at, ValidationOptions};
use crate::ids::{InstitutionCode, PayerNumber};
use crate::validate::{push_index, Report, Rule};
use serde_json::Value;

/// Rules of the message envelopes' payloads (beyond the certificate rules).
pub mod message_rules {
    use crate::validate::Rule;

    /// `certificates` is empty.
    pub const NO_CERTIFICATES: Rule = Rule::error(
        "subsidy.register.empty",
        "登録する受給者証がありません。",
        "The registration carries no certificates.",
    );
    /// Two certificates of one registration share the same key.
    pub const DUPLICATE: Rule = Rule::error(
        "subsidy.register.duplicate",
        "同じ受給者証（負担者番号・受給者番号・サブキー・履歴キー）が重複しています。",
        "Two certificates share payer, recipient, sub key and history key.",
    );
}

fn field<'v>(
    obj: &'v serde_json::Map<String, Value>,
    key: &str,
    path: &str,
    report: &mut Report,
) -> Option<&'v Value> {
    let v = obj.get(key);
    if v.is_none() {
        report.push(&rules::REQUIRED, format!("{path}/{key}"));
    }
    v
}

fn string<'v>(
    obj: &'v serde_json::Map<String, Value>,
    key: &str,
    path: &str,
    report: &mut Report,
) -> Option<&'v str> {
    let v = field(obj, key, path, report)?;
    let s = v.as_str();
    if s.is_none() {
        report.push(&rules::TYPE, format!("{path}/{key}"));
    }
    s
}

fn object<'v>(
    v: &'v Value,
    path: &str,
    report: &mut Report,
    rule: &Rule,
) -> Option<&'v serde_json::Map<String, Value>> {
    let o = v.as_object();
    if o.is_none() {
        report.push(rule, path);
    }
    o
}

/// `subsidy.certificate.register`: `{"certificates": [...]}`, each certificate
/// validated at `/certificates/<i>`; duplicates within one registration are errors.
pub fn validate_register(payload: &Value) -> Report {
    validate_register_with(payload, &ValidationOptions::default())
}

/// [`validate_register`] with options (e.g. lenient check digits).
pub fn validate_register_with(payload: &Value, options: &ValidationOptions) -> Report {
    let mut report = Report::new();
    let Some(obj) = object(payload, "", &mut report, &rules::NOT_OBJECT) else {
        return report;
    };
    let Some(list) = field(obj, "certificates", "", &mut report) else {
        return report;
    };
    let Some(items) = list.as_array() else {
        report.push(&rules::TYPE, "/certificates");
        return report;
    };
    if items.is_empty() {
        report.push(&message_rules::NO_CERTIFICATES, "/certificates");
    }
    let mut seen = std::collections::HashSet::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let mut base = String::from("/certificates");
        push_index(&mut base, i);
        validate_certificate_at(item, options, &base, &mut report);
        let key = [
            "medicalSubsidyInsurerNumber",
            "medicalSubsidyRecipientNumber",
            "certificationSubKey",
            "historyKey",
        ]
        .map(|k| item.get(k).and_then(Value::as_str).unwrap_or(""));
        if !key[0].is_empty() && !seen.insert(key) {
            report.push(&message_rules::DUPLICATE, base);
        }
    }
    report
}

/// The numbers and visit of a query, at `path`.
fn query_members(obj: &serde_json::Map<String, Value>, report: &mut Report) {
    if let Some(s) = string(obj, "medicalSubsidyInsurerNumber", "", report) {
        PayerNumber::parse_reporting(s, "/medicalSubsidyInsurerNumber", report);
    }
    if let Some(s) = string(obj, "medicalSubsidyRecipientNumber", "", report) {
        if s.is_empty() || s.chars().count() > 30 {
            report.push(&rules::MAX_LENGTH, "/medicalSubsidyRecipientNumber");
        }
    }
}

/// `subsidy.eligibility.query`.
pub fn validate_eligibility_query(payload: &Value) -> Report {
    let mut report = Report::new();
    let Some(obj) = object(payload, "", &mut report, &rules::NOT_OBJECT) else {
        return report;
    };
    query_members(obj, &mut report);
    if let Some(v) = field(obj, "visit", "", &mut report) {
        if let Some(visit) = object(v, "/visit", &mut report, &rules::TYPE) {
            if let Some(d) = string(visit, "date", "/visit", &mut report) {
                if crate::calendar::parse_iso_date(d).is_none() {
                    report.push(&rules::DATE, "/visit/date");
                }
            }
            if let Some(code) = string(visit, "institutionCode", "/visit", &mut report) {
                InstitutionCode::parse_reporting(code, "/visit/institutionCode", &mut report);
            }
            if let Some(s) = string(visit, "setting", "/visit", &mut report) {
                if !matches!(s, "outpatient" | "inpatient" | "pharmacy") {
                    report.push(&rules::ENUM, "/visit/setting");
                }
            }
        }
    }
    report
}

/// `subsidy.eligibility.result`.
pub fn validate_eligibility_result(payload: &Value) -> Report {
    let mut report = Report::new();
    let Some(obj) = object(payload, "", &mut report, &rules::NOT_OBJECT) else {
        return report;
    };
    query_members(obj, &mut report);
    if let Some(v) = field(obj, "eligible", "", &mut report) {
        if !v.is_boolean() {
            report.push(&rules::TYPE, "/eligible");
        }
    }
    if let Some(s) = string(obj, "settlement", "", &mut report) {
        if !matches!(s, "window" | "reimbursement" | "none") {
            report.push(&rules::ENUM, "/settlement");
        }
    }
    if let Some(v) = field(obj, "reasons", "", &mut report) {
        match v.as_array() {
            None => report.push(&rules::TYPE, "/reasons"),
            Some(items) => {
                for (i, r) in items.iter().enumerate() {
                    if !r.get("code").is_some_and(Value::is_string) {
                        report.push(&rules::REQUIRED, format!("/reasons/{i}/code"));
                    }
                }
            }
        }
    }
    if let Some(cert) = obj.get("certificate") {
        validate_certificate_at(
            cert,
            &ValidationOptions::default(),
            "/certificate",
            &mut report,
        );
    }
    report
}

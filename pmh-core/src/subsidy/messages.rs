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

/// Rules of `subsidy.copayment.record` (a cap-ledger entry reported to the hub).
pub mod record_rules {
    use crate::validate::Rule;

    /// `month` is not `YYYY-MM`.
    pub const MONTH: Rule = Rule::error(
        "subsidy.record.month",
        "月はYYYY-MM形式で入力してください。",
        "month must be YYYY-MM.",
    );
    /// The entry's date is not in `month`.
    pub const DATE_OUTSIDE_MONTH: Rule = Rule::error(
        "subsidy.record.date_outside_month",
        "受診日が管理票の月に含まれません。",
        "The entry's date is not in the ledger month.",
    );
    /// `id` empty or longer than 64 characters.
    pub const ID: Rule = Rule::error(
        "subsidy.record.id",
        "記録IDは1〜64文字で入力してください。",
        "The entry id must have 1 to 64 characters.",
    );
    /// `charged` exceeds `copayDue`.
    pub const CHARGED_EXCEEDS_DUE: Rule = Rule::error(
        "subsidy.record.charged_exceeds_due",
        "徴収額が上限適用前の負担額を超えています。",
        "charged exceeds copayDue.",
    );
}

/// `subsidy.copayment.record`: `{"payerNumber", "month": "YYYY-MM", "entry":
/// {"id", "date", "institutionCode", "setting", "totalCost", "copayDue",
/// "charged", "cumulative"?}}` (see [`super::ledger::LedgerRecord`]).
///
/// ```
/// use pmh_core::subsidy::messages::validate_copayment_record;
/// let ok = serde_json::json!({"payerNumber": "54136015", "month": "2024-05", "entry": {
///     "id": "v-1", "date": "2024-05-10", "institutionCode": "1310000011", "setting": "outpatient",
///     "totalCost": 30000, "copayDue": 6000, "charged": 6000}});
/// assert!(validate_copayment_record(&ok).is_ok());
/// ```
pub fn validate_copayment_record(payload: &Value) -> Report {
    let mut report = Report::new();
    let Some(obj) = object(payload, "", &mut report, &rules::NOT_OBJECT) else {
        return report;
    };
    for key in obj.keys() {
        if !matches!(key.as_str(), "payerNumber" | "month" | "entry") {
            let mut p = String::new();
            crate::validate::push_token(&mut p, key);
            report.push(&rules::UNKNOWN_FIELD, p);
        }
    }
    if let Some(s) = string(obj, "payerNumber", "", &mut report) {
        PayerNumber::parse_reporting(s, "/payerNumber", &mut report);
    }
    let month = string(obj, "month", "", &mut report).and_then(|s| {
        let m = crate::calendar::parse_iso_date(&format!("{s}-01")).filter(|_| s.len() == 7);
        if m.is_none() {
            report.push(&record_rules::MONTH, "/month");
        }
        m
    });
    let Some(entry) = field(obj, "entry", "", &mut report) else {
        return report;
    };
    let Some(e) = object(entry, "/entry", &mut report, &rules::TYPE) else {
        return report;
    };
    const ENTRY_FIELDS: &[&str] = &[
        "id",
        "date",
        "institutionCode",
        "setting",
        "totalCost",
        "copayDue",
        "charged",
        "cumulative",
    ];
    for key in e.keys() {
        if !ENTRY_FIELDS.contains(&key.as_str()) {
            let mut p = String::from("/entry");
            crate::validate::push_token(&mut p, key);
            report.push(&rules::UNKNOWN_FIELD, p);
        }
    }
    if let Some(id) = string(e, "id", "/entry", &mut report) {
        if id.is_empty() || id.chars().count() > super::ledger::MAX_ID_LEN {
            report.push(&record_rules::ID, "/entry/id");
        }
    }
    if let Some(d) = string(e, "date", "/entry", &mut report) {
        match crate::calendar::parse_iso_date(d) {
            None => report.push(&rules::DATE, "/entry/date"),
            Some(date) => {
                use chrono::Datelike;
                if month.is_some_and(|m| (m.year(), m.month()) != (date.year(), date.month())) {
                    report.push(&record_rules::DATE_OUTSIDE_MONTH, "/entry/date");
                }
            }
        }
    }
    if let Some(code) = string(e, "institutionCode", "/entry", &mut report) {
        InstitutionCode::parse_reporting(code, "/entry/institutionCode", &mut report);
    }
    if let Some(s) = string(e, "setting", "/entry", &mut report) {
        if !matches!(s, "outpatient" | "inpatient" | "pharmacy") {
            report.push(&rules::ENUM, "/entry/setting");
        }
    }
    let mut amount = |key: &str, required: bool| -> Option<i64> {
        let v = match e.get(key) {
            None if required => {
                report.push(&rules::REQUIRED, format!("/entry/{key}"));
                return None;
            }
            None => return None,
            Some(v) => v,
        };
        let n = v
            .as_i64()
            .filter(|n| (0..=super::ledger::MAX_AMOUNT).contains(n));
        if n.is_none() {
            report.push(&rules::AMOUNT, format!("/entry/{key}"));
        }
        n
    };
    amount("totalCost", true);
    let due = amount("copayDue", true);
    let charged = amount("charged", true);
    amount("cumulative", false);
    if let (Some(due), Some(charged)) = (due, charged) {
        if charged > due {
            report.push(&record_rules::CHARGED_EXCEEDS_DUE, "/entry/charged");
        }
    }
    report
}

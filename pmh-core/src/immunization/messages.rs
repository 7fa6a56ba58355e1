//! Payload validators of the immunization message types and record types:
//!
//! | type | payload |
//! |---|---|
//! | `immunization.questionnaire.submit` | `{"questionnaire": Questionnaire}` (resident / institution → hub) |
//! | `immunization.record.register` | `{"records": [Record, ...]}` (institution → hub → municipality) |
//! | `immunization.questionnaire` | one questionnaire (record type) |
//! | `immunization.record` | one record (record type) |
//!
//! ```
//! use pmh_core::immunization::messages::validate_register;
//! let report = validate_register(&serde_json::json!({"records": []}));
//! assert!(report.has_at("immunization.register.empty", "/records"));
//! ```

use super::fields::Obj;
use super::questionnaire::{
    validate_questionnaire, validate_questionnaire_at, QuestionnaireOptions,
};
use super::record::{validate_record, validate_record_at, RecordOptions};
use super::rules;
use crate::validate::{push_index, Report};
use serde_json::Value;

/// `immunization.questionnaire.submit`: `{"questionnaire": {...}}`.
pub fn validate_submit(payload: &Value) -> Report {
    let mut report = Report::new();
    let Some(mut o) = Obj::new(payload, "", &mut report) else {
        return report;
    };
    o.unknown_fields(&["questionnaire"]);
    if let Some(q) = o.get("questionnaire", true) {
        validate_questionnaire_at(
            q,
            &QuestionnaireOptions::default(),
            "/questionnaire",
            &mut report,
        );
    }
    report
}

/// `immunization.record.register`: `{"records": [...]}`, each at `/records/<i>`.
pub fn validate_register(payload: &Value) -> Report {
    let mut report = Report::new();
    let Some(mut o) = Obj::new(payload, "", &mut report) else {
        return report;
    };
    o.unknown_fields(&["records"]);
    let Some(items) = o.array("records", true) else {
        return report;
    };
    if items.is_empty() {
        report.push(&rules::NO_RECORDS, "/records");
    }
    let options = RecordOptions::default();
    for (i, item) in items.iter().enumerate() {
        let mut base = String::from("/records");
        push_index(&mut base, i);
        validate_record_at(item, &options, &base, &mut report);
    }
    report
}

/// `immunization.questionnaire`: one questionnaire with default options.
pub fn validate_questionnaire_record(value: &Value) -> Report {
    validate_questionnaire(value, &QuestionnaireOptions::default())
}

/// `immunization.record`: one record, "today" from the system clock.
pub fn validate_record_record(value: &Value) -> Report {
    validate_record(value, &RecordOptions::default())
}

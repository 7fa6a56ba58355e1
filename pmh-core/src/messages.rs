//! The one table of message types (what travels in envelopes) and record
//! types (what `pmh validate --type` checks), each with its validator.
//!
//! Envelopes use [`MESSAGE_TYPES`] as their default payload validators; the
//! CLI, the C ABI (`pmh_validate`) and Python (`pmh.validate`) look names up
//! with [`validate`], which accepts either kind of name.
//!
//! ```
//! use pmh_core::messages;
//! let report = messages::validate("subsidy.certificate", &serde_json::json!({})).unwrap();
//! assert!(!report.is_ok());
//! assert!(messages::validate("no.such.type", &serde_json::json!({})).is_none());
//! ```

use crate::subsidy;
use crate::validate::Report;
use serde_json::Value;

/// A named document type and its validator.
#[derive(Debug, Clone, Copy)]
pub struct DocumentType {
    /// Wire name, e.g. `subsidy.certificate.register`.
    pub name: &'static str,
    /// What the document is.
    pub summary: &'static str,
    /// Validates one document in one pass.
    pub validate: fn(&Value) -> Report,
}

fn certificate(value: &Value) -> Report {
    subsidy::validate_certificate(value, &subsidy::ValidationOptions::default())
}

/// Message types: the payloads that travel in envelopes.
pub const MESSAGE_TYPES: &[DocumentType] = &[
    DocumentType {
        name: "subsidy.certificate.register",
        summary: "受給者証の登録 (municipality → hub): {\"certificates\": [...]}",
        validate: subsidy::messages::validate_register,
    },
    DocumentType {
        name: "subsidy.eligibility.query",
        summary: "資格照会 (institution → hub)",
        validate: subsidy::messages::validate_eligibility_query,
    },
    DocumentType {
        name: "subsidy.eligibility.result",
        summary: "資格照会結果 (hub → institution)",
        validate: subsidy::messages::validate_eligibility_result,
    },
    DocumentType {
        name: "subsidy.copayment.record",
        summary: "自己負担上限額管理票の記録 (institution → hub): one cap-ledger entry",
        validate: subsidy::messages::validate_copayment_record,
    },
    DocumentType {
        name: "checkup.voucher.issue",
        summary: "健診受診券の発行 (municipality → hub): {\"vouchers\": [...]}",
        validate: crate::checkup::messages::validate_voucher_issue,
    },
    DocumentType {
        name: "checkup.questionnaire.submit",
        summary: "健診問診票の提出 (person → hub → clinic): one questionnaire",
        validate: crate::checkup::messages::validate_questionnaire_submit,
    },
    DocumentType {
        name: "checkup.result.register",
        summary: "健診結果の登録 (clinic → hub → municipality): {\"results\": [...]}",
        validate: crate::checkup::messages::validate_result_register,
    },
    DocumentType {
        name: "immunization.questionnaire.submit",
        summary: "予診票の提出 (resident / institution → hub): {\"questionnaire\": {...}}",
        validate: crate::immunization::messages::validate_submit,
    },
    DocumentType {
        name: "immunization.record.register",
        summary: "接種記録の登録 (institution → hub → municipality): {\"records\": [...]}",
        validate: crate::immunization::messages::validate_register,
    },
];

/// Record types: single documents checked by `pmh validate --type`.
pub const RECORD_TYPES: &[DocumentType] = &[
    DocumentType {
        name: "subsidy.certificate",
        summary: "受給者証 (one certificate, PMH registration API fields)",
        validate: certificate,
    },
    DocumentType {
        name: "checkup.voucher",
        summary: "健診受診券 (one voucher)",
        validate: crate::checkup::validate_voucher,
    },
    DocumentType {
        name: "checkup.questionnaire",
        summary: "健診問診票 (one questionnaire)",
        validate: crate::checkup::validate_questionnaire,
    },
    DocumentType {
        name: "checkup.result",
        summary: "健診結果 (one checkup result)",
        validate: crate::checkup::validate_result,
    },
    DocumentType {
        name: "immunization.record",
        summary: "接種記録 (one vaccination record, checked against previousDoses)",
        validate: crate::immunization::messages::validate_record_record,
    },
    DocumentType {
        name: "immunization.questionnaire",
        summary: "予診票 (one pre-vaccination questionnaire)",
        validate: crate::immunization::messages::validate_questionnaire_record,
    },
];

/// The message type named `name`.
pub fn message_type(name: &str) -> Option<&'static DocumentType> {
    MESSAGE_TYPES.iter().find(|t| t.name == name)
}

/// The record type named `name`.
pub fn record_type(name: &str) -> Option<&'static DocumentType> {
    RECORD_TYPES.iter().find(|t| t.name == name)
}

/// Validates `value` as the message or record type `name`; `None` for an unknown name.
pub fn validate(name: &str, value: &Value) -> Option<Report> {
    message_type(name)
        .or_else(|| record_type(name))
        .map(|t| (t.validate)(value))
}

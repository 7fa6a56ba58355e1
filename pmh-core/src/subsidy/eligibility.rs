//! Eligibility of a certificate at a visit: may the subsidy be applied at
//! the window (窓口) for this date, institution and setting?
//!
//! Reasons, each with a stable code:
//! - `subsidy.eligibility.deleted`: the record is flagged deleted (`isDeleted` = "1");
//! - `subsidy.eligibility.not_yet_valid` / `subsidy.eligibility.expired`: the
//!   visit date is before `validFrom` or after `validTo` (both inclusive);
//! - `subsidy.eligibility.not_designated`: the certificate lists designated
//!   institutions (指定医療機関) and this one is not among them (an empty list
//!   means no restriction);
//! - `subsidy.eligibility.always_reimbursement`: 常に償還払い — the patient is
//!   eligible but pays the insurance copay now and claims the subsidy from the
//!   municipality later, so nothing is applied at the window;
//! - `subsidy.eligibility.institution_code`: the visit's institution code is
//!   not a valid 10-digit 医療機関コード.
//!
//! ```
//! use pmh_core::subsidy::eligibility::{check_eligibility, Settlement, Visit};
//! use pmh_core::subsidy::{Certificate, Setting};
//! # let cert: Certificate = serde_json::from_value(serde_json::json!({
//! #   "orgSpecificCertificateTypeId": "X", "myNumber": "983205673214",
//! #   "basicFiveInfo": {"name": "n", "nameKana": "ナ", "address": "a", "dateOfBirth": "2015-01-01", "sex": "1"},
//! #   "medicalSubsidyInsurerNumber": "88134457", "certificationName": "c",
//! #   "medicalSubsidyRecipientNumber": "1", "isAlwaysReimbursement": "0",
//! #   "validFrom": "2024-04-01", "validTo": "2025-03-31", "certificationDetail": []})).unwrap();
//! let visit = Visit { date: "2025-04-01".parse().unwrap(), institution_code: "3618010015".into(), setting: Setting::Outpatient };
//! let result = check_eligibility(&cert, &visit);
//! assert!(!result.eligible);
//! assert_eq!(result.settlement, Settlement::None);
//! assert_eq!(result.reasons[0].code, "subsidy.eligibility.expired");
//! ```

use super::certificate::{Certificate, Setting};
use crate::ids::InstitutionCode;
use crate::validate::Rule;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The visit facts eligibility depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Visit {
    /// 受診日 (date of the visit).
    pub date: NaiveDate,
    /// 医療機関コード (10-digit code of the institution).
    pub institution_code: String,
    /// 外来 / 入院 / 調剤.
    pub setting: Setting,
}

/// How the subsidy is settled for this visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Settlement {
    /// 現物給付: applied at the window.
    Window,
    /// 償還払い: the patient pays now and claims later.
    Reimbursement,
    /// Not eligible.
    None,
}

/// One reason of an eligibility decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// Stable code.
    pub code: &'static str,
    /// Message in Japanese.
    pub message_ja: &'static str,
    /// Message in English.
    pub message_en: &'static str,
}

impl From<&Rule> for Reason {
    fn from(r: &Rule) -> Self {
        Reason {
            code: r.code,
            message_ja: r.message_ja,
            message_en: r.message_en,
        }
    }
}

/// The result of [`check_eligibility`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Eligibility {
    /// Whether the person is entitled to the subsidy for this visit.
    pub eligible: bool,
    /// Window, reimbursement, or none.
    pub settlement: Settlement,
    /// Every reason found (empty when eligible at the window).
    pub reasons: Vec<Reason>,
}

/// Stable codes and messages of eligibility decisions.
pub mod reasons {
    use crate::validate::Rule;

    /// The record is flagged deleted.
    pub const DELETED: Rule = Rule::error(
        "subsidy.eligibility.deleted",
        "受給者証の情報が削除されています。",
        "The certificate record is deleted.",
    );
    /// Before `validFrom`.
    pub const NOT_YET_VALID: Rule = Rule::error(
        "subsidy.eligibility.not_yet_valid",
        "受診日が有効期間の開始前です。",
        "The visit is before the certificate's validity.",
    );
    /// After `validTo`.
    pub const EXPIRED: Rule = Rule::error(
        "subsidy.eligibility.expired",
        "受診日が有効期間の終了後です。",
        "The visit is after the certificate's validity.",
    );
    /// Not a designated institution.
    pub const NOT_DESIGNATED: Rule = Rule::error(
        "subsidy.eligibility.not_designated",
        "指定医療機関ではありません。",
        "The institution is not a designated institution of this certificate.",
    );
    /// 常に償還払い.
    pub const ALWAYS_REIMBURSEMENT: Rule = Rule::warning(
        "subsidy.eligibility.always_reimbursement",
        "償還払いの受給者証です。窓口では保険の自己負担額を支払い、後日申請します。",
        "Always-reimbursement certificate: the patient pays the insurance copay now and claims later.",
    );
    /// The visit's institution code is invalid.
    pub const INSTITUTION_CODE: Rule = Rule::error(
        "subsidy.eligibility.institution_code",
        "医療機関コードが正しくありません。",
        "The visit's institution code is not a valid 10-digit code.",
    );
}

/// Decides whether `certificate` applies to `visit`, with every reason.
pub fn check_eligibility(certificate: &Certificate, visit: &Visit) -> Eligibility {
    let mut found: Vec<&'static Rule> = Vec::new();
    if certificate.is_deleted() {
        found.push(&reasons::DELETED);
    }
    if visit.date < certificate.valid_from {
        found.push(&reasons::NOT_YET_VALID);
    }
    if visit.date > certificate.valid_to {
        found.push(&reasons::EXPIRED);
    }
    match InstitutionCode::parse(&visit.institution_code) {
        Err(_) => found.push(&reasons::INSTITUTION_CODE),
        Ok(code) => {
            let list = &certificate.designated_medical_institutions;
            if !list.is_empty() && !list.iter().any(|d| d.institution_code == code.as_str()) {
                found.push(&reasons::NOT_DESIGNATED);
            }
        }
    }
    let eligible = found.is_empty();
    let settlement = if !eligible {
        Settlement::None
    } else if certificate.always_reimbursement() {
        found.push(&reasons::ALWAYS_REIMBURSEMENT);
        Settlement::Reimbursement
    } else {
        Settlement::Window
    };
    Eligibility {
        eligible,
        settlement,
        reasons: found.into_iter().map(Reason::from).collect(),
    }
}

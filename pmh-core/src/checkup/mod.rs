//! 母子保健 (maternal and child health) checkup exchange: vouchers (受診券),
//! questionnaires (問診票) and results (健診結果) of 妊婦・産婦健診, 新生児聴覚検査
//! and the 乳幼児健診 from 1 month to 5 years.
//!
//! Facts and sources: `shared/reference/checkup.md` (§1 schedule and legal
//! windows, §2 prenatal, §3 data items and judgements, §4 growth table,
//! §5 FHIR codes). One module per noun:
//!
//! - [`kinds`]: the 10 kinds as data ([`KINDS`], [`ITEMS`]), windows with legal
//!   age arithmetic, mandatory items, the prenatal visit schedule;
//! - [`growth`]: the transcribed 2023 P3/P50/P97 table, growth bands, Kaup index;
//! - [`judgement`]: the default 判定区分 code list;
//! - [`voucher`], [`questionnaire`], [`result`]: models and one-pass validators;
//! - [`fhir`]: JP Core / LOINC Observations of a result;
//! - [`messages`]: payload validators of the message types;
//! - [`rules`]: every rule code and message.
//!
//! ```
//! use pmh_core::checkup::{validate_result, validate_result_with, CheckupOptions};
//! let result = serde_json::json!({
//!     "kind": "infant-3-4m", "date": "2025-08-01",
//!     "person": {"birthDate": "2025-04-10", "sex": "1"},
//!     "measurements": {"heightCm": 61.2, "weightKg": 6.4, "headCm": 40.1, "chestCm": 40.5},
//!     "judgement": "no-abnormality"
//! });
//! assert!(validate_result(&result).is_ok());
//! // A municipality with its own 判定区分:
//! let options = CheckupOptions::default().with_judgement_codes(["1", "2", "3"]);
//! assert!(validate_result_with(&result, &options).has_at("checkup.result.judgement_unknown", "/judgement"));
//! ```

pub mod fhir;
pub(crate) mod fields;
pub mod growth;
pub mod judgement;
pub mod kinds;
pub mod messages;
mod person;
pub mod questionnaire;
pub mod result;
pub mod rules;
pub mod voucher;

pub use fhir::result_to_fhir;
pub use growth::{
    assess_growth, growth_reference, is_possible, kaup_index, obesity_percent, GrowthAssessment,
    GrowthBand, Measure, Percentiles, Reference, TABLE_2023,
};
pub use judgement::{is_default_judgement, Judgement, DEFAULT_JUDGEMENTS};
pub use kinds::{
    gestational_age_on, item_by_id, max_prenatal_visits_by_week, Basis, Bound, CheckupKind,
    DateWindow, Item, KindInfo, Recorded, Span, Subject, Window, ITEMS, KINDS,
    PRENATAL_STANDARD_VISITS,
};
pub use person::{Person, Sex};
pub use questionnaire::{questions, validate_questionnaire, AnswerType, Question, Questionnaire};
pub use result::{
    assess_result, validate_result, validate_result_with, Assessment, CheckupResult, Derived,
};
pub use voucher::{validate_voucher, validate_voucher_with, Voucher};

use chrono::{NaiveDate, TimeDelta, Utc};

/// Validation options shared by vouchers, questionnaires and results.
///
/// The default uses pmh's [`DEFAULT_JUDGEMENTS`] and today's date in Japan
/// (UTC+9) for future-date checks.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::checkup::CheckupOptions;
/// let o = CheckupOptions::default()
///     .with_judgement_codes(["健康", "要観察", "要精査"])
///     .with_today(NaiveDate::from_ymd_opt(2025, 8, 1).unwrap());
/// assert!(o.judgement_allowed("要観察"));
/// assert!(!o.judgement_allowed("no-abnormality"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckupOptions {
    /// The municipality's own 判定区分 codes; `None` = [`DEFAULT_JUDGEMENTS`].
    pub judgement_codes: Option<Vec<String>>,
    /// "Today" for future-date checks; `None` = the current date in Japan.
    pub today: Option<NaiveDate>,
}

impl CheckupOptions {
    /// These options with a municipal judgement code list.
    pub fn with_judgement_codes<I, S>(mut self, codes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.judgement_codes = Some(codes.into_iter().map(Into::into).collect());
        self
    }

    /// These options with a fixed "today".
    pub fn with_today(mut self, today: NaiveDate) -> Self {
        self.today = Some(today);
        self
    }

    /// Whether `code` is an allowed judgement under these options.
    pub fn judgement_allowed(&self, code: &str) -> bool {
        match &self.judgement_codes {
            Some(codes) => codes.iter().any(|c| c == code),
            None => is_default_judgement(code),
        }
    }

    /// "Today": the fixed day, or the current date in Japan (JST, UTC+9).
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| (Utc::now().naive_utc() + TimeDelta::hours(9)).date())
    }
}

#[cfg(test)]
mod tests;

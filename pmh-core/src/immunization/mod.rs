//! 予防接種 (immunization) exchange: the routine schedule (定期接種) as data,
//! an evaluator / forecaster (Japan's counterpart of the CDC's CDSi engine),
//! 予診票 (questionnaire) and 接種記録 (record) validation, and the message
//! validators `immunization.questionnaire.submit` and `immunization.record.register`.
//!
//! Where things are:
//! - the table: [`schedule::VACCINES`] (one row per vaccine, each window,
//!   interval and product with its `source`);
//! - the one engine reading it: [`engine`] — **the 27-day rule** is
//!   [`engine::live_block`]; age arithmetic is [`crate::calendar`];
//! - reason / rule codes: [`Reason`] and [`rules`].
//!
//! Facts and sources: `shared/reference/immunization.md`.
//!
//! # Documented choices (where sources disagree or are silent, reference §8)
//!
//! 1. **Age windows** follow the MHLW interpretation table (§1.1): both ends
//!    inclusive, "●歳に至るまで / 未満" includes the day the age is reached
//!    (the day before the birthday). "65歳の者" (高齢者肺炎球菌) is read the same
//!    way: from reaching 65 through reaching 66 (Isa's 誕生日前日 start, not Kakuda's).
//! 2. **「N月以上」** intervals: a missing 応当日 moves to the 1st of the next
//!    month (MHLW HPV material), not the month end (Minamikyushu).
//! 3. **No grace period** (unlike CDSi's 4 days): one day short is not routine.
//! 4. **27-day rule** (since 2020-10-01): only injectable live → injectable
//!    live of a *different* vaccine; same-day is allowed. The pre-2020 rule
//!    (inactivated → 6 days) is not applied to legacy records. A zoster dose
//!    without a product is treated as recombinant (not live).
//! 5. **Physician-shortened intervals** (Hib 初回 20日, 組換え帯状疱疹 1月) are
//!    routine with the `physician_interval` note; forecasts use the usual minimum.
//! 6. **Hib / 5種混合**: the Hib window stays 生後2月～60月 for single Hib; 5種混合
//!    uses 生後2月～90月 (the 2024 政令案; §2.5 [verify]). A child with any
//!    5種混合 dose is on the 5種 track (`hib` and `dpt-ipv` are `not_applicable`),
//!    with 4種混合 or Hib doses on the 4種+Hib track; with neither, the track is
//!    5種 from 2024-04-01. Mixed histories are evaluated per vaccine id, unmerged.
//! 7. **4種混合 start** is 生後2月 for doses from 2023-04-01, 生後3月 before (versioned rows).
//! 8. **Hib / PCV start age** picks the series at the first dose (or on the
//!    evaluation date with none): start ≤ 生後7月 → 3+1, ≤ 12月 → 2+1, (PCV ≤ 24月 → 2),
//!    else 1. 初回 doses not given by 生後12月 (Hib) / 24月 (PCV) are skipped;
//!    PCV 3回目 is skipped when the 2nd was given after 生後12月; the Hib 追加 then
//!    needs only 27日 after the last 初回 dose.
//! 9. **HepB 3rd dose**: 139日 after the 1st only; "≥6日 after the 2nd" (one
//!    municipal source) is not enforced.
//! 10. **Rota** limits are 出生24週0日後 / 32週0日後 inclusive; a first dose after
//!     出生14週6日後 is routine but noted `outside_standard` (MHLW: not recommended).
//!     A product switch makes the dose `product_switch` (not counted). With no
//!     product known the forecast uses Rotarix.
//! 11. **HPV**: 9価 2回法 when the 1st dose is by 15歳に至るまで and the 2nd ≥5月
//!     later; a 2nd dose under 5 months falls back to 3回法 (inferred, §2.12
//!     [verify]). 2価/4価 starters finishing with 9価 use the 9価 3回法
//!     intervals (1月 / 3月). 2価↔4価 is a forbidden switch. Prior 任意 doses
//!     before 小6 count (`before_window`). The キャッチアップ extension to
//!     2026-03-31 covers births up to 2009-04-01 with a dose between 2022-04-01
//!     and 2025-03-31. The pending removal of 2価/4価 is not encoded.
//! 12. **日本脳炎 special cohorts**: born 1995-04-02…2007-04-01 → all missing
//!     doses 4歳以上20歳未満; born 2007-04-02…2009-10-01 → 1期 also 9–13歳.
//!     A 1期 window that has passed while 2期 is open is skipped.
//! 13. **MR 特例** (FY2024 shortage): 1期 born 2022-04-02…2023-04-01, 2期 born
//!     2018-04-02…2019-04-01 (fiscal-year convention, not Oyama's 04-03),
//!     given 2025-04-01…2027-03-31.
//! 14. **Seasonal vaccines**: one dose per 年度 season, October 1 – March 31
//!     (実施規則 第24条 for COVID-19; the same envelope for influenza, which
//!     municipalities narrow). Influenza's standard period ends December 31.
//! 15. **帯状疱疹** cohorts are by fiscal year (年度内に65歳, 経過措置 70…100 in
//!     FY2025–FY2029, 101+ in FY2025 only), not Miyakonojo's 「65歳の者」.
//! 16. **高齢者肺炎球菌**: PPSV23 until 2026-03-31, PCV20 from 2026-04-01; any
//!     earlier dose (任意 included) completes the series.
//! 17. **RSV 母子免疫**: 妊娠28週0日～36週6日 (not Umi's "28–37週"), from 2026-04-01,
//!     one dose per pregnancy; a pregnancy comes from `lmp` or `dueDate` − 280日.
//! 18. **長期療養特例**: within 2 years (高齢者肺炎球菌: 1 year) after `resolved`
//!     (the day counts as day one), capped at BCG 4歳, Hib 10歳, PCV 6歳,
//!     4種/5種混合 15歳; not applied to ロタ, influenza, COVID-19, 帯状疱疹, RSV [verify].
//! 19. **Exclusions**: `disease-history` excludes every listed vaccine except
//!     influenza and COVID-19 (施行令 第3条 carve-out).
//! 20. **Doses that do not count** (`counted: false`): too young, too soon,
//!     27-day rule, forbidden product switch, extra, no pregnancy. Doses after
//!     the window (任意) still count toward the series.
//!
//! ```
//! use pmh_core::immunization::{evaluate_json, Status, VaccineId};
//! let history = serde_json::json!({
//!     "birthDate": "2024-04-15", "sex": "1",
//!     "doses": [{"vaccine": "bcg", "date": "2024-09-20"}]
//! });
//! let e = evaluate_json(&history, "2024-10-01".parse().unwrap()).unwrap();
//! assert_eq!(e.vaccine(VaccineId::Bcg).unwrap().status, Status::Complete);
//! assert_eq!(e.vaccine(VaccineId::Hpv).unwrap().status, Status::NotApplicable);
//! ```

pub mod engine;
mod fields;
mod history;
pub mod messages;
pub mod model;
pub mod questionnaire;
pub mod record;
pub mod rules;
pub mod schedule;

pub use engine::{evaluate, evaluate_vaccine};
pub use history::{parse_history, validate_history};
pub use model::{
    Condition, ConditionCode, Dose, DoseEvaluation, Evaluation, History, NextDose, Reason, Reasons,
    Sex, Status, VaccineEvaluation,
};
pub use questionnaire::{validate_questionnaire, QuestionnaireOptions};
pub use record::{validate_record, RecordOptions};
pub use schedule::{vaccine, VaccineId, VACCINES};

use crate::validate::Report;
use chrono::NaiveDate;
use serde_json::Value;

/// Validates a history (JSON) and evaluates it on `as_of`; the report when the history has errors.
pub fn evaluate_json(history: &Value, as_of: NaiveDate) -> Result<Evaluation, Report> {
    parse_history(history).map(|h| evaluate(&h, as_of))
}

#[cfg(test)]
mod tests;

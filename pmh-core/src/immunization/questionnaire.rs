//! 予診票 (pre-vaccination questionnaire) validation.
//!
//! Shape (camelCase):
//! ```json
//! {"vaccine": "mr", "product": null, "date": "2025-04-20", "birthDate": "2024-04-15",
//!  "dose": "stage1", "bodyTemperature": 36.6,
//!  "answers": {"readLeaflet": true, "unwellToday": false, "...": false},
//!  "companion": "guardian",
//!  "consent": {"signer": "guardian", "wantsVaccination": true, "signedInAdvance": false},
//!  "doctorJudgement": "proceed"}
//! ```
//!
//! Rules (reference §5):
//! - 体温 ≥ 37.5 ℃ ([`QuestionnaireOptions`]; "> 37.5" is configurable) means
//!   no vaccination today: an error unless the doctor judged 見合わせ (`postpone`);
//! - a "yes" on a precaution or exclusion question (接種要注意者 / 接種不適当者,
//!   [`QUESTIONS`]) needs the doctor's judgement (接種可 `proceed` / 見合わせ
//!   `postpone`); an exclusion "yes" with `proceed` is a warning to confirm;
//! - under 16 the guardian's signed consent is required; under 13 a guardian
//!   (or a proxy with a 委任状) must be present; 13–15 may come alone only
//!   with consent signed in advance; 16 and over sign themselves;
//! - `wantsVaccination: false` (接種を希望しない) is an error.
//!
//! ```
//! use pmh_core::immunization::{validate_questionnaire, QuestionnaireOptions};
//! let mut q = serde_json::json!({
//!     "vaccine": "hib", "date": "2024-06-15", "birthDate": "2024-04-01", "bodyTemperature": 37.5,
//!     "answers": {"readLeaflet": true, "unwellToday": false, "illnessLastMonth": false,
//!       "infectionContact": false, "vaccinationLastMonth": false, "underlyingDisease": false,
//!       "convulsions": false, "allergy": false, "previousReaction": false, "familyReaction": false,
//!       "familyImmunodeficiency": false, "transfusion": false, "anaphylaxis": false},
//!     "companion": "guardian", "consent": {"signer": "guardian", "wantsVaccination": true},
//!     "doctorJudgement": "proceed"});
//! let report = validate_questionnaire(&q, &QuestionnaireOptions::default());
//! assert!(report.has_at("immunization.questionnaire.fever", "/bodyTemperature"));
//! q["bodyTemperature"] = serde_json::json!(36.8);
//! assert!(validate_questionnaire(&q, &QuestionnaireOptions::default()).is_ok());
//! ```

use super::fields::Obj;
use super::rules;
use super::schedule::{vaccine, Kind, VaccineId};
use crate::calendar::age_on;
use crate::validate::Report;
use serde_json::Value;

/// Configurable thresholds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuestionnaireOptions {
    /// 明らかな発熱 threshold in ℃ (default 37.5).
    pub fever_threshold_c: f64,
    /// `true`: fever when ≥ threshold (実施要領 「37.5℃以上」, default);
    /// `false`: when > threshold (older 「37.5℃を超える」 wording).
    pub fever_inclusive: bool,
}

impl Default for QuestionnaireOptions {
    fn default() -> Self {
        QuestionnaireOptions {
            fever_threshold_c: 37.5,
            fever_inclusive: true,
        }
    }
}

/// What a "yes" answer means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    /// Expected "yes" (説明書を読んだ); "no" is a warning.
    Info,
    /// 接種要注意者: "yes" needs the doctor's judgement.
    Precaution,
    /// 接種不適当者 (施行規則 第2条): "yes" needs the judgement; `proceed` draws a warning.
    Exclusion,
}

/// Which vaccines a question is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskedFor {
    /// Every vaccine (required).
    All,
    /// Injectable live vaccines (optional elsewhere).
    InjectableLive,
    /// One vaccine (required for it, optional elsewhere).
    Only(VaccineId),
}

/// One standard 予診票 question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    /// Member name in `answers`.
    pub id: &'static str,
    /// The question as printed on municipal forms.
    pub text_ja: &'static str,
    /// Meaning of "yes".
    pub kind: QuestionKind,
    /// When it is asked.
    pub asked_for: AskedFor,
}

const fn q(
    id: &'static str,
    text_ja: &'static str,
    kind: QuestionKind,
    asked_for: AskedFor,
) -> Question {
    Question {
        id,
        text_ja,
        kind,
        asked_for,
    }
}

/// The standard questions (§5.3, municipal forms of Sapporo / Chiba; 施行規則 第2条).
pub const QUESTIONS: &[Question] = &[
    q(
        "readLeaflet",
        "今日受ける予防接種について説明文を読んで理解しましたか",
        QuestionKind::Info,
        AskedFor::All,
    ),
    q(
        "unwellToday",
        "今日、体に具合の悪いところがありますか",
        QuestionKind::Precaution,
        AskedFor::All,
    ),
    q(
        "illnessLastMonth",
        "最近1か月以内に病気にかかりましたか",
        QuestionKind::Precaution,
        AskedFor::All,
    ),
    q(
        "infectionContact",
        "1か月以内に麻しん・風しん・水痘・おたふくかぜなどの人と接触しましたか",
        QuestionKind::Precaution,
        AskedFor::All,
    ),
    q(
        "vaccinationLastMonth",
        "1か月以内に予防接種を受けましたか",
        QuestionKind::Precaution,
        AskedFor::All,
    ),
    q(
        "underlyingDisease",
        "先天性異常、心臓・腎臓・肝臓・脳神経・免疫不全症その他の病気で医師の診察を受けていますか",
        QuestionKind::Precaution,
        AskedFor::All,
    ),
    q(
        "convulsions",
        "ひきつけ（けいれん）を起こしたことがありますか",
        QuestionKind::Precaution,
        AskedFor::All,
    ),
    q(
        "allergy",
        "薬や食品で皮膚に発しんやじんましんが出たり、体の具合が悪くなったことがありますか",
        QuestionKind::Precaution,
        AskedFor::All,
    ),
    q(
        "previousReaction",
        "これまでに予防接種を受けて具合が悪くなったことがありますか",
        QuestionKind::Precaution,
        AskedFor::All,
    ),
    q(
        "familyReaction",
        "近親者に予防接種を受けて具合が悪くなった人はいますか",
        QuestionKind::Precaution,
        AskedFor::All,
    ),
    q(
        "familyImmunodeficiency",
        "近親者に先天性免疫不全と診断されている人はいますか",
        QuestionKind::Precaution,
        AskedFor::All,
    ),
    q(
        "transfusion",
        "6か月以内に輸血あるいはガンマグロブリンの注射を受けましたか",
        QuestionKind::Precaution,
        AskedFor::All,
    ),
    q(
        "anaphylaxis",
        "このワクチンの成分で重いアレルギー（アナフィラキシー）を起こしたことがありますか",
        QuestionKind::Exclusion,
        AskedFor::All,
    ),
    q(
        "pregnant",
        "現在妊娠していますか（可能性を含む）",
        QuestionKind::Exclusion,
        AskedFor::InjectableLive,
    ),
    q(
        "intussusception",
        "腸重積症にかかったことがありますか",
        QuestionKind::Exclusion,
        AskedFor::Only(VaccineId::Rota),
    ),
    q(
        "keloid",
        "ケロイドがありますか",
        QuestionKind::Exclusion,
        AskedFor::Only(VaccineId::Bcg),
    ),
];

const FIELDS: &[&str] = &[
    "vaccine",
    "product",
    "date",
    "birthDate",
    "dose",
    "bodyTemperature",
    "answers",
    "companion",
    "consent",
    "doctorJudgement",
    "institutionCode",
];
const CONSENT_FIELDS: &[&str] = &["signer", "wantsVaccination", "signedInAdvance"];

/// Validates one questionnaire; every issue in one pass.
pub fn validate_questionnaire(value: &Value, options: &QuestionnaireOptions) -> Report {
    let mut report = Report::new();
    validate_questionnaire_at(value, options, "", &mut report);
    report
}

/// Validates one questionnaire at `base` (a JSON Pointer).
pub fn validate_questionnaire_at(
    value: &Value,
    options: &QuestionnaireOptions,
    base: &str,
    report: &mut Report,
) {
    let Some(mut c) = Obj::new(value, base, report) else {
        return;
    };
    c.unknown_fields(FIELDS);
    let vaccine_id = c.string("vaccine", true).and_then(|s| {
        let v = VaccineId::parse(s);
        if v.is_none() {
            c.push(&rules::VACCINE, "vaccine");
        }
        v
    });
    if let (Some(p), Some(v)) = (c.string("product", false), vaccine_id) {
        let row = vaccine(v);
        if !row.products.is_empty() && row.product(p).is_none() {
            c.push(&rules::PRODUCT, "product");
        }
    }
    let date = c.date("date", true);
    let birth = c.date("birthDate", true);
    if let (Some(d), Some(b)) = (date, birth) {
        if d < b {
            c.push(&rules::RECORD_BEFORE_BIRTH, "date");
        }
    }
    c.text("dose", false, 20);
    if let Some(code) = c.string("institutionCode", false) {
        let p = c.path("institutionCode");
        crate::ids::InstitutionCode::parse_reporting(code, &p, c.report);
    }
    let judgement = c.one_of("doctorJudgement", false, &["proceed", "postpone"]);
    if judgement == Some("postpone") {
        c.report.push(&rules::POSTPONED, c.path("doctorJudgement"));
    }

    if let Some(t) = c.number("bodyTemperature", true) {
        if !(34.0..=43.0).contains(&t) {
            c.push(&rules::TEMPERATURE_RANGE, "bodyTemperature");
        } else {
            let fever = if options.fever_inclusive {
                t >= options.fever_threshold_c
            } else {
                t > options.fever_threshold_c
            };
            if fever && judgement != Some("postpone") {
                c.push(&rules::FEVER, "bodyTemperature");
            }
        }
    }

    let kind = vaccine_id.map(|v| vaccine(v).kind);
    if let Some(answers) = c.object("answers", true) {
        let abase = c.path("answers");
        let mut a = Obj {
            obj: answers,
            base: abase,
            report: &mut *c.report,
        };
        let known: Vec<&str> = QUESTIONS.iter().map(|q| q.id).collect();
        a.unknown_fields(&known);
        let (mut needs_judgement, mut exclusion_yes) = (false, false);
        for q in QUESTIONS {
            let required = match q.asked_for {
                AskedFor::All => true,
                AskedFor::InjectableLive => false,
                AskedFor::Only(v) => vaccine_id == Some(v),
            };
            let applies = match q.asked_for {
                AskedFor::All => true,
                AskedFor::InjectableLive => kind.is_none_or(|k| k == Kind::InjectableLive),
                AskedFor::Only(v) => vaccine_id.is_none_or(|x| x == v),
            };
            let Some(yes) = a.boolean(q.id, required) else {
                continue;
            };
            match q.kind {
                QuestionKind::Info if !yes => a.push(&rules::LEAFLET_NOT_READ, q.id),
                QuestionKind::Precaution if yes => needs_judgement = true,
                QuestionKind::Exclusion if yes && applies => {
                    needs_judgement = true;
                    exclusion_yes = true;
                }
                _ => {}
            }
        }
        if needs_judgement && judgement.is_none() {
            c.push(&rules::JUDGEMENT_REQUIRED, "doctorJudgement");
        }
        if exclusion_yes && judgement == Some("proceed") {
            c.push(&rules::EXCLUSION_ANSWERED_YES, "doctorJudgement");
        }
    }

    let age = match (birth, date) {
        (Some(b), Some(d)) => age_on(b, d),
        _ => None,
    };
    let minor = age.is_some_and(|a| a < 16);
    let companion = c.one_of("companion", minor, &["guardian", "proxy", "none"]);
    let mut signer = None;
    let mut in_advance = false;
    match c.get("consent", false) {
        None if minor => c.push(&rules::CONSENT_REQUIRED, "consent"),
        None => c.push(&rules::REQUIRED, "consent"),
        Some(v) => {
            let cbase = c.path("consent");
            if let Some(mut k) = Obj::new(v, &cbase, c.report) {
                k.unknown_fields(CONSENT_FIELDS);
                signer = k.one_of("signer", true, &["guardian", "self"]);
                if k.boolean("wantsVaccination", true) == Some(false) {
                    k.push(&rules::CONSENT_DECLINED, "wantsVaccination");
                }
                in_advance = k.boolean("signedInAdvance", false).unwrap_or(false);
            }
            if minor && signer == Some("self") {
                c.push(&rules::CONSENT_REQUIRED, "consent");
            }
        }
    }
    if let (Some(a), Some(comp)) = (age, companion) {
        if a < 13 && comp == "none" {
            c.push(&rules::COMPANION_REQUIRED, "companion");
        } else if (13..16).contains(&a)
            && comp == "none"
            && signer == Some("guardian")
            && !in_advance
        {
            c.push(&rules::ADVANCE_CONSENT_REQUIRED, "consent");
        }
    }
}

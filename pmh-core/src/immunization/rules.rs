//! Stable codes and messages of every immunization check (history,
//! 予診票 questionnaire, 接種記録 record, messages). Messages are static text and
//! never contain the offending value.

use super::model::Reason;
use crate::validate::Rule;

// --- generic shape rules (any immunization document) ---

/// The document (or a member that must be an object) is not a JSON object.
pub const NOT_OBJECT: Rule = Rule::error(
    "immunization.not_object",
    "JSONオブジェクトである必要があります。",
    "The value must be a JSON object.",
);
/// A required member is missing.
pub const REQUIRED: Rule = Rule::error(
    "immunization.required",
    "必須項目がありません。",
    "A required field is missing.",
);
/// A member has the wrong JSON type.
pub const TYPE: Rule = Rule::error(
    "immunization.type",
    "項目の型が正しくありません。",
    "The field has the wrong JSON type.",
);
/// A member the format does not define (ignored).
pub const UNKNOWN_FIELD: Rule = Rule::warning(
    "immunization.unknown_field",
    "定義されていない項目です（無視されます）。",
    "The field is not defined (it is ignored).",
);
/// A date not in `YYYY-MM-DD` form or not a calendar date.
pub const DATE: Rule = Rule::error(
    "immunization.date",
    "日付はYYYY-MM-DD形式の実在する日付で入力してください。",
    "Dates must be real calendar dates in YYYY-MM-DD form.",
);
/// A value outside its enumeration.
pub const ENUM: Rule = Rule::error(
    "immunization.enum",
    "許可されていない値です。",
    "The value is not one of the allowed values.",
);
/// A string is empty or too long.
pub const LENGTH: Rule = Rule::error(
    "immunization.length",
    "文字数が範囲外です（空または長すぎます）。",
    "The text is empty or too long.",
);

// --- history ---

/// Unknown vaccine id.
pub const VACCINE: Rule = Rule::error(
    "immunization.vaccine.unknown",
    "定義されていないワクチンです。",
    "Unknown vaccine id (see the schedule table).",
);
/// Unknown product for the vaccine.
pub const PRODUCT: Rule = Rule::warning(
    "immunization.product.unknown",
    "このワクチンの製剤として定義されていません（定期接種として扱えない場合があります）。",
    "Unknown product for this vaccine (it may not count as routine).",
);
/// A dose dated before the date of birth.
pub const BEFORE_BIRTH: Rule = Rule::error(
    "immunization.history.before_birth",
    "接種日が生年月日より前です。",
    "The dose is dated before the date of birth.",
);
/// A condition lacks the member its code needs (`resolved`, `lmp`/`dueDate`, `vaccines`).
pub const CONDITION_INCOMPLETE: Rule = Rule::error(
    "immunization.history.condition_incomplete",
    "この条件に必要な項目（resolved / lmp・dueDate / vaccines）がありません。",
    "The condition lacks the member its code needs (resolved, lmp or dueDate, vaccines).",
);

// --- questionnaire (予診票) ---

/// 37.5℃以上 (or above the configured threshold): no vaccination today.
pub const FEVER: Rule = Rule::error(
    "immunization.questionnaire.fever",
    "明らかな発熱（37.5℃以上）があるため、本日は接種できません。",
    "Fever (37.5 °C or more): no vaccination today.",
);
/// Body temperature outside 34.0–43.0 ℃.
pub const TEMPERATURE_RANGE: Rule = Rule::error(
    "immunization.questionnaire.temperature_range",
    "体温の値が範囲外です（34.0〜43.0℃）。",
    "The body temperature is outside 34.0–43.0 °C.",
);
/// A "yes" on a question that needs the doctor's judgement, and no judgement.
pub const JUDGEMENT_REQUIRED: Rule = Rule::error(
    "immunization.questionnaire.judgement_required",
    "注意を要する質問に「はい」があるため、医師の判断（接種可／見合わせ）が必要です。",
    "A question answered yes needs the doctor's judgement (proceed / postpone).",
);
/// A "yes" on an exclusion question (接種不適当者) while the doctor judged 接種可.
pub const EXCLUSION_ANSWERED_YES: Rule = Rule::warning(
    "immunization.questionnaire.exclusion_yes",
    "接種不適当者に該当し得る回答がありますが、医師は接種可と判断しています。確認してください。",
    "An exclusion question was answered yes but the doctor judged proceed; please confirm.",
);
/// Guardian consent missing where required (under 16).
pub const CONSENT_REQUIRED: Rule = Rule::error(
    "immunization.questionnaire.consent_required",
    "16歳未満は保護者の同意（署名）が必要です。",
    "Under 16, the guardian's signed consent is required.",
);
/// The person declined vaccination (接種を希望しない).
pub const CONSENT_DECLINED: Rule = Rule::error(
    "immunization.questionnaire.consent_declined",
    "接種を希望しない旨の署名があります。",
    "The consent says the person does not wish to be vaccinated.",
);
/// Under 13 without a guardian (or proxy with a 委任状) present.
pub const COMPANION_REQUIRED: Rule = Rule::error(
    "immunization.questionnaire.companion_required",
    "13歳未満は保護者（または委任状を持つ代理人）の同伴が必要です。",
    "Under 13, a guardian (or a proxy with a letter of delegation) must be present.",
);
/// 13–15 alone without consent signed in advance.
pub const ADVANCE_CONSENT_REQUIRED: Rule = Rule::error(
    "immunization.questionnaire.advance_consent_required",
    "13〜15歳が保護者の同伴なく接種を受けるには、事前に署名された保護者の同意が必要です。",
    "Aged 13–15 without a guardian present, the guardian's consent must be signed in advance.",
);
/// The doctor judged 見合わせ (postpone): no vaccination today.
pub const POSTPONED: Rule = Rule::warning(
    "immunization.questionnaire.postponed",
    "医師の判断により本日の接種は見合わせです。",
    "The doctor postponed vaccination today.",
);
/// The explanation leaflet was not read.
pub const LEAFLET_NOT_READ: Rule = Rule::warning(
    "immunization.questionnaire.leaflet_not_read",
    "説明書を読んでいないとの回答です。",
    "The explanation leaflet was not read.",
);

// --- record (接種記録) ---

/// Date of vaccination in the future.
pub const FUTURE_DATE: Rule = Rule::error(
    "immunization.record.future_date",
    "接種日が未来の日付です。",
    "The date of vaccination is in the future.",
);
/// Date of vaccination before birth.
pub const RECORD_BEFORE_BIRTH: Rule = Rule::error(
    "immunization.record.before_birth",
    "接種日が生年月日より前です。",
    "The date of vaccination is before the date of birth.",
);
/// Volume inconsistent with vaccine, product and age.
pub const VOLUME: Rule = Rule::error(
    "immunization.record.volume",
    "接種量がワクチン・年齢に対して正しくありません（例: 日本脳炎は3歳未満0.25mL）。",
    "The volume does not match the vaccine and age (e.g. JE 0.25 mL under 3 years).",
);
/// Route inconsistent with the vaccine.
pub const ROUTE: Rule = Rule::error(
    "immunization.record.route",
    "接種経路がワクチンに対して正しくありません。",
    "The route does not match the vaccine.",
);
/// Volume must be a positive number of mL.
pub const VOLUME_VALUE: Rule = Rule::error(
    "immunization.record.volume_value",
    "接種量は正の数（mL）で入力してください。",
    "The volume must be a positive number of mL.",
);
/// The declared dose differs from the evaluated one.
pub const DOSE_MISMATCH: Rule = Rule::warning(
    "immunization.record.dose_mismatch",
    "記録された接種回数が接種歴から判定した回数と一致しません。",
    "The recorded dose differs from the dose determined from the history.",
);
/// Not a routine dose, for a record that claims `"routine": true`.
pub const NOT_ROUTINE: Rule = Rule::error(
    "immunization.record.not_routine",
    "定期接種として記録されていますが、定期接種の要件を満たしていません。",
    "Recorded as routine, but the dose does not meet the routine requirements.",
);

// --- messages ---

/// `records` is empty.
pub const NO_RECORDS: Rule = Rule::error(
    "immunization.register.empty",
    "登録する接種記録がありません。",
    "The registration carries no records.",
);

// --- dose reasons (evaluation), as rules: warnings on records ---

/// Rule of a dose reason (`immunization.dose.<code>`), used when a record's dose is not routine.
///
/// ```
/// use pmh_core::immunization::{rules, Reason};
/// assert_eq!(rules::reason_rule(Reason::TooSoon).code, "immunization.dose.too_soon");
/// ```
pub const fn reason_rule(r: Reason) -> &'static Rule {
    match r {
        Reason::TooYoung => &DOSE_TOO_YOUNG,
        Reason::BeforeWindow => &DOSE_BEFORE_WINDOW,
        Reason::TooOld => &DOSE_TOO_OLD,
        Reason::TooSoon => &DOSE_TOO_SOON,
        Reason::LiveInterval => &DOSE_LIVE_INTERVAL,
        Reason::NotInEffect => &DOSE_NOT_IN_EFFECT,
        Reason::ProductNotRoutine => &DOSE_PRODUCT_NOT_ROUTINE,
        Reason::ProductSwitch => &DOSE_PRODUCT_SWITCH,
        Reason::ExtraDose => &DOSE_EXTRA,
        Reason::OutOfSeason => &DOSE_OUT_OF_SEASON,
        Reason::NotApplicable => &DOSE_NOT_APPLICABLE,
        Reason::NoPregnancy => &DOSE_NO_PREGNANCY,
        Reason::AfterAsOf => &DOSE_AFTER_AS_OF,
        Reason::BeforeBirth => &DOSE_BEFORE_BIRTH,
        Reason::OutsideStandard => &DOSE_OUTSIDE_STANDARD,
        Reason::PhysicianInterval => &DOSE_PHYSICIAN_INTERVAL,
        Reason::LongTermException => &DOSE_LONG_TERM,
        Reason::SpecialCohort => &DOSE_SPECIAL_COHORT,
    }
}

macro_rules! dose_rule {
    ($name:ident, $code:literal, $ja:literal, $en:literal) => {
        #[doc = $en]
        pub const $name: Rule = Rule::warning(concat!("immunization.dose.", $code), $ja, $en);
    };
}

dose_rule!(
    DOSE_TOO_YOUNG,
    "too_young",
    "定期接種の対象年齢に達する前の接種です。",
    "Given before the legal age window."
);
dose_rule!(
    DOSE_BEFORE_WINDOW,
    "before_window",
    "対象期間前の接種です（任意接種として回数に数えます）。",
    "Given before the legal window (counted as a voluntary dose)."
);
dose_rule!(
    DOSE_TOO_OLD,
    "too_old",
    "定期接種の対象年齢を過ぎた接種です（任意接種）。",
    "Given after the legal age window (voluntary dose)."
);
dose_rule!(
    DOSE_TOO_SOON,
    "too_soon",
    "接種間隔が規定の最短間隔に満たない接種です。",
    "Given before the minimum interval elapsed."
);
dose_rule!(
    DOSE_LIVE_INTERVAL,
    "live_interval",
    "注射生ワクチンの接種後27日以上の間隔をおいていません。",
    "Injectable live vaccine within 27 days of another injectable live vaccine."
);
dose_rule!(
    DOSE_NOT_IN_EFFECT,
    "not_in_effect",
    "この日付・生年ではこのワクチンは定期接種ではありません。",
    "The vaccine was not routine on that date or for that birth cohort."
);
dose_rule!(
    DOSE_PRODUCT_NOT_ROUTINE,
    "product_not_routine",
    "この製剤はこの日付では定期接種の製剤ではありません。",
    "The product is not a routine product on that date."
);
dose_rule!(
    DOSE_PRODUCT_SWITCH,
    "product_switch",
    "途中から異なる製剤に変更できない組合せです。",
    "The product may not replace the one the series started with."
);
dose_rule!(
    DOSE_EXTRA,
    "extra_dose",
    "規定回数を超える接種です。",
    "The series was already complete."
);
dose_rule!(
    DOSE_OUT_OF_SEASON,
    "out_of_season",
    "定期接種の実施期間（10月1日〜3月31日）外の接種です。",
    "Given outside the season (October 1 – March 31)."
);
dose_rule!(
    DOSE_NOT_APPLICABLE,
    "not_applicable",
    "この方は定期接種の対象者ではありません。",
    "The person is not in the target population."
);
dose_rule!(
    DOSE_NO_PREGNANCY,
    "no_pregnancy",
    "接種日に対応する妊娠の情報がありません。",
    "No pregnancy covers the date."
);
dose_rule!(
    DOSE_AFTER_AS_OF,
    "after_as_of",
    "評価日より後の接種です。",
    "Dated after the evaluation date."
);
dose_rule!(
    DOSE_BEFORE_BIRTH,
    "before_birth",
    "生年月日より前の接種です。",
    "Dated before birth."
);
dose_rule!(
    DOSE_OUTSIDE_STANDARD,
    "outside_standard",
    "標準的な接種期間・間隔の外です（定期接種には該当します）。",
    "Outside the standard period or interval (still routine)."
);
dose_rule!(
    DOSE_PHYSICIAN_INTERVAL,
    "physician_interval",
    "医師が必要と認めた場合の短縮間隔です。",
    "Shortened interval allowed by physician judgement."
);
dose_rule!(
    DOSE_LONG_TERM,
    "long_term_exception",
    "長期療養特例による定期接種です。",
    "Routine through the long-term illness exception."
);
dose_rule!(
    DOSE_SPECIAL_COHORT,
    "special_cohort",
    "特例・経過措置による定期接種です。",
    "Routine through a special cohort or transitional measure."
);

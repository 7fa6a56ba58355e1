//! 接種歴 (vaccination history, input) and 評価結果 (evaluation, output).
//!
//! Input, camelCase:
//! `{"birthDate": "2024-04-15", "sex": "2", "doses": [{"vaccine": "hib", "product"?: "..", "date": "2024-06-15"}],
//!   "conditions"?: [{"code": "long-term-illness", "resolved": "2025-01-10", "vaccines"?: ["hib"]}]}`.
//!
//! Output: [`Evaluation`] (see its documentation for the JSON shape).
//!
//! `Debug` of every type here hides dates of birth and vaccination: they are
//! personal data.

use super::schedule::{Class, VaccineId};
use chrono::NaiveDate;
use serde::ser::SerializeSeq;
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// 性別 (sex), PMH `basicFiveInfo.sex` codes: `"1"` male, `"2"` female
/// (`"male"` / `"female"` are accepted too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    /// 男 (`"1"`).
    #[serde(rename = "1", alias = "male")]
    Male,
    /// 女 (`"2"`).
    #[serde(rename = "2", alias = "female")]
    Female,
}

/// One dose received (接種歴の1件).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dose {
    /// Vaccine id.
    pub vaccine: VaccineId,
    /// 製剤 (product id, e.g. `pcv20`, `rotarix`, `silgard9`, `recombinant`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// 接種日 (date given).
    pub date: NaiveDate,
}

impl fmt::Debug for Dose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dose")
            .field("vaccine", &self.vaccine)
            .field("product", &self.product)
            .field("date", &"<redacted>")
            .finish()
    }
}

/// Condition codes of a history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConditionCode {
    /// 長期療養特例 (long-term illness exception): needs `resolved`, the day the
    /// illness stopped preventing vaccination; `vaccines` limits it (empty = all).
    LongTermIllness,
    /// 罹患歴 (had the disease): excludes `vaccines` (not influenza / COVID-19, 施行令 第3条).
    DiseaseHistory,
    /// 接種不適当 (contraindication, 施行規則 第2条: e.g. 腸重積症の既往 for ロタ,
    /// ケロイド for BCG): excludes `vaccines`.
    Contraindication,
    /// B型肝炎母子感染予防 (HB vaccine + HBIG at birth): excludes `hepb`.
    HepbPerinatal,
    /// 妊娠 (pregnancy): `lmp` (最終月経開始日 = 0週0日) or `dueDate` (分娩予定日 = 40週0日).
    Pregnancy,
    /// 60–64歳 with 1級-level cardiac/renal/respiratory or HIV immune disability (B類 influenza, pneumococcal, COVID-19).
    SevereDisability,
    /// 60–64歳 with 1級-level HIV immune disability (also 帯状疱疹; implies `severe-disability`).
    HivImmuneDisability,
}

/// One condition of a history.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Condition {
    /// What the condition is.
    pub code: ConditionCode,
    /// Vaccines it concerns (empty = all it can concern).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vaccines: Vec<VaccineId>,
    /// 長期療養特例: the day the illness stopped preventing vaccination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<NaiveDate>,
    /// 妊娠: 最終月経開始日 (0週0日).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lmp: Option<NaiveDate>,
    /// 妊娠: 分娩予定日 (40週0日).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<NaiveDate>,
}

impl Condition {
    /// Whether the condition concerns `vaccine` (an empty list concerns all).
    pub fn concerns(&self, vaccine: VaccineId) -> bool {
        self.vaccines.is_empty() || self.vaccines.contains(&vaccine)
    }

    /// 妊娠0週0日 of a pregnancy condition (`lmp`, else `dueDate` − 280 days).
    pub fn pregnancy_start(&self) -> Option<NaiveDate> {
        self.lmp
            .or_else(|| self.due_date?.checked_sub_days(chrono::Days::new(280)))
    }
}

impl fmt::Debug for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Condition")
            .field("code", &self.code)
            .field("vaccines", &self.vaccines)
            .finish_non_exhaustive()
    }
}

/// 接種歴 (a person's vaccination history): the input of [`super::evaluate`].
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct History {
    /// 生年月日 (date of birth).
    pub birth_date: NaiveDate,
    /// 性別 (sex), optional: HPV and RSV are then not excluded by sex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Doses received, in any order.
    #[serde(default)]
    pub doses: Vec<Dose>,
    /// Conditions (長期療養特例, 罹患歴, 妊娠, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
}

impl fmt::Debug for History {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("History")
            .field("birth_date", &"<redacted>")
            .field("sex", &self.sex)
            .field("doses", &self.doses)
            .field("conditions", &self.conditions)
            .finish()
    }
}

/// Why a dose is not routine (定期接種として扱えない理由), or a note about it.
///
/// Wire codes are snake_case (`too_soon`). Reasons marked "not counted" mean
/// the dose does not fill its place in the series; the others are 任意 doses
/// that still count (§4: prior 任意 doses count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Reason {
    /// Before the legal age window (生後N月未満 etc.). Not counted.
    TooYoung = 0,
    /// Before the legal window, for a vaccine whose prior 任意 doses count (HPV, 帯状疱疹, 高齢者肺炎球菌).
    BeforeWindow,
    /// After the legal window (対象年齢を超過). Counted as a 任意 dose.
    TooOld,
    /// Shorter than a minimum interval of the series (接種間隔不足). Not counted.
    TooSoon,
    /// Injectable live vaccine within 27 days after another injectable live vaccine (27日ルール). Not counted.
    LiveInterval,
    /// The vaccine was not routine on that date or for that birth cohort (定期接種化前).
    NotInEffect,
    /// The product is not a routine product on that date (e.g. PCV13 after 2024-09-30) or is unknown.
    ProductNotRoutine,
    /// The product may not replace the one the series started with (交互接種不可). Not counted.
    ProductSwitch,
    /// The series (or this season / pregnancy) was already complete. Not counted.
    ExtraDose,
    /// Outside the season (October 1 – March 31) of a seasonal vaccine.
    OutOfSeason,
    /// The person is not in the target population (sex, 罹患歴, 接種不適当, 母子感染予防, series of another vaccine).
    NotApplicable,
    /// RSV: no pregnancy in the history covers the date. Not counted.
    NoPregnancy,
    /// Dated after the evaluation date; ignored. Not counted.
    AfterAsOf,
    /// Dated before birth; ignored. Not counted.
    BeforeBirth,
    /// Note: outside the standard (標準的) period or interval; still routine.
    OutsideStandard,
    /// Note: interval shorter than the usual minimum but within what a physician may allow (医師が必要と認めた場合).
    PhysicianInterval,
    /// Note: routine through the long-term illness exception (長期療養特例).
    LongTermException,
    /// Note: routine through a special cohort or transitional measure (特例・経過措置).
    SpecialCohort,
}

impl Reason {
    /// Every reason, in bit order.
    pub const ALL: [Reason; 18] = [
        Reason::TooYoung,
        Reason::BeforeWindow,
        Reason::TooOld,
        Reason::TooSoon,
        Reason::LiveInterval,
        Reason::NotInEffect,
        Reason::ProductNotRoutine,
        Reason::ProductSwitch,
        Reason::ExtraDose,
        Reason::OutOfSeason,
        Reason::NotApplicable,
        Reason::NoPregnancy,
        Reason::AfterAsOf,
        Reason::BeforeBirth,
        Reason::OutsideStandard,
        Reason::PhysicianInterval,
        Reason::LongTermException,
        Reason::SpecialCohort,
    ];

    /// The wire code.
    pub const fn code(self) -> &'static str {
        match self {
            Reason::TooYoung => "too_young",
            Reason::BeforeWindow => "before_window",
            Reason::TooOld => "too_old",
            Reason::TooSoon => "too_soon",
            Reason::LiveInterval => "live_interval",
            Reason::NotInEffect => "not_in_effect",
            Reason::ProductNotRoutine => "product_not_routine",
            Reason::ProductSwitch => "product_switch",
            Reason::ExtraDose => "extra_dose",
            Reason::OutOfSeason => "out_of_season",
            Reason::NotApplicable => "not_applicable",
            Reason::NoPregnancy => "no_pregnancy",
            Reason::AfterAsOf => "after_as_of",
            Reason::BeforeBirth => "before_birth",
            Reason::OutsideStandard => "outside_standard",
            Reason::PhysicianInterval => "physician_interval",
            Reason::LongTermException => "long_term_exception",
            Reason::SpecialCohort => "special_cohort",
        }
    }

    /// Whether it is a note (the dose stays routine) rather than a reason.
    pub const fn is_note(self) -> bool {
        matches!(
            self,
            Reason::OutsideStandard
                | Reason::PhysicianInterval
                | Reason::LongTermException
                | Reason::SpecialCohort
        )
    }

    /// Whether a dose with this reason does not fill its place in the series.
    pub const fn uncounts(self) -> bool {
        matches!(
            self,
            Reason::TooYoung
                | Reason::TooSoon
                | Reason::LiveInterval
                | Reason::ProductSwitch
                | Reason::ExtraDose
                | Reason::NoPregnancy
                | Reason::AfterAsOf
                | Reason::BeforeBirth
        )
    }

    const fn bit(self) -> u32 {
        1 << (self as u8)
    }
}

/// A set of [`Reason`]s; serializes as a list of codes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Reasons(u32);

impl Reasons {
    /// The empty set.
    pub const EMPTY: Reasons = Reasons(0);

    /// Adds a reason.
    pub fn insert(&mut self, r: Reason) {
        self.0 |= r.bit();
    }

    /// Whether `r` is in the set.
    pub fn contains(self, r: Reason) -> bool {
        self.0 & r.bit() != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The reasons, in [`Reason::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Reason> {
        Reason::ALL.into_iter().filter(move |r| self.contains(*r))
    }

    /// Wire codes, in order.
    pub fn codes(self) -> Vec<&'static str> {
        self.iter().map(Reason::code).collect()
    }
}

impl fmt::Debug for Reasons {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.iter().map(Reason::code))
            .finish()
    }
}

impl Serialize for Reasons {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for r in self.iter() {
            seq.serialize_element(r.code())?;
        }
        seq.end()
    }
}

/// 接種状況 (status of a vaccine's series on the evaluation date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 完了: every dose given (for seasonal vaccines: this season's dose given).
    Complete,
    /// 接種可能: the next dose may be given today as a routine dose.
    Due,
    /// Age-eligible, but an interval (same series or the 27-day rule) or the season has not come yet.
    NotYetDue,
    /// The legal window of the next dose has not started (or the vaccine is not yet routine).
    NotYetEligible,
    /// 対象年齢超過: the legal window has passed with the series incomplete.
    AgedOut,
    /// 対象外: not for this person (sex, 罹患歴, 接種不適当, another series in use, no pregnancy).
    NotApplicable,
}

/// Evaluation of one dose.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DoseEvaluation {
    /// Index of the dose in the history's `doses`.
    pub index: usize,
    /// 接種日.
    pub date: NaiveDate,
    /// Which dose it is (`primary1`, `booster`, `stage2`, `dose1`, `annual`; `extra` beyond the series).
    pub dose: &'static str,
    /// 定期接種 (publicly funded routine dose): legal window and every minimum interval met.
    pub routine: bool,
    /// Whether the dose fills its place in the series (a 任意 dose may count).
    pub counted: bool,
    /// Why it is not routine (empty when routine).
    pub reasons: Reasons,
    /// Notes that do not affect `routine` (`outside_standard`, `physician_interval`, …).
    #[serde(skip_serializing_if = "no_notes")]
    pub notes: Reasons,
}

fn no_notes(r: &Reasons) -> bool {
    r.is_empty()
}

impl fmt::Debug for DoseEvaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DoseEvaluation")
            .field("index", &self.index)
            .field("dose", &self.dose)
            .field("routine", &self.routine)
            .field("counted", &self.counted)
            .field("reasons", &self.reasons)
            .field("notes", &self.notes)
            .finish_non_exhaustive()
    }
}

/// 次回接種 (the next dose) with its dates.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextDose {
    /// Which dose.
    pub dose: &'static str,
    /// 最短 (earliest legal date: window start, every minimum interval, the 27-day rule).
    pub earliest: NaiveDate,
    /// 標準的な接種期間の始め (standard period start), when the schedule has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommended_from: Option<NaiveDate>,
    /// 標準的な接種期間の終わり.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommended_to: Option<NaiveDate>,
    /// 最終 (last day of the legal window); absent when open-ended (65歳以上).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<NaiveDate>,
}

impl fmt::Debug for NextDose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NextDose")
            .field("dose", &self.dose)
            .finish_non_exhaustive()
    }
}

/// Evaluation of one vaccine.
#[derive(Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaccineEvaluation {
    /// Vaccine id.
    pub vaccine: VaccineId,
    /// A類 / B類.
    pub class: Class,
    /// The series used (e.g. `hib-3+1`, `hpv-9-2dose`).
    pub series: &'static str,
    /// 接種状況.
    pub status: Status,
    /// Each dose of this vaccine, in date order.
    pub doses: Vec<DoseEvaluation>,
    /// The next dose (absent when complete with nothing further, aged out or not applicable).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<NextDose>,
}

impl fmt::Debug for VaccineEvaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VaccineEvaluation")
            .field("vaccine", &self.vaccine)
            .field("series", &self.series)
            .field("status", &self.status)
            .field("doses", &self.doses)
            .field("next", &self.next)
            .finish()
    }
}

/// 評価・予測結果 (evaluation and forecast) of a history on a date.
///
/// ```json
/// {"asOf": "2025-04-15", "vaccines": [
///   {"vaccine": "hib", "class": "A", "series": "hib-3+1", "status": "due",
///    "doses": [{"index": 0, "date": "2024-06-15", "dose": "primary1", "routine": true, "counted": true, "reasons": []}],
///    "next": {"dose": "primary2", "earliest": "2024-07-13", "recommendedFrom": "2024-07-13", "recommendedTo": "2024-08-11", "latest": "2025-04-14"}}
/// ]}
/// ```
#[derive(Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// 評価日 (the evaluation date).
    pub as_of: NaiveDate,
    /// One entry per vaccine of the schedule, in table order.
    pub vaccines: Vec<VaccineEvaluation>,
}

impl Evaluation {
    /// The entry of `vaccine`.
    pub fn vaccine(&self, vaccine: VaccineId) -> Option<&VaccineEvaluation> {
        self.vaccines.iter().find(|v| v.vaccine == vaccine)
    }
}

impl fmt::Debug for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Evaluation")
            .field("as_of", &"<redacted>")
            .field("vaccines", &self.vaccines)
            .finish()
    }
}

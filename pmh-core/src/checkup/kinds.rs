//! 健診の種類 (checkup kinds) as data: each kind's age or gestational window,
//! the items it records and which items are mandatory.
//!
//! Sources: `shared/reference/checkup.md` §1 (母子保健法 第12条・第13条,
//! 施行規則 第2条, municipal windows), §2 (妊婦健診 告示第226号), §3.1 (MHLW
//! 標準的な電子的記録様式), §3.4–3.5 (dental, vision, hearing).
//!
//! # Windows: legal and typical
//!
//! Every kind has a **legal** window (violations are errors,
//! [`rules::WINDOW`](super::rules::WINDOW)) and may have a **typical** one
//! (violations are warnings, [`rules::WINDOW_TYPICAL`](super::rules::WINDOW_TYPICAL)):
//!
//! - 1歳6か月児 and 3歳児 (第12条): the statutory ages are the legal window.
//! - 乳児健診 (1か月, 3〜4か月, 6〜7か月, 9〜10か月; 第13条): the law only says
//!   乳児 (under 1 year), so that is the legal window; the named ages are a
//!   municipal practice and only warn.
//! - 5歳児: legal = 幼児 (from age 1 to school entry); typical = the union of
//!   the two municipal readings seen (京都市 "実施年度に満5歳になる幼児" and
//!   大熊町 "満5歳を超え満6歳に達しない").
//! - 新生児聴覚検査: typical = 新生児期 (days 0–27); legal = up to 生後6か月,
//!   the latest municipal subsidy window seen.
//! - 産婦健診: legal = 産婦 (within a year of delivery, 第6条 妊産婦); no typical window.
//! - 妊婦健診: by gestational week, 4–42 (warning outside), impossible beyond 45.
//!
//! # Reading 「満N歳を超え満M歳に達しない」 (documented choice)
//!
//! Under 年齢計算ニ関スル法律 and 民法143条 a child *reaches* N years at the end
//! of the day before the N-th birthday ([`reaches_years`](crate::calendar::reaches_years)). "満1歳6か月を超え"
//! therefore starts the day after [`reaches_months`]`(18)`, i.e. on the
//! 1歳6か月 応当日 itself, and "満2歳に達しない" ends on [`reaches_years`](crate::calendar::reaches_years)`(2)`,
//! the day before the 2nd birthday (MHLW 事務連絡 on 定期接種 ages, as used by
//! the calendar module: 「●歳に至った日の翌日」 = the birthday itself). Born
//! 2022-10-15: 1歳6か月児健診 runs 2024-04-15 … 2024-10-14. Some municipal
//! pages read "超え" as "from 1歳7か月"; that stricter reading is not followed.
//! The same arithmetic gives the named infant windows: "3〜4か月児" = 満3か月を
//! 超え満5か月に達しない (東松島市, 神栖市 wording), i.e. 3 or 4 completed months.
//! "出生後27日を超え生後6週に達しない" (1か月児, 吉岡町/山県市) counts the birth
//! day as day 0: days 28–41 (三島市).

use crate::calendar::{fiscal_year_reaching, fiscal_year_start, reaches_months, school_entry};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// 健診の種類 (checkup kind). Wire ids in kebab case.
///
/// ```
/// use pmh_core::checkup::CheckupKind;
/// let k = CheckupKind::from_id("toddler-18m").unwrap();
/// assert_eq!(k.info().name_ja, "1歳6か月児健康診査");
/// assert!(k.is_statutory());
/// assert_eq!(serde_json::to_value(CheckupKind::Infant3to4m).unwrap(), "infant-3-4m");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CheckupKind {
    /// 妊婦健康診査 (prenatal checkup), `prenatal`.
    #[serde(rename = "prenatal")]
    Prenatal,
    /// 産婦健康診査 (postpartum checkup), `postpartum`.
    #[serde(rename = "postpartum")]
    Postpartum,
    /// 新生児聴覚検査 (newborn hearing screening), `newborn-hearing`.
    #[serde(rename = "newborn-hearing")]
    NewbornHearing,
    /// 1か月児健康診査 (1-month checkup), `infant-1m`.
    #[serde(rename = "infant-1m")]
    Infant1m,
    /// 3〜4か月児健康診査 (3–4-month checkup), `infant-3-4m`.
    #[serde(rename = "infant-3-4m")]
    Infant3to4m,
    /// 6〜7か月児健康診査 (乳児一般健診, 6–7 months), `infant-6-7m`.
    #[serde(rename = "infant-6-7m")]
    Infant6to7m,
    /// 9〜10か月児健康診査 (乳児一般健診, 9–10 months), `infant-9-10m`.
    #[serde(rename = "infant-9-10m")]
    Infant9to10m,
    /// 1歳6か月児健康診査 (statutory 18-month checkup), `toddler-18m`.
    #[serde(rename = "toddler-18m")]
    Toddler18m,
    /// 3歳児健康診査 (statutory 3-year checkup), `child-3y`.
    #[serde(rename = "child-3y")]
    Child3y,
    /// 5歳児健康診査 (5-year checkup), `child-5y`.
    #[serde(rename = "child-5y")]
    Child5y,
}

impl CheckupKind {
    /// All kinds, in life order.
    pub const ALL: [CheckupKind; 10] = [
        CheckupKind::Prenatal,
        CheckupKind::Postpartum,
        CheckupKind::NewbornHearing,
        CheckupKind::Infant1m,
        CheckupKind::Infant3to4m,
        CheckupKind::Infant6to7m,
        CheckupKind::Infant9to10m,
        CheckupKind::Toddler18m,
        CheckupKind::Child3y,
        CheckupKind::Child5y,
    ];

    /// The kind with wire id `id`.
    ///
    /// ```
    /// use pmh_core::checkup::CheckupKind;
    /// assert_eq!(CheckupKind::from_id("child-3y"), Some(CheckupKind::Child3y));
    /// assert_eq!(CheckupKind::from_id("3y"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<CheckupKind> {
        KINDS.iter().find(|k| k.id == id).map(|k| k.kind)
    }

    /// The kind's row of [`KINDS`].
    pub fn info(self) -> &'static KindInfo {
        // KINDS is in the order of the enum (checked by a test).
        &KINDS[self as usize]
    }

    /// Wire id, e.g. `infant-3-4m`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// Whether 母子保健法 第12条 makes the municipality run this checkup.
    pub fn is_statutory(self) -> bool {
        self.info().basis == Basis::Article12
    }

    /// Whether the person examined is the mother (妊婦・産婦健診).
    pub fn for_mother(self) -> bool {
        self.info().subject == Subject::Mother
    }
}

/// 法的根拠 (legal basis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// 母子保健法 第12条: the municipality must run it (1歳6か月, 3歳).
    Article12,
    /// 母子保健法 第13条: run or recommended "as needed" (all others).
    Article13,
}

/// Who is examined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    /// 妊産婦 (the mother).
    Mother,
    /// 乳幼児 (the child).
    Child,
}

/// One end of a date window, counted from an anchor day (birth or delivery).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    /// The anchor plus N days (the anchor is day 0).
    Days(u32),
    /// 「満Nか月を超え」: the day after [`reaches_months`]`(N)`, i.e. the N-month 応当日.
    OverMonths(u32),
    /// 「満Nか月に達しない」 (last day): [`reaches_months`]`(N)`, inclusive.
    ReachingMonths(u32),
    /// 「満N歳になる年度」 (first day): April 1 of the fiscal year in which N years are reached.
    FiscalYearReachingYears(u32),
    /// 「小学校就学の始期に達するまで」 (last day): the day before school entry.
    BeforeSchoolEntry,
}

impl Bound {
    /// The day this bound falls on for `anchor`; `None` outside chrono's range.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pmh_core::checkup::Bound;
    /// let birth = NaiveDate::from_ymd_opt(2022, 10, 15).unwrap();
    /// assert_eq!(Bound::OverMonths(18).resolve(birth).unwrap().to_string(), "2024-04-15");
    /// assert_eq!(Bound::ReachingMonths(24).resolve(birth).unwrap().to_string(), "2024-10-14");
    /// ```
    pub fn resolve(self, anchor: NaiveDate) -> Option<NaiveDate> {
        match self {
            Bound::Days(n) => anchor.checked_add_days(Days::new(u64::from(n))),
            Bound::OverMonths(n) => reaches_months(anchor, n)?.succ_opt(),
            Bound::ReachingMonths(n) => reaches_months(anchor, n),
            Bound::FiscalYearReachingYears(n) => {
                fiscal_year_start(fiscal_year_reaching(anchor, n)?)
            }
            Bound::BeforeSchoolEntry => school_entry(anchor)?.pred_opt(),
        }
    }
}

/// A window of days between two [`Bound`]s, both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// First day.
    pub from: Bound,
    /// Last day (inclusive).
    pub to: Bound,
}

impl Span {
    /// The concrete days for `anchor`.
    pub fn dates(&self, anchor: NaiveDate) -> Option<DateWindow> {
        Some(DateWindow {
            first: self.from.resolve(anchor)?,
            last: self.to.resolve(anchor)?,
        })
    }
}

/// A concrete window of days, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct DateWindow {
    /// First day.
    pub first: NaiveDate,
    /// Last day (inclusive).
    pub last: NaiveDate,
}

impl DateWindow {
    /// Whether `date` lies in the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }

    /// Whether the two windows share at least one day.
    pub fn overlaps(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.first <= last && first <= self.last
    }
}

/// When a kind's checkup takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Window {
    /// By the child's age, anchored at the birth date.
    Age {
        /// Legal window (error outside).
        legal: Span,
        /// Usual window of municipal practice (warning outside).
        typical: Option<Span>,
    },
    /// By days after delivery (産婦), anchored at the delivery date.
    AfterDelivery {
        /// Legal window (error outside).
        legal: Span,
    },
    /// By gestational week (妊婦), inclusive; warning outside.
    Gestation {
        /// First usual week.
        first_week: u32,
        /// Last usual week.
        last_week: u32,
    },
}

impl Window {
    /// The legal and typical windows for a child born on `birth` (or a delivery
    /// on that day); `None` for gestational windows.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pmh_core::checkup::CheckupKind;
    /// let birth = NaiveDate::from_ymd_opt(2021, 6, 1).unwrap();
    /// let (legal, typical) = CheckupKind::Child3y.info().window.dates(birth).unwrap();
    /// assert_eq!(legal.first.to_string(), "2024-06-01"); // the 3rd birthday
    /// assert_eq!(legal.last.to_string(), "2025-05-31"); // the day before the 4th
    /// assert!(typical.is_none());
    /// ```
    pub fn dates(&self, anchor: NaiveDate) -> Option<(DateWindow, Option<DateWindow>)> {
        match self {
            Window::Age { legal, typical } => {
                let typical = match typical {
                    Some(t) => Some(t.dates(anchor)?),
                    None => None,
                };
                Some((legal.dates(anchor)?, typical))
            }
            Window::AfterDelivery { legal } => Some((legal.dates(anchor)?, None)),
            Window::Gestation { .. } => None,
        }
    }
}

/// Where a result records an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Recorded {
    /// `findings.<id>`: `"none"` (所見なし) / `"present"` (所見あり) / `"notExamined"` (未実施).
    Finding,
    /// A member of `measurements` (e.g. `heightCm`).
    Measurement(&'static str),
    /// 身体発育状況: `measurements.heightCm` and `measurements.weightKg` together.
    Growth,
    /// A top-level object of the result (e.g. `dental`, `urine`).
    Section(&'static str),
    /// A member of the `pregnancy` object.
    Pregnancy(&'static str),
    /// A member of the `postpartum` object.
    Postpartum(&'static str),
}

/// 健診項目 (a checkup item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Item {
    /// Stable id (also the `findings` key for finding items).
    pub id: &'static str,
    /// Japanese name (法令・様式の用語).
    pub name_ja: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Where a result records it.
    pub recorded: Recorded,
}

const fn item(
    id: &'static str,
    name_ja: &'static str,
    name_en: &'static str,
    recorded: Recorded,
) -> Item {
    Item {
        id,
        name_ja,
        name_en,
        recorded,
    }
}

/// Every item any kind records. The 11 + 2 statutory items are 施行規則 第2条
/// (reference §1.1); measurements are the MHLW standard record (§3.1); the
/// 1か月 confirmations §1.3; prenatal items 告示第226号 第二 (§2); postpartum §1.3.
pub const ITEMS: &[Item] = &[
    item(
        "physicalGrowth",
        "身体発育状況",
        "physical growth",
        Recorded::Growth,
    ),
    item(
        "height",
        "身長",
        "height / length",
        Recorded::Measurement("heightCm"),
    ),
    item(
        "weight",
        "体重",
        "weight",
        Recorded::Measurement("weightKg"),
    ),
    item(
        "head",
        "頭囲",
        "head circumference",
        Recorded::Measurement("headCm"),
    ),
    item(
        "chest",
        "胸囲",
        "chest circumference",
        Recorded::Measurement("chestCm"),
    ),
    item(
        "birth",
        "出生時の状況（出生体重・在胎週数）",
        "birth weight and gestational age",
        Recorded::Section("birth"),
    ),
    item(
        "nutrition",
        "栄養状態",
        "nutritional status",
        Recorded::Finding,
    ),
    item(
        "spineChest",
        "脊柱及び胸郭の疾病及び異常の有無",
        "diseases and abnormalities of spine and chest",
        Recorded::Finding,
    ),
    item(
        "skin",
        "皮膚の疾病の有無",
        "skin diseases",
        Recorded::Finding,
    ),
    item(
        "teethOral",
        "歯及び口腔の疾病及び異常の有無",
        "diseases and abnormalities of teeth and mouth",
        Recorded::Section("dental"),
    ),
    item(
        "limbMotor",
        "四肢運動障害の有無",
        "motor disorders of the limbs",
        Recorded::Finding,
    ),
    item(
        "mentalDevelopment",
        "精神発達の状況",
        "mental development",
        Recorded::Finding,
    ),
    item(
        "speech",
        "言語障害の有無",
        "speech and language disorders",
        Recorded::Finding,
    ),
    item(
        "immunizationStatus",
        "予防接種の実施状況",
        "immunization status",
        Recorded::Finding,
    ),
    item(
        "parentingIssues",
        "育児上問題となる事項",
        "parenting problems",
        Recorded::Finding,
    ),
    item(
        "otherDiseases",
        "その他の疾病及び異常の有無",
        "other diseases and abnormalities",
        Recorded::Finding,
    ),
    item(
        "eyes",
        "眼の疾病及び異常の有無",
        "eye diseases and abnormalities",
        Recorded::Finding,
    ),
    item(
        "earNoseThroat",
        "耳、鼻及び咽頭の疾病及び異常の有無",
        "ear, nose and throat diseases and abnormalities",
        Recorded::Finding,
    ),
    item(
        "vision",
        "視覚検査",
        "vision test",
        Recorded::Section("vision"),
    ),
    item(
        "hearing",
        "聴覚検査",
        "hearing test",
        Recorded::Section("hearing"),
    ),
    item(
        "urine",
        "尿検査（蛋白・糖・潜血）",
        "urinalysis (protein, glucose, occult blood)",
        Recorded::Section("urine"),
    ),
    item(
        "confirmations",
        "新生児聴覚検査・先天性代謝異常検査の実施状況確認、ビタミンK2投与確認",
        "newborn screenings done, vitamin K2 given",
        Recorded::Section("confirmations"),
    ),
    item(
        "hearingScreening",
        "新生児聴覚検査（自動ABR・OAE）",
        "newborn hearing screening (AABR / OAE)",
        Recorded::Section("hearingScreening"),
    ),
    item(
        "bloodPressure",
        "血圧",
        "blood pressure",
        Recorded::Section("bloodPressure"),
    ),
    item(
        "gestationalAge",
        "妊娠週数",
        "gestational age",
        Recorded::Pregnancy("gestationalWeeks"),
    ),
    item(
        "fundalHeight",
        "子宮底長",
        "fundal height",
        Recorded::Pregnancy("fundalHeightCm"),
    ),
    item(
        "abdominalCircumference",
        "腹囲",
        "abdominal circumference",
        Recorded::Pregnancy("abdominalCm"),
    ),
    item("edema", "浮腫", "edema", Recorded::Pregnancy("edema")),
    item(
        "delivery",
        "出産日",
        "delivery date",
        Recorded::Postpartum("deliveryDate"),
    ),
    item(
        "epds",
        "エジンバラ産後うつ病質問票（EPDS）",
        "Edinburgh Postnatal Depression Scale (EPDS)",
        Recorded::Postpartum("epdsTotal"),
    ),
];

/// The [`Item`] with id `id`.
///
/// ```
/// use pmh_core::checkup::item_by_id;
/// assert_eq!(item_by_id("spineChest").unwrap().name_ja, "脊柱及び胸郭の疾病及び異常の有無");
/// ```
pub fn item_by_id(id: &str) -> Option<&'static Item> {
    ITEMS.iter().find(|i| i.id == id)
}

/// One row of [`KINDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindInfo {
    /// The kind.
    pub kind: CheckupKind,
    /// Wire id.
    pub id: &'static str,
    /// Japanese name.
    pub name_ja: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Legal basis.
    pub basis: Basis,
    /// Who is examined.
    pub subject: Subject,
    /// When it takes place.
    pub window: Window,
    /// Ids of the [`ITEMS`] this kind records; others warn.
    pub items: &'static [&'static str],
    /// Items that must be present (errors): the statutory items, plus the item
    /// without which the record means nothing (gestational age, delivery date,
    /// screening result).
    pub mandatory: &'static [&'static str],
    /// Items of the national standard record or 告示 (warnings when missing).
    pub recommended: &'static [&'static str],
    /// Whether a result needs a judgement (判定).
    pub judgement_required: bool,
    /// Caries types (むし歯の型) of the kind's dental scheme; empty = no scheme.
    pub caries_types: &'static [&'static str],
    /// Sources of the row (reference sections and the URLs they cite).
    pub source: &'static str,
}

const INFANT_LEGAL: Span = Span {
    from: Bound::Days(0),
    to: Bound::ReachingMonths(12),
};

const STATUTORY_18M: &[&str] = &[
    "physicalGrowth",
    "nutrition",
    "spineChest",
    "skin",
    "teethOral",
    "limbMotor",
    "mentalDevelopment",
    "speech",
    "immunizationStatus",
    "parentingIssues",
    "otherDiseases",
];
const STATUTORY_3Y: &[&str] = &[
    "physicalGrowth",
    "nutrition",
    "spineChest",
    "skin",
    "eyes",
    "earNoseThroat",
    "teethOral",
    "limbMotor",
    "mentalDevelopment",
    "speech",
    "immunizationStatus",
    "parentingIssues",
    "otherDiseases",
];
const INFANT_ITEMS: &[&str] = &[
    "physicalGrowth",
    "height",
    "weight",
    "head",
    "chest",
    "birth",
    "nutrition",
    "skin",
    "mentalDevelopment",
    "limbMotor",
    "eyes",
    "earNoseThroat",
    "parentingIssues",
    "immunizationStatus",
    "otherDiseases",
];

/// The kinds table, in the order of [`CheckupKind`].
pub const KINDS: [KindInfo; 10] = [
    KindInfo {
        kind: CheckupKind::Prenatal,
        id: "prenatal",
        name_ja: "妊婦健康診査",
        name_en: "prenatal checkup",
        basis: Basis::Article13,
        subject: Subject::Mother,
        window: Window::Gestation { first_week: 4, last_week: 42 },
        items: &["gestationalAge", "weight", "bloodPressure", "urine", "fundalHeight", "abdominalCircumference", "edema", "otherDiseases"],
        mandatory: &["gestationalAge"],
        recommended: &["weight", "bloodPressure", "urine", "fundalHeight", "abdominalCircumference", "edema"],
        judgement_required: false,
        caries_types: &[],
        source: "§2: 平成27年厚生労働省告示第226号 第一 (about 14 visits: every 4 weeks to week 23, every 2 weeks to 35, weekly from 36) and 第二 一 (every-visit items); window 4–42 weeks is pmh (§2 gestational vocabulary)",
    },
    KindInfo {
        kind: CheckupKind::Postpartum,
        id: "postpartum",
        name_ja: "産婦健康診査",
        name_en: "postpartum checkup",
        basis: Basis::Article13,
        subject: Subject::Mother,
        window: Window::AfterDelivery { legal: Span { from: Bound::Days(0), to: Bound::ReachingMonths(12) } },
        items: &["delivery", "weight", "bloodPressure", "urine", "epds", "otherDiseases"],
        mandatory: &["delivery"],
        recommended: &["weight", "bloodPressure", "urine", "epds"],
        judgement_required: true,
        caries_types: &[],
        source: "§1.3: around 2 weeks and 1 month postpartum, up to 2 times; items 問診, 診察, 体重・血圧, 尿, EPDS (京都府); 産婦 = within 1 year of delivery (§1.1 第6条)",
    },
    KindInfo {
        kind: CheckupKind::NewbornHearing,
        id: "newborn-hearing",
        name_ja: "新生児聴覚検査",
        name_en: "newborn hearing screening",
        basis: Basis::Article13,
        subject: Subject::Child,
        window: Window::Age {
            legal: Span { from: Bound::Days(0), to: Bound::ReachingMonths(6) },
            typical: Some(Span { from: Bound::Days(0), to: Bound::Days(27) }),
        },
        items: &["hearingScreening", "birth"],
        mandatory: &["hearingScreening"],
        recommended: &[],
        judgement_required: false,
        caries_types: &[],
        source: "§1.3: MHLW flow (初回 within ~3 days, 確認 ~1 week, AABR or OAE); municipal subsidy windows 生後28日以内 … 生後6か月まで (美濃市, 高取町); 新生児 = days 0–27 (§1.1)",
    },
    KindInfo {
        kind: CheckupKind::Infant1m,
        id: "infant-1m",
        name_ja: "1か月児健康診査",
        name_en: "1-month checkup",
        basis: Basis::Article13,
        subject: Subject::Child,
        window: Window::Age { legal: INFANT_LEGAL, typical: Some(Span { from: Bound::Days(28), to: Bound::Days(41) }) },
        items: &["physicalGrowth", "height", "weight", "head", "chest", "birth", "nutrition", "skin", "otherDiseases", "confirmations"],
        mandatory: &[],
        recommended: &["height", "weight", "head", "nutrition", "confirmations"],
        judgement_required: true,
        caries_types: &[],
        source: "§1.3: 出生後27日を超え生後6週に達しない (吉岡町, 山県市; 三島市 day 28–41); items 身体発育, 栄養, 疾病・異常, 聴覚・代謝異常検査の確認, ビタミンK2",
    },
    KindInfo {
        kind: CheckupKind::Infant3to4m,
        id: "infant-3-4m",
        name_ja: "3〜4か月児健康診査",
        name_en: "3-4-month checkup",
        basis: Basis::Article13,
        subject: Subject::Child,
        window: Window::Age {
            legal: INFANT_LEGAL,
            typical: Some(Span { from: Bound::OverMonths(3), to: Bound::ReachingMonths(5) }),
        },
        items: INFANT_ITEMS,
        mandatory: &[],
        recommended: &["height", "weight", "head", "chest", "birth"],
        judgement_required: true,
        caries_types: &[],
        source: "§1.3: 満3か月を超え満5か月に達しない (東松島市, 神栖市); §3.1 standard record (身長, 体重, 胸囲, 頭囲, 出生時体重, 在胎週数)",
    },
    KindInfo {
        kind: CheckupKind::Infant6to7m,
        id: "infant-6-7m",
        name_ja: "6〜7か月児健康診査（乳児一般健康診査）",
        name_en: "6-7-month checkup",
        basis: Basis::Article13,
        subject: Subject::Child,
        window: Window::Age {
            legal: INFANT_LEGAL,
            typical: Some(Span { from: Bound::OverMonths(6), to: Bound::ReachingMonths(8) }),
        },
        items: INFANT_ITEMS,
        mandatory: &[],
        recommended: &["height", "weight", "head"],
        judgement_required: true,
        caries_types: &[],
        source: "§1.3: 乳児一般健診 (CFA: 3〜6か月頃, 9〜11か月頃); window = 6 or 7 completed months (pmh, from the name)",
    },
    KindInfo {
        kind: CheckupKind::Infant9to10m,
        id: "infant-9-10m",
        name_ja: "9〜10か月児健康診査（乳児一般健康診査）",
        name_en: "9-10-month checkup",
        basis: Basis::Article13,
        subject: Subject::Child,
        window: Window::Age {
            legal: INFANT_LEGAL,
            typical: Some(Span { from: Bound::OverMonths(9), to: Bound::ReachingMonths(11) }),
        },
        items: INFANT_ITEMS,
        mandatory: &[],
        recommended: &["height", "weight", "head"],
        judgement_required: true,
        caries_types: &[],
        source: "§1.3: 乳児一般健診 (CFA: 9〜11か月頃); window = 9 or 10 completed months (pmh, from the name)",
    },
    KindInfo {
        kind: CheckupKind::Toddler18m,
        id: "toddler-18m",
        name_ja: "1歳6か月児健康診査",
        name_en: "18-month checkup",
        basis: Basis::Article12,
        subject: Subject::Child,
        window: Window::Age { legal: Span { from: Bound::OverMonths(18), to: Bound::ReachingMonths(24) }, typical: None },
        items: &[
            "physicalGrowth", "height", "weight", "head", "chest", "birth", "nutrition", "spineChest", "skin", "teethOral",
            "limbMotor", "mentalDevelopment", "speech", "immunizationStatus", "parentingIssues", "otherDiseases", "eyes",
            "earNoseThroat",
        ],
        mandatory: STATUTORY_18M,
        recommended: &["head", "chest", "birth"],
        judgement_required: true,
        caries_types: &["O1", "O2", "A", "B", "C"],
        source: "§1.1: 母子保健法 第12条 (満1歳6か月を超え満2歳に達しない), 施行規則 第2条1項 (11 items); §3.1 standard record; §3.4 caries O1/O2/A/B/C",
    },
    KindInfo {
        kind: CheckupKind::Child3y,
        id: "child-3y",
        name_ja: "3歳児健康診査",
        name_en: "3-year checkup",
        basis: Basis::Article12,
        subject: Subject::Child,
        window: Window::Age { legal: Span { from: Bound::OverMonths(36), to: Bound::ReachingMonths(48) }, typical: None },
        items: &[
            "physicalGrowth", "height", "weight", "head", "birth", "nutrition", "spineChest", "skin", "eyes", "earNoseThroat",
            "teethOral", "limbMotor", "mentalDevelopment", "speech", "immunizationStatus", "parentingIssues", "otherDiseases",
            "vision", "hearing", "urine",
        ],
        mandatory: STATUTORY_3Y,
        recommended: &["head", "vision", "hearing", "urine"],
        judgement_required: true,
        caries_types: &["O", "A", "B", "C1", "C2"],
        source: "§1.1: 母子保健法 第12条 (満3歳を超え満4歳に達しない), 施行規則 第2条2項 (13 items); §3.1 (胸囲 not measured at 3 years; 検尿); §3.4 caries O/A/B/C1/C2; §3.5 vision/hearing",
    },
    KindInfo {
        kind: CheckupKind::Child5y,
        id: "child-5y",
        name_ja: "5歳児健康診査",
        name_en: "5-year checkup",
        basis: Basis::Article13,
        subject: Subject::Child,
        window: Window::Age {
            legal: Span { from: Bound::ReachingMonths(12), to: Bound::BeforeSchoolEntry },
            typical: Some(Span { from: Bound::FiscalYearReachingYears(5), to: Bound::ReachingMonths(72) }),
        },
        items: &[
            "physicalGrowth", "height", "weight", "nutrition", "skin", "eyes", "earNoseThroat", "limbMotor",
            "mentalDevelopment", "speech", "immunizationStatus", "parentingIssues", "otherDiseases", "vision", "hearing",
            "teethOral",
        ],
        mandatory: &[],
        recommended: &["height", "weight", "mentalDevelopment", "speech"],
        judgement_required: true,
        caries_types: &[],
        source: "§1.3: not uniform — 京都市 実施年度に満5歳になる幼児, 大熊町 満5歳を超え満6歳に達しない (typical = union); 幼児 = age 1 to school entry (§1.1); §6 open question 2",
    },
];

/// The number of prenatal visits the national standard pays for (告示第226号 第一).
pub const PRENATAL_STANDARD_VISITS: u32 = 14;

/// The most prenatal visits the standard schedule allows by gestational week
/// `week`: a first visit at week 4 at the earliest, then every 4 weeks until
/// week 23, every 2 weeks from 24 to 35, every week from 36 (告示第226号 第一).
///
/// A voucher number above this is ahead of the schedule
/// ([`rules::VISIT_NUMBER_WEEK`](super::rules::VISIT_NUMBER_WEEK), a warning:
/// the 告示 says "about").
///
/// ```
/// use pmh_core::checkup::max_prenatal_visits_by_week;
/// assert_eq!(max_prenatal_visits_by_week(3), 0);
/// assert_eq!(max_prenatal_visits_by_week(4), 1);
/// assert_eq!(max_prenatal_visits_by_week(23), 5); // weeks 4, 8, 12, 16, 20
/// assert_eq!(max_prenatal_visits_by_week(35), 11); // + 24, 26, 28, 30, 32, 34
/// assert_eq!(max_prenatal_visits_by_week(38), 14); // + 36, 37, 38
/// ```
pub fn max_prenatal_visits_by_week(week: u32) -> u32 {
    let mut visits = 0;
    let mut w = 4;
    while w <= week {
        visits += 1;
        w += match w {
            0..=23 => 4,
            24..=35 => 2,
            _ => 1,
        };
        // A 4-week step from week 20 lands on 24, where 2-week steps begin.
    }
    visits
}

/// 妊娠週数 (completed gestational weeks and days) on `date` for an
/// expected delivery date (出産予定日 = 40w0d, 280 days after the LMP);
/// `None` before 0w0d or after 45w6d.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::checkup::gestational_age_on;
/// let edd = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
/// assert_eq!(gestational_age_on(edd, edd), Some((40, 0)));
/// assert_eq!(gestational_age_on(edd, NaiveDate::from_ymd_opt(2025, 11, 27).unwrap()), Some((39, 3)));
/// ```
pub fn gestational_age_on(expected_delivery: NaiveDate, date: NaiveDate) -> Option<(u32, u32)> {
    let days = 280 - expected_delivery.signed_duration_since(date).num_days();
    if !(0..=45 * 7 + 6).contains(&days) {
        return None;
    }
    let days = u32::try_from(days).ok()?;
    Some((days / 7, days % 7))
}

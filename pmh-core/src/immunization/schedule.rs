//! 定期接種スケジュール表 (the routine schedule, as data): one row per vaccine,
//! A類 and B類, each window, interval and product with its source.
//!
//! The table is Rust `const` data ([`VACCINES`]); the only code that reads it
//! is the engine in [`super::engine`]. Sources are the URLs of
//! `shared/reference/immunization.md` (§2 A類, §3 B類, §4 exceptions); rows
//! marked `[verify]` follow that document's open items (§8).
//!
//! Vocabulary:
//! - [`Age`]: a legal age point (生後N月, N歳, 出生N週M日後, 年度 bounds, 就学前1年,
//!   妊娠N週M日), always resolved with the calendar functions of
//!   [`crate::calendar`] (民法143条 day-before rule).
//! - [`Window`]: a legal window (施行令) `[from, to]`, both ends inclusive
//!   ("●歳に至るまで" includes the day the age is reached), optionally limited to
//!   a birth cohort, to dates of vaccination (versioned by effective date) or
//!   to a condition.
//! - [`Interval`]: a minimum interval (実施規則) from an earlier dose of the
//!   same series, with the standard (標準的) interval of 実施要領.
//! - [`Series`]: the doses of one schedule, chosen by product and by the age
//!   at the first dose (Hib, 小児用肺炎球菌, HPV 9価).
//!
//! ```
//! use pmh_core::immunization::schedule::{vaccine, VaccineId, Kind};
//! let mr = vaccine(VaccineId::Mr);
//! assert_eq!(mr.kind, Kind::InjectableLive);
//! assert_eq!(mr.series[0].doses.len(), 2);
//! assert!(!mr.source.is_empty());
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Builds a table date at compile time (a bad literal fails the build, never at run time).
const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid date in the immunization table"),
    }
}

/// The date up to which this table was compiled (latest effective date it knows).
pub const TABLE_VERSION: NaiveDate = ymd(2026, 4, 1);

/// ワクチン (vaccine) identifiers as on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum VaccineId {
    /// `hib`: ヒブ (Haemophilus influenzae type b).
    #[serde(rename = "hib")]
    Hib,
    /// `pcv`: 小児用肺炎球菌 (pediatric pneumococcal conjugate).
    #[serde(rename = "pcv")]
    Pcv,
    /// `hepb`: B型肝炎 (hepatitis B).
    #[serde(rename = "hepb")]
    Hepb,
    /// `rota`: ロタウイルス (rotavirus, oral live).
    #[serde(rename = "rota")]
    Rota,
    /// `dpt-ipv-hib`: 5種混合 (DTaP-IPV-Hib).
    #[serde(rename = "dpt-ipv-hib")]
    DptIpvHib,
    /// `dpt-ipv`: 4種混合 (DTaP-IPV).
    #[serde(rename = "dpt-ipv")]
    DptIpv,
    /// `dt`: 2種混合 (DT, 2期).
    #[serde(rename = "dt")]
    Dt,
    /// `bcg`: BCG (結核, tuberculosis).
    #[serde(rename = "bcg")]
    Bcg,
    /// `mr`: 麻しん風しん混合 (measles-rubella).
    #[serde(rename = "mr")]
    Mr,
    /// `varicella`: 水痘 (varicella).
    #[serde(rename = "varicella")]
    Varicella,
    /// `je`: 日本脳炎 (Japanese encephalitis).
    #[serde(rename = "je")]
    Je,
    /// `hpv`: ヒトパピローマウイルス感染症 (HPV).
    #[serde(rename = "hpv")]
    Hpv,
    /// `influenza-elderly`: 高齢者インフルエンザ (B類).
    #[serde(rename = "influenza-elderly")]
    InfluenzaElderly,
    /// `pneumococcal-elderly`: 高齢者肺炎球菌 (B類).
    #[serde(rename = "pneumococcal-elderly")]
    PneumococcalElderly,
    /// `covid19`: 新型コロナウイルス感染症 (B類).
    #[serde(rename = "covid19")]
    Covid19,
    /// `zoster`: 帯状疱疹 (herpes zoster, B類).
    #[serde(rename = "zoster")]
    Zoster,
    /// `rsv-maternal`: RSウイルス母子免疫 (RSV, pregnant women; A類 from 2026-04-01).
    #[serde(rename = "rsv-maternal")]
    RsvMaternal,
}

impl VaccineId {
    /// Every vaccine, in table order.
    pub const ALL: [VaccineId; 17] = [
        VaccineId::Hib,
        VaccineId::Pcv,
        VaccineId::Hepb,
        VaccineId::Rota,
        VaccineId::DptIpvHib,
        VaccineId::DptIpv,
        VaccineId::Dt,
        VaccineId::Bcg,
        VaccineId::Mr,
        VaccineId::Varicella,
        VaccineId::Je,
        VaccineId::Hpv,
        VaccineId::InfluenzaElderly,
        VaccineId::PneumococcalElderly,
        VaccineId::Covid19,
        VaccineId::Zoster,
        VaccineId::RsvMaternal,
    ];

    /// The wire id, e.g. `dpt-ipv-hib`.
    ///
    /// ```
    /// use pmh_core::immunization::schedule::VaccineId;
    /// assert_eq!(VaccineId::DptIpvHib.as_str(), "dpt-ipv-hib");
    /// assert_eq!(VaccineId::parse("je"), Some(VaccineId::Je));
    /// assert_eq!(VaccineId::parse("JE"), None);
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            VaccineId::Hib => "hib",
            VaccineId::Pcv => "pcv",
            VaccineId::Hepb => "hepb",
            VaccineId::Rota => "rota",
            VaccineId::DptIpvHib => "dpt-ipv-hib",
            VaccineId::DptIpv => "dpt-ipv",
            VaccineId::Dt => "dt",
            VaccineId::Bcg => "bcg",
            VaccineId::Mr => "mr",
            VaccineId::Varicella => "varicella",
            VaccineId::Je => "je",
            VaccineId::Hpv => "hpv",
            VaccineId::InfluenzaElderly => "influenza-elderly",
            VaccineId::PneumococcalElderly => "pneumococcal-elderly",
            VaccineId::Covid19 => "covid19",
            VaccineId::Zoster => "zoster",
            VaccineId::RsvMaternal => "rsv-maternal",
        }
    }

    /// Parses a wire id (exact, lowercase).
    pub fn parse(s: &str) -> Option<VaccineId> {
        VaccineId::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Position in [`VaccineId::ALL`] and [`VACCINES`].
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// 定期接種の類型 (class of routine vaccination, 予防接種法 第2条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Class {
    /// A類疾病 (children and pregnant women; 努力義務 applies).
    A,
    /// B類疾病 (older adults; no 努力義務).
    B,
}

/// 生ワクチン / 不活化ワクチン: what the 27-day rule (異なるワクチンの接種間隔) looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// 注射生ワクチン (injectable live): BCG, MR, 水痘, 乾燥弱毒生水痘ワクチン for zoster.
    InjectableLive,
    /// 経口生ワクチン (oral live): ロタ.
    OralLive,
    /// 不活化ワクチン・組換え・mRNA (inactivated, recombinant, mRNA, toxoid).
    Inactivated,
}

/// 接種経路 (route of administration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Route {
    /// 皮下注射 (subcutaneous).
    Subcutaneous,
    /// 筋肉内注射 (intramuscular).
    Intramuscular,
    /// 経口 (oral).
    Oral,
    /// 経皮 (percutaneous, BCG 管針法).
    Percutaneous,
}

impl Route {
    /// Parses the wire form (`subcutaneous`, `intramuscular`, `oral`, `percutaneous`).
    pub fn parse(s: &str) -> Option<Route> {
        match s {
            "subcutaneous" => Some(Route::Subcutaneous),
            "intramuscular" => Some(Route::Intramuscular),
            "oral" => Some(Route::Oral),
            "percutaneous" => Some(Route::Percutaneous),
            _ => None,
        }
    }
}

/// A legal age point, resolved against the date of birth (or of a pregnancy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    /// 出生日 (the day of birth).
    Birth,
    /// 生後N月に達する日 ([`crate::calendar::reaches_months`]).
    Months(u32),
    /// N歳に達する日 ([`crate::calendar::reaches_years`]).
    Years(u32),
    /// 出生N週M日後 ([`crate::calendar::weeks_days_after`]).
    WeeksDays(u32, u32),
    /// N歳となる日の属する年度の初日 (April 1 of the fiscal year in which N is reached).
    FyStartReaching(u32),
    /// N歳となる日の属する年度の末日 (March 31 ending that fiscal year).
    FyEndReaching(u32),
    /// 小学校就学の始期に達する日の1年前の日 (April 1 of the year before school entry; MR 2期).
    PreSchoolYearStart,
    /// 小学校就学の始期に達する日の前日 (March 31 before school entry; MR 2期).
    PreSchoolYearEnd,
    /// 妊娠N週M日 (gestational age; day 0 = 最終月経開始日). RSV 母子免疫.
    Gestation(u32, u32),
}

/// An interval length as the law words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// 「N日以上」: next dose from `date + N + 1` ([`crate::calendar::after_days`]).
    Days(u32),
    /// 「N月以上」: same day N months later, 1st of next month if missing ([`crate::calendar::after_months`]).
    Months(u32),
    /// 「N月半以上」 ([`crate::calendar::after_months_and_half`]).
    MonthsHalf(u32),
}

/// A minimum gap, with the shorter gap a physician may allow (医師が必要と認めた場合).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// Legal minimum (実施規則).
    pub min: Span,
    /// Shorter minimum allowed by physician judgement (Hib 20日, 組換え帯状疱疹 1月).
    pub physician_min: Option<Span>,
}

/// A condition a window may require (from the history's `conditions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// 60–64 with 1級-level cardiac/renal/respiratory or HIV immune disability (施行規則 第2条の2).
    SevereDisability,
    /// 60–64 with 1級-level HIV immune disability (帯状疱疹).
    HivImmuneDisability,
    /// At least one dose of this vaccine given between the two dates (HPV キャッチアップ延長).
    PriorDoseBetween(NaiveDate, NaiveDate),
}

/// A legal window (施行令 / 附則), `[from, to]` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Start (inclusive).
    pub from: Age,
    /// End (inclusive); `None` = no upper age.
    pub to: Option<Age>,
    /// Birth cohort (inclusive) the window is limited to (特例対象者).
    pub born: Option<(NaiveDate, NaiveDate)>,
    /// First date of vaccination on which the window applies (versioning).
    pub given_from: Option<NaiveDate>,
    /// Last date of vaccination on which the window applies (versioning, 経過措置 end).
    pub given_to: Option<NaiveDate>,
    /// A condition the window requires.
    pub requires: Option<Requirement>,
    /// A special cohort / transitional measure (特例・経過措置): doses in it get the `special_cohort` note.
    pub special: bool,
    /// Where the row comes from.
    pub source: &'static str,
}

impl Window {
    const fn ages(from: Age, to: Option<Age>, source: &'static str) -> Window {
        Window {
            from,
            to,
            born: None,
            given_from: None,
            given_to: None,
            requires: None,
            special: false,
            source,
        }
    }
    const fn born(self, from: NaiveDate, to: NaiveDate) -> Window {
        Window {
            born: Some((from, to)),
            special: true,
            ..self
        }
    }
    const fn given(self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Window {
        Window {
            given_from: from,
            given_to: to,
            ..self
        }
    }
    const fn requires(self, r: Requirement) -> Window {
        Window {
            requires: Some(r),
            ..self
        }
    }
    const fn special(self) -> Window {
        Window {
            special: true,
            ..self
        }
    }
}

/// A minimum interval from an earlier dose of the same series (実施規則), with
/// the standard interval (実施要領).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// Index of the earlier dose in [`Series::doses`]; when that dose was
    /// skipped, the interval runs from the last dose given.
    pub from: usize,
    /// Legal minimum.
    pub gap: Gap,
    /// 標準的な接種間隔: from (and optionally up to) this long after the earlier dose.
    pub standard: Option<(Span, Option<Span>)>,
}

/// When a dose of a series is no longer needed (CDSi "conditional skip").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Skip when dose `dose` was given after the person reached `age`
    /// (PCV: 初回2回目が生後12月を超えたら3回目は行わない).
    GivenAfter {
        /// Earlier dose index.
        dose: usize,
        /// Age point.
        age: Age,
    },
    /// Skip when dose `to` was given at least `span` after dose `from`
    /// (HPV 9価 2回法: 2回目が1回目から5月以上なら3回目は不要).
    IntervalAtLeast {
        /// Earlier dose index.
        from: usize,
        /// Later dose index.
        to: usize,
        /// Span.
        span: Span,
    },
}

/// One dose of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoseSpec {
    /// Dose label on the wire (`primary1`, `booster`, `stage2`, `dose1`, `annual`).
    pub label: &'static str,
    /// Legal windows (any one suffices).
    pub windows: &'static [Window],
    /// 標準的な接種期間 (standard ages).
    pub standard: Option<(Age, Age)>,
    /// Minimum intervals from earlier doses of the series.
    pub intervals: &'static [Interval],
    /// The dose must be given by this age, else it is skipped (Hib 初回2・3回目: 生後12月に至るまで).
    pub skip_after: Option<Age>,
    /// Conditional skip.
    pub skip_if: Option<Skip>,
    /// When an earlier dose was skipped, this gap from the last dose given
    /// replaces [`DoseSpec::intervals`] (Hib 追加: 27日以上).
    pub after_truncated: Option<Gap>,
}

/// One schedule of a vaccine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    /// Series id on the wire, e.g. `hib-3+1`.
    pub id: &'static str,
    /// Products this series is for (empty = any). Chosen when every dose's
    /// product is in `products` or `accepts` and at least one is in `products`.
    pub products: &'static [&'static str],
    /// Products that may precede (switch allowed), e.g. 2価/4価 before 9価.
    pub accepts: &'static [&'static str],
    /// Chosen only when the first dose (or, with no doses, the evaluation
    /// date) is on or before this age point (接種開始時の月齢).
    pub start_until: Option<Age>,
    /// The doses.
    pub doses: &'static [DoseSpec],
    /// Where the series comes from.
    pub source: &'static str,
}

/// A product (製剤) where the schedule or dosing depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Product {
    /// Wire id, e.g. `pcv20`, `rotarix`, `silgard9`.
    pub id: &'static str,
    /// Japanese name.
    pub name_ja: &'static str,
    /// Live or not (zoster: 生 / 組換え).
    pub kind: Kind,
    /// First day it is a routine product.
    pub routine_from: Option<NaiveDate>,
    /// Last day it is a routine product.
    pub routine_to: Option<NaiveDate>,
    /// Source.
    pub source: &'static str,
}

/// How often the vaccine is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    /// A fixed series once in a lifetime.
    Once,
    /// One dose per season (年度), October 1 – March 31; the standard period
    /// ends on (month, day) when given.
    Seasonal {
        /// End of the standard period (month, day), e.g. (12, 31).
        standard_to: Option<(u32, u32)>,
    },
    /// One dose per pregnancy (妊娠ごとに1回).
    PerPregnancy,
}

/// 接種量・接種経路 (volume and route) for a product / age.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dosing {
    /// Product this row is for (`None` = any).
    pub product: Option<&'static str>,
    /// Applies below this age in years (age reached on the day before the birthday), `None` = any age.
    pub under_years: Option<u32>,
    /// Volume in mL (`None` = not checked: BCG 管針法, 新型コロナ product-dependent).
    pub volume_ml: Option<f64>,
    /// Accepted routes.
    pub routes: &'static [Route],
    /// Source.
    pub source: &'static str,
}

/// 長期療養特例 (long-term illness exception): doses within `years` after the
/// condition resolved stay routine, up to the age `cap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LongTerm {
    /// Years after the condition resolved (起算して N 年を経過する日まで).
    pub years: u32,
    /// Upper age (未満), `None` = no cap.
    pub cap: Option<Age>,
}

/// Who a vaccine is for by sex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SexRule {
    /// Anyone.
    Any,
    /// 女子 / 妊婦 only.
    Female,
}

/// One row of the schedule: a vaccine and everything the engine needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vaccine {
    /// Wire id.
    pub id: VaccineId,
    /// Japanese name.
    pub name_ja: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// A類 / B類.
    pub class: Class,
    /// Live or not (products may override).
    pub kind: Kind,
    /// Who by sex.
    pub sex: SexRule,
    /// How often.
    pub recurrence: Recurrence,
    /// First date it is routine (定期接種化).
    pub routine_from: Option<NaiveDate>,
    /// Only persons born on or after this date (HepB, ロタ).
    pub born_from: Option<NaiveDate>,
    /// Doses before the legal window (任意接種) still count toward the series
    /// (§4: HPV, 帯状疱疹, 高齢者肺炎球菌 "既に接種した者は対象外").
    pub prior_doses_count: bool,
    /// 長期療養特例, `None` when it does not apply.
    pub long_term: Option<LongTerm>,
    /// Products (empty = not distinguished).
    pub products: &'static [Product],
    /// Product changes that are not allowed mid-series (交互接種不可).
    pub switch_forbidden: &'static [(&'static str, &'static str)],
    /// Series, in order of preference.
    pub series: &'static [Series],
    /// Volume and route.
    pub dosing: &'static [Dosing],
    /// Main sources of the row.
    pub source: &'static str,
}

impl Vaccine {
    /// The product row `id`.
    pub fn product(&self, id: &str) -> Option<&'static Product> {
        self.products.iter().find(|p| p.id == id)
    }

    /// Live or not for a dose of `product` (unknown products: the vaccine's kind).
    pub fn kind_of(&self, product: Option<&str>) -> Kind {
        product
            .and_then(|p| self.product(p))
            .map_or(self.kind, |p| p.kind)
    }

    /// The dosing row for `product` at age `age_years`.
    pub fn dosing_for(&self, product: Option<&str>, age_years: u32) -> Option<&'static Dosing> {
        self.dosing.iter().find(|d| {
            d.product.is_none_or(|p| Some(p) == product)
                && d.under_years.is_none_or(|u| age_years < u)
        })
    }
}

/// The schedule row of a vaccine.
///
/// ```
/// use pmh_core::immunization::schedule::{vaccine, VaccineId};
/// assert_eq!(vaccine(VaccineId::Hib).name_ja, "ヒブ（Hib）");
/// ```
pub fn vaccine(id: VaccineId) -> &'static Vaccine {
    &VACCINES[id.index()]
}

// ---------------------------------------------------------------------------
// Sources (reference/immunization.md).

const SRC_SEIREI: &str = "予防接種法施行令 第3条 (R6 政令116): https://www.sn-hoki.co.jp/data/pickup_hourei/onct/YOBOUSESSHUHOU-REI20240329-116.html ; https://iuris.jp/予防接種法施行令-第三条-市町村長が予防接種を行う疾病及びその対象者/jpn/a/58708";
const SRC_JISSHI: &str = "予防接種実施規則: https://jplaws.app/d/333M50000100027-m.html";
const SRC_HIB: &str = "§2.1 https://www.city.sanuki.lg.jp/soshiki/kokuhokenko/gyomu/10/3/791.html ; http://mobile.city.higashikurume.lg.jp/kurashi/kenko/chusha/1001186.html";
const SRC_PCV: &str = "§2.2 https://www.city.tamba.lg.jp/soshiki/kenkoka/gyomuannai/2/7/yobousessyusyouni/7112.html ; https://nikko.city-hc.jp/open_announcement/knowledge/ai25aPdPEEVgjsO9";
const SRC_PCV_PRODUCTS: &str = "§2.2 http://aikawakodomo.yokohama/posts/news4.html ; https://www.city.tondabayashi.lg.jp/soshiki/28/114016.html";
const SRC_HEPB: &str = "§2.3 https://www.city.muko.kyoto.jp/kurashi/kosodate/yobo/1471325625164.html ; http://www.chails.jp/useful/b%E5%9E%8B%E8%82%9D%E7%82%8E-4";
const SRC_ROTA: &str = "§2.4 http://kansensho.jp/pc/article.html?id=QA20100204 ; https://kansensho.jp/sp/article.html?id=VC00000019";
const SRC_DPT5: &str =
    "§2.5 https://www.city.ikoma.lg.jp/0000034863.html ; http://www.city.yonago.lg.jp/42576.htm";
const SRC_DPT4: &str = "§2.6 https://kaede-kodomo.jp/?p=3436 ; https://moka.city-hc.jp/open_announcement/knowledge/aHPJP61a6kt9ZMDQ";
const SRC_DT: &str = "§2.7 https://kimuranaikashounika.jp/checkup/vpd/DT-vaccine.html";
const SRC_BCG: &str =
    "§2.8 http://t-sakura.city-hc.jp/open_announcement/knowledge/aqrhreovANZGA3Lg";
const SRC_MR: &str = "§2.9 施行令 第3条 (iuris/sn-hoki)";
const SRC_MR_SPECIAL: &str = "§2.9 MR 特例 (FY2024 supply shortage): https://www.city.etajima.hiroshima.jp/cms/articles/show/10709 ; https://www.town.okagaki.lg.jp/s048/120/MRtokurei/20250922152607.html";
const SRC_VARICELLA: &str = "§2.10 https://www.city.aioi.lg.jp/soshiki/kosodategenki/suitou.html";
const SRC_JE: &str = "§2.11 https://www.town.itakura.gunma.jp/cont/s018000/d018010/d020011/20180625155051.html ; http://t-sakura.city-hc.jp/open_announcement/knowledge/aW3qqC3P6JSYUFHF";
const SRC_JE_SPECIAL: &str = "§2.11 施行令 附則 特例対象者: https://iuris.jp/予防接種法施行令-附則/jpn/ps/18660 ; https://minato.city-hc.jp/open_announcement/knowledge/aTlCXPKHbOh6jKHP";
const SRC_HPV: &str = "§2.12 https://kunitachi.city-hc.jp/open_announcement/knowledge/a9MKN5nrSiboSj6M ; https://www.wic-net.com/material/document/8101/10 ; https://hekinan.city-hc.jp/open_announcement/knowledge/a9MYp8T1fJwAKS03";
const SRC_HPV_CATCHUP: &str = "§2.12 キャッチアップ: http://city.aso.kumamoto.jp/citizens/health_medical_welfare/vaccination/prolong";
const SRC_RSV: &str = "§2.13 https://www.town.shiroishi.lg.jp/jyuumin/kenkou/yobou_sesshu/_8377.html ; https://www.city.hakodate.hokkaido.jp/docs/2026020500021 [verify]";
const SRC_FLU: &str = "§3.1 https://www.city.mito.lg.jp/site/vaccination/76756.html ; http://www.mhlw.go.jp/topics/bcg/tp1107-1c.html";
const SRC_PNEUMO: &str = "§3.2 http://shimada-clinic.tokyo/?p=2358 ; https://www.cbnews.jp/news/entry/20251222125703?layout_id=1051";
const SRC_COVID: &str = "§3.3 実施規則 第24条: https://jplaws.app/d/333M50000100027-m.html ; https://medical.jiji.com/news/59180";
const SRC_ZOSTER: &str = "§3.4 https://www.city.nobeoka.miyazaki.jp/soshiki/35/1814.html ; https://www.city.sakaide.lg.jp/soshiki/kenkou/yobou-taijyouhoushin.html";
const SRC_LONG_TERM: &str =
    "§4 長期療養特例: https://www.city.nagaoka.niigata.jp/kosodate/cate02/yobou/sessyu-ng.html";
const SRC_DOSING: &str =
    "予防接種実施規則 (接種量・方法) and package inserts; routes per product [verify]";

// ---------------------------------------------------------------------------
// Building blocks.

const fn days(n: u32) -> Gap {
    Gap {
        min: Span::Days(n),
        physician_min: None,
    }
}
const fn months(n: u32) -> Gap {
    Gap {
        min: Span::Months(n),
        physician_min: None,
    }
}
const fn after(from: usize, gap: Gap, standard: Option<(Span, Option<Span>)>) -> Interval {
    Interval {
        from,
        gap,
        standard,
    }
}
const fn dose(label: &'static str, windows: &'static [Window]) -> DoseSpec {
    DoseSpec {
        label,
        windows,
        standard: None,
        intervals: &[],
        skip_after: None,
        skip_if: None,
        after_truncated: None,
    }
}
impl DoseSpec {
    const fn std(self, from: Age, to: Age) -> DoseSpec {
        DoseSpec {
            standard: Some((from, to)),
            ..self
        }
    }
    const fn after(self, intervals: &'static [Interval]) -> DoseSpec {
        DoseSpec { intervals, ..self }
    }
    const fn by(self, age: Age) -> DoseSpec {
        DoseSpec {
            skip_after: Some(age),
            ..self
        }
    }
    const fn skip_if(self, skip: Skip) -> DoseSpec {
        DoseSpec {
            skip_if: Some(skip),
            ..self
        }
    }
    const fn truncated(self, gap: Gap) -> DoseSpec {
        DoseSpec {
            after_truncated: Some(gap),
            ..self
        }
    }
}
const fn product(
    id: &'static str,
    name_ja: &'static str,
    kind: Kind,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    source: &'static str,
) -> Product {
    Product {
        id,
        name_ja,
        kind,
        routine_from: from,
        routine_to: to,
        source,
    }
}
const fn dosing(
    product: Option<&'static str>,
    under_years: Option<u32>,
    volume_ml: Option<f64>,
    routes: &'static [Route],
) -> Dosing {
    Dosing {
        product,
        under_years,
        volume_ml,
        routes,
        source: SRC_DOSING,
    }
}

const SC: &[Route] = &[Route::Subcutaneous];
const IM: &[Route] = &[Route::Intramuscular];
const SC_IM: &[Route] = &[Route::Subcutaneous, Route::Intramuscular];

// ---------------------------------------------------------------------------
// Hib: 生後2月から生後60月に至るまで. 初回 ≥27日 (医師判断 ≥20日), 2・3回目は生後12月に至るまで;
// 追加 ≥7月 after 初回 (標準 7–13月), 初回が打ち切られたら ≥27日 (20日).

const HIB_WINDOW: &[Window] = &[Window::ages(
    Age::Months(2),
    Some(Age::Months(60)),
    SRC_SEIREI,
)];
const HIB_GAP: Gap = Gap {
    min: Span::Days(27),
    physician_min: Some(Span::Days(20)),
};
const HIB_PRIMARY_STD: Option<(Span, Option<Span>)> = Some((Span::Days(27), Some(Span::Days(56))));
const HIB_BOOSTER_STD: Option<(Span, Option<Span>)> =
    Some((Span::Months(7), Some(Span::Months(13))));

const HIB_3_1: &[DoseSpec] = &[
    dose("primary1", HIB_WINDOW).std(Age::Months(2), Age::Months(7)),
    dose("primary2", HIB_WINDOW)
        .after(&[after(0, HIB_GAP, HIB_PRIMARY_STD)])
        .by(Age::Months(12)),
    dose("primary3", HIB_WINDOW)
        .after(&[after(1, HIB_GAP, HIB_PRIMARY_STD)])
        .by(Age::Months(12)),
    dose("booster", HIB_WINDOW)
        .after(&[after(2, months(7), HIB_BOOSTER_STD)])
        .truncated(HIB_GAP),
];
const HIB_2_1: &[DoseSpec] = &[
    dose("primary1", HIB_WINDOW),
    dose("primary2", HIB_WINDOW)
        .after(&[after(0, HIB_GAP, HIB_PRIMARY_STD)])
        .by(Age::Months(12)),
    dose("booster", HIB_WINDOW)
        .after(&[after(1, months(7), HIB_BOOSTER_STD)])
        .truncated(HIB_GAP),
];
const HIB_1: &[DoseSpec] = &[dose("dose1", HIB_WINDOW)];

// ---------------------------------------------------------------------------
// 小児用肺炎球菌: 生後2月から生後60月に至るまで.

const PCV_WINDOW: &[Window] = &[Window::ages(
    Age::Months(2),
    Some(Age::Months(60)),
    SRC_SEIREI,
)];
const PCV_BOOSTER_WINDOW: &[Window] = &[Window::ages(
    Age::Months(12),
    Some(Age::Months(60)),
    SRC_PCV,
)];
const PCV_PRIMARY_STD: Option<(Span, Option<Span>)> = Some((Span::Days(27), None));
const PCV_BOOSTER: DoseSpec =
    dose("booster", PCV_BOOSTER_WINDOW).std(Age::Months(12), Age::Months(15));

const PCV_3_1: &[DoseSpec] = &[
    dose("primary1", PCV_WINDOW).std(Age::Months(2), Age::Months(7)),
    dose("primary2", PCV_WINDOW)
        .after(&[after(0, days(27), PCV_PRIMARY_STD)])
        .by(Age::Months(24)),
    dose("primary3", PCV_WINDOW)
        .after(&[after(1, days(27), PCV_PRIMARY_STD)])
        .by(Age::Months(24))
        .skip_if(Skip::GivenAfter {
            dose: 1,
            age: Age::Months(12),
        }),
    PCV_BOOSTER.after(&[after(2, days(60), None)]),
];
const PCV_2_1: &[DoseSpec] = &[
    dose("primary1", PCV_WINDOW),
    dose("primary2", PCV_WINDOW)
        .after(&[after(0, days(27), PCV_PRIMARY_STD)])
        .by(Age::Months(24)),
    PCV_BOOSTER.after(&[after(1, days(60), None)]),
];
const PCV_2: &[DoseSpec] = &[
    dose("dose1", PCV_WINDOW),
    dose("dose2", PCV_WINDOW).after(&[after(0, days(60), None)]),
];
const PCV_1: &[DoseSpec] = &[dose("dose1", PCV_WINDOW)];

// ---------------------------------------------------------------------------
// B型肝炎: 1歳に至るまで (標準 生後2月～9月); 2回目 ≥27日, 3回目 1回目から ≥139日.

const HEPB_WINDOW: &[Window] = &[Window::ages(Age::Birth, Some(Age::Years(1)), SRC_SEIREI)];
const HEPB: &[DoseSpec] = &[
    dose("dose1", HEPB_WINDOW).std(Age::Months(2), Age::Months(9)),
    dose("dose2", HEPB_WINDOW)
        .after(&[after(0, days(27), Some((Span::Days(27), None)))])
        .std(Age::Months(2), Age::Months(9)),
    dose("dose3", HEPB_WINDOW)
        .after(&[after(0, days(139), Some((Span::Days(139), None)))])
        .std(Age::Months(2), Age::Months(9)),
];

// ---------------------------------------------------------------------------
// ロタ: 1価 出生6週0日後～24週0日後 (2回), 5価 ～32週0日後 (3回); ≥27日; 初回 標準 生後2月～出生14週6日後.

const ROTA1_WINDOW: &[Window] = &[Window::ages(
    Age::WeeksDays(6, 0),
    Some(Age::WeeksDays(24, 0)),
    SRC_ROTA,
)];
const ROTA5_WINDOW: &[Window] = &[Window::ages(
    Age::WeeksDays(6, 0),
    Some(Age::WeeksDays(32, 0)),
    SRC_ROTA,
)];
const ROTA_FIRST_STD: (Age, Age) = (Age::Months(2), Age::WeeksDays(14, 6));
const ROTARIX: &[DoseSpec] = &[
    dose("dose1", ROTA1_WINDOW).std(ROTA_FIRST_STD.0, ROTA_FIRST_STD.1),
    dose("dose2", ROTA1_WINDOW).after(&[after(0, days(27), None)]),
];
const ROTATEQ: &[DoseSpec] = &[
    dose("dose1", ROTA5_WINDOW).std(ROTA_FIRST_STD.0, ROTA_FIRST_STD.1),
    dose("dose2", ROTA5_WINDOW).after(&[after(0, days(27), None)]),
    dose("dose3", ROTA5_WINDOW).after(&[after(1, days(27), None)]),
];

// ---------------------------------------------------------------------------
// 5種混合 / 4種混合: 1期初回 3回 ≥20日 (標準 20–56日), 1期追加 初回後 ≥6月
// (標準 5種 6–18月, 4種 12–18月); 生後2月 (4種: 2023-03-31 までは生後3月) から生後90月に至るまで.

const DPT5_WINDOW: &[Window] = &[Window::ages(
    Age::Months(2),
    Some(Age::Months(90)),
    SRC_SEIREI,
)];
const DPT4_WINDOW: &[Window] = &[
    Window::ages(Age::Months(2), Some(Age::Months(90)), SRC_DPT4)
        .given(Some(ymd(2023, 4, 1)), None),
    Window::ages(Age::Months(3), Some(Age::Months(90)), SRC_DPT4)
        .given(None, Some(ymd(2023, 3, 31))),
];
const DPT_PRIMARY_STD: Option<(Span, Option<Span>)> = Some((Span::Days(20), Some(Span::Days(56))));
const DPT5: &[DoseSpec] = &[
    dose("primary1", DPT5_WINDOW).std(Age::Months(2), Age::Months(7)),
    dose("primary2", DPT5_WINDOW).after(&[after(0, days(20), DPT_PRIMARY_STD)]),
    dose("primary3", DPT5_WINDOW).after(&[after(1, days(20), DPT_PRIMARY_STD)]),
    dose("booster", DPT5_WINDOW).after(&[after(
        2,
        months(6),
        Some((Span::Months(6), Some(Span::Months(18)))),
    )]),
];
const DPT4: &[DoseSpec] = &[
    dose("primary1", DPT4_WINDOW).std(Age::Months(2), Age::Months(7)),
    dose("primary2", DPT4_WINDOW).after(&[after(0, days(20), DPT_PRIMARY_STD)]),
    dose("primary3", DPT4_WINDOW).after(&[after(1, days(20), DPT_PRIMARY_STD)]),
    dose("booster", DPT4_WINDOW).after(&[after(
        2,
        months(6),
        Some((Span::Months(12), Some(Span::Months(18)))),
    )]),
];

// ---------------------------------------------------------------------------
// 2種混合 (2期): 11歳以上13歳未満 (標準 11歳).

const DT_WINDOW: &[Window] = &[Window::ages(
    Age::Years(11),
    Some(Age::Years(13)),
    SRC_SEIREI,
)];
const DT: &[DoseSpec] = &[dose("stage2", DT_WINDOW).std(Age::Years(11), Age::Years(12))];

// ---------------------------------------------------------------------------
// BCG: 1歳に至るまで (標準 生後5月～8月).

const BCG_WINDOW: &[Window] = &[Window::ages(Age::Birth, Some(Age::Years(1)), SRC_SEIREI)];
const BCG: &[DoseSpec] = &[dose("dose1", BCG_WINDOW).std(Age::Months(5), Age::Months(8))];

// ---------------------------------------------------------------------------
// MR: 1期 生後12月～24月に至るまで; 2期 5歳以上7歳未満で小学校就学前1年.
// 特例 (FY2024 供給不足): 1期 born 2022-04-02…2023-04-01, 2期 born 2018-04-02…2019-04-01,
// given 2025-04-01 … 2027-03-31.

const MR1_WINDOW: &[Window] = &[
    Window::ages(Age::Months(12), Some(Age::Months(24)), SRC_SEIREI),
    Window::ages(Age::Months(12), None, SRC_MR_SPECIAL)
        .born(ymd(2022, 4, 2), ymd(2023, 4, 1))
        .given(Some(ymd(2025, 4, 1)), Some(ymd(2027, 3, 31))),
];
const MR2_WINDOW: &[Window] = &[
    Window::ages(
        Age::PreSchoolYearStart,
        Some(Age::PreSchoolYearEnd),
        SRC_SEIREI,
    ),
    Window::ages(Age::Years(5), None, SRC_MR_SPECIAL)
        .born(ymd(2018, 4, 2), ymd(2019, 4, 1))
        .given(Some(ymd(2025, 4, 1)), Some(ymd(2027, 3, 31))),
];
const MR: &[DoseSpec] = &[
    dose("stage1", MR1_WINDOW),
    dose("stage2", MR2_WINDOW).std(Age::PreSchoolYearStart, Age::PreSchoolYearEnd),
];

// ---------------------------------------------------------------------------
// 水痘: 生後12月～36月に至るまで; 2回目 ≥3月 (標準 6–12月); 1回目 標準 生後12–15月.

const VARICELLA_WINDOW: &[Window] = &[Window::ages(
    Age::Months(12),
    Some(Age::Months(36)),
    SRC_SEIREI,
)];
const VARICELLA: &[DoseSpec] = &[
    dose("dose1", VARICELLA_WINDOW).std(Age::Months(12), Age::Months(15)),
    dose("dose2", VARICELLA_WINDOW).after(&[after(
        0,
        months(3),
        Some((Span::Months(6), Some(Span::Months(12)))),
    )]),
];

// ---------------------------------------------------------------------------
// 日本脳炎: 1期 生後6月～90月に至るまで (初回 2回 ≥6日, 追加 ≥6月), 2期 9歳以上13歳未満.
// 特例: born 1995-04-02…2007-04-01 → 4歳以上20歳未満 for all missing doses;
//       born 2007-04-02…2009-10-01 → missing 1期 doses also 9歳以上13歳未満.

const JE1_WINDOW: &[Window] = &[
    Window::ages(Age::Months(6), Some(Age::Months(90)), SRC_SEIREI),
    Window::ages(Age::Years(4), Some(Age::Years(20)), SRC_JE_SPECIAL)
        .born(ymd(1995, 4, 2), ymd(2007, 4, 1)),
    Window::ages(Age::Years(9), Some(Age::Years(13)), SRC_JE_SPECIAL)
        .born(ymd(2007, 4, 2), ymd(2009, 10, 1)),
];
const JE2_WINDOW: &[Window] = &[
    Window::ages(Age::Years(9), Some(Age::Years(13)), SRC_SEIREI),
    Window::ages(Age::Years(4), Some(Age::Years(20)), SRC_JE_SPECIAL)
        .born(ymd(1995, 4, 2), ymd(2007, 4, 1)),
];
const JE: &[DoseSpec] = &[
    dose("primary1", JE1_WINDOW).std(Age::Years(3), Age::Years(4)),
    dose("primary2", JE1_WINDOW)
        .after(&[after(
            0,
            days(6),
            Some((Span::Days(6), Some(Span::Days(28)))),
        )])
        .std(Age::Years(3), Age::Years(4)),
    dose("booster", JE1_WINDOW)
        .after(&[after(
            1,
            months(6),
            Some((Span::Months(11), Some(Span::Months(13)))),
        )])
        .std(Age::Years(4), Age::Years(5)),
    dose("stage2", JE2_WINDOW)
        .after(&[after(2, days(6), None)])
        .std(Age::Years(9), Age::Years(10)),
];

// ---------------------------------------------------------------------------
// HPV: 12歳となる日の属する年度の初日～16歳となる日の属する年度の末日 (標準 13歳となる年度).
// キャッチアップ: born 1997-04-02…2008-04-01, 2022-04-01…2025-03-31; extended to
// 2026-03-31 for those (born up to 2009-04-01) with ≥1 dose 2022-04-01…2025-03-31.

const HPV_WINDOW: &[Window] = &[
    Window::ages(
        Age::FyStartReaching(12),
        Some(Age::FyEndReaching(16)),
        SRC_SEIREI,
    ),
    Window::ages(Age::FyStartReaching(12), None, SRC_HPV_CATCHUP)
        .born(ymd(1997, 4, 2), ymd(2008, 4, 1))
        .given(Some(ymd(2022, 4, 1)), Some(ymd(2025, 3, 31))),
    Window::ages(Age::FyStartReaching(12), None, SRC_HPV_CATCHUP)
        .born(ymd(1997, 4, 2), ymd(2009, 4, 1))
        .given(Some(ymd(2025, 4, 1)), Some(ymd(2026, 3, 31)))
        .requires(Requirement::PriorDoseBetween(
            ymd(2022, 4, 1),
            ymd(2025, 3, 31),
        )),
];
const HPV_STD: (Age, Age) = (Age::FyStartReaching(13), Age::FyEndReaching(13));
const HPV_2VALENT: &[DoseSpec] = &[
    dose("dose1", HPV_WINDOW).std(HPV_STD.0, HPV_STD.1),
    dose("dose2", HPV_WINDOW).after(&[after(0, months(1), Some((Span::Months(1), None)))]),
    dose("dose3", HPV_WINDOW).after(&[
        after(0, months(5), Some((Span::Months(6), None))),
        after(
            1,
            Gap {
                min: Span::MonthsHalf(2),
                physician_min: None,
            },
            None,
        ),
    ]),
];
const HPV_3DOSE: &[DoseSpec] = &[
    dose("dose1", HPV_WINDOW).std(HPV_STD.0, HPV_STD.1),
    dose("dose2", HPV_WINDOW).after(&[after(0, months(1), Some((Span::Months(2), None)))]),
    dose("dose3", HPV_WINDOW).after(&[
        after(1, months(3), None),
        after(
            0,
            Gap {
                min: Span::Days(0),
                physician_min: None,
            },
            Some((Span::Months(6), None)),
        ),
    ]),
];
const HPV_9_2DOSE: &[DoseSpec] = &[
    dose("dose1", HPV_WINDOW).std(HPV_STD.0, HPV_STD.1),
    dose("dose2", HPV_WINDOW).after(&[after(0, months(1), Some((Span::Months(6), None)))]),
    dose("dose3", HPV_WINDOW)
        .after(&[after(1, months(3), None)])
        .skip_if(Skip::IntervalAtLeast {
            from: 0,
            to: 1,
            span: Span::Months(5),
        }),
];

// ---------------------------------------------------------------------------
// B類: 65歳以上 (or 60–64 with 1級-level disability).

const ELDERLY_WINDOW: &[Window] = &[
    Window::ages(Age::Years(65), None, SRC_SEIREI),
    Window::ages(Age::Years(60), Some(Age::Years(65)), SRC_SEIREI)
        .requires(Requirement::SevereDisability),
];
const ANNUAL: &[DoseSpec] = &[dose("annual", ELDERLY_WINDOW)];

// 高齢者肺炎球菌: 65歳の者 = from reaching 65 through reaching 66 (inclusive, as 「未満」).
const PNEUMO_WINDOW: &[Window] = &[
    Window::ages(Age::Years(65), Some(Age::Years(66)), SRC_SEIREI),
    Window::ages(Age::Years(60), Some(Age::Years(65)), SRC_SEIREI)
        .requires(Requirement::SevereDisability),
];
const PNEUMO: &[DoseSpec] = &[dose("dose1", PNEUMO_WINDOW)];

// 帯状疱疹: 年度内に65歳 (FY basis); 経過措置 FY2025–FY2029 for 70…100; FY2025 only: 101+.
const Z2025: Option<NaiveDate> = Some(ymd(2025, 4, 1));
const Z2029: Option<NaiveDate> = Some(ymd(2030, 3, 31));
const fn zoster_cohort(n: u32) -> Window {
    Window::ages(
        Age::FyStartReaching(n),
        Some(Age::FyEndReaching(n)),
        SRC_ZOSTER,
    )
    .given(Z2025, Z2029)
    .special()
}
const ZOSTER_WINDOW: &[Window] = &[
    Window::ages(
        Age::FyStartReaching(65),
        Some(Age::FyEndReaching(65)),
        SRC_ZOSTER,
    ),
    zoster_cohort(70),
    zoster_cohort(75),
    zoster_cohort(80),
    zoster_cohort(85),
    zoster_cohort(90),
    zoster_cohort(95),
    zoster_cohort(100),
    Window::ages(Age::Years(100), None, SRC_ZOSTER)
        .given(Z2025, Some(ymd(2026, 3, 31)))
        .special(),
    Window::ages(Age::Years(60), Some(Age::Years(65)), SRC_ZOSTER)
        .requires(Requirement::HivImmuneDisability),
];
const ZOSTER_RECOMBINANT: &[DoseSpec] = &[
    dose("dose1", ZOSTER_WINDOW),
    dose("dose2", ZOSTER_WINDOW).after(&[after(
        0,
        Gap {
            min: Span::Months(2),
            physician_min: Some(Span::Months(1)),
        },
        Some((Span::Months(2), Some(Span::Months(6)))),
    )]),
];
const ZOSTER_LIVE: &[DoseSpec] = &[dose("dose1", ZOSTER_WINDOW)];

// RSV 母子免疫: 妊娠28週0日～36週6日, 1 dose per pregnancy.
const RSV_WINDOW: &[Window] = &[Window::ages(
    Age::Gestation(28, 0),
    Some(Age::Gestation(36, 6)),
    SRC_RSV,
)];
const RSV: &[DoseSpec] = &[dose("dose1", RSV_WINDOW)];

// ---------------------------------------------------------------------------
// Products.

const PCV_PRODUCTS: &[Product] = &[
    product(
        "pcv7",
        "プレベナー（7価）",
        Kind::Inactivated,
        Some(ymd(2013, 4, 1)),
        Some(ymd(2013, 10, 31)),
        SRC_PCV_PRODUCTS,
    ),
    product(
        "pcv13",
        "プレベナー13",
        Kind::Inactivated,
        Some(ymd(2013, 11, 1)),
        Some(ymd(2024, 9, 30)),
        SRC_PCV_PRODUCTS,
    ),
    product(
        "pcv15",
        "バクニュバンス",
        Kind::Inactivated,
        Some(ymd(2024, 4, 1)),
        None,
        SRC_PCV_PRODUCTS,
    ),
    product(
        "pcv20",
        "プレベナー20",
        Kind::Inactivated,
        Some(ymd(2024, 10, 1)),
        None,
        SRC_PCV_PRODUCTS,
    ),
];
const PCV_ALL: &[&str] = &["pcv20", "pcv15", "pcv13", "pcv7"];
const ROTA_PRODUCTS: &[Product] = &[
    product(
        "rotarix",
        "ロタリックス（1価）",
        Kind::OralLive,
        None,
        None,
        SRC_ROTA,
    ),
    product(
        "rotateq",
        "ロタテック（5価）",
        Kind::OralLive,
        None,
        None,
        SRC_ROTA,
    ),
];
const HPV_PRODUCTS: &[Product] = &[
    product(
        "silgard9",
        "シルガード9（9価）",
        Kind::Inactivated,
        Some(ymd(2023, 4, 1)),
        None,
        SRC_HPV,
    ),
    product(
        "cervarix",
        "サーバリックス（2価）",
        Kind::Inactivated,
        None,
        None,
        SRC_HPV,
    ),
    product(
        "gardasil",
        "ガーダシル（4価）",
        Kind::Inactivated,
        None,
        None,
        SRC_HPV,
    ),
];
const PNEUMO_PRODUCTS: &[Product] = &[
    product(
        "ppsv23",
        "ニューモバックスNP（23価）",
        Kind::Inactivated,
        None,
        Some(ymd(2026, 3, 31)),
        SRC_PNEUMO,
    ),
    product(
        "pcv20",
        "プレベナー20",
        Kind::Inactivated,
        Some(ymd(2026, 4, 1)),
        None,
        SRC_PNEUMO,
    ),
];
const ZOSTER_PRODUCTS: &[Product] = &[
    product(
        "recombinant",
        "シングリックス（組換え）",
        Kind::Inactivated,
        None,
        None,
        SRC_ZOSTER,
    ),
    product(
        "live",
        "乾燥弱毒生水痘ワクチン「ビケン」",
        Kind::InjectableLive,
        None,
        None,
        SRC_ZOSTER,
    ),
];

const fn one_series(id: &'static str, doses: &'static [DoseSpec], source: &'static str) -> Series {
    Series {
        id,
        products: &[],
        accepts: &[],
        start_until: None,
        doses,
        source,
    }
}

const fn row(
    id: VaccineId,
    name_ja: &'static str,
    name_en: &'static str,
    class: Class,
    kind: Kind,
    series: &'static [Series],
    source: &'static str,
) -> Vaccine {
    Vaccine {
        id,
        name_ja,
        name_en,
        class,
        kind,
        sex: SexRule::Any,
        recurrence: Recurrence::Once,
        routine_from: None,
        born_from: None,
        prior_doses_count: false,
        long_term: None,
        products: &[],
        switch_forbidden: &[],
        series,
        dosing: &[],
        source,
    }
}

const A_LONG_TERM: Option<LongTerm> = Some(LongTerm {
    years: 2,
    cap: None,
});

/// The routine schedule (定期接種), in [`VaccineId::ALL`] order.
pub const VACCINES: [Vaccine; 17] = [
    Vaccine {
        routine_from: Some(ymd(2013, 4, 1)),
        long_term: Some(LongTerm {
            years: 2,
            cap: Some(Age::Years(10)),
        }),
        dosing: &[dosing(None, None, Some(0.5), SC_IM)],
        ..row(
            VaccineId::Hib,
            "ヒブ（Hib）",
            "Haemophilus influenzae type b",
            Class::A,
            Kind::Inactivated,
            &[
                Series {
                    start_until: Some(Age::Months(7)),
                    ..one_series("hib-3+1", HIB_3_1, SRC_HIB)
                },
                Series {
                    start_until: Some(Age::Months(12)),
                    ..one_series("hib-2+1", HIB_2_1, SRC_HIB)
                },
                one_series("hib-1", HIB_1, SRC_HIB),
            ],
            SRC_HIB,
        )
    },
    Vaccine {
        routine_from: Some(ymd(2013, 4, 1)),
        long_term: Some(LongTerm {
            years: 2,
            cap: Some(Age::Years(6)),
        }),
        products: PCV_PRODUCTS,
        switch_forbidden: &[("pcv15", "pcv20"), ("pcv20", "pcv15")],
        dosing: &[dosing(None, None, Some(0.5), SC_IM)],
        ..row(
            VaccineId::Pcv,
            "小児用肺炎球菌",
            "Pneumococcal conjugate (children)",
            Class::A,
            Kind::Inactivated,
            &[
                Series {
                    start_until: Some(Age::Months(7)),
                    products: PCV_ALL,
                    ..one_series("pcv-3+1", PCV_3_1, SRC_PCV)
                },
                Series {
                    start_until: Some(Age::Months(12)),
                    products: PCV_ALL,
                    ..one_series("pcv-2+1", PCV_2_1, SRC_PCV)
                },
                Series {
                    start_until: Some(Age::Months(24)),
                    products: PCV_ALL,
                    ..one_series("pcv-2", PCV_2, SRC_PCV)
                },
                Series {
                    products: PCV_ALL,
                    ..one_series("pcv-1", PCV_1, SRC_PCV)
                },
            ],
            SRC_PCV,
        )
    },
    Vaccine {
        routine_from: Some(ymd(2016, 10, 1)),
        born_from: Some(ymd(2016, 4, 1)),
        long_term: A_LONG_TERM,
        dosing: &[
            dosing(None, Some(10), Some(0.25), SC_IM),
            dosing(None, None, Some(0.5), SC_IM),
        ],
        ..row(
            VaccineId::Hepb,
            "B型肝炎",
            "Hepatitis B",
            Class::A,
            Kind::Inactivated,
            &[one_series("hepb-3", HEPB, SRC_HEPB)],
            SRC_HEPB,
        )
    },
    Vaccine {
        routine_from: Some(ymd(2020, 10, 1)),
        born_from: Some(ymd(2020, 8, 1)),
        products: ROTA_PRODUCTS,
        switch_forbidden: &[("rotarix", "rotateq"), ("rotateq", "rotarix")],
        dosing: &[
            dosing(Some("rotarix"), None, Some(1.5), &[Route::Oral]),
            dosing(Some("rotateq"), None, Some(2.0), &[Route::Oral]),
            dosing(None, None, None, &[Route::Oral]),
        ],
        ..row(
            VaccineId::Rota,
            "ロタウイルス",
            "Rotavirus (oral)",
            Class::A,
            Kind::OralLive,
            &[
                Series {
                    products: &["rotarix"],
                    ..one_series("rota-rotarix-2", ROTARIX, SRC_ROTA)
                },
                Series {
                    products: &["rotateq"],
                    ..one_series("rota-rotateq-3", ROTATEQ, SRC_ROTA)
                },
            ],
            SRC_ROTA,
        )
    },
    Vaccine {
        routine_from: Some(ymd(2024, 4, 1)),
        long_term: Some(LongTerm {
            years: 2,
            cap: Some(Age::Years(15)),
        }),
        dosing: &[dosing(None, None, Some(0.5), SC_IM)],
        ..row(
            VaccineId::DptIpvHib,
            "5種混合（DPT-IPV-Hib）",
            "DTaP-IPV-Hib",
            Class::A,
            Kind::Inactivated,
            &[one_series("dpt-ipv-hib-3+1", DPT5, SRC_DPT5)],
            SRC_DPT5,
        )
    },
    Vaccine {
        routine_from: Some(ymd(2012, 11, 1)),
        long_term: Some(LongTerm {
            years: 2,
            cap: Some(Age::Years(15)),
        }),
        dosing: &[dosing(None, None, Some(0.5), SC)],
        ..row(
            VaccineId::DptIpv,
            "4種混合（DPT-IPV）",
            "DTaP-IPV",
            Class::A,
            Kind::Inactivated,
            &[one_series("dpt-ipv-3+1", DPT4, SRC_DPT4)],
            SRC_DPT4,
        )
    },
    Vaccine {
        long_term: A_LONG_TERM,
        dosing: &[dosing(None, None, Some(0.1), SC)],
        ..row(
            VaccineId::Dt,
            "2種混合（DT）",
            "DT (stage 2)",
            Class::A,
            Kind::Inactivated,
            &[one_series("dt-stage2", DT, SRC_DT)],
            SRC_DT,
        )
    },
    Vaccine {
        long_term: Some(LongTerm {
            years: 2,
            cap: Some(Age::Years(4)),
        }),
        dosing: &[dosing(None, None, None, &[Route::Percutaneous])],
        ..row(
            VaccineId::Bcg,
            "BCG",
            "BCG (tuberculosis)",
            Class::A,
            Kind::InjectableLive,
            &[one_series("bcg-1", BCG, SRC_BCG)],
            SRC_BCG,
        )
    },
    Vaccine {
        routine_from: Some(ymd(2006, 4, 1)),
        long_term: A_LONG_TERM,
        dosing: &[dosing(None, None, Some(0.5), SC)],
        ..row(
            VaccineId::Mr,
            "麻しん風しん（MR）",
            "Measles-rubella",
            Class::A,
            Kind::InjectableLive,
            &[one_series("mr-2", MR, SRC_MR)],
            SRC_MR,
        )
    },
    Vaccine {
        routine_from: Some(ymd(2014, 10, 1)),
        long_term: A_LONG_TERM,
        dosing: &[dosing(None, None, Some(0.5), SC)],
        ..row(
            VaccineId::Varicella,
            "水痘",
            "Varicella",
            Class::A,
            Kind::InjectableLive,
            &[one_series("varicella-2", VARICELLA, SRC_VARICELLA)],
            SRC_VARICELLA,
        )
    },
    Vaccine {
        long_term: A_LONG_TERM,
        dosing: &[
            dosing(None, Some(3), Some(0.25), SC),
            dosing(None, None, Some(0.5), SC),
        ],
        ..row(
            VaccineId::Je,
            "日本脳炎",
            "Japanese encephalitis",
            Class::A,
            Kind::Inactivated,
            &[one_series("je-4", JE, SRC_JE)],
            SRC_JE,
        )
    },
    Vaccine {
        sex: SexRule::Female,
        routine_from: Some(ymd(2013, 4, 1)),
        prior_doses_count: true,
        long_term: A_LONG_TERM,
        products: HPV_PRODUCTS,
        switch_forbidden: &[("cervarix", "gardasil"), ("gardasil", "cervarix")],
        dosing: &[dosing(None, None, Some(0.5), IM)],
        ..row(
            VaccineId::Hpv,
            "ヒトパピローマウイルス感染症（HPV）",
            "Human papillomavirus",
            Class::A,
            Kind::Inactivated,
            &[
                Series {
                    products: &["silgard9"],
                    start_until: Some(Age::Years(15)),
                    ..one_series("hpv-9-2dose", HPV_9_2DOSE, SRC_HPV)
                },
                Series {
                    products: &["silgard9"],
                    accepts: &["cervarix", "gardasil"],
                    ..one_series("hpv-9-3dose", HPV_3DOSE, SRC_HPV)
                },
                Series {
                    products: &["cervarix"],
                    ..one_series("hpv-2-3dose", HPV_2VALENT, SRC_HPV)
                },
                Series {
                    products: &["gardasil"],
                    ..one_series("hpv-4-3dose", HPV_3DOSE, SRC_HPV)
                },
            ],
            SRC_HPV,
        )
    },
    Vaccine {
        recurrence: Recurrence::Seasonal {
            standard_to: Some((12, 31)),
        },
        dosing: &[dosing(None, None, Some(0.5), SC)],
        ..row(
            VaccineId::InfluenzaElderly,
            "高齢者インフルエンザ",
            "Influenza (older adults)",
            Class::B,
            Kind::Inactivated,
            &[one_series("influenza-annual", ANNUAL, SRC_FLU)],
            SRC_FLU,
        )
    },
    Vaccine {
        routine_from: Some(ymd(2014, 10, 1)),
        prior_doses_count: true,
        long_term: Some(LongTerm {
            years: 1,
            cap: None,
        }),
        products: PNEUMO_PRODUCTS,
        dosing: &[
            dosing(Some("pcv20"), None, Some(0.5), IM),
            dosing(None, None, Some(0.5), SC_IM),
        ],
        ..row(
            VaccineId::PneumococcalElderly,
            "高齢者肺炎球菌",
            "Pneumococcal (older adults)",
            Class::B,
            Kind::Inactivated,
            &[one_series("pneumococcal-elderly-1", PNEUMO, SRC_PNEUMO)],
            SRC_PNEUMO,
        )
    },
    Vaccine {
        recurrence: Recurrence::Seasonal { standard_to: None },
        routine_from: Some(ymd(2024, 10, 1)),
        dosing: &[dosing(None, None, None, IM)],
        ..row(
            VaccineId::Covid19,
            "新型コロナウイルス感染症",
            "COVID-19",
            Class::B,
            Kind::Inactivated,
            &[one_series("covid19-annual", ANNUAL, SRC_COVID)],
            SRC_COVID,
        )
    },
    Vaccine {
        routine_from: Some(ymd(2025, 4, 1)),
        prior_doses_count: true,
        products: ZOSTER_PRODUCTS,
        dosing: &[
            dosing(Some("live"), None, Some(0.5), SC),
            dosing(Some("recombinant"), None, Some(0.5), IM),
            dosing(None, None, Some(0.5), SC_IM),
        ],
        ..row(
            VaccineId::Zoster,
            "帯状疱疹",
            "Herpes zoster",
            Class::B,
            Kind::Inactivated,
            &[
                Series {
                    products: &["recombinant"],
                    ..one_series("zoster-recombinant-2", ZOSTER_RECOMBINANT, SRC_ZOSTER)
                },
                Series {
                    products: &["live"],
                    ..one_series("zoster-live-1", ZOSTER_LIVE, SRC_ZOSTER)
                },
            ],
            SRC_ZOSTER,
        )
    },
    Vaccine {
        sex: SexRule::Female,
        recurrence: Recurrence::PerPregnancy,
        routine_from: Some(ymd(2026, 4, 1)),
        dosing: &[dosing(None, None, Some(0.5), IM)],
        ..row(
            VaccineId::RsvMaternal,
            "RSウイルス（母子免疫）",
            "RSV (maternal)",
            Class::A,
            Kind::Inactivated,
            &[one_series("rsv-maternal-1", RSV, SRC_RSV)],
            SRC_RSV,
        )
    },
];

/// Source of the 長期療養特例 rows ([`Vaccine::long_term`]).
pub const LONG_TERM_SOURCE: &str = SRC_LONG_TERM;
/// Source of the minimum intervals and methods (実施規則).
pub const METHOD_SOURCE: &str = SRC_JISSHI;

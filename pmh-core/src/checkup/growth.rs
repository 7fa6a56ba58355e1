//! 乳幼児身体発育調査 (national infant growth survey, 2023 / 令和5年): the
//! P3 / P50 / P97 reference table and the growth band of a measurement.
//!
//! # Source of the table (transcribed)
//!
//! こども家庭庁 「令和5年乳幼児身体発育調査」 (survey September 2023, published
//! 2024-12-25; <https://www.cfa.go.jp/policies/boshihoken/r5-nyuuyoujityousa/>),
//! e-Stat 表1 体重 (statInfId 000040240361), 表2 身長 (000040240362),
//! 表3 頭囲 (000040240363). The rows below are copied from
//! `shared/reference/checkup.md` §4.2, which transcribed them from a third-party
//! transcription of e-Stat (kameking-lab/kurashi-rakuda
//! `data/tables/seichou-hatsuiku-percentile.json`, commit 1a6c59f),
//! cross-checked against a second independent repository (identical rounded
//! height/weight). **Only the age bands listed were transcribed**; the e-Stat
//! table has every month. Re-verify from e-Stat before relying on P3 as a
//! hard limit (§6 question 6). The 2023 head-circumference table stops before
//! 3 years, and the survey has no month-by-month chest data, so chest is never
//! assessed.
//!
//! # Lookup
//!
//! A row "n〜m か月未満" covers ages of n to m−1 completed months (§1.2); the
//! "出生時" and "生後30日" rows are points (day 0, day 30). An age inside a band
//! uses that row. Between rows whose representative ages are at most
//! [`MAX_INTERPOLATION_DAYS`] apart, the percentiles are interpolated linearly
//! by age in days and the assessment says `interpolated: true` (pmh's choice,
//! so that 4-, 7- and 10-month-olds at their checkups are assessed); farther
//! from any row there is no assessment.
//!
//! # Bands and impossible values
//!
//! A value below P3 or above P97 is a warning (P3 and P97 themselves are
//! inside). Physically impossible values ([`LIMITS`], reference §4.4 design
//! suggestion) are errors and are not banded.

use super::person::Sex;
use crate::calendar::age_months_on;
use chrono::NaiveDate;
use serde::Serialize;

/// A growth measure of the survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Measure {
    /// 体重 (weight, kg).
    Weight,
    /// 身長 (length lying under 2 years, height standing from 2; cm).
    Height,
    /// 頭囲 (head circumference, cm).
    Head,
    /// 胸囲 (chest circumference, cm): plausibility only, no survey reference.
    Chest,
}

impl Measure {
    /// The member of `measurements` holding this measure.
    pub const fn field(self) -> &'static str {
        match self {
            Measure::Weight => "weightKg",
            Measure::Height => "heightCm",
            Measure::Head => "headCm",
            Measure::Chest => "chestCm",
        }
    }
}

/// P3 / P50 / P97 of one measure, sex and age.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Percentiles {
    /// 3パーセンタイル.
    pub p3: f64,
    /// 50パーセンタイル (median).
    pub p50: f64,
    /// 97パーセンタイル.
    pub p97: f64,
}

const fn p(p3: f64, p50: f64, p97: f64) -> Percentiles {
    Percentiles { p3, p50, p97 }
}

/// The ages a row covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAge {
    /// A single day of age (出生時 = 0, 生後30日 = 30).
    Day(u32),
    /// Completed months `from..to` ("from〜to か月未満").
    Months(u32, u32),
}

/// One age row of the survey: `[male, female]` per measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GrowthRow {
    /// 年・月・日齢区分 as printed in the survey.
    pub label: &'static str,
    /// Ages covered.
    pub age: RowAge,
    /// 体重 kg.
    pub weight: [Percentiles; 2],
    /// 身長 cm.
    pub height: [Percentiles; 2],
    /// 頭囲 cm (`None` from 3 years: not in the 2023 table).
    pub head: Option<[Percentiles; 2]>,
}

/// The transcribed 2023 rows (reference §4.2; see the module doc for the source).
pub const TABLE_2023: &[GrowthRow] = &[
    GrowthRow {
        label: "出生時",
        age: RowAge::Day(0),
        weight: [p(2.32, 3.06, 3.81), p(2.22, 2.95, 3.66)],
        height: [p(45.2, 49.4, 52.7), p(44.5, 48.8, 52.0)],
        head: Some([p(31.1, 33.7, 36.1), p(30.8, 33.3, 35.5)]),
    },
    GrowthRow {
        label: "生後30日",
        age: RowAge::Day(30),
        weight: [p(3.23, 4.15, 5.04), p(3.05, 3.91, 4.74)],
        height: [p(49.2, 53.4, 56.8), p(48.5, 52.4, 55.7)],
        head: Some([p(34.4, 36.8, 38.9), p(33.8, 36.1, 38.2)]),
    },
    GrowthRow {
        label: "1〜2か月未満",
        age: RowAge::Months(1, 2),
        weight: [p(3.76, 4.80, 5.80), p(3.51, 4.44, 5.36)],
        height: [p(51.3, 55.5, 58.9), p(50.5, 54.5, 57.9)],
        head: Some([p(35.6, 38.0, 40.2), p(34.9, 37.2, 39.3)]),
    },
    GrowthRow {
        label: "3〜4か月未満",
        age: RowAge::Months(3, 4),
        weight: [p(5.22, 6.55, 7.84), p(4.90, 6.06, 7.24)],
        height: [p(58.0, 62.3, 65.9), p(56.5, 60.6, 64.3)],
        head: Some([p(38.5, 40.9, 43.3), p(37.6, 40.0, 42.2)]),
    },
    GrowthRow {
        label: "6〜7か月未満",
        age: RowAge::Months(6, 7),
        weight: [p(6.40, 7.91, 9.41), p(6.10, 7.47, 8.90)],
        height: [p(63.2, 67.6, 71.6), p(61.9, 66.3, 70.3)],
        head: Some([p(41.1, 43.5, 46.0), p(40.0, 42.5, 44.8)]),
    },
    GrowthRow {
        label: "9〜10か月未満",
        age: RowAge::Months(9, 10),
        weight: [p(7.03, 8.63, 10.23), p(6.70, 8.19, 9.79)],
        height: [p(66.5, 71.0, 75.2), p(65.3, 69.9, 74.2)],
        head: Some([p(42.7, 45.1, 47.7), p(41.6, 44.2, 46.5)]),
    },
    GrowthRow {
        label: "1歳6〜12か月未満",
        age: RowAge::Months(18, 24),
        weight: [p(8.93, 10.84, 12.84), p(8.50, 10.30, 12.43)],
        height: [p(76.7, 82.1, 87.2), p(75.6, 81.0, 86.2)],
        head: Some([p(45.5, 47.9, 50.6), p(44.3, 46.9, 49.4)]),
    },
    GrowthRow {
        label: "2歳6〜12か月未満",
        age: RowAge::Months(30, 36),
        weight: [p(10.66, 12.94, 15.50), p(10.46, 12.60, 15.33)],
        height: [p(84.3, 90.5, 96.6), p(83.4, 89.6, 95.6)],
        head: Some([p(47.0, 49.5, 52.3), p(46.0, 48.7, 51.2)]),
    },
    GrowthRow {
        label: "3歳0〜6か月未満",
        age: RowAge::Months(36, 42),
        weight: [p(11.38, 13.83, 16.70), p(11.19, 13.48, 16.49)],
        height: [p(87.8, 94.3, 100.8), p(86.8, 93.2, 99.7)],
        head: None,
    },
    GrowthRow {
        label: "5歳0〜6か月未満",
        age: RowAge::Months(60, 66),
        weight: [p(14.49, 17.66, 22.35), p(13.98, 17.24, 22.45)],
        height: [p(100.3, 108.0, 116.0), p(99.6, 107.5, 115.7)],
        head: None,
    },
];

/// Rows at most this many days apart (by representative age) are interpolated
/// between (six months of 30.4375 days).
pub const MAX_INTERPOLATION_DAYS: f64 = 6.0 * DAYS_PER_MONTH;

const DAYS_PER_MONTH: f64 = 30.4375;

/// Physically possible range of one measure (values outside are errors).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    /// The measure.
    pub measure: Measure,
    /// `(min, max)` for a child (≤ 6 years).
    pub child: (f64, f64),
    /// `(min, max)` for the mother.
    pub mother: (f64, f64),
}

/// Physically impossible limits per measure, for children and for mothers.
/// Beyond them a value is an error, not a growth band. Children: reference
/// §4.4 (birth weight 300 g, length 25 cm) extended by pmh to the largest
/// child at a checkup (≤ 6 years); mothers: pmh.
pub const LIMITS: [Limit; 4] = [
    Limit {
        measure: Measure::Weight,
        child: (0.3, 50.0),
        mother: (25.0, 250.0),
    },
    Limit {
        measure: Measure::Height,
        child: (25.0, 140.0),
        mother: (100.0, 230.0),
    },
    Limit {
        measure: Measure::Head,
        child: (20.0, 65.0),
        mother: (40.0, 75.0),
    },
    Limit {
        measure: Measure::Chest,
        child: (20.0, 90.0),
        mother: (50.0, 200.0),
    },
];

/// Whether `value` of `measure` is physically possible (for a child or a mother).
///
/// ```
/// use pmh_core::checkup::{is_possible, Measure};
/// assert!(is_possible(Measure::Weight, 6.4, false));
/// assert!(!is_possible(Measure::Weight, 0.0, false));
/// assert!(!is_possible(Measure::Height, 300.0, false));
/// ```
pub fn is_possible(measure: Measure, value: f64, mother: bool) -> bool {
    LIMITS
        .iter()
        .find(|l| l.measure == measure)
        .is_some_and(|l| {
            let (lo, hi) = if mother { l.mother } else { l.child };
            value.is_finite() && lo <= value && value <= hi
        })
}

/// Where a value lies against P3 and P97.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum GrowthBand {
    /// Below the 3rd percentile (warning).
    BelowP3,
    /// From P3 to P97 inclusive.
    Normal,
    /// Above the 97th percentile (warning).
    AboveP97,
}

/// The reference for one measure, sex and age.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reference {
    /// The percentiles (interpolated when `interpolated`).
    pub percentiles: Percentiles,
    /// Label of the row used (the lower row when interpolated).
    pub row: &'static str,
    /// Whether the percentiles were interpolated between two rows.
    pub interpolated: bool,
}

/// A measurement placed against the survey. Holds no measured value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrowthAssessment {
    /// The measure.
    pub measure: Measure,
    /// The band the value falls in.
    pub band: GrowthBand,
    /// The reference used.
    pub reference: Reference,
}

fn row_values(row: &GrowthRow, measure: Measure, sex: Sex) -> Option<Percentiles> {
    let i = match sex {
        Sex::Male => 0,
        Sex::Female => 1,
    };
    match measure {
        Measure::Weight => Some(row.weight[i]),
        Measure::Height => Some(row.height[i]),
        Measure::Head => row.head.map(|h| h[i]),
        Measure::Chest => None,
    }
}

fn row_mid_days(row: &GrowthRow) -> f64 {
    match row.age {
        RowAge::Day(d) => f64::from(d),
        RowAge::Months(a, b) => (f64::from(a) + f64::from(b)) / 2.0 * DAYS_PER_MONTH,
    }
}

/// The 2023 reference for `measure` of a child of `sex` born on `birth`, on `date`.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::checkup::{growth_reference, Measure, Sex};
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let r = growth_reference(Measure::Weight, Sex::Male, d(2025, 4, 10), d(2025, 7, 20)).unwrap();
/// assert_eq!((r.row, r.percentiles.p3, r.interpolated), ("3〜4か月未満", 5.22, false));
/// // 4 months old: between the 3〜4 and 6〜7 month rows.
/// assert!(growth_reference(Measure::Weight, Sex::Male, d(2025, 4, 10), d(2025, 8, 20)).unwrap().interpolated);
/// // No chest reference in the 2023 survey.
/// assert!(growth_reference(Measure::Chest, Sex::Male, d(2025, 4, 10), d(2025, 7, 20)).is_none());
/// ```
pub fn growth_reference(
    measure: Measure,
    sex: Sex,
    birth: NaiveDate,
    date: NaiveDate,
) -> Option<Reference> {
    let months = age_months_on(birth, date)?;
    let days = date.signed_duration_since(birth).num_days();
    let rows = TABLE_2023
        .iter()
        .filter_map(|r| row_values(r, measure, sex).map(|v| (r, v)));
    // 1. A band that covers the completed months, or a point row on its day.
    for (row, values) in rows.clone() {
        let hit = match row.age {
            RowAge::Months(a, b) => a <= months && months < b,
            RowAge::Day(d) => i64::from(d) == days,
        };
        if hit {
            return Some(Reference {
                percentiles: values,
                row: row.label,
                interpolated: false,
            });
        }
    }
    // 2. Linear interpolation between the nearest rows on either side.
    // Ages in days are far below 2^52, so the conversion is exact.
    let age = days as f64;
    let mut below: Option<(&GrowthRow, Percentiles)> = None;
    let mut above: Option<(&GrowthRow, Percentiles)> = None;
    for (row, values) in rows {
        let mid = row_mid_days(row);
        if mid <= age {
            below = Some((row, values));
        } else if above.is_none() {
            above = Some((row, values));
        }
    }
    let ((lo_row, lo), (hi_row, hi)) = (below?, above?);
    let (lo_mid, hi_mid) = (row_mid_days(lo_row), row_mid_days(hi_row));
    if hi_mid - lo_mid > MAX_INTERPOLATION_DAYS {
        return None;
    }
    let t = (age - lo_mid) / (hi_mid - lo_mid);
    let lerp = |a: f64, b: f64| ((a + (b - a) * t) * 100.0).round() / 100.0;
    Some(Reference {
        percentiles: Percentiles {
            p3: lerp(lo.p3, hi.p3),
            p50: lerp(lo.p50, hi.p50),
            p97: lerp(lo.p97, hi.p97),
        },
        row: lo_row.label,
        interpolated: true,
    })
}

/// Places `value` against the 2023 reference; `None` when there is no
/// reference for this age and measure (the value is then not assessed).
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::checkup::{assess_growth, GrowthBand, Measure, Sex};
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let (birth, date) = (d(2025, 4, 10), d(2025, 7, 20)); // 3 months
/// assert_eq!(assess_growth(Measure::Weight, Sex::Male, birth, date, 5.22).unwrap().band, GrowthBand::Normal);
/// assert_eq!(assess_growth(Measure::Weight, Sex::Male, birth, date, 5.21).unwrap().band, GrowthBand::BelowP3);
/// assert_eq!(assess_growth(Measure::Weight, Sex::Male, birth, date, 7.85).unwrap().band, GrowthBand::AboveP97);
/// ```
pub fn assess_growth(
    measure: Measure,
    sex: Sex,
    birth: NaiveDate,
    date: NaiveDate,
    value: f64,
) -> Option<GrowthAssessment> {
    let reference = growth_reference(measure, sex, birth, date)?;
    let band = if value < reference.percentiles.p3 {
        GrowthBand::BelowP3
    } else if value > reference.percentiles.p97 {
        GrowthBand::AboveP97
    } else {
        GrowthBand::Normal
    };
    Some(GrowthAssessment {
        measure,
        band,
        reference,
    })
}

/// カウプ指数 (Kaup index) = weight kg / (height m)², the same number as BMI.
/// The NIPH manual gives 15–19 only as a rough standard that varies with age
/// (reference §3.6), so pmh reports the value and never judges it.
///
/// ```
/// use pmh_core::checkup::kaup_index;
/// assert_eq!(kaup_index(6.4, 61.2).map(|k| (k * 10.0).round() / 10.0), Some(17.1));
/// assert_eq!(kaup_index(6.4, 0.0), None);
/// ```
pub fn kaup_index(weight_kg: f64, height_cm: f64) -> Option<f64> {
    let m = height_cm / 100.0;
    let k = weight_kg / (m * m);
    (height_cm > 0.0 && k.is_finite()).then_some(k)
}

/// 肥満度 (percentage overweight) of a 幼児 of height 70–120 cm against the
/// NIPH 身長別標準体重 (男 0.00206X²−0.1166X+6.5273, 女 0.00249X²−0.1858X+9.0360,
/// X = cm; reference §3.6). ±15 % is ふつう. `None` outside 70–120 cm.
///
/// ```
/// use pmh_core::checkup::{obesity_percent, Sex};
/// let v = obesity_percent(Sex::Male, 14.0, 95.0).unwrap();
/// assert!(v > -5.0 && v < 5.0);
/// assert_eq!(obesity_percent(Sex::Male, 6.0, 60.0), None);
/// ```
pub fn obesity_percent(sex: Sex, weight_kg: f64, height_cm: f64) -> Option<f64> {
    if !(70.0..=120.0).contains(&height_cm) || !weight_kg.is_finite() {
        return None;
    }
    let x = height_cm;
    let standard = match sex {
        Sex::Male => 0.00206 * x * x - 0.1166 * x + 6.5273,
        Sex::Female => 0.00249 * x * x - 0.1858 * x + 9.0360,
    };
    Some((weight_kg - standard) / standard * 100.0)
}

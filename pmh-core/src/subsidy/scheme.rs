//! Scheme tables (as data): national schemes whose copayment is fixed by law,
//! with their income tiers (所得区分 / 階層区分) and monthly caps.
//!
//! Sources (see `shared/reference/subsidy.md` §4):
//! - 指定難病 (法別54): 難病法施行令; tables as published at
//!   <https://www.lysolife.jp/social/seido_seijin.html>,
//!   <https://www.city.osaka.lg.jp/kenko/page/0000428077.html>.
//! - 小児慢性特定疾病 (法別52): 児童福祉法施行令; <http://shouman.jp/assist/expenses>.
//!
//! On a certificate, the tier is `incomeSegment` and the category (一般 /
//! 高額かつ長期 or 重症 / 人工呼吸器等装着) is `segment` (absent = 一般).
//! Local schemes (地方単独) have no table: only the generic rules apply.
//!
//! ```
//! use pmh_core::subsidy::scheme::{scheme_for, cap_for};
//! let nanbyo = scheme_for(54).unwrap();
//! assert_eq!(nanbyo.copay_rate_percent, 20);
//! assert_eq!(cap_for(nanbyo, "一般所得I", None), Some(10_000));
//! assert_eq!(cap_for(nanbyo, "一般所得I", Some("高額かつ長期")), Some(5_000));
//! assert_eq!(cap_for(nanbyo, "一般所得I", Some("人工呼吸器等装着")), Some(1_000));
//! ```

use super::certificate::MealCoverage;

/// A national scheme with a statutory tier table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    /// 法別番号 (law code).
    pub law_code: u8,
    /// Scheme name.
    pub name: &'static str,
    /// 患者負担割合 in percent (2割 = 20).
    pub copay_rate_percent: u8,
    /// Meal costs under the scheme.
    pub meals: MealCoverage,
    /// Category names (`segment`), in the column order of `Tier::caps`.
    pub categories: [&'static str; 3],
    /// Income tiers (`incomeSegment`) with their monthly caps.
    pub tiers: &'static [Tier],
}

/// One income tier and its monthly caps (yen) per category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tier {
    /// The tier's name as written in `incomeSegment`.
    pub name: &'static str,
    /// Monthly cap (外来+入院 combined) per category, in `Scheme::categories` order.
    pub caps: [i64; 3],
}

const fn tier(name: &'static str, caps: [i64; 3]) -> Tier {
    Tier { name, caps }
}

/// 指定難病 (法別54), 2割, caps per 階層区分 × (一般, 高額かつ長期, 人工呼吸器等装着).
/// Source: subsidy.md §4.1 (lysolife.jp, Osaka city, Tokyo Medical University hospital).
pub const NANBYO: Scheme = Scheme {
    law_code: 54,
    name: "難病法 特定医療(指定難病)",
    copay_rate_percent: 20,
    meals: MealCoverage::NotCovered,
    categories: ["一般", "高額かつ長期", "人工呼吸器等装着"],
    tiers: &[
        tier("生活保護", [0, 0, 0]),
        tier("低所得I", [2_500, 2_500, 1_000]),
        tier("低所得II", [5_000, 5_000, 1_000]),
        tier("一般所得I", [10_000, 5_000, 1_000]),
        tier("一般所得II", [20_000, 10_000, 1_000]),
        tier("上位所得", [30_000, 20_000, 1_000]),
    ],
};

/// 小児慢性特定疾病 (法別52), 2割, meals ½, caps per 階層 × (一般, 重症, 人工呼吸器等装着).
/// Source: subsidy.md §4.2 (shouman.jp, lysolife.jp).
pub const SHOMAN: Scheme = Scheme {
    law_code: 52,
    name: "児童福祉法 小児慢性特定疾病医療支援",
    copay_rate_percent: 20,
    meals: MealCoverage::Half,
    categories: ["一般", "重症", "人工呼吸器等装着"],
    tiers: &[
        tier("生活保護", [0, 0, 0]),
        tier("低所得I", [1_250, 1_250, 500]),
        tier("低所得II", [2_500, 2_500, 500]),
        tier("一般所得I", [5_000, 2_500, 500]),
        tier("一般所得II", [10_000, 5_000, 500]),
        tier("上位所得", [15_000, 10_000, 500]),
    ],
};

/// Every scheme with a tier table.
pub const SCHEMES: &[Scheme] = &[NANBYO, SHOMAN];

/// The tier table of a 法別番号, if it has one.
pub fn scheme_for(law_code: u8) -> Option<&'static Scheme> {
    SCHEMES.iter().find(|s| s.law_code == law_code)
}

/// The category index of `segment` (absent = 一般). `None` for an unknown category.
pub fn category_index(scheme: &Scheme, segment: Option<&str>) -> Option<usize> {
    match segment {
        None | Some("") => Some(0),
        Some(s) => scheme.categories.iter().position(|c| *c == s).or_else(|| {
            let wanted = normalize_roman(s);
            scheme.categories.iter().position(|c| *c == wanted)
        }),
    }
}

/// The tier named `income_segment`, if known.
pub fn tier_for(scheme: &'static Scheme, income_segment: &str) -> Option<&'static Tier> {
    // Exact spelling first: no allocation on the common path.
    scheme
        .tiers
        .iter()
        .find(|t| t.name == income_segment)
        .or_else(|| {
            let wanted = normalize_roman(income_segment);
            scheme.tiers.iter().find(|t| t.name == wanted)
        })
}

/// The monthly cap for a tier and category; `None` when either is unknown.
pub fn cap_for(
    scheme: &'static Scheme,
    income_segment: &str,
    segment: Option<&str>,
) -> Option<i64> {
    let tier = tier_for(scheme, income_segment)?;
    Some(tier.caps[category_index(scheme, segment)?])
}

/// Tier names are written with Roman numerals in several ways (Ⅰ, I, Ｉ, 1):
/// normalize to the ASCII `I` form of the table.
fn normalize_roman(s: &str) -> String {
    s.trim()
        .replace(['Ⅱ'], "II")
        .replace(['Ⅰ', 'Ｉ', '１'], "I")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_every_tier_and_zero_for_welfare() {
        for s in SCHEMES {
            assert_eq!(s.tiers.len(), 6);
            assert_eq!(s.tiers[0].caps, [0, 0, 0], "生活保護 pays nothing");
            // caps never rise with the category (long-term/ventilator are reliefs)
            for t in s.tiers {
                assert!(
                    t.caps[0] >= t.caps[1] && t.caps[1] >= t.caps[2],
                    "{}",
                    t.name
                );
            }
        }
    }

    #[test]
    fn roman_numeral_spellings() {
        assert_eq!(cap_for(&NANBYO, "一般所得Ⅱ", None), Some(20_000));
        assert_eq!(cap_for(&NANBYO, "低所得Ｉ", None), Some(2_500));
        assert_eq!(cap_for(&SHOMAN, "上位所得", Some("重症")), Some(10_000));
        assert_eq!(cap_for(&SHOMAN, "上位所得", Some("高額かつ長期")), None);
        assert_eq!(cap_for(&NANBYO, "富裕層", None), None);
    }
}

//! 暦 (calendar): Japanese era dates (和暦), legal age and interval arithmetic,
//! and fiscal years (年度).
//!
//! - era ([`EraDate`], [`parse_era`], [`convert`]): parse and format `R6.4.1`, `令和6年4月1日`,
//!   `令和元年5月1日`, receipt `GYYMMDD` / `GYYMM`; the era table [`ERAS`] and the
//!   documented 明治 choice (mapped only from the Gregorian calendar adoption,
//!   1873-01-01 = 明治6年1月1日).
//! - age: [`reaches_years`], [`reaches_months`], [`age_on`], [`age_months_on`]
//!   (年齢計算ニ関スル法律 + 民法143条) and intervals [`after_days`],
//!   [`after_months`], [`after_months_and_half`], [`weeks_days_after`].
//! - fiscal: [`fiscal_year`], [`fiscal_year_start`], [`fiscal_year_end`],
//!   [`fiscal_year_reaching`], [`school_entry`].
//!
//! ```
//! use pmh_core::calendar::{convert, parse_any, reaches_months};
//! let c = convert("令和元年5月1日").unwrap();
//! assert_eq!((c.iso.as_str(), c.short.as_str(), c.receipt.as_str()), ("2019-05-01", "R1.5.1", "5010501"));
//! let birth = parse_any("H30.4.1").unwrap();
//! assert_eq!(reaches_months(birth, 2).unwrap().to_string(), "2018-05-31");
//! ```

mod age;
mod era;
mod error;
mod fiscal;

use chrono::NaiveDate;
use serde::Serialize;

pub use age::{
    after_days, after_months, after_months_and_half, age_months_on, age_on, age_on_with_months,
    reaches_months, reaches_years, weeks_days_after, YearsMonths,
};
pub use era::{
    format_gyymm, format_gyymmdd, format_kanji, format_short, parse_era, parse_era_date,
    parse_gyymm, parse_gyymmdd, Era, EraDate, Precision, ERAS,
};
pub use error::{rules, CalendarError};
pub use fiscal::{
    fiscal_year, fiscal_year_end, fiscal_year_reaching, fiscal_year_start, school_entry,
};

/// Parses a wire date: exactly `YYYY-MM-DD` (ASCII), a real calendar day.
///
/// This is the only date form on the wire (JSON payloads); era forms and
/// full-width digits are for people and go through [`parse_any`].
///
/// ```
/// use pmh_core::calendar::parse_iso_date;
/// assert_eq!(parse_iso_date("2024-02-29").unwrap().to_string(), "2024-02-29");
/// assert!(parse_iso_date("2023-02-29").is_none());
/// assert!(parse_iso_date("2024-2-29").is_none());
/// assert!(parse_iso_date("R6.4.1").is_none());
/// ```
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// 日付の解析 (parse any date form) into a Gregorian day: ISO `YYYY-MM-DD`
/// (or `YYYYMMDD`), or any era form at day precision (`R6.4.1`,
/// `令和6年4月1日`, `GYYMMDD`). Full-width characters are accepted.
///
/// ISO dates are not limited to the era range (`1850-01-01` parses); era forms are.
///
/// ```
/// use pmh_core::calendar::{parse_any, CalendarError};
/// for s in ["2024-04-01", "20240401", "R6.4.1", "令和6年4月1日", "5060401", "２０２４－０４－０１"] {
///     assert_eq!(parse_any(s).unwrap().to_string(), "2024-04-01");
/// }
/// assert_eq!(parse_any("2023-02-29"), Err(CalendarError::InvalidDate));
/// assert_eq!(parse_any("令和6年4月"), Err(CalendarError::Precision));
/// ```
pub fn parse_any(input: &str) -> Result<NaiveDate, CalendarError> {
    let s = era::normalize(input)?;
    let b = s.as_bytes();
    let iso = if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        Some((&s[0..4], &s[4..6], &s[6..8]))
    } else if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        // Bytes 4 and 7 are ASCII, so the slices fall on char boundaries.
        Some((&s[0..4], &s[5..7], &s[8..10]))
    } else {
        None
    };
    match iso {
        Some((y, m, d)) => {
            let y = era::digits(y, 4).ok_or(CalendarError::Format)?;
            let m = era::digits(m, 2).ok_or(CalendarError::Format)?;
            let d = era::digits(d, 2).ok_or(CalendarError::Format)?;
            let y = i32::try_from(y).map_err(|_| CalendarError::Format)?;
            NaiveDate::from_ymd_opt(y, m, d).ok_or(CalendarError::InvalidDate)
        }
        None => parse_era_date(&s),
    }
}

/// 日付変換結果 (date conversion): one day in every form, as shown by `pmh date <value>`.
///
/// Serializes in camelCase:
/// `{"iso":"2024-04-01","era":"令和","eraYear":6,"short":"R6.4.1","kanji":"令和6年4月1日","receipt":"5060401","fiscalYear":2024}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DateConversion {
    /// ISO 8601 date, `YYYY-MM-DD`.
    pub iso: String,
    /// 元号 (era name), e.g. `令和`; on a same-day 改元 the new era.
    pub era: &'static str,
    /// 年 (era year, 1 = 元年).
    pub era_year: u32,
    /// 略記 (short form), e.g. `R6.4.1`.
    pub short: String,
    /// 漢字表記 (kanji form), e.g. `令和6年4月1日`.
    pub kanji: String,
    /// レセ電 (receipt form) `GYYMMDD`, e.g. `5060401`.
    pub receipt: String,
    /// 年度 (fiscal year, April–March).
    pub fiscal_year: i32,
}

impl DateConversion {
    /// All forms of a Gregorian day.
    ///
    /// Errors with [`CalendarError::OutOfRange`] before 1873-01-01 or after
    /// 令和99年 (2117), which the receipt form cannot hold.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pmh_core::calendar::DateConversion;
    /// let c = DateConversion::from_date(NaiveDate::from_ymd_opt(1989, 1, 8).unwrap()).unwrap();
    /// assert_eq!(c.kanji, "平成元年1月8日");
    /// assert_eq!(c.fiscal_year, 1988);
    /// ```
    pub fn from_date(date: NaiveDate) -> Result<DateConversion, CalendarError> {
        let e = EraDate::from_date(date)?;
        Ok(DateConversion {
            iso: date.format("%Y-%m-%d").to_string(),
            era: e.era().name,
            era_year: e.year(),
            short: e.to_short(),
            kanji: e.to_kanji(),
            receipt: e.to_receipt()?,
            fiscal_year: fiscal_year(date),
        })
    }
}

/// 日付変換 (convert a date): parses any form ([`parse_any`]) and returns every form.
///
/// ```
/// use pmh_core::calendar::convert;
/// let c = convert("2019-04-30").unwrap();
/// assert_eq!((c.era, c.era_year), ("平成", 31));
/// assert_eq!(c.receipt, "4310430");
/// let json = serde_json::to_value(convert("R6.4.1").unwrap()).unwrap();
/// assert_eq!(json["eraYear"], 6);
/// assert_eq!(json["fiscalYear"], 2024);
/// ```
pub fn convert(input: &str) -> Result<DateConversion, CalendarError> {
    DateConversion::from_date(parse_any(input)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn parse_any_forms_and_errors() {
        assert_eq!(parse_any("2019-05-01"), Ok(d(2019, 5, 1)));
        assert_eq!(parse_any("5010501"), Ok(d(2019, 5, 1)));
        assert_eq!(parse_any("１８５０－０１－０１"), Ok(d(1850, 1, 1)));
        assert_eq!(parse_any("2019-5-1"), Err(CalendarError::Format));
        assert_eq!(parse_any("2019-05-01T00:00"), Err(CalendarError::Format));
        assert_eq!(parse_any("+019-05-01"), Err(CalendarError::Format));
        assert_eq!(parse_any("2019-13-01"), Err(CalendarError::InvalidDate));
        assert_eq!(parse_any("20190230"), Err(CalendarError::InvalidDate));
        assert_eq!(parse_any("2019年5月1日"), Err(CalendarError::Format));
        assert_eq!(parse_any("令和元年"), Err(CalendarError::Precision));
        assert_eq!(parse_any("é"), Err(CalendarError::Format));
        assert_eq!(parse_any("éé-é-é"), Err(CalendarError::Format));
        assert_eq!(parse_any("éééé-éé-éé"), Err(CalendarError::Format));
    }

    #[test]
    fn convert_all_forms() {
        let c = convert("令和元年5月1日").unwrap();
        assert_eq!(
            c,
            DateConversion {
                iso: "2019-05-01".into(),
                era: "令和",
                era_year: 1,
                short: "R1.5.1".into(),
                kanji: "令和元年5月1日".into(),
                receipt: "5010501".into(),
                fiscal_year: 2019,
            }
        );
        let json = serde_json::to_string(&convert("2024-04-01").unwrap()).unwrap();
        assert_eq!(
            json,
            r#"{"iso":"2024-04-01","era":"令和","eraYear":6,"short":"R6.4.1","kanji":"令和6年4月1日","receipt":"5060401","fiscalYear":2024}"#
        );
        assert_eq!(convert("明治45年7月30日").unwrap().kanji, "大正元年7月30日");
        assert_eq!(convert("1850-01-01"), Err(CalendarError::OutOfRange));
        assert_eq!(convert("2118-01-01"), Err(CalendarError::OutOfRange));
        assert_eq!(convert("2117-12-31").unwrap().receipt, "5991231");
    }

    /// Pseudo-random strings over a tricky alphabet never panic, and every
    /// success converts back to the same day.
    #[test]
    fn no_panics_on_garbage() {
        let alphabet: Vec<char> =
            "0123456789０９-./RrHhSsMmTtX年月日元十三〇令和平成昭明治大正 é\u{3000}"
                .chars()
                .collect();
        let seeds = [
            "R6.4.1",
            "令和6年4月1日",
            "令和元年5月1日",
            "5060401",
            "50604",
            "2024-04-01",
            "20240401",
            "平成三十一年四月三十日",
            "H31.4.30",
            "明治45年7月30日",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from(seed >> 33).unwrap()
        };
        let mut successes = 0;
        for _ in 0..50_000 {
            // Mutate a valid sample: replace, insert or delete a few characters.
            let mut chars: Vec<char> = seeds[next() % seeds.len()].chars().collect();
            for _ in 0..(next() % 3) {
                let pos = next() % (chars.len() + 1);
                let c = alphabet[next() % alphabet.len()];
                match next() % 3 {
                    0 if pos < chars.len() => chars[pos] = c,
                    1 if pos < chars.len() => {
                        chars.remove(pos);
                    }
                    _ => chars.insert(pos, c),
                }
            }
            let s: String = chars.into_iter().collect();
            let _ = (parse_era(&s), parse_gyymmdd(&s), parse_gyymm(&s));
            if let Ok(day) = parse_any(&s) {
                if let Ok(c) = convert(&s) {
                    successes += 1;
                    assert_eq!(parse_any(&c.kanji), Ok(day), "{s:?}");
                }
            }
        }
        assert!(successes > 1_000, "{successes}");
    }

    /// Every day 1900–2100: iso → convert → each form → same day.
    #[test]
    fn convert_round_trip_1900_2100() {
        let mut day = d(1900, 1, 1);
        while day <= d(2100, 12, 31) {
            let c = DateConversion::from_date(day).unwrap();
            for s in [&c.iso, &c.short, &c.kanji, &c.receipt] {
                assert_eq!(parse_any(s), Ok(day), "{s}");
            }
            day = day.succ_opt().unwrap();
        }
    }
}

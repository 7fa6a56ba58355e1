//! 和暦 (Japanese era dates): the era table, parsing and formatting.
//!
//! Supported forms (full-width digits and letters are accepted, surrounding
//! white space is ignored):
//!
//! | form | examples | precision |
//! |---|---|---|
//! | short (略記) | `R6.4.1`, `r06.04.01`, `R6/4/1`, `R元.5.1`, `R6.4`, `R6` | day, month, year |
//! | kanji (漢字) | `令和6年4月1日`, `令和元年5月1日`, `令和6年4月`, `令和元年`, `令和六年四月一日` | day, month, year |
//! | receipt (レセ電) | `GYYMMDD` = `5060401`, `GYYMM` = `50604` | day, month |
//!
//! # 明治 (Meiji) — the documented choice
//!
//! Sources disagree on when 明治 starts in the Gregorian calendar (lunisolar
//! 明治元年1月1日 = 1868-01-25; the 改元の詔 of 1868-10-23 applied retroactively
//! to New Year; Java's `JapaneseEra.MEIJI` says 1868-01-01; ICU says 1868-09-08).
//! Until 明治5年12月2日 Japan used the lunisolar calendar, so a Gregorian date
//! such as "1870-03-01" written as 明治3年3月1日 would name a *different* day.
//! This library therefore maps 明治 only from the adoption of the Gregorian
//! calendar, **明治6年1月1日 = 1873-01-01** (as Java's `JapaneseDate` does);
//! earlier dates give [`CalendarError::OutOfRange`]. Era years still count from
//! 明治元年 = 1868, so 1873 is 明治6年.
//!
//! # 改元 (era change) on the same day
//!
//! Legally 明治45年7月30日 = 大正元年7月30日 (1912-07-30) and 大正15年12月25日 =
//! 昭和元年12月25日 (1926-12-25): the old era also covers the first day of the
//! new one. Both spellings parse; formatting always uses the **new** era.
//! (平成 and 令和 began on the day after the previous era ended, so no overlap.)

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::error::CalendarError;

/// Builds a table date at compile time (an invalid literal fails the build, not a run).
const fn table_date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid date in the era table"),
    }
}

/// 元号 (Japanese era): one row of the era table [`ERAS`].
///
/// ```
/// use pmh_core::calendar::Era;
/// let reiwa = Era::from_letter('R').unwrap();
/// assert_eq!(reiwa.name, "令和");
/// assert_eq!(reiwa.code, 5);
/// assert_eq!(reiwa.first_day.to_string(), "2019-05-01");
/// ```
#[derive(Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Era {
    /// 元号名 (era name), e.g. `令和`.
    pub name: &'static str,
    /// Romanized name, e.g. `Reiwa`.
    pub romaji: &'static str,
    /// 略号 (letter) used in short forms and by JAHIS: `M`, `T`, `S`, `H`, `R`.
    pub letter: char,
    /// 年号区分コード (era code) of レセ電 receipts, 記録条件仕様 別表4: 1 明治 … 5 令和.
    pub code: u8,
    /// Gregorian year of 元年 (the era's first year).
    pub year_one: i32,
    /// First Gregorian day this library maps to the era (for 明治 the Gregorian
    /// calendar adoption day 1873-01-01, see the module documentation).
    pub first_day: NaiveDate,
    /// Where the start date comes from.
    pub source: &'static str,
}

/// 元号表 (era table), oldest first; index = receipt code − 1.
///
/// ```
/// use pmh_core::calendar::ERAS;
/// let letters: String = ERAS.iter().map(|e| e.letter).collect();
/// assert_eq!(letters, "MTSHR");
/// ```
pub static ERAS: [Era; 5] = [
    Era {
        name: "明治",
        romaji: "Meiji",
        letter: 'M',
        code: 1,
        year_one: 1868,
        // Era begins 1868-01-25 (lunisolar New Year, retroactive 改元の詔 1868-10-23);
        // mapped only from the Gregorian calendar adoption 明治6年1月1日 (明治5年太政官布告第337号).
        first_day: table_date(1873, 1, 1),
        source: "改暦ノ布告 (明治5年太政官布告第337号); Java JapaneseEra.MEIJI / JapaneseDate \
                 (https://docs.oracle.com/javase/10/docs/api/java/time/chrono/JapaneseEra.html); \
                 https://odayakana.net/?p=1278",
    },
    Era {
        name: "大正",
        romaji: "Taisho",
        letter: 'T',
        code: 2,
        year_one: 1912,
        first_day: table_date(1912, 7, 30),
        source: "https://odayakana.net/?p=1278 (明治45年7月30日 = 大正元年7月30日)",
    },
    Era {
        name: "昭和",
        romaji: "Showa",
        letter: 'S',
        code: 3,
        year_one: 1926,
        first_day: table_date(1926, 12, 25),
        source: "https://odayakana.net/?p=1278 (大正15年12月25日 = 昭和元年12月25日)",
    },
    Era {
        name: "平成",
        romaji: "Heisei",
        letter: 'H',
        code: 4,
        year_one: 1989,
        first_day: table_date(1989, 1, 8),
        source: "元号を改める政令 (昭和64年政令第1号); http://gamma136.blog77.fc2.com/blog-date-201904.html",
    },
    Era {
        name: "令和",
        romaji: "Reiwa",
        letter: 'R',
        code: 5,
        year_one: 2019,
        first_day: table_date(2019, 5, 1),
        source: "元号を改める政令 (平成31年政令第143号); http://gamma136.blog77.fc2.com/blog-date-201904.html",
    },
];

impl Era {
    /// The era with this 年号区分コード (receipt code 1..=5).
    ///
    /// ```
    /// use pmh_core::calendar::Era;
    /// assert_eq!(Era::from_code(4).unwrap().name, "平成");
    /// assert!(Era::from_code(6).is_none());
    /// ```
    pub fn from_code(code: u8) -> Option<&'static Era> {
        ERAS.iter().find(|e| e.code == code)
    }

    /// The era with this letter (`M T S H R`, case-insensitive, full-width accepted).
    ///
    /// ```
    /// use pmh_core::calendar::Era;
    /// assert_eq!(Era::from_letter('h').unwrap().name, "平成");
    /// assert!(Era::from_letter('X').is_none());
    /// ```
    pub fn from_letter(letter: char) -> Option<&'static Era> {
        let letter = half_width(letter).to_ascii_uppercase();
        ERAS.iter().find(|e| e.letter == letter)
    }

    /// The era with this name (`明治` … `令和`).
    ///
    /// ```
    /// use pmh_core::calendar::Era;
    /// assert_eq!(Era::from_name("昭和").unwrap().letter, 'S');
    /// ```
    pub fn from_name(name: &str) -> Option<&'static Era> {
        ERAS.iter().find(|e| e.name == name)
    }

    /// The era used to write `date` (on a same-day 改元 the new era); `None`
    /// before 1873-01-01.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pmh_core::calendar::Era;
    /// let d = NaiveDate::from_ymd_opt(1912, 7, 30).unwrap();
    /// assert_eq!(Era::of(d).unwrap().name, "大正");
    /// ```
    pub fn of(date: NaiveDate) -> Option<&'static Era> {
        ERAS.iter().rev().find(|e| e.first_day <= date)
    }

    /// The era that followed this one, if any.
    ///
    /// ```
    /// use pmh_core::calendar::Era;
    /// assert_eq!(Era::from_code(4).unwrap().next().unwrap().name, "令和");
    /// assert!(Era::from_code(5).unwrap().next().is_none());
    /// ```
    pub fn next(&self) -> Option<&'static Era> {
        ERAS.get(usize::from(self.code))
    }

    /// 最終日 (last day) of the era, inclusive; `None` for the current era.
    ///
    /// When the 改元 took effect during the day (明治→大正 1912-07-30, 大正→昭和
    /// 1926-12-25) the old era also covers that day, so its last day is the
    /// next era's first day; otherwise (昭和→平成, 平成→令和) it is the day before.
    ///
    /// ```
    /// use pmh_core::calendar::Era;
    /// assert_eq!(Era::from_code(1).unwrap().last_day().unwrap().to_string(), "1912-07-30");
    /// assert_eq!(Era::from_code(4).unwrap().last_day().unwrap().to_string(), "2019-04-30");
    /// assert!(Era::from_code(5).unwrap().last_day().is_none());
    /// ```
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.end()
    }

    /// Whether `date` may be written in this era (both eras on a same-day 改元).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pmh_core::calendar::Era;
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    /// let meiji = Era::from_code(1).unwrap();
    /// assert!(meiji.contains(d(1912, 7, 30)));
    /// let heisei = Era::from_code(4).unwrap();
    /// assert!(heisei.contains(d(2019, 4, 30)));
    /// assert!(!heisei.contains(d(2019, 5, 1)));
    /// ```
    pub fn contains(&self, date: NaiveDate) -> bool {
        date >= self.first_day && self.end().is_none_or(|end| date <= end)
    }

    /// Exact inclusive end: the next era's first day when that 改元 took
    /// effect during the day (明治→大正, 大正→昭和), else the day before.
    fn end(&self) -> Option<NaiveDate> {
        let next = self.next()?;
        if SAME_DAY_CHANGE.contains(&next.code) {
            Some(next.first_day)
        } else {
            // The day before exists: first_day is a table literal far from chrono's minimum.
            next.first_day.pred_opt()
        }
    }

    /// Era year (1 = 元年) of a Gregorian year, if the year is not before 元年.
    fn era_year_of(&self, gregorian_year: i32) -> Option<u32> {
        u32::try_from(i64::from(gregorian_year) - i64::from(self.year_one) + 1)
            .ok()
            .filter(|y| *y >= 1)
    }

    /// Gregorian year of an era year.
    fn gregorian_year(&self, era_year: u32) -> Option<i32> {
        i32::try_from(i64::from(self.year_one) + i64::from(era_year) - 1).ok()
    }
}

/// Codes of eras whose 改元 shared its day with the previous era (大正, 昭和):
/// the emperor died during the day and the new era began the same day.
const SAME_DAY_CHANGE: [u8; 2] = [2, 3];

/// 精度 (precision) of an era date: what the text gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// 年 (year only), e.g. `令和元年`.
    Year,
    /// 年月 (year and month), e.g. `令和6年4月`, `GYYMM`.
    Month,
    /// 年月日 (full date), e.g. `令和6年4月1日`, `GYYMMDD`.
    Day,
}

/// 和暦日付 (Japanese era date), validated, at year, month or day [`Precision`].
///
/// It can only be built through validation ([`EraDate::new`],
/// [`EraDate::from_date`], [`parse_era`]): the era year is ≥ 1 and the period
/// overlaps the era. [`first_day`](EraDate::first_day) and
/// [`last_day`](EraDate::last_day) give the Gregorian days it covers *within
/// the era* (平成31年 = 2019-01-01 … 2019-04-30).
///
/// ```
/// use pmh_core::calendar::{parse_era, Precision};
/// let d = parse_era("令和元年").unwrap();
/// assert_eq!(d.precision(), Precision::Year);
/// assert_eq!(d.first_day().to_string(), "2019-05-01");
/// assert_eq!(d.last_day().to_string(), "2019-12-31");
/// assert_eq!(d.to_kanji(), "令和元年");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EraDate {
    era: &'static Era,
    year: u32,
    month: Option<u32>,
    day: Option<u32>,
    first: NaiveDate,
    last: NaiveDate,
}

impl EraDate {
    /// Validates an era date from its parts (`day` requires `month`).
    ///
    /// Errors: [`CalendarError::YearZero`], [`CalendarError::InvalidDate`]
    /// (no such month/day), [`CalendarError::OutsideEra`],
    /// [`CalendarError::OutOfRange`] (before 1873-01-01 or beyond chrono),
    /// [`CalendarError::Format`] (a day without a month).
    ///
    /// ```
    /// use pmh_core::calendar::{Era, EraDate, CalendarError};
    /// let showa = Era::from_letter('S').unwrap();
    /// let d = EraDate::new(showa, 64, Some(1), Some(7)).unwrap();
    /// assert_eq!(d.date().unwrap().to_string(), "1989-01-07");
    /// assert_eq!(EraDate::new(showa, 64, Some(1), Some(8)), Err(CalendarError::OutsideEra));
    /// ```
    pub fn new(
        era: &'static Era,
        year: u32,
        month: Option<u32>,
        day: Option<u32>,
    ) -> Result<EraDate, CalendarError> {
        if year == 0 {
            return Err(CalendarError::YearZero);
        }
        let gy = era.gregorian_year(year).ok_or(CalendarError::OutOfRange)?;
        // Reject years chrono cannot represent before judging month/day.
        let jan1 = NaiveDate::from_ymd_opt(gy, 1, 1).ok_or(CalendarError::OutOfRange)?;
        let dec31 = NaiveDate::from_ymd_opt(gy, 12, 31).ok_or(CalendarError::OutOfRange)?;
        let (first, last) = match (month, day) {
            (None, None) => (jan1, dec31),
            (Some(m), None) => {
                let dim = days_in_month(gy, m).ok_or(CalendarError::InvalidDate)?;
                let a = NaiveDate::from_ymd_opt(gy, m, 1).ok_or(CalendarError::InvalidDate)?;
                let b = NaiveDate::from_ymd_opt(gy, m, dim).ok_or(CalendarError::InvalidDate)?;
                (a, b)
            }
            (Some(m), Some(d)) => {
                let a = NaiveDate::from_ymd_opt(gy, m, d).ok_or(CalendarError::InvalidDate)?;
                (a, a)
            }
            (None, Some(_)) => return Err(CalendarError::Format),
        };
        // Clip the period to the era.
        let first = first.max(era.first_day);
        let last = match era.end() {
            Some(end) => last.min(end),
            None => last,
        };
        if first > last {
            // 明治 before the Gregorian calendar: unsupported rather than "not 明治".
            return Err(if era.code == 1 && last < era.first_day {
                CalendarError::OutOfRange
            } else {
                CalendarError::OutsideEra
            });
        }
        Ok(EraDate {
            era,
            year,
            month,
            day,
            first,
            last,
        })
    }

    /// The era date of a Gregorian day (on a same-day 改元 the new era).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use pmh_core::calendar::EraDate;
    /// let d = EraDate::from_date(NaiveDate::from_ymd_opt(2019, 4, 30).unwrap()).unwrap();
    /// assert_eq!(d.to_kanji(), "平成31年4月30日");
    /// ```
    pub fn from_date(date: NaiveDate) -> Result<EraDate, CalendarError> {
        let era = Era::of(date).ok_or(CalendarError::OutOfRange)?;
        let year = era
            .era_year_of(date.year())
            .ok_or(CalendarError::OutOfRange)?;
        Ok(EraDate {
            era,
            year,
            month: Some(date.month()),
            day: Some(date.day()),
            first: date,
            last: date,
        })
    }

    /// 元号 (era).
    pub fn era(&self) -> &'static Era {
        self.era
    }

    /// 年 (era year, 1 = 元年).
    pub fn year(&self) -> u32 {
        self.year
    }

    /// 月 (month), if given.
    pub fn month(&self) -> Option<u32> {
        self.month
    }

    /// 日 (day), if given.
    pub fn day(&self) -> Option<u32> {
        self.day
    }

    /// 精度 (precision): year, month or day.
    ///
    /// ```
    /// use pmh_core::calendar::{parse_era, Precision};
    /// assert_eq!(parse_era("50604").unwrap().precision(), Precision::Month);
    /// ```
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            (None, None) => Precision::Year,
        }
    }

    /// First Gregorian day covered, within the era.
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// Last Gregorian day covered, within the era.
    pub fn last_day(&self) -> NaiveDate {
        self.last
    }

    /// The Gregorian day, when the precision is [`Precision::Day`].
    ///
    /// ```
    /// use pmh_core::calendar::parse_era;
    /// assert_eq!(parse_era("R6.4.1").unwrap().date().unwrap().to_string(), "2024-04-01");
    /// assert!(parse_era("R6.4").unwrap().date().is_none());
    /// ```
    pub fn date(&self) -> Option<NaiveDate> {
        self.day.map(|_| self.first)
    }

    /// Short form (略記): `R6.4.1`, `R6.4`, `R6` (no zero padding; year 1 as `1`).
    ///
    /// ```
    /// use pmh_core::calendar::parse_era;
    /// assert_eq!(parse_era("令和元年5月1日").unwrap().to_short(), "R1.5.1");
    /// ```
    pub fn to_short(&self) -> String {
        let mut s = format!("{}{}", self.era.letter, self.year);
        if let Some(m) = self.month {
            s.push_str(&format!(".{m}"));
        }
        if let Some(d) = self.day {
            s.push_str(&format!(".{d}"));
        }
        s
    }

    /// Kanji form (漢字表記): `令和6年4月1日`, with `元年` for year 1.
    ///
    /// ```
    /// use pmh_core::calendar::parse_era;
    /// assert_eq!(parse_era("R1.5.1").unwrap().to_kanji(), "令和元年5月1日");
    /// assert_eq!(parse_era("H31.4").unwrap().to_kanji(), "平成31年4月");
    /// ```
    pub fn to_kanji(&self) -> String {
        let mut s = String::from(self.era.name);
        if self.year == 1 {
            s.push_str("元年");
        } else {
            s.push_str(&format!("{}年", self.year));
        }
        if let Some(m) = self.month {
            s.push_str(&format!("{m}月"));
        }
        if let Some(d) = self.day {
            s.push_str(&format!("{d}日"));
        }
        s
    }

    /// Receipt form (レセ電): `GYYMMDD` at day precision, `GYYMM` at month precision.
    ///
    /// Errors: [`CalendarError::Precision`] for a year-only date,
    /// [`CalendarError::OutOfRange`] when the era year exceeds 99.
    ///
    /// ```
    /// use pmh_core::calendar::parse_era;
    /// assert_eq!(parse_era("令和6年4月1日").unwrap().to_receipt().unwrap(), "5060401");
    /// assert_eq!(parse_era("令和6年4月").unwrap().to_receipt().unwrap(), "50604");
    /// ```
    pub fn to_receipt(&self) -> Result<String, CalendarError> {
        if self.year > 99 {
            return Err(CalendarError::OutOfRange);
        }
        match (self.month, self.day) {
            (Some(m), Some(d)) => Ok(format!("{}{:02}{:02}{:02}", self.era.code, self.year, m, d)),
            (Some(m), None) => Ok(format!("{}{:02}{:02}", self.era.code, self.year, m)),
            _ => Err(CalendarError::Precision),
        }
    }
}

impl fmt::Display for EraDate {
    /// Kanji form, e.g. `令和6年4月1日`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_kanji())
    }
}

/// Days in month `m` of Gregorian year `y`; `None` for a month outside 1..=12.
pub(crate) fn days_in_month(y: i32, m: u32) -> Option<u32> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 => Some(if leap { 29 } else { 28 }),
        _ => None,
    }
}

/// Full-width ASCII (`０`, `Ｒ`, `．`, …) to half-width.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        c => c,
    }
}

/// Longest input looked at (in characters); longer text is a format error.
const MAX_INPUT_CHARS: usize = 64;

/// Trims (also U+3000), converts full-width ASCII to half-width, bounds the length.
pub(crate) fn normalize(input: &str) -> Result<String, CalendarError> {
    let trimmed = input.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if trimmed.is_empty() || trimmed.chars().count() > MAX_INPUT_CHARS {
        return Err(CalendarError::Format);
    }
    Ok(trimmed.chars().map(half_width).collect())
}

/// Parses 1..=`max_len` ASCII digits.
pub(crate) fn digits(s: &str, max_len: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Era year: digits (up to 4) or `元` (= 1).
fn era_year(s: &str) -> Option<u32> {
    if s == "元" {
        Some(1)
    } else {
        digits(s, 4)
    }
}

/// A kanji numeral digit `〇`/`零` … `九`.
fn kanji_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|k| k == c)
        .or_else(|| (c == '零').then_some(0))
        .and_then(|p| u32::try_from(p).ok())
}

/// Kanji numerals up to 99 as written in formal documents (`六`, `十二`,
/// `三十一`, `二〇`), or ASCII digits (up to `max_len`).
fn number(s: &str, max_len: usize) -> Option<u32> {
    if let Some(n) = digits(s, max_len) {
        return Some(n);
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.iter().position(|c| *c == '十') {
        Some(i) => {
            let tens = match chars[..i] {
                [] => 1,
                [t] => kanji_digit(t).filter(|t| *t >= 2)?,
                _ => return None,
            };
            let units = match chars[i + 1..] {
                [] => 0,
                [u] => kanji_digit(u).filter(|u| *u >= 1)?,
                _ => return None,
            };
            Some(tens * 10 + units)
        }
        None if !chars.is_empty() && chars.len() <= 2 => chars
            .iter()
            .try_fold(0, |acc, c| Some(acc * 10 + kanji_digit(*c)?)),
        None => None,
    }
}

/// Era year in the kanji form: [`number`] or `元`.
fn kanji_era_year(s: &str) -> Option<u32> {
    if s == "元" {
        Some(1)
    } else {
        number(s, 4)
    }
}

/// 和暦の解析 (parse an era date) in any supported form and precision: short
/// (`R6.4.1`), kanji (`令和6年4月1日`, `令和元年`, `令和6年4月`) or receipt
/// (`GYYMMDD`, `GYYMM`).
///
/// ```
/// use pmh_core::calendar::{parse_era, Precision, CalendarError};
/// let d = parse_era("令和６年４月").unwrap();
/// assert_eq!(d.precision(), Precision::Month);
/// assert_eq!(d.first_day().to_string(), "2024-04-01");
/// assert_eq!(d.last_day().to_string(), "2024-04-30");
/// assert_eq!(parse_era("令和0年"), Err(CalendarError::YearZero));
/// assert_eq!(parse_era("慶応3年"), Err(CalendarError::EraUnknown));
/// ```
pub fn parse_era(input: &str) -> Result<EraDate, CalendarError> {
    let s = normalize(input)?;
    let first = s.chars().next().ok_or(CalendarError::Format)?;
    if s.bytes().all(|b| b.is_ascii_digit()) {
        parse_receipt_normalized(&s)
    } else if first.is_ascii_alphabetic() {
        parse_short(&s)
    } else {
        parse_kanji(&s)
    }
}

/// Parses a full era date (any form, day precision) into a Gregorian day.
///
/// ```
/// use pmh_core::calendar::{parse_era_date, CalendarError};
/// assert_eq!(parse_era_date("大正元年7月30日").unwrap().to_string(), "1912-07-30");
/// assert_eq!(parse_era_date("明治45年7月30日").unwrap().to_string(), "1912-07-30");
/// assert_eq!(parse_era_date("令和6年4月"), Err(CalendarError::Precision));
/// ```
pub fn parse_era_date(input: &str) -> Result<NaiveDate, CalendarError> {
    parse_era(input)?.date().ok_or(CalendarError::Precision)
}

/// Parses the receipt day form `GYYMMDD` (レセ電, 7 digits; G = 年号区分コード 1..=5).
///
/// ```
/// use pmh_core::calendar::parse_gyymmdd;
/// assert_eq!(parse_gyymmdd("5010501").unwrap().to_string(), "2019-05-01");
/// assert!(parse_gyymmdd("4310501").is_err());
/// ```
pub fn parse_gyymmdd(input: &str) -> Result<NaiveDate, CalendarError> {
    let s = normalize(input)?;
    if s.len() != 7 {
        return Err(CalendarError::Format);
    }
    parse_receipt_normalized(&s)?
        .date()
        .ok_or(CalendarError::Precision)
}

/// Parses the receipt month form `GYYMM` (レセ電, 5 digits).
///
/// ```
/// use pmh_core::calendar::{parse_gyymm, Precision};
/// let m = parse_gyymm("43104").unwrap();
/// assert_eq!(m.precision(), Precision::Month);
/// assert_eq!(m.last_day().to_string(), "2019-04-30");
/// ```
pub fn parse_gyymm(input: &str) -> Result<EraDate, CalendarError> {
    let s = normalize(input)?;
    if s.len() != 5 {
        return Err(CalendarError::Format);
    }
    parse_receipt_normalized(&s)
}

fn parse_receipt_normalized(s: &str) -> Result<EraDate, CalendarError> {
    // All ASCII digits here, so byte slicing is on char boundaries.
    if !(s.len() == 7 || s.len() == 5) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CalendarError::Format);
    }
    let code = s.as_bytes()[0] - b'0';
    let era = Era::from_code(code).ok_or(CalendarError::EraUnknown)?;
    let year = digits(&s[1..3], 2).ok_or(CalendarError::Format)?;
    let month = digits(&s[3..5], 2).ok_or(CalendarError::Format)?;
    let day = if s.len() == 7 {
        Some(digits(&s[5..7], 2).ok_or(CalendarError::Format)?)
    } else {
        None
    };
    EraDate::new(era, year, Some(month), day)
}

/// `R6.4.1`, `r06.04.01`, `R6/4/1`, `R6-4-1`, `R元.5.1`, `R6.4`, `R6`.
fn parse_short(s: &str) -> Result<EraDate, CalendarError> {
    let mut chars = s.chars();
    let letter = chars.next().ok_or(CalendarError::Format)?;
    let rest = chars.as_str();
    let parts: Vec<&str> = rest.split(['.', '/', '-']).collect();
    let (year, month, day) = match parts.as_slice() {
        [y] => (era_year(y), None, None),
        [y, m] => (era_year(y), Some(digits(m, 2)), None),
        [y, m, d] => (era_year(y), Some(digits(m, 2)), Some(digits(d, 2))),
        _ => return Err(CalendarError::Format),
    };
    let year = year.ok_or(CalendarError::Format)?;
    let month = month.map(|m| m.ok_or(CalendarError::Format)).transpose()?;
    let day = day.map(|d| d.ok_or(CalendarError::Format)).transpose()?;
    let era = Era::from_letter(letter).ok_or(CalendarError::EraUnknown)?;
    EraDate::new(era, year, month, day)
}

/// `令和6年4月1日`, `令和元年5月1日`, `令和6年4月`, `令和元年`, `令和六年四月一日`
/// (spaces after the era name allowed).
fn parse_kanji(s: &str) -> Result<EraDate, CalendarError> {
    let (name_and_year, rest) = s.split_once('年').ok_or(CalendarError::Format)?;
    // The era name is everything before the year (digits, kanji numerals or 元).
    let year_start = name_and_year
        .char_indices()
        .find(|(_, c)| c.is_ascii_digit() || *c == '元' || *c == '十' || kanji_digit(*c).is_some())
        .map(|(i, _)| i)
        .ok_or(CalendarError::Format)?;
    let name = name_and_year[..year_start].trim_end();
    let year = kanji_era_year(&name_and_year[year_start..]).ok_or(CalendarError::Format)?;
    if name.is_empty() {
        return Err(CalendarError::Format);
    }
    let (month, day) = if rest.is_empty() {
        (None, None)
    } else {
        let (m, rest) = rest.split_once('月').ok_or(CalendarError::Format)?;
        let m = number(m, 2).ok_or(CalendarError::Format)?;
        if rest.is_empty() {
            (Some(m), None)
        } else {
            let d = rest.strip_suffix('日').ok_or(CalendarError::Format)?;
            (Some(m), Some(number(d, 2).ok_or(CalendarError::Format)?))
        }
    };
    let era = Era::from_name(name).ok_or(CalendarError::EraUnknown)?;
    EraDate::new(era, year, month, day)
}

/// Short form (略記) of a Gregorian day: `R6.4.1`.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::format_short;
/// let d = NaiveDate::from_ymd_opt(1989, 1, 7).unwrap();
/// assert_eq!(format_short(d).unwrap(), "S64.1.7");
/// ```
pub fn format_short(date: NaiveDate) -> Result<String, CalendarError> {
    Ok(EraDate::from_date(date)?.to_short())
}

/// Kanji form (漢字表記) of a Gregorian day: `令和6年4月1日`, `令和元年5月1日`.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::format_kanji;
/// let d = NaiveDate::from_ymd_opt(1926, 12, 25).unwrap();
/// assert_eq!(format_kanji(d).unwrap(), "昭和元年12月25日");
/// ```
pub fn format_kanji(date: NaiveDate) -> Result<String, CalendarError> {
    Ok(EraDate::from_date(date)?.to_kanji())
}

/// Receipt form (レセ電) `GYYMMDD` of a Gregorian day.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::format_gyymmdd;
/// let d = NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
/// assert_eq!(format_gyymmdd(d).unwrap(), "5060401");
/// ```
pub fn format_gyymmdd(date: NaiveDate) -> Result<String, CalendarError> {
    EraDate::from_date(date)?.to_receipt()
}

/// Receipt month form (レセ電) `GYYMM` of the month containing a Gregorian day
/// (the era is the one of that day).
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::format_gyymm;
/// let d = NaiveDate::from_ymd_opt(2019, 5, 1).unwrap();
/// assert_eq!(format_gyymm(d).unwrap(), "50105");
/// ```
pub fn format_gyymm(date: NaiveDate) -> Result<String, CalendarError> {
    let d = EraDate::from_date(date)?;
    EraDate::new(d.era, d.year, d.month, None)?.to_receipt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn table_is_ordered_and_codes_match_indices() {
        for (i, e) in ERAS.iter().enumerate() {
            assert_eq!(usize::from(e.code), i + 1);
            assert_eq!(Era::from_letter(e.letter), Some(e));
            assert_eq!(Era::from_name(e.name), Some(e));
        }
        for w in ERAS.windows(2) {
            assert!(w[0].first_day < w[1].first_day);
            assert_eq!(w[1].first_day.year(), w[1].year_one);
        }
    }

    #[test]
    fn short_forms() {
        for s in [
            "R6.4.1",
            "r6.4.1",
            "R06.04.01",
            "R6/4/1",
            "R6-4-1",
            "Ｒ６．４．１",
            " R6.4.1\u{3000}",
        ] {
            assert_eq!(parse_era_date(s), Ok(d(2024, 4, 1)), "{s}");
        }
        assert_eq!(parse_era_date("R元.5.1"), Ok(d(2019, 5, 1)));
        assert_eq!(parse_era_date("h1.1.8"), Ok(d(1989, 1, 8)));
        assert_eq!(parse_era("R6").unwrap().precision(), Precision::Year);
        assert_eq!(parse_era("R6.4").unwrap().precision(), Precision::Month);
    }

    #[test]
    fn kanji_forms() {
        assert_eq!(parse_era_date("令和6年4月1日"), Ok(d(2024, 4, 1)));
        assert_eq!(parse_era_date("令和元年5月1日"), Ok(d(2019, 5, 1)));
        assert_eq!(parse_era_date("令和1年5月1日"), Ok(d(2019, 5, 1)));
        assert_eq!(parse_era_date("令和０６年０４月０１日"), Ok(d(2024, 4, 1)));
        assert_eq!(parse_era_date("令和 6年4月1日"), Ok(d(2024, 4, 1)));
        assert_eq!(parse_era_date("令和六年四月一日"), Ok(d(2024, 4, 1)));
        assert_eq!(parse_era_date("平成三十一年四月三十日"), Ok(d(2019, 4, 30)));
        assert_eq!(parse_era_date("昭和二〇年八月十五日"), Ok(d(1945, 8, 15)));
        assert_eq!(parse_era_date("平成十年十二月二十日"), Ok(d(1998, 12, 20)));
        assert_eq!(parse_era_date("令和元年十月一日"), Ok(d(2019, 10, 1)));
        assert_eq!(
            parse_era_date("令和〇年四月一日"),
            Err(CalendarError::YearZero)
        );
        let y = parse_era("令和元年").unwrap();
        assert_eq!(
            (y.precision(), y.first_day(), y.last_day()),
            (Precision::Year, d(2019, 5, 1), d(2019, 12, 31))
        );
        let y = parse_era("平成31年").unwrap();
        assert_eq!(
            (y.first_day(), y.last_day()),
            (d(2019, 1, 1), d(2019, 4, 30))
        );
        let m = parse_era("昭和64年1月").unwrap();
        assert_eq!(
            (m.first_day(), m.last_day()),
            (d(1989, 1, 1), d(1989, 1, 7))
        );
        let m = parse_era("令和6年2月").unwrap();
        assert_eq!(m.last_day(), d(2024, 2, 29));
        assert_eq!(m.to_short(), "R6.2");
    }

    #[test]
    fn receipt_forms() {
        assert_eq!(parse_gyymmdd("5010501"), Ok(d(2019, 5, 1)));
        assert_eq!(parse_gyymmdd("4310430"), Ok(d(2019, 4, 30)));
        assert_eq!(parse_gyymmdd("3640107"), Ok(d(1989, 1, 7)));
        assert_eq!(parse_gyymmdd("１４５０７３０"), Ok(d(1912, 7, 30)));
        assert_eq!(parse_gyymmdd("2010730"), Ok(d(1912, 7, 30)));
        assert_eq!(parse_gyymmdd("50604"), Err(CalendarError::Format));
        assert_eq!(parse_gyymm("5060401"), Err(CalendarError::Format));
        assert_eq!(parse_gyymm("50604").unwrap().to_receipt().unwrap(), "50604");
        assert_eq!(parse_gyymmdd("6010101"), Err(CalendarError::EraUnknown));
        assert_eq!(parse_gyymmdd("0010101"), Err(CalendarError::EraUnknown));
        assert_eq!(parse_gyymmdd("5000501"), Err(CalendarError::YearZero));
        assert_eq!(parse_gyymmdd("5061301"), Err(CalendarError::InvalidDate));
        assert_eq!(parse_gyymmdd("4310501"), Err(CalendarError::OutsideEra));
        assert_eq!(parse_gyymm("43105"), Err(CalendarError::OutsideEra));
        assert_eq!(parse_gyymm("51004").unwrap().first_day(), d(2028, 4, 1));
        assert_eq!(parse_gyymmdd("506040１"), Ok(d(2024, 4, 1)));
        assert_eq!(parse_gyymmdd("50604011"), Err(CalendarError::Format));
        assert_eq!(parse_gyymmdd("R6.4.10"), Err(CalendarError::Format));
        assert_eq!(parse_gyymm("R6.10"), Err(CalendarError::Format));
    }

    #[test]
    fn era_boundaries() {
        assert_eq!(format_kanji(d(1989, 1, 7)).unwrap(), "昭和64年1月7日");
        assert_eq!(format_kanji(d(1989, 1, 8)).unwrap(), "平成元年1月8日");
        assert_eq!(format_kanji(d(2019, 4, 30)).unwrap(), "平成31年4月30日");
        assert_eq!(format_kanji(d(2019, 5, 1)).unwrap(), "令和元年5月1日");
        assert_eq!(format_short(d(2019, 5, 1)).unwrap(), "R1.5.1");
        assert_eq!(format_gyymmdd(d(2019, 5, 1)).unwrap(), "5010501");
        assert_eq!(format_gyymmdd(d(1989, 1, 7)).unwrap(), "3640107");
        // Same-day 改元: both spellings parse, formatting uses the new era.
        assert_eq!(parse_era_date("明治45年7月30日"), Ok(d(1912, 7, 30)));
        assert_eq!(parse_era_date("大正元年7月30日"), Ok(d(1912, 7, 30)));
        assert_eq!(format_kanji(d(1912, 7, 30)).unwrap(), "大正元年7月30日");
        assert_eq!(format_kanji(d(1912, 7, 29)).unwrap(), "明治45年7月29日");
        assert_eq!(parse_era_date("大正15年12月25日"), Ok(d(1926, 12, 25)));
        assert_eq!(parse_era_date("昭和元年12月25日"), Ok(d(1926, 12, 25)));
        assert_eq!(format_kanji(d(1926, 12, 25)).unwrap(), "昭和元年12月25日");
        assert_eq!(format_kanji(d(1926, 12, 24)).unwrap(), "大正15年12月24日");
        assert_eq!(
            parse_era_date("明治45年7月31日"),
            Err(CalendarError::OutsideEra)
        );
        assert_eq!(
            parse_era_date("大正元年7月29日"),
            Err(CalendarError::OutsideEra)
        );
        assert_eq!(
            parse_era_date("大正15年12月26日"),
            Err(CalendarError::OutsideEra)
        );
        assert_eq!(
            parse_era_date("昭和元年12月24日"),
            Err(CalendarError::OutsideEra)
        );
        assert_eq!(
            parse_era_date("昭和64年1月8日"),
            Err(CalendarError::OutsideEra)
        );
        assert_eq!(
            parse_era_date("平成元年1月7日"),
            Err(CalendarError::OutsideEra)
        );
        // 明治 from the Gregorian adoption only.
        assert_eq!(format_kanji(d(1873, 1, 1)).unwrap(), "明治6年1月1日");
        assert_eq!(
            format_kanji(d(1872, 12, 31)),
            Err(CalendarError::OutOfRange)
        );
        assert_eq!(
            parse_era_date("明治5年12月3日"),
            Err(CalendarError::OutOfRange)
        );
        assert_eq!(parse_era("明治5年"), Err(CalendarError::OutOfRange));
        assert_eq!(parse_era("明治6年").unwrap().first_day(), d(1873, 1, 1));
        assert_eq!(parse_era_date("M6.1.1"), Ok(d(1873, 1, 1)));
    }

    #[test]
    fn rejections() {
        let cases: &[(&str, CalendarError)] = &[
            ("平成31年5月1日", CalendarError::OutsideEra),
            ("令和1年4月30日", CalendarError::OutsideEra),
            ("令和元年4月", CalendarError::OutsideEra),
            ("平成32年", CalendarError::OutsideEra),
            ("令和0年4月1日", CalendarError::YearZero),
            ("R0.4.1", CalendarError::YearZero),
            ("令和5年2月29日", CalendarError::InvalidDate),
            ("令和6年2月30日", CalendarError::InvalidDate),
            ("R6.13.1", CalendarError::InvalidDate),
            ("R6.0.1", CalendarError::InvalidDate),
            ("R6.4.0", CalendarError::InvalidDate),
            ("R6.4.31", CalendarError::InvalidDate),
            ("令和6年13月", CalendarError::InvalidDate),
            ("X6.4.1", CalendarError::EraUnknown),
            ("慶応3年1月1日", CalendarError::EraUnknown),
            ("", CalendarError::Format),
            ("   ", CalendarError::Format),
            ("R", CalendarError::Format),
            ("R6.", CalendarError::Format),
            ("R6.4.1.1", CalendarError::Format),
            ("R6..1", CalendarError::Format),
            ("R+6.4.1", CalendarError::Format),
            ("R6.4.1x", CalendarError::Format),
            ("R123456.1.1", CalendarError::Format),
            ("令和6年4月1", CalendarError::Format),
            ("令和6年4日", CalendarError::Format),
            ("令和年4月1日", CalendarError::Format),
            ("6年4月1日", CalendarError::Format),
            ("令和6年4月1日日", CalendarError::Format),
            ("令和6", CalendarError::Format),
            ("12345678", CalendarError::Format),
            ("元", CalendarError::Format),
            ("年", CalendarError::Format),
            ("月日", CalendarError::Format),
            ("令和十十年", CalendarError::Format),
            ("令和一十年", CalendarError::Format),
            ("令和十〇年", CalendarError::Format),
            ("令和一二三年", CalendarError::Format),
            ("令和6年四十一月", CalendarError::InvalidDate),
            ("令和6年4月一二三日", CalendarError::Format),
        ];
        for (s, e) in cases {
            assert_eq!(parse_era(s).map(|x| x.to_kanji()), Err(*e), "{s:?}");
        }
        assert_eq!(parse_era(&"R".repeat(1000)), Err(CalendarError::Format));
    }

    #[test]
    fn far_years_do_not_panic() {
        assert_eq!(parse_era("R9999.1.1").unwrap().date(), Some(d(12017, 1, 1)));
        assert_eq!(
            parse_era("R9999.1.1").unwrap().to_receipt(),
            Err(CalendarError::OutOfRange)
        );
        assert_eq!(
            parse_era("令和6年").unwrap().to_receipt(),
            Err(CalendarError::Precision)
        );
        assert_eq!(
            format_kanji(NaiveDate::MAX).unwrap().chars().next(),
            Some('令')
        );
        assert_eq!(format_kanji(NaiveDate::MIN), Err(CalendarError::OutOfRange));
        let reiwa = Era::from_code(5).unwrap();
        assert_eq!(
            EraDate::new(reiwa, u32::MAX, None, None),
            Err(CalendarError::OutOfRange)
        );
        assert_eq!(
            EraDate::new(reiwa, 300_000, Some(1), Some(1)),
            Err(CalendarError::OutOfRange)
        );
        assert_eq!(
            EraDate::new(reiwa, 6, None, Some(1)),
            Err(CalendarError::Format)
        );
    }

    /// Every day 1873–2117 (receipt forms hold era years ≤ 99): iso → each era form → iso.
    #[test]
    fn round_trip_every_day() {
        let mut day = d(1873, 1, 1);
        let end = d(2117, 12, 31);
        let mut n = 0;
        while day <= end {
            let e = EraDate::from_date(day).unwrap();
            assert!(e.era().contains(day));
            for s in [e.to_short(), e.to_kanji(), e.to_receipt().unwrap()] {
                assert_eq!(parse_era_date(&s), Ok(day), "{s}");
            }
            let month = parse_gyymm(&format_gyymm(day).unwrap()).unwrap();
            assert!(month.first_day() <= day && day <= month.last_day());
            day = day.succ_opt().unwrap();
            n += 1;
        }
        assert_eq!(n, end.signed_duration_since(d(1873, 1, 1)).num_days() + 1);
    }
}

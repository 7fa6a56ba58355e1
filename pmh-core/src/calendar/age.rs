//! 年齢計算 (legal age) and 接種間隔 (interval) arithmetic.
//!
//! # Age: 年齢計算ニ関スル法律 + 民法143条
//!
//! Age is counted from the day of birth (初日算入), and a period of months or
//! years ends on the day *before* the 応当日 (corresponding day) of the last
//! month; when that month has no 応当日 (born on the 31st, two months later is
//! February) it ends on the last day of that month. A person therefore
//! "reaches" N years (N歳に達する日 / N歳となる日) on the day before the N-th
//! birthday, and a child born on Feb 29 turns a year older on Feb 28 of common
//! years. Municipal practice (MHLW 事務連絡 「定期の予防接種における対象者の解釈について」):
//!
//! | wording | day | function |
//! |---|---|---|
//! | ●歳に至るまで / 達するまで / 未満 | through [`reaches_years`] (inclusive) | `reaches_years(b, n)` |
//! | ●歳以上 | from [`reaches_years`] | `reaches_years(b, n)` |
//! | ●歳に至った日の翌日 | the birthday itself | `reaches_years(b, n)` + 1 day |
//! | 生後N月から生後M月に至るまで | [`reaches_months`]`(N)` … [`reaches_months`]`(M)` | |
//! | 出生N週M日後 | birth + 7N + M days (birth day = 0週0日) | [`weeks_days_after`] |
//!
//! # Intervals: 「N日以上」「N月以上」「N月半」
//!
//! [`after_days`], [`after_months`], [`after_months_and_half`] give the first
//! day the next dose is allowed. Japan has no grace period (unlike CDC CDSi's
//! 4-day rule): a dose before that day is not a routine (定期) dose.
//!
//! All functions return `None` instead of panicking when a date would leave
//! chrono's range (years beyond ±262,000).

use chrono::{Datelike, Days, NaiveDate};

use super::era::days_in_month;

/// (year, month) `n` months after the month of `date`.
fn shift_month(date: NaiveDate, n: u32) -> Option<(i32, u32)> {
    let total = i64::from(date.year()) * 12 + i64::from(date.month0()) + i64::from(n);
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
    Some((year, month))
}

/// N月に達する日 (the day a person reaches N months of age): the day before the
/// N-month 応当日, or the last day of that month when it has no 応当日 (民法143条).
///
/// `n = 0` gives the day before birth (age 0 months starts at birth).
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::reaches_months;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// // Hib/PCV 生後2月: born 2018-04-01 → 2018-05-31.
/// assert_eq!(reaches_months(d(2018, 4, 1), 2), Some(d(2018, 5, 31)));
/// // No Feb 31: born 2018-12-31 → 生後2月 = 2019-02-28 (Atsugi worked example).
/// assert_eq!(reaches_months(d(2018, 12, 31), 2), Some(d(2019, 2, 28)));
/// ```
pub fn reaches_months(birth: NaiveDate, n: u32) -> Option<NaiveDate> {
    let (year, month) = shift_month(birth, n)?;
    let dim = days_in_month(year, month)?;
    if birth.day() <= dim {
        NaiveDate::from_ymd_opt(year, month, birth.day())?.pred_opt()
    } else {
        NaiveDate::from_ymd_opt(year, month, dim)
    }
}

/// N歳に達する日 / N歳となる日 (the day a person reaches N years of age): the day
/// before the N-th birthday; for a Feb 29 birth in a common year, Feb 28.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::reaches_years;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// assert_eq!(reaches_years(d(2020, 4, 1), 1), Some(d(2021, 3, 31)));
/// assert_eq!(reaches_years(d(2020, 2, 29), 1), Some(d(2021, 2, 28)));
/// assert_eq!(reaches_years(d(2020, 2, 29), 4), Some(d(2024, 2, 28)));
/// ```
pub fn reaches_years(birth: NaiveDate, n: u32) -> Option<NaiveDate> {
    reaches_months(birth, n.checked_mul(12)?)
}

/// 満月齢 (age in full months) on `date` under the legal rule; `None` before birth.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::age_months_on;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let birth = d(2018, 4, 1);
/// assert_eq!(age_months_on(birth, d(2018, 5, 30)), Some(1));
/// assert_eq!(age_months_on(birth, d(2018, 5, 31)), Some(2));
/// assert_eq!(age_months_on(birth, d(2018, 3, 31)), None);
/// ```
pub fn age_months_on(birth: NaiveDate, date: NaiveDate) -> Option<u32> {
    if date < birth {
        return None;
    }
    let diff = (i64::from(date.year()) - i64::from(birth.year())) * 12 + i64::from(date.month())
        - i64::from(birth.month());
    // reaches_months(k) lies in the month of the k-th 応当日 or the month before
    // (birth on the 1st), so the answer is diff + 1, diff or diff − 1.
    let mut k = u32::try_from(diff.max(0) + 1).ok()?;
    while k > 0 {
        match reaches_months(birth, k) {
            Some(reached) if reached <= date => break,
            _ => k -= 1,
        }
    }
    Some(k)
}

/// 満年齢 (age in full years) on `date` under the legal rule; `None` before birth.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::age_on;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// assert_eq!(age_on(d(2020, 4, 1), d(2021, 3, 30)), Some(0));
/// assert_eq!(age_on(d(2020, 4, 1), d(2021, 3, 31)), Some(1));
/// ```
pub fn age_on(birth: NaiveDate, date: NaiveDate) -> Option<u32> {
    age_months_on(birth, date).map(|m| m / 12)
}

/// 年齢（歳・か月） (age in years and months), e.g. 1歳6か月.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct YearsMonths {
    /// 歳 (full years).
    pub years: u32,
    /// か月 (full months beyond the years, 0..=11).
    pub months: u32,
}

/// 年齢（歳・か月） on `date` (e.g. for 1歳6か月児健診); `None` before birth.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::{age_on_with_months, YearsMonths};
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// assert_eq!(
///     age_on_with_months(d(2022, 10, 15), d(2024, 4, 14)),
///     Some(YearsMonths { years: 1, months: 6 })
/// );
/// ```
pub fn age_on_with_months(birth: NaiveDate, date: NaiveDate) -> Option<YearsMonths> {
    age_months_on(birth, date).map(|m| YearsMonths {
        years: m / 12,
        months: m % 12,
    })
}

/// 「N日以上の間隔」 (interval of at least N days): the first allowed day is
/// `date + (N + 1)` days, since N whole days must lie between the doses.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::after_days;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// assert_eq!(after_days(d(2024, 4, 1), 27), Some(d(2024, 4, 29)));
/// ```
pub fn after_days(date: NaiveDate, n: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(n) + 1))
}

/// 「N月以上の間隔」 (interval of at least N months): the first allowed day is
/// the same day of the month N months later; when that day does not exist,
/// the 1st of the following month (MHLW HPV material: Nov 30 + 3 months →
/// Mar 1; Natori and Kobe agree).
///
/// Minamikyushu instead allows the month end (Aug 30 + 6 months → Feb 28);
/// this library follows MHLW.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::after_months;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// assert_eq!(after_months(d(2024, 4, 1), 3), Some(d(2024, 7, 1)));
/// assert_eq!(after_months(d(2023, 11, 30), 3), Some(d(2024, 3, 1)));
/// assert_eq!(after_months(d(2023, 8, 31), 6), Some(d(2024, 3, 1)));
/// ```
pub fn after_months(date: NaiveDate, n: u32) -> Option<NaiveDate> {
    let (year, month) = shift_month(date, n)?;
    let dim = days_in_month(year, month)?;
    if date.day() <= dim {
        NaiveDate::from_ymd_opt(year, month, date.day())
    } else {
        NaiveDate::from_ymd_opt(year, month, dim)?.succ_opt()
    }
}

/// 「N月半以上の間隔」 (interval of at least N and a half months): [`after_months`]
/// then half of the month that day falls in — 14 days in a 28-day month, 15 in
/// a 29- or 30-day month, 16 in a 31-day month (MHLW 第52回基本方針部会 資料5).
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::after_months_and_half;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// assert_eq!(after_months_and_half(d(2024, 4, 1), 2), Some(d(2024, 6, 16)));
/// ```
pub fn after_months_and_half(date: NaiveDate, n: u32) -> Option<NaiveDate> {
    let base = after_months(date, n)?;
    let half = match days_in_month(base.year(), base.month())? {
        28 => 14,
        31 => 16,
        _ => 15,
    };
    base.checked_add_days(Days::new(half))
}

/// 出生N週M日後 (N weeks M days after birth, e.g. ロタ 出生6週0日後): birth + 7N + M
/// days; the birth day is 0週0日 and both "から" and "まで" include the day.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::weeks_days_after;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// // 6週0日後 = the 6th same weekday after birth.
/// assert_eq!(weeks_days_after(d(2024, 4, 1), 6, 0), Some(d(2024, 5, 13)));
/// ```
pub fn weeks_days_after(birth: NaiveDate, weeks: u32, days: u32) -> Option<NaiveDate> {
    birth.checked_add_days(Days::new(u64::from(weeks) * 7 + u64::from(days)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn worked_examples_immunization_1_1() {
        // Tome: born 2020-04-01 reaches 1 year on 2021-03-31.
        assert_eq!(reaches_years(d(2020, 4, 1), 1), Some(d(2021, 3, 31)));
        // Atsugi: born 2018-04-01, Hib/PCV 生後2月～生後60月に至るまで.
        let b = d(2018, 4, 1);
        assert_eq!(reaches_months(b, 2), Some(d(2018, 5, 31)));
        assert_eq!(reaches_months(b, 60), Some(d(2023, 3, 31)));
        // 4種混合 生後3月～90月.
        assert_eq!(reaches_months(b, 3), Some(d(2018, 6, 30)));
        assert_eq!(reaches_months(b, 90), Some(d(2025, 9, 30)));
        // born 2018-12-31 → 生後2月 = 2019-02-28.
        assert_eq!(reaches_months(d(2018, 12, 31), 2), Some(d(2019, 2, 28)));
        // Rota Q&A: 生後2月, Jul 31 → Sep 30.
        assert_eq!(reaches_months(d(2020, 7, 31), 2), Some(d(2020, 9, 30)));
        // Rota: 14週6日後 = day before the 15th same weekday.
        let birth = d(2020, 8, 3);
        let w = weeks_days_after(birth, 14, 6).unwrap();
        assert_eq!(
            w.succ_opt().unwrap(),
            weeks_days_after(birth, 15, 0).unwrap()
        );
        assert_eq!(
            weeks_days_after(birth, 15, 0).unwrap().weekday(),
            birth.weekday()
        );
        assert_eq!(weeks_days_after(birth, 0, 0), Some(birth));
        assert_eq!(weeks_days_after(birth, 0, 1), Some(d(2020, 8, 4)));
        assert_eq!(
            weeks_days_after(birth, 6, 0).unwrap().weekday(),
            Weekday::Mon
        );
    }

    #[test]
    fn month_ends() {
        // Jan 31 + 1 month: no Feb 31 → end of February.
        assert_eq!(reaches_months(d(2023, 1, 31), 1), Some(d(2023, 2, 28)));
        assert_eq!(reaches_months(d(2024, 1, 31), 1), Some(d(2024, 2, 29)));
        assert_eq!(reaches_months(d(2024, 1, 30), 1), Some(d(2024, 2, 29)));
        assert_eq!(reaches_months(d(2023, 1, 29), 1), Some(d(2023, 2, 28)));
        assert_eq!(reaches_months(d(2023, 1, 28), 1), Some(d(2023, 2, 27)));
        // Aug 31 births.
        assert_eq!(reaches_months(d(2023, 8, 31), 1), Some(d(2023, 9, 30)));
        assert_eq!(reaches_months(d(2023, 8, 31), 2), Some(d(2023, 10, 30)));
        assert_eq!(reaches_months(d(2023, 8, 31), 6), Some(d(2024, 2, 29)));
        // Dec 31 births cross the year.
        assert_eq!(reaches_months(d(2023, 12, 31), 1), Some(d(2024, 1, 30)));
        assert_eq!(reaches_years(d(2023, 12, 31), 1), Some(d(2024, 12, 30)));
        // 1st-of-month births reach months at the end of the previous month.
        assert_eq!(reaches_months(d(2024, 3, 1), 1), Some(d(2024, 3, 31)));
        assert_eq!(reaches_years(d(2024, 1, 1), 1), Some(d(2024, 12, 31)));
        assert_eq!(reaches_months(d(2024, 3, 15), 0), Some(d(2024, 3, 14)));
    }

    #[test]
    fn leap_day_births() {
        let b = d(2020, 2, 29);
        assert_eq!(reaches_years(b, 1), Some(d(2021, 2, 28)));
        assert_eq!(age_on(b, d(2021, 2, 27)), Some(0));
        assert_eq!(age_on(b, d(2021, 2, 28)), Some(1));
        assert_eq!(age_on(b, d(2023, 2, 28)), Some(3));
        assert_eq!(age_on(b, d(2024, 2, 27)), Some(3));
        assert_eq!(age_on(b, d(2024, 2, 28)), Some(4));
        assert_eq!(age_on(b, d(2024, 2, 29)), Some(4));
    }

    #[test]
    fn ages() {
        let b = d(2018, 4, 1);
        assert_eq!(age_on(b, b), Some(0));
        assert_eq!(age_months_on(b, b), Some(0));
        assert_eq!(age_on(b, d(2018, 3, 31)), None);
        assert_eq!(age_months_on(b, d(2018, 4, 29)), Some(0));
        assert_eq!(age_months_on(b, d(2018, 4, 30)), Some(1));
        assert_eq!(age_months_on(b, d(2023, 3, 30)), Some(59));
        assert_eq!(age_months_on(b, d(2023, 3, 31)), Some(60));
        assert_eq!(age_on(b, d(2023, 3, 31)), Some(5));
        assert_eq!(
            age_on_with_months(b, d(2019, 9, 30)),
            Some(YearsMonths {
                years: 1,
                months: 6
            })
        );
        assert_eq!(
            age_on_with_months(b, d(2019, 9, 29)),
            Some(YearsMonths {
                years: 1,
                months: 5
            })
        );
        let b = d(2018, 12, 31);
        assert_eq!(age_months_on(b, d(2019, 2, 27)), Some(1));
        assert_eq!(age_months_on(b, d(2019, 2, 28)), Some(2));
        assert_eq!(age_months_on(b, d(2019, 3, 29)), Some(2));
        assert_eq!(age_months_on(b, d(2019, 3, 30)), Some(3));
        assert_eq!(age_on(d(1950, 6, 15), d(2025, 6, 14)), Some(75));
        assert_eq!(age_on(d(1950, 6, 15), d(2025, 6, 13)), Some(74));
    }

    /// age_months_on agrees with a brute-force search over reaches_months.
    #[test]
    fn age_matches_reaches_for_many_births() {
        let mut birth = d(2019, 12, 1);
        while birth <= d(2021, 3, 31) {
            let mut k = 0;
            let mut day = birth;
            while day <= d(2023, 6, 30) {
                while reaches_months(birth, k + 1).unwrap() <= day {
                    k += 1;
                }
                assert_eq!(age_months_on(birth, day), Some(k), "{birth} {day}");
                day = day.checked_add_days(Days::new(5)).unwrap();
            }
            birth = birth.succ_opt().unwrap();
        }
    }

    #[test]
    fn intervals() {
        assert_eq!(after_days(d(2024, 4, 1), 27), Some(d(2024, 4, 29)));
        assert_eq!(after_days(d(2024, 4, 1), 20), Some(d(2024, 4, 22)));
        assert_eq!(after_days(d(2024, 4, 1), 6), Some(d(2024, 4, 8)));
        // 139日以上 = 20 weeks later, same weekday.
        let x = d(2024, 4, 1);
        assert_eq!(after_days(x, 139), x.checked_add_days(Days::new(140)));
        assert_eq!(after_months(d(2024, 4, 1), 3), Some(d(2024, 7, 1)));
        assert_eq!(after_months(d(2023, 11, 30), 3), Some(d(2024, 3, 1)));
        assert_eq!(after_months(d(2024, 11, 30), 3), Some(d(2025, 3, 1)));
        assert_eq!(after_months(d(2023, 11, 29), 3), Some(d(2024, 2, 29)));
        assert_eq!(after_months(d(2024, 8, 31), 6), Some(d(2025, 3, 1)));
        assert_eq!(after_months(d(2024, 8, 30), 6), Some(d(2025, 3, 1)));
        assert_eq!(after_months(d(2024, 1, 31), 1), Some(d(2024, 3, 1)));
        assert_eq!(after_months(d(2024, 3, 31), 1), Some(d(2024, 5, 1)));
        assert_eq!(after_months(d(2024, 12, 31), 1), Some(d(2025, 1, 31)));
        assert_eq!(after_months(d(2024, 5, 15), 0), Some(d(2024, 5, 15)));
        assert_eq!(
            after_months_and_half(d(2024, 4, 1), 2),
            Some(d(2024, 6, 16))
        );
        assert_eq!(
            after_months_and_half(d(2024, 5, 1), 2),
            Some(d(2024, 7, 17))
        );
        assert_eq!(
            after_months_and_half(d(2023, 12, 1), 2),
            Some(d(2024, 2, 16))
        );
        assert_eq!(
            after_months_and_half(d(2022, 12, 1), 2),
            Some(d(2023, 2, 15))
        );
    }

    #[test]
    fn extreme_inputs_do_not_panic() {
        let max = NaiveDate::MAX;
        assert_eq!(reaches_years(max, 1), None);
        assert_eq!(reaches_years(d(2020, 1, 1), u32::MAX), None);
        assert_eq!(reaches_months(d(2020, 1, 1), u32::MAX), None);
        assert_eq!(after_days(max, 0), None);
        assert_eq!(after_months(max, 1), None);
        assert_eq!(after_months_and_half(max, 0), None);
        assert_eq!(weeks_days_after(max, u32::MAX, u32::MAX), None);
        assert_eq!(age_on(NaiveDate::MIN, max).map(|a| a > 500_000), Some(true));
        assert_eq!(age_months_on(max, NaiveDate::MIN), None);
        assert_eq!(age_months_on(max, max), Some(0));
    }
}

//! 年度 (fiscal / school year): April 1 – March 31, named by the year it starts in.
//!
//! Used by fiscal-year windows such as HPV 「12歳となる日の属する年度の初日から
//! 16歳となる日の属する年度の末日まで」 and MR 2期 (the year before 小学校就学).

use chrono::{Datelike, NaiveDate};

use super::age::reaches_years;

/// 年度 (fiscal year) of a day: the calendar year for April–December, the
/// previous one for January–March.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::fiscal_year;
/// assert_eq!(fiscal_year(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()), 2024);
/// assert_eq!(fiscal_year(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap()), 2025);
/// ```
pub fn fiscal_year(date: NaiveDate) -> i32 {
    // chrono's years stay far from i32::MIN, so `- 1` cannot overflow.
    if date.month() >= 4 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// 年度の初日 (first day of fiscal year `fy`): April 1 of `fy`; `None` outside chrono's range.
///
/// ```
/// use pmh_core::calendar::fiscal_year_start;
/// assert_eq!(fiscal_year_start(2024).unwrap().to_string(), "2024-04-01");
/// ```
pub fn fiscal_year_start(fy: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(fy, 4, 1)
}

/// 年度の末日 (last day of fiscal year `fy`): March 31 of `fy + 1`; `None` outside chrono's range.
///
/// ```
/// use pmh_core::calendar::fiscal_year_end;
/// assert_eq!(fiscal_year_end(2024).unwrap().to_string(), "2025-03-31");
/// ```
pub fn fiscal_year_end(fy: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(fy.checked_add(1)?, 3, 31)
}

/// N歳となる日の属する年度 (fiscal year in which a person reaches N years).
///
/// "N歳となる日" is the day *before* the N-th birthday ([`reaches_years`]), so
/// someone born on April 1 belongs to the earlier year (早生まれ).
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::fiscal_year_reaching;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// // HPV: 12歳となる日 of a 2012-04-01 birth is 2024-03-31 → FY2023 (小6 in FY2023).
/// assert_eq!(fiscal_year_reaching(d(2012, 4, 1), 12), Some(2023));
/// assert_eq!(fiscal_year_reaching(d(2012, 4, 2), 12), Some(2024));
/// ```
pub fn fiscal_year_reaching(birth: NaiveDate, n: u32) -> Option<i32> {
    reaches_years(birth, n).map(fiscal_year)
}

/// 小学校就学の始期 (school entry day): the first April 1 after the day the
/// child reaches 6 years (学校教育法 第17条 「満六歳に達した日の翌日以後における
/// 最初の学年の初め」). MR 2期 is the fiscal year before it.
///
/// ```
/// use chrono::NaiveDate;
/// use pmh_core::calendar::school_entry;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// assert_eq!(school_entry(d(2018, 4, 1)), Some(d(2024, 4, 1)));
/// assert_eq!(school_entry(d(2018, 4, 2)), Some(d(2025, 4, 1)));
/// ```
pub fn school_entry(birth: NaiveDate) -> Option<NaiveDate> {
    fiscal_year_start(fiscal_year_reaching(birth, 6)?.checked_add(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn fiscal_year_boundaries() {
        assert_eq!(fiscal_year(d(2024, 1, 1)), 2023);
        assert_eq!(fiscal_year(d(2024, 3, 31)), 2023);
        assert_eq!(fiscal_year(d(2024, 4, 1)), 2024);
        assert_eq!(fiscal_year(d(2024, 12, 31)), 2024);
        assert_eq!(fiscal_year_start(2019), Some(d(2019, 4, 1)));
        assert_eq!(fiscal_year_end(2019), Some(d(2020, 3, 31)));
        assert_eq!(fiscal_year_start(i32::MAX), None);
        assert_eq!(fiscal_year_end(i32::MAX), None);
        assert_eq!(fiscal_year(NaiveDate::MIN), NaiveDate::MIN.year() - 1);
        let mut day = d(2000, 1, 1);
        while day < d(2030, 1, 1) {
            let fy = fiscal_year(day);
            assert!(fiscal_year_start(fy).unwrap() <= day && day <= fiscal_year_end(fy).unwrap());
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn hpv_window_school_years() {
        // 12歳となる日の属する年度の初日 … 16歳となる日の属する年度の末日 (小6 … 高1).
        let window = |b| {
            let start = fiscal_year_start(fiscal_year_reaching(b, 12).unwrap()).unwrap();
            let end = fiscal_year_end(fiscal_year_reaching(b, 16).unwrap()).unwrap();
            (start, end)
        };
        assert_eq!(window(d(2012, 4, 1)), (d(2023, 4, 1), d(2028, 3, 31)));
        assert_eq!(window(d(2012, 4, 2)), (d(2024, 4, 1), d(2029, 3, 31)));
        assert_eq!(window(d(2013, 3, 31)), (d(2024, 4, 1), d(2029, 3, 31)));
        // Feb 29 birth: 12歳となる日 = Feb 28.
        assert_eq!(fiscal_year_reaching(d(2012, 2, 29), 12), Some(2023));
        // Same cohort as school entry: born 2012-04-02 … 2013-04-01 enter in 2019.
        assert_eq!(school_entry(d(2012, 4, 2)), Some(d(2019, 4, 1)));
        assert_eq!(school_entry(d(2013, 4, 1)), Some(d(2019, 4, 1)));
        assert_eq!(school_entry(d(2013, 4, 2)), Some(d(2020, 4, 1)));
        assert_eq!(school_entry(NaiveDate::MAX), None);
    }
}

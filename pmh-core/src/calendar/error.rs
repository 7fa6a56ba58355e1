//! Errors of the calendar module and their validation [`Rule`]s.
//!
//! Messages are static text: they never repeat the input, which is often a
//! birth date (personal data).

use crate::validate::Rule;

/// 暦エラーの規則 (calendar validation rules): one [`Rule`] per [`CalendarError`].
///
/// ```
/// use pmh_core::calendar::rules;
/// assert_eq!(rules::OUTSIDE_ERA.code, "calendar.outside_era");
/// ```
pub mod rules {
    use crate::validate::Rule;

    /// 書式不正 (unrecognized format).
    pub const FORMAT: Rule = Rule::error(
        "calendar.format",
        "日付の書式が正しくありません（例: 2024-04-01, R6.4.1, 令和6年4月1日, 5060401）。",
        "The date is not in a recognized format (e.g. 2024-04-01, R6.4.1, 令和6年4月1日, 5060401).",
    );
    /// 元号不明 (unknown era name, letter or code).
    pub const ERA_UNKNOWN: Rule = Rule::error(
        "calendar.era_unknown",
        "元号が不明です（明治・大正・昭和・平成・令和、M/T/S/H/R、1〜5 のいずれか）。",
        "Unknown era (expected 明治/大正/昭和/平成/令和, M/T/S/H/R or code 1-5).",
    );
    /// 元号の期間外 (date outside its era).
    pub const OUTSIDE_ERA: Rule = Rule::error(
        "calendar.outside_era",
        "日付がその元号の期間外です。",
        "The date lies outside the era it is written in.",
    );
    /// 存在しない日付 (no such calendar date).
    pub const INVALID_DATE: Rule = Rule::error(
        "calendar.invalid_date",
        "存在しない日付です（月・日の範囲やうるう年を確認してください）。",
        "No such calendar date (check month, day and leap year).",
    );
    /// 0年 (era year zero; the first year is 元年 = 1).
    pub const YEAR_ZERO: Rule = Rule::error(
        "calendar.year_zero",
        "元号の年は1（元年）から始まります。0年はありません。",
        "Era years start at 1 (元年); there is no year 0.",
    );
    /// 対応範囲外 (outside the supported range).
    pub const OUT_OF_RANGE: Rule = Rule::error(
        "calendar.out_of_range",
        "対応範囲外の日付です（明治6年1月1日＝1873-01-01 の太陽暦採用以降、レセプト形式は元号の年99年まで）。",
        "The date is outside the supported range (from 1873-01-01, when Japan adopted the \
         Gregorian calendar; the receipt form holds era years up to 99).",
    );
    /// 精度不足 (a full date was required, but only a year or year-month was given).
    pub const PRECISION: Rule = Rule::error(
        "calendar.precision",
        "年月日まで指定してください（年または年月のみです）。",
        "A full date (year, month and day) is required; only a year or a month was given.",
    );
}

/// 暦エラー (calendar error): why a date could not be parsed, formatted or computed.
///
/// Each variant has a stable code ([`CalendarError::code`]) and a bilingual
/// [`Rule`] ([`CalendarError::rule`]); the message never contains the input.
///
/// ```
/// use pmh_core::calendar::{parse_era_date, CalendarError};
/// let err = parse_era_date("平成31年5月1日").unwrap_err();
/// assert_eq!(err, CalendarError::OutsideEra);
/// assert_eq!(err.code(), "calendar.outside_era");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum CalendarError {
    /// 書式不正 (`calendar.format`): the text is in no recognized form.
    #[error("{}", rules::FORMAT.message_en)]
    Format,
    /// 元号不明 (`calendar.era_unknown`): unknown era name, letter or receipt code.
    #[error("{}", rules::ERA_UNKNOWN.message_en)]
    EraUnknown,
    /// 元号の期間外 (`calendar.outside_era`): e.g. 平成31年5月1日 or 令和元年4月30日.
    #[error("{}", rules::OUTSIDE_ERA.message_en)]
    OutsideEra,
    /// 存在しない日付 (`calendar.invalid_date`): month 13, day 0, Feb 29 in a common year, …
    #[error("{}", rules::INVALID_DATE.message_en)]
    InvalidDate,
    /// 0年 (`calendar.year_zero`): era year 0.
    #[error("{}", rules::YEAR_ZERO.message_en)]
    YearZero,
    /// 対応範囲外 (`calendar.out_of_range`): before 1873-01-01, beyond chrono's range, or an
    /// era year above 99 in the receipt form.
    #[error("{}", rules::OUT_OF_RANGE.message_en)]
    OutOfRange,
    /// 精度不足 (`calendar.precision`): a full date was required.
    #[error("{}", rules::PRECISION.message_en)]
    Precision,
}

impl CalendarError {
    /// The validation rule (code, severity, ja/en message) of this error.
    ///
    /// ```
    /// use pmh_core::calendar::CalendarError;
    /// assert_eq!(CalendarError::YearZero.rule().code, "calendar.year_zero");
    /// ```
    pub const fn rule(self) -> &'static Rule {
        match self {
            CalendarError::Format => &rules::FORMAT,
            CalendarError::EraUnknown => &rules::ERA_UNKNOWN,
            CalendarError::OutsideEra => &rules::OUTSIDE_ERA,
            CalendarError::InvalidDate => &rules::INVALID_DATE,
            CalendarError::YearZero => &rules::YEAR_ZERO,
            CalendarError::OutOfRange => &rules::OUT_OF_RANGE,
            CalendarError::Precision => &rules::PRECISION,
        }
    }

    /// Stable machine-readable code, e.g. `calendar.invalid_date`.
    ///
    /// ```
    /// use pmh_core::calendar::CalendarError;
    /// assert_eq!(CalendarError::Format.code(), "calendar.format");
    /// ```
    pub const fn code(self) -> &'static str {
        self.rule().code
    }

    /// The error as a validation [`Issue`](crate::validate::Issue) at `path` (a JSON Pointer).
    ///
    /// ```
    /// use pmh_core::calendar::CalendarError;
    /// let issue = CalendarError::InvalidDate.at("/birthDate");
    /// assert_eq!(issue.code, "calendar.invalid_date");
    /// assert_eq!(issue.path, "/birthDate");
    /// ```
    pub fn at(self, path: impl Into<String>) -> crate::validate::Issue {
        self.rule().at(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_prefixed() {
        let all = [
            CalendarError::Format,
            CalendarError::EraUnknown,
            CalendarError::OutsideEra,
            CalendarError::InvalidDate,
            CalendarError::YearZero,
            CalendarError::OutOfRange,
            CalendarError::Precision,
        ];
        let mut codes: Vec<_> = all.iter().map(|e| e.code()).collect();
        assert!(codes.iter().all(|c| c.starts_with("calendar.")));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert_eq!(
            CalendarError::OutsideEra.to_string(),
            rules::OUTSIDE_ERA.message_en
        );
    }
}

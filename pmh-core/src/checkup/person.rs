//! 受診者 (the person examined): date of birth and sex, nothing else.
//!
//! Checkup records carry no name or address; the hub links them to a person by
//! other means. Even so, birth date and sex are personal data: `Debug` redacts them.

use super::fields::{self, Obj};
use super::rules;
use crate::validate::Report;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// 性別 (sex) as PMH codes it: `"1"` male (男), `"2"` female (女).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    /// 男 (`"1"`).
    #[serde(rename = "1")]
    Male,
    /// 女 (`"2"`).
    #[serde(rename = "2")]
    Female,
}

impl Sex {
    /// Parses the wire code `"1"` / `"2"`.
    ///
    /// ```
    /// use pmh_core::checkup::Sex;
    /// assert_eq!(Sex::from_code("2"), Some(Sex::Female));
    /// assert_eq!(Sex::from_code("M"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Sex> {
        match code {
            "1" => Some(Sex::Male),
            "2" => Some(Sex::Female),
            _ => None,
        }
    }

    /// The wire code.
    pub const fn code(self) -> &'static str {
        match self {
            Sex::Male => "1",
            Sex::Female => "2",
        }
    }
}

/// 受診者 (person examined): the child, or the mother for 妊婦・産婦健診.
///
/// `Debug` redacts both fields.
///
/// ```
/// use pmh_core::checkup::Person;
/// let p: Person = serde_json::from_value(serde_json::json!({"birthDate": "2025-04-10", "sex": "1"})).unwrap();
/// assert_eq!(p.birth_date.to_string(), "2025-04-10");
/// assert!(!format!("{p:?}").contains("2025"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    /// 生年月日 (date of birth).
    pub birth_date: NaiveDate,
    /// 性別 (sex); optional for the mother.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
}

impl fmt::Debug for Person {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Person")
            .field("birth_date", &"<redacted>")
            .field("sex", &"<redacted>")
            .finish()
    }
}

/// What a validator read from `person`.
#[derive(Clone, Copy, Default)]
pub(crate) struct PersonRead {
    pub birth: Option<chrono::NaiveDate>,
    pub sex: Option<Sex>,
}

/// Validates `person` at `base` (`{"birthDate", "sex"}`); `sex` is required for
/// children (growth references are by sex) and optional for the mother.
pub(crate) fn read(obj: &Obj, base: &str, mother: bool, report: &mut Report) -> PersonRead {
    let Some(p) = fields::object(obj, base, "person", true, report) else {
        return PersonRead::default();
    };
    let path = fields::join(base, "person");
    fields::unknown_fields(p, &path, &["birthDate", "sex"], report);
    let birth = fields::date(p, &path, "birthDate", true, report);
    let sex = fields::string(p, &path, "sex", !mother, report).and_then(|s| {
        let sex = Sex::from_code(s);
        if sex.is_none() {
            report.push(&rules::SEX, fields::join(&path, "sex"));
        }
        sex
    });
    if mother && sex == Some(Sex::Male) {
        report.push(&rules::SEX_MOTHER, fields::join(&path, "sex"));
    }
    PersonRead { birth, sex }
}

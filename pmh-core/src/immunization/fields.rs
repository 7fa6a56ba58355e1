//! Reading JSON members with one-pass reporting (JSON Pointer paths).

use super::rules;
use crate::calendar::parse_iso_date;
use crate::validate::{push_token, Report, Rule};
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// A JSON object being validated at `base`, reporting into `report`.
pub(crate) struct Obj<'a, 'r> {
    pub obj: &'a Map<String, Value>,
    pub base: String,
    pub report: &'r mut Report,
}

impl<'a, 'r> Obj<'a, 'r> {
    /// `value` as an object at `base`, or a `not_object` issue.
    pub fn new(value: &'a Value, base: &str, report: &'r mut Report) -> Option<Self> {
        match value.as_object() {
            Some(obj) => Some(Obj {
                obj,
                base: base.to_owned(),
                report,
            }),
            None => {
                report.push(&rules::NOT_OBJECT, base);
                None
            }
        }
    }

    pub fn path(&self, key: &str) -> String {
        let mut p = String::with_capacity(self.base.len() + key.len() + 1);
        p.push_str(&self.base);
        push_token(&mut p, key);
        p
    }

    pub fn push(&mut self, rule: &Rule, key: &str) {
        let p = self.path(key);
        self.report.push(rule, p);
    }

    pub fn unknown_fields(&mut self, known: &[&str]) {
        let obj = self.obj;
        for k in obj.keys() {
            if !known.contains(&k.as_str()) {
                self.push(&rules::UNKNOWN_FIELD, k);
            }
        }
    }

    pub fn get(&mut self, key: &str, required: bool) -> Option<&'a Value> {
        let v = self.obj.get(key).filter(|v| !v.is_null());
        if v.is_none() && required {
            self.push(&rules::REQUIRED, key);
        }
        v
    }

    fn typed<T>(
        &mut self,
        key: &str,
        required: bool,
        f: impl Fn(&'a Value) -> Option<T>,
    ) -> Option<T> {
        let v = self.get(key, required)?;
        let t = f(v);
        if t.is_none() {
            self.push(&rules::TYPE, key);
        }
        t
    }

    pub fn string(&mut self, key: &str, required: bool) -> Option<&'a str> {
        self.typed(key, required, Value::as_str)
    }

    /// A non-empty string of at most `max` characters.
    pub fn text(&mut self, key: &str, required: bool, max: usize) -> Option<&'a str> {
        let s = self.string(key, required)?;
        if s.trim().is_empty() || s.chars().count() > max {
            self.push(&rules::LENGTH, key);
            return None;
        }
        Some(s)
    }

    pub fn boolean(&mut self, key: &str, required: bool) -> Option<bool> {
        self.typed(key, required, Value::as_bool)
    }

    pub fn number(&mut self, key: &str, required: bool) -> Option<f64> {
        self.typed(key, required, Value::as_f64)
    }

    pub fn object(&mut self, key: &str, required: bool) -> Option<&'a Map<String, Value>> {
        self.typed(key, required, Value::as_object)
    }

    pub fn array(&mut self, key: &str, required: bool) -> Option<&'a Vec<Value>> {
        self.typed(key, required, Value::as_array)
    }

    pub fn date(&mut self, key: &str, required: bool) -> Option<NaiveDate> {
        let s = self.string(key, required)?;
        let d = parse_iso_date(s);
        if d.is_none() {
            self.push(&rules::DATE, key);
        }
        d
    }

    /// A string that must be one of `allowed`.
    pub fn one_of(&mut self, key: &str, required: bool, allowed: &[&str]) -> Option<&'a str> {
        let s = self.string(key, required)?;
        if !allowed.contains(&s) {
            self.push(&rules::ENUM, key);
            return None;
        }
        Some(s)
    }
}

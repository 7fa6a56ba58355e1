//! Payload validators by message type (メッセージ種別ごとの検証).

use crate::validate::Report;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// A payload validator: all problems of one payload in a [`Report`].
pub type Validator = dyn Fn(&Value) -> Report + Send + Sync;

/// Whether `text` is a valid message type: 2–16 dot-separated segments of
/// `[a-z][a-z0-9_-]*`, at most 128 bytes (e.g. `subsidy.certificate.register`).
///
/// ```
/// use pmh_core::envelope::is_valid_message_type;
/// assert!(is_valid_message_type("subsidy.certificate.register"));
/// assert!(!is_valid_message_type("Subsidy.Register"));
/// assert!(!is_valid_message_type("single"));
/// assert!(!is_valid_message_type("a..b"));
/// ```
pub fn is_valid_message_type(text: &str) -> bool {
    if text.is_empty() || text.len() > 128 {
        return false;
    }
    let mut segments = 0;
    for seg in text.split('.') {
        segments += 1;
        let b = seg.as_bytes();
        let ok = !b.is_empty()
            && b[0].is_ascii_lowercase()
            && b.iter()
                .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-');
        if !ok {
            return false;
        }
    }
    (2..=16).contains(&segments)
}

/// The payload validators, keyed by message type.
///
/// [`Validators::default()`] holds the built-in domain validators (the table
/// [`crate::messages::MESSAGE_TYPES`]); [`Validators::new()`] is empty. Both [`crate::envelope::seal()`]
/// and [`crate::envelope::open()`] run the validator of the message type.
///
/// ```
/// use pmh_core::envelope::Validators;
/// use pmh_core::validate::{Report, Rule};
///
/// const NO_NAME: Rule = Rule::error("test.name.missing", "名前がありません。", "The name is missing.");
/// let mut validators = Validators::new();
/// validators
///     .register("test.greeting", |payload| {
///         let mut report = Report::new();
///         if payload.get("name").is_none() {
///             report.push(&NO_NAME, "/name");
///         }
///         report
///     })
///     .unwrap();
/// assert!(validators.contains("test.greeting"));
/// let report = validators.validate("test.greeting", &serde_json::json!({})).unwrap();
/// assert!(report.has_at("test.name.missing", "/name"));
/// assert!(validators.validate("test.other", &serde_json::json!({})).is_none());
/// ```
pub struct Validators {
    by_type: BTreeMap<String, Box<Validator>>,
}

impl Validators {
    /// No validators at all.
    pub fn new() -> Validators {
        Validators {
            by_type: BTreeMap::new(),
        }
    }

    /// The shared built-in set (same content as [`Validators::default()`]).
    pub fn builtin() -> &'static Validators {
        static BUILTIN: OnceLock<Validators> = OnceLock::new();
        BUILTIN.get_or_init(Validators::default)
    }

    /// Registers (or replaces) the validator for `message_type`.
    ///
    /// Fails, registering nothing, when `message_type` is not a valid message type.
    pub fn register<F>(
        &mut self,
        message_type: &str,
        validator: F,
    ) -> Result<&mut Self, InvalidMessageType>
    where
        F: Fn(&Value) -> Report + Send + Sync + 'static,
    {
        if !is_valid_message_type(message_type) {
            return Err(InvalidMessageType);
        }
        self.by_type
            .insert(message_type.to_owned(), Box::new(validator));
        Ok(self)
    }

    /// Whether a validator is registered for `message_type`.
    pub fn contains(&self, message_type: &str) -> bool {
        self.by_type.contains_key(message_type)
    }

    /// Runs the validator for `message_type`; `None` when the type is unknown.
    pub fn validate(&self, message_type: &str, payload: &Value) -> Option<Report> {
        self.by_type.get(message_type).map(|v| v(payload))
    }

    /// The registered message types, sorted.
    pub fn types(&self) -> impl Iterator<Item = &str> {
        self.by_type.keys().map(String::as_str)
    }
}

impl Default for Validators {
    /// The built-in domain validators: every entry of [`crate::messages::MESSAGE_TYPES`].
    ///
    /// ```
    /// use pmh_core::envelope::Validators;
    /// assert!(Validators::default().contains("subsidy.certificate.register"));
    /// ```
    fn default() -> Validators {
        let mut validators = Validators::new();
        for doc in crate::messages::MESSAGE_TYPES {
            let validate = doc.validate;
            // Table names are checked by `builtin_types_are_valid` below.
            let _ = validators.register(doc.name, validate);
        }
        validators
    }
}

impl fmt::Debug for Validators {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.types()).finish()
    }
}

/// A message type that is not `segment.segment…` of `[a-z][a-z0-9_-]*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid message type (expected dot-separated lower-case segments)")]
pub struct InvalidMessageType;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_type_syntax() {
        for ok in ["a.b", "subsidy.certificate.register", "a1.b_c-d"] {
            assert!(is_valid_message_type(ok), "{ok}");
        }
        let long = format!("a.{}", "b".repeat(127));
        for bad in [
            "",
            "a",
            ".a",
            "a.",
            "a.B",
            "1a.b",
            "a.b c",
            "a/b.c",
            long.as_str(),
        ] {
            assert!(!is_valid_message_type(bad), "{bad}");
        }
    }

    #[test]
    fn builtin_types_are_valid() {
        let builtin = Validators::builtin();
        for doc in crate::messages::MESSAGE_TYPES {
            assert!(builtin.contains(doc.name), "{}", doc.name);
        }
    }

    #[test]
    fn register_rejects_bad_type() {
        let mut v = Validators::new();
        assert!(v.register("Bad", |_| Report::new()).is_err());
        assert_eq!(v.types().count(), 0);
        v.register("x.y", |_| Report::new()).unwrap();
        assert_eq!(format!("{v:?}"), r#"{"x.y"}"#);
    }
}

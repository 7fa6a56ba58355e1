//! Validation reports: every problem found in one pass.
//!
//! A [`Report`] collects [`Issue`]s. Each issue carries a stable machine code
//! (e.g. `ids.payer.check_digit`), a JSON Pointer (RFC 6901) to the offending
//! field, a [`Severity`], and a message in Japanese and English.
//!
//! Messages come only from [`Rule`] constants, which are `&'static str`: a
//! message can never contain the offending (possibly personal) value, by
//! construction. Rules live next to the code that checks them (one obvious
//! place for each rule), e.g. `ids::rules`.
//!
//! ```
//! use pmh_core::validate::{Report, Rule, Severity};
//!
//! const TOO_LONG: Rule = Rule::error("example.too_long", "長すぎます。", "The value is too long.");
//! let mut report = Report::new();
//! report.push(&TOO_LONG, "/name");
//! assert!(!report.is_ok());
//! assert_eq!(report.issues()[0].code, "example.too_long");
//! assert_eq!(report.issues()[0].severity, Severity::Error);
//! ```

use serde::Serialize;
use std::fmt::Write as _;

/// How serious an [`Issue`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The data is wrong: it must not be accepted.
    Error,
    /// The data was accepted (possibly after normalization) but deserves attention.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`, as on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A validation rule: stable code, default severity and bilingual message.
///
/// Rules are constants; their messages are static text and therefore never
/// contain personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rule {
    /// Stable machine-readable code, dot-separated (`domain.field.problem`).
    pub code: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Message in Japanese.
    pub message_ja: &'static str,
    /// Message in English.
    pub message_en: &'static str,
}

impl Rule {
    /// A rule whose violations are errors.
    pub const fn error(
        code: &'static str,
        message_ja: &'static str,
        message_en: &'static str,
    ) -> Self {
        Rule {
            code,
            severity: Severity::Error,
            message_ja,
            message_en,
        }
    }

    /// A rule whose violations are warnings.
    pub const fn warning(
        code: &'static str,
        message_ja: &'static str,
        message_en: &'static str,
    ) -> Self {
        Rule {
            code,
            severity: Severity::Warning,
            message_ja,
            message_en,
        }
    }

    /// The same rule with another severity (e.g. lenient modes downgrade errors).
    pub const fn with_severity(self, severity: Severity) -> Self {
        Rule { severity, ..self }
    }

    /// An [`Issue`] for this rule at `path` (a JSON Pointer).
    pub fn at(&self, path: impl Into<String>) -> Issue {
        Issue {
            code: self.code,
            path: path.into(),
            severity: self.severity,
            message_ja: self.message_ja,
            message_en: self.message_en,
        }
    }
}

/// One problem found during validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// Stable machine-readable code.
    pub code: &'static str,
    /// JSON Pointer (RFC 6901) to the field, `""` for the whole document.
    pub path: String,
    /// Error or warning.
    pub severity: Severity,
    /// Message in Japanese (never contains the offending value).
    pub message_ja: &'static str,
    /// Message in English (never contains the offending value).
    pub message_en: &'static str,
}

impl Issue {
    /// Whether this issue is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The same issue with its path placed under `prefix` (a JSON Pointer).
    pub fn prefixed(mut self, prefix: &str) -> Self {
        if !prefix.is_empty() {
            self.path.insert_str(0, prefix);
        }
        self
    }
}

/// All issues found while validating one document, in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    issues: Vec<Issue>,
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Report::default()
    }

    /// Records a violation of `rule` at `path`.
    pub fn push(&mut self, rule: &Rule, path: impl Into<String>) {
        self.issues.push(rule.at(path));
    }

    /// Records an issue as it is.
    pub fn push_issue(&mut self, issue: Issue) {
        self.issues.push(issue);
    }

    /// Appends the issues of `other`, each placed under `prefix`.
    pub fn extend_prefixed(&mut self, prefix: &str, other: impl IntoIterator<Item = Issue>) {
        self.issues
            .extend(other.into_iter().map(|i| i.prefixed(prefix)));
    }

    /// True when no issue is an error (warnings allowed).
    pub fn is_ok(&self) -> bool {
        !self.issues.iter().any(Issue::is_error)
    }

    /// All issues, in the order found.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Consumes the report, giving its issues.
    pub fn into_issues(self) -> Vec<Issue> {
        self.issues
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.issues.iter().filter(|i| i.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.issues.len() - self.error_count()
    }

    /// Whether an issue with `code` was recorded (handy in tests).
    pub fn has(&self, code: &str) -> bool {
        self.issues.iter().any(|i| i.code == code)
    }

    /// Whether an issue with `code` was recorded at `path`.
    pub fn has_at(&self, code: &str, path: &str) -> bool {
        self.issues.iter().any(|i| i.code == code && i.path == path)
    }
}

impl Report {
    /// The report of a document that is not strict JSON (duplicate key,
    /// invalid UTF-8, syntax error, ...): one error with the `json.*` code of
    /// `error`, at the document root. The message never quotes the input.
    ///
    /// ```
    /// use pmh_core::canon::{parse_strict, Limits};
    /// use pmh_core::validate::Report;
    /// let e = parse_strict(br#"{"a": 1, "a": 2}"#, &Limits::default()).unwrap_err();
    /// let r = Report::from_json_error(&e);
    /// assert!(r.has_at("json.duplicate_key", ""));
    /// assert!(!r.is_ok());
    /// ```
    pub fn from_json_error(error: &crate::canon::JsonError) -> Report {
        let mut report = Report::new();
        report.push_issue(Issue {
            code: error.code(),
            path: String::new(),
            severity: Severity::Error,
            message_ja: "JSONとして読み取れません（重複したキー、不正なUTF-8、構文誤りなど）。",
            message_en:
                "The document is not valid JSON (duplicate key, invalid UTF-8, syntax error, ...).",
        });
        report
    }
}

impl Extend<Issue> for Report {
    fn extend<T: IntoIterator<Item = Issue>>(&mut self, iter: T) {
        self.issues.extend(iter);
    }
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Report", 4)?;
        s.serialize_field("ok", &self.is_ok())?;
        s.serialize_field("errors", &self.error_count())?;
        s.serialize_field("warnings", &self.warning_count())?;
        s.serialize_field("issues", &self.issues)?;
        s.end()
    }
}

/// Builds JSON Pointers (RFC 6901), escaping `~` as `~0` and `/` as `~1`.
///
/// ```
/// use pmh_core::validate::pointer;
/// assert_eq!(pointer(&["basicFiveInfo", "name"]), "/basicFiveInfo/name");
/// assert_eq!(pointer(&["a/b", "m~n"]), "/a~1b/m~0n");
/// ```
pub fn pointer(tokens: &[&str]) -> String {
    let mut out = String::new();
    for t in tokens {
        push_token(&mut out, t);
    }
    out
}

/// Appends one reference token to a JSON Pointer.
///
/// ```
/// use pmh_core::validate::push_token;
/// let mut p = String::from("/certificates");
/// push_token(&mut p, "3");
/// assert_eq!(p, "/certificates/3");
/// ```
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Appends an array index to a JSON Pointer.
pub fn push_index(pointer: &mut String, index: usize) {
    let _ = write!(pointer, "/{index}");
}

#[cfg(test)]
mod tests {
    use super::*;

    const R: Rule = Rule::error("t.err", "エラー", "error");
    const W: Rule = Rule::warning("t.warn", "警告", "warning");

    #[test]
    fn report_counts_and_ok() {
        let mut r = Report::new();
        assert!(r.is_ok());
        r.push(&W, "/a");
        assert!(r.is_ok(), "warnings alone keep a report ok");
        r.push(&R, "/b");
        assert!(!r.is_ok());
        assert_eq!((r.error_count(), r.warning_count()), (1, 1));
        assert!(r.has_at("t.err", "/b"));
        assert!(!r.has_at("t.err", "/a"));
    }

    #[test]
    fn report_serializes_camel_case() {
        let mut r = Report::new();
        r.push(&R, "/x");
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["ok"], false);
        assert_eq!(v["errors"], 1);
        assert_eq!(v["issues"][0]["messageJa"], "エラー");
        assert_eq!(v["issues"][0]["severity"], "error");
        assert_eq!(v["issues"][0]["path"], "/x");
    }

    #[test]
    fn prefixing_and_downgrade() {
        let mut r = Report::new();
        r.extend_prefixed(
            "/certificates/2",
            [R.with_severity(Severity::Warning).at("/myNumber")],
        );
        assert_eq!(r.issues()[0].path, "/certificates/2/myNumber");
        assert!(r.is_ok());
    }

    #[test]
    fn pointer_escapes() {
        assert_eq!(pointer(&[]), "");
        assert_eq!(pointer(&["~/"]), "/~0~1");
        let mut p = String::new();
        push_index(&mut p, 7);
        assert_eq!(p, "/7");
    }
}

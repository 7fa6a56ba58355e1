//! Validated identifiers used in PMH exchanges.
//!
//! | Type | Japanese | Digits | Check |
//! |---|---|---|---|
//! | [`PayerNumber`] | 公費負担者番号 (payer number) | 8 | Luhn over 7 |
//! | [`RecipientNumber`] | 公費受給者番号 (recipient number) | 7 national / 1-30 local | Luhn over 6 (national) |
//! | [`InsurerNumber`] | 保険者番号 (insurer number) | 8, or 6 for 国保 | Luhn over 7 / 5 |
//! | [`InstitutionCode`] | 医療機関コード (institution code) | 10 | Luhn over 9 |
//! | [`MunicipalityCode`] | 全国地方公共団体コード (local government code) | 6 | mod 11 (0 ⇒ 1, 1 ⇒ 0) |
//! | [`MyNumber`] | 個人番号 (My Number) | 12 | mod 11 (0, 1 ⇒ 0) |
//!
//! Each type is a newtype with private fields, built only by parsing:
//! `parse` (or `str::parse`) gives the first error as an [`IdError`];
//! `parse_reporting` records every issue at a JSON Pointer in a
//! [`Report`](crate::validate::Report), for validators of larger documents.
//! Full-width digits (０-９) are accepted, normalized to ASCII, and reported
//! with the warning `ids.fullwidth_digits`. All codes and messages are the
//! [`rules`] constants; messages never contain the input.
//!
//! [`check`] is the generic checker behind `pmh id` and the bindings; it can
//! guess the kind of an identifier from its shape (see [`guess_kind`]).
//!
//! ```
//! use pmh_core::ids::{check, CheckOptions, IdKind};
//! let c = check("88134458", None, &CheckOptions::default());
//! assert_eq!(c.kind, Some(IdKind::Payer));
//! assert!(!c.valid);
//! assert_eq!(c.issues[0].code, "ids.payer.check_digit");
//! ```

use crate::validate::{Issue, Report, Rule, Severity};

pub mod digits;
pub mod rules;
mod tables;

/// Implements `Debug`, `Display`, `AsRef<str>`, `FromStr`, `Serialize`,
/// `Deserialize`, `parse` and `parse_reporting` for a fixed-rule identifier
/// type with a `validate(&str, Sink) -> Option<Self>` and an `as_str()`.
macro_rules! string_traits {
    ($t:ident) => {
        impl $t {
            #[doc = concat!("Parses a [`", stringify!($t), "`]; full-width digits are accepted.")]
            ///
            /// Returns the first error found; use `parse_reporting` to get every issue.
            pub fn parse(input: &str) -> Result<Self, $crate::ids::IdError> {
                $crate::ids::first_error(
                    |sink| $t::validate(input, sink),
                    &$crate::ids::rules::KIND_UNKNOWN,
                )
            }

            #[doc = concat!("Parses a [`", stringify!($t), "`], recording every issue")]
            /// (including the full-width warning) in `report` at `path`, a JSON Pointer.
            /// `Some` when there was no error.
            pub fn parse_reporting(
                input: &str,
                path: &str,
                report: &mut $crate::validate::Report,
            ) -> Option<Self> {
                $t::validate(input, &mut |r| report.push(r, path))
            }
        }

        impl std::str::FromStr for $t {
            type Err = $crate::ids::IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $t::parse(s)
            }
        }

        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_tuple(stringify!($t)).field(&self.as_str()).finish()
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                $t::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use string_traits;

mod institution;
mod insurer;
mod municipality;
mod my_number;
mod payer;
mod recipient;

pub use institution::InstitutionCode;
pub use insurer::InsurerNumber;
pub use municipality::MunicipalityCode;
pub use my_number::MyNumber;
pub use payer::PayerNumber;
pub use recipient::{RecipientNumber, RecipientRule, RECIPIENT_MAX_LEN};
pub use tables::{
    law_code_scheme, prefecture_name, score_table_name, LawScheme, ScoreTable,
    LOCAL_LAW_CODE_RANGES, NATIONAL_LAW_CODES, PREFECTURES,
};

/// Why an identifier was rejected: the first error [`Rule`] violated.
///
/// Its text is the rule's static message, never the input.
///
/// ```
/// use pmh_core::ids::PayerNumber;
/// let e = PayerNumber::parse("1234").unwrap_err();
/// assert_eq!(e.code(), "ids.payer.length");
/// assert!(!e.to_string().contains("1234"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {}", rule.code, rule.message_en)]
pub struct IdError {
    rule: Rule,
}

impl IdError {
    /// Stable code, e.g. `ids.payer.check_digit`.
    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    /// The violated rule (code, severity, messages).
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
}

/// Runs a validator, keeping the first error; `fallback` only if a validator
/// returned `None` without reporting an error (a bug, but never a panic).
pub(crate) fn first_error<T>(
    validate: impl FnOnce(digits::Sink<'_>) -> Option<T>,
    fallback: &Rule,
) -> Result<T, IdError> {
    let mut first: Option<Rule> = None;
    let value = validate(&mut |r: &Rule| {
        if r.severity == Severity::Error && first.is_none() {
            first = Some(*r);
        }
    });
    match (value, first) {
        (Some(v), None) => Ok(v),
        (_, Some(rule)) => Err(IdError { rule }),
        (None, None) => Err(IdError { rule: *fallback }),
    }
}

/// 都道府県番号 (prefecture number), 01-47.
///
/// ```
/// use pmh_core::ids::Prefecture;
/// let p = Prefecture::new(13).unwrap();
/// assert_eq!(p.name(), "東京都");
/// assert_eq!(p.to_string(), "13");
/// assert!(Prefecture::new(48).is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Prefecture(u8);

impl Prefecture {
    /// The prefecture with this code, `None` outside 01-47.
    pub fn new(code: u8) -> Option<Prefecture> {
        (1..=47).contains(&code).then_some(Prefecture(code))
    }

    /// The code, 1-47.
    pub fn code(self) -> u8 {
        self.0
    }

    /// Kanji name (北海道 … 沖縄県).
    pub fn name(self) -> &'static str {
        prefecture_name(self.0).unwrap_or("")
    }
}

impl std::fmt::Display for Prefecture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

/// 法別番号 (law code): the first two digits of a 公費負担者番号 or 8-digit 保険者番号.
///
/// Only national 公費 codes have a fixed meaning ([`NATIONAL_LAW_CODES`]);
/// local (地方単独) codes are prefecture-scoped.
///
/// ```
/// use pmh_core::ids::LawCode;
/// let l = LawCode::new(52).unwrap();
/// assert!(l.is_national());
/// assert_eq!(l.national_scheme(), Some("児童福祉法 小児慢性特定疾病医療支援"));
/// assert_eq!(LawCode::new(5).unwrap().to_string(), "05");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LawCode(u8);

impl LawCode {
    /// A law code, `None` above 99.
    pub fn new(code: u8) -> Option<LawCode> {
        (code <= 99).then_some(LawCode(code))
    }

    /// The code, 0-99.
    pub fn code(self) -> u8 {
        self.0
    }

    /// Whether this is a national 公費 scheme (subsidy.md §3).
    pub fn is_national(self) -> bool {
        law_code_scheme(self.0).is_some()
    }

    /// Scheme name of a national 公費 code.
    pub fn national_scheme(self) -> Option<&'static str> {
        law_code_scheme(self.0)
    }

    /// Whether the code is national or in a range used by local 公費 schemes
    /// ([`LOCAL_LAW_CODE_RANGES`]): a heuristic for telling 公費 from 保険.
    pub fn looks_public(self) -> bool {
        self.is_national()
            || LOCAL_LAW_CODE_RANGES
                .iter()
                .any(|&(lo, hi)| (lo..=hi).contains(&self.0))
    }
}

impl std::fmt::Display for LawCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

impl RecipientNumber {
    /// Parses a 公費受給者番号 (recipient number) under `rule`; full-width digits are
    /// accepted. Returns the first error (warnings are ignored).
    pub fn parse(input: &str, rule: RecipientRule) -> Result<Self, IdError> {
        first_error(
            |sink| RecipientNumber::validate(input, rule, sink),
            &rules::RECIPIENT_LENGTH,
        )
    }

    /// Parses a recipient number of `payer`'s scheme, with the rule
    /// [`RecipientRule::for_payer`] chooses (national 法別 ⇒ 7 digits + check).
    ///
    /// ```
    /// use pmh_core::ids::{PayerNumber, RecipientNumber};
    /// let nanbyo: PayerNumber = "54016027".parse().unwrap();
    /// assert!(RecipientNumber::parse_for_payer("1234566", &nanbyo).is_ok());
    /// assert!(RecipientNumber::parse_for_payer("A-1", &nanbyo).is_err());
    /// ```
    pub fn parse_for_payer(input: &str, payer: &PayerNumber) -> Result<Self, IdError> {
        RecipientNumber::parse(input, RecipientRule::for_payer(payer))
    }

    /// Parses under `rule`, recording every issue (including warnings) in
    /// `report` at `path` (a JSON Pointer). `Some` when there was no error.
    pub fn parse_reporting(
        input: &str,
        rule: RecipientRule,
        path: &str,
        report: &mut Report,
    ) -> Option<Self> {
        RecipientNumber::validate(input, rule, &mut |r| report.push(r, path))
    }
}

/// Kind of identifier, as named on the wire (`payer`, `recipient`, `insurer`,
/// `institution`, `municipality`, `mynumber`).
///
/// ```
/// use pmh_core::ids::IdKind;
/// assert_eq!(IdKind::parse("mynumber"), Some(IdKind::Mynumber));
/// assert_eq!(IdKind::Payer.as_str(), "payer");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IdKind {
    /// 公費負担者番号 (payer number)
    Payer,
    /// 公費受給者番号 (recipient number)
    Recipient,
    /// 保険者番号 (insurer number)
    Insurer,
    /// 医療機関コード (institution code)
    Institution,
    /// 全国地方公共団体コード (local government code)
    Municipality,
    /// 個人番号 (My Number)
    Mynumber,
}

impl IdKind {
    /// Every kind, in declaration order.
    pub const ALL: [IdKind; 6] = [
        IdKind::Payer,
        IdKind::Recipient,
        IdKind::Insurer,
        IdKind::Institution,
        IdKind::Municipality,
        IdKind::Mynumber,
    ];

    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Payer => "payer",
            IdKind::Recipient => "recipient",
            IdKind::Insurer => "insurer",
            IdKind::Institution => "institution",
            IdKind::Municipality => "municipality",
            IdKind::Mynumber => "mynumber",
        }
    }

    /// The kind with this wire name (exact, lowercase).
    pub fn parse(s: &str) -> Option<IdKind> {
        IdKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for IdKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Options of [`check`].
///
/// Recipient numbers are checked with `recipient_rule` when given, else with
/// the rule implied by `payer` ([`RecipientRule::for_payer`]), else as
/// [`RecipientRule::National`].
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Explicit rule for 公費受給者番号 (recipient numbers).
    pub recipient_rule: Option<RecipientRule>,
    /// The 公費負担者番号 (payer number) the recipient number belongs to.
    pub payer: Option<PayerNumber>,
}

impl CheckOptions {
    /// The rule recipient numbers are checked with.
    pub fn effective_recipient_rule(&self) -> RecipientRule {
        self.recipient_rule
            .or_else(|| self.payer.as_ref().map(RecipientRule::for_payer))
            .unwrap_or(RecipientRule::National)
    }
}

/// Result of [`check`], serialized in camelCase for `pmh id --json` and bindings.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdCheck {
    /// No error was found (warnings allowed).
    pub valid: bool,
    /// The kind checked (given or guessed); `None` when it could not be guessed.
    pub kind: Option<IdKind>,
    /// Canonical form when valid (ASCII digits, 国保 insurer numbers without
    /// padding); for My Number the *masked* form (`********3214`), never the number.
    pub normalized: Option<String>,
    /// All issues, each at path `""` (the value itself).
    pub issues: Vec<Issue>,
}

/// Checks one identifier; `kind: None` guesses it with [`guess_kind`].
///
/// ```
/// use pmh_core::ids::{check, CheckOptions, IdKind};
/// let opts = CheckOptions::default();
/// let c = check("１３１０１６", None, &opts);
/// assert!(c.valid);
/// assert_eq!(c.kind, Some(IdKind::Municipality));
/// assert_eq!(c.normalized.as_deref(), Some("131016"));
/// assert_eq!(c.issues[0].code, "ids.fullwidth_digits");
///
/// let m = check("983205673214", Some(IdKind::Mynumber), &opts);
/// assert_eq!(m.normalized.as_deref(), Some("********3214"));
/// assert!(!check("983205673214", None, &opts).valid); // never guessed
/// ```
pub fn check(input: &str, kind: Option<IdKind>, options: &CheckOptions) -> IdCheck {
    let mut issues = Vec::new();
    let Some(kind) = kind.or_else(|| guess_kind(input)) else {
        issues.push(rules::KIND_UNKNOWN.at(""));
        return IdCheck {
            valid: false,
            kind: None,
            normalized: None,
            issues,
        };
    };
    let mut sink = |r: &Rule| issues.push(r.at(""));
    let normalized = match kind {
        IdKind::Payer => PayerNumber::validate(input, &mut sink).map(|v| v.as_str().to_owned()),
        IdKind::Recipient => {
            RecipientNumber::validate(input, options.effective_recipient_rule(), &mut sink)
                .map(|v| v.as_str().to_owned())
        }
        IdKind::Insurer => InsurerNumber::validate(input, &mut sink).map(|v| v.as_str().to_owned()),
        IdKind::Institution => {
            InstitutionCode::validate(input, &mut sink).map(|v| v.as_str().to_owned())
        }
        IdKind::Municipality => {
            MunicipalityCode::validate(input, &mut sink).map(|v| v.as_str().to_owned())
        }
        IdKind::Mynumber => MyNumber::validate(input, &mut sink).map(|v| v.masked()),
    };
    let valid = normalized.is_some() && !issues.iter().any(Issue::is_error);
    IdCheck {
        valid,
        kind: Some(kind),
        normalized,
        issues,
    }
}

/// Guesses the kind of an identifier from its shape (full-width digits count
/// as digits). Never guesses [`IdKind::Mynumber`].
///
/// - 10 digits → institution;
/// - 7 digits → recipient;
/// - 8 digits → payer when the first two digits look like a 公費 法別番号
///   ([`LawCode::looks_public`]: national table, or 40-49 / 80-99 as used by
///   local schemes), else insurer (so `00…` is a padded 国保 insurer number);
/// - 6 spaces-padded to 8 characters → insurer;
/// - 6 digits → municipality when its mod-11 check digit holds, else insurer (国保);
/// - anything else (12 digits included, or letters) → `None`.
///
/// ```
/// use pmh_core::ids::{guess_kind, IdKind};
/// assert_eq!(guess_kind("54016027"), Some(IdKind::Payer));
/// assert_eq!(guess_kind("33120015"), Some(IdKind::Insurer));
/// assert_eq!(guess_kind("983205673214"), None);
/// ```
pub fn guess_kind(input: &str) -> Option<IdKind> {
    let body = input.trim_start_matches(' ');
    let read = digits::DigitRead::<10>::new(body);
    let d = read.digits()?;
    if body.len() != input.len() {
        return (d.len() == 6 && input.chars().count() == 8).then_some(IdKind::Insurer);
    }
    match d.len() {
        10 => Some(IdKind::Institution),
        7 => Some(IdKind::Recipient),
        8 => {
            let law = LawCode(digits::two_digits(&d[..2]));
            Some(if law.looks_public() {
                IdKind::Payer
            } else {
                IdKind::Insurer
            })
        }
        6 => {
            let mut six = [0u8; 6];
            six.copy_from_slice(d);
            Some(if MunicipalityCode::check_digit_ok(&six) {
                IdKind::Municipality
            } else {
                IdKind::Insurer
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;

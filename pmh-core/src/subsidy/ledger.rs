//! 自己負担上限額管理票 (monthly copayment cap ledger): per recipient, payer and
//! month, what every institution charged the patient under one scheme.
//!
//! # The paper sheet and its digital form
//!
//! The patient carries a paper 管理票; every 指定医療機関 (hospital, clinic,
//! pharmacy, 訪問看護) writes the date, the facility, the 医療費総額 (10割 cost),
//! the 自己負担額 (copay charged) and the 月間累積額 (running total). Once the
//! running total reaches the cap, the facility that reached it writes the
//! partial amount and later visits that month collect 0 but are still
//! written down (`shared/reference/subsidy.md` §4.3; the 小慢 guide's example:
//! cap 10,000; visits 6,000 → 3,000 → 1,000 (would have been 4,000) → 0).
//! PMH exchanges the same information electronically (デジタル庁 実証 2025, §4.3).
//!
//! A [`CapLedger`] is that sheet for one 公費負担者番号 (payer number) and one
//! calendar month ([`LedgerMonth`]); a [`LedgerEntry`] is one line.
//!
//! # Design decisions
//!
//! - **`charged` is a recorded fact, not recomputed.** [`CapLedger::charge`] is
//!   what the institution at the window calls: it caps the entry's uncapped
//!   `copayDue` at what is left of the cap and records the result.
//!   [`CapLedger::add`] / [`CapLedger::merge`] record entries that another
//!   institution already charged, as they were charged. Recomputing every
//!   `charged` from scratch would rewrite amounts already collected whenever a
//!   late-reported or same-day entry sorts earlier; a ledger must say what was
//!   collected. If two institutions charged concurrently without seeing each
//!   other, the merged ledger shows it: [`CapLedger::over_cap`] is the amount
//!   collected beyond the cap (to be refunded).
//! - **Canonical order**: entries are kept sorted by (`date`, `id`), and
//!   `cumulative` (the 月間累積額) is the running total of `charged` in that
//!   order, recomputed on every change; a `cumulative` in input JSON is ignored.
//!   Merging is a union by `id`, so merging the same ledgers in any order, any
//!   number of times, gives identical JSON.
//! - **Idempotent by id**: adding an entry whose `id` is already recorded with
//!   the same content (everything but `cumulative`) changes nothing; the same
//!   `id` with other content is [`LedgerError::Conflict`]
//!   (`subsidy.ledger.conflict`).
//! - **One month**: an entry dated outside the ledger's month is
//!   [`LedgerError::Month`] (`subsidy.ledger.month`).
//! - **Caps**: `cap` (outpatient + inpatient combined, all institutions summed:
//!   指定難病 and 小児慢性, §4.1/§4.2) and/or separate `capOutpatient` (外来 and
//!   調剤) / `capInpatient` (入院), taken from the certificate's
//!   [`CopaymentRule`]. An entry is capped by every cap
//!   that covers its setting. A ledger without caps still records visits (for
//!   `maxChargedVisitsPerMonth`, see [`CapLedger::charged_visits_at`]).
//! - **Money** is integer yen (`i64`), never negative, and at most
//!   [`MAX_AMOUNT`] (2^53 − 1), so every amount survives JSON canonicalization
//!   (RFC 8785, see `crate::canon`) exactly.
//! - **No personal data**: the ledger is keyed by payer number and month; the
//!   recipient is identified by the message that carries it, not here.
//!
//! # JSON
//!
//! ```json
//! {"payerNumber": "54136015", "month": "2024-05", "cap": 10000,
//!  "entries": [
//!   {"id": "v-001", "date": "2024-05-10", "institutionCode": "1310000011",
//!    "setting": "outpatient", "totalCost": 30000, "copayDue": 6000,
//!    "charged": 6000, "cumulative": 6000}]}
//! ```
//!
//! # Example: the 管理票 of subsidy.md §4.3
//!
//! ```
//! use pmh_core::subsidy::ledger::{CapLedger, LedgerCaps, LedgerMonth, NewEntry};
//! use pmh_core::subsidy::Setting;
//! use chrono::NaiveDate;
//!
//! let month: LedgerMonth = "2024-05".parse().unwrap();
//! let caps = LedgerCaps { monthly: Some(10_000), ..LedgerCaps::default() };
//! let mut ledger = CapLedger::new("54136015".parse().unwrap(), month, caps).unwrap();
//! let mut charged = Vec::new();
//! for (i, (day, due)) in [(7, 6000), (14, 3000), (21, 4000), (28, 2000)].into_iter().enumerate() {
//!     let entry = ledger
//!         .charge(NewEntry {
//!             id: format!("v-{i}"),
//!             date: NaiveDate::from_ymd_opt(2024, 5, day).unwrap(),
//!             institution_code: "1310000011".parse().unwrap(),
//!             setting: Setting::Outpatient,
//!             total_cost: due * 5,
//!             copay_due: due,
//!         })
//!         .unwrap();
//!     charged.push(entry.charged);
//! }
//! assert_eq!(charged, [6000, 3000, 1000, 0]); // the third would have been 4,000
//! assert_eq!(ledger.remaining(Setting::Outpatient), Some(0));
//! assert_eq!(ledger.entries()[3].cumulative, 10_000);
//! ```

use super::{CopaymentRule, Setting};
use crate::ids::{InstitutionCode, PayerNumber};
use crate::validate::Rule;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Largest amount (yen) a ledger or a copayment computation accepts:
/// 2^53 − 1, the largest integer JSON (I-JSON, RFC 7493) carries exactly.
pub const MAX_AMOUNT: i64 = 9_007_199_254_740_991;

const CONFLICT: Rule = Rule::error(
    "subsidy.ledger.conflict",
    "同じIDで内容の異なる記録が既にあります。",
    "An entry with the same id and different content is already recorded.",
);
const MONTH: Rule = Rule::error(
    "subsidy.ledger.month",
    "管理票の対象月以外の日付の記録です。",
    "The entry is dated outside the ledger's month.",
);
const OTHER_LEDGER: Rule = Rule::error(
    "subsidy.ledger.other_ledger",
    "公費負担者番号または対象月の異なる管理票は統合できません。",
    "Ledgers of another payer number or month cannot be merged.",
);
const CAPS: Rule = Rule::error(
    "subsidy.ledger.caps",
    "上限額の異なる管理票は統合できません。",
    "Ledgers with different caps cannot be merged.",
);
const NEGATIVE: Rule = Rule::error(
    "subsidy.ledger.negative",
    "金額は0以上でなければなりません。",
    "Amounts must not be negative.",
);
const CHARGED_EXCEEDS_DUE: Rule = Rule::error(
    "subsidy.ledger.charged_exceeds_due",
    "徴収額が上限適用前の自己負担額を超えています。",
    "The amount charged exceeds the copay due before the cap.",
);
const EMPTY_ID: Rule = Rule::error(
    "subsidy.ledger.id",
    "記録IDは1〜64文字でなければなりません。",
    "The entry id must be 1 to 64 characters.",
);
const OVERFLOW: Rule = Rule::error(
    "subsidy.ledger.overflow",
    "金額が大きすぎます。",
    "An amount is too large.",
);
const MONTH_FORMAT: Rule = Rule::error(
    "subsidy.ledger.month_format",
    "対象月は YYYY-MM 形式でなければなりません。",
    "The month must be written YYYY-MM.",
);

/// Longest entry id accepted (characters).
pub const MAX_ID_LEN: usize = 64;

/// Why a ledger operation was refused. Each variant has a stable
/// [`code`](LedgerError::code); messages never contain the data.
///
/// ```
/// use pmh_core::subsidy::ledger::LedgerError;
/// assert_eq!(LedgerError::Conflict.code(), "subsidy.ledger.conflict");
/// assert!(LedgerError::Month.to_string().starts_with("subsidy.ledger.month: "));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LedgerError {
    /// `subsidy.ledger.conflict`: same id, different content.
    Conflict,
    /// `subsidy.ledger.month`: entry dated outside the ledger's month.
    Month,
    /// `subsidy.ledger.other_ledger`: merging ledgers of another payer or month.
    OtherLedger,
    /// `subsidy.ledger.caps`: merging ledgers with different caps.
    Caps,
    /// `subsidy.ledger.negative`: a negative amount or cap.
    Negative,
    /// `subsidy.ledger.charged_exceeds_due`: `charged` > `copayDue`.
    ChargedExceedsDue,
    /// `subsidy.ledger.id`: empty id or longer than [`MAX_ID_LEN`].
    Id,
    /// `subsidy.ledger.overflow`: an amount or total above [`MAX_AMOUNT`].
    Overflow,
    /// `subsidy.ledger.month_format`: a month not written `YYYY-MM`.
    MonthFormat,
}

impl LedgerError {
    /// The rule violated (code, severity, messages in Japanese and English).
    pub fn rule(self) -> &'static Rule {
        match self {
            LedgerError::Conflict => &CONFLICT,
            LedgerError::Month => &MONTH,
            LedgerError::OtherLedger => &OTHER_LEDGER,
            LedgerError::Caps => &CAPS,
            LedgerError::Negative => &NEGATIVE,
            LedgerError::ChargedExceedsDue => &CHARGED_EXCEEDS_DUE,
            LedgerError::Id => &EMPTY_ID,
            LedgerError::Overflow => &OVERFLOW,
            LedgerError::MonthFormat => &MONTH_FORMAT,
        }
    }

    /// Stable code, e.g. `subsidy.ledger.conflict`.
    pub fn code(self) -> &'static str {
        self.rule().code
    }
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.rule().message_en)
    }
}

impl std::error::Error for LedgerError {}

/// A calendar month (診療月), written `YYYY-MM` on the wire.
///
/// ```
/// use pmh_core::subsidy::ledger::LedgerMonth;
/// use chrono::NaiveDate;
/// let m: LedgerMonth = "2024-05".parse().unwrap();
/// assert_eq!(m.to_string(), "2024-05");
/// assert_eq!(m, LedgerMonth::of(NaiveDate::from_ymd_opt(2024, 5, 31).unwrap()));
/// assert!(!m.contains(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()));
/// assert!("2024-5".parse::<LedgerMonth>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LedgerMonth {
    year: i32,
    month: u32,
}

impl LedgerMonth {
    /// The month `year`-`month`; `None` unless year is 1..=9999 and month 1..=12.
    pub fn new(year: i32, month: u32) -> Option<LedgerMonth> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(LedgerMonth { year, month })
    }

    /// The month containing `date`.
    pub fn of(date: NaiveDate) -> LedgerMonth {
        LedgerMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1-12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// Whether `date` lies in this month.
    pub fn contains(self, date: NaiveDate) -> bool {
        LedgerMonth::of(date) == self
    }
}

impl fmt::Display for LedgerMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for LedgerMonth {
    type Err = LedgerError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            b.get(r)?.iter().try_fold(0u32, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        if b.len() != 7 || b[4] != b'-' {
            return Err(LedgerError::MonthFormat);
        }
        let year = digits(0..4).and_then(|y| i32::try_from(y).ok());
        match (year, digits(5..7)) {
            (Some(y), Some(m)) => LedgerMonth::new(y, m).ok_or(LedgerError::MonthFormat),
            _ => Err(LedgerError::MonthFormat),
        }
    }
}

impl Serialize for LedgerMonth {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LedgerMonth {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The monthly caps (月額自己負担上限額) a ledger enforces, in yen.
///
/// On the wire (inside a ledger) they are `cap`, `capOutpatient`, `capInpatient`.
///
/// ```
/// use pmh_core::subsidy::ledger::LedgerCaps;
/// use pmh_core::subsidy::CopaymentRule;
/// let rule = CopaymentRule { monthly_cap: Some(10_000), copay_rate_percent: Some(20), ..Default::default() };
/// let caps = LedgerCaps::from_rule(&rule);
/// assert_eq!(caps.monthly, Some(10_000));
/// assert!(!caps.is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LedgerCaps {
    /// Cap for outpatient and inpatient care combined, all institutions summed.
    #[serde(rename = "cap", default, skip_serializing_if = "Option::is_none")]
    pub monthly: Option<i64>,
    /// Cap for 外来 (outpatient) and 調剤 (pharmacy) entries.
    #[serde(
        rename = "capOutpatient",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub outpatient: Option<i64>,
    /// Cap for 入院 (inpatient) entries.
    #[serde(
        rename = "capInpatient",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inpatient: Option<i64>,
}

impl LedgerCaps {
    /// The caps of a certificate's `maxCopaymentAmount`.
    pub fn from_rule(rule: &CopaymentRule) -> LedgerCaps {
        LedgerCaps {
            monthly: rule.monthly_cap,
            outpatient: rule.monthly_cap_outpatient,
            inpatient: rule.monthly_cap_inpatient,
        }
    }

    /// Whether no cap is set.
    pub fn is_empty(&self) -> bool {
        self.monthly.is_none() && self.outpatient.is_none() && self.inpatient.is_none()
    }

    fn check(&self) -> Result<(), LedgerError> {
        for cap in [self.monthly, self.outpatient, self.inpatient]
            .into_iter()
            .flatten()
        {
            check_amount(cap)?;
        }
        Ok(())
    }

    /// Caps covering `setting`, each with whether it counts an entry of a setting.
    fn covering(&self, setting: Setting) -> impl Iterator<Item = (i64, fn(Setting) -> bool)> {
        let all: fn(Setting) -> bool = |_| true;
        let out: fn(Setting) -> bool = Setting::is_outpatient_side;
        let inp: fn(Setting) -> bool = |s| !s.is_outpatient_side();
        [
            (self.monthly, all),
            (self.outpatient, out),
            (self.inpatient, inp),
        ]
        .into_iter()
        .filter_map(move |(cap, counts)| cap.filter(|_| counts(setting)).map(|c| (c, counts)))
    }
}

fn check_amount(v: i64) -> Result<(), LedgerError> {
    if v < 0 {
        Err(LedgerError::Negative)
    } else if v > MAX_AMOUNT {
        Err(LedgerError::Overflow)
    } else {
        Ok(())
    }
}

fn check_id(id: &str) -> Result<(), LedgerError> {
    let n = id.chars().count();
    if n == 0 || n > MAX_ID_LEN {
        Err(LedgerError::Id)
    } else {
        Ok(())
    }
}

/// One line of the 管理票: a visit (or pharmacy dispensing, or inpatient day)
/// and what the patient was charged for it under this scheme.
///
/// ```
/// use pmh_core::subsidy::ledger::LedgerEntry;
/// let e: LedgerEntry = serde_json::from_str(r#"{"id": "v-001", "date": "2024-05-10",
///     "institutionCode": "1310000011", "setting": "outpatient",
///     "totalCost": 12340, "copayDue": 2470, "charged": 2470}"#).unwrap();
/// assert_eq!(e.cumulative, 0); // derived; filled in by the ledger
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LedgerEntry {
    /// Entry id, unique in the month (the visit id), 1-64 characters.
    pub id: String,
    /// 日付 (date of the visit).
    pub date: NaiveDate,
    /// 医療機関コード (institution code, 10 digits).
    pub institution_code: InstitutionCode,
    /// Where care was given (chooses the outpatient/inpatient cap).
    pub setting: Setting,
    /// 医療費総額 (10割 medical cost), yen.
    pub total_cost: i64,
    /// What the scheme would have the patient pay without the monthly cap
    /// (after the scheme's rate, fixed amount and visit limit), yen.
    pub copay_due: i64,
    /// 自己負担額 (what the patient was charged: `copayDue` capped), yen.
    pub charged: i64,
    /// 月間累積額 (running total of `charged` in canonical order). Derived:
    /// recomputed by the ledger, ignored when an entry is added.
    #[serde(default)]
    pub cumulative: i64,
}

impl LedgerEntry {
    fn same_content(&self, other: &LedgerEntry) -> bool {
        self.id == other.id
            && self.date == other.date
            && self.institution_code == other.institution_code
            && self.setting == other.setting
            && self.total_cost == other.total_cost
            && self.copay_due == other.copay_due
            && self.charged == other.charged
    }

    fn check(&self) -> Result<(), LedgerError> {
        check_id(&self.id)?;
        check_amount(self.total_cost)?;
        check_amount(self.copay_due)?;
        check_amount(self.charged)?;
        if self.charged > self.copay_due {
            return Err(LedgerError::ChargedExceedsDue);
        }
        Ok(())
    }
}

/// A visit to charge against a ledger ([`CapLedger::charge`]): a
/// [`LedgerEntry`] before the cap decides `charged`.
///
/// ```
/// use pmh_core::subsidy::ledger::NewEntry;
/// use pmh_core::subsidy::Setting;
/// let v = NewEntry {
///     id: "v-001".into(),
///     date: chrono::NaiveDate::from_ymd_opt(2024, 5, 10).unwrap(),
///     institution_code: "1310000011".parse().unwrap(),
///     setting: Setting::Outpatient,
///     total_cost: 12340,
///     copay_due: 2470,
/// };
/// assert_eq!(v.copay_due, 2470);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// Entry id (the visit id).
    pub id: String,
    /// Date of the visit.
    pub date: NaiveDate,
    /// 医療機関コード (institution code).
    pub institution_code: InstitutionCode,
    /// Where care was given.
    pub setting: Setting,
    /// 医療費総額 (10割 medical cost), yen.
    pub total_cost: i64,
    /// The scheme's patient amount before the monthly cap, yen.
    pub copay_due: i64,
}

/// A ledger entry as reported to the hub (message `subsidy.copayment.record`):
/// which ledger (payer number and month) and the entry.
///
/// ```
/// use pmh_core::subsidy::ledger::LedgerRecord;
/// let r: LedgerRecord = serde_json::from_str(r#"{"payerNumber": "54136015", "month": "2024-05",
///     "entry": {"id": "v-001", "date": "2024-05-10", "institutionCode": "1310000011",
///     "setting": "outpatient", "totalCost": 12340, "copayDue": 2470, "charged": 2470,
///     "cumulative": 2470}}"#).unwrap();
/// assert_eq!(r.month.to_string(), "2024-05");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LedgerRecord {
    /// 公費負担者番号 (payer number) of the scheme.
    pub payer_number: PayerNumber,
    /// Month of the ledger.
    pub month: LedgerMonth,
    /// The entry.
    pub entry: LedgerEntry,
}

/// 自己負担上限額管理票 (cap ledger) of one payer number and month.
///
/// Always valid: every constructor and deserialization checks the entries,
/// sorts them by (date, id) and recomputes `cumulative` (see the
/// [module docs](self) for the rules).
///
/// ```
/// use pmh_core::subsidy::ledger::CapLedger;
/// let a: CapLedger = serde_json::from_str(r#"{"payerNumber": "54136015", "month": "2024-05",
///   "cap": 10000, "entries": [
///   {"id": "v-2", "date": "2024-05-20", "institutionCode": "1312345679", "setting": "pharmacy",
///    "totalCost": 20000, "copayDue": 4000, "charged": 4000},
///   {"id": "v-1", "date": "2024-05-10", "institutionCode": "1310000011", "setting": "outpatient",
///    "totalCost": 30000, "copayDue": 6000, "charged": 6000}]}"#).unwrap();
/// assert_eq!(a.entries()[0].id, "v-1");
/// assert_eq!(a.entries()[1].cumulative, 10000);
/// assert_eq!(a.total_charged(), 10000);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", try_from = "CapLedgerWire")]
pub struct CapLedger {
    payer_number: PayerNumber,
    month: LedgerMonth,
    #[serde(flatten)]
    caps: LedgerCaps,
    entries: Vec<LedgerEntry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CapLedgerWire {
    payer_number: PayerNumber,
    month: LedgerMonth,
    #[serde(default)]
    cap: Option<i64>,
    #[serde(default)]
    cap_outpatient: Option<i64>,
    #[serde(default)]
    cap_inpatient: Option<i64>,
    #[serde(default)]
    entries: Vec<LedgerEntry>,
}

impl TryFrom<CapLedgerWire> for CapLedger {
    type Error = LedgerError;

    fn try_from(w: CapLedgerWire) -> Result<Self, Self::Error> {
        let caps = LedgerCaps {
            monthly: w.cap,
            outpatient: w.cap_outpatient,
            inpatient: w.cap_inpatient,
        };
        let mut ledger = CapLedger::new(w.payer_number, w.month, caps)?;
        for entry in w.entries {
            ledger.insert(entry)?;
        }
        Ok(ledger)
    }
}

impl CapLedger {
    /// An empty ledger.
    ///
    /// # Errors
    /// [`LedgerError::Negative`] / [`LedgerError::Overflow`] for a cap below 0
    /// or above [`MAX_AMOUNT`].
    ///
    /// ```
    /// use pmh_core::subsidy::ledger::{CapLedger, LedgerCaps};
    /// let l = CapLedger::new("54136015".parse().unwrap(), "2024-05".parse().unwrap(),
    ///     LedgerCaps { monthly: Some(10_000), ..Default::default() }).unwrap();
    /// assert!(l.entries().is_empty());
    /// ```
    pub fn new(
        payer_number: PayerNumber,
        month: LedgerMonth,
        caps: LedgerCaps,
    ) -> Result<Self, LedgerError> {
        caps.check()?;
        Ok(CapLedger {
            payer_number,
            month,
            caps,
            entries: Vec::new(),
        })
    }

    /// An empty ledger with the caps of a certificate's rule.
    ///
    /// ```
    /// use pmh_core::subsidy::ledger::CapLedger;
    /// use pmh_core::subsidy::CopaymentRule;
    /// let rule = CopaymentRule { monthly_cap: Some(5_000), ..Default::default() };
    /// let l = CapLedger::for_rule("52136017".parse().unwrap(), "2024-05".parse().unwrap(), &rule).unwrap();
    /// assert_eq!(l.caps().monthly, Some(5_000));
    /// ```
    pub fn for_rule(
        payer_number: PayerNumber,
        month: LedgerMonth,
        rule: &CopaymentRule,
    ) -> Result<Self, LedgerError> {
        CapLedger::new(payer_number, month, LedgerCaps::from_rule(rule))
    }

    /// 公費負担者番号 (payer number) of the scheme.
    pub fn payer_number(&self) -> PayerNumber {
        self.payer_number
    }

    /// The month.
    pub fn month(&self) -> LedgerMonth {
        self.month
    }

    /// The caps.
    pub fn caps(&self) -> LedgerCaps {
        self.caps
    }

    /// The entries, sorted by (date, id).
    pub fn entries(&self) -> &[LedgerEntry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&LedgerEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Total charged this month, all settings (the last `cumulative`).
    pub fn total_charged(&self) -> i64 {
        self.entries.last().map_or(0, |e| e.cumulative)
    }

    /// Total charged this month for entries `counts` selects (≤ total, no overflow).
    fn charged_where(&self, counts: impl Fn(Setting) -> bool) -> i64 {
        self.entries
            .iter()
            .filter(|e| counts(e.setting))
            .map(|e| e.charged)
            .fold(0, i64::saturating_add)
    }

    /// What is left of the caps covering `setting` (the smallest, never below
    /// 0); `None` when no cap covers it.
    ///
    /// ```
    /// use pmh_core::subsidy::ledger::{CapLedger, LedgerCaps};
    /// use pmh_core::subsidy::Setting;
    /// let l = CapLedger::new("54136015".parse().unwrap(), "2024-05".parse().unwrap(),
    ///     LedgerCaps { outpatient: Some(18_000), ..Default::default() }).unwrap();
    /// assert_eq!(l.remaining(Setting::Pharmacy), Some(18_000));
    /// assert_eq!(l.remaining(Setting::Inpatient), None);
    /// ```
    pub fn remaining(&self, setting: Setting) -> Option<i64> {
        self.caps
            .covering(setting)
            .map(|(cap, counts)| cap.saturating_sub(self.charged_where(counts)).max(0))
            .min()
    }

    /// Amount collected beyond the caps (0 normally): positive only when
    /// institutions charged concurrently without seeing each other's entries;
    /// the largest excess over any one cap.
    ///
    /// ```
    /// use pmh_core::subsidy::ledger::{CapLedger, LedgerCaps};
    /// let l = CapLedger::new("54136015".parse().unwrap(), "2024-05".parse().unwrap(),
    ///     LedgerCaps { monthly: Some(10_000), ..Default::default() }).unwrap();
    /// assert_eq!(l.over_cap(), 0);
    /// ```
    pub fn over_cap(&self) -> i64 {
        let all: fn(Setting) -> bool = |_| true;
        let out: fn(Setting) -> bool = Setting::is_outpatient_side;
        let inp: fn(Setting) -> bool = |s| !s.is_outpatient_side();
        [
            (self.caps.monthly, all),
            (self.caps.outpatient, out),
            (self.caps.inpatient, inp),
        ]
        .into_iter()
        .filter_map(|(cap, counts)| {
            cap.map(|c| self.charged_where(counts).saturating_sub(c).max(0))
        })
        .max()
        .unwrap_or(0)
    }

    /// Number of visits at `institution` this month on which a fixed amount
    /// was due (`copayDue` > 0), not counting the entry `except_id` (so that
    /// re-computing a recorded visit is idempotent). Used for
    /// `maxChargedVisitsPerMonth`.
    ///
    /// ```
    /// use pmh_core::subsidy::ledger::{CapLedger, LedgerCaps};
    /// let l = CapLedger::new("88136015".parse().unwrap(), "2024-05".parse().unwrap(),
    ///     LedgerCaps::default()).unwrap();
    /// assert_eq!(l.charged_visits_at(&"1310000011".parse().unwrap(), "v-1"), 0);
    /// ```
    pub fn charged_visits_at(&self, institution: &InstitutionCode, except_id: &str) -> usize {
        self.entries
            .iter()
            .filter(|e| e.institution_code == *institution && e.id != except_id && e.copay_due > 0)
            .count()
    }

    /// Charges a visit at the window: records it with
    /// `charged = min(copayDue, remaining(setting))` (0 once the cap is
    /// reached; the entry is still recorded, as on the paper 管理票) and
    /// returns the recorded entry.
    ///
    /// Idempotent: charging an id already recorded with the same date,
    /// institution, setting, cost and due returns the recorded entry unchanged.
    ///
    /// # Errors
    /// `subsidy.ledger.conflict` (same id, other content), `.month`, `.id`,
    /// `.negative`, `.overflow`.
    ///
    /// ```
    /// use pmh_core::subsidy::ledger::{CapLedger, LedgerCaps, NewEntry};
    /// use pmh_core::subsidy::Setting;
    /// let mut l = CapLedger::new("54136015".parse().unwrap(), "2024-05".parse().unwrap(),
    ///     LedgerCaps { monthly: Some(1_000), ..Default::default() }).unwrap();
    /// let v = NewEntry { id: "v-1".into(), date: chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
    ///     institution_code: "1310000011".parse().unwrap(), setting: Setting::Outpatient,
    ///     total_cost: 12340, copay_due: 2470 };
    /// assert_eq!(l.charge(v.clone()).unwrap().charged, 1_000);
    /// assert_eq!(l.charge(v).unwrap().charged, 1_000); // idempotent
    /// assert_eq!(l.entries().len(), 1);
    /// ```
    pub fn charge(&mut self, visit: NewEntry) -> Result<LedgerEntry, LedgerError> {
        check_id(&visit.id)?;
        check_amount(visit.total_cost)?;
        check_amount(visit.copay_due)?;
        if !self.month.contains(visit.date) {
            return Err(LedgerError::Month);
        }
        if let Some(e) = self.entry(&visit.id) {
            let same = e.date == visit.date
                && e.institution_code == visit.institution_code
                && e.setting == visit.setting
                && e.total_cost == visit.total_cost
                && e.copay_due == visit.copay_due;
            return if same {
                Ok(e.clone())
            } else {
                Err(LedgerError::Conflict)
            };
        }
        let charged = match self.remaining(visit.setting) {
            Some(left) => visit.copay_due.min(left),
            None => visit.copay_due,
        };
        let id = visit.id.clone();
        self.insert(LedgerEntry {
            id: visit.id,
            date: visit.date,
            institution_code: visit.institution_code,
            setting: visit.setting,
            total_cost: visit.total_cost,
            copay_due: visit.copay_due,
            charged,
            cumulative: 0,
        })?;
        self.entry(&id).cloned().ok_or(LedgerError::Conflict)
    }

    /// Records an entry charged elsewhere, as charged (its `cumulative` is
    /// ignored and recomputed). Returns `true` if it was new, `false` if the
    /// same entry was already recorded (idempotent).
    ///
    /// # Errors
    /// `subsidy.ledger.conflict`, `.month`, `.id`, `.negative`,
    /// `.charged_exceeds_due`, `.overflow`. On error the ledger is unchanged.
    ///
    /// ```
    /// use pmh_core::subsidy::ledger::{CapLedger, LedgerCaps, LedgerEntry, LedgerError};
    /// let mut l = CapLedger::new("54136015".parse().unwrap(), "2024-05".parse().unwrap(),
    ///     LedgerCaps { monthly: Some(10_000), ..Default::default() }).unwrap();
    /// let e: LedgerEntry = serde_json::from_str(r#"{"id": "v-1", "date": "2024-05-10",
    ///     "institutionCode": "1310000011", "setting": "outpatient",
    ///     "totalCost": 30000, "copayDue": 6000, "charged": 6000}"#).unwrap();
    /// assert_eq!(l.add(e.clone()), Ok(true));
    /// assert_eq!(l.add(e.clone()), Ok(false));
    /// let other = LedgerEntry { charged: 5000, ..e };
    /// assert_eq!(l.add(other), Err(LedgerError::Conflict));
    /// ```
    pub fn add(&mut self, entry: LedgerEntry) -> Result<bool, LedgerError> {
        self.insert(entry)
    }

    /// Records a reported [`LedgerRecord`] if it belongs to this ledger
    /// (same payer number and month), as [`add`](CapLedger::add) does.
    ///
    /// # Errors
    /// `subsidy.ledger.other_ledger` for another payer or month; else as `add`.
    ///
    /// ```
    /// use pmh_core::subsidy::ledger::{CapLedger, LedgerCaps, LedgerRecord};
    /// let mut l = CapLedger::new("54136015".parse().unwrap(), "2024-05".parse().unwrap(),
    ///     LedgerCaps { monthly: Some(10_000), ..Default::default() }).unwrap();
    /// let r: LedgerRecord = serde_json::from_str(r#"{"payerNumber": "54136015", "month": "2024-05",
    ///     "entry": {"id": "v-1", "date": "2024-05-10", "institutionCode": "1310000011",
    ///     "setting": "outpatient", "totalCost": 30000, "copayDue": 6000, "charged": 6000}}"#).unwrap();
    /// assert_eq!(l.apply(&r), Ok(true));
    /// ```
    pub fn apply(&mut self, record: &LedgerRecord) -> Result<bool, LedgerError> {
        if record.payer_number != self.payer_number || record.month != self.month {
            return Err(LedgerError::OtherLedger);
        }
        self.insert(record.entry.clone())
    }

    /// The entries of this ledger as reported records.
    ///
    /// ```
    /// use pmh_core::subsidy::ledger::{CapLedger, LedgerCaps};
    /// let l = CapLedger::new("54136015".parse().unwrap(), "2024-05".parse().unwrap(),
    ///     LedgerCaps::default()).unwrap();
    /// assert!(l.records().is_empty());
    /// ```
    pub fn records(&self) -> Vec<LedgerRecord> {
        self.entries
            .iter()
            .map(|e| LedgerRecord {
                payer_number: self.payer_number,
                month: self.month,
                entry: e.clone(),
            })
            .collect()
    }

    /// Merges another institution's copy of the same ledger: the union of the
    /// entries by id. Merging in any order gives the same ledger.
    ///
    /// # Errors
    /// `subsidy.ledger.other_ledger` (other payer or month), `.caps` (other
    /// caps), `.conflict` (an id recorded with different content),
    /// `.overflow`. On error the ledger is unchanged.
    ///
    /// ```
    /// use pmh_core::subsidy::ledger::CapLedger;
    /// let json = |id: &str, day: u32, charged: i64| format!(r#"{{"payerNumber": "54136015",
    ///     "month": "2024-05", "cap": 10000, "entries": [{{"id": "{id}", "date": "2024-05-{day:02}",
    ///     "institutionCode": "1310000011", "setting": "outpatient", "totalCost": 50000,
    ///     "copayDue": {charged}, "charged": {charged}}}]}}"#);
    /// let a: CapLedger = serde_json::from_str(&json("a", 3, 6000)).unwrap();
    /// let b: CapLedger = serde_json::from_str(&json("b", 1, 3000)).unwrap();
    /// let mut ab = a.clone();
    /// ab.merge(&b).unwrap();
    /// let mut ba = b.clone();
    /// ba.merge(&a).unwrap();
    /// assert_eq!(ab, ba);
    /// assert_eq!(ab.entries()[0].id, "b");
    /// assert_eq!(ab.total_charged(), 9000);
    /// ```
    pub fn merge(&mut self, other: &CapLedger) -> Result<(), LedgerError> {
        if other.payer_number != self.payer_number || other.month != self.month {
            return Err(LedgerError::OtherLedger);
        }
        if other.caps != self.caps {
            return Err(LedgerError::Caps);
        }
        let mut merged = self.clone();
        for entry in &other.entries {
            merged.insert(entry.clone())?;
        }
        *self = merged;
        Ok(())
    }

    /// Checks and inserts one entry in canonical position, recomputing
    /// `cumulative`. Unchanged on error.
    fn insert(&mut self, mut entry: LedgerEntry) -> Result<bool, LedgerError> {
        entry.check()?;
        if !self.month.contains(entry.date) {
            return Err(LedgerError::Month);
        }
        if let Some(e) = self.entry(&entry.id) {
            return if e.same_content(&entry) {
                Ok(false)
            } else {
                Err(LedgerError::Conflict)
            };
        }
        let total = self
            .total_charged()
            .checked_add(entry.charged)
            .ok_or(LedgerError::Overflow)?;
        if total > MAX_AMOUNT {
            return Err(LedgerError::Overflow);
        }
        let pos = self
            .entries
            .partition_point(|e| (e.date, e.id.as_str()) < (entry.date, entry.id.as_str()));
        entry.cumulative = 0;
        self.entries.insert(pos, entry);
        // Running totals are bounded by `total` ≤ MAX_AMOUNT: no overflow.
        let mut running = if pos == 0 {
            0
        } else {
            self.entries[pos - 1].cumulative
        };
        for e in &mut self.entries[pos..] {
            running += e.charged;
            e.cumulative = running;
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "1310000011";
    const B: &str = "1312345679";

    fn month() -> LedgerMonth {
        LedgerMonth::new(2024, 5).unwrap()
    }

    fn ledger(caps: LedgerCaps) -> CapLedger {
        CapLedger::new("54136015".parse().unwrap(), month(), caps).unwrap()
    }

    fn cap(c: i64) -> LedgerCaps {
        LedgerCaps {
            monthly: Some(c),
            ..LedgerCaps::default()
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 5, d).unwrap()
    }

    fn visit(id: &str, d: u32, inst: &str, setting: Setting, due: i64) -> NewEntry {
        NewEntry {
            id: id.into(),
            date: day(d),
            institution_code: inst.parse().unwrap(),
            setting,
            total_cost: due * 5,
            copay_due: due,
        }
    }

    fn entry(id: &str, d: u32, inst: &str, due: i64, charged: i64) -> LedgerEntry {
        LedgerEntry {
            id: id.into(),
            date: day(d),
            institution_code: inst.parse().unwrap(),
            setting: Setting::Outpatient,
            total_cost: due * 5,
            copay_due: due,
            charged,
            cumulative: 0,
        }
    }

    /// subsidy.md §4.3: cap 10,000; 6,000 → 3,000 → 1,000 (would have been 4,000) → 0.
    #[test]
    fn reference_kanrihyo_example() {
        let mut l = ledger(cap(10_000));
        let got: Vec<(i64, i64)> = [(2, A, 6000), (9, B, 3000), (16, A, 4000), (23, B, 2500)]
            .iter()
            .enumerate()
            .map(|(i, &(d, inst, due))| {
                let e = l
                    .charge(visit(&format!("v-{i}"), d, inst, Setting::Outpatient, due))
                    .unwrap();
                (e.charged, e.cumulative)
            })
            .collect();
        assert_eq!(
            got,
            [(6000, 6000), (3000, 9000), (1000, 10_000), (0, 10_000)]
        );
        assert_eq!(
            l.entries().len(),
            4,
            "visits after the cap are still recorded"
        );
        assert_eq!(l.entries()[2].copay_due, 4000);
        assert_eq!(l.remaining(Setting::Inpatient), Some(0));
        assert_eq!(l.over_cap(), 0);
    }

    #[test]
    fn separate_outpatient_and_inpatient_caps() {
        let mut l = ledger(LedgerCaps {
            outpatient: Some(1000),
            inpatient: Some(5000),
            ..LedgerCaps::default()
        });
        assert_eq!(
            l.charge(visit("o1", 1, A, Setting::Outpatient, 800))
                .unwrap()
                .charged,
            800
        );
        assert_eq!(
            l.charge(visit("p1", 1, B, Setting::Pharmacy, 800))
                .unwrap()
                .charged,
            200
        );
        assert_eq!(
            l.charge(visit("i1", 2, A, Setting::Inpatient, 4000))
                .unwrap()
                .charged,
            4000
        );
        assert_eq!(l.remaining(Setting::Outpatient), Some(0));
        assert_eq!(l.remaining(Setting::Inpatient), Some(1000));
        // combined + side cap: the smaller remainder applies
        let mut both = ledger(LedgerCaps {
            monthly: Some(1500),
            outpatient: Some(1000),
            inpatient: None,
        });
        both.charge(visit("i1", 1, A, Setting::Inpatient, 1200))
            .unwrap();
        assert_eq!(both.remaining(Setting::Outpatient), Some(300));
        assert_eq!(
            both.charge(visit("o1", 2, A, Setting::Outpatient, 900))
                .unwrap()
                .charged,
            300
        );
    }

    #[test]
    fn no_cap_records_everything() {
        let mut l = ledger(LedgerCaps::default());
        assert_eq!(l.remaining(Setting::Outpatient), None);
        assert_eq!(
            l.charge(visit("v", 1, A, Setting::Outpatient, 200))
                .unwrap()
                .charged,
            200
        );
        assert_eq!(l.charged_visits_at(&A.parse().unwrap(), "x"), 1);
        assert_eq!(l.charged_visits_at(&A.parse().unwrap(), "v"), 0);
        assert_eq!(l.over_cap(), 0);
    }

    #[test]
    fn idempotent_and_conflicts() {
        let mut l = ledger(cap(10_000));
        let e = entry("v-1", 10, A, 6000, 6000);
        assert_eq!(l.add(e.clone()), Ok(true));
        let before = l.clone();
        assert_eq!(
            l.add(LedgerEntry {
                cumulative: 12345,
                ..e.clone()
            }),
            Ok(false)
        );
        assert_eq!(l, before);
        assert_eq!(
            l.add(LedgerEntry {
                charged: 10,
                ..e.clone()
            }),
            Err(LedgerError::Conflict)
        );
        assert_eq!(
            l.charge(visit("v-1", 10, A, Setting::Outpatient, 1)),
            Err(LedgerError::Conflict)
        );
        assert_eq!(l, before, "unchanged on error");
        let err = l.add(entry("v-2", 10, A, 10, 20)).unwrap_err();
        assert_eq!(err.code(), "subsidy.ledger.charged_exceeds_due");
        assert_eq!(
            l.add(entry("v-3", 10, A, -1, 0)).unwrap_err().code(),
            "subsidy.ledger.negative"
        );
        assert_eq!(
            l.add(entry("", 10, A, 1, 0)).unwrap_err().code(),
            "subsidy.ledger.id"
        );
        let big = entry("v-4", 10, A, MAX_AMOUNT, MAX_AMOUNT);
        assert_eq!(l.add(big).unwrap_err().code(), "subsidy.ledger.overflow");
        assert_eq!(l, before);
    }

    #[test]
    fn other_month_rejected() {
        let mut l = ledger(cap(10_000));
        let mut e = entry("v-1", 10, A, 6000, 6000);
        e.date = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        assert_eq!(l.add(e).unwrap_err().code(), "subsidy.ledger.month");
        let mut v = visit("v-2", 1, A, Setting::Outpatient, 1);
        v.date = NaiveDate::from_ymd_opt(2024, 4, 30).unwrap();
        assert_eq!(l.charge(v), Err(LedgerError::Month));
        let json = r#"{"payerNumber": "54136015", "month": "2024-05", "entries": [{"id": "x",
            "date": "2024-04-30", "institutionCode": "1310000011", "setting": "outpatient",
            "totalCost": 0, "copayDue": 0, "charged": 0}]}"#;
        let err = serde_json::from_str::<CapLedger>(json).unwrap_err();
        assert!(err.to_string().contains("subsidy.ledger.month"), "{err}");
    }

    #[test]
    fn merge_rejects_other_ledgers() {
        let mut l = ledger(cap(10_000));
        let other_payer =
            CapLedger::new("54136023".parse().unwrap(), month(), cap(10_000)).unwrap();
        assert_eq!(l.merge(&other_payer), Err(LedgerError::OtherLedger));
        let other_month = CapLedger::new(
            "54136015".parse().unwrap(),
            LedgerMonth::new(2024, 6).unwrap(),
            cap(10_000),
        );
        assert_eq!(
            l.merge(&other_month.unwrap()),
            Err(LedgerError::OtherLedger)
        );
        assert_eq!(l.merge(&ledger(cap(5_000))), Err(LedgerError::Caps));
        let mut a = ledger(cap(10_000));
        a.add(entry("v", 1, A, 100, 100)).unwrap();
        let mut b = ledger(cap(10_000));
        b.add(entry("v", 1, A, 100, 90)).unwrap();
        assert_eq!(a.clone().merge(&b), Err(LedgerError::Conflict));
        let r = LedgerRecord {
            payer_number: "54136023".parse().unwrap(),
            month: month(),
            entry: entry("w", 1, A, 1, 1),
        };
        assert_eq!(l.apply(&r), Err(LedgerError::OtherLedger));
    }

    #[test]
    fn concurrent_charges_show_over_cap() {
        // Two institutions charged on the same day without seeing each other.
        let mut a = ledger(cap(10_000));
        a.add(entry("a", 5, A, 6000, 6000)).unwrap();
        a.charge(visit("a2", 6, A, Setting::Outpatient, 3000))
            .unwrap();
        let mut b = ledger(cap(10_000));
        b.charge(visit("b", 5, B, Setting::Outpatient, 5000))
            .unwrap();
        a.merge(&b).unwrap();
        assert_eq!(a.total_charged(), 14_000);
        assert_eq!(a.over_cap(), 4000);
        assert_eq!(a.remaining(Setting::Outpatient), Some(0));
        assert_eq!(
            a.entries().iter().map(|e| e.cumulative).collect::<Vec<_>>(),
            [6000, 11_000, 14_000]
        );
    }

    fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
        if items.len() <= 1 {
            return vec![items.to_vec()];
        }
        let mut out = Vec::new();
        for i in 0..items.len() {
            let mut rest = items.to_vec();
            let first = rest.remove(i);
            for mut p in permutations(&rest) {
                p.insert(0, first.clone());
                out.push(p);
            }
        }
        out
    }

    /// Property: every permutation of merging the same ledgers (single-entry
    /// ledgers and overlapping copies) gives identical JSON.
    #[test]
    fn merge_order_independent() {
        let entries = [
            entry("v-3", 12, A, 4000, 1000),
            entry("v-1", 2, A, 6000, 6000),
            entry("v-2", 9, B, 3000, 3000),
            entry("v-5", 12, B, 2000, 0),
            entry("v-4", 12, A, 500, 0),
        ];
        let mut parts: Vec<CapLedger> = entries
            .iter()
            .map(|e| {
                let mut l = ledger(cap(10_000));
                l.add(e.clone()).unwrap();
                l
            })
            .collect();
        // an institution's copy that overlaps the others
        let mut copy = ledger(cap(10_000));
        copy.add(entries[1].clone()).unwrap();
        copy.add(entries[2].clone()).unwrap();
        parts.push(copy);
        let mut results = std::collections::BTreeSet::new();
        for order in permutations(&parts) {
            let mut acc = ledger(cap(10_000));
            for p in &order {
                acc.merge(p).unwrap();
            }
            // merging again is a no-op
            let again = acc.clone();
            for p in order.iter().rev() {
                acc.merge(p).unwrap();
            }
            assert_eq!(acc, again);
            results.insert(serde_json::to_string(&acc).unwrap());
        }
        assert_eq!(results.len(), 1);
        let l: CapLedger = serde_json::from_str(results.first().unwrap()).unwrap();
        let ids: Vec<&str> = l.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["v-1", "v-2", "v-3", "v-4", "v-5"]);
        let cumulative: Vec<i64> = l.entries().iter().map(|e| e.cumulative).collect();
        assert_eq!(cumulative, [6000, 9000, 10_000, 10_000, 10_000]);
        // also: adding entries one by one in any order
        for order in permutations(&entries) {
            let mut acc = ledger(cap(10_000));
            for e in order {
                acc.add(e).unwrap();
            }
            assert_eq!(
                serde_json::to_string(&acc).unwrap(),
                *results.first().unwrap()
            );
        }
    }

    #[test]
    fn json_round_trip_and_shape() {
        let mut l = ledger(cap(10_000));
        l.charge(visit("v-001", 10, A, Setting::Outpatient, 2470))
            .unwrap();
        let v = serde_json::to_value(&l).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"payerNumber": "54136015", "month": "2024-05", "cap": 10000,
                "entries": [{"id": "v-001", "date": "2024-05-10", "institutionCode": A,
                "setting": "outpatient", "totalCost": 12350, "copayDue": 2470, "charged": 2470,
                "cumulative": 2470}]})
        );
        let back: CapLedger = serde_json::from_value(v).unwrap();
        assert_eq!(back, l);
        let bad = serde_json::json!({"payerNumber": "54136015", "month": "2024-05", "cap": -1});
        let err = serde_json::from_value::<CapLedger>(bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("subsidy.ledger.negative"), "{err}");
        let unknown = serde_json::json!({"payerNumber": "54136015", "month": "2024-05", "capp": 1});
        assert!(serde_json::from_value::<CapLedger>(unknown).is_err());
    }

    #[test]
    fn month_parsing() {
        for bad in [
            "2024-13",
            "2024-00",
            "0000-01",
            "2024/05",
            "２０２４-05",
            "2024-5",
            "",
            "+024-05",
        ] {
            assert_eq!(
                bad.parse::<LedgerMonth>(),
                Err(LedgerError::MonthFormat),
                "{bad}"
            );
        }
        assert_eq!("0001-01".parse::<LedgerMonth>().unwrap().year(), 1);
        assert!(LedgerMonth::new(2024, 12).unwrap() < LedgerMonth::new(2025, 1).unwrap());
    }
}

//! 自己負担額 (copayment) of a visit under health insurance and up to four
//! public subsidies (公費), and the 管理票 entries it produces.
//!
//! # Rules and their sources
//!
//! All money is integer yen (`i64`), never floats; rates are integer percents.
//! Sources are in `shared/reference/subsidy.md`.
//!
//! 1. **Points to yen**: 1 点 = 10 円, so `totalCost = points × 10` (the 10割
//!    medical cost; 診療報酬の算定方法 告示, §4.4).
//! 2. **Insurance**: the window 一部負担金 is
//!    `round10(totalCost × insuranceCopayPercent / 100)`, where `round10`
//!    rounds to 10 yen: a yen remainder under 5 is cut, 5 or more rounds up
//!    (健康保険法75条 / 国保法42条の2, §4.4). The insurer pays the rest,
//!    `totalCost − 一部負担金`, unrounded (insurer-paid amounts are not 10-yen
//!    rounded, §4.4): the parts always add up to `totalCost`, and the rounding
//!    lands on the patient side.
//! 3. **Subsidies, in order.** At most [`MAX_SUBSIDIES`] certificates (a
//!    receipt and ORCA carry up to four 公費 per 保険組合せ, §6.2). National
//!    schemes (法別番号 in the national table, [`crate::ids::law_code_scheme`],
//!    §3) go before local (地方単独) ones, otherwise the caller's order is kept
//!    (stable); [`CopayOptions::keep_order`] keeps the caller's order
//!    entirely. National first matters: a local scheme that pays the rest
//!    (e.g. マル障 on top of 指定難病) must see the national scheme's amount,
//!    and the national 管理票 must record the national copay.
//! 4. **Whether a certificate applies** ([`NotApplied`]): not when deleted
//!    (`isDeleted` = "1"), not outside `validFrom..=validTo` (both inclusive:
//!    the day after `validTo` the patient pays the insurance copay), not at an
//!    institution missing from a non-empty `designatedMedicalInstitutions`
//!    (指定医療機関), and not at the window when `isAlwaysReimbursement` = "1"
//!    (常に償還払い: the patient pays now and claims from the payer later, so
//!    the scheme pays 0 here and no 管理票 entry is made; the claim is out of
//!    scope).
//! 5. **The scheme's patient amount** starts from the amount currently due
//!    (the insurance copay, or what the previous scheme left) and takes the
//!    smallest of what the scheme's [`CopaymentRule`] allows, each member being
//!    an upper bound:
//!    - `exempt` → 0 (全額助成);
//!    - `copayRatePercent` → `round10(totalCost × rate / 100)` (e.g. 2割 for
//!      指定難病 / 小児慢性, §4.1-4.2; 10-yen rounding at the window, §4.4). A
//!      patient whose insurance copay is already lower keeps the lower amount;
//!    - `perVisit` (外来, 調剤) / `perDay` (入院, one visit record per day) fixed
//!      amount, not rounded; 0 once `maxChargedVisitsPerMonth` visits at this
//!      institution this month already had the fixed amount due (counted from
//!      the ledger, [`CapLedger::charged_visits_at`]);
//!    - then the **monthly cap** (`monthlyCap`, or `monthlyCapOutpatient` /
//!      `monthlyCapInpatient` for the visit's setting): at most what is left
//!      of it this month across all institutions, from the scheme's
//!      [`CapLedger`] (§4.3). The amount is 10-yen rounded *before* the cap,
//!      and the capped amount is not rounded again (the institution that
//!      reaches the cap collects exactly the remainder).
//!
//!    The payer pays `due before − amount`; the amount becomes the new due.
//! 6. **Ledgers**: a scheme with a cap or a visit limit gets a 管理票 entry
//!    for the visit ([`LedgerRecord`]), recorded even when 0 is charged. The
//!    entry's `copayDue` is the amount before the cap, `charged` after it. A
//!    missing ledger means nothing was charged yet this month. A given ledger
//!    must be for the visit's month and have the certificate's caps. Computing
//!    a visit that its ledger already records returns the recorded amount
//!    (idempotent).
//! 7. **Meals** (入院時食事療養 標準負担額, `mealCost`) are outside the 10割
//!    medical cost, are not 10-yen rounded, and count toward no cap and no
//!    ledger. Each applying scheme in order takes, of the meal amount still due:
//!    `notCovered` nothing (指定難病, §4.1), `half` half rounded down to the yen
//!    (小児慢性: ½ 自己負担, §4.2; an odd yen stays with the patient),
//!    `covered` all of it.
//!
//! # Worked example
//!
//! A 指定難病 (法別54) recipient, 一般所得I (cap 10,000円, 2割, §4.1), 3割
//! insured, 1,234 点 at a clinic, nothing charged yet this month:
//! - totalCost = 12,340; insurance copay = round10(3,702) = 3,700; insurer 8,640;
//! - 指定難病: round10(12,340 × 20%) = round10(2,468) = 2,470 ≤ cap left 10,000;
//!   the payer pays 3,700 − 2,470 = 1,230; the patient 2,470; cap left 7,530.
//!
//! ```
//! use pmh_core::subsidy::copayment::CopayRequest;
//! let request: CopayRequest = serde_json::from_value(serde_json::json!({
//!     "visit": {"id": "v-001", "date": "2024-05-10", "institutionCode": "1310000011",
//!               "setting": "outpatient", "points": 1234, "insuranceCopayPercent": 30},
//!     "certificates": [{
//!         "orgSpecificCertificateTypeId": "NANBYO01", "myNumber": "983205673214",
//!         "basicFiveInfo": {"name": "山田 花子", "nameKana": "ヤマダ ハナコ",
//!             "address": "東京都千代田区", "dateOfBirth": "1980-04-01", "sex": "2"},
//!         "medicalSubsidyInsurerNumber": "54136015",
//!         "certificationName": "特定医療費(指定難病)受給者証",
//!         "medicalSubsidyRecipientNumber": "1234566", "isAlwaysReimbursement": "0",
//!         "maxCopaymentAmount": {"monthlyCap": 10000, "copayRatePercent": 20},
//!         "validFrom": "2024-04-01", "validTo": "2025-03-31", "certificationDetail": []}]
//! })).unwrap();
//! let result = request.compute().unwrap();
//! assert_eq!(serde_json::to_value(&result).unwrap(), serde_json::json!({
//!     "totalCost": 12340, "insuranceCopay": 3700, "insurerPays": 8640,
//!     "publicPayers": [{"payerNumber": "54136015", "applied": true, "pays": 1230,
//!                       "capRemaining": 7530}],
//!     "patientPays": 2470,
//!     "ledgerEntries": [{"payerNumber": "54136015", "month": "2024-05", "entry": {
//!         "id": "v-001", "date": "2024-05-10", "institutionCode": "1310000011",
//!         "setting": "outpatient", "totalCost": 12340, "copayDue": 2470,
//!         "charged": 2470, "cumulative": 2470}}]
//! }));
//! ```

use super::ledger::{CapLedger, LedgerError, LedgerMonth, LedgerRecord, NewEntry, MAX_AMOUNT};
use super::{Certificate, CopaymentRule, MealCoverage, Setting};
use crate::ids::{InstitutionCode, PayerNumber};
use crate::validate::Rule;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Most subsidies applied to one visit (4 公費 per 保険組合せ, subsidy.md §6.2).
pub const MAX_SUBSIDIES: usize = 4;

/// Rounds a non-negative yen amount to 10 yen at the window: a remainder
/// under 5 yen is cut, 5 yen or more rounds up (健康保険法75条, subsidy.md
/// §4.4). `None` for a negative amount or on overflow.
///
/// ```
/// use pmh_core::subsidy::copayment::round_to_10_yen;
/// assert_eq!(round_to_10_yen(3704), Some(3700));
/// assert_eq!(round_to_10_yen(3705), Some(3710));
/// assert_eq!(round_to_10_yen(-1), None);
/// ```
pub fn round_to_10_yen(yen: i64) -> Option<i64> {
    if yen < 0 {
        return None;
    }
    Some(yen.checked_add(5)? / 10 * 10)
}

/// `percent`% of `total` yen, rounded to 10 yen at the window on the exact
/// (fractional) value: 12,345 × 30% = 3,703.5 → 3,700; 3,705 → 3,710.
/// `None` for negative input, a percent above 100, or on overflow.
///
/// ```
/// use pmh_core::subsidy::copayment::percent_rounded;
/// assert_eq!(percent_rounded(12_340, 20), Some(2_470)); // 2,468
/// assert_eq!(percent_rounded(12_345, 30), Some(3_700)); // 3,703.5
/// assert_eq!(percent_rounded(12_350, 30), Some(3_710)); // 3,705
/// ```
pub fn percent_rounded(total: i64, percent: u8) -> Option<i64> {
    if total < 0 || percent > 100 {
        return None;
    }
    // total × p / 100 rounded at the yen digit: (total × p + 500) / 1000 × 10.
    let hundredths = total.checked_mul(i64::from(percent))?;
    Some(hundredths.checked_add(500)? / 1000 * 10)
}

const NEGATIVE_POINTS: Rule = Rule::error(
    "subsidy.copay.negative_points",
    "点数は0以上でなければなりません。",
    "Points must not be negative.",
);
const NEGATIVE_MEAL_COST: Rule = Rule::error(
    "subsidy.copay.negative_meal_cost",
    "食事療養費は0以上でなければなりません。",
    "The meal cost must not be negative.",
);
const INSURANCE_PERCENT: Rule = Rule::error(
    "subsidy.copay.insurance_percent",
    "保険の負担割合は0〜100%でなければなりません。",
    "The insurance copay percent must be 0 to 100.",
);
const TOO_MANY: Rule = Rule::error(
    "subsidy.copay.too_many_certificates",
    "公費は4つまでです。",
    "At most four subsidies apply to one visit.",
);
const INVALID_RULE: Rule = Rule::error(
    "subsidy.copay.invalid_rule",
    "自己負担上限額の設定が不正です（負の金額または100%を超える割合）。",
    "The copayment rule is invalid (negative amount or rate above 100%).",
);
const PAYER_NUMBER: Rule = Rule::error(
    "subsidy.copay.payer_number",
    "受給者証の公費負担者番号が不正です。",
    "A certificate's payer number is invalid.",
);
const DUPLICATE_PAYER: Rule = Rule::error(
    "subsidy.copay.duplicate_payer",
    "同じ公費負担者番号の受給者証が複数適用されます。",
    "Two applicable certificates have the same payer number.",
);
const LEDGER_MONTH: Rule = Rule::error(
    "subsidy.copay.ledger_month",
    "管理票の対象月が受診月と異なります。",
    "A ledger is for another month than the visit.",
);
const LEDGER_CAPS: Rule = Rule::error(
    "subsidy.copay.ledger_caps",
    "管理票の上限額が受給者証と異なります。",
    "A ledger's caps differ from its certificate's.",
);
const DUPLICATE_LEDGER: Rule = Rule::error(
    "subsidy.copay.duplicate_ledger",
    "同じ公費負担者番号の管理票が複数あります。",
    "Two ledgers have the same payer number.",
);
const OVERFLOW: Rule = Rule::error(
    "subsidy.copay.overflow",
    "金額が大きすぎます。",
    "An amount is too large.",
);

/// Why a copayment could not be computed. Each variant has a stable
/// [`code`](CopayError::code); messages never contain the data.
///
/// ```
/// use pmh_core::subsidy::copayment::CopayError;
/// assert_eq!(CopayError::NegativePoints.code(), "subsidy.copay.negative_points");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CopayError {
    /// `subsidy.copay.negative_points`.
    NegativePoints,
    /// `subsidy.copay.negative_meal_cost`.
    NegativeMealCost,
    /// `subsidy.copay.insurance_percent`: above 100.
    InsurancePercent,
    /// `subsidy.copay.too_many_certificates`: more than [`MAX_SUBSIDIES`].
    TooManyCertificates,
    /// `subsidy.copay.invalid_rule`: an applicable certificate's
    /// `maxCopaymentAmount` has a negative amount or a rate above 100.
    InvalidRule,
    /// `subsidy.copay.payer_number`: a certificate's payer number does not parse.
    PayerNumber,
    /// `subsidy.copay.duplicate_payer`: two applicable certificates share a payer number.
    DuplicatePayer,
    /// `subsidy.copay.ledger_month`: a ledger for another month.
    LedgerMonth,
    /// `subsidy.copay.ledger_caps`: a ledger whose caps differ from the certificate's.
    LedgerCaps,
    /// `subsidy.copay.duplicate_ledger`: two ledgers for one payer number.
    DuplicateLedger,
    /// `subsidy.copay.overflow`: an amount above 2^53 − 1 yen.
    Overflow,
    /// A ledger refused the entry (`subsidy.ledger.*`).
    Ledger(LedgerError),
}

impl CopayError {
    /// The rule violated (code, severity, messages in Japanese and English).
    pub fn rule(self) -> &'static Rule {
        match self {
            CopayError::NegativePoints => &NEGATIVE_POINTS,
            CopayError::NegativeMealCost => &NEGATIVE_MEAL_COST,
            CopayError::InsurancePercent => &INSURANCE_PERCENT,
            CopayError::TooManyCertificates => &TOO_MANY,
            CopayError::InvalidRule => &INVALID_RULE,
            CopayError::PayerNumber => &PAYER_NUMBER,
            CopayError::DuplicatePayer => &DUPLICATE_PAYER,
            CopayError::LedgerMonth => &LEDGER_MONTH,
            CopayError::LedgerCaps => &LEDGER_CAPS,
            CopayError::DuplicateLedger => &DUPLICATE_LEDGER,
            CopayError::Overflow => &OVERFLOW,
            CopayError::Ledger(e) => e.rule(),
        }
    }

    /// Stable code, e.g. `subsidy.copay.negative_points`.
    pub fn code(self) -> &'static str {
        self.rule().code
    }
}

impl fmt::Display for CopayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.rule().message_en)
    }
}

impl std::error::Error for CopayError {}

impl From<LedgerError> for CopayError {
    fn from(e: LedgerError) -> Self {
        CopayError::Ledger(e)
    }
}

/// One visit (受診) to compute: one day's care at one institution, or one
/// pharmacy dispensing, or one inpatient day.
///
/// ```
/// use pmh_core::subsidy::copayment::Visit;
/// let v: Visit = serde_json::from_str(r#"{"id": "v-001", "date": "2024-05-10",
///     "institutionCode": "1310000011", "setting": "outpatient", "points": 1234,
///     "insuranceCopayPercent": 30}"#).unwrap();
/// assert_eq!(v.meal_cost, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Visit {
    /// Visit id, unique per payer and month (becomes the ledger entry id), 1-64 characters.
    pub id: String,
    /// 診療日 (date of care).
    pub date: NaiveDate,
    /// 医療機関コード (institution code, 10 digits).
    pub institution_code: InstitutionCode,
    /// 外来 / 入院 / 調剤.
    pub setting: Setting,
    /// 点数 (points); 1 点 = 10 円.
    pub points: i64,
    /// Insurance copay percent (一部負担金の割合): 30, 20, 10; 100 without insurance.
    pub insurance_copay_percent: u8,
    /// 食事療養 標準負担額 (meal cost the patient owes before subsidies), yen.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub meal_cost: i64,
}

fn is_zero(v: &i64) -> bool {
    *v == 0
}

/// Options of [`compute_copayment`].
///
/// ```
/// use pmh_core::subsidy::copayment::CopayOptions;
/// assert!(!CopayOptions::default().keep_order);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CopayOptions {
    /// Apply certificates in the given order instead of national 法別 first.
    pub keep_order: bool,
}

/// Input of `pmh subsidy copay VISIT.json`: a visit, the patient's
/// certificates (up to four) and this month's ledgers of the capped schemes.
///
/// `keepOrder` (default false) is [`CopayOptions::keep_order`].
///
/// ```
/// use pmh_core::subsidy::copayment::CopayRequest;
/// let r: CopayRequest = serde_json::from_str(r#"{"visit": {"id": "v-1", "date": "2024-05-10",
///     "institutionCode": "1310000011", "setting": "outpatient", "points": 100,
///     "insuranceCopayPercent": 30}, "certificates": []}"#).unwrap();
/// assert_eq!(r.compute().unwrap().patient_pays, 300);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CopayRequest {
    /// The visit.
    pub visit: Visit,
    /// The patient's 受給者証 (certificates), at most [`MAX_SUBSIDIES`].
    #[serde(default)]
    pub certificates: Vec<Certificate>,
    /// This month's 管理票 (ledgers), one per payer number at most.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ledgers: Vec<CapLedger>,
    /// Keep the certificates' order (see [`CopayOptions`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keep_order: bool,
}

impl CopayRequest {
    /// Runs [`compute_copayment`] on this request.
    ///
    /// # Errors
    /// As [`compute_copayment`].
    ///
    /// ```
    /// use pmh_core::subsidy::copayment::CopayRequest;
    /// let r: CopayRequest = serde_json::from_str(r#"{"visit": {"id": "v-1", "date": "2024-05-10",
    ///     "institutionCode": "1310000011", "setting": "outpatient", "points": -1,
    ///     "insuranceCopayPercent": 30}, "certificates": []}"#).unwrap();
    /// assert_eq!(r.compute().unwrap_err().code(), "subsidy.copay.negative_points");
    /// ```
    pub fn compute(&self) -> Result<CopayResult, CopayError> {
        compute_copayment(
            &self.visit,
            &self.certificates,
            &self.ledgers,
            &CopayOptions {
                keep_order: self.keep_order,
            },
        )
    }
}

/// Why a certificate did not apply at the window.
///
/// ```
/// use pmh_core::subsidy::copayment::NotApplied;
/// assert_eq!(serde_json::to_string(&NotApplied::OutsideValidity).unwrap(), r#""outsideValidity""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NotApplied {
    /// The record is deleted (`isDeleted` = "1").
    Deleted,
    /// The visit date is outside `validFrom..=validTo`.
    OutsideValidity,
    /// The institution is not one of the certificate's 指定医療機関.
    NotDesignated,
    /// 常に償還払い: the patient pays now and claims later.
    AlwaysReimbursement,
}

/// What one public payer (公費負担者) pays for the visit.
///
/// No recipient number or personal data: the payer number identifies the scheme.
///
/// ```
/// use pmh_core::subsidy::copayment::PayerShare;
/// let s: PayerShare = serde_json::from_str(r#"{"payerNumber": "54136015", "applied": true,
///     "pays": 1230, "capRemaining": 7530}"#).unwrap();
/// assert_eq!(s.meal_pays, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PayerShare {
    /// 公費負担者番号 (payer number).
    pub payer_number: PayerNumber,
    /// Whether the certificate applied at the window.
    pub applied: bool,
    /// Why not, when it did not apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<NotApplied>,
    /// Medical cost the payer pays, yen.
    pub pays: i64,
    /// Meal cost the payer pays, yen.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub meal_pays: i64,
    /// What is left of the payer's monthly cap for this setting once this
    /// visit is recorded, given every entry of the ledger passed in (when the
    /// visit was already recorded, the ledger's current state).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_remaining: Option<i64>,
}

/// The split of a visit's cost.
///
/// `totalCost = insurerPays + Σ publicPayers.pays + (patientPays − patientMealPays)`
/// and `mealCost = Σ publicPayers.mealPays + patientMealPays`.
///
/// ```
/// use pmh_core::subsidy::copayment::{compute_copayment, CopayOptions, Visit};
/// let v: Visit = serde_json::from_str(r#"{"id": "v-1", "date": "2024-05-10",
///     "institutionCode": "1310000011", "setting": "outpatient", "points": 1235,
///     "insuranceCopayPercent": 30}"#).unwrap();
/// let r = compute_copayment(&v, &[], &[], &CopayOptions::default()).unwrap();
/// assert_eq!((r.total_cost, r.insurer_pays, r.patient_pays), (12_350, 8_640, 3_710));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CopayResult {
    /// 医療費総額 (10割 medical cost) = points × 10, yen.
    pub total_cost: i64,
    /// 一部負担金 under insurance alone (10-yen rounded), yen.
    pub insurance_copay: i64,
    /// What the insurer pays: `totalCost − insuranceCopay`, yen.
    pub insurer_pays: i64,
    /// Each certificate, in the order applied (applied or not).
    pub public_payers: Vec<PayerShare>,
    /// Meal cost before subsidies, yen (omitted when 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub meal_cost: i64,
    /// Meal cost the patient pays, yen (omitted when 0).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub patient_meal_pays: i64,
    /// What the patient pays at the window, medical and meals, yen.
    pub patient_pays: i64,
    /// 管理票 entries to record (and report as `subsidy.copayment.record`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ledger_entries: Vec<LedgerRecord>,
}

/// Computes the copayment of a visit: insurance, then each applicable
/// subsidy in order (rules and sources in the [module docs](self)).
///
/// `ledgers` are this month's 管理票 for capped schemes, matched by payer
/// number; ledgers of payers that do not apply are ignored. They are not
/// modified: add the returned `ledgerEntries` ([`CapLedger::apply`]).
///
/// # Errors
/// [`CopayError`]: negative points or meal cost, insurance percent above 100,
/// more than four certificates, an invalid payer number or rule, duplicate
/// payers or ledgers, a ledger of another month or with other caps, a ledger
/// conflict (the visit id recorded with other content), overflow.
///
/// ```
/// use pmh_core::subsidy::copayment::{compute_copayment, CopayOptions, Visit};
/// use pmh_core::subsidy::Certificate;
/// let v: Visit = serde_json::from_str(r#"{"id": "v-1", "date": "2024-05-10",
///     "institutionCode": "1310000011", "setting": "outpatient", "points": 500,
///     "insuranceCopayPercent": 30}"#).unwrap();
/// // Tokyo マル子 (法別88, local): 200円 per visit.
/// let cert: Certificate = serde_json::from_value(serde_json::json!({
///     "orgSpecificCertificateTypeId": "MARUKO", "myNumber": "983205673214",
///     "basicFiveInfo": {"name": "山田 太郎", "nameKana": "ヤマダ タロウ",
///         "address": "東京都千代田区", "dateOfBirth": "2015-04-01", "sex": "1"},
///     "medicalSubsidyInsurerNumber": "88132014", "certificationName": "マル子",
///     "medicalSubsidyRecipientNumber": "1234566", "isAlwaysReimbursement": "0",
///     "maxCopaymentAmount": {"perVisit": 200},
///     "validFrom": "2024-04-01", "validTo": "2025-03-31", "certificationDetail": []
/// })).unwrap();
/// let r = compute_copayment(&v, &[cert], &[], &CopayOptions::default()).unwrap();
/// assert_eq!((r.insurer_pays, r.public_payers[0].pays, r.patient_pays), (3_500, 1_300, 200));
/// assert!(r.ledger_entries.is_empty()); // no cap, no visit limit: no 管理票
/// ```
pub fn compute_copayment(
    visit: &Visit,
    certificates: &[Certificate],
    ledgers: &[CapLedger],
    options: &CopayOptions,
) -> Result<CopayResult, CopayError> {
    if visit.points < 0 {
        return Err(CopayError::NegativePoints);
    }
    if visit.meal_cost < 0 {
        return Err(CopayError::NegativeMealCost);
    }
    if visit.meal_cost > MAX_AMOUNT {
        return Err(CopayError::Overflow);
    }
    if visit.insurance_copay_percent > 100 {
        return Err(CopayError::InsurancePercent);
    }
    if certificates.len() > MAX_SUBSIDIES {
        return Err(CopayError::TooManyCertificates);
    }
    let total_cost = visit
        .points
        .checked_mul(10)
        .filter(|t| *t <= MAX_AMOUNT)
        .ok_or(CopayError::Overflow)?;
    let insurance_copay =
        percent_rounded(total_cost, visit.insurance_copay_percent).ok_or(CopayError::Overflow)?;
    let month = LedgerMonth::of(visit.date);

    for (i, l) in ledgers.iter().enumerate() {
        if l.month() != month {
            return Err(CopayError::LedgerMonth);
        }
        if ledgers[..i]
            .iter()
            .any(|o| o.payer_number() == l.payer_number())
        {
            return Err(CopayError::DuplicateLedger);
        }
    }

    let mut ordered: Vec<(PayerNumber, &Certificate)> = certificates
        .iter()
        .map(|c| PayerNumber::parse(&c.medical_subsidy_insurer_number).map(|p| (p, c)))
        .collect::<Result<_, _>>()
        .map_err(|_| CopayError::PayerNumber)?;
    if !options.keep_order {
        ordered.sort_by_key(|(p, _)| !p.is_national()); // stable: national first
    }

    let mut due = insurance_copay;
    let mut meal_due = visit.meal_cost;
    let mut shares = Vec::with_capacity(ordered.len());
    let mut records = Vec::new();
    let mut applied_payers: Vec<PayerNumber> = Vec::new();

    for (payer, cert) in ordered {
        if let Some(reason) = not_applied(cert, visit) {
            shares.push(PayerShare {
                payer_number: payer,
                applied: false,
                reason: Some(reason),
                pays: 0,
                meal_pays: 0,
                cap_remaining: None,
            });
            continue;
        }
        if applied_payers.contains(&payer) {
            return Err(CopayError::DuplicatePayer);
        }
        applied_payers.push(payer);
        let rule = &cert.max_copayment_amount;
        check_rule(rule)?;

        let mut ledger = ledgers.iter().find(|l| l.payer_number() == payer).cloned();
        let needs_ledger = needs_ledger(rule);
        if needs_ledger && ledger.is_none() {
            ledger = Some(CapLedger::for_rule(payer, month, rule)?);
        }
        if let Some(l) = &ledger {
            if l.caps() != super::ledger::LedgerCaps::from_rule(rule) {
                return Err(CopayError::LedgerCaps);
            }
        }

        // The scheme's amount before the cap (each rule member is an upper bound).
        let mut amount = due;
        if rule.exempt {
            amount = 0;
        }
        if let Some(rate) = rule.copay_rate_percent {
            amount = amount.min(percent_rounded(total_cost, rate).ok_or(CopayError::Overflow)?);
        }
        let fixed = if visit.setting.is_outpatient_side() {
            rule.per_visit
        } else {
            rule.per_day
        };
        if let Some(mut fixed) = fixed {
            if let (Some(max), Some(l)) = (rule.max_charged_visits_per_month, &ledger) {
                let counted = l.charged_visits_at(&visit.institution_code, &visit.id);
                if u32::try_from(counted).map_or(true, |n| n >= max) {
                    fixed = 0;
                }
            }
            amount = amount.min(fixed);
        }

        let (amount, cap_remaining) = match ledger.filter(|_| needs_ledger) {
            Some(mut l) => {
                let entry = l.charge(NewEntry {
                    id: visit.id.clone(),
                    date: visit.date,
                    institution_code: visit.institution_code,
                    setting: visit.setting,
                    total_cost,
                    copay_due: amount,
                })?;
                let charged = entry.charged;
                records.push(LedgerRecord {
                    payer_number: payer,
                    month,
                    entry,
                });
                (charged, l.remaining(visit.setting))
            }
            None => (amount, None),
        };
        // amount ≤ due by construction (min with due, or a charge ≤ copay_due ≤ due)
        // unless an idempotent re-charge returned an older entry: clamp.
        let amount = amount.min(due);

        let meal_pays = match rule.meals {
            MealCoverage::NotCovered => 0,
            MealCoverage::Half => meal_due / 2,
            MealCoverage::Covered => meal_due,
        };
        shares.push(PayerShare {
            payer_number: payer,
            applied: true,
            reason: None,
            pays: due - amount,
            meal_pays,
            cap_remaining,
        });
        due = amount;
        meal_due -= meal_pays;
    }

    Ok(CopayResult {
        total_cost,
        insurance_copay,
        insurer_pays: total_cost - insurance_copay,
        public_payers: shares,
        meal_cost: visit.meal_cost,
        patient_meal_pays: meal_due,
        patient_pays: due.checked_add(meal_due).ok_or(CopayError::Overflow)?,
        ledger_entries: records,
    })
}

/// Whether the certificate does not apply to the visit, and why.
fn not_applied(cert: &Certificate, visit: &Visit) -> Option<NotApplied> {
    if cert.is_deleted() {
        return Some(NotApplied::Deleted);
    }
    if !cert.is_valid_on(visit.date) {
        return Some(NotApplied::OutsideValidity);
    }
    let designated = &cert.designated_medical_institutions;
    if !designated.is_empty()
        && !designated.iter().any(|d| {
            InstitutionCode::parse(&d.institution_code)
                .map_or(d.institution_code == visit.institution_code.as_str(), |c| {
                    c == visit.institution_code
                })
        })
    {
        return Some(NotApplied::NotDesignated);
    }
    if cert.always_reimbursement() {
        return Some(NotApplied::AlwaysReimbursement);
    }
    None
}

/// A scheme keeps a 管理票 when it has a monthly cap or a visit limit.
fn needs_ledger(rule: &CopaymentRule) -> bool {
    super::ledger::LedgerCaps::from_rule(rule) != Default::default()
        || (rule.max_charged_visits_per_month.is_some()
            && (rule.per_visit.is_some() || rule.per_day.is_some()))
}

fn check_rule(rule: &CopaymentRule) -> Result<(), CopayError> {
    let amounts = [
        rule.per_visit,
        rule.per_day,
        rule.monthly_cap,
        rule.monthly_cap_outpatient,
        rule.monthly_cap_inpatient,
    ];
    if rule.copay_rate_percent.is_some_and(|r| r > 100) || amounts.iter().flatten().any(|a| *a < 0)
    {
        return Err(CopayError::InvalidRule);
    }
    if amounts.iter().flatten().any(|a| *a > MAX_AMOUNT) {
        return Err(CopayError::Overflow);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const CLINIC: &str = "1310000011";
    const HOSPITAL: &str = "1312345679";
    const PHARMACY: &str = "1341234563";
    const NANBYO: &str = "54136015";
    const MARUKO: &str = "88132014";
    const MARUSHO: &str = "80136013";
    const SHOMAN: &str = "52136017";

    fn cert(payer: &str, rule: serde_json::Value) -> Certificate {
        serde_json::from_value(json!({
            "orgSpecificCertificateTypeId": "T1", "myNumber": "983205673214",
            "basicFiveInfo": {"name": "山田 花子", "nameKana": "ヤマダ ハナコ",
                "address": "東京都千代田区", "dateOfBirth": "1980-04-01", "sex": "2"},
            "medicalSubsidyInsurerNumber": payer, "certificationName": "受給者証",
            "medicalSubsidyRecipientNumber": "1234566", "isAlwaysReimbursement": "0",
            "maxCopaymentAmount": rule,
            "validFrom": "2024-04-01", "validTo": "2025-03-31", "certificationDetail": []
        }))
        .unwrap()
    }

    fn nanbyo() -> Certificate {
        cert(NANBYO, json!({"monthlyCap": 10000, "copayRatePercent": 20}))
    }

    fn visit(id: &str, date: &str, inst: &str, setting: &str, points: i64, pct: u8) -> Visit {
        serde_json::from_value(json!({"id": id, "date": date, "institutionCode": inst,
            "setting": setting, "points": points, "insuranceCopayPercent": pct}))
        .unwrap()
    }

    fn run(v: &Visit, certs: &[Certificate], ledgers: &[CapLedger]) -> CopayResult {
        let r = compute_copayment(v, certs, ledgers, &CopayOptions::default()).unwrap();
        check_sums(&r);
        r
    }

    fn check_sums(r: &CopayResult) {
        let payers: i64 = r.public_payers.iter().map(|p| p.pays).sum();
        let meals: i64 = r.public_payers.iter().map(|p| p.meal_pays).sum();
        assert_eq!(
            r.total_cost,
            r.insurer_pays + payers + r.patient_pays - r.patient_meal_pays
        );
        assert_eq!(r.meal_cost, meals + r.patient_meal_pays);
        assert!(r
            .public_payers
            .iter()
            .all(|p| p.pays >= 0 && p.meal_pays >= 0));
    }

    fn apply(ledger: &mut Option<CapLedger>, r: &CopayResult) {
        for rec in &r.ledger_entries {
            let l = ledger.get_or_insert_with(|| {
                CapLedger::for_rule(rec.payer_number, rec.month, &nanbyo().max_copayment_amount)
                    .unwrap()
            });
            l.apply(rec).unwrap();
        }
    }

    /// 指定難病 一般所得I (cap 10,000円, 2割, subsidy.md §4.1), 3割 insured:
    /// three visits at two institutions, then one more after the cap.
    #[test]
    fn nanbyo_three_visits_two_institutions() {
        let certs = [nanbyo()];
        let mut ledger: Option<CapLedger> = None;
        let mut got = Vec::new();
        for (id, date, inst, points) in [
            ("v-1", "2024-05-02", CLINIC, 2000), // 20,000 → 6,000 / 2割 4,000
            ("v-2", "2024-05-09", HOSPITAL, 2500), // 25,000 → 7,500 / 2割 5,000
            ("v-3", "2024-05-16", CLINIC, 1500), // 15,000 → 4,500 / 2割 3,000 → cap 1,000
            ("v-4", "2024-05-23", HOSPITAL, 800), //  8,000 → 2,400 / 2割 1,600 → 0
        ] {
            let v = visit(id, date, inst, "outpatient", points, 30);
            let r = run(&v, &certs, ledger.as_slice());
            apply(&mut ledger, &r);
            let p = &r.public_payers[0];
            got.push((r.insurance_copay, p.pays, r.patient_pays, p.cap_remaining));
        }
        assert_eq!(
            got,
            [
                (6000, 2000, 4000, Some(6000)),
                (7500, 2500, 5000, Some(1000)),
                (4500, 3500, 1000, Some(0)),
                (2400, 2400, 0, Some(0)),
            ]
        );
        let l = ledger.unwrap();
        let lines: Vec<(i64, i64, i64)> = l
            .entries()
            .iter()
            .map(|e| (e.copay_due, e.charged, e.cumulative))
            .collect();
        assert_eq!(
            lines,
            [
                (4000, 4000, 4000),
                (5000, 5000, 9000),
                (3000, 1000, 10_000),
                (1600, 0, 10_000)
            ]
        );
        assert_eq!(l.over_cap(), 0);
    }

    #[test]
    fn recomputing_a_recorded_visit_is_idempotent() {
        let certs = [nanbyo()];
        let v1 = visit("v-1", "2024-05-02", CLINIC, "outpatient", 4000, 30); // 2割 8,000
        let v2 = visit("v-2", "2024-05-03", PHARMACY, "pharmacy", 2000, 30); // 2割 4,000 → 2,000
        let mut ledger = None;
        let r1 = run(&v1, &certs, &[]);
        apply(&mut ledger, &r1);
        let r2 = run(&v2, &certs, ledger.as_slice());
        apply(&mut ledger, &r2);
        assert_eq!(r2.patient_pays, 2000);
        // the clinic recomputes v-1 with the full ledger: same result
        let again = run(&v1, &certs, ledger.as_slice());
        assert_eq!(again.ledger_entries, r1.ledger_entries);
        assert_eq!(
            (again.patient_pays, again.public_payers[0].pays),
            (r1.patient_pays, r1.public_payers[0].pays)
        );
        // capRemaining is the state of the ledger as given (after v-2)
        assert_eq!(again.public_payers[0].cap_remaining, Some(0));
        // v-1 with other content is a conflict
        let changed = visit("v-1", "2024-05-02", CLINIC, "outpatient", 4001, 30);
        let err = compute_copayment(
            &changed,
            &certs,
            ledger.as_slice(),
            &CopayOptions::default(),
        )
        .unwrap_err();
        assert_eq!(err.code(), "subsidy.ledger.conflict");
    }

    /// A child with a fixed 200円 per visit (Tokyo マル子, local 法別88).
    #[test]
    fn child_fixed_200_per_visit() {
        let certs = [cert(MARUKO, json!({"perVisit": 200}))];
        let r = run(
            &visit("c-1", "2024-05-10", CLINIC, "outpatient", 500, 30),
            &certs,
            &[],
        );
        assert_eq!(
            (
                r.insurance_copay,
                r.insurer_pays,
                r.public_payers[0].pays,
                r.patient_pays
            ),
            (1500, 3500, 1300, 200)
        );
        assert_eq!(r.public_payers[0].cap_remaining, None);
        assert!(r.ledger_entries.is_empty());
        // a visit cheaper than 200: the patient pays the insurance copay
        let r = run(
            &visit("c-2", "2024-05-11", CLINIC, "outpatient", 50, 20),
            &certs,
            &[],
        );
        assert_eq!(
            (r.insurance_copay, r.public_payers[0].pays, r.patient_pays),
            (100, 0, 100)
        );
        // 0 points
        let r = run(
            &visit("c-3", "2024-05-12", CLINIC, "outpatient", 0, 20),
            &certs,
            &[],
        );
        assert_eq!((r.total_cost, r.patient_pays), (0, 0));
    }

    #[test]
    fn fixed_amount_visit_limit_per_institution() {
        // 500円 per visit, at most 2 charged visits a month per institution.
        let rule = json!({"perVisit": 500, "maxChargedVisitsPerMonth": 2});
        let certs = [cert(MARUKO, rule.clone())];
        let mut ledger: Option<CapLedger> = None;
        let mut paid = Vec::new();
        for (id, day, inst) in [
            ("a", 1, CLINIC),
            ("b", 2, CLINIC),
            ("c", 3, HOSPITAL),
            ("d", 4, CLINIC),
            ("e", 5, HOSPITAL),
        ] {
            let v = visit(
                id,
                &format!("2024-05-{day:02}"),
                inst,
                "outpatient",
                1000,
                30,
            );
            let r = run(&v, &certs, ledger.as_slice());
            for rec in &r.ledger_entries {
                ledger
                    .get_or_insert_with(|| {
                        CapLedger::for_rule(
                            rec.payer_number,
                            rec.month,
                            &certs[0].max_copayment_amount,
                        )
                        .unwrap()
                    })
                    .apply(rec)
                    .unwrap();
            }
            paid.push(r.patient_pays);
        }
        assert_eq!(paid, [500, 500, 500, 0, 500]);
        assert_eq!(ledger.unwrap().entries().len(), 5);
    }

    #[test]
    fn rounding_at_4_and_5_yen() {
        let none: [Certificate; 0] = [];
        // 3割 of 12,280 = 3,684 → 3,680; of 12,350 = 3,705 → 3,710; of 12,380 = 3,714 → 3,710
        for (points, copay) in [(1228, 3680), (1235, 3710), (1238, 3710), (1234, 3700)] {
            let r = run(
                &visit("r", "2024-05-10", CLINIC, "outpatient", points, 30),
                &none,
                &[],
            );
            assert_eq!(r.patient_pays, copay, "{points}");
            assert_eq!(r.insurer_pays, points * 10 - copay);
        }
        // 2割 under 指定難病: 12,320 × 20% = 2,464 → 2,460; 12,325 is impossible (×10),
        // 12,370 × 20% = 2,474 → 2,470; 12,380 → 2,476 → 2,480; 1割 of 12,345 exact 1,234.5 → 1,230
        let certs = [nanbyo()];
        for (points, copay) in [(1232, 2460), (1237, 2470), (1238, 2480)] {
            let r = run(
                &visit("r", "2024-05-10", CLINIC, "outpatient", points, 30),
                &certs,
                &[],
            );
            assert_eq!(r.patient_pays, copay, "{points}");
        }
        assert_eq!(percent_rounded(12_345, 10), Some(1_230));
        assert_eq!(percent_rounded(12_355, 10), Some(1_240)); // 1,235.5
        assert_eq!(percent_rounded(1, 50), Some(0));
        assert_eq!(percent_rounded(10, 101), None);
        assert_eq!(round_to_10_yen(i64::MAX), None);
    }

    /// The cap applies after the 10-yen rounding, and is not rounded again.
    #[test]
    fn cap_applies_after_rounding() {
        let certs = [cert(
            SHOMAN,
            json!({"monthlyCap": 1250, "copayRatePercent": 20}),
        )];
        let r = run(
            &visit("s", "2024-05-10", CLINIC, "outpatient", 1234, 30),
            &certs,
            &[],
        );
        assert_eq!((r.patient_pays, r.public_payers[0].pays), (1250, 2450));
        assert_eq!(r.ledger_entries[0].entry.copay_due, 2470);
    }

    /// The day after validTo the subsidy doesn't apply: the patient pays the insurance copay.
    #[test]
    fn day_after_valid_to() {
        let certs = [nanbyo()];
        let last = run(
            &visit("v", "2025-03-31", CLINIC, "outpatient", 1234, 30),
            &certs,
            &[],
        );
        assert_eq!(last.patient_pays, 2470);
        let after = run(
            &visit("v", "2025-04-01", CLINIC, "outpatient", 1234, 30),
            &certs,
            &[],
        );
        assert_eq!(after.patient_pays, 3700);
        assert_eq!(after.insurer_pays, 8640);
        let p = &after.public_payers[0];
        assert_eq!(
            (p.applied, p.reason, p.pays),
            (false, Some(NotApplied::OutsideValidity), 0)
        );
        assert!(after.ledger_entries.is_empty());
        let before = run(
            &visit("v", "2024-03-31", CLINIC, "outpatient", 1234, 30),
            &certs,
            &[],
        );
        assert_eq!(before.patient_pays, 3700);
    }

    #[test]
    fn not_applied_reasons() {
        let v = visit("v", "2024-05-10", CLINIC, "outpatient", 1000, 30);
        let mut deleted = nanbyo();
        deleted.is_deleted = Some("1".into());
        let mut designated = nanbyo();
        designated.designated_medical_institutions = vec![crate::subsidy::DesignatedInstitution {
            institution_code: HOSPITAL.into(),
            name: None,
        }];
        let mut reimb = nanbyo();
        reimb.is_always_reimbursement = "1".into();
        for (c, reason) in [
            (deleted, NotApplied::Deleted),
            (designated.clone(), NotApplied::NotDesignated),
            (reimb, NotApplied::AlwaysReimbursement),
        ] {
            let r = run(&v, &[c], &[]);
            assert_eq!(r.public_payers[0].reason, Some(reason));
            assert_eq!(r.patient_pays, 3000);
            assert!(r.ledger_entries.is_empty());
        }
        // at the designated hospital it applies (full-width digits in the list are normalized)
        designated.designated_medical_institutions[0].institution_code =
            "１３１２３４５６７９".into();
        let r = run(
            &visit("v", "2024-05-10", HOSPITAL, "outpatient", 1000, 30),
            &[designated],
            &[],
        );
        assert_eq!(r.patient_pays, 2000);
    }

    /// National before local: 指定難病 (54) then マル障 (80, exempt), whatever the input order.
    #[test]
    fn national_before_local_and_keep_order() {
        let v = visit("v", "2024-05-10", CLINIC, "outpatient", 1234, 30);
        let certs = [cert(MARUSHO, json!({"exempt": true})), nanbyo()];
        let r = run(&v, &certs, &[]);
        let order: Vec<String> = r
            .public_payers
            .iter()
            .map(|p| p.payer_number.to_string())
            .collect();
        assert_eq!(order, [NANBYO, MARUSHO]);
        assert_eq!(
            r.public_payers.iter().map(|p| p.pays).collect::<Vec<_>>(),
            [1230, 2470]
        );
        assert_eq!(r.patient_pays, 0);
        // the 指定難病 管理票 records the national copay even though マル障 pays it
        assert_eq!(r.ledger_entries[0].entry.charged, 2470);
        // keepOrder: マル障 first leaves nothing for 指定難病 to record
        let kept = compute_copayment(&v, &certs, &[], &CopayOptions { keep_order: true }).unwrap();
        check_sums(&kept);
        assert_eq!(
            kept.public_payers
                .iter()
                .map(|p| p.pays)
                .collect::<Vec<_>>(),
            [3700, 0]
        );
        assert_eq!(kept.ledger_entries[0].entry.charged, 0);
    }

    #[test]
    fn meals() {
        let v: Visit = serde_json::from_value(json!({"id": "i", "date": "2024-05-10", "institutionCode": HOSPITAL,
            "setting": "inpatient", "points": 10000, "insuranceCopayPercent": 30, "mealCost": 1470}))
        .unwrap();
        let r = run(&v, &[nanbyo()], &[]);
        assert_eq!((r.patient_meal_pays, r.patient_pays), (1470, 10_000 + 1470));
        let shoman = cert(
            SHOMAN,
            json!({"monthlyCap": 5000, "copayRatePercent": 20, "meals": "half"}),
        );
        let r = run(&v, std::slice::from_ref(&shoman), &[]);
        assert_eq!(
            (
                r.public_payers[0].meal_pays,
                r.patient_meal_pays,
                r.patient_pays
            ),
            (735, 735, 5735)
        );
        let odd = Visit {
            meal_cost: 1471,
            ..v.clone()
        };
        assert_eq!(run(&odd, &[shoman], &[]).patient_meal_pays, 736);
        let full = cert(MARUSHO, json!({"exempt": true, "meals": "covered"}));
        let r = run(&v, &[nanbyo(), full], &[]);
        assert_eq!(r.patient_pays, 0);
        assert_eq!(r.public_payers[1].meal_pays, 1470);
        // meals never enter the ledger
        assert_eq!(r.ledger_entries[0].entry.total_cost, 100_000);
        assert_eq!(r.ledger_entries[0].entry.copay_due, 20_000);
        assert_eq!(r.ledger_entries[0].entry.charged, 10_000);
    }

    #[test]
    fn separate_inpatient_cap_and_per_day() {
        let certs = [cert(
            MARUSHO,
            json!({"perDay": 500, "monthlyCapInpatient": 1200, "monthlyCapOutpatient": 800}),
        )];
        let mut ledger: Option<CapLedger> = None;
        let mut paid = Vec::new();
        for (id, day, setting) in [
            ("d1", 1, "inpatient"),
            ("d2", 2, "inpatient"),
            ("d3", 3, "inpatient"),
            ("o1", 20, "outpatient"),
        ] {
            let v = visit(
                id,
                &format!("2024-05-{day:02}"),
                HOSPITAL,
                setting,
                3000,
                30,
            );
            let r = run(&v, &certs, ledger.as_slice());
            for rec in &r.ledger_entries {
                ledger
                    .get_or_insert_with(|| {
                        CapLedger::for_rule(
                            rec.payer_number,
                            rec.month,
                            &certs[0].max_copayment_amount,
                        )
                        .unwrap()
                    })
                    .apply(rec)
                    .unwrap();
            }
            paid.push(r.patient_pays);
        }
        // inpatient: 500, 500, 200 (cap 1,200); outpatient: no perVisit, cap 800 on 9,000
        assert_eq!(paid, [500, 500, 200, 800]);
    }

    #[test]
    fn errors() {
        let ok = visit("v", "2024-05-10", CLINIC, "outpatient", 100, 30);
        let opts = CopayOptions::default();
        let code = |v: &Visit, c: &[Certificate], l: &[CapLedger]| {
            compute_copayment(v, c, l, &opts).unwrap_err().code()
        };
        assert_eq!(
            code(
                &Visit {
                    points: -1,
                    ..ok.clone()
                },
                &[],
                &[]
            ),
            "subsidy.copay.negative_points"
        );
        assert_eq!(
            code(
                &Visit {
                    meal_cost: -1,
                    ..ok.clone()
                },
                &[],
                &[]
            ),
            "subsidy.copay.negative_meal_cost"
        );
        assert_eq!(
            code(
                &Visit {
                    insurance_copay_percent: 101,
                    ..ok.clone()
                },
                &[],
                &[]
            ),
            "subsidy.copay.insurance_percent"
        );
        assert_eq!(
            code(
                &Visit {
                    points: i64::MAX,
                    ..ok.clone()
                },
                &[],
                &[]
            ),
            "subsidy.copay.overflow"
        );
        assert_eq!(
            code(
                &Visit {
                    points: MAX_AMOUNT / 10 + 1,
                    ..ok.clone()
                },
                &[],
                &[]
            ),
            "subsidy.copay.overflow"
        );
        let five = vec![nanbyo(); 5];
        assert_eq!(code(&ok, &five, &[]), "subsidy.copay.too_many_certificates");
        assert_eq!(
            code(&ok, &[nanbyo(), nanbyo()], &[]),
            "subsidy.copay.duplicate_payer"
        );
        assert_eq!(
            code(&ok, &[cert("54136016", json!({}))], &[]),
            "subsidy.copay.payer_number"
        );
        assert_eq!(
            code(&ok, &[cert(NANBYO, json!({"copayRatePercent": 101}))], &[]),
            "subsidy.copay.invalid_rule"
        );
        assert_eq!(
            code(&ok, &[cert(NANBYO, json!({"monthlyCap": -1}))], &[]),
            "subsidy.copay.invalid_rule"
        );
        let payer: PayerNumber = NANBYO.parse().unwrap();
        let june = CapLedger::for_rule(
            payer,
            LedgerMonth::new(2024, 6).unwrap(),
            &nanbyo().max_copayment_amount,
        )
        .unwrap();
        assert_eq!(
            code(&ok, &[nanbyo()], &[june]),
            "subsidy.copay.ledger_month"
        );
        let may = LedgerMonth::new(2024, 5).unwrap();
        let other_cap = CapLedger::for_rule(
            payer,
            may,
            &CopaymentRule {
                monthly_cap: Some(5000),
                ..Default::default()
            },
        );
        assert_eq!(
            code(&ok, &[nanbyo()], &[other_cap.unwrap()]),
            "subsidy.copay.ledger_caps"
        );
        let l = CapLedger::for_rule(payer, may, &nanbyo().max_copayment_amount).unwrap();
        assert_eq!(
            code(&ok, &[nanbyo()], &[l.clone(), l.clone()]),
            "subsidy.copay.duplicate_ledger"
        );
        assert_eq!(
            code(
                &Visit {
                    id: String::new(),
                    ..ok.clone()
                },
                &[nanbyo()],
                &[]
            ),
            "subsidy.ledger.id"
        );
        // a deleted duplicate is not a duplicate; an unrelated ledger is ignored
        let mut deleted = nanbyo();
        deleted.is_deleted = Some("1".into());
        let other =
            CapLedger::for_rule("52136017".parse().unwrap(), may, &CopaymentRule::default())
                .unwrap();
        assert!(compute_copayment(&ok, &[deleted, nanbyo()], &[l, other], &opts).is_ok());
        assert!(CopayError::Ledger(LedgerError::Conflict)
            .to_string()
            .starts_with("subsidy.ledger.conflict: "));
    }

    #[test]
    fn request_json_round_trip() {
        let req = json!({
            "visit": {"id": "v-001", "date": "2024-05-10", "institutionCode": CLINIC,
                      "setting": "outpatient", "points": 1234, "insuranceCopayPercent": 30},
            "certificates": [serde_json::to_value(nanbyo()).unwrap()],
            "ledgers": [{"payerNumber": NANBYO, "month": "2024-05", "cap": 10000, "entries": [
                {"id": "h-1", "date": "2024-05-01", "institutionCode": HOSPITAL, "setting": "inpatient",
                 "totalCost": 500000, "copayDue": 100000, "charged": 9000}]}]
        });
        let parsed: CopayRequest = serde_json::from_value(req.clone()).unwrap();
        assert_eq!(
            serde_json::to_value(&parsed).unwrap()["ledgers"][0]["entries"][0]["cumulative"],
            9000
        );
        let r = parsed.compute().unwrap();
        check_sums(&r);
        assert_eq!(
            (
                r.patient_pays,
                r.public_payers[0].pays,
                r.public_payers[0].cap_remaining
            ),
            (1000, 2700, Some(0))
        );
        let out = serde_json::to_value(&r).unwrap();
        assert_eq!(out["ledgerEntries"][0]["entry"]["cumulative"], 10_000);
        assert!(
            !out.to_string().contains("1234566"),
            "no recipient number in the output"
        );
        let back: CopayResult = serde_json::from_value(out).unwrap();
        assert_eq!(back, r);
        let mut typo = req;
        typo["visit"]["insuranceCopayRate"] = json!(30);
        assert!(serde_json::from_value::<CopayRequest>(typo).is_err());
    }
}

//! 受診券・受診票 (checkup voucher): what a municipality issues so that a
//! person can be examined at its expense.
//!
//! Wire form (camelCase):
//!
//! ```json
//! {"number": "R7-000123", "municipalityCode": "131016", "kind": "infant-3-4m",
//!  "validFrom": "2025-07-10", "validTo": "2025-09-09", "subsidyAmount": 6000,
//!  "person": {"birthDate": "2025-04-10", "sex": "1"}}
//! ```
//!
//! Prenatal vouchers add `visitNumber` (1–30; 14 is the national standard,
//! more warns) and may carry `expectedDeliveryDate` (出産予定日); postpartum
//! vouchers add `visitNumber` (1–2).
//!
//! Rules: number 1–20 of `[A-Za-z0-9-]` (pmh; PMH's schema is not published),
//! valid 地方公共団体コード (`ids.municipality.*`), `validFrom` ≤ `validTo`,
//! subsidy amount a non-negative integer in yen (amounts are not hard-coded:
//! they differ by municipality and year, reference §1.3), and for child kinds
//! the validity must overlap the kind's legal window for the child (error) and
//! its usual window (warning). The date of a checkup against the voucher is
//! checked when a result carries its voucher ([`super::result`]).

use super::fields::{self, Obj};
use super::kinds::{CheckupKind, Window, PRENATAL_STANDARD_VISITS};
use super::person::{self, Person, Sex};
use super::{rules, CheckupOptions};
use crate::ids::MunicipalityCode;
use crate::validate::Report;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// 受診券 (checkup voucher). `Debug` shows only the kind.
///
/// ```
/// use pmh_core::checkup::{CheckupKind, Voucher};
/// let v: Voucher = serde_json::from_value(serde_json::json!({
///     "number": "R7-000123", "municipalityCode": "131016", "kind": "infant-3-4m",
///     "validFrom": "2025-07-10", "validTo": "2025-09-09", "subsidyAmount": 6000,
///     "person": {"birthDate": "2025-04-10", "sex": "1"}
/// })).unwrap();
/// assert_eq!(v.kind, CheckupKind::Infant3to4m);
/// assert!(v.is_valid_on(chrono::NaiveDate::from_ymd_opt(2025, 8, 1).unwrap()));
/// assert!(!format!("{v:?}").contains("R7-000123"));
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Voucher {
    /// 受診券番号 (voucher number).
    pub number: String,
    /// 発行市町村 (issuing municipality), 6-digit 地方公共団体コード.
    pub municipality_code: MunicipalityCode,
    /// 健診の種類 (checkup kind).
    pub kind: CheckupKind,
    /// 受診回数 (visit number) of prenatal / postpartum vouchers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_number: Option<u32>,
    /// 有効期間 開始 (first valid day).
    pub valid_from: NaiveDate,
    /// 有効期間 終了 (last valid day, inclusive).
    pub valid_to: NaiveDate,
    /// 助成額 (subsidy amount, yen; 0 for checkups run by the municipality itself).
    pub subsidy_amount: u64,
    /// 受診者 (the person).
    pub person: Person,
    /// 出産予定日 (expected delivery date), prenatal vouchers only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_delivery_date: Option<NaiveDate>,
}

impl Voucher {
    /// Whether `date` lies in `validFrom..=validTo`.
    pub fn is_valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && date <= self.valid_to
    }
}

impl fmt::Debug for Voucher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Voucher")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

const FIELDS: &[&str] = &[
    "number",
    "municipalityCode",
    "kind",
    "visitNumber",
    "validFrom",
    "validTo",
    "subsidyAmount",
    "person",
    "expectedDeliveryDate",
];

/// What the validator read from a voucher (for cross-checks with a result).
#[derive(Clone, Copy, Default)]
pub(crate) struct VoucherRead {
    pub kind: Option<CheckupKind>,
    pub birth: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub visit_number: Option<u64>,
    pub expected_delivery: Option<NaiveDate>,
}

/// Whether `s` is a voucher number: 1–20 of `[A-Za-z0-9-]`.
pub(crate) fn is_voucher_number(s: &str) -> bool {
    (1..=20).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Validates one voucher with the default options.
///
/// ```
/// use pmh_core::checkup::validate_voucher;
/// let r = validate_voucher(&serde_json::json!({
///     "number": "R7-000123", "municipalityCode": "131016", "kind": "toddler-18m",
///     "validFrom": "2024-04-01", "validTo": "2024-05-31", "subsidyAmount": 0,
///     "person": {"birthDate": "2022-10-15", "sex": "2"}
/// }));
/// assert!(r.is_ok(), "{:?}", r.issues());
/// ```
pub fn validate_voucher(value: &Value) -> Report {
    validate_voucher_with(value, &CheckupOptions::default())
}

/// Validates one voucher.
pub fn validate_voucher_with(value: &Value, options: &CheckupOptions) -> Report {
    let mut report = Report::new();
    validate_voucher_at(value, options, "", &mut report);
    report
}

/// Validates one voucher whose JSON Pointer is `base`.
pub(crate) fn validate_voucher_at(
    value: &Value,
    options: &CheckupOptions,
    base: &str,
    report: &mut Report,
) -> VoucherRead {
    let mut read = VoucherRead::default();
    let Some(obj) = value.as_object() else {
        report.push(&rules::NOT_OBJECT, base);
        return read;
    };
    fields::unknown_fields(obj, base, FIELDS, report);
    if let Some(n) = fields::string(obj, base, "number", true, report) {
        if !is_voucher_number(n) {
            report.push(&rules::VOUCHER_NUMBER, fields::join(base, "number"));
        }
    }
    if let Some(code) = fields::string(obj, base, "municipalityCode", true, report) {
        MunicipalityCode::parse_reporting(code, &fields::join(base, "municipalityCode"), report);
    }
    read.kind = read_kind(obj, base, report);
    let mother = read.kind.is_some_and(CheckupKind::for_mother);
    let p = person::read(obj, base, mother, report);
    (read.birth, read.sex) = (p.birth, p.sex);
    if let Some(birth) = p.birth {
        if birth > options.today() {
            report.push(&rules::FUTURE_DATE, format!("{base}/person/birthDate"));
        }
    }
    read.valid_from = fields::date(obj, base, "validFrom", true, report);
    read.valid_to = fields::date(obj, base, "validTo", true, report);
    if let (Some(from), Some(to)) = (read.valid_from, read.valid_to) {
        if from > to {
            report.push(&rules::VOUCHER_VALID_RANGE, fields::join(base, "validFrom"));
        }
    }
    if let Some(v) = fields::get(obj, base, "subsidyAmount", true, report) {
        if v.as_u64().is_none() {
            report.push(&rules::VOUCHER_AMOUNT, fields::join(base, "subsidyAmount"));
        }
    }
    read.visit_number = visit_number(obj, base, read.kind, true, report);
    if let Some(edd) = fields::date(obj, base, "expectedDeliveryDate", false, report) {
        if read.kind == Some(CheckupKind::Prenatal) {
            read.expected_delivery = Some(edd);
        } else {
            report.push(
                &rules::VOUCHER_EDD_UNEXPECTED,
                fields::join(base, "expectedDeliveryDate"),
            );
        }
    }
    // The validity must meet the kind's window for this child.
    if let (Some(kind), Some(birth), Some(from), Some(to)) =
        (read.kind, read.birth, read.valid_from, read.valid_to)
    {
        if let Window::Age { .. } = kind.info().window {
            if let Some((legal, typical)) = kind.info().window.dates(birth) {
                if !legal.overlaps(from, to) {
                    report.push(
                        &rules::VOUCHER_OUTSIDE_WINDOW,
                        fields::join(base, "validFrom"),
                    );
                } else if typical.is_some_and(|t| !t.overlaps(from, to)) {
                    report.push(
                        &rules::VOUCHER_OUTSIDE_TYPICAL,
                        fields::join(base, "validFrom"),
                    );
                }
            }
        }
    }
    read
}

/// Reads `kind`.
pub(crate) fn read_kind(obj: &Obj, base: &str, report: &mut Report) -> Option<CheckupKind> {
    let s = fields::string(obj, base, "kind", true, report)?;
    let kind = CheckupKind::from_id(s);
    if kind.is_none() {
        report.push(&rules::KIND, fields::join(base, "kind"));
    }
    kind
}

/// Reads `visitNumber` with the range rules of `kind` (required on vouchers).
pub(crate) fn visit_number(
    obj: &Obj,
    base: &str,
    kind: Option<CheckupKind>,
    voucher: bool,
    report: &mut Report,
) -> Option<u64> {
    let path = fields::join(base, "visitNumber");
    let numbered = matches!(kind, Some(CheckupKind::Prenatal | CheckupKind::Postpartum));
    let Some(v) = fields::get(obj, base, "visitNumber", false, report) else {
        if voucher && numbered {
            report.push(&rules::VISIT_NUMBER_REQUIRED, path);
        }
        return None;
    };
    let Some(n) = v.as_u64() else {
        report.push(&rules::TYPE, path);
        return None;
    };
    match kind {
        _ if n > u64::from(u32::MAX) => report.push(&rules::VISIT_NUMBER_RANGE, path),
        Some(CheckupKind::Prenatal) if !(1..=30).contains(&n) => {
            report.push(&rules::VISIT_NUMBER_RANGE, path)
        }
        Some(CheckupKind::Prenatal) if n > u64::from(PRENATAL_STANDARD_VISITS) => {
            report.push(&rules::VISIT_NUMBER_OVER_STANDARD, path);
        }
        Some(CheckupKind::Postpartum) if !(1..=2).contains(&n) => {
            report.push(&rules::VISIT_NUMBER_RANGE, path)
        }
        Some(_) if !numbered => report.push(&rules::VISIT_NUMBER_UNEXPECTED, path),
        _ => {}
    }
    Some(n)
}

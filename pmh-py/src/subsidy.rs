//! `pmh.subsidy`: certificate validation, eligibility, copayment and the
//! monthly cap ledger (自己負担上限額管理票).
//!
//! Records cross as dicts in their wire (camelCase) form. A record that does
//! not fit the model raises `pmh.SubsidyError` with a fixed message: serde's
//! own messages can quote input values, so they are never passed on.

use crate::convert::{date_arg, serialize_to_py, to_py, to_value};
use crate::errors::{self, Kind};
use crate::validate::PyReport;
use pmh_core::subsidy::copayment::{CopayError, CopayRequest};
use pmh_core::subsidy::eligibility::{check_eligibility as core_eligibility, Visit};
use pmh_core::subsidy::ledger::{CapLedger, LedgerError, LedgerRecord};
use pmh_core::subsidy::{
    validate_certificate as core_validate, Certificate, Setting, ValidationOptions,
};
use pmh_core::validate::Report;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use serde_json::{Map, Value};

fn shape_err(py: Python<'_>, code: &str, what: &str) -> PyErr {
    errors::err(
        py,
        Kind::Subsidy,
        code,
        &format!("the {what} does not match the pmh model (see the pmh.subsidy docs)"),
    )
}

fn copay_err(py: Python<'_>, e: CopayError) -> PyErr {
    errors::err(py, Kind::Subsidy, e.code(), e.rule().message_en)
}

fn ledger_err(py: Python<'_>, e: LedgerError) -> PyErr {
    errors::err(py, Kind::Subsidy, e.code(), e.rule().message_en)
}

fn setting_arg(setting: &str) -> PyResult<Setting> {
    match setting {
        "outpatient" => Ok(Setting::Outpatient),
        "inpatient" => Ok(Setting::Inpatient),
        "pharmacy" => Ok(Setting::Pharmacy),
        _ => Err(PyValueError::new_err(
            "setting must be \"outpatient\", \"inpatient\" or \"pharmacy\"",
        )),
    }
}

/// Validates (leniently) and reads a certificate; invalid ones raise
/// `pmh.ValidationError` with every issue, under `path`.
fn certificate(py: Python<'_>, value: Value, path: &str) -> PyResult<Certificate> {
    let report = core_validate(&value, &ValidationOptions { lenient: true });
    if !report.is_ok() {
        let mut prefixed = Report::new();
        prefixed.extend_prefixed(path, report.into_issues());
        let summary = PyReport::from_core(prefixed.clone()).summary();
        return Err(errors::err_with_report(
            py,
            Kind::Validation,
            "subsidy.certificate.invalid",
            &summary,
            prefixed,
        ));
    }
    serde_json::from_value(value)
        .map_err(|_| shape_err(py, "subsidy.certificate.shape", "certificate"))
}

/// `validate_certificate(data, *, lenient=False) -> Report`.
#[pyfunction]
#[pyo3(signature = (data, *, lenient=false))]
pub fn validate_certificate(data: &Bound<'_, PyAny>, lenient: bool) -> PyResult<PyReport> {
    let value = to_value(data)?;
    Ok(PyReport::from_core(core_validate(
        &value,
        &ValidationOptions { lenient },
    )))
}

/// `check_eligibility(certificate, *, date, institution_code, setting="outpatient") -> dict`.
#[pyfunction]
#[pyo3(signature = (certificate, *, date, institution_code, setting="outpatient"))]
pub fn check_eligibility<'py>(
    py: Python<'py>,
    certificate: &Bound<'py, PyAny>,
    date: &Bound<'py, PyAny>,
    institution_code: &str,
    setting: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let cert = self::certificate(py, to_value(certificate)?, "")?;
    let visit = Visit {
        date: date_arg(date)?,
        institution_code: institution_code.to_owned(),
        setting: setting_arg(setting)?,
    };
    serialize_to_py(py, &core_eligibility(&cert, &visit))
}

/// `compute_copayment(visit, certificates, *, ledgers=(), keep_order=False) -> dict`.
#[pyfunction]
#[pyo3(signature = (visit, certificates, *, ledgers=None, keep_order=false))]
pub fn compute_copayment<'py>(
    py: Python<'py>,
    visit: &Bound<'py, PyAny>,
    certificates: &Bound<'py, PyAny>,
    ledgers: Option<&Bound<'py, PyAny>>,
    keep_order: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let mut certs = Vec::new();
    for (i, c) in certificates.try_iter()?.enumerate() {
        let value = to_value(&c?)?;
        // Validate each for its issues; the request below re-reads them.
        certificate(py, value.clone(), &format!("/certificates/{i}"))?;
        certs.push(value);
    }
    let mut ledger_values = Vec::new();
    if let Some(ls) = ledgers.filter(|l| !l.is_none()) {
        for l in ls.try_iter()? {
            let l = l?;
            ledger_values.push(match l.cast::<PyCapLedger>() {
                Ok(typed) => serde_json::to_value(&typed.borrow().0)
                    .map_err(|_| shape_err(py, "subsidy.ledger.shape", "ledger"))?,
                Err(_) => to_value(&l)?,
            });
        }
    }
    let mut request = Map::new();
    request.insert("visit".into(), to_value(visit)?);
    request.insert("certificates".into(), Value::Array(certs));
    request.insert("ledgers".into(), Value::Array(ledger_values));
    request.insert("keepOrder".into(), Value::Bool(keep_order));
    let request: CopayRequest = serde_json::from_value(Value::Object(request))
        .map_err(|_| shape_err(py, "subsidy.copayment.shape", "visit or ledger"))?;
    let result = py
        .detach(|| request.compute())
        .map_err(|e| copay_err(py, e))?;
    serialize_to_py(py, &result)
}

/// 自己負担上限額管理票 (monthly copayment cap ledger) of one payer number and month.
#[pyclass(name = "CapLedger", module = "pmh.subsidy")]
#[derive(Clone)]
pub struct PyCapLedger(pub CapLedger);

#[pymethods]
impl PyCapLedger {
    /// An empty ledger: `CapLedger("54136015", "2024-05", cap=10000)`.
    #[new]
    #[pyo3(signature = (payer_number, month, *, cap=None, cap_outpatient=None, cap_inpatient=None))]
    fn py_new(
        py: Python<'_>,
        payer_number: &str,
        month: &str,
        cap: Option<i64>,
        cap_outpatient: Option<i64>,
        cap_inpatient: Option<i64>,
    ) -> PyResult<Self> {
        let mut m = Map::new();
        m.insert("payerNumber".into(), payer_number.into());
        m.insert("month".into(), month.into());
        for (k, v) in [
            ("cap", cap),
            ("capOutpatient", cap_outpatient),
            ("capInpatient", cap_inpatient),
        ] {
            if let Some(v) = v {
                m.insert(k.into(), v.into());
            }
        }
        Self::from_value(py, Value::Object(m))
    }

    /// Reads the JSON form (a dict).
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::from_value(py, to_value(data)?)
    }

    /// Records an entry another party charged (a `LedgerRecord` dict, as in
    /// `compute_copayment(...)["ledgerEntries"]`). True when it was new.
    fn apply(&mut self, py: Python<'_>, record: &Bound<'_, PyAny>) -> PyResult<bool> {
        let record: LedgerRecord = serde_json::from_value(to_value(record)?)
            .map_err(|_| shape_err(py, "subsidy.ledger.shape", "ledger record"))?;
        self.0.apply(&record).map_err(|e| ledger_err(py, e))
    }

    /// Merges another ledger of the same payer and month (union by entry id).
    fn merge(&mut self, py: Python<'_>, other: &Bound<'_, PyCapLedger>) -> PyResult<()> {
        let other = other.borrow().0.clone();
        self.0.merge(&other).map_err(|e| ledger_err(py, e))
    }

    /// What is left of the cap for a setting this month (`None` without a cap).
    fn remaining(&self, setting: &str) -> PyResult<Option<i64>> {
        Ok(self.0.remaining(setting_arg(setting)?))
    }

    /// Total charged this month (yen).
    #[getter]
    fn total_charged(&self) -> i64 {
        self.0.total_charged()
    }

    /// Amount collected beyond the cap (to be refunded), 0 normally.
    #[getter]
    fn over_cap(&self) -> i64 {
        self.0.over_cap()
    }

    /// The payer number (公費負担者番号).
    #[getter]
    fn payer_number(&self) -> String {
        self.0.payer_number().to_string()
    }

    /// The month, `YYYY-MM`.
    #[getter]
    fn month(&self) -> String {
        let m = self.0.month();
        format!("{:04}-{:02}", m.year(), m.month())
    }

    /// Every entry as a `LedgerRecord` dict.
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.0.records())
    }

    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = serde_json::to_value(&self.0)
            .map_err(|_| shape_err(py, "subsidy.ledger.shape", "ledger"))?;
        to_py(py, &v)
    }

    fn __len__(&self) -> usize {
        self.0.entries().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "CapLedger(payer_number='{}', month='{}', entries={}, total_charged={})",
            self.payer_number(),
            self.month(),
            self.0.entries().len(),
            self.0.total_charged()
        )
    }
}

impl PyCapLedger {
    fn from_value(py: Python<'_>, value: Value) -> PyResult<Self> {
        serde_json::from_value(value)
            .map(PyCapLedger)
            .map_err(|_| shape_err(py, "subsidy.ledger.shape", "ledger"))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate_certificate, m)?)?;
    m.add_function(wrap_pyfunction!(check_eligibility, m)?)?;
    m.add_function(wrap_pyfunction!(compute_copayment, m)?)?;
    m.add_class::<PyCapLedger>()?;
    Ok(())
}

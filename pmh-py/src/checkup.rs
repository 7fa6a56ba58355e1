//! `pmh.checkup`: validators of 健診 (checkup) vouchers, questionnaires and
//! results, and the assessment (derived values) of a result.

use crate::convert::{date_arg, serialize_to_py, to_value};
use crate::validate::PyReport;
use pmh_core::checkup::{self, CheckupOptions};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

fn options(
    judgement_codes: Option<Vec<String>>,
    today: Option<&Bound<'_, PyAny>>,
) -> PyResult<CheckupOptions> {
    Ok(CheckupOptions {
        judgement_codes,
        today: today.filter(|t| !t.is_none()).map(date_arg).transpose()?,
    })
}

/// `validate_result(data, *, judgement_codes=None, today=None) -> Report`.
#[pyfunction]
#[pyo3(signature = (data, *, judgement_codes=None, today=None))]
pub fn validate_result(
    data: &Bound<'_, PyAny>,
    judgement_codes: Option<Vec<String>>,
    today: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyReport> {
    let o = options(judgement_codes, today)?;
    Ok(PyReport::from_core(checkup::validate_result_with(
        &to_value(data)?,
        &o,
    )))
}

/// `validate_voucher(data, *, today=None) -> Report`.
#[pyfunction]
#[pyo3(signature = (data, *, today=None))]
pub fn validate_voucher(
    data: &Bound<'_, PyAny>,
    today: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyReport> {
    let o = options(None, today)?;
    Ok(PyReport::from_core(checkup::validate_voucher_with(
        &to_value(data)?,
        &o,
    )))
}

/// `validate_questionnaire(data) -> Report`.
#[pyfunction]
pub fn validate_questionnaire(data: &Bound<'_, PyAny>) -> PyResult<PyReport> {
    Ok(PyReport::from_core(checkup::validate_questionnaire(
        &to_value(data)?,
    )))
}

/// `assess_result(data, *, judgement_codes=None, today=None) -> (Report, dict | None)`:
/// the report and, when the result is valid, its derived values (BMI, ...).
#[pyfunction]
#[pyo3(signature = (data, *, judgement_codes=None, today=None))]
pub fn assess_result<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    judgement_codes: Option<Vec<String>>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyTuple>> {
    let o = options(judgement_codes, today)?;
    let a = checkup::assess_result(&to_value(data)?, &o);
    let derived = match &a.derived {
        Some(d) => serialize_to_py(py, d)?,
        None => py.None().into_bound(py),
    };
    let report = Bound::new(py, PyReport::from_core(a.report))?.into_any();
    PyTuple::new(py, [report, derived])
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate_result, m)?)?;
    m.add_function(wrap_pyfunction!(validate_voucher, m)?)?;
    m.add_function(wrap_pyfunction!(validate_questionnaire, m)?)?;
    m.add_function(wrap_pyfunction!(assess_result, m)?)?;
    Ok(())
}

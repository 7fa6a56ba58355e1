//! `pmh.immunization`: evaluation of a vaccination history (予防接種歴) against
//! the routine schedule (定期接種).

use crate::convert::{date_arg, serialize_to_py, to_value};
use crate::errors::{self, Kind};
use crate::validate::PyReport;
use chrono::{Duration, Utc};
use pmh_core::immunization;
use pyo3::prelude::*;

/// `evaluate(history, as_of=None) -> dict`; `as_of` defaults to today in Japan.
/// An invalid history raises `pmh.ValidationError` with every issue.
#[pyfunction]
#[pyo3(signature = (history, as_of=None))]
pub fn evaluate<'py>(
    py: Python<'py>,
    history: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let as_of = match as_of.filter(|a| !a.is_none()) {
        Some(a) => date_arg(a)?,
        None => (Utc::now() + Duration::hours(9)).date_naive(),
    };
    let value = to_value(history)?;
    match py.detach(|| immunization::evaluate_json(&value, as_of)) {
        Ok(evaluation) => serialize_to_py(py, &evaluation),
        Err(report) => {
            let summary = PyReport::from_core(report.clone()).summary();
            Err(errors::err_with_report(
                py,
                Kind::Validation,
                "immunization.history.invalid",
                &summary,
                report,
            ))
        }
    }
}

/// `validate_history(history) -> Report`.
#[pyfunction]
pub fn validate_history(history: &Bound<'_, PyAny>) -> PyResult<PyReport> {
    Ok(PyReport::from_core(immunization::validate_history(
        &to_value(history)?,
    )))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_history, m)?)?;
    Ok(())
}

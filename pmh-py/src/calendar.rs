//! Japanese era dates: `pmh.convert_date`, `pmh.parse_date`, formatting.

use crate::convert::{date_arg, date_err, serialize_to_py};
use pmh_core::calendar::{self, DateConversion};
use pyo3::prelude::*;

/// `convert_date(value) -> dict`: every form of a day (like `pmh date`).
#[pyfunction]
pub fn convert_date<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let date = date_arg(value)?;
    let conv = DateConversion::from_date(date).map_err(|e| date_err(py, e))?;
    serialize_to_py(py, &conv)
}

/// `parse_date(value) -> datetime.date`: ISO or any era form.
#[pyfunction]
pub fn parse_date(value: &Bound<'_, PyAny>) -> PyResult<chrono::NaiveDate> {
    date_arg(value)
}

/// `format_era(value, style="short") -> str`: `short` (R6.4.1), `kanji`
/// (令和6年4月1日) or `receipt` (5060401).
#[pyfunction]
#[pyo3(signature = (value, style="short"))]
pub fn format_era(py: Python<'_>, value: &Bound<'_, PyAny>, style: &str) -> PyResult<String> {
    let date = date_arg(value)?;
    let result = match style {
        "short" => calendar::format_short(date),
        "kanji" => calendar::format_kanji(date),
        "receipt" => calendar::format_gyymmdd(date),
        _ => {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "style must be \"short\", \"kanji\" or \"receipt\"",
            ))
        }
    };
    result.map_err(|e| date_err(py, e))
}

/// `fiscal_year(value) -> int`: 年度 (April–March).
#[pyfunction]
pub fn fiscal_year(value: &Bound<'_, PyAny>) -> PyResult<i32> {
    Ok(calendar::fiscal_year(date_arg(value)?))
}

/// `age_on(birth, date) -> int`: legal age in whole years (年齢計算ニ関スル法律).
#[pyfunction]
pub fn age_on(birth: &Bound<'_, PyAny>, date: &Bound<'_, PyAny>) -> PyResult<u32> {
    let (b, d) = (date_arg(birth)?, date_arg(date)?);
    calendar::age_on(b, d)
        .ok_or_else(|| pyo3::exceptions::PyValueError::new_err("the date is before the birth date"))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(convert_date, m)?)?;
    m.add_function(wrap_pyfunction!(parse_date, m)?)?;
    m.add_function(wrap_pyfunction!(format_era, m)?)?;
    m.add_function(wrap_pyfunction!(fiscal_year, m)?)?;
    m.add_function(wrap_pyfunction!(age_on, m)?)?;
    Ok(())
}

//! `pmh._pmh`: the private native module under the `pmh` Python package.
//!
//! Glue only, one module per API area; pmh-core holds every rule. The pure
//! Python package (`pmh-py/python/pmh`) owns the public names, docstrings
//! and exception classes, which this module imports to raise them.
#![forbid(unsafe_code)]

use pyo3::prelude::*;

mod batch;
mod calendar;
mod canon;
mod checkup;
mod convert;
mod envelope;
mod errors;
mod ids;
mod immunization;
mod subsidy;
mod validate;

#[pymodule]
fn _pmh(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    ids::register(m)?;
    calendar::register(m)?;
    canon::register(m)?;
    validate::register(m)?;
    envelope::register(m)?;
    batch::register(m)?;
    subsidy::register(m)?;
    checkup::register(m)?;
    immunization::register(m)?;
    Ok(())
}

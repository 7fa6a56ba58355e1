//! `pmh.canonicalize` (RFC 8785) and strict JSON parsing.

use crate::convert::{to_py, to_value};
use crate::errors::{self, Kind};
use pmh_core::canon::{self, CanonError, JsonError, Limits};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

pub fn canon_err(py: Python<'_>, e: &CanonError) -> PyErr {
    errors::err(py, Kind::Canon, e.code(), &e.to_string())
}

fn json_err(py: Python<'_>, e: &JsonError) -> PyErr {
    errors::err(py, Kind::Canon, e.code(), &e.to_string())
}

/// The bytes of a JSON text argument (`str`, `bytes` or `bytearray`).
pub fn text_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(b.to_vec());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return match s.to_cow() {
            Ok(t) => Ok(t.as_bytes().to_vec()),
            Err(_) => Err(json_err(obj.py(), &JsonError::LoneSurrogate)),
        };
    }
    Err(errors::err(
        obj.py(),
        Kind::UnsupportedType,
        "json.unsupported_type",
        "JSON text must be str, bytes or bytearray",
    ))
}

/// `pmh.canonicalize(value) -> bytes`: the RFC 8785 form of a Python value.
#[pyfunction]
pub fn canonicalize<'py>(
    py: Python<'py>,
    value: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let v = to_value(value)?;
    let bytes = canon::canonicalize(&v).map_err(|e| canon_err(py, &e))?;
    Ok(PyBytes::new(py, &bytes))
}

/// `pmh.canonicalize_json(text) -> bytes`: strict parse, then RFC 8785.
#[pyfunction]
pub fn canonicalize_json<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = text_bytes(text)?;
    let out = canon::canonicalize_json(&bytes).map_err(|e| canon_err(py, &e))?;
    Ok(PyBytes::new(py, &out))
}

/// `pmh.parse_json(text, *, max_bytes=..., max_depth=...) -> object`: strict
/// parse (no duplicate keys, no lone surrogates, finite numbers).
#[pyfunction]
#[pyo3(signature = (text, *, max_bytes=1_048_576, max_depth=64))]
pub fn parse_json<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    max_bytes: usize,
    max_depth: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let bytes = text_bytes(text)?;
    let limits = Limits {
        max_bytes,
        max_depth,
    };
    let v = canon::parse_strict(&bytes, &limits).map_err(|e| json_err(py, &e))?;
    to_py(py, &v)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(canonicalize, m)?)?;
    m.add_function(wrap_pyfunction!(canonicalize_json, m)?)?;
    m.add_function(wrap_pyfunction!(parse_json, m)?)?;
    Ok(())
}

//! `pmh.validate(type, data) -> pmh.Report`, and the `Report` / `Issue` classes.

use crate::convert::{serialize_to_py, to_value};
use crate::errors::{self, Kind};
use pmh_core::messages;
use pmh_core::validate::{Issue, Report};
use pyo3::prelude::*;
use pyo3::types::PyList;
use serde_json::Value;

/// One problem: a stable `code`, a JSON Pointer `path`, a `severity`
/// (`"error"` / `"warning"`) and messages in Japanese and English. Messages
/// never contain the offending value.
#[pyclass(name = "Issue", module = "pmh", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyIssue(pub Issue);

#[pymethods]
impl PyIssue {
    /// Stable code, e.g. `ids.payer.check_digit`.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code
    }
    /// JSON Pointer (RFC 6901) to the field; `""` for the whole document.
    #[getter]
    fn path(&self) -> &str {
        &self.0.path
    }
    /// `"error"` or `"warning"`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.severity.as_str()
    }
    /// Message in Japanese.
    #[getter]
    fn message_ja(&self) -> &'static str {
        self.0.message_ja
    }
    /// Message in English.
    #[getter]
    fn message_en(&self) -> &'static str {
        self.0.message_en
    }
    /// Whether this issue is an error (not a warning).
    #[getter]
    fn is_error(&self) -> bool {
        self.0.is_error()
    }
    /// `{"code", "path", "severity", "messageJa", "messageEn"}` (wire names).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.0)
    }
    fn __repr__(&self) -> String {
        format!(
            "Issue(code={:?}, path={:?}, severity={:?})",
            self.0.code,
            self.0.path,
            self.0.severity.as_str()
        )
    }
}

/// All issues found in one document, in the order found.
///
/// `ok` is true when no issue is an error (warnings allowed).
#[pyclass(name = "Report", module = "pmh", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyReport(pub Report);

impl PyReport {
    pub fn from_core(r: Report) -> Self {
        PyReport(r)
    }

    /// `"2 errors: code at /path, code at /path"`: codes and paths only.
    pub fn summary(&self) -> String {
        let n = self.0.error_count();
        let mut text = format!("{n} validation error{}", if n == 1 { "" } else { "s" });
        let mut first = true;
        for i in self.0.issues().iter().filter(|i| i.is_error()).take(10) {
            text.push_str(if first { ": " } else { "; " });
            first = false;
            text.push_str(i.code);
            text.push_str(" at ");
            text.push_str(if i.path.is_empty() { "(root)" } else { &i.path });
        }
        if n > 10 {
            text.push_str("; …");
        }
        text
    }
}

#[pymethods]
impl PyReport {
    /// True when no issue is an error.
    #[getter]
    fn ok(&self) -> bool {
        self.0.is_ok()
    }
    /// All issues (errors and warnings).
    #[getter]
    fn issues(&self) -> Vec<PyIssue> {
        self.0.issues().iter().cloned().map(PyIssue).collect()
    }
    /// Only the errors.
    #[getter]
    fn errors(&self) -> Vec<PyIssue> {
        self.0
            .issues()
            .iter()
            .filter(|i| i.is_error())
            .cloned()
            .map(PyIssue)
            .collect()
    }
    /// Only the warnings.
    #[getter]
    fn warnings(&self) -> Vec<PyIssue> {
        self.0
            .issues()
            .iter()
            .filter(|i| !i.is_error())
            .cloned()
            .map(PyIssue)
            .collect()
    }
    /// Number of errors.
    #[getter]
    fn error_count(&self) -> usize {
        self.0.error_count()
    }
    /// Number of warnings.
    #[getter]
    fn warning_count(&self) -> usize {
        self.0.warning_count()
    }
    /// Whether an issue with `code` was found (at `path`, when given).
    #[pyo3(signature = (code, path=None))]
    fn has(&self, code: &str, path: Option<&str>) -> bool {
        match path {
            Some(p) => self.0.has_at(code, p),
            None => self.0.has(code),
        }
    }
    /// Raises `pmh.ValidationError` (carrying this report) when not `ok`.
    fn raise_for_errors(slf: &Bound<'_, Self>) -> PyResult<()> {
        let me = slf.get();
        if me.0.is_ok() {
            return Ok(());
        }
        Err(errors::err_with_report(
            slf.py(),
            Kind::Validation,
            "validate.invalid",
            &me.summary(),
            me.0.clone(),
        ))
    }
    /// `{"ok", "errors", "warnings", "issues": [...]}` (as `pmh validate` prints).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.0)
    }
    fn __len__(&self) -> usize {
        self.0.issues().len()
    }
    fn __repr__(&self) -> String {
        format!(
            "Report(ok={}, errors={}, warnings={})",
            if self.0.is_ok() { "True" } else { "False" },
            self.0.error_count(),
            self.0.warning_count()
        )
    }
}

/// Validates with the table of message and record types; `None` if unknown.
pub fn validate_value(type_name: &str, value: &Value) -> Option<Report> {
    messages::validate(type_name, value)
}

pub fn unknown_type(py: Python<'_>) -> PyErr {
    errors::err(
        py,
        Kind::UnknownType,
        "validate.unknown_type",
        "no validator is registered for this type (see pmh.types())",
    )
}

/// `pmh.validate(type, data) -> Report`.
#[pyfunction]
#[pyo3(signature = (r#type, data))]
pub fn validate(py: Python<'_>, r#type: &str, data: &Bound<'_, PyAny>) -> PyResult<PyReport> {
    if !is_known(r#type) {
        return Err(unknown_type(py));
    }
    let value = to_value(data)?;
    validate_value(r#type, &value)
        .map(PyReport)
        .ok_or_else(|| unknown_type(py))
}

pub fn is_known(type_name: &str) -> bool {
    messages::message_type(type_name).is_some() || messages::record_type(type_name).is_some()
}

/// `pmh.types() -> list[str]`: every type name `validate` accepts.
#[pyfunction]
pub fn types<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    let names: Vec<&str> = messages::MESSAGE_TYPES
        .iter()
        .chain(messages::RECORD_TYPES)
        .map(|t| t.name)
        .collect();
    PyList::new(py, names)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyIssue>()?;
    m.add_class::<PyReport>()?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(types, m)?)?;
    Ok(())
}

//! Raising the `pmh` exceptions from Rust.
//!
//! The exception classes live in pure Python (`pmh/errors.py`, like
//! `cryptography.exceptions`), so they can inherit from both `pmh.PmhError`
//! and a stdlib class (`ValueError`, `TypeError`). Rust imports them lazily
//! and raises them with `(message, code[, report])`. Messages come from
//! pmh-core's error texts, which never contain input values.

use pyo3::prelude::*;
use pyo3::PyTypeInfo;

use crate::validate::PyReport;
use pmh_core::validate::Report;

pyo3::import_exception!(pmh.errors, ValidationError);
pyo3::import_exception!(pmh.errors, IdentifierError);
pyo3::import_exception!(pmh.errors, DateError);
pyo3::import_exception!(pmh.errors, CanonicalizationError);
pyo3::import_exception!(pmh.errors, UnsupportedTypeError);
pyo3::import_exception!(pmh.errors, InvalidKeyError);
pyo3::import_exception!(pmh.errors, TrustStoreError);
pyo3::import_exception!(pmh.errors, UnknownTypeError);
pyo3::import_exception!(pmh.errors, EnvelopeError);
pyo3::import_exception!(pmh.errors, SignatureError);
pyo3::import_exception!(pmh.errors, PayloadInvalidError);
pyo3::import_exception!(pmh.errors, SubsidyError);

/// Which `pmh` exception class to raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Validation,
    Identifier,
    Date,
    Canon,
    UnsupportedType,
    InvalidKey,
    TrustStore,
    UnknownType,
    Envelope,
    Signature,
    PayloadInvalid,
    Subsidy,
}

fn class(py: Python<'_>, kind: Kind) -> Bound<'_, pyo3::types::PyType> {
    match kind {
        Kind::Validation => ValidationError::type_object(py),
        Kind::Identifier => IdentifierError::type_object(py),
        Kind::Date => DateError::type_object(py),
        Kind::Canon => CanonicalizationError::type_object(py),
        Kind::UnsupportedType => UnsupportedTypeError::type_object(py),
        Kind::InvalidKey => InvalidKeyError::type_object(py),
        Kind::TrustStore => TrustStoreError::type_object(py),
        Kind::UnknownType => UnknownTypeError::type_object(py),
        Kind::Envelope => EnvelopeError::type_object(py),
        Kind::Signature => SignatureError::type_object(py),
        Kind::PayloadInvalid => PayloadInvalidError::type_object(py),
        Kind::Subsidy => SubsidyError::type_object(py),
    }
}

/// A `pmh` exception instance (not raised), for batch results.
pub fn instance<'py>(
    py: Python<'py>,
    kind: Kind,
    code: &str,
    message: &str,
    report: Option<Report>,
) -> PyResult<Bound<'py, PyAny>> {
    let cls = class(py, kind);
    match report {
        Some(r) => cls.call1((message, code, PyReport::from_core(r))),
        None => cls.call1((message, code)),
    }
}

/// A `pmh` exception ready to raise. If the class cannot even be built (the
/// `pmh` package is broken), the failure itself is returned.
pub fn err(py: Python<'_>, kind: Kind, code: &str, message: &str) -> PyErr {
    match instance(py, kind, code, message, None) {
        Ok(e) => PyErr::from_value(e),
        Err(e) => e,
    }
}

/// A `pmh` exception carrying a validation report.
pub fn err_with_report(
    py: Python<'_>,
    kind: Kind,
    code: &str,
    message: &str,
    report: Report,
) -> PyErr {
    match instance(py, kind, code, message, Some(report)) {
        Ok(e) => PyErr::from_value(e),
        Err(e) => e,
    }
}

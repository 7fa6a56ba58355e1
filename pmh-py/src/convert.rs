//! Python objects ⇄ `serde_json::Value`, walked by hand.
//!
//! Python → JSON accepts `dict` (str keys only), `list`, `tuple`, `str`,
//! `int`, `float`, `bool` and `None`, and refuses what has no exact JSON form:
//! NaN and infinities, strings with lone surrogates (Python allows them, UTF-8
//! and RFC 8785 do not), integers beyond 64 bits, and nesting deeper than
//! [`MAX_DEPTH`] (which also stops self-referencing containers).
//! Integers within 64 bits are kept exactly; whether one beyond 2^53 may be
//! signed is decided by `pmh_core::canon` (`canon.unsafe_integer`).

use crate::errors::{self, Kind};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

/// Deepest nesting accepted (the canonicalizer's own limit).
pub const MAX_DEPTH: usize = pmh_core::canon::MAX_CANON_DEPTH;

/// Why a Python object has no JSON form. Messages never contain the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConvertError {
    /// Not one of the JSON-able types (carries the Python type name).
    UnsupportedType(String),
    /// A dict key is not a str.
    KeyType,
    /// A str holds a lone surrogate.
    LoneSurrogate,
    /// NaN or ±infinity.
    NonFinite,
    /// An int beyond the 64-bit range.
    UnsafeInteger,
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl ConvertError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ConvertError::UnsupportedType(_) => "json.unsupported_type",
            ConvertError::KeyType => "json.key_type",
            ConvertError::LoneSurrogate => "json.lone_surrogate",
            ConvertError::NonFinite => "canon.non_finite",
            ConvertError::UnsafeInteger => "canon.unsafe_integer",
            ConvertError::TooDeep => "canon.too_deep",
        }
    }

    fn kind(&self) -> Kind {
        match self {
            ConvertError::UnsupportedType(_) | ConvertError::KeyType => Kind::UnsupportedType,
            _ => Kind::Canon,
        }
    }

    fn message(&self) -> String {
        match self {
            ConvertError::UnsupportedType(t) => {
                format!("objects of type {t} have no JSON form (use dict, list, str, int, float, bool or None)")
            }
            ConvertError::KeyType => "dict keys must be str".into(),
            ConvertError::LoneSurrogate => "a str contains a lone surrogate (not valid Unicode text)".into(),
            ConvertError::NonFinite => "NaN and infinities have no JSON form".into(),
            ConvertError::UnsafeInteger => {
                "integer beyond the 64-bit range cannot be represented exactly (send it as a string)".into()
            }
            ConvertError::TooDeep => "lists and dicts are nested too deeply (or contain themselves)".into(),
        }
    }

    /// The matching `pmh` exception.
    pub fn into_pyerr(self, py: Python<'_>) -> PyErr {
        errors::err(py, self.kind(), self.code(), &self.message())
    }
}

/// Converts a Python object to a JSON value; `Err` with a Python exception.
pub fn to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    to_value_inner(obj, 0).map_err(|e| e.into_pyerr(obj.py()))
}

/// Converts a Python object to a JSON value, keeping the error as data.
pub fn try_to_value(obj: &Bound<'_, PyAny>) -> Result<Value, ConvertError> {
    to_value_inner(obj, 0)
}

fn to_value_inner(obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, ConvertError> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return py_str(s).map(Value::String);
    }
    // bool before int: bool is a subclass of int.
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        if let Ok(v) = i.extract::<i64>() {
            return Ok(Value::Number(v.into()));
        }
        if let Ok(v) = i.extract::<u64>() {
            return Ok(Value::Number(v.into()));
        }
        return Err(ConvertError::UnsafeInteger);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or(ConvertError::NonFinite);
    }
    if depth >= MAX_DEPTH {
        return Err(ConvertError::TooDeep);
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(d.len());
        for (k, v) in d.iter() {
            let key = k.cast::<PyString>().map_err(|_| ConvertError::KeyType)?;
            map.insert(py_str(key)?, to_value_inner(&v, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        let mut items = Vec::with_capacity(l.len());
        for v in l.iter() {
            items.push(to_value_inner(&v, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        let mut items = Vec::with_capacity(t.len());
        for v in t.iter() {
            items.push(to_value_inner(&v, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    let name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    Err(ConvertError::UnsupportedType(name))
}

/// A Python str as UTF-8; lone surrogates make `to_str` fail.
pub fn py_str(s: &Bound<'_, PyString>) -> Result<String, ConvertError> {
    s.to_cow()
        .map(std::borrow::Cow::into_owned)
        .map_err(|_| ConvertError::LoneSurrogate)
}

/// Converts a JSON value to Python objects (dict, list, str, int, float, bool, None).
pub fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(PyString::new(py, k), to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Serializes a pmh-core result to Python objects through its JSON form.
pub fn serialize_to_py<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(value)
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    to_py(py, &v)
}

/// A date argument: `datetime.date`, `datetime.datetime` (its date part) or a
/// str in any form `pmh_core::calendar::parse_any` reads (ISO `2024-04-01`,
/// `20240401`, `R6.4.1`, `令和6年4月1日`, `5060401`).
pub fn date_arg(obj: &Bound<'_, PyAny>) -> PyResult<chrono::NaiveDate> {
    use pyo3::types::PyDate;
    if obj.cast::<PyDate>().is_ok() {
        return obj.extract::<chrono::NaiveDate>();
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_string_lossy();
        return pmh_core::calendar::parse_any(&text).map_err(|e| date_err(obj.py(), e));
    }
    Err(pyo3::exceptions::PyTypeError::new_err(
        "a date must be a datetime.date, a datetime.datetime or a str",
    ))
}

/// A calendar error as `pmh.DateError`.
pub fn date_err(py: Python<'_>, e: pmh_core::calendar::CalendarError) -> PyErr {
    errors::err(py, Kind::Date, e.code(), e.rule().message_en)
}

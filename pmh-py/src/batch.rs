//! Batch functions: `pmh.seal_many`, `pmh.open_many`, `pmh.validate_many`.
//!
//! Each takes any iterable and returns a list in input order with one entry
//! per item: the result, or the `pmh.PmhError` instance that item raised (an
//! exception object, not raised). One bad record never loses the others.
//!
//! Python objects are read and results built with the GIL held; the work in
//! between (signing, verifying, validating) runs on all cores (rayon) with
//! the GIL released (`py.detach`), so other Python threads keep running.

use crate::convert::{try_to_value, ConvertError};
use crate::envelope::{
    envelope_bytes, open_err_instance, seal_err_instance, trust_arg, OpenArgs, PyReplayGuard,
    PySigningKey, PyVerified, SealArgs,
};
use crate::validate::{is_known, unknown_type, validate_value, PyReport};
use pmh_core::envelope;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use rayon::prelude::*;
use serde_json::Value;

/// The items of a batch: each read value, or the index of its error in the
/// second list (errors are Python objects, kept out of the GIL-free part).
type Inputs<T> = (Vec<Result<T, usize>>, Vec<PyErr>);

/// Reads every item of `items` with `read`; a failing item keeps its error.
fn read_all<T>(
    items: &Bound<'_, PyAny>,
    mut read: impl FnMut(&Bound<'_, PyAny>) -> Result<T, PyErr>,
) -> PyResult<Inputs<T>> {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for item in items.try_iter()? {
        match read(&item?) {
            Ok(v) => inputs.push(Ok(v)),
            Err(e) => {
                inputs.push(Err(errors.len()));
                errors.push(e);
            }
        }
    }
    Ok((inputs, errors))
}

fn read_values(items: &Bound<'_, PyAny>) -> PyResult<Inputs<Value>> {
    let py = items.py();
    read_all(items, |o| {
        try_to_value(o).map_err(|e: ConvertError| e.into_pyerr(py))
    })
}

/// Builds the result list: `ok` for successes, the item's exception otherwise.
fn build<'py, T, E>(
    py: Python<'py>,
    results: Vec<Result<Result<T, E>, usize>>,
    input_errors: Vec<PyErr>,
    ok: impl Fn(Python<'py>, T) -> PyResult<Bound<'py, PyAny>>,
    err: impl Fn(Python<'py>, E) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let mut input_errors: Vec<Option<PyErr>> = input_errors.into_iter().map(Some).collect();
    let list = PyList::empty(py);
    for r in results {
        let item = match r {
            Ok(Ok(v)) => ok(py, v)?,
            Ok(Err(e)) => err(py, e)?,
            Err(i) => match input_errors.get_mut(i).and_then(Option::take) {
                Some(e) => e.into_value(py).into_bound(py).into_any(),
                None => py.None().into_bound(py),
            },
        };
        list.append(item)?;
    }
    Ok(list)
}

/// `pmh.seal_many(payloads, *, type, sender, recipient, key, ...) -> list[str | PmhError]`.
#[pyfunction]
#[pyo3(signature = (payloads, *, r#type, sender, recipient, key, ttl=None, force=false, allow_unknown_types=false))]
#[allow(clippy::too_many_arguments)]
pub fn seal_many<'py>(
    py: Python<'py>,
    payloads: &Bound<'py, PyAny>,
    r#type: &str,
    sender: &str,
    recipient: &str,
    key: &Bound<'py, PySigningKey>,
    ttl: Option<&Bound<'py, PyAny>>,
    force: bool,
    allow_unknown_types: bool,
) -> PyResult<Bound<'py, PyList>> {
    let args = SealArgs::parse(
        py,
        r#type,
        sender,
        recipient,
        ttl,
        force,
        allow_unknown_types,
    )?;
    let (inputs, input_errors) = read_values(payloads)?;
    let key = &key.get().0;
    let options = args.options();
    let results = py.detach(|| {
        inputs
            .par_iter()
            .map(|item| {
                item.as_ref().map_err(|&i| i).map(|v| {
                    envelope::seal(
                        v,
                        &args.message_type,
                        &args.from,
                        &args.to,
                        args.ttl,
                        key,
                        &options,
                    )
                    .map(|e| e.to_json_string())
                })
            })
            .collect::<Vec<_>>()
    });
    build(
        py,
        results,
        input_errors,
        |py, s: String| Ok(PyString::new(py, &s).into_any()),
        seal_err_instance,
    )
}

/// `pmh.open_many(envelopes, trust, *, recipient=None, now=None, replay_guard=None, ...)
/// -> list[Verified | PmhError]`.
#[pyfunction]
#[pyo3(signature = (envelopes, trust, *, recipient=None, now=None, replay_guard=None, allow_unknown_types=false, clock_skew=None, max_bytes=None))]
#[allow(clippy::too_many_arguments)]
pub fn open_many<'py>(
    py: Python<'py>,
    envelopes: &Bound<'py, PyAny>,
    trust: &Bound<'py, PyAny>,
    recipient: Option<&str>,
    now: Option<&Bound<'py, PyAny>>,
    replay_guard: Option<&Bound<'py, PyReplayGuard>>,
    allow_unknown_types: bool,
    clock_skew: Option<&Bound<'py, PyAny>>,
    max_bytes: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let trust = trust_arg(trust)?;
    let args = OpenArgs::parse(
        py,
        recipient,
        now,
        clock_skew,
        allow_unknown_types,
        max_bytes,
    )?;
    let (inputs, input_errors) = read_all(envelopes, envelope_bytes)?;
    let guard = replay_guard.map(|g| &g.get().0);
    let options = args.options(guard);
    let store = trust.get().snapshot();
    let results = py.detach(|| {
        inputs
            .par_iter()
            .map(|item| {
                item.as_ref()
                    .map_err(|&i| i)
                    .map(|bytes| envelope::open(bytes, &store, &options))
            })
            .collect::<Vec<_>>()
    });
    build(
        py,
        results,
        input_errors,
        |py, v| Ok(Bound::new(py, PyVerified::from_core(py, v)?)?.into_any()),
        open_err_instance,
    )
}

/// One item of `validate_many`: a Python value already converted, or JSON
/// text (`bytes`) left to parse on the worker threads.
enum Document {
    Value(Value),
    Json(Vec<u8>),
}

/// `pmh.validate_many(type, items) -> list[Report | PmhError]`.
///
/// Items are Python values (dict, list, ...) or `bytes` holding JSON text,
/// e.g. the lines of an NDJSON export read in binary mode. Python values must
/// be converted while holding the GIL; JSON text is parsed (strictly) on all
/// cores with the GIL released, so `bytes` input scales with the cores. A
/// line that is not strict JSON gets a report with its `json.*` code.
#[pyfunction]
#[pyo3(signature = (r#type, items))]
pub fn validate_many<'py>(
    py: Python<'py>,
    r#type: &str,
    items: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    if !is_known(r#type) {
        return Err(unknown_type(py));
    }
    let (inputs, input_errors) = read_all(items, |o| {
        if let Ok(b) = o.cast::<PyBytes>() {
            return Ok(Document::Json(b.as_bytes().to_vec()));
        }
        try_to_value(o)
            .map(Document::Value)
            .map_err(|e: ConvertError| e.into_pyerr(py))
    })?;
    let results = py.detach(|| {
        inputs
            .par_iter()
            .map(|item| {
                item.as_ref().map_err(|&i| i).map(|doc| match doc {
                    Document::Value(v) => validate_value(r#type, v).ok_or(()),
                    Document::Json(bytes) => {
                        match pmh_core::canon::parse_strict(
                            bytes,
                            &pmh_core::canon::Limits::default(),
                        ) {
                            Ok(v) => validate_value(r#type, &v).ok_or(()),
                            Err(e) => Ok(pmh_core::validate::Report::from_json_error(&e)),
                        }
                    }
                })
            })
            .collect::<Vec<_>>()
    });
    build(
        py,
        results,
        input_errors,
        |py, r| Ok(Bound::new(py, PyReport::from_core(r))?.into_any()),
        |py, ()| Err(unknown_type(py)),
    )
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(seal_many, m)?)?;
    m.add_function(wrap_pyfunction!(open_many, m)?)?;
    m.add_function(wrap_pyfunction!(validate_many, m)?)?;
    Ok(())
}

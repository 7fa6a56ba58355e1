//! Signed envelopes: `pmh.SigningKey`, `pmh.TrustStore`, `pmh.ReplayGuard`,
//! `pmh.seal`, `pmh.open` and `pmh.Verified`.
//!
//! Signing and verification run with the GIL released (`py.detach`).

use crate::canon::text_bytes;
use crate::convert::{to_py, to_value};
use crate::errors::{self, Kind};
use chrono::{DateTime, Duration, FixedOffset, Utc};
use pmh_core::envelope::{
    self, Algorithm, Draft, Envelope, Jwk, KeyError, OpenError, OpenOptions, ParticipantId,
    ReplayGuard, SealError, SealOptions, SigningKey, TrustError, TrustStore, TrustedKey, Verified,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDateTime, PyDelta, PyDict, PyFloat, PyInt, PyString, PyTzInfo};
use serde_json::Value;
use std::sync::{Arc, Mutex, MutexGuard};

// ---------------------------------------------------------------- errors

pub fn key_err(py: Python<'_>, e: &KeyError) -> PyErr {
    errors::err(py, Kind::InvalidKey, e.code(), &e.to_string())
}

pub fn trust_err(py: Python<'_>, e: &TrustError) -> PyErr {
    errors::err(py, Kind::TrustStore, e.code(), &e.to_string())
}

fn open_kind(e: &OpenError) -> Kind {
    match e {
        OpenError::Signature | OpenError::AlgMismatch => Kind::Signature,
        OpenError::PayloadInvalid(_) => Kind::PayloadInvalid,
        _ => Kind::Envelope,
    }
}

/// An open error as a `pmh` exception instance (for batch results too).
pub fn open_err_instance<'py>(py: Python<'py>, e: OpenError) -> PyResult<Bound<'py, PyAny>> {
    let kind = open_kind(&e);
    let code = e.code();
    match e {
        OpenError::PayloadInvalid(r) => {
            let message = payload_message(&r);
            errors::instance(py, kind, code, &message, Some(r))
        }
        other => errors::instance(py, kind, code, &other.to_string(), None),
    }
}

/// "the payload is invalid: 2 validation errors: code at /path; ..." (no values).
fn payload_message(report: &pmh_core::validate::Report) -> String {
    format!(
        "the payload is invalid: {}",
        crate::validate::PyReport::from_core(report.clone()).summary()
    )
}

pub fn open_err(py: Python<'_>, e: OpenError) -> PyErr {
    match open_err_instance(py, e) {
        Ok(v) => PyErr::from_value(v),
        Err(e) => e,
    }
}

pub fn seal_err_instance<'py>(py: Python<'py>, e: SealError) -> PyResult<Bound<'py, PyAny>> {
    let code = e.code();
    let message = e.to_string();
    match e {
        SealError::PayloadInvalid(r) => {
            let message = payload_message(&r);
            errors::instance(py, Kind::PayloadInvalid, code, &message, Some(r))
        }
        SealError::Canon(_) => errors::instance(py, Kind::Canon, code, &message, None),
        _ => errors::instance(py, Kind::Envelope, code, &message, None),
    }
}

pub fn seal_err(py: Python<'_>, e: SealError) -> PyErr {
    match seal_err_instance(py, e) {
        Ok(v) => PyErr::from_value(v),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------- arguments

pub fn participant(py: Python<'_>, text: &str) -> PyResult<ParticipantId> {
    ParticipantId::parse(text)
        .map_err(|e| errors::err(py, Kind::Identifier, e.code(), &e.to_string()))
}

/// An aware `datetime` (any tzinfo) or an RFC 3339 str, as UTC.
pub fn aware_datetime(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<DateTime<Utc>> {
    aware_datetime_fixed(obj, what).map(|t| t.with_timezone(&Utc))
}

/// An aware `datetime` or an RFC 3339 str, keeping its UTC offset when it is
/// fixed (`datetime.timezone`); other tzinfos are converted to UTC.
pub fn aware_datetime_fixed(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<DateTime<FixedOffset>> {
    let py = obj.py();
    if let Ok(s) = obj.cast::<PyString>() {
        return DateTime::parse_from_rfc3339(&s.to_string_lossy()).map_err(|_| {
            PyValueError::new_err(format!(
                "{what} must be an RFC 3339 date-time with an offset"
            ))
        });
    }
    if obj.cast::<PyDateTime>().is_err() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a timezone-aware datetime.datetime"
        )));
    }
    if obj.call_method0("utcoffset")?.is_none() {
        return Err(PyValueError::new_err(format!(
            "{what} must be timezone-aware (naive datetimes are ambiguous)"
        )));
    }
    if let Ok(t) = obj.extract::<DateTime<FixedOffset>>() {
        return Ok(t);
    }
    let utc = PyTzInfo::utc(py)?;
    Ok(obj
        .call_method1("astimezone", (utc,))?
        .extract::<DateTime<Utc>>()?
        .fixed_offset())
}

/// A lifetime: `datetime.timedelta` or seconds (int or float), positive.
pub fn ttl_arg(obj: &Bound<'_, PyAny>) -> PyResult<Duration> {
    let ttl = if obj.cast::<PyDelta>().is_ok() {
        obj.extract::<Duration>()?
    } else if obj.cast::<PyInt>().is_ok() && !obj.is_instance_of::<pyo3::types::PyBool>() {
        let secs: i64 = obj
            .extract()
            .map_err(|_| PyValueError::new_err("ttl is out of range"))?;
        Duration::try_seconds(secs).ok_or_else(|| PyValueError::new_err("ttl is out of range"))?
    } else if let Ok(f) = obj.cast::<PyFloat>() {
        let ms = f.value() * 1000.0;
        if !ms.is_finite() || ms.abs() > 1e15 {
            return Err(PyValueError::new_err("ttl is out of range"));
        }
        // In range by the check above.
        #[allow(clippy::cast_possible_truncation)]
        let ms = ms.round() as i64;
        Duration::try_milliseconds(ms)
            .ok_or_else(|| PyValueError::new_err("ttl is out of range"))?
    } else {
        return Err(PyTypeError::new_err(
            "ttl must be a datetime.timedelta or a number of seconds",
        ));
    };
    if ttl <= Duration::zero() {
        return Err(PyValueError::new_err("ttl must be positive"));
    }
    Ok(ttl)
}

/// Envelope bytes from a str, bytes or a dict (the parsed envelope object).
pub fn envelope_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if obj.cast::<PyDict>().is_ok() {
        let v = to_value(obj)?;
        return Ok(v.to_string().into_bytes());
    }
    if obj.cast::<PyString>().is_err()
        && obj.cast::<PyBytes>().is_err()
        && obj.cast::<pyo3::types::PyByteArray>().is_err()
    {
        return Err(errors::err(
            obj.py(),
            Kind::UnsupportedType,
            "json.unsupported_type",
            "an envelope must be a str, bytes or dict",
        ));
    }
    text_bytes(obj)
}

// ---------------------------------------------------------------- SigningKey

/// A private signing key pinned to one algorithm (`EdDSA` = Ed25519, or
/// `ES256` = ECDSA P-256). Its repr shows the algorithm and kid only.
#[pyclass(name = "SigningKey", module = "pmh", frozen)]
pub struct PySigningKey(pub SigningKey);

#[pymethods]
impl PySigningKey {
    /// A new random key.
    #[staticmethod]
    #[pyo3(signature = (algorithm="EdDSA"))]
    fn generate(py: Python<'_>, algorithm: &str) -> PyResult<Self> {
        let alg: Algorithm = algorithm.parse().map_err(|e| key_err(py, &e))?;
        SigningKey::generate(alg)
            .map(PySigningKey)
            .map_err(|e| key_err(py, &e))
    }

    /// A key from an unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    #[staticmethod]
    fn from_pkcs8_pem(py: Python<'_>, pem: &Bound<'_, PyAny>) -> PyResult<Self> {
        let bytes = text_bytes(pem)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| key_err(py, &KeyError::Pem))?;
        SigningKey::from_pkcs8_pem(text)
            .map(PySigningKey)
            .map_err(|e| key_err(py, &e))
    }

    /// A key from an unencrypted PKCS#8 DER document.
    #[staticmethod]
    fn from_pkcs8_der(py: Python<'_>, der: &[u8]) -> PyResult<Self> {
        SigningKey::from_pkcs8_der(der)
            .map(PySigningKey)
            .map_err(|e| key_err(py, &e))
    }

    /// The key as PKCS#8 PEM (this is secret material).
    fn to_pkcs8_pem(&self) -> String {
        self.0.to_pkcs8_pem()
    }

    /// The key as PKCS#8 DER (this is secret material).
    fn to_pkcs8_der<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.0.pkcs8_der())
    }

    /// The public key as a JWK dict (`{"kty": "OKP", "crv": "Ed25519", "x": ...}`).
    fn public_jwk<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.public_key().to_jwk().to_value())
    }

    /// The key id: the RFC 7638 thumbprint of the public JWK.
    #[getter]
    fn kid(&self) -> &str {
        self.0.kid()
    }

    /// `"EdDSA"` or `"ES256"`.
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.0.algorithm().as_str()
    }

    /// A trust-store key entry for this key's public half:
    /// `{"kid", "alg", "jwk", "notBefore", "notAfter"}`.
    #[pyo3(signature = (not_before, not_after))]
    fn trust_entry<'py>(
        &self,
        py: Python<'py>,
        not_before: &Bound<'py, PyAny>,
        not_after: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let nb = aware_datetime_fixed(not_before, "not_before")?;
        let na = aware_datetime_fixed(not_after, "not_after")?;
        let key =
            TrustedKey::new(self.0.public_key().to_jwk(), nb, na).map_err(|e| trust_err(py, &e))?;
        let mut store = TrustStore::new();
        let pid = ParticipantId::parse("hub:x").map_err(|_| PyValueError::new_err("internal"))?;
        store.add_key(&pid, key).map_err(|e| trust_err(py, &e))?;
        let v = store.to_value();
        let entry = v
            .pointer("/participants/0/keys/0")
            .cloned()
            .unwrap_or(Value::Null);
        to_py(py, &entry)
    }

    fn __repr__(&self) -> String {
        format!(
            "SigningKey(algorithm='{}', kid='{}')",
            self.0.algorithm().as_str(),
            self.0.kid()
        )
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "SigningKey cannot be pickled; store to_pkcs8_pem() in a secret store instead",
        ))
    }
}

// ---------------------------------------------------------------- TrustStore

/// Who may send what, with which keys, and when (pmh trust-store JSON).
#[pyclass(name = "TrustStore", module = "pmh", frozen)]
pub struct PyTrustStore(Mutex<Arc<TrustStore>>);

// The lock is only held for short pure-Rust steps, never across `py.detach`
// (a reader waiting for the GIL while a writer holding the GIL waits for the
// lock would deadlock): readers take an `Arc` snapshot, writers copy on write.
impl PyTrustStore {
    fn new(store: TrustStore) -> Self {
        PyTrustStore(Mutex::new(Arc::new(store)))
    }

    fn lock(&self) -> MutexGuard<'_, Arc<TrustStore>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The current contents; later changes do not affect the snapshot.
    pub fn snapshot(&self) -> Arc<TrustStore> {
        Arc::clone(&self.lock())
    }

    fn update<T>(&self, f: impl FnOnce(&mut TrustStore) -> T) -> T {
        let mut guard = self.lock();
        f(Arc::make_mut(&mut guard))
    }
}

#[pymethods]
impl PyTrustStore {
    /// An empty trust store.
    #[new]
    fn py_new() -> Self {
        PyTrustStore::new(TrustStore::new())
    }

    /// Reads the JSON form (str or bytes), strictly.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let bytes = text_bytes(text)?;
        TrustStore::from_json(&bytes)
            .map(PyTrustStore::new)
            .map_err(|e| trust_err(py, &e))
    }

    /// Reads the parsed JSON form (a dict).
    #[staticmethod]
    fn from_dict(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let v = to_value(data)?;
        TrustStore::from_value(&v)
            .map(PyTrustStore::new)
            .map_err(|e| trust_err(py, &e))
    }

    /// Trusts a public key (a JWK dict or a `SigningKey`'s public half) for
    /// `participant` between `not_before` and `not_after`.
    fn add_key(
        &self,
        py: Python<'_>,
        participant: &str,
        key: &Bound<'_, PyAny>,
        not_before: &Bound<'_, PyAny>,
        not_after: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let pid = self::participant(py, participant)?;
        let jwk = if let Ok(k) = key.cast::<PySigningKey>() {
            k.get().0.public_key().to_jwk()
        } else {
            Jwk::from_value(&to_value(key)?).map_err(|e| key_err(py, &e))?
        };
        let nb = aware_datetime_fixed(not_before, "not_before")?;
        let na = aware_datetime_fixed(not_after, "not_after")?;
        let tk = TrustedKey::new(jwk, nb, na).map_err(|e| trust_err(py, &e))?;
        self.update(|t| t.add_key(&pid, tk))
            .map_err(|e| trust_err(py, &e))
    }

    /// Restricts `participant` to sending these message types.
    fn allow_types(&self, py: Python<'_>, participant: &str, types: Vec<String>) -> PyResult<()> {
        let pid = self::participant(py, participant)?;
        self.update(|t| t.allow_types(&pid, types.iter().map(String::as_str)))
            .map_err(|e| trust_err(py, &e))
    }

    /// Marks the key `kid` revoked from `at` on.
    fn revoke(&self, py: Python<'_>, kid: &str, at: &Bound<'_, PyAny>) -> PyResult<()> {
        let at = aware_datetime_fixed(at, "at")?;
        self.update(|t| t.revoke(kid, at))
            .map_err(|e| trust_err(py, &e))
    }

    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.snapshot().to_value())
    }

    /// The JSON form as pretty-printed text.
    fn to_json(&self) -> String {
        self.snapshot().to_json_pretty()
    }

    /// Ids of the trusted participants.
    fn participants(&self) -> Vec<String> {
        self.snapshot()
            .participants()
            .iter()
            .map(|p| p.id().as_str().to_owned())
            .collect()
    }

    fn __len__(&self) -> usize {
        self.snapshot().participants().len()
    }

    fn __repr__(&self) -> String {
        let store = self.snapshot();
        let keys: usize = store.participants().iter().map(|p| p.keys().len()).sum();
        format!(
            "TrustStore(participants={}, keys={keys})",
            store.participants().len()
        )
    }
}

/// A trust store argument: a `TrustStore`, a dict or JSON text.
pub fn trust_arg(obj: &Bound<'_, PyAny>) -> PyResult<Py<PyTrustStore>> {
    let py = obj.py();
    if let Ok(t) = obj.cast::<PyTrustStore>() {
        return Ok(t.clone().unbind());
    }
    let store = if obj.cast::<PyDict>().is_ok() {
        PyTrustStore::from_dict(py, obj)?
    } else {
        PyTrustStore::from_json(py, obj)?
    };
    Py::new(py, store)
}

// ---------------------------------------------------------------- ReplayGuard

/// Remembers accepted message ids until their envelopes expire, so a second
/// `open` of the same id fails with `envelope.replayed`. Thread-safe.
#[pyclass(name = "ReplayGuard", module = "pmh", frozen)]
pub struct PyReplayGuard(pub ReplayGuard);

#[pymethods]
impl PyReplayGuard {
    #[new]
    #[pyo3(signature = (capacity=1_000_000))]
    fn py_new(capacity: usize) -> Self {
        PyReplayGuard(ReplayGuard::with_capacity(capacity))
    }

    /// Forgets ids whose envelopes expired at `now` (default: the system clock).
    #[pyo3(signature = (now=None))]
    fn prune(&self, now: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let now = match now {
            Some(n) if !n.is_none() => aware_datetime(n, "now")?,
            _ => Utc::now(),
        };
        self.0.prune(now);
        Ok(())
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __repr__(&self) -> String {
        format!("ReplayGuard(len={})", self.0.len())
    }
}

// ---------------------------------------------------------------- Verified

/// An envelope whose signature and acceptance policy were checked by `open`.
///
/// The payload is converted to Python objects on first access, once.
#[pyclass(name = "Verified", module = "pmh", frozen)]
pub struct PyVerified {
    inner: Verified<Envelope>,
    id: String,
    payload: PyOnceLock<Py<PyAny>>,
}

impl PyVerified {
    pub fn from_core(_py: Python<'_>, v: Verified<Envelope>) -> PyResult<Self> {
        Ok(PyVerified {
            id: v.id().hyphenated().to_string(),
            inner: v,
            payload: PyOnceLock::new(),
        })
    }
}

#[pymethods]
impl PyVerified {
    /// The verified payload (a dict; the same object on every access).
    #[getter]
    fn payload(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.payload
            .get_or_try_init(py, || to_py(py, self.inner.payload()).map(Bound::unbind))
            .map(|p| p.clone_ref(py))
    }
    /// Message id (UUID v4 text).
    #[getter]
    fn id(&self) -> &str {
        &self.id
    }
    /// Message type, e.g. `subsidy.certificate.register`.
    #[getter]
    fn r#type(&self) -> &str {
        self.inner.message_type()
    }
    /// Sending participant id (`from`).
    #[getter]
    fn sender(&self) -> &str {
        self.inner.from().as_str()
    }
    /// Receiving participant id (`to`).
    #[getter]
    fn recipient(&self) -> &str {
        self.inner.to().as_str()
    }
    /// When the envelope was issued (aware datetime, offset as written).
    #[getter]
    fn issued_at(&self) -> DateTime<FixedOffset> {
        self.inner.issued_at()
    }
    /// When the envelope expires (aware datetime).
    #[getter]
    fn expires_at(&self) -> DateTime<FixedOffset> {
        self.inner.expires_at()
    }
    /// Key id (RFC 7638 thumbprint) of the signing key.
    #[getter]
    fn kid(&self) -> &str {
        self.inner.kid()
    }
    /// Algorithm of the signing key.
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.inner.algorithm().as_str()
    }
    /// The whole envelope object as received (signature included).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.get().to_json_value())
    }
    fn __repr__(&self) -> String {
        format!(
            "Verified(type='{}', sender='{}', recipient='{}', id='{}')",
            self.inner.message_type(),
            self.inner.from().as_str(),
            self.inner.to().as_str(),
            self.id
        )
    }
}

// ---------------------------------------------------------------- seal / open

/// Everything a seal needs besides the payload.
pub struct SealArgs {
    pub message_type: String,
    pub from: ParticipantId,
    pub to: ParticipantId,
    pub ttl: Duration,
    pub force: bool,
    pub allow_unknown_types: bool,
}

impl SealArgs {
    pub fn parse(
        py: Python<'_>,
        message_type: &str,
        sender: &str,
        recipient: &str,
        ttl: Option<&Bound<'_, PyAny>>,
        force: bool,
        allow_unknown_types: bool,
    ) -> PyResult<Self> {
        Ok(SealArgs {
            message_type: message_type.to_owned(),
            from: participant(py, sender)?,
            to: participant(py, recipient)?,
            ttl: match ttl {
                Some(t) if !t.is_none() => ttl_arg(t)?,
                _ => Duration::hours(1),
            },
            force,
            allow_unknown_types,
        })
    }

    pub fn options(&self) -> SealOptions<'static> {
        SealOptions {
            force: self.force,
            allow_unknown_types: self.allow_unknown_types,
            ..SealOptions::default()
        }
    }
}

/// `pmh.seal(payload, *, type, sender, recipient, key, ttl=3600, ...) -> str`.
#[pyfunction]
#[pyo3(signature = (payload, *, r#type, sender, recipient, key, ttl=None, force=false, allow_unknown_types=false, id=None, issued_at=None))]
#[allow(clippy::too_many_arguments)]
pub fn seal(
    py: Python<'_>,
    payload: &Bound<'_, PyAny>,
    r#type: &str,
    sender: &str,
    recipient: &str,
    key: &Bound<'_, PySigningKey>,
    ttl: Option<&Bound<'_, PyAny>>,
    force: bool,
    allow_unknown_types: bool,
    id: Option<&str>,
    issued_at: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let args = SealArgs::parse(
        py,
        r#type,
        sender,
        recipient,
        ttl,
        force,
        allow_unknown_types,
    )?;
    let value = to_value(payload)?;
    let key = &key.get().0;
    let options = args.options();
    let explicit = id.is_some() || issued_at.is_some_and(|t| !t.is_none());
    let result = if explicit {
        let mut draft = Draft::new(
            &args.message_type,
            args.from.clone(),
            args.to.clone(),
            args.ttl,
        )
        .map_err(|e| seal_err(py, e))?;
        if let Some(id) = id {
            draft.id = id
                .parse()
                .map_err(|_| PyValueError::new_err("id must be a UUID v4"))?;
        }
        if let Some(t) = issued_at.filter(|t| !t.is_none()) {
            let at = aware_datetime_fixed(t, "issued_at")?;
            draft.issued_at = at;
            draft.expires_at = at
                .checked_add_signed(args.ttl)
                .ok_or_else(|| PyValueError::new_err("ttl is out of range"))?;
        }
        py.detach(|| envelope::seal_draft(&draft, &value, key, &options))
    } else {
        py.detach(|| {
            envelope::seal(
                &value,
                &args.message_type,
                &args.from,
                &args.to,
                args.ttl,
                key,
                &options,
            )
        })
    };
    result
        .map(|e| e.to_json_string())
        .map_err(|e| seal_err(py, e))
}

/// Receiver settings shared by `open` and `open_many`.
pub struct OpenArgs {
    pub receiver: Option<ParticipantId>,
    pub now: Option<DateTime<Utc>>,
    pub clock_skew: Option<Duration>,
    pub allow_unknown_types: bool,
    pub max_bytes: Option<usize>,
}

impl OpenArgs {
    pub fn parse(
        py: Python<'_>,
        recipient: Option<&str>,
        now: Option<&Bound<'_, PyAny>>,
        clock_skew: Option<&Bound<'_, PyAny>>,
        allow_unknown_types: bool,
        max_bytes: Option<usize>,
    ) -> PyResult<Self> {
        Ok(OpenArgs {
            receiver: recipient.map(|r| participant(py, r)).transpose()?,
            now: match now {
                Some(n) if !n.is_none() => Some(aware_datetime(n, "now")?),
                _ => None,
            },
            clock_skew: match clock_skew {
                Some(c) if !c.is_none() => Some(ttl_arg(c)?),
                _ => None,
            },
            allow_unknown_types,
            max_bytes,
        })
    }

    pub fn options<'a>(&'a self, guard: Option<&'a ReplayGuard>) -> OpenOptions<'a> {
        let mut o = OpenOptions {
            now: self.now,
            receiver: self.receiver.as_ref(),
            replay_guard: guard,
            allow_unknown_types: self.allow_unknown_types,
            ..OpenOptions::default()
        };
        if let Some(skew) = self.clock_skew {
            o.clock_skew = skew;
        }
        if let Some(max) = self.max_bytes {
            o.limits.max_bytes = max;
        }
        o
    }
}

/// `pmh.open(envelope, trust, *, recipient=None, now=None, replay_guard=None, ...) -> Verified`.
#[pyfunction]
#[pyo3(signature = (envelope, trust, *, recipient=None, now=None, replay_guard=None, allow_unknown_types=false, clock_skew=None, max_bytes=None))]
#[allow(clippy::too_many_arguments)]
pub fn open(
    py: Python<'_>,
    envelope: &Bound<'_, PyAny>,
    trust: &Bound<'_, PyAny>,
    recipient: Option<&str>,
    now: Option<&Bound<'_, PyAny>>,
    replay_guard: Option<&Bound<'_, PyReplayGuard>>,
    allow_unknown_types: bool,
    clock_skew: Option<&Bound<'_, PyAny>>,
    max_bytes: Option<usize>,
) -> PyResult<PyVerified> {
    let bytes = envelope_bytes(envelope)?;
    let trust = trust_arg(trust)?;
    let args = OpenArgs::parse(
        py,
        recipient,
        now,
        clock_skew,
        allow_unknown_types,
        max_bytes,
    )?;
    let guard = replay_guard.map(|g| &g.get().0);
    let options = args.options(guard);
    let store = trust.get().snapshot();
    let result = py.detach(|| envelope::open(&bytes, &store, &options));
    match result {
        Ok(v) => PyVerified::from_core(py, v),
        Err(e) => Err(open_err(py, e)),
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySigningKey>()?;
    m.add_class::<PyTrustStore>()?;
    m.add_class::<PyReplayGuard>()?;
    m.add_class::<PyVerified>()?;
    m.add_function(wrap_pyfunction!(seal, m)?)?;
    m.add_function(wrap_pyfunction!(open, m)?)?;
    Ok(())
}

//! Signed message envelopes (署名付きメッセージ封筒): every PMH exchange travels in one.
//!
//! An envelope (version 1) is a JSON object:
//!
//! ```json
//! { "version": 1, "id": "<UUID v4>", "type": "subsidy.certificate.register",
//!   "from": "municipality:131016", "to": "hub:pmh",
//!   "issuedAt": "2025-04-01T09:00:00+09:00", "expiresAt": "2025-04-01T10:00:00+09:00",
//!   "payload": { }, "signature": "<BASE64URL(protected)>..<BASE64URL(sig)>" }
//! ```
//!
//! The signature is a JWS (RFC 7515) with detached content (Appendix F): the
//! content is the RFC 8785 (JCS) canonical form of the envelope without its
//! `signature` member, so any JOSE library plus any JCS implementation can
//! verify it. The protected header is exactly
//! `{"alg":"EdDSA"|"ES256","kid":"<RFC 7638 thumbprint>","typ":"pmh+jws"}`.
//!
//! - [`SigningKey`] / [`PublicKey`] / [`Algorithm`]: keys pinned to one algorithm.
//! - [`Jwk`]: public keys as JWK (RFC 7517 / 8037) and their thumbprints (RFC 7638).
//! - [`TrustStore`]: who may send what, with which keys, and when.
//! - [`seal()`] / [`open()`]: produce and verify envelopes; [`open()`] applies the
//!   whole acceptance policy and returns a [`Verified`] envelope.
//! - [`ReplayGuard`]: remembers message ids until they expire.
//! - [`Validators`]: payload validators by message type.
//! - [`batch`]: many envelopes in parallel, and NDJSON streams.
//!
//! ```
//! use chrono::Duration;
//! use pmh_core::envelope::{
//!     open, seal, Algorithm, OpenOptions, ParticipantId, SealOptions, SigningKey, TrustStore,
//!     TrustedKey,
//! };
//! use serde_json::json;
//!
//! let key = SigningKey::generate(Algorithm::EdDSA).unwrap();
//! let from = ParticipantId::parse("hub:test-sender").unwrap();
//! let to = ParticipantId::parse("hub:test-receiver").unwrap();
//!
//! // The receiver trusts the sender's public key for a year.
//! let now = chrono::Utc::now().fixed_offset();
//! let mut trust = TrustStore::new();
//! let trusted = TrustedKey::new(key.public_key().to_jwk(), now - Duration::days(1), now + Duration::days(365))
//!     .unwrap();
//! trust.add_key(&from, trusted).unwrap();
//!
//! let sealed = seal(
//!     &json!({"hello": "world"}), "test.hello", &from, &to, Duration::hours(1), &key,
//!     &SealOptions { allow_unknown_types: true, ..SealOptions::default() },
//! )
//! .unwrap();
//!
//! let bytes = sealed.to_json_bytes();
//! let options = OpenOptions { receiver: Some(&to), allow_unknown_types: true, ..OpenOptions::default() };
//! let verified = open(&bytes, &trust, &options).unwrap();
//! assert_eq!(verified.payload()["hello"], "world");
//! assert_eq!(verified.from(), &from);
//! ```

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;
use std::ops::Deref;
use uuid::Uuid;

pub mod batch;
mod jwk;
mod key;
mod open;
mod participant;
mod registry;
mod replay;
mod seal;
mod trust;

pub use jwk::Jwk;
pub use key::{Algorithm, KeyError, PublicKey, SigningKey};
pub use open::{open, OpenError, OpenOptions};
pub use participant::{ParticipantError, ParticipantId, ParticipantKind};
pub use registry::{is_valid_message_type, InvalidMessageType, Validator, Validators};
pub use replay::{ReplayError, ReplayGuard};
pub use seal::{new_message_id, seal, seal_draft, Draft, SealError, SealOptions};
pub use trust::{TrustError, TrustStore, TrustedKey, TrustedParticipant};

/// The only envelope format version this library reads and writes.
pub const VERSION: u64 = 1;

/// The `typ` value of the JWS protected header.
pub const JWS_TYP: &str = "pmh+jws";

/// The members of a version-1 envelope, in the order pmh writes them.
pub(crate) const MEMBERS: [&str; 9] = [
    "version",
    "id",
    "type",
    "from",
    "to",
    "issuedAt",
    "expiresAt",
    "payload",
    "signature",
];

/// A sealed envelope: routing metadata plus the signed JSON object.
///
/// There is no public way to build an `Envelope` from untrusted bytes: you get
/// one from [`seal()`], or wrapped in [`Verified`] from [`open()`]. Only the
/// [`Verified`] form hands out the payload ([`Verified::payload`]).
///
/// `Debug` shows the routing metadata only, never the payload.
///
/// ```
/// use chrono::Duration;
/// use pmh_core::envelope::{seal, Algorithm, ParticipantId, SealOptions, SigningKey};
///
/// let key = SigningKey::generate(Algorithm::ES256).unwrap();
/// let from = ParticipantId::parse("hub:a").unwrap();
/// let to = ParticipantId::parse("hub:b").unwrap();
/// let options = SealOptions { allow_unknown_types: true, ..SealOptions::default() };
/// let env = seal(&serde_json::json!({}), "test.ping", &from, &to, Duration::minutes(5), &key, &options)
///     .unwrap();
/// assert_eq!(env.message_type(), "test.ping");
/// assert!(env.signature().contains(".."));
/// assert!(!format!("{env:?}").contains("signature"));
/// ```
#[derive(Clone, PartialEq)]
pub struct Envelope {
    id: Uuid,
    message_type: String,
    from: ParticipantId,
    to: ParticipantId,
    issued_at: DateTime<FixedOffset>,
    expires_at: DateTime<FixedOffset>,
    /// The complete envelope, `signature` included.
    body: Body,
}

/// The JSON of an envelope: the parsed object of an opened envelope (its
/// payload is handed out by [`Verified`]), or the text a sealed envelope was
/// written as (sealing writes the text directly: no copy of the payload).
#[derive(Clone, PartialEq)]
pub(crate) enum Body {
    /// Opened: the object as received, members in the order received.
    Parsed(Map<String, Value>),
    /// Sealed: the compact JSON text, members in the order pmh writes them.
    Text(String),
}

impl Envelope {
    /// The message id (UUID v4).
    pub fn id(&self) -> Uuid {
        self.id
    }

    /// The message type, e.g. `subsidy.certificate.register`.
    pub fn message_type(&self) -> &str {
        &self.message_type
    }

    /// The sending participant.
    pub fn from(&self) -> &ParticipantId {
        &self.from
    }

    /// The receiving participant.
    pub fn to(&self) -> &ParticipantId {
        &self.to
    }

    /// When the envelope was issued, with the offset it was written with.
    pub fn issued_at(&self) -> DateTime<FixedOffset> {
        self.issued_at
    }

    /// When the envelope stops being acceptable.
    pub fn expires_at(&self) -> DateTime<FixedOffset> {
        self.expires_at
    }

    /// The JWS compact serialization with detached payload (`header..signature`).
    pub fn signature(&self) -> &str {
        match &self.body {
            Body::Parsed(map) => map.get("signature").and_then(Value::as_str).unwrap_or(""),
            // Written last by `seal`: `..."signature":"<jws>"}`.
            Body::Text(text) => text
                .rsplit_once("\"signature\":\"")
                .and_then(|(_, rest)| rest.strip_suffix("\"}"))
                .unwrap_or(""),
        }
    }

    /// The envelope as a JSON value (members in the order written).
    pub fn to_json_value(&self) -> Value {
        match &self.body {
            Body::Parsed(map) => Value::Object(map.clone()),
            // The text was written by `seal` from valid JSON: it always parses.
            Body::Text(text) => serde_json::from_str(text).unwrap_or(Value::Null),
        }
    }

    /// The envelope as compact JSON text.
    pub fn to_json_string(&self) -> String {
        match &self.body {
            Body::Parsed(map) => Value::Object(map.clone()).to_string(),
            Body::Text(text) => text.clone(),
        }
    }

    /// The envelope as compact JSON bytes (UTF-8), ready to send.
    pub fn to_json_bytes(&self) -> Vec<u8> {
        self.to_json_string().into_bytes()
    }

    /// The payload of an opened envelope (`Null` for a sealed one, whose
    /// payload the sender already has).
    pub(crate) fn payload_value(&self) -> &Value {
        match &self.body {
            Body::Parsed(map) => map.get("payload").unwrap_or(&Value::Null),
            Body::Text(_) => &Value::Null,
        }
    }
}

impl fmt::Debug for Envelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // No payload, no signature: debug output ends up in logs.
        f.debug_struct("Envelope")
            .field("id", &self.id)
            .field("type", &self.message_type)
            .field("from", &self.from)
            .field("to", &self.to)
            .field("issuedAt", &self.issued_at)
            .field("expiresAt", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl Serialize for Envelope {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.body {
            Body::Parsed(map) => map.serialize(serializer),
            Body::Text(_) => self.to_json_value().serialize(serializer),
        }
    }
}

/// A value whose signature was checked and whose policy checks passed.
///
/// Only [`open()`] makes one, so a function taking `&Verified<Envelope>` can
/// rely on the envelope having been verified against a [`TrustStore`].
/// It dereferences to the inner value.
///
/// ```
/// # use chrono::Duration;
/// # use pmh_core::envelope::*;
/// # let key = SigningKey::generate(Algorithm::EdDSA).unwrap();
/// # let from = ParticipantId::parse("hub:a").unwrap();
/// # let to = ParticipantId::parse("hub:b").unwrap();
/// # let now = chrono::Utc::now().fixed_offset();
/// # let mut trust = TrustStore::new();
/// # trust.add_key(&from, TrustedKey::new(key.public_key().to_jwk(), now - Duration::days(1), now + Duration::days(1)).unwrap()).unwrap();
/// # let so = SealOptions { allow_unknown_types: true, ..SealOptions::default() };
/// # let bytes = seal(&serde_json::json!({"n": 1}), "test.n", &from, &to, Duration::minutes(5), &key, &so).unwrap().to_json_bytes();
/// let oo = OpenOptions { allow_unknown_types: true, ..OpenOptions::default() };
/// let verified: Verified<Envelope> = open(&bytes, &trust, &oo).unwrap();
/// assert_eq!(verified.kid(), key.kid());
/// assert_eq!(verified.algorithm(), Algorithm::EdDSA);
/// assert_eq!(verified.message_type(), "test.n"); // through Deref
/// assert_eq!(verified.payload()["n"], 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Verified<T> {
    value: T,
    kid: String,
    alg: Algorithm,
}

impl<T> Verified<T> {
    pub(crate) fn new(value: T, kid: String, alg: Algorithm) -> Self {
        Verified { value, kid, alg }
    }

    /// The verified value.
    pub fn get(&self) -> &T {
        &self.value
    }

    /// Consumes the wrapper, giving the value (and dropping the proof of verification).
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The key id (RFC 7638 thumbprint) of the key that signed the value.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The algorithm of the key that signed the value.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }
}

impl Verified<Envelope> {
    /// The verified payload (a JSON object).
    pub fn payload(&self) -> &Value {
        self.value.payload_value()
    }

    /// Consumes the envelope, giving the verified payload.
    pub fn into_payload(self) -> Value {
        match self.value.body {
            Body::Parsed(mut map) => map.remove("payload").unwrap_or(Value::Null),
            Body::Text(text) => serde_json::from_str::<Value>(&text)
                .ok()
                .and_then(|mut v| v.get_mut("payload").map(Value::take))
                .unwrap_or(Value::Null),
        }
    }
}

impl<T> Deref for Verified<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Serialize> Serialize for Verified<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// The JWS signing input for detached content:
/// `BASE64URL(protected) "." BASE64URL(JCS(envelope without signature))`.
pub(crate) fn signing_input(header_b64: &str, jcs: &[u8]) -> String {
    let mut input = String::with_capacity(header_b64.len() + 1 + jcs.len() * 4 / 3 + 4);
    input.push_str(header_b64);
    input.push('.');
    URL_SAFE_NO_PAD.encode_string(jcs, &mut input);
    input
}

/// base64url without padding (RFC 7515 §2).
pub(crate) fn b64e(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Strict base64url decoding: no padding, no stray bits, no other alphabet.
pub(crate) fn b64d(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

/// RFC 3339 date-time with a mandatory offset (`Z` or `±HH:MM`), `T` separator,
/// optional fraction of 1–9 digits. Stricter than chrono alone, which also
/// accepts a space separator or lower-case letters.
pub(crate) fn parse_timestamp(text: &str) -> Option<DateTime<FixedOffset>> {
    let b = text.as_bytes();
    if b.len() < 20 || b.len() > 35 {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| b[range].iter().all(u8::is_ascii_digit);
    let shape_ok = digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    if !shape_ok {
        return None;
    }
    let mut i = 19;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 9 {
            return None;
        }
    }
    let rest = &b[i..];
    let offset_ok = rest == b"Z"
        || (rest.len() == 6
            && (rest[0] == b'+' || rest[0] == b'-')
            && rest[1..3].iter().all(u8::is_ascii_digit)
            && rest[3] == b':'
            && rest[4..6].iter().all(u8::is_ascii_digit));
    if !offset_ok {
        return None;
    }
    DateTime::parse_from_rfc3339(text).ok()
}

/// Formats a timestamp as RFC 3339 (`Z` for UTC), fractions only when present.
pub(crate) fn format_timestamp(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod tests;

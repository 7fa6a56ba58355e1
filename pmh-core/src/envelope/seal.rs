//! Sealing: build the envelope, sign its JCS form as a detached JWS.

use super::{
    b64e, format_timestamp, is_valid_message_type, signing_input, Envelope, ParticipantId,
    SigningKey, Validators, JWS_TYP, VERSION,
};
use crate::canon::{canonicalize_into, canonicalize_str};
use crate::validate::Report;
use chrono::{DateTime, Duration, FixedOffset, SubsecRound, Utc};
use ring::rand::{SecureRandom, SystemRandom};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

/// Why an envelope could not be sealed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SealError {
    /// A routing field is invalid; the text says which (never its value).
    #[error("cannot seal: {0}")]
    Structure(&'static str),
    /// No validator is registered for the type and unknown types were not allowed.
    #[error("no payload validator is registered for this message type")]
    UnknownType,
    /// The payload failed its validator and sealing was not forced.
    #[error("the payload is invalid ({} errors)", .0.error_count())]
    PayloadInvalid(Report),
    /// The payload has no RFC 8785 form (e.g. an integer beyond 2^53); carries the `canon.*` code.
    #[error("the payload cannot be canonicalized ({0})")]
    Canon(&'static str),
    /// The random generator or signing primitive failed.
    #[error("signing failed")]
    Crypto,
}

impl SealError {
    /// Stable machine-readable code.
    pub const fn code(&self) -> &'static str {
        match self {
            SealError::Structure(_) => "envelope.structure",
            SealError::UnknownType => "envelope.unknown_type",
            SealError::PayloadInvalid(_) => "envelope.payload_invalid",
            SealError::Canon(_) => "envelope.canon",
            SealError::Crypto => "envelope.crypto",
        }
    }

    /// The validation report, for [`SealError::PayloadInvalid`].
    pub fn report(&self) -> Option<&Report> {
        match self {
            SealError::PayloadInvalid(r) => Some(r),
            _ => None,
        }
    }
}

impl Serialize for SealError {
    /// `{"code": …, "message": …}` plus `"report"` for invalid payloads.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        super::open::serialize_error(serializer, self.code(), &self.to_string(), self.report())
    }
}

/// How [`seal()`] treats the payload validators.
///
/// ```
/// use pmh_core::envelope::SealOptions;
/// let strict = SealOptions::default();
/// assert!(!strict.force && !strict.allow_unknown_types);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SealOptions<'a> {
    /// The payload validators (default: [`Validators::builtin()`]).
    pub validators: &'a Validators,
    /// Seal even when the payload fails its validator.
    pub force: bool,
    /// Seal a message type that has no registered validator.
    pub allow_unknown_types: bool,
}

impl Default for SealOptions<'static> {
    fn default() -> Self {
        SealOptions {
            validators: Validators::builtin(),
            force: false,
            allow_unknown_types: false,
        }
    }
}

/// The routing metadata of an envelope about to be sealed.
///
/// [`Draft::new`] picks a fresh UUID v4 and the current time (whole seconds,
/// UTC); build the struct directly for deterministic output.
///
/// ```
/// use chrono::Duration;
/// use pmh_core::envelope::{Draft, ParticipantId};
///
/// let draft = Draft::new(
///     "test.ping",
///     ParticipantId::parse("hub:a").unwrap(),
///     ParticipantId::parse("hub:b").unwrap(),
///     Duration::minutes(10),
/// )
/// .unwrap();
/// assert_eq!(draft.id.get_version_num(), 4);
/// assert_eq!(draft.expires_at - draft.issued_at, Duration::minutes(10));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Message id (must be a UUID v4).
    pub id: Uuid,
    /// Message type, e.g. `subsidy.certificate.register`.
    pub message_type: String,
    /// Sender.
    pub from: ParticipantId,
    /// Receiver.
    pub to: ParticipantId,
    /// Issue time (written with its offset).
    pub issued_at: DateTime<FixedOffset>,
    /// Expiry time (must be after `issued_at`).
    pub expires_at: DateTime<FixedOffset>,
}

impl Draft {
    /// A draft with a random id, issued now (UTC, whole seconds), expiring after `ttl`.
    pub fn new(
        message_type: &str,
        from: ParticipantId,
        to: ParticipantId,
        ttl: Duration,
    ) -> Result<Draft, SealError> {
        let issued_at = Utc::now().trunc_subsecs(0).fixed_offset();
        let expires_at = issued_at
            .checked_add_signed(ttl)
            .ok_or(SealError::Structure("ttl is out of range"))?;
        Ok(Draft {
            id: new_message_id()?,
            message_type: message_type.to_owned(),
            from,
            to,
            issued_at,
            expires_at,
        })
    }
}

/// A fresh random UUID v4 (from the system random generator).
///
/// ```
/// let id = pmh_core::envelope::new_message_id().unwrap();
/// assert_eq!(id.get_version_num(), 4);
/// ```
pub fn new_message_id() -> Result<Uuid, SealError> {
    let mut bytes = [0u8; 16];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| SealError::Crypto)?;
    Ok(uuid::Builder::from_random_bytes(bytes).into_uuid())
}

/// Seals `payload` (a JSON object) from `from` to `to`, valid for `ttl` from now.
///
/// The payload is first checked by the validator registered for
/// `message_type` (see [`SealOptions`]). Example: see the [module docs](super).
pub fn seal(
    payload: &Value,
    message_type: &str,
    from: &ParticipantId,
    to: &ParticipantId,
    ttl: Duration,
    key: &SigningKey,
    options: &SealOptions<'_>,
) -> Result<Envelope, SealError> {
    let draft = Draft::new(message_type, from.clone(), to.clone(), ttl)?;
    seal_draft(&draft, payload, key, options)
}

/// Seals `payload` with explicit routing metadata (id and times included).
///
/// Ed25519 signatures are deterministic, so the same key, draft and payload
/// always give the same bytes.
///
/// ```
/// use chrono::DateTime;
/// use pmh_core::envelope::{seal_draft, Algorithm, Draft, ParticipantId, SealOptions, SigningKey};
///
/// let key = SigningKey::generate(Algorithm::EdDSA).unwrap();
/// let draft = Draft {
///     id: "0f8fad5b-d9cb-469f-a165-70867728950e".parse().unwrap(),
///     message_type: "test.ping".into(),
///     from: ParticipantId::parse("hub:a").unwrap(),
///     to: ParticipantId::parse("hub:b").unwrap(),
///     issued_at: DateTime::parse_from_rfc3339("2025-04-01T09:00:00+09:00").unwrap(),
///     expires_at: DateTime::parse_from_rfc3339("2025-04-01T10:00:00+09:00").unwrap(),
/// };
/// let options = SealOptions { allow_unknown_types: true, ..SealOptions::default() };
/// let a = seal_draft(&draft, &serde_json::json!({"x": 1}), &key, &options).unwrap();
/// let b = seal_draft(&draft, &serde_json::json!({"x": 1}), &key, &options).unwrap();
/// assert_eq!(a.to_json_bytes(), b.to_json_bytes());
/// assert!(a.to_json_string().contains(r#""issuedAt":"2025-04-01T09:00:00+09:00""#));
/// ```
pub fn seal_draft(
    draft: &Draft,
    payload: &Value,
    key: &SigningKey,
    options: &SealOptions<'_>,
) -> Result<Envelope, SealError> {
    if !is_valid_message_type(&draft.message_type) {
        return Err(SealError::Structure("the message type is not valid"));
    }
    if draft.id.get_version_num() != 4 || draft.id.get_variant() != uuid::Variant::RFC4122 {
        return Err(SealError::Structure("the id must be a UUID v4"));
    }
    if draft.expires_at <= draft.issued_at {
        return Err(SealError::Structure("expiresAt must be after issuedAt"));
    }
    if !payload.is_object() {
        return Err(SealError::Structure("the payload must be a JSON object"));
    }
    match options.validators.validate(&draft.message_type, payload) {
        None if !options.allow_unknown_types => return Err(SealError::UnknownType),
        Some(report) if !report.is_ok() && !options.force => {
            return Err(SealError::PayloadInvalid(report))
        }
        _ => {}
    }

    let id = draft.id.hyphenated().to_string();
    let issued_at = format_timestamp(&draft.issued_at);
    let expires_at = format_timestamp(&draft.expires_at);

    // The signed content: the RFC 8785 form of the envelope without
    // `signature`, written member by member in JCS order (UTF-16 code units:
    // expiresAt < from < id < issuedAt < payload < to < type < version), so
    // the payload is canonicalized in place and never copied.
    let mut jcs = Vec::with_capacity(512);
    for (name, value) in [
        ("{\"expiresAt\":", expires_at.as_str()),
        (",\"from\":", draft.from.as_str()),
        (",\"id\":", id.as_str()),
        (",\"issuedAt\":", issued_at.as_str()),
    ] {
        jcs.extend_from_slice(name.as_bytes());
        canonicalize_str(value, &mut jcs);
    }
    jcs.extend_from_slice(b",\"payload\":");
    canonicalize_into(payload, &mut jcs).map_err(|e| SealError::Canon(e.code()))?;
    for (name, value) in [
        (",\"to\":", draft.to.as_str()),
        (",\"type\":", draft.message_type.as_str()),
    ] {
        jcs.extend_from_slice(name.as_bytes());
        canonicalize_str(value, &mut jcs);
    }
    jcs.extend_from_slice(format!(",\"version\":{VERSION}}}").as_bytes());

    let header_b64 = b64e(protected_header(key).as_bytes());
    let signature = key
        .sign(signing_input(&header_b64, &jcs).as_bytes())
        .map_err(|_| SealError::Crypto)?;
    let jws = format!("{header_b64}..{}", b64e(&signature));

    // The envelope as sent: members in MEMBERS order, compact JSON.
    let mut text = Vec::with_capacity(jcs.len() + jws.len() + 32);
    text.extend_from_slice(format!("{{\"version\":{VERSION}").as_bytes());
    let strings = [
        ("id", id.as_str()),
        ("type", draft.message_type.as_str()),
        ("from", draft.from.as_str()),
        ("to", draft.to.as_str()),
        ("issuedAt", issued_at.as_str()),
        ("expiresAt", expires_at.as_str()),
    ];
    let serialize = |_| SealError::Canon("canon.serialize");
    for (name, value) in strings {
        text.extend_from_slice(format!(",\"{name}\":").as_bytes());
        serde_json::to_writer(&mut text, value).map_err(serialize)?;
    }
    text.extend_from_slice(b",\"payload\":");
    serde_json::to_writer(&mut text, payload).map_err(serialize)?;
    text.extend_from_slice(b",\"signature\":");
    serde_json::to_writer(&mut text, &jws).map_err(serialize)?;
    text.push(b'}');
    let text = String::from_utf8(text).map_err(|_| SealError::Canon("canon.serialize"))?;

    Ok(Envelope {
        id: draft.id,
        message_type: draft.message_type.clone(),
        from: draft.from.clone(),
        to: draft.to.clone(),
        issued_at: draft.issued_at,
        expires_at: draft.expires_at,
        body: super::Body::Text(text),
    })
}

/// The protected header: exactly `alg`, `kid`, `typ`, in JCS order.
fn protected_header(key: &SigningKey) -> String {
    let mut h = Map::new();
    h.insert("alg".into(), key.algorithm().as_str().into());
    h.insert("kid".into(), key.kid().into());
    h.insert("typ".into(), JWS_TYP.into());
    Value::Object(h).to_string()
}

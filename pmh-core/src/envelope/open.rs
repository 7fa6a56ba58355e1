//! Opening: parse, verify and apply the acceptance policy.
//!
//! [`open()`] checks, in this order, stopping at the first failure:
//!
//! | # | check | code |
//! |---|-------|------|
//! | 1 | size ≤ `limits.max_bytes` (default 1 MiB) | `envelope.too_large` |
//! | 1 | nesting ≤ `limits.max_depth` (default 64) | `envelope.too_deep` |
//! | 2 | strict JSON: UTF-8, no duplicate members, no lone surrogates | `envelope.json` |
//! | 3 | exact member set, `version` 1, UUID v4 `id`, `type` syntax, participant ids, RFC 3339 timestamps with offset, `payload` object, `expiresAt` > `issuedAt` | `envelope.structure` |
//! | 4 | JWS `header..signature`, header exactly `{alg, kid, typ:"pmh+jws"}`, alg EdDSA/ES256 | `envelope.header` |
//! | 5 | `kid` known (opaque map lookup) | `envelope.unknown_kid` |
//! | 6 | the key's pinned algorithm equals `alg` | `envelope.alg_mismatch` |
//! | 7 | signature over `b64(header).b64(JCS(envelope − signature))` | `envelope.signature` |
//! | 8 | the key belongs to `from` | `envelope.wrong_sender` |
//! | 9 | `notBefore` ≤ `issuedAt` < `notAfter` | `envelope.key_not_valid` |
//! | 10 | key not revoked (see below) | `envelope.key_revoked` |
//! | 11 | `issuedAt` ≤ now + clock skew (default 5 min) | `envelope.not_yet_valid` |
//! | 12 | now < `expiresAt` (no skew: the sender chose the lifetime) | `envelope.expired` |
//! | 13 | `to` is the receiver, when one is given | `envelope.wrong_recipient` |
//! | 14 | the sender may send `type` (trust store `types`) | `envelope.type_not_allowed` |
//! | 15 | id not seen before, when a [`ReplayGuard`] is given | `envelope.replayed` / `envelope.replay_full` |
//! | 16 | a validator exists for `type` (unless allowed) | `envelope.unknown_type` |
//! | 17 | the payload passes it | `envelope.payload_invalid` |
//!
//! **Revocation.** A key with `revokedAt` is refused when `revokedAt ≤ issuedAt`
//! *or* `revokedAt ≤ now`. Revocation usually means the private key leaked, and
//! whoever holds a leaked key can write any `issuedAt` they like, so once the
//! revocation time has passed no envelope signed with that key is accepted,
//! whatever it claims. A `revokedAt` in the future is a scheduled revocation:
//! the key works until then. Senders must re-send anything still in flight with
//! a new key.
//!
//! A replayed id is recorded at step 15, before payload validation: an id whose
//! payload was then rejected stays used (senders must use a fresh id anyway).

use super::{
    b64d, parse_timestamp, signing_input, Algorithm, Envelope, ParticipantId, ReplayError,
    ReplayGuard, TrustStore, Validators, Verified, JWS_TYP, MEMBERS, VERSION,
};
use crate::canon::{canonicalize, parse_strict, JsonError, Limits};
use crate::validate::Report;
use chrono::{DateTime, Duration, FixedOffset, Utc};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

/// Why an envelope was refused. Each variant has a stable [`OpenError::code`];
/// messages name fields and rules, never values.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum OpenError {
    /// The input exceeds the size limit.
    #[error("the envelope exceeds the size limit")]
    TooLarge,
    /// Arrays and objects are nested deeper than the limit.
    #[error("the envelope is nested too deeply")]
    TooDeep,
    /// The input is not strict JSON; carries the `json.*` / `canon.*` code.
    #[error("the envelope is not strict JSON ({0})")]
    Json(&'static str),
    /// Members or field formats are wrong; the text says which.
    #[error("malformed envelope: {0}")]
    Structure(&'static str),
    /// The JWS or its protected header is not exactly as specified; the text says why.
    #[error("invalid JWS header: {0}")]
    Header(&'static str),
    /// No trusted key has this kid.
    #[error("the signing key is not in the trust store")]
    UnknownKid,
    /// The header `alg` is not the algorithm the key is pinned to.
    #[error("the header alg does not match the key's algorithm")]
    AlgMismatch,
    /// The signature does not verify.
    #[error("the signature does not verify")]
    Signature,
    /// The key does not belong to the `from` participant.
    #[error("the signing key does not belong to the sender")]
    WrongSender,
    /// `issuedAt` is outside the key's `notBefore`..`notAfter`.
    #[error("the signing key was not valid at issuedAt")]
    KeyNotValid,
    /// The key is revoked.
    #[error("the signing key is revoked")]
    KeyRevoked,
    /// `issuedAt` is in the future beyond the allowed clock skew.
    #[error("issuedAt is in the future")]
    NotYetValid,
    /// `expiresAt` has passed.
    #[error("the envelope has expired")]
    Expired,
    /// `to` is not the receiver.
    #[error("the envelope is addressed to another participant")]
    WrongRecipient,
    /// The sender may not send this message type.
    #[error("the sender may not send this message type")]
    TypeNotAllowed,
    /// The id was already accepted.
    #[error("the message id was already accepted (replay)")]
    Replayed,
    /// The replay guard is full (fails closed).
    #[error("the replay guard is full")]
    ReplayFull,
    /// No validator is registered for the type and unknown types are not allowed.
    #[error("no payload validator is registered for this message type")]
    UnknownType,
    /// The payload failed its validator.
    #[error("the payload is invalid ({} errors)", .0.error_count())]
    PayloadInvalid(Report),
}

impl OpenError {
    /// Stable machine-readable code (`envelope.*`).
    pub const fn code(&self) -> &'static str {
        match self {
            OpenError::TooLarge => "envelope.too_large",
            OpenError::TooDeep => "envelope.too_deep",
            OpenError::Json(_) => "envelope.json",
            OpenError::Structure(_) => "envelope.structure",
            OpenError::Header(_) => "envelope.header",
            OpenError::UnknownKid => "envelope.unknown_kid",
            OpenError::AlgMismatch => "envelope.alg_mismatch",
            OpenError::Signature => "envelope.signature",
            OpenError::WrongSender => "envelope.wrong_sender",
            OpenError::KeyNotValid => "envelope.key_not_valid",
            OpenError::KeyRevoked => "envelope.key_revoked",
            OpenError::NotYetValid => "envelope.not_yet_valid",
            OpenError::Expired => "envelope.expired",
            OpenError::WrongRecipient => "envelope.wrong_recipient",
            OpenError::TypeNotAllowed => "envelope.type_not_allowed",
            OpenError::Replayed => "envelope.replayed",
            OpenError::ReplayFull => "envelope.replay_full",
            OpenError::UnknownType => "envelope.unknown_type",
            OpenError::PayloadInvalid(_) => "envelope.payload_invalid",
        }
    }

    /// The validation report, for [`OpenError::PayloadInvalid`].
    pub fn report(&self) -> Option<&Report> {
        match self {
            OpenError::PayloadInvalid(r) => Some(r),
            _ => None,
        }
    }
}

impl Serialize for OpenError {
    /// `{"code": …, "message": …}` plus `"report"` for invalid payloads.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_error(serializer, self.code(), &self.to_string(), self.report())
    }
}

pub(crate) fn serialize_error<S: serde::Serializer>(
    serializer: S,
    code: &str,
    message: &str,
    report: Option<&Report>,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = serializer.serialize_map(None)?;
    m.serialize_entry("code", code)?;
    m.serialize_entry("message", message)?;
    if let Some(r) = report {
        m.serialize_entry("report", r)?;
    }
    m.end()
}

/// Receiver-side settings for [`open()`].
///
/// ```
/// use chrono::Duration;
/// use pmh_core::envelope::{OpenOptions, ParticipantId, ReplayGuard};
///
/// let me = ParticipantId::parse("hub:pmh").unwrap();
/// let guard = ReplayGuard::new();
/// let options = OpenOptions {
///     receiver: Some(&me),
///     replay_guard: Some(&guard),
///     clock_skew: Duration::minutes(2),
///     ..OpenOptions::default()
/// };
/// assert!(options.now.is_none()); // = the system clock at each call
/// assert_eq!(options.limits.max_bytes, 1 << 20);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct OpenOptions<'a> {
    /// The current time; `None` reads the system clock at each call.
    pub now: Option<DateTime<Utc>>,
    /// How far in the future `issuedAt` may be (default 5 minutes).
    pub clock_skew: Duration,
    /// The receiving participant; when given, `to` must equal it.
    pub receiver: Option<&'a ParticipantId>,
    /// Refuse ids already seen (and remember new ones).
    pub replay_guard: Option<&'a ReplayGuard>,
    /// Accept message types without a registered validator (payload unchecked).
    pub allow_unknown_types: bool,
    /// Input size and nesting limits (default 1 MiB, depth 64).
    pub limits: Limits,
    /// The payload validators (default: [`Validators::builtin()`]).
    pub validators: &'a Validators,
}

impl Default for OpenOptions<'static> {
    fn default() -> Self {
        OpenOptions {
            now: None,
            clock_skew: Duration::minutes(5),
            receiver: None,
            replay_guard: None,
            allow_unknown_types: false,
            limits: Limits::default(),
            validators: Validators::builtin(),
        }
    }
}

/// Verifies an envelope and applies the whole acceptance policy (see the
/// [module docs](self) for the order and codes). Never panics on any input.
///
/// Example: see the [envelope module docs](super).
pub fn open(
    bytes: &[u8],
    trust: &TrustStore,
    options: &OpenOptions<'_>,
) -> Result<Verified<Envelope>, OpenError> {
    let now = options.now.unwrap_or_else(Utc::now);

    // 1–2. Size, depth, strict JSON.
    if bytes.len() > options.limits.max_bytes {
        return Err(OpenError::TooLarge);
    }
    let value = parse_strict(bytes, &options.limits).map_err(|e| match e {
        JsonError::TooLarge { .. } => OpenError::TooLarge,
        JsonError::TooDeep => OpenError::TooDeep,
        other => OpenError::Json(other.code()),
    })?;

    // 3. Structure and field formats.
    let Value::Object(mut json) = value else {
        return Err(OpenError::Structure("the envelope must be a JSON object"));
    };
    let fields = Fields::parse(&json)?;

    // 4. JWS syntax and protected header.
    let (header_b64, signature_b64) = split_detached_jws(&fields.signature)?;
    let (alg, kid) = parse_protected_header(header_b64)?;

    // 5–6. Key lookup (opaque) and algorithm pinning.
    let (participant, key) = trust.key(&kid).ok_or(OpenError::UnknownKid)?;
    if key.algorithm() != alg {
        return Err(OpenError::AlgMismatch);
    }

    // 7. Signature over the JCS form of the envelope without `signature`.
    let signature = b64d(signature_b64).ok_or(OpenError::Signature)?;
    if signature.len() != alg.signature_len() {
        return Err(OpenError::Signature);
    }
    let (sig_name, sig_value) = json
        .shift_remove_entry("signature")
        .ok_or(OpenError::Structure("\"signature\" is missing"))?;
    let unsigned = Value::Object(json);
    let jcs = canonicalize(&unsigned).map_err(|e| OpenError::Json(e.code()))?;
    let verified = key
        .public_key()
        .verify(signing_input(header_b64, &jcs).as_bytes(), &signature);
    let Value::Object(mut json) = unsigned else {
        return Err(OpenError::Structure("the envelope must be a JSON object"));
    };
    json.insert(sig_name, sig_value);
    if !verified {
        return Err(OpenError::Signature);
    }

    // 8–10. The key belongs to the sender and was usable.
    if participant.id() != &fields.from {
        return Err(OpenError::WrongSender);
    }
    let issued = fields.issued_at.with_timezone(&Utc);
    if issued < key.not_before() || issued >= key.not_after() {
        return Err(OpenError::KeyNotValid);
    }
    if let Some(revoked) = key.revoked_at() {
        if revoked <= issued || revoked <= now {
            return Err(OpenError::KeyRevoked);
        }
    }

    // 11–12. Freshness.
    let latest_issue = now
        .checked_add_signed(options.clock_skew)
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    if issued > latest_issue {
        return Err(OpenError::NotYetValid);
    }
    let expires = fields.expires_at.with_timezone(&Utc);
    if now >= expires {
        return Err(OpenError::Expired);
    }

    // 13–14. Routing and authorization.
    if let Some(receiver) = options.receiver {
        if receiver != &fields.to {
            return Err(OpenError::WrongRecipient);
        }
    }
    if !participant.may_send(&fields.message_type) {
        return Err(OpenError::TypeNotAllowed);
    }

    // 15. Replay.
    if let Some(guard) = options.replay_guard {
        guard
            .check_and_remember(fields.id, expires, now)
            .map_err(|e| match e {
                ReplayError::Full => OpenError::ReplayFull,
                _ => OpenError::Replayed,
            })?;
    }

    // 16–17. Payload.
    let payload = json.get("payload").unwrap_or(&Value::Null);
    match options.validators.validate(&fields.message_type, payload) {
        None if !options.allow_unknown_types => return Err(OpenError::UnknownType),
        Some(report) if !report.is_ok() => return Err(OpenError::PayloadInvalid(report)),
        _ => {}
    }

    let envelope = Envelope {
        id: fields.id,
        message_type: fields.message_type,
        from: fields.from,
        to: fields.to,
        issued_at: fields.issued_at,
        expires_at: fields.expires_at,
        body: super::Body::Parsed(json),
    };
    Ok(Verified::new(envelope, kid, alg))
}

/// The typed fields of an envelope, checked for format.
struct Fields {
    id: Uuid,
    message_type: String,
    from: ParticipantId,
    to: ParticipantId,
    issued_at: DateTime<FixedOffset>,
    expires_at: DateTime<FixedOffset>,
    signature: String,
}

impl Fields {
    fn parse(json: &Map<String, Value>) -> Result<Fields, OpenError> {
        use OpenError::Structure as S;
        if json.len() != MEMBERS.len() || !MEMBERS.iter().all(|m| json.contains_key(*m)) {
            return Err(S("members must be exactly version, id, type, from, to, issuedAt, expiresAt, payload, signature"));
        }
        let str_of =
            |name: &str, why: &'static str| json.get(name).and_then(Value::as_str).ok_or(S(why));
        if json.get("version").and_then(Value::as_u64) != Some(VERSION) {
            return Err(S("\"version\" must be the integer 1"));
        }
        let id_text = str_of("id", "\"id\" must be a string")?;
        let id = match Uuid::try_parse(id_text) {
            Ok(id)
                if id_text.len() == 36
                    && id.get_version_num() == 4
                    && id.get_variant() == uuid::Variant::RFC4122 =>
            {
                id
            }
            _ => return Err(S("\"id\" must be a hyphenated UUID v4")),
        };
        let message_type = str_of("type", "\"type\" must be a string")?;
        if !super::is_valid_message_type(message_type) {
            return Err(S("\"type\" is not a valid message type"));
        }
        let from = ParticipantId::parse(str_of("from", "\"from\" must be a string")?)
            .map_err(|_| S("\"from\" is not a valid participant id"))?;
        let to = ParticipantId::parse(str_of("to", "\"to\" must be a string")?)
            .map_err(|_| S("\"to\" is not a valid participant id"))?;
        let issued_at = parse_timestamp(str_of("issuedAt", "\"issuedAt\" must be a string")?)
            .ok_or(S("\"issuedAt\" must be an RFC 3339 timestamp with offset"))?;
        let expires_at = parse_timestamp(str_of("expiresAt", "\"expiresAt\" must be a string")?)
            .ok_or(S("\"expiresAt\" must be an RFC 3339 timestamp with offset"))?;
        if expires_at <= issued_at {
            return Err(S("\"expiresAt\" must be after \"issuedAt\""));
        }
        if !json.get("payload").is_some_and(Value::is_object) {
            return Err(S("\"payload\" must be a JSON object"));
        }
        let signature = str_of("signature", "\"signature\" must be a string")?.to_owned();
        Ok(Fields {
            id,
            message_type: message_type.to_owned(),
            from,
            to,
            issued_at,
            expires_at,
            signature,
        })
    }
}

/// `header..signature` (RFC 7515 Appendix F): exactly two dots, empty payload part.
fn split_detached_jws(jws: &str) -> Result<(&str, &str), OpenError> {
    let mut parts = jws.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(h), Some(""), Some(s), None) if !h.is_empty() && !s.is_empty() => Ok((h, s)),
        (Some(_), Some(p), Some(_), None) if !p.is_empty() => Err(OpenError::Header(
            "the JWS payload must be detached (header..signature)",
        )),
        _ => Err(OpenError::Header(
            "the signature must be a JWS compact serialization header..signature",
        )),
    }
}

/// Exactly `{"alg", "kid", "typ"}`; anything else (`jwk`, `jku`, `x5c`, `crit`,
/// `b64`, …) is refused.
fn parse_protected_header(header_b64: &str) -> Result<(Algorithm, String), OpenError> {
    use OpenError::Header as H;
    const MAX_HEADER: usize = 1024;
    if header_b64.len() > MAX_HEADER * 4 / 3 + 4 {
        return Err(H("the protected header is too long"));
    }
    let bytes = b64d(header_b64).ok_or(H("the protected header is not base64url"))?;
    let limits = Limits {
        max_bytes: MAX_HEADER,
        max_depth: 1,
    };
    let value =
        parse_strict(&bytes, &limits).map_err(|_| H("the protected header is not strict JSON"))?;
    let header = value
        .as_object()
        .ok_or(H("the protected header must be a JSON object"))?;
    if header.len() != 3
        || !["alg", "kid", "typ"]
            .iter()
            .all(|m| header.contains_key(*m))
    {
        return Err(H("the protected header must have exactly alg, kid and typ"));
    }
    if header.get("typ").and_then(Value::as_str) != Some(JWS_TYP) {
        return Err(H("typ must be \"pmh+jws\""));
    }
    let alg = header
        .get("alg")
        .and_then(Value::as_str)
        .and_then(Algorithm::from_jose)
        .ok_or(H("alg must be \"EdDSA\" or \"ES256\""))?;
    let kid = match header.get("kid").and_then(Value::as_str) {
        Some(k) if !k.is_empty() && k.len() <= 256 => k.to_owned(),
        _ => return Err(H("kid must be a non-empty string")),
    };
    Ok((alg, kid))
}

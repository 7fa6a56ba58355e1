//! Signed envelopes (署名付きメッセージ封筒): signing keys, trust stores,
//! replay guards, seal and open.
//!
//! Handles are opaque pointers made by a `_new`/`_generate`/`_from_*`
//! function and released with the matching `_free` (NULL-safe). Failures
//! use the 1xx statuses; the last-error message is the stable code
//! (`key.pkcs8`, `trust.kid_mismatch`, `envelope.signature`, ...).

use std::ffi::c_char;

use pmh_core::envelope::{
    self, Algorithm, OpenError, OpenOptions, ParticipantId, ReplayGuard, SealOptions, SigningKey,
    TrustStore,
};
use serde_json::{json, Value};

use crate::error::{Failure, FfiResult};
use crate::ffi::{handle_free, handle_new, handle_ref, input_bytes, input_str, out, out_string};
use crate::panic::boundary;
use crate::status::pmh_status;

/// A private signing key pinned to one algorithm (opaque).
///
/// Immutable once made: one key may be used by several threads at the same
/// time. Free it with `pmh_signing_key_free` once no thread uses it.
pub struct pmh_signing_key(SigningKey);

/// A trust store: participants, their public keys and what they may send
/// (opaque).
///
/// Immutable once loaded: one store may be used by several threads at the
/// same time. Free it with `pmh_trust_store_free` once no thread uses it.
pub struct pmh_trust_store(TrustStore);

/// Remembers accepted message ids until they expire, to refuse replays
/// (opaque).
///
/// Internally locked: one guard may be passed to `pmh_envelope_open` from
/// several threads at the same time (that is the point: one guard per
/// receiver). Free it with `pmh_replay_guard_free` once no thread uses it.
pub struct pmh_replay_guard(ReplayGuard);

/// Signature algorithm (a `PMH_ALGORITHM_*` value).
pub type pmh_algorithm = u32;

/// Ed25519 (JOSE `EdDSA`); deterministic signatures.
pub const PMH_ALGORITHM_EDDSA: pmh_algorithm = 1;
/// ECDSA P-256 with SHA-256 (JOSE `ES256`).
pub const PMH_ALGORITHM_ES256: pmh_algorithm = 2;

/// Flag for `pmh_envelope_seal` / `pmh_envelope_open`: accept message types
/// that have no registered payload validator (the payload is then unchecked).
pub const PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES: u32 = 1;

const KNOWN_FLAGS: u32 = PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES;
const BAD_FLAGS: Failure = Failure::new(pmh_status::PMH_INVALID_ARGUMENT, "unknown flag bits");

fn algorithm(alg: pmh_algorithm) -> FfiResult<Algorithm> {
    match alg {
        PMH_ALGORITHM_EDDSA => Ok(Algorithm::EdDSA),
        PMH_ALGORITHM_ES256 => Ok(Algorithm::ES256),
        _ => Err(Failure::new(
            pmh_status::PMH_INVALID_ARGUMENT,
            "unknown pmh_algorithm value",
        )),
    }
}

fn flags(flags: u32) -> FfiResult<bool> {
    if flags & !KNOWN_FLAGS != 0 {
        return Err(BAD_FLAGS);
    }
    Ok(flags & PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES != 0)
}

fn participant(text: &str) -> FfiResult<ParticipantId> {
    ParticipantId::parse(text)
        .map_err(|e| Failure::new(pmh_status::PMH_PARTICIPANT_ERROR, e.code()))
}

fn key_error(e: envelope::KeyError) -> Failure {
    Failure::new(pmh_status::PMH_KEY_ERROR, e.code())
}

/// Generates a new signing key for `alg` (a `PMH_ALGORITHM_*` value).
///
/// On `PMH_OK`, `*out` receives the key; free it with `pmh_signing_key_free`.
/// Errors: `PMH_INVALID_ARGUMENT` (unknown `alg`), `PMH_KEY_ERROR`,
/// `PMH_NULL_PARAMETER`. Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_signing_key_generate(
    alg: pmh_algorithm,
    out: *mut *mut pmh_signing_key,
) -> pmh_status {
    boundary(|| {
        let alg = algorithm(alg)?;
        let out = out!(out)?;
        let key = SigningKey::generate(alg).map_err(key_error)?;
        out.write(handle_new(pmh_signing_key(key)));
        Ok(())
    })
}

/// Loads a signing key from a PKCS#8 document, DER or PEM (`-----BEGIN
/// PRIVATE KEY-----`), Ed25519 or P-256.
///
/// On `PMH_OK`, `*out` receives the key; free it with `pmh_signing_key_free`.
/// Errors: `PMH_KEY_ERROR` (last error `key.pkcs8`, `key.pem`,
/// `key.unsupported_algorithm`, ...), `PMH_NULL_PARAMETER`,
/// `PMH_INVALID_ARGUMENT` (length). The key bytes are never kept beyond the
/// key itself nor repeated in messages. Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_signing_key_from_pkcs8(
    data: *const u8,
    len: usize,
    out: *mut *mut pmh_signing_key,
) -> pmh_status {
    boundary(|| {
        let data = input_bytes!(data, len)?;
        let out = out!(out)?;
        let key = SigningKey::from_pkcs8(data).map_err(key_error)?;
        out.write(handle_new(pmh_signing_key(key)));
        Ok(())
    })
}

/// Frees a signing key. NULL is ignored; the key must not be used afterwards
/// (by any thread) nor freed twice.
#[no_mangle]
pub extern "C" fn pmh_signing_key_free(key: *mut pmh_signing_key) {
    handle_free(key);
}

/// The key id of a signing key: the RFC 7638 thumbprint of its public key.
///
/// On `PMH_OK`, `*out` receives a NUL-terminated string (free it with
/// `pmh_string_free`) and `*out_len` its length. Errors:
/// `PMH_NULL_PARAMETER`. Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_signing_key_kid(
    key: *const pmh_signing_key,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let key = handle_ref!(key)?;
        let out = out_string!(out, out_len)?;
        out.write(key.0.kid().to_owned())
    })
}

/// The public key of a signing key as a JWK (RFC 7517 / 8037) JSON object,
/// e.g. `{"crv":"Ed25519","kty":"OKP","x":"…"}`, for a trust store.
///
/// On `PMH_OK`, `*out_json` receives a NUL-terminated string (free it with
/// `pmh_string_free`) and `*out_len` its length. Errors:
/// `PMH_NULL_PARAMETER`. Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_signing_key_public_jwk(
    key: *const pmh_signing_key,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let key = handle_ref!(key)?;
        let out = out_string!(out_json, out_len)?;
        out.write(key.0.public_key().to_jwk().to_value().to_string())
    })
}

/// Loads a trust store from its JSON form
/// (`{"participants":[{"id":…,"keys":[{"kid":…,"alg":…,"jwk":…,"notBefore":…,"notAfter":…}]}]}`,
/// strict JSON, at most 16 MiB).
///
/// On `PMH_OK`, `*out` receives the store; free it with
/// `pmh_trust_store_free`. Errors: `PMH_TRUST_STORE_ERROR` (last error
/// `trust.json`, `trust.structure`, `trust.kid_mismatch`, ...),
/// `PMH_NULL_PARAMETER`, `PMH_INVALID_ARGUMENT` (length). Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_trust_store_from_json(
    json: *const u8,
    len: usize,
    out: *mut *mut pmh_trust_store,
) -> pmh_status {
    boundary(|| {
        let json = input_bytes!(json, len)?;
        let out = out!(out)?;
        let store = TrustStore::from_json(json)
            .map_err(|e| Failure::new(pmh_status::PMH_TRUST_STORE_ERROR, e.code()))?;
        out.write(handle_new(pmh_trust_store(store)));
        Ok(())
    })
}

/// Frees a trust store. NULL is ignored; the store must not be used
/// afterwards (by any thread) nor freed twice.
#[no_mangle]
pub extern "C" fn pmh_trust_store_free(store: *mut pmh_trust_store) {
    handle_free(store);
}

/// Makes a replay guard holding at most `capacity` live message ids (0: the
/// default, one million). When full, `pmh_envelope_open` refuses new
/// envelopes (`envelope.replay_full`) rather than forget ids.
///
/// On `PMH_OK`, `*out` receives the guard; free it with
/// `pmh_replay_guard_free`. Errors: `PMH_NULL_PARAMETER`. Thread-safe.
#[no_mangle]
pub extern "C" fn pmh_replay_guard_new(
    capacity: usize,
    out: *mut *mut pmh_replay_guard,
) -> pmh_status {
    boundary(|| {
        let out = out!(out)?;
        let guard = if capacity == 0 {
            ReplayGuard::new()
        } else {
            ReplayGuard::with_capacity(capacity)
        };
        out.write(handle_new(pmh_replay_guard(guard)));
        Ok(())
    })
}

/// Frees a replay guard. NULL is ignored; the guard must not be used
/// afterwards (by any thread) nor freed twice.
#[no_mangle]
pub extern "C" fn pmh_replay_guard_free(guard: *mut pmh_replay_guard) {
    handle_free(guard);
}

/// Seals a JSON object `payload` of type `message_type` from participant
/// `from` to participant `to` (ids such as `municipality:131016`,
/// `hub:pmh`), valid for `ttl_seconds` from now, signed with `key`.
///
/// The payload is checked by the validator registered for the type;
/// `flags` may contain `PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES`.
///
/// On `PMH_OK`, `*out_json` receives the envelope (UTF-8 JSON, free it with
/// `pmh_string_free`) and `*out_len` its length. Errors:
/// `PMH_JSON_ERROR` (payload is not JSON), `PMH_PARTICIPANT_ERROR`,
/// `PMH_SEAL_ERROR` (last error `envelope.structure`,
/// `envelope.unknown_type`, `envelope.payload_invalid`, ...),
/// `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8`, `PMH_INVALID_ARGUMENT`
/// (unknown flags). Thread-safe.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // (pointer, length) pairs
pub extern "C" fn pmh_envelope_seal(
    key: *const pmh_signing_key,
    message_type: *const u8,
    message_type_len: usize,
    from: *const u8,
    from_len: usize,
    to: *const u8,
    to_len: usize,
    payload: *const u8,
    payload_len: usize,
    ttl_seconds: u32,
    flags: u32,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let key = handle_ref!(key)?;
        let message_type = input_str!(message_type, message_type_len)?;
        let from = input_str!(from, from_len)?;
        let to = input_str!(to, to_len)?;
        let payload = input_bytes!(payload, payload_len)?;
        let allow_unknown_types = self::flags(flags)?;
        let out = out_string!(out_json, out_len)?;
        let (from, to) = (participant(from)?, participant(to)?);
        let ttl = chrono::Duration::seconds(i64::from(ttl_seconds));
        let draft = envelope::Draft::new(message_type, from, to, ttl)
            .map_err(|e| Failure::new(pmh_status::PMH_SEAL_ERROR, e.code()))?;
        out.write(seal_json(&key.0, &draft, payload, allow_unknown_types)?)
    })
}

/// Seals a payload (strict JSON text) under `draft`: the one path of both seal calls.
fn seal_json(
    key: &SigningKey,
    draft: &envelope::Draft,
    payload: &[u8],
    allow_unknown_types: bool,
) -> FfiResult<String> {
    let payload = strict_payload(payload)?;
    let options = SealOptions {
        allow_unknown_types,
        ..SealOptions::default()
    };
    let sealed = envelope::seal_draft(draft, &payload, key, &options)
        .map_err(|e| Failure::new(pmh_status::PMH_SEAL_ERROR, e.code()))?;
    Ok(sealed.to_json_string())
}

/// Verifies an envelope addressed to `receiver` against `trust` and applies
/// the whole acceptance policy (strict JSON, signature, key validity and
/// revocation, sender, expiry, recipient, allowed types, payload validator,
/// and replay when `guard` is not NULL; `guard` is the only parameter that
/// may be NULL).
///
/// On `PMH_OK`, `*out_json` receives a UTF-8 JSON object
/// `{"kid":…,"alg":…,"envelope":{…the verified envelope, payload included…}}`
/// (free it with `pmh_string_free`) and `*out_len` its length. Errors:
/// `PMH_ENVELOPE_REJECTED` (last error the `envelope.*` code, e.g.
/// `envelope.signature`, `envelope.expired`), `PMH_ENVELOPE_REPLAYED`
/// (`envelope.replayed`), `PMH_PARTICIPANT_ERROR` (`receiver`),
/// `PMH_NULL_PARAMETER`, `PMH_INVALID_UTF8` (`receiver`),
/// `PMH_INVALID_ARGUMENT` (unknown flags). Thread-safe.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // (pointer, length) pairs
pub extern "C" fn pmh_envelope_open(
    trust: *const pmh_trust_store,
    guard: *const pmh_replay_guard,
    receiver: *const u8,
    receiver_len: usize,
    envelope: *const u8,
    len: usize,
    flags: u32,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let trust = handle_ref!(trust)?;
        let guard = crate::ffi::optional_handle(guard);
        let receiver = input_str!(receiver, receiver_len)?;
        let envelope = input_bytes!(envelope, len)?;
        let allow_unknown_types = self::flags(flags)?;
        let out = out_string!(out_json, out_len)?;
        let receiver = participant(receiver)?;
        out.write(open_json(
            &trust.0,
            guard.map(|g| &g.0),
            Some(&receiver),
            envelope,
            allow_unknown_types,
            None,
        )?)
    })
}

/// The payload of a seal call: strict JSON (no duplicate keys, no lone
/// surrogates), so C callers get the same answer as every other interface.
fn strict_payload(payload: &[u8]) -> FfiResult<Value> {
    pmh_core::canon::parse_strict(
        payload,
        &pmh_core::canon::Limits {
            max_bytes: usize::MAX,
            max_depth: 64,
        },
    )
    .map_err(|e| Failure::new(pmh_status::PMH_JSON_ERROR, e.code()))
}

/// Opens and reports `{"kid", "alg", "envelope"}` as JSON text.
fn open_json(
    trust: &TrustStore,
    guard: Option<&ReplayGuard>,
    receiver: Option<&ParticipantId>,
    envelope: &[u8],
    allow_unknown_types: bool,
    now: Option<chrono::DateTime<chrono::Utc>>,
) -> FfiResult<String> {
    let options = OpenOptions {
        now,
        receiver,
        replay_guard: guard,
        allow_unknown_types,
        ..OpenOptions::default()
    };
    let verified = envelope::open(envelope, trust, &options).map_err(|e| {
        let status = match e {
            OpenError::Replayed => pmh_status::PMH_ENVELOPE_REPLAYED,
            _ => pmh_status::PMH_ENVELOPE_REJECTED,
        };
        Failure::new(status, e.code())
    })?;
    Ok(json!({
        "kid": verified.kid(),
        "alg": verified.algorithm().as_str(),
        "envelope": verified.to_json_value(),
    })
    .to_string())
}

const BAD_TIME: Failure = Failure::new(
    pmh_status::PMH_INVALID_ARGUMENT,
    "a timestamp is not RFC 3339 with an offset (e.g. 2024-05-01T09:00:00+09:00)",
);

fn timestamp(text: &str) -> FfiResult<chrono::DateTime<chrono::FixedOffset>> {
    chrono::DateTime::parse_from_rfc3339(text).map_err(|_| BAD_TIME)
}

/// `pmh_envelope_open` as of the time `now` (RFC 3339 with offset, e.g.
/// `2024-05-01T09:30:00+09:00`) instead of the system clock: for replaying
/// archives, for tests and for conformance vectors. `receiver` may be NULL
/// (with any `receiver_len`) to skip the receiver check; `guard` may be NULL.
///
/// Output and errors as `pmh_envelope_open`, plus `PMH_INVALID_ARGUMENT`
/// when `now` is not an RFC 3339 timestamp. Thread-safe.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // (pointer, length) pairs
pub extern "C" fn pmh_envelope_open_at(
    trust: *const pmh_trust_store,
    guard: *const pmh_replay_guard,
    receiver: *const u8,
    receiver_len: usize,
    envelope: *const u8,
    len: usize,
    now: *const u8,
    now_len: usize,
    flags: u32,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let trust = handle_ref!(trust)?;
        let guard = crate::ffi::optional_handle(guard);
        let receiver = if receiver.is_null() {
            None
        } else {
            Some(input_str!(receiver, receiver_len)?)
        };
        let envelope = input_bytes!(envelope, len)?;
        let now = input_str!(now, now_len)?;
        let allow_unknown_types = self::flags(flags)?;
        let out = out_string!(out_json, out_len)?;
        let receiver = receiver.map(participant).transpose()?;
        let now = timestamp(now)?.with_timezone(&chrono::Utc);
        out.write(open_json(
            &trust.0,
            guard.map(|g| &g.0),
            receiver.as_ref(),
            envelope,
            allow_unknown_types,
            Some(now),
        )?)
    })
}

/// `pmh_envelope_seal` with explicit routing metadata: the message `id` (a
/// UUID v4) and the `issued_at` / `expires_at` timestamps (RFC 3339 with
/// offset). Ed25519 signatures are deterministic, so the same key and inputs
/// always give the same bytes: for tests, conformance vectors and re-sending
/// a message unchanged.
///
/// Output and errors as `pmh_envelope_seal`, plus `PMH_INVALID_ARGUMENT`
/// when `id` is not a UUID or a timestamp is not RFC 3339. Thread-safe.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // (pointer, length) pairs
pub extern "C" fn pmh_envelope_seal_draft(
    key: *const pmh_signing_key,
    id: *const u8,
    id_len: usize,
    message_type: *const u8,
    message_type_len: usize,
    from: *const u8,
    from_len: usize,
    to: *const u8,
    to_len: usize,
    issued_at: *const u8,
    issued_at_len: usize,
    expires_at: *const u8,
    expires_at_len: usize,
    payload: *const u8,
    payload_len: usize,
    flags: u32,
    out_json: *mut *mut c_char,
    out_len: *mut usize,
) -> pmh_status {
    boundary(|| {
        let key = handle_ref!(key)?;
        let id = input_str!(id, id_len)?;
        let message_type = input_str!(message_type, message_type_len)?;
        let from = input_str!(from, from_len)?;
        let to = input_str!(to, to_len)?;
        let issued_at = input_str!(issued_at, issued_at_len)?;
        let expires_at = input_str!(expires_at, expires_at_len)?;
        let payload = input_bytes!(payload, payload_len)?;
        let allow_unknown_types = self::flags(flags)?;
        let out = out_string!(out_json, out_len)?;
        let draft = envelope::Draft {
            id: id.parse().map_err(|_| {
                Failure::new(pmh_status::PMH_INVALID_ARGUMENT, "`id` is not a UUID")
            })?,
            message_type: message_type.to_owned(),
            from: participant(from)?,
            to: participant(to)?,
            issued_at: timestamp(issued_at)?,
            expires_at: timestamp(expires_at)?,
        };
        out.write(seal_json(&key.0, &draft, payload, allow_unknown_types)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    #[test]
    fn flags_and_algorithms() {
        assert_eq!(flags(0), Ok(false));
        assert_eq!(flags(PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES), Ok(true));
        assert_eq!(flags(2), Err(BAD_FLAGS));
        assert!(algorithm(0).is_err());
    }

    #[test]
    fn generate_and_free() {
        let mut key: *mut pmh_signing_key = ptr::null_mut();
        assert_eq!(
            pmh_signing_key_generate(PMH_ALGORITHM_EDDSA, &mut key),
            pmh_status::PMH_OK
        );
        assert!(!key.is_null());
        let mut kid: *mut c_char = ptr::null_mut();
        let mut n = 0;
        assert_eq!(
            pmh_signing_key_kid(key, &mut kid, &mut n),
            pmh_status::PMH_OK
        );
        assert_eq!(n, 43);
        crate::string::pmh_string_free(kid);
        pmh_signing_key_free(key);
        pmh_signing_key_free(ptr::null_mut());
    }
}

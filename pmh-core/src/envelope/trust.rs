//! The trust store (信頼ストア): participants, their keys, and what they may send.
//!
//! JSON form (members outside this list are rejected, so a misspelt
//! `revokedAt` can never silently leave a key trusted):
//!
//! ```json
//! {"participants": [
//!   {"id": "municipality:131016", "name": "千代田区",
//!    "types": ["subsidy.certificate.register"],
//!    "keys": [{"kid": "<RFC 7638 thumbprint>", "alg": "EdDSA",
//!              "jwk": {"kty": "OKP", "crv": "Ed25519", "x": "..."},
//!              "notBefore": "2025-04-01T00:00:00+09:00", "notAfter": "2026-04-01T00:00:00+09:00",
//!              "revokedAt": "2025-10-01T00:00:00+09:00"}]}]}
//! ```
//!
//! `name`, `types` and `revokedAt` are optional. Without `types` a participant
//! may send every type. Key rotation = several keys with overlapping validity.

use super::{
    format_timestamp, is_valid_message_type, parse_timestamp, Algorithm, Jwk, ParticipantId,
    PublicKey,
};
use crate::canon::{parse_strict, Limits};
use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Why a trust store (or a key for it) was rejected. Messages name the field,
/// never its value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TrustError {
    /// The file is not strict JSON; carries the `json.*` code.
    #[error("trust store is not strict JSON ({0})")]
    Json(&'static str),
    /// A member is missing, unknown or of the wrong type; the text says which.
    #[error("trust store structure: {0}")]
    Structure(&'static str),
    /// A participant id is invalid; carries the participant error code.
    #[error("invalid participant id ({0})")]
    Participant(&'static str),
    /// A JWK is invalid or unsupported; carries the key error code.
    #[error("invalid key ({0})")]
    Jwk(&'static str),
    /// A key's `kid` is not the RFC 7638 thumbprint of its `jwk`.
    #[error("kid is not the RFC 7638 thumbprint of the jwk")]
    KidMismatch,
    /// A key's `alg` does not match its `jwk` type and curve.
    #[error("alg does not match the jwk key type and curve")]
    AlgMismatch,
    /// The same kid appears twice, or under another participant.
    #[error("the same kid appears twice")]
    DuplicateKid,
    /// The same participant appears twice.
    #[error("the same participant appears twice")]
    DuplicateParticipant,
    /// `notAfter` is not after `notBefore`.
    #[error("notAfter must be after notBefore")]
    Validity,
    /// No key with that kid.
    #[error("no key with this kid")]
    UnknownKid,
}

impl TrustError {
    /// Stable machine-readable code (`trust.*`).
    pub const fn code(&self) -> &'static str {
        match self {
            TrustError::Json(_) => "trust.json",
            TrustError::Structure(_) => "trust.structure",
            TrustError::Participant(_) => "trust.participant",
            TrustError::Jwk(_) => "trust.jwk",
            TrustError::KidMismatch => "trust.kid_mismatch",
            TrustError::AlgMismatch => "trust.alg_mismatch",
            TrustError::DuplicateKid => "trust.duplicate_kid",
            TrustError::DuplicateParticipant => "trust.duplicate_participant",
            TrustError::Validity => "trust.validity",
            TrustError::UnknownKid => "trust.unknown_kid",
        }
    }
}

/// A trusted public key with its validity window.
///
/// ```
/// use chrono::DateTime;
/// use pmh_core::envelope::{Algorithm, Jwk, TrustedKey};
///
/// let jwk = Jwk::from_json(br#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#).unwrap();
/// let nb = DateTime::parse_from_rfc3339("2025-04-01T00:00:00+09:00").unwrap();
/// let na = DateTime::parse_from_rfc3339("2026-04-01T00:00:00+09:00").unwrap();
/// let key = TrustedKey::new(jwk, nb, na).unwrap();
/// assert_eq!(key.kid(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
/// assert_eq!(key.algorithm(), Algorithm::EdDSA);
/// assert!(key.revoked_at().is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TrustedKey {
    kid: String,
    jwk: Jwk,
    public: PublicKey,
    not_before: DateTime<FixedOffset>,
    not_after: DateTime<FixedOffset>,
    revoked_at: Option<DateTime<FixedOffset>>,
}

impl TrustedKey {
    /// A key valid from `not_before` (inclusive) to `not_after` (exclusive);
    /// kid and algorithm are derived from the JWK.
    pub fn new(
        jwk: Jwk,
        not_before: DateTime<FixedOffset>,
        not_after: DateTime<FixedOffset>,
    ) -> Result<TrustedKey, TrustError> {
        let public = PublicKey::from_jwk(&jwk).map_err(|e| TrustError::Jwk(e.code()))?;
        if not_after <= not_before {
            return Err(TrustError::Validity);
        }
        Ok(TrustedKey {
            kid: jwk.thumbprint(),
            jwk,
            public,
            not_before,
            not_after,
            revoked_at: None,
        })
    }

    /// The same key, revoked at `at` (see [`crate::envelope::open()`] for what that rejects).
    pub fn revoked(mut self, at: DateTime<FixedOffset>) -> TrustedKey {
        self.revoked_at = Some(at);
        self
    }

    /// RFC 7638 thumbprint of the JWK.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The algorithm the key is pinned to.
    pub fn algorithm(&self) -> Algorithm {
        self.public.algorithm()
    }

    /// The public JWK.
    pub fn jwk(&self) -> &Jwk {
        &self.jwk
    }

    /// The public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// Start of validity (inclusive).
    pub fn not_before(&self) -> DateTime<FixedOffset> {
        self.not_before
    }

    /// End of validity (exclusive).
    pub fn not_after(&self) -> DateTime<FixedOffset> {
        self.not_after
    }

    /// When the key was revoked, if it was.
    pub fn revoked_at(&self) -> Option<DateTime<FixedOffset>> {
        self.revoked_at
    }

    fn from_value(v: &Value) -> Result<TrustedKey, TrustError> {
        let obj = object(v, "a key must be an object")?;
        only_members(
            obj,
            &["kid", "alg", "jwk", "notBefore", "notAfter", "revokedAt"],
            "unknown member in a key",
        )?;
        let kid = string(obj, "kid", "key \"kid\" must be a string")?;
        let alg = string(obj, "alg", "key \"alg\" must be a string")?;
        let jwk_value = obj
            .get("jwk")
            .ok_or(TrustError::Structure("key \"jwk\" is missing"))?;
        let jwk = Jwk::from_value(jwk_value).map_err(|e| TrustError::Jwk(e.code()))?;
        let not_before = timestamp(obj, "notBefore")?
            .ok_or(TrustError::Structure("key \"notBefore\" is missing"))?;
        let not_after = timestamp(obj, "notAfter")?
            .ok_or(TrustError::Structure("key \"notAfter\" is missing"))?;
        let revoked_at = timestamp(obj, "revokedAt")?;
        let alg = Algorithm::from_jose(alg).ok_or(TrustError::AlgMismatch)?;
        if jwk.algorithm() != Some(alg) {
            return Err(TrustError::AlgMismatch);
        }
        let mut key = TrustedKey::new(jwk, not_before, not_after)?;
        if key.kid != kid {
            return Err(TrustError::KidMismatch);
        }
        key.revoked_at = revoked_at;
        Ok(key)
    }

    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("kid".into(), self.kid.clone().into());
        m.insert("alg".into(), self.algorithm().as_str().into());
        m.insert("jwk".into(), self.jwk.to_value());
        m.insert(
            "notBefore".into(),
            format_timestamp(&self.not_before).into(),
        );
        m.insert("notAfter".into(), format_timestamp(&self.not_after).into());
        if let Some(r) = &self.revoked_at {
            m.insert("revokedAt".into(), format_timestamp(r).into());
        }
        Value::Object(m)
    }
}

/// A participant of the trust store: its keys and, optionally, the message
/// types it may send.
///
/// ```
/// use pmh_core::envelope::{ParticipantId, TrustStore};
///
/// let mut store = TrustStore::new();
/// let sender = ParticipantId::parse("hub:sender").unwrap();
/// store.allow_types(&sender, ["test.ping"]).unwrap();
/// let p = store.participant(&sender).unwrap();
/// assert!(p.may_send("test.ping"));
/// assert!(!p.may_send("test.other"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TrustedParticipant {
    id: ParticipantId,
    name: Option<String>,
    types: Option<Vec<String>>,
    keys: Vec<TrustedKey>,
}

impl TrustedParticipant {
    /// The participant id.
    pub fn id(&self) -> &ParticipantId {
        &self.id
    }

    /// Display name, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The message types it may send; `None` = no restriction.
    pub fn types(&self) -> Option<&[String]> {
        self.types.as_deref()
    }

    /// Its keys.
    pub fn keys(&self) -> &[TrustedKey] {
        &self.keys
    }

    /// Whether it may send `message_type`.
    pub fn may_send(&self, message_type: &str) -> bool {
        match &self.types {
            None => true,
            Some(types) => types.iter().any(|t| t == message_type),
        }
    }

    fn from_value(v: &Value) -> Result<TrustedParticipant, TrustError> {
        let obj = object(v, "a participant must be an object")?;
        only_members(
            obj,
            &["id", "name", "types", "keys"],
            "unknown member in a participant",
        )?;
        let id = ParticipantId::parse(string(obj, "id", "participant \"id\" must be a string")?)
            .map_err(|e| TrustError::Participant(e.code()))?;
        let name = match obj.get("name") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                return Err(TrustError::Structure(
                    "participant \"name\" must be a string",
                ))
            }
        };
        let types = match obj.get("types") {
            None => None,
            Some(Value::Array(items)) => {
                let mut types = Vec::with_capacity(items.len());
                for t in items {
                    match t.as_str() {
                        Some(t) if is_valid_message_type(t) => types.push(t.to_owned()),
                        _ => {
                            return Err(TrustError::Structure(
                                "\"types\" must hold valid message types",
                            ))
                        }
                    }
                }
                Some(types)
            }
            Some(_) => {
                return Err(TrustError::Structure(
                    "participant \"types\" must be an array",
                ))
            }
        };
        let keys = match obj.get("keys") {
            Some(Value::Array(items)) => items
                .iter()
                .map(TrustedKey::from_value)
                .collect::<Result<Vec<_>, _>>()?,
            _ => {
                return Err(TrustError::Structure(
                    "participant \"keys\" must be an array",
                ))
            }
        };
        Ok(TrustedParticipant {
            id,
            name,
            types,
            keys,
        })
    }

    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), self.id.as_str().into());
        if let Some(n) = &self.name {
            m.insert("name".into(), n.clone().into());
        }
        if let Some(t) = &self.types {
            m.insert("types".into(), t.clone().into());
        }
        m.insert(
            "keys".into(),
            Value::Array(self.keys.iter().map(TrustedKey::to_value).collect()),
        );
        Value::Object(m)
    }
}

/// The keys a receiver trusts, by participant.
///
/// Loading checks that every `kid` is the RFC 7638 thumbprint of its `jwk` and
/// that `alg` matches the key type. A kid is looked up as an opaque map key
/// (never a path or URL) and is unique across the whole store.
///
/// ```
/// use chrono::{Duration, Utc};
/// use pmh_core::envelope::{Algorithm, ParticipantId, SigningKey, TrustStore, TrustedKey};
///
/// let key = SigningKey::generate(Algorithm::EdDSA).unwrap();
/// let who = ParticipantId::parse("municipality:131016").unwrap();
/// let now = Utc::now().fixed_offset();
/// let mut store = TrustStore::new();
/// store.add_key(&who, TrustedKey::new(key.public_key().to_jwk(), now, now + Duration::days(365)).unwrap()).unwrap();
///
/// let json = store.to_json_pretty();
/// let loaded = TrustStore::from_json(json.as_bytes()).unwrap();
/// let (participant, trusted) = loaded.key(key.kid()).unwrap();
/// assert_eq!(participant.id(), &who);
/// assert_eq!(trusted.algorithm(), Algorithm::EdDSA);
/// assert!(loaded.key("../../etc/passwd").is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrustStore {
    participants: Vec<TrustedParticipant>,
    by_kid: HashMap<String, (usize, usize)>,
}

impl TrustStore {
    /// An empty store.
    pub fn new() -> TrustStore {
        TrustStore::default()
    }

    /// Loads the JSON form (strict JSON, at most 16 MiB).
    pub fn from_json(bytes: &[u8]) -> Result<TrustStore, TrustError> {
        let limits = Limits {
            max_bytes: 16 * 1024 * 1024,
            max_depth: 16,
        };
        let value = parse_strict(bytes, &limits).map_err(|e| TrustError::Json(e.code()))?;
        TrustStore::from_value(&value)
    }

    /// Loads the JSON form from a parsed value.
    pub fn from_value(value: &Value) -> Result<TrustStore, TrustError> {
        let obj = object(value, "the trust store must be an object")?;
        only_members(obj, &["participants"], "unknown top-level member")?;
        let items = match obj.get("participants") {
            Some(Value::Array(items)) => items,
            _ => return Err(TrustError::Structure("\"participants\" must be an array")),
        };
        let mut store = TrustStore::new();
        for item in items {
            let p = TrustedParticipant::from_value(item)?;
            if store.participant(&p.id).is_some() {
                return Err(TrustError::DuplicateParticipant);
            }
            store.participants.push(p);
        }
        store.reindex()?;
        Ok(store)
    }

    /// The JSON form as a value.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert(
            "participants".into(),
            Value::Array(
                self.participants
                    .iter()
                    .map(TrustedParticipant::to_value)
                    .collect(),
            ),
        );
        Value::Object(m)
    }

    /// The JSON form, pretty-printed (what `pmh trust add` writes).
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }

    /// The key with this kid and the participant it belongs to.
    pub fn key(&self, kid: &str) -> Option<(&TrustedParticipant, &TrustedKey)> {
        let &(p, k) = self.by_kid.get(kid)?;
        let participant = self.participants.get(p)?;
        Some((participant, participant.keys.get(k)?))
    }

    /// The participant with this id.
    pub fn participant(&self, id: &ParticipantId) -> Option<&TrustedParticipant> {
        self.participants.iter().find(|p| &p.id == id)
    }

    /// All participants, in file order.
    pub fn participants(&self) -> &[TrustedParticipant] {
        &self.participants
    }

    /// Adds `key` to `participant` (creating the participant). A key with the
    /// same kid already held by that participant is replaced (new validity);
    /// one held by another participant is an error.
    pub fn add_key(
        &mut self,
        participant: &ParticipantId,
        key: TrustedKey,
    ) -> Result<(), TrustError> {
        if let Some((owner, _)) = self.key(&key.kid) {
            if &owner.id != participant {
                return Err(TrustError::DuplicateKid);
            }
        }
        let index = self.ensure_participant(participant);
        let keys = &mut self.participants[index].keys;
        match keys.iter_mut().find(|k| k.kid == key.kid) {
            Some(existing) => *existing = key,
            None => keys.push(key),
        }
        self.reindex()
    }

    /// Restricts `participant` (creating it) to sending the given types, in
    /// addition to those already allowed.
    pub fn allow_types<'t>(
        &mut self,
        participant: &ParticipantId,
        types: impl IntoIterator<Item = &'t str>,
    ) -> Result<(), TrustError> {
        let types: Vec<&str> = types.into_iter().collect();
        if types.iter().any(|t| !is_valid_message_type(t)) {
            return Err(TrustError::Structure(
                "\"types\" must hold valid message types",
            ));
        }
        let index = self.ensure_participant(participant);
        let allowed = self.participants[index].types.get_or_insert_with(Vec::new);
        for t in types {
            if !allowed.iter().any(|a| a == t) {
                allowed.push(t.to_owned());
            }
        }
        Ok(())
    }

    /// Marks the key `kid` as revoked at `at`.
    pub fn revoke(&mut self, kid: &str, at: DateTime<FixedOffset>) -> Result<(), TrustError> {
        let &(p, k) = self.by_kid.get(kid).ok_or(TrustError::UnknownKid)?;
        self.participants[p].keys[k].revoked_at = Some(at);
        Ok(())
    }

    fn ensure_participant(&mut self, id: &ParticipantId) -> usize {
        match self.participants.iter().position(|p| &p.id == id) {
            Some(i) => i,
            None => {
                self.participants.push(TrustedParticipant {
                    id: id.clone(),
                    name: None,
                    types: None,
                    keys: Vec::new(),
                });
                self.participants.len() - 1
            }
        }
    }

    fn reindex(&mut self) -> Result<(), TrustError> {
        let mut by_kid = HashMap::new();
        for (p, participant) in self.participants.iter().enumerate() {
            for (k, key) in participant.keys.iter().enumerate() {
                if by_kid.insert(key.kid.clone(), (p, k)).is_some() {
                    return Err(TrustError::DuplicateKid);
                }
            }
        }
        self.by_kid = by_kid;
        Ok(())
    }
}

fn object<'a>(v: &'a Value, why: &'static str) -> Result<&'a Map<String, Value>, TrustError> {
    v.as_object().ok_or(TrustError::Structure(why))
}

fn only_members(
    obj: &Map<String, Value>,
    allowed: &[&str],
    why: &'static str,
) -> Result<(), TrustError> {
    if obj.keys().all(|k| allowed.contains(&k.as_str())) {
        Ok(())
    } else {
        Err(TrustError::Structure(why))
    }
}

fn string<'a>(
    obj: &'a Map<String, Value>,
    name: &str,
    why: &'static str,
) -> Result<&'a str, TrustError> {
    obj.get(name)
        .and_then(Value::as_str)
        .ok_or(TrustError::Structure(why))
}

fn timestamp(
    obj: &Map<String, Value>,
    name: &str,
) -> Result<Option<DateTime<FixedOffset>>, TrustError> {
    match obj.get(name) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .and_then(parse_timestamp)
            .map(Some)
            .ok_or(TrustError::Structure(
                "key timestamps must be RFC 3339 with an offset",
            )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::SigningKey;
    use serde_json::json;

    fn key_json(key: &SigningKey) -> Value {
        json!({
            "kid": key.kid(), "alg": key.algorithm().as_str(), "jwk": key.public_key().to_jwk().to_value(),
            "notBefore": "2025-01-01T00:00:00Z", "notAfter": "2026-01-01T00:00:00+09:00"
        })
    }

    fn store_json(keys: Vec<Value>) -> Vec<u8> {
        json!({"participants": [{"id": "hub:a", "keys": keys}]})
            .to_string()
            .into_bytes()
    }

    fn err(bytes: &[u8]) -> &'static str {
        TrustStore::from_json(bytes).unwrap_err().code()
    }

    #[test]
    fn load_round_trip_and_checks() {
        let ed = SigningKey::generate(Algorithm::EdDSA).unwrap();
        let ec = SigningKey::generate(Algorithm::ES256).unwrap();
        let ok = store_json(vec![key_json(&ed), key_json(&ec)]);
        let store = TrustStore::from_json(&ok).unwrap();
        assert_eq!(store.key(ec.kid()).unwrap().1.algorithm(), Algorithm::ES256);
        let again = TrustStore::from_json(store.to_json_pretty().as_bytes()).unwrap();
        assert_eq!(again, store);

        let mut bad = key_json(&ed);
        bad["kid"] = json!(ec.kid());
        assert_eq!(err(&store_json(vec![bad])), "trust.kid_mismatch");

        let mut bad = key_json(&ed);
        bad["alg"] = json!("ES256");
        assert_eq!(err(&store_json(vec![bad])), "trust.alg_mismatch");
        let mut bad = key_json(&ed);
        bad["alg"] = json!("none");
        assert_eq!(err(&store_json(vec![bad])), "trust.alg_mismatch");

        assert_eq!(
            err(&store_json(vec![key_json(&ed), key_json(&ed)])),
            "trust.duplicate_kid"
        );

        let mut bad = key_json(&ed);
        bad["revoked_at"] = json!("2025-06-01T00:00:00Z");
        assert_eq!(err(&store_json(vec![bad])), "trust.structure");

        let mut bad = key_json(&ed);
        bad["notAfter"] = json!("2025-01-01T00:00:00");
        assert_eq!(err(&store_json(vec![bad])), "trust.structure");

        let mut bad = key_json(&ed);
        bad["notAfter"] = json!("2024-01-01T00:00:00Z");
        assert_eq!(err(&store_json(vec![bad])), "trust.validity");

        let mut bad = key_json(&ed);
        bad["jwk"]["d"] = json!("AAAA");
        assert_eq!(err(&store_json(vec![bad])), "trust.jwk");

        assert_eq!(
            err(br#"{"participants":[],"participants":[]}"#),
            "trust.json"
        );
        assert_eq!(
            err(br#"{"participants":[{"id":"nope","keys":[]}]}"#),
            "trust.participant"
        );
        assert_eq!(
            err(br#"{"participants":[{"id":"hub:a","keys":[]},{"id":"hub:a","keys":[]}]}"#),
            "trust.duplicate_participant"
        );
        assert_eq!(
            err(br#"{"participants":[{"id":"hub:a","keys":[],"types":["Bad"]}]}"#),
            "trust.structure"
        );
    }

    #[test]
    fn add_key_replaces_or_refuses() {
        let ed = SigningKey::generate(Algorithm::EdDSA).unwrap();
        let a = ParticipantId::parse("hub:a").unwrap();
        let b = ParticipantId::parse("hub:b").unwrap();
        let t0 = DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z").unwrap();
        let t1 = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap();
        let t2 = DateTime::parse_from_rfc3339("2027-01-01T00:00:00Z").unwrap();
        let mut store = TrustStore::new();
        store
            .add_key(
                &a,
                TrustedKey::new(ed.public_key().to_jwk(), t0, t1).unwrap(),
            )
            .unwrap();
        store
            .add_key(
                &a,
                TrustedKey::new(ed.public_key().to_jwk(), t0, t2).unwrap(),
            )
            .unwrap();
        assert_eq!(store.participant(&a).unwrap().keys().len(), 1);
        assert_eq!(store.key(ed.kid()).unwrap().1.not_after(), t2);
        let e = store
            .add_key(
                &b,
                TrustedKey::new(ed.public_key().to_jwk(), t0, t1).unwrap(),
            )
            .unwrap_err();
        assert_eq!(e.code(), "trust.duplicate_kid");
        store.revoke(ed.kid(), t1).unwrap();
        assert_eq!(store.key(ed.kid()).unwrap().1.revoked_at(), Some(t1));
        assert_eq!(
            store.revoke("nope", t1).unwrap_err().code(),
            "trust.unknown_kid"
        );
        assert!(TrustedKey::new(ed.public_key().to_jwk(), t1, t0).is_err());
    }
}

//! JSON Web Keys (RFC 7517, RFC 8037 OKP) and JWK thumbprints (RFC 7638).

use super::{b64d, b64e, Algorithm, KeyError};
use crate::canon::{parse_strict, Limits};
use ring::digest::{digest, SHA256};
use serde_json::{Map, Value};

/// A public JSON Web Key, reduced to the members its thumbprint covers.
///
/// Other members (`kid`, `use`, `key_ops`, …) are ignored when reading, except
/// `alg`, which must agree with the key type, and `d`, which is refused: a
/// private key never belongs in a JWK that is shared or stored in a trust store.
/// RSA keys can be read and thumbprinted (RFC 7638 §3.1) but never verify
/// envelopes.
///
/// ```
/// use pmh_core::envelope::{Algorithm, Jwk};
///
/// let jwk = Jwk::from_json(br#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","use":"sig"}"#)
///     .unwrap();
/// assert_eq!(jwk.algorithm(), Some(Algorithm::EdDSA));
/// assert_eq!(
///     jwk.thumbprint_input(),
///     r#"{"crv":"Ed25519","kty":"OKP","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
/// );
/// assert_eq!(jwk.thumbprint(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Jwk {
    /// Octet key pair (RFC 8037), e.g. `Ed25519`.
    Okp {
        /// Curve name.
        crv: String,
        /// Public key, base64url.
        x: String,
    },
    /// Elliptic-curve key (RFC 7518 §6.2), e.g. `P-256`.
    Ec {
        /// Curve name.
        crv: String,
        /// X coordinate, base64url.
        x: String,
        /// Y coordinate, base64url.
        y: String,
    },
    /// RSA public key (RFC 7518 §6.3); thumbprints only.
    Rsa {
        /// Modulus, base64url.
        n: String,
        /// Public exponent, base64url.
        e: String,
    },
}

impl Jwk {
    /// Reads a JWK from JSON text (strict: no duplicate members).
    pub fn from_json(bytes: &[u8]) -> Result<Jwk, KeyError> {
        let limits = Limits {
            max_bytes: 64 * 1024,
            max_depth: 8,
        };
        let value = parse_strict(bytes, &limits).map_err(|_| KeyError::Jwk("not strict JSON"))?;
        Jwk::from_value(&value)
    }

    /// Reads a JWK from a JSON value.
    pub fn from_value(value: &Value) -> Result<Jwk, KeyError> {
        let obj = value
            .as_object()
            .ok_or(KeyError::Jwk("not a JSON object"))?;
        if obj.contains_key("d") {
            return Err(KeyError::PrivateJwk);
        }
        let jwk = match member(obj, "kty", "\"kty\" must be a string")? {
            "OKP" => Jwk::Okp {
                crv: member(obj, "crv", "\"crv\" must be a string")?.to_owned(),
                x: b64_member(obj, "x")?,
            },
            "EC" => Jwk::Ec {
                crv: member(obj, "crv", "\"crv\" must be a string")?.to_owned(),
                x: b64_member(obj, "x")?,
                y: b64_member(obj, "y")?,
            },
            "RSA" => Jwk::Rsa {
                n: b64_member(obj, "n")?,
                e: b64_member(obj, "e")?,
            },
            _ => return Err(KeyError::UnsupportedKey),
        };
        if let Some(alg) = obj.get("alg") {
            let alg = alg
                .as_str()
                .ok_or(KeyError::Jwk("\"alg\" must be a string"))?;
            if let Some(expected) = jwk.algorithm() {
                if alg != expected.as_str() {
                    return Err(KeyError::Jwk(
                        "\"alg\" does not match the key type and curve",
                    ));
                }
            }
        }
        Ok(jwk)
    }

    /// The JWK as a JSON object (`kty` first, then the key members).
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        match self {
            Jwk::Okp { crv, x } => {
                m.insert("kty".into(), "OKP".into());
                m.insert("crv".into(), crv.as_str().into());
                m.insert("x".into(), x.as_str().into());
            }
            Jwk::Ec { crv, x, y } => {
                m.insert("kty".into(), "EC".into());
                m.insert("crv".into(), crv.as_str().into());
                m.insert("x".into(), x.as_str().into());
                m.insert("y".into(), y.as_str().into());
            }
            Jwk::Rsa { n, e } => {
                m.insert("kty".into(), "RSA".into());
                m.insert("n".into(), n.as_str().into());
                m.insert("e".into(), e.as_str().into());
            }
        }
        Value::Object(m)
    }

    /// The envelope algorithm this key is for, if any: `OKP`/`Ed25519` → `EdDSA`,
    /// `EC`/`P-256` → `ES256`; `None` for every other key.
    pub fn algorithm(&self) -> Option<Algorithm> {
        match self {
            Jwk::Okp { crv, .. } if crv == "Ed25519" => Some(Algorithm::EdDSA),
            Jwk::Ec { crv, .. } if crv == "P-256" => Some(Algorithm::ES256),
            _ => None,
        }
    }

    /// The JSON text hashed by RFC 7638: required members only, sorted, no whitespace.
    pub fn thumbprint_input(&self) -> String {
        // Member names are fixed ASCII already in lexicographic order; values
        // go through serde_json so any escaping matches JSON (and JCS).
        let s = |v: &str| Value::from(v).to_string();
        match self {
            Jwk::Okp { crv, x } => format!(r#"{{"crv":{},"kty":"OKP","x":{}}}"#, s(crv), s(x)),
            Jwk::Ec { crv, x, y } => {
                format!(
                    r#"{{"crv":{},"kty":"EC","x":{},"y":{}}}"#,
                    s(crv),
                    s(x),
                    s(y)
                )
            }
            Jwk::Rsa { n, e } => format!(r#"{{"e":{},"kty":"RSA","n":{}}}"#, s(e), s(n)),
        }
    }

    /// The RFC 7638 thumbprint: base64url(SHA-256(thumbprint input)).
    pub fn thumbprint(&self) -> String {
        b64e(digest(&SHA256, self.thumbprint_input().as_bytes()).as_ref())
    }
}

fn member<'a>(
    obj: &'a Map<String, Value>,
    name: &str,
    why: &'static str,
) -> Result<&'a str, KeyError> {
    obj.get(name)
        .and_then(Value::as_str)
        .ok_or(KeyError::Jwk(why))
}

fn b64_member(obj: &Map<String, Value>, name: &str) -> Result<String, KeyError> {
    let text = member(obj, name, "a key member is missing or not a string")?;
    // Canonical base64url only, so the thumbprint is that of the decoded key.
    match b64d(text) {
        Some(bytes) if !bytes.is_empty() => Ok(text.to_owned()),
        _ => Err(KeyError::Jwk("a key member is not unpadded base64url")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rfc7638_section_3_1_rsa_thumbprint() {
        // RFC 7638 §3.1. The thumbprint comes from tech.md; the modulus is not in
        // tech.md and was taken from RFC 7638 §3.1 as quoted identically by several
        // independent public test suites. The SHA-256 match below is the check.
        let jwk = Jwk::from_value(&json!({
            "kty": "RSA",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            "e": "AQAB",
            "alg": "RS256",
            "kid": "2011-04-29"
        }))
        .unwrap();
        assert_eq!(
            jwk.thumbprint(),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
        assert_eq!(jwk.algorithm(), None);
        assert_eq!(
            crate::envelope::PublicKey::from_jwk(&jwk)
                .unwrap_err()
                .code(),
            "key.unsupported_key"
        );
    }

    #[test]
    fn rfc8037_a3_thumbprint() {
        let jwk = Jwk::from_value(&json!({
            "kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
        }))
        .unwrap();
        assert_eq!(
            jwk.thumbprint(),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }

    #[test]
    fn rejections() {
        let code = |v: Value| Jwk::from_value(&v).unwrap_err().code();
        assert_eq!(code(json!("x")), "key.jwk");
        assert_eq!(code(json!({"crv": "Ed25519", "x": "AAAA"})), "key.jwk");
        assert_eq!(
            code(json!({"kty": "oct", "k": "AAAA"})),
            "key.unsupported_key"
        );
        assert_eq!(
            code(json!({"kty": "OKP", "crv": "Ed25519", "x": "AAAA", "d": "AAAA"})),
            "key.private_jwk"
        );
        assert_eq!(
            code(json!({"kty": "OKP", "crv": "Ed25519", "x": "AA=="})),
            "key.jwk"
        );
        assert_eq!(
            code(json!({"kty": "OKP", "crv": "Ed25519", "x": "A+/A"})),
            "key.jwk"
        );
        assert_eq!(
            code(json!({"kty": "OKP", "crv": "Ed25519", "x": "AAAA", "alg": "ES256"})),
            "key.jwk"
        );
        assert_eq!(
            code(json!({"kty": "EC", "crv": "P-256", "x": "AAAA"})),
            "key.jwk"
        );
        assert!(
            Jwk::from_json(br#"{"kty":"OKP","kty":"OKP","crv":"Ed25519","x":"AAAA"}"#).is_err()
        );
        let short = Jwk::from_value(&json!({"kty": "OKP", "crv": "Ed25519", "x": "AAAA"})).unwrap();
        assert_eq!(
            crate::envelope::PublicKey::from_jwk(&short)
                .unwrap_err()
                .code(),
            "key.jwk"
        );
        let x448 = Jwk::from_value(&json!({"kty": "OKP", "crv": "Ed448", "x": "AAAA"})).unwrap();
        assert_eq!(
            crate::envelope::PublicKey::from_jwk(&x448)
                .unwrap_err()
                .code(),
            "key.unsupported_key"
        );
    }

    #[test]
    fn ec_round_trip() {
        let key = crate::envelope::SigningKey::generate(Algorithm::ES256).unwrap();
        let jwk = key.public_key().to_jwk();
        let v = jwk.to_value();
        assert_eq!(v["kty"], "EC");
        assert_eq!(v["crv"], "P-256");
        let back = Jwk::from_value(&v).unwrap();
        assert_eq!(back, jwk);
        assert_eq!(
            crate::envelope::PublicKey::from_jwk(&back).unwrap(),
            *key.public_key()
        );
        assert_eq!(back.thumbprint(), key.kid());
    }
}

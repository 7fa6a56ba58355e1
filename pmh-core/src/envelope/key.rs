//! Signing keys (private, PKCS#8) and public keys, each pinned to one [`Algorithm`].

use super::{b64d, b64e, Jwk};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ring::rand::SystemRandom;
use ring::signature::{
    EcdsaKeyPair, Ed25519KeyPair, KeyPair as _, UnparsedPublicKey, ECDSA_P256_SHA256_FIXED,
    ECDSA_P256_SHA256_FIXED_SIGNING, ED25519,
};
use std::fmt;
use std::str::FromStr;

/// A JWS signature algorithm accepted in PMH envelopes.
///
/// A key is pinned to exactly one algorithm; the `alg` of a JWS header is only
/// ever compared with the key's algorithm, never used to pick one.
///
/// ```
/// use pmh_core::envelope::Algorithm;
/// assert_eq!("ES256".parse::<Algorithm>(), Ok(Algorithm::ES256));
/// assert_eq!(Algorithm::EdDSA.as_str(), "EdDSA");
/// assert!("none".parse::<Algorithm>().is_err());
/// assert!("eddsa".parse::<Algorithm>().is_err()); // names are case-sensitive
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(clippy::upper_case_acronyms)]
pub enum Algorithm {
    /// Ed25519 (RFC 8037 `EdDSA` with curve `Ed25519`); deterministic signatures.
    EdDSA,
    /// ECDSA on P-256 with SHA-256, signature as fixed-width `r‖s` (RFC 7518 §3.4).
    ES256,
}

impl Algorithm {
    /// The JOSE name (`"EdDSA"` or `"ES256"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::EdDSA => "EdDSA",
            Algorithm::ES256 => "ES256",
        }
    }

    /// The algorithm with this exact JOSE name.
    pub fn from_jose(name: &str) -> Option<Algorithm> {
        match name {
            "EdDSA" => Some(Algorithm::EdDSA),
            "ES256" => Some(Algorithm::ES256),
            _ => None,
        }
    }

    /// Length in bytes of a signature.
    pub const fn signature_len(self) -> usize {
        64
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Algorithm {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, KeyError> {
        Algorithm::from_jose(s).ok_or(KeyError::UnsupportedAlgorithm)
    }
}

/// Errors about keys and JWKs. Messages never contain key material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The algorithm is not `EdDSA` or `ES256`.
    #[error("unsupported algorithm (expected EdDSA or ES256)")]
    UnsupportedAlgorithm,
    /// The bytes are not an unencrypted PKCS#8 Ed25519 or P-256 private key.
    #[error("not an unencrypted PKCS#8 Ed25519 or P-256 private key")]
    Pkcs8,
    /// The text is not a PEM `PRIVATE KEY` block.
    #[error("not a PEM \"PRIVATE KEY\" block")]
    Pem,
    /// The JWK is malformed; the text says which member.
    #[error("invalid JWK: {0}")]
    Jwk(&'static str),
    /// The JWK holds a private key (`d`): only public keys belong there.
    #[error("the JWK contains private key material (\"d\")")]
    PrivateJwk,
    /// The key type or curve is not usable for signing envelopes (e.g. RSA).
    #[error("unsupported key type or curve (expected OKP/Ed25519 or EC/P-256)")]
    UnsupportedKey,
    /// The random number generator or the signing primitive failed.
    #[error("cryptographic operation failed")]
    Crypto,
}

impl KeyError {
    /// Stable machine-readable code.
    pub const fn code(&self) -> &'static str {
        match self {
            KeyError::UnsupportedAlgorithm => "key.unsupported_algorithm",
            KeyError::Pkcs8 => "key.pkcs8",
            KeyError::Pem => "key.pem",
            KeyError::Jwk(_) => "key.jwk",
            KeyError::PrivateJwk => "key.private_jwk",
            KeyError::UnsupportedKey => "key.unsupported_key",
            KeyError::Crypto => "key.crypto",
        }
    }
}

enum Pair {
    Ed25519(Ed25519KeyPair),
    Es256(EcdsaKeyPair),
}

/// A private signing key, pinned to its [`Algorithm`].
///
/// ring cannot export private keys, so the PKCS#8 document the key was
/// generated or loaded from is kept for [`SigningKey::pkcs8_der`] /
/// [`SigningKey::to_pkcs8_pem`]. `Debug` shows the algorithm and key id only.
///
/// ```
/// use pmh_core::envelope::{Algorithm, SigningKey};
///
/// let key = SigningKey::generate(Algorithm::EdDSA).unwrap();
/// let pem = key.to_pkcs8_pem();
/// assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
/// let again = SigningKey::from_pkcs8(pem.as_bytes()).unwrap();
/// assert_eq!(again.kid(), key.kid());
/// assert_eq!(again.algorithm(), Algorithm::EdDSA);
/// assert!(!format!("{key:?}").contains(&pem[30..40]));
/// ```
pub struct SigningKey {
    pair: Pair,
    pkcs8: Vec<u8>,
    public: PublicKey,
    kid: String,
    rng: SystemRandom,
}

impl SigningKey {
    /// Generates a new key with the system random generator.
    ///
    /// Ed25519 keys are kept as PKCS#8 v1 (RFC 8410 without the optional
    /// public key), the form OpenSSL writes: ring's own v2 output cannot be
    /// read by OpenSSL 3.0 or Python `cryptography`, and interop matters more
    /// than the embedded public key (which is recomputed on load anyway).
    pub fn generate(alg: Algorithm) -> Result<SigningKey, KeyError> {
        let rng = SystemRandom::new();
        let key = match alg {
            Algorithm::EdDSA => {
                let v2 = Ed25519KeyPair::generate_pkcs8(&rng).map_err(|_| KeyError::Crypto)?;
                let v1 = ed25519_v2_to_v1(v2.as_ref()).ok_or(KeyError::Crypto)?;
                let key = Self::from_pkcs8_der(&v1)?;
                let check =
                    Ed25519KeyPair::from_pkcs8(v2.as_ref()).map_err(|_| KeyError::Crypto)?;
                if check.public_key().as_ref() != key.public.as_bytes() {
                    return Err(KeyError::Crypto);
                }
                key
            }
            Algorithm::ES256 => {
                let doc = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
                    .map_err(|_| KeyError::Crypto)?;
                Self::from_pkcs8_der(doc.as_ref())?
            }
        };
        if key.algorithm() == alg {
            Ok(key)
        } else {
            Err(KeyError::Crypto)
        }
    }

    /// Loads an unencrypted PKCS#8 DER document; the algorithm comes from the
    /// document. Ed25519 accepts v2 (ring) and v1 (OpenSSL, Python `cryptography`).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<SigningKey, KeyError> {
        let rng = SystemRandom::new();
        let pair = if let Ok(p) = Ed25519KeyPair::from_pkcs8(der) {
            Pair::Ed25519(p)
        } else if let Ok(p) = Ed25519KeyPair::from_pkcs8_maybe_unchecked(der) {
            Pair::Ed25519(p)
        } else if let Ok(p) = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der, &rng)
        {
            Pair::Es256(p)
        } else {
            return Err(KeyError::Pkcs8);
        };
        let public = match &pair {
            Pair::Ed25519(p) => PublicKey::from_raw(Algorithm::EdDSA, p.public_key().as_ref())?,
            Pair::Es256(p) => PublicKey::from_raw(Algorithm::ES256, p.public_key().as_ref())?,
        };
        let kid = public.thumbprint();
        Ok(SigningKey {
            pair,
            pkcs8: der.to_vec(),
            public,
            kid,
            rng,
        })
    }

    /// Loads a PEM `-----BEGIN PRIVATE KEY-----` block (PKCS#8).
    pub fn from_pkcs8_pem(pem: &str) -> Result<SigningKey, KeyError> {
        Self::from_pkcs8_der(&pem_decode(pem)?)
    }

    /// Loads PKCS#8 in PEM or DER, whichever `bytes` holds (as read from a file).
    pub fn from_pkcs8(bytes: &[u8]) -> Result<SigningKey, KeyError> {
        match std::str::from_utf8(bytes) {
            Ok(text) if text.trim_start().starts_with("-----BEGIN") => Self::from_pkcs8_pem(text),
            _ => Self::from_pkcs8_der(bytes),
        }
    }

    /// The algorithm this key signs with.
    pub fn algorithm(&self) -> Algorithm {
        self.public.algorithm()
    }

    /// The public half.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// The key id: RFC 7638 thumbprint of the public JWK.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The PKCS#8 DER document (private key material: store it carefully).
    pub fn pkcs8_der(&self) -> &[u8] {
        &self.pkcs8
    }

    /// The PKCS#8 document as PEM (`-----BEGIN PRIVATE KEY-----`, 64-column lines).
    pub fn to_pkcs8_pem(&self) -> String {
        pem_encode(&self.pkcs8)
    }

    /// Signs `message`, giving a JOSE signature (Ed25519, or P-256 `r‖s`, 64 bytes).
    ///
    /// ```
    /// use pmh_core::envelope::{Algorithm, SigningKey};
    /// let key = SigningKey::generate(Algorithm::ES256).unwrap();
    /// let sig = key.sign(b"hello").unwrap();
    /// assert_eq!(sig.len(), 64);
    /// assert!(key.public_key().verify(b"hello", &sig));
    /// ```
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        match &self.pair {
            Pair::Ed25519(p) => Ok(p.sign(message).as_ref().to_vec()),
            Pair::Es256(p) => p
                .sign(&self.rng, message)
                .map(|s| s.as_ref().to_vec())
                .map_err(|_| KeyError::Crypto),
        }
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("alg", &self.algorithm())
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// A public key that can only verify, pinned to its [`Algorithm`].
///
/// Ed25519 keys are the 32-byte RFC 8032 encoding; P-256 keys the 65-byte
/// uncompressed point `0x04‖x‖y`.
///
/// ```
/// use pmh_core::envelope::{Algorithm, Jwk, PublicKey};
///
/// // RFC 8037 Appendix A.2
/// let jwk = Jwk::from_json(br#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)
///     .unwrap();
/// let key = PublicKey::from_jwk(&jwk).unwrap();
/// assert_eq!(key.algorithm(), Algorithm::EdDSA);
/// assert_eq!(key.thumbprint(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PublicKey {
    alg: Algorithm,
    bytes: Vec<u8>,
}

impl PublicKey {
    /// A public key from its raw encoding (checked for length and point format).
    pub fn from_raw(alg: Algorithm, bytes: &[u8]) -> Result<PublicKey, KeyError> {
        let ok = match alg {
            Algorithm::EdDSA => bytes.len() == 32,
            Algorithm::ES256 => bytes.len() == 65 && bytes[0] == 0x04,
        };
        if ok {
            Ok(PublicKey {
                alg,
                bytes: bytes.to_vec(),
            })
        } else {
            Err(KeyError::Jwk(
                "public key has the wrong length or point format",
            ))
        }
    }

    /// The public key of a JWK (`OKP`/`Ed25519` or `EC`/`P-256`).
    pub fn from_jwk(jwk: &Jwk) -> Result<PublicKey, KeyError> {
        match jwk {
            Jwk::Okp { crv, x } if crv == "Ed25519" => {
                let x = b64d(x).ok_or(KeyError::Jwk("\"x\" is not base64url"))?;
                if x.len() != 32 {
                    return Err(KeyError::Jwk("\"x\" must be 32 bytes for Ed25519"));
                }
                Self::from_raw(Algorithm::EdDSA, &x)
            }
            Jwk::Ec { crv, x, y } if crv == "P-256" => {
                let x = b64d(x).ok_or(KeyError::Jwk("\"x\" is not base64url"))?;
                let y = b64d(y).ok_or(KeyError::Jwk("\"y\" is not base64url"))?;
                if x.len() != 32 || y.len() != 32 {
                    return Err(KeyError::Jwk("\"x\" and \"y\" must be 32 bytes for P-256"));
                }
                let mut point = Vec::with_capacity(65);
                point.push(0x04);
                point.extend_from_slice(&x);
                point.extend_from_slice(&y);
                Self::from_raw(Algorithm::ES256, &point)
            }
            _ => Err(KeyError::UnsupportedKey),
        }
    }

    /// The JWK form (RFC 8037 OKP or RFC 7518 EC), required members only.
    pub fn to_jwk(&self) -> Jwk {
        match self.alg {
            Algorithm::EdDSA => Jwk::Okp {
                crv: "Ed25519".into(),
                x: b64e(&self.bytes),
            },
            Algorithm::ES256 => Jwk::Ec {
                crv: "P-256".into(),
                x: b64e(&self.bytes[1..33]),
                y: b64e(&self.bytes[33..65]),
            },
        }
    }

    /// The RFC 7638 thumbprint (SHA-256, base64url) — the `kid`.
    pub fn thumbprint(&self) -> String {
        self.to_jwk().thumbprint()
    }

    /// The algorithm this key verifies.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The raw public key bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Whether `signature` (JOSE format, 64 bytes) is valid for `message`.
    /// Invalid P-256 points simply fail verification.
    #[must_use]
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        match self.alg {
            Algorithm::EdDSA => {
                UnparsedPublicKey::new(&ED25519, &self.bytes).verify(message, signature)
            }
            Algorithm::ES256 => UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, &self.bytes)
                .verify(message, signature),
        }
        .is_ok()
    }
}

/// DER prefix of an Ed25519 PKCS#8 v1 document, followed by the 32-byte seed.
const ED25519_V1_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];
/// DER prefix of the PKCS#8 v2 document ring generates (83 bytes: seed, then public key).
const ED25519_V2_PREFIX: [u8; 16] = [
    0x30, 0x51, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

fn ed25519_v2_to_v1(v2: &[u8]) -> Option<Vec<u8>> {
    if v2.len() != 83 || v2[..16] != ED25519_V2_PREFIX {
        return None;
    }
    let mut v1 = Vec::with_capacity(48);
    v1.extend_from_slice(&ED25519_V1_PREFIX);
    v1.extend_from_slice(&v2[16..48]);
    Some(v1)
}

const PEM_BEGIN: &str = "-----BEGIN PRIVATE KEY-----";
const PEM_END: &str = "-----END PRIVATE KEY-----";

fn pem_encode(der: &[u8]) -> String {
    let b64 = STANDARD.encode(der);
    let mut out = String::with_capacity(b64.len() + b64.len() / 64 + 64);
    out.push_str(PEM_BEGIN);
    out.push('\n');
    // base64 output is ASCII, so splitting the byte string never splits a char.
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(PEM_END);
    out.push('\n');
    out
}

fn pem_decode(pem: &str) -> Result<Vec<u8>, KeyError> {
    let start = pem.find(PEM_BEGIN).ok_or(KeyError::Pem)? + PEM_BEGIN.len();
    let len = pem[start..].find(PEM_END).ok_or(KeyError::Pem)?;
    let body: String = pem[start..start + len]
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    STANDARD.decode(body).map_err(|_| KeyError::Pem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_round_trip_and_garbage() {
        let key = SigningKey::generate(Algorithm::ES256).unwrap();
        let pem = key.to_pkcs8_pem();
        assert!(pem.lines().all(|l| l.len() <= 64 || l.starts_with("-----")));
        let again = SigningKey::from_pkcs8_pem(&pem).unwrap();
        assert_eq!(again.kid(), key.kid());
        assert_eq!(again.pkcs8_der(), key.pkcs8_der());
        assert_eq!(
            SigningKey::from_pkcs8_pem("nope").unwrap_err().code(),
            "key.pem"
        );
        assert_eq!(
            SigningKey::from_pkcs8_pem(
                "-----BEGIN PRIVATE KEY-----\n!!\n-----END PRIVATE KEY-----"
            )
            .unwrap_err()
            .code(),
            "key.pem"
        );
        assert_eq!(
            SigningKey::from_pkcs8_der(b"\x30\x03\x02\x01\x00")
                .unwrap_err()
                .code(),
            "key.pkcs8"
        );
        assert_eq!(SigningKey::from_pkcs8(b"").unwrap_err().code(), "key.pkcs8");
    }

    #[test]
    fn pkcs8_v1_ed25519_from_other_tools() {
        // PKCS#8 v1 as written by OpenSSL / Python cryptography: version 0, no public key.
        // Seed = RFC 8032 §7.1 TEST 1 (tech.md §1.3).
        let mut der = hex("302e020100300506032b657004220420");
        der.extend(hex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        ));
        let key = SigningKey::from_pkcs8_der(&der).unwrap();
        assert_eq!(key.algorithm(), Algorithm::EdDSA);
        assert_eq!(
            key.public_key().as_bytes(),
            hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a").as_slice()
        );
        assert_eq!(key.kid(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
        assert_eq!(
            key.pkcs8_der(),
            der.as_slice(),
            "the loaded document is kept as is"
        );
    }

    #[test]
    fn generated_ed25519_is_pkcs8_v1() {
        let key = SigningKey::generate(Algorithm::EdDSA).unwrap();
        assert_eq!(key.pkcs8_der().len(), 48);
        assert_eq!(key.pkcs8_der()[..16], ED25519_V1_PREFIX);
        let again = SigningKey::from_pkcs8_der(key.pkcs8_der()).unwrap();
        assert_eq!(again.public_key(), key.public_key());
        // ring's v2 documents load too.
        let v2 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).unwrap();
        assert_eq!(
            SigningKey::from_pkcs8_der(v2.as_ref()).unwrap().algorithm(),
            Algorithm::EdDSA
        );
        assert!(ed25519_v2_to_v1(&[0; 83]).is_none());
    }

    #[test]
    fn debug_hides_key_material() {
        for alg in [Algorithm::EdDSA, Algorithm::ES256] {
            let key = SigningKey::generate(alg).unwrap();
            let dbg = format!("{key:?}");
            assert!(dbg.contains(key.kid()));
            let pem = key.to_pkcs8_pem();
            let body: String = pem.lines().skip(1).take(1).collect();
            assert!(!dbg.contains(&body[..16]));
        }
    }

    #[test]
    fn raw_public_keys_checked() {
        assert!(PublicKey::from_raw(Algorithm::EdDSA, &[0; 31]).is_err());
        assert!(PublicKey::from_raw(Algorithm::ES256, &[0; 65]).is_err());
        let p = PublicKey::from_raw(Algorithm::ES256, &[4; 65]).unwrap();
        assert!(
            !p.verify(b"m", &[0; 64]),
            "an invalid point verifies nothing"
        );
    }

    pub(crate) fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }
}

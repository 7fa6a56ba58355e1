//! `pmh keygen`, `pmh trust`, `pmh seal`, `pmh open`, `pmh canon`: signed envelopes.

use crate::input;
use crate::output::{self, Status};
use chrono::{DateTime, Duration, FixedOffset, SubsecRound, Utc};
use clap::{Args, Subcommand, ValueEnum};
use pmh_core::canon;
use pmh_core::envelope::batch::{self, Route};
use pmh_core::envelope::{
    self, Algorithm, Jwk, OpenOptions, ParticipantId, ReplayGuard, SealOptions, SigningKey,
    TrustStore, TrustedKey,
};
use serde_json::{json, Value};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Signature algorithms on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum AlgArg {
    /// Ed25519 (deterministic signatures).
    #[value(name = "EdDSA", alias = "eddsa", alias = "ed25519")]
    EdDSA,
    /// ECDSA P-256 with SHA-256.
    #[value(name = "ES256", alias = "es256")]
    ES256,
}

/// Arguments of `pmh keygen`.
#[derive(Args, Debug)]
#[command(after_help = "\
Writes a new private key as PKCS#8: PEM when OUT ends in .pem, DER otherwise
(file mode 0600). Prints {\"ok\":true,\"alg\":...,\"kid\":...,\"jwk\":{...}}.
The kid is the RFC 7638 thumbprint of the public JWK.

Example:
  pmh keygen --alg EdDSA --out city.pem --jwk city.pub.json")]
pub struct KeygenArgs {
    /// The algorithm.
    #[arg(long, value_enum, default_value = "EdDSA")]
    alg: AlgArg,
    /// Where to write the private key (PKCS#8).
    #[arg(long, value_name = "KEY")]
    out: String,
    /// Also write the public key as a JWK (with kid, alg and use).
    #[arg(long, value_name = "PUB.json")]
    jwk: Option<String>,
    /// Overwrite existing files.
    #[arg(long)]
    force: bool,
}

/// Arguments of `pmh trust`.
#[derive(Args, Debug)]
pub struct TrustArgs {
    #[command(subcommand)]
    command: TrustCommand,
}

#[derive(Subcommand, Debug)]
enum TrustCommand {
    /// Add (or update) a participant's key in a trust store, creating the file if needed.
    Add(TrustAddArgs),
    /// Mark a key as revoked: no envelope signed with it is accepted after that time.
    Revoke(TrustRevokeArgs),
}

#[derive(Args, Debug)]
#[command(after_help = "\
Example:
  pmh trust add --trust trust.json --participant municipality:131016 \\
      --jwk city.pub.json --type subsidy.certificate.register")]
struct TrustAddArgs {
    /// The trust store file (created when missing).
    #[arg(long, value_name = "TRUST.json")]
    trust: String,
    /// The participant (municipality:<code>, institution:<code>, hub:<name>).
    #[arg(long, value_name = "ID")]
    participant: String,
    /// The participant's public key (JWK file).
    #[arg(long, value_name = "PUB.json")]
    jwk: String,
    /// Start of the key's validity (RFC 3339; default: now).
    #[arg(long, value_name = "TIME")]
    not_before: Option<String>,
    /// End of the key's validity (RFC 3339; default: one year after --not-before).
    #[arg(long, value_name = "TIME")]
    not_after: Option<String>,
    /// A message type the participant may send (repeatable; none = no restriction).
    #[arg(long = "type", value_name = "TYPE")]
    types: Vec<String>,
}

#[derive(Args, Debug)]
struct TrustRevokeArgs {
    /// The trust store file.
    #[arg(long, value_name = "TRUST.json")]
    trust: String,
    /// The key id to revoke.
    #[arg(long)]
    kid: String,
    /// Revocation time (RFC 3339; default: now).
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
}

/// Arguments of `pmh seal`.
#[derive(Args, Debug)]
#[command(after_help = "\
Prints the envelope (one line of JSON). With --ndjson, PAYLOAD holds one
payload object per line and each output line is an envelope or
{\"ok\":false,\"line\":N,\"error\":{...}}. Exit code 1 when a payload was refused.

Example:
  pmh seal --key city.pem --type subsidy.certificate.register \\
      --from municipality:131016 --to hub:pmh --ttl 1h payload.json")]
pub struct SealArgs {
    /// The private key (PKCS#8, PEM or DER).
    #[arg(long, value_name = "KEY")]
    key: String,
    /// The message type.
    #[arg(long = "type", value_name = "TYPE")]
    type_name: String,
    /// The sender.
    #[arg(long, value_name = "ID")]
    from: String,
    /// The receiver.
    #[arg(long, value_name = "ID")]
    to: String,
    /// Lifetime: a number with s, m, h or d (e.g. 90s, 15m, 1h, 2d).
    #[arg(long, default_value = "1h")]
    ttl: String,
    /// Seal even when the payload fails validation.
    #[arg(long)]
    force: bool,
    /// Seal a message type without a registered validator.
    #[arg(long)]
    allow_unknown_type: bool,
    /// NDJSON in and out (one payload per line).
    #[arg(long)]
    ndjson: bool,
    /// The payload file (`-` for stdin).
    payload: String,
}

/// Arguments of `pmh open`.
#[derive(Args, Debug)]
#[command(after_help = "\
Prints {\"ok\":true,\"envelope\":{...}} or {\"ok\":false,\"error\":{\"code\":...,\"message\":...}}.
With --ndjson, one envelope per line in and one result per line out (with
\"line\"); ids seen earlier in the stream are refused as replays.
Exit code 1 when an envelope was refused.

Example:
  pmh open --trust trust.json --to hub:pmh envelope.json")]
pub struct OpenArgs {
    /// The trust store file.
    #[arg(long, value_name = "TRUST.json")]
    trust: String,
    /// The receiver: refuse envelopes addressed to anyone else.
    #[arg(long, value_name = "ID")]
    to: Option<String>,
    /// Verify as of this time (RFC 3339; default: now).
    #[arg(long, value_name = "TIME")]
    now: Option<String>,
    /// Allowed clock skew for issuedAt (e.g. 5m).
    #[arg(long, default_value = "5m")]
    skew: String,
    /// Accept message types without a registered validator.
    #[arg(long)]
    allow_unknown_type: bool,
    /// NDJSON in and out (one envelope per line).
    #[arg(long)]
    ndjson: bool,
    /// With --ndjson: how many live message ids the in-stream replay check
    /// remembers (memory grows with them until they expire; further ids are
    /// refused with envelope.replay_full). 0 turns the in-stream check off
    /// for flat memory when replays are checked elsewhere.
    #[arg(long, default_value_t = ReplayGuard::DEFAULT_CAPACITY, value_name = "N")]
    replay_capacity: usize,
    /// The envelope file (`-` for stdin).
    envelope: String,
}

/// Arguments of `pmh canon`.
#[derive(Args, Debug)]
#[command(after_help = "\
Prints the RFC 8785 (JCS) canonical bytes of a JSON document, without a
trailing newline, so `pmh canon x.json | sha256sum` hashes exactly what is signed.")]
pub struct CanonArgs {
    /// The JSON file (`-` for stdin).
    file: String,
}

/// Runs `pmh keygen`.
pub fn run_keygen(args: &KeygenArgs) -> Status {
    let alg = match args.alg {
        AlgArg::EdDSA => Algorithm::EdDSA,
        AlgArg::ES256 => Algorithm::ES256,
    };
    let key = match SigningKey::generate(alg) {
        Ok(k) => k,
        Err(e) => return output::fail(e.code(), &e.to_string()),
    };
    let secret = if args.out.ends_with(".pem") {
        key.to_pkcs8_pem().into_bytes()
    } else {
        key.pkcs8_der().to_vec()
    };
    if let Err(e) = write_new(&args.out, &secret, args.force, true) {
        return output::fail("io", &format!("cannot write {}: {e}", args.out));
    }
    let jwk = public_jwk_json(&key);
    if let Some(path) = &args.jwk {
        let text = serde_json::to_string_pretty(&jwk).unwrap_or_default() + "\n";
        if let Err(e) = write_new(path, text.as_bytes(), args.force, false) {
            return output::fail("io", &format!("cannot write {path}: {e}"));
        }
    }
    print(&json!({"ok": true, "alg": alg.as_str(), "kid": key.kid(), "jwk": jwk, "out": args.out}))
}

/// Runs `pmh trust`.
pub fn run_trust(args: &TrustArgs) -> Status {
    match &args.command {
        TrustCommand::Add(a) => trust_add(a),
        TrustCommand::Revoke(a) => trust_revoke(a),
    }
}

fn trust_add(args: &TrustAddArgs) -> Status {
    let participant = match ParticipantId::parse(&args.participant) {
        Ok(p) => p,
        Err(e) => return output::fail(e.code(), &format!("--participant: {e}")),
    };
    let jwk = match fs::read(&args.jwk) {
        Ok(bytes) => match Jwk::from_json(&bytes) {
            Ok(j) => j,
            Err(e) => return output::fail(e.code(), &format!("--jwk: {e}")),
        },
        Err(e) => return output::fail("io", &format!("cannot read {}: {e}", args.jwk)),
    };
    let not_before = match args.not_before.as_deref().map(parse_time).transpose() {
        Ok(t) => t.unwrap_or_else(|| Utc::now().trunc_subsecs(0).fixed_offset()),
        Err(s) => return s,
    };
    let not_after = match args.not_after.as_deref().map(parse_time).transpose() {
        Ok(t) => t.unwrap_or(not_before + Duration::days(365)),
        Err(s) => return s,
    };
    let mut store = match load_trust(&args.trust, true) {
        Ok(s) => s,
        Err(s) => return s,
    };
    let key = match TrustedKey::new(jwk, not_before, not_after) {
        Ok(k) => k,
        Err(e) => return output::fail(e.code(), &e.to_string()),
    };
    let kid = key.kid().to_owned();
    let result = store.add_key(&participant, key).and_then(|()| {
        if args.types.is_empty() {
            Ok(())
        } else {
            store.allow_types(&participant, args.types.iter().map(String::as_str))
        }
    });
    if let Err(e) = result {
        return output::fail(e.code(), &e.to_string());
    }
    if let Err(e) = fs::write(&args.trust, store.to_json_pretty() + "\n") {
        return output::fail("io", &format!("cannot write {}: {e}", args.trust));
    }
    print(&json!({"ok": true, "participant": participant, "kid": kid, "trust": args.trust}))
}

fn trust_revoke(args: &TrustRevokeArgs) -> Status {
    let at = match args.at.as_deref().map(parse_time).transpose() {
        Ok(t) => t.unwrap_or_else(|| Utc::now().trunc_subsecs(0).fixed_offset()),
        Err(s) => return s,
    };
    let mut store = match load_trust(&args.trust, false) {
        Ok(s) => s,
        Err(s) => return s,
    };
    if let Err(e) = store.revoke(&args.kid, at) {
        return output::fail(e.code(), &e.to_string());
    }
    if let Err(e) = fs::write(&args.trust, store.to_json_pretty() + "\n") {
        return output::fail("io", &format!("cannot write {}: {e}", args.trust));
    }
    print(&json!({"ok": true, "kid": args.kid, "revokedAt": at.to_rfc3339()}))
}

/// Runs `pmh seal`.
pub fn run_seal(args: &SealArgs) -> Status {
    let key = match fs::read(&args.key) {
        Ok(bytes) => match SigningKey::from_pkcs8(&bytes) {
            Ok(k) => k,
            Err(e) => return output::fail(e.code(), &format!("--key: {e}")),
        },
        Err(e) => return output::fail("io", &format!("cannot read {}: {e}", args.key)),
    };
    let (from, to) = match (
        ParticipantId::parse(&args.from),
        ParticipantId::parse(&args.to),
    ) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(e), _) => return output::fail(e.code(), &format!("--from: {e}")),
        (_, Err(e)) => return output::fail(e.code(), &format!("--to: {e}")),
    };
    if !envelope::is_valid_message_type(&args.type_name) {
        return output::fail(
            "usage.type",
            "--type: not a valid message type (e.g. subsidy.certificate.register)",
        );
    }
    let Some(ttl) = parse_duration(&args.ttl).filter(|d| *d > Duration::zero()) else {
        return output::fail(
            "usage.ttl",
            "--ttl: expected a positive number with s, m, h or d (e.g. 1h)",
        );
    };
    let options = SealOptions {
        force: args.force,
        allow_unknown_types: args.allow_unknown_type,
        ..SealOptions::default()
    };

    if args.ndjson || input::is_ndjson_name(&args.payload) {
        let route = Route {
            message_type: &args.type_name,
            from: &from,
            to: &to,
            ttl,
        };
        let reader = match input::open(&args.payload) {
            Ok(r) => r,
            Err(e) => return output::fail("io", &format!("cannot read {}: {e}", args.payload)),
        };
        let stdout = io::stdout();
        let out = BufWriter::new(stdout.lock());
        return match batch::seal_ndjson(
            reader,
            out,
            &route,
            &key,
            &options,
            batch::DEFAULT_CHUNK_LINES,
        ) {
            Ok(summary) if summary.failed == 0 => Status::Ok,
            Ok(_) => Status::Invalid,
            Err(e) => output::fail("io", &format!("NDJSON stream failed: {e}")),
        };
    }

    let payload = match input::read_json(&args.payload) {
        Ok(v) => v,
        Err(input::ReadError::Io(e)) => {
            return output::fail("io", &format!("cannot read {}: {e}", args.payload))
        }
        Err(input::ReadError::Json(e)) => {
            return invalid(&json!({"code": e.code(), "message": e.to_string()}))
        }
    };
    match envelope::seal(&payload, &args.type_name, &from, &to, ttl, &key, &options) {
        Ok(env) => print(&env),
        Err(e) => invalid(&serde_json::to_value(&e).unwrap_or(Value::Null)),
    }
}

/// Runs `pmh open`.
pub fn run_open(args: &OpenArgs) -> Status {
    let trust = match load_trust(&args.trust, false) {
        Ok(t) => t,
        Err(s) => return s,
    };
    let receiver = match args.to.as_deref().map(ParticipantId::parse).transpose() {
        Ok(r) => r,
        Err(e) => return output::fail(e.code(), &format!("--to: {e}")),
    };
    let now = match args.now.as_deref().map(parse_time).transpose() {
        Ok(t) => t.map(|t| t.with_timezone(&Utc)),
        Err(s) => return s,
    };
    let Some(skew) = parse_duration(&args.skew).filter(|d| *d >= Duration::zero()) else {
        return output::fail(
            "usage.skew",
            "--skew: expected a number with s, m, h or d (e.g. 5m)",
        );
    };
    let guard = ReplayGuard::with_capacity(args.replay_capacity);
    let mut options = OpenOptions {
        now,
        clock_skew: skew,
        receiver: receiver.as_ref(),
        allow_unknown_types: args.allow_unknown_type,
        ..OpenOptions::default()
    };

    if args.ndjson || input::is_ndjson_name(&args.envelope) {
        if args.replay_capacity > 0 {
            options.replay_guard = Some(&guard);
        }
        let reader = match input::open(&args.envelope) {
            Ok(r) => r,
            Err(e) => return output::fail("io", &format!("cannot read {}: {e}", args.envelope)),
        };
        let stdout = io::stdout();
        let out = BufWriter::new(stdout.lock());
        return match batch::open_ndjson(reader, out, &trust, &options, batch::DEFAULT_CHUNK_LINES) {
            Ok(summary) if summary.failed == 0 => Status::Ok,
            Ok(_) => Status::Invalid,
            Err(e) => output::fail("io", &format!("NDJSON stream failed: {e}")),
        };
    }

    let bytes = match input::read_all(&args.envelope) {
        Ok(b) => b,
        Err(e) => return output::fail("io", &format!("cannot read {}: {e}", args.envelope)),
    };
    // A file usually ends with a newline; the envelope is the JSON inside.
    let trimmed = trim_ascii_whitespace(&bytes);
    match envelope::open(trimmed, &trust, &options) {
        Ok(v) => print(&json!({"ok": true, "envelope": v})),
        Err(e) => invalid(&serde_json::to_value(&e).unwrap_or(Value::Null)),
    }
}

/// Runs `pmh canon`.
pub fn run_canon(args: &CanonArgs) -> Status {
    let value = match input::read_json(&args.file) {
        Ok(v) => v,
        Err(input::ReadError::Io(e)) => {
            return output::fail("io", &format!("cannot read {}: {e}", args.file))
        }
        Err(input::ReadError::Json(e)) => {
            return invalid(&json!({"code": e.code(), "message": e.to_string()}))
        }
    };
    match canon::canonicalize(&value) {
        Ok(bytes) => {
            let mut out = io::stdout().lock();
            match out.write_all(&bytes).and_then(|()| out.flush()) {
                Ok(()) => Status::Ok,
                Err(e) => output::fail("io", &format!("cannot write: {e}")),
            }
        }
        Err(e) => invalid(&json!({"code": e.code(), "message": e.to_string()})),
    }
}

/// The public JWK as written by `keygen --jwk`: required members plus kid, alg, use.
fn public_jwk_json(key: &SigningKey) -> Value {
    let mut jwk = key.public_key().to_jwk().to_value();
    if let Value::Object(m) = &mut jwk {
        m.insert("kid".into(), key.kid().into());
        m.insert("alg".into(), key.algorithm().as_str().into());
        m.insert("use".into(), "sig".into());
    }
    jwk
}

fn load_trust(path: &str, create: bool) -> Result<TrustStore, Status> {
    match fs::read(path) {
        Ok(bytes) => TrustStore::from_json(&bytes)
            .map_err(|e| output::fail(e.code(), &format!("{path}: {e}"))),
        Err(e) if create && e.kind() == io::ErrorKind::NotFound => Ok(TrustStore::new()),
        Err(e) => Err(output::fail("io", &format!("cannot read {path}: {e}"))),
    }
}

fn parse_time(text: &str) -> Result<DateTime<FixedOffset>, Status> {
    DateTime::parse_from_rfc3339(text).map_err(|_| {
        output::fail(
            "usage.time",
            "expected an RFC 3339 time with offset, e.g. 2025-04-01T09:00:00+09:00",
        )
    })
}

/// `90s`, `15m`, `1h`, `2d` (a bare number means seconds).
fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let (digits, unit) = match text.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => text.split_at(i),
        None => (text, "s"),
    };
    let n: i64 = digits.parse().ok()?;
    match unit {
        "s" => Duration::try_seconds(n),
        "m" => Duration::try_minutes(n),
        "h" => Duration::try_hours(n),
        "d" => Duration::try_days(n),
        _ => None,
    }
}

fn trim_ascii_whitespace(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &bytes[start..end]
}

fn write_new(path: &str, bytes: &[u8], overwrite: bool, secret: bool) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true);
    if overwrite {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    if secret {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(Path::new(path))?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn print<T: serde::Serialize>(value: &T) -> Status {
    match output::print_line(value) {
        Ok(()) => Status::Ok,
        Err(e) => {
            eprintln!("pmh: cannot write output: {e}");
            Status::Failure
        }
    }
}

/// Prints `{"ok":false,"error":…}` and gives exit status 1 (input refused).
fn invalid(error: &Value) -> Status {
    match output::print_line(&json!({"ok": false, "error": error})) {
        Ok(()) => Status::Invalid,
        Err(_) => Status::Failure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Some(Duration::seconds(90)));
        assert_eq!(parse_duration("15m"), Some(Duration::minutes(15)));
        assert_eq!(parse_duration("1h"), Some(Duration::hours(1)));
        assert_eq!(parse_duration("2d"), Some(Duration::days(2)));
        assert_eq!(parse_duration("30"), Some(Duration::seconds(30)));
        assert_eq!(parse_duration("1w"), None);
        assert_eq!(parse_duration("h"), None);
        assert_eq!(parse_duration("-1h"), None);
        assert_eq!(parse_duration("99999999999999999999d"), None);
    }

    #[test]
    fn trims() {
        assert_eq!(trim_ascii_whitespace(b" \n{}\r\n"), b"{}");
        assert_eq!(trim_ascii_whitespace(b"  "), b"");
    }
}

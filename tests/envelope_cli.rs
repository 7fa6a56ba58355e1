//! The envelope commands end to end: keygen, trust add, seal, open, canon,
//! and the NDJSON streams.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn pmh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmh"))
        .args(args)
        .output()
        .expect("run pmh")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

struct Dir(PathBuf);
impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("pmh-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }
    fn path(&self, f: &str) -> String {
        self.0.join(f).to_str().unwrap().to_owned()
    }
}
impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn setup(dir: &Dir, alg: &str) {
    let out = pmh(&[
        "keygen",
        "--alg",
        alg,
        "--out",
        &dir.path("city.pem"),
        "--jwk",
        &dir.path("city.jwk"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = pmh(&[
        "trust",
        "add",
        "--trust",
        &dir.path("trust.json"),
        "--participant",
        "municipality:131016",
        "--jwk",
        &dir.path("city.jwk"),
        "--not-before",
        "2020-01-01T00:00:00+09:00",
        "--not-after",
        "2098-01-01T00:00:00+09:00",
        "--type",
        "subsidy.certificate.register",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cert: Vec<Value> =
        serde_json::from_str(include_str!("../samples/subsidy/certificates.json")).unwrap();
    std::fs::write(
        dir.path("payload.json"),
        serde_json::json!({"certificates": [cert[0]]}).to_string(),
    )
    .unwrap();
}

fn seal(dir: &Dir, to: &str) -> Output {
    pmh(&[
        "seal",
        "--key",
        &dir.path("city.pem"),
        "--type",
        "subsidy.certificate.register",
        "--from",
        "municipality:131016",
        "--to",
        to,
        &dir.path("payload.json"),
    ])
}

#[test]
fn seal_and_open_both_algorithms() {
    for alg in ["EdDSA", "ES256"] {
        let dir = Dir::new(&format!("env-{alg}"));
        setup(&dir, alg);
        let sealed = seal(&dir, "hub:pmh");
        assert_eq!(
            sealed.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&sealed.stdout)
        );
        let envelope = json(&sealed);
        assert_eq!(envelope["version"], 1);
        assert_eq!(envelope["type"], "subsidy.certificate.register");
        let sig = envelope["signature"].as_str().unwrap();
        assert!(sig.contains(".."), "detached JWS: {sig}");
        std::fs::write(dir.path("env.json"), &sealed.stdout).unwrap();

        let opened = pmh(&[
            "open",
            "--trust",
            &dir.path("trust.json"),
            "--to",
            "hub:pmh",
            &dir.path("env.json"),
        ]);
        assert_eq!(
            opened.status.code(),
            Some(0),
            "{alg}: {}",
            String::from_utf8_lossy(&opened.stdout)
        );
        assert_eq!(json(&opened)["ok"], true);

        let wrong_to = pmh(&[
            "open",
            "--trust",
            &dir.path("trust.json"),
            "--to",
            "hub:other",
            &dir.path("env.json"),
        ]);
        assert_eq!(wrong_to.status.code(), Some(1));
        assert_eq!(json(&wrong_to)["error"]["code"], "envelope.wrong_recipient");

        let later = pmh(&[
            "open",
            "--trust",
            &dir.path("trust.json"),
            "--now",
            "2099-01-01T00:00:00Z",
            &dir.path("env.json"),
        ]);
        assert_eq!(json(&later)["error"]["code"], "envelope.expired");

        let tampered = String::from_utf8(sealed.stdout.clone())
            .unwrap()
            .replacen("1234566", "1234567", 1);
        std::fs::write(dir.path("bad.json"), tampered).unwrap();
        let bad = pmh(&[
            "open",
            "--trust",
            &dir.path("trust.json"),
            &dir.path("bad.json"),
        ]);
        assert_eq!(bad.status.code(), Some(1));
        assert_eq!(json(&bad)["error"]["code"], "envelope.signature");
    }
}

#[test]
fn invalid_payload_is_not_sealed_unless_forced() {
    let dir = Dir::new("env-force");
    setup(&dir, "EdDSA");
    std::fs::write(
        dir.path("payload.json"),
        r#"{"certificates": [{"myNumber": "1"}]}"#,
    )
    .unwrap();
    let out = seal(&dir, "hub:pmh");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("envelope.payload_invalid"));
    let forced = pmh(&[
        "seal",
        "--key",
        &dir.path("city.pem"),
        "--type",
        "subsidy.certificate.register",
        "--from",
        "municipality:131016",
        "--to",
        "hub:pmh",
        "--force",
        &dir.path("payload.json"),
    ]);
    assert_eq!(forced.status.code(), Some(0));
    std::fs::write(dir.path("env.json"), &forced.stdout).unwrap();
    // The receiver still validates the payload.
    let opened = pmh(&[
        "open",
        "--trust",
        &dir.path("trust.json"),
        &dir.path("env.json"),
    ]);
    assert_eq!(json(&opened)["error"]["code"], "envelope.payload_invalid");
}

#[test]
fn ndjson_stream_reports_each_line_and_refuses_replays() {
    let dir = Dir::new("env-ndjson");
    setup(&dir, "EdDSA");
    let one = seal(&dir, "hub:pmh").stdout;
    let two = seal(&dir, "hub:pmh").stdout;
    let mut stream = Vec::new();
    for part in [
        &one[..],
        b"{\"not\": \"an envelope\"}\n",
        &two[..],
        &one[..],
    ] {
        stream.extend_from_slice(part.trim_ascii_end());
        stream.push(b'\n');
    }
    std::fs::write(dir.path("stream.ndjson"), stream).unwrap();
    let out = pmh(&[
        "open",
        "--ndjson",
        "--trust",
        &dir.path("trust.json"),
        &dir.path("stream.ndjson"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    let oks: Vec<bool> = lines.iter().map(|l| l["ok"] == true).collect();
    assert_eq!(oks, [true, false, true, false]);
    assert_eq!(lines[1]["error"]["code"], "envelope.structure");
    assert_eq!(lines[3]["error"]["code"], "envelope.replayed");
}

#[test]
fn canon_prints_rfc8785_bytes() {
    let dir = Dir::new("canon");
    std::fs::write(
        dir.path("in.json"),
        r#"{"b": 1e21, "a": [1.50, -0, "\u00e9"], "\u20ac": 1}"#,
    )
    .unwrap();
    let out = pmh(&["canon", &dir.path("in.json")]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "{\"a\":[1.5,0,\"é\"],\"b\":1e+21,\"€\":1}"
    );
    std::fs::write(dir.path("dup.json"), r#"{"a": 1, "a": 2}"#).unwrap();
    let dup = pmh(&["canon", &dir.path("dup.json")]);
    assert_eq!(
        dup.status.code(),
        Some(1),
        "duplicate keys are invalid input"
    );
    assert_eq!(json(&dup)["error"]["code"], "json.duplicate_key");
}

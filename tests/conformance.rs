//! The conformance vectors (tests/vectors) through the Rust API, via
//! `pmh conformance`: every case must pass.

use std::process::Command;

#[test]
fn every_vector_passes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors");
    let out = Command::new(env!("CARGO_BIN_EXE_pmh"))
        .args(["conformance", dir])
        .output()
        .expect("run pmh");
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or("");
    assert!(last.ends_with(" passed, 0 failed"), "{text}");
    let passed: usize = last.split(' ').next().unwrap().parse().unwrap();
    assert!(
        passed >= 600,
        "several hundred cases expected, got {passed}"
    );
    assert_eq!(out.status.code(), Some(0), "{text}");
}

#[test]
fn a_wrong_expectation_fails() {
    let dir = std::env::temp_dir().join(format!("pmh-vectors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("one.json"),
        r#"{"cases": [{"name": "wrong", "operation": "id.check", "input": {"value": "88134458", "kind": "payer"},
            "expected": {"valid": true, "kind": "payer", "normalized": "88134458", "issues": []}}]}"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pmh"))
        .arg("conformance")
        .arg(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 passed, 1 failed"));
}

//! `pmh validate --type subsidy.certificate` and `pmh subsidy ...` from the command line.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn pmh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmh"))
        .args(args)
        .output()
        .expect("run pmh")
}

fn pmh_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pmh"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run pmh");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const SAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/subsidy/certificates.json"
);

fn sample_certificates() -> Vec<Value> {
    serde_json::from_str::<Vec<Value>>(&std::fs::read_to_string(SAMPLES).unwrap()).unwrap()
}

#[test]
fn validate_array_gives_one_report_per_record() {
    let out = pmh(&["validate", "--type", "subsidy.certificate", SAMPLES]);
    assert_eq!(out.status.code(), Some(1), "the last sample is invalid");
    let reports = lines(&out);
    assert_eq!(reports.len(), 4);
    let oks: Vec<bool> = reports.iter().map(|r| r["ok"].as_bool().unwrap()).collect();
    assert_eq!(oks, [true, true, true, false]);
    assert_eq!(reports[3]["record"], 3);
    assert_eq!(reports[3]["errors"], 7);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("210987654321") && !text.contains("見本"),
        "no personal data in reports"
    );
}

#[test]
fn validate_ndjson_from_stdin_keeps_going_after_a_bad_line() {
    let certs = sample_certificates();
    let mut input = Vec::new();
    writeln!(input, "{}", certs[0]).unwrap();
    writeln!(input, "{{\"myNumber\": \"1\", \"myNumber\": \"2\"}}").unwrap();
    writeln!(input).unwrap();
    writeln!(input, "{}", certs[1]).unwrap();
    let out = pmh_stdin(
        &["validate", "--type", "subsidy.certificate", "--ndjson", "-"],
        &input,
    );
    assert_eq!(out.status.code(), Some(1));
    let reports = lines(&out);
    assert_eq!(reports.len(), 3, "blank lines are skipped");
    assert_eq!(reports[0]["ok"], true);
    assert_eq!(reports[1]["issues"][0]["code"], "json.duplicate_key");
    assert_eq!(reports[2]["ok"], true);
    assert_eq!(reports[2]["record"], 2);
}

#[test]
fn validate_single_valid_record_exits_0() {
    let cert = sample_certificates().remove(0);
    let out = pmh_stdin(
        &["validate", "--type", "subsidy.certificate", "-"],
        cert.to_string().as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out)[0]["ok"], true);
}

#[test]
fn validate_register_message() {
    let certs = sample_certificates();
    let payload = serde_json::json!({"certificates": [certs[0], certs[1]]});
    let out = pmh_stdin(
        &["validate", "--type", "subsidy.certificate.register", "-"],
        payload.to_string().as_bytes(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let bad = serde_json::json!({"certificates": [certs[0], certs[3]]});
    let out = pmh_stdin(
        &["validate", "--type", "subsidy.certificate.register", "-"],
        bad.to_string().as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let r = &lines(&out)[0];
    assert!(r["issues"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["path"].as_str().unwrap().starts_with("/certificates/1/")));
}

#[test]
fn validate_usage_errors() {
    assert_eq!(
        pmh(&["validate", "--type", "no.such", SAMPLES])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        pmh(&["validate", "--type", "subsidy.certificate", "/no/such/file"])
            .status
            .code(),
        Some(2)
    );
    let list = pmh(&["validate", "--list"]);
    assert_eq!(list.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&list.stdout).contains("subsidy.certificate.register"));
}

#[test]
fn eligibility_from_files() {
    let dir = std::env::temp_dir().join(format!("pmh-elig-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cert = dir.join("cert.json");
    std::fs::write(&cert, sample_certificates()[0].to_string()).unwrap();
    let visit = |date: &str| {
        let p = dir.join(format!("visit-{date}.json"));
        std::fs::write(
            &p,
            format!(r#"{{"date":"{date}","institutionCode":"3618010015","setting":"outpatient"}}"#),
        )
        .unwrap();
        p
    };
    let ok = pmh(&[
        "subsidy",
        "eligibility",
        cert.to_str().unwrap(),
        visit("2025-03-31").to_str().unwrap(),
    ]);
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(lines(&ok)[0]["settlement"], "window");
    // The day after validTo.
    let late = pmh(&[
        "subsidy",
        "eligibility",
        cert.to_str().unwrap(),
        visit("2025-04-01").to_str().unwrap(),
    ]);
    assert_eq!(late.status.code(), Some(1));
    assert_eq!(
        lines(&late)[0]["reasons"][0]["code"],
        "subsidy.eligibility.expired"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn copay_charges_up_to_the_cap() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/subsidy/copay-request.json"
    );
    let out = pmh(&["subsidy", "copay", path]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let r = &lines(&out)[0];
    // 2,500点 = 25,000円; 3割 = 7,500; 2割 = 5,000 but only 1,000 left under the 10,000 cap.
    assert_eq!(r["totalCost"], 25000);
    assert_eq!(r["insurerPays"], 17500);
    assert_eq!(r["publicPayers"][0]["pays"], 6500);
    assert_eq!(r["patientPays"], 1000);
    assert_eq!(r["publicPayers"][0]["capRemaining"], 0);
    assert_eq!(r["ledgerEntries"][0]["entry"]["charged"], 1000);
    assert_eq!(r["ledgerEntries"][0]["entry"]["cumulative"], 10000);
    // The ledger entry validates as a subsidy.copayment.record payload.
    let record = r["ledgerEntries"][0].to_string();
    let v = pmh_stdin(
        &["validate", "--type", "subsidy.copayment.record", "-"],
        record.as_bytes(),
    );
    assert_eq!(
        v.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&v.stdout)
    );
}

#[test]
fn copay_rejects_bad_input_without_echoing_it() {
    let bad = r#"{"visit": {"id": "v", "date": "2024-05-20", "institutionCode": "3618010015",
        "setting": "outpatient", "points": "秘密の値", "insuranceCopayPercent": 30}, "certificates": []}"#;
    let out = pmh_stdin(&["subsidy", "copay", "-"], bad.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(1),
        "invalid input, not a usage error"
    );
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("秘密"), "{all}");
    let negative = bad.replace("\"秘密の値\"", "-5");
    let out = pmh_stdin(&["subsidy", "copay", "-"], negative.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        lines(&out)[0]["error"]["code"],
        "subsidy.copay.negative_points"
    );
}

//! Integration tests of the `pmh` command line: JSON on stdout, exit codes
//! 0 = ok, 1 = invalid input, 2 = usage or I/O error.

use serde_json::Value;
use std::process::{Command, Output};

fn pmh(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pmh"))
        .args(args)
        .output()
        .expect("run pmh")
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("utf-8 stdout")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn id_valid_values_exit_0_with_one_object_each() {
    let out = pmh(&["id", "88134457", "3618010015", "131016"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["kind"], "payer");
    assert_eq!(lines[1]["kind"], "institution");
    assert_eq!(lines[2]["kind"], "municipality");
    for l in &lines {
        assert_eq!(l["valid"], true);
        assert_eq!(l["issues"], Value::Array(vec![]));
    }
}

#[test]
fn id_invalid_value_exits_1_and_names_the_code() {
    let out = pmh(&["id", "--kind", "payer", "88134458"]);
    assert_eq!(out.status.code(), Some(1));
    let l = &json_lines(&out)[0];
    assert_eq!(l["valid"], false);
    assert_eq!(l["issues"][0]["code"], "ids.payer.check_digit");
    assert_eq!(l["issues"][0]["path"], "");
    assert!(l["issues"][0]["messageJa"].is_string());
    assert!(l["issues"][0]["messageEn"].is_string());
}

#[test]
fn id_fullwidth_digits_are_normalized_with_a_warning() {
    let out = pmh(&["id", "--kind", "municipality", "１３１０１６"]);
    assert_eq!(out.status.code(), Some(0));
    let l = &json_lines(&out)[0];
    assert_eq!(l["valid"], true);
    assert_eq!(l["normalized"], "131016");
    assert_eq!(l["issues"][0]["code"], "ids.fullwidth_digits");
    assert_eq!(l["issues"][0]["severity"], "warning");
}

#[test]
fn id_my_number_is_never_printed_in_full() {
    for value in ["983205673214", "983205673210"] {
        let out = pmh(&["id", "--kind", "mynumber", value]);
        let stdout = String::from_utf8(out.stdout.clone()).unwrap();
        let stderr = String::from_utf8(out.stderr.clone()).unwrap();
        assert!(
            !stdout.contains(value),
            "stdout leaks the My Number: {stdout}"
        );
        assert!(!stderr.contains(value), "stderr leaks the My Number");
        assert!(
            !stdout.contains(&value[..11]),
            "stdout leaks the My Number body"
        );
    }
    let ok = pmh(&["id", "--kind", "mynumber", "983205673214"]);
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(json_lines(&ok)[0]["normalized"], "********3214");
    let bad = pmh(&["id", "--kind", "mynumber", "983205673210"]);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(
        json_lines(&bad)[0]["issues"][0]["code"],
        "ids.mynumber.check_digit"
    );
}

#[test]
fn id_twelve_digits_are_not_guessed_as_my_number() {
    let out = pmh(&["id", "983205673214"]);
    assert_eq!(out.status.code(), Some(1));
    let l = &json_lines(&out)[0];
    assert_eq!(l["valid"], false);
    assert!(l["kind"].is_null());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("983205673214"));
}

#[test]
fn id_recipient_rule_follows_the_payer() {
    // 54 (指定難病) is national: 7 digits with a check digit.
    let national = pmh(&[
        "id",
        "--kind",
        "recipient",
        "--payer",
        "54016027",
        "0000002",
    ]);
    assert_eq!(national.status.code(), Some(1));
    let ok = pmh(&[
        "id",
        "--kind",
        "recipient",
        "--payer",
        "54016027",
        "1234566",
    ]);
    assert_eq!(ok.status.code(), Some(0));
    // 88 is a local scheme: no check digit required.
    let local = pmh(&[
        "id",
        "--kind",
        "recipient",
        "--payer",
        "88134457",
        "0000002",
    ]);
    assert_eq!(local.status.code(), Some(0));
    let bad_payer = pmh(&["id", "--kind", "recipient", "--payer", "88134458", "1"]);
    assert_eq!(bad_payer.status.code(), Some(2));
}

#[test]
fn id_usage_errors_exit_2() {
    assert_eq!(pmh(&["id"]).status.code(), Some(2));
    assert_eq!(
        pmh(&["id", "--kind", "passport", "1"]).status.code(),
        Some(2)
    );
    assert_eq!(pmh(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn date_converts_era_forms_and_iso() {
    for input in [
        "R6.4.1",
        "令和6年4月1日",
        "5060401",
        "2024-04-01",
        "r06.04.01",
    ] {
        let out = pmh(&["date", input]);
        assert_eq!(out.status.code(), Some(0), "input {input}");
        let l = &json_lines(&out)[0];
        assert_eq!(l["iso"], "2024-04-01", "input {input}");
        assert_eq!(l["kanji"], "令和6年4月1日");
        assert_eq!(l["short"], "R6.4.1");
        assert_eq!(l["receipt"], "5060401");
        assert_eq!(l["fiscalYear"], 2024);
    }
    let gan = pmh(&["date", "2019-05-01"]);
    assert_eq!(json_lines(&gan)[0]["kanji"], "令和元年5月1日");
}

#[test]
fn date_outside_its_era_exits_1_with_a_code() {
    let out = pmh(&["date", "平成31年5月1日"]);
    assert_eq!(out.status.code(), Some(1));
    let l = &json_lines(&out)[0];
    assert_eq!(l["ok"], false);
    assert_eq!(l["error"]["code"], "calendar.outside_era");
    assert_eq!(pmh(&["date", "R5.2.29"]).status.code(), Some(1));
    assert_eq!(pmh(&["date", "yesterday"]).status.code(), Some(1));
}

#[test]
fn every_command_has_help() {
    for cmd in [
        vec!["--help"],
        vec!["id", "--help"],
        vec!["date", "--help"],
        vec!["demo", "--help"],
    ] {
        let out = pmh(&cmd);
        assert_eq!(out.status.code(), Some(0), "{cmd:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Usage:"), "{cmd:?}: {text}");
    }
}

#[test]
fn demo_runs_on_bundled_samples() {
    let out = pmh(&["demo"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("summary:"), "{text}");
    assert!(!text.contains("983205673214"), "demo must mask My Numbers");

    let json = pmh(&["demo", "--json"]);
    assert_eq!(json.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&json.stdout).unwrap();
    let ids = doc["identifiers"].as_array().unwrap();
    let valid = ids.iter().filter(|i| i["valid"] == true).count();
    // The samples document their outcomes: 10 valid, 5 invalid.
    assert_eq!((valid, ids.len() - valid), (10, 5), "{ids:#?}");
    let dates = doc["dates"].as_array().unwrap();
    assert_eq!(dates.iter().filter(|d| d["valid"] == false).count(), 2);
    let steps = doc["steps"].as_array().unwrap();
    assert!(steps.len() >= 9, "{steps:#?}");
    assert!(steps.iter().all(|s| s["asExpected"] == true), "{steps:#?}");
    let outcomes: Vec<&str> = steps
        .iter()
        .map(|s| s["outcome"].as_str().unwrap())
        .collect();
    assert!(
        outcomes.contains(&"envelope.signature"),
        "a forged envelope is refused"
    );
    assert!(
        outcomes.contains(&"envelope.replayed"),
        "a replayed envelope is refused"
    );
    assert!(
        outcomes.contains(&"envelope.payload_invalid"),
        "an invalid payload can't be sealed"
    );
    assert!(doc["error"].is_null());
}

//! `pmh conformance [DIR]`: run the language-neutral conformance vectors.
//!
//! A vector file (`*.json`) is `{"description": "...", "cases": [{"name",
//! "operation", "input", "expected"}]}`. Each operation maps `input` to an
//! actual JSON outcome through the Rust API; the case passes when it equals
//! `expected` exactly. The same files run through the C ABI (tests/c) and the
//! Python package (tests/python). The format of each operation is described
//! in the README ("Conformance vectors").

use crate::output::{self, Status};
use chrono::{DateTime, Utc};
use clap::Args;
use pmh_core::envelope::{
    open, seal_draft, Draft, OpenOptions, ParticipantId, SealOptions, SigningKey, TrustStore,
};
use pmh_core::ids::{self, CheckOptions, IdKind, PayerNumber, RecipientRule};
use pmh_core::subsidy::copayment::CopayRequest;
use pmh_core::subsidy::eligibility::{check_eligibility, Visit};
use pmh_core::subsidy::Certificate;
use pmh_core::validate::Issue;
use pmh_core::{calendar, canon, messages};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Arguments of `pmh conformance`.
#[derive(Args, Debug)]
#[command(after_help = "\
Runs every *.json vector file in DIR (default tests/vectors) and prints one
line per failing case, then `N passed, N failed`. Exit code 1 on any failure.
Operations: id.check, date.convert, canonicalize, validate, envelope.seal,
envelope.open, subsidy.eligibility, subsidy.copayment, immunization.evaluate.")]
pub struct ConformanceArgs {
    /// The directory of vector files.
    #[arg(default_value = "tests/vectors")]
    dir: PathBuf,
    /// Print every case, not only failures.
    #[arg(long, short)]
    verbose: bool,
}

/// Runs `pmh conformance`.
pub fn run(args: &ConformanceArgs) -> Status {
    let files = match vector_files(&args.dir) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => {
            return output::fail(
                "conformance.empty",
                "no *.json vector files in the directory",
            )
        }
        Err(e) => return output::fail("io", &format!("cannot read {}: {e}", args.dir.display())),
    };
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in files {
        let text = match std::fs::read(&file) {
            Ok(t) => t,
            Err(e) => return output::fail("io", &format!("cannot read {}: {e}", file.display())),
        };
        let doc = match canon::parse_strict(&text, &crate::input::FILE_LIMITS) {
            Ok(d) => d,
            Err(e) => return output::fail(e.code(), &format!("{}: {e}", file.display())),
        };
        let Some(cases) = doc["cases"].as_array() else {
            return output::fail(
                "conformance.format",
                &format!("{}: no \"cases\" array", file.display()),
            );
        };
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for case in cases {
            let name = case["name"].as_str().unwrap_or("?");
            let operation = case["operation"].as_str().unwrap_or("");
            let actual = pinned(
                operation,
                run_case(operation, &case["input"]),
                &case["expected"],
            );
            if actual == case["expected"] {
                passed += 1;
                if args.verbose {
                    println!("ok    {stem}: {name}");
                }
            } else {
                failed += 1;
                println!("FAIL  {stem}: {name}");
                println!("      expected {}", case["expected"]);
                println!("      actual   {actual}");
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        Status::Ok
    } else {
        Status::Invalid
    }
}

/// `immunization.evaluate` vectors pin `doses` and, optionally, `status` and
/// `nextEarliest`: drop the optional members the case does not state.
fn pinned(operation: &str, mut actual: Value, expected: &Value) -> Value {
    if operation == "immunization.evaluate" {
        if let Some(obj) = actual.as_object_mut() {
            obj.retain(|k, _| k == "doses" || k == "error" || expected.get(k).is_some());
        }
    }
    actual
}

fn vector_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

fn error(code: &str) -> Value {
    json!({ "error": code })
}

/// Issues as compared by the vectors: code, path and severity.
fn issues(list: &[Issue]) -> Value {
    list.iter()
        .map(|i| json!({"code": i.code, "path": i.path, "severity": i.severity.as_str()}))
        .collect()
}

/// The actual outcome of one case.
pub fn run_case(operation: &str, input: &Value) -> Value {
    match operation {
        "id.check" => id_check(input),
        "date.convert" => match calendar::convert(input["value"].as_str().unwrap_or("")) {
            Ok(c) => serde_json::to_value(c).unwrap_or(Value::Null),
            Err(e) => error(e.code()),
        },
        "canonicalize" => {
            match canon::canonicalize_json(input["json"].as_str().unwrap_or("").as_bytes()) {
                Ok(bytes) => json!({ "canonical": String::from_utf8_lossy(&bytes) }),
                Err(e) => error(e.code()),
            }
        }
        "validate" => {
            match messages::validate(input["type"].as_str().unwrap_or(""), &input["data"]) {
                Some(r) => json!({"ok": r.is_ok(), "issues": issues(r.issues())}),
                None => error("validate.unknown_type"),
            }
        }
        "envelope.seal" => envelope_seal(input).unwrap_or_else(|code| error(&code)),
        "envelope.open" => envelope_open(input).unwrap_or_else(|code| error(&code)),
        "subsidy.eligibility" => eligibility(input).unwrap_or_else(|code| error(&code)),
        "subsidy.copayment" => copayment(input).unwrap_or_else(|code| error(&code)),
        "immunization.evaluate" => immunization(input).unwrap_or_else(|code| error(&code)),
        _ => error("conformance.unknown_operation"),
    }
}

fn id_check(input: &Value) -> Value {
    let mut options = CheckOptions::default();
    match input["rule"].as_str() {
        Some("national") => options.recipient_rule = Some(RecipientRule::National),
        Some("local") => options.recipient_rule = Some(RecipientRule::Local),
        _ => {}
    }
    if let Some(p) = input["payer"].as_str() {
        match PayerNumber::parse(p) {
            Ok(p) => options.payer = Some(p),
            Err(e) => return error(e.code()),
        }
    }
    let kind = input["kind"].as_str().and_then(IdKind::parse);
    let c = ids::check(input["value"].as_str().unwrap_or(""), kind, &options);
    json!({"valid": c.valid, "kind": c.kind, "normalized": c.normalized, "issues": issues(&c.issues)})
}

fn timestamp(v: &Value) -> Result<DateTime<chrono::FixedOffset>, String> {
    DateTime::parse_from_rfc3339(v.as_str().unwrap_or(""))
        .map_err(|_| "conformance.timestamp".to_owned())
}

fn participant(v: &Value) -> Result<ParticipantId, String> {
    ParticipantId::parse(v.as_str().unwrap_or("")).map_err(|e| e.code().to_owned())
}

fn envelope_seal(input: &Value) -> Result<Value, String> {
    let key = SigningKey::from_pkcs8_pem(input["keyPem"].as_str().unwrap_or(""))
        .map_err(|e| e.code().to_owned())?;
    let draft = Draft {
        id: input["id"]
            .as_str()
            .unwrap_or("")
            .parse()
            .map_err(|_| "conformance.id")?,
        message_type: input["type"].as_str().unwrap_or("").to_owned(),
        from: participant(&input["from"])?,
        to: participant(&input["to"])?,
        issued_at: timestamp(&input["issuedAt"])?,
        expires_at: timestamp(&input["expiresAt"])?,
    };
    let envelope = seal_draft(&draft, &input["payload"], &key, &SealOptions::default())
        .map_err(|e| e.code().to_owned())?;
    Ok(json!({ "envelope": envelope.to_json_value() }))
}

fn envelope_open(input: &Value) -> Result<Value, String> {
    let trust = TrustStore::from_value(&input["trust"]).map_err(|e| e.code().to_owned())?;
    let now: DateTime<Utc> = timestamp(&input["now"])?.with_timezone(&Utc);
    let receiver = match input.get("receiver") {
        Some(r) => Some(participant(r)?),
        None => None,
    };
    let options = OpenOptions {
        now: Some(now),
        receiver: receiver.as_ref(),
        allow_unknown_types: input["allowUnknownTypes"].as_bool().unwrap_or(false),
        ..OpenOptions::default()
    };
    let verified = open(
        input["envelope"].as_str().unwrap_or("").as_bytes(),
        &trust,
        &options,
    )
    .map_err(|e| e.code().to_owned())?;
    Ok(json!({
        "ok": true,
        "id": verified.id().hyphenated().to_string(),
        "type": verified.message_type(),
        "from": verified.from().as_str(),
        "to": verified.to().as_str(),
        "payload": verified.payload(),
    }))
}

fn eligibility(input: &Value) -> Result<Value, String> {
    let cert: Certificate = serde_json::from_value(input["certificate"].clone())
        .map_err(|_| "subsidy.certificate.shape")?;
    let visit: Visit =
        serde_json::from_value(input["visit"].clone()).map_err(|_| "subsidy.visit.shape")?;
    let r = check_eligibility(&cert, &visit);
    Ok(json!({
        "eligible": r.eligible,
        "settlement": r.settlement,
        "reasons": r.reasons.iter().map(|r| r.code).collect::<Vec<_>>(),
    }))
}

fn copayment(input: &Value) -> Result<Value, String> {
    let request: CopayRequest =
        serde_json::from_value(input.clone()).map_err(|_| "subsidy.copay.request")?;
    let r = request.compute().map_err(|e| e.code().to_owned())?;
    Ok(json!({
        "totalCost": r.total_cost,
        "insurerPays": r.insurer_pays,
        "patientPays": r.patient_pays,
        "publicPays": r.public_payers.iter().map(|p| p.pays).collect::<Vec<_>>(),
        "charged": r.ledger_entries.iter().map(|e| e.entry.charged).collect::<Vec<_>>(),
    }))
}

fn immunization(input: &Value) -> Result<Value, String> {
    let as_of = calendar::parse_iso_date(input["asOf"].as_str().unwrap_or(""))
        .ok_or("conformance.as_of")?;
    let evaluation =
        pmh_core::immunization::evaluate_json(&input["history"], as_of).map_err(|r| {
            r.issues()
                .first()
                .map_or("immunization.history", |i| i.code)
                .to_owned()
        })?;
    let value = serde_json::to_value(&evaluation).map_err(|_| "conformance.serialize")?;
    let wanted = input["vaccine"].as_str().unwrap_or("");
    let entry = value["vaccines"]
        .as_array()
        .and_then(|vs| vs.iter().find(|v| v["vaccine"] == wanted))
        .ok_or("conformance.vaccine")?;
    let doses: Vec<Value> = entry["doses"]
        .as_array()
        .map(|ds| {
            ds.iter()
                .map(|d| json!({"dose": d["dose"], "routine": d["routine"], "reasons": d["reasons"]}))
                .collect()
        })
        .unwrap_or_default();
    Ok(json!({
        "doses": doses,
        "status": entry["status"],
        "nextEarliest": entry["next"]["earliest"],
    }))
}

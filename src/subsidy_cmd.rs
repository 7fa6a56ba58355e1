//! `pmh subsidy ...`: eligibility and copayment for receipt computers.

use crate::input::{self, ReadError};
use crate::output::{self, Status};
use clap::{Args, Subcommand};
use pmh_core::subsidy::copayment::CopayRequest;
use pmh_core::subsidy::eligibility::{check_eligibility, Visit};
use pmh_core::subsidy::{
    validate_certificate, validate_certificate_at, Certificate, ValidationOptions,
};
use pmh_core::validate::Report;
use serde_json::{json, Value};

/// Arguments of `pmh subsidy`.
#[derive(Args, Debug)]
pub struct SubsidyArgs {
    #[command(subcommand)]
    command: SubsidyCommand,
}

#[derive(Subcommand, Debug)]
enum SubsidyCommand {
    /// Is a certificate eligible at a visit? Prints
    /// {"eligible", "settlement": "window"|"reimbursement"|"none", "reasons": [...]}.
    /// Exit 1 when not eligible or the certificate is invalid.
    Eligibility {
        /// The certificate (PMH registration API fields).
        cert: String,
        /// The visit: {"date": "2024-05-10", "institutionCode": "3618010015", "setting": "outpatient"}.
        visit: String,
    },
    /// Compute a visit's copayment under up to four subsidies and the month's
    /// cap ledgers. Input: {"visit": {"id", "date", "institutionCode",
    /// "setting", "points", "insuranceCopayPercent", "mealCost"?},
    /// "certificates": [...], "ledgers"?: [...], "keepOrder"?: false}.
    /// Prints the split (totalCost, insurerPays, publicPayers, patientPays)
    /// and the ledger entries to record. Exit 1 on invalid input.
    Copay {
        /// The request file (`-` for stdin).
        request: String,
    },
}

/// Runs `pmh subsidy`.
pub fn run(args: &SubsidyArgs) -> Status {
    match &args.command {
        SubsidyCommand::Eligibility { cert, visit } => eligibility(cert, visit),
        SubsidyCommand::Copay { request } => copay(request),
    }
}

pub(crate) fn load(path: &str) -> Result<Value, Status> {
    input::read_json(path).map_err(|e| match e {
        ReadError::Io(e) => output::fail("io", &format!("cannot read {path}: {e}")),
        ReadError::Json(e) => output::fail(e.code(), &format!("{path}: {e}")),
    })
}

fn eligibility(cert_path: &str, visit_path: &str) -> Status {
    let (cert_value, visit_value) = match (load(cert_path), load(visit_path)) {
        (Ok(c), Ok(v)) => (c, v),
        (Err(s), _) | (_, Err(s)) => return s,
    };
    let report = validate_certificate(&cert_value, &ValidationOptions { lenient: true });
    if !report.is_ok() {
        let _ = output::print_line(&json!({"eligible": false, "certificateReport": report}));
        return Status::Invalid;
    }
    let Ok(cert) = serde_json::from_value::<Certificate>(cert_value) else {
        return output::fail(
            "subsidy.certificate.shape",
            "the certificate does not match the model",
        );
    };
    let visit: Visit = match serde_json::from_value(visit_value) {
        Ok(v) => v,
        Err(e) => return shape_error("subsidy.visit.shape", "the visit", &e),
    };
    let result = check_eligibility(&cert, &visit);
    let eligible = result.eligible;
    match output::print_line(&result) {
        Ok(()) if eligible => Status::Ok,
        Ok(()) => Status::Invalid,
        Err(_) => Status::Failure,
    }
}

/// A JSON document that does not match a model: report where, never what
/// (serde's messages can quote the offending value, which may be personal).
fn shape_error(code: &str, what: &str, e: &serde_json::Error) -> Status {
    output::invalid(
        code,
        &format!(
            "{what} does not match the model ({:?} error at line {}, column {})",
            e.classify(),
            e.line(),
            e.column()
        ),
    )
}

fn copay(path: &str) -> Status {
    let value = match load(path) {
        Ok(v) => v,
        Err(s) => return s,
    };
    let mut report = Report::new();
    if let Some(certs) = value.get("certificates").and_then(Value::as_array) {
        let options = ValidationOptions { lenient: true };
        for (i, c) in certs.iter().enumerate() {
            validate_certificate_at(c, &options, &format!("/certificates/{i}"), &mut report);
        }
    }
    if !report.is_ok() {
        let _ = output::print_line(&json!({"ok": false, "report": report}));
        return Status::Invalid;
    }
    let request: CopayRequest = match serde_json::from_value(value) {
        Ok(r) => r,
        Err(e) => return shape_error("subsidy.copay.request", "the copayment request", &e),
    };
    match request.compute() {
        Ok(result) => match output::print_line(&result) {
            Ok(()) => Status::Ok,
            Err(_) => Status::Failure,
        },
        Err(e) => {
            let rule = e.rule();
            let _ = output::print_line(&json!({"ok": false, "error": {
                "code": rule.code, "messageJa": rule.message_ja, "messageEn": rule.message_en}}));
            Status::Invalid
        }
    }
}

//! `pmh subsidy ...`: eligibility and copayment for receipt computers.

use crate::input::{self, ReadError};
use crate::output::{self, Status};
use clap::{Args, Subcommand};
use pmh_core::subsidy::eligibility::{check_eligibility, Visit};
use pmh_core::subsidy::{validate_certificate, Certificate, ValidationOptions};
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
}

/// Runs `pmh subsidy`.
pub fn run(args: &SubsidyArgs) -> Status {
    match &args.command {
        SubsidyCommand::Eligibility { cert, visit } => eligibility(cert, visit),
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
        Err(_) => {
            return output::fail(
                "subsidy.visit.shape",
                "the visit must be {\"date\": \"YYYY-MM-DD\", \"institutionCode\": \"..\", \"setting\": \"outpatient|inpatient|pharmacy\"}",
            )
        }
    };
    let result = check_eligibility(&cert, &visit);
    let eligible = result.eligible;
    match output::print_line(&result) {
        Ok(()) if eligible => Status::Ok,
        Ok(()) => Status::Invalid,
        Err(_) => Status::Failure,
    }
}

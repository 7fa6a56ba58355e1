//! `pmh checkup ...`: derived values and FHIR export of a checkup result (健診結果).

use crate::output::{self, Status};
use crate::subsidy_cmd::load;
use clap::{Args, Subcommand};
use pmh_core::checkup::{assess_result, fhir::fhir_bundle, CheckupOptions};
use serde_json::json;

/// Arguments of `pmh checkup`.
#[derive(Args, Debug)]
pub struct CheckupArgs {
    #[command(subcommand)]
    command: CheckupCommand,
}

#[derive(Subcommand, Debug)]
enum CheckupCommand {
    /// Validate a result and print {"report", "derived"}: age in months, Kaup
    /// index / BMI, 肥満度 and growth bands against the 2023 survey.
    /// Exit 1 when the result has errors.
    Assess {
        /// The result (JSON).
        result: String,
        /// A municipality's judgement codes (判定区分), comma-separated.
        #[arg(long, value_delimiter = ',')]
        judgements: Option<Vec<String>>,
    },
    /// Export a result's measurements as a FHIR Bundle of JP Core
    /// BodyMeasurement Observations (MEDIS + LOINC codes).
    Fhir {
        /// The result (JSON).
        result: String,
        /// The FHIR subject reference, e.g. Patient/123 or urn:uuid:....
        #[arg(long, default_value = "Patient/subject")]
        subject: String,
        /// A municipality's judgement codes (判定区分), comma-separated.
        #[arg(long, value_delimiter = ',')]
        judgements: Option<Vec<String>>,
    },
}

fn options(judgements: Option<&Vec<String>>) -> CheckupOptions {
    CheckupOptions {
        judgement_codes: judgements.cloned(),
        today: None,
    }
}

/// Runs `pmh checkup`.
pub fn run(args: &CheckupArgs) -> Status {
    match &args.command {
        CheckupCommand::Assess { result, judgements } => {
            let value = match load(result) {
                Ok(v) => v,
                Err(s) => return s,
            };
            let assessment = assess_result(&value, &options(judgements.as_ref()));
            let ok = assessment.report.is_ok();
            match output::print_pretty(&assessment) {
                Ok(()) if ok => Status::Ok,
                Ok(()) => Status::Invalid,
                Err(_) => Status::Failure,
            }
        }
        CheckupCommand::Fhir {
            result,
            subject,
            judgements,
        } => {
            let value = match load(result) {
                Ok(v) => v,
                Err(s) => return s,
            };
            match fhir_bundle(&value, &options(judgements.as_ref()), subject) {
                Ok(bundle) => match output::print_pretty(&bundle) {
                    Ok(()) => Status::Ok,
                    Err(_) => Status::Failure,
                },
                Err(report) => {
                    let _ = output::print_pretty(&json!({"ok": false, "report": report}));
                    Status::Invalid
                }
            }
        }
    }
}

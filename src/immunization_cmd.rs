//! `pmh immunization ...`: evaluate a vaccination history against the routine schedule.

use crate::output::{self, Status};
use crate::subsidy_cmd::load;
use clap::{Args, Subcommand};
use pmh_core::calendar::parse_iso_date;
use pmh_core::immunization::evaluate_json;
use serde_json::json;

/// Arguments of `pmh immunization`.
#[derive(Args, Debug)]
pub struct ImmunizationArgs {
    #[command(subcommand)]
    command: ImmunizationCommand,
}

#[derive(Subcommand, Debug)]
enum ImmunizationCommand {
    /// Evaluate a history (定期接種の評価・予測): per vaccine, each dose
    /// (routine or not, with reasons), the series status and the next dose
    /// (earliest / recommendedFrom / recommendedTo / latest).
    ///
    /// HISTORY is {"birthDate", "sex"?, "doses": [{"vaccine", "product"?, "date"}],
    /// "conditions"?: [...]}. Exit 1 when the history is invalid (its report is
    /// printed instead).
    Evaluate {
        /// The history file (`-` for stdin).
        history: String,
        /// Evaluation date, YYYY-MM-DD (default: today).
        #[arg(long = "as-of", value_name = "DATE")]
        as_of: Option<String>,
        /// Pretty-print the JSON.
        #[arg(long)]
        pretty: bool,
    },
}

/// Runs `pmh immunization`.
pub fn run(args: &ImmunizationArgs) -> Status {
    match &args.command {
        ImmunizationCommand::Evaluate {
            history,
            as_of,
            pretty,
        } => evaluate(history, as_of.as_deref(), *pretty),
    }
}

fn evaluate(path: &str, as_of: Option<&str>, pretty: bool) -> Status {
    let as_of = match as_of {
        None => chrono::Local::now().date_naive(),
        Some(s) => match parse_iso_date(s) {
            Some(d) => d,
            None => {
                return output::fail("usage.as_of", "--as-of must be a date in YYYY-MM-DD form")
            }
        },
    };
    let value = match load(path) {
        Ok(v) => v,
        Err(status) => return status,
    };
    let (printed, status) = match evaluate_json(&value, as_of) {
        Ok(evaluation) if pretty => (output::print_pretty(&evaluation), Status::Ok),
        Ok(evaluation) => (output::print_line(&evaluation), Status::Ok),
        Err(report) => (
            output::print_line(&json!({"ok": false, "historyReport": report})),
            Status::Invalid,
        ),
    };
    match printed {
        Ok(()) => status,
        Err(_) => Status::Failure,
    }
}

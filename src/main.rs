//! `pmh`: the command-line tool of pmh.
//!
//! Every subcommand prints JSON on stdout and exits with
//! 0 = ok, 1 = invalid input found, 2 = usage or I/O error.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod checkup_cmd;
mod conformance;
mod date_cmd;
mod demo;
mod demo_checkup;
mod demo_immunization;
mod demo_subsidy;
mod envelope_cmd;
mod id_cmd;
mod immunization_cmd;
mod input;
mod output;
mod subsidy_cmd;
mod validate_cmd;

/// pmh — Public Medical Hub data tools: identifiers, era dates, validation,
/// signed envelopes.
///
/// Output is JSON on stdout. Exit codes: 0 = ok, 1 = invalid input found,
/// 2 = usage or I/O error.
#[derive(Parser, Debug)]
#[command(name = "pmh", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check identifiers (公費負担者番号, 受給者番号, 保険者番号, 医療機関コード,
    /// 地方公共団体コード, 個人番号): one JSON object per value.
    Id(id_cmd::IdArgs),
    /// Convert a date between Japanese era forms (R6.4.1, 令和6年4月1日,
    /// 5060401) and ISO 8601 (2024-04-01).
    Date(date_cmd::DateArgs),
    /// Validate records or message payloads of a type: one report per record.
    Validate(validate_cmd::ValidateArgs),
    /// Medical subsidies (医療費助成): eligibility and copayment.
    Subsidy(subsidy_cmd::SubsidyArgs),
    /// Immunization (予防接種): evaluate a history against the routine schedule.
    Immunization(immunization_cmd::ImmunizationArgs),
    /// Maternal and child checkups (母子保健): derived values, FHIR export.
    Checkup(checkup_cmd::CheckupArgs),
    /// Run the conformance vectors (tests/vectors) against this build.
    Conformance(conformance::ConformanceArgs),
    /// Run the main job on bundled sample data and print a readable summary.
    Demo(demo::DemoArgs),
    /// Generate a signing key (PKCS#8) and its public JWK.
    Keygen(envelope_cmd::KeygenArgs),
    /// Manage a trust store (participants and their public keys).
    Trust(envelope_cmd::TrustArgs),
    /// Seal a payload in a signed envelope.
    Seal(envelope_cmd::SealArgs),
    /// Verify a signed envelope and apply the acceptance policy.
    Open(envelope_cmd::OpenArgs),
    /// Print the RFC 8785 (JCS) canonical form of a JSON document.
    Canon(envelope_cmd::CanonArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Id(args) => id_cmd::run(&args),
        Command::Date(args) => date_cmd::run(&args),
        Command::Validate(args) => validate_cmd::run(&args),
        Command::Subsidy(args) => subsidy_cmd::run(&args),
        Command::Immunization(args) => immunization_cmd::run(&args),
        Command::Checkup(args) => checkup_cmd::run(&args),
        Command::Conformance(args) => conformance::run(&args),
        Command::Demo(args) => demo::run(&args),
        Command::Keygen(args) => envelope_cmd::run_keygen(&args),
        Command::Trust(args) => envelope_cmd::run_trust(&args),
        Command::Seal(args) => envelope_cmd::run_seal(&args),
        Command::Open(args) => envelope_cmd::run_open(&args),
        Command::Canon(args) => envelope_cmd::run_canon(&args),
    };
    status.into()
}

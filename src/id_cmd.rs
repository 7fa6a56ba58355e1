//! `pmh id`: check and normalize identifiers.

use crate::output::{self, Status};
use clap::{Args, ValueEnum};
use pmh_core::ids::{self, CheckOptions, IdKind, PayerNumber, RecipientRule};

/// Arguments of `pmh id`.
#[derive(Args, Debug)]
#[command(after_help = "\
Prints one JSON object per value, one per line:
  {\"valid\": true, \"kind\": \"payer\", \"normalized\": \"88134457\", \"issues\": []}

Without --kind the kind is guessed from the shape (10 digits: institution,
7: recipient, 8: payer or insurer, 6: municipality or 国保 insurer). A
12-digit My Number is only checked with --kind mynumber, and its normalized
form is masked (********3214): pmh never prints a full My Number.

Examples:
  pmh id 88134457 3618010015 131016
  pmh id --kind recipient --payer 54136015 1234566
  pmh id --kind mynumber 983205673214")]
pub struct IdArgs {
    /// Values to check (full-width digits are accepted and normalized).
    #[arg(required = true)]
    values: Vec<String>,
    /// The identifier kind; guessed from the shape when omitted.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// For recipient numbers: the 公費負担者番号 (payer number) of the
    /// certificate; a national 法別番号 means the 7-digit check-digit rule.
    #[arg(long, value_name = "PAYER")]
    payer: Option<String>,
    /// For recipient numbers: apply the local-scheme rule (up to 30
    /// characters, no check digit) instead of the national one.
    #[arg(long, conflicts_with = "payer")]
    local: bool,
}

/// Identifier kinds on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum KindArg {
    /// 公費負担者番号 (8 digits).
    Payer,
    /// 公費受給者番号 (7 digits national, up to 30 characters local).
    Recipient,
    /// 保険者番号 (8 digits, or 6 for 国保).
    Insurer,
    /// 医療機関コード (10 digits).
    Institution,
    /// 全国地方公共団体コード (6 digits).
    Municipality,
    /// 個人番号 / My Number (12 digits; output masked).
    Mynumber,
}

impl From<KindArg> for IdKind {
    fn from(k: KindArg) -> IdKind {
        match k {
            KindArg::Payer => IdKind::Payer,
            KindArg::Recipient => IdKind::Recipient,
            KindArg::Insurer => IdKind::Insurer,
            KindArg::Institution => IdKind::Institution,
            KindArg::Municipality => IdKind::Municipality,
            KindArg::Mynumber => IdKind::Mynumber,
        }
    }
}

/// Runs `pmh id`.
pub fn run(args: &IdArgs) -> Status {
    let mut options = CheckOptions::default();
    if args.local {
        options.recipient_rule = Some(RecipientRule::Local);
    }
    if let Some(payer) = &args.payer {
        match PayerNumber::parse(payer) {
            Ok(p) => options.payer = Some(p),
            Err(e) => {
                return output::fail(
                    "usage.payer",
                    &format!("--payer is not a valid 公費負担者番号 ({})", e.code()),
                )
            }
        }
    }
    let kind = args.kind.map(IdKind::from);
    let mut status = Status::Ok;
    for value in &args.values {
        let result = ids::check(value, kind, &options);
        if !result.valid {
            status = status.worst(Status::Invalid);
        }
        if output::print_line(&result).is_err() {
            return Status::Failure;
        }
    }
    status
}

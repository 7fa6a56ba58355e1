//! `pmh date`: convert between Japanese era forms and ISO dates.

use crate::output::{self, Status};
use clap::Args;
use pmh_core::calendar;

/// Arguments of `pmh date`.
#[derive(Args, Debug)]
#[command(after_help = "\
Accepts an ISO date (2024-04-01) or any era form: R6.4.1, R06.04.01,
令和6年4月1日, 令和元年5月1日, or the receipt form GYYMMDD (5060401; era
codes 1 明治, 2 大正, 3 昭和, 4 平成, 5 令和). Prints every form:
  {\"iso\":\"2024-04-01\",\"era\":\"令和\",\"eraYear\":6,\"short\":\"R6.4.1\",
   \"kanji\":\"令和6年4月1日\",\"receipt\":\"5060401\",\"fiscalYear\":2024}
A date outside its era (平成31年5月1日) is rejected with exit code 1.")]
pub struct DateArgs {
    /// The date to convert.
    value: String,
}

/// Runs `pmh date`.
pub fn run(args: &DateArgs) -> Status {
    match calendar::convert(&args.value) {
        Ok(conv) => match output::print_line(&conv) {
            Ok(()) => Status::Ok,
            Err(_) => Status::Failure,
        },
        Err(e) => {
            let rule = e.rule();
            let _ = output::print_line(&serde_json::json!({
                "ok": false,
                "error": {
                    "code": rule.code,
                    "messageJa": rule.message_ja,
                    "messageEn": rule.message_en,
                }
            }));
            Status::Invalid
        }
    }
}

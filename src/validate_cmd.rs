//! `pmh validate --type T FILE`: one report per record.

use crate::input::{self, FILE_LIMITS};
use crate::output::{self, Status};
use clap::Args;
use pmh_core::canon::{self, JsonError};
use pmh_core::validate::Report;
use pmh_core::{messages, subsidy};
use serde::Serialize;
use serde_json::Value;
use std::io::{self, BufRead, Write};

/// Arguments of `pmh validate`.
#[derive(Args, Debug)]
#[command(after_help = "\
FILE holds one record, a JSON array of records, or NDJSON (one record per
line; assumed for .ndjson/.jsonl names, with --ndjson, or when the file is not
one JSON document). `-` reads stdin. Prints one report per record, one per line:
  {\"record\":0,\"ok\":false,\"errors\":1,\"warnings\":0,\"issues\":[{\"code\":...,\"path\":...}]}
Exit code 1 when any record has errors.

Types: record types (subsidy.certificate) and message payload types
(subsidy.certificate.register, subsidy.eligibility.query, ...); see --list.")]
pub struct ValidateArgs {
    /// The record or message type.
    #[arg(long = "type", value_name = "TYPE", required_unless_present = "list")]
    type_name: Option<String>,
    /// The file to validate (`-` for stdin).
    #[arg(required_unless_present = "list")]
    file: Option<String>,
    /// Read NDJSON (one record per line), streaming.
    #[arg(long)]
    ndjson: bool,
    /// Lenient check digits for local subsidy schemes (warnings, not errors).
    #[arg(long)]
    lenient: bool,
    /// List the known types and exit.
    #[arg(long)]
    list: bool,
}

#[derive(Serialize)]
struct RecordReport<'a> {
    record: usize,
    #[serde(flatten)]
    report: &'a Report,
}

/// Runs `pmh validate`.
pub fn run(args: &ValidateArgs) -> Status {
    if args.list {
        for t in messages::RECORD_TYPES.iter().chain(messages::MESSAGE_TYPES) {
            println!("{:<32} {}", t.name, t.summary);
        }
        return Status::Ok;
    }
    let (Some(type_name), Some(file)) = (args.type_name.as_deref(), args.file.as_deref()) else {
        return output::fail("usage", "--type and FILE are required");
    };
    let Some(validator) = validator(type_name, args.lenient) else {
        return output::fail("usage.type", "unknown --type (see pmh validate --list)");
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut status = Status::Ok;
    let mut emit = |index: usize, report: &Report| -> io::Result<()> {
        if !report.is_ok() {
            status = Status::Invalid;
        }
        serde_json::to_writer(
            &mut out,
            &RecordReport {
                record: index,
                report,
            },
        )?;
        out.write_all(b"\n")
    };

    let result = if args.ndjson || input::is_ndjson_name(file) {
        stream_ndjson(file, &validator, &mut emit)
    } else {
        match input::read_all(file) {
            Err(e) => return output::fail("io", &format!("cannot read {file}: {e}")),
            Ok(bytes) => match canon::parse_strict(&bytes, &FILE_LIMITS) {
                Ok(Value::Array(items)) if !is_message(type_name) => items
                    .iter()
                    .enumerate()
                    .try_for_each(|(i, v)| emit(i, &validator(v))),
                Ok(value) => emit(0, &validator(&value)),
                // Not one document: read it as NDJSON.
                Err(JsonError::Syntax { .. }) => {
                    lines(io::Cursor::new(bytes), &validator, &mut emit)
                }
                Err(e) => emit(0, &Report::from_json_error(&e)),
            },
        }
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) => status,
        Err(e) => output::fail("io", &format!("{e}")),
    }
}

type Validator = Box<dyn Fn(&Value) -> Report>;

fn is_message(name: &str) -> bool {
    messages::message_type(name).is_some()
}

fn validator(name: &str, lenient: bool) -> Option<Validator> {
    if name == "subsidy.certificate" {
        let options = subsidy::ValidationOptions { lenient };
        return Some(Box::new(move |v| {
            subsidy::validate_certificate(v, &options)
        }));
    }
    if name == "subsidy.certificate.register" {
        let options = subsidy::ValidationOptions { lenient };
        return Some(Box::new(move |v| {
            subsidy::messages::validate_register_with(v, &options)
        }));
    }
    let t = messages::message_type(name).or_else(|| messages::record_type(name))?;
    Some(Box::new(t.validate))
}

fn stream_ndjson(
    file: &str,
    validator: &Validator,
    emit: &mut dyn FnMut(usize, &Report) -> io::Result<()>,
) -> io::Result<()> {
    let reader = input::open(file)?;
    lines(reader, validator, emit)
}

/// One record per non-blank line; a bad line is reported and the rest go on.
fn lines(
    reader: impl BufRead,
    validator: &Validator,
    emit: &mut dyn FnMut(usize, &Report) -> io::Result<()>,
) -> io::Result<()> {
    let mut index = 0;
    for line in reader.split(b'\n') {
        let line = line?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let report = match canon::parse_strict(&line, &canon::Limits::default()) {
            Ok(v) => validator(&v),
            Err(e) => Report::from_json_error(&e),
        };
        emit(index, &report)?;
        index += 1;
    }
    Ok(())
}

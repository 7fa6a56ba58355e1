//! Exit codes and JSON output shared by every subcommand.

use serde::Serialize;
use std::io::{self, Write};
use std::process::ExitCode;

/// The exit status of a subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 0: everything valid.
    Ok,
    /// 1: invalid input was found (and reported on stdout).
    Invalid,
    /// 2: usage or I/O error.
    Failure,
}

impl Status {
    /// The worse of two statuses.
    pub fn worst(self, other: Status) -> Status {
        use Status::*;
        match (self, other) {
            (Failure, _) | (_, Failure) => Failure,
            (Invalid, _) | (_, Invalid) => Invalid,
            _ => Ok,
        }
    }
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(match s {
            Status::Ok => 0,
            Status::Invalid => 1,
            Status::Failure => 2,
        })
    }
}

/// Writes one JSON value on its own line to stdout.
pub fn print_line<T: Serialize>(value: &T) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    serde_json::to_writer(&mut out, value)?;
    out.write_all(b"\n")
}

/// Writes one JSON value pretty-printed to stdout.
pub fn print_pretty<T: Serialize>(value: &T) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n")
}

/// Invalid input that could not even be read as its model: reported like
/// [`fail`], but with exit code 1 (invalid input), not 2.
pub fn invalid(code: &str, message: &str) -> Status {
    fail(code, message);
    Status::Invalid
}

/// A usage or I/O error reported as JSON on stdout (and a line on stderr).
pub fn fail(code: &str, message: &str) -> Status {
    eprintln!("pmh: {message}");
    let _ = print_line(&serde_json::json!({
        "ok": false,
        "error": { "code": code, "message": message }
    }));
    Status::Failure
}

//! Many envelopes at once: parallel across cores (rayon), and NDJSON streams
//! processed in bounded chunks so memory stays flat however long the input.
//!
//! Stream output has one line per non-blank input line, in input order:
//! - open: `{"ok":true,"line":N,"envelope":{…}}` or `{"ok":false,"line":N,"error":{"code":…,"message":…}}`
//! - seal: the envelope itself, or `{"ok":false,"line":N,"error":{…}}` (an
//!   envelope never has an `ok` member, so the two cannot be confused).
//!
//! A bad line never loses the others. Lines longer than the size limit are
//! skipped without being held in memory (`envelope.too_large`).
//!
//! With a [`super::ReplayGuard`], two copies of one id in the same chunk race:
//! exactly one is accepted, but which one is not specified.

use super::{
    open, seal, OpenError, OpenOptions, ParticipantId, SealError, SealOptions, SigningKey,
    TrustStore,
};
use super::{Envelope, Verified};
use crate::canon::parse_strict;
use chrono::Duration;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::io::{self, BufRead, Write};

/// Default number of lines processed per parallel chunk.
pub const DEFAULT_CHUNK_LINES: usize = 1024;

/// At most this many input bytes are buffered per chunk (the chunk ends early).
pub const MAX_CHUNK_BYTES: usize = 64 * 1024 * 1024;

/// Routing shared by every envelope of a sealing batch.
///
/// ```
/// use chrono::Duration;
/// use pmh_core::envelope::batch::Route;
/// use pmh_core::envelope::ParticipantId;
///
/// let from = ParticipantId::parse("hub:a").unwrap();
/// let to = ParticipantId::parse("hub:b").unwrap();
/// let route = Route { message_type: "test.ping", from: &from, to: &to, ttl: Duration::hours(1) };
/// assert_eq!(route.ttl, Duration::hours(1));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Route<'a> {
    /// Message type of every envelope.
    pub message_type: &'a str,
    /// Sender.
    pub from: &'a ParticipantId,
    /// Receiver.
    pub to: &'a ParticipantId,
    /// Lifetime of each envelope from its sealing.
    pub ttl: Duration,
}

/// Counts of a stream run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Non-blank input lines processed.
    pub lines: usize,
    /// Lines that succeeded.
    pub ok: usize,
    /// Lines that failed.
    pub failed: usize,
}

/// Opens every input in parallel; results are in input order.
///
/// ```
/// use pmh_core::envelope::batch::open_many;
/// use pmh_core::envelope::{OpenOptions, TrustStore};
///
/// let results = open_many(&[b"{}".as_slice(), b"[".as_slice()], &TrustStore::new(), &OpenOptions::default());
/// assert_eq!(results[0].as_ref().unwrap_err().code(), "envelope.structure");
/// assert_eq!(results[1].as_ref().unwrap_err().code(), "envelope.json");
/// ```
pub fn open_many<B: AsRef<[u8]> + Sync>(
    inputs: &[B],
    trust: &TrustStore,
    options: &OpenOptions<'_>,
) -> Vec<Result<Verified<Envelope>, OpenError>> {
    inputs
        .par_iter()
        .map(|b| open(b.as_ref(), trust, options))
        .collect()
}

/// Seals every payload in parallel with the same route and key; results are in input order.
///
/// ```
/// use chrono::Duration;
/// use pmh_core::envelope::batch::{seal_many, Route};
/// use pmh_core::envelope::{Algorithm, ParticipantId, SealOptions, SigningKey};
///
/// let key = SigningKey::generate(Algorithm::EdDSA).unwrap();
/// let (a, b) = (ParticipantId::parse("hub:a").unwrap(), ParticipantId::parse("hub:b").unwrap());
/// let route = Route { message_type: "test.ping", from: &a, to: &b, ttl: Duration::hours(1) };
/// let options = SealOptions { allow_unknown_types: true, ..SealOptions::default() };
/// let out = seal_many(&[serde_json::json!({"n": 1}), serde_json::json!([])], &route, &key, &options);
/// assert!(out[0].is_ok());
/// assert_eq!(out[1].as_ref().unwrap_err().code(), "envelope.structure");
/// ```
pub fn seal_many(
    payloads: &[Value],
    route: &Route<'_>,
    key: &SigningKey,
    options: &SealOptions<'_>,
) -> Vec<Result<Envelope, SealError>> {
    payloads
        .par_iter()
        .map(|p| {
            seal(
                p,
                route.message_type,
                route.from,
                route.to,
                route.ttl,
                key,
                options,
            )
        })
        .collect()
}

/// Opens an NDJSON stream of envelopes, writing one result line per input line.
///
/// ```
/// use pmh_core::envelope::batch::open_ndjson;
/// use pmh_core::envelope::{OpenOptions, TrustStore};
///
/// let input = b"{}\n\nnot json\n";
/// let mut out = Vec::new();
/// let summary = open_ndjson(&input[..], &mut out, &TrustStore::new(), &OpenOptions::default(), 1024).unwrap();
/// assert_eq!((summary.lines, summary.failed), (2, 2));
/// let text = String::from_utf8(out).unwrap();
/// let lines: Vec<&str> = text.lines().collect();
/// assert!(lines[1].contains(r#""line":3"#) && lines[1].contains("envelope.json"));
/// ```
pub fn open_ndjson<R: BufRead, W: Write>(
    input: R,
    output: W,
    trust: &TrustStore,
    options: &OpenOptions<'_>,
    chunk_lines: usize,
) -> io::Result<Summary> {
    stream(
        input,
        output,
        options.limits.max_bytes,
        chunk_lines,
        |line, bytes| match bytes {
            None => (false, error_line(line, &OpenError::TooLarge)),
            Some(bytes) => match open(bytes, trust, options) {
                Ok(v) => (
                    true,
                    json!({"ok": true, "line": line, "envelope": v.get()}).to_string(),
                ),
                Err(e) => (false, error_line(line, &e)),
            },
        },
    )
}

/// Seals an NDJSON stream of payloads (one JSON object per line), writing one
/// envelope (or error) line per input line.
///
/// ```
/// use chrono::Duration;
/// use pmh_core::envelope::batch::{seal_ndjson, Route};
/// use pmh_core::envelope::{Algorithm, ParticipantId, SealOptions, SigningKey};
///
/// let key = SigningKey::generate(Algorithm::ES256).unwrap();
/// let (a, b) = (ParticipantId::parse("hub:a").unwrap(), ParticipantId::parse("hub:b").unwrap());
/// let route = Route { message_type: "test.ping", from: &a, to: &b, ttl: Duration::hours(1) };
/// let options = SealOptions { allow_unknown_types: true, ..SealOptions::default() };
/// let mut out = Vec::new();
/// let s = seal_ndjson(&b"{\"n\":1}\n{\"n\":1,\"n\":2}\n"[..], &mut out, &route, &key, &options, 16).unwrap();
/// assert_eq!((s.ok, s.failed), (1, 1));
/// ```
pub fn seal_ndjson<R: BufRead, W: Write>(
    input: R,
    output: W,
    route: &Route<'_>,
    key: &SigningKey,
    options: &SealOptions<'_>,
    chunk_lines: usize,
) -> io::Result<Summary> {
    let limits = crate::canon::Limits::default();
    stream(
        input,
        output,
        limits.max_bytes,
        chunk_lines,
        |line, bytes| {
            let Some(bytes) = bytes else {
                return (
                    false,
                    error_json(
                        line,
                        "envelope.too_large",
                        "the payload exceeds the size limit",
                    ),
                );
            };
            let payload = match parse_strict(bytes, &limits) {
                Ok(p) => p,
                Err(e) => return (false, error_json(line, e.code(), &e.to_string())),
            };
            match seal(
                &payload,
                route.message_type,
                route.from,
                route.to,
                route.ttl,
                key,
                options,
            ) {
                Ok(env) => (true, env.to_json_string()),
                Err(e) => (false, error_line(line, &e)),
            }
        },
    )
}

fn error_line<E: serde::Serialize>(line: usize, error: &E) -> String {
    json!({"ok": false, "line": line, "error": error}).to_string()
}

fn error_json(line: usize, code: &str, message: &str) -> String {
    json!({"ok": false, "line": line, "error": {"code": code, "message": message}}).to_string()
}

/// One input line: its 1-based number and its bytes (`None` when over the limit).
type Line = (usize, Option<Vec<u8>>);

/// The chunked engine: read ≤ `chunk_lines` lines, process them in parallel,
/// write the results in order, repeat.
fn stream<R, W, F>(
    mut input: R,
    mut output: W,
    max_line: usize,
    chunk_lines: usize,
    work: F,
) -> io::Result<Summary>
where
    R: BufRead,
    W: Write,
    F: Fn(usize, Option<&[u8]>) -> (bool, String) + Sync,
{
    let chunk_lines = chunk_lines.max(1);
    let mut summary = Summary::default();
    let mut line_no = 0usize;
    let mut chunk: Vec<Line> = Vec::with_capacity(chunk_lines);
    loop {
        chunk.clear();
        let mut chunk_bytes = 0usize;
        let mut eof = false;
        while chunk.len() < chunk_lines && chunk_bytes < MAX_CHUNK_BYTES {
            match read_line_bounded(&mut input, max_line)? {
                None => {
                    eof = true;
                    break;
                }
                Some(line) => {
                    line_no += 1;
                    if let Some(bytes) = &line {
                        if bytes.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        chunk_bytes += bytes.len();
                    }
                    chunk.push((line_no, line));
                }
            }
        }
        let results: Vec<(bool, String)> = chunk
            .par_iter()
            .map(|(n, bytes)| work(*n, bytes.as_deref()))
            .collect();
        for (ok, text) in results {
            summary.lines += 1;
            if ok {
                summary.ok += 1;
            } else {
                summary.failed += 1;
            }
            output.write_all(text.as_bytes())?;
            output.write_all(b"\n")?;
        }
        if eof {
            output.flush()?;
            return Ok(summary);
        }
    }
}

/// Reads one line (without `\n` / `\r\n`). `Ok(None)` at end of input;
/// `Ok(Some(None))` when the line exceeded `max` bytes (the rest is skipped
/// without buffering it).
fn read_line_bounded<R: BufRead>(input: &mut R, max: usize) -> io::Result<Option<Option<Vec<u8>>>> {
    let mut line = Vec::new();
    let mut oversize = false;
    let mut read_any = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        read_any = true;
        let (part, used, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], i + 1, true),
            None => (buf, buf.len(), false),
        };
        if !oversize {
            // +1 leaves room for a '\r' that is stripped below.
            if line.len() + part.len() > max.saturating_add(1) {
                oversize = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(part);
            }
        }
        input.consume(used);
        if done {
            break;
        }
    }
    if !read_any {
        return Ok(None);
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    if oversize || line.len() > max {
        return Ok(Some(None));
    }
    Ok(Some(Some(line)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_reader() {
        let mut r = io::BufReader::with_capacity(4, &b"ab\r\ncdefghij\n\nxyz"[..]);
        assert_eq!(
            read_line_bounded(&mut r, 5).unwrap(),
            Some(Some(b"ab".to_vec()))
        );
        assert_eq!(read_line_bounded(&mut r, 5).unwrap(), Some(None));
        assert_eq!(
            read_line_bounded(&mut r, 5).unwrap(),
            Some(Some(Vec::new()))
        );
        assert_eq!(
            read_line_bounded(&mut r, 5).unwrap(),
            Some(Some(b"xyz".to_vec()))
        );
        assert_eq!(read_line_bounded(&mut r, 5).unwrap(), None);
    }
}

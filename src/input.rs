//! Reading JSON documents from files or stdin, strictly (no duplicate keys).

use pmh_core::canon::{self, JsonError, Limits};
use serde_json::Value;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

/// Limits for a whole file given on the command line: the user's own data,
/// so no size limit, but the usual depth limit.
pub const FILE_LIMITS: Limits = Limits {
    max_bytes: usize::MAX,
    max_depth: 64,
};

/// Opens `path` for reading (`-` = stdin).
pub fn open(path: &str) -> io::Result<Box<dyn BufRead>> {
    if path == "-" {
        Ok(Box::new(BufReader::new(io::stdin())))
    } else {
        Ok(Box::new(BufReader::new(File::open(path)?)))
    }
}

/// Reads the whole of `path` (`-` = stdin).
pub fn read_all(path: &str) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    open(path)?.read_to_end(&mut buf)?;
    Ok(buf)
}

/// Why a JSON file could not be read.
pub enum ReadError {
    /// The file could not be read.
    Io(io::Error),
    /// The file is not strict JSON.
    Json(JsonError),
}

/// Reads and strictly parses one JSON document from `path`.
pub fn read_json(path: &str) -> Result<Value, ReadError> {
    let bytes = read_all(path).map_err(ReadError::Io)?;
    canon::parse_strict(&bytes, &FILE_LIMITS).map_err(ReadError::Json)
}

/// Whether the file name says NDJSON (`.ndjson`, `.jsonl`).
pub fn is_ndjson_name(path: &str) -> bool {
    path.ends_with(".ndjson") || path.ends_with(".jsonl")
}

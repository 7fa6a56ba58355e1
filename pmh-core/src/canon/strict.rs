//! Strict JSON parsing: serde_json's parser with a visitor that builds the
//! `Value` itself, so it can refuse duplicate member names and enforce a
//! nesting limit while parsing.

use super::{JsonError, Limits};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};
use std::cell::Cell;
use std::fmt;

/// Parses untrusted JSON bytes strictly into a [`Value`].
///
/// Rejects, in addition to malformed JSON: input over `limits.max_bytes`,
/// nesting over `limits.max_depth`, invalid UTF-8, duplicate member names at
/// any depth, lone surrogate escapes (`"\ud800"`), numbers beyond the double
/// range (`1e400`) and anything after the value but whitespace. Any JSON
/// value, scalars included, is accepted at the top level.
///
/// Integers are kept exactly in the `Value` (as serde_json does); see the
/// [module docs](super) for how [`canonicalize`](super::canonicalize) treats
/// those beyond 2^53.
///
/// ```
/// use pmh_core::canon::{parse_strict, JsonError, Limits};
///
/// let limits = Limits::default();
/// let v = parse_strict(br#"{"a": {"b": 1}, "c": {"b": 2}}"#, &limits).unwrap();
/// assert_eq!(v["c"]["b"], 2);
///
/// assert_eq!(parse_strict(br#"{"a": {"b": 1, "b": 2}}"#, &limits), Err(JsonError::DuplicateKey));
/// assert_eq!(parse_strict(b"[1e400]", &limits), Err(JsonError::NonFinite));
/// assert_eq!(parse_strict(b"\"\xff\"", &limits), Err(JsonError::InvalidUtf8));
/// ```
pub fn parse_strict(bytes: &[u8], limits: &Limits) -> Result<Value, JsonError> {
    check_size(bytes.len(), limits)?;
    // Validating up front lets serde_json skip its own per-string checks
    // (`from_str`) and gives invalid UTF-8 its own error.
    let text = std::str::from_utf8(bytes).map_err(|_| JsonError::InvalidUtf8)?;
    parse(text, limits)
}

/// [`parse_strict`] for text that is already a `&str` (so already UTF-8).
///
/// ```
/// use pmh_core::canon::{parse_strict_str, JsonError, Limits};
///
/// let limits = Limits { max_bytes: 16, max_depth: 1 };
/// assert_eq!(parse_strict_str("[1, 2]", &limits).unwrap(), serde_json::json!([1, 2]));
/// assert_eq!(parse_strict_str("[[1]]", &limits), Err(JsonError::TooDeep));
/// assert_eq!(
///     parse_strict_str("\"0123456789abcdef\"", &limits),
///     Err(JsonError::TooLarge { len: 18, max: 16 })
/// );
/// ```
pub fn parse_strict_str(text: &str, limits: &Limits) -> Result<Value, JsonError> {
    check_size(text.len(), limits)?;
    parse(text, limits)
}

fn check_size(len: usize, limits: &Limits) -> Result<(), JsonError> {
    if len > limits.max_bytes {
        return Err(JsonError::TooLarge {
            len,
            max: limits.max_bytes,
        });
    }
    Ok(())
}

fn parse(text: &str, limits: &Limits) -> Result<Value, JsonError> {
    let ctx = Ctx {
        max_depth: limits.max_depth,
        rejection: Cell::new(None),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let result = ValueSeed {
        ctx: &ctx,
        depth: 0,
    }
    .deserialize(&mut de)
    .and_then(|value| de.end().map(|()| value));
    result.map_err(|err| ctx.rejection.take().unwrap_or_else(|| classify(&err)))
}

/// Maps serde_json's own errors. serde_json exposes no error kind finer than
/// its `Category`, so the few kinds that have their own code are told apart by
/// their fixed message texts (the tests pin each one).
fn classify(err: &serde_json::Error) -> JsonError {
    let message = err.to_string();
    if message.starts_with("lone leading surrogate in hex escape")
        || message.starts_with("unexpected end of hex escape")
    {
        // serde_json uses the second for a high surrogate not followed by `\u`.
        JsonError::LoneSurrogate
    } else if message.starts_with("number out of range") {
        JsonError::NonFinite
    } else if message.starts_with("recursion limit exceeded") {
        JsonError::TooDeep
    } else {
        JsonError::Syntax {
            line: err.line(),
            column: err.column(),
        }
    }
}

/// Shared by all visitors of one parse. A visitor that rejects the input
/// records why here, then returns an opaque serde error to stop the parser.
struct Ctx {
    max_depth: usize,
    rejection: Cell<Option<JsonError>>,
}

impl Ctx {
    fn reject<E: de::Error>(&self, why: JsonError) -> E {
        self.rejection.set(Some(why));
        E::custom("rejected by the strict JSON parser")
    }
}

/// Builds one value found at nesting `depth` (0 for the top level).
#[derive(Clone, Copy)]
struct ValueSeed<'a> {
    ctx: &'a Ctx,
    depth: usize,
}

impl ValueSeed<'_> {
    /// The seed for the members of a container at this level, or an error if
    /// opening one here exceeds the limit.
    fn enter<E: de::Error>(self) -> Result<Self, E> {
        let depth = self.depth + 1;
        if depth > self.ctx.max_depth {
            return Err(self.ctx.reject(JsonError::TooDeep));
        }
        Ok(ValueSeed {
            ctx: self.ctx,
            depth,
        })
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        // serde_json already refuses out-of-range numbers; this keeps the
        // guarantee if it ever hands over a non-finite value.
        match Number::from_f64(v) {
            Some(n) => Ok(Value::Number(n)),
            None => Err(self.ctx.reject(JsonError::NonFinite)),
        }
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.enter()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let inner = self.enter()?;
        let mut map = Map::new();
        while let Some(name) = access.next_key::<String>()? {
            match map.entry(name) {
                Entry::Occupied(_) => return Err(self.ctx.reject(JsonError::DuplicateKey)),
                Entry::Vacant(slot) => {
                    slot.insert(access.next_value_seed(inner)?);
                }
            }
        }
        Ok(Value::Object(map))
    }
}

//! Participant ids (参加者ID): who sends and receives envelopes.

use crate::ids::{InstitutionCode, MunicipalityCode};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// The kind of a PMH participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParticipantKind {
    /// 地方公共団体 (municipality), id `municipality:<6-digit 地方公共団体コード>`.
    Municipality,
    /// 医療機関 (medical institution), id `institution:<10-digit 医療機関コード>`.
    Institution,
    /// A hub operator or service, id `hub:<name>`.
    Hub,
}

impl ParticipantKind {
    /// The id prefix without its colon (`"municipality"`, `"institution"`, `"hub"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            ParticipantKind::Municipality => "municipality",
            ParticipantKind::Institution => "institution",
            ParticipantKind::Hub => "hub",
        }
    }
}

/// Why a participant id was rejected. Never contains the rejected text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParticipantError {
    /// Not `municipality:…`, `institution:…` or `hub:…`.
    #[error("participant id must be municipality:<code>, institution:<code> or hub:<name>")]
    Syntax,
    /// The 地方公共団体コード or 医療機関コード is invalid; carries the `ids` code.
    #[error("participant code is invalid ({0})")]
    Code(&'static str),
    /// The hub name is not 1–63 characters of `a-z 0-9 . _ -` starting with a letter or digit.
    #[error("hub name must be 1-63 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit")]
    HubName,
}

impl ParticipantError {
    /// Stable machine-readable code (`participant.syntax`, `participant.code`, `participant.hub_name`).
    pub const fn code(&self) -> &'static str {
        match self {
            ParticipantError::Syntax => "participant.syntax",
            ParticipantError::Code(_) => "participant.code",
            ParticipantError::HubName => "participant.hub_name",
        }
    }
}

/// A validated participant id: `municipality:<6-digit 地方公共団体コード>`,
/// `institution:<10-digit 医療機関コード>` or `hub:<name>`.
///
/// Codes are checked with [`crate::ids`] (check digits included). Hub names are
/// lower case (`[a-z0-9][a-z0-9._-]{0,62}`) so that two spellings can never
/// name the same participant.
///
/// ```
/// use pmh_core::envelope::{ParticipantId, ParticipantKind};
///
/// let hub = ParticipantId::parse("hub:pmh").unwrap();
/// assert_eq!(hub.kind(), ParticipantKind::Hub);
/// assert_eq!(hub.code(), "pmh");
/// assert_eq!(hub.to_string(), "hub:pmh");
/// assert_eq!(ParticipantId::parse("hub:PMH").unwrap_err().code(), "participant.hub_name");
/// assert_eq!(ParticipantId::parse("clinic:1").unwrap_err().code(), "participant.syntax");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParticipantId {
    kind: ParticipantKind,
    text: String,
}

impl ParticipantId {
    /// Parses and validates a participant id.
    pub fn parse(text: &str) -> Result<ParticipantId, ParticipantError> {
        let (prefix, rest) = text.split_once(':').ok_or(ParticipantError::Syntax)?;
        // The ids parsers accept full-width digits; an envelope must carry the
        // canonical ASCII form, so the text must equal what the parser gives back.
        let kind = match prefix {
            "municipality" => {
                let code =
                    MunicipalityCode::parse(rest).map_err(|e| ParticipantError::Code(e.code()))?;
                if code.as_str() != rest {
                    return Err(ParticipantError::Syntax);
                }
                ParticipantKind::Municipality
            }
            "institution" => {
                let code =
                    InstitutionCode::parse(rest).map_err(|e| ParticipantError::Code(e.code()))?;
                if code.as_str() != rest {
                    return Err(ParticipantError::Syntax);
                }
                ParticipantKind::Institution
            }
            "hub" => {
                if !valid_hub_name(rest) {
                    return Err(ParticipantError::HubName);
                }
                ParticipantKind::Hub
            }
            _ => return Err(ParticipantError::Syntax),
        };
        Ok(ParticipantId {
            kind,
            text: text.to_owned(),
        })
    }

    /// The kind of participant.
    pub fn kind(&self) -> ParticipantKind {
        self.kind
    }

    /// The part after the colon: the code or hub name.
    pub fn code(&self) -> &str {
        &self.text[self.kind.as_str().len() + 1..]
    }

    /// The full id, e.g. `municipality:131016`.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

fn valid_hub_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter().all(|&c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, b'.' | b'_' | b'-')
        })
}

impl fmt::Display for ParticipantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for ParticipantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Participant ids name organisations, not people: safe to show.
        write!(f, "ParticipantId({})", self.text)
    }
}

impl FromStr for ParticipantId {
    type Err = ParticipantError;
    fn from_str(s: &str) -> Result<Self, ParticipantError> {
        ParticipantId::parse(s)
    }
}

impl Serialize for ParticipantId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_rejections() {
        let m = ParticipantId::parse("municipality:131016").unwrap();
        assert_eq!(m.kind(), ParticipantKind::Municipality);
        assert_eq!(m.code(), "131016");
        assert_eq!(
            ParticipantId::parse("municipality:131017")
                .unwrap_err()
                .code(),
            "participant.code"
        );
        assert_eq!(
            ParticipantId::parse("municipality:").unwrap_err().code(),
            "participant.code"
        );
        assert_eq!(
            ParticipantId::parse("institution:12").unwrap_err().code(),
            "participant.code"
        );
        assert!(ParticipantId::parse("institution:3618010015").is_ok());
        assert_eq!(
            ParticipantId::parse("municipality:１３１０１６")
                .unwrap_err()
                .code(),
            "participant.syntax"
        );
        assert_eq!(
            ParticipantId::parse("131016").unwrap_err().code(),
            "participant.syntax"
        );
        assert_eq!(
            ParticipantId::parse("Hub:x").unwrap_err().code(),
            "participant.syntax"
        );
        assert_eq!(
            ParticipantId::parse("hub:").unwrap_err().code(),
            "participant.hub_name"
        );
        assert_eq!(
            ParticipantId::parse("hub:a/b").unwrap_err().code(),
            "participant.hub_name"
        );
        assert_eq!(
            ParticipantId::parse("hub:-a").unwrap_err().code(),
            "participant.hub_name"
        );
        assert!(ParticipantId::parse(&format!("hub:{}", "a".repeat(63))).is_ok());
        assert!(ParticipantId::parse(&format!("hub:{}", "a".repeat(64))).is_err());
        assert!(ParticipantId::parse("hub:pmh.central_1-a").is_ok());
    }
}

//! 公費受給者番号 (recipient number).

use super::digits::{ascii_str, luhn_check_digit, normalize_digit, Sink};
use super::{rules, PayerNumber};

/// Longest 公費受給者番号 accepted: PMH allows up to 30 characters (subsidy.md §6.1).
pub const RECIPIENT_MAX_LEN: usize = 30;

/// Which rule a 公費受給者番号 (recipient number) follows.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum RecipientRule {
    /// 国の制度 (national scheme): exactly 7 digits, Luhn check digit over the first 6.
    National,
    /// 地方単独 (local scheme): 1..=30 半角英数 (ASCII letters and digits), no
    /// check digit required. A 7-digit all-digit value whose Luhn check fails gets
    /// a *warning* `ids.recipient.check_digit` (many local schemes do use the
    /// national layout, so a mismatch is worth a look, but it is not an error).
    Local,
}

impl RecipientRule {
    /// The rule for recipients of `payer`: [`National`](Self::National) when the
    /// payer's 法別番号 is in the national table (subsidy.md §3), otherwise
    /// [`Local`](Self::Local). Local codes are prefecture-scoped (Aomori uses
    /// 41/43/44), so no numeric threshold is used.
    ///
    /// ```
    /// use pmh_core::ids::{PayerNumber, RecipientRule};
    /// let nanbyo: PayerNumber = "54016027".parse().unwrap();
    /// assert_eq!(RecipientRule::for_payer(&nanbyo), RecipientRule::National);
    /// let maruko: PayerNumber = "88134457".parse().unwrap();
    /// assert_eq!(RecipientRule::for_payer(&maruko), RecipientRule::Local);
    /// ```
    pub fn for_payer(payer: &PayerNumber) -> RecipientRule {
        if payer.is_national() {
            RecipientRule::National
        } else {
            RecipientRule::Local
        }
    }
}

/// 公費受給者番号 (recipient number of a public-expense scheme).
///
/// National schemes: 受給者区分 (6 digits) + 検証番号 (check digit, Luhn over the
/// 6; subsidy.md §1.3). Local (地方単独) schemes: 1-30 ASCII letters/digits.
/// Full-width digits are normalized to ASCII (with a warning). Two numbers are
/// equal when both the text and the [`RecipientRule`] they were checked under match.
///
/// ```
/// use pmh_core::ids::{RecipientNumber, RecipientRule};
/// let r = RecipientNumber::parse("1234566", RecipientRule::National).unwrap();
/// assert_eq!(r.check_digit(), Some(6));
/// assert!(RecipientNumber::parse("0000002", RecipientRule::National).is_err());
/// let local = RecipientNumber::parse("AB12345678", RecipientRule::Local).unwrap();
/// assert_eq!(local.as_str(), "AB12345678");
/// assert_eq!(local.check_digit(), None);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecipientNumber {
    bytes: [u8; RECIPIENT_MAX_LEN],
    len: u8,
    rule: RecipientRule,
}

impl RecipientNumber {
    pub(crate) fn validate(input: &str, rule: RecipientRule, sink: Sink<'_>) -> Option<Self> {
        let mut bytes = [0u8; RECIPIENT_MAX_LEN];
        let mut count = 0usize;
        let mut fullwidth = false;
        let mut non_digit = false;
        let mut non_alnum = false;
        for c in input.chars() {
            let b = match normalize_digit(c) {
                Some((b, fw)) => {
                    fullwidth |= fw;
                    b
                }
                None if c.is_ascii_alphanumeric() => {
                    non_digit = true;
                    c as u8
                }
                None => {
                    non_digit = true;
                    non_alnum = true;
                    b'?'
                }
            };
            if count < RECIPIENT_MAX_LEN {
                bytes[count] = b;
            }
            count += 1;
        }
        if fullwidth {
            sink(&rules::FULLWIDTH_DIGITS);
        }
        let mut ok = true;
        match rule {
            RecipientRule::National => {
                if non_digit {
                    sink(&rules::RECIPIENT_NON_DIGIT);
                    ok = false;
                }
                if count != 7 {
                    sink(&rules::RECIPIENT_LENGTH);
                    ok = false;
                }
                if ok && luhn_check_digit(&bytes[..6]) != Some(bytes[6] - b'0') {
                    sink(&rules::RECIPIENT_CHECK_DIGIT);
                    ok = false;
                }
            }
            RecipientRule::Local => {
                if non_alnum {
                    sink(&rules::RECIPIENT_NON_ALPHANUMERIC);
                    ok = false;
                }
                if count == 0 || count > RECIPIENT_MAX_LEN {
                    sink(&rules::RECIPIENT_LENGTH);
                    ok = false;
                }
                if ok
                    && count == 7
                    && !non_digit
                    && luhn_check_digit(&bytes[..6]) != Some(bytes[6] - b'0')
                {
                    // Warning only: local schemes need not carry a check digit.
                    sink(&rules::RECIPIENT_CHECK_DIGIT_LOCAL);
                }
            }
        }
        // count ≤ 30 whenever ok, so it fits in u8.
        ok.then_some(RecipientNumber {
            bytes,
            len: count as u8,
            rule,
        })
    }

    /// The rule this number was validated under.
    pub fn rule(&self) -> RecipientRule {
        self.rule
    }

    /// 検証番号 (check digit) of a national-scheme number; `None` for local ones
    /// (even when they happen to carry one).
    pub fn check_digit(&self) -> Option<u8> {
        (self.rule == RecipientRule::National).then(|| self.bytes[6] - b'0')
    }

    /// The normalized number (ASCII).
    pub fn as_str(&self) -> &str {
        ascii_str(&self.bytes[..usize::from(self.len)])
    }
}

impl std::fmt::Debug for RecipientNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("RecipientNumber")
            .field(&self.as_str())
            .field(&self.rule)
            .finish()
    }
}

impl std::fmt::Display for RecipientNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for RecipientNumber {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl serde::Serialize for RecipientNumber {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

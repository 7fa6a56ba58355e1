//! 判定区分 (judgement categories): not national, so a code list.
//!
//! No national code list exists (reference §3.2, §6 question 7): the
//! 母子健康手帳 uses 健康・要観察 / 要精査, older prefectural manuals
//! 問題なし・要指導・要観察・要精検, Aichi per-item 所見なし/所見あり plus a 医師総合判定,
//! and "異常なし/既医療/要経過観察/要精密検査/要治療" could not be confirmed
//! nationally. pmh ships [`DEFAULT_JUDGEMENTS`] (the prefectural-manual four
//! plus 既医療, which municipal statistics count separately) and lets each
//! municipality supply its own list through
//! [`CheckupOptions::judgement_codes`](super::CheckupOptions::judgement_codes).

use serde::Serialize;

/// One judgement category of a code list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Judgement {
    /// Wire code.
    pub code: &'static str,
    /// Japanese name.
    pub name_ja: &'static str,
    /// English name.
    pub name_en: &'static str,
}

/// pmh's default judgement codes (used when the municipality supplies none).
///
/// ```
/// use pmh_core::checkup::{is_default_judgement, DEFAULT_JUDGEMENTS};
/// assert_eq!(DEFAULT_JUDGEMENTS[0].name_ja, "異常なし");
/// assert!(is_default_judgement("detailed-exam"));
/// assert!(!is_default_judgement("要精検"));
/// ```
pub const DEFAULT_JUDGEMENTS: &[Judgement] = &[
    Judgement {
        code: "no-abnormality",
        name_ja: "異常なし",
        name_en: "no abnormality",
    },
    Judgement {
        code: "guidance",
        name_ja: "要指導",
        name_en: "guidance needed",
    },
    Judgement {
        code: "observation",
        name_ja: "要観察（経過観察）",
        name_en: "follow-up observation",
    },
    Judgement {
        code: "detailed-exam",
        name_ja: "要精密検査",
        name_en: "referral for detailed examination",
    },
    Judgement {
        code: "under-treatment",
        name_ja: "既医療",
        name_en: "already under medical care",
    },
];

/// Whether `code` is one of [`DEFAULT_JUDGEMENTS`].
pub fn is_default_judgement(code: &str) -> bool {
    DEFAULT_JUDGEMENTS.iter().any(|j| j.code == code)
}

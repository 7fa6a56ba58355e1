//! Character classes of Japanese administrative data: 半角英数 (half-width
//! alphanumerics), 半角数字 (half-width digits), 全角カタカナ (full-width
//! katakana) and the conversion of 半角カナ (half-width katakana) to full width.
//!
//! ```
//! use pmh_core::text::{normalize_kana, is_fullwidth_katakana};
//! assert_eq!(normalize_kana("ﾔﾏﾀﾞ ﾊﾟﾝ"), "ヤマダ パン");
//! assert!(is_fullwidth_katakana("ヤマダ　ハナコ"));
//! assert!(!is_fullwidth_katakana("やまだ"));
//! ```

/// 半角英数: ASCII letters and digits only (and not empty).
pub fn is_halfwidth_alnum(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// 半角数字: ASCII digits only (and not empty).
pub fn is_halfwidth_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `s` contains a 全角数字 (full-width digit ０-９).
pub fn has_fullwidth_digits(s: &str) -> bool {
    s.chars().any(|c| ('０'..='９').contains(&c))
}

/// Full-width katakana text: カタカナ (U+30A1–U+30FA), ー, ・, ヽヾ, and spaces
/// (full-width or ASCII) between words. Empty text is not katakana.
pub fn is_fullwidth_katakana(s: &str) -> bool {
    !s.trim().is_empty()
        && s.chars()
            .all(|c| matches!(c, '\u{30A1}'..='\u{30FE}' | '\u{3000}' | ' '))
}

/// Whether `s` contains 半角カナ (half-width katakana, U+FF61–U+FF9F).
pub fn has_halfwidth_kana(s: &str) -> bool {
    s.chars().any(is_halfwidth_kana)
}

fn is_halfwidth_kana(c: char) -> bool {
    ('\u{FF61}'..='\u{FF9F}').contains(&c)
}

/// Half-width katakana U+FF61..=U+FF9D in code-point order, as full width.
const HALF_TO_FULL: [char; 61] = [
    '。', '「', '」', '、', '・', 'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー',
    'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ',
    'チ', 'ツ', 'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ',
    'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ン',
];

/// Converts 半角カナ to 全角カナ, composing the voiced marks ﾞ and ﾟ with the
/// preceding kana (ｶﾞ → ガ, ﾊﾟ → パ, ｳﾞ → ヴ). Other characters are kept.
pub fn normalize_kana(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !('\u{FF61}'..='\u{FF9D}').contains(&c) {
            out.push(match c {
                '\u{FF9E}' => '゛',
                '\u{FF9F}' => '゜',
                other => other,
            });
            continue;
        }
        let full = HALF_TO_FULL[(c as u32 - 0xFF61) as usize];
        let composed = match chars.peek() {
            Some('\u{FF9E}') => voiced(full),
            Some('\u{FF9F}') => semi_voiced(full),
            _ => None,
        };
        match composed {
            Some(v) => {
                chars.next();
                out.push(v);
            }
            None => out.push(full),
        }
    }
    out
}

/// カ→ガ etc.: in the Unicode katakana block the voiced form follows its base.
fn voiced(base: char) -> Option<char> {
    match base {
        'ウ' => Some('ヴ'),
        'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ'
        | 'ツ' | 'テ' | 'ト' | 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => {
            char::from_u32(base as u32 + 1)
        }
        _ => None,
    }
}

/// ハ→パ etc.: the semi-voiced form is two code points after its base.
fn semi_voiced(base: char) -> Option<char> {
    match base {
        'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => char::from_u32(base as u32 + 2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_conversion_covers_the_voiced_marks() {
        assert_eq!(normalize_kana("ｶﾞｷﾞｸﾞｹﾞｺﾞ"), "ガギグゲゴ");
        assert_eq!(normalize_kana("ﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ"), "ダヂヅデド");
        assert_eq!(normalize_kana("ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟﾊﾞ"), "パピプペポバ");
        assert_eq!(normalize_kana("ｳﾞｧｲｵﾘﾝ"), "ヴァイオリン");
        assert_eq!(
            normalize_kana("ｱﾞ"),
            "ア゛",
            "no voiced ア: the mark stays separate"
        );
        assert_eq!(normalize_kana("ｦﾝｰ･"), "ヲンー・");
        assert_eq!(normalize_kana("ヤマダ"), "ヤマダ");
        assert!(is_fullwidth_katakana(&normalize_kana("ﾔﾏﾀﾞ ﾊﾅｺ")));
    }

    #[test]
    fn character_classes() {
        assert!(is_halfwidth_alnum("ABC123"));
        assert!(!is_halfwidth_alnum("ABC-123"));
        assert!(!is_halfwidth_alnum(""));
        assert!(is_halfwidth_digits("0123"));
        assert!(!is_halfwidth_digits("０１"));
        assert!(has_fullwidth_digits("12３"));
        assert!(has_halfwidth_kana("ﾔﾏﾀﾞ"));
        assert!(!is_fullwidth_katakana("ヤマダ花子"));
        assert!(!is_fullwidth_katakana("　"));
    }
}

//! Validation rules (stable codes and bilingual messages) for identifiers.
//!
//! Every problem the [`ids`](super) module can find is one constant here, so
//! there is one obvious place for each code. Messages are static text: they
//! never contain the offending value (identifiers can be personal data).
//!
//! Codes follow `ids.<kind>.<problem>`; the full-width warning is shared by
//! all kinds (`ids.fullwidth_digits`).

use crate::validate::{Rule, Severity};

/// Full-width digits (全角数字 ０-９) were converted to ASCII (warning).
pub const FULLWIDTH_DIGITS: Rule = Rule::warning(
    "ids.fullwidth_digits",
    "全角数字を半角数字に変換しました。",
    "Full-width digits were converted to ASCII digits.",
);

/// The kind of identifier could not be guessed from its shape.
pub const KIND_UNKNOWN: Rule = Rule::error(
    "ids.kind.unknown",
    "番号の種類を判別できません。種類を指定してください（個人番号は推測しません）。",
    "The kind of identifier cannot be determined; specify it (My Number is never guessed).",
);

// --- 公費負担者番号 (payer number) -------------------------------------------

/// 公費負担者番号 (payer number) is not 8 characters long.
pub const PAYER_LENGTH: Rule = Rule::error(
    "ids.payer.length",
    "公費負担者番号は8桁でなければなりません。",
    "A payer number (公費負担者番号) must have 8 digits.",
);
/// 公費負担者番号 (payer number) contains a character that is not a digit.
pub const PAYER_NON_DIGIT: Rule = Rule::error(
    "ids.payer.non_digit",
    "公費負担者番号に数字以外の文字が含まれています。",
    "A payer number (公費負担者番号) must contain digits only.",
);
/// 公費負担者番号 (payer number) has a prefecture number outside 01-47.
pub const PAYER_PREFECTURE: Rule = Rule::error(
    "ids.payer.prefecture",
    "公費負担者番号の都道府県番号が01〜47の範囲外です。",
    "The prefecture part of a payer number (公費負担者番号) must be 01-47.",
);
/// 公費負担者番号 (payer number) fails its check digit (検証番号).
pub const PAYER_CHECK_DIGIT: Rule = Rule::error(
    "ids.payer.check_digit",
    "公費負担者番号の検証番号が正しくありません。",
    "The check digit of the payer number (公費負担者番号) is wrong.",
);

// --- 公費受給者番号 (recipient number) ---------------------------------------

/// 公費受給者番号 (recipient number) has the wrong length (7 national, 1-30 local).
pub const RECIPIENT_LENGTH: Rule = Rule::error(
    "ids.recipient.length",
    "公費受給者番号の桁数が正しくありません（国の制度は7桁、地方単独は1〜30文字）。",
    "A recipient number (公費受給者番号) has the wrong length (7 digits for national schemes, 1-30 characters for local ones).",
);
/// National 公費受給者番号 (recipient number) contains a non-digit.
pub const RECIPIENT_NON_DIGIT: Rule = Rule::error(
    "ids.recipient.non_digit",
    "国の制度の公費受給者番号に数字以外の文字が含まれています。",
    "A recipient number (公費受給者番号) of a national scheme must contain digits only.",
);
/// Local 公費受給者番号 (recipient number) contains a character that is not 半角英数.
pub const RECIPIENT_NON_ALPHANUMERIC: Rule = Rule::error(
    "ids.recipient.non_alphanumeric",
    "公費受給者番号に半角英数字以外の文字が含まれています。",
    "A recipient number (公費受給者番号) must contain ASCII letters and digits only.",
);
/// National 公費受給者番号 (recipient number) fails its check digit.
pub const RECIPIENT_CHECK_DIGIT: Rule = Rule::error(
    "ids.recipient.check_digit",
    "公費受給者番号の検証番号が正しくありません。",
    "The check digit of the recipient number (公費受給者番号) is wrong.",
);
/// The same check as [`RECIPIENT_CHECK_DIGIT`], downgraded to a warning for
/// 7-digit numbers of local (地方単独) schemes, which need not carry a check digit.
pub const RECIPIENT_CHECK_DIGIT_LOCAL: Rule =
    RECIPIENT_CHECK_DIGIT.with_severity(Severity::Warning);

// --- 保険者番号 (insurer number) ---------------------------------------------

/// 保険者番号 (insurer number) is neither 8 digits nor 6 digits (国保, possibly padded).
pub const INSURER_LENGTH: Rule = Rule::error(
    "ids.insurer.length",
    "保険者番号は8桁（国保は6桁）でなければなりません。",
    "An insurer number (保険者番号) must have 8 digits (6 for National Health Insurance, 国保).",
);
/// 保険者番号 (insurer number) contains a non-digit (other than leading padding spaces).
pub const INSURER_NON_DIGIT: Rule = Rule::error(
    "ids.insurer.non_digit",
    "保険者番号に数字以外の文字が含まれています。",
    "An insurer number (保険者番号) must contain digits only (leading padding spaces aside).",
);
/// 保険者番号 (insurer number) has a prefecture number outside 01-47.
pub const INSURER_PREFECTURE: Rule = Rule::error(
    "ids.insurer.prefecture",
    "保険者番号の都道府県番号が01〜47の範囲外です。",
    "The prefecture part of an insurer number (保険者番号) must be 01-47.",
);
/// 保険者番号 (insurer number) fails its check digit.
pub const INSURER_CHECK_DIGIT: Rule = Rule::error(
    "ids.insurer.check_digit",
    "保険者番号の検証番号が正しくありません。",
    "The check digit of the insurer number (保険者番号) is wrong.",
);

// --- 医療機関コード (institution code) ----------------------------------------

/// 医療機関コード (institution code) is not 10 characters long.
pub const INSTITUTION_LENGTH: Rule = Rule::error(
    "ids.institution.length",
    "医療機関コードは10桁（都道府県2桁＋点数表1桁＋7桁）でなければなりません。",
    "An institution code (医療機関コード) must have 10 digits (prefecture 2 + score table 1 + code 7).",
);
/// 医療機関コード (institution code) contains a non-digit.
pub const INSTITUTION_NON_DIGIT: Rule = Rule::error(
    "ids.institution.non_digit",
    "医療機関コードに数字以外の文字が含まれています。",
    "An institution code (医療機関コード) must contain digits only.",
);
/// 医療機関コード (institution code) has a prefecture number outside 01-47.
pub const INSTITUTION_PREFECTURE: Rule = Rule::error(
    "ids.institution.prefecture",
    "医療機関コードの都道府県番号が01〜47の範囲外です。",
    "The prefecture part of an institution code (医療機関コード) must be 01-47.",
);
/// 医療機関コード (institution code) has an unknown 点数表番号 (score table).
pub const INSTITUTION_SCORE_TABLE: Rule = Rule::error(
    "ids.institution.score_table",
    "医療機関コードの点数表番号が不明です。",
    "The score-table digit (点数表番号) of the institution code (医療機関コード) is unknown.",
);
/// 医療機関コード (institution code) fails its check digit.
pub const INSTITUTION_CHECK_DIGIT: Rule = Rule::error(
    "ids.institution.check_digit",
    "医療機関コードの検証番号が正しくありません。",
    "The check digit of the institution code (医療機関コード) is wrong.",
);

// --- 全国地方公共団体コード (municipality code) --------------------------------

/// 地方公共団体コード (municipality code) is not 6 characters long.
pub const MUNICIPALITY_LENGTH: Rule = Rule::error(
    "ids.municipality.length",
    "地方公共団体コードは6桁（検査数字付き）でなければなりません。",
    "A local government code (地方公共団体コード) must have 6 digits (including the check digit).",
);
/// 地方公共団体コード (municipality code) contains a non-digit.
pub const MUNICIPALITY_NON_DIGIT: Rule = Rule::error(
    "ids.municipality.non_digit",
    "地方公共団体コードに数字以外の文字が含まれています。",
    "A local government code (地方公共団体コード) must contain digits only.",
);
/// 地方公共団体コード (municipality code) has a prefecture number outside 01-47.
pub const MUNICIPALITY_PREFECTURE: Rule = Rule::error(
    "ids.municipality.prefecture",
    "地方公共団体コードの都道府県コードが01〜47の範囲外です。",
    "The prefecture part of a local government code (地方公共団体コード) must be 01-47.",
);
/// 地方公共団体コード (municipality code) fails its check digit (検査数字).
pub const MUNICIPALITY_CHECK_DIGIT: Rule = Rule::error(
    "ids.municipality.check_digit",
    "地方公共団体コードの検査数字が正しくありません。",
    "The check digit of the local government code (地方公共団体コード) is wrong.",
);

// --- 個人番号 (My Number) ----------------------------------------------------

/// 個人番号 (My Number) is not 12 characters long.
pub const MYNUMBER_LENGTH: Rule = Rule::error(
    "ids.mynumber.length",
    "個人番号は12桁でなければなりません。",
    "An individual number (個人番号, My Number) must have 12 digits.",
);
/// 個人番号 (My Number) contains a non-digit.
pub const MYNUMBER_NON_DIGIT: Rule = Rule::error(
    "ids.mynumber.non_digit",
    "個人番号に数字以外の文字が含まれています。",
    "An individual number (個人番号, My Number) must contain digits only.",
);
/// 個人番号 (My Number) fails its check digit (検査用数字).
pub const MYNUMBER_CHECK_DIGIT: Rule = Rule::error(
    "ids.mynumber.check_digit",
    "個人番号の検査用数字が正しくありません。",
    "The check digit of the individual number (個人番号, My Number) is wrong.",
);

/// Every rule of this module, for documentation and tests.
pub const ALL: &[Rule] = &[
    FULLWIDTH_DIGITS,
    KIND_UNKNOWN,
    PAYER_LENGTH,
    PAYER_NON_DIGIT,
    PAYER_PREFECTURE,
    PAYER_CHECK_DIGIT,
    RECIPIENT_LENGTH,
    RECIPIENT_NON_DIGIT,
    RECIPIENT_NON_ALPHANUMERIC,
    RECIPIENT_CHECK_DIGIT,
    RECIPIENT_CHECK_DIGIT_LOCAL,
    INSURER_LENGTH,
    INSURER_NON_DIGIT,
    INSURER_PREFECTURE,
    INSURER_CHECK_DIGIT,
    INSTITUTION_LENGTH,
    INSTITUTION_NON_DIGIT,
    INSTITUTION_PREFECTURE,
    INSTITUTION_SCORE_TABLE,
    INSTITUTION_CHECK_DIGIT,
    MUNICIPALITY_LENGTH,
    MUNICIPALITY_NON_DIGIT,
    MUNICIPALITY_PREFECTURE,
    MUNICIPALITY_CHECK_DIGIT,
    MYNUMBER_LENGTH,
    MYNUMBER_NON_DIGIT,
    MYNUMBER_CHECK_DIGIT,
];

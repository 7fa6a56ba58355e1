//! 問診票 (pre-checkup questionnaire): the standard questions of each kind as
//! data, answered on a smartphone before the visit (PMH, reference §5.1).
//!
//! Wire form:
//!
//! ```json
//! {"kind": "infant-3-4m", "answeredOn": "2025-07-28",
//!  "person": {"birthDate": "2025-04-10", "sex": "1"}, "voucherNumber": "R7-000123",
//!  "answers": {"headControl": true, "feeding": "mixed", "continueParentingHere": 4, "concerns": false}}
//! ```
//!
//! Answer types: yes/no questions take JSON booleans, choices a string of the
//! list, multiple choices an array of such strings, scales an integer, score
//! lists an array of integers of fixed length, text a non-empty string.
//!
//! Sources of the questions (each [`Question::source`]): reference §3.1 (MHLW
//! 第7回検討会 資料2-1: 健やか親子21 indicators p.6, 3歳 問診 p.17, 1歳6か月
//! 手帳 items p.13), §3.3 (2023 survey milestones, ≥ 90 % pass ages), §3.5
//! (3歳 home vision and hearing tests), §1.3 (1か月: ビタミンK2; 産婦: EPDS).
//! Questions marked `pmh` are pmh's own wording of a common item. Municipal
//! forms differ (§3.1 "forms are only examples"); the list is the common core.

use super::fields::{self, Obj};
use super::kinds::CheckupKind;
use super::person::{self, Person};
use super::voucher::{is_voucher_number, read_kind};
use super::{rules, CheckupOptions};
use crate::validate::{push_token, Report};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// The type of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnswerType {
    /// はい/いいえ: a JSON boolean.
    YesNo,
    /// One of the listed codes (string).
    Choice(&'static [&'static str]),
    /// Any number of the listed codes (array of strings, possibly empty).
    MultiChoice(&'static [&'static str]),
    /// An integer in `min..=max`.
    Scale(u32, u32),
    /// Exactly `len` integers, each in `min..=max` (e.g. the 10 EPDS items 0–3).
    Scores {
        /// Number of scores.
        len: usize,
        /// Lowest score.
        min: u32,
        /// Highest score.
        max: u32,
    },
    /// Free text of at most this many characters.
    Text(usize),
}

/// 質問 (one standard question).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Question {
    /// Answer key.
    pub id: &'static str,
    /// 質問文 (Japanese text).
    pub text_ja: &'static str,
    /// English text.
    pub text_en: &'static str,
    /// Answer type.
    pub answer: AnswerType,
    /// Whether an answer is required.
    pub required: bool,
    /// Source (reference section) or `pmh`.
    pub source: &'static str,
}

const fn q(
    id: &'static str,
    text_ja: &'static str,
    text_en: &'static str,
    answer: AnswerType,
    required: bool,
    source: &'static str,
) -> Question {
    Question {
        id,
        text_ja,
        text_en,
        answer,
        required,
        source,
    }
}

const FEEDING: &[&str] = &["breast", "formula", "mixed"];
const HOME_TEST: &[&str] = &["pass", "fail", "notDone"];
/// 不適切な養育 signs (健やか親子21, reference §3.1 p.6).
const INAPPROPRIATE_CARE: &[&str] = &[
    "overDiscipline",
    "hitEmotionally",
    "leftAlone",
    "withheldMeals",
    "shookBaby",
    "verbalAbuse",
];

const CONCERNS: Question = q(
    "concerns",
    "育児や健康について心配なことがありますか。",
    "Do you have any concerns about parenting or health?",
    AnswerType::YesNo,
    true,
    "pmh",
);
const CONCERNS_DETAIL: Question = q(
    "concernsDetail",
    "心配なことの内容",
    "What are your concerns?",
    AnswerType::Text(1000),
    false,
    "pmh",
);
const CONTINUE_HERE: Question = q(
    "continueParentingHere",
    "この地域で、今後も子育てをしていきたいですか。（1 そうは思わない 〜 4 そう思う）",
    "Do you want to keep raising your child in this area? (1 no … 4 yes)",
    AnswerType::Scale(1, 4),
    true,
    "§3.1 p.6 健やか親子21",
);
const ECONOMY: Question = q(
    "economicSituation",
    "現在の暮らしの経済的状況をどのように感じていますか。（1 大変ゆとりがある 〜 5 大変苦しい）",
    "How do you feel about your household finances? (1 very comfortable … 5 very hard)",
    AnswerType::Scale(1, 5),
    false,
    "§3.1 p.6 健やか親子21",
);
const CARE: Question = q(
    "inappropriateCare",
    "この数か月の間に、ご家庭で以下のことがありましたか。（あてはまるものすべて）",
    "In the last months, did any of the following happen at home? (all that apply)",
    AnswerType::MultiChoice(INAPPROPRIATE_CARE),
    false,
    "§3.1 p.6 健やか親子21",
);
const FEEDING_Q: Question = q(
    "feeding",
    "栄養方法（母乳・人工乳・混合）",
    "Feeding (breast, formula, mixed)",
    AnswerType::Choice(FEEDING),
    true,
    "§1.3 1か月児 栄養; §3.1",
);

const PRENATAL: &[Question] = &[
    q(
        "smoking",
        "妊娠中、たばこを吸っていますか。",
        "Do you smoke during pregnancy?",
        AnswerType::YesNo,
        false,
        "pmh",
    ),
    CONCERNS,
    CONCERNS_DETAIL,
];
const POSTPARTUM: &[Question] = &[
    q(
        "epdsItems",
        "エジンバラ産後うつ病質問票（EPDS）10項目の点数（各0〜3）",
        "Edinburgh Postnatal Depression Scale: the 10 item scores (0-3 each)",
        AnswerType::Scores {
            len: 10,
            min: 0,
            max: 3,
        },
        true,
        "§1.3 産婦健診 EPDS",
    ),
    CONCERNS,
    CONCERNS_DETAIL,
];
const NEWBORN_HEARING: &[Question] = &[CONCERNS, CONCERNS_DETAIL];
const INFANT_1M: &[Question] = &[
    FEEDING_Q,
    q(
        "vitaminK2",
        "ビタミンK2シロップを飲ませましたか。",
        "Was vitamin K2 syrup given?",
        AnswerType::YesNo,
        true,
        "§1.3 1か月児",
    ),
    CONCERNS,
    CONCERNS_DETAIL,
];
const INFANT_3_4M: &[Question] = &[
    q(
        "headControl",
        "首がすわりましたか。",
        "Does the baby hold the head up?",
        AnswerType::YesNo,
        true,
        "§3.3 首のすわり",
    ),
    FEEDING_Q,
    CONTINUE_HERE,
    ECONOMY,
    CARE,
    CONCERNS,
    CONCERNS_DETAIL,
];
const INFANT_6_7M: &[Question] = &[
    q(
        "rollOver",
        "ねがえりをしますか。",
        "Does the baby roll over?",
        AnswerType::YesNo,
        true,
        "§3.3 ねがえり",
    ),
    q(
        "weaningStarted",
        "離乳食を始めましたか。",
        "Has weaning (solid food) started?",
        AnswerType::YesNo,
        false,
        "pmh",
    ),
    CONCERNS,
    CONCERNS_DETAIL,
];
const INFANT_9_10M: &[Question] = &[
    q(
        "sitAlone",
        "ひとりすわりができますか。",
        "Does the baby sit without support?",
        AnswerType::YesNo,
        true,
        "§3.3 ひとりすわり",
    ),
    q(
        "crawl",
        "はいはいをしますか。",
        "Does the baby crawl?",
        AnswerType::YesNo,
        true,
        "§3.3 はいはい",
    ),
    q(
        "pullToStand",
        "つかまり立ちをしますか。",
        "Does the baby pull to stand?",
        AnswerType::YesNo,
        true,
        "§3.3 つかまり立ち",
    ),
    CONTINUE_HERE,
    CONCERNS,
    CONCERNS_DETAIL,
];
const TODDLER_18M: &[Question] = &[
    q(
        "walkAlone",
        "ひとり歩きをしますか。",
        "Does the child walk alone?",
        AnswerType::YesNo,
        true,
        "§3.3 ひとり歩き",
    ),
    q(
        "speaksWords",
        "意味のあることばを話しますか。",
        "Does the child say meaningful words?",
        AnswerType::YesNo,
        true,
        "§3.3; 施行規則 言語",
    ),
    q(
        "breastfeeding",
        "母乳を飲んでいますか。",
        "Is the child still breastfed?",
        AnswerType::YesNo,
        false,
        "§3.1 p.13 母乳",
    ),
    q(
        "weaningComplete",
        "離乳は完了しましたか。",
        "Is weaning complete?",
        AnswerType::YesNo,
        false,
        "§3.1 p.13 離乳",
    ),
    CONTINUE_HERE,
    CARE,
    CONCERNS,
    CONCERNS_DETAIL,
];
const CHILD_3Y: &[Question] = &[
    q(
        "congenitalDisease",
        "生まれつきの病気がありますか。",
        "Any congenital disease?",
        AnswerType::YesNo,
        true,
        "§3.1 p.17",
    ),
    q(
        "convulsions",
        "けいれんを起こしたことがありますか。",
        "Any convulsions?",
        AnswerType::YesNo,
        true,
        "§3.1 p.17",
    ),
    q(
        "asthmaAtopy",
        "ぜんそく・アトピー性皮膚炎と言われたことがありますか。",
        "Asthma or atopic dermatitis?",
        AnswerType::YesNo,
        true,
        "§3.1 p.17",
    ),
    q(
        "foodAllergy",
        "食物アレルギーがありますか。",
        "Any food allergy?",
        AnswerType::YesNo,
        true,
        "§3.1 p.17",
    ),
    q(
        "accidentVisit",
        "事故で医療機関を受診したことがありますか。",
        "Any medical visit after an accident?",
        AnswerType::YesNo,
        true,
        "§3.1 p.17",
    ),
    q(
        "homeVisionTest",
        "家庭での視力検査（ランドルト環0.5）の結果",
        "Home vision test (Landolt ring 0.5) result",
        AnswerType::Choice(HOME_TEST),
        true,
        "§3.5 一次検査",
    ),
    q(
        "homeHearingTest",
        "家庭での聞こえの検査（ささやき声等）の結果",
        "Home hearing test (whisper etc.) result",
        AnswerType::Choice(HOME_TEST),
        true,
        "§3.5",
    ),
    CONTINUE_HERE,
    CARE,
    CONCERNS,
    CONCERNS_DETAIL,
];
const CHILD_5Y: &[Question] = &[
    q(
        "playsWithFriends",
        "友だちと一緒に遊べますか。",
        "Does the child play with friends?",
        AnswerType::YesNo,
        true,
        "pmh",
    ),
    q(
        "followsRules",
        "順番を待つなど、簡単なルールを守れますか。",
        "Can the child wait their turn and follow simple rules?",
        AnswerType::YesNo,
        true,
        "pmh",
    ),
    q(
        "speaksClearly",
        "発音がはっきりしていますか。",
        "Is the child's speech clear?",
        AnswerType::YesNo,
        true,
        "pmh",
    ),
    CONTINUE_HERE,
    CONCERNS,
    CONCERNS_DETAIL,
];

/// The standard questions of `kind`.
///
/// ```
/// use pmh_core::checkup::{questions, CheckupKind};
/// let qs = questions(CheckupKind::Infant3to4m);
/// assert!(qs.iter().any(|q| q.id == "headControl" && q.required));
/// ```
pub fn questions(kind: CheckupKind) -> &'static [Question] {
    match kind {
        CheckupKind::Prenatal => PRENATAL,
        CheckupKind::Postpartum => POSTPARTUM,
        CheckupKind::NewbornHearing => NEWBORN_HEARING,
        CheckupKind::Infant1m => INFANT_1M,
        CheckupKind::Infant3to4m => INFANT_3_4M,
        CheckupKind::Infant6to7m => INFANT_6_7M,
        CheckupKind::Infant9to10m => INFANT_9_10M,
        CheckupKind::Toddler18m => TODDLER_18M,
        CheckupKind::Child3y => CHILD_3Y,
        CheckupKind::Child5y => CHILD_5Y,
    }
}

/// 問診票 (questionnaire). `Debug` shows only the kind.
///
/// ```
/// use pmh_core::checkup::Questionnaire;
/// let q: Questionnaire = serde_json::from_value(serde_json::json!({
///     "kind": "infant-3-4m", "person": {"birthDate": "2025-04-10", "sex": "1"},
///     "answers": {"headControl": true}
/// })).unwrap();
/// assert_eq!(q.answers["headControl"], true);
/// assert!(!format!("{q:?}").contains("headControl"));
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// 健診の種類 (checkup kind).
    pub kind: CheckupKind,
    /// 回答日 (day answered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_on: Option<NaiveDate>,
    /// 受診者 (the person).
    pub person: Person,
    /// 受診券番号 of the voucher it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voucher_number: Option<String>,
    /// 回答 (answers by question id).
    pub answers: Map<String, Value>,
}

impl fmt::Debug for Questionnaire {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Questionnaire")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

const FIELDS: &[&str] = &["kind", "answeredOn", "person", "voucherNumber", "answers"];

/// Validates one questionnaire: shape, required answers present, answers of
/// the right type and value.
///
/// ```
/// use pmh_core::checkup::validate_questionnaire;
/// let r = validate_questionnaire(&serde_json::json!({
///     "kind": "infant-3-4m", "person": {"birthDate": "2025-04-10", "sex": "1"},
///     "answers": {"headControl": "yes", "feeding": "mixed", "continueParentingHere": 4, "concerns": false}
/// }));
/// assert!(r.has_at("checkup.questionnaire.answer_type", "/answers/headControl"));
/// ```
pub fn validate_questionnaire(value: &Value) -> Report {
    validate_questionnaire_with(value, &CheckupOptions::default())
}

/// [`validate_questionnaire`] with options ("today").
pub fn validate_questionnaire_with(value: &Value, options: &CheckupOptions) -> Report {
    let mut report = Report::new();
    validate_questionnaire_at(value, options, "", &mut report);
    report
}

/// Validates one questionnaire whose JSON Pointer is `base`.
pub(crate) fn validate_questionnaire_at(
    value: &Value,
    options: &CheckupOptions,
    base: &str,
    report: &mut Report,
) {
    let Some(obj) = value.as_object() else {
        report.push(&rules::NOT_OBJECT, base);
        return;
    };
    fields::unknown_fields(obj, base, FIELDS, report);
    let kind = read_kind(obj, base, report);
    let mother = kind.is_some_and(CheckupKind::for_mother);
    let person = person::read(obj, base, mother, report);
    if let Some(day) = fields::date(obj, base, "answeredOn", false, report) {
        if day > options.today() {
            report.push(&rules::FUTURE_DATE, fields::join(base, "answeredOn"));
        }
        if !mother && person.birth.is_some_and(|b| day < b) {
            report.push(
                &rules::ANSWERED_BEFORE_BIRTH,
                fields::join(base, "answeredOn"),
            );
        }
    }
    if let Some(n) = fields::string(obj, base, "voucherNumber", false, report) {
        if !is_voucher_number(n) {
            report.push(&rules::VOUCHER_NUMBER, fields::join(base, "voucherNumber"));
        }
    }
    let Some(answers) = fields::object(obj, base, "answers", true, report) else {
        return;
    };
    let Some(kind) = kind else { return };
    check_answers(
        answers,
        &fields::join(base, "answers"),
        questions(kind),
        report,
    );
}

fn check_answers(answers: &Obj, base: &str, questions: &[Question], report: &mut Report) {
    for question in questions {
        let mut path = base.to_owned();
        push_token(&mut path, question.id);
        match answers.get(question.id) {
            None | Some(Value::Null) => {
                if question.required {
                    report.push(&rules::ANSWER_REQUIRED, path);
                }
            }
            Some(v) => check_answer(v, question.answer, &path, report),
        }
    }
    for key in answers.keys() {
        if !questions.iter().any(|q| q.id == key) {
            report.push(&rules::UNKNOWN_QUESTION, fields::join(base, key));
        }
    }
}

fn in_scale(v: &Value, min: u32, max: u32) -> Option<bool> {
    v.as_u64()
        .map(|n| (u64::from(min)..=u64::from(max)).contains(&n))
        .or_else(|| v.as_i64().map(|_| false))
}

fn check_answer(v: &Value, answer: AnswerType, path: &str, report: &mut Report) {
    let outcome: Result<(), &'static crate::validate::Rule> = match answer {
        AnswerType::YesNo => v.is_boolean().then_some(()).ok_or(&rules::ANSWER_TYPE),
        AnswerType::Choice(list) => match v.as_str() {
            None => Err(&rules::ANSWER_TYPE),
            Some(s) if list.contains(&s) => Ok(()),
            Some(_) => Err(&rules::ANSWER_VALUE),
        },
        AnswerType::MultiChoice(list) => match v.as_array() {
            None => Err(&rules::ANSWER_TYPE),
            Some(items) if items.iter().any(|i| !i.is_string()) => Err(&rules::ANSWER_TYPE),
            Some(items)
                if items
                    .iter()
                    .all(|i| i.as_str().is_some_and(|s| list.contains(&s))) =>
            {
                Ok(())
            }
            Some(_) => Err(&rules::ANSWER_VALUE),
        },
        AnswerType::Scale(min, max) => match in_scale(v, min, max) {
            None => Err(&rules::ANSWER_TYPE),
            Some(true) => Ok(()),
            Some(false) => Err(&rules::ANSWER_VALUE),
        },
        AnswerType::Scores { len, min, max } => match v.as_array() {
            None => Err(&rules::ANSWER_TYPE),
            Some(items) if items.iter().any(|i| in_scale(i, min, max).is_none()) => {
                Err(&rules::ANSWER_TYPE)
            }
            Some(items)
                if items.len() == len
                    && items.iter().all(|i| in_scale(i, min, max) == Some(true)) =>
            {
                Ok(())
            }
            Some(_) => Err(&rules::ANSWER_VALUE),
        },
        AnswerType::Text(max) => match v.as_str() {
            None => Err(&rules::ANSWER_TYPE),
            Some(s) if s.trim().is_empty() => Err(&rules::EMPTY),
            Some(s) if s.chars().count() > max => Err(&rules::MAX_LENGTH),
            Some(_) => Ok(()),
        },
    };
    if let Err(rule) = outcome {
        report.push(rule, path);
    }
}

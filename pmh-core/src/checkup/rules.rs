//! Stable codes and bilingual messages of every checkup rule.
//!
//! Messages are static text and never contain the checked (personal) values.
//! Codes: `checkup.<problem>` for shape rules shared by vouchers, questionnaires
//! and results; `checkup.voucher.*`, `checkup.questionnaire.*`,
//! `checkup.result.*` for the rules of one document.

use crate::validate::Rule;

// ---- shape (all documents) ----

/// The document (or a member that must be one) is not a JSON object.
pub const NOT_OBJECT: Rule = Rule::error(
    "checkup.not_object",
    "JSONオブジェクトである必要があります。",
    "The value must be a JSON object.",
);
/// A required member is missing or `null`.
pub const REQUIRED: Rule = Rule::error(
    "checkup.required",
    "必須項目がありません。",
    "A required field is missing.",
);
/// A member has the wrong JSON type.
pub const TYPE: Rule = Rule::error(
    "checkup.type",
    "項目の型が正しくありません。",
    "The field has the wrong JSON type.",
);
/// A member the format does not define (warning: it is ignored).
pub const UNKNOWN_FIELD: Rule = Rule::warning(
    "checkup.unknown_field",
    "定義されていない項目です（無視します）。",
    "The field is not defined (ignored).",
);
/// A string value is empty.
pub const EMPTY: Rule = Rule::error("checkup.empty", "値が空です。", "The value is empty.");
/// A string value is too long.
pub const MAX_LENGTH: Rule = Rule::error(
    "checkup.max_length",
    "最大文字数を超えています。",
    "The value is too long.",
);
/// A value outside its enumeration.
pub const ENUM: Rule = Rule::error(
    "checkup.enum",
    "許可されていない値です。",
    "The value is not one of the allowed values.",
);
/// A date not in `YYYY-MM-DD` form or not a calendar day.
pub const DATE: Rule = Rule::error(
    "checkup.date",
    "日付はYYYY-MM-DD形式の実在する日付で入力してください。",
    "Dates must be real calendar dates in YYYY-MM-DD form.",
);
/// `kind` is not one of the checkup kind ids.
pub const KIND: Rule = Rule::error(
    "checkup.kind",
    "健診の種類が正しくありません。",
    "kind is not a checkup kind id (prenatal, postpartum, newborn-hearing, infant-1m, infant-3-4m, infant-6-7m, infant-9-10m, toddler-18m, child-3y, child-5y).",
);
/// `sex` is not "1" (male) or "2" (female).
pub const SEX: Rule = Rule::error(
    "checkup.sex",
    "性別は\"1\"（男）または\"2\"（女）です。",
    "sex must be \"1\" (male) or \"2\" (female).",
);
/// The person of a prenatal or postpartum record is not recorded as female.
pub const SEX_MOTHER: Rule = Rule::warning(
    "checkup.sex_mother",
    "妊産婦の健診で性別が女性（\"2\"）ではありません。",
    "The person of a prenatal or postpartum checkup is not recorded as female (\"2\").",
);
/// A date lies after "today".
pub const FUTURE_DATE: Rule = Rule::error(
    "checkup.future_date",
    "未来の日付です。",
    "The date is in the future.",
);

// ---- voucher (受診券) ----

/// Voucher number: 1–20 half-width letters, digits or `-` (pmh).
pub const VOUCHER_NUMBER: Rule = Rule::error(
    "checkup.voucher.number",
    "受診券番号は半角英数字とハイフン（20文字以内）で入力してください。",
    "The voucher number must be 1-20 half-width letters, digits or '-'.",
);
/// `validFrom` after `validTo`.
pub const VOUCHER_VALID_RANGE: Rule = Rule::error(
    "checkup.voucher.valid_range",
    "有効期間の開始日が終了日より後です。",
    "validFrom is after validTo.",
);
/// The validity does not overlap the kind's legal window for this person at all.
pub const VOUCHER_OUTSIDE_WINDOW: Rule = Rule::error(
    "checkup.voucher.outside_window",
    "有効期間が対象年齢（法定の期間）と重なりません。",
    "The validity does not overlap the kind's legal age window for this person.",
);
/// The validity does not overlap the kind's usual window (municipal practice).
pub const VOUCHER_OUTSIDE_TYPICAL: Rule = Rule::warning(
    "checkup.voucher.outside_typical_window",
    "有効期間が通常の対象月齢と重なりません。",
    "The validity does not overlap the kind's usual age window.",
);
/// `subsidyAmount` is not a non-negative integer number of yen.
pub const VOUCHER_AMOUNT: Rule = Rule::error(
    "checkup.voucher.amount",
    "助成額は0以上の整数（円）で入力してください。",
    "subsidyAmount must be a non-negative integer (yen).",
);
/// Visit number missing on a prenatal or postpartum voucher.
pub const VISIT_NUMBER_REQUIRED: Rule = Rule::error(
    "checkup.voucher.visit_number_required",
    "妊婦・産婦健診の受診券には回数が必要です。",
    "Prenatal and postpartum vouchers need visitNumber.",
);
/// Visit number outside its range (prenatal 1–30, postpartum 1–2).
pub const VISIT_NUMBER_RANGE: Rule = Rule::error(
    "checkup.voucher.visit_number_range",
    "受診回数が範囲外です（妊婦健診1〜30、産婦健診1〜2）。",
    "visitNumber is out of range (prenatal 1-30, postpartum 1-2).",
);
/// Prenatal visit number beyond the 14 visits of the national standard.
pub const VISIT_NUMBER_OVER_STANDARD: Rule = Rule::warning(
    "checkup.voucher.visit_number_over_standard",
    "受診回数が国の基準（14回）を超えています（多胎等の追加受診券か確認してください）。",
    "visitNumber exceeds the 14 standard visits (check for additional vouchers, e.g. multiple pregnancy).",
);
/// Visit number on a kind that has no numbered visits.
pub const VISIT_NUMBER_UNEXPECTED: Rule = Rule::warning(
    "checkup.voucher.visit_number_unexpected",
    "この健診の受診券には回数はありません（無視します）。",
    "This kind has no numbered visits (visitNumber ignored).",
);
/// The visit number is higher than the standard schedule allows by the gestational week.
pub const VISIT_NUMBER_WEEK: Rule = Rule::warning(
    "checkup.voucher.visit_number_week",
    "妊娠週数に比べて受診回数が多すぎます（標準的な受診間隔と合いません）。",
    "visitNumber is higher than the standard schedule allows by this gestational week.",
);
/// `expectedDeliveryDate` on a voucher that is not prenatal.
pub const VOUCHER_EDD_UNEXPECTED: Rule = Rule::warning(
    "checkup.voucher.edd_unexpected",
    "出産予定日は妊婦健診の受診券だけの項目です（無視します）。",
    "expectedDeliveryDate only applies to prenatal vouchers (ignored).",
);

// ---- questionnaire (問診票) ----

/// A required answer is missing.
pub const ANSWER_REQUIRED: Rule = Rule::error(
    "checkup.questionnaire.answer_required",
    "必須の質問に回答がありません。",
    "A required question is not answered.",
);
/// An answer has the wrong type (e.g. text for a yes/no question).
pub const ANSWER_TYPE: Rule = Rule::error(
    "checkup.questionnaire.answer_type",
    "回答の形式が質問と合いません。",
    "The answer has the wrong type for its question.",
);
/// An answer is not one of the question's choices or outside its scale.
pub const ANSWER_VALUE: Rule = Rule::error(
    "checkup.questionnaire.answer_value",
    "回答が選択肢または範囲にありません。",
    "The answer is not one of the choices or outside the scale.",
);
/// An answer to a question this kind does not ask.
pub const UNKNOWN_QUESTION: Rule = Rule::warning(
    "checkup.questionnaire.unknown_question",
    "この健診の問診票にない質問です（無視します）。",
    "This kind's questionnaire has no such question (ignored).",
);
/// The questionnaire was answered before the person was born (child kinds).
pub const ANSWERED_BEFORE_BIRTH: Rule = Rule::error(
    "checkup.questionnaire.before_birth",
    "回答日が生年月日より前です。",
    "answeredOn is before the date of birth.",
);

// ---- result (健診結果) ----

/// The checkup date is before the person's birth (or the delivery).
pub const BEFORE_BIRTH: Rule = Rule::error(
    "checkup.result.before_birth",
    "健診日が生年月日（または出産日）より前です。",
    "The checkup date is before the date of birth (or delivery).",
);
/// The checkup date is outside the kind's legal window (statutory age, 乳児/幼児, 産婦).
pub const WINDOW: Rule = Rule::error(
    "checkup.result.window",
    "健診日が対象年齢（法令で定める期間）の外です。",
    "The checkup date is outside the kind's legal age window.",
);
/// The checkup date is outside the kind's usual window (municipal practice).
pub const WINDOW_TYPICAL: Rule = Rule::warning(
    "checkup.result.window_typical",
    "健診日が通常の対象月齢の外です。",
    "The checkup date is outside the kind's usual age window.",
);
/// Prenatal gestational week outside 4–42 (unusual for a prenatal checkup).
pub const GESTATION_TYPICAL: Rule = Rule::warning(
    "checkup.result.gestation_typical",
    "妊婦健診として通常ない妊娠週数です（4〜42週）。",
    "Unusual gestational week for a prenatal checkup (4-42).",
);
/// Gestational age impossible (prenatal > 45 weeks, days > 6; at birth outside 20–45 weeks).
pub const GESTATION_IMPOSSIBLE: Rule = Rule::error(
    "checkup.result.gestation_impossible",
    "妊娠週数（在胎週数）があり得ない値です。",
    "The gestational age is physically impossible.",
);
/// The week reported differs by more than one week from the voucher's due date.
pub const GESTATION_EDD_MISMATCH: Rule = Rule::warning(
    "checkup.result.gestation_edd_mismatch",
    "妊娠週数が受診券の出産予定日から計算した週数と1週以上ずれています。",
    "The gestational week differs by more than a week from the voucher's expected delivery date.",
);
/// A measurement is physically impossible.
pub const MEASUREMENT_IMPOSSIBLE: Rule = Rule::error(
    "checkup.result.measurement_impossible",
    "計測値があり得ない値です。",
    "The measurement is physically impossible.",
);
/// A measurement is below the 3rd percentile of the 2023 survey.
pub const GROWTH_BELOW_P3: Rule = Rule::warning(
    "checkup.result.growth_below_p3",
    "計測値が乳幼児身体発育調査（令和5年）の3パーセンタイル未満です。",
    "The measurement is below the 3rd percentile of the 2023 growth survey.",
);
/// A measurement is above the 97th percentile of the 2023 survey.
pub const GROWTH_ABOVE_P97: Rule = Rule::warning(
    "checkup.result.growth_above_p97",
    "計測値が乳幼児身体発育調査（令和5年）の97パーセンタイルを超えています。",
    "The measurement is above the 97th percentile of the 2023 growth survey.",
);
/// Birth weight outside 300–6,500 g.
pub const BIRTH_WEIGHT_IMPOSSIBLE: Rule = Rule::error(
    "checkup.result.birth_weight_impossible",
    "出生体重があり得ない値です（300〜6,500g）。",
    "The birth weight is impossible (300-6,500 g).",
);
/// An item the kind does not record.
pub const ITEM_NOT_IN_KIND: Rule = Rule::warning(
    "checkup.result.item_not_in_kind",
    "この健診では記録しない項目です。",
    "This checkup kind does not record this item.",
);
/// A mandatory item (法定項目) is missing.
pub const MANDATORY_MISSING: Rule = Rule::error(
    "checkup.result.mandatory_missing",
    "必須の健診項目（法定項目）がありません。",
    "A mandatory (statutory) item is missing.",
);
/// A mandatory item is recorded as not examined.
pub const MANDATORY_NOT_EXAMINED: Rule = Rule::warning(
    "checkup.result.mandatory_not_examined",
    "必須の健診項目（法定項目）が未実施です。",
    "A mandatory (statutory) item was not examined.",
);
/// A recommended item (national standard record or 告示) is missing.
pub const RECOMMENDED_MISSING: Rule = Rule::warning(
    "checkup.result.recommended_missing",
    "標準的に記録する項目がありません。",
    "A recommended (standard record) item is missing.",
);
/// Teeth count outside 0–20 (primary teeth).
pub const TEETH_RANGE: Rule = Rule::error(
    "checkup.result.teeth_range",
    "歯数は0〜20本（乳歯）です。",
    "The number of teeth must be 0-20 (primary teeth).",
);
/// More carious teeth than teeth.
pub const CARIES_COUNT: Rule = Rule::error(
    "checkup.result.caries_count",
    "むし歯の本数が歯数を超えています。",
    "cariesTeeth exceeds teeth.",
);
/// A caries type not in the kind's scheme (1歳6か月: O1 O2 A B C; 3歳: O A B C1 C2).
pub const CARIES_TYPE: Rule = Rule::error(
    "checkup.result.caries_type",
    "むし歯の型がこの健診の分類にありません（1歳6か月: O1 O2 A B C、3歳: O A B C1 C2）。",
    "cariesType is not in this kind's scheme (18 months: O1 O2 A B C; 3 years: O A B C1 C2).",
);
/// Caries type O with carious teeth, or A/B/C without any.
pub const CARIES_TYPE_COUNT: Rule = Rule::error(
    "checkup.result.caries_type_count",
    "むし歯の型と本数が矛盾しています（O型はむし歯0本）。",
    "cariesType contradicts cariesTeeth (type O means no caries).",
);
/// Decimal visual acuity outside 0.01–2.0.
pub const ACUITY_RANGE: Rule = Rule::error(
    "checkup.result.acuity_range",
    "視力は0.01〜2.0で入力してください。",
    "Visual acuity must be 0.01-2.0.",
);
/// Vision `pass` although an eye is below 0.5.
pub const VISION_PASS_BELOW: Rule = Rule::warning(
    "checkup.result.vision_pass_below",
    "片眼でも視力0.5未満なのに「異常なし」となっています。",
    "Vision is recorded as pass although an eye is below 0.5.",
);
/// Blood pressure impossible (systolic 50–300, diastolic 20–200, diastolic < systolic).
pub const BLOOD_PRESSURE_IMPOSSIBLE: Rule = Rule::error(
    "checkup.result.blood_pressure_impossible",
    "血圧があり得ない値です。",
    "The blood pressure is physically impossible.",
);
/// Blood pressure at or above 140/90 mmHg (妊娠高血圧症候群の基準).
pub const BLOOD_PRESSURE_HIGH: Rule = Rule::warning(
    "checkup.result.blood_pressure_high",
    "血圧が140/90mmHg以上です（高血圧）。",
    "Blood pressure is at or above 140/90 mmHg (hypertension).",
);
/// EPDS total outside 0–30 or item 10 outside 0–3.
pub const EPDS_RANGE: Rule = Rule::error(
    "checkup.result.epds_range",
    "EPDSの点数が範囲外です（合計0〜30、項目10は0〜3）。",
    "EPDS score out of range (total 0-30, item 10 0-3).",
);
/// EPDS total ≥ 9 or item 10 ≥ 1: report to the municipality for support (要支援).
pub const EPDS_SUPPORT: Rule = Rule::warning(
    "checkup.result.epds_support",
    "EPDSが9点以上または項目10が1点以上です（市町村への連絡・支援の対象）。",
    "EPDS total is 9 or more, or item 10 is 1 or more (report to the municipality for support).",
);
/// Delivery date after the checkup date.
pub const DELIVERY_DATE: Rule = Rule::error(
    "checkup.result.delivery_date",
    "出産日が健診日より後です。",
    "The delivery date is after the checkup date.",
);
/// Judgement missing where the kind requires one.
pub const JUDGEMENT_REQUIRED: Rule = Rule::error(
    "checkup.result.judgement_required",
    "判定区分がありません。",
    "The judgement is missing.",
);
/// Judgement not in the (default or municipal) code list.
pub const JUDGEMENT_UNKNOWN: Rule = Rule::error(
    "checkup.result.judgement_unknown",
    "判定区分がこの市町村のコード表にありません。",
    "The judgement is not in the municipality's code list.",
);
/// The result's date is outside the validity of the voucher it carries.
pub const VOUCHER_NOT_VALID: Rule = Rule::error(
    "checkup.result.voucher_not_valid",
    "健診日が受診券の有効期間外です。",
    "The checkup date is outside the voucher's validity.",
);
/// The voucher is for another kind of checkup.
pub const VOUCHER_KIND: Rule = Rule::error(
    "checkup.result.voucher_kind",
    "受診券の健診の種類が結果と一致しません。",
    "The voucher is for another kind of checkup.",
);
/// The voucher's person differs from the result's person.
pub const VOUCHER_PERSON: Rule = Rule::error(
    "checkup.result.voucher_person",
    "受診券の対象者（生年月日・性別）が結果と一致しません。",
    "The voucher's person (birth date, sex) differs from the result's.",
);
/// The voucher's visit number differs from the result's.
pub const VOUCHER_VISIT: Rule = Rule::error(
    "checkup.result.voucher_visit",
    "受診券の受診回数が結果と一致しません。",
    "The voucher's visitNumber differs from the result's.",
);

// ---- messages ----

/// A message carries an empty list.
pub const EMPTY_LIST: Rule = Rule::error(
    "checkup.message.empty",
    "送信する記録がありません。",
    "The message carries no records.",
);
/// Two vouchers of one message share municipality and number.
pub const DUPLICATE_VOUCHER: Rule = Rule::error(
    "checkup.message.duplicate_voucher",
    "同じ受診券（市町村・受診券番号）が重複しています。",
    "Two vouchers share municipality code and number.",
);

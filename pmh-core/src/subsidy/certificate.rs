//! 受給者証 (subsidy recipient certificate): the record a municipality registers
//! with PMH, with the field names of PMH's published registration API
//! (医療費助成対象者情報登録API, OpenAPI v0.1.1; `shared/reference/subsidy.md` §6.1).
//!
//! The wire form is JSON (camelCase). Validation works on the JSON value so
//! that every problem is reported in one pass ([`super::validate_certificate`]);
//! [`Certificate`] is the typed view used by eligibility and copayment, built
//! from a value that validated.
//!
//! Where the published API leaves a structure open, pmh defines it:
//! - [`CopaymentRule`] for `maxCopaymentAmount` (自己負担上限額),
//! - [`DesignatedInstitution`] for `designatedMedicalInstitutions` (指定医療機関),
//! - [`CertificationDetail`] for `certificationDetail` (受給者証券面項目).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// 受給者証 (subsidy recipient certificate) as registered with PMH.
///
/// `Debug` redacts personal data (My Number, name, kana, address, birth date).
///
/// ```
/// use pmh_core::subsidy::Certificate;
/// let json = serde_json::json!({
///     "orgSpecificCertificateTypeId": "NANBYO01",
///     "myNumber": "983205673214",
///     "basicFiveInfo": {"name": "山田 花子", "nameKana": "ヤマダ ハナコ",
///         "address": "東京都千代田区", "dateOfBirth": "1980-04-01", "sex": "2"},
///     "medicalSubsidyInsurerNumber": "54136015",
///     "certificationName": "特定医療費(指定難病)受給者証",
///     "medicalSubsidyRecipientNumber": "1234566",
///     "isAlwaysReimbursement": "0",
///     "maxCopaymentAmount": {"monthlyCap": 10000, "copayRatePercent": 20},
///     "validFrom": "2024-04-01", "validTo": "2025-03-31",
///     "certificationDetail": []
/// });
/// let cert: Certificate = serde_json::from_value(json).unwrap();
/// assert_eq!(cert.max_copayment_amount.monthly_cap, Some(10000));
/// assert!(!format!("{cert:?}").contains("983205673214"));
/// ```
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Certificate {
    /// 機関別受給者証種別ID (certificate type id of the issuing body), ≤ 50 半角英数.
    pub org_specific_certificate_type_id: String,
    /// 個人番号 (My Number), 12 digits. Personal data: never logged.
    pub my_number: String,
    /// 基本5情報 (name, kana, address, date of birth, sex).
    pub basic_five_info: BasicFiveInfo,
    /// 不開示フラグ (do not disclose), "0" / "1".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_not_disclosed: Option<String>,
    /// 公費負担者番号 (payer number), 8 digits.
    pub medical_subsidy_insurer_number: String,
    /// 受給者証名 (certificate name), ≤ 100 characters.
    pub certification_name: String,
    /// 公費受給者番号 (recipient number): 7 digits national, ≤ 30 local.
    pub medical_subsidy_recipient_number: String,
    /// 受給者証サブキー (sub key distinguishing certificates of one person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certification_sub_key: Option<String>,
    /// 区分 (segment). For 指定難病/小児慢性 the category: 一般, 高額かつ長期 (重症), 人工呼吸器等装着.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    /// 所得区分 (income tier), e.g. 一般所得I.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_segment: Option<String>,
    /// 追加条件 ("項目コード-条件コード" joined with ";").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_conditions: Option<String>,
    /// 指定医療機関情報 (designated institutions); empty = no restriction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub designated_medical_institutions: Vec<DesignatedInstitution>,
    /// 常に償還払い (always reimbursement: pay now, claim later), "0" / "1".
    pub is_always_reimbursement: String,
    /// 自己負担上限額 (the copayment rule of the scheme).
    #[serde(default)]
    pub max_copayment_amount: CopaymentRule,
    /// 有効期間 開始 (first valid day).
    pub valid_from: NaiveDate,
    /// 有効期間 終了 (last valid day, inclusive).
    pub valid_to: NaiveDate,
    /// 履歴キー (history key of the 差分履歴 variant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history_key: Option<String>,
    /// 削除フラグ (deleted record), "0" / "1".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_deleted: Option<String>,
    /// 受給者証券面項目 (items printed on the certificate).
    #[serde(default)]
    pub certification_detail: Vec<CertificationDetail>,
}

impl Certificate {
    /// The 法別番号 (first two digits of the payer number), if well formed.
    pub fn law_code(&self) -> Option<u8> {
        let b = self.medical_subsidy_insurer_number.as_bytes();
        match b {
            [a @ b'0'..=b'9', c @ b'0'..=b'9', ..] => Some((a - b'0') * 10 + (c - b'0')),
            _ => None,
        }
    }

    /// Whether the record is flagged deleted (`isDeleted` = "1").
    pub fn is_deleted(&self) -> bool {
        self.is_deleted.as_deref() == Some("1")
    }

    /// Whether the patient always pays and claims later (`isAlwaysReimbursement` = "1").
    pub fn always_reimbursement(&self) -> bool {
        self.is_always_reimbursement == "1"
    }

    /// Whether `date` lies in `validFrom..=validTo`.
    pub fn is_valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && date <= self.valid_to
    }
}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificate")
            .field(
                "orgSpecificCertificateTypeId",
                &self.org_specific_certificate_type_id,
            )
            .field("myNumber", &"<redacted>")
            .field("basicFiveInfo", &self.basic_five_info)
            .field(
                "medicalSubsidyInsurerNumber",
                &self.medical_subsidy_insurer_number,
            )
            .field("medicalSubsidyRecipientNumber", &"<redacted>")
            .field("validFrom", &self.valid_from)
            .field("validTo", &self.valid_to)
            .field("maxCopaymentAmount", &self.max_copayment_amount)
            .finish_non_exhaustive()
    }
}

/// 基本5情報 (the five basic resident attributes). Personal data.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BasicFiveInfo {
    /// 氏名 (name).
    pub name: String,
    /// 氏名カナ (name in full-width katakana).
    pub name_kana: String,
    /// 住所 (address).
    pub address: String,
    /// 生年月日 (date of birth).
    pub date_of_birth: NaiveDate,
    /// 性別 (sex): "1" male, "2" female.
    pub sex: String,
}

impl fmt::Debug for BasicFiveInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BasicFiveInfo { <redacted> }")
    }
}

/// 指定医療機関 (a designated institution of the certificate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DesignatedInstitution {
    /// 医療機関コード (10-digit institution code).
    pub institution_code: String,
    /// 医療機関名 (institution name), informational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One 券面項目 (item printed on the certificate): a label and its value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificationDetail {
    /// 項目名 (label).
    pub label: String,
    /// 内容 (value).
    pub value: String,
}

/// Meal costs (入院時食事療養費 標準負担額) under a scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MealCoverage {
    /// The patient pays meals in full (指定難病).
    #[default]
    NotCovered,
    /// The payer covers half (小児慢性特定疾病: ½ 自己負担).
    Half,
    /// The payer covers meals in full.
    Covered,
}

/// 自己負担上限額 (`maxCopaymentAmount`): how much the patient pays under a scheme.
///
/// The published API leaves this object open; pmh defines these members
/// (all optional; money in integer yen):
///
/// | member | meaning | example |
/// |---|---|---|
/// | `exempt` | full exemption: the patient pays 0 | マル乳 |
/// | `copayRatePercent` | the patient's rate under the scheme, % of the 10割 cost | 20 (2割, 指定難病) |
/// | `perVisit` | fixed amount per outpatient/pharmacy visit | 200 (Tokyo マル子) |
/// | `perDay` | fixed amount per inpatient day | 500 |
/// | `maxChargedVisitsPerMonth` | fixed amounts are charged on at most this many visits/days a month per institution; later ones 0 | 4 |
/// | `monthlyCap` | monthly cap, outpatient + inpatient combined, all institutions summed | 10000 |
/// | `monthlyCapOutpatient` / `monthlyCapInpatient` | separate monthly caps | 18000 / 57600 |
/// | `meals` | `notCovered` / `half` / `covered` | `half` (小児慢性) |
///
/// ```
/// use pmh_core::subsidy::CopaymentRule;
/// let rule: CopaymentRule = serde_json::from_str(r#"{"copayRatePercent": 20, "monthlyCap": 10000}"#).unwrap();
/// assert_eq!(rule.copay_rate_percent, Some(20));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CopaymentRule {
    /// Full exemption (全額助成).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exempt: bool,
    /// The patient's rate under the scheme in percent (e.g. 20 = 2割).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copay_rate_percent: Option<u8>,
    /// Fixed amount per outpatient or pharmacy visit (yen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_visit: Option<i64>,
    /// Fixed amount per inpatient day (yen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_day: Option<i64>,
    /// At most this many charged visits (or days) a month per institution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_charged_visits_per_month: Option<u32>,
    /// Monthly cap, outpatient and inpatient combined (yen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_cap: Option<i64>,
    /// Monthly cap for outpatient and pharmacy care (yen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_cap_outpatient: Option<i64>,
    /// Monthly cap for inpatient care (yen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_cap_inpatient: Option<i64>,
    /// Meal costs.
    #[serde(default)]
    pub meals: MealCoverage,
}

/// Where care is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Setting {
    /// 外来 (outpatient).
    Outpatient,
    /// 入院 (inpatient).
    Inpatient,
    /// 調剤 (pharmacy).
    Pharmacy,
}

impl Setting {
    /// Whether the monthly outpatient cap applies (outpatient and pharmacy).
    pub fn is_outpatient_side(self) -> bool {
        !matches!(self, Setting::Inpatient)
    }
}

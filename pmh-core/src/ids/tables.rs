//! Code tables: 都道府県 (prefectures), national 法別番号 (law codes) and
//! 点数表番号 (score tables). Tables are data; each notes its source.

/// 都道府県コード (prefecture codes) 01-47 with kanji names, index = code − 1.
///
/// Source: JIS X 0401 / 総務省「全国地方公共団体コード」 (the same numbering is the
/// 自治省 prefecture number used by MHLW notices, subsidy.md §1.2).
pub const PREFECTURES: [&str; 47] = [
    "北海道",   // 01
    "青森県",   // 02
    "岩手県",   // 03
    "宮城県",   // 04
    "秋田県",   // 05
    "山形県",   // 06
    "福島県",   // 07
    "茨城県",   // 08
    "栃木県",   // 09
    "群馬県",   // 10
    "埼玉県",   // 11
    "千葉県",   // 12
    "東京都",   // 13
    "神奈川県", // 14
    "新潟県",   // 15
    "富山県",   // 16
    "石川県",   // 17
    "福井県",   // 18
    "山梨県",   // 19
    "長野県",   // 20
    "岐阜県",   // 21
    "静岡県",   // 22
    "愛知県",   // 23
    "三重県",   // 24
    "滋賀県",   // 25
    "京都府",   // 26
    "大阪府",   // 27
    "兵庫県",   // 28
    "奈良県",   // 29
    "和歌山県", // 30
    "鳥取県",   // 31
    "島根県",   // 32
    "岡山県",   // 33
    "広島県",   // 34
    "山口県",   // 35
    "徳島県",   // 36
    "香川県",   // 37
    "愛媛県",   // 38
    "高知県",   // 39
    "福岡県",   // 40
    "佐賀県",   // 41
    "長崎県",   // 42
    "熊本県",   // 43
    "大分県",   // 44
    "宮崎県",   // 45
    "鹿児島県", // 46
    "沖縄県",   // 47
];

/// Kanji name of a 都道府県 (prefecture) code, `None` outside 01-47.
///
/// ```
/// use pmh_core::ids::prefecture_name;
/// assert_eq!(prefecture_name(13), Some("東京都"));
/// assert_eq!(prefecture_name(48), None);
/// ```
pub fn prefecture_name(code: u8) -> Option<&'static str> {
    PREFECTURES.get(usize::from(code).checked_sub(1)?).copied()
}

/// One row of the national 法別番号 (law code) table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LawScheme {
    /// 法別番号 (law code), two digits.
    pub code: u8,
    /// 制度名 (scheme name), in Japanese.
    pub scheme: &'static str,
}

const fn row(code: u8, scheme: &'static str) -> LawScheme {
    LawScheme { code, scheme }
}

/// National 公費 法別番号 (law codes fixed nationwide), sorted by code.
///
/// Source for every row (subsidy.md §3): 群馬県 official table
/// <https://www.pref.gunma.jp/page/3203.html>, cross-checked with the
/// Wikipedia 「公費負担医療」 table and the 高知県 notice text.
/// Local (地方単独) codes are prefecture-scoped and deliberately absent.
pub const NATIONAL_LAW_CODES: &[LawScheme] = &[
    row(10, "感染症法 結核患者の適正医療 (37条の2)"),
    row(11, "感染症法 結核患者の入院 (37条)"),
    row(12, "生活保護法 医療扶助"),
    row(13, "戦傷病者特別援護法 療養の給付"),
    row(14, "戦傷病者特別援護法 更生医療"),
    row(15, "障害者総合支援法 自立支援医療(更生医療)"),
    row(16, "障害者総合支援法 自立支援医療(育成医療)"),
    row(17, "児童福祉法 療育の給付"),
    row(18, "原爆被爆者援護法 認定疾病医療"),
    row(19, "原爆被爆者援護法 一般疾病医療費"),
    row(20, "精神保健福祉法 措置入院"),
    row(21, "障害者総合支援法 自立支援医療(精神通院医療)"),
    row(22, "麻薬及び向精神薬取締法 入院措置"),
    row(23, "母子保健法 養育医療"),
    row(24, "障害者総合支援法 療養介護医療・基準該当療養介護医療"),
    row(25, "中国残留邦人等支援法 医療支援給付"),
    row(28, "感染症法 一類感染症等の患者の入院"),
    row(29, "感染症法 新感染症の患者の入院"),
    row(30, "心神喪失者等医療観察法 医療の給付"),
    // Tokyo also uses 38 for 肝がん・重度肝硬変 (same §3 source note).
    row(38, "肝炎治療特別促進事業"),
    // Residual after the 2015 難病法 (most 特定疾患 moved to 54).
    row(51, "特定疾患治療費・先天性血液凝固因子障害等・水俣病等"),
    row(52, "児童福祉法 小児慢性特定疾病医療支援"),
    row(53, "児童福祉法 措置等に係る医療の給付"),
    row(54, "難病法 特定医療(指定難病)"),
    row(62, "特定B型肝炎ウイルス感染者給付金等 定期検査費等"),
    row(66, "石綿健康被害救済法 医療費"),
    row(79, "児童福祉法 肢体不自由児通所医療・障害児入所医療"),
];

/// Scheme name of a national 法別番号 (law code), `None` for local or unknown codes.
///
/// ```
/// use pmh_core::ids::law_code_scheme;
/// assert_eq!(law_code_scheme(54), Some("難病法 特定医療(指定難病)"));
/// assert_eq!(law_code_scheme(88), None); // Tokyo マル子: local, prefecture-scoped
/// ```
pub fn law_code_scheme(code: u8) -> Option<&'static str> {
    NATIONAL_LAW_CODES
        .binary_search_by_key(&code, |r| r.code)
        .ok()
        .map(|i| NATIONAL_LAW_CODES[i].scheme)
}

/// 法別番号 ranges seen in use for local (地方単独) 公費 schemes.
///
/// Used only as a *heuristic* to tell an 8-digit 公費負担者番号 from a 保険者番号
/// when the caller did not say which it is; local codes are chosen per prefecture.
/// Sources (subsidy.md §3): Tokyo 80-83/88/89; 青森 41/43/44/80/81;
/// 福島 44/45/46/99; 滋賀 40/41; 鹿児島 80. None of these collide with the
/// 保険者番号 法別 (01-07, 31-34, 39, 63, 67, 72-75).
pub const LOCAL_LAW_CODE_RANGES: [(u8, u8); 2] = [(40, 49), (80, 99)];

/// 点数表番号 (score table) of a 10-digit 医療機関コード (institution code).
///
/// Sources disagree beyond 1/3/4 (subsidy.md §1.5). Decision: accept 1, 3 and 4
/// (JAMI abstract; USEN-Almex オンライン資格確認 FAQ) plus 5 and 6 as listed by
/// the uke-parser code table (`tensuhyo.yml`; an old Wikipedia revision agrees
/// on 5/6 in substance). 7 柔道整復 and 8 鍼灸マッサージ (old Wikipedia only) are
/// 施術所, not 医療機関, and are rejected, as are 0, 2 and 9.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScoreTable {
    /// 1 医科 (medical)
    Medical = 1,
    /// 3 歯科 (dental)
    Dental = 3,
    /// 4 調剤 (pharmacy)
    Pharmacy = 4,
    /// 5 介護老人保健施設 (long-term care health facility); uke-parser only
    GeriatricHealthFacility = 5,
    /// 6 訪問看護ステーション (home-visit nursing station); uke-parser only
    HomeNursing = 6,
}

impl ScoreTable {
    /// All accepted 点数表 (score tables), by code.
    pub const ALL: [ScoreTable; 5] = [
        ScoreTable::Medical,
        ScoreTable::Dental,
        ScoreTable::Pharmacy,
        ScoreTable::GeriatricHealthFacility,
        ScoreTable::HomeNursing,
    ];

    /// The 点数表 for a digit, `None` when unknown.
    ///
    /// ```
    /// use pmh_core::ids::ScoreTable;
    /// assert_eq!(ScoreTable::from_code(3), Some(ScoreTable::Dental));
    /// assert_eq!(ScoreTable::from_code(2), None);
    /// ```
    pub const fn from_code(code: u8) -> Option<ScoreTable> {
        match code {
            1 => Some(ScoreTable::Medical),
            3 => Some(ScoreTable::Dental),
            4 => Some(ScoreTable::Pharmacy),
            5 => Some(ScoreTable::GeriatricHealthFacility),
            6 => Some(ScoreTable::HomeNursing),
            _ => None,
        }
    }

    /// The digit.
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// Japanese name (医科, 歯科, 調剤, …).
    pub const fn name_ja(self) -> &'static str {
        match self {
            ScoreTable::Medical => "医科",
            ScoreTable::Dental => "歯科",
            ScoreTable::Pharmacy => "調剤",
            ScoreTable::GeriatricHealthFacility => "介護老人保健施設",
            ScoreTable::HomeNursing => "訪問看護ステーション",
        }
    }
}

/// Japanese name of a 点数表番号 (score table digit), `None` when unknown.
///
/// ```
/// use pmh_core::ids::score_table_name;
/// assert_eq!(score_table_name(1), Some("医科"));
/// assert_eq!(score_table_name(7), None);
/// ```
pub fn score_table_name(code: u8) -> Option<&'static str> {
    ScoreTable::from_code(code).map(ScoreTable::name_ja)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefectures() {
        assert_eq!(prefecture_name(0), None);
        assert_eq!(prefecture_name(1), Some("北海道"));
        assert_eq!(prefecture_name(36), Some("徳島県"));
        assert_eq!(prefecture_name(47), Some("沖縄県"));
        assert_eq!(prefecture_name(48), None);
    }

    #[test]
    fn law_table_sorted_and_complete() {
        assert!(NATIONAL_LAW_CODES.windows(2).all(|w| w[0].code < w[1].code));
        assert_eq!(NATIONAL_LAW_CODES.len(), 27);
        for code in [10, 12, 15, 21, 38, 51, 52, 54, 62, 66, 79] {
            assert!(law_code_scheme(code).is_some(), "{code}");
        }
        for code in [0, 1, 9, 26, 27, 31, 39, 80, 88, 99] {
            assert!(law_code_scheme(code).is_none(), "{code}");
        }
    }

    #[test]
    fn score_tables() {
        for t in ScoreTable::ALL {
            assert_eq!(ScoreTable::from_code(t.code()), Some(t));
        }
        for c in [0, 2, 7, 8, 9] {
            assert_eq!(score_table_name(c), None);
        }
        assert_eq!(score_table_name(4), Some("調剤"));
    }
}

//! Tests of the identifier types and the generic checker.
//!
//! Every fixture was recomputed by hand (arithmetic in the comments) and with
//! an independent script before being asserted.

use super::*;
use crate::validate::{Report, Severity};

/// Codes reported by `parse_reporting`-style validation of `input` at path "".
fn codes(f: impl FnOnce(&mut Report)) -> Vec<&'static str> {
    let mut r = Report::new();
    f(&mut r);
    r.issues().iter().map(|i| i.code).collect()
}

fn payer_codes(s: &str) -> Vec<&'static str> {
    codes(|r| {
        PayerNumber::parse_reporting(s, "", r);
    })
}

// --- 公費負担者番号 ----------------------------------------------------------

#[test]
fn payer_valid_worked_examples() {
    // 8813445: 5×2=10→1, 4, 4×2=8, 3, 1×2=2, 8, 8×2=16→7 → 33 → 10−3 = 7
    let p = PayerNumber::parse("88134457").unwrap();
    assert_eq!(p.law_code().code(), 88);
    assert!(!p.is_national(), "88 (Tokyo マル子) is a local code");
    assert_eq!(p.prefecture().code(), 13);
    assert_eq!(p.prefecture().name(), "東京都");
    assert_eq!(p.agency(), "445");
    assert_eq!(p.check_digit(), 7);
    assert_eq!(p.as_str(), "88134457");

    // 5401602: 2×2=4, 0, 6×2=12→3, 1, 0×2=0, 4, 5×2=10→1 → 13 → 7
    let n = PayerNumber::parse("54016027").unwrap();
    assert!(n.is_national());
    assert_eq!(
        n.law_code().national_scheme(),
        Some("難病法 特定医療(指定難病)")
    );
    assert_eq!(n.prefecture().name(), "北海道");
    assert_eq!(n.agency(), "602");
}

#[test]
fn payer_errors() {
    // Real mis-issued number (Tokyo press release 2024-10-03).
    assert_eq!(
        PayerNumber::parse("88134458").unwrap_err().code(),
        "ids.payer.check_digit"
    );
    assert_eq!(
        PayerNumber::parse("54016020").unwrap_err().code(),
        "ids.payer.check_digit"
    );
    // Prefecture 00 / 48 with a correct check digit:
    // 5400602: 2×2=4, 0, 6×2=12→3, 0, 0, 4, 5×2=10→1 → 12 → 8
    assert_eq!(payer_codes("54006028"), ["ids.payer.prefecture"]);
    // 5448602: 4+0+3+8+(4×2=8)+4+1 = 28 → 2
    assert_eq!(payer_codes("54486022"), ["ids.payer.prefecture"]);
    assert_eq!(payer_codes("5401602"), ["ids.payer.length"]);
    assert_eq!(payer_codes("540160270"), ["ids.payer.length"]);
    assert_eq!(payer_codes(""), ["ids.payer.length"]);
    assert_eq!(payer_codes("5401602a"), ["ids.payer.non_digit"]);
    assert_eq!(
        payer_codes("54-01-6027"),
        ["ids.payer.non_digit", "ids.payer.length"]
    );
    // Both prefecture and check digit wrong: both reported.
    assert_eq!(
        payer_codes("54006020"),
        ["ids.payer.prefecture", "ids.payer.check_digit"]
    );
    assert_eq!(
        PayerNumber::parse("54006020").unwrap_err().code(),
        "ids.payer.prefecture"
    );
}

#[test]
fn fullwidth_digits_are_normalized_with_a_warning() {
    let mut r = Report::new();
    let p =
        PayerNumber::parse_reporting("５４０１６０２７", "/medicalSubsidyInsurerNumber", &mut r)
            .unwrap();
    assert_eq!(p.as_str(), "54016027");
    assert!(r.is_ok());
    assert!(r.has_at("ids.fullwidth_digits", "/medicalSubsidyInsurerNumber"));
    assert_eq!(r.issues()[0].severity, Severity::Warning);
    // Mixed widths too; parse() ignores the warning.
    assert_eq!(
        PayerNumber::parse("5401６０２7").unwrap().as_str(),
        "54016027"
    );
    // Full-width letters are not digits.
    assert_eq!(payer_codes("5401602Ａ"), ["ids.payer.non_digit"]);
}

// --- 公費受給者番号 ----------------------------------------------------------

fn recipient_codes(s: &str, rule: RecipientRule) -> Vec<(&'static str, Severity)> {
    let mut r = Report::new();
    RecipientNumber::parse_reporting(s, rule, "", &mut r);
    r.issues().iter().map(|i| (i.code, i.severity)).collect()
}

#[test]
fn recipient_national() {
    use RecipientRule::National;
    // ORCA sample: 123456 → 6×2=12→3, 5, 4×2=8, 3, 2×2=4, 1 → 24 → 6
    let r = RecipientNumber::parse("1234566", National).unwrap();
    assert_eq!(r.check_digit(), Some(6));
    assert_eq!(r.rule(), National);
    assert_eq!(
        RecipientNumber::parse("1234567", National)
            .unwrap_err()
            .code(),
        "ids.recipient.check_digit"
    );
    // PMH sample 0000002: sum 0 → check 0, not 2.
    assert_eq!(
        RecipientNumber::parse("0000002", National)
            .unwrap_err()
            .code(),
        "ids.recipient.check_digit"
    );
    assert_eq!(
        RecipientNumber::parse("0000000", National)
            .unwrap()
            .as_str(),
        "0000000"
    );
    assert_eq!(
        recipient_codes("123456", National),
        [("ids.recipient.length", Severity::Error)]
    );
    assert_eq!(
        recipient_codes("12345660", National),
        [("ids.recipient.length", Severity::Error)]
    );
    assert_eq!(
        recipient_codes("12345a6", National),
        [("ids.recipient.non_digit", Severity::Error)]
    );
    assert_eq!(
        recipient_codes("１２３４５６６", National),
        [("ids.fullwidth_digits", Severity::Warning)]
    );
}

#[test]
fn recipient_local() {
    use RecipientRule::Local;
    let r = RecipientNumber::parse("AB12345678", Local).unwrap();
    assert_eq!(r.as_str(), "AB12345678");
    assert_eq!(r.check_digit(), None);
    let thirty = "a".repeat(30);
    assert_eq!(
        RecipientNumber::parse(&thirty, Local).unwrap().as_str(),
        thirty
    );
    assert_eq!(
        recipient_codes(&"1".repeat(31), Local),
        [("ids.recipient.length", Severity::Error)]
    );
    assert_eq!(
        recipient_codes("", Local),
        [("ids.recipient.length", Severity::Error)]
    );
    assert_eq!(
        recipient_codes("12-34", Local),
        [("ids.recipient.non_alphanumeric", Severity::Error)]
    );
    assert_eq!(
        recipient_codes("１２Ａ", Local).last().unwrap().0,
        "ids.recipient.non_alphanumeric"
    );
    // A 7-digit local number failing Luhn: accepted, with a warning under the same code.
    assert_eq!(
        recipient_codes("0000002", Local),
        [("ids.recipient.check_digit", Severity::Warning)]
    );
    assert!(RecipientNumber::parse("0000002", Local).is_ok());
    assert!(recipient_codes("1234566", Local).is_empty());
    // Non-7-digit local numbers get no check at all.
    assert!(recipient_codes("123456", Local).is_empty());
}

#[test]
fn recipient_rule_follows_the_payer_law_code() {
    let national = PayerNumber::parse("54016027").unwrap();
    // 7913001: 1×2=2, 0, 0, 3, 1×2=2, 9, 7×2=14→5 → 21 → 9 (法別 79: national, below 80)
    let p79 = PayerNumber::parse("79130019").unwrap();
    // 4102001: 1×2=2, 0, 0, 2, 0, 1, 4×2=8 → 13 → 7 (法別 41: 青森 local, below 80)
    let p41 = PayerNumber::parse("41020017").unwrap();
    let maruko = PayerNumber::parse("88134457").unwrap();
    assert_eq!(RecipientRule::for_payer(&national), RecipientRule::National);
    assert_eq!(RecipientRule::for_payer(&p79), RecipientRule::National);
    assert_eq!(RecipientRule::for_payer(&p41), RecipientRule::Local);
    assert_eq!(RecipientRule::for_payer(&maruko), RecipientRule::Local);
    assert!(RecipientNumber::parse_for_payer("1234566", &national).is_ok());
    assert!(RecipientNumber::parse_for_payer("1234567", &p79).is_err());
    assert!(RecipientNumber::parse_for_payer("X0012", &p41).is_ok());
    assert!(RecipientNumber::parse_for_payer("X0012", &national).is_err());
}

// --- 保険者番号 --------------------------------------------------------------

fn insurer_codes(s: &str) -> Vec<&'static str> {
    codes(|r| {
        InsurerNumber::parse_reporting(s, "", r);
    })
}

#[test]
fn insurer_eight_digits() {
    // 千葉県警 example: 3312001 → 1×2=2, 0, 0, 2, 1×2=2, 3, 3×2=6 → 15 → 5
    let i = InsurerNumber::parse("33120015").unwrap();
    assert!(!i.is_kokuho());
    assert_eq!(i.law_code().map(LawCode::code), Some(33));
    assert_eq!(i.prefecture().name(), "千葉県");
    assert_eq!(i.serial(), "001");
    assert_eq!(i.check_digit(), 5);
    assert_eq!(i.as_padded_str(), "33120015");
    // 協会けんぽ 東京: 0113001 → 2, 0, 0, 3, 2, 1, 0 → 8 → 2
    assert!(InsurerNumber::parse("01130012").is_ok());
    assert_eq!(insurer_codes("33120016"), ["ids.insurer.check_digit"]);
    // PMH sample 87654321: prefecture 65 and check digit (8765432 → 27 → 3, not 1).
    assert_eq!(
        insurer_codes("87654321"),
        ["ids.insurer.prefecture", "ids.insurer.check_digit"]
    );
    // 0100001: 1×2=2, 0, 0, 0, 0, 1, 0 → 3 → 7; prefecture 00 ... but "01" ≠ "00" so 8-digit
    assert_eq!(insurer_codes("01000017"), ["ids.insurer.prefecture"]);
    assert_eq!(insurer_codes("3312001"), ["ids.insurer.length"]);
    assert_eq!(insurer_codes("331200150"), ["ids.insurer.length"]);
    assert_eq!(insurer_codes("3312001x"), ["ids.insurer.non_digit"]);
}

#[test]
fn insurer_kokuho_and_padding() {
    // 13805: 5×2=10→1, 0, 8×2=16→7, 3, 1×2=2 → 13 → 7
    let six = InsurerNumber::parse("138057").unwrap();
    assert!(six.is_kokuho());
    assert_eq!(six.law_code(), None);
    assert_eq!(six.prefecture().name(), "東京都");
    assert_eq!(six.serial(), "805");
    assert_eq!(six.as_str(), "138057");
    assert_eq!(six.as_padded_str(), "00138057");
    let spaces = InsurerNumber::parse("  138057").unwrap();
    let zeros = InsurerNumber::parse("00138057").unwrap();
    assert_eq!(spaces, six);
    assert_eq!(zeros, six);
    assert_eq!(zeros.as_str(), "138057");
    assert_eq!(insurer_codes("138058"), ["ids.insurer.check_digit"]);
    assert_eq!(insurer_codes("  138058"), ["ids.insurer.check_digit"]);
    assert_eq!(insurer_codes("00138058"), ["ids.insurer.check_digit"]);
    assert_eq!(insurer_codes(" 138057"), ["ids.insurer.length"]);
    assert_eq!(insurer_codes("   38057"), ["ids.insurer.length"]);
    assert_eq!(insurer_codes("13805"), ["ids.insurer.length"]);
    assert_eq!(
        insurer_codes("1380 57"),
        ["ids.insurer.non_digit", "ids.insurer.length"]
    );
    assert_eq!(insurer_codes("  13805７"), ["ids.fullwidth_digits"]);
    // Prefecture 00 and 48 with correct check digits: 00001 → 2 → 8; 48001 → 2+0+0+8+8 = 18 → 2
    assert_eq!(insurer_codes("000018"), ["ids.insurer.prefecture"]);
    assert_eq!(insurer_codes("480012"), ["ids.insurer.prefecture"]);
}

// --- 医療機関コード ----------------------------------------------------------

fn institution_codes(s: &str) -> Vec<&'static str> {
    codes(|r| {
        InstitutionCode::parse_reporting(s, "", r);
    })
}

#[test]
fn institution() {
    // 徳島大学病院 361801001: 1×2=2, 0, 0, 1, 0, 8, 1×2=2, 6, 3×2=6 → 25 → 5
    let c = InstitutionCode::parse("3618010015").unwrap();
    assert_eq!(c.prefecture().code(), 36);
    assert_eq!(c.score_table(), ScoreTable::Medical);
    assert_eq!(c.seven_digit_code(), "8010015");
    assert_eq!(c.district(), "80");
    assert_eq!(c.institution_number(), "1001");
    assert_eq!(c.check_digit(), 5);
    // Checking only the 7 digits would give 9: 3618010019 must fail.
    assert_eq!(
        institution_codes("3618010019"),
        ["ids.institution.check_digit"]
    );
    assert_eq!(
        institution_codes("3618010016"),
        ["ids.institution.check_digit"]
    );
    // Same number, 点数表 3 / 4: 363801001 → 27 → 1 (… 3×1=3 instead of 1×2=2 at position 7)
    assert_eq!(
        InstitutionCode::parse("3638010011").unwrap().score_table(),
        ScoreTable::Dental
    );
    // 364801001 → 4 instead of 2 → 21 → 9
    assert_eq!(
        InstitutionCode::parse("3648010019").unwrap().score_table(),
        ScoreTable::Pharmacy
    );
    // 点数表 2 and 7 (right check digits: 362801001 → 27 → 3; 367801001 → 28 → 2)
    assert_eq!(
        institution_codes("3628010013"),
        ["ids.institution.score_table"]
    );
    assert_eq!(
        institution_codes("3678010012"),
        ["ids.institution.score_table"]
    );
    // Prefecture 00 (001801001 → 23 → 7) and 48 (481801001 → 29 → 1)
    assert_eq!(
        institution_codes("0018010017"),
        ["ids.institution.prefecture"]
    );
    assert_eq!(
        institution_codes("4818010011"),
        ["ids.institution.prefecture"]
    );
    assert_eq!(institution_codes("8010015"), ["ids.institution.length"]);
    assert_eq!(
        institution_codes("361801001X"),
        ["ids.institution.non_digit"]
    );
    // Every accepted 点数表 round-trips with a computed check digit.
    for t in ScoreTable::ALL {
        let mut payload = *b"36x801001";
        payload[2] = b'0' + t.code();
        let cd = digits::luhn_check_digit(&payload).unwrap();
        let s = format!("{}{cd}", std::str::from_utf8(&payload).unwrap());
        assert_eq!(InstitutionCode::parse(&s).unwrap().score_table(), t);
    }
}

// --- 全国地方公共団体コード --------------------------------------------------

fn municipality_codes(s: &str) -> Vec<&'static str> {
    codes(|r| {
        MunicipalityCode::parse_reporting(s, "", r);
    })
}

#[test]
fn municipality() {
    // 千代田区 13101: 6+15+4+0+2 = 27, mod 11 = 5 → 6
    let m = MunicipalityCode::parse("131016").unwrap();
    assert_eq!(m.jis_code(), "13101");
    assert_eq!(m.municipal_part(), "101");
    assert_eq!(m.check_digit(), 6);
    assert!(!m.is_prefecture());
    // 東京都 13000: 21, mod 11 = 10 → 1
    let tokyo = MunicipalityCode::parse("130001").unwrap();
    assert!(tokyo.is_prefecture());
    assert_eq!(tokyo.prefecture().name(), "東京都");
    assert_eq!(
        municipality_codes("131017"),
        ["ids.municipality.check_digit"]
    );
    assert_eq!(
        municipality_codes("130000"),
        ["ids.municipality.check_digit"]
    );
    // Remainder 0 (新宿区 13104): 6+15+4+0+8 = 33 = 3×11 → (11−0) mod 10 = 1
    assert!(MunicipalityCode::parse("131041").is_ok());
    assert_eq!(
        municipality_codes("131040"),
        ["ids.municipality.check_digit"]
    );
    // Remainder 1 (渋谷区 13113): 6+15+4+3+6 = 34 = 3×11+1 → (11−1) mod 10 = 0
    assert!(MunicipalityCode::parse("131130").is_ok());
    assert_eq!(
        municipality_codes("131131"),
        ["ids.municipality.check_digit"]
    );
    // 沖縄県 47000: 24+35 = 59, mod 11 = 4 → 7; 札幌市 01100: 5+4 = 9 → 2
    assert!(MunicipalityCode::parse("470007").is_ok());
    assert!(MunicipalityCode::parse("011002").is_ok());
    // Prefecture 00 (00100: 4 → 7) and 48 (48100: 24+40+4 = 68, mod 11 = 2 → 9)
    assert_eq!(
        municipality_codes("001007"),
        ["ids.municipality.prefecture"]
    );
    assert_eq!(
        municipality_codes("481009"),
        ["ids.municipality.prefecture"]
    );
    assert_eq!(municipality_codes("13101"), ["ids.municipality.length"]);
    assert_eq!(municipality_codes("13101６"), ["ids.fullwidth_digits"]);
    assert_eq!(municipality_codes("1310l6"), ["ids.municipality.non_digit"]);
}

// --- 個人番号 ---------------------------------------------------------------

fn mynumber_codes(s: &str) -> Vec<&'static str> {
    codes(|r| {
        MyNumber::parse_reporting(s, "/myNumber", r);
    })
}

#[test]
fn my_number_check_digits() {
    // 98320567321: 54+40+12+6+0+35+36+35+12+6+2 = 238, mod 11 = 7 → 4
    assert_eq!(
        MyNumber::parse("983205673214").unwrap().expose(),
        "983205673214"
    );
    assert_eq!(mynumber_codes("983205673210"), ["ids.mynumber.check_digit"]);
    // PMH sample: 12+5+0+27+16+49+36+25+16+9+4 = 199 = 18×11+1 → 0, not 1.
    assert_eq!(mynumber_codes("210987654321"), ["ids.mynumber.check_digit"]);
    assert!(MyNumber::parse("210987654320").is_ok());
    // Remainder 0: 98320567306 → 54+40+12+6+0+35+36+35+12+0+12 = 242 = 22×11 → 0
    assert!(MyNumber::parse("983205673060").is_ok());
    assert_eq!(mynumber_codes("983205673061"), ["ids.mynumber.check_digit"]);
    // Remainder 1: 98320567301 → 54+40+12+6+0+35+36+35+12+0+2 = 232 = 21×11+1 → 0
    assert!(MyNumber::parse("983205673010").is_ok());
    assert_eq!(mynumber_codes("983205673011"), ["ids.mynumber.check_digit"]);
    // Remainder 10: 98320567300 → 230 = 20×11+10 → 11−10 = 1
    assert!(MyNumber::parse("983205673001").is_ok());
    assert_eq!(mynumber_codes("983205673000"), ["ids.mynumber.check_digit"]);
    assert_eq!(mynumber_codes("98320567321"), ["ids.mynumber.length"]);
    assert_eq!(
        mynumber_codes("9832-0567-3214"),
        ["ids.mynumber.non_digit", "ids.mynumber.length"]
    );
    assert_eq!(
        mynumber_codes("９８３２０５６７３２１４"),
        ["ids.fullwidth_digits"]
    );
}

#[test]
fn my_number_never_leaks() {
    let n = MyNumber::parse("983205673214").unwrap();
    assert_eq!(n.to_string(), "********3214");
    assert_eq!(format!("{n:?}"), "MyNumber(********3214)");
    assert_eq!(
        format!("{:?}", Some(n.clone())),
        "Some(MyNumber(********3214))"
    );
    assert_eq!(n.masked(), "********3214");
    let e = MyNumber::parse("983205673210").unwrap_err();
    assert!(!e.to_string().contains("9832"));
    assert!(!format!("{e:?}").contains("9832"));
    for kind in [Some(IdKind::Mynumber), None] {
        for input in ["983205673214", "983205673210", "９８３２０５６７３２１４"] {
            let json =
                serde_json::to_string(&check(input, kind, &CheckOptions::default())).unwrap();
            assert!(!json.contains("98320567"), "{json}");
        }
    }
}

// --- generic checker --------------------------------------------------------

#[test]
fn guessing() {
    let g = guess_kind;
    assert_eq!(g("3618010015"), Some(IdKind::Institution));
    assert_eq!(g("1234566"), Some(IdKind::Recipient));
    assert_eq!(g("0000002"), Some(IdKind::Recipient));
    assert_eq!(g("54016027"), Some(IdKind::Payer)); // national 54
    assert_eq!(g("88134457"), Some(IdKind::Payer)); // local range 80-99
    assert_eq!(g("41020017"), Some(IdKind::Payer)); // local range 40-49
    assert_eq!(g("33120015"), Some(IdKind::Insurer)); // 共済 33
    assert_eq!(g("01130012"), Some(IdKind::Insurer));
    assert_eq!(g("39130018"), Some(IdKind::Insurer)); // 後期高齢 39
    assert_eq!(g("00138057"), Some(IdKind::Insurer));
    assert_eq!(g("  138057"), Some(IdKind::Insurer));
    assert_eq!(g("131016"), Some(IdKind::Municipality));
    assert_eq!(g("１３１０１６"), Some(IdKind::Municipality));
    // 13805 → municipality check digit would be 3, so 138057 is read as 国保.
    assert_eq!(g("138057"), Some(IdKind::Insurer));
    assert_eq!(g("983205673214"), None);
    assert_eq!(g("AB123"), None);
    assert_eq!(g(""), None);
    assert_eq!(g(" 138057"), None);
    assert_eq!(g("12345678901"), None);
}

#[test]
fn check_results() {
    let opts = CheckOptions::default();
    let c = check("88134457", None, &opts);
    assert!(c.valid);
    assert_eq!(c.kind, Some(IdKind::Payer));
    assert_eq!(c.normalized.as_deref(), Some("88134457"));
    assert!(c.issues.is_empty());

    let bad = check("88134458", None, &opts);
    assert!(!bad.valid);
    assert_eq!(bad.normalized, None);
    assert_eq!(bad.issues.len(), 1);
    assert_eq!(bad.issues[0].code, "ids.payer.check_digit");
    assert_eq!(bad.issues[0].path, "");

    let kokuho = check("  138057", None, &opts);
    assert!(kokuho.valid);
    assert_eq!(kokuho.normalized.as_deref(), Some("138057"));

    let unknown = check("983205673214", None, &opts);
    assert!(!unknown.valid);
    assert_eq!(unknown.kind, None);
    assert_eq!(unknown.issues[0].code, "ids.kind.unknown");

    // An explicit kind overrides the guess.
    assert!(!check("131016", Some(IdKind::Insurer), &opts).valid);
    assert_eq!(
        check("abc", Some(IdKind::Payer), &opts).issues[0].code,
        "ids.payer.non_digit"
    );

    // Full-width: valid, with the warning.
    let fw = check("１２３４５６６", None, &opts);
    assert!(fw.valid);
    assert_eq!(fw.normalized.as_deref(), Some("1234566"));
    assert_eq!(fw.issues[0].severity, Severity::Warning);
}

#[test]
fn check_recipient_rule_options() {
    let r = Some(IdKind::Recipient);
    assert!(
        !check("A123", r, &CheckOptions::default()).valid,
        "default is National"
    );
    let local = CheckOptions {
        recipient_rule: Some(RecipientRule::Local),
        payer: None,
    };
    assert!(check("A123", r, &local).valid);
    let maruko = CheckOptions {
        recipient_rule: None,
        payer: Some(PayerNumber::parse("88134457").unwrap()),
    };
    assert!(check("A123", r, &maruko).valid);
    let warn = check("0000002", r, &maruko);
    assert!(warn.valid);
    assert_eq!(warn.issues[0].code, "ids.recipient.check_digit");
    assert_eq!(warn.issues[0].severity, Severity::Warning);
    // Explicit rule wins over the payer.
    let both = CheckOptions {
        recipient_rule: Some(RecipientRule::National),
        ..maruko
    };
    assert!(!check("A123", r, &both).valid);
}

#[test]
fn id_kind_names() {
    for k in IdKind::ALL {
        assert_eq!(IdKind::parse(k.as_str()), Some(k));
        assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        let back: IdKind = serde_json::from_value(serde_json::json!(k.as_str())).unwrap();
        assert_eq!(back, k);
    }
    assert_eq!(IdKind::parse("Payer"), None);
    assert_eq!(IdKind::parse("my_number"), None);
}

#[test]
fn id_check_serializes_camel_case() {
    let v = serde_json::to_value(check("１３１０１６", None, &CheckOptions::default())).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["kind"], "municipality");
    assert_eq!(v["normalized"], "131016");
    assert_eq!(v["issues"][0]["code"], "ids.fullwidth_digits");
    assert_eq!(v["issues"][0]["severity"], "warning");
    assert_eq!(
        v["issues"][0]["messageEn"],
        rules::FULLWIDTH_DIGITS.message_en
    );
}

#[test]
fn serde_round_trip_and_errors() {
    let p: PayerNumber = serde_json::from_str("\"54016027\"").unwrap();
    assert_eq!(serde_json::to_string(&p).unwrap(), "\"54016027\"");
    let e = serde_json::from_str::<PayerNumber>("\"54016028\"")
        .unwrap_err()
        .to_string();
    assert!(e.contains("ids.payer.check_digit"), "{e}");
    assert!(!e.contains("54016028"), "{e}");
    let i: InsurerNumber = serde_json::from_str("\"00138057\"").unwrap();
    assert_eq!(serde_json::to_string(&i).unwrap(), "\"138057\"");
    assert!(serde_json::from_str::<MunicipalityCode>("\"131016\"").is_ok());
    assert!(serde_json::from_str::<InstitutionCode>("\"3618010015\"").is_ok());
}

#[test]
fn rules_are_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for r in rules::ALL {
        assert!(r.code.starts_with("ids."), "{}", r.code);
        assert!(!r.message_ja.is_empty() && !r.message_en.is_empty());
        // The local check-digit warning deliberately shares its code.
        if r.severity == Severity::Error || r.code == "ids.fullwidth_digits" {
            assert!(seen.insert(r.code), "duplicate {}", r.code);
        }
    }
    assert_eq!(
        rules::RECIPIENT_CHECK_DIGIT_LOCAL.code,
        rules::RECIPIENT_CHECK_DIGIT.code
    );
    assert_eq!(
        rules::RECIPIENT_CHECK_DIGIT_LOCAL.severity,
        Severity::Warning
    );
}

#[test]
fn debug_and_display() {
    let p = PayerNumber::parse("54016027").unwrap();
    assert_eq!(format!("{p:?}"), "PayerNumber(\"54016027\")");
    assert_eq!(p.to_string(), "54016027");
    assert_eq!(p.law_code().to_string(), "54");
    assert_eq!(p.prefecture().to_string(), "01");
    let r = RecipientNumber::parse("1234566", RecipientRule::National).unwrap();
    assert_eq!(r.to_string(), "1234566");
}

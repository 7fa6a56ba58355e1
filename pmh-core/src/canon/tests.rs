//! Tests: RFC 8785 vectors (sections 3.2.2–3.2.4, Appendix B), the official
//! `cyberphone/json-canonicalization` testdata pairs, a sweep over the double
//! range checked against an independent formatter, and strict-parser cases.

use super::*;
use serde_json::{json, Map, Number};

fn canon_str(value: &Value) -> String {
    String::from_utf8(canonicalize(value).expect("canonicalizable")).expect("UTF-8 output")
}

fn canon_json_str(input: &[u8]) -> String {
    String::from_utf8(canonicalize_json(input).expect("valid input")).expect("UTF-8 output")
}

fn f64_from_hex(hex: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(hex, 16).expect("hex"))
}

fn f64_str(x: f64) -> String {
    let mut out = Vec::new();
    canonicalize_f64(x, &mut out).expect("finite");
    String::from_utf8(out).expect("ASCII")
}

// ---------------------------------------------------------------------------
// RFC 8785 text
// ---------------------------------------------------------------------------

/// RFC 8785 section 3.2.2 input; section 3.2.4 gives the UTF-8 of its
/// canonical form byte by byte.
#[test]
fn rfc8785_section_3_2_2_sample_gives_section_3_2_4_bytes() {
    let input = r#"{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}"#;
    let expected_hex = "
      7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
      75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
      5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
      65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
      5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
      30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d";
    let expected: Vec<u8> = expected_hex
        .split_whitespace()
        .map(|h| u8::from_str_radix(h, 16).expect("hex byte"))
        .collect();
    let out = canonicalize_json(input.as_bytes()).unwrap();
    assert_eq!(out, expected);
    // Section 3.2.3 prints the same thing as text.
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\
         \"string\":\"\u{20ac}$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}"
    );
}

/// RFC 8785 section 3.2.3: sorting by UTF-16 code units.
#[test]
fn rfc8785_section_3_2_3_member_order() {
    let input = r#"{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}"#;
    assert_eq!(
        canon_json_str(input.as_bytes()),
        "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\
         \"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\
         \"\u{1f600}\":\"Emoji: Grinning Face\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
    );
}

/// RFC 8785 Appendix B: IEEE-754 bit patterns and their serialization.
const APPENDIX_B: &[(&str, &str)] = &[
    ("0000000000000000", "0"),
    ("8000000000000000", "0"),
    ("0000000000000001", "5e-324"),
    ("8000000000000001", "-5e-324"),
    ("7fefffffffffffff", "1.7976931348623157e+308"),
    ("ffefffffffffffff", "-1.7976931348623157e+308"),
    ("4340000000000000", "9007199254740992"),
    ("c340000000000000", "-9007199254740992"),
    ("4430000000000000", "295147905179352830000"),
    ("44b52d02c7e14af5", "9.999999999999997e+22"),
    ("44b52d02c7e14af6", "1e+23"),
    ("44b52d02c7e14af7", "1.0000000000000001e+23"),
    ("444b1ae4d6e2ef4e", "999999999999999700000"),
    ("444b1ae4d6e2ef4f", "999999999999999900000"),
    ("444b1ae4d6e2ef50", "1e+21"),
    ("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"),
    ("3eb0c6f7a0b5ed8d", "0.000001"),
    ("41b3de4355555553", "333333333.3333332"),
    ("41b3de4355555554", "333333333.33333325"),
    ("41b3de4355555555", "333333333.3333333"),
    ("41b3de4355555556", "333333333.3333334"),
    ("41b3de4355555557", "333333333.33333343"),
    ("becbf647612f3696", "-0.0000033333333333333333"),
    ("43143ff3c1cb0959", "1424953923781206.2"),
];

#[test]
fn rfc8785_appendix_b_numbers() {
    for &(hex, expected) in APPENDIX_B {
        let x = f64_from_hex(hex);
        assert_eq!(f64_str(x), expected, "{hex}");
        // The same through a Value and through parsing the expected text back.
        let value = Value::Number(Number::from_f64(x).unwrap());
        assert_eq!(canon_str(&value), expected, "{hex} as Value");
        assert_eq!(
            canon_json_str(expected.as_bytes()),
            expected,
            "{hex} reparsed"
        );
    }
}

#[test]
fn rfc8785_appendix_b_non_finite_are_errors() {
    for x in [
        f64_from_hex("7fffffffffffffff"),
        f64_from_hex("7ff0000000000000"),
        f64::NEG_INFINITY,
    ] {
        let mut out = b"keep".to_vec();
        assert_eq!(canonicalize_f64(x, &mut out), Err(CanonError::NonFinite));
        assert_eq!(out, b"keep");
    }
    assert_eq!(CanonError::NonFinite.code(), "canon.non_finite");
}

// ---------------------------------------------------------------------------
// cyberphone/json-canonicalization testdata (input/*.json -> output/*.json)
// ---------------------------------------------------------------------------

#[test]
fn testdata_arrays() {
    let input = "[\n  56,\n  {\n    \"d\": true,\n    \"10\": null,\n    \"1\": [ ]\n  }\n]";
    assert_eq!(
        canon_json_str(input.as_bytes()),
        r#"[56,{"1":[],"10":null,"d":true}]"#
    );
}

#[test]
fn testdata_french() {
    let input = "{\n  \"peach\": \"This sorting order\",\n  \"p\u{e9}ch\u{e9}\": \"is wrong according to French\",\n  \
                 \"p\u{ea}che\": \"but canonicalization MUST\",\n  \"sin\":   \"ingnore locale\"\n}\n";
    assert_eq!(
        canon_json_str(input.as_bytes()),
        "{\"peach\":\"This sorting order\",\"p\u{e9}ch\u{e9}\":\"is wrong according to French\",\
         \"p\u{ea}che\":\"but canonicalization MUST\",\"sin\":\"ingnore locale\"}"
    );
}

#[test]
fn testdata_structures() {
    let input = r#"{
  "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0},
  "10": { },
  "": "empty",
  "a": { },
  "111": [ { } ],
  "A": { }
}"#;
    assert_eq!(
        canon_json_str(input.as_bytes()),
        r#"{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}"#
    );
}

#[test]
fn testdata_unicode_is_not_normalized() {
    let input = "{\n  \"Unnormalized Unicode\":\"\\u1e0d\\u0307\"\n}\n";
    assert_eq!(
        canon_json_str(input.as_bytes()),
        "{\"Unnormalized Unicode\":\"\u{1e0d}\u{307}\"}"
    );
    // The NFC form of the same text is a different string and stays different.
    assert_ne!(
        canon_json_str("\"\u{1e0b}\u{323}\"".as_bytes()),
        canon_json_str(b"\"\\u1e0d\\u0307\"")
    );
}

#[test]
fn testdata_values() {
    let input = r#"{
  "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],
  "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}"#;
    assert_eq!(
        canon_json_str(input.as_bytes()),
        "{\"escaping\":\"\u{20ac}$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\",\"literals\":[null,true,false],\
         \"numbers\":[1e+30,4.5,333333333.3333333,0.002,1e-27]}"
    );
}

#[test]
fn testdata_weird() {
    let input = r#"{
  "\u20ac": "Euro Sign",
  "1": "One",
  "\u0080": "Control\u007f",
  "\ud83d\ude02": "Smiley",
  "\u00f6": "Latin Small Letter O With Diaeresis",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "</script>": "Browser Challenge"
}
"#;
    assert_eq!(
        canon_json_str(input.as_bytes()),
        "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u{80}\":\"Control\u{7f}\",\
         \"\u{f6}\":\"Latin Small Letter O With Diaeresis\",\"\u{20ac}\":\"Euro Sign\",\
         \"\u{1f602}\":\"Smiley\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
    );
}

#[test]
fn canonical_output_is_a_fixed_point() {
    let inputs: &[&str] = &[
        r#"{"b":[1E30,{"z":null,"y":[]}],"a":"\u20ac\ud83d\ude00\u0001","c":-0.0,"d":1e-7}"#,
        r#"[56,{"d":true,"10":null,"1":[]}]"#,
        r#""\u2028\u2029\u007f""#,
    ];
    for input in inputs {
        let once = canonicalize_json(input.as_bytes()).unwrap();
        let twice = canonicalize_json(&once).unwrap();
        assert_eq!(once, twice, "{input}");
    }
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

/// ECMAScript Number::toString from significant `digits` (no trailing zero)
/// and `n`, the decimal exponent with value = 0.digits × 10^n.
fn es6_from_digits(negative: bool, digits: &str, n: i64) -> String {
    let k = digits.len() as i64;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let sign = if e >= 0 { '+' } else { '-' };
        if k == 1 {
            format!("{digits}e{sign}{}", e.abs())
        } else {
            format!("{}.{}e{sign}{}", &digits[..1], &digits[1..], e.abs())
        }
    };
    if negative {
        format!("-{body}")
    } else {
        body
    }
}

/// ECMAScript Number::toString built from Rust's own shortest round-trip
/// digits (`{:e}`, core's formatter, independent of ryu-js).
fn es6_reference(x: f64) -> String {
    if x == 0.0 {
        return "0".to_owned();
    }
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').expect("exponent");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    es6_from_digits(x < 0.0, &digits, exp.parse::<i64>().expect("exponent") + 1)
}

/// Shape rules of ES6 output, checked on the text alone.
fn assert_es6_shape(x: f64, s: &str) {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    assert_eq!(s.starts_with('-'), x < 0.0, "{s}");
    assert!(
        !s.contains('E') && !s.contains("e0") && !s.contains("e+0") && !s.contains("e-0"),
        "{s}"
    );
    if let Some((mantissa, exp)) = unsigned.split_once('e') {
        assert!(
            exp.starts_with('+') || exp.starts_with('-'),
            "explicit exponent sign: {s}"
        );
        let e: i32 = exp.parse().unwrap();
        assert!(
            e >= 21 || e <= -7,
            "exponent form only outside [1e-7, 1e21): {s}"
        );
        let bytes = mantissa.as_bytes();
        assert!(bytes[0].is_ascii_digit() && bytes[0] != b'0', "{s}");
        if mantissa.len() > 1 {
            assert_eq!(bytes[1], b'.', "{s}");
            assert!(!mantissa.ends_with('0'), "{s}");
        }
    } else {
        let abs = x.abs();
        assert!(
            (1e-7..1e21).contains(&abs),
            "plain form only inside [1e-7, 1e21): {s}"
        );
        if let Some((int, frac)) = unsigned.split_once('.') {
            assert!(!frac.ends_with('0') && !frac.is_empty(), "{s}");
            assert!(int == "0" || !int.starts_with('0'), "{s}");
        } else {
            assert!(!unsigned.starts_with('0'), "{s}");
        }
    }
}

/// The k-digit decimal nearest to `x` (ties to even), from `x`'s exact
/// expansion: ECMAScript's choice among shortest candidates, which Rust's
/// `{:e}` breaks differently on exact ties (it rounds them up).
fn es6_reference_exact(x: f64, k: usize) -> String {
    let exact = format!("{:.800e}", x.abs());
    let (mantissa, exp) = exact.split_once('e').unwrap();
    let all: Vec<u8> = mantissa.bytes().filter(|b| *b != b'.').collect();
    let mut exp: i64 = exp.parse().unwrap();
    let (kept, rest) = all.split_at(k);
    let mut kept = kept.to_vec();
    let tail_nonzero = rest[1..].iter().any(|b| *b != b'0');
    let round_up =
        rest[0] > b'5' || (rest[0] == b'5' && (tail_nonzero || (kept[k - 1] - b'0') % 2 == 1));
    if round_up {
        let mut i = k;
        loop {
            if i == 0 {
                kept.insert(0, b'1');
                kept.pop();
                exp += 1;
                break;
            }
            i -= 1;
            if kept[i] == b'9' {
                kept[i] = b'0';
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    while kept.len() > 1 && kept.last() == Some(&b'0') {
        kept.pop();
    }
    let digits = String::from_utf8(kept).unwrap();
    let rebuilt: f64 = format!("0.{digits}e{}", exp + 1).parse().unwrap();
    assert_eq!(
        rebuilt.to_bits(),
        x.abs().to_bits(),
        "nearest {k}-digit decimal must round-trip"
    );
    es6_from_digits(x < 0.0, &digits, exp + 1)
}

/// The significant digits Rust's `{:e}` gives for `x`.
fn shortest_digits(x: f64) -> String {
    let sci = format!("{:e}", x.abs());
    sci.split_once('e')
        .unwrap()
        .0
        .chars()
        .filter(|c| *c != '.')
        .collect()
}

fn check_double(x: f64) {
    if !x.is_finite() {
        return;
    }
    let s = f64_str(x);
    let back: f64 = s.parse().unwrap();
    if x == 0.0 {
        assert_eq!(s, "0");
        return;
    }
    assert_eq!(
        back.to_bits(),
        x.to_bits(),
        "{s} does not round-trip to {:016x}",
        x.to_bits()
    );
    assert_es6_shape(x, &s);
    let fast = es6_reference(x);
    if s != fast {
        // Only an exact tie between two shortest candidates may differ.
        let k = shortest_digits(x).len();
        assert_eq!(s, es6_reference_exact(x, k), "bits {:016x}", x.to_bits());
    }
}

#[test]
fn ties_between_shortest_candidates_go_to_even() {
    // -688202951094.53125 exactly: both ...5312 and ...5313 round-trip.
    assert_eq!(
        f64_str(f64_from_hex("c2640782f536d100")),
        "-688202951094.5312"
    );
    assert_eq!(
        es6_reference_exact(f64_from_hex("c2640782f536d100"), 16),
        "-688202951094.5312"
    );
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        // Knuth's MMIX constants; the high bits are mixed into the low ones.
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 ^ (self.0 >> 29)
    }
}

#[test]
fn numbers_across_the_double_range() {
    let mut rng = Lcg(0x5eed_8785);
    // Uniform bit patterns: mostly huge and tiny magnitudes (exponent form).
    for _ in 0..100_000 {
        check_double(f64::from_bits(rng.next()));
    }
    // Decimal-looking values around the plain/exponent boundaries.
    for _ in 0..50_000 {
        let mantissa = (rng.next() % 100_000_000_000_000_000) as f64;
        let exp = (rng.next() % 60) as i32 - 30;
        check_double(mantissa * 10f64.powi(exp));
        check_double(-mantissa / 10f64.powi(exp));
    }
    // Neighbours of every power of ten, 2^53 and the subnormal edge; 2,000
    // consecutive values from the smallest normal upward (as numgen.go does).
    for p in -325..=309 {
        let x: f64 = format!("1e{p}").parse().unwrap();
        for d in -3i64..=3 {
            check_double(f64::from_bits((x.to_bits() as i64 + d).max(0) as u64));
        }
    }
    for bits in [
        0x4340_0000_0000_0000u64,
        0x0010_0000_0000_0000,
        0x000f_ffff_ffff_ffff,
        1,
    ] {
        for d in 0..50 {
            check_double(f64::from_bits(bits + d));
            check_double(f64::from_bits(bits.saturating_sub(d)));
        }
    }
    let min_normal = f64::MIN_POSITIVE.to_bits();
    for d in 0..2000 {
        check_double(f64::from_bits(min_normal + d));
    }
}

#[test]
fn number_text_parses_back_exactly_through_the_strict_parser() {
    // serde_json's default float parser may be off by one ulp; pmh-core
    // enables `float_roundtrip`, which this pins.
    let mut rng = Lcg(42);
    let limits = Limits::default();
    for _ in 0..20_000 {
        let x = f64::from_bits(rng.next());
        if !x.is_finite() {
            continue;
        }
        let s = f64_str(x);
        let v = parse_strict(s.as_bytes(), &limits).unwrap();
        let back = v.as_f64().unwrap();
        assert!(back == x, "{s}");
        assert_eq!(canon_str(&v), s);
        // Also with more digits than needed, as other producers write them.
        let long = format!("{:.25e}", x);
        let v = parse_strict(long.as_bytes(), &limits).unwrap();
        assert_eq!(v.as_f64().unwrap().to_bits(), x.to_bits(), "{long}");
    }
}

#[test]
fn negative_zero_is_zero() {
    assert_eq!(f64_str(-0.0), "0");
    assert_eq!(canon_json_str(b"-0"), "0");
    assert_eq!(canon_json_str(b"-0.0"), "0");
    assert_eq!(canon_json_str(b"[-0e10, 0e-5]"), "[0,0]");
    assert_eq!(canon_str(&json!(-0.0)), "0");
}

#[test]
fn integers_in_the_safe_range_are_exact() {
    let cases: &[(Value, &str)] = &[
        (json!(0), "0"),
        (json!(1), "1"),
        (json!(-1), "-1"),
        (json!(56), "56"),
        (json!(1_000_000), "1000000"),
        (json!(9_007_199_254_740_991u64), "9007199254740991"),
        (json!(-9_007_199_254_740_991i64), "-9007199254740991"),
        (json!(56.0), "56"),
        (json!(1e20), "100000000000000000000"),
        (json!(1e21), "1e+21"),
    ];
    for (value, expected) in cases {
        assert_eq!(canon_str(value), *expected);
    }
    assert_eq!(
        canon_json_str(b"[100, -7, 1.0, 1e2, 123456789012]"),
        "[100,-7,1,100,123456789012]"
    );
}

/// The decision on big integers: rejected when JCS would change them, never
/// silently rounded (see module docs).
#[test]
fn integers_that_a_double_would_change_are_rejected() {
    for value in [
        json!(9_007_199_254_740_993u64),
        json!(-9_007_199_254_740_993i64),
        json!(1_152_921_504_606_846_976u64), // 2^60, printed 1152921504606847000
        json!(u64::MAX),
        json!(i64::MIN),
        json!(i64::MAX),
        json!({ "deep": [1, { "n": 18_446_744_073_709_551_615u64 }] }),
    ] {
        let mut out = b"keep".to_vec();
        let err = canonicalize_into(&value, &mut out).unwrap_err();
        assert_eq!(err, CanonError::UnsafeInteger, "{value}");
        assert_eq!(err.code(), "canon.unsafe_integer");
        assert_eq!(out, b"keep");
    }
    let err = canonicalize_json(b"{\"id\": 9007199254740993}").unwrap_err();
    assert_eq!(err.code(), "canon.unsafe_integer");
    // The parser itself keeps the integer exactly; only canonicalization refuses.
    let v = parse_strict(b"9007199254740993", &Limits::default()).unwrap();
    assert_eq!(v.as_u64(), Some(9_007_199_254_740_993));
}

#[test]
fn integers_that_are_exactly_a_doubles_text_are_accepted() {
    let cases: &[(Value, &str)] = &[
        (json!(9_007_199_254_740_992u64), "9007199254740992"),
        (json!(-9_007_199_254_740_992i64), "-9007199254740992"),
        (json!(9_007_199_254_740_994u64), "9007199254740994"),
        (json!(100_000_000_000_000_000u64), "100000000000000000"),
        (json!(1_152_921_504_606_847_000u64), "1152921504606847000"),
        (json!(10_000_000_000_000_000_000u64), "10000000000000000000"),
        (json!(-1_000_000_000_000_000_000i64), "-1000000000000000000"),
    ];
    for (value, expected) in cases {
        assert_eq!(canon_str(value), *expected);
    }
    // Written as doubles they are doubles: no exactness was promised.
    assert_eq!(canon_json_str(b"9007199254740993.0"), "9007199254740992");
    assert_eq!(canon_json_str(b"9.007199254740993e15"), "9007199254740992");
    assert_eq!(
        canon_str(&json!(1_152_921_504_606_846_976.0)),
        "1152921504606847000"
    );
    // Beyond u64, serde_json itself reads an integer literal as a double.
    assert_eq!(canon_json_str(b"100000000000000000000000"), "1e+23");
    assert_eq!(
        canon_json_str(b"-18446744073709551616"),
        "-18446744073709552000"
    );
}

/// Canonical output of any double reads back (as an integer when it has no
/// fraction) and canonicalizes to itself; an accepted integer is written as
/// its own digits.
#[test]
fn integer_rule_keeps_canonical_output_a_fixed_point() {
    let mut rng = Lcg(0x2_0053);
    for _ in 0..20_000 {
        let shift = rng.next() % 64;
        let n = rng.next() >> shift;
        // Doubles with integer values across the u64 range.
        let x = n as f64;
        let text = f64_str(x);
        assert_eq!(canon_json_str(text.as_bytes()), text);
        assert_eq!(
            canon_json_str(format!("-{text}").as_bytes()).trim_start_matches('-'),
            text
        );
        // Arbitrary integers: accepted ones are exact, the others rejected.
        match canonicalize(&json!(n)) {
            Ok(out) => {
                assert_eq!(out, n.to_string().into_bytes());
                assert_eq!(f64_str(n as f64), n.to_string());
            }
            Err(e) => {
                assert_eq!(e, CanonError::UnsafeInteger);
                assert!(n > MAX_SAFE_INTEGER);
                assert_ne!(f64_str(n as f64), n.to_string());
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Strings and member order
// ---------------------------------------------------------------------------

#[test]
fn string_escaping_follows_json_stringify() {
    for c in 0u8..0x20 {
        let expected = match c {
            0x08 => "\\b".to_owned(),
            0x09 => "\\t".to_owned(),
            0x0a => "\\n".to_owned(),
            0x0c => "\\f".to_owned(),
            0x0d => "\\r".to_owned(),
            _ => format!("\\u{c:04x}"),
        };
        let mut out = Vec::new();
        canonicalize_str(&char::from(c).to_string(), &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("\"{expected}\""),
            "U+{c:04X}"
        );
    }
    let mut out = Vec::new();
    canonicalize_str("\u{b}\u{1f}", &mut out);
    assert_eq!(out, b"\"\\u000b\\u001f\"");
    // Literal: DEL, U+2028/2029, '/', '<', BMP and astral characters.
    let literal = "\u{7f}\u{2028}\u{2029}/</script>\u{e9}\u{20ac}\u{ffff}\u{1f600}\u{10ffff} '";
    let mut out = Vec::new();
    canonicalize_str(literal, &mut out);
    assert_eq!(out, format!("\"{literal}\"").as_bytes());
    // Runs of plain text around escapes.
    let mut out = Vec::new();
    canonicalize_str("ab\"cd\\ef\ngh", &mut out);
    assert_eq!(out, b"\"ab\\\"cd\\\\ef\\ngh\"");
    let mut out = Vec::new();
    canonicalize_str("", &mut out);
    assert_eq!(out, b"\"\"");
}

#[test]
fn string_escapes_in_input_are_normalized() {
    assert_eq!(
        canon_json_str(br#""\u0041\/\u00e9\u2028\u007F\u001F\u000B""#),
        "\"A/\u{e9}\u{2028}\u{7f}\\u001f\\u000b\""
    );
}

#[test]
fn keys_sort_by_utf16_not_utf8() {
    // U+E000 < U+1F600 by code point (and UTF-8 bytes), but in UTF-16 U+1F600
    // is 0xD83D 0xDE00, which sorts before 0xE000.
    let mut map = Map::new();
    map.insert("\u{e000}".to_owned(), json!(1));
    map.insert("\u{1f600}".to_owned(), json!(2));
    map.insert("\u{ffff}".to_owned(), json!(3));
    map.insert("\u{d7ff}".to_owned(), json!(4));
    assert_eq!(
        canon_str(&Value::Object(map)),
        "{\"\u{d7ff}\":4,\"\u{1f600}\":2,\"\u{e000}\":1,\"\u{ffff}\":3}"
    );
    assert!("\u{e000}".as_bytes() < "\u{1f600}".as_bytes());
    // Already in UTF-16 order (kept as is) and in UTF-8 order (reordered).
    let canonical = "{\"\u{1f600}\":1,\"\u{e000}\":2}";
    assert_eq!(canon_json_str(canonical.as_bytes()), canonical);
    assert_eq!(
        canon_json_str("{\"\u{e000}\":2,\"\u{1f600}\":1}".as_bytes()),
        canonical
    );
}

#[test]
fn member_order_ignores_insertion_order() {
    let a = json!({ "b": 1, "a": 2, "c": { "y": 1, "x": 2 } });
    let b = json!({ "c": { "x": 2, "y": 1 }, "a": 2, "b": 1 });
    assert_eq!(canonicalize(&a).unwrap(), canonicalize(&b).unwrap());
    assert_eq!(canon_str(&a), r#"{"a":2,"b":1,"c":{"x":2,"y":1}}"#);
    // Prefixes sort first; case and digits by code unit.
    assert_eq!(
        canon_str(&json!({ "ab": 0, "a": 0, "B": 0, "10": 0, "9": 0, "": 0 })),
        r#"{"":0,"10":0,"9":0,"B":0,"a":0,"ab":0}"#
    );
}

#[test]
fn cmp_utf16_agrees_with_encode_utf16() {
    const ALPHABET: &[char] = &[
        'a',
        'b',
        'z',
        '\u{0}',
        '\u{7f}',
        '\u{80}',
        '\u{ff}',
        '\u{100}',
        '\u{7ff}',
        '\u{800}',
        '\u{20ac}',
        '\u{d7ff}',
        '\u{e000}',
        '\u{efff}',
        '\u{f000}',
        '\u{fb33}',
        '\u{ffff}',
        '\u{10000}',
        '\u{1f600}',
        '\u{1f602}',
        '\u{10ffff}',
    ];
    let mut rng = Lcg(7);
    let random_string = |rng: &mut Lcg| -> String {
        let len = (rng.next() % 5) as usize;
        (0..len)
            .map(|_| ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize])
            .collect()
    };
    for _ in 0..50_000 {
        let a = random_string(&mut rng);
        let b = random_string(&mut rng);
        assert_eq!(
            cmp_utf16(&a, &b),
            a.encode_utf16().cmp(b.encode_utf16()),
            "{a:?} vs {b:?}"
        );
    }
    for &x in ALPHABET {
        for &y in ALPHABET {
            let (a, b) = (format!("k{x}"), format!("k{y}"));
            assert_eq!(
                cmp_utf16(&a, &b),
                a.encode_utf16().cmp(b.encode_utf16()),
                "{a:?} vs {b:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Canonicalization limits
// ---------------------------------------------------------------------------

fn nested_arrays(depth: usize) -> Value {
    let mut v = json!(1);
    for _ in 0..depth {
        v = Value::Array(vec![v]);
    }
    v
}

#[test]
fn canonicalize_depth_limit() {
    let ok = nested_arrays(MAX_CANON_DEPTH);
    let out = canonicalize(&ok).unwrap();
    assert_eq!(out.len(), 2 * MAX_CANON_DEPTH + 1);

    let deep = nested_arrays(MAX_CANON_DEPTH + 1);
    let mut out = b"x".to_vec();
    assert_eq!(canonicalize_into(&deep, &mut out), Err(CanonError::TooDeep));
    assert_eq!(out, b"x");
    assert_eq!(CanonError::TooDeep.code(), "canon.too_deep");
}

// ---------------------------------------------------------------------------
// Strict parser
// ---------------------------------------------------------------------------

fn parse(input: &str) -> Result<Value, JsonError> {
    parse_strict(input.as_bytes(), &Limits::default())
}

#[test]
fn duplicate_keys_are_rejected_at_any_depth() {
    for input in [
        r#"{"a":1,"a":2}"#,
        r#"{"a":1,"a":1}"#,
        r#"{"a":{"b":1,"b":2}}"#,
        r#"[0,[{"x":[{"b":1,"c":2,"b":3}]}]]"#,
        r#"{"a":1,"\u0061":2}"#,
        r#"{"\u00e9":1,"é":2}"#,
        r#"{"😀":1,"\ud83d\ude00":2}"#,
        r#"{"":1,"":2}"#,
    ] {
        assert_eq!(parse(input), Err(JsonError::DuplicateKey), "{input}");
        assert_eq!(
            parse_strict_str(input, &Limits::default()),
            Err(JsonError::DuplicateKey),
            "{input}"
        );
    }
    assert_eq!(JsonError::DuplicateKey.code(), "json.duplicate_key");
}

#[test]
fn same_key_in_different_objects_is_fine() {
    let v = parse(r#"{"a":{"b":1},"c":{"b":2},"d":[{"b":3},{"b":4}],"b":5}"#).unwrap();
    assert_eq!(v["d"][1]["b"], 4);
    // Canonically equivalent but different strings are different keys.
    let v = parse("{\"\u{e9}\":1,\"e\u{301}\":2}").unwrap();
    assert_eq!(v.as_object().unwrap().len(), 2);
}

#[test]
fn lone_surrogates_are_rejected() {
    for input in [
        r#""\ud800""#,
        r#""\uDBFF""#,
        r#""\udc00""#,
        r#""\udfff""#,
        r#""a\ud83d""#,
        r#""\ude00\ud83d""#,
        r#""\ud800\u0041""#,
        r#""\ud800\ud800""#,
        r#""\ud800\n""#,
        r#""\ud800x""#,
        r#"{"\ud800":1}"#,
        r#"{"k":["ok","\udead"]}"#,
    ] {
        assert_eq!(parse(input), Err(JsonError::LoneSurrogate), "{input}");
    }
    assert_eq!(JsonError::LoneSurrogate.code(), "json.lone_surrogate");
}

#[test]
fn valid_surrogate_pairs_are_fine() {
    assert_eq!(parse(r#""\ud83d\ude00""#).unwrap(), json!("\u{1f600}"));
    assert_eq!(parse(r#""\uD83D\uDE00""#).unwrap(), json!("\u{1f600}"));
    assert_eq!(parse(r#""\udbff\udfff""#).unwrap(), json!("\u{10ffff}"));
    assert_eq!(
        canon_json_str(br#"{"\ud83d\ude02":"\ud800\udc00"}"#),
        "{\"\u{1f602}\":\"\u{10000}\"}"
    );
}

#[test]
fn numbers_beyond_the_double_range_are_rejected() {
    let huge_integer = format!("1{}", "0".repeat(400));
    let huge_negative = format!("-{huge_integer}");
    let huge_fraction = format!("{huge_integer}.5");
    for input in [
        "1e400",
        "-1e400",
        "[1e309]",
        r#"{"a":1E999}"#,
        "1.8e308",
        &huge_integer,
        &huge_negative,
        &huge_fraction,
    ] {
        assert_eq!(parse(input), Err(JsonError::NonFinite), "{input}");
    }
    // The largest double and an underflow to zero are fine.
    assert_eq!(
        canon_json_str(b"1.7976931348623157e308"),
        "1.7976931348623157e+308"
    );
    assert_eq!(canon_json_str(b"1e-400"), "0");
    // Non-finite literals are not JSON at all.
    for input in ["NaN", "Infinity", "-Infinity", "[nan]"] {
        assert!(
            matches!(parse(input), Err(JsonError::Syntax { .. })),
            "{input}"
        );
    }
    assert_eq!(JsonError::NonFinite.code(), "json.non_finite");
}

#[test]
fn depth_limit_at_and_over() {
    let limits = Limits {
        max_bytes: 1 << 20,
        max_depth: 3,
    };
    assert!(parse_strict(b"[[[1]]]", &limits).is_ok());
    assert!(parse_strict(br#"{"a":{"b":{"c":1}}}"#, &limits).is_ok());
    assert!(parse_strict(br#"[{"a":[]}]"#, &limits).is_ok());
    assert!(parse_strict(br#"[[[]],[[]],{"a":[1]}]"#, &limits).is_ok());
    assert_eq!(parse_strict(b"[[[[1]]]]", &limits), Err(JsonError::TooDeep));
    assert_eq!(
        parse_strict(br#"{"a":{"b":{"c":{}}}}"#, &limits),
        Err(JsonError::TooDeep)
    );
    assert_eq!(
        parse_strict(br#"[{"a":[[]]}]"#, &limits),
        Err(JsonError::TooDeep)
    );

    let scalars_only = Limits {
        max_bytes: 100,
        max_depth: 0,
    };
    assert!(parse_strict(b"\"s\"", &scalars_only).is_ok());
    assert_eq!(parse_strict(b"[]", &scalars_only), Err(JsonError::TooDeep));

    let default = Limits::default();
    let at = format!("{}{}", "[".repeat(64), "]".repeat(64));
    let over = format!("{}{}", "[".repeat(65), "]".repeat(65));
    assert!(parse_strict(at.as_bytes(), &default).is_ok());
    assert_eq!(
        parse_strict(over.as_bytes(), &default),
        Err(JsonError::TooDeep)
    );
    // An unterminated attack is stopped by the limit, not by end of input.
    let attack = "[".repeat(100_000);
    assert_eq!(
        parse_strict(attack.as_bytes(), &default),
        Err(JsonError::TooDeep)
    );
    assert_eq!(JsonError::TooDeep.code(), "json.too_deep");
}

#[test]
fn depth_limit_beyond_serde_json_own_limit() {
    // serde_json stops at 128 levels by itself; that is reported as too deep.
    let limits = Limits {
        max_bytes: 1 << 20,
        max_depth: 10_000,
    };
    let at = format!("{}{}", "[".repeat(127), "]".repeat(127));
    let over = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(parse_strict(at.as_bytes(), &limits).is_ok());
    assert_eq!(
        parse_strict(over.as_bytes(), &limits),
        Err(JsonError::TooDeep)
    );
    let attack = "{\"a\":".repeat(100_000);
    assert_eq!(
        parse_strict(attack.as_bytes(), &limits),
        Err(JsonError::TooDeep)
    );
}

#[test]
fn size_limit_at_and_over() {
    let limits = Limits {
        max_bytes: 8,
        max_depth: 64,
    };
    assert_eq!(
        parse_strict(b"[1,2,33]", &limits).unwrap(),
        json!([1, 2, 33])
    );
    assert_eq!(
        parse_strict(b"[1,2,333]", &limits),
        Err(JsonError::TooLarge { len: 9, max: 8 })
    );
    assert_eq!(
        parse_strict_str("[1,2,333]", &limits),
        Err(JsonError::TooLarge { len: 9, max: 8 })
    );
    // Whitespace counts; the limit is checked before anything else.
    assert_eq!(
        parse_strict(b"  [1,2]  ", &limits),
        Err(JsonError::TooLarge { len: 9, max: 8 })
    );
    assert_eq!(
        parse_strict(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff", &limits),
        Err(JsonError::TooLarge { len: 9, max: 8 })
    );

    let default = Limits::default();
    assert_eq!(
        default,
        Limits {
            max_bytes: 1_048_576,
            max_depth: 64
        }
    );
    let filler = 1_048_576 - 2;
    let at = format!("\"{}\"", "x".repeat(filler));
    assert!(parse_strict(at.as_bytes(), &default).is_ok());
    assert!(canonicalize_json(at.as_bytes()).is_ok());
    let over = format!("\"{}\"", "x".repeat(filler + 1));
    assert_eq!(
        parse_strict(over.as_bytes(), &default),
        Err(JsonError::TooLarge {
            len: 1_048_577,
            max: 1_048_576
        })
    );
    assert_eq!(
        canonicalize_json(over.as_bytes()).unwrap_err().code(),
        "json.too_large"
    );
}

#[test]
fn invalid_utf8_is_rejected() {
    for input in [
        &b"\"\xff\""[..],
        b"\"\xc0\xaf\"",         // overlong '/'
        b"\"\xed\xa0\x80\"",     // surrogate encoded in UTF-8 (CESU-8)
        b"\"\xe2\x82\"",         // truncated sequence
        b"\"\xf4\x90\x80\x80\"", // beyond U+10FFFF
        b"{\"\x80\":1}",
        b"[1]\xfe",
        b"\xef\xbb",
    ] {
        assert_eq!(
            parse_strict(input, &Limits::default()),
            Err(JsonError::InvalidUtf8),
            "{input:?}"
        );
    }
    assert_eq!(JsonError::InvalidUtf8.code(), "json.invalid_utf8");
}

#[test]
fn trailing_garbage_is_rejected() {
    for input in [
        "[1] x",
        "{} {}",
        "1 2",
        r#""a""b""#,
        "nullnull",
        "[1]]",
        "{}}",
        "0x10",
        "1.5.5",
        "[1] //",
    ] {
        assert!(
            matches!(parse(input), Err(JsonError::Syntax { .. })),
            "{input}"
        );
    }
    assert_eq!(parse("[1] \n\t\r "), Ok(json!([1])));
    assert_eq!(
        parse("[1] x"),
        Err(JsonError::Syntax { line: 1, column: 5 })
    );
}

#[test]
fn malformed_json_is_a_syntax_error() {
    for input in [
        "",
        " ",
        "[",
        "[1,]",
        r#"{"a":1,}"#,
        "{'a':1}",
        "{a:1}",
        "01",
        "+1",
        ".5",
        "1.",
        "1e",
        "-",
        "tru",
        "\"\t\"",
        "\"\\x\"",
        "\"abc",
        "\u{feff}[]",
        "[1 2]",
        r#"{"a" 1}"#,
        "/*c*/1",
        "\"\\u12\"",
    ] {
        let err = parse(input).unwrap_err();
        assert!(
            matches!(err, JsonError::Syntax { .. }),
            "{input:?}: {err:?}"
        );
        assert_eq!(err.code(), "json.syntax");
    }
}

#[test]
fn top_level_scalars_are_allowed() {
    assert_eq!(parse("1").unwrap(), json!(1));
    assert_eq!(parse(" -2.5 ").unwrap(), json!(-2.5));
    assert_eq!(parse("\"s\"").unwrap(), json!("s"));
    assert_eq!(parse("true").unwrap(), json!(true));
    assert_eq!(parse("false").unwrap(), json!(false));
    assert_eq!(parse("null").unwrap(), Value::Null);
    assert_eq!(canon_json_str(b" \"\\u00e9\" "), "\"\u{e9}\"");
}

#[test]
fn parsed_values_keep_everything() {
    let v = parse(r#"{"z":[1,-2,3.5,"x",null,true,{}],"a":{"b":[]}}"#).unwrap();
    assert_eq!(
        v,
        json!({"z": [1, -2, 3.5, "x", null, true, {}], "a": {"b": []}})
    );
    // Input order is kept in the Value (preserve_order); output is sorted.
    assert_eq!(
        v.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["z", "a"]
    );
    assert_eq!(
        canon_str(&v),
        r#"{"a":{"b":[]},"z":[1,-2,3.5,"x",null,true,{}]}"#
    );
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

#[test]
fn error_messages_do_not_echo_input() {
    let secret = "\u{5c71}\u{7530}\u{592a}\u{90ce}-1234567";
    let inputs = [
        format!(r#"{{"{secret}":1,"{secret}":2}}"#),
        format!(r#"{{"name":"{secret}" x}}"#),
        format!(r#"{{"name":"{secret}\ud800"}}"#),
        format!(r#"{{"name":"{secret}","n":1e999}}"#),
        format!(
            r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["{secret}"]]"#
        ),
    ];
    for input in &inputs {
        let err = canonicalize_json(input.as_bytes()).unwrap_err();
        let message = err.to_string();
        assert!(
            !message.contains(secret) && !message.contains("1234567"),
            "{message}"
        );
        assert!(!format!("{err:?}").contains("1234567"));
    }
    assert_eq!(
        JsonError::Syntax { line: 3, column: 7 }.to_string(),
        "invalid JSON syntax at line 3, column 7"
    );
}

#[test]
fn codes_are_distinct_and_prefixed() {
    let json_errors = [
        JsonError::TooLarge { len: 2, max: 1 },
        JsonError::TooDeep,
        JsonError::InvalidUtf8,
        JsonError::DuplicateKey,
        JsonError::LoneSurrogate,
        JsonError::NonFinite,
        JsonError::Syntax { line: 1, column: 1 },
    ];
    let canon_errors = [
        CanonError::UnsafeInteger,
        CanonError::NonFinite,
        CanonError::TooDeep,
    ];
    let mut codes: Vec<&str> = json_errors.iter().map(JsonError::code).collect();
    assert!(codes.iter().all(|c| c.starts_with("json.")));
    assert!(canon_errors.iter().all(|e| e.code().starts_with("canon.")));
    codes.extend(canon_errors.iter().map(CanonError::code));
    let count = codes.len();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), count);
    for e in json_errors {
        assert_eq!(CanonError::from(e.clone()).code(), e.code());
        assert_eq!(CanonError::from(e.clone()).to_string(), e.to_string());
    }
}

// ---------------------------------------------------------------------------
// Robustness: no panics on arbitrary input
// ---------------------------------------------------------------------------

#[test]
fn arbitrary_input_never_panics() {
    const PIECES: &[&[u8]] = &[
        b"{",
        b"}",
        b"[",
        b"]",
        b",",
        b":",
        b"\"",
        b"\"a\"",
        b"\"a\":",
        b"1",
        b"-",
        b"0",
        b".",
        b"e",
        b"E+",
        b"9007199254740993",
        b"1e400",
        b"true",
        b"null",
        b"\\",
        b"\\u",
        b"d800",
        b"\\ud83d",
        b"\\ude00",
        b" ",
        b"\n",
        b"\xff",
        b"\xc3\xa9",
        b"\xf0\x9f\x98\x80",
        b"\x00",
        b"\x1f",
        b"\"k\":1,\"k\":2",
    ];
    let mut rng = Lcg(0xdead_beef);
    let limits = Limits {
        max_bytes: 4096,
        max_depth: 8,
    };
    let mut accepted = 0;
    for _ in 0..30_000 {
        let mut input = Vec::new();
        for _ in 0..(rng.next() % 24) {
            input.extend_from_slice(PIECES[(rng.next() % PIECES.len() as u64) as usize]);
        }
        if let Ok(value) = parse_strict(&input, &limits) {
            accepted += 1;
            if let Ok(out) = canonicalize(&value) {
                // Canonical output always reparses to the same canonical output.
                let again = parse_strict(&out, &Limits::default()).unwrap();
                assert_eq!(canonicalize(&again).unwrap(), out);
            }
        }
        let _ = canonicalize_json(&input);
    }
    assert!(accepted > 0);
}

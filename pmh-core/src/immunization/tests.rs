//! Worked cases of the schedule, the engine and the validators.
//!
//! Dates are computed by hand from reference §1 (民法143条 day-before rule,
//! 「N日以上」 = +N+1, 「N月以上」 = same day, missing day → 1st of next month).

use super::model::{
    Condition, ConditionCode, Dose, History, Reason, Sex, Status, VaccineEvaluation,
};
use super::schedule::{vaccine, Kind, VaccineId, VACCINES};
use super::*;
use chrono::NaiveDate;
use serde_json::json;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn dose(v: VaccineId, product: Option<&str>, date: &str) -> Dose {
    Dose {
        vaccine: v,
        product: product.map(str::to_owned),
        date: d(date),
    }
}

fn history(birth: &str, doses: Vec<Dose>) -> History {
    History {
        birth_date: d(birth),
        sex: None,
        doses,
        conditions: vec![],
    }
}

/// History of one vaccine without products.
fn of(birth: &str, v: VaccineId, dates: &[&str]) -> History {
    history(birth, dates.iter().map(|x| dose(v, None, x)).collect())
}

/// History of one vaccine with one product.
fn of_p(birth: &str, v: VaccineId, product: &str, dates: &[&str]) -> History {
    history(
        birth,
        dates.iter().map(|x| dose(v, Some(product), x)).collect(),
    )
}

fn ev(h: &History, as_of: &str, v: VaccineId) -> VaccineEvaluation {
    evaluate_vaccine(h, d(as_of), v)
}

/// (label, routine, reason codes) of each dose.
fn summary(e: &VaccineEvaluation) -> Vec<(&'static str, bool, Vec<&'static str>)> {
    e.doses
        .iter()
        .map(|x| (x.dose, x.routine, x.reasons.codes()))
        .collect()
}

fn routine(e: &VaccineEvaluation, i: usize) -> bool {
    e.doses[i].routine
}

fn reasons(e: &VaccineEvaluation, i: usize) -> Vec<&'static str> {
    e.doses[i].reasons.codes()
}

fn notes(e: &VaccineEvaluation, i: usize) -> Vec<&'static str> {
    e.doses[i].notes.codes()
}

fn cond(code: ConditionCode) -> Condition {
    Condition {
        code,
        vaccines: vec![],
        resolved: None,
        lmp: None,
        due_date: None,
    }
}

// ---------------------------------------------------------------------------
// The table itself.

#[test]
fn table_covers_every_vaccine_in_order_with_sources() {
    assert_eq!(VACCINES.len(), VaccineId::ALL.len());
    for (i, v) in VACCINES.iter().enumerate() {
        assert_eq!(v.id.index(), i, "{:?} out of order", v.id);
        assert_eq!(VaccineId::parse(v.id.as_str()), Some(v.id));
        assert!(!v.source.is_empty());
        assert!(!v.series.is_empty(), "{:?}", v.id);
        assert!(!v.dosing.is_empty(), "{:?}", v.id);
        for s in v.series {
            assert!(!s.doses.is_empty() && s.doses.len() <= 4, "{}", s.id);
            assert!(!s.source.is_empty());
            for (k, spec) in s.doses.iter().enumerate() {
                assert!(!spec.windows.is_empty(), "{} {}", s.id, spec.label);
                for w in spec.windows {
                    assert!(!w.source.is_empty());
                }
                for iv in spec.intervals {
                    assert!(
                        iv.from < k,
                        "{} {} interval from a later dose",
                        s.id,
                        spec.label
                    );
                }
            }
        }
        for p in v.products {
            assert!(!p.source.is_empty());
        }
    }
    // Live / oral live / inactivated as the 27-day rule needs them.
    assert_eq!(vaccine(VaccineId::Bcg).kind, Kind::InjectableLive);
    assert_eq!(vaccine(VaccineId::Varicella).kind, Kind::InjectableLive);
    assert_eq!(vaccine(VaccineId::Rota).kind, Kind::OralLive);
    assert_eq!(
        vaccine(VaccineId::Zoster).kind_of(Some("live")),
        Kind::InjectableLive
    );
    assert_eq!(
        vaccine(VaccineId::Zoster).kind_of(Some("recombinant")),
        Kind::Inactivated
    );
    // JE volume: 0.25 mL under 3, 0.5 mL from 3.
    let je = vaccine(VaccineId::Je);
    assert_eq!(je.dosing_for(None, 2).unwrap().volume_ml, Some(0.25));
    assert_eq!(je.dosing_for(None, 3).unwrap().volume_ml, Some(0.5));
}

#[test]
fn every_vaccine_appears_in_an_evaluation() {
    let e = evaluate(&history("2024-04-01", vec![]), d("2025-04-01"));
    let ids: Vec<_> = e.vaccines.iter().map(|v| v.vaccine).collect();
    assert_eq!(ids, VaccineId::ALL);
}

// ---------------------------------------------------------------------------
// Hib.

#[test]
fn hib_on_time_and_one_day_early() {
    // 生後2月 of a 2024-04-01 birth = 2024-05-31.
    let e = ev(
        &of("2024-04-01", VaccineId::Hib, &["2024-05-31"]),
        "2024-06-01",
        VaccineId::Hib,
    );
    assert_eq!(summary(&e), [("primary1", true, vec![])]);
    assert_eq!(e.series, "hib-3+1");
    let e = ev(
        &of("2024-04-01", VaccineId::Hib, &["2024-05-30"]),
        "2024-06-01",
        VaccineId::Hib,
    );
    assert_eq!(reasons(&e, 0), ["too_young"]);
    assert!(!e.doses[0].counted);
    assert_eq!(e.status, Status::Due);
    assert_eq!(e.next.as_ref().unwrap().dose, "primary1");
    assert_eq!(e.next.as_ref().unwrap().earliest, d("2024-05-31"));
}

#[test]
fn hib_intervals_27_days_physician_20_days_booster_7_months() {
    let birth = "2024-04-01";
    // +28 = 27日以上.
    let e = ev(
        &of(
            birth,
            VaccineId::Hib,
            &["2024-05-31", "2024-06-28", "2024-07-26", "2025-02-26"],
        ),
        "2025-03-01",
        VaccineId::Hib,
    );
    assert_eq!(
        summary(&e),
        [
            ("primary1", true, vec![]),
            ("primary2", true, vec![]),
            ("primary3", true, vec![]),
            ("booster", true, vec![])
        ]
    );
    assert_eq!(e.status, Status::Complete);
    assert!(e.next.is_none());
    // Booster one day before 7 months after primary3.
    let e = ev(
        &of(
            birth,
            VaccineId::Hib,
            &["2024-05-31", "2024-06-28", "2024-07-26", "2025-02-25"],
        ),
        "2025-03-01",
        VaccineId::Hib,
    );
    assert_eq!(reasons(&e, 3), ["too_soon"]);
    assert_eq!(e.next.as_ref().unwrap().earliest, d("2025-02-26"));
    // 20日以上 (医師判断): +21 is routine with a note, +20 is too soon.
    let e = ev(
        &of(birth, VaccineId::Hib, &["2024-05-31", "2024-06-21"]),
        "2024-07-01",
        VaccineId::Hib,
    );
    assert!(routine(&e, 1));
    assert!(
        notes(&e, 1).contains(&"physician_interval"),
        "{:?}",
        notes(&e, 1)
    );
    let e = ev(
        &of(birth, VaccineId::Hib, &["2024-05-31", "2024-06-20"]),
        "2024-07-01",
        VaccineId::Hib,
    );
    assert_eq!(reasons(&e, 1), ["too_soon"]);
}

#[test]
fn hib_forecast_standard_dates() {
    let e = ev(
        &of("2024-04-01", VaccineId::Hib, &["2024-05-31"]),
        "2024-06-10",
        VaccineId::Hib,
    );
    let n = e.next.unwrap();
    assert_eq!(e.status, Status::NotYetDue);
    assert_eq!(n.dose, "primary2");
    assert_eq!(n.earliest, d("2024-06-28"));
    assert_eq!(n.recommended_from, Some(d("2024-06-28")));
    assert_eq!(n.recommended_to, Some(d("2024-07-27"))); // 56日まで
    assert_eq!(n.latest, Some(d("2025-03-31"))); // 生後12月に至るまで
}

#[test]
fn hib_late_start_changes_dose_count() {
    let birth = "2024-04-01"; // 生後7月 = 2024-10-31, 12月 = 2025-03-31, 60月 = 2029-03-31
    assert_eq!(
        ev(
            &of(birth, VaccineId::Hib, &["2024-10-31"]),
            "2024-11-01",
            VaccineId::Hib
        )
        .series,
        "hib-3+1"
    );
    let e = ev(
        &of(birth, VaccineId::Hib, &["2024-11-01", "2024-11-29"]),
        "2024-12-01",
        VaccineId::Hib,
    );
    assert_eq!(e.series, "hib-2+1");
    assert_eq!(e.next.as_ref().unwrap().dose, "booster");
    assert_eq!(e.next.as_ref().unwrap().earliest, d("2025-06-29"));
    let e = ev(
        &of(birth, VaccineId::Hib, &["2025-04-01"]),
        "2025-04-02",
        VaccineId::Hib,
    );
    assert_eq!(e.series, "hib-1");
    assert_eq!(e.status, Status::Complete);
    // No doses at 13 months: the forecast uses the 1-dose series.
    // (a 4種混合 dose keeps the child on the 4種+Hib track)
    let e = ev(
        &history(birth, vec![dose(VaccineId::DptIpv, None, "2024-06-01")]),
        "2025-05-01",
        VaccineId::Hib,
    );
    assert_eq!((e.series, e.status), ("hib-1", Status::Due));
    assert_eq!(e.next.unwrap().latest, Some(d("2029-03-31")));
}

#[test]
fn hib_window_end_by_one_day() {
    let e = ev(
        &of("2024-04-01", VaccineId::Hib, &["2029-03-31"]),
        "2029-04-01",
        VaccineId::Hib,
    );
    assert_eq!(summary(&e), [("dose1", true, vec![])]);
    let e = ev(
        &of("2024-04-01", VaccineId::Hib, &["2029-04-01"]),
        "2029-04-02",
        VaccineId::Hib,
    );
    assert_eq!(reasons(&e, 0), ["too_old"]);
    assert!(
        e.doses[0].counted,
        "a 任意 dose after the window still counts"
    );
    let e = ev(
        &history("2024-04-01", vec![dose(VaccineId::Hib, None, "2024-06-01")]),
        "2029-04-01",
        VaccineId::Hib,
    );
    assert_eq!(e.status, Status::AgedOut);
}

#[test]
fn hib_primaries_skipped_after_12_months_booster_after_27_days() {
    let h = of("2024-04-01", VaccineId::Hib, &["2024-06-01", "2024-07-01"]);
    let e = ev(&h, "2025-04-15", VaccineId::Hib);
    let n = e.next.unwrap();
    assert_eq!((e.status, n.dose), (Status::Due, "booster"));
    assert_eq!(n.earliest, d("2024-07-29")); // 27日 after the last 初回 dose
    let h = of(
        "2024-04-01",
        VaccineId::Hib,
        &["2024-06-01", "2024-07-01", "2025-04-20"],
    );
    let e = ev(&h, "2025-04-21", VaccineId::Hib);
    assert_eq!(summary(&e)[2], ("booster", true, vec![]));
    assert_eq!(e.status, Status::Complete);
}

// ---------------------------------------------------------------------------
// 小児用肺炎球菌.

#[test]
fn pcv_3_plus_1_booster_needs_12_months() {
    let birth = "2024-04-01"; // 生後12月 = 2025-03-31
    let h = of_p(
        birth,
        VaccineId::Pcv,
        "pcv15",
        &["2024-05-31", "2024-06-28", "2024-07-26", "2025-03-31"],
    );
    let e = ev(&h, "2025-04-01", VaccineId::Pcv);
    assert_eq!(e.series, "pcv-3+1");
    assert!(e.doses.iter().all(|x| x.routine), "{:?}", e);
    assert_eq!(e.status, Status::Complete);
    let h = of_p(
        birth,
        VaccineId::Pcv,
        "pcv15",
        &["2024-05-31", "2024-06-28", "2024-07-26", "2025-03-30"],
    );
    let e = ev(&h, "2025-04-01", VaccineId::Pcv);
    assert_eq!(reasons(&e, 3), ["too_young"]);
    assert_eq!(e.next.unwrap().earliest, d("2025-03-31"));
}

#[test]
fn pcv_third_skipped_when_second_after_12_months() {
    let birth = "2024-04-01";
    let h = of_p(
        birth,
        VaccineId::Pcv,
        "pcv20",
        &["2024-10-15", "2025-04-05"],
    );
    let e = ev(&h, "2025-04-10", VaccineId::Pcv);
    assert_eq!(e.series, "pcv-3+1");
    let n = e.next.unwrap();
    assert_eq!(n.dose, "booster");
    assert_eq!(n.earliest, d("2025-06-05")); // 60日以上 = +61
    assert_eq!(e.status, Status::NotYetDue);
}

#[test]
fn pcv_late_starts_change_dose_count() {
    let birth = "2024-04-01"; // 7月 = 2024-10-31, 12月 = 2025-03-31, 24月 = 2026-03-31
    let s = |dates: &[&str], as_of| {
        ev(
            &of_p(birth, VaccineId::Pcv, "pcv20", dates),
            as_of,
            VaccineId::Pcv,
        )
    };
    assert_eq!(s(&["2024-11-01"], "2024-11-02").series, "pcv-2+1");
    let e = s(&["2025-04-01", "2025-05-31"], "2025-06-01");
    assert_eq!(e.series, "pcv-2");
    assert_eq!(reasons(&e, 1), ["too_soon"]); // 60日以上 → from 2025-06-01
    let e = s(&["2025-04-01", "2025-06-01"], "2025-06-02");
    assert_eq!(e.status, Status::Complete);
    let e = s(&["2026-04-01"], "2026-04-02");
    assert_eq!((e.series, e.status), ("pcv-1", Status::Complete));
}

#[test]
fn pcv_products_by_date_and_switching() {
    let birth = "2024-04-01";
    let e = ev(
        &of_p(birth, VaccineId::Pcv, "pcv13", &["2024-09-30"]),
        "2024-10-02",
        VaccineId::Pcv,
    );
    assert!(routine(&e, 0));
    let e = ev(
        &of_p(birth, VaccineId::Pcv, "pcv13", &["2024-10-01"]),
        "2024-10-02",
        VaccineId::Pcv,
    );
    assert_eq!(reasons(&e, 0), ["product_not_routine"]);
    let h = history(
        birth,
        vec![
            dose(VaccineId::Pcv, Some("pcv15"), "2024-06-01"),
            dose(VaccineId::Pcv, Some("pcv20"), "2024-10-01"),
        ],
    );
    let e = ev(&h, "2024-10-02", VaccineId::Pcv);
    assert_eq!(reasons(&e, 1), ["product_switch"]);
    // PCV13 → PCV20 is allowed.
    let h = history(
        birth,
        vec![
            dose(VaccineId::Pcv, Some("pcv13"), "2024-06-01"),
            dose(VaccineId::Pcv, Some("pcv15"), "2024-10-01"),
        ],
    );
    assert!(routine(&ev(&h, "2024-10-02", VaccineId::Pcv), 1));
}

// ---------------------------------------------------------------------------
// B型肝炎.

#[test]
fn hepb_intervals_window_and_cohort() {
    let birth = "2024-04-01";
    let e = ev(
        &of(
            birth,
            VaccineId::Hepb,
            &["2024-06-01", "2024-06-29", "2024-10-19"],
        ),
        "2024-11-01",
        VaccineId::Hepb,
    );
    assert!(e.doses.iter().all(|x| x.routine));
    assert_eq!(e.status, Status::Complete);
    let e = ev(
        &of(birth, VaccineId::Hepb, &["2024-06-01", "2024-06-28"]),
        "2024-07-01",
        VaccineId::Hepb,
    );
    assert_eq!(reasons(&e, 1), ["too_soon"]);
    let e = ev(
        &of(
            birth,
            VaccineId::Hepb,
            &["2024-06-01", "2024-06-29", "2024-10-18"],
        ),
        "2024-11-01",
        VaccineId::Hepb,
    );
    assert_eq!(reasons(&e, 2), ["too_soon"]); // 139日以上 → 2024-10-19
    let e = ev(
        &of(birth, VaccineId::Hepb, &["2025-03-31"]),
        "2025-04-01",
        VaccineId::Hepb,
    );
    assert!(routine(&e, 0));
    let e = ev(
        &of(birth, VaccineId::Hepb, &["2025-04-01"]),
        "2025-04-02",
        VaccineId::Hepb,
    );
    assert_eq!(reasons(&e, 0), ["too_old"]);
    // Births before 2016-04-01 are not in the routine cohort.
    let e = ev(
        &history("2016-03-31", vec![]),
        "2016-06-01",
        VaccineId::Hepb,
    );
    assert_eq!(e.status, Status::NotApplicable);
    // 母子感染予防 excludes.
    let mut h = history(birth, vec![]);
    h.conditions.push(cond(ConditionCode::HepbPerinatal));
    assert_eq!(
        ev(&h, "2024-06-01", VaccineId::Hepb).status,
        Status::NotApplicable
    );
}

// ---------------------------------------------------------------------------
// ロタ.

#[test]
fn rota_weeks_windows_per_product() {
    let birth = "2024-04-01"; // 6週0日後 = 05-13, 14週6日後 = 07-14, 24週0日後 = 09-16, 32週0日後 = 11-11
    let e = ev(
        &of_p(
            birth,
            VaccineId::Rota,
            "rotarix",
            &["2024-05-13", "2024-09-16"],
        ),
        "2024-10-01",
        VaccineId::Rota,
    );
    assert_eq!(e.series, "rota-rotarix-2");
    assert!(e.doses.iter().all(|x| x.routine));
    assert_eq!(e.status, Status::Complete);
    let e = ev(
        &of_p(birth, VaccineId::Rota, "rotarix", &["2024-05-12"]),
        "2024-05-20",
        VaccineId::Rota,
    );
    assert_eq!(reasons(&e, 0), ["too_young"]);
    let e = ev(
        &of_p(
            birth,
            VaccineId::Rota,
            "rotarix",
            &["2024-05-13", "2024-09-17"],
        ),
        "2024-10-01",
        VaccineId::Rota,
    );
    assert_eq!(reasons(&e, 1), ["too_old"]);
    let e = ev(
        &of_p(
            birth,
            VaccineId::Rota,
            "rotateq",
            &["2024-05-13", "2024-06-10", "2024-11-11"],
        ),
        "2024-12-01",
        VaccineId::Rota,
    );
    assert_eq!(e.series, "rota-rotateq-3");
    assert!(e.doses.iter().all(|x| x.routine));
    // First dose after 14週6日: routine but outside the standard.
    let e = ev(
        &of_p(birth, VaccineId::Rota, "rotarix", &["2024-07-15"]),
        "2024-07-16",
        VaccineId::Rota,
    );
    assert!(routine(&e, 0));
    assert!(
        notes(&e, 0).contains(&"outside_standard"),
        "{:?}",
        notes(&e, 0)
    );
    // Switching product.
    let h = history(
        birth,
        vec![
            dose(VaccineId::Rota, Some("rotarix"), "2024-05-13"),
            dose(VaccineId::Rota, Some("rotateq"), "2024-06-10"),
        ],
    );
    let e = ev(&h, "2024-06-11", VaccineId::Rota);
    assert_eq!(reasons(&e, 1), ["product_switch"]);
    assert!(!e.doses[1].counted);
    // Born before 2020-08-01: not routine.
    assert_eq!(
        ev(
            &history("2020-07-31", vec![]),
            "2020-10-01",
            VaccineId::Rota
        )
        .status,
        Status::NotApplicable
    );
}

// ---------------------------------------------------------------------------
// 5種混合 / 4種混合 / 2種混合.

#[test]
fn dpt_ipv_hib_intervals_and_window() {
    let birth = "2024-04-01";
    let h = of(
        birth,
        VaccineId::DptIpvHib,
        &["2024-05-31", "2024-06-21", "2024-07-12", "2025-01-12"],
    );
    let e = ev(&h, "2025-02-01", VaccineId::DptIpvHib);
    assert!(e.doses.iter().all(|x| x.routine), "{:?}", e);
    let h = of(birth, VaccineId::DptIpvHib, &["2024-05-31", "2024-06-20"]);
    assert_eq!(
        reasons(&ev(&h, "2024-07-01", VaccineId::DptIpvHib), 1),
        ["too_soon"]
    );
    // booster: 6月以上 after primary3 (2024-07-12 → 2025-01-12).
    let h = of(
        birth,
        VaccineId::DptIpvHib,
        &["2024-05-31", "2024-06-21", "2024-07-12", "2025-01-11"],
    );
    assert_eq!(
        reasons(&ev(&h, "2025-02-01", VaccineId::DptIpvHib), 3),
        ["too_soon"]
    );
    // 生後90月 = 2031-09-30.
    let e = ev(&history(birth, vec![]), "2031-09-30", VaccineId::DptIpvHib);
    assert_eq!(e.next.unwrap().latest, Some(d("2031-09-30")));
    // Before 2024-04-01 the vaccine was not routine.
    let e = ev(
        &of("2023-12-01", VaccineId::DptIpvHib, &["2024-03-01"]),
        "2024-04-01",
        VaccineId::DptIpvHib,
    );
    assert_eq!(reasons(&e, 0), ["not_in_effect"]);
}

#[test]
fn dpt_tracks_five_vs_four_plus_hib() {
    let birth = "2024-02-01";
    let e = evaluate(&history(birth, vec![]), d("2024-06-01"));
    assert_eq!(e.vaccine(VaccineId::DptIpvHib).unwrap().status, Status::Due);
    assert_eq!(
        e.vaccine(VaccineId::Hib).unwrap().status,
        Status::NotApplicable
    );
    assert_eq!(
        e.vaccine(VaccineId::DptIpv).unwrap().status,
        Status::NotApplicable
    );
    let h = history(
        birth,
        vec![
            dose(VaccineId::DptIpv, None, "2024-04-01"),
            dose(VaccineId::Hib, None, "2024-04-01"),
        ],
    );
    let e = evaluate(&h, d("2024-06-01"));
    assert_eq!(
        e.vaccine(VaccineId::DptIpvHib).unwrap().status,
        Status::NotApplicable
    );
    assert_eq!(e.vaccine(VaccineId::DptIpv).unwrap().status, Status::Due);
    assert_eq!(e.vaccine(VaccineId::Hib).unwrap().status, Status::Due);
}

#[test]
fn dpt_ipv_start_age_versioned_by_date() {
    // Before 2023-04-01 the window started at 生後3月.
    let e = ev(
        &of("2022-01-15", VaccineId::DptIpv, &["2022-03-20"]),
        "2022-04-01",
        VaccineId::DptIpv,
    );
    assert_eq!(reasons(&e, 0), ["too_young"]);
    let e = ev(
        &of("2022-01-15", VaccineId::DptIpv, &["2022-04-14"]),
        "2022-04-20",
        VaccineId::DptIpv,
    );
    assert!(routine(&e, 0));
    // From 2023-04-01: 生後2月 (born 2023-02-10 → 2023-04-09).
    let e = ev(
        &of("2023-02-10", VaccineId::DptIpv, &["2023-04-09"]),
        "2023-04-10",
        VaccineId::DptIpv,
    );
    assert!(routine(&e, 0));
    let e = ev(
        &of("2023-02-10", VaccineId::DptIpv, &["2023-04-08"]),
        "2023-04-10",
        VaccineId::DptIpv,
    );
    assert_eq!(reasons(&e, 0), ["too_young"]);
}

#[test]
fn dt_stage2_window() {
    let birth = "2013-04-01"; // 11歳 = 2024-03-31, 13歳 = 2026-03-31
    assert!(routine(
        &ev(
            &of(birth, VaccineId::Dt, &["2024-03-31"]),
            "2024-04-01",
            VaccineId::Dt
        ),
        0
    ));
    assert_eq!(
        reasons(
            &ev(
                &of(birth, VaccineId::Dt, &["2024-03-30"]),
                "2024-04-01",
                VaccineId::Dt
            ),
            0
        ),
        ["too_young"]
    );
    assert!(routine(
        &ev(
            &of(birth, VaccineId::Dt, &["2026-03-31"]),
            "2026-04-01",
            VaccineId::Dt
        ),
        0
    ));
    assert_eq!(
        reasons(
            &ev(
                &of(birth, VaccineId::Dt, &["2026-04-01"]),
                "2026-04-02",
                VaccineId::Dt
            ),
            0
        ),
        ["too_old"]
    );
    let e = ev(&history(birth, vec![]), "2023-01-01", VaccineId::Dt);
    assert_eq!(e.status, Status::NotYetEligible);
    let n = e.next.unwrap();
    assert_eq!(
        (n.earliest, n.latest, n.recommended_to),
        (
            d("2024-03-31"),
            Some(d("2026-03-31")),
            Some(d("2025-03-31"))
        )
    );
}

// ---------------------------------------------------------------------------
// BCG, MR, 水痘 (injectable live) and the 27-day rule.

#[test]
fn bcg_window_and_standard() {
    let birth = "2024-04-01";
    let e = ev(
        &of(birth, VaccineId::Bcg, &["2025-03-31"]),
        "2025-04-01",
        VaccineId::Bcg,
    );
    assert!(routine(&e, 0));
    assert!(
        notes(&e, 0).contains(&"outside_standard"),
        "{:?}",
        notes(&e, 0)
    );
    let e = ev(
        &of(birth, VaccineId::Bcg, &["2025-04-01"]),
        "2025-04-02",
        VaccineId::Bcg,
    );
    assert_eq!(reasons(&e, 0), ["too_old"]);
    let n = ev(&history(birth, vec![]), "2024-06-01", VaccineId::Bcg)
        .next
        .unwrap();
    assert_eq!(
        (n.recommended_from, n.recommended_to),
        (Some(d("2024-08-31")), Some(d("2024-11-30")))
    );
}

#[test]
fn mr_stage1_stage2_and_school_year() {
    let birth = "2023-06-10"; // 生後12月 = 2024-06-09; school entry 2030-04-01
    let e = ev(
        &of(birth, VaccineId::Mr, &["2024-06-09"]),
        "2025-01-01",
        VaccineId::Mr,
    );
    assert_eq!(summary(&e), [("stage1", true, vec![])]);
    assert_eq!(e.status, Status::NotYetEligible);
    let n = e.next.unwrap();
    assert_eq!(
        (n.dose, n.earliest, n.latest),
        ("stage2", d("2029-04-01"), Some(d("2030-03-31")))
    );
    let e = ev(
        &of(birth, VaccineId::Mr, &["2024-06-08"]),
        "2024-06-10",
        VaccineId::Mr,
    );
    assert_eq!(reasons(&e, 0), ["too_young"]);
    // 生後24月 = 2025-06-09.
    let e = ev(
        &of(birth, VaccineId::Mr, &["2025-06-10"]),
        "2025-06-11",
        VaccineId::Mr,
    );
    assert_eq!(summary(&e), [("stage1", false, vec!["too_old"])]);
    // April 1 births enter school a year earlier.
    let e = ev(
        &history("2018-04-01", vec![dose(VaccineId::Mr, None, "2019-04-01")]),
        "2023-01-01",
        VaccineId::Mr,
    );
    assert_eq!(e.next.unwrap().earliest, d("2023-04-01"));
}

#[test]
fn mr_special_measure_for_fy2024_cohorts() {
    // Born 2022-06-01: 1期 ended 2024-05-31, reopened 2025-04-01 … 2027-03-31.
    let e = ev(
        &of("2022-06-01", VaccineId::Mr, &["2025-05-01"]),
        "2025-05-02",
        VaccineId::Mr,
    );
    assert!(routine(&e, 0));
    assert!(
        notes(&e, 0).contains(&"special_cohort"),
        "{:?}",
        notes(&e, 0)
    );
    let e = ev(
        &of("2022-06-01", VaccineId::Mr, &["2025-03-31"]),
        "2025-04-01",
        VaccineId::Mr,
    );
    assert_eq!(reasons(&e, 0), ["too_old"]);
    // Outside the cohort: not routine.
    let e = ev(
        &of("2021-06-01", VaccineId::Mr, &["2025-05-01"]),
        "2025-05-02",
        VaccineId::Mr,
    );
    assert_eq!(reasons(&e, 0), ["too_old"]);
    // 2期 cohort born 2018-04-02 … 2019-04-01 (2期 year ended 2025-03-31).
    let h = of("2018-10-01", VaccineId::Mr, &["2019-10-01", "2026-01-10"]);
    let e = ev(&h, "2026-02-01", VaccineId::Mr);
    assert_eq!(summary(&e)[1], ("stage2", true, vec![]));
    assert!(
        notes(&e, 1).contains(&"special_cohort"),
        "{:?}",
        notes(&e, 1)
    );
}

#[test]
fn live_27_day_rule_between_different_injectable_live_vaccines() {
    let birth = "2023-06-10";
    let h = |varicella: &str| {
        history(
            birth,
            vec![
                dose(VaccineId::Mr, None, "2024-06-09"),
                dose(VaccineId::Varicella, None, varicella),
            ],
        )
    };
    let e = ev(&h("2024-07-06"), "2024-07-06", VaccineId::Varicella);
    assert_eq!(reasons(&e, 0), ["live_interval"]);
    assert!(!e.doses[0].counted);
    assert_eq!(
        (e.status, e.next.unwrap().earliest),
        (Status::NotYetDue, d("2024-07-07"))
    );
    assert!(routine(
        &ev(&h("2024-07-07"), "2024-07-10", VaccineId::Varicella),
        0
    ));
    // Same day (同時接種) is fine.
    assert!(routine(
        &ev(&h("2024-06-09"), "2024-07-10", VaccineId::Varicella),
        0
    ));
    // Forecast: due, but blocked on the evaluation date by a live dose last week.
    let e = ev(
        &history(birth, vec![dose(VaccineId::Mr, None, "2024-06-09")]),
        "2024-06-15",
        VaccineId::Varicella,
    );
    assert_eq!(e.status, Status::NotYetDue);
    assert_eq!(e.next.unwrap().earliest, d("2024-07-07"));
    // Inactivated or oral live before a live vaccine: no interval.
    let h = history(
        birth,
        vec![
            dose(VaccineId::Hib, None, "2024-06-08"),
            dose(VaccineId::Mr, None, "2024-06-09"),
        ],
    );
    assert!(routine(&ev(&h, "2024-06-10", VaccineId::Mr), 0));
    // Live zoster counts as injectable live; recombinant does not.
    let h = history(
        "1960-06-01",
        vec![
            dose(VaccineId::Zoster, Some("live"), "2025-06-01"),
            dose(VaccineId::Mr, None, "2025-06-10"),
        ],
    );
    assert_eq!(
        reasons(&ev(&h, "2025-07-01", VaccineId::Mr), 0),
        ["too_old", "live_interval"]
    );
}

#[test]
fn varicella_three_months_and_month_end() {
    let birth = "2023-06-10";
    let e = ev(
        &of(birth, VaccineId::Varicella, &["2024-06-09", "2024-09-09"]),
        "2024-10-01",
        VaccineId::Varicella,
    );
    assert!(e.doses.iter().all(|x| x.routine));
    let e = ev(
        &of(birth, VaccineId::Varicella, &["2024-06-09", "2024-09-08"]),
        "2024-10-01",
        VaccineId::Varicella,
    );
    assert_eq!(reasons(&e, 1), ["too_soon"]);
    // Nov 30 + 3月: no Feb 30 → from Mar 1.
    let e = ev(
        &of(birth, VaccineId::Varicella, &["2024-11-30", "2025-02-28"]),
        "2025-03-01",
        VaccineId::Varicella,
    );
    assert_eq!(reasons(&e, 1), ["too_soon"]);
    assert_eq!(e.next.unwrap().earliest, d("2025-03-01"));
    // 罹患歴 excludes.
    let mut h = history(birth, vec![]);
    h.conditions.push(Condition {
        vaccines: vec![VaccineId::Varicella],
        ..cond(ConditionCode::DiseaseHistory)
    });
    assert_eq!(
        ev(&h, "2024-07-01", VaccineId::Varicella).status,
        Status::NotApplicable
    );
    assert_eq!(ev(&h, "2024-07-01", VaccineId::Mr).status, Status::Due);
}

// ---------------------------------------------------------------------------
// 日本脳炎.

#[test]
fn je_intervals_and_stage2() {
    let birth = "2021-05-10"; // 3歳 = 2024-05-09, 9歳 = 2030-05-09
    let h = of(
        birth,
        VaccineId::Je,
        &["2024-05-09", "2024-05-16", "2024-11-16"],
    );
    let e = ev(&h, "2025-01-01", VaccineId::Je);
    assert!(e.doses.iter().all(|x| x.routine), "{:?}", e);
    let n = e.next.unwrap();
    assert_eq!(
        (n.dose, n.earliest, n.latest),
        ("stage2", d("2030-05-09"), Some(d("2034-05-09")))
    );
    let e = ev(
        &of(birth, VaccineId::Je, &["2024-05-09", "2024-05-15"]),
        "2024-06-01",
        VaccineId::Je,
    );
    assert_eq!(reasons(&e, 1), ["too_soon"]); // 6日以上 → +7
    let e = ev(
        &of(
            birth,
            VaccineId::Je,
            &["2024-05-09", "2024-05-16", "2024-11-15"],
        ),
        "2025-01-01",
        VaccineId::Je,
    );
    assert_eq!(reasons(&e, 2), ["too_soon"]);
    // 生後6月 = 2021-11-09.
    assert_eq!(
        reasons(
            &ev(
                &of(birth, VaccineId::Je, &["2021-11-08"]),
                "2022-01-01",
                VaccineId::Je
            ),
            0
        ),
        ["too_young"]
    );
    assert!(routine(
        &ev(
            &of(birth, VaccineId::Je, &["2021-11-09"]),
            "2022-01-01",
            VaccineId::Je
        ),
        0
    ));
}

#[test]
fn je_missed_stage1_goes_to_stage2() {
    // Born 2012-06-01 (no special cohort): 1期 ended 2019-11-30; a dose at 10 is 2期.
    let e = ev(
        &of("2012-06-01", VaccineId::Je, &["2022-07-01"]),
        "2022-08-01",
        VaccineId::Je,
    );
    assert_eq!(summary(&e), [("stage2", true, vec![])]);
    assert_eq!(e.status, Status::Complete);
}

#[test]
fn je_special_cohorts() {
    // Born 2005-06-01 (1995-04-02 … 2007-04-01): every missing dose until 20歳 (2025-05-31).
    let e = ev(
        &of("2005-06-01", VaccineId::Je, &["2024-05-01"]),
        "2024-05-02",
        VaccineId::Je,
    );
    assert_eq!(summary(&e), [("primary1", true, vec![])]);
    assert!(
        notes(&e, 0).contains(&"special_cohort"),
        "{:?}",
        notes(&e, 0)
    );
    let h = of(
        "2005-06-01",
        VaccineId::Je,
        &["2024-05-01", "2024-05-08", "2024-11-08", "2025-05-31"],
    );
    let e = ev(&h, "2025-06-01", VaccineId::Je);
    assert!(e.doses.iter().all(|x| x.routine), "{:?}", e);
    let h = of(
        "2005-06-01",
        VaccineId::Je,
        &["2024-05-01", "2024-05-08", "2024-11-08", "2025-06-01"],
    );
    assert_eq!(
        reasons(&ev(&h, "2025-06-02", VaccineId::Je), 3),
        ["too_old"]
    );
    // Born 2008-06-01 (2007-04-02 … 2009-10-01): 1期 doses also at 9–13.
    let e = ev(
        &of("2008-06-01", VaccineId::Je, &["2018-07-01"]),
        "2018-08-01",
        VaccineId::Je,
    );
    assert_eq!(summary(&e), [("primary1", true, vec![])]);
    assert!(
        notes(&e, 0).contains(&"special_cohort"),
        "{:?}",
        notes(&e, 0)
    );
    // Born 2009-10-02 (just outside): the same dose is 2期.
    let e = ev(
        &of("2009-10-02", VaccineId::Je, &["2019-07-01"]),
        "2019-08-01",
        VaccineId::Je,
    );
    assert_eq!(summary(&e), [("stage2", true, vec![])]);
}

// ---------------------------------------------------------------------------
// HPV.

fn girl(birth: &str, doses: Vec<Dose>) -> History {
    History {
        sex: Some(Sex::Female),
        ..history(birth, doses)
    }
}

#[test]
fn hpv_fiscal_year_window() {
    // 12歳となる日 of a 2012-04-01 birth is 2024-03-31 → FY2023 (小6), window 2023-04-01 … 2028-03-31.
    let p = |dates: &[&str]| {
        girl(
            "2012-04-01",
            dates
                .iter()
                .map(|x| dose(VaccineId::Hpv, Some("silgard9"), x))
                .collect(),
        )
    };
    assert!(routine(
        &ev(&p(&["2023-04-01"]), "2023-04-02", VaccineId::Hpv),
        0
    ));
    let e = ev(&p(&["2023-03-31"]), "2023-04-02", VaccineId::Hpv);
    assert_eq!(reasons(&e, 0), ["before_window", "product_not_routine"]); // 9価 routine from 2023-04-01
    assert!(e.doses[0].counted, "prior 任意 HPV doses count");
    let e = ev(&p(&["2028-04-01"]), "2028-04-02", VaccineId::Hpv);
    assert_eq!(reasons(&e, 0), ["too_old"]);
    // A 2012-04-02 birth starts a year later.
    let e = ev(&girl("2012-04-02", vec![]), "2024-01-01", VaccineId::Hpv);
    assert_eq!(
        (e.status, e.next.unwrap().earliest),
        (Status::NotYetEligible, d("2024-04-01"))
    );
    // Boys: not routine.
    let mut h = girl("2012-04-02", vec![]);
    h.sex = Some(Sex::Male);
    assert_eq!(
        ev(&h, "2025-01-01", VaccineId::Hpv).status,
        Status::NotApplicable
    );
}

#[test]
fn hpv_9_valent_two_dose_and_fallback() {
    let p = |dates: &[&str]| {
        girl(
            "2012-04-02",
            dates
                .iter()
                .map(|x| dose(VaccineId::Hpv, Some("silgard9"), x))
                .collect(),
        )
    };
    let e = ev(
        &p(&["2024-04-01", "2024-09-01"]),
        "2024-09-02",
        VaccineId::Hpv,
    );
    assert_eq!(e.series, "hpv-9-2dose");
    assert_eq!(e.status, Status::Complete);
    let e = ev(&p(&["2024-04-01"]), "2024-04-02", VaccineId::Hpv);
    let n = e.next.unwrap();
    assert_eq!(
        (n.earliest, n.recommended_from),
        (d("2024-05-01"), Some(d("2024-10-01")))
    );
    // 2nd under 5 months → 3回法: 3rd ≥3月 after the 2nd (Aug 31 + 3月 → Dec 1).
    let e = ev(
        &p(&["2024-04-01", "2024-08-31"]),
        "2024-09-02",
        VaccineId::Hpv,
    );
    assert_eq!(e.status, Status::NotYetDue);
    assert_eq!(e.next.unwrap().earliest, d("2024-12-01"));
    // Started at 15 (born 2009-05-01 reaches 15 on 2024-04-30): 3回法 from the start.
    let h = girl(
        "2009-05-01",
        vec![
            dose(VaccineId::Hpv, Some("silgard9"), "2024-05-01"),
            dose(VaccineId::Hpv, Some("silgard9"), "2024-10-01"),
        ],
    );
    let e = ev(&h, "2024-10-02", VaccineId::Hpv);
    assert_eq!(e.series, "hpv-9-3dose");
    assert_eq!(e.next.unwrap().earliest, d("2025-01-01"));
    let h = girl(
        "2009-05-01",
        vec![dose(VaccineId::Hpv, Some("silgard9"), "2024-04-30")],
    );
    assert_eq!(ev(&h, "2024-05-01", VaccineId::Hpv).series, "hpv-9-2dose");
}

#[test]
fn hpv_2_and_4_valent_and_switches() {
    let b = "2010-06-01";
    let p = |product: &str, dates: &[&str]| {
        girl(
            b,
            dates
                .iter()
                .map(|x| dose(VaccineId::Hpv, Some(product), x))
                .collect(),
        )
    };
    // 2価: 3rd ≥5月 after the 1st (2023-10-01) and ≥2月半 after the 2nd (2023-06-01 → 08-17).
    let e = ev(
        &p("cervarix", &["2023-05-01", "2023-06-01", "2023-10-01"]),
        "2023-10-02",
        VaccineId::Hpv,
    );
    assert_eq!(e.series, "hpv-2-3dose");
    assert!(e.doses.iter().all(|x| x.routine));
    let e = ev(
        &p("cervarix", &["2023-05-01", "2023-06-01", "2023-09-30"]),
        "2023-10-02",
        VaccineId::Hpv,
    );
    assert_eq!(reasons(&e, 2), ["too_soon"]);
    let e = ev(
        &p("cervarix", &["2023-05-01", "2023-07-20", "2023-10-04"]),
        "2023-10-05",
        VaccineId::Hpv,
    );
    assert_eq!(reasons(&e, 2), ["too_soon"]); // 2月半 after 07-20 = 10-05
                                              // 4価: 3rd ≥3月 after the 2nd.
    let e = ev(
        &p("gardasil", &["2023-05-01", "2023-06-01", "2023-08-31"]),
        "2023-09-02",
        VaccineId::Hpv,
    );
    assert_eq!(e.series, "hpv-4-3dose");
    assert_eq!(reasons(&e, 2), ["too_soon"]);
    // 2価 → 4価: forbidden; 4価 → 9価: allowed, 9価 3回法.
    let h = girl(
        b,
        vec![
            dose(VaccineId::Hpv, Some("cervarix"), "2023-05-01"),
            dose(VaccineId::Hpv, Some("gardasil"), "2023-06-01"),
        ],
    );
    assert_eq!(
        reasons(&ev(&h, "2023-06-02", VaccineId::Hpv), 1),
        ["product_switch"]
    );
    let h = girl(
        b,
        vec![
            dose(VaccineId::Hpv, Some("gardasil"), "2023-05-01"),
            dose(VaccineId::Hpv, Some("silgard9"), "2023-06-01"),
        ],
    );
    let e = ev(&h, "2023-06-02", VaccineId::Hpv);
    assert_eq!(e.series, "hpv-9-3dose");
    assert!(routine(&e, 1));
    assert_eq!(e.next.unwrap().earliest, d("2023-09-01"));
}

#[test]
fn hpv_catch_up_and_extension() {
    let b = "2000-05-01";
    let p = |dates: &[&str]| {
        girl(
            b,
            dates
                .iter()
                .map(|x| dose(VaccineId::Hpv, Some("silgard9"), x))
                .collect(),
        )
    };
    let e = ev(&p(&["2023-05-01"]), "2023-05-02", VaccineId::Hpv);
    assert!(routine(&e, 0));
    assert!(
        notes(&e, 0).contains(&"special_cohort"),
        "{:?}",
        notes(&e, 0)
    );
    assert_eq!(
        reasons(&ev(&p(&["2022-03-31"]), "2022-04-02", VaccineId::Hpv), 0),
        ["too_old", "product_not_routine"]
    );
    // Extension to 2026-03-31 only with a dose in 2022-04 … 2025-03.
    assert_eq!(
        reasons(&ev(&p(&["2025-05-01"]), "2025-05-02", VaccineId::Hpv), 0),
        ["too_old"]
    );
    let e = ev(
        &p(&["2024-05-01", "2025-05-01"]),
        "2025-05-02",
        VaccineId::Hpv,
    );
    assert!(routine(&e, 1), "{:?}", e);
    let e = ev(
        &p(&["2024-05-01", "2026-04-01"]),
        "2026-04-02",
        VaccineId::Hpv,
    );
    assert_eq!(reasons(&e, 1), ["too_old"]);
    assert_eq!(e.status, Status::AgedOut);
}

// ---------------------------------------------------------------------------
// B類.

#[test]
fn influenza_season_and_age() {
    let b = "1955-01-15";
    let e = ev(
        &of(b, VaccineId::InfluenzaElderly, &["2024-10-15"]),
        "2024-11-01",
        VaccineId::InfluenzaElderly,
    );
    assert_eq!(summary(&e), [("annual", true, vec![])]);
    assert_eq!(e.status, Status::Complete);
    assert_eq!(e.next.unwrap().earliest, d("2025-10-01"));
    let e = ev(
        &of(b, VaccineId::InfluenzaElderly, &["2024-09-30"]),
        "2024-11-01",
        VaccineId::InfluenzaElderly,
    );
    assert_eq!(reasons(&e, 0), ["out_of_season"]);
    let e = ev(
        &of(
            b,
            VaccineId::InfluenzaElderly,
            &["2024-10-15", "2025-01-10"],
        ),
        "2025-02-01",
        VaccineId::InfluenzaElderly,
    );
    assert_eq!(reasons(&e, 1), ["extra_dose"]);
    let e = ev(
        &of(b, VaccineId::InfluenzaElderly, &[]),
        "2025-06-01",
        VaccineId::InfluenzaElderly,
    );
    let n = e.next.unwrap();
    assert_eq!(e.status, Status::NotYetDue);
    assert_eq!(
        (n.earliest, n.recommended_to, n.latest),
        (
            d("2025-10-01"),
            Some(d("2025-12-31")),
            Some(d("2026-03-31"))
        )
    );
    // 64 (turns 65 on 2025-10-31): too young unless 1級-level disability.
    let e = ev(
        &of("1960-11-01", VaccineId::InfluenzaElderly, &["2025-10-15"]),
        "2025-11-01",
        VaccineId::InfluenzaElderly,
    );
    assert_eq!(reasons(&e, 0), ["too_young"]);
    let mut h = of("1960-11-01", VaccineId::InfluenzaElderly, &["2025-10-15"]);
    h.conditions.push(cond(ConditionCode::SevereDisability));
    assert!(routine(
        &ev(&h, "2025-11-01", VaccineId::InfluenzaElderly),
        0
    ));
    let e = ev(
        &history("1960-11-01", vec![]),
        "2025-06-01",
        VaccineId::InfluenzaElderly,
    );
    assert_eq!(
        (e.status, e.next.unwrap().earliest),
        (Status::NotYetEligible, d("2025-10-31"))
    );
    // A past infection does not exclude influenza.
    let mut h = history(b, vec![]);
    h.conditions.push(Condition {
        vaccines: vec![VaccineId::InfluenzaElderly],
        ..cond(ConditionCode::DiseaseHistory)
    });
    assert_eq!(
        ev(&h, "2025-10-02", VaccineId::InfluenzaElderly).status,
        Status::Due
    );
}

#[test]
fn covid_from_fy2024() {
    let b = "1950-01-01";
    let e = ev(
        &of(b, VaccineId::Covid19, &["2024-09-30"]),
        "2024-10-02",
        VaccineId::Covid19,
    );
    assert_eq!(reasons(&e, 0), ["not_in_effect", "out_of_season"]);
    assert!(routine(
        &ev(
            &of(b, VaccineId::Covid19, &["2024-10-01"]),
            "2024-10-02",
            VaccineId::Covid19
        ),
        0
    ));
    let e = ev(&history(b, vec![]), "2024-03-01", VaccineId::Covid19);
    assert_eq!(
        (e.status, e.next.unwrap().earliest),
        (Status::NotYetEligible, d("2024-10-01"))
    );
}

#[test]
fn pneumococcal_elderly_65_year_old_and_products() {
    let b = "1960-04-01"; // 65 on 2025-03-31, 66 on 2026-03-31
    let p = |product: &str, date: &str| {
        history(
            b,
            vec![dose(VaccineId::PneumococcalElderly, Some(product), date)],
        )
    };
    assert!(routine(
        &ev(
            &p("ppsv23", "2025-03-31"),
            "2025-04-01",
            VaccineId::PneumococcalElderly
        ),
        0
    ));
    assert_eq!(
        reasons(
            &ev(
                &p("ppsv23", "2025-03-30"),
                "2025-04-01",
                VaccineId::PneumococcalElderly
            ),
            0
        ),
        ["before_window"]
    );
    assert!(routine(
        &ev(
            &p("ppsv23", "2026-03-31"),
            "2026-04-01",
            VaccineId::PneumococcalElderly
        ),
        0
    ));
    assert_eq!(
        reasons(
            &ev(
                &p("ppsv23", "2026-04-01"),
                "2026-04-02",
                VaccineId::PneumococcalElderly
            ),
            0
        ),
        ["too_old", "product_not_routine"]
    );
    // PCV20 from 2026-04-01 (born 1961-06-01: 65 on 2026-05-31).
    let h = history(
        "1961-06-01",
        vec![dose(
            VaccineId::PneumococcalElderly,
            Some("pcv20"),
            "2026-06-01",
        )],
    );
    assert!(routine(
        &ev(&h, "2026-06-02", VaccineId::PneumococcalElderly),
        0
    ));
    // An earlier 任意 dose completes the series.
    let h = history(
        b,
        vec![
            dose(VaccineId::PneumococcalElderly, Some("ppsv23"), "2020-01-01"),
            dose(VaccineId::PneumococcalElderly, Some("ppsv23"), "2025-04-01"),
        ],
    );
    let e = ev(&h, "2025-05-01", VaccineId::PneumococcalElderly);
    assert_eq!(reasons(&e, 1), ["extra_dose"]);
    assert_eq!(e.status, Status::Complete);
}

#[test]
fn zoster_fiscal_year_cohorts() {
    // Turns 65 on 2025-05-31 → FY2025.
    let r = |b: &str, dates: &[&str], as_of| {
        ev(
            &of_p(b, VaccineId::Zoster, "recombinant", dates),
            as_of,
            VaccineId::Zoster,
        )
    };
    let e = r("1960-06-01", &["2025-04-01", "2025-06-01"], "2025-06-02");
    assert!(e.doses.iter().all(|x| x.routine));
    assert_eq!(e.status, Status::Complete);
    let e = r("1960-06-01", &["2025-04-01", "2025-05-20"], "2025-06-02");
    assert!(routine(&e, 1));
    assert!(
        notes(&e, 1).contains(&"physician_interval"),
        "{:?}",
        notes(&e, 1)
    ); // 1月 with physician judgement
    let e = r("1960-06-01", &["2025-04-01", "2025-04-30"], "2025-06-02");
    assert_eq!(reasons(&e, 1), ["too_soon"]);
    assert_eq!(
        reasons(&r("1960-06-01", &["2025-03-31"], "2025-04-02"), 0),
        ["before_window", "not_in_effect"]
    );
    assert_eq!(
        reasons(&r("1960-06-01", &["2026-04-01"], "2026-04-02"), 0),
        ["too_old"]
    );
    // 経過措置: turns 70 in FY2025.
    let e = r("1955-06-01", &["2025-07-01"], "2025-07-02");
    assert!(
        notes(&e, 0).contains(&"special_cohort"),
        "{:?}",
        notes(&e, 0)
    );
    // Turns 70 in FY2026 (within FY2025–FY2029): a FY2025 dose is early, the FY2026 window opens 2026-04-01.
    let e = r("1956-06-01", &[], "2025-07-01");
    assert_eq!(
        (e.status, e.next.unwrap().earliest),
        (Status::NotYetEligible, d("2026-04-01"))
    );
    // 101+ only in FY2025.
    assert!(routine(&r("1924-06-01", &["2025-06-01"], "2025-06-02"), 0));
    assert_eq!(
        reasons(&r("1924-06-01", &["2026-04-02"], "2026-04-03"), 0),
        ["too_old"]
    );
    // Live: one dose.
    let e = ev(
        &of_p("1960-06-01", VaccineId::Zoster, "live", &["2025-04-01"]),
        "2025-04-02",
        VaccineId::Zoster,
    );
    assert_eq!((e.series, e.status), ("zoster-live-1", Status::Complete));
}

#[test]
fn rsv_maternal_gestational_window() {
    let mother = |lmp: &str, doses: &[&str]| {
        let mut h = girl(
            "1995-05-05",
            doses
                .iter()
                .map(|x| dose(VaccineId::RsvMaternal, None, x))
                .collect(),
        );
        h.conditions.push(Condition {
            lmp: Some(d(lmp)),
            ..cond(ConditionCode::Pregnancy)
        });
        h
    };
    // lmp 2026-01-01: 28週0日 = 2026-07-16, 36週6日 = 2026-09-16.
    let e = ev(
        &mother("2026-01-01", &["2026-07-16"]),
        "2026-07-17",
        VaccineId::RsvMaternal,
    );
    assert!(routine(&e, 0));
    assert_eq!(e.status, Status::Complete);
    assert_eq!(
        reasons(
            &ev(
                &mother("2026-01-01", &["2026-07-15"]),
                "2026-07-17",
                VaccineId::RsvMaternal
            ),
            0
        ),
        ["too_young"]
    );
    assert_eq!(
        reasons(
            &ev(
                &mother("2026-01-01", &["2026-09-17"]),
                "2026-09-18",
                VaccineId::RsvMaternal
            ),
            0
        ),
        ["too_old"]
    );
    let e = ev(
        &mother("2026-01-01", &[]),
        "2026-05-01",
        VaccineId::RsvMaternal,
    );
    let n = e.next.unwrap();
    assert_eq!(
        (e.status, n.earliest, n.latest),
        (
            Status::NotYetEligible,
            d("2026-07-16"),
            Some(d("2026-09-16"))
        )
    );
    // Before 2026-04-01: 任意.
    assert_eq!(
        reasons(
            &ev(
                &mother("2025-09-01", &["2026-03-20"]),
                "2026-03-21",
                VaccineId::RsvMaternal
            ),
            0
        ),
        ["not_in_effect"]
    );
    // dueDate form: 40週0日 = 2026-10-08 → 0週0日 = 2026-01-01.
    let mut h = girl("1995-05-05", vec![]);
    h.conditions.push(Condition {
        due_date: Some(d("2026-10-08")),
        ..cond(ConditionCode::Pregnancy)
    });
    assert_eq!(
        ev(&h, "2026-05-01", VaccineId::RsvMaternal)
            .next
            .unwrap()
            .earliest,
        d("2026-07-16")
    );
    // No pregnancy: not applicable.
    assert_eq!(
        ev(
            &girl("1995-05-05", vec![]),
            "2026-05-01",
            VaccineId::RsvMaternal
        )
        .status,
        Status::NotApplicable
    );
}

// ---------------------------------------------------------------------------
// Month-end and leap-day births; 長期療養特例.

#[test]
fn month_end_birth() {
    // Born 2023-12-31: 生後2月 = 2024-02-29 (no Feb 31 → last day of Feb).
    let e = ev(
        &of("2023-12-31", VaccineId::Hib, &["2024-02-29"]),
        "2024-03-01",
        VaccineId::Hib,
    );
    assert!(routine(&e, 0));
    let e = ev(
        &of("2023-12-31", VaccineId::Hib, &["2024-02-28"]),
        "2024-03-01",
        VaccineId::Hib,
    );
    assert_eq!(reasons(&e, 0), ["too_young"]);
}

#[test]
fn leap_day_birth() {
    let b = "2024-02-29"; // 1歳 on 2025-02-28; 生後2月 = 2024-04-28
    assert!(routine(
        &ev(
            &of(b, VaccineId::Bcg, &["2025-02-28"]),
            "2025-03-02",
            VaccineId::Bcg
        ),
        0
    ));
    assert_eq!(
        reasons(
            &ev(
                &of(b, VaccineId::Bcg, &["2025-03-01"]),
                "2025-03-02",
                VaccineId::Bcg
            ),
            0
        ),
        ["too_old"]
    );
    assert!(routine(
        &ev(
            &of(b, VaccineId::Mr, &["2025-02-28"]),
            "2025-03-02",
            VaccineId::Mr
        ),
        0
    ));
    assert_eq!(
        reasons(
            &ev(
                &of(b, VaccineId::Mr, &["2025-02-27"]),
                "2025-03-02",
                VaccineId::Mr
            ),
            0
        ),
        ["too_young"]
    );
    assert!(routine(
        &ev(
            &of(b, VaccineId::DptIpvHib, &["2024-04-28"]),
            "2024-05-01",
            VaccineId::DptIpvHib
        ),
        0
    ));
    assert_eq!(
        reasons(
            &ev(
                &of(b, VaccineId::DptIpvHib, &["2024-04-27"]),
                "2024-05-01",
                VaccineId::DptIpvHib
            ),
            0
        ),
        ["too_young"]
    );
}

#[test]
fn long_term_illness_exception() {
    let lt = |resolved: &str| Condition {
        resolved: Some(d(resolved)),
        ..cond(ConditionCode::LongTermIllness)
    };
    // Hib aged out at 60 months (2024-01-09); resolved 2024-06-01 → until 2026-05-31 (cap 10歳).
    let mut h = of("2019-01-10", VaccineId::Hib, &["2025-01-01"]);
    assert_eq!(
        reasons(&ev(&h, "2025-01-02", VaccineId::Hib), 0),
        ["too_old"]
    );
    h.conditions.push(lt("2024-06-01"));
    let e = ev(&h, "2025-01-02", VaccineId::Hib);
    assert!(routine(&e, 0), "{:?}", e);
    assert!(
        notes(&e, 0).contains(&"long_term_exception"),
        "{:?}",
        notes(&e, 0)
    );
    // BCG capped at 4歳 (born 2022-01-10 → 2026-01-09).
    let mut h = of("2022-01-10", VaccineId::Bcg, &["2026-01-09"]);
    h.conditions.push(lt("2025-06-01"));
    assert!(routine(&ev(&h, "2026-02-01", VaccineId::Bcg), 0));
    let mut h = of("2022-01-10", VaccineId::Bcg, &["2026-01-10"]);
    h.conditions.push(lt("2025-06-01"));
    assert_eq!(
        reasons(&ev(&h, "2026-02-01", VaccineId::Bcg), 0),
        ["too_old"]
    );
    // Limited to listed vaccines.
    let mut h = of("2019-01-10", VaccineId::Hib, &["2025-01-01"]);
    h.conditions.push(Condition {
        vaccines: vec![VaccineId::Pcv],
        ..lt("2024-06-01")
    });
    assert_eq!(
        reasons(&ev(&h, "2025-01-02", VaccineId::Hib), 0),
        ["too_old"]
    );
    // Not for ロタ.
    let mut h = of_p("2024-04-01", VaccineId::Rota, "rotarix", &["2024-10-01"]);
    h.conditions.push(lt("2024-09-01"));
    assert_eq!(
        reasons(&ev(&h, "2024-10-02", VaccineId::Rota), 0),
        ["too_old"]
    );
}

// ---------------------------------------------------------------------------
// Whole evaluations, JSON, robustness.

/// A child at 12 months with a typical first year (samples/immunization/history-12m.json).
fn first_year() -> History {
    let doses = vec![
        dose(VaccineId::DptIpvHib, None, "2024-06-15"),
        dose(VaccineId::Pcv, Some("pcv15"), "2024-06-15"),
        dose(VaccineId::Hepb, None, "2024-06-15"),
        dose(VaccineId::Rota, Some("rotarix"), "2024-06-15"),
        dose(VaccineId::DptIpvHib, None, "2024-07-13"),
        dose(VaccineId::Pcv, Some("pcv15"), "2024-07-13"),
        dose(VaccineId::Hepb, None, "2024-07-13"),
        dose(VaccineId::Rota, Some("rotarix"), "2024-07-13"),
        dose(VaccineId::DptIpvHib, None, "2024-08-10"),
        dose(VaccineId::Pcv, Some("pcv15"), "2024-08-10"),
        dose(VaccineId::Bcg, None, "2024-09-20"),
        dose(VaccineId::Hepb, None, "2024-12-07"),
    ];
    History {
        sex: Some(Sex::Female),
        ..history("2024-04-15", doses)
    }
}

#[test]
fn child_at_12_months() {
    let e = evaluate(&first_year(), d("2025-04-20"));
    let status = |v| e.vaccine(v).unwrap().status;
    assert!(
        e.vaccines.iter().flat_map(|v| &v.doses).all(|x| x.routine),
        "{:?}",
        e
    );
    assert_eq!(status(VaccineId::Hepb), Status::Complete);
    assert_eq!(status(VaccineId::Rota), Status::Complete);
    assert_eq!(status(VaccineId::Bcg), Status::Complete);
    assert_eq!(status(VaccineId::DptIpvHib), Status::Due); // booster from 2025-02-10
    assert_eq!(status(VaccineId::Pcv), Status::Due); // booster from 12 months (2025-04-14)
    assert_eq!(status(VaccineId::Mr), Status::Due);
    assert_eq!(status(VaccineId::Varicella), Status::Due);
    assert_eq!(status(VaccineId::Je), Status::Due); // legal from 生後6月 (standard: 3歳)
    assert_eq!(status(VaccineId::Hib), Status::NotApplicable);
    assert_eq!(status(VaccineId::Hpv), Status::NotYetEligible);
    assert_eq!(status(VaccineId::RsvMaternal), Status::NotApplicable);
    let pcv = e.vaccine(VaccineId::Pcv).unwrap().next.clone().unwrap();
    assert_eq!((pcv.dose, pcv.earliest), ("booster", d("2025-04-14")));
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["asOf"], "2025-04-20");
    assert_eq!(json["vaccines"][0]["vaccine"], "hib");
    assert_eq!(json["vaccines"][4]["status"], "due");
    assert_eq!(json["vaccines"][4]["next"]["dose"], "booster");
    assert!(json["vaccines"][4]["next"]["recommendedFrom"].is_string());
    assert_eq!(json["vaccines"][4]["doses"][0]["reasons"], json!([]));
}

#[test]
fn evaluate_json_validates_first() {
    let bad = json!({"birthDate": "2024-02-30", "doses": [{"vaccine": "hib"}], "conditions": [{"code": "pregnancy"}]});
    let report = evaluate_json(&bad, d("2025-01-01")).unwrap_err();
    assert!(report.has_at("immunization.date", "/birthDate"));
    assert!(report.has_at("immunization.required", "/doses/0/date"));
    assert!(report.has_at("immunization.history.condition_incomplete", "/conditions/0"));
    let r = validate_history(
        &json!({"birthDate": "2024-01-01", "doses": [{"vaccine": "pcv", "product": "pcv99", "date": "2023-12-31"}], "x": 1}),
    );
    assert!(r.has_at("immunization.product.unknown", "/doses/0/product"));
    assert!(r.has_at("immunization.history.before_birth", "/doses/0/date"));
    assert!(r.has_at("immunization.unknown_field", "/x"));
    let ok = evaluate_json(
        &json!({"birthDate": "2024-01-01", "sex": "female", "doses": []}),
        d("2024-06-01"),
    )
    .unwrap();
    assert_eq!(ok.vaccines.len(), 17);
}

#[test]
fn debug_hides_personal_dates() {
    let h = first_year();
    let e = evaluate(&h, d("2025-04-20"));
    for text in [format!("{h:?}"), format!("{e:?}")] {
        assert!(!text.contains("2024-04-15"), "{text}");
        assert!(!text.contains("2024-06-15"), "{text}");
        assert!(!text.contains("2025-04"), "{text}");
    }
}

#[test]
fn reasons_round_trip_codes_and_rules() {
    for r in Reason::ALL {
        assert_eq!(
            rules::reason_rule(r).code,
            format!("immunization.dose.{}", r.code())
        );
        assert!(!(r.is_note() && r.uncounts()));
    }
}

/// Pseudo-random histories with extreme dates never panic.
#[test]
fn no_panics_on_extreme_histories() {
    let dates = [
        NaiveDate::MIN,
        NaiveDate::MAX,
        d("0001-01-01"),
        d("1900-02-28"),
        d("2000-02-29"),
        d("2024-02-29"),
        d("2024-03-31"),
        d("2024-12-31"),
        d("9999-12-31"),
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % 1_000_003).unwrap()
    };
    let codes = [
        ConditionCode::LongTermIllness,
        ConditionCode::Pregnancy,
        ConditionCode::SevereDisability,
        ConditionCode::HivImmuneDisability,
        ConditionCode::DiseaseHistory,
    ];
    for _ in 0..3_000 {
        let pick = |n: usize| {
            dates[n % dates.len()]
                .checked_add_days(chrono::Days::new((n % 400) as u64))
                .unwrap_or(NaiveDate::MAX)
        };
        let birth = pick(next());
        let doses = (0..next() % 8)
            .map(|_| {
                let v = VaccineId::ALL[next() % 17];
                let products = vaccine(v).products;
                let product = (next() % 3 == 0 && !products.is_empty())
                    .then(|| products[next() % products.len()].id.to_owned());
                Dose {
                    vaccine: v,
                    product,
                    date: pick(next()),
                }
            })
            .collect();
        let conditions = (0..next() % 3)
            .map(|_| Condition {
                code: codes[next() % codes.len()],
                vaccines: vec![],
                resolved: Some(pick(next())),
                lmp: Some(pick(next())),
                due_date: None,
            })
            .collect();
        let h = History {
            birth_date: birth,
            sex: None,
            doses,
            conditions,
        };
        let e = evaluate(&h, pick(next()));
        assert_eq!(e.vaccines.len(), 17);
        let _ = serde_json::to_string(&e).unwrap();
    }
}

// ---------------------------------------------------------------------------
// Questionnaire.

fn answers_all_no() -> serde_json::Value {
    json!({"readLeaflet": true, "unwellToday": false, "illnessLastMonth": false, "infectionContact": false,
        "vaccinationLastMonth": false, "underlyingDisease": false, "convulsions": false, "allergy": false,
        "previousReaction": false, "familyReaction": false, "familyImmunodeficiency": false,
        "transfusion": false, "anaphylaxis": false})
}

fn questionnaire() -> serde_json::Value {
    json!({"vaccine": "mr", "date": "2025-04-20", "birthDate": "2024-04-15", "dose": "stage1",
        "bodyTemperature": 36.6, "answers": answers_all_no(), "companion": "guardian",
        "consent": {"signer": "guardian", "wantsVaccination": true}, "doctorJudgement": "proceed"})
}

#[test]
fn questionnaire_valid_and_fever_threshold() {
    let opts = QuestionnaireOptions::default();
    let q = questionnaire();
    assert!(
        validate_questionnaire(&q, &opts).issues().is_empty(),
        "{:?}",
        validate_questionnaire(&q, &opts)
    );
    let mut q = questionnaire();
    q["bodyTemperature"] = json!(37.5);
    assert!(validate_questionnaire(&q, &opts)
        .has_at("immunization.questionnaire.fever", "/bodyTemperature"));
    let strict = QuestionnaireOptions {
        fever_inclusive: false,
        ..opts
    };
    assert!(validate_questionnaire(&q, &strict).is_ok());
    q["bodyTemperature"] = json!(37.4);
    assert!(validate_questionnaire(&q, &opts).is_ok());
    let lower = QuestionnaireOptions {
        fever_threshold_c: 37.0,
        ..opts
    };
    assert!(!validate_questionnaire(&q, &lower).is_ok());
    // Fever and the doctor postponed: a consistent record of no vaccination.
    q["bodyTemperature"] = json!(38.2);
    q["doctorJudgement"] = json!("postpone");
    let r = validate_questionnaire(&q, &opts);
    assert!(r.is_ok() && r.has("immunization.questionnaire.postponed"));
    q["bodyTemperature"] = json!(3.0);
    assert!(validate_questionnaire(&q, &opts).has("immunization.questionnaire.temperature_range"));
}

#[test]
fn questionnaire_yes_needs_judgement() {
    let opts = QuestionnaireOptions::default();
    let mut q = questionnaire();
    q["answers"]["convulsions"] = json!(true);
    assert!(validate_questionnaire(&q, &opts).is_ok());
    q.as_object_mut().unwrap().remove("doctorJudgement");
    assert!(validate_questionnaire(&q, &opts).has_at(
        "immunization.questionnaire.judgement_required",
        "/doctorJudgement"
    ));
    let mut q = questionnaire();
    q["answers"]["anaphylaxis"] = json!(true);
    let r = validate_questionnaire(&q, &opts);
    assert!(r.is_ok() && r.has("immunization.questionnaire.exclusion_yes"));
    // Vaccine-specific questions are required for their vaccine.
    let mut q = questionnaire();
    q["vaccine"] = json!("rota");
    assert!(validate_questionnaire(&q, &opts)
        .has_at("immunization.required", "/answers/intussusception"));
    q["answers"]["intussusception"] = json!(false);
    q["answers"]["typo"] = json!(false);
    let r = validate_questionnaire(&q, &opts);
    assert!(r.is_ok() && r.has_at("immunization.unknown_field", "/answers/typo"));
}

#[test]
fn questionnaire_consent_by_age() {
    let opts = QuestionnaireOptions::default();
    let mut q = questionnaire();
    q.as_object_mut().unwrap().remove("consent");
    assert!(validate_questionnaire(&q, &opts).has("immunization.questionnaire.consent_required"));
    let mut q = questionnaire();
    q["consent"]["wantsVaccination"] = json!(false);
    assert!(validate_questionnaire(&q, &opts).has("immunization.questionnaire.consent_declined"));
    let mut q = questionnaire();
    q["companion"] = json!("none");
    assert!(validate_questionnaire(&q, &opts).has("immunization.questionnaire.companion_required"));
    // 14-year-old (HPV) alone: needs consent signed in advance.
    let mut q = questionnaire();
    q["vaccine"] = json!("hpv");
    q["birthDate"] = json!("2010-06-01");
    q["date"] = json!("2025-01-10");
    q["companion"] = json!("none");
    assert!(validate_questionnaire(&q, &opts)
        .has("immunization.questionnaire.advance_consent_required"));
    q["consent"]["signedInAdvance"] = json!(true);
    assert!(validate_questionnaire(&q, &opts).is_ok());
    q["consent"]["signer"] = json!("self");
    assert!(validate_questionnaire(&q, &opts).has("immunization.questionnaire.consent_required"));
    // 16 and over sign themselves.
    q["birthDate"] = json!("2008-06-01");
    assert!(validate_questionnaire(&q, &opts).is_ok());
}

// ---------------------------------------------------------------------------
// Record.

fn record() -> serde_json::Value {
    json!({"person": {"birthDate": "2022-05-10", "sex": "1"}, "municipalityCode": "131016",
        "vaccine": "je", "manufacturer": "KMバイオロジクス", "lotNumber": "JR123", "dose": "primary1",
        "date": "2025-04-20", "institutionCode": "3618010015", "doctor": "医師", "site": "left-upper-arm",
        "route": "subcutaneous", "volumeMl": 0.25, "routine": true, "previousDoses": []})
}

fn today() -> RecordOptions {
    RecordOptions {
        today: Some(d("2025-05-01")),
    }
}

#[test]
fn record_valid_volume_route_dates() {
    let r = validate_record(&record(), &today());
    assert!(r.issues().is_empty(), "{r:?}");
    // JE 0.25 mL under 3 years (3歳 = 2025-05-09), 0.5 mL from 3.
    let mut x = record();
    x["volumeMl"] = json!(0.5);
    x["person"]["birthDate"] = json!("2022-04-21"); // reaches 3 on 2025-04-20
    assert!(validate_record(&x, &today()).is_ok());
    x["volumeMl"] = json!(0.25);
    assert!(validate_record(&x, &today()).has_at("immunization.record.volume", "/volumeMl"));
    let mut x = record();
    x["route"] = json!("intramuscular");
    assert!(validate_record(&x, &today()).has_at("immunization.record.route", "/route"));
    let mut x = record();
    x["date"] = json!("2025-05-02");
    assert!(validate_record(&x, &today()).has_at("immunization.record.future_date", "/date"));
    x["date"] = json!("2022-04-09");
    assert!(validate_record(&x, &today()).has_at("immunization.record.before_birth", "/date"));
    let mut x = record();
    x["institutionCode"] = json!("3618010016");
    x["municipalityCode"] = json!("131017");
    let r = validate_record(&x, &today());
    assert!(
        r.has("ids.institution.check_digit")
            || r.issues().iter().any(|i| i.path == "/institutionCode"),
        "{r:?}"
    );
    assert!(r.issues().iter().any(|i| i.path == "/municipalityCode"));
}

#[test]
fn record_routine_against_previous_doses() {
    let mut x = record();
    x["dose"] = json!("primary2");
    x["previousDoses"] = json!([{"vaccine": "je", "date": "2025-04-15"}]);
    let r = validate_record(&x, &today());
    assert!(r.has_at("immunization.dose.too_soon", "/date"), "{r:?}");
    assert!(r.has_at("immunization.record.not_routine", "/routine"));
    x["routine"] = json!(false);
    let r = validate_record(&x, &today());
    assert!(r.is_ok() && r.has("immunization.dose.too_soon"));
    x["previousDoses"] = json!([{"vaccine": "je", "date": "2025-04-13"}]);
    x["routine"] = json!(true);
    assert!(validate_record(&x, &today()).issues().is_empty());
    x["dose"] = json!("booster");
    assert!(validate_record(&x, &today()).has_at("immunization.record.dose_mismatch", "/dose"));
}

#[test]
fn messages_registered_and_validate() {
    let reg = crate::messages::validate(
        "immunization.record.register",
        &json!({"records": [record()]}),
    )
    .unwrap();
    // "today" is the system date here, so only shape issues can appear for a past record.
    assert!(reg.is_ok(), "{reg:?}");
    let sub = crate::messages::validate(
        "immunization.questionnaire.submit",
        &json!({"questionnaire": questionnaire()}),
    )
    .unwrap();
    assert!(sub.is_ok(), "{sub:?}");
    assert!(
        crate::messages::validate("immunization.record", &json!({})).is_some_and(|r| !r.is_ok())
    );
    assert!(
        crate::messages::validate("immunization.questionnaire", &json!([]))
            .is_some_and(|r| r.has("immunization.not_object"))
    );
    assert!(
        crate::messages::validate("immunization.record.register", &json!({"records": []}))
            .unwrap()
            .has("immunization.register.empty")
    );
}

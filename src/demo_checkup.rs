//! The checkup story of `pmh demo`: the 3〜4か月児健診. The municipality
//! issues the voucher (受診券) through the hub, the guardian's questionnaire
//! (問診票) reaches the clinic through the hub, and the clinic sends the result
//! back to the municipality, which derives age, Kaup index and growth bands.

use crate::demo::Story;
use crate::demo_subsidy::{receive, send, trust_of, Party};
use pmh_core::checkup::{assess_result, CheckupOptions};
use pmh_core::envelope::ReplayGuard;
use serde_json::Value;

const VOUCHERS: &str = include_str!("../samples/checkup/vouchers-issue.json");
const QUESTIONNAIRE: &str = include_str!("../samples/checkup/questionnaire-3-4m.json");
const RESULTS: &str = include_str!("../samples/checkup/results-register.json");

fn parse(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("sample: {e}"))
}

/// Runs the story, recording each step.
pub fn run(story: &mut Story) -> Result<(), String> {
    let municipality = Party::new("municipality:131016")?;
    let hub = Party::new("hub:pmh")?;
    let clinic = Party::new("institution:1310000011")?;
    let hub_trust = trust_of(&[(&municipality, &["checkup.voucher.issue"])])?;
    let clinic_trust = trust_of(&[(&hub, &["checkup.questionnaire.submit"])])?;
    let municipality_trust = trust_of(&[(&clinic, &["checkup.result.register"])])?;
    let guard = ReplayGuard::new();
    story.section("母子保健 checkup: the 3〜4か月児健診");

    let vouchers = parse(VOUCHERS)?;
    let env = send(&municipality, &hub, "checkup.voucher.issue", &vouchers)?;
    let opened = receive(&env, &hub_trust, &hub, &guard)?;
    let count = opened["vouchers"].as_array().map_or(0, Vec::len);
    story.step(
        &municipality.id,
        "issue 受診券 (checkup.voucher.issue) → hub",
        &format!("{count} vouchers verified by the hub"),
        count > 0,
    );

    let questionnaire = parse(QUESTIONNAIRE)?;
    let env = send(
        &hub,
        &clinic,
        "checkup.questionnaire.submit",
        &questionnaire,
    )?;
    let opened = receive(&env, &clinic_trust, &clinic, &guard)?;
    story.step(
        &hub.id,
        "relay the guardian's 問診票 (checkup.questionnaire.submit) → clinic",
        &format!(
            "answers for {} received",
            opened["kind"].as_str().unwrap_or("?")
        ),
        opened["kind"] == "infant-3-4m",
    );

    let results = parse(RESULTS)?;
    let env = send(&clinic, &municipality, "checkup.result.register", &results)?;
    let opened = receive(&env, &municipality_trust, &municipality, &guard)?;
    let first = &opened["results"][0];
    let assessment = assess_result(first, &CheckupOptions::default());
    let derived = serde_json::to_value(&assessment.derived).map_err(|e| e.to_string())?;
    let bands: Vec<String> = derived["growth"]
        .as_array()
        .map(|g| {
            g.iter()
                .map(|b| {
                    format!(
                        "{} {}",
                        b["measure"].as_str().unwrap_or("?"),
                        b["band"].as_str().unwrap_or("?")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    story.step(
        &clinic.id,
        "send the result (checkup.result.register) → municipality",
        &format!(
            "age {} months, Kaup {}, growth: {}; judgement {}",
            derived["ageMonths"],
            derived["kaupIndex"],
            bands.join(", "),
            first["judgement"].as_str().unwrap_or("?"),
        ),
        assessment.report.is_ok() && assessment.derived.is_some(),
    );
    Ok(())
}

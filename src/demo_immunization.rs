//! The immunization story of `pmh demo`: a child's first year. The
//! guardian's 予診票 reaches the clinic through the hub, the clinic sends the
//! 接種記録 to the municipality, and the municipality's forecast (evaluated
//! with the Japanese routine schedule) shows what is due next.

use crate::demo::Story;
use crate::demo_subsidy::{receive, send, trust_of, Party};
use pmh_core::envelope::ReplayGuard;
use pmh_core::immunization::evaluate_json;
use serde_json::{json, Value};

const QUESTIONNAIRE: &str = include_str!("../samples/immunization/questionnaire.json");
const REGISTER: &str = include_str!("../samples/immunization/register.json");
const HISTORY: &str = include_str!("../samples/immunization/history-12m.json");

fn parse(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("sample: {e}"))
}

/// Runs the story, recording each step.
pub fn run(story: &mut Story) -> Result<(), String> {
    let municipality = Party::new("municipality:131016")?;
    let hub = Party::new("hub:pmh")?;
    let clinic = Party::new("institution:3618010015")?;
    let clinic_trust = trust_of(&[(&hub, &["immunization.questionnaire.submit"])])?;
    let municipality_trust = trust_of(&[(&clinic, &["immunization.record.register"])])?;
    let guard = ReplayGuard::new();
    story.section("予防接種 immunization: a child's first year");

    let questionnaire = json!({ "questionnaire": parse(QUESTIONNAIRE)? });
    let env = send(
        &hub,
        &clinic,
        "immunization.questionnaire.submit",
        &questionnaire,
    )?;
    let opened = receive(&env, &clinic_trust, &clinic, &guard)?;
    let q = &opened["questionnaire"];
    story.step(
        &hub.id,
        "relay the guardian's 予診票 (immunization.questionnaire.submit) → clinic",
        &format!(
            "{} {}: {}°C, doctor: {}",
            q["vaccine"].as_str().unwrap_or("?"),
            q["dose"].as_str().unwrap_or("?"),
            q["bodyTemperature"],
            q["doctorJudgement"].as_str().unwrap_or("?")
        ),
        q["doctorJudgement"] == "proceed",
    );

    // A fever on the day: the questionnaire can't be submitted as "proceed".
    let mut feverish = questionnaire.clone();
    feverish["questionnaire"]["bodyTemperature"] = json!(37.5);
    let refused = send(
        &hub,
        &clinic,
        "immunization.questionnaire.submit",
        &feverish,
    );
    story.step(
        &hub.id,
        "relay a 予診票 with 37.5°C and \"proceed\"",
        refused
            .as_ref()
            .err()
            .map_or("sealed (unexpected)", |c| c.as_str()),
        refused.is_err(),
    );

    let register = parse(REGISTER)?;
    let env = send(
        &clinic,
        &municipality,
        "immunization.record.register",
        &register,
    )?;
    let opened = receive(&env, &municipality_trust, &municipality, &guard)?;
    let count = opened["records"].as_array().map_or(0, Vec::len);
    story.step(
        &clinic.id,
        "send 接種記録 (immunization.record.register) → municipality",
        &format!("{count} record(s) verified and stored"),
        count > 0,
    );

    let history = parse(HISTORY)?;
    let as_of = "2025-04-15".parse().map_err(|_| "date")?;
    let evaluation = evaluate_json(&history, as_of)
        .map_err(|r| format!("history: {} errors", r.error_count()))?;
    let value = serde_json::to_value(&evaluation).map_err(|e| e.to_string())?;
    let due: Vec<String> = value["vaccines"]
        .as_array()
        .map(|vs| {
            vs.iter()
                .filter(|v| v["status"] == "due")
                .map(|v| {
                    format!(
                        "{} {} from {}",
                        v["vaccine"].as_str().unwrap_or("?"),
                        v["next"]["dose"].as_str().unwrap_or("?"),
                        v["next"]["earliest"].as_str().unwrap_or("?")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    story.step(
        &municipality.id,
        "forecast on the first birthday (2025-04-15)",
        &format!("due: {}", due.join("; ")),
        !due.is_empty(),
    );
    Ok(())
}

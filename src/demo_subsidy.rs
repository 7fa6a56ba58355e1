//! The subsidy story of `pmh demo`: a municipality registers certificates with
//! the hub; a clinic and a pharmacy get the certificate, check eligibility,
//! charge three visits against the monthly cap and report the ledger entries;
//! a forged and a replayed envelope are refused.

use crate::demo::Story;
use chrono::{Duration, Utc};
use pmh_core::envelope::{
    open, seal, Algorithm, OpenOptions, ParticipantId, ReplayGuard, SealOptions, SigningKey,
    TrustStore, TrustedKey,
};
use pmh_core::subsidy::copayment::{CopayRequest, Visit};
use pmh_core::subsidy::eligibility::{check_eligibility, Visit as EligibilityVisit};
use pmh_core::subsidy::ledger::{CapLedger, LedgerMonth, LedgerRecord};
use pmh_core::subsidy::{Certificate, Setting};
use serde_json::{json, Value};

const SAMPLE_CERTIFICATES: &str = include_str!("../samples/subsidy/certificates.json");

/// One party of the story, with its own key.
pub struct Party {
    pub id: ParticipantId,
    pub key: SigningKey,
}

impl Party {
    pub fn new(id: &str) -> Result<Party, String> {
        Ok(Party {
            id: ParticipantId::parse(id).map_err(|e| format!("participant: {e}"))?,
            key: SigningKey::generate(Algorithm::EdDSA).map_err(|e| format!("key: {e}"))?,
        })
    }
}

/// A trust store holding each party's key, valid from a day ago for a year,
/// optionally restricted to the message types it may send.
pub fn trust_of(parties: &[(&Party, &[&str])]) -> Result<TrustStore, String> {
    let now = Utc::now().fixed_offset();
    let mut trust = TrustStore::new();
    for (party, types) in parties {
        let key = TrustedKey::new(
            party.key.public_key().to_jwk(),
            now - Duration::days(1),
            now + Duration::days(365),
        )
        .map_err(|e| format!("trust: {e}"))?;
        trust
            .add_key(&party.id, key)
            .map_err(|e| format!("trust: {e}"))?;
        if !types.is_empty() {
            trust
                .allow_types(&party.id, types.iter().copied())
                .map_err(|e| format!("trust: {e}"))?;
        }
    }
    Ok(trust)
}

/// Seals `payload` from `from` to `to` for an hour (payload validated first).
pub fn send(
    from: &Party,
    to: &Party,
    message_type: &str,
    payload: &Value,
) -> Result<Vec<u8>, String> {
    let envelope = seal(
        payload,
        message_type,
        &from.id,
        &to.id,
        Duration::hours(1),
        &from.key,
        &SealOptions::default(),
    )
    .map_err(|e| e.code().to_string())?;
    Ok(envelope.to_json_bytes())
}

/// Opens an envelope addressed to `receiver`, with a replay guard.
pub fn receive(
    bytes: &[u8],
    trust: &TrustStore,
    receiver: &Party,
    guard: &ReplayGuard,
) -> Result<Value, String> {
    let options = OpenOptions {
        receiver: Some(&receiver.id),
        replay_guard: Some(guard),
        ..OpenOptions::default()
    };
    open(bytes, trust, &options)
        .map(|v| v.into_payload())
        .map_err(|e| e.code().to_string())
}

/// Runs the story, recording each step.
pub fn run(story: &mut Story) -> Result<(), String> {
    let municipality = Party::new("municipality:131016")?;
    let hub = Party::new("hub:pmh")?;
    let clinic = Party::new("institution:3618010015")?;
    let pharmacy = Party::new("institution:3648010019")?;
    let hub_trust = trust_of(&[
        (&municipality, &["subsidy.certificate.register"]),
        (
            &clinic,
            &["subsidy.eligibility.query", "subsidy.copayment.record"],
        ),
        (
            &pharmacy,
            &["subsidy.eligibility.query", "subsidy.copayment.record"],
        ),
    ])?;
    let institution_trust = trust_of(&[(&hub, &["subsidy.eligibility.result"])])?;
    let hub_guard = ReplayGuard::new();
    let clinic_guard = ReplayGuard::new();
    story.section("医療費助成 subsidy: certificates, eligibility, the monthly cap");

    // 1. The municipality registers its certificates; an invalid one can't even be sealed.
    let certificates: Vec<Value> =
        serde_json::from_str(SAMPLE_CERTIFICATES).map_err(|e| e.to_string())?;
    let (valid, invalid) = certificates.split_at(3);
    let refused = send(
        &municipality,
        &hub,
        "subsidy.certificate.register",
        &json!({"certificates": invalid}),
    );
    story.step(
        &municipality.id,
        "seal subsidy.certificate.register with an invalid certificate",
        refused
            .as_ref()
            .err()
            .map_or("sealed (unexpected)", |c| c.as_str()),
        refused.is_err(),
    );
    let register = send(
        &municipality,
        &hub,
        "subsidy.certificate.register",
        &json!({"certificates": valid}),
    )?;
    story.step(
        &municipality.id,
        "seal subsidy.certificate.register (3 certificates) → hub:pmh",
        "sealed",
        true,
    );
    let registered = receive(&register, &hub_trust, &hub, &hub_guard)?;
    let stored: Vec<Certificate> = serde_json::from_value(registered["certificates"].clone())
        .map_err(|e| format!("certificates: {e}"))?;
    story.step(
        &hub.id,
        "open, verify and validate the registration",
        &format!("{} certificates stored", stored.len()),
        true,
    );

    // 2. The clinic asks for the 指定難病 certificate at the first visit.
    let cert = &stored[0];
    let query = json!({
        "medicalSubsidyInsurerNumber": cert.medical_subsidy_insurer_number,
        "medicalSubsidyRecipientNumber": cert.medical_subsidy_recipient_number,
        "visit": {"date": "2024-05-02", "institutionCode": "3618010015", "setting": "outpatient"}
    });
    let query_env = send(&clinic, &hub, "subsidy.eligibility.query", &query)?;
    let q = receive(&query_env, &hub_trust, &hub, &hub_guard)?;
    let visit: EligibilityVisit =
        serde_json::from_value(q["visit"].clone()).map_err(|e| format!("visit: {e}"))?;
    let decision = check_eligibility(cert, &visit);
    let mut result = serde_json::to_value(&decision).map_err(|e| e.to_string())?;
    result["medicalSubsidyInsurerNumber"] = q["medicalSubsidyInsurerNumber"].clone();
    result["medicalSubsidyRecipientNumber"] = q["medicalSubsidyRecipientNumber"].clone();
    result["certificate"] = serde_json::to_value(cert).map_err(|e| e.to_string())?;
    let result_env = send(&hub, &clinic, "subsidy.eligibility.result", &result)?;
    let answer = receive(&result_env, &institution_trust, &clinic, &clinic_guard)?;
    story.step(
        &clinic.id,
        "eligibility query → hub; open the signed result",
        &format!(
            "eligible={} settlement={}",
            answer["eligible"],
            answer["settlement"].as_str().unwrap_or("?")
        ),
        answer["eligible"] == true,
    );
    let certificate: Certificate = serde_json::from_value(answer["certificate"].clone())
        .map_err(|e| format!("certificate: {e}"))?;

    // 3. Three visits in May at two institutions, charged against the 10,000円 cap.
    let month = LedgerMonth::new(2024, 5).ok_or("month")?;
    let payer = certificate
        .medical_subsidy_insurer_number
        .parse()
        .map_err(|_| "payer number")?;
    let mut ledger = CapLedger::for_rule(payer, month, &certificate.max_copayment_amount)
        .map_err(|e| e.code().to_string())?;
    let visits = [
        ("v-001", "2024-05-02", &clinic, Setting::Outpatient, 2_000),
        ("v-002", "2024-05-10", &pharmacy, Setting::Pharmacy, 2_500),
        ("v-003", "2024-05-20", &clinic, Setting::Outpatient, 2_500),
    ];
    let mut last_record = None;
    for (id, date, party, setting, points) in visits {
        let code = party.id.as_str().trim_start_matches("institution:");
        let request = CopayRequest {
            visit: Visit {
                id: id.into(),
                date: date.parse().map_err(|_| "date")?,
                institution_code: code.parse().map_err(|_| "institution code")?,
                setting,
                points,
                insurance_copay_percent: 30,
                meal_cost: 0,
            },
            certificates: vec![certificate.clone()],
            ledgers: vec![ledger.clone()],
            keep_order: false,
        };
        let split = request.compute().map_err(|e| e.code().to_string())?;
        for record in &split.ledger_entries {
            let payload = serde_json::to_value(record).map_err(|e| e.to_string())?;
            let env = send(party, &hub, "subsidy.copayment.record", &payload)?;
            let opened = receive(&env, &hub_trust, &hub, &hub_guard)?;
            let rec: LedgerRecord =
                serde_json::from_value(opened).map_err(|e| format!("record: {e}"))?;
            ledger.apply(&rec).map_err(|e| e.code().to_string())?;
            last_record = Some(env);
        }
        story.step(
            &party.id,
            &format!("{date} {points}点: copayment, record → hub"),
            &format!(
                "10割 {}円, insurer {}円, 公費 {}円, patient pays {}円 (month total {}円 of {}円)",
                split.total_cost,
                split.insurer_pays,
                split.public_payers.iter().map(|p| p.pays).sum::<i64>(),
                split.patient_pays,
                ledger.total_charged(),
                certificate.max_copayment_amount.monthly_cap.unwrap_or(0),
            ),
            true,
        );
    }

    // 4. A forged record (amount changed after signing) and a replayed one are refused.
    let replay = last_record.ok_or("no record")?;
    let forged = String::from_utf8_lossy(&replay)
        .replacen("\"charged\":1000", "\"charged\":0", 1)
        .into_bytes();
    let forged_result = receive(&forged, &hub_trust, &hub, &hub_guard);
    story.step(
        &hub.id,
        "open a forged copayment record",
        forged_result.as_ref().err().map_or("accepted!", |c| c),
        forged_result.is_err(),
    );
    let replayed = receive(&replay, &hub_trust, &hub, &hub_guard);
    story.step(
        &hub.id,
        "open the last record a second time",
        replayed.as_ref().err().map_or("accepted!", |c| c),
        replayed.is_err(),
    );
    Ok(())
}

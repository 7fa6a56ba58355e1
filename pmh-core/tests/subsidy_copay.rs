//! End-to-end copayment flow as `pmh subsidy copay VISIT.json` and the hub
//! see it: JSON in, JSON out, ledger records exchanged between institutions.

use pmh_core::subsidy::copayment::{CopayRequest, CopayResult};
use pmh_core::subsidy::ledger::{CapLedger, LedgerRecord};
use serde_json::{json, Value};

const CLINIC: &str = "1310000011";
const PHARMACY: &str = "1341234563";

fn nanbyo_certificate() -> Value {
    json!({
        "orgSpecificCertificateTypeId": "NANBYO01", "myNumber": "983205673214",
        "basicFiveInfo": {"name": "山田 花子", "nameKana": "ヤマダ ハナコ",
            "address": "東京都千代田区", "dateOfBirth": "1980-04-01", "sex": "2"},
        "medicalSubsidyInsurerNumber": "54136015",
        "certificationName": "特定医療費(指定難病)受給者証",
        "medicalSubsidyRecipientNumber": "1234566", "isAlwaysReimbursement": "0",
        "incomeSegment": "一般所得I",
        "maxCopaymentAmount": {"monthlyCap": 10000, "copayRatePercent": 20},
        "validFrom": "2024-04-01", "validTo": "2025-03-31", "certificationDetail": []
    })
}

fn copay(visit: Value, ledger: Option<&CapLedger>) -> CopayResult {
    let mut request = json!({"visit": visit, "certificates": [nanbyo_certificate()]});
    if let Some(l) = ledger {
        request["ledgers"] = json!([l]);
    }
    let request: CopayRequest = serde_json::from_value(request).unwrap();
    let result = request.compute().unwrap();
    // output JSON round-trips
    let out = serde_json::to_value(&result).unwrap();
    assert_eq!(serde_json::from_value::<CopayResult>(out).unwrap(), result);
    result
}

/// Each institution keeps its own copy of the 管理票 and learns the others'
/// entries from `subsidy.copayment.record` messages (JSON), in any order.
#[test]
fn two_institutions_exchange_records() {
    // Clinic, 05-07: 3,000 点 → 30,000; 3割 9,000; 2割 6,000.
    let r1 = copay(
        json!({"id": "c-0507", "date": "2024-05-07", "institutionCode": CLINIC,
               "setting": "outpatient", "points": 3000, "insuranceCopayPercent": 30}),
        None,
    );
    assert_eq!(r1.patient_pays, 6000);
    let wire: Vec<String> = r1
        .ledger_entries
        .iter()
        .map(|r| serde_json::to_string(r).unwrap())
        .collect();

    // The pharmacy received the clinic's record through the hub.
    let mut pharmacy_ledger: CapLedger = serde_json::from_value(json!({
        "payerNumber": "54136015", "month": "2024-05", "cap": 10000}))
    .unwrap();
    for msg in &wire {
        let rec: LedgerRecord = serde_json::from_str(msg).unwrap();
        assert!(pharmacy_ledger.apply(&rec).unwrap());
        assert!(
            !pharmacy_ledger.apply(&rec).unwrap(),
            "re-delivery is a no-op"
        );
    }
    // Pharmacy, 05-07: 1,500 点 → 15,000; 2割 3,000.
    let r2 = copay(
        json!({"id": "p-0507", "date": "2024-05-07", "institutionCode": PHARMACY,
               "setting": "pharmacy", "points": 1500, "insuranceCopayPercent": 30}),
        Some(&pharmacy_ledger),
    );
    assert_eq!(r2.patient_pays, 3000);
    assert_eq!(r2.public_payers[0].cap_remaining, Some(1000));
    for rec in &r2.ledger_entries {
        pharmacy_ledger.apply(rec).unwrap();
    }

    // Clinic, 05-21, with only its own entry plus the pharmacy's record:
    // 2,000 点 → 20,000; 2割 4,000 → capped at 1,000 (subsidy.md §4.3).
    let mut clinic_ledger: CapLedger = serde_json::from_value(json!({
        "payerNumber": "54136015", "month": "2024-05", "cap": 10000}))
    .unwrap();
    for rec in r2.ledger_entries.iter().chain(&r1.ledger_entries) {
        clinic_ledger.apply(rec).unwrap();
    }
    assert_eq!(clinic_ledger, pharmacy_ledger);
    let r3 = copay(
        json!({"id": "c-0521", "date": "2024-05-21", "institutionCode": CLINIC,
               "setting": "outpatient", "points": 2000, "insuranceCopayPercent": 30}),
        Some(&clinic_ledger),
    );
    assert_eq!((r3.patient_pays, r3.public_payers[0].pays), (1000, 5000));
    let entry = &r3.ledger_entries[0].entry;
    assert_eq!(
        (entry.copay_due, entry.charged, entry.cumulative),
        (4000, 1000, 10_000)
    );

    // Both copies converge to the same JSON whatever the merge order.
    let mut a = clinic_ledger.clone();
    a.apply(&r3.ledger_entries[0]).unwrap();
    let mut b = CapLedger::new(a.payer_number(), a.month(), a.caps()).unwrap();
    for rec in a.records().into_iter().rev() {
        b.apply(&rec).unwrap();
    }
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    assert_eq!(a.total_charged(), 10_000);
}

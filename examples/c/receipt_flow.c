/*
 * receipt_flow.c: a receipt computer (レセコン) at a clinic, through libpmh.
 *
 *   1. load the hub's trust store and open the hub's envelope carrying a
 *      certificate (受給者証, message subsidy.certificate.register);
 *   2. check the certificate's eligibility at today's visit;
 *   3. compute the copayment (自己負担額) with this month's cap ledger
 *      (自己負担上限額管理票), on which a pharmacy already recorded a charge;
 *   4. charge the ledger with the computed entry;
 *   5. seal the entry as a subsidy.copayment.record envelope with the
 *      clinic's key for the hub (and, playing the hub, open it again).
 *
 * It runs standalone: it generates the hub's key, seals the register
 * envelope itself in the hub's role and builds both trust stores from the
 * keys' kid and JWK. The certificate is the first sample of
 * samples/subsidy/certificates.json, built in, or the first element of the
 * JSON array (or the object) in the file given as the first argument.
 *
 * Build and run (from the repository root; see also examples/c/Makefile):
 *
 *   cargo build -p pmh-ffi
 *   cc -std=c99 -Wall -Wextra -pedantic -Iinclude -o target/receipt_flow \
 *      examples/c/receipt_flow.c target/debug/libpmh.a -lpthread -ldl -lm
 *   target/receipt_flow [samples/subsidy/certificates.json]
 *
 * or: make -C examples/c run
 *
 * With an installed libpmh: cc receipt_flow.c $(pkg-config --cflags --libs pmh).
 * Exit status 0 when the whole flow succeeded. Nothing personal (names,
 * numbers of the certificate) is printed.
 */
#include "pmh.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first sample certificate (samples/subsidy/certificates.json). */
static const char SAMPLE_CERTIFICATE[] =
    "{\"orgSpecificCertificateTypeId\":\"NANBYO54\",\"myNumber\":\"983205673214\","
    "\"basicFiveInfo\":{\"name\":\"見本 花子\",\"nameKana\":\"ミホン　ハナコ\","
    "\"address\":\"徳島県徳島市見本町1-1\",\"dateOfBirth\":\"1980-02-29\",\"sex\":\"2\"},"
    "\"isNotDisclosed\":\"0\",\"medicalSubsidyInsurerNumber\":\"54136015\","
    "\"certificationName\":\"特定医療費（指定難病）受給者証\","
    "\"medicalSubsidyRecipientNumber\":\"1234566\",\"segment\":\"一般\",\"incomeSegment\":\"一般所得I\","
    "\"designatedMedicalInstitutions\":[{\"institutionCode\":\"3618010015\",\"name\":\"見本大学病院\"},"
    "{\"institutionCode\":\"3648010019\",\"name\":\"見本薬局\"}],"
    "\"isAlwaysReimbursement\":\"0\",\"maxCopaymentAmount\":{\"copayRatePercent\":20,\"monthlyCap\":10000},"
    "\"validFrom\":\"2024-04-01\",\"validTo\":\"2025-03-31\",\"isDeleted\":\"0\","
    "\"certificationDetail\":[{\"label\":\"階層区分\",\"value\":\"一般所得I\"}]}";

#define HUB "hub:pmh"
#define CLINIC "institution:3618010015"
#define MONTH "2024-05"
#define VISIT_DATE "2024-05-20"

/* (pointer, length) of a NUL-terminated string, as pmh takes text. */
#define TXT(s) (const uint8_t *)(s), strlen(s)

/* Runs a pmh call; on failure prints why (status and stable code, never
   data) and jumps to `done`. */
#define TRY(call)                                                                  \
  do {                                                                             \
    pmh_status try_status_ = (call);                                               \
    if (try_status_ != PMH_OK) {                                                   \
      report_failure(#call, try_status_);                                          \
      goto done;                                                                   \
    }                                                                              \
  } while (0)

static void report_failure(const char *what, pmh_status status) {
  char *detail = NULL;
  size_t len = 0, line = 0, column = 0;
  (void)pmh_last_error_message(&detail, &len);
  (void)pmh_last_error_position(&line, &column);
  fprintf(stderr, "receipt_flow: %s failed: %s (%s)", what, pmh_status_message(status),
          detail ? detail : "");
  if (line != 0) {
    fprintf(stderr, " at line %zu, column %zu", line, column);
  }
  fputc('\n', stderr);
  pmh_string_free(detail);
}

/* A new string made like printf (free it with free()), or NULL. */
static char *format(const char *fmt, ...) {
  va_list ap, copy;
  int n;
  char *s;
  va_start(ap, fmt);
  va_copy(copy, ap);
  n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  s = n < 0 ? NULL : malloc((size_t)n + 1);
  if (s != NULL) {
    vsnprintf(s, (size_t)n + 1, fmt, ap);
  }
  va_end(ap);
  return s;
}

/* The whole file (free it with free()), or NULL. */
static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t len = 0, cap = 0, n;
  if (f == NULL) {
    return NULL;
  }
  do {
    if (cap - len < 4096) {
      char *bigger = realloc(buf, cap + 65536);
      if (bigger == NULL) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = bigger;
      cap += 65536;
    }
    n = fread(buf + len, 1, cap - len - 1, f);
    len += n;
  } while (n > 0);
  fclose(f);
  buf[len] = '\0';
  return buf;
}

/* The value at `pointer` in `json` as a new string from pmh (pmh_string_free). */
static pmh_status get(const char *json, const char *pointer, char **out) {
  size_t len;
  return pmh_json_get(TXT(json), TXT(pointer), out, &len);
}

/* A trust store trusting `key` for participant `id` sending `type`. */
static pmh_status trust_store_for(const pmh_signing_key *key, const char *id, const char *type,
                                  pmh_trust_store **out) {
  char *kid = NULL, *jwk = NULL, *json = NULL;
  size_t len;
  pmh_status s = pmh_signing_key_kid(key, &kid, &len);
  if (s == PMH_OK) {
    s = pmh_signing_key_public_jwk(key, &jwk, &len);
  }
  if (s == PMH_OK) {
    json = format("{\"participants\":[{\"id\":\"%s\",\"types\":[\"%s\"],\"keys\":[{\"kid\":\"%s\","
                  "\"alg\":\"EdDSA\",\"jwk\":%s,\"notBefore\":\"2000-01-01T00:00:00Z\","
                  "\"notAfter\":\"2100-01-01T00:00:00Z\"}]}]}",
                  id, type, kid, jwk);
    s = json ? pmh_trust_store_from_json(TXT(json), out) : PMH_INTERNAL_ERROR;
  }
  free(json);
  pmh_string_free(kid);
  pmh_string_free(jwk);
  return s;
}

int main(int argc, char **argv) {
  int ok = 0;
  size_t len;
  char *file = NULL, *certificate = NULL, *register_payload = NULL, *visit = NULL;
  char *request = NULL, *pharmacy_record = NULL;
  char *register_envelope = NULL, *opened = NULL, *received = NULL, *eligibility = NULL;
  char *eligible = NULL, *settlement = NULL, *empty_ledger = NULL, *ledger = NULL;
  char *copay = NULL, *patient_pays = NULL, *record = NULL, *charged = NULL, *new_ledger = NULL;
  char *cumulative = NULL, *record_envelope = NULL, *at_hub = NULL;
  const char *cert_text = SAMPLE_CERTIFICATE;
  pmh_signing_key *hub_key = NULL, *clinic_key = NULL;
  pmh_trust_store *clinic_trust = NULL, *hub_trust = NULL;
  pmh_replay_guard *clinic_guard = NULL, *hub_guard = NULL;

  printf("libpmh %s\n", pmh_version());

  /* The certificate: built in, or the first of a file's array. */
  if (argc > 1) {
    const char *p;
    file = read_file(argv[1]);
    if (file == NULL) {
      fprintf(stderr, "receipt_flow: cannot read %s\n", argv[1]);
      goto done;
    }
    for (p = file; *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'; p++) {
    }
    if (*p == '[') {
      TRY(get(file, "/0", &certificate));
      cert_text = certificate;
    } else {
      cert_text = file;
    }
  }

  /* --- The hub's side (played here so that the example runs alone) --- */
  TRY(pmh_signing_key_generate(PMH_ALGORITHM_EDDSA, &hub_key));
  register_payload = format("{\"certificates\":[%s]}", cert_text);
  if (register_payload == NULL) {
    goto done;
  }
  TRY(pmh_envelope_seal(hub_key, TXT("subsidy.certificate.register"), TXT(HUB), TXT(CLINIC),
                        TXT(register_payload), 3600, 0, &register_envelope, &len));
  printf("hub: sealed subsidy.certificate.register (%zu bytes)\n", len);

  /* --- The clinic --- */
  /* 1. Trust the hub for certificate registrations; open its envelope. */
  TRY(trust_store_for(hub_key, HUB, "subsidy.certificate.register", &clinic_trust));
  TRY(pmh_replay_guard_new(0, &clinic_guard));
  TRY(pmh_envelope_open(clinic_trust, clinic_guard, TXT(CLINIC), TXT(register_envelope), 0,
                        &opened, &len));
  TRY(get(opened, "/envelope/payload/certificates/0", &received));
  printf("clinic: opened the hub's envelope: signature, expiry, recipient and payload verified\n");

  /* 2. Eligibility at today's visit. */
  visit = format("{\"date\":\"%s\",\"institutionCode\":\"3618010015\",\"setting\":\"outpatient\"}",
                 VISIT_DATE);
  if (visit == NULL) {
    goto done;
  }
  TRY(pmh_subsidy_eligibility(TXT(received), TXT(visit), &eligibility, &len));
  TRY(get(eligibility, "/eligible", &eligible));
  TRY(get(eligibility, "/settlement", &settlement));
  printf("clinic: eligible %s, settlement %s\n", eligible, settlement);
  if (strcmp(eligible, "true") != 0 || strcmp(settlement, "\"window\"") != 0) {
    printf("clinic: the subsidy does not apply at the window: the patient pays the insurance "
           "copay (reasons: %s)\n",
           eligibility);
    ok = 1;
    goto done;
  }

  /* 3. This month's ledger: the certificate's caps, and a pharmacy's charge
     received from the hub. Then the copayment of the visit with it. */
  TRY(pmh_cap_ledger_new(TXT(received), TXT(MONTH), &empty_ledger, &len));
  TRY(get(empty_ledger, "/payerNumber", &charged));
  pharmacy_record = format("{\"payerNumber\":%s,\"month\":\"%s\",\"entry\":{\"id\":\"rx-0502\","
                           "\"date\":\"%s-02\",\"institutionCode\":\"3648010019\","
                           "\"setting\":\"pharmacy\",\"totalCost\":35000,\"copayDue\":7000,"
                           "\"charged\":7000}}",
                           charged, MONTH, MONTH);
  pmh_string_free(charged);
  charged = NULL;
  if (pharmacy_record == NULL) {
    goto done;
  }
  TRY(pmh_cap_ledger_add_record(TXT(empty_ledger), TXT(pharmacy_record), &ledger, &len));
  printf("clinic: ledger %s before the visit: %s\n", MONTH, ledger);

  request = format("{\"visit\":{\"id\":\"v-0520-001\",\"date\":\"%s\","
                   "\"institutionCode\":\"3618010015\",\"setting\":\"outpatient\",\"points\":2500,"
                   "\"insuranceCopayPercent\":30},\"certificates\":[%s],\"ledgers\":[%s]}",
                   VISIT_DATE, received, ledger);
  if (request == NULL) {
    goto done;
  }
  TRY(pmh_subsidy_copayment(TXT(request), &copay, &len));
  TRY(get(copay, "/patientPays", &patient_pays));
  printf("clinic: 2,500 points at 3割: the patient pays %s yen (split: %s)\n", patient_pays, copay);

  /* 4. Charge the ledger with the computed entry (as computed: the cap was
     applied above; pmh_cap_ledger_charge caps an uncapped entry instead). */
  TRY(get(copay, "/ledgerEntries/0", &record));
  TRY(pmh_cap_ledger_add_record(TXT(ledger), TXT(record), &new_ledger, &len));
  TRY(get(record, "/entry/charged", &charged));
  TRY(get(new_ledger, "/entries/1/cumulative", &cumulative));
  printf("clinic: charged %s yen; month total %s yen\n", charged, cumulative);

  /* 5. Report the charge to the hub: seal it with the clinic's key. */
  TRY(pmh_signing_key_generate(PMH_ALGORITHM_EDDSA, &clinic_key));
  TRY(pmh_envelope_seal(clinic_key, TXT("subsidy.copayment.record"), TXT(CLINIC), TXT(HUB),
                        TXT(record), 3600, 0, &record_envelope, &len));
  printf("clinic: sealed subsidy.copayment.record for %s (%zu bytes)\n", HUB, len);

  /* --- The hub again: it trusts the clinic's key for copayment records --- */
  TRY(trust_store_for(clinic_key, CLINIC, "subsidy.copayment.record", &hub_trust));
  TRY(pmh_replay_guard_new(0, &hub_guard));
  TRY(pmh_envelope_open(hub_trust, hub_guard, TXT(HUB), TXT(record_envelope), 0, &at_hub, &len));
  printf("hub: accepted the copayment record\n");
  ok = 1;

done:
  pmh_string_free(at_hub);
  pmh_string_free(record_envelope);
  pmh_string_free(cumulative);
  pmh_string_free(new_ledger);
  pmh_string_free(charged);
  pmh_string_free(record);
  pmh_string_free(patient_pays);
  pmh_string_free(copay);
  pmh_string_free(ledger);
  pmh_string_free(empty_ledger);
  pmh_string_free(settlement);
  pmh_string_free(eligible);
  pmh_string_free(eligibility);
  pmh_string_free(received);
  pmh_string_free(opened);
  pmh_string_free(register_envelope);
  pmh_string_free(certificate);
  free(request);
  free(pharmacy_record);
  free(visit);
  free(register_payload);
  free(file);
  pmh_replay_guard_free(hub_guard);
  pmh_replay_guard_free(clinic_guard);
  pmh_trust_store_free(hub_trust);
  pmh_trust_store_free(clinic_trust);
  pmh_signing_key_free(clinic_key);
  pmh_signing_key_free(hub_key);
  if (!ok) {
    fprintf(stderr, "receipt_flow: FAILED\n");
    return 1;
  }
  printf("receipt_flow: OK\n");
  return 0;
}

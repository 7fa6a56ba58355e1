/*
 * C tests of libpmh: every export through its success and failure paths
 * (NULL for every pointer parameter, invalid UTF-8, wrong lengths, buffers
 * too small), checking that out-parameters are written only on PMH_OK and
 * that every returned string is freed (run under valgrind by run.sh).
 *
 * Built with -std=c99 -Wall -Wextra -Werror -pedantic, linked statically and
 * dynamically. Define PMH_TEST_PANIC (library built with the cargo feature
 * test-panic) to test the panic boundary too.
 */
#include "pmh.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* (pointer, length) of a C string literal, as pmh takes text. */
#define TXT(s) (const uint8_t *)(s), strlen(s)

/* Sentinels: out-parameters must keep them on failure. */
#define SENTINEL_LEN ((size_t)0x5a5a5a5a)
#define SENTINEL_BYTE 'Z'
static char *const SENTINEL_PTR = (char *)&check_passed;

static const uint8_t BAD_UTF8[] = {'5', '4', 0xff, 0xfe, '6', '0', '2', '7'};

/* The last-error message of this thread (a copy, freed here). */
static char last_message[256];
static const char *last_error(void) {
  char *msg = NULL;
  size_t len = 0;
  last_message[0] = '\0';
  if (pmh_last_error_message(&msg, &len) == PMH_OK && msg != NULL) {
    CHECK(strlen(msg) == len);
    if (len < sizeof last_message) {
      memcpy(last_message, msg, len + 1);
    }
    pmh_string_free(msg);
  } else {
    CHECK(0 && "pmh_last_error_message failed");
  }
  return last_message;
}

static int buffer_untouched(const char *buf, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (buf[i] != SENTINEL_BYTE) {
      return 0;
    }
  }
  return 1;
}

/* ------------------------------------------------------------------ */

static void test_version_and_messages(void) {
  uint32_t s;
  const char *m;
  CHECK_STR(pmh_version(), PMH_VERSION_STRING);
  CHECK(PMH_VERSION_MAJOR == 0 && PMH_VERSION_MINOR >= 1);
  CHECK(PMH_OK == 0);
  CHECK(PMH_NULL_PARAMETER == 1 && PMH_INVALID_UTF8 == 2 && PMH_PANIC == 3);
  CHECK(PMH_INVALID == 4 && PMH_INVALID_ARGUMENT == 5 && PMH_BUFFER_TOO_SMALL == 6);
  CHECK(PMH_JSON_ERROR == 7 && PMH_INTERNAL_ERROR == 8);
  CHECK(PMH_UNKNOWN_TYPE == 9 && PMH_NOT_FOUND == 10);
  CHECK(PMH_SUBSIDY_INVALID_REQUEST == 200 && PMH_LEDGER_CONFLICT == 201 &&
        PMH_LEDGER_REJECTED == 202 && PMH_IMMUNIZATION_INVALID_HISTORY == 210);
  CHECK(strcmp(pmh_status_message(210), "unknown pmh_status value") != 0);
  CHECK(PMH_KEY_ERROR == 100 && PMH_TRUST_STORE_ERROR == 101 && PMH_PARTICIPANT_ERROR == 102);
  CHECK(PMH_SEAL_ERROR == 103 && PMH_ENVELOPE_REJECTED == 104 && PMH_ENVELOPE_REPLAYED == 105);
  for (s = 100; s <= 105; s++) {
    m = pmh_status_message(s);
    CHECK(m != NULL && strcmp(m, "unknown pmh_status value") != 0);
  }
  for (s = 200; s <= 202; s++) {
    m = pmh_status_message(s);
    CHECK(m != NULL && strcmp(m, "unknown pmh_status value") != 0);
  }
  for (s = 0; s <= 10; s++) {
    m = pmh_status_message(s);
    CHECK(m != NULL && strlen(m) > 0 && strcmp(m, "unknown pmh_status value") != 0);
  }
  CHECK_STR(pmh_status_message(PMH_OK), "success");
  CHECK_STR(pmh_status_message(11), "unknown pmh_status value");
  CHECK_STR(pmh_status_message(199), "unknown pmh_status value");
  CHECK_STR(pmh_status_message(203), "unknown pmh_status value");
  CHECK_STR(pmh_status_message(106), "unknown pmh_status value");
  CHECK_STR(pmh_status_message(99), "unknown pmh_status value");
  CHECK_STR(pmh_status_message(UINT32_MAX), "unknown pmh_status value");
}

static void test_last_error(void) {
  char *msg = SENTINEL_PTR;
  size_t len = SENTINEL_LEN;
  char buf[PMH_ID_BUFFER_SIZE];
  size_t n;

  /* A success clears the last error. */
  CHECK_STATUS(pmh_payer_number_normalize(TXT("54016027"), buf, sizeof buf, &n), PMH_OK);
  CHECK_STATUS(pmh_last_error_status(), PMH_OK);
  CHECK_STR(last_error(), "");

  CHECK_STATUS(pmh_payer_number_normalize(TXT("54016028"), buf, sizeof buf, &n), PMH_INVALID);
  CHECK_STATUS(pmh_last_error_status(), PMH_INVALID);
  CHECK_STR(last_error(), "ids.payer.check_digit");
  /* Reading it twice gives the same; NULL out-params fail without changing it. */
  CHECK_STR(last_error(), "ids.payer.check_digit");
  CHECK_STATUS(pmh_last_error_message(NULL, &len), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_last_error_message(&msg, NULL), PMH_NULL_PARAMETER);
  CHECK(msg == SENTINEL_PTR && len == SENTINEL_LEN);
  CHECK_STATUS(pmh_last_error_status(), PMH_INVALID);
  CHECK_STR(last_error(), "ids.payer.check_digit");
  /* Static functions do not change it either. */
  (void)pmh_status_message(PMH_PANIC);
  (void)pmh_version();
  pmh_string_free(NULL);
  CHECK_STR(last_error(), "ids.payer.check_digit");
}

/* ------------------------------------------------------------------ */

typedef pmh_status (*normalize_fn)(const uint8_t *, size_t, char *, size_t, size_t *);

/* The common contract of every caller-buffer identifier function. */
static void test_normalizer(const char *name, normalize_fn f, const char *valid, const char *expected,
                            const char *invalid, const char *invalid_code, const char *short_code,
                            pmh_status truncated_status) {
  char buf[PMH_ID_BUFFER_SIZE];
  size_t n;
  size_t want = strlen(expected);
  fprintf(stderr, "  %s\n", name);

  /* Success, with exactly enough room. */
  memset(buf, SENTINEL_BYTE, sizeof buf);
  n = SENTINEL_LEN;
  CHECK_STATUS(f(TXT(valid), buf, sizeof buf, &n), PMH_OK);
  CHECK_STR(buf, expected);
  CHECK(n == want);
  memset(buf, SENTINEL_BYTE, sizeof buf);
  CHECK_STATUS(f(TXT(valid), buf, want + 1, &n), PMH_OK);
  CHECK(n == want && buf[want] == '\0' && buf[want + 1] == SENTINEL_BYTE);

  /* Too small: nothing written. */
  memset(buf, SENTINEL_BYTE, sizeof buf);
  n = SENTINEL_LEN;
  CHECK_STATUS(f(TXT(valid), buf, want, &n), PMH_BUFFER_TOO_SMALL);
  CHECK_STATUS(f(TXT(valid), buf, 0, &n), PMH_BUFFER_TOO_SMALL);
  CHECK_STATUS(f(TXT(valid), buf, 1, &n), PMH_BUFFER_TOO_SMALL);
  CHECK(buffer_untouched(buf, sizeof buf) && n == SENTINEL_LEN);
  CHECK_STATUS(pmh_last_error_status(), PMH_BUFFER_TOO_SMALL);

  /* Invalid value: the code, never the value. */
  CHECK_STATUS(f(TXT(invalid), buf, sizeof buf, &n), PMH_INVALID);
  CHECK_STR(last_error(), invalid_code);
  CHECK(buffer_untouched(buf, sizeof buf) && n == SENTINEL_LEN);

  /* Wrong lengths: empty, truncated, absurd. */
  CHECK_STATUS(f((const uint8_t *)valid, 0, buf, sizeof buf, &n), PMH_INVALID);
  CHECK_STR(last_error(), short_code);
  /* Cutting the last byte: a fixed-length kind becomes too short; a
     full-width digit becomes invalid UTF-8; a local recipient stays valid. */
  CHECK_STATUS(f((const uint8_t *)valid, strlen(valid) - 1, buf, sizeof buf, &n),
               truncated_status);
  memset(buf, SENTINEL_BYTE, sizeof buf);
  n = SENTINEL_LEN;
  CHECK_STATUS(f((const uint8_t *)valid, SIZE_MAX, buf, sizeof buf, &n), PMH_INVALID_ARGUMENT);
  CHECK_STATUS(f((const uint8_t *)valid, (size_t)PTRDIFF_MAX + 1, buf, sizeof buf, &n),
               PMH_INVALID_ARGUMENT);

  /* Invalid UTF-8. */
  CHECK_STATUS(f(BAD_UTF8, sizeof BAD_UTF8, buf, sizeof buf, &n), PMH_INVALID_UTF8);
  CHECK_STR(last_error(), "parameter `value` is not valid UTF-8");

  /* NULL for every pointer parameter. */
  CHECK_STATUS(f(NULL, 0, buf, sizeof buf, &n), PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `value` is NULL");
  CHECK_STATUS(f(NULL, 8, buf, sizeof buf, &n), PMH_NULL_PARAMETER);
  CHECK_STATUS(f(TXT(valid), NULL, sizeof buf, &n), PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out` is NULL");
  CHECK_STATUS(f(TXT(valid), NULL, 0, &n), PMH_NULL_PARAMETER);
  CHECK_STATUS(f(TXT(valid), buf, sizeof buf, NULL), PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out_len` is NULL");
  CHECK_STATUS(f(NULL, 0, NULL, 0, NULL), PMH_NULL_PARAMETER);
  CHECK(buffer_untouched(buf, sizeof buf) && n == SENTINEL_LEN);
}

static void test_identifiers(void) {
  char buf[PMH_ID_BUFFER_SIZE];
  size_t n;

  test_normalizer("payer", pmh_payer_number_normalize, "54016027", "54016027", "54016028",
                  "ids.payer.check_digit", "ids.payer.length", PMH_INVALID);
  test_normalizer("payer full-width", pmh_payer_number_normalize, "５４０１６０２７", "54016027",
                  "5401602X", "ids.payer.non_digit", "ids.payer.length", PMH_INVALID_UTF8);
  test_normalizer("recipient national", pmh_recipient_number_normalize_national, "1234566",
                  "1234566", "1234567", "ids.recipient.check_digit", "ids.recipient.length",
                  PMH_INVALID);
  test_normalizer("recipient local", pmh_recipient_number_normalize_local, "AB12345678",
                  "AB12345678", "AB-123", "ids.recipient.non_alphanumeric",
                  "ids.recipient.length", PMH_OK);
  test_normalizer("insurer", pmh_insurer_number_normalize, "01130012", "01130012", "01130013",
                  "ids.insurer.check_digit", "ids.insurer.length", PMH_INVALID);
  test_normalizer("insurer kokuho", pmh_insurer_number_normalize, "  138057", "138057",
                  "1380", "ids.insurer.length", "ids.insurer.length", PMH_INVALID);
  test_normalizer("institution", pmh_institution_code_normalize, "3618010015", "3618010015",
                  "3618010016", "ids.institution.check_digit", "ids.institution.length",
                  PMH_INVALID);
  test_normalizer("municipality", pmh_municipality_code_normalize, "131016", "131016", "131017",
                  "ids.municipality.check_digit", "ids.municipality.length", PMH_INVALID);
  test_normalizer("my number mask", pmh_my_number_mask, "983205673214", "********3214",
                  "983205673210", "ids.mynumber.check_digit", "ids.mynumber.length",
                  PMH_INVALID);

  /* A local recipient number of 30 characters fills PMH_ID_BUFFER_SIZE. */
  CHECK_STATUS(pmh_recipient_number_normalize_local(TXT("ABCDEFGHIJ0123456789abcdefghij"), buf,
                                                    sizeof buf, &n),
               PMH_OK);
  CHECK(n == 30);
  CHECK_STATUS(pmh_recipient_number_normalize_local(TXT("ABCDEFGHIJ0123456789abcdefghijk"), buf,
                                                    sizeof buf, &n),
               PMH_INVALID);
  CHECK_STR(last_error(), "ids.recipient.length");
}

static void test_recipient_for_payer(void) {
  char buf[PMH_ID_BUFFER_SIZE];
  size_t n = SENTINEL_LEN;
  memset(buf, SENTINEL_BYTE, sizeof buf);

  /* National payer (法別 54): the national rule. */
  CHECK_STATUS(pmh_recipient_number_normalize_for_payer(TXT("54016027"), TXT("1234566"), buf,
                                                        sizeof buf, &n),
               PMH_OK);
  CHECK_STR(buf, "1234566");
  CHECK(n == 7);
  memset(buf, SENTINEL_BYTE, sizeof buf);
  n = SENTINEL_LEN;
  CHECK_STATUS(pmh_recipient_number_normalize_for_payer(TXT("54016027"), TXT("A-1"), buf,
                                                        sizeof buf, &n),
               PMH_INVALID);
  CHECK(strncmp(last_error(), "ids.recipient.", 14) == 0);
  /* Local payer (法別 88): the local rule. */
  CHECK_STATUS(pmh_recipient_number_normalize_for_payer(TXT("88134457"), TXT("AB12"), buf,
                                                        sizeof buf, &n),
               PMH_OK);
  CHECK_STR(buf, "AB12");
  memset(buf, SENTINEL_BYTE, sizeof buf);
  n = SENTINEL_LEN;
  /* An invalid payer: its code. */
  CHECK_STATUS(pmh_recipient_number_normalize_for_payer(TXT("88134458"), TXT("AB12"), buf,
                                                        sizeof buf, &n),
               PMH_INVALID);
  CHECK_STR(last_error(), "ids.payer.check_digit");
  CHECK_STATUS(pmh_recipient_number_normalize_for_payer(NULL, 0, TXT("AB12"), buf, sizeof buf, &n),
               PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `payer` is NULL");
  CHECK_STATUS(pmh_recipient_number_normalize_for_payer(TXT("88134457"), NULL, 4, buf, sizeof buf,
                                                        &n),
               PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `value` is NULL");
  CHECK_STATUS(pmh_recipient_number_normalize_for_payer(TXT("88134457"), TXT("AB12"), NULL,
                                                        sizeof buf, &n),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_recipient_number_normalize_for_payer(TXT("88134457"), TXT("AB12"), buf,
                                                        sizeof buf, NULL),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_recipient_number_normalize_for_payer(BAD_UTF8, sizeof BAD_UTF8, TXT("AB12"), buf,
                                                        sizeof buf, &n),
               PMH_INVALID_UTF8);
  CHECK_STR(last_error(), "parameter `payer` is not valid UTF-8");
  CHECK_STATUS(pmh_recipient_number_normalize_for_payer(TXT("88134457"), BAD_UTF8, sizeof BAD_UTF8,
                                                        buf, sizeof buf, &n),
               PMH_INVALID_UTF8);
  CHECK_STATUS(pmh_recipient_number_normalize_for_payer(TXT("88134457"), TXT("AB12"), buf, 4, &n),
               PMH_BUFFER_TOO_SMALL);
  CHECK_STATUS(pmh_recipient_number_normalize_for_payer((const uint8_t *)"88134457", SIZE_MAX,
                                                        TXT("AB12"), buf, sizeof buf, &n),
               PMH_INVALID_ARGUMENT);
  CHECK(buffer_untouched(buf, sizeof buf) && n == SENTINEL_LEN);
}

static void test_my_number(void) {
  const char *msg;
  CHECK_STATUS(pmh_my_number_check(TXT("983205673214")), PMH_OK);
  CHECK_STATUS(pmh_my_number_check(TXT("９８３２０５６７３２１４")), PMH_OK);
  CHECK_STATUS(pmh_my_number_check(TXT("983205673210")), PMH_INVALID);
  msg = last_error();
  CHECK_STR(msg, "ids.mynumber.check_digit");
  CHECK(strstr(msg, "98320567") == NULL);
  CHECK_STATUS(pmh_my_number_check(TXT("98320567321")), PMH_INVALID);
  CHECK_STR(last_error(), "ids.mynumber.length");
  CHECK_STATUS(pmh_my_number_check(TXT("98320567321a")), PMH_INVALID);
  CHECK_STR(last_error(), "ids.mynumber.non_digit");
  CHECK_STATUS(pmh_my_number_check((const uint8_t *)"", 0), PMH_INVALID);
  CHECK_STATUS(pmh_my_number_check(NULL, 0), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_my_number_check(NULL, 12), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_my_number_check(BAD_UTF8, sizeof BAD_UTF8), PMH_INVALID_UTF8);
  CHECK_STATUS(pmh_my_number_check((const uint8_t *)"983205673214", SIZE_MAX), PMH_INVALID_ARGUMENT);
}

/* ------------------------------------------------------------------ */

typedef pmh_status (*json_fn)(const uint8_t *, size_t, char **, size_t *);

static pmh_status id_check_payer(const uint8_t *v, size_t len, char **out, size_t *out_len) {
  return pmh_id_check(PMH_ID_KIND_PAYER, v, len, out, out_len);
}

/* NULL / UTF-8 / length failures of a JSON-returning function. */
static void test_json_failures(const char *name, json_fn f, const char *valid) {
  char *json = SENTINEL_PTR;
  size_t len = SENTINEL_LEN;
  fprintf(stderr, "  %s\n", name);
  CHECK_STATUS(f(NULL, 0, &json, &len), PMH_NULL_PARAMETER);
  CHECK_STATUS(f(NULL, 5, &json, &len), PMH_NULL_PARAMETER);
  CHECK_STATUS(f(TXT(valid), NULL, &len), PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out_json` is NULL");
  CHECK_STATUS(f(TXT(valid), &json, NULL), PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out_len` is NULL");
  CHECK_STATUS(f(NULL, 0, NULL, NULL), PMH_NULL_PARAMETER);
  CHECK_STATUS(f(BAD_UTF8, sizeof BAD_UTF8, &json, &len), PMH_INVALID_UTF8);
  CHECK_STATUS(f((const uint8_t *)valid, SIZE_MAX, &json, &len), PMH_INVALID_ARGUMENT);
  CHECK(json == SENTINEL_PTR && len == SENTINEL_LEN);
}

/* The JSON a call returned (caller frees), or NULL. Takes the out-params by
   address: they are read only after the call has run. */
static char *json_of(pmh_status status, char **json, const size_t *len) {
  CHECK_STATUS(status, PMH_OK);
  if (status != PMH_OK) {
    return NULL;
  }
  CHECK(*json != NULL && strlen(*json) == *len);
  return *json;
}

static void test_id_check(void) {
  char *json = NULL;
  size_t len = 0;
  char *j;

  j = json_of(pmh_id_check(PMH_ID_KIND_AUTO, TXT("54016027"), &json, &len), &json, &len);
  CHECK(j && strstr(j, "\"valid\":true") && strstr(j, "\"kind\":\"payer\"") &&
        strstr(j, "\"normalized\":\"54016027\""));
  pmh_string_free(j);

  /* An invalid identifier is still PMH_OK: the verdict is in the JSON. */
  j = json_of(pmh_id_check(PMH_ID_KIND_PAYER, TXT("88134458"), &json, &len), &json, &len);
  CHECK(j && strstr(j, "\"valid\":false") && strstr(j, "ids.payer.check_digit") &&
        strstr(j, "\"normalized\":null"));
  pmh_string_free(j);

  /* Full-width digits: valid, with a warning. */
  j = json_of(pmh_id_check(PMH_ID_KIND_AUTO, TXT("１３１０１６"), &json, &len), &json, &len);
  CHECK(j && strstr(j, "\"valid\":true") && strstr(j, "\"kind\":\"municipality\"") &&
        strstr(j, "ids.fullwidth_digits"));
  pmh_string_free(j);

  /* My Number: only the masked form, never the number; never guessed. */
  j = json_of(pmh_id_check(PMH_ID_KIND_MY_NUMBER, TXT("983205673214"), &json, &len), &json, &len);
  CHECK(j && strstr(j, "\"valid\":true") && strstr(j, "********3214") &&
        strstr(j, "983205673214") == NULL);
  pmh_string_free(j);
  j = json_of(pmh_id_check(PMH_ID_KIND_AUTO, TXT("983205673214"), &json, &len), &json, &len);
  CHECK(j && strstr(j, "\"valid\":false") && strstr(j, "ids.kind.unknown") &&
        strstr(j, "983205673214") == NULL);
  pmh_string_free(j);

  /* Every kind. */
  j = json_of(pmh_id_check(PMH_ID_KIND_RECIPIENT, TXT("1234566"), &json, &len), &json, &len);
  CHECK(j && strstr(j, "\"valid\":true") && strstr(j, "\"kind\":\"recipient\""));
  pmh_string_free(j);
  j = json_of(pmh_id_check(PMH_ID_KIND_INSURER, TXT("  138057"), &json, &len), &json, &len);
  CHECK(j && strstr(j, "\"valid\":true") && strstr(j, "\"normalized\":\"138057\""));
  pmh_string_free(j);
  j = json_of(pmh_id_check(PMH_ID_KIND_INSTITUTION, TXT("3618010015"), &json, &len), &json, &len);
  CHECK(j && strstr(j, "\"valid\":true") && strstr(j, "\"kind\":\"institution\""));
  pmh_string_free(j);
  j = json_of(pmh_id_check(PMH_ID_KIND_MUNICIPALITY, TXT("131017"), &json, &len), &json, &len);
  CHECK(j && strstr(j, "\"valid\":false") && strstr(j, "ids.municipality.check_digit"));
  pmh_string_free(j);
  /* Empty input. */
  j = json_of(pmh_id_check(PMH_ID_KIND_AUTO, (const uint8_t *)"", 0, &json, &len), &json, &len);
  CHECK(j && strstr(j, "\"valid\":false"));
  pmh_string_free(j);

  /* Unknown kind: nothing written. */
  json = SENTINEL_PTR;
  len = SENTINEL_LEN;
  CHECK_STATUS(pmh_id_check(7, TXT("54016027"), &json, &len), PMH_INVALID_ARGUMENT);
  CHECK_STATUS(pmh_id_check(UINT32_MAX, TXT("54016027"), &json, &len), PMH_INVALID_ARGUMENT);
  CHECK_STR(last_error(), "unknown pmh_id_kind value");
  CHECK(json == SENTINEL_PTR && len == SENTINEL_LEN);

  test_json_failures("pmh_id_check", id_check_payer, "54016027");

  /* Recipient rules. */
  j = json_of(pmh_id_check_recipient(PMH_RECIPIENT_RULE_LOCAL, TXT("AB12345678"), &json, &len),
              &json, &len);
  CHECK(j && strstr(j, "\"valid\":true"));
  pmh_string_free(j);
  j = json_of(pmh_id_check_recipient(PMH_RECIPIENT_RULE_NATIONAL, TXT("AB12345678"), &json, &len),
              &json, &len);
  CHECK(j && strstr(j, "\"valid\":false"));
  pmh_string_free(j);
  json = SENTINEL_PTR;
  len = SENTINEL_LEN;
  CHECK_STATUS(pmh_id_check_recipient(0, TXT("1234566"), &json, &len), PMH_INVALID_ARGUMENT);
  CHECK_STATUS(pmh_id_check_recipient(3, TXT("1234566"), &json, &len), PMH_INVALID_ARGUMENT);
  CHECK_STATUS(pmh_id_check_recipient(PMH_RECIPIENT_RULE_LOCAL, NULL, 0, &json, &len),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_id_check_recipient(PMH_RECIPIENT_RULE_LOCAL, TXT("AB"), NULL, &len),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_id_check_recipient(PMH_RECIPIENT_RULE_LOCAL, TXT("AB"), &json, NULL),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_id_check_recipient(PMH_RECIPIENT_RULE_LOCAL, BAD_UTF8, sizeof BAD_UTF8, &json,
                                      &len),
               PMH_INVALID_UTF8);
  CHECK(json == SENTINEL_PTR && len == SENTINEL_LEN);

  j = json_of(pmh_id_check_recipient_for_payer(TXT("88134457"), TXT("AB12"), &json, &len), &json,
              &len);
  CHECK(j && strstr(j, "\"valid\":true"));
  pmh_string_free(j);
  j = json_of(pmh_id_check_recipient_for_payer(TXT("54016027"), TXT("AB12"), &json, &len), &json,
              &len);
  CHECK(j && strstr(j, "\"valid\":false"));
  pmh_string_free(j);
  json = SENTINEL_PTR;
  len = SENTINEL_LEN;
  CHECK_STATUS(pmh_id_check_recipient_for_payer(TXT("5401602"), TXT("AB12"), &json, &len),
               PMH_INVALID);
  CHECK_STR(last_error(), "ids.payer.length");
  CHECK_STATUS(pmh_id_check_recipient_for_payer(NULL, 0, TXT("AB12"), &json, &len),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_id_check_recipient_for_payer(TXT("54016027"), NULL, 0, &json, &len),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_id_check_recipient_for_payer(TXT("54016027"), TXT("AB12"), NULL, &len),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_id_check_recipient_for_payer(TXT("54016027"), TXT("AB12"), &json, NULL),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_id_check_recipient_for_payer(BAD_UTF8, sizeof BAD_UTF8, TXT("AB12"), &json,
                                                &len),
               PMH_INVALID_UTF8);
  CHECK_STATUS(pmh_id_check_recipient_for_payer(TXT("54016027"), BAD_UTF8, sizeof BAD_UTF8, &json,
                                                &len),
               PMH_INVALID_UTF8);
  CHECK(json == SENTINEL_PTR && len == SENTINEL_LEN);
}

/* ------------------------------------------------------------------ */

static void test_dates(void) {
  char buf[PMH_DATE_BUFFER_SIZE];
  char *json = NULL;
  size_t len = 0;
  size_t n = 0;
  char *j;

  j = json_of(pmh_date_convert(TXT("R6.4.1"), &json, &len), &json, &len);
  CHECK_STR(j, "{\"iso\":\"2024-04-01\",\"era\":\"令和\",\"eraYear\":6,\"short\":\"R6.4.1\","
               "\"kanji\":\"令和6年4月1日\",\"receipt\":\"5060401\",\"fiscalYear\":2024}");
  pmh_string_free(j);
  j = json_of(pmh_date_convert(TXT("2019-04-30"), &json, &len), &json, &len);
  CHECK(j && strstr(j, "\"era\":\"平成\"") && strstr(j, "\"eraYear\":31"));
  pmh_string_free(j);

  json = SENTINEL_PTR;
  len = SENTINEL_LEN;
  CHECK_STATUS(pmh_date_convert(TXT("2023-02-29"), &json, &len), PMH_INVALID);
  CHECK_STR(last_error(), "calendar.invalid_date");
  CHECK_STATUS(pmh_date_convert(TXT("平成31年5月1日"), &json, &len), PMH_INVALID);
  CHECK_STR(last_error(), "calendar.outside_era");
  CHECK_STATUS(pmh_date_convert(TXT("X6.4.1"), &json, &len), PMH_INVALID);
  CHECK_STATUS(pmh_date_convert((const uint8_t *)"", 0, &json, &len), PMH_INVALID);
  CHECK_STR(last_error(), "calendar.format");
  CHECK(json == SENTINEL_PTR && len == SENTINEL_LEN);
  test_json_failures("pmh_date_convert", pmh_date_convert, "R6.4.1");

  /* 和暦 -> ISO */
  CHECK_STATUS(pmh_date_to_iso(TXT("令和元年5月1日"), buf, sizeof buf, &n), PMH_OK);
  CHECK_STR(buf, "2019-05-01");
  CHECK(n == 10);
  CHECK_STATUS(pmh_date_to_iso(TXT("5060401"), buf, 11, &n), PMH_OK);
  CHECK_STR(buf, "2024-04-01");
  CHECK_STATUS(pmh_date_to_iso(TXT("Ｒ６．４．１"), buf, sizeof buf, &n), PMH_OK);
  CHECK_STR(buf, "2024-04-01");
  memset(buf, SENTINEL_BYTE, sizeof buf);
  n = SENTINEL_LEN;
  CHECK_STATUS(pmh_date_to_iso(TXT("R6.4.1"), buf, 10, &n), PMH_BUFFER_TOO_SMALL);
  CHECK_STATUS(pmh_date_to_iso(TXT("R6.2.30"), buf, sizeof buf, &n), PMH_INVALID);
  CHECK_STR(last_error(), "calendar.invalid_date");
  CHECK_STATUS(pmh_date_to_iso(TXT("令和6年4月"), buf, sizeof buf, &n), PMH_INVALID);
  CHECK_STR(last_error(), "calendar.precision");
  CHECK_STATUS(pmh_date_to_iso((const uint8_t *)"R6.4.1", 4, buf, sizeof buf, &n), PMH_INVALID);
  CHECK_STATUS(pmh_date_to_iso(NULL, 0, buf, sizeof buf, &n), PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `input` is NULL");
  CHECK_STATUS(pmh_date_to_iso(TXT("R6.4.1"), NULL, sizeof buf, &n), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_date_to_iso(TXT("R6.4.1"), buf, sizeof buf, NULL), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_date_to_iso(BAD_UTF8, sizeof BAD_UTF8, buf, sizeof buf, &n), PMH_INVALID_UTF8);
  CHECK_STATUS(pmh_date_to_iso((const uint8_t *)"R6.4.1", SIZE_MAX, buf, sizeof buf, &n),
               PMH_INVALID_ARGUMENT);
  CHECK(buffer_untouched(buf, sizeof buf) && n == SENTINEL_LEN);

  /* ISO -> 和暦 */
  CHECK_STATUS(pmh_date_from_iso(TXT("2024-04-01"), PMH_ERA_FORMAT_SHORT, buf, sizeof buf, &n),
               PMH_OK);
  CHECK_STR(buf, "R6.4.1");
  CHECK(n == 6);
  CHECK_STATUS(pmh_date_from_iso(TXT("2019-05-01"), PMH_ERA_FORMAT_KANJI, buf, sizeof buf, &n),
               PMH_OK);
  CHECK_STR(buf, "令和元年5月1日");
  CHECK(n == strlen("令和元年5月1日"));
  CHECK_STATUS(pmh_date_from_iso(TXT("2024-04-01"), PMH_ERA_FORMAT_RECEIPT, buf, sizeof buf, &n),
               PMH_OK);
  CHECK_STR(buf, "5060401");
  CHECK_STATUS(
      pmh_date_from_iso(TXT("2024-04-01"), PMH_ERA_FORMAT_RECEIPT_MONTH, buf, sizeof buf, &n),
      PMH_OK);
  CHECK_STR(buf, "50604");
  CHECK_STATUS(pmh_date_from_iso(TXT("1989-01-07"), PMH_ERA_FORMAT_KANJI, buf, 22, &n), PMH_OK);
  CHECK_STR(buf, "昭和64年1月7日");
  memset(buf, SENTINEL_BYTE, sizeof buf);
  n = SENTINEL_LEN;
  CHECK_STATUS(pmh_date_from_iso(TXT("2019-05-01"), PMH_ERA_FORMAT_KANJI, buf, 10, &n),
               PMH_BUFFER_TOO_SMALL);
  CHECK_STATUS(pmh_date_from_iso(TXT("1850-01-01"), PMH_ERA_FORMAT_SHORT, buf, sizeof buf, &n),
               PMH_INVALID);
  CHECK_STR(last_error(), "calendar.out_of_range");
  CHECK_STATUS(pmh_date_from_iso(TXT("2024-13-01"), PMH_ERA_FORMAT_SHORT, buf, sizeof buf, &n),
               PMH_INVALID);
  CHECK_STR(last_error(), "calendar.invalid_date");
  CHECK_STATUS(pmh_date_from_iso(TXT("2024-04-01"), 0, buf, sizeof buf, &n), PMH_INVALID_ARGUMENT);
  CHECK_STR(last_error(), "unknown pmh_era_format value");
  CHECK_STATUS(pmh_date_from_iso(TXT("2024-04-01"), 99, buf, sizeof buf, &n), PMH_INVALID_ARGUMENT);
  CHECK_STATUS(pmh_date_from_iso(NULL, 0, PMH_ERA_FORMAT_SHORT, buf, sizeof buf, &n),
               PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `iso` is NULL");
  CHECK_STATUS(pmh_date_from_iso(TXT("2024-04-01"), PMH_ERA_FORMAT_SHORT, NULL, sizeof buf, &n),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_date_from_iso(TXT("2024-04-01"), PMH_ERA_FORMAT_SHORT, buf, sizeof buf, NULL),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_date_from_iso(BAD_UTF8, sizeof BAD_UTF8, PMH_ERA_FORMAT_SHORT, buf, sizeof buf,
                                 &n),
               PMH_INVALID_UTF8);
  CHECK_STATUS(pmh_date_from_iso((const uint8_t *)"2024-04-01", SIZE_MAX, PMH_ERA_FORMAT_SHORT, buf,
                                 sizeof buf, &n),
               PMH_INVALID_ARGUMENT);
  CHECK(buffer_untouched(buf, sizeof buf) && n == SENTINEL_LEN);
}

/* ------------------------------------------------------------------ */

static void test_envelopes(void) {
  pmh_signing_key *key = NULL;
  pmh_signing_key *es = NULL;
  pmh_signing_key *bad = (pmh_signing_key *)SENTINEL_PTR;
  pmh_trust_store *trust = NULL;
  pmh_trust_store *bad_trust = (pmh_trust_store *)SENTINEL_PTR;
  pmh_replay_guard *guard = NULL;
  char *kid = NULL, *jwk = NULL, *env = NULL, *opened = NULL;
  char *out = SENTINEL_PTR;
  size_t kid_len = 0, jwk_len = 0, env_len = 0, len = SENTINEL_LEN;
  char trust_json[1024];
  const char *payload = "{\"n\":1}";

  CHECK_STATUS(pmh_signing_key_generate(PMH_ALGORITHM_EDDSA, &key), PMH_OK);
  CHECK_STATUS(pmh_signing_key_generate(PMH_ALGORITHM_ES256, &es), PMH_OK);
  CHECK_STATUS(pmh_signing_key_generate(0, &bad), PMH_INVALID_ARGUMENT);
  CHECK_STATUS(pmh_signing_key_generate(PMH_ALGORITHM_EDDSA, NULL), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_signing_key_from_pkcs8(TXT("not a key"), &bad), PMH_KEY_ERROR);
  CHECK(strncmp(last_error(), "key.", 4) == 0);
  CHECK_STATUS(pmh_signing_key_from_pkcs8(NULL, 0, &bad), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_signing_key_from_pkcs8(TXT("x"), NULL), PMH_NULL_PARAMETER);
  CHECK(bad == (pmh_signing_key *)SENTINEL_PTR);
  if (key == NULL || es == NULL) {
    CHECK(0 && "key generation failed");
    return;
  }
  CHECK_STATUS(pmh_signing_key_kid(key, &kid, &kid_len), PMH_OK);
  CHECK_STATUS(pmh_signing_key_public_jwk(key, &jwk, &jwk_len), PMH_OK);
  CHECK(kid && strlen(kid) == kid_len && kid_len == 43);
  CHECK(jwk && strlen(jwk) == jwk_len && strstr(jwk, "\"OKP\"") && strstr(jwk, "\"d\"") == NULL);
  CHECK_STATUS(pmh_signing_key_kid(NULL, &out, &len), PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `key` is NULL");
  CHECK_STATUS(pmh_signing_key_kid(key, NULL, &len), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_signing_key_public_jwk(key, &out, NULL), PMH_NULL_PARAMETER);
  CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN);

  snprintf(trust_json, sizeof trust_json,
           "{\"participants\":[{\"id\":\"hub:a\",\"keys\":[{\"kid\":\"%s\",\"alg\":\"EdDSA\","
           "\"jwk\":%s,\"notBefore\":\"2000-01-01T00:00:00Z\","
           "\"notAfter\":\"2100-01-01T00:00:00Z\"}]}]}",
           kid ? kid : "", jwk ? jwk : "null");
  CHECK_STATUS(pmh_trust_store_from_json(TXT(trust_json), &trust), PMH_OK);
  CHECK_STATUS(pmh_trust_store_from_json(TXT("{\"participants\":"), &bad_trust),
               PMH_TRUST_STORE_ERROR);
  CHECK_STR(last_error(), "trust.json");
  CHECK_STATUS(pmh_trust_store_from_json(TXT("{}"), &bad_trust), PMH_TRUST_STORE_ERROR);
  CHECK_STATUS(pmh_trust_store_from_json(NULL, 0, &bad_trust), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_trust_store_from_json(TXT("{}"), NULL), PMH_NULL_PARAMETER);
  CHECK(bad_trust == (pmh_trust_store *)SENTINEL_PTR);
  CHECK_STATUS(pmh_replay_guard_new(0, &guard), PMH_OK);
  CHECK_STATUS(pmh_replay_guard_new(10, NULL), PMH_NULL_PARAMETER);

  /* Seal. */
  CHECK_STATUS(pmh_envelope_seal(key, TXT("test.ping"), TXT("hub:a"), TXT("hub:b"), TXT(payload),
                                 3600, PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES, &env, &env_len),
               PMH_OK);
  CHECK(env && strlen(env) == env_len && strstr(env, "\"signature\""));
  CHECK_STATUS(pmh_envelope_seal(key, TXT("test.ping"), TXT("hub:a"), TXT("hub:b"), TXT(payload),
                                 3600, 0, &out, &len),
               PMH_SEAL_ERROR);
  CHECK_STR(last_error(), "envelope.unknown_type");
  CHECK_STATUS(pmh_envelope_seal(key, TXT("test.ping"), TXT("nobody"), TXT("hub:b"), TXT(payload),
                                 3600, PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES, &out, &len),
               PMH_PARTICIPANT_ERROR);
  CHECK_STATUS(pmh_envelope_seal(key, TXT("test.ping"), TXT("hub:a"), TXT("hub:b"), TXT("{\"n\":"),
                                 3600, PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES, &out, &len),
               PMH_JSON_ERROR);
  CHECK_STATUS(pmh_envelope_seal(key, TXT("test.ping"), TXT("hub:a"), TXT("hub:b"), TXT(payload),
                                 3600, 2, &out, &len),
               PMH_INVALID_ARGUMENT);
  CHECK_STATUS(pmh_envelope_seal(NULL, TXT("test.ping"), TXT("hub:a"), TXT("hub:b"), TXT(payload),
                                 3600, 0, &out, &len),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_envelope_seal(key, NULL, 0, TXT("hub:a"), TXT("hub:b"), TXT(payload), 3600, 0,
                                 &out, &len),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_envelope_seal(key, TXT("test.ping"), NULL, 0, TXT("hub:b"), TXT(payload), 3600,
                                 0, &out, &len),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_envelope_seal(key, TXT("test.ping"), TXT("hub:a"), NULL, 0, TXT(payload), 3600,
                                 0, &out, &len),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_envelope_seal(key, TXT("test.ping"), TXT("hub:a"), TXT("hub:b"), NULL, 0, 3600,
                                 0, &out, &len),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_envelope_seal(key, TXT("test.ping"), TXT("hub:a"), TXT("hub:b"), TXT(payload),
                                 3600, 0, NULL, &len),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_envelope_seal(key, TXT("test.ping"), TXT("hub:a"), TXT("hub:b"), TXT(payload),
                                 3600, 0, &out, NULL),
               PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_envelope_seal(key, BAD_UTF8, sizeof BAD_UTF8, TXT("hub:a"), TXT("hub:b"),
                                 TXT(payload), 3600, 0, &out, &len),
               PMH_INVALID_UTF8);
  CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN);

  /* Open. */
  if (env != NULL) {
    CHECK_STATUS(pmh_envelope_open(trust, guard, TXT("hub:b"), (const uint8_t *)env, env_len,
                                   PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES, &opened, &len),
                 PMH_OK);
    CHECK(opened && strstr(opened, "\"n\":1") && strstr(opened, kid ? kid : "?"));
    pmh_string_free(opened);
    out = SENTINEL_PTR;
    len = SENTINEL_LEN;
    CHECK_STATUS(pmh_envelope_open(trust, guard, TXT("hub:b"), (const uint8_t *)env, env_len,
                                   PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES, &out, &len),
                 PMH_ENVELOPE_REPLAYED);
    CHECK_STR(last_error(), "envelope.replayed");
    /* Without a guard (NULL is allowed there) it opens again. */
    CHECK_STATUS(pmh_envelope_open(trust, NULL, TXT("hub:b"), (const uint8_t *)env, env_len,
                                   PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES, &opened, &len),
                 PMH_OK);
    pmh_string_free(opened);
    out = SENTINEL_PTR;
    len = SENTINEL_LEN;
    CHECK_STATUS(pmh_envelope_open(trust, NULL, TXT("hub:c"), (const uint8_t *)env, env_len,
                                   PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES, &out, &len),
                 PMH_ENVELOPE_REJECTED);
    CHECK_STR(last_error(), "envelope.wrong_recipient");
    CHECK_STATUS(pmh_envelope_open(trust, NULL, TXT("hub:b"), (const uint8_t *)env, env_len - 1,
                                   PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES, &out, &len),
                 PMH_ENVELOPE_REJECTED);
    CHECK_STATUS(pmh_envelope_open(trust, NULL, TXT("hub:b"), BAD_UTF8, sizeof BAD_UTF8,
                                   PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES, &out, &len),
                 PMH_ENVELOPE_REJECTED);
    CHECK_STATUS(pmh_envelope_open(trust, NULL, TXT("nobody"), (const uint8_t *)env, env_len, 0,
                                   &out, &len),
                 PMH_PARTICIPANT_ERROR);
    CHECK_STATUS(pmh_envelope_open(NULL, NULL, TXT("hub:b"), (const uint8_t *)env, env_len, 0, &out,
                                   &len),
                 PMH_NULL_PARAMETER);
    CHECK_STATUS(pmh_envelope_open(trust, NULL, NULL, 0, (const uint8_t *)env, env_len, 0, &out,
                                   &len),
                 PMH_NULL_PARAMETER);
    CHECK_STATUS(pmh_envelope_open(trust, NULL, TXT("hub:b"), NULL, 0, 0, &out, &len),
                 PMH_NULL_PARAMETER);
    CHECK_STATUS(pmh_envelope_open(trust, NULL, TXT("hub:b"), (const uint8_t *)env, env_len, 0,
                                   NULL, &len),
                 PMH_NULL_PARAMETER);
    CHECK_STATUS(pmh_envelope_open(trust, NULL, TXT("hub:b"), (const uint8_t *)env, env_len, 0,
                                   &out, NULL),
                 PMH_NULL_PARAMETER);
    CHECK_STATUS(pmh_envelope_open(trust, NULL, TXT("hub:b"), (const uint8_t *)env, env_len, 4,
                                   &out, &len),
                 PMH_INVALID_ARGUMENT);
    CHECK_STATUS(pmh_envelope_open(trust, NULL, TXT("hub:b"), (const uint8_t *)env, SIZE_MAX, 0,
                                   &out, &len),
                 PMH_INVALID_ARGUMENT);
    CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN);
  }

  pmh_string_free(env);
  pmh_string_free(kid);
  pmh_string_free(jwk);
  pmh_replay_guard_free(guard);
  pmh_trust_store_free(trust);
  pmh_signing_key_free(key);
  pmh_signing_key_free(es);
  pmh_replay_guard_free(NULL);
  pmh_trust_store_free(NULL);
  pmh_signing_key_free(NULL);
}

/* ------------------------------------------------------------------ */
/* Documents: strict JSON, validation, subsidies and cap ledgers.      */

/* The first sample certificate (samples/subsidy/certificates.json). */
static const char CERT[] =
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

static const char VISIT[] =
    "{\"date\":\"2024-05-10\",\"institutionCode\":\"3618010015\",\"setting\":\"outpatient\"}";

typedef pmh_status (*json2_fn)(const uint8_t *, size_t, const uint8_t *, size_t, char **,
                               size_t *);

/* NULL / UTF-8 / length failures of a function of two texts returning JSON;
   a_name and b_name are the names of its text parameters, out_name of its
   char ** parameter. */
static void test_json2_failures(const char *name, json2_fn f, const char *a, const char *b,
                                const char *a_name, const char *b_name, const char *out_name) {
  char *json = SENTINEL_PTR;
  size_t len = SENTINEL_LEN;
  char want[96];
  fprintf(stderr, "  %s\n", name);
  CHECK_STATUS(f(NULL, 0, TXT(b), &json, &len), PMH_NULL_PARAMETER);
  snprintf(want, sizeof want, "parameter `%s` is NULL", a_name);
  CHECK_STR(last_error(), want);
  CHECK_STATUS(f(TXT(a), NULL, 3, &json, &len), PMH_NULL_PARAMETER);
  snprintf(want, sizeof want, "parameter `%s` is NULL", b_name);
  CHECK_STR(last_error(), want);
  CHECK_STATUS(f(TXT(a), TXT(b), NULL, &len), PMH_NULL_PARAMETER);
  snprintf(want, sizeof want, "parameter `%s` is NULL", out_name);
  CHECK_STR(last_error(), want);
  CHECK_STATUS(f(TXT(a), TXT(b), &json, NULL), PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out_len` is NULL");
  CHECK_STATUS(f(NULL, 0, NULL, 0, NULL, NULL), PMH_NULL_PARAMETER);
  CHECK_STATUS(f(BAD_UTF8, sizeof BAD_UTF8, TXT(b), &json, &len), PMH_INVALID_UTF8);
  snprintf(want, sizeof want, "parameter `%s` is not valid UTF-8", a_name);
  CHECK_STR(last_error(), want);
  CHECK_STATUS(f(TXT(a), BAD_UTF8, sizeof BAD_UTF8, &json, &len), PMH_INVALID_UTF8);
  snprintf(want, sizeof want, "parameter `%s` is not valid UTF-8", b_name);
  CHECK_STR(last_error(), want);
  CHECK_STATUS(f((const uint8_t *)a, SIZE_MAX, TXT(b), &json, &len), PMH_INVALID_ARGUMENT);
  CHECK_STATUS(f(TXT(a), (const uint8_t *)b, (size_t)PTRDIFF_MAX + 1, &json, &len),
               PMH_INVALID_ARGUMENT);
  CHECK(json == SENTINEL_PTR && len == SENTINEL_LEN);
}

/* Non-JSON input in either text of a two-text JSON function: the json.*
   code, and nothing written. */
static void test_json2_bad_json(const char *name, json2_fn f, const char *a, const char *b) {
  char *json = SENTINEL_PTR;
  size_t len = SENTINEL_LEN;
  size_t line = 0, column = 0;
  fprintf(stderr, "  %s (bad JSON)\n", name);
  CHECK_STATUS(f(TXT("{\"a\":1,\"a\":2}"), TXT(b), &json, &len), PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.duplicate_key");
  CHECK_STATUS(f(TXT(a), TXT("{\"a\":1,\"a\":2}"), &json, &len), PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.duplicate_key");
  CHECK_STATUS(f(TXT(a), TXT("{\n\"a\":\n"), &json, &len), PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.syntax");
  CHECK_STATUS(pmh_last_error_position(&line, &column), PMH_OK);
  CHECK(line == 3);
  CHECK_STATUS(f((const uint8_t *)a, 0, TXT(b), &json, &len), PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.syntax");
  CHECK_STATUS(f((const uint8_t *)a, strlen(a) - 1, TXT(b), &json, &len), PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.syntax");
  CHECK(json == SENTINEL_PTR && len == SENTINEL_LEN);
}

/* Calls f with (a, b) and returns its JSON (caller frees), or NULL. */
static char *json2(json2_fn f, const char *a, const char *b) {
  char *json = NULL;
  size_t len = 0;
  return json_of(f(TXT(a), TXT(b), &json, &len), &json, &len);
}

/* JSON value at `pointer` of `doc` (caller frees), or NULL. */
static char *get(const char *doc, const char *pointer) {
  return doc ? json2(pmh_json_get, doc, pointer) : NULL;
}

static pmh_status validate_certificate(const uint8_t *json, size_t len, char **out,
                                       size_t *out_len) {
  return pmh_validate(TXT("subsidy.certificate"), json, len, out, out_len, NULL);
}

static void test_validate(void) {
  char *json = NULL;
  char *out = SENTINEL_PTR;
  size_t len = 0, errors = SENTINEL_LEN, n = SENTINEL_LEN, line = 9, column = 9;
  char *types, *name;
  char deep[160];
  int i, seen_types = 0;

  /* A valid certificate: PMH_OK, ok true, 0 errors. */
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), TXT(CERT), &json, &len, &errors), PMH_OK);
  CHECK(json && strlen(json) == len && strncmp(json, "{\"ok\":true,", 11) == 0 && errors == 0);
  pmh_string_free(json);
  /* An invalid one: still PMH_OK; the verdict is in the report and the count. */
  json = NULL;
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), TXT("{}"), &json, &len, &errors), PMH_OK);
  CHECK(json && strstr(json, "\"ok\":false") && strstr(json, "subsidy.certificate.required") &&
        errors > 0);
  pmh_string_free(json);
  /* out_errors may be NULL. */
  json = NULL;
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate.register"), TXT("{\"certificates\":[]}"),
                            &json, &len, NULL),
               PMH_OK);
  CHECK(json && strstr(json, "subsidy.register.empty"));
  pmh_string_free(json);
  /* The report never quotes the document's values. */
  json = NULL;
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"),
                            TXT("{\"myNumber\":\"983205673210\",\"sex\":\"秘密の値\"}"), &json,
                            &len, &errors),
               PMH_OK);
  CHECK(json && strstr(json, "983205673210") == NULL && strstr(json, "秘密の値") == NULL);
  pmh_string_free(json);

  /* Every type the library lists validates (a report, whatever it says). */
  types = NULL;
  CHECK_STATUS(pmh_validate_types(&types, &len), PMH_OK);
  CHECK(types && strlen(types) == len && strstr(types, "\"subsidy.certificate\""));
  for (i = 0; types != NULL && i < 64; i++) {
    char pointer[32];
    snprintf(pointer, sizeof pointer, "/%d/name", i);
    name = NULL;
    if (pmh_json_get(TXT(types), TXT(pointer), &name, &n) != PMH_OK) {
      CHECK_STATUS(pmh_last_error_status(), PMH_NOT_FOUND);
      break;
    }
    /* The name without its quotes. */
    json = NULL;
    CHECK_STATUS(pmh_validate((const uint8_t *)name + 1, n - 2, TXT("{}"), &json, &len, &errors),
                 PMH_OK);
    CHECK(json && strncmp(json, "{\"ok\":", 6) == 0);
    pmh_string_free(json);
    pmh_string_free(name);
    seen_types++;
  }
  CHECK(seen_types >= 5);
  pmh_string_free(types);
  CHECK_STATUS(pmh_validate_types(NULL, &len), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_validate_types(&out, NULL), PMH_NULL_PARAMETER);

  /* Unknown type (checked before the document). */
  errors = SENTINEL_LEN;
  len = SENTINEL_LEN;
  CHECK_STATUS(pmh_validate(TXT("no.such.type"), TXT("{}"), &out, &len, &errors),
               PMH_UNKNOWN_TYPE);
  CHECK_STR(last_error(), "unknown message or record type (see pmh_validate_types)");
  CHECK_STATUS(pmh_validate(TXT("no.such.type"), TXT("{"), &out, &len, &errors), PMH_UNKNOWN_TYPE);
  CHECK_STATUS(pmh_validate((const uint8_t *)"", 0, TXT("{}"), &out, &len, &errors),
               PMH_UNKNOWN_TYPE);
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificatE"), TXT("{}"), &out, &len, &errors),
               PMH_UNKNOWN_TYPE);
  CHECK(strcmp(pmh_status_message(PMH_UNKNOWN_TYPE), "unknown message or record type") == 0);

  /* Not strict JSON: the json.* code, the position for syntax errors. */
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), TXT("{\"myNumber\":\"1\",\n\"myNumber\":\"2\"}"),
                            &out, &len, &errors),
               PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.duplicate_key");
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), TXT("{\n  \"a\": 1,\n  x}"), &out, &len,
                            &errors),
               PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.syntax");
  CHECK_STATUS(pmh_last_error_position(&line, &column), PMH_OK);
  CHECK(line == 3 && column == 3);
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), TXT("{} {}"), &out, &len, &errors),
               PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.syntax");
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), (const uint8_t *)"", 0, &out, &len,
                            &errors),
               PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.syntax");
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), (const uint8_t *)"{\"a\":1}", 6, &out,
                            &len, &errors),
               PMH_JSON_ERROR);
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), TXT("{\"a\":\"\\ud800\"}"), &out, &len,
                            &errors),
               PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.lone_surrogate");
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), TXT("[1e400]"), &out, &len, &errors),
               PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.non_finite");
  memset(deep, '[', 65);
  memset(deep + 65, ']', 65);
  deep[130] = '\0';
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), TXT(deep), &out, &len, &errors),
               PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.too_deep");
  /* A position is only kept for the failure that had one. */
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), TXT("[1e400]"), &out, &len, &errors),
               PMH_JSON_ERROR);
  CHECK_STATUS(pmh_last_error_position(&line, &column), PMH_OK);
  CHECK(line == 0 && column == 0);
  CHECK_STATUS(pmh_last_error_position(NULL, &column), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_last_error_position(&line, NULL), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_last_error_status(), PMH_JSON_ERROR);

  /* NULL for every pointer, invalid UTF-8, absurd lengths. */
  CHECK_STATUS(pmh_validate(NULL, 0, TXT("{}"), &out, &len, &errors), PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `type_name` is NULL");
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), NULL, 0, &out, &len, &errors),
               PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `json` is NULL");
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), TXT("{}"), NULL, &len, &errors),
               PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out_report_json` is NULL");
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), TXT("{}"), &out, NULL, &errors),
               PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out_len` is NULL");
  CHECK_STATUS(pmh_validate(NULL, 0, NULL, 0, NULL, NULL, NULL), PMH_NULL_PARAMETER);
  CHECK_STATUS(pmh_validate(BAD_UTF8, sizeof BAD_UTF8, TXT("{}"), &out, &len, &errors),
               PMH_INVALID_UTF8);
  CHECK_STR(last_error(), "parameter `type_name` is not valid UTF-8");
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), BAD_UTF8, sizeof BAD_UTF8, &out, &len,
                            &errors),
               PMH_INVALID_UTF8);
  CHECK_STR(last_error(), "parameter `json` is not valid UTF-8");
  CHECK_STATUS(pmh_validate((const uint8_t *)"subsidy.certificate", SIZE_MAX, TXT("{}"), &out,
                            &len, &errors),
               PMH_INVALID_ARGUMENT);
  CHECK_STATUS(pmh_validate(TXT("subsidy.certificate"), (const uint8_t *)"{}", SIZE_MAX, &out,
                            &len, &errors),
               PMH_INVALID_ARGUMENT);
  CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN && errors == SENTINEL_LEN);
  /* Through a function pointer of the common JSON-returning shape. */
  json = NULL;
  CHECK_STATUS(validate_certificate(TXT(CERT), &json, &len), PMH_OK);
  pmh_string_free(json);
}

static void test_canonicalize_and_get(void) {
  char *j;
  char *out = SENTINEL_PTR;
  size_t len = SENTINEL_LEN;

  j = json_of(pmh_canonicalize(TXT("{\"b\": [1E30, 4.50], \"a\": \"\\u20ac\"}"), &out, &len), &out,
              &len);
  CHECK_STR(j, "{\"a\":\"€\",\"b\":[1e+30,4.5]}");
  pmh_string_free(j);
  out = SENTINEL_PTR;
  len = SENTINEL_LEN;
  CHECK_STATUS(pmh_canonicalize(TXT("{\"a\":1,\"a\":1}"), &out, &len), PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.duplicate_key");
  CHECK_STATUS(pmh_canonicalize(TXT("[9007199254740993]"), &out, &len), PMH_JSON_ERROR);
  CHECK_STR(last_error(), "canon.unsafe_integer");
  CHECK_STATUS(pmh_canonicalize(TXT("[1,]"), &out, &len), PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.syntax");
  CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN);
  test_json_failures("pmh_canonicalize", pmh_canonicalize, "{}");

  j = get("{\"a\":{\"b/c\":[1,\"x\",null]},\"n\":2470}", "/n");
  CHECK_STR(j, "2470");
  pmh_string_free(j);
  j = get("{\"a\":{\"b/c\":[1,\"x\",null]},\"n\":2470}", "/a/b~1c/1");
  CHECK_STR(j, "\"x\"");
  pmh_string_free(j);
  j = get("{\"a\":{\"b/c\":[1,\"x\",null]}}", "");
  CHECK_STR(j, "{\"a\":{\"b/c\":[1,\"x\",null]}}");
  pmh_string_free(j);
  CHECK_STATUS(pmh_json_get(TXT("{\"a\":1}"), TXT("/b"), &out, &len), PMH_NOT_FOUND);
  CHECK_STR(last_error(), "nothing at this JSON Pointer");
  CHECK_STATUS(pmh_json_get(TXT("[1]"), TXT("/1"), &out, &len), PMH_NOT_FOUND);
  CHECK_STATUS(pmh_json_get(TXT("{\"a\":1}"), TXT("a"), &out, &len), PMH_INVALID_ARGUMENT);
  CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN);
  test_json2_failures("pmh_json_get", pmh_json_get, "{\"a\":1}", "/a", "json", "pointer",
                      "out_json");
  CHECK_STATUS(pmh_json_get(TXT("{\"a\":1,\"a\":2}"), TXT("/a"), &out, &len), PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.duplicate_key");
  CHECK_STATUS(pmh_json_get((const uint8_t *)"{\"a\":1}", 6, TXT("/a"), &out, &len), PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.syntax");
  CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN);
}

/* ------------------------------------------------------------------ */

static void test_eligibility(void) {
  char *j, *v;
  char *out = SENTINEL_PTR;
  size_t len = SENTINEL_LEN;
  size_t line = 0, column = 0;

  j = json2(pmh_subsidy_eligibility, CERT, VISIT);
  CHECK_STR(j, "{\"eligible\":true,\"settlement\":\"window\",\"reasons\":[]}");
  pmh_string_free(j);
  /* The day after validTo, at an institution not designated. */
  j = json2(pmh_subsidy_eligibility, CERT,
            "{\"date\":\"2025-04-01\",\"institutionCode\":\"1310000011\",\"setting\":\"outpatient\"}");
  v = get(j, "/eligible");
  CHECK_STR(v, "false");
  pmh_string_free(v);
  CHECK(j && strstr(j, "subsidy.eligibility.expired") && strstr(j, "subsidy.eligibility.not_designated") &&
        strstr(j, "\"settlement\":\"none\""));
  CHECK(j && strstr(j, "983205673214") == NULL && strstr(j, "見本") == NULL);
  pmh_string_free(j);

  /* Invalid inputs: the code, never the data. */
  CHECK_STATUS(pmh_subsidy_eligibility(TXT("{}"), TXT(VISIT), &out, &len),
               PMH_SUBSIDY_INVALID_REQUEST);
  CHECK_STR(last_error(), "subsidy.certificate.required");
  CHECK_STATUS(pmh_subsidy_eligibility(TXT(CERT), TXT("{\"date\":\"2024-02-30\"}"), &out, &len),
               PMH_SUBSIDY_INVALID_REQUEST);
  CHECK_STR(last_error(), "subsidy.visit.shape");
  CHECK_STATUS(pmh_last_error_position(&line, &column), PMH_OK);
  CHECK(line == 1 && column > 0);
  CHECK_STATUS(pmh_subsidy_eligibility(TXT(CERT), TXT("[]"), &out, &len),
               PMH_SUBSIDY_INVALID_REQUEST);
  CHECK(strcmp(pmh_status_message(PMH_SUBSIDY_INVALID_REQUEST), "unknown pmh_status value") != 0);
  CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN);
  test_json2_failures("pmh_subsidy_eligibility", pmh_subsidy_eligibility, CERT, VISIT,
                      "certificate", "visit", "out_json");
  test_json2_bad_json("pmh_subsidy_eligibility", pmh_subsidy_eligibility, CERT, VISIT);
}

/* A copayment request for CERT: points, and the ledgers member (or ""). */
static void copay_request(char *buf, size_t cap, const char *visit_id, int points,
                          const char *ledgers) {
  snprintf(buf, cap,
           "{\"visit\":{\"id\":\"%s\",\"date\":\"2024-05-20\",\"institutionCode\":\"3618010015\","
           "\"setting\":\"outpatient\",\"points\":%d,\"insuranceCopayPercent\":30},"
           "\"certificates\":[%s]%s%s}",
           visit_id, points, CERT, *ledgers ? ",\"ledgers\":" : "", ledgers);
}

static void test_copayment(void) {
  char request[4096];
  char *j, *v;
  char *out = SENTINEL_PTR;
  size_t len = SENTINEL_LEN, line = 0, column = 0;
  const char *ledger =
      "[{\"payerNumber\":\"54136015\",\"month\":\"2024-05\",\"cap\":10000,\"entries\":[{\"id\":\"p-1\","
      "\"date\":\"2024-05-02\",\"institutionCode\":\"3648010019\",\"setting\":\"pharmacy\","
      "\"totalCost\":45000,\"copayDue\":9000,\"charged\":9000}]}]";

  /* 2,500 点, 3割, 指定難病 2割: 5,000円, under the cap. */
  copay_request(request, sizeof request, "v-1", 2500, "");
  j = json_of(pmh_subsidy_copayment(TXT(request), &out, &len), &out, &len);
  v = get(j, "/patientPays");
  CHECK_STR(v, "5000");
  pmh_string_free(v);
  v = get(j, "/ledgerEntries/0/entry/charged");
  CHECK_STR(v, "5000");
  pmh_string_free(v);
  CHECK(j && strstr(j, "1234566") == NULL && strstr(j, "983205673214") == NULL);
  pmh_string_free(j);
  /* With the month's ledger: 9,000 already charged, 1,000 left. */
  copay_request(request, sizeof request, "v-1", 2500, ledger);
  j = json_of(pmh_subsidy_copayment(TXT(request), &out, &len), &out, &len);
  v = get(j, "/patientPays");
  CHECK_STR(v, "1000");
  pmh_string_free(v);
  v = get(j, "/publicPayers/0/capRemaining");
  CHECK_STR(v, "0");
  pmh_string_free(v);
  pmh_string_free(j);

  out = SENTINEL_PTR;
  len = SENTINEL_LEN;
  copay_request(request, sizeof request, "v-1", -1, "");
  CHECK_STATUS(pmh_subsidy_copayment(TXT(request), &out, &len), PMH_SUBSIDY_INVALID_REQUEST);
  CHECK_STR(last_error(), "subsidy.copay.negative_points");
  /* The visit id is recorded in the ledger with other content. */
  copay_request(request, sizeof request, "p-1", 2500, ledger);
  CHECK_STATUS(pmh_subsidy_copayment(TXT(request), &out, &len), PMH_LEDGER_CONFLICT);
  CHECK_STR(last_error(), "subsidy.ledger.conflict");
  /* Shape errors: where, not what. */
  CHECK_STATUS(pmh_subsidy_copayment(TXT("{\"visit\":{\"id\":\"v\"},\n\"certificates\":[]}"),
                                     &out, &len),
               PMH_SUBSIDY_INVALID_REQUEST);
  CHECK_STR(last_error(), "subsidy.copay.request");
  CHECK_STATUS(pmh_last_error_position(&line, &column), PMH_OK);
  CHECK(line >= 1);
  CHECK_STATUS(pmh_subsidy_copayment(TXT("{\"visit\":{},\"certificates\":[{}]}"), &out, &len),
               PMH_SUBSIDY_INVALID_REQUEST);
  CHECK_STR(last_error(), "subsidy.certificate.required");
  CHECK_STATUS(pmh_subsidy_copayment(TXT("{\"visit\":1,\"visit\":2}"), &out, &len), PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.duplicate_key");
  CHECK_STATUS(pmh_subsidy_copayment((const uint8_t *)request, 10, &out, &len), PMH_JSON_ERROR);
  CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN);
  test_json_failures("pmh_subsidy_copayment", pmh_subsidy_copayment, "{}");
}

static pmh_status ledger_charge_record_only(const uint8_t *ledger, size_t ledger_len,
                                            const uint8_t *entry, size_t entry_len, char **out,
                                            size_t *out_len) {
  char *l = NULL;
  size_t n = 0;
  pmh_status s = pmh_cap_ledger_charge(ledger, ledger_len, entry, entry_len, &l, &n, out, out_len);
  pmh_string_free(l);
  return s;
}

static void test_cap_ledger(void) {
  char *empty, *l1, *l2, *rec1, *rec2, *other, *merged, *v;
  char *out = SENTINEL_PTR, *out2 = SENTINEL_PTR;
  size_t len = SENTINEL_LEN, len2 = SENTINEL_LEN, n1 = 0, n2 = 0;
  char entry[256];
  const char *e1 = "{\"id\":\"v-1\",\"date\":\"2024-05-10\",\"institutionCode\":\"3618010015\","
                   "\"setting\":\"outpatient\",\"totalCost\":30000,\"copayDue\":6000}";

  empty = json2(pmh_cap_ledger_new, CERT, "2024-05");
  CHECK_STR(empty, "{\"payerNumber\":\"54136015\",\"month\":\"2024-05\",\"cap\":10000,\"entries\":[]}");
  CHECK_STATUS(pmh_cap_ledger_new(TXT(CERT), TXT("2024-5"), &out, &len),
               PMH_SUBSIDY_INVALID_REQUEST);
  CHECK_STR(last_error(), "subsidy.ledger.month_format");
  CHECK_STATUS(pmh_cap_ledger_new(TXT("{}"), TXT("2024-05"), &out, &len),
               PMH_SUBSIDY_INVALID_REQUEST);
  CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN);
  test_json2_failures("pmh_cap_ledger_new", pmh_cap_ledger_new, CERT, "2024-05", "certificate",
                      "month", "out_ledger");
  if (empty == NULL) {
    return;
  }

  /* Charge 6,000 then 6,000 against a 10,000 cap: 6,000 then 4,000. */
  l1 = rec1 = l2 = rec2 = NULL;
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(empty), TXT(e1), &l1, &n1, &rec1, &n2), PMH_OK);
  CHECK(l1 && rec1 && strlen(l1) == n1 && strlen(rec1) == n2);
  v = get(rec1, "/entry/charged");
  CHECK_STR(v, "6000");
  pmh_string_free(v);
  snprintf(entry, sizeof entry,
           "{\"id\":\"v-2\",\"date\":\"2024-05-12\",\"institutionCode\":\"3648010019\","
           "\"setting\":\"pharmacy\",\"totalCost\":30000,\"copayDue\":6000}");
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(l1 ? l1 : ""), TXT(entry), &l2, &n1, &rec2, &n2), PMH_OK);
  v = get(rec2, "/entry/charged");
  CHECK_STR(v, "4000");
  pmh_string_free(v);
  v = get(l2, "/entries/1/cumulative");
  CHECK_STR(v, "10000");
  pmh_string_free(v);
  v = get(rec2, "");
  CHECK(v && strstr(v, "\"payerNumber\":\"54136015\",\"month\":\"2024-05\",\"entry\":"));
  pmh_string_free(v);
  /* The record is a valid subsidy.copayment.record payload. */
  if (rec2 != NULL) {
    size_t errors = 1;
    char *report = NULL;
    CHECK_STATUS(pmh_validate(TXT("subsidy.copayment.record"), TXT(rec2), &report, &len, &errors),
                 PMH_OK);
    CHECK(errors == 0);
    pmh_string_free(report);
  }

  /* Failures write neither out-pair. */
  len = len2 = SENTINEL_LEN;
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(l2 ? l2 : ""), TXT(e1), &out, &len, &out2, &len2), PMH_OK);
  pmh_string_free(out);
  pmh_string_free(out2);
  out = out2 = SENTINEL_PTR;
  len = len2 = SENTINEL_LEN;
  snprintf(entry, sizeof entry,
           "{\"id\":\"v-1\",\"date\":\"2024-05-10\",\"institutionCode\":\"3618010015\","
           "\"setting\":\"outpatient\",\"totalCost\":30000,\"copayDue\":5000}");
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(l2 ? l2 : ""), TXT(entry), &out, &len, &out2, &len2),
               PMH_LEDGER_CONFLICT);
  CHECK_STR(last_error(), "subsidy.ledger.conflict");
  snprintf(entry, sizeof entry,
           "{\"id\":\"v-3\",\"date\":\"2024-06-01\",\"institutionCode\":\"3618010015\","
           "\"setting\":\"outpatient\",\"totalCost\":30000,\"copayDue\":5000}");
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(l2 ? l2 : ""), TXT(entry), &out, &len, &out2, &len2),
               PMH_LEDGER_REJECTED);
  CHECK_STR(last_error(), "subsidy.ledger.month");
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(l2 ? l2 : ""), TXT("{\"id\":\"v-4\",\"extra\":1}"), &out,
                                     &len, &out2, &len2),
               PMH_SUBSIDY_INVALID_REQUEST);
  CHECK_STR(last_error(), "subsidy.ledger.entry_shape");
  CHECK_STATUS(pmh_cap_ledger_charge(TXT("{\"payerNumber\":\"54136015\",\"month\":\"2024-05\",\"cap\":-1}"),
                                     TXT(e1), &out, &len, &out2, &len2),
               PMH_SUBSIDY_INVALID_REQUEST);
  CHECK_STR(last_error(), "subsidy.ledger.negative");
  CHECK_STATUS(pmh_cap_ledger_charge(TXT("{\"payerNumber\":\"x\"}"), TXT(e1), &out, &len, &out2,
                                     &len2),
               PMH_SUBSIDY_INVALID_REQUEST);
  CHECK_STR(last_error(), "subsidy.ledger.shape");
  CHECK_STATUS(pmh_cap_ledger_charge(NULL, 0, TXT(e1), &out, &len, &out2, &len2),
               PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `ledger` is NULL");
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(empty), NULL, 0, &out, &len, &out2, &len2),
               PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `entry` is NULL");
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(empty), TXT(e1), NULL, &len, &out2, &len2),
               PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out_ledger` is NULL");
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(empty), TXT(e1), &out, NULL, &out2, &len2),
               PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out_ledger_len` is NULL");
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(empty), TXT(e1), &out, &len, NULL, &len2),
               PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out_record` is NULL");
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(empty), TXT(e1), &out, &len, &out2, NULL),
               PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out_record_len` is NULL");
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(empty), BAD_UTF8, sizeof BAD_UTF8, &out, &len, &out2,
                                     &len2),
               PMH_INVALID_UTF8);
  CHECK_STATUS(pmh_cap_ledger_charge(TXT(empty), (const uint8_t *)e1, SIZE_MAX, &out, &len, &out2,
                                     &len2),
               PMH_INVALID_ARGUMENT);
  CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN && out2 == SENTINEL_PTR && len2 == SENTINEL_LEN);
  test_json2_bad_json("pmh_cap_ledger_charge", ledger_charge_record_only, empty, e1);

  /* Another institution records the reported entries; both copies merge to the same. */
  other = rec1 ? json2(pmh_cap_ledger_add_record, empty, rec1) : NULL;
  if (other != NULL && rec2 != NULL) {
    char *again = json2(pmh_cap_ledger_add_record, other, rec2);
    pmh_string_free(other);
    other = again;
  }
  if (other != NULL && l2 != NULL) {
    CHECK_STR(other, l2);
    merged = json2(pmh_cap_ledger_merge, other, l2);
    CHECK_STR(merged, l2);
    pmh_string_free(merged);
    merged = json2(pmh_cap_ledger_merge, empty, l2);
    CHECK_STR(merged, l2);
    pmh_string_free(merged);
    /* Idempotent. */
    merged = json2(pmh_cap_ledger_add_record, l2, rec2);
    CHECK_STR(merged, l2);
    pmh_string_free(merged);
  }
  out = SENTINEL_PTR;
  len = SENTINEL_LEN;
  CHECK_STATUS(pmh_cap_ledger_merge(TXT(empty),
                                    TXT("{\"payerNumber\":\"54136015\",\"month\":\"2024-06\",\"cap\":10000}"),
                                    &out, &len),
               PMH_LEDGER_REJECTED);
  CHECK_STR(last_error(), "subsidy.ledger.other_ledger");
  CHECK_STATUS(pmh_cap_ledger_merge(TXT(empty),
                                    TXT("{\"payerNumber\":\"54136015\",\"month\":\"2024-05\",\"cap\":5000}"),
                                    &out, &len),
               PMH_LEDGER_REJECTED);
  CHECK_STR(last_error(), "subsidy.ledger.caps");
  CHECK_STATUS(pmh_cap_ledger_add_record(TXT(empty), TXT("{\"payerNumber\":\"54136015\"}"), &out,
                                         &len),
               PMH_SUBSIDY_INVALID_REQUEST);
  CHECK_STATUS(pmh_cap_ledger_add_record(TXT(empty), TXT("[]"), &out, &len),
               PMH_SUBSIDY_INVALID_REQUEST);
  CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN);
  if (rec1 != NULL && l2 != NULL) {
    /* The same id with other content: a conflict. */
    char *changed = get(rec1, "");
    char *p = changed ? strstr(changed, "\"charged\":6000") : NULL;
    if (p != NULL) {
      memcpy(p, "\"charged\":5000", 14);
      CHECK_STATUS(pmh_cap_ledger_add_record(TXT(l2), TXT(changed), &out, &len),
                   PMH_LEDGER_CONFLICT);
      CHECK_STR(last_error(), "subsidy.ledger.conflict");
    } else {
      CHECK(0 && "record has no charged 6000");
    }
    pmh_string_free(changed);
  }
  test_json2_failures("pmh_cap_ledger_add_record", pmh_cap_ledger_add_record, empty,
                      rec1 ? rec1 : "{}", "ledger", "record", "out_ledger");
  test_json2_bad_json("pmh_cap_ledger_add_record", pmh_cap_ledger_add_record, empty,
                      rec1 ? rec1 : "{}");
  test_json2_failures("pmh_cap_ledger_merge", pmh_cap_ledger_merge, empty, empty, "ledger",
                      "other", "out_ledger");
  test_json2_bad_json("pmh_cap_ledger_merge", pmh_cap_ledger_merge, empty, empty);

  pmh_string_free(other);
  pmh_string_free(l1);
  pmh_string_free(l2);
  pmh_string_free(rec1);
  pmh_string_free(rec2);
  pmh_string_free(empty);
}


static void test_immunization(void) {
  const char *history = "{\"birthDate\":\"2024-04-15\",\"sex\":\"1\","
                        "\"doses\":[{\"vaccine\":\"bcg\",\"date\":\"2024-09-20\"}]}";
  char *j, *v;
  char *out = SENTINEL_PTR;
  size_t len = SENTINEL_LEN;

  j = json2(pmh_immunization_evaluate, history, "2024-10-01");
  v = get(j, "/asOf");
  CHECK_STR(v, "\"2024-10-01\"");
  pmh_string_free(v);
  pmh_string_free(j);
  /* 和暦 as_of; NULL as_of is today. */
  j = json2(pmh_immunization_evaluate, history, "R6.10.1");
  CHECK(j != NULL);
  pmh_string_free(j);
  j = NULL;
  CHECK_STATUS(pmh_immunization_evaluate(TXT(history), NULL, 0, &j, &len), PMH_OK);
  CHECK(j && strlen(j) == len);
  pmh_string_free(j);
  j = NULL;
  CHECK_STATUS(pmh_immunization_evaluate(TXT(history), NULL, 99, &j, &len), PMH_OK);
  pmh_string_free(j);

  len = SENTINEL_LEN;
  CHECK_STATUS(pmh_immunization_evaluate(TXT(history), TXT("2024-02-30"), &out, &len), PMH_INVALID);
  CHECK_STR(last_error(), "calendar.invalid_date");
  CHECK_STATUS(pmh_immunization_evaluate(TXT("{}"), TXT("2024-10-01"), &out, &len),
               PMH_IMMUNIZATION_INVALID_HISTORY);
  CHECK(strncmp(last_error(), "immunization.", 13) == 0);
  CHECK_STATUS(pmh_immunization_evaluate(TXT("{\"birthDate\":\"2024-04-15\",\"birthDate\":1}"),
                                         TXT("2024-10-01"), &out, &len),
               PMH_JSON_ERROR);
  CHECK_STR(last_error(), "json.duplicate_key");
  CHECK_STATUS(pmh_immunization_evaluate((const uint8_t *)history, 5, NULL, 0, &out, &len),
               PMH_JSON_ERROR);
  CHECK_STATUS(pmh_immunization_evaluate(NULL, 0, NULL, 0, &out, &len), PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `history` is NULL");
  CHECK_STATUS(pmh_immunization_evaluate(TXT(history), NULL, 0, NULL, &len), PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out_json` is NULL");
  CHECK_STATUS(pmh_immunization_evaluate(TXT(history), NULL, 0, &out, NULL), PMH_NULL_PARAMETER);
  CHECK_STR(last_error(), "parameter `out_len` is NULL");
  CHECK_STATUS(pmh_immunization_evaluate(BAD_UTF8, sizeof BAD_UTF8, NULL, 0, &out, &len),
               PMH_INVALID_UTF8);
  CHECK_STATUS(pmh_immunization_evaluate(TXT(history), BAD_UTF8, sizeof BAD_UTF8, &out, &len),
               PMH_INVALID_UTF8);
  CHECK_STR(last_error(), "parameter `as_of` is not valid UTF-8");
  CHECK_STATUS(pmh_immunization_evaluate((const uint8_t *)history, SIZE_MAX, NULL, 0, &out, &len),
               PMH_INVALID_ARGUMENT);
  CHECK_STATUS(pmh_immunization_evaluate(TXT(history), (const uint8_t *)"2024-10-01", SIZE_MAX,
                                         &out, &len),
               PMH_INVALID_ARGUMENT);
  CHECK(out == SENTINEL_PTR && len == SENTINEL_LEN);
}

/* ------------------------------------------------------------------ */

/* The last error is per thread: a failure on another thread is not seen here. */
static void *other_thread(void *arg) {
  char buf[PMH_ID_BUFFER_SIZE];
  size_t n;
  int *ok = (int *)arg;
  *ok = pmh_municipality_code_normalize(TXT("131017"), buf, sizeof buf, &n) == PMH_INVALID &&
        pmh_last_error_status() == PMH_INVALID;
  return NULL;
}

static void test_threads(void) {
  pthread_t t;
  int ok = 0;
  char buf[PMH_ID_BUFFER_SIZE];
  size_t n;
  CHECK_STATUS(pmh_payer_number_normalize(TXT("5401602"), buf, sizeof buf, &n), PMH_INVALID);
  CHECK(pthread_create(&t, NULL, other_thread, &ok) == 0);
  CHECK(pthread_join(t, NULL) == 0);
  CHECK(ok);
  CHECK_STR(last_error(), "ids.payer.length");
}

#if defined(PMH_TEST_PANIC)
static void test_panic(void) {
  char buf[PMH_ID_BUFFER_SIZE];
  size_t n;
  CHECK_STATUS(pmh_test_panic(), PMH_PANIC);
  CHECK_STATUS(pmh_last_error_status(), PMH_PANIC);
  CHECK(strstr(last_error(), "panic") != NULL);
  /* The library is still usable after a caught panic. */
  CHECK_STATUS(pmh_test_panic(), PMH_PANIC);
  CHECK_STATUS(pmh_payer_number_normalize(TXT("54016027"), buf, sizeof buf, &n), PMH_OK);
  CHECK_STR(buf, "54016027");
}
#endif

int main(void) {
  fprintf(stderr, "libpmh %s (header %s)\n", pmh_version(), PMH_VERSION_STRING);
  test_version_and_messages();
  test_last_error();
  test_identifiers();
  test_recipient_for_payer();
  test_my_number();
  test_id_check();
  test_dates();
  test_envelopes();
  test_validate();
  test_canonicalize_and_get();
  test_eligibility();
  test_copayment();
  test_cap_ledger();
  test_immunization();
  test_threads();
#if defined(PMH_TEST_PANIC)
  test_panic();
#else
  fprintf(stderr, "  (panic boundary test skipped: build with PMH_TEST_PANIC)\n");
#endif
  return check_summary();
}

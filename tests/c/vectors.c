/*
 * Conformance vectors through the C ABI.
 *
 * Reads cases from stdin, as written by tests/c/run_vectors.py:
 *   <operation>\n<field count>\n then per field <byte length>\n<bytes>\n
 * and runs each through libpmh, writing per case:
 *   <pmh_status>\n<length>\n<output JSON>\n<length>\n<last error message>\n
 * The driver compares the outputs with the vectors' expected outcomes, with
 * the same projection as `pmh conformance` (Rust) and tests/python.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmh.h"

#define MAX_FIELDS 8

typedef struct {
    char *data;
    size_t len;
} field;

static int read_line_number(size_t *out) {
    unsigned long long v;
    if (scanf("%llu", &v) != 1) {
        return 0;
    }
    if (getchar() != '\n') {
        return 0;
    }
    *out = (size_t)v;
    return 1;
}

static int read_field(field *f) {
    if (!read_line_number(&f->len)) {
        return 0;
    }
    f->data = malloc(f->len + 1);
    if (f->data == NULL) {
        return 0;
    }
    if (f->len > 0 && fread(f->data, 1, f->len, stdin) != f->len) {
        return 0;
    }
    f->data[f->len] = '\0';
    return getchar() == '\n';
}

static const uint8_t *u8(const field *f) { return (const uint8_t *)f->data; }

static void emit(pmh_status status, char *out, size_t out_len) {
    char *err = NULL;
    size_t err_len = 0;
    if (status != PMH_OK && pmh_last_error_message(&err, &err_len) != PMH_OK) {
        err = NULL;
        err_len = 0;
    }
    printf("%u\n%zu\n", (unsigned)status, out_len);
    if (out_len > 0) {
        fwrite(out, 1, out_len, stdout);
    }
    printf("\n%zu\n", err_len);
    if (err_len > 0) {
        fwrite(err, 1, err_len, stdout);
    }
    printf("\n");
    pmh_string_free(out);
    pmh_string_free(err);
}

static pmh_id_kind kind_of(const field *f) {
    static const struct {
        const char *name;
        pmh_id_kind kind;
    } kinds[] = {
        {"payer", PMH_ID_KIND_PAYER},           {"recipient", PMH_ID_KIND_RECIPIENT},
        {"insurer", PMH_ID_KIND_INSURER},       {"institution", PMH_ID_KIND_INSTITUTION},
        {"municipality", PMH_ID_KIND_MUNICIPALITY}, {"mynumber", PMH_ID_KIND_MY_NUMBER},
    };
    size_t i;
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(f->data, kinds[i].name) == 0) {
            return kinds[i].kind;
        }
    }
    return PMH_ID_KIND_AUTO;
}

/* id.check: kind, value, payer, rule ("" when absent). */
static pmh_status id_check(field *f, char **out, size_t *len) {
    if (f[2].len > 0) {
        return pmh_id_check_recipient_for_payer(u8(&f[2]), f[2].len, u8(&f[1]), f[1].len, out, len);
    }
    if (f[3].len > 0) {
        pmh_recipient_rule rule = strcmp(f[3].data, "local") == 0 ? PMH_RECIPIENT_RULE_LOCAL : PMH_RECIPIENT_RULE_NATIONAL;
        return pmh_id_check_recipient(rule, u8(&f[1]), f[1].len, out, len);
    }
    return pmh_id_check(kind_of(&f[0]), u8(&f[1]), f[1].len, out, len);
}

/* envelope.seal: keyPem, id, type, from, to, issuedAt, expiresAt, payload. */
static pmh_status seal(field *f, char **out, size_t *len) {
    pmh_signing_key *key = NULL;
    pmh_status s = pmh_signing_key_from_pkcs8(u8(&f[0]), f[0].len, &key);
    if (s != PMH_OK) {
        return s;
    }
    s = pmh_envelope_seal_draft(key, u8(&f[1]), f[1].len, u8(&f[2]), f[2].len, u8(&f[3]), f[3].len,
                                u8(&f[4]), f[4].len, u8(&f[5]), f[5].len, u8(&f[6]), f[6].len,
                                u8(&f[7]), f[7].len, 0, out, len);
    pmh_signing_key_free(key);
    return s;
}

/* envelope.open: envelope, trust, now, receiver ("" = none), allowUnknownTypes ("1"/"0"). */
static pmh_status open_envelope(field *f, char **out, size_t *len) {
    pmh_trust_store *trust = NULL;
    pmh_status s = pmh_trust_store_from_json(u8(&f[1]), f[1].len, &trust);
    if (s != PMH_OK) {
        return s;
    }
    s = pmh_envelope_open_at(trust, NULL, f[3].len > 0 ? u8(&f[3]) : NULL, f[3].len, u8(&f[0]), f[0].len,
                             u8(&f[2]), f[2].len, strcmp(f[4].data, "1") == 0 ? PMH_ENVELOPE_ALLOW_UNKNOWN_TYPES : 0,
                             out, len);
    pmh_trust_store_free(trust);
    return s;
}

static pmh_status run_case(const char *op, field *f, char **out, size_t *len) {
    if (strcmp(op, "id.check") == 0) {
        return id_check(f, out, len);
    }
    if (strcmp(op, "date.convert") == 0) {
        return pmh_date_convert(u8(&f[0]), f[0].len, out, len);
    }
    if (strcmp(op, "canonicalize") == 0) {
        return pmh_canonicalize(u8(&f[0]), f[0].len, out, len);
    }
    if (strcmp(op, "validate") == 0) {
        return pmh_validate(u8(&f[0]), f[0].len, u8(&f[1]), f[1].len, out, len, NULL);
    }
    if (strcmp(op, "envelope.seal") == 0) {
        return seal(f, out, len);
    }
    if (strcmp(op, "envelope.open") == 0) {
        return open_envelope(f, out, len);
    }
    if (strcmp(op, "subsidy.eligibility") == 0) {
        return pmh_subsidy_eligibility(u8(&f[0]), f[0].len, u8(&f[1]), f[1].len, out, len);
    }
    if (strcmp(op, "subsidy.copayment") == 0) {
        return pmh_subsidy_copayment(u8(&f[0]), f[0].len, out, len);
    }
    if (strcmp(op, "immunization.evaluate") == 0) {
        return pmh_immunization_evaluate(u8(&f[0]), f[0].len, u8(&f[1]), f[1].len, out, len);
    }
    return PMH_INVALID_ARGUMENT;
}

int main(void) {
    char op[64];
    while (scanf("%63s", op) == 1) {
        size_t count = 0, i;
        field f[MAX_FIELDS];
        char *out = NULL;
        size_t out_len = 0;
        pmh_status s;
        memset(f, 0, sizeof f);
        if (getchar() != '\n' || !read_line_number(&count) || count > MAX_FIELDS) {
            fprintf(stderr, "vectors: malformed case stream\n");
            return 2;
        }
        for (i = 0; i < count; i++) {
            if (!read_field(&f[i])) {
                fprintf(stderr, "vectors: malformed field\n");
                return 2;
            }
        }
        for (; i < MAX_FIELDS; i++) {
            f[i].data = calloc(1, 1);
            if (f[i].data == NULL) {
                return 2;
            }
        }
        s = run_case(op, f, &out, &out_len);
        if (s != PMH_OK) {
            out = NULL;
            out_len = 0;
        }
        emit(s, out, out_len);
        for (i = 0; i < MAX_FIELDS; i++) {
            free(f[i].data);
        }
    }
    return 0;
}

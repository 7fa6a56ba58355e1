/*
 * Tiny test harness for the libpmh C tests: counts passes and failures and
 * prints "N passed, M failed" as the last line (tests/c/run.sh reads it).
 */
#ifndef PMH_TEST_CHECK_H
#define PMH_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed = 0;
static int check_failed = 0;

#define CHECK(cond)                                                                  \
  do {                                                                               \
    if (cond) {                                                                      \
      check_passed++;                                                                \
    } else {                                                                         \
      check_failed++;                                                                \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                \
    }                                                                                \
  } while (0)

/* Compares two pmh_status values and shows both on failure. */
#define CHECK_STATUS(call, expected)                                                 \
  do {                                                                               \
    unsigned check_got_ = (unsigned)(call);                                          \
    unsigned check_want_ = (unsigned)(expected);                                     \
    if (check_got_ == check_want_) {                                                 \
      check_passed++;                                                                \
    } else {                                                                         \
      check_failed++;                                                                \
      fprintf(stderr, "FAIL %s:%d: %s returned %u (%s), expected %u (%s)\n",         \
              __FILE__, __LINE__, #call, check_got_, pmh_status_message(check_got_), \
              check_want_, #expected);                                               \
    }                                                                                \
  } while (0)

#define CHECK_STR(got, want)                                                         \
  do {                                                                               \
    const char *check_g_ = (got);                                                    \
    const char *check_w_ = (want);                                                   \
    if (check_g_ != NULL && strcmp(check_g_, check_w_) == 0) {                       \
      check_passed++;                                                                \
    } else {                                                                         \
      check_failed++;                                                                \
      fprintf(stderr, "FAIL %s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__,       \
              __LINE__, #got, check_g_ ? check_g_ : "(null)", check_w_);             \
    }                                                                                \
  } while (0)

/* Prints the summary line and gives main's exit code. */
static int check_summary(void) {
  printf("%d passed, %d failed\n", check_passed, check_failed);
  return check_failed == 0 ? 0 : 1;
}

#endif /* PMH_TEST_CHECK_H */

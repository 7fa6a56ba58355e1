// The header compiles as C++ (extern "C" guards, typed pmh_status enum) and
// links: built with g++ -std=c++11 -Wall -Wextra -Werror by tests/c/run.sh.
#include "pmh.h"

#include <cstdio>
#include <cstring>
#include <string>

int main() {
  int failed = 0;
  int passed = 0;
  const std::string payer = "54016027";
  char buf[PMH_ID_BUFFER_SIZE];
  size_t n = 0;
  pmh_status s = pmh_payer_number_normalize(reinterpret_cast<const uint8_t *>(payer.data()),
                                            payer.size(), buf, sizeof buf, &n);
  (s == PMH_OK && std::string(buf, n) == payer) ? passed++ : failed++;

  char *json = nullptr;
  size_t len = 0;
  const std::string date = "令和6年4月1日";
  s = pmh_date_convert(reinterpret_cast<const uint8_t *>(date.data()), date.size(), &json, &len);
  (s == PMH_OK && json != nullptr && std::strlen(json) == len &&
   std::string(json).find("\"iso\":\"2024-04-01\"") != std::string::npos)
      ? passed++
      : failed++;
  pmh_string_free(json);

  s = pmh_my_number_check(nullptr, 0);
  (s == PMH_NULL_PARAMETER) ? passed++ : failed++;
  (std::string(pmh_status_message(s)) == "a pointer parameter was NULL") ? passed++ : failed++;
  (std::string(pmh_version()) == PMH_VERSION_STRING) ? passed++ : failed++;

  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

#!/usr/bin/env bash
# C tests of libpmh: real C (and C++) programs compiled against include/pmh.h,
# linked statically and dynamically, run natively and under valgrind, plus the
# install step (pmh-ffi/install.sh) checked with pkg-config, and the shared
# conformance vectors (tests/vectors) run through the C ABI (vectors.c +
# run_vectors.py). The examples
# (examples/c/*.c) are built with the same flags and run the same ways (each
# run counts as one test).
#
# Usage: tests/c/run.sh [PROFILE_DIR]        (or PMH_PROFILE_DIR=...)
#   PROFILE_DIR   cargo profile directory holding libpmh.{a,so}; default
#                 target/debug. target/release builds with --release, any
#                 other target/NAME with --profile NAME.
# Environment:
#   PMH_SKIP_BUILD=1    do not run cargo (use the libraries already there)
#   PMH_TEST_PANIC=0    build without the `test-panic` feature (the panic
#                       boundary test is then skipped)
#   PMH_VALGRIND=0      do not run valgrind (it is also skipped, with a
#                       warning, when not installed)
#   CC, CXX             compilers (default cc, c++)
# Prints "N passed, M failed" last; exits non-zero on any failure, compiler
# warning or valgrind error.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

PROFILE_DIR=${1:-${PMH_PROFILE_DIR:-target/debug}}
case "$PROFILE_DIR" in /*) ;; *) PROFILE_DIR="$ROOT/$PROFILE_DIR" ;; esac
PROFILE=$(basename "$PROFILE_DIR")
CC=${CC:-cc}
CXX=${CXX:-c++}
TEST_PANIC=${PMH_TEST_PANIC:-1}

say() { printf '\n== %s\n' "$*"; }

if [ "${PMH_SKIP_BUILD:-0}" != 1 ]; then
  cargo_args=(build -p pmh-ffi)
  case "$PROFILE" in
    debug) ;;
    release) cargo_args+=(--release) ;;
    *) cargo_args+=(--profile "$PROFILE") ;;
  esac
  [ "$TEST_PANIC" = 1 ] && cargo_args+=(--features test-panic)
  say "cargo ${cargo_args[*]}"
  CARGO_TARGET_DIR=$(dirname "$PROFILE_DIR") cargo "${cargo_args[@]}"
fi

for f in libpmh.a libpmh.so; do
  if [ ! -f "$PROFILE_DIR/$f" ]; then
    echo "missing $PROFILE_DIR/$f" >&2
    exit 2
  fi
done

BUILD="$PROFILE_DIR/c-tests"
rm -rf "$BUILD"
mkdir -p "$BUILD/lib"
# The shared library's SONAME is libpmh.so.0: give the loader that name.
soname=$(readelf -d "$PROFILE_DIR/libpmh.so" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
cp "$PROFILE_DIR/libpmh.so" "$BUILD/lib/libpmh.so.${soname#libpmh.so.}.real"
ln -s "libpmh.so.${soname#libpmh.so.}.real" "$BUILD/lib/${soname:-libpmh.so.0}"
ln -s "${soname:-libpmh.so.0}" "$BUILD/lib/libpmh.so"

CFLAGS=(-std=c99 -Wall -Wextra -Werror -pedantic -g -I"$ROOT/include" -I"$ROOT/tests/c")
[ "$TEST_PANIC" = 1 ] && CFLAGS+=(-DPMH_TEST_PANIC)
CXXFLAGS=(-std=c++11 -Wall -Wextra -Werror -pedantic -g -I"$ROOT/include")
DYN=(-L"$BUILD/lib" -lpmh -Wl,-rpath,"$BUILD/lib")

say "compile (static, dynamic, C++)"
"$CC" "${CFLAGS[@]}" -o "$BUILD/test_static" tests/c/test_pmh.c "$PROFILE_DIR/libpmh.a" -lpthread -ldl -lm
"$CC" "${CFLAGS[@]}" -o "$BUILD/test_dynamic" tests/c/test_pmh.c "${DYN[@]}" -lpthread
# The conformance vectors (tests/vectors) through the C ABI.
"$CC" "${CFLAGS[@]}" -o "$BUILD/vectors" tests/c/vectors.c "$PROFILE_DIR/libpmh.a" -lpthread -ldl -lm
"$CXX" "${CXXFLAGS[@]}" -o "$BUILD/test_cpp" tests/c/test_cpp.cpp "${DYN[@]}"
# The examples, with the same strict flags.
"$CC" "${CFLAGS[@]}" -o "$BUILD/receipt_flow_static" examples/c/receipt_flow.c "$PROFILE_DIR/libpmh.a" -lpthread -ldl -lm
"$CC" "${CFLAGS[@]}" -o "$BUILD/receipt_flow_dynamic" examples/c/receipt_flow.c "${DYN[@]}"
# Also the header alone in strict C89-with-extensions-off and C11 modes.
for std in c99 c11; do
  printf '#include "pmh.h"\nint main(void) { return pmh_version() == 0; }\n' > "$BUILD/header_$std.c"
  "$CC" -std=$std -Wall -Wextra -Werror -pedantic -I"$ROOT/include" -o "$BUILD/header_$std" "$BUILD/header_$std.c" "${DYN[@]}"
done
if ! readelf -d "$BUILD/test_dynamic" | grep -q "NEEDED.*\[libpmh.so.0\]"; then
  echo "test_dynamic does not depend on libpmh.so.0 (SONAME missing?)" >&2
  exit 1
fi

total_passed=0
total_failed=0
status=0

# run NAME CMD...: runs a test program, adds up its "N passed, M failed" line.
run() {
  local name=$1
  shift
  local log="$BUILD/$name.log"
  say "$name"
  set +e
  "$@" >"$log.out" 2>"$log.err"
  local rc=$?
  set -e
  cat "$log.out"
  local line
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log.out" | tail -1 || true)
  if [ $rc -ne 0 ] || [ -z "$line" ]; then
    echo "FAILED: $name (exit $rc)" >&2
    sed 's/^/  | /' "$log.err" | tail -60 >&2
    status=1
  fi
  if [ -n "$line" ]; then
    local p f
    p=${line%% passed*}
    f=${line#*, }
    f=${f%% failed}
    total_passed=$((total_passed + p))
    total_failed=$((total_failed + f))
  fi
}

# example NAME CMD...: runs an example program; one pass when it exits 0 with
# its last line "<program>: OK", else one failure.
example() {
  local name=$1
  shift
  local log="$BUILD/$name.log"
  say "$name"
  set +e
  "$@" >"$log.out" 2>"$log.err"
  local rc=$?
  set -e
  tail -3 "$log.out"
  if [ $rc -eq 0 ] && tail -1 "$log.out" | grep -qE '^[a-z_]+: OK$'; then
    total_passed=$((total_passed + 1))
  else
    echo "FAILED: $name (exit $rc)" >&2
    sed 's/^/  | /' "$log.err" | tail -60 >&2
    total_failed=$((total_failed + 1))
    status=1
  fi
}

run static "$BUILD/test_static"
run dynamic "$BUILD/test_dynamic"
run cpp "$BUILD/test_cpp"
run conformance-vectors python3 tests/c/run_vectors.py "$BUILD/vectors"
example receipt-flow-static "$BUILD/receipt_flow_static"
example receipt-flow-dynamic "$BUILD/receipt_flow_dynamic" samples/subsidy/certificates.json

if [ "${PMH_VALGRIND:-1}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
  VG=(valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect
      --show-leak-kinds=definite,indirect)
  run valgrind-static "${VG[@]}" "$BUILD/test_static"
  run valgrind-dynamic "${VG[@]}" "$BUILD/test_dynamic"
  run valgrind-cpp "${VG[@]}" "$BUILD/test_cpp"
  run valgrind-conformance-vectors python3 tests/c/run_vectors.py "${VG[@]}" "$BUILD/vectors"
  example valgrind-receipt-flow-static "${VG[@]}" "$BUILD/receipt_flow_static" samples/subsidy/certificates.json
  example valgrind-receipt-flow-dynamic "${VG[@]}" "$BUILD/receipt_flow_dynamic"
else
  echo "WARNING: valgrind not run (not installed, or PMH_VALGRIND=0)" >&2
fi

say "install to a temporary prefix, build with pkg-config"
PREFIX="$BUILD/prefix"
PMH_NO_BUILD=1 PMH_PROFILE_DIR="$PROFILE_DIR" bash pmh-ffi/install.sh "$PREFIX" >"$BUILD/install.log"
export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
if command -v pkg-config >/dev/null 2>&1; then
  # Exactly what the README documents for users (unquoted on purpose).
  # shellcheck disable=SC2046
  "$CC" "${CFLAGS[@]}" -o "$BUILD/test_pc_dynamic" tests/c/test_pmh.c \
    $(pkg-config --cflags --libs pmh) -Wl,-rpath,"$(pkg-config --variable=libdir pmh)"
  # shellcheck disable=SC2046
  "$CC" "${CFLAGS[@]}" -o "$BUILD/test_pc_static" tests/c/test_pmh.c $(pkg-config --cflags --libs pmh-static)
  if readelf -d "$BUILD/test_pc_static" | grep -q "NEEDED.*libpmh"; then
    echo "test_pc_static is not linked statically" >&2
    exit 1
  fi
  run pkg-config-dynamic "$BUILD/test_pc_dynamic"
  run pkg-config-static "$BUILD/test_pc_static"
else
  echo "WARNING: pkg-config not installed: install step not checked" >&2
fi

printf '\n%d passed, %d failed\n' "$total_passed" "$total_failed"
if [ $status -ne 0 ] || [ "$total_failed" -ne 0 ]; then
  exit 1
fi

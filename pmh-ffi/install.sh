#!/usr/bin/env bash
# Installs libpmh for C/C++ users: header, static and shared library, and
# pkg-config files, under PREFIX (default /usr/local).
#
#   pmh-ffi/install.sh [PREFIX]
#
# Installs
#   PREFIX/include/pmh.h
#   PREFIX/lib/libpmh.a
#   PREFIX/lib/libpmh.so.X.Y.Z, libpmh.so.X -> it (SONAME), libpmh.so -> libpmh.so.X
#   PREFIX/lib/pkgconfig/pmh.pc          cc app.c $(pkg-config --cflags --libs pmh)
#   PREFIX/lib/pkgconfig/pmh-static.pc   cc app.c $(pkg-config --cflags --libs pmh-static)
#
# Environment:
#   DESTDIR          staging root for packagers (files go to DESTDIR/PREFIX/...,
#                    the .pc files still name PREFIX)
#   LIBDIR           library directory (default PREFIX/lib)
#   PMH_PROFILE_DIR  cargo profile directory to install from (default target/release)
#   PMH_NO_BUILD=1   do not run `cargo build --release -p pmh-ffi` first
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PREFIX=${1:-${PREFIX:-/usr/local}}
LIBDIR=${LIBDIR:-$PREFIX/lib}
INCLUDEDIR=$PREFIX/include
DEST=${DESTDIR:-}
PROFILE_DIR=${PMH_PROFILE_DIR:-$ROOT/target/release}

if [ "${PMH_NO_BUILD:-0}" != 1 ]; then
  cargo build --release -p pmh-ffi
  PROFILE_DIR=$ROOT/target/release
fi

VERSION=$(sed -n 's/^#define PMH_VERSION_STRING "\(.*\)"$/\1/p' include/pmh.h)
MAJOR=${VERSION%%.*}
if [ -z "$VERSION" ]; then
  echo "cannot read PMH_VERSION_STRING from include/pmh.h" >&2
  exit 2
fi
case "$(uname -s)" in
  Linux) NATIVE="-lpthread -ldl -lm -lrt -lutil -lgcc_s -lc" ;;
  Darwin) NATIVE="-lSystem -lc -lm" ;;
  *) NATIVE="-lpthread -lm" ;;
esac

install -d "$DEST$INCLUDEDIR" "$DEST$LIBDIR/pkgconfig"
install -m 0644 include/pmh.h "$DEST$INCLUDEDIR/pmh.h"
install -m 0644 "$PROFILE_DIR/libpmh.a" "$DEST$LIBDIR/libpmh.a"
if [ "$(uname -s)" = Darwin ]; then
  install -m 0755 "$PROFILE_DIR/libpmh.dylib" "$DEST$LIBDIR/libpmh.$VERSION.dylib"
  ln -sf "libpmh.$VERSION.dylib" "$DEST$LIBDIR/libpmh.$MAJOR.dylib"
  ln -sf "libpmh.$MAJOR.dylib" "$DEST$LIBDIR/libpmh.dylib"
else
  install -m 0755 "$PROFILE_DIR/libpmh.so" "$DEST$LIBDIR/libpmh.so.$VERSION"
  ln -sf "libpmh.so.$VERSION" "$DEST$LIBDIR/libpmh.so.$MAJOR"
  ln -sf "libpmh.so.$MAJOR" "$DEST$LIBDIR/libpmh.so"
fi

# pc NAME LIBS LIBS_PRIVATE SUFFIX: writes LIBDIR/pkgconfig/NAME.pc from pmh.pc.in.
pc() {
  sed -e "s|@PREFIX@|$PREFIX|" -e "s|@LIBDIR@|$LIBDIR|" -e "s|@INCLUDEDIR@|$INCLUDEDIR|" \
      -e "s|@NAME@|$1|" -e "s|@VERSION@|$VERSION|" -e "s|@LIBS@|$2|" \
      -e "s|@LIBS_PRIVATE@|$3|" -e "s|@DESCRIPTION_SUFFIX@|$4|" \
      pmh-ffi/pmh.pc.in >"$DEST$LIBDIR/pkgconfig/$1.pc"
  chmod 0644 "$DEST$LIBDIR/pkgconfig/$1.pc"
}
pc pmh '-L${libdir} -lpmh' "$NATIVE" ""
pc pmh-static '${libdir}/libpmh.a '"$NATIVE" "" "; static library"

echo "installed libpmh $VERSION under $DEST$PREFIX"
echo "  cc app.c \$(pkg-config --cflags --libs pmh)          # shared (libpmh.so.$MAJOR)"
echo "  cc app.c \$(pkg-config --cflags --libs pmh-static)   # static"

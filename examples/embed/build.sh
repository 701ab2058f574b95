#!/usr/bin/env bash
# Builds and runs examples/embed: textlib.c → wasm32 (clang-14, no libc) →
# textlib.o + textlib.h (wasmaotc -c --emit-header) → linked with main.c and
# libwasmaot-rt.a by the system cc → run. Needs a built tree (scripts/setup.sh).
#   examples/embed/build.sh                 uses build/, writes build/examples/embed/
# Environment: BUILD_DIR (default build), OUT (default BUILD_DIR/examples/embed).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=$(cd "${BUILD_DIR:-build}" && pwd)
OUT=${OUT:-$BUILD_DIR/examples/embed}
mkdir -p "$OUT"

# 1. The library to wasm: freestanding wasm32, exports named in the source, no entry point.
clang-14 --target=wasm32 -O2 -nostdlib -Wl,--no-entry examples/embed/textlib.c -o "$OUT/textlib.wasm"
# 2. To a native object and its C header (descriptor symbol wasmaot_module_textlib).
"$BUILD_DIR/bin/wasmaotc" -c --prefix=textlib "$OUT/textlib.wasm" -o "$OUT/textlib.o" \
  --emit-header "$OUT/textlib.h"
# 3. The C program, linked with the object and the runtime (C++ inside, hence -lstdc++).
cc -O2 -Wall -Wextra -I"$OUT" -I"$BUILD_DIR/include" examples/embed/main.c "$OUT/textlib.o" \
  "$BUILD_DIR/lib/libwasmaot-rt.a" -lstdc++ -lm -lpthread -o "$OUT/embed"
# 4. Run it.
"$OUT/embed"

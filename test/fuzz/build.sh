#!/usr/bin/env bash
# build.sh: builds the libFuzzer decoder+translator target into build-fuzz/decoder-fuzzer (clang++-14,
# -fsanitize=fuzzer,address,undefined) straight from the sources it needs, without CMake.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
CXX="${CXX:-clang++-14}"
out=build-fuzz
mkdir -p "$out"
"$CXX" -std=c++20 -g -O1 -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -Wall -Wextra -Wno-unused-parameter \
  -Iinclude -Ilib \
  lib/support/*.cpp lib/wasm/*.cpp lib/ir/*.cpp lib/frontend/*.cpp test/fuzz/DecoderFuzzer.cpp \
  -o "$out/decoder-fuzzer"
echo "built $out/decoder-fuzzer"

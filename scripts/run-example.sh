#!/usr/bin/env bash
# The main job on the bundled examples: set up (Debian packages, build), build
# examples/primes/primes.c to wasm32-wasi with clang-14 + Debian's wasi-libc,
# compile it with wasmaotc to a native executable and run it, run it again
# through `wasmaotc run` (compiled in memory), then build and run
# examples/embed (a C program calling a compiled module through its header).
# Environment: BUILD_DIR overrides build/ (as for scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export BUILD_DIR=${BUILD_DIR:-build}
scripts/setup.sh
BUILD=$BUILD_DIR
OUT=$BUILD/examples
mkdir -p "$OUT"

echo "== clang-14 --target=wasm32-wasi: examples/primes/primes.c -> $OUT/primes.wasm"
clang-14 --target=wasm32-wasi -O2 examples/primes/primes.c -o "$OUT/primes.wasm"
echo "   $(stat -c %s "$OUT/primes.wasm") bytes"

echo "== wasmaotc $OUT/primes.wasm -o $OUT/primes   (a native executable)"
"$BUILD/bin/wasmaotc" "$OUT/primes.wasm" -o "$OUT/primes"
echo "== $OUT/primes"
"$OUT/primes"
echo "== $OUT/primes 100"
"$OUT/primes" 100

echo "== wasmaotc run $OUT/primes.wasm -- 10000000   (compiled in memory, run at once)"
"$BUILD/bin/wasmaotc" run "$OUT/primes.wasm" -- 10000000

echo "== wasmaotc run $OUT/primes.wasm -- 1   (the program's own exit status)"
status=0
"$BUILD/bin/wasmaotc" run "$OUT/primes.wasm" -- 1 || status=$?
echo "   exit status $status"

echo "== examples/embed/build.sh   (C calls the exports of a compiled module through its header)"
BUILD_DIR=$BUILD examples/embed/build.sh

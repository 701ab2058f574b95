#!/usr/bin/env bash
# The main job on the bundled example: set up, build examples/primes/primes.c to
# wasm32-wasi with clang-14 + Debian's wasi-libc, then compile it with wasmaotc.
# Until the back end lands, "compile" means: validate, translate to IR, print the IR.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p build/examples
clang-14 --target=wasm32-wasi -O2 examples/primes/primes.c -o build/examples/primes.wasm
echo "== built build/examples/primes.wasm ($(stat -c %s build/examples/primes.wasm) bytes)"
build/bin/wasmaotc validate build/examples/primes.wasm
build/bin/wasmaotc --emit=ir build/examples/primes.wasm -o build/examples/primes.ir
build/bin/wasmaot-ir --verify-only build/examples/primes.ir
cat build/examples/primes.ir
echo "== IR of $(grep -c '^func ' build/examples/primes.ir) functions written to build/examples/primes.ir (verified)"

#!/usr/bin/env bash
# Cross-builds wasmaot for another ISA (docs/testing.md, "Cross-ISA testing"):
#   scripts/cross-build.sh aarch64|riscv64 [TARGET...]
# configures build-ISA/ with cmake/toolchains/ISA-linux-gnu.cmake
# (Debian's g++-aarch64-linux-gnu / g++-riscv64-linux-gnu; GoogleTest built from /usr/src/googletest;
# LLVM MC, Z3 and Google Benchmark are not there for the target, so the tests
# and tools that need them are left out) and builds the runtime archives
# (libwasmaot-rt.a, libwasmaot-main.a: what `wasmaotc --target=ISA -o`
# links), wasmaotc (the compiler as a program of that ISA), wasmaot-spectest and
# wasmaot-unittests, or the TARGETs given.
# Programs of the build run under qemu-ISA -L /usr/ISA-linux-gnu.
# Environment: BUILD_DIR (default build-ISA), JOBS (ninja -j), CI=true turns
# warnings into errors, NICE (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."

isa=${1:-}
case "$isa" in
  aarch64) toolchain=cmake/toolchains/aarch64-linux-gnu.cmake triple=aarch64-linux-gnu qemu=qemu-aarch64 ;;
  riscv64) toolchain=cmake/toolchains/riscv64-linux-gnu.cmake triple=riscv64-linux-gnu qemu=qemu-riscv64 ;;
  *) echo "usage: scripts/cross-build.sh aarch64|riscv64 [TARGET...]" >&2; exit 2 ;;
esac
shift
targets=("$@")
if ((${#targets[@]} == 0)); then targets=(wasmaot-rt wasmaot-main wasmaotc wasmaot-spectest wasmaot-unittests); fi

for tool in "$triple-g++" "$triple-gcc" "$qemu"; do
  if ! command -v "$tool" >/dev/null; then
    echo "cross-build: $tool not found (scripts/setup.sh --deps-only installs it)" >&2
    exit 1
  fi
done

BUILD_DIR=${BUILD_DIR:-build-$isa}
werror=OFF
if [ "${CI:-}" = "true" ]; then werror=ON; fi
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  mkdir -p "$BUILD_DIR"
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$PWD/$toolchain" -DCMAKE_BUILD_TYPE=Release \
    -DWASMAOT_WERROR=$werror -DWASMAOT_BENCH=OFF >"$BUILD_DIR/configure.log" 2>&1 ||
    { cat "$BUILD_DIR/configure.log" >&2; exit 1; }
fi
nice -n "${NICE:-10}" ninja -C "$BUILD_DIR" ${JOBS:+-j "$JOBS"} "${targets[@]}"

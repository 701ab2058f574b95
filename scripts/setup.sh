#!/usr/bin/env bash
# Sets up a fresh Debian machine for wasmaot and builds it: installs the Debian
# packages that are missing (non-interactive, idempotent: a no-op when all are
# there), configures build/ with CMake + Ninja and builds everything.
#   scripts/setup.sh              install + configure + build (Release)
#   scripts/setup.sh --deps-only  install only
# Environment: CI=true turns warnings into errors; BUILD_DIR overrides build/.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  cmake ninja-build g++ python3 git
  llvm-14-dev llvm-14-tools          # lit, FileCheck, MC disassembler
  clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32  # C -> wasm32-wasi (examples, benchmarks)
  libclang-rt-14-dev                 # libFuzzer and sanitizer runtimes
  libgtest-dev libbenchmark-dev libz3-dev
  libtcmalloc-minimal4               # wasmaotc's malloc (-DWASMAOT_TCMALLOC=ON: ~13% faster compiles)
  wabt binaryen                      # wat2wasm for lit tests; wasm-opt for differential testing
  qemu-user                          # runs AArch64 / RISC-V test programs (objects, later back ends)
  g++-aarch64-linux-gnu g++-riscv64-linux-gnu  # the AArch64/RISC-V cross build (scripts/cross-build.sh) and cross-linked
                                     # executables; pulls in the target's libc/libstdc++ (/usr/aarch64-linux-gnu)
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: all packages present"
fi
[ "${1:-}" = "--deps-only" ] && exit 0

BUILD_DIR=${BUILD_DIR:-build}
werror=OFF
if [ "${CI:-}" = "true" ]; then werror=ON; fi
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DWASMAOT_WERROR=$werror -DWASMAOT_TCMALLOC=ON \
  >/dev/null
ninja -C "$BUILD_DIR"

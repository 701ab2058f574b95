#!/usr/bin/env bash
# Grounds isa/aarch64/semantics in an AArch64 implementation, as
# test/verify/HardwareTest.cpp grounds the x86-64 semantics in this CPU: every
# form of isa/aarch64/semantics/forms-*.sem is run under qemu-aarch64 over
# edge-case and random operands (NaN payloads, signalling NaNs, ±0, values at
# the saturation bounds, shift counts past the width, division by zero and
# INT_MIN / -1, W forms with garbage in bits 63:32, shifted and extended
# registers, every condition over every NZCV state, loads and stores in each
# addressing shape) and compared with its semantics: the destination, NZCV and
# the memory around an access (gen.py says what and how; it fails when a form
# is not exercised). Part of the verifier gate (test/verify/run-all.sh; needs
# aarch64-linux-gnu-gcc and qemu-aarch64); BUILD_DIR must have built wasmaot-verify (libwasmaot_verify.a):
#   test/verify/hardware-aarch64/check.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
build="${1:-$root/build}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
python3 "$here/gen.py" "$out"
aarch64-linux-gnu-gcc -O0 -static -o "$out/t" "$out/t.c"
qemu-aarch64 "$out/t" > "$out/hw.txt"
g++ -std=c++20 -O1 -I"$root" -I"$root/include" -I"$root/tools" "$here/eval_forms.cpp" -o "$out/eval_forms" \
  "$build/lib/libwasmaot_verify.a" "$build/lib/libwasmaot_rulec_core.a" -lz3
"$out/eval_forms" aarch64 "$out/cases.txt" "$root/tools/rulec/prelude/ir.rules" "$root/isa/aarch64/rules/machine.rules" \
  "$root/isa/aarch64/rules/lower.rules" "$root/isa/aarch64/rules/float.rules" "$root"/isa/aarch64/semantics/*.sem > "$out/sem.txt"
python3 "$here/compare.py" "$out"

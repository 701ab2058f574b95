#!/usr/bin/env bash
# Grounds isa/riscv64/semantics in a RISC-V implementation, as
# test/verify/HardwareTest.cpp grounds the x86-64 semantics in this CPU: every
# form of isa/riscv64/semantics/forms-*.sem is run under qemu-riscv64 (with
# Zba/Zbb) over edge-case and random operands (NaN payloads, unboxed f32s,
# saturating conversions, rne, rtz, rdn and rup; loads and stores at every kind
# of simm12 over random bytes; branches taken and not) and compared with its
# semantics (gen.py fails when a form is not exercised). The evaluator is
# the AArch64 check's eval_forms.cpp, which is ISA-generic.
# Part of the verifier gate (test/verify/run-all.sh; needs riscv64-linux-gnu-gcc and qemu-riscv64):
#   test/verify/hardware-riscv64/check.sh [BUILD_DIR]
# Known: qemu 7.2 answers 63 for ctzw of 0x8000000000000000 (the spec: 32).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
build="${1:-$root/build}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
python3 "$here/gen.py" "$root" "$out"
riscv64-linux-gnu-gcc -O1 -march=rv64gc_zba_zbb -static -o "$out/t" "$out/t.c"
qemu-riscv64 -cpu rv64,zba=true,zbb=true "$out/t" > "$out/hw.txt"
g++ -std=c++20 -O1 -I"$root" -I"$root/include" -I"$root/tools" "$here/../hardware-aarch64/eval_forms.cpp" -o "$out/eval_forms" \
  "$build/lib/libwasmaot_verify.a" "$build/lib/libwasmaot_rulec_core.a" -lz3
"$out/eval_forms" riscv64 "$out/cases.txt" "$root/tools/rulec/prelude/ir.rules" "$root/isa/riscv64/rules/machine.rules" \
  "$root/isa/riscv64/rules/lower.rules" "$root/isa/riscv64/rules/float.rules" "$root"/isa/riscv64/semantics/*.sem > "$out/sem.txt"
python3 "$here/compare.py" "$out"

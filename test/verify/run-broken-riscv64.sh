#!/usr/bin/env bash
# Protects the verifier's power to reject wrong RISC-V rules: every rule file in
# test/verify/broken/riscv64/ must be rejected by wasmaot-verify with a
# counterexample (not a crash, an evaluation error or a pass). Each file reuses
# isa/riscv64/rules/machine.rules' terms (and float.rules' / cond-float.rules'
# declarations) and isa/riscv64/semantics. run-broken.sh does the same for x86-64.
#   test/verify/run-broken-riscv64.sh [BUILD_DIR]
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
verify="$build/bin/wasmaot-verify"
cache="$build/verify-cache"
prelude="$root/tools/rulec/prelude/ir.rules"
machine="$root/isa/riscv64/rules/machine.rules"
sem=("$root"/isa/riscv64/semantics/*.sem)
pass=0 fail=0
for f in "$root"/test/verify/broken/riscv64/*.rules; do
  if grep -q '^(output CC)' "$f"; then extra="$root/isa/riscv64/rules/cond-float.rules"; else extra="$root/isa/riscv64/rules/float.rules"; fi
  out="$("$verify" --cache "$cache" --only-from "$f" --program broken-riscv64 "$prelude" "$machine" "$extra" "$f" "${sem[@]}" 2>&1)"
  if grep -q '^FAIL' <<<"$out" && grep -q 'counterexample:' <<<"$out" && ! grep -q '^PASS\|cannot evaluate\|cannot compare' <<<"$out"; then
    pass=$((pass + 1))
    echo "rejected: $(basename "$f")"
  else
    fail=$((fail + 1))
    echo "NOT REJECTED: $(basename "$f")"
    sed 's/^/    /' <<<"$out"
  fi
done
echo "broken riscv64: $pass passed, $fail failed"
[ "$fail" = 0 ]

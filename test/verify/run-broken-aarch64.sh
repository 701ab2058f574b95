#!/usr/bin/env bash
# Protects the verifier's power to reject wrong AArch64 rules: every rule file
# in test/verify/broken/aarch64/ must be rejected by wasmaot-verify with a
# counterexample (not a crash, an evaluation error or a pass). Each file reuses
# the AArch64 machine.rules' terms (and float.rules' / cond-float.rules' for
# float rules) and isa/aarch64/semantics.
#   test/verify/run-broken-aarch64.sh [BUILD_DIR]
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
verify="$build/bin/wasmaot-verify"
cache="$build/verify-cache"
prelude="$root/tools/rulec/prelude/ir.rules"
machine="$root/isa/aarch64/rules/machine.rules"
sem=("$root"/isa/aarch64/semantics/*.sem)
pass=0 fail=0
for f in "$root"/test/verify/broken/aarch64/*.rules; do
  if grep -q '^(output CC)' "$f"; then extra="$root/isa/aarch64/rules/cond-float.rules"; else extra="$root/isa/aarch64/rules/float.rules"; fi
  out="$("$verify" --cache "$cache" --only-from "$f" --program broken-aarch64 "$prelude" "$machine" "$extra" "$f" "${sem[@]}" 2>&1)"
  if grep -q '^FAIL' <<<"$out" && grep -q 'counterexample:' <<<"$out" && ! grep -q '^PASS\|cannot evaluate\|cannot compare' <<<"$out"; then
    pass=$((pass + 1))
    echo "rejected: $(basename "$f")"
  else
    fail=$((fail + 1))
    echo "NOT REJECTED: $(basename "$f")"
    sed 's/^/    /' <<<"$out"
  fi
done
echo "broken (aarch64): $pass passed, $fail failed"
[ "$fail" = 0 ]

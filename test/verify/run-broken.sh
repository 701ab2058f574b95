#!/usr/bin/env bash
# Protects the verifier's power to reject wrong rules: every rule file of an
# ISA's broken set must be rejected by wasmaot-verify with a counterexample (not
# a crash, an evaluation error or a pass). Each file reuses the ISA's
# machine.rules terms (and float.rules' / cond-float.rules' for float rules)
# and its isa/<isa>/semantics.
#   test/verify/run-broken.sh [BUILD_DIR] [x64|aarch64|riscv64|mid]   (default x64)
# The sets: x64 test/verify/broken/*.rules, others test/verify/broken/<isa>/*.rules.
# mid (the mid-end rules, IR to IR) reuses passes/rules/mid.rules and no semantics.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
isa="${2:-x64}"
case "$isa" in
  x64) dir="$root/test/verify/broken" program=broken ;;
  aarch64 | riscv64 | mid) dir="$root/test/verify/broken/$isa" program="broken-$isa" ;;
  *) echo "usage: run-broken.sh [BUILD_DIR] [x64|aarch64|riscv64|mid]" >&2; exit 2 ;;
esac
verify="$build/bin/wasmaot-verify"
cache="$build/verify-cache"
prelude="$root/tools/rulec/prelude/ir.rules"
rules="$root/isa/$isa/rules"
sem=("$root"/isa/"$isa"/semantics/*.sem)
pass=0 fail=0
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
check_one() { # check_one FILE: "rejected: NAME" or "NOT REJECTED: NAME" and the output, in $results/NAME
  local f=$1 extra out
  # The address program (output Amode) has no float rules; its terms are in machine.rules.
  if grep -q '^(output CC)' "$f"; then extra="$rules/cond-float.rules"
  elif grep -q '^(output Amode)' "$f"; then extra=""
  else extra="$rules/float.rules"; fi
  if [ "$isa" = mid ]; then
    out="$("$verify" --cache "$cache" --only-from "$f" --program "$program" "$prelude" "$root/passes/rules/mid.rules" "$f" 2>&1)"
  else
    out="$("$verify" --cache "$cache" --only-from "$f" --program "$program" "$prelude" "$rules/machine.rules" ${extra:+"$extra"} "$f" "${sem[@]}" 2>&1)"
  fi
  if grep -q '^FAIL' <<<"$out" && grep -q 'counterexample:' <<<"$out" && ! grep -q '^PASS\|cannot evaluate\|cannot compare' <<<"$out"; then
    echo "rejected: $(basename "$f")"
  else
    echo "NOT REJECTED: $(basename "$f")"
    sed 's/^/    /' <<<"$out"
  fi >"$results/$(basename "$f")"
}
# BROKEN_JOBS (default: CPUs) files side by side (the cache's writes are atomic renames); the
# results are printed in file order.
files=("$dir"/*.rules)
for f in "${files[@]}"; do
  while (($(jobs -rp | wc -l) >= ${BROKEN_JOBS:-$(nproc)})); do wait -n; done
  check_one "$f" &
done
wait
for f in "${files[@]}"; do
  r="$results/$(basename "$f")"
  if [ -f "$r" ] && head -n 1 "$r" | grep -q '^rejected: '; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
  if [ -f "$r" ]; then cat "$r"; else echo "NOT REJECTED: $(basename "$f") (no result)"; fi
done
echo "broken ($isa): $pass passed, $fail failed"
[ "$fail" = 0 ]

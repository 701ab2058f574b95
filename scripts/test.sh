#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this):
#   1. set up and build (scripts/setup.sh; warnings are errors under CI=true)
#   2. unit tests (GoogleTest)                 build/bin/wasmaot-unittests
#   2b. AArch64 and RISC-V 64: the cross builds' unit tests, spec groups and bench
#      programs under qemu-aarch64 / qemu-riscv64   scripts/test-cross.sh ISA --quick
#   3. lit regression tests (FileCheck)        test/lit
#   3b. the verifier gate: every rule proven, broken rules rejected, semantics
#      checked on this CPU and under qemu       test/verify/run-all.sh
#   4. the spec testsuite (../shared/testsuite) build/bin/wasmaot-spectest: every
#      group, compiled for x86-64 and executed (skips listed by reason); again with
#      explicit bounds checks, with and without bounds-check elimination; with Segue
#   5. unit + spec tests again in an ASan+UBSan build (build-asan/)
#   6. differential testing: random wasm-opt -ttf modules run by wasmaot and by
#      Binaryen's interpreter must agree        test/fuzz/differential.py
#   7. the decoder+back-end fuzzer for a bounded time   test/fuzz/run.sh
# Closes with "test: N passed, N failed, N skipped" alone on the last line and
# exits non-zero if anything failed.
# Environment: UNIT_SHARDS (unit-test processes side by side, default: CPUs), FUZZ_SECONDS
# (default 120), DIFF_COUNT (default 1000) and DIFF_SECONDS (default 80), SKIP_ASAN=1, SKIP_FUZZ=1,
# SKIP_DIFF=1 for quick local runs.
set -uo pipefail
cd "$(dirname "$0")/.."
# Every wasmaotc the tests run also verifies its IR (off by default: --verify-ir).
export WASMAOT_VERIFY_IR=1
ROOT=$PWD
TESTSUITE=${TESTSUITE:-$ROOT/../shared/testsuite}
LOG=$ROOT/build/test-logs
passed=0 failed=0 skipped=0 broken=()

t_start=$SECONDS t_step=
step() { # prints how long the step before took and the time so far, then the next step's title
  [ -z "$t_step" ] || echo "    (step: $((SECONDS - t_step)) s, total: $((SECONDS - t_start)) s)"
  t_step=$SECONDS
  echo; echo "=== $*"
}
add() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + ${3:-0})); }
mark() { # mark NAME STATUS: a harness that exited non-zero counts as one failure unless it reported failures
  if [ "$2" != 0 ]; then broken+=("$1"); fi
}

step "setup and build"
scripts/setup.sh || { echo "test: 0 passed, 1 failed, 0 skipped"; exit 1; }
mkdir -p "$LOG"

run_unit() { # run_unit BUILD_DIR LABEL: UNIT_SHARDS (default: CPUs) shards side by side (scripts/run-unit-shards.sh)
  local result line
  result=$(scripts/run-unit-shards.sh "$LOG/unit-$2.txt" "$1/bin/wasmaot-unittests")
  echo "$result" | sed "\$s/^unit:/unit ($2):/"
  line=$(echo "$result" | tail -n 1)
  if [[ $line =~ ^unit:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped ]]; then
    add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
  else
    mark "unit($2)" 1
  fi
}

run_spec() { # run_spec BUILD_DIR LABEL [RUNNER OPTIONS...]
  local out=$LOG/spec-$2.txt
  "$1/bin/wasmaot-spectest" "${@:3}" "$TESTSUITE" >"$out" 2>&1
  local rc=$?
  grep -E '^(FAIL|ERROR)' "$out" | head -30
  tail -n 1 "$out"
  local line
  line=$(tail -n 1 "$out")
  if [[ $line =~ ^spec:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
    [ "$rc" = 0 ] || [ "${BASH_REMATCH[2]}" != 0 ] || mark "spec($2)" "$rc"
  else
    mark "spec($2)" 1
  fi
}

step "unit tests"
run_unit build release

run_cross() { # run_cross ISA: scripts/test-cross.sh ISA --quick
  local out=$LOG/cross-$1.txt
  scripts/test-cross.sh "$1" --quick >"$out" 2>&1
  local rc=$?
  grep -E '^(FAIL|ERROR|unit:|spec:|spec \(|objects:|bench:|spec time)' "$out" | head -40
  local line
  line=$(tail -n 1 "$out")
  if [[ $line =~ ^test-cross:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
    [ "$rc" = 0 ] || [ "${BASH_REMATCH[2]}" != 0 ] || mark "cross($1)" "$rc"
  else
    tail -n 20 "$out"
    mark "cross($1)" 1
  fi
}

step "cross-ISA: AArch64 under qemu (scripts/test-cross.sh aarch64 --quick)"
run_cross aarch64

step "cross-ISA: RISC-V 64 under qemu (scripts/test-cross.sh riscv64 --quick)"
run_cross riscv64

step "lit tests"
python3 /usr/lib/llvm-14/build/utils/lit/lit.py -s build/test/lit >"$LOG/lit.txt" 2>&1
rc=$?
cat "$LOG/lit.txt" | tail -n 15
lp=$(grep -oP '^\s*Passed\s*:\s*\K[0-9]+' "$LOG/lit.txt" | tail -1)
lf=$(grep -oP '^\s*Failed\s*:\s*\K[0-9]+' "$LOG/lit.txt" | tail -1)
lu=$(grep -oP '^\s*Unsupported\s*:\s*\K[0-9]+' "$LOG/lit.txt" | tail -1)
add "${lp:-0}" "${lf:-0}" "${lu:-0}"
[ "$rc" = 0 ] || [ -n "${lf:-}" ] || mark lit "$rc"

step "verifier: every rule of every ISA proven with Z3, broken rules rejected, semantics vs hardware (test/verify/run-all.sh)"
test/verify/run-all.sh build >"$LOG/verify.txt" 2>&1
rc=$?
grep -E '^(FAIL|SKIP|NOT REJECTED|program |time:|broken|hardware|\[  (PASSED|FAILED)  \])' "$LOG/verify.txt" | head -40
vline=$(tail -n 1 "$LOG/verify.txt")
echo "$vline"
if [[ $vline =~ ^verify:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
  add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
  [ "$rc" = 0 ] || [ "${BASH_REMATCH[2]}" != 0 ] || mark verifier "$rc"
else
  mark verifier 1
fi

step "spec testsuite (compiled and executed) from $TESTSUITE"
run_spec build release
step "spec testsuite with explicit bounds checks (+ bounds-check elimination), then without BCE"
run_spec build explicit --bounds-checks=explicit
run_spec build explicit-nobce --bounds-checks=explicit --no-bce
step "spec testsuite at -O2 (value numbering, dead code), guard and explicit"
run_spec build O2 -O2
run_spec build O2-explicit -O2 --bounds-checks=explicit
step "spec testsuite with Segue (memory 0 through %gs), guard and explicit"
run_spec build segue --segue
run_spec build segue-explicit --segue --bounds-checks=explicit

if [ "${SKIP_ASAN:-}" != 1 ]; then
  step "ASan+UBSan build: unit and spec tests"
  werror=OFF; [ "${CI:-}" = true ] && werror=ON
  # Debug keeps assertions on; -O1 instead of -O0 runs the ASan unit tests in a sixth of the time
  # (57 s against 334 s), -g1 keeps the build small. The test sources stay at -O0 (CMakeLists.txt,
  # wasmaot_test_code_options): 2.5 times less compiling for them.
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DWASMAOT_SANITIZE=ON \
    -DWASMAOT_WERROR=$werror >/dev/null && ninja -C build-asan wasmaot-unittests wasmaot-spectest
  if [ $? = 0 ]; then
    run_unit build-asan asan
    run_spec build-asan asan
  else
    mark "asan build" 1
  fi
fi

if [ "${SKIP_DIFF:-}" != 1 ]; then
  step "differential testing against Binaryen (${DIFF_COUNT:-1000} modules, at most ${DIFF_SECONDS:-80} s)"
  python3 test/fuzz/differential.py --count "${DIFF_COUNT:-1000}" --seconds "${DIFF_SECONDS:-80}" --jobs 2 \
    >"$LOG/differential.txt" 2>&1
  rc=$?
  tail -n 6 "$LOG/differential.txt"
  if [ "$rc" = 0 ]; then add 1 0; else add 0 1; echo "differential testing diverged: see $LOG/differential.txt"; fi
fi

if [ "${SKIP_FUZZ:-}" != 1 ]; then
  step "decoder fuzzer (${FUZZ_SECONDS:-120} s)"
  test/fuzz/run.sh "${FUZZ_SECONDS:-120}" >"$LOG/fuzz.txt" 2>&1
  rc=$?
  tail -n 5 "$LOG/fuzz.txt"
  if [ "$rc" = 0 ]; then add 1 0; else add 0 1; echo "fuzzer found a problem: see $LOG/fuzz.txt"; fi
fi

step "summary"
for b in "${broken[@]}"; do echo "harness failed: $b"; done
failed=$((failed + ${#broken[@]}))
echo
echo "test: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]

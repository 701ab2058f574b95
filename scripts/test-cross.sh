#!/usr/bin/env bash
# The cross-ISA tests (docs/testing.md, "Cross-ISA testing"): wasmaot built for
# another ISA with Debian's cross compiler and run under qemu-user.
#   scripts/test-cross.sh aarch64|riscv64           the whole run
#   scripts/test-cross.sh aarch64|riscv64 --quick   what CI runs (scripts/test.sh)
#   scripts/test-cross.sh aarch64|riscv64 --smoke   a few seconds of spec scripts, for local edits
# Steps:
#   1. cross build (scripts/cross-build.sh ISA -> build-ISA/): the
#      runtime archives, wasmaotc, wasmaot-spectest, wasmaot-unittests
#   2. unit tests under qemu (those that execute hand-written x86-64 code are
#      not built for another ISA); --quick and --smoke leave out the
#      whole-testsuite compile and translation tests
#   3. the spec testsuite compiled for the ISA and executed under qemu by the
#      cross-built runner (it compiles every module in process): core-2.0,
#      core-3.0, multi-memory, extended-const, memory64 — all of them in the
#      whole run and with --quick; --smoke runs the scripts in SMOKE_SPEC; once
#      per sandboxing mode in SPEC_MODES (default "guard explicit")
#   4. the benchmark programs (bench/programs/*.c -> wasm32-wasi) linked with
#      `wasmaotc --target=ISA -o` and run under qemu, at the full sizes of
#      bench/runtime/run.py in the whole run and its --quick sizes otherwise;
#      output and exit status must equal those of this machine's own executable;
#      and the cross-built wasmaotc (under qemu) must write byte-identical objects
#      for both ISAs to those this machine's wasmaotc writes
# Prints "unit: ...", "spec (MODE): ...", "objects: ...", "bench: ..." lines as N passed, N failed,
# N skipped, and last "test-cross: N passed, N failed, N skipped" (their sum);
# exits non-zero if anything failed. Logs: build-ISA/test-logs/.
# Environment: HOST_BUILD (default build: its bin/wasmaotc links the bench
# programs; built if missing), TESTSUITE (default ../shared/testsuite),
# SPEC_JOBS, BENCH_JOBS and UNIT_SHARDS (default: CPUs), SPEC_MODES, SKIP_UNIT=1, SKIP_BENCH=1.
set -uo pipefail
cd "$(dirname "$0")/.."
# Every wasmaotc the tests run also verifies its IR (off by default: --verify-ir).
export WASMAOT_VERIFY_IR=1
ROOT=$PWD

isa=${1:-}
mode=whole
usage="usage: scripts/test-cross.sh aarch64|riscv64 [--quick | --smoke]"
case "${2:-}" in
  --quick) mode=quick ;;
  --smoke) mode=smoke ;;
  "") ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
case "$isa" in
  aarch64) qemu="qemu-aarch64 -L /usr/aarch64-linux-gnu" ;;
  riscv64) qemu="qemu-riscv64 -L /usr/riscv64-linux-gnu" ;;
  *) echo "$usage" >&2; exit 2 ;;
esac

CROSS=$ROOT/build-$isa
HOST_BUILD=${HOST_BUILD:-$ROOT/build}
TESTSUITE=${TESTSUITE:-$ROOT/../shared/testsuite}
LOG=$CROSS/test-logs
GROUPS_ALL=(core-2.0 core-3.0 multi-memory extended-const memory64)
# The smoke subset: scripts that exercise every part of the runtime and the back
# end (calls and the entry trampoline with many and multiple values, traps of
# every kind, guard-region and explicit bounds, conversions, float bits, tables,
# memory growth, stack exhaustion, imports and linking): a third of the
# commands in a tenth of the time.
SMOKE_SPEC=(
  core-3.0/i32.json core-3.0/i64.json core-3.0/f32.json core-3.0/f64_bitwise.json core-3.0/conversions.json
  core-3.0/float_exprs.json core-3.0/int_exprs.json core-3.0/call.json core-3.0/call_indirect.json
  core-3.0/func.json core-3.0/br_table.json core-3.0/select.json core-3.0/traps.json core-3.0/stack.json
  core-3.0/address.json core-3.0/memory_trap.json core-3.0/memory_grow.json core-3.0/bulk.json
  core-3.0/table_copy.json core-3.0/linking.json core-3.0/global.json core-3.0/imports.json
  core-3.0/skip-stack-guard-page.json core-3.0/fac.json core-3.0/local_tee.json core-3.0/left-to-right.json
  core-2.0/call_indirect.json core-2.0/memory_trap.json
  multi-memory/memory_trap1.json multi-memory/load2.json memory64/address64.json memory64/memory_trap64.json
  extended-const/global.json
)
passed=0 failed=0 skipped=0

add() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + ${3:-0})); }
step() { echo; echo "=== $*"; }

step "cross build ($isa) in $CROSS"
if ! scripts/cross-build.sh "$isa"; then
  echo "test-cross: 0 passed, 1 failed, 0 skipped"
  exit 1
fi
mkdir -p "$LOG"

if [ "${SKIP_UNIT:-}" != 1 ]; then
  # (The tests that run hand-assembled x86-64 code are not built for another
  # ISA: test/CMakeLists.txt.) --quick leaves out the whole-testsuite compile
  # tests, which take minutes under qemu (they run on the host and under ASan).
  filter="*"
  if [ $mode != whole ]; then filter="-TestsuiteCompile*:TestsuiteTranslation*:PerFunctionPipeline*"; fi
  step "unit tests under qemu ($filter)"
  # UNIT_SHARDS (default: CPUs) GoogleTest shards side by side, each under qemu.
  result=$(UNIT_PREFIX=$qemu scripts/run-unit-shards.sh "$LOG/unit.txt" "$CROSS/bin/wasmaot-unittests" "$filter")
  echo "$result"
  line=$(echo "$result" | tail -n 1)
  if [[ $line =~ ^unit:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped ]]; then
    add "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
  else
    add 0 1 0
  fi
fi

if [ $mode = smoke ]; then
  spec_paths=("${SMOKE_SPEC[@]/#/$TESTSUITE/}")
  step "spec testsuite under qemu, smoke subset (${#SMOKE_SPEC[@]} scripts; all groups: scripts/test-cross.sh $isa --quick)"
else
  spec_paths=("${GROUPS_ALL[@]/#/$TESTSUITE/}")
  step "spec testsuite under qemu: ${GROUPS_ALL[*]}"
fi
# Every sandboxing mode: guard regions (default) and explicit checks (+ BCE).
for spec_mode in ${SPEC_MODES:-guard explicit}; do
  out=$LOG/spec-$spec_mode.txt
  start=$SECONDS
  $qemu "$CROSS/bin/wasmaot-spectest" --target="$isa" --bounds-checks="$spec_mode" ${SPEC_JOBS:+-j "$SPEC_JOBS"} \
    "${spec_paths[@]}" >"$out" 2>&1
  rc=$?
  grep -E '^(FAIL|ERROR)' "$out" | head -30
  line=$(tail -n 1 "$out")
  if [[ $line =~ ^spec:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    sp=${BASH_REMATCH[1]} sf=${BASH_REMATCH[2]} ss=${BASH_REMATCH[3]}
    if [ "$rc" != 0 ] && [ "$sf" = 0 ]; then sf=1; fi
  else
    tail -n 5 "$out"
    sp=0 sf=1 ss=0
  fi
  echo "spec time ($spec_mode): $((SECONDS - start)) s"
  echo "spec ($spec_mode): $sp passed, $sf failed, $ss skipped"
  add "$sp" "$sf" "$ss"
done

if [ "${SKIP_BENCH:-}" != 1 ]; then
  sizes=quick; [ $mode = whole ] && sizes=full
  step "bench programs ($sizes sizes): wasmaotc --target=$isa -o, run under qemu, against this machine's executables"
  bp=0 bf=0 bs=0 op=0 of=0
  host_target=$(uname -m)
  if [ ! -x "$HOST_BUILD/bin/wasmaotc" ]; then ninja -C "$HOST_BUILD" wasmaotc >/dev/null || true; fi
  if ! command -v clang-14 >/dev/null || [ ! -f /usr/lib/wasm32-wasi/libc.a ] || [ ! -x "$HOST_BUILD/bin/wasmaotc" ]; then
    echo "bench: clang-14 with wasi-libc or $HOST_BUILD/bin/wasmaotc missing: skipped"
    bs=1
  else
    work=$LOG/bench
    export "WASMAOT_LIBDIR_${isa^^}=$CROSS/lib" # where wasmaotc --target=ISA -o finds the cross runtime
    rm -rf "$work" && mkdir -p "$work"
    # The arguments of bench/runtime/run.py's PROGRAMS (full, and --quick).
    if [ $sizes = full ]; then
      declare -A args=([bigint]=18 [compress]=14336 [editdist]=14 [expr_vm]=100000 [matmul]=200 [nbody]=50
                       [regex]=22 [sha256]=280 [sieve]=24 [sort]=9 [stencil]=200 [trees]=20 [wordfreq]=30)
    else
      declare -A args=([bigint]=1 [compress]=512 [editdist]=1 [expr_vm]=5000 [matmul]=10 [nbody]=3 [regex]=1
                       [sha256]=15 [sieve]=1 [sort]=1 [stencil]=10 [trees]=1 [wordfreq]=2)
    fi
    # One program: its lines and, last, "counts BP BF OP OF" in $work/$prog.result.
    bench_one() {
      local c=$1 prog bp=0 bf=0 op=0 of=0
      prog=$(basename "$c" .c)
      {
        # The host build's module when it is there and up to date (bench/CMakeLists.txt builds it
        # with these same flags), else compiled here.
        local built=$HOST_BUILD/bench/programs/$prog.wasm
        if [ -f "$built" ] && [ "$built" -nt "$c" ]; then cp "$built" "$work/$prog.wasm"; : >"$work/$prog.err"
        elif ! clang-14 --target=wasm32-wasi -O2 -g0 -Wl,--strip-debug "$c" -o "$work/$prog.wasm" -lm 2>"$work/$prog.err"; then
          echo "FAIL $prog: build: $(head -c 300 "$work/$prog.err")"
          echo "counts 0 1 0 0"
          return
        fi
        if ! "$HOST_BUILD/bin/wasmaotc" "$work/$prog.wasm" -o "$work/$prog.host" 2>>"$work/$prog.err" ||
           ! "$HOST_BUILD/bin/wasmaotc" --target="$isa" "$work/$prog.wasm" -o "$work/$prog.$isa" 2>>"$work/$prog.err"; then
          echo "FAIL $prog: build: $(head -c 300 "$work/$prog.err")"
          echo "counts 0 1 0 0"
          return
        fi
        # Any host to any target: the cross-built compiler (under qemu) writes the
        # same objects as this machine's, for this machine's ISA and for ISA.
        local same=1 t hrc crc
        for t in "$host_target" "$isa"; do
          "$HOST_BUILD/bin/wasmaotc" --target="$t" -c "$work/$prog.wasm" -o "$work/$prog.$t.here.o" &&
            $qemu "$CROSS/bin/wasmaotc" --target="$t" -c "$work/$prog.wasm" -o "$work/$prog.$t.there.o" &&
            cmp -s "$work/$prog.$t.here.o" "$work/$prog.$t.there.o" || same=0
        done
        if [ $same = 1 ]; then op=1; else
          echo "FAIL $prog: wasmaotc built for $isa writes other objects than this machine's"
          of=1
        fi
        "$work/$prog.host" "${args[$prog]}" >"$work/$prog.host.out" 2>&1; hrc=$?
        $qemu "$work/$prog.$isa" "${args[$prog]}" >"$work/$prog.$isa.out" 2>&1; crc=$?
        if [ "$hrc" = "$crc" ] && cmp -s "$work/$prog.host.out" "$work/$prog.$isa.out"; then
          echo "PASS $prog: $(head -n 1 "$work/$prog.$isa.out")"
          bp=1
        else
          echo "FAIL $prog: status $crc vs $hrc here; $isa: $(head -n 1 "$work/$prog.$isa.out"); here: $(head -n 1 "$work/$prog.host.out")"
          bf=1
        fi
        echo "counts $bp $bf $op $of"
      } >"$work/$prog.result" 2>&1
    }
    # The programs run side by side, BENCH_JOBS (default: CPUs) at a time; their results are
    # printed in the order of the file names.
    progs=()
    for c in bench/programs/*.c; do
      prog=$(basename "$c" .c)
      [ -n "${args[$prog]:-}" ] || continue
      progs+=("$prog")
      while (($(jobs -rp | wc -l) >= ${BENCH_JOBS:-$(nproc)})); do wait -n; done
      bench_one "$c" &
    done
    wait
    for prog in "${progs[@]}"; do
      grep -v '^counts ' "$work/$prog.result"
      read -r _ a b c d < <(grep '^counts ' "$work/$prog.result" || echo "counts 0 1 0 0")
      bp=$((bp + a)) bf=$((bf + b)) op=$((op + c)) of=$((of + d))
    done
  fi
  echo "objects: $op passed, $of failed, 0 skipped (wasmaotc built for $isa and for $host_target agree)"
  echo "bench: $bp passed, $bf failed, $bs skipped"
  add "$bp" "$bf" "$bs"
  add "$op" "$of" 0
fi

echo
echo "test-cross: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]

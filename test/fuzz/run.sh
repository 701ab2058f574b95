#!/usr/bin/env bash
# run.sh SECONDS: builds the decoder fuzzer, replays test/fuzz/regressions/, seeds fuzz-corpus/
# from the spec testsuite's modules on first use, then fuzzes for SECONDS. Exits non-zero on a
# finding (the input is left in build-fuzz/artifacts/).
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
test/fuzz/build.sh
fuzzer=build-fuzz/decoder-fuzzer
corpus=fuzz-corpus
testsuite=../shared/testsuite
mkdir -p build-fuzz/artifacts

# Known past findings must stay fixed.
regressions=()
for f in test/fuzz/regressions/*; do
  [ -f "$f" ] && [ "$(basename "$f")" != README.md ] && regressions+=("$f")
done
if ((${#regressions[@]})); then
  echo "replaying ${#regressions[@]} regression input(s)"
  "$fuzzer" -runs=1 "${regressions[@]}" >build-fuzz/regressions.log 2>&1 || {
    tail -40 build-fuzz/regressions.log
    echo "fuzz: a regression input fails again (log: build-fuzz/regressions.log)"
    exit 1
  }
fi

if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus")" ]; then
  mkdir -p "$corpus"
  if [ -d "$testsuite" ]; then
    # Flatten group/name.N.wasm to group_name.N.wasm: names repeat across groups. One process,
    # not one cp per file: there are over 10,000 modules.
    python3 - "$testsuite" "$corpus" <<'PY'
import pathlib, shutil, sys
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in sorted(src.rglob("*.wasm")):
    shutil.copyfile(f, dst / "_".join(f.relative_to(src).parts))
PY
    echo "seeded $corpus with $(ls "$corpus" | wc -l) modules from $testsuite"
  else
    echo "warning: $testsuite not found; starting from an empty corpus"
  fi
fi

log=build-fuzz/fuzz.log
status=0
echo "fuzzing for ${seconds}s (log: $log)"
"$fuzzer" "$corpus" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
  -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1 >"$log" 2>&1 || status=$?
grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$log" || true
if [ "$status" -ne 0 ]; then
  # The sanitizer/libFuzzer report: what happened, the top frames, and where the input went.
  grep -E '^==[0-9]+==ERROR|^ +#[0-9]+ 0x|^SUMMARY|^artifact_prefix|Test unit written|^[^ ]*: runtime error' "$log" |
    head -40 || true
fi

execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
echo "fuzz: executions ${execs:-?}, corpus $(ls "$corpus" | wc -l) files, exit status $status"
if [ "$status" -ne 0 ]; then
  echo "fuzz: FINDING (see $log and build-fuzz/artifacts/)"
  exit 1
fi

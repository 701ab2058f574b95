#!/usr/bin/env bash
# run-unit-shards.sh LOG BINARY [GTEST_FILTER]: the unit tests as GoogleTest
# shards side by side (UNIT_SHARDS, default: CPUs), each under $UNIT_PREFIX when
# set (e.g. "qemu-aarch64 -L /usr/aarch64-linux-gnu"). The shards' logs are
# joined into LOG in shard order. Prints the failed tests and, as its last line,
#   unit: P passed, F failed, S skipped (N shards, T s)
# summed over the shards. A shard that exits non-zero without reporting a
# failure (a crash) counts as one failed test. Exit status: 0 only when every
# shard passed. Used by scripts/test.sh (host, ASan) and scripts/test-cross.sh.
set -u
log=$1 binary=$2 filter=${3:-*}
shards=${UNIT_SHARDS:-$(nproc)}
start=$SECONDS
pids=() rc=0
for ((i = 0; i < shards; ++i)); do
  # shellcheck disable=SC2086 # the prefix is a command and its arguments
  GTEST_TOTAL_SHARDS=$shards GTEST_SHARD_INDEX=$i ${UNIT_PREFIX:-} "$binary" --gtest_brief=1 \
    --gtest_filter="$filter" >"$log.$i" 2>&1 &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || rc=$?; done
for ((i = 0; i < shards; ++i)); do cat "$log.$i"; rm -f "$log.$i"; done >"$log"
sum() { awk '{s += $1} END {print s + 0}'; }
p=$(grep -oP '^\[  PASSED  \] \K[0-9]+' "$log" | sum)
f=$(grep -oP '^\[  FAILED  \] \K[0-9]+(?= test)' "$log" | sum)
s=$(grep -oP '^\[  SKIPPED \] \K[0-9]+(?= test)' "$log" | sum)
grep '^\[  FAILED  \]' "$log" | head -20
if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
echo "unit: $p passed, $f failed, $s skipped ($shards shards, $((SECONDS - start)) s)"
[ "$rc" = 0 ] && [ "$f" = 0 ]

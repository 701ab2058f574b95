#!/usr/bin/env bash
# The verifier's gate (docs/verification.md): proves every rule, checks that the
# broken rules are rejected, and runs the hardware and testsuite checks of the
# semantics. Each part closes with "N passed, N failed" lines; the last line is
# the rule proofs' `verify: N passed, N failed, N skipped`.
#   test/verify/run-all.sh [BUILD_DIR]
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
status=0
"$build/bin/wasmaot-verify-tests" || status=1
"$root/test/verify/run-broken.sh" "$build" | tail -1 || status=1
out="$("$build/bin/wasmaot-verify" --isa=all)" || status=1
grep -v '^PASS' <<<"$out"
exit $status

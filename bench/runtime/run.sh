#!/bin/sh
# Runtime benchmarks: native vs Node.js (V8) vs wasm2c vs wasmaot.
#   bench/runtime/run.sh [--quick] [-n RUNS] [--programs a,b] [--engines ...] [--help]
# The driver is run.py (python3, standard library only); see bench/README.md.
exec python3 "$(dirname "$0")/run.py" "$@"

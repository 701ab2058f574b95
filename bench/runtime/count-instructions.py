#!/usr/bin/env python3
"""Instructions executed by the code two wasmaotc builds generate, per bench program.

  bench/runtime/count-instructions.py OLD_WASMAOTC NEW_WASMAOTC [--programs a,b] [--full]
      [--flags F] [--old-flags F] [--new-flags F]

OLD and NEW may be the same compiler with different flags (two modes compared:
`build/bin/wasmaotc build/bin/wasmaotc --new-flags=--segue` is Segue against guard regions).

Compiles each program of bench/programs/ (the wasm32-wasi modules CMake builds
into BUILD/bench/programs/, found next to NEW_WASMAOTC's build) with both
compilers, runs each executable once under `valgrind --tool=callgrind` at the
--quick sizes of run.py (--full: run.py's full sizes, ~50x slower than native),
checks both print the same output, and prints one line per program: the two
instruction counts and their ratio, then the geomean of the ratios.

Why: on a shared 2-core machine wall times move by 10-20 % between runs, while
instruction counts are exact and repeatable, so a code-generation change can be
measured while other work runs. Instructions are not time (a divide costs more
than an add, a cache miss more than both); confirm a real speed-up with run.py
on a quiet machine. Exit status: 0, or 1 when a compile fails or the outputs
differ.
"""

import argparse
import math
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import PROGRAMS  # noqa: E402  (name: (full args, quick args))


def callgrind(exe, args):
    """(instructions, stdout) of one run of exe under callgrind."""
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", exe, *args],
                       capture_output=True, text=True)
    m = re.search(r"Collected : (\d+)", p.stderr)
    if not m:
        raise RuntimeError(f"{exe}: no callgrind total (exit {p.returncode}):\n{p.stderr[-2000:]}")
    return int(m.group(1)), p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", help="the wasmaotc whose code is the baseline")
    ap.add_argument("new", help="the wasmaotc to compare")
    ap.add_argument("--programs", help="comma-separated subset (default: all of run.py's)")
    ap.add_argument("--full", action="store_true", help="run.py's full sizes instead of --quick")
    ap.add_argument("--flags", default="", help="extra wasmaotc flags for both, e.g. '--bounds-checks=explicit'")
    ap.add_argument("--old-flags", default="", help="extra flags for OLD only (after --flags)")
    ap.add_argument("--new-flags", default="", help="extra flags for NEW only (after --flags)")
    a = ap.parse_args()
    new = Path(a.new).resolve()
    modules = new.parent.parent / "bench" / "programs"
    libdir = new.parent.parent / "lib"
    env = dict(os.environ)
    env.setdefault("WASMAOT_LIBDIR", str(libdir))
    names = a.programs.split(",") if a.programs else list(PROGRAMS)
    ratios, bad = [], False
    with tempfile.TemporaryDirectory(prefix="wasmaot-count-") as tmp:
        print(f"{'program':10} {'old':>15} {'new':>15}  new/old")
        for name in names:
            wasm = modules / f"{name}.wasm"
            args = PROGRAMS[name][0 if a.full else 1]
            exes = []
            for tag, cc, own in (("old", a.old, a.old_flags), ("new", a.new, a.new_flags)):
                exe = Path(tmp) / f"{name}.{tag}"
                p = subprocess.run([cc, *a.flags.split(), *own.split(), str(wasm), "-o", str(exe)], capture_output=True,
                                   text=True, env=env)
                if p.returncode != 0:
                    print(f"{name}: {tag} compile failed: {p.stderr.strip()}")
                    bad = True
                    break
                exes.append(str(exe))
            if len(exes) != 2:
                continue
            (n_old, out_old), (n_new, out_new) = callgrind(exes[0], args), callgrind(exes[1], args)
            if out_old != out_new:
                print(f"{name}: OUTPUTS DIFFER")
                bad = True
            ratios.append(n_new / n_old)
            print(f"{name:10} {n_old:15d} {n_new:15d}  {n_new / n_old:.4f}", flush=True)
    if ratios:
        print(f"{'geomean':10} {'':15} {'':15}  {math.exp(sum(map(math.log, ratios)) / len(ratios)):.4f}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Runtime benchmarks: the programs of bench/programs/ natively and as wasm.

Builds every program natively (clang-14 -O2) and to wasm32-wasi (clang-14
-O2, Debian's wasi-libc), then runs it on each engine:

  native   the clang-14 -O2 executable: the reference output and time
  node     Node.js (V8) through bench/programs/run_wasi.mjs (--single-threaded-gc)
  wasm2c   wasm2c -n app + clang-14 -O2 + bench/runtime/wasm2c_wasi.c (our WASI shim)
  wasmaot  `wasmaotc [FLAGS] prog.wasm -o prog`, then ./prog; when that does not
           write a native executable, `wasmaotc [FLAGS] run prog.wasm -- ARGS`
           (then the time includes compiling); when neither works: n/a

Every run's standard output and exit status must equal native's. Prints a
Markdown table of median wall-clock seconds per engine with the ratio to
native and a geomean line. Exit status: 0 all good, 1 a build failed on an
engine whose tools exist, an output differed or a run failed, 2 usage.

Engines that cannot run here (node or wasm2c not installed, wasmaotc not
built or not able to produce code yet) are shown as n/a, not as failures,
unless --strict. See bench/README.md, "Runtime benchmarks".
"""

import argparse
import concurrent.futures
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PROGRAMS_DIR = REPO / "bench" / "programs"
SHIM = HERE / "wasm2c_wasi.c"
RUN_WASI = PROGRAMS_DIR / "run_wasi.mjs"
WASM2C_RUNTIME = Path("/usr/src/wasm2c")  # Debian's wabt: wasm-rt.h, wasm-rt-impl.[ch]

# name: (arguments of the full run, arguments of --quick). Full sizes run
# 0.85-1.2 s natively on the 2.1 GHz reference machine; quick ones 20-100 ms.
PROGRAMS = {
    "bigint": (["18"], ["1"]),
    "compress": (["14336"], ["512"]),
    "editdist": (["14"], ["1"]),
    "expr_vm": (["100000"], ["5000"]),
    "matmul": (["200"], ["10"]),
    "nbody": (["50"], ["3"]),
    "regex": (["22"], ["1"]),
    "sha256": (["280"], ["15"]),
    "sieve": (["24"], ["1"]),
    "sort": (["9"], ["1"]),
    "stencil": (["200"], ["10"]),
    "trees": (["20"], ["1"]),
    "wordfreq": (["30"], ["2"]),
}


class Unavailable(Exception):
    """The engine cannot run this program here; shown as n/a, not an error."""


class BuildError(Exception):
    """A build failed although its tools exist; an error."""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_tool(cmd, cwd=None):
    try:
        proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    except OSError as why:
        raise BuildError(f"`{cmd[0]}`: {why}")
    if proc.returncode != 0:
        tail = "\n".join(proc.stdout.strip().splitlines()[-15:])
        raise BuildError(f"`{' '.join(map(str, cmd))}` exited {proc.returncode}:\n{tail}")
    return proc.stdout


def up_to_date(output, inputs, cmd):
    """True if output exists, is newer than every input and was built by cmd."""
    stamp = output.with_name(output.name + ".cmd")
    if not output.exists() or not stamp.exists() or stamp.read_text() != repr(cmd):
        return False
    built = output.stat().st_mtime
    return all(Path(i).stat().st_mtime <= built for i in inputs)


def cached_build(output, inputs, cmds):
    """Runs cmds (a list of commands) unless output is up to date."""
    if up_to_date(output, inputs, cmds):
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    stamp = output.with_name(output.name + ".cmd")
    stamp.unlink(missing_ok=True)
    for cmd in cmds:
        run_tool(cmd, cwd=output.parent)
    stamp.write_text(repr(cmds))


def is_native_executable(path):
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF" and os.access(path, os.X_OK)
    except OSError:
        return False


# ---- Engines ---------------------------------------------------------------
# An engine turns a program (its .c and the shared .wasm) into a command
# prefix; the program's arguments are appended. prepare() raises Unavailable
# or BuildError. Adding a column is one more Engine in make_engines().


class Engine:
    name = "?"

    def __init__(self, args):
        self.args = args
        self.work = Path(args.work_dir) / self.name
        self.note = ""  # shown under the table, e.g. how wasmaot was run

    def check_tools(self):
        """Raises Unavailable when the engine's tools are missing."""

    def prepare(self, prog, c_file, wasm):
        raise NotImplementedError

    def validate(self, prog, cmd, run_args, expected):
        """Called once with the first run's result; may switch modes."""
        return cmd


class Native(Engine):
    name = "native"

    def check_tools(self):
        if not shutil.which(self.args.cc):
            raise Unavailable(f"{self.args.cc} not found")

    def prepare(self, prog, c_file, wasm):
        exe = self.work / prog
        cmd = [self.args.cc, *self.args.native_cflags.split(), str(c_file), "-o", str(exe), "-lm"]
        cached_build(exe, [c_file], [cmd])
        return [str(exe)]


class Node(Engine):
    name = "node"

    def check_tools(self):
        if not shutil.which("node"):
            raise Unavailable("node not found")

    def prepare(self, prog, c_file, wasm):
        # --single-threaded-gc: on this machine Node 20.20 (V8 11.3) segfaults at
        # exit, after the program's output, once a module's memory reaches 32 MiB
        # (compress at full size); the concurrent GC threads are the trigger.
        # Wasm code does not use the JS heap, so the flag does not change its time.
        return ["node", "--no-warnings", "--single-threaded-gc", str(RUN_WASI), str(wasm)]


class Wasm2c(Engine):
    name = "wasm2c"

    def check_tools(self):
        if not shutil.which("wasm2c"):
            raise Unavailable("wasm2c not found (Debian package wabt)")
        if not (WASM2C_RUNTIME / "wasm-rt-impl.c").exists():
            raise Unavailable(f"{WASM2C_RUNTIME}/wasm-rt-impl.c not found (wabt)")

    def prepare(self, prog, c_file, wasm):
        out = self.work / prog
        exe = out / prog
        app_c = out / "app.c"
        # Generated C is not ours to lint: no -Wall, and -w for its warnings.
        cc = [self.args.cc, *self.args.native_cflags.split(), "-w", f"-I{WASM2C_RUNTIME}", "-I."]
        cmds = [
            ["wasm2c", "-n", "app", str(wasm), "-o", str(app_c)],
            cc + [str(app_c), str(SHIM), str(WASM2C_RUNTIME / "wasm-rt-impl.c"), "-o", str(exe), "-lm"],
        ]
        cached_build(exe, [wasm, SHIM, WASM2C_RUNTIME / "wasm-rt-impl.c"], cmds)
        return [str(exe)]


class Wasmaot(Engine):
    """One column per --wasmaot-mode (issue 8: guard, explicit, explicit+BCE, Segue)."""

    def __init__(self, args, column, flags):
        self.name = column
        super().__init__(args)
        self.flags = flags
        self.compiler = Path(args.wasmaotc)
        self.run_mode = {}  # prog -> "aot" | "run"

    def check_tools(self):
        if not is_native_executable(self.compiler):
            raise Unavailable(f"{self.compiler} not built")

    def prepare(self, prog, c_file, wasm):
        exe = self.work / prog
        cmd = [str(self.compiler), *self.flags, str(wasm), "-o", str(exe)]
        try:
            cached_build(exe, [wasm, self.compiler], [cmd])
        except BuildError:
            exe.unlink(missing_ok=True)
        if is_native_executable(exe):
            self.run_mode[prog] = "aot"
            return [str(exe)]
        # Today `-o` writes IR text (or fails): try the in-memory runner instead.
        exe.unlink(missing_ok=True)
        self.run_mode[prog] = "run"
        return [str(self.compiler), "run", *self.flags, str(wasm), "--"]

    def validate(self, prog, cmd, run_args, expected):
        if self.run_mode.get(prog) == "run":
            try:
                probe = subprocess.run(cmd + run_args, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, timeout=self.args.timeout)
            except subprocess.TimeoutExpired:
                raise Unavailable("`wasmaotc run` timed out")
            # Refusing (no output, failure status) is n/a; running and printing
            # something else is a wrong result, which measure() reports.
            if probe.returncode != 0 and not probe.stdout:
                first = probe.stderr.decode(errors="replace").strip().splitlines()[:1]
                raise Unavailable("cannot produce a runnable program yet"
                                  + (f" ({first[0]})" if first else ""))
            self.note = "run with `wasmaotc run` (time includes compiling)"
        return cmd


def make_engines(args):
    engines = {"native": Native(args), "node": Node(args), "wasm2c": Wasm2c(args)}
    for column, flags in args.wasmaot_modes:
        engines[column] = Wasmaot(args, column, flags)
    wanted = args.engines.split(",") if args.engines else list(engines)
    unknown = [e for e in wanted if e not in engines]
    if unknown:
        sys.exit(f"run.py: unknown engine(s) {', '.join(unknown)}; have {', '.join(engines)}")
    wanted = ["native"] + [e for e in wanted if e != "native"]  # the reference runs first
    return [engines[e] for e in wanted]


# ---- Running ---------------------------------------------------------------


def timed_run(cmd, timeout):
    """Runs cmd once; returns (seconds, (exit status, stdout bytes), cpu seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, (None, b"timeout"), None
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, (proc.returncode, proc.stdout), cpu


def build_wasm(args, prog, c_file):
    wasm = Path(args.work_dir) / "wasm" / f"{prog}.wasm"
    cmd = [args.cc, "--target=wasm32-wasi", *args.wasm_cflags.split(), str(c_file), "-o", str(wasm), "-lm"]
    cached_build(wasm, [c_file], [cmd])
    return wasm


def prepare_all(args, engines, programs):
    """Builds everything (in parallel); returns cells[prog][engine] = cmd or ("n/a"|"error", why)."""
    cells = {p: {} for p in programs}
    tool_state = {}
    for e in engines:
        try:
            e.check_tools()
            tool_state[e.name] = None
        except Unavailable as why:
            tool_state[e.name] = str(why)

    def one(prog):
        c_file = PROGRAMS_DIR / f"{prog}.c"
        row = {}
        try:
            wasm = build_wasm(args, prog, c_file)
        except BuildError as why:
            wasm, wasm_error = None, str(why)
        for e in engines:
            if tool_state[e.name]:
                row[e.name] = ("n/a", tool_state[e.name])
                continue
            if wasm is None and e.name != "native":
                row[e.name] = ("error", f"wasm32-wasi build failed: {wasm_error}")
                continue
            try:
                row[e.name] = e.prepare(prog, c_file, wasm)
            except Unavailable as why:
                row[e.name] = ("n/a", str(why))
            except BuildError as why:
                row[e.name] = ("error", str(why))
        return prog, row

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for prog, row in pool.map(one, programs):
            cells[prog] = row
    return cells


def first_line(data):
    text = data.decode(errors="replace").strip() if isinstance(data, bytes) else str(data)
    return text.splitlines()[0] if text else "(no output)"


def measure(args, engines, programs, cells):
    """Returns results[prog][engine] = {"times": [...], ...} or {"status": "n/a"|"error", "why": ...}."""
    results = {p: {} for p in programs}
    run_key = 1 if args.quick else 0
    for prog in programs:
        run_args = PROGRAMS[prog][run_key]
        row = cells[prog]
        live = {}
        for e in engines:
            cell = row[e.name]
            if isinstance(cell, tuple):
                results[prog][e.name] = {"status": cell[0], "why": cell[1]}
            else:
                live[e.name] = (e, cell)
        if "native" not in live:
            for name in live:
                results[prog][name] = {"status": "error", "why": "no native reference"}
            continue
        expected = None
        for i in range(args.runs):
            # Round-robin over engines so load from other users spreads over all columns.
            for name, (e, cmd) in list(live.items()):
                if i == 0 and name != "native":
                    try:
                        cmd = e.validate(prog, cmd, run_args, expected)
                        live[name] = (e, cmd)
                    except Unavailable as why:
                        results[prog][name] = {"status": "n/a", "why": str(why)}
                        del live[name]
                        continue
                seconds, outcome, cpu = timed_run(cmd + run_args, args.timeout)
                if name == "native":
                    if outcome[0] != 0:
                        results[prog][name] = {"status": "error",
                                               "why": f"native run failed: {first_line(outcome[1])}"}
                        live.clear()
                        break
                    expected = expected or outcome
                if outcome != expected:
                    status = ("timeout" if seconds is None else f"signal {-outcome[0]}"
                              if outcome[0] < 0 else f"exit {outcome[0]}")
                    results[prog][name] = {
                        "status": "error",
                        "why": f"output differs from native ({status}): {first_line(outcome[1])!r}"
                               f" vs {first_line(expected[1])!r}"}
                    del live[name]
                    continue
                r = results[prog].setdefault(name, {"status": "ok", "times": [], "cpu": []})
                r["times"].append(seconds)
                r["cpu"].append(cpu)
        for e in engines:
            results[prog].setdefault(e.name, {"status": "error", "why": "not run: no native reference"})
        for name, r in results[prog].items():
            if r.get("status") == "ok":
                r["median"] = statistics.median(r["times"])
        ref = results[prog].get("native", {})
        line = first_line(expected[1]) if expected else "(no reference)"
        log(f"  {prog}: {line}")
        if ref.get("status") == "ok":
            for name, r in results[prog].items():
                if r.get("status") == "ok":
                    r["ratio"] = r["median"] / ref["median"]
    return results


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def print_table(args, engines, programs, results):
    names = [e.name for e in engines]
    header = ["program"] + [f"{n} s" if n == "native" else f"{n} s (×native)" for n in names]
    rows = []
    for prog in programs:
        row = [prog]
        for n in names:
            r = results[prog][n]
            if r["status"] != "ok":
                row.append(r["status"])
            elif n == "native" or "ratio" not in r:
                row.append(f"{r['median']:.3f}")
            else:
                row.append(f"{r['median']:.3f} ({r['ratio']:.2f}×)")
        rows.append(row)
    geo = ["**geomean**"]
    for n in names:
        ratios = [results[p][n]["ratio"] for p in programs if "ratio" in results[p][n]]
        if n == "native":
            times = [results[p][n]["median"] for p in programs if results[p][n].get("status") == "ok"]
            geo.append(f"{geomean(times):.3f}" if times else "n/a")
        elif not ratios:
            geo.append("n/a")
        else:
            partial = "" if len(ratios) == len(programs) else f", {len(ratios)} of {len(programs)}"
            geo.append(f"**{geomean(ratios):.2f}×**{partial}")
    rows.append(geo)
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    fmt = lambda r: "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                       for i, (c, w) in enumerate(zip(r, widths))) + " |"
    print(fmt(header))
    print("|" + "|".join("-" * (w + 1) + (":" if i else "-") for i, w in enumerate(widths)) + "|")
    for r in rows:
        print(fmt(r))
    # Footnotes: why a cell is not a number, and how engines were run.
    notes = {}
    for prog in programs:
        for n in names:
            r = results[prog][n]
            if r["status"] != "ok":
                notes.setdefault((n, r["status"], r["why"].splitlines()[0]), []).append(prog)
    print()
    for (n, status, why), progs in notes.items():
        which = "all programs" if len(progs) == len(programs) else ", ".join(progs)
        print(f"- {n}: {status} for {which}: {why}")
    for e in engines:
        if e.note:
            print(f"- {e.name}: {e.note}")
    print(f"- median of {args.runs} run(s), wall-clock seconds per process (start-up included); "
          f"mode {'quick' if args.quick else 'full'}; load average before {args.load_before}, "
          f"after {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    errors = [(p, n, results[p][n]["why"]) for p in programs for n in names
              if results[p][n]["status"] == "error"
              or (args.strict and results[p][n]["status"] != "ok")]
    for p, n, why in errors:
        log(f"run.py: {p} on {n}: {why}")
    return not errors


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="engines: native, node, wasm2c, and one per --wasmaot-mode "
                                       "(default: a single `wasmaot` column with no extra flags)")
    p.add_argument("--quick", action="store_true",
                   help="CI mode: 1 run and small sizes (default runs becomes 1)")
    p.add_argument("-n", "--runs", type=int, help="runs per program and engine (default 5, quick 1)")
    p.add_argument("--programs", help="comma-separated subset of: " + ", ".join(PROGRAMS))
    p.add_argument("--engines", help="comma-separated subset of the engines (native is always run)")
    p.add_argument("--wasmaot-mode", action="append", default=[], metavar="COLUMN[=FLAGS]",
                   help="a wasmaot column compiled with FLAGS (space-separated), e.g. "
                        "'explicit=--bounds-checks=explicit --no-bce'; repeatable")
    p.add_argument("--wasmaotc", default=os.environ.get("WASMAOTC", str(REPO / "build/bin/wasmaotc")),
                   help="the compiler (default build/bin/wasmaotc, or $WASMAOTC)")
    p.add_argument("--work-dir", default=os.environ.get("WASMAOT_BENCH_WORK", str(REPO / "build/bench-runtime")),
                   help="where builds go (default build/bench-runtime, or $WASMAOT_BENCH_WORK)")
    p.add_argument("--cc", default="clang-14")
    p.add_argument("--native-cflags", default="-O2", help="for native and wasm2c's C (default -O2)")
    p.add_argument("--wasm-cflags", default="-O2 -g0 -Wl,--strip-debug", help="for wasm32-wasi")
    p.add_argument("-j", "--jobs", type=int, default=2, help="parallel builds (default 2)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per run (default 120)")
    p.add_argument("--json", metavar="FILE", help="also write all times to FILE")
    p.add_argument("--strict", action="store_true", help="n/a cells are failures too")
    args = p.parse_args(argv)
    if args.runs is None:
        args.runs = 1 if args.quick else 5
    if args.runs < 1:
        p.error("--runs must be at least 1")
    modes = []
    for m in args.wasmaot_mode or ["wasmaot"]:
        column, _, flags = m.partition("=")
        if not column or column in ("native", "node", "wasm2c"):
            p.error(f"bad --wasmaot-mode {m!r}")
        modes.append((column, flags.split()))
    args.wasmaot_modes = modes
    args.programs = args.programs.split(",") if args.programs else sorted(PROGRAMS)
    bad = [x for x in args.programs if x not in PROGRAMS]
    if bad:
        p.error(f"unknown program(s) {', '.join(bad)}")
    args.load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return args


def main(argv):
    args = parse_args(argv)
    if not shutil.which(args.cc):
        log(f"run.py: {args.cc} not found; it builds the native reference and the wasm "
            "(scripts/setup.sh installs clang-14 and wasi-libc)")
        return 2
    engines = make_engines(args)
    start = time.perf_counter()
    log(f"run.py: building {len(args.programs)} programs in {args.work_dir} ...")
    cells = prepare_all(args, engines, args.programs)
    log(f"run.py: built in {time.perf_counter() - start:.1f} s; running ({args.runs} run(s) each) ...")
    results = measure(args, engines, args.programs, cells)
    ok = print_table(args, engines, args.programs, results)
    if args.json:
        Path(args.json).write_text(json.dumps({
            "mode": "quick" if args.quick else "full", "runs": args.runs,
            "machine": platform.platform(), "load_before": args.load_before,
            "args": {p: PROGRAMS[p][1 if args.quick else 0] for p in args.programs},
            "results": results}, indent=1))
    log(f"run.py: done in {time.perf_counter() - start:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

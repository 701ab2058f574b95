#!/usr/bin/env python3
"""Differential testing of wasmaot against Binaryen's interpreter (docs/testing.md,
"Differential testing").

For each module i of a run: random bytes drawn from (base seed, i) become a valid
module through `wasm-opt -ttf` (Debian's binaryen 108, the features wasmaot
compiles); `wasm-opt M.wasm --fuzz-exec-before` runs every export in Binaryen's
interpreter and `wasmaot-fuzz-exec M.wasm` runs them on code compiled by
wasmaot; the two outputs (calls, logged values, results, traps) are normalized
and must be equal. A divergence is saved under --out (module, seed, both outputs,
the commands to reproduce it) and reported.

Usage: test/fuzz/differential.py [--count N] [--seconds S] [--jobs J] [--seed BASE]
                                 [--harness PATH] [--out DIR] [--nan-fraction F]
       test/fuzz/differential.py --replay DIR_OR_WASM...

Exit status: 0 no unexplained divergence, 1 some, 2 usage or missing tools.
Python 3 standard library only.
"""

import argparse
import concurrent.futures
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# What wasm-opt 108 may generate: MVP plus the proposals wasmaot compiles.
# Disabled: SIMD, threads, exceptions, tail calls, GC, typed function references,
# memory64, relaxed SIMD (not compiled, or not exercised here), and reference
# types: Binaryen 108 models externref as anyref with funcref below it, so its
# -ttf modules pass funcrefs where externrefs are expected and encode typed
# references with pre-standard opcodes; about 9 in 10 of them are invalid wasm
# (--features="... --enable-reference-types" tries them anyway: invalid modules
# are skipped). Binaryen 108 has no table.init/table.copy/elem.drop at all.
FEATURES = ["--mvp-features", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
            "--enable-bulk-memory", "--enable-multivalue", "--enable-mutable-globals"]

# Binaryen passes run on some generated modules (before both sides run them), so
# that wasmaot also sees optimized code shapes. Both sides run the same bytes.
BINARYEN_OPTS = ["", "", "", "-O1", "-O2", "-O3", "-Os", "--fuzz-passes"]
WASMAOT_OPTS = [["-O0"], ["-O1"], ["-O2"], ["-O2"], ["-O1", "--bounds-checks=explicit"],
                ["-O2", "--bounds-checks=explicit"]]

# Binaryen's trap messages -> the spec interpreter's wording, which
# wasmaot-fuzz-exec prints (runtime::trapMessage). First match wins.
TRAP_MESSAGES = [
    (r"^unreachable$", "unreachable"),
    (r"(div|rem)_[su] by 0$", "integer divide by zero"),
    (r"div_s overflow$", "integer overflow"),
    (r"trunc[SU]Float of nan$", "invalid conversion to integer"),
    (r"trunc[SU]Float overflow$", "integer overflow"),
    (r"> memory|out of bounds memory access|out of bounds segment access in memory\.|memory\.", "out of bounds memory access"),
    (r"^callTable overflow$|out of bounds table access|table\.", "out of bounds table access"),
    (r"^uninitialized table element$", "uninitialized element"),
    (r"callIndirect|signature", "indirect call type mismatch"),
    (r"^stack limit$", "call stack exhausted"),
    (r"null", "null reference"),
]


# wasm-opt's feature flags -> wasmaot's proposal names (Features::apply), so that
# wasmaot decodes and validates each module with the features it was made with.
# Without this, bytes that were typed references in Binaryen 108 decode as Wasm
# 3.0 GC shorthands (0x6b: structref) in modules wabt rightly rejects.
WASMAOT_FEATURE_OF = {
    "--enable-sign-ext": "sign-ext", "--enable-nontrapping-float-to-int": "sat-conv",
    "--enable-bulk-memory": "bulk-memory", "--enable-multivalue": "multi-value",
    "--enable-reference-types": "reference-types", "--enable-simd": "simd",
    "--enable-relaxed-simd": "relaxed-simd", "--enable-tail-call": "tail-call",
    "--enable-extended-const": "extended-const", "--enable-memory64": "memory64",
    "--enable-exception-handling": "exceptions", "--enable-gc": "gc",
    "--enable-typed-function-references": "function-references",
    "--enable-mutable-globals": None,  # importing and exporting mutable globals: always on
}
WASM2_NAMES = ["sign-ext", "sat-conv", "multi-value", "bulk-memory", "reference-types", "simd"]


def wasmaot_features(flags):
    """The --features=SPEC of wasmaot-fuzz-exec for wasm-opt feature flags."""
    if "-all" in flags or "--all-features" in flags:
        return "wasm3"
    spec = ["wasm2"] + ["-" + n for n in WASM2_NAMES]  # the MVP
    for flag in flags:
        if flag in ("--mvp-features", "-mvp"):
            continue
        if flag not in WASMAOT_FEATURE_OF:
            print(f"differential: no wasmaot feature for wasm-opt flag {flag}", file=sys.stderr)
            sys.exit(2)
        if WASMAOT_FEATURE_OF[flag]:
            spec.append("+" + WASMAOT_FEATURE_OF[flag])
    return ",".join(spec)


def tool(name):
    path = shutil.which(name)
    if not path:
        print(f"differential: {name} not found (Debian: apt-get install binaryen wabt)", file=sys.stderr)
        sys.exit(2)
    return path


# ---------------------------------------------------------------- normalization

def normalize_trap(message, ours):
    """Traps compare by kind: Binaryen words each trap its own way."""
    if ours:
        return message
    for pattern, spec in TRAP_MESSAGES:
        if re.search(pattern, message):
            return spec
    return "binaryen: " + message  # unknown wording: shows up as a divergence


def normalize_value(token):
    """One number or reference as printed by either side, canonically.

    NaNs lose sign and payload: the spec leaves both nondeterministic for the
    results of arithmetic (Binaryen's interpreter returns +nan:0x400000, x86
    hardware -nan:0x400000 or the quieted input). Other numbers compare by value
    (Binaryen prints 1e21 or 1.e+300 where we print the shortest round-trip
    form; integral floats as integers). Binaryen 108 spells externref anyref.
    Integer tokens are i32/i64 values or integral floats; the types are the
    same on both sides, so comparing them as numbers is exact.
    """
    t = token.strip()
    if t in ("anyref", "externref"):
        return "externref"
    m = re.fullmatch(r"(anyref|externref)\((.*)\)", t)
    if m:
        return "externref(" + m.group(2) + ")"
    if t.startswith("funcref"):
        return t
    if re.fullmatch(r"-?nan(:0x[0-9a-f]+)?", t):
        return "nan"
    if t in ("inf", "-inf", "-0"):
        return t
    if re.fullmatch(r"-?[0-9]+", t):
        n = int(t)
        # Outside the i64 range it is an integral float, and Binaryen 108 prints
        # 2^64 as 18446744073709551615: compare the double it rounds to.
        return str(n) if -2**63 <= n < 2**63 else str(int(float(t)))
    try:
        f = float(t)
    except ValueError:
        return t
    if f == 0:
        return "-0" if t.startswith("-") else "0"
    if f == int(f):
        return str(int(f))
    return repr(f)


def normalize_values(text):
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        return "(" + ", ".join(normalize_value(v) for v in text[1:-1].split(",")) + ")"
    return " ".join(normalize_value(v) for v in text.split())


def normalize(output, ours):
    """The lines of a --fuzz-exec trace that are compared, normalized."""
    lines = []
    for line in output.splitlines():
        line = line.rstrip()
        if line.startswith("[fuzz-exec] calling "):
            lines.append(line)
        elif line.startswith("[fuzz-exec] note result: "):
            name, _, values = line[len("[fuzz-exec] note result: "):].partition(" => ")
            lines.append(f"[fuzz-exec] note result: {name} => {normalize_values(values)}")
        elif line.startswith("[LoggingExternalInterface logging"):
            lines.append("[LoggingExternalInterface logging " +
                         normalize_values(line[len("[LoggingExternalInterface logging"):-1]) + "]")
        elif line.startswith("[trap "):
            lines.append("[trap " + normalize_trap(line[len("[trap "):-1], ours) + "]")
        elif line.startswith("[fuzz-exec] comparing") or line.startswith("warning:") or not line:
            continue
        else:
            lines.append(line)  # anything unexpected is compared verbatim
    return lines


def export_block(lines, index):
    """The lines of the export call that contains line `index`."""
    start = index
    while start > 0 and not lines[start].startswith("[fuzz-exec] calling "):
        start -= 1
    end = index + 1
    while end < len(lines) and not lines[end].startswith("[fuzz-exec] calling "):
        end += 1
    return lines[start:end]


# ---------------------------------------------------------------- one module

class Config:
    """Everything that decides module i, derived from (base seed, i) only."""

    def __init__(self, base, index, nan_fraction, max_bytes):
        rng = random.Random(f"wasmaot-differential:{base}:{index}")
        self.index = index
        self.seed_bytes = rng.randbytes(rng.randint(64, max_bytes))
        self.denan = rng.random() >= nan_fraction
        self.binaryen_opt = rng.choice(BINARYEN_OPTS)
        self.wasmaot_opts = rng.choice(WASMAOT_OPTS)
        # Without out-of-bounds accesses fewer exports end early in a trap.
        self.no_oob = rng.random() < 0.3

    def generate_args(self, features):
        args = ["-ttf"] + features
        if self.no_oob:
            args.append("--no-fuzz-oob")
        if self.binaryen_opt:
            args.append(self.binaryen_opt)
        if self.denan:
            args.append("--denan")
        return args

    def describe(self):
        return (f"module {self.index}: {len(self.seed_bytes)} seed bytes, "
                f"{'--denan' if self.denan else 'NaNs kept'}{', --no-fuzz-oob' if self.no_oob else ''}, "
                f"binaryen {self.binaryen_opt or '(no passes)'}, "
                f"wasmaot {' '.join(self.wasmaot_opts)}")


class Outcome:
    def __init__(self, kind, detail="", explained=False, files=None):
        self.kind = kind          # "agree", "skip", "divergence"
        self.detail = detail      # skip reason or divergence class
        self.explained = explained
        self.nan_suspect = False  # see nan_triage
        self.files = files or {}  # name -> bytes/text to save on divergence


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        return None, out, "timeout"
    except OSError as e:  # e.g. the harness being relinked under a running campaign
        return 127, "", f"cannot run {cmd[0]}: {e}"


def compare(ref_out, our_rc, our_out, our_err, wasm_path, ctx):
    """Classifies our run against the reference output. Returns an Outcome."""
    if our_rc == 2:
        return Outcome("skip", "not supported by wasmaot: " + first_line(our_err))
    if our_rc == 4:
        # We reject the module: a divergence unless wabt rejects it too.
        rc, _, _ = run([ctx.wasm_validate, wasm_path], 60)
        if rc != 0:
            return Outcome("skip", "invalid module from wasm-opt -ttf (wabt agrees): " +
                           short(first_line(our_err)))
        return Outcome("divergence", "wasmaot rejects a module wabt accepts: " + first_line(our_err))
    if our_rc is None:
        return Outcome("divergence", "wasmaot-fuzz-exec timed out")
    if our_rc < 0:
        return Outcome("divergence", f"wasmaot-fuzz-exec crashed (signal {-our_rc})")
    if our_rc != 0:
        return Outcome("divergence", f"wasmaot-fuzz-exec failed (status {our_rc}): " + first_line(our_err))
    rc, _, verr = run([ctx.wasm_validate, wasm_path], 60)
    if rc != 0:  # a second validator: wasmaot must not accept what wabt rejects
        return Outcome("divergence", "wasmaot ran a module wabt rejects: " + first_line(verr))
    ref, ours = normalize(ref_out, False), normalize(our_out, True)
    if ref == ours:
        return Outcome("agree")
    at = next((i for i in range(min(len(ref), len(ours))) if ref[i] != ours[i]), min(len(ref), len(ours)))
    block = export_block(ref, min(at, len(ref) - 1)) if ref else []
    if "[trap call stack exhausted]" in block:
        return Outcome("divergence", "call depth: Binaryen's interpreter stops at its own depth limit",
                       explained=True)
    expected = ref[at] if at < len(ref) else "(end)"
    got = ours[at] if at < len(ours) else "(end)"
    return Outcome("divergence", f"line {at + 1}: expected {expected!r}, got {got!r}")


def first_line(text):
    text = text.strip()
    return text.splitlines()[0] if text else ""


def short(text):
    """A message without offsets and function numbers, to group skip reasons."""
    return re.sub(r"(offset 0x[0-9a-f]+: |function [0-9]+: )", "", text)[:90]


def run_module(cfg, ctx):
    with tempfile.TemporaryDirectory(prefix="wasmaot-diff-") as tmp:
        seed_path = os.path.join(tmp, "seed")
        wasm_path = os.path.join(tmp, "m.wasm")
        with open(seed_path, "wb") as f:
            f.write(cfg.seed_bytes)
        rc, _, err = run([ctx.wasm_opt, seed_path] + cfg.generate_args(ctx.features) + ["-o", wasm_path], 120)
        if rc != 0:
            return Outcome("skip", "wasm-opt -ttf failed: " + short(first_line(err)))
        rc, ref_out, err = run([ctx.wasm_opt, wasm_path] + ctx.features + ["--fuzz-exec-before"], ctx.timeout)
        if rc != 0:
            return Outcome("skip", "reference timed out" if rc is None else "reference failed: " + short(first_line(err)))
        our_rc, our_out, our_err = run(ctx.harness_cmd + cfg.wasmaot_opts + [wasm_path], ctx.timeout)
        outcome = compare(ref_out, our_rc, our_out, our_err, wasm_path, ctx)
        if outcome.kind == "divergence" and not cfg.denan and our_rc == 0 and not outcome.explained:
            nan_triage(outcome, cfg, ctx, wasm_path, tmp)
        if outcome.kind == "divergence":
            with open(wasm_path, "rb") as f:
                wasm = f.read()
            outcome.files = {
                "m.wasm": wasm, "seed": cfg.seed_bytes,
                "expected.txt": ref_out, "actual.txt": our_out + ("\n[stderr]\n" + our_err if our_err else ""),
                "expected.normalized": "\n".join(normalize(ref_out, False)) + "\n",
                "actual.normalized": "\n".join(normalize(our_out, True)) + "\n",
                "README": reproduce_text(cfg, ctx, outcome),
            }
        return outcome


def nan_triage(outcome, cfg, ctx, wasm_path, tmp):
    """A module kept its NaNs and the outputs differ: NaN bits may legitimately
    differ (spec, "NaN propagation") and reach integers through reinterpret or
    memory. If the same module with --denan agrees, the divergence is marked
    NaN-suspect (reported, not failing the run, to be triaged by hand: --denan
    also hides a real bug that makes a NaN); otherwise it stays unexplained."""
    denan_path = os.path.join(tmp, "m-denan.wasm")
    rc, _, _ = run([ctx.wasm_opt, wasm_path] + ctx.features + ["--denan", "-o", denan_path], 120)
    if rc != 0:
        return
    rc, ref_out, _ = run([ctx.wasm_opt, denan_path] + ctx.features + ["--fuzz-exec-before"], ctx.timeout)
    if rc != 0:
        return
    our_rc, our_out, our_err = run(ctx.harness_cmd + cfg.wasmaot_opts + [denan_path], ctx.timeout)
    if compare(ref_out, our_rc, our_out, our_err, denan_path, ctx).kind == "agree":
        outcome.nan_suspect = True
        outcome.detail = "NaN-suspect (agrees under --denan): " + outcome.detail


def reproduce_text(cfg, ctx, outcome):
    feats = " ".join(ctx.features)
    return (f"{cfg.describe()}\nbase seed {ctx.base}\n{outcome.detail}\n\n"
            f"reproduce:\n"
            f"  wasm-opt seed {' '.join(cfg.generate_args(ctx.features))} -o m.wasm   # m.wasm is saved here\n"
            f"  wasm-opt m.wasm {feats} --fuzz-exec-before > expected.txt\n"
            f"  {' '.join(ctx.harness_cmd + cfg.wasmaot_opts)} m.wasm > actual.txt\n"
            f"  test/fuzz/differential.py --replay THIS_DIR\n"
            f"  or the whole run: test/fuzz/differential.py --seed {ctx.base} --first {cfg.index} --count 1\n")


def self_test():
    """Checks the normalizations on Binaryen's and our spellings (no tools needed)."""
    same = [  # (Binaryen 108's line, wasmaot-fuzz-exec's line)
        ("[fuzz-exec] note result: e => 1.e+300", "[fuzz-exec] note result: e => 1e+300"),
        ("[LoggingExternalInterface logging 1e21]", "[LoggingExternalInterface logging 1e+21]"),
        ("[LoggingExternalInterface logging 3399999952144364249077324e14]",
         "[LoggingExternalInterface logging 3.3999999521443642e+38]"),
        ("[LoggingExternalInterface logging -18446744073709551615]",
         "[LoggingExternalInterface logging -18446744073709551616]"),
        ("[LoggingExternalInterface logging 1942892530 2874]", "[LoggingExternalInterface logging 1942892530 2874]"),
        ("[fuzz-exec] note result: f => nan:0x400000", "[fuzz-exec] note result: f => -nan:0x600000"),
        ("[fuzz-exec] note result: p => (1, anyref(null), -0)", "[fuzz-exec] note result: p => (1, externref(null), -0)"),
        ("[fuzz-exec] note result: n => anyref", "[fuzz-exec] note result: n => externref"),
        ("[trap i32.div_s by 0]", "[trap integer divide by zero]"),
        ("[trap i64.div_s overflow]", "[trap integer overflow]"),
        ("[trap i32.truncUFloat overflow]", "[trap integer overflow]"),
        ("[trap truncSFloat of nan]", "[trap invalid conversion to integer]"),
        ("[trap final > memory: 18446744073706110558 > 1048575]", "[trap out of bounds memory access]"),
        ("[trap out of bounds segment access in memory.copy]", "[trap out of bounds memory access]"),
        ("[trap callTable overflow]", "[trap out of bounds table access]"),
        ("[trap uninitialized table element]", "[trap uninitialized element]"),
        ("[trap callIndirect: function types don't match]", "[trap indirect call type mismatch]"),
        ("[trap stack limit]", "[trap call stack exhausted]"),
    ]
    different = [
        ("[fuzz-exec] note result: a => 9007199254740993", "[fuzz-exec] note result: a => 9007199254740992"),
        ("[LoggingExternalInterface logging 0.1]", "[LoggingExternalInterface logging 0.10000000000000002]"),
        ("[fuzz-exec] note result: z => -0", "[fuzz-exec] note result: z => 0"),
        ("[fuzz-exec] note result: n => nan:0x400000", "[fuzz-exec] note result: n => inf"),
        ("[trap i32.div_s overflow]", "[trap integer divide by zero]"),
        ("[trap truncSFloat of nan]", "[trap integer overflow]"),
        ("[trap highest > memory: 65535 > 65532]", "[trap out of bounds table access]"),
        ("[trap some new binaryen message]", "[trap unreachable]"),
        ("[fuzz-exec] note result: t => (1, 2)", "[fuzz-exec] note result: t => (1, 3)"),
    ]
    failures = 0
    for ref, ours in same + different:
        equal = normalize(ref, False) == normalize(ours, True)
        if equal != ((ref, ours) in same):
            failures += 1
            print(f"self-test: {ref!r} vs {ours!r}: {'equal' if equal else 'different'} after normalization")
    print(f"self-test: {len(same) + len(different) - failures} passed, {failures} failed")
    return 1 if failures else 0


# ---------------------------------------------------------------- the run

class Context:
    pass


def save_divergence(ctx, cfg, outcome):
    digest = hashlib.sha1(outcome.files["m.wasm"]).hexdigest()[:8]
    d = os.path.join(ctx.out, f"{ctx.base}-{cfg.index}-{digest}")
    os.makedirs(d, exist_ok=True)
    for name, data in outcome.files.items():
        with open(os.path.join(d, name), "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=100, help="modules to run (default 100)")
    ap.add_argument("--seconds", type=float, default=0, help="stop starting modules after S seconds (0: no limit)")
    ap.add_argument("--jobs", "-j", type=int, default=2, help="modules in parallel (default 2)")
    ap.add_argument("--seed", type=int, default=1, help="base seed: module i depends only on (seed, i)")
    ap.add_argument("--first", type=int, default=0, help="index of the first module (default 0)")
    ap.add_argument("--harness", default=None, help="wasmaot-fuzz-exec (default: build/bin/, then build-fuzz/bin/)")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "fuzz-divergences"), help="where divergences go")
    ap.add_argument("--nan-fraction", type=float, default=0.0,
                    help="share of modules generated without --denan (default 0; see docs/testing.md)")
    ap.add_argument("--max-seed-bytes", type=int, default=40000, help="largest random input of -ttf (default 40000)")
    ap.add_argument("--timeout", type=float, default=30, help="seconds per run of either side (default 30)")
    ap.add_argument("--features", default=None, help="wasm-opt feature flags instead of the default set (one string)")
    ap.add_argument("--replay", nargs="+", metavar="PATH", help="rerun saved divergences (dirs) or .wasm files")
    ap.add_argument("--wasmaot-opts", default="", help="--replay of .wasm files: wasmaot-fuzz-exec options")
    ap.add_argument("--self-test", action="store_true", help="check the normalizations and exit")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per module")
    args = ap.parse_args()

    if args.self_test:
        return self_test()
    ctx = Context()
    ctx.wasm_opt = tool("wasm-opt")
    ctx.wasm_validate = tool("wasm-validate")
    ctx.harness = args.harness or next(
        (p for p in (os.path.join(ROOT, b, "bin", "wasmaot-fuzz-exec") for b in ("build", "build-fuzz"))
         if os.path.exists(p)), None)
    if not ctx.harness or not os.path.exists(ctx.harness):
        print("differential: wasmaot-fuzz-exec not built (ninja -C build wasmaot-fuzz-exec)", file=sys.stderr)
        return 2
    ctx.features = args.features.split() if args.features else FEATURES
    ctx.harness_cmd = [ctx.harness, "--features=" + wasmaot_features(ctx.features)]
    ctx.timeout, ctx.base, ctx.out = args.timeout, args.seed, args.out

    if args.replay:
        return replay(ctx, args.replay, args.wasmaot_opts.split())

    start = time.monotonic()
    lock = threading.Lock()
    stats = {"ran": 0, "agree": 0, "skip": {}, "explained": {}, "nan_suspect": [], "unexplained": []}

    def job(i):
        if args.seconds and time.monotonic() - start > args.seconds:
            return
        cfg = Config(args.seed, i, args.nan_fraction, args.max_seed_bytes)
        outcome = run_module(cfg, ctx)
        with lock:
            stats["ran"] += 1
            if outcome.kind == "agree":
                stats["agree"] += 1
            elif outcome.kind == "skip":
                stats["skip"][outcome.detail] = stats["skip"].get(outcome.detail, 0) + 1
            else:
                d = save_divergence(ctx, cfg, outcome)
                if outcome.explained:
                    stats["explained"][outcome.detail] = stats["explained"].get(outcome.detail, 0) + 1
                elif outcome.nan_suspect:
                    stats["nan_suspect"].append((cfg.index, outcome.detail, d))
                else:
                    stats["unexplained"].append((cfg.index, outcome.detail, d))
                    print(f"DIVERGENCE {cfg.describe()}\n  {outcome.detail}\n  saved in {d}", flush=True)
            if args.verbose:
                print(f"{cfg.index}: {outcome.kind} {outcome.detail}", flush=True)
            elif stats["ran"] % 1000 == 0:
                print(f"differential: {stats['ran']} modules, {time.monotonic() - start:.0f} s, "
                      f"{len(stats['unexplained'])} unexplained", file=sys.stderr, flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        list(pool.map(job, range(args.first, args.first + args.count)))

    elapsed = time.monotonic() - start
    skipped = sum(stats["skip"].values())
    explained = sum(stats["explained"].values())
    for reason, n in sorted(stats["skip"].items(), key=lambda kv: -kv[1]):
        print(f"  skipped {n}: {reason}")
    for reason, n in sorted(stats["explained"].items(), key=lambda kv: -kv[1]):
        print(f"  explained divergences {n}: {reason}")
    for index, detail, d in stats["nan_suspect"]:
        print(f"  NaN-suspect module {index}: {detail} ({d})")
    for index, detail, d in stats["unexplained"]:
        print(f"  UNEXPLAINED module {index}: {detail} ({d})")
    print(f"differential: {stats['ran']} modules (seed {args.seed}, {args.first}..{args.first + stats['ran'] - 1}) "
          f"in {elapsed:.0f} s: {stats['agree']} agreed, {skipped} skipped, {explained} explained, "
          f"{len(stats['nan_suspect'])} NaN-suspect, {len(stats['unexplained'])} unexplained divergences")
    return 1 if stats["unexplained"] else 0


def replay(ctx, paths, wasm_opts):
    """Reruns saved divergences (or .wasm files) with the current build. Also a
    test command for wasm-reduce: exit status 1 exactly when a module diverges."""
    bad = 0
    for path in paths:
        wasm = os.path.join(path, "m.wasm") if os.path.isdir(path) else path
        opts = wasm_opts
        readme = os.path.join(os.path.dirname(wasm), "README")
        if os.path.isdir(path) and os.path.exists(readme):
            m = re.search(r"wasmaot (-O[012](?: --bounds-checks=explicit)?)", open(readme).read())
            opts = m.group(1).split() if m else []
        rc, ref_out, err = run([ctx.wasm_opt, wasm] + ctx.features + ["--fuzz-exec-before"], ctx.timeout)
        if rc != 0:
            print(f"{path}: reference failed: {first_line(err)}")
            bad += 1
            continue
        our_rc, our_out, our_err = run(ctx.harness_cmd + opts + [wasm], ctx.timeout)
        o = compare(ref_out, our_rc, our_out, our_err, wasm, ctx)
        print(f"{path}: {o.kind} {o.detail}")
        bad += o.kind == "divergence" and not o.explained
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

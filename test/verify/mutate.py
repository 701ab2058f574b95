#!/usr/bin/env python3
"""Mutation test of the verifier: perturbs the real x86-64 rules (swap operands
of non-commutative operations, change an opcode, condition, width or extension,
widen an immediate predicate, flip a flag argument) and checks that
wasmaot-verify rejects each mutant with a counterexample. Prints every surviving
mutant and the share caught; exits 1 below the target (95%).

  test/verify/mutate.py [--build DIR] [--max N] [--seed S]
"""
import argparse, glob, os, random, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Replacements that change the meaning (never an equivalent spelling).
ENUM_SWAPS = {
    "AluOp.add": "AluOp.sub", "AluOp.sub": "AluOp.add", "AluOp.and": "AluOp.or", "AluOp.or": "AluOp.xor",
    "AluOp.xor": "AluOp.and", "ShiftOp.shl": "ShiftOp.shr", "ShiftOp.shr": "ShiftOp.sar",
    "ShiftOp.sar": "ShiftOp.shr", "ShiftOp.rol": "ShiftOp.ror", "ShiftOp.ror": "ShiftOp.rol",
    "ExtKind.sx32_64": "ExtKind.zx32_64", "ExtKind.zx32_64": "ExtKind.sx32_64", "ExtKind.sx8_32": "ExtKind.zx8_32",
    "ExtKind.sx16_32": "ExtKind.zx16_32", "ExtKind.sx8_64": "ExtKind.sx16_64", "ExtKind.sx16_64": "ExtKind.sx8_64",
    "Width.w32": "Width.w64", "Width.w64": "Width.w32", "FpOp.add": "FpOp.sub", "FpOp.sub": "FpOp.add",
    "FpOp.mul": "FpOp.div", "FpOp.div": "FpOp.mul", "FloatFlags.above": "FloatFlags.above_equal",
    "FloatFlags.above_equal": "FloatFlags.above", "FloatFlags.equal_ordered": "FloatFlags.not_equal_or_unordered",
    "FloatFlags.not_equal_or_unordered": "FloatFlags.equal_ordered", "RoundMode.ceil": "RoundMode.floor",
    "RoundMode.floor": "RoundMode.ceil", "RoundMode.trunc": "RoundMode.nearest", "RoundMode.nearest": "RoundMode.trunc",
    "FBitOp.and": "FBitOp.or", "FBitOp.or": "FBitOp.xor", "FBitOp.xor": "FBitOp.and",
    "MemAccess.natural": "MemAccess.u8", "Type.i64": "Type.i32", "Type.f32": "Type.f64", "Type.f64": "Type.f32",
    "(simm32 c)": "(imm32 c)", "(fits_s32 c)": "(fits_u32 c)", "(fits_u32 c)": "(fits_s32 c)",
    "(invert (cond_of a))": "(cond_of a)", "0x55555555": "0x55555554", "0x0f0f0f0f": "0x0f0f0f0e",
    "ShiftOp.shr x5 24": "ShiftOp.shr x5 23", "0x7fffffff)": "0xffffffff)", "0x80000000)": "0x40000000)",
}
COMMUTATIVE = {"AluOp.add", "AluOp.and", "AluOp.or", "AluOp.xor", "FpOp.add", "FpOp.mul", "FBitOp.and",
               "FBitOp.or", "FBitOp.xor"}


def rules_of(path):
    """(name, text) of every (rule ...) form in a file, by paren matching."""
    text = open(path).read()
    out, i = [], 0
    while True:
        i = text.find("(rule ", i)
        if i < 0:
            return out
        depth, j = 0, i
        while True:
            c = text[j]
            if c == ";":
                j = text.index("\n", j)
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        out.append((text[i:j + 1].split()[1], text[i:j + 1]))
        i = j + 1


def mutants(name, text):
    res = []
    for old, new in ENUM_SWAPS.items():
        if old in text:
            res.append((f"{name}: {old} -> {new}", text.replace(old, new, 1)))
    # Swap the two register operands of a non-commutative machine term call.
    for m in re.finditer(r"\((alu_rr|cmp_rr|fop_rr|imul_rr|divrem|cmov|fminmax|ucomis)([^()]*)\b(\w+) (\w+)\)", text):
        if any(c in m.group(0) for c in COMMUTATIVE) or m.group(1) == "imul_rr":
            continue
        swapped = m.group(0)[: m.start(3) - m.start(0)] + m.group(4) + " " + m.group(3) + ")"
        res.append((f"{name}: swap {m.group(3)} {m.group(4)}", text.replace(m.group(0), swapped, 1)))
    # Flip a 0/1 flag argument of divrem / fminmax / conversions.
    for m in re.finditer(r"\((divrem|fminmax|cvt_f2i_trap|cvt_f2i_sat) (\([^()]*\)|\S+) (\S+ )?([01]) ", text):
        flipped = m.group(0)[:-2] + ("1 " if m.group(4) == "0" else "0 ")
        res.append((f"{name}: flip flag of {m.group(1)}", text.replace(m.group(0), flipped, 1)))
    return [(d, re.sub(r"\(rule (\w+)", r"(rule \1_mutant", t, 1)) for d, t in res if t != text]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--max", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--target", type=float, default=95.0)
    args = ap.parse_args()
    verify = os.path.join(args.build, "bin", "wasmaot-verify")
    sem = sorted(glob.glob(os.path.join(ROOT, "isa/x64/semantics/*.sem")))
    prelude = os.path.join(ROOT, "tools/rulec/prelude/ir.rules")
    machine = os.path.join(ROOT, "isa/x64/rules/machine.rules")
    cands = []
    for f in ["lower.rules", "float.rules"]:
        for name, text in rules_of(os.path.join(ROOT, "isa/x64/rules", f)):
            cands += [(d, "(output Reg)\n" + t, "float.rules") for d, t in mutants(name, text)]
    for f in ["cond.rules", "cond-float.rules"]:
        for name, text in rules_of(os.path.join(ROOT, "isa/x64/rules", f)):
            cands += [(d, "(output CC)\n" + t, "cond-float.rules") for d, t in mutants(name, text)]
    random.Random(args.seed).shuffle(cands)
    cands = cands[: args.max]
    caught, withCex, survived, broken = 0, 0, [], []
    with tempfile.TemporaryDirectory() as tmp:
        for k, (desc, text, extra) in enumerate(cands):
            path = os.path.join(tmp, f"m{k}.rules")
            open(path, "w").write(text)
            extras = [os.path.join(ROOT, "isa/x64/rules", extra)]
            cmd = [verify, "--cache", os.path.join(args.build, "verify-cache"), "--timeout", "60", "--only-from", path,
                   "--program", "mutant", prelude, machine] + extras + [path] + sem
            r = subprocess.run(cmd, capture_output=True, text=True)
            if ": error:" in r.stderr:
                broken.append(desc)  # the mutant does not type-check: not a rule
            elif "\nFAIL " in "\n" + r.stdout:
                caught += 1
                withCex += "counterexample:" in r.stdout
            else:
                survived.append(desc)
    total = caught + len(survived)
    score = 100.0 * caught / total if total else 0.0
    for d in survived:
        print("survived:", d)
    for d in broken:
        print("not a valid rule (ignored):", d)
    print(f"mutation: {caught} of {total} non-equivalent mutants caught ({score:.1f}%), "
          f"{withCex} with a counterexample")
    return 0 if score >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())

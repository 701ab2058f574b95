#!/usr/bin/env python3
"""Mutation test of the verifier: perturbs the real x86-64 rules (swap operands
of non-commutative operations, change an opcode, condition, width or extension,
widen an immediate predicate, flip a flag argument) and checks that
wasmaot-verify rejects each mutant with a counterexample. Prints every surviving
mutant and the share of non-equivalent mutants caught; exits 1 below the target
(95%) or when the EQUIVALENT table is wrong.

  test/verify/mutate.py [--build DIR] [--cache DIR] [--max N] [--seed S]

A mutant that survives is one the verifier proved equal to the IR, hence (the
original being proven too) equal to the original rule in the verifier's model.
Whether it is equal on the hardware is exactly what the test cannot ask the
verifier, so an equivalent mutant is one argued equivalent from the manual and
the IR's definition, and listed with that argument in EQUIVALENT below. Such a
mutant is left out of the score; one that the verifier rejects is an error of
the table (its argument is wrong, or the model is), and a survivor not in it
counts as a miss.
"""
import argparse, glob, os, random, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Replacements that change the meaning in most rules (EQUIVALENT lists where not).
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
# Surviving mutants that mean the same as the rule they perturb (by mutant
# description), each with the reason. Keep it short: every entry is a claim
# about x86-64 and the IR that no tool checks.
EQUIVALENT = {
    "fabs_f32: Width.w32 -> Width.w64":
        "ANDPS with the mask splatted per 64-bit lane (0x000000007fffffff) instead of per 32-bit lane: "
        "bits 31:0 are a & 0x7fffffff either way; only xmm bits 127:32 differ, and they are no part of an "
        "f32 value (docs/verification.md: ignored on output)",
    "fneg_f32: Width.w32 -> Width.w64":
        "as fabs_f32: XORPS with 0x0000000080000000 per 64-bit lane instead of 0x80000000 per 32-bit lane; "
        "bits 31:0 are a ^ 0x80000000 either way",
    "popcnt_swar32: Width.w32 -> Width.w64":
        "the first shift becomes SHR64 a, 1: a is an i32, so bits 63:32 of its register are zero (the "
        "representation invariant, a precondition of every rule), and SHR64 then gives the same 64 bits as "
        "SHR32; the flags it sets are overwritten by the AND that follows",
    "fconst_f32: Width.w32 -> Width.w64":
        "MOVSD of the 64-bit constant instead of MOVSS of its low half: an f32 fconst's bits fit 32 bits "
        "(IR well-formedness), so bits 31:0 of the xmm are the same, and the rest is no part of an f32",
    "bitcast_f32: Width.w32 -> Width.w64":
        "MOVQ xmm, r64 instead of MOVD xmm, r32: the i32's register has bits 63:32 zero (the representation "
        "invariant), so bits 31:0 of the xmm are the same, and the rest is no part of an f32",
    "global_get_f32: Type.f32 -> Type.f64":
        "MOVSD instead of MOVSS from the global's storage: the storage is 16 bytes, the value in the low "
        "ones (docs/abi.md), so the 8-byte load stays inside it and bits 31:0 are the f32",
    "band_ri32: Width.w32 -> Width.w64":
        "AND64 with the sign-extended imm32 instead of AND32: bits 63:32 of a are zero (the representation "
        "invariant), so they stay zero, and bits 31:0 are a & c either way; the flags are no part of "
        "a value rule's result",
    "band_ir32: Width.w32 -> Width.w64":
        "as band_ri32 (the same instruction with the constant on the left in the IR)",
    "fcopysign_f32: Width.w32 -> Width.w64":
        "the first mask becomes 0x000000007fffffff per 64-bit lane: bits 31:0 of a & mask are a & 0x7fffffff "
        "either way, and so are bits 31:0 after the OR with b's sign; only bits 127:32 differ, no part of an f32",
    "select_i32: Width.w32 -> Width.w64":
        "CMOV64 instead of CMOV32 of two i32 registers: both have bits 63:32 zero (the representation "
        "invariant), and CMOV32 zero-extends whichever it keeps, so the 64 bits are the same",
    "popcnt_swar64: ShiftOp.shr -> ShiftOp.sar":
        "the first shift is a >> 1, and-ed with 0x5555555555555555 at once; SAR and SHR differ only in bit "
        "63, which that mask clears",
    "popcnt_swar32: ShiftOp.shr -> ShiftOp.sar":
        "the first shift is a >> 1 (32-bit), and-ed with 0x55555555 at once; SAR32 and SHR32 differ only in "
        "bit 31, which that mask clears (both zero bits 63:32)",
    "fcopysign_f64: FBitOp.or -> FBitOp.xor":
        "ORPS/XORPS of (a & 0x7fff...) and (b & 0x8000...), splatted per 64-bit lane: the operands have no "
        "set bit in common in any lane, so OR and XOR give the same 128 bits",
    "fcopysign_f32: FBitOp.or -> FBitOp.xor":
        "as fcopysign_f64, with 32-bit lanes: (a & 0x7fffffff) and (b & 0x80000000) share no set bit",
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
        # Whole names only: FloatFlags.above is not the start of FloatFlags.above_equal.
        pat = re.escape(old) + (r"(?![\w.])" if re.match(r"\w", old[-1]) else "")
        if re.search(pat, text):
            res.append((f"{name}: {old} -> {new}", re.sub(pat, lambda _: new, text, count=1)))
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
    ap.add_argument("--cache", help="the verifier's cache (default: BUILD/verify-cache)")
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
    cache = args.cache or os.path.join(args.build, "verify-cache")
    caught, withCex, survived, equivalent, wrongClaims, broken = 0, 0, [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for k, (desc, text, extra) in enumerate(cands):
            path = os.path.join(tmp, f"m{k}.rules")
            open(path, "w").write(text)
            extras = [os.path.join(ROOT, "isa/x64/rules", extra)]
            cmd = [verify, "--cache", cache, "--timeout", "60", "--only-from", path,
                   "--program", "mutant", prelude, machine] + extras + [path] + sem
            r = subprocess.run(cmd, capture_output=True, text=True)
            if ": error:" in r.stderr:
                broken.append(desc)  # the mutant does not type-check: not a rule
            elif "\nFAIL " in "\n" + r.stdout:
                if desc in EQUIVALENT:
                    wrongClaims.append(desc)
                    continue
                caught += 1
                withCex += "counterexample:" in r.stdout
            elif desc in EQUIVALENT:
                equivalent.append(desc)
            else:
                survived.append(desc)
    total = caught + len(survived)
    score = 100.0 * caught / total if total else 0.0
    for d in survived:
        print("survived:", d)
    for d in equivalent:
        print(f"equivalent (ignored): {d}: {EQUIVALENT[d]}")
    for d in wrongClaims:
        print("REJECTED, but listed as equivalent (fix EQUIVALENT):", d)
    for d in broken:
        print("not a valid rule (ignored):", d)
    print(f"mutation: {caught} of {total} non-equivalent mutants caught ({score:.1f}%), "
          f"{withCex} with a counterexample; {len(equivalent)} equivalent, {len(broken)} not valid rules, "
          f"{len(cands)} tried")
    return 0 if score >= args.target and not wrongClaims else 1


if __name__ == "__main__":
    sys.exit(main())

# gen.py OUT: the test vectors of check.sh: every form of
# isa/aarch64/semantics/forms-*.sem over edge-case and random operands, as
# OUT/t.c (inline asm per case, run under qemu-aarch64) and OUT/cases.txt (the
# same cases for eval_forms). Every case starts from a random NZCV (MSR) and
# prints the destination (x9, or all of v0, both filled with garbage first),
# NZCV after (MRS), and for a memory form the 32-byte window around the access:
#   - register/immediate forms: multiply, divide, variable shifts, CLZ/RBIT,
#     bitfield moves and their aliases, move wide, bitmask immediates, scalar FP;
#   - shifted-register (lsl/lsr/asr, and ror for the logical forms) and
#     extended-register (uxtb..sxtx, amount 0..4) operands, add/sub imm12 with
#     and without lsl #12;
#   - flag-setting forms (ADDS/SUBS/ANDS, CMP/CMN/TST, CCMP/CCMN, FCMP) and the
#     forms that read NZCV (CSEL/CSINC/CSET/FCSEL, B.cond: all 16 conditions
#     over all 16 NZCV states), CBZ/CBNZ taken or not;
#   - loads and stores: ui (imm12 * size), us (imm9) and ro (x index, w index
#     uxtw/sxtw, lsl #log2(size)) over a buffer of random bytes, LDR literal.
# Fails when a form of the semantics is neither exercised nor in NOT_RUN.
import itertools, os, random, re, struct, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from hardware_coverage import check_coverage, forms_with_semantics
out = sys.argv[1]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..')
# Forms that cannot run here, each with the reason (keep this tiny).
NOT_RUN = {}
random.seed(11)
M = (1 << 64) - 1
ints = [0, 1, 2, M, M - 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xffffffff80000000, 0x8000000000000000,
        0x7fffffffffffffff, 0x100000000, 31, 32, 33, 63, 64, 65, 0xdeadbeef00000001, 0x12345678]
ints += [random.getrandbits(64) for _ in range(8)]
def d2b(v): return struct.unpack('<Q', struct.pack('<d', v))[0]
def f2b(v): return struct.unpack('<I', struct.pack('<f', v))[0]
f64 = [0, 1 << 63, d2b(1.0), d2b(-1.0), d2b(0.5), d2b(-0.5), d2b(1.5), d2b(2.5), d2b(-2.5), d2b(3.7),
       0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000123, 0x7ff0000000000001,
       0x7ff4000000000000, 1, d2b(2.0**31), d2b(-2.0**31 - 1), d2b(2.0**32), d2b(2.0**63), d2b(-2.0**63),
       d2b(2.0**64), d2b(1e300), d2b(-0.99), d2b(4503599627370497.0)]
f64 += [random.getrandbits(64) for _ in range(4)]
f32 = [0, 0x80000000, f2b(1.0), f2b(-1.0), f2b(0.5), f2b(-0.5), f2b(1.5), f2b(2.5), f2b(-2.5), f2b(3.7),
       0x7f800000, 0xff800000, 0x7fc00000, 0xffc00123, 0x7f800001, 0x7fa00000, 1, f2b(2.0**31),
       f2b(-2.0**31), f2b(2.0**32), f2b(2.0**63), f2b(-2.0**63), f2b(2.0**64), f2b(-0.99), f2b(8388609.0)]
f32 = [x | (random.getrandbits(32) << 32) for x in f32]  # the upper half of the D register is ignored
CONDS = ['eq', 'ne', 'hs', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv']
NZCV = [k << 28 for k in range(16)]

# An operand kind: X (a general register input), S/D (an FP register input),
# ('I', bits, values) an immediate, ('B', values) a boolean (lsl #12),
# ('N', names) a shift/extend, ('C', values) a 4-bit condition (printed as
# its name). A form: (asm template, operand kinds, destination) with the
# destination x (x9), v (v0), - (none: flags or memory) or b (a branch:
# taken?). The template's {0}, {1}, ... are the non-register operands in order.
R = 'X'
def I(bits, values): return ('I', bits, values)
def N(names): return ('N', names)
def C(values): return ('C', values)
B = ('B', [0, 1])
forms = {}
for w, p in (('W', 'w'), ('X', 'x')):
    P = lambda s: s.replace('{p}', p)
    n = 31 if w == 'W' else 63
    for f, mn in (('MADD', 'madd'), ('MSUB', 'msub')):
        forms[f + w + 'rrr'] = (P(mn + ' {p}9, {p}10, {p}11, {p}12'), [R, R, R], 'x')
    forms['MUL' + w + 'rr'] = (P('mul {p}9, {p}10, {p}11'), [R, R], 'x')
    for f, mn in (('SDIV', 'sdiv'), ('UDIV', 'udiv'), ('LSLV', 'lslv'), ('LSRV', 'lsrv'), ('ASRV', 'asrv'), ('RORV', 'rorv')):
        forms[f + w + 'r'] = (P(mn + ' {p}9, {p}10, {p}11'), [R, R], 'x')
    for f, mn in (('CLZ', 'clz'), ('RBIT', 'rbit')):
        forms[f + w + 'r'] = (P(mn + ' {p}9, {p}10'), [R], 'x')
    sh = [0, 1, 5, n - 1, n]
    for f, mn in (('LSL', 'lsl'), ('LSR', 'lsr'), ('ASR', 'asr'), ('ROR', 'ror')):
        forms[f + w + 'ri'] = (P(mn + ' {p}9, {p}10, #{0}'), [R, I(8, sh)], 'x')
    pairs = [0, 3, 7, 15, n]
    for f, mn in (('UBFM', 'ubfm'), ('SBFM', 'sbfm')):
        forms[f + w + 'ri'] = (P(mn + ' {p}9, {p}10, #{0}, #{1}'), [R, I(8, pairs), I(8, pairs)], 'x')
    forms['EXTR' + w + 'rri'] = (P('extr {p}9, {p}10, {p}11, #{0}'), [R, R, I(8, [0, 1, 17, n])], 'x')
    hws = [0, 16] if w == 'W' else [0, 16, 32, 48]
    for f, mn in (('MOVZ', 'movz'), ('MOVN', 'movn')):
        forms[f + w + 'i'] = (P(mn + ' {p}9, #{0}, lsl #{1}'), [I(16, [0, 1, 0x8000, 0xffff, 0x1234]), I(8, hws)], 'x')
    forms['MOVK' + w + 'i'] = (P('mov x9, x10\\n movk {p}9, #{0}, lsl #{1}'), [R, I(16, [0, 0xffff, 0x1234]), I(8, hws)], 'x')
    masks = [0x5555555555555555, 0x00ff00ff00ff00ff, 0x0000000000000ff0, 0xfffffffffffffffe, 0x8000000000000001]
    if w == 'W':
        masks = [m & 0xffffffff for m in masks]
    for f, mn in (('AND', 'and'), ('ORR', 'orr'), ('EOR', 'eor'), ('ANDS', 'ands')):
        forms[f + w + 'ri'] = (P(mn + ' {p}9, {p}10, #{0}'), [R, I(64, masks)], 'x')
    forms['TST' + w + 'ri'] = (P('tst {p}10, #{0}'), [R, I(64, masks)], '-')
    # shifted register: add/sub take lsl/lsr/asr, the logical forms ror too
    amts = I(8, [0, 1, 5, n])
    for f, mn in (('ADD', 'add'), ('ADDS', 'adds'), ('SUB', 'sub'), ('SUBS', 'subs')):
        forms[f + w + 'rs'] = (P(mn + ' {p}9, {p}10, {p}11, {0} #{1}'), [R, R, N(['lsl', 'lsr', 'asr']), amts], 'x')
    forms['CMP' + w + 'rs'] = (P('cmp {p}10, {p}11, {0} #{1}'), [R, R, N(['lsl', 'lsr', 'asr']), amts], '-')
    forms['NEG' + w + 'r'] = (P('neg {p}9, {p}10, {0} #{1}'), [R, N(['lsl', 'lsr', 'asr']), amts], 'x')
    for f, mn in (('AND', 'and'), ('ORR', 'orr'), ('EOR', 'eor'), ('ANDS', 'ands')):
        forms[f + w + 'rs'] = (P(mn + ' {p}9, {p}10, {p}11, {0} #{1}'), [R, R, N(['lsl', 'lsr', 'asr', 'ror']), amts], 'x')
    # add/sub immediate: imm12, lsl #12 or not
    imm12 = I(12, [0, 1, 0xfff, 0x800, 0x123])
    for f, mn in (('ADD', 'add'), ('ADDS', 'adds'), ('SUB', 'sub'), ('SUBS', 'subs')):
        forms[f + w + 'ri'] = (P(mn + ' {p}9, {p}10, #{0}, lsl #{1}'), [R, imm12, B], 'x')
    for f, mn in (('CMP', 'cmp'), ('CMN', 'cmn')):
        forms[f + w + 'ri'] = (P(mn + ' {p}10, #{0}, lsl #{1}'), [R, imm12, B], '-')
    # conditional select and compare
    for f, mn in (('CSEL', 'csel'), ('CSINC', 'csinc')):
        forms[f + w + 'r'] = (P(mn + ' {p}9, {p}10, {p}11, {0}'), [R, R, C(range(16))], 'x')
    forms['CSET' + w + 'r'] = (P('cset {p}9, {0}'), [C(range(14))], 'x')  # cset: never al/nv (the alias)
    for f, mn in (('CCMP', 'ccmp'), ('CCMN', 'ccmn')):
        forms[f + w + 'i'] = (P(mn + ' {p}10, #{0}, #{1}, {2}'), [R, I(5, [0, 1, 16, 31]), I(4, range(16)), C(range(16))], '-')
    # branches: taken or not
    forms['CBZ' + w] = (P('cbz {p}10, 1f'), [R], 'b')
    forms['CBNZ' + w] = (P('cbnz {p}10, 1f'), [R], 'b')
    forms['MOV' + w + 'r'] = (P('mov {p}9, {p}10'), [R], 'x')
forms['Bcc'] = ('b.{0} 1f', [C(range(16))], 'b')
# extended register (X forms only): uxtx/sxtx read an X register, the others a W register
EXTS = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx']
for f, mn in (('ADDXrx', 'add x9,'), ('ADDSXrx', 'adds x9,'), ('SUBSXrx', 'subs x9,'), ('CMPXrx', 'cmp')):
    forms[f] = (mn + ' x10, {r}11, {0} #{1}', [R, R, N(EXTS), I(8, [0, 1, 2, 3, 4])], 'x' if f != 'CMPXrx' else '-')
forms['SXTBWr'] = ('sxtb w9, w10', [R], 'x'); forms['SXTBXr'] = ('sxtb x9, w10', [R], 'x')
forms['SXTHWr'] = ('sxth w9, w10', [R], 'x'); forms['SXTHXr'] = ('sxth x9, w10', [R], 'x')
forms['SXTWXr'] = ('sxtw x9, w10', [R], 'x')
for t, r in (('S', 's'), ('D', 'd')):
    for f, mn in (('FADD', 'fadd'), ('FSUB', 'fsub'), ('FMUL', 'fmul'), ('FDIV', 'fdiv'), ('FMIN', 'fmin'),
                  ('FMAX', 'fmax'), ('FMINNM', 'fminnm'), ('FMAXNM', 'fmaxnm')):
        forms[f + t + 'rr'] = (mn + ' {r}0, {r}1, {r}2'.replace('{r}', r), [t, t], 'v')
    for f, mn in (('FABS', 'fabs'), ('FNEG', 'fneg'), ('FSQRT', 'fsqrt'), ('FRINTN', 'frintn'), ('FRINTP', 'frintp'),
                  ('FRINTM', 'frintm'), ('FRINTZ', 'frintz')):
        forms[f + t + 'r'] = (mn + ' {r}0, {r}1'.replace('{r}', r), [t], 'v')
    forms['FMOV' + t + 'i'] = ('fmov {r}0, #{0}'.replace('{r}', r), [('F', [0x70, 0xf0, 0x00, 0x7f, 0x80, 0x10])], 'v')
    forms['FCMP' + t + 'rr'] = ('fcmp {r}1, {r}2'.replace('{r}', r), [t, t], '-')
    forms['FCSEL' + t + 'rrr'] = ('fcsel {r}0, {r}1, {r}2, {0}'.replace('{r}', r), [t, t, C(range(16))], 'v')
    for iw, ir in (('W', 'w'), ('X', 'x')):
        forms['SCVTF' + t + iw + 'r'] = ('scvtf %s0, %s10' % (r, ir), [R], 'v')
        forms['UCVTF' + t + iw + 'r'] = ('ucvtf %s0, %s10' % (r, ir), [R], 'v')
        forms['FCVTZS' + iw + t + 'r'] = ('fcvtzs %s9, %s1' % (ir, r), [t], 'x')
        forms['FCVTZU' + iw + t + 'r'] = ('fcvtzu %s9, %s1' % (ir, r), [t], 'x')
forms['FCVTDSr'] = ('fcvt d0, s1', ['S'], 'v'); forms['FCVTSDr'] = ('fcvt s0, d1', ['D'], 'v')
forms['FMOVWSr'] = ('fmov w9, s1', ['S'], 'x'); forms['FMOVSWr'] = ('fmov s0, w10', [R], 'v')
forms['FMOVXDr'] = ('fmov x9, d1', ['D'], 'x'); forms['FMOVDXr'] = ('fmov d0, x10', [R], 'v')
fpimm = {0x70: '1.0', 0xf0: '-1.0', 0x00: '2.0', 0x7f: '1.9375', 0x80: '-2.0', 0x10: '4.0'}

# A case: the form, the inputs (register name -> value), the NZCV before, the
# asm line, the cases.txt tokens, the destination kind, and for a memory form
# (window bytes, base register offset from the window, index register value).
cases = []
def case(fid, regs, nzcv, insn, toks, dest, mem=None):
    cases.append((fid, regs, nzcv, insn, toks, dest, mem))

for fid, (tmpl, ops, dest) in sorted(forms.items()):
    lists = []
    for o in ops:
        lists.append(ints if o == R else f32 if o == 'S' else f64 if o == 'D' else list(o[-1]))
    combos = list(itertools.product(*lists))
    reads_flags = any(o[0] == 'C' for o in ops if isinstance(o, tuple))
    limit = 200
    if reads_flags:  # every NZCV state with each combination (sampled)
        combos = [c + (z,) for c in combos for z in NZCV]
        limit = 256
    if len(combos) > limit:
        combos = random.sample(combos, limit)
    for c in combos:
        nzcv = c[-1] if reads_flags else random.choice(NZCV)
        regs, toks, imms, xi, fi = [], [], [], 10, 1
        for o, v in zip(ops, c):
            if o == R:
                regs.append(('x%d' % xi, v)); xi += 1; toks.append('R:64:%x' % v)
            elif o in ('S', 'D'):
                regs.append(('d%d' % fi, v)); fi += 1; toks.append('R:128:%x' % v)
            elif o[0] == 'I':
                imms.append(v); toks.append('I:%d:%x' % (o[1], v))
            elif o[0] == 'F':
                imms.append(fpimm[v]); toks.append('I:8:%x' % v)
            elif o[0] == 'B':
                imms.append(12 if v else 0); toks.append('B:%d' % v)
            elif o[0] == 'N':
                imms.append(v); toks.append('N:' + v)
            elif o[0] == 'C':
                imms.append(CONDS[v]); toks.append('I:4:%x' % v)
        # the register of an extended operand: X for uxtx/sxtx, else W
        r = 'x' if any(x in ('uxtx', 'sxtx') for x in imms) else 'w'
        case(fid, regs, nzcv, tmpl.replace('{r}', r).format(*imms), toks, dest)

# ---- loads and stores over a 32-byte window of random bytes; the access is at
# window + 8 + a (a < 8: unaligned too), the base register is chosen so that the
# form's addressing reaches it: base + imm12 * size (ui), base + imm9 (us),
# base + extend(index) << shift (ro), so base and index are any 64-bit values.
LDST = [  # (prefix, ui mnemonic, us mnemonic, register, size, load: dest kind / store)
    ('LDRB', 'ldrb', 'ldurb', 'w', 1, 'x'), ('LDRH', 'ldrh', 'ldurh', 'w', 2, 'x'),
    ('LDRW', 'ldr', 'ldur', 'w', 4, 'x'), ('LDRX', 'ldr', 'ldur', 'x', 8, 'x'),
    ('LDRSBW', 'ldrsb', 'ldursb', 'w', 1, 'x'), ('LDRSBX', 'ldrsb', 'ldursb', 'x', 1, 'x'),
    ('LDRSHW', 'ldrsh', 'ldursh', 'w', 2, 'x'), ('LDRSHX', 'ldrsh', 'ldursh', 'x', 2, 'x'),
    ('LDRSW', 'ldrsw', 'ldursw', 'x', 4, 'x'), ('LDRS', 'ldr', 'ldur', 's', 4, 'v'), ('LDRD', 'ldr', 'ldur', 'd', 8, 'v'),
    ('STRB', 'strb', 'sturb', 'w', 1, 'st'), ('STRH', 'strh', 'sturh', 'w', 2, 'st'),
    ('STRW', 'str', 'stur', 'w', 4, 'st'), ('STRX', 'str', 'stur', 'x', 8, 'st'),
    ('STRS', 'str', 'stur', 's', 4, 'st'), ('STRD', 'str', 'stur', 'd', 8, 'st')]
def window(): return [random.getrandbits(8) for _ in range(32)]
for pre, mn, umn, reg, size, kind in LDST:
    store = kind == 'st'
    # the transfer register: a load's destination (x9 / v0), a store's source (x10 / d1)
    rt = (reg + ('1' if reg in 'sd' else '10')) if store else (reg + ('0' if reg in 'sd' else '9'))
    fp = reg in 'sd'
    shapes = []
    for d in [0, size, 2 * size, 255 * size, 4095 * size, random.randrange(4096) * size]:
        shapes.append(('ui', mn + ' %s, [x11, #%d]' % (rt, d), d, None, 1))
    for d in [-256, -1, 0, 1, 7, 255, random.randrange(-256, 256)]:
        shapes.append(('us', umn + ' %s, [x11, #%d]' % (rt, d), d, None, 1))
    lg = size.bit_length() - 1
    for ix in [0, 1, M, 8, random.getrandbits(64), random.getrandbits(64)]:
        shapes.append(('ro', mn + ' %s, [x11, x12]' % rt, 0, ix, 1))
        shapes.append(('ro', mn + ' %s, [x11, x12, lsl #%d]' % (rt, lg), 0, ix, size))
        shapes.append(('ro', mn + ' %s, [x11, w12, uxtw]' % rt, 0, ix, 'uxtw'))
        shapes.append(('ro', mn + ' %s, [x11, w12, sxtw]' % rt, 0, ix, 'sxtw'))
    for sfx, insn, disp, ix, sc in shapes:
        at = 8 + random.randrange(8)
        win = window()
        index, scale = ix, 1
        if sc == 'uxtw':
            index = ix & 0xffffffff
        elif sc == 'sxtw':
            index = (ix & 0xffffffff) - ((ix & 0x80000000) << 1) & M
        elif ix is not None:
            scale = sc
        off = at - disp - (index * scale if index is not None else 0)
        regs = [('x12', ix)] if ix is not None else []
        toks = []
        if store:
            v = random.choice(f64 if reg == 'd' else f32) if fp else random.choice(ints)
            regs.append((rt.replace('s', 'd').replace('w', 'x'), v))
            toks.append('R:%d:%x' % (128 if fp else 64, v))
        toks.append('A:%x:%s:%d:%x' % (off & M, '%x' % index if index is not None else '-', scale, disp & 0xffffffff))
        case(pre + sfx, regs, random.choice(NZCV), insn, toks, '-' if store else kind, (win, off & M))
# LDR (literal): the literal follows the load in the code; the semantics read it
# from the window (which the program fills with the same bytes).
for fid, r, size in (('LDRSl', 's', 4), ('LDRDl', 'd', 8)):
    for _ in range(12):
        win = window()
        lit = int.from_bytes(bytes(win[:size]), 'little')
        insn = 'ldr %s0, 1f\\n b 2f\\n .p2align 3\\n 1: .%s 0x%x\\n 2:' % (r, 'word' if size == 4 else 'quad', lit)
        case(fid, [], random.choice(NZCV), insn, ['A:0:-:1:0'], 'v', (win, None))

# ---- the program: one function per form (keeps gcc -O0 fast)
lines = ['#include <stdio.h>', '#include <stdint.h>', '#include <string.h>',
         'static uint64_t res[4];', 'static uint8_t buf[65536] __attribute__((aligned(16)));',
         '#define WIN (buf + 0x8000)',
         'static void out(int k, int dest, int mem) {',
         '  printf("%d ", k);',
         '  if (dest == 0) printf("-");',
         '  else if (dest == 1) printf("%016llx", (unsigned long long)res[0]);',
         '  else if (dest == 2) printf("%016llx%016llx", (unsigned long long)res[2], (unsigned long long)res[1]);',
         '  else printf(res[0] ? "taken" : "not-taken");',
         '  printf(" flags=%llx", (unsigned long long)res[3]);',
         '  if (mem) { printf(" mem="); for (int i = 0; i < 32; i++) printf("%02x", WIN[i]); }',
         '  printf("\\n");', '}',
         'static void win(const uint8_t *b) { memcpy(WIN, b, 32); }']
DESTCODE = {'-': 0, 'x': 1, 'v': 2, 'b': 3}
funcs = []
with open(out + '/cases.txt', 'w') as f:
    byform = {}
    for k, c in enumerate(cases):
        byform.setdefault(c[0], []).append((k, c))
    for fid, cs in sorted(byform.items()):
        lines.append('static void f_%s(void) {' % fid)
        funcs.append('f_' + fid)
        for k, (_, regs, nzcv, insn, toks, dest, mem) in cs:
            inputs, pre = [], []
            for r, v in regs:
                inputs.append('"r"((uint64_t)0x%xull)' % v)
                pre.append(('fmov %s, %%%d' if r[0] == 'd' else 'mov %s, %%%d') % (r, len(inputs) - 1))
            if mem is not None:
                lines.append('  { static const uint8_t w[32] = {%s}; win(w); }' % ','.join(str(b) for b in mem[0]))
                if mem[1] is not None:
                    inputs.append('"r"((uint64_t)(uintptr_t)WIN + 0x%xull)' % mem[1])
                    pre.append('mov x11, %%%d' % (len(inputs) - 1))
            inputs.append('"r"((uint64_t)0x%xull)' % nzcv)
            pre.append('msr nzcv, %%%d' % (len(inputs) - 1))
            inputs.append('"r"(res)')
            resreg = '%%%d' % (len(inputs) - 1)
            body = pre + ['movn x9, #0', 'movi v0.2d, #0xffffffffffffffff']
            if dest == 'b':
                body += [insn, 'mov x9, #0', 'b 2f', '1: mov x9, #1', '2:']
            else:
                body += [insn]
            body += ['mrs x14, nzcv', 'str x14, [%s, #24]' % resreg, 'str x9, [%s]' % resreg,
                     'fmov x14, d0', 'str x14, [%s, #8]' % resreg, 'mov x14, v0.d[1]', 'str x14, [%s, #16]' % resreg]
            lines.append('  __asm__ volatile("%s" : : %s : "x9","x10","x11","x12","x14","v0","v1","v2","cc","memory"); out(%d, %d, %d);'
                         % ('\\n '.join(body), ', '.join(inputs), k, DESTCODE[dest], mem is not None))
            extra = ['F:%x' % nzcv] + (['M:' + ''.join('%02x' % b for b in mem[0])] if mem is not None else [])
            f.write('%d %s %s\n' % (k, cases[k][0], ' '.join(toks + extra)))
        lines.append('}')
lines.append('int main(void) {')
lines += ['  %s();' % fn for fn in funcs]
lines.append('  return 0;\n}')
open(out + '/t.c', 'w').write('\n'.join(lines) + '\n')
# ---- the coverage check: every form of the semantics is exercised or listed
check_coverage('aarch64', forms_with_semantics(root, 'aarch64'), set(c[0] for c in cases), NOT_RUN, len(cases))

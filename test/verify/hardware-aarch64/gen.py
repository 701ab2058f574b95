# gen.py OUT: the test vectors of check.sh: the AArch64 forms of
# isa/aarch64/semantics whose operands are registers and immediates only and
# that leave no flags (integer multiply/divide/variable shifts/bit counts,
# bitfield moves and their aliases, move wide, bitmask immediates, and the
# scalar FP arithmetic, min/max, rounding, conversions and moves) over
# edge-case and random operands: OUT/t.c (inline asm per case, run under
# qemu-aarch64) and OUT/cases.txt (the same cases for eval_forms).
import random, struct, sys, itertools
out = sys.argv[1]
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
# form -> (asm template, operand kinds): X a general register (64-bit input),
# S/D an FP register, I<w> an immediate of w bits (the list of values follows).
R, F = 'X', 'F'
forms = {}
for w, p in (('W', 'w'), ('X', 'x')):
    for f, mn in (('MADD', 'madd'), ('MSUB', 'msub')):
        forms[f + w + 'rrr'] = (mn + ' {p}9, {p}10, {p}11, {p}12'.replace('{p}', p), [R, R, R])
    forms['MUL' + w + 'rr'] = ('mul {p}9, {p}10, {p}11'.replace('{p}', p), [R, R])
    for f, mn in (('SDIV', 'sdiv'), ('UDIV', 'udiv'), ('LSLV', 'lslv'), ('LSRV', 'lsrv'), ('ASRV', 'asrv'), ('RORV', 'rorv')):
        forms[f + w + 'r'] = (mn + ' {p}9, {p}10, {p}11'.replace('{p}', p), [R, R])
    for f, mn in (('CLZ', 'clz'), ('RBIT', 'rbit')):
        forms[f + w + 'r'] = (mn + ' {p}9, {p}10'.replace('{p}', p), [R])
    n = 31 if w == 'W' else 63
    sh = [0, 1, 5, n - 1, n]
    for f, mn in (('LSL', 'lsl'), ('LSR', 'lsr'), ('ASR', 'asr'), ('ROR', 'ror')):
        forms[f + w + 'ri'] = (mn + ' {p}9, {p}10, #{0}'.replace('{p}', p), [R, ('I8', sh)])
    pairs = [0, 3, 7, 15, n]
    for f, mn in (('UBFM', 'ubfm'), ('SBFM', 'sbfm')):
        forms[f + w + 'ri'] = (mn + ' {p}9, {p}10, #{0}, #{1}'.replace('{p}', p), [R, ('I8', pairs), ('I8', pairs)])
    forms['EXTR' + w + 'rri'] = ('extr {p}9, {p}10, {p}11, #{0}'.replace('{p}', p), [R, R, ('I8', [0, 1, 17, n])])
    hws = [0, 16] if w == 'W' else [0, 16, 32, 48]
    for f, mn in (('MOVZ', 'movz'), ('MOVN', 'movn')):
        forms[f + w + 'i'] = (mn + ' {p}9, #{0}, lsl #{1}'.replace('{p}', p), [('I16', [0, 1, 0x8000, 0xffff, 0x1234]), ('I8', hws)])
    forms['MOVK' + w + 'i'] = ('mov x9, x10\\n movk {p}9, #{0}, lsl #{1}'.replace('{p}', p),
                               [R, ('I16', [0, 0xffff, 0x1234]), ('I8', hws)])
    masks = [0x5555555555555555, 0x00ff00ff00ff00ff, 0x0000000000000ff0, 0xfffffffffffffffe, 0x8000000000000001]
    if w == 'W':
        masks = [m & 0xffffffff for m in masks]
    for f, mn in (('AND', 'and'), ('ORR', 'orr'), ('EOR', 'eor')):
        forms[f + w + 'ri'] = (mn + ' {p}9, {p}10, #{0}'.replace('{p}', p), [R, ('I64', masks)])
forms['SXTBWr'] = ('sxtb w9, w10', [R]); forms['SXTBXr'] = ('sxtb x9, w10', [R])
forms['SXTHWr'] = ('sxth w9, w10', [R]); forms['SXTHXr'] = ('sxth x9, w10', [R])
forms['SXTWXr'] = ('sxtw x9, w10', [R]); forms['MOVWr'] = ('mov w9, w10', [R])
for t, r in (('S', 's'), ('D', 'd')):
    for f, mn in (('FADD', 'fadd'), ('FSUB', 'fsub'), ('FMUL', 'fmul'), ('FDIV', 'fdiv'), ('FMIN', 'fmin'),
                  ('FMAX', 'fmax'), ('FMINNM', 'fminnm'), ('FMAXNM', 'fmaxnm')):
        forms[f + t + 'rr'] = (mn + ' {r}0, {r}1, {r}2'.replace('{r}', r), [t, t])
    for f, mn in (('FABS', 'fabs'), ('FNEG', 'fneg'), ('FSQRT', 'fsqrt'), ('FRINTN', 'frintn'), ('FRINTP', 'frintp'),
                  ('FRINTM', 'frintm'), ('FRINTZ', 'frintz')):
        forms[f + t + 'r'] = (mn + ' {r}0, {r}1'.replace('{r}', r), [t])
    forms['FMOV' + t + 'i'] = ('fmov {r}0, #{v}'.replace('{r}', r), [('I8', [0x70, 0xf0, 0x00, 0x7f, 0x80, 0x10])])
    for iw, ir in (('W', 'w'), ('X', 'x')):
        forms['SCVTF' + t + iw + 'r'] = ('scvtf %s0, %s10' % (r, ir), [R])
        forms['UCVTF' + t + iw + 'r'] = ('ucvtf %s0, %s10' % (r, ir), [R])
        forms['FCVTZS' + iw + t + 'r'] = ('fcvtzs %s9, %s1' % (ir, r), [t])
        forms['FCVTZU' + iw + t + 'r'] = ('fcvtzu %s9, %s1' % (ir, r), [t])
forms['FCVTDSr'] = ('fcvt d0, s1', ['S']); forms['FCVTSDr'] = ('fcvt s0, d1', ['D'])
forms['FMOVWSr'] = ('fmov w9, s1', ['S']); forms['FMOVSWr'] = ('fmov s0, w10', [R])
forms['FMOVXDr'] = ('fmov x9, d1', ['D']); forms['FMOVDXr'] = ('fmov d0, x10', [R])
fpimm = {0x70: '1.0', 0xf0: '-1.0', 0x00: '2.0', 0x7f: '1.9375', 0x80: '-2.0', 0x10: '4.0'}
cases = []
for fid, (tmpl, ops) in sorted(forms.items()):
    lists = []
    for o in ops:
        lists.append(ints if o == R else f32 if o == 'S' else f64 if o == 'D' else o[1])
    combos = list(itertools.product(*lists))
    if len(combos) > 200:
        combos = random.sample(combos, 200)
    for c in combos:
        cases.append((fid, tmpl, ops, c))
lines = ['#include <stdio.h>', '#include <stdint.h>', 'int main(void){ uint64_t r;']
for k, (fid, tmpl, ops, c) in enumerate(cases):
    pre, imms, inputs = [], [], []
    xi, fi = 10, 1
    for o, v in zip(ops, c):
        if o == R:
            pre.append('mov x%d, %%%d' % (xi, len(inputs) + 1)); inputs.append(v); xi += 1
        elif o in ('S', 'D'):
            pre.append('fmov d%d, %%%d' % (fi, len(inputs) + 1)); inputs.append(v); fi += 1
        else:
            imms.append(v)
    insn = tmpl.format(*imms, v=fpimm.get(imms[0], '') if imms else '')
    fpdst = insn.split()[0] != 'fmov' and (' d0,' in insn or ' s0,' in insn) or insn.startswith('fmov d0') or insn.startswith('fmov s0')
    body = pre + [insn] + (['fmov x9, d0'] if fpdst else [])
    lines.append('__asm__ volatile("%s\\n mov %%0, x9" : "=r"(r) : %s : "x9","x10","x11","x12","v0","v1","v2"); '
                 'printf("%d %%016llx\\n", (unsigned long long)r);'
                 % ('\\n '.join(body), ', '.join('"r"((uint64_t)0x%xull)' % v for v in inputs) or '"r"(0)', k))
lines.append('return 0; }')
open(out + '/t.c', 'w').write('\n'.join(lines))
with open(out + '/cases.txt', 'w') as f:
    for k, (fid, tmpl, ops, c) in enumerate(cases):
        toks = []
        for o, v in zip(ops, c):
            if o == R:
                toks.append('R:64:%x' % v)
            elif o in ('S', 'D'):
                toks.append('R:128:%x' % v)
            else:
                toks.append('I:%s:%x' % (o[0][1:], v))
        f.write('%d %s %s\n' % (k, fid, ' '.join(toks)))
print(len(cases), 'cases', file=sys.stderr)

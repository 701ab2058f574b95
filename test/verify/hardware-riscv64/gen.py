# gen.py ROOT OUT: the test vectors of check.sh — every form of
# isa/riscv64/semantics/forms-*.sem with register/immediate operands (not
# loads, stores, branches, lui) over edge-case and random operands and every
# static rounding mode: OUT/t.c (inline asm per case, run under qemu) and
# OUT/cases.txt (the same cases for eval_forms).
import re, random, struct, sys, itertools
root, outdir = sys.argv[1], sys.argv[2]
d = open(root + '/isa/riscv64/Instructions.def').read()
forms = {}
def add(i, mn, o0, o1, o2, flags):
    forms[i] = (mn, [o for o in (o0, o1, o2) if o != '_'], 'kRm' in flags)
for m in re.finditer(r'^RV_INST\((\w+), "([^"]+)", (\w+), (\w+), (\w+), \w+, .*?, \w+, (\w+), ""\)', d, re.M):
    add(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6))
for m in re.finditer(r'^RV_MW?\((\w+), "([^"]+)", \d\)', d, re.M):
    add(m.group(1), m.group(2), 'X', 'X', 'X', '0')
for m in re.finditer(r'^RV_FP_SD\((\w+), "([^"]+)", (\w+), (\w+), (\w+), \w+, \w+, \w+, \w+, (\w+)\)', d, re.M):
    for sfx, ms in (('_S', '.s'), ('_D', '.d')):
        add(m.group(1) + sfx, m.group(2) + ms, m.group(3), m.group(4), m.group(5), m.group(6))
for m in re.finditer(r'^RV_ALIAS\((\w+), "([^"]+)", (\w+), (\w+), (\w+), \w+, \w+, \w+, ""\)', d, re.M):
    add(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), '0')
sem = ''.join(open(root + '/isa/riscv64/semantics/' + f).read() for f in
              ['forms-int.sem', 'forms-bits.sem', 'forms-mem.sem', 'forms-fp.sem'])
withsem = set(re.findall(r'^\(form (\w+) ', sem, re.M))
random.seed(7)
M = (1 << 64) - 1
ints = [0, 1, 2, M, M - 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xffffffff80000000, 0x8000000000000000,
        0x7fffffffffffffff, 0x100000000, 31, 32, 33, 63, 64, 0xfffffffffffff800, 0x7ff, 0x800, 0x12345678]
ints += [random.getrandbits(64) for _ in range(10)] + [random.getrandbits(32) for _ in range(4)]
def d2b(v): return struct.unpack('<Q', struct.pack('<d', v))[0]
def f2b(v): return struct.unpack('<I', struct.pack('<f', v))[0]
f64 = [0, 1 << 63, d2b(1.0), d2b(-1.0), d2b(0.5), d2b(-0.5), d2b(1.5), d2b(2.5), d2b(-2.5), d2b(3.7), d2b(-3.7),
       0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001,
       0x7ff4000000000000, 1, 0x000fffffffffffff, d2b(2.0**31), d2b(2.0**31 - 1), d2b(-2.0**31), d2b(-2.0**31 - 1),
       d2b(2.0**32), d2b(2.0**63), d2b(-2.0**63), d2b(2.0**64), d2b(1e300), d2b(-1e-300), d2b(4503599627370497.0),
       d2b(-0.99), d2b(-1.5), d2b(2.0**52 + 0.5)]
f64 += [random.getrandbits(64) for _ in range(6)]
f32raw = [0, 0x80000000, f2b(1.0), f2b(-1.0), f2b(0.5), f2b(-0.5), f2b(1.5), f2b(2.5), f2b(-2.5), f2b(3.7),
          0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000, 1, 0x007fffff,
          f2b(2.0**31), f2b(-2.0**31), f2b(2.0**32), f2b(2.0**63), f2b(-2.0**63), f2b(2.0**64), f2b(3e38),
          f2b(-0.99), f2b(8388609.0), f2b(-1.5)]
f32raw += [random.getrandbits(32) for _ in range(6)]
f32 = [0xffffffff00000000 | x for x in f32raw] + [0x00000000_3f800000, 0xfffffffe_3f800000, d2b(1.0)]
def fvals(form):
    if form.endswith('_S') or form in ('FMV_X_W', 'FMV_S', 'FNEG_S', 'FABS_S') or (form.startswith('FCVT_D_S')):
        return f32
    return f64
cases = []  # (form, [operand values], rm or None, immediate kinds)
for fid, (mn, ops, krm) in sorted(forms.items()):
    if fid not in withsem:
        continue
    src = ops[1:]
    if fid.startswith(('B', 'S')) and ops and ops[-1] == 'Rel13':
        continue
    if any(o in ('Mem', 'Rel13', 'Rel21', 'Uimm20', 'Fence') for o in ops) or not ops:
        continue
    rms = [0, 1, 2, 3] if krm else [None]
    # pick operand value lists
    lists = []
    for o in src:
        if o == 'X':
            lists.append(ints)
        elif o == 'F':
            lists.append(fvals(fid))
        elif o == 'Simm12':
            lists.append([0, 1, 0xfff, 0x800, 0x7ff, 0x123, 0xabc])
        elif o == 'Shamt6':
            lists.append([0, 1, 31, 32, 33, 63])
        elif o == 'Shamt5':
            lists.append([0, 1, 15, 31])
    if len(lists) == 1:
        combos = [(v,) for v in lists[0]]
    else:
        combos = list(itertools.product(*lists))
        if len(combos) > 160:
            combos = random.sample(combos, 160) + [c for c in combos if c[0] == c[1]][:20]
    for rm in rms:
        for c in combos:
            cases.append((fid, mn, ops, c, rm))
rmname = {0: 'rne', 1: 'rtz', 2: 'rdn', 3: 'rup', 4: 'rmm'}
# riscv C program
out = ['#include <stdio.h>', '#include <stdint.h>', 'int main(void){ uint64_t r;']
for k, (fid, mn, ops, c, rm) in enumerate(cases):
    pre, post, ins, asmops = [], [], [], []
    regs = []
    inputs = []
    fi = 0
    dst = 'ft10' if ops[0] == 'F' else '%0'
    argstr = []
    xi = 1
    for o, v in zip(ops[1:], c):
        if o == 'X':
            inputs.append('"r"((uint64_t)0x%xull)' % v)
            argstr.append('%%%d' % xi); xi += 1
        elif o == 'F':
            inputs.append('"r"((uint64_t)0x%xull)' % v)
            pre.append('fmv.d.x ft%d, %%%d' % (fi, xi)); argstr.append('ft%d' % fi); fi += 1; xi += 1
        else:
            s = v
            if o == 'Simm12' and v >= 0x800: s = v - 0x1000
            argstr.append(str(s))
    if rm is not None:
        argstr.append(rmname[rm])
    body = pre + ['%s %s, %s' % (mn, dst, ', '.join(argstr))]
    if ops[0] == 'F':
        body.append('fmv.x.d %0, ft10')
    out.append('__asm__ volatile("%s" : "=&r"(r) : %s : "ft0","ft1","ft10"); printf("%d %%016llx\\n", (unsigned long long)r);'
               % ('\\n'.join(body), ', '.join(inputs) if inputs else '', k))
out.append('return 0; }')
open(outdir + '/t.c', 'w').write('\n'.join(out).replace(':  :', ': :'))
with open(outdir + '/cases.txt', 'w') as f:
    for k, (fid, mn, ops, c, rm) in enumerate(cases):
        toks = []
        for o, v in zip(ops[1:], c):
            w = {'X': 64, 'F': 64, 'Simm12': 12, 'Shamt6': 6, 'Shamt5': 5}[o]
            toks.append('%s:%d:%x' % ('R' if o in 'XF' else 'I', w, v))
        if rm is not None:
            toks.append('I:3:%x' % rm)
        f.write('%d %s %s\n' % (k, fid, ' '.join(toks)))
print(len(cases), 'cases', file=sys.stderr)
print('forms with semantics but not tested:', sorted(withsem - set(c[0] for c in cases)), file=sys.stderr)

# gen.py ROOT OUT: the test vectors of check.sh: every form of
# isa/riscv64/semantics/forms-*.sem over edge-case and random operands and every
# static rounding mode: register/immediate forms, LUI, loads and stores (base +
# simm12 over a 32-byte window of random bytes: the loaded register, and the
# window after, are compared) and branches (taken or not): OUT/t.c (inline asm
# per case, run under qemu) and OUT/cases.txt (the same cases for eval_forms,
# test/verify/hardware-aarch64/eval_forms.cpp). Fails when a form of the
# semantics is neither exercised nor in NOT_RUN.
import itertools, os, random, re, struct, sys
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from hardware_coverage import check_coverage, forms_with_semantics
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
withsem = forms_with_semantics(root, 'riscv64')
# Forms that cannot run here, each with the reason (keep this tiny).
NOT_RUN = {}
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
    if ops[-1:] == ['Mem']:  # a load (rd, [base + simm12]) or a store (rs2, [base + simm12])
        store = fid.startswith(('S', 'FS'))
        for disp in [0, 1, 7, 0x7ff, 0xfff, 0x800, 0x801, random.getrandbits(12), random.getrandbits(12)]:
            at = 8 + random.randrange(8)
            sdisp = disp - 0x1000 if disp >= 0x800 else disp
            v = random.choice(ints if ops[0] == 'X' else fvals(fid)) if store else None
            cases.append((fid, mn, ops, (v,) if store else (), None,
                          {'kind': 'st' if store else 'ld', 'disp': disp, 'sdisp': sdisp, 'off': (at - sdisp) & M,
                           'win': [random.getrandbits(8) for _ in range(32)]}))
        continue
    if ops[-1:] == ['Rel13']:  # a branch: taken or not
        combos = [(a, b) for a in ints for b in ints]
        combos = random.sample(combos, 160) + [(a, a) for a in ints[:20]]
        for c in combos:
            cases.append((fid, mn, ops, c, None, {'kind': 'br'}))
        continue
    if ops[1:] == ['Uimm20']:
        for u in [0, 1, 0x7ffff, 0x80000, 0xfffff, 0x12345] + [random.getrandbits(20) for _ in range(8)]:
            cases.append((fid, mn, ops, (u,), None, {'kind': 'lui'}))
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
            cases.append((fid, mn, ops, c, rm, None))
rmname = {0: 'rne', 1: 'rtz', 2: 'rdn', 3: 'rup', 4: 'rmm'}
# riscv C program: r is the destination (a branch: 1 when taken); a memory
# form's window is set before and printed after.
out = ['#include <stdio.h>', '#include <stdint.h>', '#include <string.h>',
       'static uint8_t buf[256] __attribute__((aligned(16)));', '#define WIN (buf + 128)',
       'static void win(const uint8_t *b) { memcpy(WIN, b, 32); }',
       'static void pmem(void) { printf(" mem="); for (int i = 0; i < 32; i++) printf("%02x", WIN[i]); }',
       'int main(void){ uint64_t r;']
for k, (fid, mn, ops, c, rm, x) in enumerate(cases):
    kind = x['kind'] if x else 'op'
    pre, inputs, argstr = [], [], []
    fi, xi = 0, 1
    dst = 'ft10' if ops[0] == 'F' else '%0'
    if kind in ('ld', 'st'):
        out.append('{ static const uint8_t w[32] = {%s}; win(w); }' % ','.join(str(b) for b in x['win']))
        if kind == 'st':
            inputs.append('"r"((uint64_t)0x%xull)' % c[0])
            if ops[0] == 'F':
                pre.append('fmv.d.x ft0, %1'); src = 'ft0'
            else:
                src = '%1'
            xi += 1
        inputs.append('"r"((uint64_t)(uintptr_t)WIN + 0x%xull)' % x['off'])
        base = '%%%d' % xi
        body = pre + ['%s %s, %d(%s)' % (mn, src if kind == 'st' else dst, x['sdisp'], base)]
        if kind == 'st':
            body.append('li %0, 0')
    elif kind == 'br':
        inputs = ['"r"((uint64_t)0x%xull)' % v for v in c]
        body = ['%s %%1, %%2, 1f' % mn, 'li %0, 0', 'j 2f', '1: li %0, 1', '2:']
    elif kind == 'lui':
        body = ['lui %%0, 0x%x' % c[0]]
    else:
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
    if ops[0] == 'F' and kind != 'st':
        body.append('fmv.x.d %0, ft10')
    if kind == 'br':
        show = 'printf("%d %%s\\n", r ? "taken" : "not-taken");' % k
    elif kind == 'st':
        show = 'printf("%d -"); pmem(); printf("\\n");' % k
    elif kind == 'ld':
        show = 'printf("%d %%016llx", (unsigned long long)r); pmem(); printf("\\n");' % k
    else:
        show = 'printf("%d %%016llx\\n", (unsigned long long)r);' % k
    out.append('__asm__ volatile("%s" : "=&r"(r) : %s : "ft0","ft1","ft10","memory"); %s'
               % ('\\n'.join(body), ', '.join(inputs), show))
out.append('return 0; }')
open(outdir + '/t.c', 'w').write('\n'.join(out).replace(':  :', ': :'))
with open(outdir + '/cases.txt', 'w') as f:
    for k, (fid, mn, ops, c, rm, x) in enumerate(cases):
        toks = []
        kind = x['kind'] if x else 'op'
        if kind in ('ld', 'st'):
            if kind == 'st':
                toks.append('R:64:%x' % c[0])
            toks.append('A:%x:-:1:%x' % (x['off'], x['sdisp'] & 0xffffffff))
            toks.append('M:' + ''.join('%02x' % b for b in x['win']))
        elif kind == 'lui':
            toks.append('I:20:%x' % c[0])
        else:
            for o, v in zip(ops[1:] if kind == 'op' else ops[:2], c):
                w = {'X': 64, 'F': 64, 'Simm12': 12, 'Shamt6': 6, 'Shamt5': 5}[o]
                toks.append('%s:%d:%x' % ('R' if o in 'XF' else 'I', w, v))
        if rm is not None:
            toks.append('I:3:%x' % rm)
        f.write('%d %s %s\n' % (k, fid, ' '.join(toks)))
check_coverage('riscv64', withsem, set(c[0] for c in cases), NOT_RUN, len(cases))

# compare.py OUT: compares OUT/hw.txt (qemu) with OUT/sem.txt (the semantics)
# case by case; prints the mismatching forms with up to 3 examples each.
import sys
from collections import Counter
out = sys.argv[1]
hw = dict(l.split(None, 1) for l in open(out + '/hw.txt'))
se = dict(l.split(None, 1) for l in open(out + '/sem.txt'))
cases = {l.split()[0]: l.strip() for l in open(out + '/cases.txt')}
bad, ex = Counter(), {}
for k, c in cases.items():
    h, s = hw.get(k, 'missing').strip(), se.get(k, 'missing').strip()
    if h != s:
        f = c.split()[1]
        bad[f] += 1
        ex.setdefault(f, []).append((c, h, s))
for f, n in sorted(bad.items()):
    print('MISMATCH %s (%d cases)' % (f, n))
    for c, h, s in ex[f][:3]:
        print('    %s  qemu %s  semantics %s' % (c, h, s))
print('%d cases, %d forms, %d forms disagree' % (len(cases), len(set(c.split()[1] for c in cases.values())), len(bad)))
sys.exit(1 if bad else 0)

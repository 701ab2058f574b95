# hardware_coverage: what the qemu hardware checks (hardware-*/gen.py) share:
# the forms an ISA's semantics define, and the check that every one of them is
# exercised or listed, with a reason, as one that cannot run.
import os, re, sys


def forms_with_semantics(root, isa):
    """The ids of every `(form ID ...)` in isa/ISA/semantics/forms-*.sem."""
    semdir = os.path.join(root, 'isa', isa, 'semantics')
    sem = ''.join(open(os.path.join(semdir, f)).read() for f in sorted(os.listdir(semdir)) if f.startswith('forms-'))
    return set(re.findall(r'^\(form (\w+) ', sem, re.M))


def check_coverage(isa, withsem, tested, not_run, ncases):
    """Prints the counts; exits 1 when a form with semantics is neither tested
    nor in not_run, or a not_run entry is tested or has no semantics."""
    missing = sorted(withsem - tested - set(not_run))
    stale = sorted(set(not_run) & tested) + sorted(set(not_run) - withsem)
    print('%d cases, %d forms exercised of %d with semantics; not run: %s' %
          (ncases, len(tested & withsem), len(withsem),
           ', '.join('%s (%s)' % kv for kv in sorted(not_run.items())) or 'none'), file=sys.stderr)
    if missing or stale:
        print('coverage: forms of isa/%s/semantics neither exercised nor in NOT_RUN: %s; NOT_RUN entries exercised '
              'or without semantics: %s' % (isa, ' '.join(missing) or '-', ' '.join(stale) or '-'), file=sys.stderr)
        sys.exit(1)

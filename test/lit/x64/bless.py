#!/usr/bin/env python3
"""Re-bless the golden assembly of the x86-64 lowering lit tests.

usage: bless.py BUILD_DIR FILE.ir...     (e.g. bless.py build test/lit/x64/*.ir)

For each RUN line of the form `; RUN: %wasmaot-ir --emit-asm [OPTIONS] %s | %FileCheck %s
[--check-prefix=P]`, runs the command before the pipe and writes P-LABEL /
P-NEXT lines (P defaults to CHECK) for its whole output after the file's
IR. Every other line of the file is kept. Review the diff before committing:
a blessed test only protects what was right when it was blessed.
"""
import os
import re
import shlex
import subprocess
import sys

def checks(prefix, asm):
    out = []
    for line in asm.splitlines():
        if line.startswith("func @"):
            out.append("; %s-LABEL: %s" % (prefix, line))
        else:
            out.append("; %s-NEXT: %s" % (prefix, line))
    return out

def main():
    build = sys.argv[1]
    for path in sys.argv[2:]:
        lines = open(path).read().splitlines()
        kept = [l for l in lines if not re.match(r"; [A-Z0-9]+(-LABEL|-NEXT)?:", l) or l.startswith("; RUN:")]
        while kept and not kept[-1].strip():
            kept.pop()
        blocks = []
        for l in lines:
            m = re.match(r"; RUN: %wasmaot-ir (.*?) %s \| %FileCheck %s(?: --check-prefix=(\w+))?$", l)
            if not m:
                continue
            prefix = m.group(2) or "CHECK"
            cmd = [os.path.join(build, "bin", "wasmaot-ir")] + shlex.split(m.group(1)) + [path]
            asm = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            blocks.append("")
            blocks += checks(prefix, asm)
        open(path, "w").write("\n".join(kept + blocks) + "\n")

if __name__ == "__main__":
    main()

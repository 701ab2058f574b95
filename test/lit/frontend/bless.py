#!/usr/bin/env python3
"""Re-bless the golden CHECK lines of the translator's lit tests.

usage: bless.py BUILD_DIR FILE.wat...   (e.g. bless.py build-fe test/lit/frontend/numeric-i32.wat)

Drops every `;; CHECK` line of each file, translates it with wat2wasm and
`wasmaotc --emit=ir-translated` (what the RUN lines check), and appends CHECK-LABEL/CHECK-NEXT lines for the whole
output. Review the diff before committing: a blessed test only protects what
was right when it was blessed. Files with `;; BLESS: no` are hand-written.
"""
import os
import subprocess
import sys
import tempfile

def checks(ir):
    out, first = [], True
    for line in ir.splitlines():
        if not line.strip():
            first = True
            continue
        if line.startswith("func "):
            out.append(";; CHECK-LABEL: " + line)
            first = False
        elif first:
            out.append(";; CHECK: " + line)
            first = False
        else:
            out.append(";; CHECK-NEXT: " + line)
    return out

def main():
    build = sys.argv[1]
    for path in sys.argv[2:]:
        lines = open(path).read().splitlines()
        if any(l.startswith(";; BLESS: no") for l in lines):
            continue
        kept = [l for l in lines if not l.startswith(";; CHECK")]
        while kept and not kept[-1].strip():
            kept.pop()
        with tempfile.TemporaryDirectory() as tmp:
            wasm = os.path.join(tmp, "t.wasm")
            subprocess.run(["wat2wasm", "--enable-all", "--debug-names", path, "-o", wasm], check=True)
            ir = subprocess.run([os.path.join(build, "bin", "wasmaotc"), "--emit=ir-translated", wasm], check=True,
                                capture_output=True, text=True).stdout
        open(path, "w").write("\n".join(kept + [""] + checks(ir)) + "\n")

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Re-bless the golden assembly of the AArch64 lowering lit tests.

usage: bless.py BUILD_DIR FILE.ir...     (e.g. bless.py build test/lit/aarch64/*.ir)

The RUN lines name the target (`--target=aarch64`); the rewriting is the x86-64
tests' (test/lit/x64/bless.py): for each `; RUN: %wasmaot-ir --emit-asm ... %s |
%FileCheck %s [--check-prefix=P]` line the command's whole output becomes
P-LABEL / P-NEXT lines after the file's IR. Review the diff before committing:
a blessed test only protects what was right when it was blessed.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "x64"))
import bless as x64_bless  # noqa: E402

if __name__ == "__main__":
    x64_bless.main()

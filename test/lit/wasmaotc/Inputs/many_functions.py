#!/usr/bin/env python3
"""Prints a .wat module with N functions (default 120) of integer arithmetic,
branches and calls to the function before, so that compiling on several
threads has real work to interleave (test/lit/wasmaotc/determinism.test)."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 120
ops = ["i32.add", "i32.sub", "i32.mul", "i32.xor", "i32.and", "i32.or"]
print("(module")
print("  (func $f0 (export \"f0\") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)")
for k in range(1, n):
    op = ops[k % len(ops)]
    print(f"  (func $f{k} (export \"f{k}\") (param i32 i32) (result i32)")
    print(f"    local.get 0 local.get 1 {op} i32.const {k * 7 + 1} i32.mul")
    print(f"    (if (result i32) (i32.lt_u (local.get 0) (i32.const {k}))")
    print(f"      (then (call $f{k - 1} (local.get 1) (local.get 0)))")
    print(f"      (else (local.get 1)))")
    print(f"    i32.add)")
print(")")

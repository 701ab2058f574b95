#!/usr/bin/env python3
"""Writes the loop-versioning bounds matrix (test/lit/passes/loop-versioning-matrix.test).

  loop-versioning-matrix.py wast      the module and its assertions (a .wast script)
  loop-versioning-matrix.py checks    FileCheck lines: every loop of the module got a copy

Every loop shape passes/LoopVersioning.cpp versions (counted up with !=, <s, <u, <=u; down
with >u and >=s; a pointer stepping with a brif-tested counter; a constant range with a
stride of three accesses) x every access width (1, 2, 4, 8 bytes; loads and stores) x three
placements in a one-page memory: the last access ending exactly at the end (runs), one byte
further (traps: an ascending loop after its earlier stores landed, a descending one at its
first store, leaving memory untouched), and a base that wraps around 2^32 (traps). The
expected values are computed here from the loop's meaning, not from the compiler.
"""

import sys

PAGE = 65536
COUNT = 100
WIDTHS = {1: ("i32.store8", "i64.load8_u"), 2: ("i32.store16", "i64.load16_u"),
          4: ("i32.store", "i64.load32_u"), 8: ("i64.store", "i64.load")}

# name: (stride in widths, descending, the loop; ADDR and VALUE are the access's address and
# stored value (iteration index + 1), W the width; n is the second parameter)
UP = """
    (loop $l
      ACCESS
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (CMP (local.get $i) (local.get $n))))"""
UP_ADDR = "(i32.add (local.get $a) (i32.mul (local.get $i) (i32.const W)))"
UP_VALUE = "(i32.add (local.get $i) (i32.const 1))"
FORMS = {
    "ne": (1, False, COUNT, UP.replace("CMP", "i32.ne"), UP_ADDR, UP_VALUE),
    "slt": (1, False, COUNT, UP.replace("CMP", "i32.lt_s"), UP_ADDR, UP_VALUE),
    "ult": (1, False, COUNT, UP.replace("CMP", "i32.lt_u"), UP_ADDR, UP_VALUE),
    "ule": (1, False, COUNT - 1, UP.replace("CMP", "i32.le_u"), UP_ADDR, UP_VALUE),
    "ugt_down": (1, True, COUNT, """
    (local.set $i (local.get $n))
    (loop $l
      ACCESS
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br_if $l (i32.gt_u (local.get $i) (i32.const 0))))""",
                 "(i32.add (local.get $a) (i32.mul (i32.sub (local.get $i) (i32.const 1)) (i32.const W)))",
                 "(local.get $i)"),
    "sge_down": (1, True, COUNT, """
    (local.set $i (i32.sub (local.get $n) (i32.const 1)))
    (loop $l
      ACCESS
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br_if $l (i32.ge_s (local.get $i) (i32.const 0))))""",
                 "(i32.add (local.get $a) (i32.mul (local.get $i) (i32.const W)))",
                 "(i32.add (local.get $i) (i32.const 1))"),
    "brif_ptr": (1, False, COUNT, """
    (local.set $p (local.get $a))
    (local.set $c (local.get $n))
    (loop $l
      ACCESS
      (local.set $p (i32.add (local.get $p) (i32.const W)))
      (local.set $c (i32.sub (local.get $c) (i32.const 1)))
      (br_if $l (local.get $c)))""",
                 "(local.get $p)", "(i32.add (i32.sub (local.get $n) (local.get $c)) (i32.const 1))"),
    "stride3": (3, False, COUNT, """
    (loop $l
      ACCESS
      (local.set $i (i32.add (local.get $i) (i32.const W3)))
      (br_if $l (i32.ne (local.get $i) (i32.const END))))""",
                "(i32.add (local.get $a) (local.get $i))", "(i32.add (i32.div_u (local.get $i) (i32.const W3)) (i32.const 1))"),
}


def function(name, form, width, store):
    stride, _, _, body, addr, value = FORMS[form]
    w3 = 3 * width
    subst = lambda s: s.replace("W3", str(w3)).replace("END", str(w3 * COUNT)).replace("(i32.const W)", f"(i32.const {width})")
    addr, value, body = subst(addr), subst(value), subst(body)
    st, ld = WIDTHS[width]
    if store:
        if width == 8:
            value = f"(i64.extend_i32_u {value})"
        access = f"({st} {addr} {value})"
        result = ""
        ret = ""
    else:
        access = f"(local.set $s (i64.add (local.get $s) ({ld} {addr})))"
        result = " (result i64)"
        ret = "\n    (local.get $s)"
    return (f'  (func (export "{name}") (param $a i32) (param $n i32){result}\n'
            f"    (local $i i32) (local $p i32) (local $c i32) (local $s i64)"
            f"{body.replace('ACCESS', access)}{ret})\n")


def cases():
    for form in FORMS:
        for width in WIDTHS:
            for store in (True, False):
                yield f"{form}_{'st' if store else 'ld'}{width}", form, width, store


def wast():
    out = ["(module\n  (memory 1)\n",
           '  (func (export "clear") (param $byte i32) (memory.fill (i32.const 0) (local.get $byte) (i32.const 65536)))\n',
           '  (func (export "peek") (param $a i32) (result i64) (i64.load8_u (local.get $a)))\n']
    for name, form, width, store in cases():
        out.append(function(name, form, width, store))
    out.append(")\n")
    for name, form, width, store in cases():
        stride, descending, n, *_ = FORMS[form]
        step = stride * width
        span = step * (COUNT - 1) + width  # bytes from the first access's address to the last one's end
        edge = PAGE - span
        ones = sum(256 ** k for k in range(width))
        # The last access ends exactly at the memory's end.
        out.append(f'(assert_return (invoke "clear" (i32.const {1 if not store else 0})))\n')
        if store:
            out.append(f'(assert_return (invoke "{name}" (i32.const {edge}) (i32.const {n})))\n')
            for j in (0, COUNT - 1):  # the low byte of iterations 1 and COUNT (value j + 1)
                out.append(f'(assert_return (invoke "peek" (i32.const {edge + step * j})) (i64.const {j + 1}))\n')
        else:
            out.append(f'(assert_return (invoke "{name}" (i32.const {edge}) (i32.const {n})) (i64.const {COUNT * ones}))\n')
        # One byte further: out of bounds at the last access (the first one of a descending loop).
        out.append(f'(assert_return (invoke "clear" (i32.const 0)))\n')
        out.append(f'(assert_trap (invoke "{name}" (i32.const {edge + 1}) (i32.const {n})) "out of bounds memory access")\n')
        if store:
            landed = 0 if descending else COUNT - 1  # stores done before the trap
            first = edge + 1
            out.append(f'(assert_return (invoke "peek" (i32.const {first})) (i64.const {1 if landed else 0}))\n')
            if landed:
                out.append(f'(assert_return (invoke "peek" (i32.const {first + step * (COUNT - 2)})) (i64.const {COUNT - 1}))\n')
        # A base just below 2^32: the addresses wrap; the first access is out of bounds.
        out.append(f'(assert_trap (invoke "{name}" (i32.const {2**32 - width * 2}) (i32.const {n})) "out of bounds memory access")\n')
    return "".join(out)


def checks():
    return "".join(f"; CHECK-LABEL: func @{name}(\n; CHECK: bounds=none(loop_versioned)\n"
                   for name, *_ in cases())


if __name__ == "__main__":
    sys.stdout.write(wast() if sys.argv[1:] == ["wast"] else checks())

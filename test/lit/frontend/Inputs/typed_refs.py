#!/usr/bin/env python3
"""Writes typed-refs.wasm (argv[1]): typed function references, ref.eq and a
table64 table, hand-assembled because wabt 1.0.32 cannot assemble them."""
import sys

def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)

def vec(items):
    return leb(len(items)) + b"".join(items)

def section(sid, payload):
    return bytes([sid]) + leb(len(payload)) + payload

types = [
    bytes([0x60, 0x00, 0x01, 0x7F]),                    # 0: () -> i32
    bytes([0x60, 0x01, 0x63, 0x00, 0x01, 0x7F]),        # 1: (ref null 0) -> i32
    bytes([0x60, 0x01, 0x63, 0x00, 0x01, 0x64, 0x00]),  # 2: (ref null 0) -> (ref 0)
    bytes([0x60, 0x01, 0x7E, 0x01, 0x7E]),              # 3: (i64) -> i64
    bytes([0x60, 0x02, 0x6D, 0x6D, 0x01, 0x7F]),        # 4: (eqref, eqref) -> i32
]
funcs = [0, 1, 2, 1, 3, 4]
bodies = [
    bytes([0x41, 0x07, 0x0B]),                                # i32.const 7
    bytes([0x20, 0x00, 0x14, 0x00, 0x0B]),                    # local.get 0; call_ref 0
    bytes([0x02, 0x64, 0x00, 0x20, 0x00, 0xD6, 0x00,          # block (ref 0) br_on_non_null 0
           0x00, 0x0B, 0x0B]),                                # unreachable end
    bytes([0x02, 0x40, 0x20, 0x00, 0xD5, 0x00, 0xD4, 0x1A,    # block br_on_null 0 ref.as_non_null drop
           0x41, 0x01, 0x0F, 0x0B, 0x41, 0x00, 0x0B]),        # i32.const 1 return end i32.const 0
    bytes([0x20, 0x00, 0x25, 0x00, 0x1A, 0xFC, 0x10, 0x00, 0x0B]),  # table.get drop table.size
    bytes([0x20, 0x00, 0x20, 0x01, 0xD3, 0x0B]),              # ref.eq
]
module = b"\0asm" + bytes([1, 0, 0, 0])
module += section(1, vec(types))
module += section(3, vec([leb(t) for t in funcs]))
module += section(4, vec([bytes([0x70, 0x04, 0x01])]))       # table i64 1 funcref
module += section(10, vec([leb(len(b) + 1) + b"\x00" + b for b in bodies]))
open(sys.argv[1], "wb").write(module)

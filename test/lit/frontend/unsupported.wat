;; BLESS: no
;; Instructions the translator does not handle yet (SIMD, GC, exceptions, tail
;; calls) are an Unsupported diagnostic naming the opcode, its byte offset and
;; the function index, and wasmaotc exits with status 1 and prints no IR.
;; RUN: %wat2wasm %s -o %t.wasm && %not %wasmaotc --emit=ir-translated %t.wasm 2>&1 | %FileCheck %s --check-prefix=SIMD
;; RUN: echo '(module (func (result i32) (return_call 1)) (func (result i32) i32.const 0))' > %t.tail.wat
;; RUN: %wat2wasm %t.tail.wat -o %t.tail.wasm && %not %wasmaotc --emit=ir-translated %t.tail.wasm 2>&1 | %FileCheck %s --check-prefix=TAIL
;; RUN: %not %wasmaotc --emit=ir-translated %t.wasm > %t.out 2>/dev/null; %FileCheck %s --check-prefix=NOIR --allow-empty < %t.out

;; SIMD: wasmaotc: error: {{.*}}.wasm: unsupported: offset 0x{{[0-9a-f]+}}: function 1: not yet supported: v128.const
;; TAIL: wasmaotc: error: {{.*}}.wasm: unsupported: offset 0x{{[0-9a-f]+}}: function 0: not yet supported: return_call
;; NOIR-NOT: func

(module
  (func (result i32) i32.const 1)
  (func (result i32)
    i32.const 2
    drop
    v128.const i32x4 1 2 3 4
    i32x4.extract_lane 0))

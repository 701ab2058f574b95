;; Protects: an invalid body is the module's problem even when a function before
;; it cannot be compiled (here: return_call, not supported yet). The native
;; path takes one function at a time through translation and the back end, and
;; still reports what validating every body first would: function 2's type
;; mismatch, for every thread count and for IR output too. Without the invalid
;; body, the unsupported function is reported.
;; REQUIRES: x86-backend
;; RUN: %wat2wasm --enable-tail-call --no-check %s -o %t.wasm
;; RUN: %not %wasmaotc -c -j1 %t.wasm -o %t.o 2>&1 | %FileCheck %s
;; RUN: %not %wasmaotc -c -j3 %t.wasm -o %t.o 2>&1 | %FileCheck %s
;; RUN: %not %wasmaotc --emit=asm %t.wasm -o %t.s 2>&1 | %FileCheck %s
;; RUN: %not %wasmaotc --emit=ir %t.wasm -o %t.ir 2>&1 | %FileCheck %s
;; RUN: sed -e 's/(i32.add (i32.const 1))/(i32.const 1)/' %s > %t.valid.wat
;; RUN: %wat2wasm --enable-tail-call %t.valid.wat -o %t.valid.wasm
;; RUN: %not %wasmaotc -c -j2 %t.valid.wasm -o %t.o 2>&1 | %FileCheck %s --check-prefix=NOT-YET
;; CHECK: invalid: offset 0x{{[0-9a-f]+}}: function 2: type mismatch
;; NOT-YET: unsupported: offset 0x{{[0-9a-f]+}}: function 0: not yet supported: return_call
(module
  (func $a (result i32) (return_call $c))
  (func $b (result i32) (i32.const 2))
  (func $c (result i32) (i32.add (i32.const 1))))

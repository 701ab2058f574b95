;; Protects: the IR verifier is an opt-in self-check. A plain compile does not
;; run it; --verify-ir and WASMAOT_VERIFY_IR=1 (which lit sets for every test)
;; do, and --no-verify-ir wins over the environment. The object is the same
;; either way.
;; REQUIRES: x86-backend
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: env -u WASMAOT_VERIFY_IR %wasmaotc -c --time %t.wasm -o %t.plain.o 2>&1 | %FileCheck %s --check-prefix=OFF
;; RUN: env -u WASMAOT_VERIFY_IR %wasmaotc -c --time --verify-ir %t.wasm -o %t.verified.o 2>&1 | %FileCheck %s --check-prefix=ON
;; RUN: env WASMAOT_VERIFY_IR=1 %wasmaotc -c --time %t.wasm -o %t.env.o 2>&1 | %FileCheck %s --check-prefix=ON
;; RUN: env WASMAOT_VERIFY_IR=1 %wasmaotc -c --time --no-verify-ir %t.wasm -o %t.off.o 2>&1 | %FileCheck %s --check-prefix=OFF
;; RUN: cmp %t.plain.o %t.verified.o
;; RUN: cmp %t.plain.o %t.env.o

;; OFF: time: validate+translate bodies
;; OFF-NOT: time: verify
;; OFF: time: IR passes

;; ON: time: validate+translate bodies
;; ON-NEXT: time: verify
;; ON: time: IR passes
(module
  (memory 1)
  (func (export "f") (param i32) (result i32)
    (i32.add (i32.load (local.get 0)) (i32.const 1))))

;; Protects the simplify pass (passes/Simplify.cpp, passes/rules/simplify.rules)
;; end to end: at -O2 each rule family rewrites the IR as shown, the division
;; that may trap is not folded, -O1 leaves the IR alone, and the simplified
;; code computes what the unsimplified code does.
;; REQUIRES: x86-backend, x86_64-host
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %wasmaotc -O2 --emit=ir %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir %t.wasm | %FileCheck %s --check-prefix=O1
;; RUN: %wasmaotc run -O2 --invoke=eqz_lt %t.wasm 3 5 | %FileCheck %s --check-prefix=ZERO
;; RUN: %wasmaotc run --invoke=eqz_lt %t.wasm 3 5 | %FileCheck %s --check-prefix=ZERO
;; RUN: %wasmaotc run -O2 --invoke=mul8 %t.wasm 5 | %FileCheck %s --check-prefix=FORTY
;; RUN: %wasmaotc run -O2 --invoke=fold %t.wasm | %FileCheck %s --check-prefix=FOURTEEN
;; RUN: not %wasmaotc run -O2 --invoke=div_kept %t.wasm 2>&1 | %FileCheck %s --check-prefix=TRAP

(module
  ;; eqz of a comparison is the inverse comparison.
  ;; CHECK-LABEL: func @eqz_lt
  ;; CHECK-NEXT: block0(v0: i32, v1: i32):
  ;; CHECK-NEXT: icmp.i32 sge v0, v1
  ;; CHECK-NEXT: return
  ;; O1-LABEL: func @eqz_lt
  ;; O1: icmp.i32 slt
  ;; O1: icmp.i32 eq
  (func (export "eqz_lt") (param i32 i32) (result i32)
    (i32.eqz (i32.lt_s (local.get 0) (local.get 1))))
  ;; x + 0, x * 1, x ^ 0 are x.
  ;; CHECK-LABEL: func @identities
  ;; CHECK-NEXT: block0(v0: i32):
  ;; CHECK-NEXT: return v0
  (func (export "identities") (param i32) (result i32)
    (i32.xor (i32.mul (i32.add (local.get 0) (i32.const 0)) (i32.const 1)) (i32.const 0)))
  ;; x * 8 is x << 3.
  ;; CHECK-LABEL: func @mul8
  ;; CHECK: [[C:v[0-9]+]] = iconst.i64 3
  ;; CHECK-NEXT: ishl.i64 v0, [[C]]
  (func (export "mul8") (param i64) (result i64)
    (i64.mul (local.get 0) (i64.const 8)))
  ;; (x + 16) + 4 is x + 20.
  ;; CHECK-LABEL: func @reassoc
  ;; CHECK: [[C:v[0-9]+]] = iconst.i32 20
  ;; CHECK-NEXT: iadd.i32 v0, [[C]]
  ;; CHECK-NEXT: return
  (func (export "reassoc") (param i32) (result i32)
    (i32.add (i32.add (local.get 0) (i32.const 16)) (i32.const 4)))
  ;; (3 + 4) << 33 folds to 14: the count is taken modulo 32.
  ;; CHECK-LABEL: func @fold
  ;; CHECK-NEXT: block0:
  ;; CHECK-NEXT: iconst.i32 14
  ;; CHECK-NEXT: return
  (func (export "fold") (result i32)
    (i32.shl (i32.add (i32.const 3) (i32.const 4)) (i32.const 33)))
  ;; A shift by the width shifts by nothing.
  ;; CHECK-LABEL: func @shift_by_width
  ;; CHECK-NEXT: block0(v0: i64):
  ;; CHECK-NEXT: return v0
  (func (export "shift_by_width") (param i64) (result i64)
    (i64.shr_u (local.get 0) (i64.const 64)))
  ;; wrap(extend_u x) is x.
  ;; CHECK-LABEL: func @wrap_extend
  ;; CHECK-NEXT: block0(v0: i32):
  ;; CHECK-NEXT: return v0
  (func (export "wrap_extend") (param i32) (result i32)
    (i32.wrap_i64 (i64.extend_i32_u (local.get 0))))
  ;; A constant non-zero condition picks the first operand.
  ;; CHECK-LABEL: func @select_const
  ;; CHECK-NEXT: block0(v0: i32, v1: i32):
  ;; CHECK-NEXT: return v0
  (func (export "select_const") (param i32 i32) (result i32)
    (select (local.get 0) (local.get 1) (i32.const 7)))
  ;; x ^ x is 0.
  ;; CHECK-LABEL: func @xor_self
  ;; CHECK-NEXT: block0(v0: i32):
  ;; CHECK-NEXT: iconst.i32 0
  ;; CHECK-NEXT: return
  (func (export "xor_self") (param i32) (result i32)
    (i32.xor (local.get 0) (local.get 0)))
  ;; 1 / 0 traps: never folded.
  ;; CHECK-LABEL: func @div_kept
  ;; CHECK: udiv.i32
  (func (export "div_kept") (result i32)
    (i32.div_u (i32.const 1) (i32.const 0))))

;; ZERO: 0
;; FORTY: 40
;; FOURTEEN: 14
;; TRAP: integer divide by zero

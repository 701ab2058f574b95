;; Golden test: where translated code traps: unreachable is a `trap unreachable`
;; terminator, integer division/remainder and float-to-int truncation trap inside
;; their IR instructions (sdiv/udiv/srem/urem, fcvt_to_*int): no separate checks.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm && %wasmaotc --emit=ir-translated %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir-translated %t.wasm > %t.ir && %wasmaot-ir --verify-only %t.ir

(module
  (func $unreachable_in_branch (param i32) (result i32)
    local.get 0
    if
      unreachable
    end
    local.get 0)
  (func $div_traps (param i32 i64) (result i32 i64)
    local.get 0 local.get 0 i32.div_s
    local.get 1 local.get 1 i64.rem_u)
  (func $trunc_traps (param f64) (result i32)
    local.get 0 i32.trunc_f64_s)
  (func $only_trap (result i64)
    unreachable))

;; CHECK: sig sig0 (i32) -> i32
;; CHECK-NEXT: sig sig1 (i32, i64) -> (i32, i64)
;; CHECK-NEXT: sig sig2 (f64) -> i32
;; CHECK-NEXT: sig sig3 () -> i64
;; CHECK-LABEL: func @unreachable_in_branch(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   brif v0, block1, block2
;; CHECK-NEXT: block1:
;; CHECK-NEXT:   trap unreachable
;; CHECK-NEXT: block2:
;; CHECK-NEXT:   return v0
;; CHECK-NEXT: }
;; CHECK-LABEL: func @div_traps(i32, i64) -> (i32, i64) {
;; CHECK-NEXT: block0(v0: i32, v1: i64):
;; CHECK-NEXT:   v2 = sdiv.i32 v0, v0
;; CHECK-NEXT:   v3 = urem.i64 v1, v1
;; CHECK-NEXT:   return v2, v3
;; CHECK-NEXT: }
;; CHECK-LABEL: func @trunc_traps(f64) -> i32 {
;; CHECK-NEXT: block0(v0: f64):
;; CHECK-NEXT:   v1 = fcvt_to_sint.i32 v0
;; CHECK-NEXT:   return v1
;; CHECK-NEXT: }
;; CHECK-LABEL: func @only_trap() -> i64 {
;; CHECK-NEXT: block0:
;; CHECK-NEXT:   trap unreachable
;; CHECK-NEXT: }

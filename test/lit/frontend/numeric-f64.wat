;; Golden test: every f64 instruction (arithmetic, min/max/copysign, abs/neg/sqrt,
;; rounding, comparisons) and f64 constants by bit pattern (incl. -0 and NaN payloads).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm && %wasmaotc --emit=ir-translated %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir-translated %t.wasm > %t.ir && %wasmaot-ir --verify-only %t.ir

(module
  (func $consts (result f64 f64 f64) f64.const -0.0 f64.const nan:0x200 f64.const 1.5)
  (func $arith (param f64 f64) (result f64)
    local.get 0 local.get 1 f64.add
    local.get 1 f64.sub
    local.get 1 f64.mul
    local.get 1 f64.div
    local.get 1 f64.min
    local.get 1 f64.max
    local.get 1 f64.copysign)
  (func $unary (param f64) (result f64)
    local.get 0 f64.abs f64.neg f64.sqrt f64.ceil f64.floor f64.trunc f64.nearest)
  (func $cmp (param f64 f64) (result i32)
    local.get 0 local.get 1 f64.eq
    local.get 0 local.get 1 f64.ne i32.add
    local.get 0 local.get 1 f64.lt i32.add
    local.get 0 local.get 1 f64.gt i32.add
    local.get 0 local.get 1 f64.le i32.add
    local.get 0 local.get 1 f64.ge i32.add))

;; CHECK: sig sig0 () -> (f64, f64, f64)
;; CHECK-NEXT: sig sig1 (f64, f64) -> f64
;; CHECK-NEXT: sig sig2 (f64) -> f64
;; CHECK-NEXT: sig sig3 (f64, f64) -> i32
;; CHECK-LABEL: func @consts() -> (f64, f64, f64) {
;; CHECK-NEXT: block0:
;; CHECK-NEXT:   v0 = fconst.f64 0x8000000000000000
;; CHECK-NEXT:   v1 = fconst.f64 0x7ff0000000000200
;; CHECK-NEXT:   v2 = fconst.f64 0x3ff8000000000000
;; CHECK-NEXT:   return v0, v1, v2
;; CHECK-NEXT: }
;; CHECK-LABEL: func @arith(f64, f64) -> f64 {
;; CHECK-NEXT: block0(v0: f64, v1: f64):
;; CHECK-NEXT:   v2 = fadd.f64 v0, v1
;; CHECK-NEXT:   v3 = fsub.f64 v2, v1
;; CHECK-NEXT:   v4 = fmul.f64 v3, v1
;; CHECK-NEXT:   v5 = fdiv.f64 v4, v1
;; CHECK-NEXT:   v6 = fmin.f64 v5, v1
;; CHECK-NEXT:   v7 = fmax.f64 v6, v1
;; CHECK-NEXT:   v8 = fcopysign.f64 v7, v1
;; CHECK-NEXT:   return v8
;; CHECK-NEXT: }
;; CHECK-LABEL: func @unary(f64) -> f64 {
;; CHECK-NEXT: block0(v0: f64):
;; CHECK-NEXT:   v1 = fabs.f64 v0
;; CHECK-NEXT:   v2 = fneg.f64 v1
;; CHECK-NEXT:   v3 = fsqrt.f64 v2
;; CHECK-NEXT:   v4 = fceil.f64 v3
;; CHECK-NEXT:   v5 = ffloor.f64 v4
;; CHECK-NEXT:   v6 = ftrunc.f64 v5
;; CHECK-NEXT:   v7 = fnearest.f64 v6
;; CHECK-NEXT:   return v7
;; CHECK-NEXT: }
;; CHECK-LABEL: func @cmp(f64, f64) -> i32 {
;; CHECK-NEXT: block0(v0: f64, v1: f64):
;; CHECK-NEXT:   v2 = fcmp.f64 eq v0, v1
;; CHECK-NEXT:   v3 = fcmp.f64 ne v0, v1
;; CHECK-NEXT:   v4 = iadd.i32 v2, v3
;; CHECK-NEXT:   v5 = fcmp.f64 lt v0, v1
;; CHECK-NEXT:   v6 = iadd.i32 v4, v5
;; CHECK-NEXT:   v7 = fcmp.f64 gt v0, v1
;; CHECK-NEXT:   v8 = iadd.i32 v6, v7
;; CHECK-NEXT:   v9 = fcmp.f64 le v0, v1
;; CHECK-NEXT:   v10 = iadd.i32 v8, v9
;; CHECK-NEXT:   v11 = fcmp.f64 ge v0, v1
;; CHECK-NEXT:   v12 = iadd.i32 v10, v11
;; CHECK-NEXT:   return v12
;; CHECK-NEXT: }

;; Golden test: every f32 instruction (arithmetic, min/max/copysign, abs/neg/sqrt,
;; rounding, comparisons) and f32 constants by bit pattern (incl. -0 and NaN payloads).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm && %wasmaotc --emit=ir-translated %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir-translated %t.wasm > %t.ir && %wasmaot-ir --verify-only %t.ir

(module
  (func $consts (result f32 f32 f32) f32.const -0.0 f32.const nan:0x200 f32.const 1.5)
  (func $arith (param f32 f32) (result f32)
    local.get 0 local.get 1 f32.add
    local.get 1 f32.sub
    local.get 1 f32.mul
    local.get 1 f32.div
    local.get 1 f32.min
    local.get 1 f32.max
    local.get 1 f32.copysign)
  (func $unary (param f32) (result f32)
    local.get 0 f32.abs f32.neg f32.sqrt f32.ceil f32.floor f32.trunc f32.nearest)
  (func $cmp (param f32 f32) (result i32)
    local.get 0 local.get 1 f32.eq
    local.get 0 local.get 1 f32.ne i32.add
    local.get 0 local.get 1 f32.lt i32.add
    local.get 0 local.get 1 f32.gt i32.add
    local.get 0 local.get 1 f32.le i32.add
    local.get 0 local.get 1 f32.ge i32.add))

;; CHECK: sig sig0 () -> (f32, f32, f32)
;; CHECK-NEXT: sig sig1 (f32, f32) -> f32
;; CHECK-NEXT: sig sig2 (f32) -> f32
;; CHECK-NEXT: sig sig3 (f32, f32) -> i32
;; CHECK-LABEL: func @consts() -> (f32, f32, f32) {
;; CHECK-NEXT: block0:
;; CHECK-NEXT:   v0 = fconst.f32 0x80000000
;; CHECK-NEXT:   v1 = fconst.f32 0x7f800200
;; CHECK-NEXT:   v2 = fconst.f32 0x3fc00000
;; CHECK-NEXT:   return v0, v1, v2
;; CHECK-NEXT: }
;; CHECK-LABEL: func @arith(f32, f32) -> f32 {
;; CHECK-NEXT: block0(v0: f32, v1: f32):
;; CHECK-NEXT:   v2 = fadd.f32 v0, v1
;; CHECK-NEXT:   v3 = fsub.f32 v2, v1
;; CHECK-NEXT:   v4 = fmul.f32 v3, v1
;; CHECK-NEXT:   v5 = fdiv.f32 v4, v1
;; CHECK-NEXT:   v6 = fmin.f32 v5, v1
;; CHECK-NEXT:   v7 = fmax.f32 v6, v1
;; CHECK-NEXT:   v8 = fcopysign.f32 v7, v1
;; CHECK-NEXT:   return v8
;; CHECK-NEXT: }
;; CHECK-LABEL: func @unary(f32) -> f32 {
;; CHECK-NEXT: block0(v0: f32):
;; CHECK-NEXT:   v1 = fabs.f32 v0
;; CHECK-NEXT:   v2 = fneg.f32 v1
;; CHECK-NEXT:   v3 = fsqrt.f32 v2
;; CHECK-NEXT:   v4 = fceil.f32 v3
;; CHECK-NEXT:   v5 = ffloor.f32 v4
;; CHECK-NEXT:   v6 = ftrunc.f32 v5
;; CHECK-NEXT:   v7 = fnearest.f32 v6
;; CHECK-NEXT:   return v7
;; CHECK-NEXT: }
;; CHECK-LABEL: func @cmp(f32, f32) -> i32 {
;; CHECK-NEXT: block0(v0: f32, v1: f32):
;; CHECK-NEXT:   v2 = fcmp.f32 eq v0, v1
;; CHECK-NEXT:   v3 = fcmp.f32 ne v0, v1
;; CHECK-NEXT:   v4 = iadd.i32 v2, v3
;; CHECK-NEXT:   v5 = fcmp.f32 lt v0, v1
;; CHECK-NEXT:   v6 = iadd.i32 v4, v5
;; CHECK-NEXT:   v7 = fcmp.f32 gt v0, v1
;; CHECK-NEXT:   v8 = iadd.i32 v6, v7
;; CHECK-NEXT:   v9 = fcmp.f32 le v0, v1
;; CHECK-NEXT:   v10 = iadd.i32 v8, v9
;; CHECK-NEXT:   v11 = fcmp.f32 ge v0, v1
;; CHECK-NEXT:   v12 = iadd.i32 v10, v11
;; CHECK-NEXT:   return v12
;; CHECK-NEXT: }

;; Golden test: every conversion: wrap/extend, extend8/16/32_s (sext_low),
;; trapping and saturating float-to-int truncations, int-to-float, promote/demote
;; and reinterpretations.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm && %wasmaotc --emit=ir-translated %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir-translated %t.wasm > %t.ir && %wasmaot-ir --verify-only %t.ir

(module
  (func $int (param i32 i64) (result i32 i64 i64 i32 i32 i64 i64 i64)
    local.get 1 i32.wrap_i64
    local.get 0 i64.extend_i32_s
    local.get 0 i64.extend_i32_u
    local.get 0 i32.extend8_s
    local.get 0 i32.extend16_s
    local.get 1 i64.extend8_s
    local.get 1 i64.extend16_s
    local.get 1 i64.extend32_s)
  (func $trunc (param f32 f64) (result i32 i32 i32 i32 i64 i64 i64 i64)
    local.get 0 i32.trunc_f32_s
    local.get 0 i32.trunc_f32_u
    local.get 1 i32.trunc_f64_s
    local.get 1 i32.trunc_f64_u
    local.get 0 i64.trunc_f32_s
    local.get 0 i64.trunc_f32_u
    local.get 1 i64.trunc_f64_s
    local.get 1 i64.trunc_f64_u)
  (func $trunc_sat (param f32 f64) (result i32 i32 i32 i32 i64 i64 i64 i64)
    local.get 0 i32.trunc_sat_f32_s
    local.get 0 i32.trunc_sat_f32_u
    local.get 1 i32.trunc_sat_f64_s
    local.get 1 i32.trunc_sat_f64_u
    local.get 0 i64.trunc_sat_f32_s
    local.get 0 i64.trunc_sat_f32_u
    local.get 1 i64.trunc_sat_f64_s
    local.get 1 i64.trunc_sat_f64_u)
  (func $convert (param i32 i64) (result f32 f32 f32 f32 f64 f64 f64 f64)
    local.get 0 f32.convert_i32_s
    local.get 0 f32.convert_i32_u
    local.get 1 f32.convert_i64_s
    local.get 1 f32.convert_i64_u
    local.get 0 f64.convert_i32_s
    local.get 0 f64.convert_i32_u
    local.get 1 f64.convert_i64_s
    local.get 1 f64.convert_i64_u)
  (func $float (param f32 f64) (result f64 f32)
    local.get 0 f64.promote_f32
    local.get 1 f32.demote_f64)
  (func $reinterpret (param i32 i64 f32 f64) (result f32 f64 i32 i64)
    local.get 0 f32.reinterpret_i32
    local.get 1 f64.reinterpret_i64
    local.get 2 i32.reinterpret_f32
    local.get 3 i64.reinterpret_f64))

;; CHECK: sig sig0 (i32, i64) -> (i32, i64, i64, i32, i32, i64, i64, i64)
;; CHECK-NEXT: sig sig1 (f32, f64) -> (i32, i32, i32, i32, i64, i64, i64, i64)
;; CHECK-NEXT: sig sig2 (i32, i64) -> (f32, f32, f32, f32, f64, f64, f64, f64)
;; CHECK-NEXT: sig sig3 (f32, f64) -> (f64, f32)
;; CHECK-NEXT: sig sig4 (i32, i64, f32, f64) -> (f32, f64, i32, i64)
;; CHECK-LABEL: func @int(i32, i64) -> (i32, i64, i64, i32, i32, i64, i64, i64) {
;; CHECK-NEXT: block0(v0: i32, v1: i64):
;; CHECK-NEXT:   v2 = ireduce.i32 v1
;; CHECK-NEXT:   v3 = sext.i64 v0
;; CHECK-NEXT:   v4 = zext.i64 v0
;; CHECK-NEXT:   v5 = sext_low.i32 v0, 8
;; CHECK-NEXT:   v6 = sext_low.i32 v0, 16
;; CHECK-NEXT:   v7 = sext_low.i64 v1, 8
;; CHECK-NEXT:   v8 = sext_low.i64 v1, 16
;; CHECK-NEXT:   v9 = sext_low.i64 v1, 32
;; CHECK-NEXT:   return v2, v3, v4, v5, v6, v7, v8, v9
;; CHECK-NEXT: }
;; CHECK-LABEL: func @trunc(f32, f64) -> (i32, i32, i32, i32, i64, i64, i64, i64) {
;; CHECK-NEXT: block0(v0: f32, v1: f64):
;; CHECK-NEXT:   v2 = fcvt_to_sint.i32 v0
;; CHECK-NEXT:   v3 = fcvt_to_uint.i32 v0
;; CHECK-NEXT:   v4 = fcvt_to_sint.i32 v1
;; CHECK-NEXT:   v5 = fcvt_to_uint.i32 v1
;; CHECK-NEXT:   v6 = fcvt_to_sint.i64 v0
;; CHECK-NEXT:   v7 = fcvt_to_uint.i64 v0
;; CHECK-NEXT:   v8 = fcvt_to_sint.i64 v1
;; CHECK-NEXT:   v9 = fcvt_to_uint.i64 v1
;; CHECK-NEXT:   return v2, v3, v4, v5, v6, v7, v8, v9
;; CHECK-NEXT: }
;; CHECK-LABEL: func @trunc_sat(f32, f64) -> (i32, i32, i32, i32, i64, i64, i64, i64) {
;; CHECK-NEXT: block0(v0: f32, v1: f64):
;; CHECK-NEXT:   v2 = fcvt_to_sint_sat.i32 v0
;; CHECK-NEXT:   v3 = fcvt_to_uint_sat.i32 v0
;; CHECK-NEXT:   v4 = fcvt_to_sint_sat.i32 v1
;; CHECK-NEXT:   v5 = fcvt_to_uint_sat.i32 v1
;; CHECK-NEXT:   v6 = fcvt_to_sint_sat.i64 v0
;; CHECK-NEXT:   v7 = fcvt_to_uint_sat.i64 v0
;; CHECK-NEXT:   v8 = fcvt_to_sint_sat.i64 v1
;; CHECK-NEXT:   v9 = fcvt_to_uint_sat.i64 v1
;; CHECK-NEXT:   return v2, v3, v4, v5, v6, v7, v8, v9
;; CHECK-NEXT: }
;; CHECK-LABEL: func @convert(i32, i64) -> (f32, f32, f32, f32, f64, f64, f64, f64) {
;; CHECK-NEXT: block0(v0: i32, v1: i64):
;; CHECK-NEXT:   v2 = fcvt_from_sint.f32 v0
;; CHECK-NEXT:   v3 = fcvt_from_uint.f32 v0
;; CHECK-NEXT:   v4 = fcvt_from_sint.f32 v1
;; CHECK-NEXT:   v5 = fcvt_from_uint.f32 v1
;; CHECK-NEXT:   v6 = fcvt_from_sint.f64 v0
;; CHECK-NEXT:   v7 = fcvt_from_uint.f64 v0
;; CHECK-NEXT:   v8 = fcvt_from_sint.f64 v1
;; CHECK-NEXT:   v9 = fcvt_from_uint.f64 v1
;; CHECK-NEXT:   return v2, v3, v4, v5, v6, v7, v8, v9
;; CHECK-NEXT: }
;; CHECK-LABEL: func @float(f32, f64) -> (f64, f32) {
;; CHECK-NEXT: block0(v0: f32, v1: f64):
;; CHECK-NEXT:   v2 = fpromote.f64 v0
;; CHECK-NEXT:   v3 = fdemote.f32 v1
;; CHECK-NEXT:   return v2, v3
;; CHECK-NEXT: }
;; CHECK-LABEL: func @reinterpret(i32, i64, f32, f64) -> (f32, f64, i32, i64) {
;; CHECK-NEXT: block0(v0: i32, v1: i64, v2: f32, v3: f64):
;; CHECK-NEXT:   v4 = bitcast.f32 v0
;; CHECK-NEXT:   v5 = bitcast.f64 v1
;; CHECK-NEXT:   v6 = bitcast.i32 v2
;; CHECK-NEXT:   v7 = bitcast.i64 v3
;; CHECK-NEXT:   return v4, v5, v6, v7
;; CHECK-NEXT: }

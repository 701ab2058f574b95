;; Golden test: every i64 arithmetic, bit, shift/rotate, count and comparison
;; instruction; comparisons produce i32.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm && %wasmaotc --emit=ir-translated %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir-translated %t.wasm > %t.ir && %wasmaot-ir --verify-only %t.ir

(module
  (func $const (result i64) i64.const -9223372036854775808)
  (func $arith (param i64 i64) (result i64)
    local.get 0 local.get 1 i64.add
    local.get 1 i64.sub
    local.get 0 i64.mul
    local.get 1 i64.div_s
    local.get 1 i64.div_u
    local.get 1 i64.rem_s
    local.get 1 i64.rem_u)
  (func $bits (param i64 i64) (result i64)
    local.get 0 local.get 1 i64.and
    local.get 1 i64.or
    local.get 1 i64.xor
    local.get 1 i64.shl
    local.get 1 i64.shr_s
    local.get 1 i64.shr_u
    local.get 1 i64.rotl
    local.get 1 i64.rotr
    i64.clz i64.ctz i64.popcnt)
  (func $cmp (param i64 i64) (result i32)
    local.get 0 i64.eqz
    local.get 0 local.get 1 i64.eq i32.add
    local.get 0 local.get 1 i64.ne i32.add
    local.get 0 local.get 1 i64.lt_s i32.add
    local.get 0 local.get 1 i64.lt_u i32.add
    local.get 0 local.get 1 i64.gt_s i32.add
    local.get 0 local.get 1 i64.gt_u i32.add
    local.get 0 local.get 1 i64.le_s i32.add
    local.get 0 local.get 1 i64.le_u i32.add
    local.get 0 local.get 1 i64.ge_s i32.add
    local.get 0 local.get 1 i64.ge_u i32.add))

;; CHECK: sig sig0 () -> i64
;; CHECK-NEXT: sig sig1 (i64, i64) -> i64
;; CHECK-NEXT: sig sig2 (i64, i64) -> i32
;; CHECK-LABEL: func @const() -> i64 {
;; CHECK-NEXT: block0:
;; CHECK-NEXT:   v0 = iconst.i64 -9223372036854775808
;; CHECK-NEXT:   return v0
;; CHECK-NEXT: }
;; CHECK-LABEL: func @arith(i64, i64) -> i64 {
;; CHECK-NEXT: block0(v0: i64, v1: i64):
;; CHECK-NEXT:   v2 = iadd.i64 v0, v1
;; CHECK-NEXT:   v3 = isub.i64 v2, v1
;; CHECK-NEXT:   v4 = imul.i64 v3, v0
;; CHECK-NEXT:   v5 = sdiv.i64 v4, v1
;; CHECK-NEXT:   v6 = udiv.i64 v5, v1
;; CHECK-NEXT:   v7 = srem.i64 v6, v1
;; CHECK-NEXT:   v8 = urem.i64 v7, v1
;; CHECK-NEXT:   return v8
;; CHECK-NEXT: }
;; CHECK-LABEL: func @bits(i64, i64) -> i64 {
;; CHECK-NEXT: block0(v0: i64, v1: i64):
;; CHECK-NEXT:   v2 = band.i64 v0, v1
;; CHECK-NEXT:   v3 = bor.i64 v2, v1
;; CHECK-NEXT:   v4 = bxor.i64 v3, v1
;; CHECK-NEXT:   v5 = ishl.i64 v4, v1
;; CHECK-NEXT:   v6 = sshr.i64 v5, v1
;; CHECK-NEXT:   v7 = ushr.i64 v6, v1
;; CHECK-NEXT:   v8 = rotl.i64 v7, v1
;; CHECK-NEXT:   v9 = rotr.i64 v8, v1
;; CHECK-NEXT:   v10 = clz.i64 v9
;; CHECK-NEXT:   v11 = ctz.i64 v10
;; CHECK-NEXT:   v12 = popcnt.i64 v11
;; CHECK-NEXT:   return v12
;; CHECK-NEXT: }
;; CHECK-LABEL: func @cmp(i64, i64) -> i32 {
;; CHECK-NEXT: block0(v0: i64, v1: i64):
;; CHECK-NEXT:   v2 = iconst.i64 0
;; CHECK-NEXT:   v3 = icmp.i64 eq v0, v2
;; CHECK-NEXT:   v4 = icmp.i64 eq v0, v1
;; CHECK-NEXT:   v5 = iadd.i32 v3, v4
;; CHECK-NEXT:   v6 = icmp.i64 ne v0, v1
;; CHECK-NEXT:   v7 = iadd.i32 v5, v6
;; CHECK-NEXT:   v8 = icmp.i64 slt v0, v1
;; CHECK-NEXT:   v9 = iadd.i32 v7, v8
;; CHECK-NEXT:   v10 = icmp.i64 ult v0, v1
;; CHECK-NEXT:   v11 = iadd.i32 v9, v10
;; CHECK-NEXT:   v12 = icmp.i64 sgt v0, v1
;; CHECK-NEXT:   v13 = iadd.i32 v11, v12
;; CHECK-NEXT:   v14 = icmp.i64 ugt v0, v1
;; CHECK-NEXT:   v15 = iadd.i32 v13, v14
;; CHECK-NEXT:   v16 = icmp.i64 sle v0, v1
;; CHECK-NEXT:   v17 = iadd.i32 v15, v16
;; CHECK-NEXT:   v18 = icmp.i64 ule v0, v1
;; CHECK-NEXT:   v19 = iadd.i32 v17, v18
;; CHECK-NEXT:   v20 = icmp.i64 sge v0, v1
;; CHECK-NEXT:   v21 = iadd.i32 v19, v20
;; CHECK-NEXT:   v22 = icmp.i64 uge v0, v1
;; CHECK-NEXT:   v23 = iadd.i32 v21, v22
;; CHECK-NEXT:   return v23
;; CHECK-NEXT: }

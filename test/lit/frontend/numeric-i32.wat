;; Golden test: every i32 arithmetic, bit, shift/rotate, count and comparison
;; instruction maps to one IR instruction (eqz to icmp eq against 0); division and
;; remainder use the trapping sdiv/udiv/srem/urem.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm && %wasmaotc --emit=ir-translated %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir-translated %t.wasm > %t.ir && %wasmaot-ir --verify-only %t.ir

(module
  (func $const (result i32) i32.const -1)
  (func $arith (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add
    local.get 1 i32.sub
    local.get 0 i32.mul
    local.get 1 i32.div_s
    local.get 1 i32.div_u
    local.get 1 i32.rem_s
    local.get 1 i32.rem_u)
  (func $bits (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.and
    local.get 1 i32.or
    local.get 1 i32.xor
    local.get 1 i32.shl
    local.get 1 i32.shr_s
    local.get 1 i32.shr_u
    local.get 1 i32.rotl
    local.get 1 i32.rotr
    i32.clz i32.ctz i32.popcnt)
  (func $cmp (param i32 i32) (result i32)
    local.get 0 i32.eqz
    local.get 0 local.get 1 i32.eq i32.add
    local.get 0 local.get 1 i32.ne i32.add
    local.get 0 local.get 1 i32.lt_s i32.add
    local.get 0 local.get 1 i32.lt_u i32.add
    local.get 0 local.get 1 i32.gt_s i32.add
    local.get 0 local.get 1 i32.gt_u i32.add
    local.get 0 local.get 1 i32.le_s i32.add
    local.get 0 local.get 1 i32.le_u i32.add
    local.get 0 local.get 1 i32.ge_s i32.add
    local.get 0 local.get 1 i32.ge_u i32.add))

;; CHECK: sig sig0 () -> i32
;; CHECK-NEXT: sig sig1 (i32, i32) -> i32
;; CHECK-LABEL: func @const() -> i32 {
;; CHECK-NEXT: block0:
;; CHECK-NEXT:   v0 = iconst.i32 -1
;; CHECK-NEXT:   return v0
;; CHECK-NEXT: }
;; CHECK-LABEL: func @arith(i32, i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32, v1: i32):
;; CHECK-NEXT:   v2 = iadd.i32 v0, v1
;; CHECK-NEXT:   v3 = isub.i32 v2, v1
;; CHECK-NEXT:   v4 = imul.i32 v3, v0
;; CHECK-NEXT:   v5 = sdiv.i32 v4, v1
;; CHECK-NEXT:   v6 = udiv.i32 v5, v1
;; CHECK-NEXT:   v7 = srem.i32 v6, v1
;; CHECK-NEXT:   v8 = urem.i32 v7, v1
;; CHECK-NEXT:   return v8
;; CHECK-NEXT: }
;; CHECK-LABEL: func @bits(i32, i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32, v1: i32):
;; CHECK-NEXT:   v2 = band.i32 v0, v1
;; CHECK-NEXT:   v3 = bor.i32 v2, v1
;; CHECK-NEXT:   v4 = bxor.i32 v3, v1
;; CHECK-NEXT:   v5 = ishl.i32 v4, v1
;; CHECK-NEXT:   v6 = sshr.i32 v5, v1
;; CHECK-NEXT:   v7 = ushr.i32 v6, v1
;; CHECK-NEXT:   v8 = rotl.i32 v7, v1
;; CHECK-NEXT:   v9 = rotr.i32 v8, v1
;; CHECK-NEXT:   v10 = clz.i32 v9
;; CHECK-NEXT:   v11 = ctz.i32 v10
;; CHECK-NEXT:   v12 = popcnt.i32 v11
;; CHECK-NEXT:   return v12
;; CHECK-NEXT: }
;; CHECK-LABEL: func @cmp(i32, i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32, v1: i32):
;; CHECK-NEXT:   v2 = iconst.i32 0
;; CHECK-NEXT:   v3 = icmp.i32 eq v0, v2
;; CHECK-NEXT:   v4 = icmp.i32 eq v0, v1
;; CHECK-NEXT:   v5 = iadd.i32 v3, v4
;; CHECK-NEXT:   v6 = icmp.i32 ne v0, v1
;; CHECK-NEXT:   v7 = iadd.i32 v5, v6
;; CHECK-NEXT:   v8 = icmp.i32 slt v0, v1
;; CHECK-NEXT:   v9 = iadd.i32 v7, v8
;; CHECK-NEXT:   v10 = icmp.i32 ult v0, v1
;; CHECK-NEXT:   v11 = iadd.i32 v9, v10
;; CHECK-NEXT:   v12 = icmp.i32 sgt v0, v1
;; CHECK-NEXT:   v13 = iadd.i32 v11, v12
;; CHECK-NEXT:   v14 = icmp.i32 ugt v0, v1
;; CHECK-NEXT:   v15 = iadd.i32 v13, v14
;; CHECK-NEXT:   v16 = icmp.i32 sle v0, v1
;; CHECK-NEXT:   v17 = iadd.i32 v15, v16
;; CHECK-NEXT:   v18 = icmp.i32 ule v0, v1
;; CHECK-NEXT:   v19 = iadd.i32 v17, v18
;; CHECK-NEXT:   v20 = icmp.i32 sge v0, v1
;; CHECK-NEXT:   v21 = iadd.i32 v19, v20
;; CHECK-NEXT:   v22 = icmp.i32 uge v0, v1
;; CHECK-NEXT:   v23 = iadd.i32 v21, v22
;; CHECK-NEXT:   return v23
;; CHECK-NEXT: }

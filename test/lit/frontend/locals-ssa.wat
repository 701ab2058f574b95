;; Golden test: SSA construction for locals: zero-initialised locals share one
;; constant per type, merges get block parameters only where values differ,
;; loop headers get parameters for locals changed in the loop (trivial ones
;; are removed), and locals of every type (i64, f32, f64, ref) default to zero/null.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm && %wasmaotc --emit=ir-translated %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir-translated %t.wasm > %t.ir && %wasmaot-ir --verify-only %t.ir

(module
  (func $zero_init (result i32 i64 f32 f64 funcref)
    (local i32 i64 f32 f64 funcref)
    local.get 0 local.get 1 local.get 2 local.get 3 local.get 4)
  (func $tee_and_set (param i32) (result i32) (local i32)
    local.get 0
    i32.const 2
    i32.mul
    local.tee 1
    local.get 1
    i32.add
    local.set 0
    local.get 0)
  (func $diamond (param i32) (result i32) (local i32 i32)
    i32.const 5
    local.set 2
    local.get 0
    if
      i32.const 1
      local.set 1
    else
      i32.const 2
      local.set 1
    end
    local.get 1
    local.get 2
    i32.add)
  (func $one_sided (param i32) (result i32) (local i32)
    local.get 0
    if
      i32.const 8
      local.set 1
    end
    local.get 1)
  (func $counting_loop (param i32) (result i32) (local i32 i32 i32)
    i32.const 100
    local.set 3
    loop
      local.get 2
      local.get 1
      i32.add
      local.set 2
      local.get 1
      i32.const 1
      i32.add
      local.tee 1
      local.get 0
      i32.lt_u
      br_if 0
    end
    local.get 2
    local.get 3
    i32.add)
  (func $nested_loops (param i32) (result i32) (local i32 i32)
    loop
      i32.const 0
      local.set 2
      loop
        local.get 2
        i32.const 1
        i32.add
        local.tee 2
        local.get 0
        i32.lt_s
        br_if 0
      end
      local.get 1
      local.get 2
      i32.add
      local.tee 1
      local.get 0
      i32.lt_s
      br_if 0
    end
    local.get 1))

;; CHECK: sig sig0 () -> (i32, i64, f32, f64, ref)
;; CHECK-NEXT: sig sig1 (i32) -> i32
;; CHECK-LABEL: func @zero_init() -> (i32, i64, f32, f64, ref) {
;; CHECK-NEXT: block0:
;; CHECK-NEXT:   v0 = iconst.i32 0
;; CHECK-NEXT:   v1 = iconst.i64 0
;; CHECK-NEXT:   v2 = fconst.f32 0x00000000
;; CHECK-NEXT:   v3 = fconst.f64 0x0000000000000000
;; CHECK-NEXT:   v4 = ref_null
;; CHECK-NEXT:   return v0, v1, v2, v3, v4
;; CHECK-NEXT: }
;; CHECK-LABEL: func @tee_and_set(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = iconst.i32 2
;; CHECK-NEXT:   v2 = imul.i32 v0, v1
;; CHECK-NEXT:   v3 = iadd.i32 v2, v2
;; CHECK-NEXT:   return v3
;; CHECK-NEXT: }
;; CHECK-LABEL: func @diamond(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = iconst.i32 5
;; CHECK-NEXT:   brif v0, block1, block2
;; CHECK-NEXT: block1:
;; CHECK-NEXT:   v2 = iconst.i32 1
;; CHECK-NEXT:   jump block3(v2)
;; CHECK-NEXT: block2:
;; CHECK-NEXT:   v3 = iconst.i32 2
;; CHECK-NEXT:   jump block3(v3)
;; CHECK-NEXT: block3(v4: i32):
;; CHECK-NEXT:   v5 = iadd.i32 v4, v1
;; CHECK-NEXT:   return v5
;; CHECK-NEXT: }
;; CHECK-LABEL: func @one_sided(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = iconst.i32 0
;; CHECK-NEXT:   brif v0, block1, block2(v1)
;; CHECK-NEXT: block1:
;; CHECK-NEXT:   v2 = iconst.i32 8
;; CHECK-NEXT:   jump block2(v2)
;; CHECK-NEXT: block2(v3: i32):
;; CHECK-NEXT:   return v3
;; CHECK-NEXT: }
;; CHECK-LABEL: func @counting_loop(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = iconst.i32 100
;; CHECK-NEXT:   v2 = iconst.i32 0
;; CHECK-NEXT:   jump block1(v2, v2)
;; CHECK-NEXT: block1(v3: i32, v4: i32):
;; CHECK-NEXT:   v5 = iadd.i32 v3, v4
;; CHECK-NEXT:   v6 = iconst.i32 1
;; CHECK-NEXT:   v7 = iadd.i32 v4, v6
;; CHECK-NEXT:   v8 = icmp.i32 ult v7, v0
;; CHECK-NEXT:   brif v8, block1(v5, v7), block2
;; CHECK-NEXT: block2:
;; CHECK-NEXT:   v9 = iadd.i32 v5, v1
;; CHECK-NEXT:   return v9
;; CHECK-NEXT: }
;; CHECK-LABEL: func @nested_loops(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = iconst.i32 0
;; CHECK-NEXT:   jump block1(v1)
;; CHECK-NEXT: block1(v2: i32):
;; CHECK-NEXT:   v3 = iconst.i32 0
;; CHECK-NEXT:   jump block2(v3)
;; CHECK-NEXT: block2(v4: i32):
;; CHECK-NEXT:   v5 = iconst.i32 1
;; CHECK-NEXT:   v6 = iadd.i32 v4, v5
;; CHECK-NEXT:   v7 = icmp.i32 slt v6, v0
;; CHECK-NEXT:   brif v7, block2(v6), block3
;; CHECK-NEXT: block3:
;; CHECK-NEXT:   v8 = iadd.i32 v2, v6
;; CHECK-NEXT:   v9 = icmp.i32 slt v8, v0
;; CHECK-NEXT:   brif v9, block1(v8), block4
;; CHECK-NEXT: block4:
;; CHECK-NEXT:   return v8
;; CHECK-NEXT: }

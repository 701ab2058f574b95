;; Golden test: structured control flow: block results and branch values become
;; block arguments, br_if continues in a fresh block, br_table lists every
;; target with the same arguments, if/else and if without else (the false edge
;; carries the parameters), multi-value blocks and loops with parameters,
;; return/br to the function label, and code after a branch is not translated.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm && %wasmaotc --emit=ir-translated %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir-translated %t.wasm > %t.ir && %wasmaot-ir --verify-only %t.ir

(module
  (type $pair (func (param i32 i32) (result i32 i32)))
  (type $sum (func (param i32) (result i32)))
  (func $block_result (param i32) (result i32)
    block (result i32)
      i32.const 7
      local.get 0
      br_if 0
      drop
      i32.const 9
    end)
  (func $br_table (param i32) (result i32)
    block
      block
        block
          local.get 0
          br_table 0 1 2 0
        end
        i32.const 10
        return
      end
      i32.const 20
      return
    end
    i32.const 30)
  (func $br_table_values (param i32) (result i32)
    block (result i32)
      block (result i32)
        i32.const 5
        local.get 0
        br_table 0 1 1
      end
      i32.const 1
      i32.add
    end)
  (func $if_else (param i32 i32) (result i32)
    local.get 0
    if (result i32)
      local.get 1
    else
      local.get 1
      i32.const 1
      i32.sub
    end)
  (func $if_params (param i32) (result i32)
    i32.const 3
    local.get 0
    if (type $sum)
      i32.const 1
      i32.add
    end)
  (func $multi_block (param i32 i32) (result i32 i32)
    local.get 0
    local.get 1
    block (type $pair)
      i32.add
      local.get 0
    end)
  (func $loop_params (param i32) (result i32)
    local.get 0
    loop (type $sum)
      i32.const 1
      i32.sub
      local.tee 0
      local.get 0
      br_if 0
    end)
  (func $early_return (param i32) (result i32)
    local.get 0
    if
      i32.const 1
      return
      i32.const 99
      drop
    end
    i32.const 2)
  (func $br_function_label (param i32) (result i32)
    i32.const 4
    local.get 0
    br_if 0
    drop
    i32.const 5
    br 0)
  (func $dead_block (result i32)
    block
      unreachable
    end
    i32.const 1)
  (func $nop_drop (param i32)
    nop
    local.get 0
    drop))

;; CHECK: sig sig0 (i32, i32) -> (i32, i32)
;; CHECK-NEXT: sig sig1 (i32) -> i32
;; CHECK-NEXT: sig sig2 (i32, i32) -> i32
;; CHECK-NEXT: sig sig3 () -> i32
;; CHECK-NEXT: sig sig4 (i32)
;; CHECK-LABEL: func @block_result(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = iconst.i32 7
;; CHECK-NEXT:   brif v0, block2(v1), block1
;; CHECK-NEXT: block1:
;; CHECK-NEXT:   v2 = iconst.i32 9
;; CHECK-NEXT:   jump block2(v2)
;; CHECK-NEXT: block2(v3: i32):
;; CHECK-NEXT:   return v3
;; CHECK-NEXT: }
;; CHECK-LABEL: func @br_table(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   br_table v0, [block1, block2, block3], block1
;; CHECK-NEXT: block1:
;; CHECK-NEXT:   v1 = iconst.i32 10
;; CHECK-NEXT:   return v1
;; CHECK-NEXT: block2:
;; CHECK-NEXT:   v2 = iconst.i32 20
;; CHECK-NEXT:   return v2
;; CHECK-NEXT: block3:
;; CHECK-NEXT:   v3 = iconst.i32 30
;; CHECK-NEXT:   return v3
;; CHECK-NEXT: }
;; CHECK-LABEL: func @br_table_values(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = iconst.i32 5
;; CHECK-NEXT:   br_table v0, [block1(v1), block2(v1)], block2(v1)
;; CHECK-NEXT: block1(v2: i32):
;; CHECK-NEXT:   v3 = iconst.i32 1
;; CHECK-NEXT:   v4 = iadd.i32 v2, v3
;; CHECK-NEXT:   jump block2(v4)
;; CHECK-NEXT: block2(v5: i32):
;; CHECK-NEXT:   return v5
;; CHECK-NEXT: }
;; CHECK-LABEL: func @if_else(i32, i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32, v1: i32):
;; CHECK-NEXT:   brif v0, block1, block2
;; CHECK-NEXT: block1:
;; CHECK-NEXT:   jump block3(v1)
;; CHECK-NEXT: block2:
;; CHECK-NEXT:   v2 = iconst.i32 1
;; CHECK-NEXT:   v3 = isub.i32 v1, v2
;; CHECK-NEXT:   jump block3(v3)
;; CHECK-NEXT: block3(v4: i32):
;; CHECK-NEXT:   return v4
;; CHECK-NEXT: }
;; CHECK-LABEL: func @if_params(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = iconst.i32 3
;; CHECK-NEXT:   brif v0, block1, block2(v1)
;; CHECK-NEXT: block1:
;; CHECK-NEXT:   v2 = iconst.i32 1
;; CHECK-NEXT:   v3 = iadd.i32 v1, v2
;; CHECK-NEXT:   jump block2(v3)
;; CHECK-NEXT: block2(v4: i32):
;; CHECK-NEXT:   return v4
;; CHECK-NEXT: }
;; CHECK-LABEL: func @multi_block(i32, i32) -> (i32, i32) {
;; CHECK-NEXT: block0(v0: i32, v1: i32):
;; CHECK-NEXT:   v2 = iadd.i32 v0, v1
;; CHECK-NEXT:   jump block1(v2, v0)
;; CHECK-NEXT: block1(v3: i32, v4: i32):
;; CHECK-NEXT:   return v3, v4
;; CHECK-NEXT: }
;; CHECK-LABEL: func @loop_params(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   jump block1(v0)
;; CHECK-NEXT: block1(v1: i32):
;; CHECK-NEXT:   v2 = iconst.i32 1
;; CHECK-NEXT:   v3 = isub.i32 v1, v2
;; CHECK-NEXT:   brif v3, block1(v3), block2
;; CHECK-NEXT: block2:
;; CHECK-NEXT:   return v3
;; CHECK-NEXT: }
;; CHECK-LABEL: func @early_return(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   brif v0, block1, block2
;; CHECK-NEXT: block1:
;; CHECK-NEXT:   v1 = iconst.i32 1
;; CHECK-NEXT:   return v1
;; CHECK-NEXT: block2:
;; CHECK-NEXT:   v2 = iconst.i32 2
;; CHECK-NEXT:   return v2
;; CHECK-NEXT: }
;; CHECK-LABEL: func @br_function_label(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = iconst.i32 4
;; CHECK-NEXT:   brif v0, block2(v1), block1
;; CHECK-NEXT: block1:
;; CHECK-NEXT:   v2 = iconst.i32 5
;; CHECK-NEXT:   return v2
;; CHECK-NEXT: block2(v3: i32):
;; CHECK-NEXT:   return v3
;; CHECK-NEXT: }
;; CHECK-LABEL: func @dead_block() -> i32 {
;; CHECK-NEXT: block0:
;; CHECK-NEXT:   trap unreachable
;; CHECK-NEXT: }
;; CHECK-LABEL: func @nop_drop(i32) {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   return
;; CHECK-NEXT: }

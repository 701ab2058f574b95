;; Golden test: loads and stores of every width (narrow loads s8/u8/s16/u16/s32/u32
;; extend to the result type, narrow stores keep the low bits), offset, alignment
;; and the explicit bounds form; memory.size/grow/fill/copy/init and data.drop;
;; a second memory (multi-memory) and memory64 indices (i64).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm && %wasmaotc --emit=ir-translated %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir-translated %t.wasm > %t.ir && %wasmaot-ir --verify-only %t.ir
;; RUN: %wasmaotc --emit=ir %t.wasm > %t.passes.ir && %wasmaot-ir --verify-only %t.passes.ir

(module
  (memory $m 1 2)
  (memory $big i64 1)
  (data $d "hello")
  (func $loads (param i32) (result i32 i64 f32 f64 i32 i32 i32 i32)
    local.get 0 i32.load offset=4
    local.get 0 i64.load align=4
    local.get 0 f32.load
    local.get 0 f64.load offset=16
    local.get 0 i32.load8_s
    local.get 0 i32.load8_u
    local.get 0 i32.load16_s
    local.get 0 i32.load16_u)
  (func $loads64 (param i32) (result i64 i64 i64 i64 i64 i64)
    local.get 0 i64.load8_s
    local.get 0 i64.load8_u
    local.get 0 i64.load16_s
    local.get 0 i64.load16_u offset=2 align=1
    local.get 0 i64.load32_s
    local.get 0 i64.load32_u)
  (func $stores (param i32 i64 f32 f64)
    local.get 0 local.get 0 i32.store offset=8
    local.get 0 local.get 1 i64.store
    local.get 0 local.get 2 f32.store
    local.get 0 local.get 3 f64.store
    local.get 0 local.get 0 i32.store8
    local.get 0 local.get 0 i32.store16
    local.get 0 local.get 1 i64.store8
    local.get 0 local.get 1 i64.store16
    local.get 0 local.get 1 i64.store32 offset=1 align=1)
  (func $bulk (param i32) (result i32)
    local.get 0 i32.const 0 i32.const 16 memory.fill
    local.get 0 i32.const 32 i32.const 16 memory.copy
    local.get 0 i32.const 1 i32.const 4 memory.init $d
    data.drop $d
    i32.const 1 memory.grow
    memory.size
    i32.add)
  (func $memory64 (param i64) (result i64)
    local.get 0 local.get 0 i64.load $big offset=4294967295
    i64.store $big
    i64.const 1 memory.grow $big
    memory.size $big
    i64.add)
  (func $cross_memory (param i64 i32)
    local.get 0 local.get 1 i32.const 8 memory.copy $big $m))

;; CHECK: sig sig0 (i32) -> (i32, i64, f32, f64, i32, i32, i32, i32)
;; CHECK-NEXT: sig sig1 (i32) -> (i64, i64, i64, i64, i64, i64)
;; CHECK-NEXT: sig sig2 (i32, i64, f32, f64)
;; CHECK-NEXT: sig sig3 (i32) -> i32
;; CHECK-NEXT: sig sig4 (i64) -> i64
;; CHECK-NEXT: sig sig5 (i64, i32)
;; CHECK-NEXT: memory mem0 i32 min 1 max 2
;; CHECK-NEXT: memory mem1 i64 min 1
;; CHECK-NEXT: data_segments 1
;; CHECK-LABEL: func @loads(i32) -> (i32, i64, f32, f64, i32, i32, i32, i32) {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = load.i32 v0 mem0 offset=4 align=4 bounds=check
;; CHECK-NEXT:   v2 = load.i64 v0 mem0 align=4 bounds=check
;; CHECK-NEXT:   v3 = load.f32 v0 mem0 align=4 bounds=check
;; CHECK-NEXT:   v4 = load.f64 v0 mem0 offset=16 align=8 bounds=check
;; CHECK-NEXT:   v5 = load.i32 v0 mem0 s8 align=1 bounds=check
;; CHECK-NEXT:   v6 = load.i32 v0 mem0 u8 align=1 bounds=check
;; CHECK-NEXT:   v7 = load.i32 v0 mem0 s16 align=2 bounds=check
;; CHECK-NEXT:   v8 = load.i32 v0 mem0 u16 align=2 bounds=check
;; CHECK-NEXT:   return v1, v2, v3, v4, v5, v6, v7, v8
;; CHECK-NEXT: }
;; CHECK-LABEL: func @loads64(i32) -> (i64, i64, i64, i64, i64, i64) {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = load.i64 v0 mem0 s8 align=1 bounds=check
;; CHECK-NEXT:   v2 = load.i64 v0 mem0 u8 align=1 bounds=check
;; CHECK-NEXT:   v3 = load.i64 v0 mem0 s16 align=2 bounds=check
;; CHECK-NEXT:   v4 = load.i64 v0 mem0 u16 offset=2 align=1 bounds=check
;; CHECK-NEXT:   v5 = load.i64 v0 mem0 s32 align=4 bounds=check
;; CHECK-NEXT:   v6 = load.i64 v0 mem0 u32 align=4 bounds=check
;; CHECK-NEXT:   return v1, v2, v3, v4, v5, v6
;; CHECK-NEXT: }
;; CHECK-LABEL: func @stores(i32, i64, f32, f64) {
;; CHECK-NEXT: block0(v0: i32, v1: i64, v2: f32, v3: f64):
;; CHECK-NEXT:   store.i32 v0, v0 mem0 offset=8 align=4 bounds=check
;; CHECK-NEXT:   store.i64 v0, v1 mem0 align=8 bounds=check
;; CHECK-NEXT:   store.f32 v0, v2 mem0 align=4 bounds=check
;; CHECK-NEXT:   store.f64 v0, v3 mem0 align=8 bounds=check
;; CHECK-NEXT:   store.i32 v0, v0 mem0 8 align=1 bounds=check
;; CHECK-NEXT:   store.i32 v0, v0 mem0 16 align=2 bounds=check
;; CHECK-NEXT:   store.i64 v0, v1 mem0 8 align=1 bounds=check
;; CHECK-NEXT:   store.i64 v0, v1 mem0 16 align=2 bounds=check
;; CHECK-NEXT:   store.i64 v0, v1 mem0 32 offset=1 align=1 bounds=check
;; CHECK-NEXT:   return
;; CHECK-NEXT: }
;; CHECK-LABEL: func @bulk(i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = iconst.i32 0
;; CHECK-NEXT:   v2 = iconst.i32 16
;; CHECK-NEXT:   memory_fill mem0, v0, v1, v2
;; CHECK-NEXT:   v3 = iconst.i32 32
;; CHECK-NEXT:   v4 = iconst.i32 16
;; CHECK-NEXT:   memory_copy mem0, mem0, v0, v3, v4
;; CHECK-NEXT:   v5 = iconst.i32 1
;; CHECK-NEXT:   v6 = iconst.i32 4
;; CHECK-NEXT:   memory_init mem0, data0, v0, v5, v6
;; CHECK-NEXT:   data_drop data0
;; CHECK-NEXT:   v7 = iconst.i32 1
;; CHECK-NEXT:   v8 = memory_grow.i32 mem0, v7
;; CHECK-NEXT:   v9 = memory_size.i32 mem0
;; CHECK-NEXT:   v10 = iadd.i32 v8, v9
;; CHECK-NEXT:   return v10
;; CHECK-NEXT: }
;; CHECK-LABEL: func @memory64(i64) -> i64 {
;; CHECK-NEXT: block0(v0: i64):
;; CHECK-NEXT:   v1 = load.i64 v0 mem1 offset=4294967295 align=8 bounds=check
;; CHECK-NEXT:   store.i64 v0, v1 mem1 align=8 bounds=check
;; CHECK-NEXT:   v2 = iconst.i64 1
;; CHECK-NEXT:   v3 = memory_grow.i64 mem1, v2
;; CHECK-NEXT:   v4 = memory_size.i64 mem1
;; CHECK-NEXT:   v5 = iadd.i64 v3, v4
;; CHECK-NEXT:   return v5
;; CHECK-NEXT: }
;; CHECK-LABEL: func @cross_memory(i64, i32) {
;; CHECK-NEXT: block0(v0: i64, v1: i32):
;; CHECK-NEXT:   v2 = iconst.i32 8
;; CHECK-NEXT:   memory_copy mem1, mem0, v0, v1, v2
;; CHECK-NEXT:   return
;; CHECK-NEXT: }

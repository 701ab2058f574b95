;; Golden test: table.get/set/size/grow/fill/copy/init, elem.drop, ref.null,
;; ref.is_null and ref.func (typed references, ref.eq, ref.as_non_null,
;; br_on_null/br_on_non_null and call_ref, which wabt 1.0.32 cannot assemble,
;; are in typed-refs.test).
;; RUN: %wat2wasm --debug-names %s -o %t.wasm && %wasmaotc --emit=ir-translated %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir-translated %t.wasm > %t.ir && %wasmaot-ir --verify-only %t.ir

(module
  (type $f (func))
  (table $t 4 funcref)
  (table $x 1 externref)
  (elem $e func $refs)
  (func $tables (param i32 externref) (result i32)
    local.get 0 local.get 0 table.get $t table.set $t
    local.get 0 local.get 1 table.set $x
    local.get 0 ref.null func i32.const 2 table.fill $t
    i32.const 0 i32.const 1 i32.const 2 table.copy $t $t
    i32.const 0 i32.const 0 i32.const 1 table.init $t $e
    elem.drop $e
    ref.null extern i32.const 3 table.grow $x
    table.size $t
    i32.add)
  (func $refs (param externref) (result i32)
    local.get 0 ref.is_null
    ref.func $refs ref.is_null
    i32.add))

;; CHECK: sig sig0 ()
;; CHECK-NEXT: sig sig1 (i32, ref) -> i32
;; CHECK-NEXT: sig sig2 (ref) -> i32
;; CHECK-NEXT: table table0 i32 min 4
;; CHECK-NEXT: table table1 i32 min 1
;; CHECK-NEXT: elem_segments 1
;; CHECK-LABEL: func @tables(i32, ref) -> i32 {
;; CHECK-NEXT: block0(v0: i32, v1: ref):
;; CHECK-NEXT:   v2 = table_get table0, v0
;; CHECK-NEXT:   table_set table0, v0, v2
;; CHECK-NEXT:   table_set table1, v0, v1
;; CHECK-NEXT:   v3 = ref_null
;; CHECK-NEXT:   v4 = iconst.i32 2
;; CHECK-NEXT:   table_fill table0, v0, v3, v4
;; CHECK-NEXT:   v5 = iconst.i32 0
;; CHECK-NEXT:   v6 = iconst.i32 1
;; CHECK-NEXT:   v7 = iconst.i32 2
;; CHECK-NEXT:   table_copy table0, table0, v5, v6, v7
;; CHECK-NEXT:   v8 = iconst.i32 0
;; CHECK-NEXT:   v9 = iconst.i32 0
;; CHECK-NEXT:   v10 = iconst.i32 1
;; CHECK-NEXT:   table_init table0, elem0, v8, v9, v10
;; CHECK-NEXT:   elem_drop elem0
;; CHECK-NEXT:   v11 = ref_null
;; CHECK-NEXT:   v12 = iconst.i32 3
;; CHECK-NEXT:   v13 = table_grow.i32 table1, v11, v12
;; CHECK-NEXT:   v14 = table_size.i32 table0
;; CHECK-NEXT:   v15 = iadd.i32 v13, v14
;; CHECK-NEXT:   return v15
;; CHECK-NEXT: }
;; CHECK-LABEL: func @refs(ref) -> i32 {
;; CHECK-NEXT: block0(v0: ref):
;; CHECK-NEXT:   v1 = ref_is_null v0
;; CHECK-NEXT:   v2 = ref_func fn1
;; CHECK-NEXT:   v3 = ref_is_null v2
;; CHECK-NEXT:   v4 = iadd.i32 v1, v3
;; CHECK-NEXT:   return v4
;; CHECK-NEXT: }

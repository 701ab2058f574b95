;; Golden test: calls: direct calls to imported (declaration only) and defined
;; functions with several results, call_indirect (type, table, signature check;
;; equivalent types share the canonical signature index; call_ref: see
;; typed-refs.test), and functions without a name section entry named fN.
;; RUN: %wat2wasm --debug-names %s -o %t.wasm && %wasmaotc --emit=ir-translated %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir-translated %t.wasm > %t.ir && %wasmaot-ir --verify-only %t.ir

(module
  (type $bin (func (param i32 i32) (result i32)))
  (type $bin2 (func (param i32 i32) (result i32)))
  (type $two (func (result i32 i64)))
  (import "env" "ext" (func $ext (param i32) (result i32)))
  (table $t 2 funcref)
  (table $u 1 funcref)
  (elem declare func $two_results)
  (func $two_results (type $two) i32.const 1 i64.const 2)
  (func $direct (param i32) (result i32 i64)
    local.get 0
    call $ext
    drop
    call $two_results)
  (func $indirect (param i32 i32) (result i32)
    local.get 0
    local.get 1
    local.get 1
    call_indirect $t (type $bin)
    local.get 0
    i32.const 0
    call_indirect $u (type $bin2))
  (func (result i32) i32.const 0))

;; CHECK: sig sig0 (i32, i32) -> i32
;; CHECK-NEXT: sig sig1 (i32, i32) -> i32
;; CHECK-NEXT: sig sig2 () -> (i32, i64)
;; CHECK-NEXT: sig sig3 (i32) -> i32
;; CHECK-NEXT: sig sig4 (i32) -> (i32, i64)
;; CHECK-NEXT: sig sig5 () -> i32
;; CHECK-NEXT: table table0 i32 min 2
;; CHECK-NEXT: table table1 i32 min 1
;; CHECK-NEXT: elem_segments 1
;; CHECK-LABEL: func @ext(i32) -> i32
;; CHECK-LABEL: func @two_results() -> (i32, i64) {
;; CHECK-NEXT: block0:
;; CHECK-NEXT:   v0 = iconst.i32 1
;; CHECK-NEXT:   v1 = iconst.i64 2
;; CHECK-NEXT:   return v0, v1
;; CHECK-NEXT: }
;; CHECK-LABEL: func @direct(i32) -> (i32, i64) {
;; CHECK-NEXT: block0(v0: i32):
;; CHECK-NEXT:   v1 = call fn0(v0)
;; CHECK-NEXT:   v2, v3 = call fn1()
;; CHECK-NEXT:   return v2, v3
;; CHECK-NEXT: }
;; CHECK-LABEL: func @indirect(i32, i32) -> i32 {
;; CHECK-NEXT: block0(v0: i32, v1: i32):
;; CHECK-NEXT:   v2 = call_indirect sig0, table0, v1(v0, v1)
;; CHECK-NEXT:   v3 = iconst.i32 0
;; CHECK-NEXT:   v4 = call_indirect sig0, table1, v3(v2, v0)
;; CHECK-NEXT:   return v4
;; CHECK-NEXT: }
;; CHECK-LABEL: func @f4() -> i32 {
;; CHECK-NEXT: block0:
;; CHECK-NEXT:   v0 = iconst.i32 0
;; CHECK-NEXT:   return v0
;; CHECK-NEXT: }

;; Protects: how IR functions are named without a name section: the first export's
;; name, else "module.field" of the import, else f<index>; the name section wins.
;; BLESS: no (hand-written checks; bless.py leaves this file alone)
;; RUN: %wat2wasm %s -o %t.wasm && %wasmaotc --emit=ir-translated %t.wasm | %FileCheck %s
;; RUN: %wat2wasm --debug-names %s -o %t.named.wasm && %wasmaotc --emit=ir-translated %t.named.wasm | %FileCheck %s --check-prefix=NAMED
(module
  (import "env" "log" (func $log (param i32)))
  (func $helper (result i32) i32.const 7)
  (func $run (export "run") (export "alias") (result i32) call $helper))
;; CHECK: func @env.log(i32)
;; CHECK: func @f1() -> i32 {
;; CHECK: func @run() -> i32 {
;; NAMED: func @log(i32)
;; NAMED: func @helper() -> i32 {
;; NAMED: func @run() -> i32 {

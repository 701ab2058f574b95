;; Protects: an object from `wasmaotc -c` links into a C program with the system
;; cc (a PIE, without DT_TEXTREL or other warnings) and its code runs: the C
;; side finds each function through the descriptor's relocated .text address
;; and the function table (docs/abi.md), and a call between wasm functions
;; lands on its callee.
;; REQUIRES: x86-backend, x86_64-host
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %wasmaotc -c --prefix=calltest %t.wasm -o %t.o
;; RUN: cc -o %t.exe %S/Inputs/call-functions.c %t.o 2>&1 | count 0
;; RUN: %t.exe | %FileCheck %s
;; CHECK: defined 2
;; CHECK-NEXT: add(40, 2) = 42
;; CHECK-NEXT: twice(21) = 42
(module
  (func $add (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func $twice (export "twice") (param i32) (result i32)
    local.get 0 local.get 0 call $add))

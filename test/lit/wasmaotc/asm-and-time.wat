;; Protects: --emit=asm lists every defined function under a `name:` label in
;; index order (imports have none), to standard output or -o; --time reports
;; the phases on standard error without changing the output.
;; REQUIRES: x86-backend
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %wasmaotc --emit=asm %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=asm %t.wasm -o %t.s && %FileCheck %s < %t.s
;; RUN: %wasmaotc --emit=asm --time %t.wasm 2>%t.time | cmp - %t.s
;; RUN: %FileCheck %s --check-prefix=TIME < %t.time
;; RUN: %wasmaotc -c --time %t.wasm -o %t.o 2>&1 | %FileCheck %s --check-prefix=TIME-OBJ
;; RUN: %wasmaotc -c -O0 %t.wasm -o %t.O0.o
;; RUN: %wasmaotc -c -O2 --cpu=native %t.wasm -o %t.O2.o
;; RUN: %wasmaotc --emit=ir --time %t.wasm -o %t.ir 2>&1 | %FileCheck %s --check-prefix=TIME-IR

;; CHECK-NOT: host:
;; CHECK-LABEL: {{^}}first:
;; CHECK-LABEL: {{^}}second:
;; CHECK-NOT: host:

;; TIME: wasmaotc: time: decode+validate module
;; TIME: wasmaotc: time: functions (wall: translate, passes, codegen)
;; TIME: wasmaotc: time:   validate+translate bodies (summed over functions)
;; TIME: wasmaotc: time:   IR passes (summed over functions)
;; TIME: wasmaotc: time:   lower (summed over functions)
;; TIME: wasmaotc: time: assembly listing
;; TIME: wasmaotc: time: total {{[0-9.]+}} ms
;; TIME-OBJ: wasmaotc: time: functions (wall: translate, passes, codegen)
;; TIME-OBJ: wasmaotc: time: layout+fixups
;; TIME-OBJ: wasmaotc: time: object
;; TIME-IR: wasmaotc: time: print IR
(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (func (export "first") (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  (func (export "second") (param i32) (result i32) local.get 0 i32.const 2 i32.mul))

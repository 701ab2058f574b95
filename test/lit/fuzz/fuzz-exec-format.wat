;; Protects: wasmaot-fuzz-exec prints what `wasm-opt --fuzz-exec-before`
;; (Binaryen 108) prints, so test/fuzz/differential.py can compare the two:
;; exports in order with zero arguments, hangLimitInitializer before each one,
;; the logging imports (an i64 as its low and high halves), results (tuples in
;; parentheses, a single reference as its type), floats as numbers, traps in
;; the spec's wording, and state that survives a trap.
;; REQUIRES: x86-backend, x86_64-host
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %wasmaot-fuzz-exec %t.wasm | %FileCheck %s
;; RUN: %wasmaot-fuzz-exec -O0 --bounds-checks=explicit %t.wasm | %FileCheck %s
;; RUN: %not %wasmaot-fuzz-exec 2>&1 | %FileCheck %s --check-prefix=USAGE

(module
  (import "fuzzing-support" "log-i32" (func $log-i32 (param i32)))
  (import "fuzzing-support" "log-i64" (func $log-i64 (param i64)))
  (import "fuzzing-support" "log-f32" (func $log-f32 (param f32)))
  (import "fuzzing-support" "log-f64" (func $log-f64 (param f64)))
  (memory 1 1)
  (global $hang (mut i32) (i32.const 0))
  (global $calls (mut i32) (i32.const 0))
  (export "memory" (memory 0))

  ;; CHECK-LABEL: [fuzz-exec] calling logs
  ;; CHECK-NEXT: [LoggingExternalInterface logging -1]
  ;; CHECK-NEXT: [LoggingExternalInterface logging 1942892530 2874]
  ;; CHECK-NEXT: [LoggingExternalInterface logging 1 -1]
  ;; CHECK-NEXT: [LoggingExternalInterface logging 0.10000000149011612]
  ;; CHECK-NEXT: [LoggingExternalInterface logging -0]
  ;; CHECK-NEXT: [LoggingExternalInterface logging -inf]
  ;; CHECK-NEXT: [LoggingExternalInterface logging -nan:0x8000000000001]
  ;; CHECK-NEXT: [LoggingExternalInterface logging 1e+300]
  (func (export "logs")
    (call $log-i32 (i32.const -1))
    (call $log-i64 (i64.const 12345678901234))
    (call $log-i64 (i64.const 0xffffffff00000001))
    (call $log-f32 (f32.const 0.1))
    (call $log-f64 (f64.const -0))
    (call $log-f64 (f64.const -inf))
    (call $log-f64 (f64.const -nan:0x8000000000001))
    (call $log-f64 (f64.const 1e300)))

  ;; Binaryen calls this export before every export (and before itself).
  ;; CHECK-LABEL: [fuzz-exec] calling hangLimitInitializer
  ;; CHECK-NOT: note result
  (func (export "hangLimitInitializer")
    (global.set $hang (i32.const 3))
    (global.set $calls (i32.add (global.get $calls) (i32.const 1))))

  ;; CHECK-LABEL: [fuzz-exec] calling results
  ;; CHECK-NEXT: [fuzz-exec] note result: results => (-5, -9223372036854775808, nan:0x400000, 2.5)
  (func (export "results") (result i32 i64 f32 f64)
    (i32.const -5) (i64.const 0x8000000000000000) (f32.const nan) (f64.const 2.5))

  ;; CHECK-LABEL: [fuzz-exec] calling ref
  ;; CHECK-NEXT: [fuzz-exec] note result: ref => externref
  (func (export "ref") (result externref) (ref.null extern))

  ;; Zero arguments; the store happens before the trap and stays.
  ;; CHECK-LABEL: [fuzz-exec] calling traps
  ;; CHECK-NEXT: [trap integer divide by zero]
  ;; CHECK-NOT: note result
  (func (export "traps") (param i32 f64 externref) (result i32)
    (i32.store (i32.const 0) (i32.const 77))
    (i32.div_u (i32.const 1) (local.get 0)))

  ;; CHECK-LABEL: [fuzz-exec] calling oob
  ;; CHECK-NEXT: [trap out of bounds memory access]
  (func (export "oob") (result i32) (i32.load (i32.const 65533)))

  ;; hangLimitInitializer ran before each of the 7 exports so far and this one.
  ;; CHECK-LABEL: [fuzz-exec] calling state
  ;; CHECK-NEXT: [fuzz-exec] note result: state => (77, 8, 3)
  (func (export "state") (result i32 i32 i32)
    (i32.load (i32.const 0)) (global.get $calls) (global.get $hang))
)

;; USAGE: wasmaot-fuzz-exec: no input (try --help)

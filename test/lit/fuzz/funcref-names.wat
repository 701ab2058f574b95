;; Protects: a funcref inside a result tuple prints as Binaryen's name of the
;; function (found by the differential test with reference types: module 24 of
;; `differential.py --seed 11` printed funcref(20) where Binaryen printed
;; funcref(16)). Without a name section Binaryen calls the Nth imported
;; function fimport$N and numbers the defined ones from 0; with one, it uses
;; the section's names.
;; REQUIRES: x86-backend, x86_64-host
;; wabt 1.0.32 with --enable-all types ref.func as (ref $f) and rejects the
;; tuple, so this test uses its default features (reference types included).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmaot-fuzz-exec %t.wasm | %FileCheck %s --check-prefix=INDEX
;; RUN: wat2wasm --debug-names %s -o %t.names.wasm
;; RUN: %wasmaot-fuzz-exec %t.names.wasm | %FileCheck %s --check-prefix=NAMES

;; INDEX: [fuzz-exec] note result: refs => (funcref(0), funcref(1), funcref(fimport$1), funcref(null), 1)
;; NAMES: [fuzz-exec] note result: refs => (funcref(refs), funcref(other), funcref(log-f32), funcref(null), 1)
(module
  (import "fuzzing-support" "log-i32" (func $log-i32 (param i32)))
  (import "fuzzing-support" "log-f32" (func $log-f32 (param f32)))
  (elem declare func $refs $other $log-f32)
  (func $refs (export "refs") (result funcref funcref funcref funcref i32)
    (ref.func $refs) (ref.func $other) (ref.func $log-f32) (ref.null func) (i32.const 1))
  (func $other)
)

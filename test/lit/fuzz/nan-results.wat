;; Protects: the NaNs behind the NaN-suspect divergences of the differential
;; test (modules 824, 1482 and 1748 of `differential.py --seed 4
;; --nan-fraction 0.5`, 37 and 522 of `--seed 300 --nan-fraction 1`, reduced with
;; wasm-reduce: NaN bits stored to memory, then hashed or used as addresses). Binaryen's interpreter
;; returns +nan:0x400000 for every NaN an operation makes; wasmaot returns what
;; x86 does. Both are allowed (spec, "NaN propagation"): a NaN result is
;; canonical when every NaN operand is (and when there is none), otherwise any
;; arithmetic NaN (quiet bit set), sign unspecified. These checks pin exactly
;; that much, not the payload.
;; REQUIRES: x86-backend, x86_64-host
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %wasmaot-fuzz-exec -O0 %t.wasm | %FileCheck %s
;; RUN: %wasmaot-fuzz-exec -O1 %t.wasm | %FileCheck %s
;; RUN: %wasmaot-fuzz-exec -O2 --bounds-checks=explicit %t.wasm | %FileCheck %s

(module
  (memory 1 1)

  ;; Module 1482: f64.max of two arithmetic NaNs, stored and hashed.
  ;; CHECK-LABEL: [fuzz-exec] calling max-nans
  ;; CHECK-NEXT: note result: max-nans => {{-?}}nan:0x{{[89a-f][0-9a-f]{12}$}}
  (func (export "max-nans") (result f64)
    (f64.max (f64.const -nan:0xfffffffffc44a) (f64.const -nan:0xfffff94675b15)))
  ;; CHECK-LABEL: [fuzz-exec] calling min-nan
  ;; CHECK-NEXT: note result: min-nan => {{-?}}nan:0x{{[89a-f][0-9a-f]{12}$}}
  (func (export "min-nan") (param f64) (result f64)
    (f64.min (f64.const -nan:0xfffffffffc44a) (local.get 0)))

  ;; Module 824: 0/0 in f64, demoted to f32, stored and hashed: canonical.
  ;; CHECK-LABEL: [fuzz-exec] calling div-zero
  ;; CHECK-NEXT: note result: div-zero => (0, {{-?}}nan:0x400000, {{-?}}nan:0x8000000000000)
  (func (export "div-zero") (param f64) (result i32 f32 f64)
    (f32.store (i32.const 0) (f32.demote_f64 (f64.div (local.get 0) (local.get 0))))
    ;; Only the sign may differ from 0x7fc00000.
    (i32.and (i32.xor (i32.load (i32.const 0)) (i32.const 0x7fc00000)) (i32.const 0x7fffffff))
    (f32.load (i32.const 0))
    (f64.div (local.get 0) (local.get 0)))

  ;; Module 37: an f64 max with a NaN operand, demoted to f32 (arithmetic).
  ;; CHECK-LABEL: [fuzz-exec] calling demote-max
  ;; CHECK-NEXT: note result: demote-max => {{-?}}nan:0x{{[4-7][0-9a-f]{5}$}}
  (func (export "demote-max") (param f64) (result f32)
    (f32.demote_f64 (f64.max (local.get 0) (f64.const -nan:0xfffffffffffd1))))

  ;; Module 522 of --seed 300: copysign takes the sign of a NaN quotient;
  ;; either sign is allowed, but the result is a NaN quotient's, so the
  ;; magnitude stays 42 and the division's result is an arithmetic NaN.
  ;; CHECK-LABEL: [fuzz-exec] calling copysign-nan
  ;; CHECK-NEXT: note result: copysign-nan => ({{-?}}42, {{-?}}nan:0x{{[4-7][0-9a-f]{5}[)]$}}
  (func (export "copysign-nan") (param f32) (result f64 f32)
    (f64.copysign (f64.const 42) (f64.promote_f32 (f32.div (local.get 0) (f32.const -nan:0x7ffffe))))
    (f32.div (local.get 0) (f32.const -nan:0x7ffffe)))

  ;; A signalling NaN operand: the result is arithmetic (quiet bit set).
  ;; CHECK-LABEL: [fuzz-exec] calling add-snan
  ;; CHECK-NEXT: note result: add-snan => ({{-?}}nan:0x{{[4-7][0-9a-f]{5},}} {{-?}}nan:0x{{[89a-f][0-9a-f]{12}[)]$}}
  (func (export "add-snan") (result f32 f64)
    (f32.add (f32.const nan:0x1) (f32.const 1))
    (f64.mul (f64.const -nan:0x1) (f64.const 2)))
)

;; Protects bounds-check elimination end to end: --emit=ir names the fact behind
;; every removed check (constant_address, dominating_check, bracketing_checks,
;; loop_range), the
;; checks it must keep stay, the compiled code still traps at the exact boundary
;; and computes the same results; --no-bce and -O0 keep every check.
;; REQUIRES: x86-backend, x86_64-host
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %wasmaotc --emit=ir --bounds-checks=explicit %t.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir --bounds-checks=explicit --no-bce %t.wasm | %FileCheck %s --check-prefix=OFF
;; RUN: %wasmaotc --emit=ir --bounds-checks=explicit -O0 %t.wasm | %FileCheck %s --check-prefix=OFF
;; RUN: %wasmaotc run --bounds-checks=explicit --invoke=edge %t.wasm | %FileCheck %s --check-prefix=EDGE
;; RUN: not %wasmaotc run --bounds-checks=explicit --invoke=past %t.wasm 2>&1 | %FileCheck %s --check-prefix=TRAP
;; RUN: %wasmaotc run --bounds-checks=explicit --invoke=fields %t.wasm 65524 | %FileCheck %s --check-prefix=FIELDS
;; RUN: not %wasmaotc run --bounds-checks=explicit --invoke=fields %t.wasm 65525 2>&1 | %FileCheck %s --check-prefix=TRAP
;; RUN: %wasmaotc run --bounds-checks=explicit --invoke=words %t.wasm 65520 | %FileCheck %s --check-prefix=FIELDS
;; RUN: not %wasmaotc run --bounds-checks=explicit --invoke=words %t.wasm 65521 2>&1 | %FileCheck %s --check-prefix=TRAP
;; RUN: not %wasmaotc run --bounds-checks=explicit --invoke=words %t.wasm -- -4 2>&1 | %FileCheck %s --check-prefix=TRAP
;; RUN: %wasmaotc run --bounds-checks=explicit --invoke=loop %t.wasm | %FileCheck %s --check-prefix=LOOP
;; RUN: %wasmaotc run --invoke=loop %t.wasm | %FileCheck %s --check-prefix=LOOP

(module
  (memory 1)
  (data (i32.const 65532) "\2a\00\00\00")
  ;; The last four bytes of the one-page memory: in bounds, proven.
  (func (export "edge") (result i32)
    (i32.load (i32.const 65532)))
  ;; One byte further: the check stays and traps.
  (func (export "past") (result i32)
    (i32.load (i32.const 65533)))
  ;; p->c + p->b + p->a: the first access checks the largest end.
  (func (export "fields") (param $p i32) (result i32)
    (i32.add (i32.load offset=8 (local.get $p))
      (i32.add (i32.load offset=4 (local.get $p)) (i32.load (local.get $p)))))
  ;; p[3] + p[2] + p[1] + p[0] the way clang writes it (i32.add, not offset=): the
  ;; loads at p + 12 and p keep their checks and cover the two between; at
  ;; p = -4 the adds wrap and the load at p traps.
  (func (export "words") (param $p i32) (result i32)
    (i32.add (i32.load (i32.add (local.get $p) (i32.const 12)))
      (i32.add (i32.load (i32.add (local.get $p) (i32.const 8)))
        (i32.add (i32.load (i32.add (local.get $p) (i32.const 4))) (i32.load (local.get $p))))))
  ;; for (i = 0; i != 4000; i += 4) a[i] = i / 4; then the sum, over a static array at 1024.
  (func (export "loop") (result i32)
    (local $i i32) (local $s i32)
    (loop $fill
      (i32.store offset=1024 (local.get $i) (i32.shr_u (local.get $i) (i32.const 2)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $fill (i32.ne (local.get $i) (i32.const 4000))))
    (local.set $i (i32.const 0))
    (loop $sum
      (local.set $s (i32.add (local.get $s) (i32.load offset=1024 (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $sum (i32.ne (local.get $i) (i32.const 4000))))
    (local.get $s)))

;; CHECK-LABEL: func @edge(
;; CHECK: load.i32 {{v[0-9]+}} mem0 align=4 bounds=none(constant_address)
;; CHECK-LABEL: func @past(
;; CHECK: load.i32 {{v[0-9]+}} mem0 align=4 bounds=check
;; CHECK-LABEL: func @fields(
;; CHECK: load.i32 v0 mem0 offset=8 align=4 bounds=check
;; CHECK: load.i32 v0 mem0 offset=4 align=4 bounds=none(dominating_check)
;; CHECK: load.i32 v0 mem0 align=4 bounds=none(dominating_check)
;; CHECK-LABEL: func @words(
;; CHECK: load.i32 {{v[0-9]+}} mem0 align=4 bounds=check
;; CHECK: load.i32 {{v[0-9]+}} mem0 align=4 bounds=none(bracketing_checks)
;; CHECK: load.i32 {{v[0-9]+}} mem0 align=4 bounds=none(bracketing_checks)
;; CHECK: load.i32 v0 mem0 align=4 bounds=check
;; CHECK-LABEL: func @loop(
;; CHECK: store.i32 {{.*}} offset=1024 align=4 bounds=none(loop_range)
;; CHECK: load.i32 {{.*}} offset=1024 align=4 bounds=none(loop_range)

;; OFF-NOT: bounds=none

;; EDGE: {{^}}42{{$}}
;; TRAP: out of bounds memory access
;; FIELDS: {{^}}42{{$}}
;; 0 + 1 + ... + 999
;; LOOP: {{^}}499500{{$}}

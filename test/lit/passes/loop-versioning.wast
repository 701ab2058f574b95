;; Protects loop versioning (passes/LoopVersioning.cpp): with explicit checks, a
;; loop over a pointer parameter gets a copy without checks, entered when the
;; test before the loop shows every address in bounds; otherwise the original
;; loop runs and traps exactly where it always did (the stores before the trap
;; are in memory, the one at the boundary is not). Counted up with != and <s,
;; counted down with >u, a pointer stepping with the counter, addresses that
;; wrap, a loop whose range is empty, memory grown inside the loop.
;; REQUIRES: x86-backend, x86_64-host
;; RUN: wast2json --enable-all %s -o %t.json
;; RUN: %wasmaot-spectest --bounds-checks=explicit %t.json | %FileCheck %s --check-prefix=SPEC
;; RUN: %wasmaot-spectest --bounds-checks=explicit --no-bce %t.json | %FileCheck %s --check-prefix=SPEC
;; RUN: %wasmaot-spectest %t.json | %FileCheck %s --check-prefix=SPEC
;; RUN: %wasmaotc --emit=ir --bounds-checks=explicit %t.0.wasm | %FileCheck %s
;; RUN: %wasmaotc --emit=ir --bounds-checks=explicit --no-bce %t.0.wasm | %FileCheck %s --check-prefix=OFF
;; RUN: %wasmaotc --emit=ir %t.0.wasm | %FileCheck %s --check-prefix=OFF

(module
  (memory 1)
  ;; s = 0; i = 0; do s += a[i]; while (++i != n)  (n != 0)
  (func (export "sum") (param $a i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.ne (local.get $i) (local.get $n))))
    (local.get $s))
  ;; p = a; i = 0; do { *p = i + 1; p += 4; } while (++i < n)  (signed)
  (func (export "fill") (param $a i32) (param $n i32)
    (local $i i32) (local $p i32)
    (local.set $p (local.get $a))
    (loop $l
      (i32.store (local.get $p) (i32.add (local.get $i) (i32.const 1)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_s (local.get $i) (local.get $n)))))
  ;; i = n; do { a[i - 1] = 7 (a byte); } while (--i >u 0)  (n != 0)
  (func (export "rev") (param $a i32) (param $n i32)
    (local $i i32)
    (local.set $i (local.get $n))
    (loop $l
      (i32.store8 offset=0 (i32.sub (i32.add (local.get $a) (local.get $i)) (i32.const 1)) (i32.const 7))
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br_if $l (i32.gt_u (local.get $i) (i32.const 0)))))
  ;; do { a[i] = i; if (i == at) memory.grow(1); } while (++i != n): the length grows mid-loop
  (func (export "grow_in_loop") (param $a i32) (param $n i32) (param $at i32) (result i32)
    (local $i i32)
    (loop $l
      (i32.store8 (i32.add (local.get $a) (local.get $i)) (local.get $i))
      (if (i32.eq (local.get $i) (local.get $at))
        (then (drop (memory.grow (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.ne (local.get $i) (local.get $n))))
    (memory.size))
  (func (export "load") (param $a i32) (result i32) (i32.load (local.get $a)))
  (func (export "load8") (param $a i32) (result i32) (i32.load8_u (local.get $a))))

;; The whole page: the unchecked copy.
(assert_return (invoke "fill" (i32.const 0) (i32.const 16384)))
(assert_return (invoke "sum" (i32.const 0) (i32.const 16384)) (i32.const 134225920))
(assert_return (invoke "load" (i32.const 65532)) (i32.const 16384))
;; Four bytes too far: the checked loop runs, stores up to the last word, traps at 65536.
(assert_trap (invoke "fill" (i32.const 100) (i32.const 16384)) "out of bounds memory access")
(assert_return (invoke "load" (i32.const 65532)) (i32.const 16359))
(assert_return (invoke "load" (i32.const 96)) (i32.const 25))
(assert_return (invoke "load" (i32.const 100)) (i32.const 1))
(assert_trap (invoke "sum" (i32.const 4) (i32.const 16384)) "out of bounds memory access")
;; The address wraps: 0xfffffff0 + 4 * i is out of bounds for i < 4 (traps at once).
(assert_trap (invoke "sum" (i32.const 0xfffffff0) (i32.const 8)) "out of bounds memory access")
;; A signed range that is empty (n <= 0): one iteration, the checked loop.
(assert_return (invoke "fill" (i32.const 200) (i32.const -5)))
(assert_return (invoke "load" (i32.const 200)) (i32.const 1))
(assert_return (invoke "load" (i32.const 204)) (i32.const 27))
;; Counting down, and one byte past the end: the first store (the highest address) traps.
(assert_return (invoke "rev" (i32.const 65000) (i32.const 536)))
(assert_return (invoke "load8" (i32.const 65535)) (i32.const 7))
(assert_return (invoke "load8" (i32.const 65000)) (i32.const 7))
(assert_trap (invoke "rev" (i32.const 65001) (i32.const 536)) "out of bounds memory access")
;; Bytes up to 65535 pass the test; past it, the checked loop, and the page grown
;; at i = 3 makes the rest of the loop in bounds.
(assert_return (invoke "grow_in_loop" (i32.const 65530) (i32.const 20) (i32.const 3)) (i32.const 2))
(assert_return (invoke "load8" (i32.const 65549)) (i32.const 19))

;; SPEC: spec: {{[1-9][0-9]*}} passed, 0 failed, 0 skipped

;; CHECK-LABEL: func @sum(
;; CHECK: memory_size.i32 mem0
;; CHECK: brif [[OK:v[0-9]+]], [[FAST:block[0-9]+]](
;; CHECK: [[FAST]](
;; CHECK: load.i32 {{v[0-9]+}} mem0 align=4 bounds=none(loop_versioned)
;; CHECK: load.i32 {{v[0-9]+}} mem0 align=4 bounds=check
;; CHECK-LABEL: func @fill(
;; CHECK: store.i32 {{v[0-9]+}}, {{v[0-9]+}} mem0 align=4 bounds=none(loop_versioned)
;; CHECK: store.i32 {{v[0-9]+}}, {{v[0-9]+}} mem0 align=4 bounds=check
;; CHECK-LABEL: func @rev(
;; CHECK: store.i32 {{v[0-9]+}}, {{v[0-9]+}} mem0 8 align=1 bounds=none(loop_versioned)
;; CHECK-LABEL: func @grow_in_loop(
;; CHECK: bounds=none(loop_versioned)
;; CHECK-LABEL: func @load(

;; OFF-NOT: loop_versioned

;; Input of exec-smoke.test: memory accesses at indices >= 2^31 (which must be
;; zero-extended), a global, stack and FP-in-integer-register arguments,
;; several results, a loop, call_indirect and recursion, called by
;; Inputs/exec-calls.c with a hand-built vmctx.
(module
  (type $t (func (param i32) (result i32)))
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (table 2 funcref)
  (elem (i32.const 0) $dbl)
  (func $mem_load8u (param i32) (result i32) local.get 0 i32.load8_u offset=3)
  (func $mem_rt (param i32 i64) (result i64)
    local.get 0 local.get 1 i64.store offset=8
    local.get 0 i64.load32_s offset=12)
  (func $glob (param i32) (result i32)
    global.get $g local.get 0 i32.add global.set $g global.get $g)
  (func $sum (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f32) (result f64)
    (local $acc f64)
    local.get 0 f64.convert_i32_s local.get 1 f64.convert_i32_s f64.add local.get 2 f64.convert_i32_s f64.add
    local.get 3 f64.convert_i32_s f64.add local.get 4 f64.convert_i32_s f64.add local.get 5 f64.convert_i32_s f64.add
    local.get 6 f64.convert_i32_s f64.add local.get 7 f64.convert_i32_s f64.add local.get 8 f64.convert_i32_s f64.add
    local.get 9 f64.convert_i32_u f64.const 1000 f64.mul f64.add local.get 10 f64.convert_i64_s f64.add
    local.get 11 f64.add local.get 12 f64.add local.get 13 f64.add local.get 14 f64.add local.get 15 f64.add
    local.get 16 f64.add local.get 17 f64.add local.get 18 f64.add local.get 19 f64.const 100 f64.mul f64.add
    local.get 20 f64.promote_f32 f64.const 10000 f64.mul f64.add)
  (func $call_sum (param i32) (result f64)
    local.get 0 i32.const 1 i32.const 2 i32.const 3 i32.const 4 i32.const 5 i32.const 6 i32.const 7 i32.const 8
    i32.const -1 i64.const -100
    f64.const 0.5 f64.const 0.25 f64.const 1 f64.const 2 f64.const 3 f64.const 4 f64.const 5 f64.const 6 f64.const 7
    f32.const 1.5 call $sum)
  (func $pair (param i32) (result i32 i64 f64)
    local.get 0 i32.const 1 i32.add local.get 0 i64.extend_i32_s i64.const 40 i64.shl local.get 0 f64.convert_i32_s)
  (func $use_pair (param i32) (result f64)
    (local i32 i64 f64)
    local.get 0 call $pair local.set 3 local.set 2 local.set 1
    local.get 1 f64.convert_i32_s local.get 2 f64.convert_i64_s f64.add local.get 3 f64.add)
  (func $fib (param i32) (result i64) (local i64 i64)
    i64.const 0 local.set 1 i64.const 1 local.set 2
    (block (loop (br_if 1 (i32.eqz (local.get 0)))
      local.get 1 local.get 2 i64.add local.get 2 local.set 1 local.set 2
      local.get 0 i32.const 1 i32.sub local.set 0 br 0))
    local.get 1)
  (func $dbl (type $t) local.get 0 i32.const 2 i32.mul)
  (func $ci (param i32 i32) (result i32) local.get 1 local.get 0 call_indirect (type $t))
  (func $recurse (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $recurse (i32.sub (local.get 0) (i32.const 1)))))))
)

;; A library module for emit-header.wat: every kind of export the header
;; declares (functions of each numeric type, several results, none, a trap,
;; a memory, globals) plus one it cannot (v128).
(module
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wasm")
  (global (export "counter") (mut i32) (i32.const 5))
  (global (export "big") i64 (i64.const -2))
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "div-s") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
  (func (export "swap") (param i64 f64) (result f64 i64) local.get 1 local.get 0)
  (func (export "bump") (global.set 0 (i32.add (global.get 0) (i32.const 1))))
  (func (export "vec") (param v128) (result v128) local.get 0)
  (func (export "hyp") (param f32 f32) (result f32)
    (f32.sqrt (f32.add (f32.mul (local.get 0) (local.get 0)) (f32.mul (local.get 1) (local.get 1)))))
  (func (export "upper") (param $p i32) (param $n i32)
    (local $c i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $c (i32.load8_u (local.get $p)))
        (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
          (then (i32.store8 (local.get $p) (i32.sub (local.get $c) (i32.const 32)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))))

;; Exports whose names are not C identifiers or collide once mangled, for emit-header.test.
(module
  (import "env" "get" (func $get (param i32) (result i64)))
  (func (export "instantiate") (result i32) (i32.const 1))
  (func (export "a-b") (result i32) (i32.const 2))
  (func (export "a.b") (result i32) (i32.const 3))
  (func (export "\c3\a9t\c3\a9") (result i32) (i32.const 4)))

;; Protects: `-o` naming something that is not a regular file (a FIFO here, /dev/null in the
;; bug report) is written in place, never replaced by a renamed temporary file.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: rm -f %t.fifo && mkfifo %t.fifo
;; RUN: (timeout 20 cat %t.fifo > %t.out &) ; timeout 20 %wasmaotc --emit=ir %t.wasm -o %t.fifo
;; RUN: test -p %t.fifo
;; RUN: %wasmaotc --emit=ir %t.wasm -o %t.regular.ir && %FileCheck %s < %t.regular.ir
;; RUN: test ! -e %t.regular.ir.tmp
;; CHECK: func @{{.*}}(i32) -> i32
(module (func (export "id") (param i32) (result i32) local.get 0))

;; Protects: `wasmaotc -c` writes the object docs/abi.md describes, readable by
;; LLVM's tools: .text (AX, 16-aligned) with a local FUNC symbol per defined
;; function in index order, calls inside the module resolved at compile time
;; (objdump shows them reaching their callee, no .rela.text needed), and the
;; .wasmaot.module descriptor (magic, machine) with its one R_X86_64_64 against
;; .text and the global symbol wasmaot_module_<prefix>.
;; REQUIRES: x86-backend
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %wasmaotc -c %t.wasm -o %t.o
;; RUN: test ! -e %t.o.tmp
;; RUN: llvm-readelf-14 -S -r -s %t.o | %FileCheck %s --check-prefix=ELF
;; RUN: llvm-readelf-14 -r %t.o | %FileCheck %s --check-prefix=NOTEXTRELOC
;; RUN: llvm-objdump-14 -d %t.o | %FileCheck %s --check-prefix=DIS
;; RUN: llvm-readelf-14 -x .wasmaot.module %t.o | %FileCheck %s --check-prefix=DESC
;; RUN: %wasmaotc --emit=obj --prefix=demo %t.wasm -o %t.demo.o
;; RUN: llvm-readelf-14 -s %t.demo.o | %FileCheck %s --check-prefix=PREFIX
;; Without -o, the object is INPUT.o in the current directory, as with cc -c.
;; RUN: rm -rf %t.dir && mkdir %t.dir && cp %t.wasm %t.dir/in.wasm
;; RUN: cd %t.dir && %wasmaotc -c in.wasm && cmp in.o %t.o

;; ELF: .text PROGBITS {{[0-9a-f]+}} {{[0-9a-f]+}} {{[0-9a-f]+}} 00 AX 0 0 16
;; ELF: .wasmaot.module PROGBITS {{[0-9a-f]+}} {{[0-9a-f]+}} {{[0-9a-f]+}} 00 WA 0 0 8
;; ELF: Relocation section '.rela.wasmaot.module' at offset {{.*}} contains 1 entries:
;; ELF-NEXT: Offset
;; ELF-NEXT: 0000000000000020 {{[0-9a-f]+}} R_X86_64_64 0000000000000000 .text + 0
;; ELF: Symbol table '.symtab'
;; ELF: FUNC LOCAL DEFAULT 1 add
;; ELF-NEXT: FUNC LOCAL DEFAULT 1 twice
;; ELF-NEXT: FUNC LOCAL DEFAULT 1 f3
;; ELF: OBJECT GLOBAL DEFAULT {{[0-9]+}} wasmaot_module_wasm

;; NOTEXTRELOC-NOT: .rela.text

;; DIS: <add>:
;; DIS: <twice>:
;; DIS: call{{.*}} <add>
;; DIS: <f3>:
;; DIS: call{{.*}} <twice>

;; Magic "WAOTMOD\0", ABI version, e_machine 62 (0x3e).
;; DESC: 0x00000000 57414f54 4d4f4400 {{[0-9a-f]+}} 3e000000 WAOTMOD.

;; PREFIX: OBJECT GLOBAL DEFAULT {{[0-9]+}} wasmaot_module_demo

(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (func $add (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func $twice (export "twice") (param i32) (result i32)
    local.get 0 local.get 0 call $add)
  (func (param i32) (result i32)
    local.get 0 call $twice))

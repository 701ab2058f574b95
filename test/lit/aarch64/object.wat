;; Protects: `wasmaotc --target=aarch64 -c` writes an AArch64 ELF object that
;; LLVM's tools read: e_machine EM_AARCH64, .text (AX, 16-aligned) with a local
;; FUNC symbol per defined function, direct calls as bl resolved at compile time
;; (CALL26 patched by the compiler: objdump shows each reaching its callee and
;; there is no .rela.text), the constant pool and jump table inside the
;; function's code (ldr literal, adr), udf trap stubs, and the descriptor's one
;; R_AARCH64_ABS64 against .text. Every word LLVM decodes as an instruction is
;; one the back end meant: the disassembly shows the prologue and frame record.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %wasmaotc --target=aarch64 -c %t.wasm -o %t.o
;; RUN: llvm-readelf-14 -h -S -r -s %t.o | %FileCheck %s --check-prefix=ELF
;; RUN: llvm-readelf-14 -r %t.o | %FileCheck %s --check-prefix=NOTEXTRELOC
;; RUN: llvm-objdump-14 -d %t.o | %FileCheck %s --check-prefix=DIS
;; RUN: llvm-readelf-14 -x .wasmaot.module %t.o | %FileCheck %s --check-prefix=DESC

;; ELF: Machine: AArch64
;; ELF: .text PROGBITS {{[0-9a-f]+}} {{[0-9a-f]+}} {{[0-9a-f]+}} 00 AX 0 0 16
;; ELF: .wasmaot.module PROGBITS {{[0-9a-f]+}} {{[0-9a-f]+}} {{[0-9a-f]+}} 00 WA 0 0 8
;; ELF: Relocation section '.rela.wasmaot.module' at offset {{.*}} contains 1 entries:
;; ELF-NEXT: Offset
;; ELF-NEXT: 0000000000000020 {{[0-9a-f]+}} R_AARCH64_ABS64 0000000000000000 .text + 0
;; ELF: Symbol table '.symtab'
;; ELF: FUNC LOCAL DEFAULT 1 add
;; ELF-NEXT: FUNC LOCAL DEFAULT 1 twice
;; ELF-NEXT: FUNC LOCAL DEFAULT 1 f3
;; ELF-NEXT: FUNC LOCAL DEFAULT 1 pick
;; ELF-NEXT: FUNC LOCAL DEFAULT 1 scale
;; ELF: OBJECT GLOBAL DEFAULT {{[0-9]+}} wasmaot_module_wasm

;; NOTEXTRELOC-NOT: .rela.text

;; DIS: file format elf64-littleaarch64
;; DIS: <add>:
;; DIS-NEXT: fd 7b bf a9 stp x29, x30, [sp, #-16]!
;; DIS-NEXT: fd 03 00 91 mov x29, sp
;; DIS-NEXT: 10 00 40 f9 ldr x16, [x0]
;; DIS-NEXT: ff 63 30 eb cmp sp, x16
;; DIS-NEXT: b.lo
;; DIS: ldp x29, x30, [sp], #16
;; DIS-NEXT: ret
;; DIS-NEXT: 0a 00 00 00 udf #10
;; DIS: <twice>:
;; DIS: bl {{.*}} <add>
;; DIS: <f3>:
;; DIS: bl {{.*}} <twice>
;; DIS: <pick>:
;; DIS: adr x17,
;; DIS: ldrsw x16, [x17, w{{[0-9]+}}, uxtw #2]
;; DIS: br x{{[0-9]+}}
;; DIS: <scale>:
;; DIS: ldr d{{[0-9]+}}, 0x
;; DIS: fmul d0, d{{[0-9]+}}, d{{[0-9]+}}

;; Magic "WAOTMOD\0", ABI version, e_machine 183 (0xb7).
;; DESC: 0x00000000 57414f54 4d4f4400 {{[0-9a-f]+}} b7000000 WAOTMOD.

(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (func $add (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add)
  (func $twice (export "twice") (param i32) (result i32)
    local.get 0 local.get 0 call $add)
  (func (param i32) (result i32)
    local.get 0 call $twice)
  (func $pick (export "pick") (param i32) (result i32)
    (block (block (block (local.get 0) (br_table 0 1 2)) (return (i32.const 10)))
      (return (i32.const 20)))
    (i32.const 30))
  (func $scale (export "scale") (param f64) (result f64)
    local.get 0 f64.const 3.14159 f64.mul))

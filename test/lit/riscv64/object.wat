;; Protects: `wasmaotc --target=riscv64 -c` writes a RISC-V ELF object that
;; LLVM's tools read: e_machine EM_RISCV with the LP64D float ABI flag, .text
;; (AX, 16-aligned) with a local FUNC symbol per defined function, direct calls
;; as auipc ra + jalr ra resolved at compile time (the CALL_PLT patched by the
;; compiler: objdump shows each pair reaching its callee and there is no
;; .rela.text), the jump table and the constant pool inside the function's
;; code (auipc + addi / fld, no relocation), unimp trap stubs, the i32
;; parameters re-sign-extended, and the descriptor's one R_RISCV_64 against
;; .text. Every word LLVM decodes as an instruction is one the back end meant:
;; the disassembly shows the prologue, the frame record and the stack check.
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %wasmaotc --target=riscv64 -c %t.wasm -o %t.o
;; RUN: llvm-readelf-14 -h -S -r -s %t.o | %FileCheck %s --check-prefix=ELF
;; RUN: llvm-readelf-14 -r %t.o | %FileCheck %s --check-prefix=NOTEXTRELOC
;; RUN: llvm-objdump-14 -d --mattr=+m,+f,+d,+c %t.o | %FileCheck %s --check-prefix=DIS
;; RUN: llvm-readelf-14 -x .wasmaot.module %t.o | %FileCheck %s --check-prefix=DESC
;; Zba/Zbb forms decode too: the jump-table index is scaled with sh2add, the
;; memory index zero-extended by add.uw, and popcnt is cpopw.
;; RUN: %wasmaotc --target=riscv64 --target-features=+zba,+zbb -c %t.wasm -o %t.zb.o
;; RUN: llvm-objdump-14 -d --mattr=+m,+f,+d,+c,+zba,+zbb %t.zb.o | %FileCheck %s --check-prefix=ZB

;; ELF: Machine: RISC-V
;; ELF: Flags: 0x5, RVC, double-float ABI
;; ELF: .text PROGBITS {{[0-9a-f]+}} {{[0-9a-f]+}} {{[0-9a-f]+}} 00 AX 0 0 16
;; ELF: .wasmaot.module PROGBITS {{[0-9a-f]+}} {{[0-9a-f]+}} {{[0-9a-f]+}} 00 WA 0 0 8
;; ELF: Relocation section '.rela.wasmaot.module' at offset {{.*}} contains 1 entries:
;; ELF-NEXT: Offset
;; ELF-NEXT: 0000000000000020 {{[0-9a-f]+}} R_RISCV_64 0000000000000000 .text + 0
;; ELF: Symbol table '.symtab'
;; ELF: FUNC LOCAL DEFAULT 1 add
;; ELF-NEXT: FUNC LOCAL DEFAULT 1 twice
;; ELF-NEXT: FUNC LOCAL DEFAULT 1 f3
;; ELF-NEXT: FUNC LOCAL DEFAULT 1 pick
;; ELF-NEXT: FUNC LOCAL DEFAULT 1 scale
;; ELF-NEXT: FUNC LOCAL DEFAULT 1 peek
;; ELF: OBJECT GLOBAL DEFAULT {{[0-9]+}} wasmaot_module_wasm

;; NOTEXTRELOC-NOT: .rela.text

;; DIS: file format elf64-littleriscv
;; DIS: <add>:
;; DIS-NEXT: 13 01 01 ff addi sp, sp, -16
;; DIS-NEXT: 23 34 11 00 sd ra, 8(sp)
;; DIS-NEXT: 23 30 81 00 sd s0, 0(sp)
;; DIS-NEXT: 13 04 01 00 mv s0, sp
;; DIS-NEXT: 83 32 05 00 ld t0, 0(a0)
;; DIS-NEXT: bltu sp, t0, [[STUB:0x[0-9a-f]+]] <add+0x
;; DIS-NEXT: sext.w {{[a-z0-9]+}}, a1
;; DIS-NEXT: sext.w {{[a-z0-9]+}}, a2
;; DIS-NEXT: addw a0,
;; DIS: ret
;; DIS-NEXT: 73 10 00 c0 unimp
;; DIS: <twice>:
;; DIS: auipc ra, 0
;; DIS-NEXT: jalr -{{[0-9]+}}(ra)
;; DIS: <f3>:
;; DIS: auipc ra, 0
;; DIS-NEXT: jalr -{{[0-9]+}}(ra)
;; DIS: <pick>:
;; DIS: bgeu {{[a-z0-9]+}}, t0,
;; DIS: auipc t1, 0
;; DIS-NEXT: addi t1, t1, {{[0-9]+}}
;; DIS-NEXT: slli t0, {{[a-z0-9]+}}, 2
;; DIS-NEXT: add t0, t0, t1
;; DIS-NEXT: lw t0, 0(t0)
;; DIS-NEXT: add [[T:[a-z0-9]+]], t1, t0
;; DIS-NEXT: jr [[T]]
;; DIS: <scale>:
;; DIS: auipc t1, 0
;; DIS-NEXT: fld [[F:f[a-z0-9]+]], {{[0-9]+}}(t1)
;; DIS-NEXT: fmul.d fa0, fa0, [[F]], rne
;; DIS: <peek>:
;; DIS: ld [[BASE:[a-z0-9]+]], 64(a0)
;; DIS: slli [[I:[a-z0-9]+]], {{[a-z0-9]+}}, 32
;; DIS-NEXT: srli [[I]], [[I]], 32
;; DIS-NEXT: add [[A:[a-z0-9]+]], [[BASE]], [[I]]
;; DIS-NEXT: lbu {{[a-z0-9]+}}, 7([[A]])

;; ZB: <pick>:
;; ZB: sh2add t0, {{[a-z0-9]+}}, t1
;; ZB: <peek>:
;; ZB: add.uw [[A:[a-z0-9]+]], {{[a-z0-9]+}}, {{[a-z0-9]+}}
;; ZB-NEXT: lbu {{[a-z0-9]+}}, 7([[A]])
;; ZB: cpopw

;; Magic "WAOTMOD\0", ABI version, e_machine 243 (0xf3).
;; DESC: 0x00000000 57414f54 4d4f4400 {{[0-9a-f]+}} f3000000 WAOTMOD.

(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (memory 1)
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
    local.get 0 f64.const 3.14159 f64.mul)
  (func $peek (export "peek") (param i32) (result i32)
    local.get 0 i32.load8_u offset=7 i32.popcnt))

// EntryTrampoline.S: the RISC-V 64 entry into generated code (docs/abi.md,
// "Calling convention (RISC-V 64)"). C++ cannot call a function whose
// signature is only known at run time, so the runtime fills an EntryFrame
// (riscv64/EntryFrame.h) and this copies it into the LP64D argument registers
// and stack:
//   a0..a7 <- x[0..7] (a0 is vmctx), fa0..fa7 <- f[0..7] (fld: 64 bits),
//   stack arguments copied to 0(sp) upwards, lowest address first.
// After the call a0, a1 and fa0 are stored back into the frame.
// Only s1 (the frame pointer across the call), s0 and ra are saved here
// (generated code preserves s1..s11 and fs0..fs11; a trap's siglongjmp
// restores the entry's own callee-saved registers); sp is 16-aligned at the
// call because stackSlots is even. The callee is called through t0, which
// carries no argument.

        .text
        .globl  wasmaot_riscv64_enter
        .type   wasmaot_riscv64_enter, %function
        .p2align 2
wasmaot_riscv64_enter:
        .cfi_startproc
        addi    sp, sp, -32
        .cfi_def_cfa_offset 32
        sd      ra, 24(sp)
        sd      s0, 16(sp)
        sd      s1, 8(sp)
        .cfi_offset ra, -8
        .cfi_offset s0, -16
        .cfi_offset s1, -24
        addi    s0, sp, 32
        .cfi_def_cfa s0, 0
        mv      s1, a0                  // s1 = frame (callee-saved: survives the call)

        ld      t0, 16(s1)              // stack slots
        ld      t1, 8(s1)               // their source
        slli    t2, t0, 3
        sub     sp, sp, t2
        mv      t3, sp
1:      beqz    t0, 2f
        ld      t4, 0(t1)
        sd      t4, 0(t3)
        addi    t1, t1, 8
        addi    t3, t3, 8
        addi    t0, t0, -1
        j       1b
2:
        fld     fa0, 32(s1)
        fld     fa1, 48(s1)
        fld     fa2, 64(s1)
        fld     fa3, 80(s1)
        fld     fa4, 96(s1)
        fld     fa5, 112(s1)
        fld     fa6, 128(s1)
        fld     fa7, 144(s1)
        ld      a0, 160(s1)
        ld      a1, 168(s1)
        ld      a2, 176(s1)
        ld      a3, 184(s1)
        ld      a4, 192(s1)
        ld      a5, 200(s1)
        ld      a6, 208(s1)
        ld      a7, 216(s1)
        ld      t0, 0(s1)
        jalr    ra, 0(t0)
        sd      a0, 224(s1)
        sd      a1, 232(s1)
        fsd     fa0, 240(s1)

        addi    sp, s0, -32
        .cfi_def_cfa sp, 32
        ld      s1, 8(sp)
        ld      s0, 16(sp)
        ld      ra, 24(sp)
        .cfi_restore s1
        .cfi_restore s0
        .cfi_restore ra
        addi    sp, sp, 32
        .cfi_def_cfa_offset 0
        ret
        .cfi_endproc
        .size   wasmaot_riscv64_enter, .-wasmaot_riscv64_enter

        .section .note.GNU-stack,"",%progbits

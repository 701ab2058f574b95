// EntryTrampoline.S: the AArch64 entry into generated code (docs/abi.md,
// "Calling convention (AArch64)"). C++ cannot call a function whose signature
// is only known at run time, so the runtime fills an EntryFrame
// (aarch64/EntryFrame.h) and this copies it into the AAPCS64 argument
// registers and stack:
//   x0..x7 <- x[0..7] (x0 is vmctx), q0..q7 <- v[0..7],
//   stack arguments copied to [sp] upwards, lowest address first.
// After the call x0, x1 and q0 are stored back into the frame.
// Only x19 (the frame pointer across the call) and the frame record are
// saved here; sp is 16-aligned at the call because stackSlots is even. The
// callee is called through x16 (IP0), which carries no argument.

        .text
        .globl  wasmaot_aarch64_enter
        .type   wasmaot_aarch64_enter, %function
        .p2align 4
wasmaot_aarch64_enter:
        .cfi_startproc
        stp     x29, x30, [sp, #-32]!
        .cfi_def_cfa_offset 32
        .cfi_offset x29, -32
        .cfi_offset x30, -24
        mov     x29, sp
        .cfi_def_cfa_register x29
        str     x19, [sp, #16]
        .cfi_offset x19, -16
        mov     x19, x0                 // x19 = frame (callee-saved: survives the call)

        ldr     x9, [x19, #16]          // stack slots
        ldr     x10, [x19, #8]          // their source
        sub     sp, sp, x9, lsl #3
        mov     x11, #0
1:      cmp     x11, x9
        b.hs    2f
        ldr     x12, [x10, x11, lsl #3]
        str     x12, [sp, x11, lsl #3]
        add     x11, x11, #1
        b       1b
2:
        ldp     q0, q1, [x19, #32]
        ldp     q2, q3, [x19, #64]
        ldp     q4, q5, [x19, #96]
        ldp     q6, q7, [x19, #128]
        ldp     x0, x1, [x19, #160]
        ldp     x2, x3, [x19, #176]
        ldp     x4, x5, [x19, #192]
        ldp     x6, x7, [x19, #208]
        ldr     x16, [x19]
        blr     x16
        stp     x0, x1, [x19, #224]
        str     q0, [x19, #240]

        mov     sp, x29
        ldr     x19, [sp, #16]
        ldp     x29, x30, [sp], #32
        .cfi_def_cfa sp, 0
        .cfi_restore x19
        .cfi_restore x29
        .cfi_restore x30
        ret
        .cfi_endproc
        .size   wasmaot_aarch64_enter, .-wasmaot_aarch64_enter

        .section .note.GNU-stack,"",%progbits

// EntryTrampoline.S: the x86-64 entry into generated code (docs/abi.md,
// "Calling convention"). C++ cannot call a function whose signature is only
// known at run time, so the runtime fills an EntryFrame (x64/EntryFrame.h)
// and this copies it into the System V argument registers and stack:
//   rdi rsi rdx rcx r8 r9 <- gpr[0..5] (rdi is vmctx), xmm0..7 <- xmm[0..7],
//   stack arguments copied below the return address, lowest address first.
// After the call rax, rdx and xmm0 are stored back into the frame.
// Callee-saved registers are only rbp/rbx (saved here); rsp is 16-aligned at
// the call because stackSlots is even.

        .text
        .globl  wasmaot_x64_enter
        .type   wasmaot_x64_enter, @function
        .p2align 4
wasmaot_x64_enter:
        .cfi_startproc
        pushq   %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        movq    %rsp, %rbp
        .cfi_def_cfa_register %rbp
        pushq   %rbx
        .cfi_offset %rbx, -24
        subq    $8, %rsp                // rsp is 16-aligned again
        movq    %rdi, %rbx              // rbx = frame (callee-saved: survives the call)

        movq    192(%rbx), %rcx         // stack slots
        leaq    (,%rcx,8), %rax
        subq    %rax, %rsp
        movq    184(%rbx), %rsi
        xorl    %edx, %edx
1:      cmpq    %rcx, %rdx
        jae     2f
        movq    (%rsi,%rdx,8), %rax
        movq    %rax, (%rsp,%rdx,8)
        incq    %rdx
        jmp     1b
2:
        movdqu  56(%rbx), %xmm0
        movdqu  72(%rbx), %xmm1
        movdqu  88(%rbx), %xmm2
        movdqu  104(%rbx), %xmm3
        movdqu  120(%rbx), %xmm4
        movdqu  136(%rbx), %xmm5
        movdqu  152(%rbx), %xmm6
        movdqu  168(%rbx), %xmm7
        movq    8(%rbx), %rdi
        movq    16(%rbx), %rsi
        movq    24(%rbx), %rdx
        movq    32(%rbx), %rcx
        movq    40(%rbx), %r8
        movq    48(%rbx), %r9
        callq   *(%rbx)
        movq    %rax, 200(%rbx)
        movq    %rdx, 208(%rbx)
        movdqu  %xmm0, 216(%rbx)

        leaq    -8(%rbp), %rsp
        popq    %rbx
        popq    %rbp
        .cfi_def_cfa %rsp, 8
        retq
        .cfi_endproc
        .size   wasmaot_x64_enter, .-wasmaot_x64_enter

        .section .note.GNU-stack,"",@progbits

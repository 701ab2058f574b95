// SegueThunk.S: the switch thunk between instances (runtime/Segue.h).
//
// SUBTLE (sandboxing): Segue code trusts the %gs base to be its memory 0's.
// Every function reference of a Segue instance's own function (VMFuncRef:
// imports of it, tables, ref.func, exports) is {this thunk, a SegueThunkRecord
// {code, vmctx, gsBase, stackBytes}}, so generated code calls it with rdi =
// the record instead of a vmctx. Unless the base is already right:
//   save the caller's %gs base (rdgsbase, or arch_prctl(ARCH_GET_GS)),
//   set the callee's (wrgsbase, or arch_prctl(ARCH_SET_GS)),
//   call code(vmctx, the other arguments unchanged), stack arguments copied,
//   restore the caller's %gs base, return rax, rdx and xmm0 unchanged.
// arch_prctl is a system call: it clobbers rax, rcx and r11 and reads rdi and
// rsi, so the argument registers it touches are saved around it. A trap in the
// callee unwinds past the thunk to callWasm, which restores its own saved value.

        .set    SYS_arch_prctl, 158
        .set    ARCH_SET_GS, 0x1001
        .set    ARCH_GET_GS, 0x1004

        .text
        .globl  wasmaot_x64_segue_thunk
        .hidden wasmaot_x64_segue_thunk
        .type   wasmaot_x64_segue_thunk, @function
        .p2align 4
wasmaot_x64_segue_thunk:
        .cfi_startproc
        // Fast path (a call inside the instance, or between instances sharing
        // memory 0): the base is already right, so jump to the code with the
        // real vmctx; the stack and every other register are untouched.
        cmpb    $0, wasmaot_segue_fsgsbase(%rip)
        je      0f
        rdgsbase %rax
        cmpq    16(%rdi), %rax
        jne     0f
        movq    (%rdi), %r11
        movq    8(%rdi), %rdi
        jmpq    *%r11
0:
        pushq   %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        movq    %rsp, %rbp
        .cfi_def_cfa_register %rbp
        pushq   %rbx
        .cfi_offset %rbx, -24
        pushq   %r12
        .cfi_offset %r12, -32
        subq    $48, %rsp               // rsp is 16-aligned: 6 slots for registers
        movq    %rdi, %rbx              // rbx = record (callee-saved)
        movq    %rsi, 0(%rsp)
        movq    %rdx, 8(%rsp)
        movq    %rcx, 16(%rsp)

        cmpb    $0, wasmaot_segue_fsgsbase(%rip)
        je      1f
        rdgsbase %r12                   // r12 = the caller's base (callee-saved)
        movq    16(%rbx), %rax
        wrgsbase %rax
        jmp     2f
1:
        movl    $SYS_arch_prctl, %eax
        movl    $ARCH_GET_GS, %edi
        leaq    40(%rsp), %rsi
        syscall
        movq    40(%rsp), %r12
        movl    $SYS_arch_prctl, %eax
        movl    $ARCH_SET_GS, %edi
        movq    16(%rbx), %rsi
        syscall
2:
        movq    0(%rsp), %rsi
        movq    8(%rsp), %rdx
        movq    16(%rsp), %rcx

        movq    24(%rbx), %rax          // stack arguments: [rbp + 16 ...] -> [rsp ...]
        subq    %rax, %rsp
        xorl    %r11d, %r11d
3:
        cmpq    %rax, %r11
        jae     4f
        movq    16(%rbp,%r11), %r10
        movq    %r10, (%rsp,%r11)
        addq    $8, %r11
        jmp     3b
4:
        movq    8(%rbx), %rdi
        callq   *(%rbx)

        leaq    -64(%rbp), %rsp         // the register slots again
        movq    %rax, 0(%rsp)
        movq    %rdx, 8(%rsp)
        movdqu  %xmm0, 16(%rsp)
        cmpb    $0, wasmaot_segue_fsgsbase(%rip)
        je      5f
        wrgsbase %r12
        jmp     6f
5:
        movl    $SYS_arch_prctl, %eax
        movl    $ARCH_SET_GS, %edi
        movq    %r12, %rsi
        syscall
6:
        movq    0(%rsp), %rax
        movq    8(%rsp), %rdx
        movdqu  16(%rsp), %xmm0

        leaq    -16(%rbp), %rsp
        popq    %r12
        popq    %rbx
        popq    %rbp
        .cfi_def_cfa %rsp, 8
        retq
        .cfi_endproc
        .size   wasmaot_x64_segue_thunk, .-wasmaot_x64_segue_thunk

        .section .note.GNU-stack,"",@progbits

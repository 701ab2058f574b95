// EntryFrame: the block the x86-64 entry trampoline (EntryTrampoline.S) reads
// its arguments from and writes the result registers to. The offsets are
// hard-coded in the assembly; the static_asserts keep both in step.
#pragma once

#include <cstddef>
#include <cstdint>

namespace wasmaot::runtime::x64 {

struct EntryFrame {
  void *code = nullptr;             ///< 0: the callee
  uint64_t gpr[6] = {};             ///< 8: rdi (vmctx), rsi, rdx, rcx, r8, r9
  uint64_t xmm[8][2] = {};          ///< 56: xmm0..xmm7 (16 bytes each)
  const uint64_t *stack = nullptr;  ///< 184: stack arguments, lowest address first
  uint64_t stackSlots = 0;          ///< 192: 8-byte slots; even, so rsp stays 16-aligned
  uint64_t rax = 0, rdx = 0;        ///< 200, 208: integer results
  uint64_t xmm0[2] = {};            ///< 216: float/vector result
};

static_assert(offsetof(EntryFrame, gpr) == 8 && offsetof(EntryFrame, xmm) == 56 &&
                  offsetof(EntryFrame, stack) == 184 && offsetof(EntryFrame, stackSlots) == 192 &&
                  offsetof(EntryFrame, rax) == 200 && offsetof(EntryFrame, rdx) == 208 &&
                  offsetof(EntryFrame, xmm0) == 216,
              "EntryTrampoline.S hard-codes these offsets");

} // namespace wasmaot::runtime::x64

/// Calls frame->code with the registers and stack arguments of `frame` and
/// stores rax, rdx and xmm0 back into it (EntryTrampoline.S).
extern "C" void wasmaot_x64_enter(wasmaot::runtime::x64::EntryFrame *frame);

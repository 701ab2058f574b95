// Entry: argument placement for the x86-64 calling convention of docs/abi.md
// (System V with vmctx first and, for several results, a return-area pointer
// second), the activation that traps unwind to, and result extraction.
//
// SUBTLE: callWasm is the frame traps siglongjmp into. Everything it needs
// after the jump lives in the Activation (volatile fields) or in memory the
// trampoline wrote; no local that changes between sigsetjmp and the jump is
// read afterwards.
#include "runtime/Entry.h"

#include "runtime/x64/EntryFrame.h"

#include <cstring>
#include <vector>

namespace wasmaot::runtime {

namespace {

/// Byte offset of each result in the return area: 8 bytes per result, 16
/// (16-aligned) for v128 (docs/abi.md).
std::vector<uint32_t> returnAreaOffsets(const Signature &sig, uint32_t &size) {
  std::vector<uint32_t> offsets;
  uint32_t at = 0;
  for (ValKind k : sig.results) {
    if (k == ValKind::V128) at = (at + 15) & ~15u;
    offsets.push_back(at);
    at += k == ValKind::V128 ? 16 : 8;
  }
  size = at;
  return offsets;
}

void readResult(ValKind kind, const uint8_t *bytes, Value &out) {
  out.kind = kind;
  out.lo = out.hi = 0;
  switch (kind) {
  case ValKind::I32:
  case ValKind::F32: std::memcpy(&out.lo, bytes, 4); break;
  case ValKind::V128: std::memcpy(&out.hi, bytes + 8, 8); [[fallthrough]];
  default: std::memcpy(&out.lo, bytes, 8); break;
  }
}

// Runs the trampoline inside an activation. Kept separate so that nothing of
// callWasm's own state crosses the sigsetjmp.
__attribute__((noinline)) void enter(x64::EntryFrame *frame, Activation *act) {
  act->previous = currentActivation();
  setCurrentActivation(act);
  if (sigsetjmp(act->jump, 0) == 0) {
    wasmaot_x64_enter(frame);
    act->kind = ExitKind::Returned;
  }
  setCurrentActivation(act->previous);
}

} // namespace

CallOutcome callWasm(void *code, void *vmctx, const Signature &sig, std::span<const Value> args,
                     std::span<Value> results, void *vmctxToLimit) {
  prepareThreadForWasm();
  if (vmctxToLimit) {
    const uint64_t limit = threadStackLimit();
    std::memcpy(static_cast<uint8_t *>(vmctxToLimit) + codegen::VMContextLayout::kStackLimit, &limit, 8);
  }

  x64::EntryFrame frame;
  frame.code = code;
  unsigned nextGpr = 0, nextXmm = 0;
  frame.gpr[nextGpr++] = reinterpret_cast<uint64_t>(vmctx);
  uint32_t areaSize = 0;
  const std::vector<uint32_t> offsets = returnAreaOffsets(sig, areaSize);
  alignas(16) uint8_t smallArea[256];
  std::vector<uint8_t> bigArea;
  uint8_t *area = smallArea;
  if (areaSize > sizeof(smallArea)) {
    bigArea.resize(areaSize + 16);
    area = reinterpret_cast<uint8_t *>((reinterpret_cast<uintptr_t>(bigArea.data()) + 15) & ~uintptr_t(15));
  }
  const bool multi = sig.results.size() > 1;
  if (multi) frame.gpr[nextGpr++] = reinterpret_cast<uint64_t>(area);

  std::vector<uint64_t> stack;
  for (size_t i = 0; i < sig.params.size(); ++i) {
    const Value &v = args[i];
    const ValKind k = sig.params[i];
    if (isFloatClass(k)) {
      if (nextXmm < 8) {
        frame.xmm[nextXmm][0] = v.lo;
        frame.xmm[nextXmm][1] = k == ValKind::V128 ? v.hi : 0;
        ++nextXmm;
        continue;
      }
      if (k == ValKind::V128) {
        if (stack.size() % 2) stack.push_back(0); // __m128 on the stack is 16-aligned
        stack.push_back(v.lo);
        stack.push_back(v.hi);
      } else {
        stack.push_back(v.lo);
      }
      continue;
    }
    const uint64_t bits = k == ValKind::I32 ? uint64_t(uint32_t(v.lo)) : v.lo;
    if (nextGpr < 6) frame.gpr[nextGpr++] = bits;
    else stack.push_back(bits);
  }
  if (stack.size() % 2) stack.push_back(0);
  frame.stack = stack.data();
  frame.stackSlots = stack.size();

  Activation act;
  enter(&frame, &act);

  CallOutcome outcome;
  outcome.kind = act.kind;
  if (act.kind == ExitKind::Trapped) {
    outcome.trap = ir::TrapCode(act.trapCode);
    outcome.trapPc = act.faultPc;
  }
  if (act.kind == ExitKind::Exited) outcome.exitCode = act.exitCode;
  if (act.kind != ExitKind::Returned) return outcome;

  if (multi) {
    for (size_t i = 0; i < sig.results.size(); ++i) readResult(sig.results[i], area + offsets[i], results[i]);
  } else if (sig.results.size() == 1) {
    const ValKind k = sig.results[0];
    readResult(k, reinterpret_cast<const uint8_t *>(isFloatClass(k) ? frame.xmm0 : &frame.rax), results[0]);
  }
  return outcome;
}

} // namespace wasmaot::runtime

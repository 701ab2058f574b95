// Entry: argument placement for the calling conventions of docs/abi.md
// (System V on x86-64, AAPCS64 on AArch64, LP64D on RISC-V 64; vmctx first and, for several
// results, a return-area pointer second), the activation that traps unwind
// to, and result extraction. Both conventions place arguments the same way
// (integers in the next free GPR, floats in the next free vector register,
// the rest on the stack in order, 8 bytes each, v128 16-aligned); they differ
// in the number of argument registers and the trampoline's frame, and LP64D
// passes a float in an integer register once fa0..fa7 are taken.
//
// SUBTLE: callWasm is the frame traps siglongjmp into. Everything it needs
// after the jump lives in the Activation (volatile fields) or in memory the
// trampoline wrote; no local that changes between sigsetjmp and the jump is
// read afterwards.
#include "runtime/Entry.h"
#include "runtime/Segue.h"

#if defined(__x86_64__)
#include "runtime/x64/EntryFrame.h"
#elif defined(__aarch64__)
#include "runtime/aarch64/EntryFrame.h"
#elif defined(__riscv) && __riscv_xlen == 64
#include "runtime/riscv64/EntryFrame.h"
#else
#error "Entry.cpp: no entry trampoline for this host (docs/runtime.md, \"Adding a machine\")"
#endif

#include <cstring>
#include <vector>

namespace wasmaot::runtime {

namespace {

#if defined(__x86_64__)
using EntryFrame = x64::EntryFrame;
constexpr unsigned kArgGprs = 6; // rdi rsi rdx rcx r8 r9
uint64_t *argGpr(EntryFrame &f, unsigned i) { return &f.gpr[i]; }
uint64_t *argVector(EntryFrame &f, unsigned i) { return f.xmm[i]; }
const void *intResult(const EntryFrame &f) { return &f.rax; }
const void *floatResult(const EntryFrame &f) { return f.xmm0; }
void enterFrame(EntryFrame *f) { wasmaot_x64_enter(f); }
#elif defined(__aarch64__)
using EntryFrame = aarch64::EntryFrame;
constexpr unsigned kArgGprs = 8; // x0..x7
uint64_t *argGpr(EntryFrame &f, unsigned i) { return &f.x[i]; }
uint64_t *argVector(EntryFrame &f, unsigned i) { return f.v[i]; }
const void *intResult(const EntryFrame &f) { return &f.x0; }
const void *floatResult(const EntryFrame &f) { return f.v0; }
void enterFrame(EntryFrame *f) { wasmaot_aarch64_enter(f); }
#elif defined(__riscv) && __riscv_xlen == 64
using EntryFrame = riscv64::EntryFrame;
constexpr unsigned kArgGprs = 8; // a0..a7
uint64_t *argGpr(EntryFrame &f, unsigned i) { return &f.x[i]; }
uint64_t *argVector(EntryFrame &f, unsigned i) { return f.f[i]; }
const void *intResult(const EntryFrame &f) { return &f.a0; }
const void *floatResult(const EntryFrame &f) { return f.fa0; }
void enterFrame(EntryFrame *f) { wasmaot_riscv64_enter(f); }
#endif
constexpr unsigned kArgVectors = 8; // xmm0..7 / v0..7 / fa0..fa7
#if defined(__riscv)
// LP64D: a float that finds no FP register left goes in the next integer
// register (its bits), before the stack; an f32 in an FP register is
// NaN-boxed (upper 32 bits all ones), or the callee reads the canonical NaN.
constexpr bool kFloatsInGprs = true;
constexpr bool kNanBoxF32 = true;
#else
constexpr bool kFloatsInGprs = false;
constexpr bool kNanBoxF32 = false;
#endif

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
__attribute__((noinline)) void enter(EntryFrame *frame, Activation *act) {
  act->previous = currentActivation();
  setCurrentActivation(act);
  if (sigsetjmp(act->jump, 0) == 0) {
    enterFrame(frame);
    act->kind = ExitKind::Returned;
  }
  setCurrentActivation(act->previous);
}

} // namespace

uint64_t stackArgumentBytes(const Signature &sig) {
  // The placement loop of callWasm, counting only.
  unsigned nextGpr = sig.results.size() > 1 ? 2 : 1, nextXmm = 0;
  uint64_t slots = 0;
  for (ValKind k : sig.params) {
    if (isFloatClass(k)) {
      if (nextXmm < kArgVectors) { ++nextXmm; continue; }
      if (kFloatsInGprs && k != ValKind::V128 && nextGpr < kArgGprs) { ++nextGpr; continue; }
      if (k == ValKind::V128) slots += (slots % 2) + 2;
      else ++slots;
      continue;
    }
    if (nextGpr < kArgGprs) ++nextGpr;
    else ++slots;
  }
  return 8 * (slots + slots % 2);
}

CallOutcome callWasm(void *code, void *vmctx, const Signature &sig, std::span<const Value> args,
                     std::span<Value> results, void *vmctxToLimit) {
  prepareThreadForWasm();
  if (code && code == segueThunkCode()) { // an import of another instance's Segue code: call it directly
    const auto *record = static_cast<const SegueThunkRecord *>(vmctx);
    code = record->code;
    vmctx = record->vmctx;
    vmctxToLimit = vmctx;
  }
  if (vmctxToLimit) {
    const uint64_t limit = threadStackLimit();
    std::memcpy(static_cast<uint8_t *>(vmctxToLimit) + codegen::VMContextLayout::kStackLimit, &limit, 8);
  }

  EntryFrame frame;
  frame.code = code;
  unsigned nextGpr = 0, nextXmm = 0;
  *argGpr(frame, nextGpr++) = reinterpret_cast<uint64_t>(vmctx);
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
  if (multi) *argGpr(frame, nextGpr++) = reinterpret_cast<uint64_t>(area);

  std::vector<uint64_t> stack;
  for (size_t i = 0; i < sig.params.size(); ++i) {
    const Value &v = args[i];
    const ValKind k = sig.params[i];
    if (isFloatClass(k)) {
      if (nextXmm < kArgVectors) {
        argVector(frame, nextXmm)[0] =
            kNanBoxF32 && k == ValKind::F32 ? uint64_t(uint32_t(v.lo)) | 0xFFFFFFFF00000000u : v.lo;
        argVector(frame, nextXmm)[1] = k == ValKind::V128 ? v.hi : 0;
        ++nextXmm;
        continue;
      }
      if (kFloatsInGprs && k != ValKind::V128 && nextGpr < kArgGprs) {
        *argGpr(frame, nextGpr++) = k == ValKind::F32 ? uint64_t(uint32_t(v.lo)) : v.lo;
        continue;
      }
      if (k == ValKind::V128) {
        if (stack.size() % 2) stack.push_back(0); // __m128 / a q register on the stack is 16-aligned
        stack.push_back(v.lo);
        stack.push_back(v.hi);
      } else {
        stack.push_back(v.lo);
      }
      continue;
    }
    const uint64_t bits = k == ValKind::I32 ? uint64_t(uint32_t(v.lo)) : v.lo;
    if (nextGpr < kArgGprs) *argGpr(frame, nextGpr++) = bits;
    else stack.push_back(bits);
  }
  if (stack.size() % 2) stack.push_back(0);
  frame.stack = stack.data();
  frame.stackSlots = stack.size();

  // Segue (Segue.h): the callee's %gs base while it runs, the caller's again
  // after it returns, traps or exits (enter returns in all three cases). Code
  // that is not Segue may call Segue code through a switch thunk, whose own
  // restore a trap or exit skips: so once Segue is in use, every entry keeps
  // the caller's value and puts it back after a trap or exit.
  const uint64_t segueBase = vmctxToLimit ? segueBaseOf(vmctxToLimit) : 0;
  const bool keepGs = segueBase || segueInUse();
  const uint64_t callerGs = keepGs ? readGsBase() : 0;
  if (segueBase) writeGsBase(segueBase);
  Activation act;
  enter(&frame, &act);
  if (segueBase || (keepGs && act.kind != ExitKind::Returned)) writeGsBase(callerGs);

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
    readResult(k, static_cast<const uint8_t *>(isFloatClass(k) ? floatResult(frame) : intResult(frame)), results[0]);
  }
  return outcome;
}

} // namespace wasmaot::runtime

// A64Backend: the AArch64 codegen::Backend — one function through lowering
// (A64Lowering), register allocation (codegen/RegAlloc), frame layout and
// emission (Emit), plus the CPU names and features of --cpu/--target-features.
#include "codegen/Backend.h"
#include "codegen/FrameLayout.h"
#include "codegen/RegAlloc.h"
#include "codegen/RegAllocChecker.h"
#include "codegen/TargetDesc.h"
#include "ir/Module.h"
#include "isa/aarch64/A64Lowering.h"
#include "isa/aarch64/Emit.h"

#include <chrono>
#include <cstring>

#if defined(__aarch64__) && defined(__linux__)
#include <sys/auxv.h>
#endif

namespace wasmaot::isa::aarch64 {

namespace {

double seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Armv8.0-A is the baseline: nothing the lowering uses needs a feature yet.
// "lse" (Armv8.1 atomics) is known so that --cpu/--target-features accept it
// for the atomics lowering to come.
const char *const kFeatures[] = {"lse"};

/// The function uses a type the AArch64 back end does not lower yet (v128:
/// moves and spills would need the 128-bit q forms).
bool usesV128(const ir::Function &fn) {
  for (uint32_t v = 0; v < fn.numValues(); ++v)
    if (fn.typeOf(ir::Value{v}) == ir::Type::V128)
      return true;
  return false;
}

class A64Backend final : public codegen::Backend {
public:
  std::string_view name() const override { return "aarch64"; }
  object::Machine machine() const override { return object::Machine::AArch64; }
  const codegen::TargetDesc &targetDesc() const override { return a64TargetDesc(); }

  std::vector<std::string> knownFeatures() const override {
    std::vector<std::string> f;
    for (const char *x : kFeatures)
      f.push_back(x);
    return f;
  }

  bool cpuFeatures(std::string_view cpu, std::vector<std::string> &features) const override {
    features.clear();
    if (cpu == "generic" || cpu == "armv8-a")
      return true;
    if (cpu == "armv8.1-a") {
      features.push_back("lse");
      return true;
    }
    if (cpu == "native") {
#if defined(__aarch64__) && defined(__linux__) && defined(HWCAP_ATOMICS)
      if (getauxval(AT_HWCAP) & HWCAP_ATOMICS)
        features.push_back("lse");
#endif
      return true;
    }
    return false;
  }

  bool compileFunction(const ir::Module &module, uint32_t index, const codegen::VMContextLayout &vmctx,
                       const codegen::CodegenOptions &options, codegen::CompiledFunction &out, std::string &error,
                       codegen::CodegenTimes *times) const override {
    const ir::Function &fn = *module.functions[index];
    const codegen::TargetDesc &desc = a64TargetDesc();
    if (usesV128(fn)) {
      error = "v128 values are not supported by the aarch64 back end yet";
      return false;
    }
    double t0 = times ? seconds() : 0;
    A64Code code;
    code.mf.name = fn.name();
    {
      A64Lowering lowering(module, fn, vmctx, options, code);
      if (!lowering.run(error))
        return false;
    }
    // Debug builds always check the allocator's input contract (cheap); the
    // symbolic allocation checker runs when asked (tests, fuzzing).
    bool contract = options.verifyMachineCode;
#ifndef NDEBUG
    contract = true;
#endif
    const bool check = options.verifyMachineCode;
    if (contract) {
      if (std::string bad = code.mf.verify(desc); !bad.empty()) {
        error = "internal error: lowered code breaks the allocator's contract: " + bad;
        return false;
      }
    }
    double t1 = times ? seconds() : 0;
    codegen::RegAllocResult ra = codegen::allocateRegisters(code.mf, desc);
    if (!ra.error.empty()) {
      error = "internal error: register allocation failed: " + ra.error;
      return false;
    }
    if (check) {
      if (std::string bad = codegen::checkAllocation(code.mf, desc, ra); !bad.empty()) {
        error = "internal error: register allocation is wrong: " + bad;
        return false;
      }
    }
    double t2 = times ? seconds() : 0;
    codegen::FrameLayout frame = codegen::layoutFrame(desc, ra.slots, ra.usedCalleeSaved, code.outgoingArgSize);
    Emitter emitter(code, ra, frame, options);
    if (!emitter.run(out, error)) {
      error = "emission failed: " + error;
      return false;
    }
    out.numMachInsts = code.mf.numInsts();
    out.numSpills = ra.stats.spilledVRegs;
    if (times) {
      double t3 = seconds();
      times->lower += t1 - t0;
      times->regalloc += t2 - t1;
      times->emit += t3 - t2;
    }
    return true;
  }

  /// CALL26 / JUMP26 inside .text: imm26 = (target - place) / 4, within ±128 MiB.
  bool resolveLocal(object::RelocType type, std::span<uint8_t> section, uint64_t place,
                    uint64_t target) const override {
    if (!(type == object::RelocType(object::AArch64Reloc::CALL26) ||
          type == object::RelocType(object::AArch64Reloc::JUMP26)))
      return false;
    const int64_t disp = int64_t(target) - int64_t(place);
    if (disp % 4 != 0 || disp < -(int64_t(1) << 27) || disp >= (int64_t(1) << 27) || place + 4 > section.size())
      return false;
    uint32_t word;
    std::memcpy(&word, section.data() + place, 4);
    word = (word & 0xFC000000u) | (uint32_t(disp >> 2) & 0x03FFFFFFu);
    std::memcpy(section.data() + place, &word, 4);
    return true;
  }
};

} // namespace
} // namespace wasmaot::isa::aarch64

namespace wasmaot::codegen {
const Backend &a64Backend() {
  static const isa::aarch64::A64Backend backend;
  return backend;
}
} // namespace wasmaot::codegen

// X64Backend: the x86-64 codegen::Backend — one function through lowering
// (X64Lowering), register allocation (codegen/RegAlloc), frame layout and
// emission (Emit), plus the CPU feature names of --cpu.
#include "codegen/Backend.h"
#include "codegen/FrameLayout.h"
#include "codegen/RegAlloc.h"
#include "codegen/RegAllocChecker.h"
#include "codegen/TargetDesc.h"
#include "ir/Module.h"
#include "isa/x64/Emit.h"
#include "isa/x64/X64Lowering.h"

#include <chrono>
#if defined(__x86_64__)
#include <cpuid.h>
#endif
#include <cstring>

namespace wasmaot::isa::x64 {

namespace {

double seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

const char *const kV2[] = {"sse3", "ssse3", "sse4.1", "sse4.2", "popcnt"};
const char *const kV3[] = {"avx", "avx2", "bmi1", "bmi2", "lzcnt", "fma", "movbe"};

class X64Backend final : public codegen::Backend {
public:
  std::string_view name() const override { return "x86_64"; }
  object::Machine machine() const override { return object::Machine::X86_64; }
  const codegen::TargetDesc &targetDesc() const override { return x64TargetDesc(); }

  std::vector<std::string> knownFeatures() const override {
    std::vector<std::string> f;
    for (const char *x : kV2) f.push_back(x);
    for (const char *x : kV3) f.push_back(x);
    return f;
  }

  bool cpuFeatures(std::string_view cpu, std::vector<std::string> &features) const override {
    features.clear();
    if (cpu == "x86-64")
      return true;
    if (cpu == "x86-64-v2" || cpu == "x86-64-v3") {
      for (const char *x : kV2) features.push_back(x);
      if (cpu == "x86-64-v3")
        for (const char *x : kV3) features.push_back(x);
      return true;
    }
    if (cpu == "native") {
#if defined(__x86_64__)
      unsigned a, b, c, d;
      if (__get_cpuid(1, &a, &b, &c, &d)) {
        if (c & bit_SSE3) features.push_back("sse3");
        if (c & bit_SSSE3) features.push_back("ssse3");
        if (c & bit_SSE4_1) features.push_back("sse4.1");
        if (c & bit_SSE4_2) features.push_back("sse4.2");
        if (c & bit_POPCNT) features.push_back("popcnt");
        if (c & bit_AVX) features.push_back("avx");
        if (c & bit_FMA) features.push_back("fma");
        if (c & bit_MOVBE) features.push_back("movbe");
      }
      if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        if (b & bit_AVX2) features.push_back("avx2");
        if (b & bit_BMI) features.push_back("bmi1");
        if (b & bit_BMI2) features.push_back("bmi2");
      }
      if (__get_cpuid(0x80000001, &a, &b, &c, &d) && (c & bit_LZCNT))
        features.push_back("lzcnt");
#endif // on another host, native means the baseline
      return true;
    }
    return false;
  }

  bool compileFunction(const ir::Module &module, uint32_t index, const codegen::VMContextLayout &vmctx,
                       const codegen::CodegenOptions &options, codegen::CompiledFunction &out, std::string &error,
                       codegen::CodegenTimes *times) const override {
    const ir::Function &fn = *module.functions[index];
    const codegen::TargetDesc &desc = x64TargetDesc();
    double t0 = times ? seconds() : 0;
    X64Code code;
    code.mf.name = fn.name();
    {
      X64Lowering lowering(module, fn, vmctx, options, code);
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
      error = "internal error: emission failed: " + error;
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

  bool resolveLocal(object::RelocType type, std::span<uint8_t> section, uint64_t place,
                    uint64_t target) const override {
    if (!(type == object::RelocType(object::X86_64Reloc::PC32) ||
          type == object::RelocType(object::X86_64Reloc::PLT32)))
      return false;
    int64_t v = int64_t(target) - int64_t(place);
    if (v != int64_t(int32_t(v)) || place + 4 > section.size())
      return false;
    uint32_t u = uint32_t(int32_t(v));
    std::memcpy(section.data() + place, &u, 4);
    return true;
  }
};

} // namespace
} // namespace wasmaot::isa::x64

namespace wasmaot::codegen {
const Backend &x64Backend() {
  static const isa::x64::X64Backend backend;
  return backend;
}
} // namespace wasmaot::codegen

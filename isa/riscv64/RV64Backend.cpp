// RV64Backend: the RISC-V 64 codegen::Backend — one function through lowering
// (RV64Lowering), register allocation (codegen/RegAlloc), frame layout and
// emission (Emit), plus the CPU names and features of --cpu/--target-features.
#include "codegen/Backend.h"
#include "codegen/FrameLayout.h"
#include "codegen/RegAlloc.h"
#include "codegen/RegAllocChecker.h"
#include "codegen/TargetDesc.h"
#include "ir/Module.h"
#include "isa/riscv64/Emit.h"
#include "isa/riscv64/RV64Lowering.h"

#include <chrono>
#include <cstring>

#if defined(__riscv) && defined(__linux__)
#include <fstream>
#include <string>
#endif

namespace wasmaot::isa::riscv64 {

namespace {

double seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// RV64GC is the baseline; Zba (address generation: shNadd, add.uw, slli.uw,
// zext.w) and Zbb (clz/ctz/cpop, rotates, min/max, sext.b/h, zext.h, andn/
// orn/xnor) are used when enabled.
const char *const kFeatures[] = {"zba", "zbb"};

/// The function uses a type the RISC-V back end does not lower yet (v128
/// needs the V extension).
bool usesV128(const ir::Function &fn) {
  for (uint32_t v = 0; v < fn.numValues(); ++v)
    if (fn.typeOf(ir::Value{v}) == ir::Type::V128)
      return true;
  return false;
}

#if defined(__riscv) && defined(__linux__)
/// The _zba/_zbb extensions of this machine's ISA string (/proc/cpuinfo "isa").
void nativeFeatures(std::vector<std::string> &features) {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("isa", 0) != 0)
      continue;
    for (const char *f : kFeatures)
      if (line.find(std::string("_") + f) != std::string::npos)
        features.push_back(f);
    return;
  }
}
#endif

class RV64Backend final : public codegen::Backend {
public:
  std::string_view name() const override { return "riscv64"; }
  object::Machine machine() const override { return object::Machine::RiscV64; }
  const codegen::TargetDesc &targetDesc() const override { return rv64TargetDesc(); }

  std::vector<std::string> knownFeatures() const override {
    std::vector<std::string> f;
    for (const char *x : kFeatures)
      f.push_back(x);
    return f;
  }

  bool cpuFeatures(std::string_view cpu, std::vector<std::string> &features) const override {
    features.clear();
    if (cpu == "generic" || cpu == "rv64gc")
      return true;
    if (cpu == "rva22u64") { // the RVA22 profile mandates Zba, Zbb (and Zbs)
      features = {"zba", "zbb"};
      return true;
    }
    if (cpu == "native") {
#if defined(__riscv) && defined(__linux__)
      nativeFeatures(features);
#endif
      return true;
    }
    return false;
  }

  bool compileFunction(const ir::Module &module, uint32_t index, const codegen::VMContextLayout &vmctx,
                       const codegen::CodegenOptions &options, codegen::CompiledFunction &out, std::string &error,
                       codegen::CodegenTimes *times) const override {
    const ir::Function &fn = *module.functions[index];
    const codegen::TargetDesc &desc = rv64TargetDesc();
    if (usesV128(fn)) {
      error = "v128 values are not supported by the riscv64 back end yet";
      return false;
    }
    double t0 = times ? seconds() : 0;
    RV64Code code;
    code.mf.name = fn.name();
    {
      RV64Lowering lowering(module, fn, vmctx, options, code);
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

  /// CALL_PLT inside .text: the auipc at `place` gets hi20 and the jalr after
  /// it lo12 of target - place (within ±2 GiB), as the linker would patch them.
  bool resolveLocal(object::RelocType type, std::span<uint8_t> section, uint64_t place,
                    uint64_t target) const override {
    if (type != object::RelocType(object::RiscV64Reloc::CALL_PLT))
      return false;
    const int64_t disp = int64_t(target) - int64_t(place);
    if (!branchRange(Fixup::Kind::Call).contains(disp) || place + 8 > section.size())
      return false;
    const HiLo hl = splitHiLo(disp);
    uint32_t auipc, jalr;
    std::memcpy(&auipc, section.data() + place, 4);
    std::memcpy(&jalr, section.data() + place + 4, 4);
    auipc = (auipc & 0xFFFu) | (hl.hi << 12);
    jalr = (jalr & 0xFFFFFu) | ((uint32_t(hl.lo) & 0xFFFu) << 20);
    std::memcpy(section.data() + place, &auipc, 4);
    std::memcpy(section.data() + place + 4, &jalr, 4);
    return true;
  }
};

} // namespace
} // namespace wasmaot::isa::riscv64

namespace wasmaot::codegen {
const Backend &rv64Backend() {
  static const isa::riscv64::RV64Backend backend;
  return backend;
}
} // namespace wasmaot::codegen

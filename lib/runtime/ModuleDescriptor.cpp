// ModuleDescriptor: bounds-checked parsing of the `.wasmaot.module` section.
// An object is user input, so every offset and count is checked against the
// section's size before anything is read (overflow-safe).
#include "runtime/ModuleDescriptor.h"

#include "codegen/VMContext.h"
#include "object/Elf.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace wasmaot::runtime {

namespace {

uint32_t rd32(const uint8_t *p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
uint64_t rd64(const uint8_t *p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

Error loadError(std::string message) {
  return Error::make(ErrorKind::Load, "module descriptor: " + std::move(message));
}

/// True when [offset, offset + count * entry) lies inside `size`.
bool fits(uint64_t size, uint64_t offset, uint64_t count, uint64_t entry) {
  if (offset > size) return false;
  return count <= (size - offset) / entry;
}

} // namespace

uint64_t descriptorExtent(const uint8_t *h) {
  uint64_t end = kDescriptorHeaderSize;
  end = std::max<uint64_t>(end, rd64(h + 48) + 8ull * rd32(h + 56));
  end = std::max<uint64_t>(end, rd64(h + 64) + 8ull * rd32(h + 72));
  end = std::max(end, rd64(h + 80) + rd64(h + 88));
  return end;
}

Result<ModuleDescriptor> parseDescriptor(std::span<const uint8_t> bytes) {
  if (bytes.size() < kDescriptorHeaderSize)
    return loadError("section is " + std::to_string(bytes.size()) + " bytes, the header needs " +
                     std::to_string(kDescriptorHeaderSize));
  const uint8_t *h = bytes.data();
  if (std::memcmp(h, kDescriptorMagic, 8) != 0) return loadError("bad magic (expected \"WAOTMOD\")");
  ModuleDescriptor d;
  d.abiVersion = rd32(h + 8);
  d.machine = rd32(h + 12);
  const uint32_t field = rd32(h + 16);
  const uint32_t mode = field & ~kSandboxingSegue;
  if (mode > 1) return loadError("unknown sandboxing mode " + std::to_string(field));
  d.sandboxing = Sandboxing(mode);
  d.segue = (field & kSandboxingSegue) != 0;
  d.guardSize = rd64(h + 24);
  d.textAddress = rd64(h + 32);
  d.numFunctions = rd32(h + 40);
  d.numImportedFunctions = rd32(h + 44);
  const uint64_t funcTable = rd64(h + 48);
  const uint32_t numDefined = rd32(h + 56);
  const uint64_t trapTable = rd64(h + 64);
  const uint32_t numTraps = rd32(h + 72);
  const uint64_t wasmOffset = rd64(h + 80);
  const uint64_t wasmSize = rd64(h + 88);
  d.vmctxSize = rd32(h + 96);
  d.memoriesOffset = rd32(h + 100);
  d.globalsOffset = rd32(h + 104);
  d.tablesOffset = rd32(h + 108);

  if (d.sandboxing == Sandboxing::GuardRegions && d.guardSize == 0)
    return loadError("guard-region sandboxing with a guard size of 0");
  if (d.numImportedFunctions > d.numFunctions ||
      d.numFunctions - d.numImportedFunctions != numDefined)
    return loadError("function counts disagree: " + std::to_string(d.numFunctions) + " in the index space, " +
                     std::to_string(d.numImportedFunctions) + " imported, " + std::to_string(numDefined) +
                     " defined");
  const uint64_t size = bytes.size();
  if (!fits(size, funcTable, numDefined, 8)) return loadError("function table outside the section");
  if (!fits(size, trapTable, numTraps, 8)) return loadError("trap table outside the section");
  if (!fits(size, wasmOffset, wasmSize, 1)) return loadError("embedded wasm module outside the section");

  d.functions.resize(numDefined);
  uint64_t end = 0;
  for (uint32_t i = 0; i < numDefined; ++i) {
    const uint8_t *e = h + funcTable + 8ull * i;
    d.functions[i] = {rd32(e), rd32(e + 4)};
    if (d.functions[i].textOffset < end)
      return loadError("function " + std::to_string(d.numImportedFunctions + i) +
                       " overlaps the previous one or is out of order");
    end = uint64_t(d.functions[i].textOffset) + d.functions[i].size;
  }
  d.textExtent = end;
  d.traps.resize(numTraps);
  for (uint32_t i = 0; i < numTraps; ++i) {
    const uint8_t *e = h + trapTable + 8ull * i;
    d.traps[i] = {rd32(e), rd32(e + 4)};
    if (i && d.traps[i].textOffset <= d.traps[i - 1].textOffset)
      return loadError("trap table not sorted by offset at entry " + std::to_string(i));
    if (d.traps[i].textOffset >= end) return loadError("trap site " + std::to_string(i) + " past the code");
    if (d.traps[i].trapCode >= ir::kNumTrapCodes)
      return loadError("trap site " + std::to_string(i) + " has unknown trap code " +
                       std::to_string(d.traps[i].trapCode));
  }
  d.wasm = bytes.subspan(wasmOffset, wasmSize);
  return d;
}

HostCapabilities hostCapabilities() {
  HostCapabilities caps;
#if defined(__x86_64__)
  caps.machine = uint32_t(object::Machine::X86_64);
#elif defined(__aarch64__)
  caps.machine = uint32_t(object::Machine::AArch64);
#elif defined(__riscv) && __riscv_xlen == 64
  caps.machine = uint32_t(object::Machine::RiscV64);
#endif
  caps.guardRegions = sizeof(void *) == 8;
#if defined(__x86_64__)
  caps.segue = true; // wrgsbase where the kernel enables it, arch_prctl otherwise (Segue.h)
#endif
  return caps;
}

std::optional<Error> checkCompatible(const ModuleDescriptor &d, const HostCapabilities &host) {
  if (d.abiVersion != codegen::kAbiVersion)
    return loadError("compiled for ABI version " + std::to_string(d.abiVersion) + ", this runtime implements " +
                     std::to_string(codegen::kAbiVersion) + "; recompile the module");
  if (d.machine != host.machine) {
    const char *code = object::isKnownMachine(uint16_t(d.machine)) ? object::machineName(object::Machine(d.machine))
                                                                  : "an unknown machine";
    const char *self = object::isKnownMachine(uint16_t(host.machine))
                           ? object::machineName(object::Machine(host.machine))
                           : "an unknown machine";
    return loadError(std::string("the code is for ") + code + ", this runtime runs " + self + " code");
  }
  if (d.sandboxing == Sandboxing::GuardRegions && !host.guardRegions)
    return loadError("compiled for guard-region sandboxing, which this runtime is configured not to "
                     "provide; recompile with explicit bounds checks");
  if (d.segue && !host.segue)
    return loadError("compiled for Segue (memory 0 through the %gs base), which this runtime cannot "
                     "provide on this machine; recompile without --segue");
  return std::nullopt;
}

} // namespace wasmaot::runtime

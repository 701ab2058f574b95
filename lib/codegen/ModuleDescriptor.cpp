// ModuleDescriptor: encoding the `.wasmaot.module` section (layout in
// ModuleDescriptor.h and docs/abi.md).
#include "codegen/ModuleDescriptor.h"

#include <cstring>

namespace wasmaot::codegen {

namespace {

void put(std::vector<uint8_t> &out, uint64_t at, uint64_t value, unsigned bytes) {
  for (unsigned i = 0; i < bytes; ++i) out[at + i] = uint8_t(value >> (8 * i));
}

uint64_t align8(uint64_t v) { return (v + 7) & ~uint64_t(7); }

} // namespace

std::vector<uint8_t> encodeModuleDescriptor(const ModuleDescriptor &d) {
  using namespace descriptor;
  const uint64_t functionTable = kHeaderSize;
  const uint64_t trapTable = align8(functionTable + kFunctionEntrySize * d.functions.size());
  const uint64_t wasm = align8(trapTable + kTrapEntrySize * d.traps.size());
  std::vector<uint8_t> out(wasm + d.wasm.size(), 0);

  std::memcpy(out.data(), kMagic, sizeof kMagic);
  put(out, kAbiVersionAt, d.abiVersion, 4);
  put(out, kMachineAt, d.machine, 4);
  put(out, kSandboxingAt, uint32_t(d.sandboxing) | (d.segue ? kSandboxingSegue : 0), 4);
  put(out, kGuardSizeAt, d.guardSize, 8);
  put(out, kTextAddressAt, 0, 8); // the relocation supplies it
  put(out, kNumFunctionsAt, d.numFunctions, 4);
  put(out, kNumImportedAt, d.numImportedFunctions, 4);
  put(out, kFunctionTableAt, functionTable, 8);
  put(out, kNumDefinedAt, d.functions.size(), 4);
  put(out, kTrapTableAt, trapTable, 8);
  put(out, kNumTrapsAt, d.traps.size(), 4);
  put(out, kWasmAt, wasm, 8);
  put(out, kWasmSizeAt, d.wasm.size(), 8);
  put(out, kVmctxSizeAt, d.vmctxSize, 4);
  put(out, kMemoriesOffsetAt, d.memoriesOffset, 4);
  put(out, kGlobalsOffsetAt, d.globalsOffset, 4);
  put(out, kTablesOffsetAt, d.tablesOffset, 4);

  for (size_t i = 0; i < d.functions.size(); ++i) {
    put(out, functionTable + 8 * i, d.functions[i].textOffset, 4);
    put(out, functionTable + 8 * i + 4, d.functions[i].size, 4);
  }
  for (size_t i = 0; i < d.traps.size(); ++i) {
    put(out, trapTable + 8 * i, d.traps[i].textOffset, 4);
    put(out, trapTable + 8 * i + 4, d.traps[i].code, 4);
  }
  if (!d.wasm.empty()) std::memcpy(out.data() + wasm, d.wasm.data(), d.wasm.size());
  return out;
}

} // namespace wasmaot::codegen

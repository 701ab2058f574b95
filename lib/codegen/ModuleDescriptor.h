// ModuleDescriptor: the `.wasmaot.module` section of a compiled object
// (docs/abi.md, "Object format"): its field offsets and the compiler's
// encoder. The loader's bounds-checked parser is runtime::parseDescriptor
// (lib/runtime/ModuleDescriptor.h); both follow docs/abi.md.
//
// SUBTLE: this is an ABI between the compiler and libwasmaot-rt, like
// VMContext.h. Change a field and bump codegen::kAbiVersion.
#pragma once

#include "codegen/VMContext.h"

#include <cstdint>
#include <span>
#include <vector>

namespace wasmaot::codegen {

/// How generated code keeps memory accesses in bounds (the runtime refuses to
/// run code whose mode it cannot provide).
enum class Sandboxing : uint32_t {
  ExplicitChecks = 0, ///< compare + trap before accesses; no guard pages needed
  GuardRegions = 1,   ///< accesses rely on `guardSize` bytes of inaccessible memory past the reservation
};
/// Or-ed into the sandboxing field: Segue (x86-64), memory 0 is addressed
/// relative to the %gs base, which the runtime must hold at its base while the
/// code runs. A runtime that predates it refuses the unknown mode.
inline constexpr uint32_t kSandboxingSegue = 0x100;

/// Byte offsets of the descriptor header fields (docs/abi.md).
namespace descriptor {
inline constexpr char kMagic[8] = {'W', 'A', 'O', 'T', 'M', 'O', 'D', '\0'};
inline constexpr uint32_t kAbiVersionAt = 8, kMachineAt = 12, kSandboxingAt = 16, kGuardSizeAt = 24;
inline constexpr uint32_t kTextAddressAt = 32; ///< u64 with an absolute relocation against .text + 0
inline constexpr uint32_t kNumFunctionsAt = 40, kNumImportedAt = 44;
inline constexpr uint32_t kFunctionTableAt = 48, kNumDefinedAt = 56;
inline constexpr uint32_t kTrapTableAt = 64, kNumTrapsAt = 72;
inline constexpr uint32_t kWasmAt = 80, kWasmSizeAt = 88;
inline constexpr uint32_t kVmctxSizeAt = 96, kMemoriesOffsetAt = 100, kGlobalsOffsetAt = 104,
                          kTablesOffsetAt = 108;
inline constexpr uint32_t kHeaderSize = 112;
inline constexpr uint32_t kFunctionEntrySize = 8, kTrapEntrySize = 8;
} // namespace descriptor

/// One defined function: where its code is in .text.
struct DescriptorFunction {
  uint32_t textOffset = 0;
  uint32_t size = 0;
  friend bool operator==(const DescriptorFunction &, const DescriptorFunction &) = default;
};

/// One trap site: a .text offset and its ir::TrapCode.
struct DescriptorTrap {
  uint32_t textOffset = 0;
  uint32_t code = 0;
  friend bool operator==(const DescriptorTrap &, const DescriptorTrap &) = default;
};

/// The contents of a `.wasmaot.module` section.
struct ModuleDescriptor {
  uint32_t abiVersion = kAbiVersion;
  uint32_t machine = 0; ///< e_machine
  Sandboxing sandboxing = Sandboxing::ExplicitChecks;
  uint64_t guardSize = 0;
  bool segue = false; ///< kSandboxingSegue
  uint32_t numFunctions = 0;         ///< the whole function index space
  uint32_t numImportedFunctions = 0; ///< imports come first in the index space
  uint32_t vmctxSize = 0, memoriesOffset = 0, globalsOffset = 0, tablesOffset = 0;
  /// Function numImportedFunctions + i is functions[i].
  std::vector<DescriptorFunction> functions;
  std::vector<DescriptorTrap> traps; ///< sorted by textOffset, one entry per offset
  /// The input .wasm, copied byte for byte.
  std::span<const uint8_t> wasm;
};

/// The section bytes: header, function table, trap table and the wasm module,
/// each table 8-aligned, in that order. The text address field is written as
/// 0; the caller adds the relocation at descriptor::kTextAddressAt.
std::vector<uint8_t> encodeModuleDescriptor(const ModuleDescriptor &d);

} // namespace wasmaot::codegen

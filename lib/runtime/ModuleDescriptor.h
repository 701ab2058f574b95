// ModuleDescriptor: the parsed `.wasmaot.module` section (docs/abi.md, "Object
// format"): ABI version, machine, sandboxing mode, where the code is, the
// function and trap tables and the embedded wasm module.
//
// The same parser serves both ways code reaches the runtime: an object mapped
// by the loader (CodeImage) and a descriptor linked into the executable by the
// system linker (its .text address filled by an R_X86_64_64 relocation).
#pragma once

#include "runtime/Error.h"

#include <cstdint>
#include <span>
#include <vector>

namespace wasmaot::runtime {

inline constexpr char kDescriptorMagic[8] = {'W', 'A', 'O', 'T', 'M', 'O', 'D', '\0'};
inline constexpr uint32_t kDescriptorHeaderSize = 112;
inline constexpr const char *kDescriptorSection = ".wasmaot.module";

/// How generated code keeps memory accesses in bounds (descriptor field at 16).
enum class Sandboxing : uint32_t { ExplicitChecks = 0, GuardRegions = 1 };
/// Or-ed into the field: memory 0 is addressed through %gs (Segue, x86-64).
inline constexpr uint32_t kSandboxingSegue = 0x100;

struct FunctionEntry {
  uint32_t textOffset = 0;
  uint32_t size = 0;
};

struct TrapEntry {
  uint32_t textOffset = 0;
  uint32_t trapCode = 0; ///< ir::TrapCode
};

struct ModuleDescriptor {
  uint32_t abiVersion = 0;
  uint32_t machine = 0; ///< e_machine of the code
  Sandboxing sandboxing = Sandboxing::ExplicitChecks;
  uint64_t guardSize = 0;
  /// Segue: the code reads memory 0 through %gs; the runtime keeps the %gs
  /// base at that memory's base while the instance's code runs (Segue.h).
  bool segue = false;
  uint64_t textAddress = 0; ///< as relocated (the address of .text in this process)
  uint32_t numFunctions = 0, numImportedFunctions = 0;
  std::vector<FunctionEntry> functions; ///< defined functions, index order
  std::vector<TrapEntry> traps;         ///< sorted by textOffset
  std::span<const uint8_t> wasm;        ///< points into the descriptor's bytes
  uint32_t vmctxSize = 0, memoriesOffset = 0, globalsOffset = 0, tablesOffset = 0;
  /// Bytes of code the function table covers (end of the last function).
  uint64_t textExtent = 0;
};

/// Parses and checks the descriptor in `bytes` (every table inside `bytes`,
/// function ranges non-overlapping and in order, traps sorted and inside a
/// function). Does not check version, machine or mode: checkCompatible does.
Result<ModuleDescriptor> parseDescriptor(std::span<const uint8_t> bytes);

/// The descriptor's size when only its address is known (a descriptor linked
/// into the executable): the end of the furthest table. Reads the header only.
uint64_t descriptorExtent(const uint8_t *header);

/// What this runtime can run: refuses another ABI version, another machine,
/// or a sandboxing mode the runtime was configured not to provide.
struct HostCapabilities {
  uint32_t machine = 0;
  bool guardRegions = true; ///< 4 GiB + guard reservations are available
  bool segue = false;       ///< the %gs base can be set (x86-64 Linux: Segue.h)
};
HostCapabilities hostCapabilities();
std::optional<Error> checkCompatible(const ModuleDescriptor &d, const HostCapabilities &host);

} // namespace wasmaot::runtime

// CodeImage: a module's machine code and descriptor in this process, either
// mapped from an object by the loader or linked into the executable.
//
// SUBTLE (sandboxing): pages are writable only while the loader copies and
// relocates them, then become read+execute (code) or read-only (data): never
// writable and executable at once (W^X). The image registers its code range
// and trap table with the trap handler for as long as it lives, so a fault at
// one of its trap sites becomes a wasm trap.
#pragma once

#include "object/Elf.h"
#include "runtime/ModuleDescriptor.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace wasmaot::runtime {

/// Gives the address of an undefined symbol an object refers to, or 0.
using SymbolResolver = std::function<uint64_t(std::string_view name)>;

class CodeImage {
public:
  /// One page-aligned part of the mapping and its final protection (PROT_*).
  struct Segment {
    uint8_t *begin = nullptr;
    size_t size = 0;
    int protection = 0;
  };

  /// Maps the allocatable sections of relocatable object `object`, applies its
  /// relocations, write-protects it and parses `.wasmaot.module`. Refuses an
  /// object for another machine, ABI version or an unavailable sandboxing mode.
  static Result<std::unique_ptr<CodeImage>> loadObject(std::span<const uint8_t> object,
                                                       const HostCapabilities &host,
                                                       const SymbolResolver &resolver = {});
  /// Wraps a descriptor the system linker placed in this executable (the
  /// `wasmaot_module_<prefix>` symbol); its text address is already final.
  static Result<std::unique_ptr<CodeImage>> fromLinked(const void *descriptor, const HostCapabilities &host);

  ~CodeImage();
  CodeImage(const CodeImage &) = delete;
  CodeImage &operator=(const CodeImage &) = delete;

  const ModuleDescriptor &descriptor() const { return desc_; }
  const uint8_t *text() const { return text_; }
  uint64_t textSize() const { return textSize_; }
  /// Entry of defined function `definedIndex` (0 = the first non-imported function).
  void *functionCode(uint32_t definedIndex) const {
    return const_cast<uint8_t *>(text_) + desc_.functions[definedIndex].textOffset;
  }
  /// The mapped parts (empty for a linked image).
  std::span<const Segment> segments() const { return segments_; }

private:
  CodeImage() = default;
  std::optional<Error> finish(std::span<const uint8_t> descriptorBytes, const HostCapabilities &host);

  uint8_t *mapping_ = nullptr;
  size_t mappingSize_ = 0;
  std::vector<Segment> segments_;
  ModuleDescriptor desc_;
  const uint8_t *text_ = nullptr;
  uint64_t textSize_ = 0;
  int registrySlot_ = -1;
};

} // namespace wasmaot::runtime

// LinearMemory: one wasm linear memory and the address space behind it.
//
// SUBTLE (sandboxing): with guard regions generated code does no bounds check
// at all. It relies on this: every 32-bit memory is a reservation of 4 GiB
// (every u32 index) plus `guard` bytes (every static offset the compiler folds
// into an access, up to the object's guard size), all PROT_NONE except the
// first `length` bytes. So base + index + offset either hits the memory or
// faults in the reservation, never another object. Growing only changes
// protections: the base never moves. A 32-bit memory with explicit checks
// still reserves its whole maximum (at most 4 GiB) so its base never moves
// either: generated code keeps it in a register across a call. memory64
// reserves its maximum when it is modest and otherwise moves on growth; every
// VMMemory view (the inline copies in each vmctx that sees this memory) is
// updated when the base or length changes.
#pragma once

#include "codegen/VMContext.h"
#include "runtime/Error.h"
#include "wasm/Types.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace wasmaot::runtime {

inline constexpr uint64_t kWasmPageSize = 65536;

class LinearMemory {
public:
  /// A memory of type `type`. `guard` > 0 asks for the guard-region layout
  /// (32-bit memories only); 0 gives the explicit-check layout.
  static Result<std::shared_ptr<LinearMemory>> create(const wasm::MemoryType &type, uint64_t guard);
  ~LinearMemory();
  LinearMemory(const LinearMemory &) = delete;
  LinearMemory &operator=(const LinearMemory &) = delete;

  const wasm::MemoryType &type() const { return type_; }
  uint8_t *base() const { return base_; }
  uint64_t length() const { return length_; }
  uint64_t pages() const { return length_ / kWasmPageSize; }
  /// The guard bytes after the 4 GiB of a guard-region memory (0 otherwise).
  uint64_t guard() const { return guard_; }
  bool hasGuardLayout() const { return guard_ != 0; }

  /// memory.grow: the old size in pages, or -1 (over the maximum, or no memory).
  int64_t grow(uint64_t deltaPages);

  /// Keeps `view` equal to {base, length} from now on (a vmctx slot).
  void addView(codegen::VMMemory *view);
  void removeView(codegen::VMMemory *view);

  /// Maximum pages: the declared maximum or the index type's limit.
  uint64_t maxPages() const;

private:
  LinearMemory() = default;
  void publish();

  wasm::MemoryType type_;
  uint8_t *base_ = nullptr;
  uint64_t length_ = 0;
  uint64_t reserved_ = 0; ///< bytes of address space mapped at base_
  uint64_t guard_ = 0;
  std::vector<codegen::VMMemory *> views_;
};

} // namespace wasmaot::runtime

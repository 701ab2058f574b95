// CodeRegistry: the table the signal handler consults to decide whether a
// faulting PC is a wasm trap site.
//
// SUBTLE: read from signal handlers on any thread while other threads load and
// unload modules, so it is a fixed array of slots whose fields are atomics: a
// slot is published by storing `end` last (release) and retired by clearing
// `end` first. A reader that sees a non-zero end sees that slot's text and
// traps. Unloading a module while one of its functions runs is the embedder's
// bug and is not defended against here.
#include "runtime/TrapHandler.h"

#include <algorithm>
#include <atomic>

namespace wasmaot::runtime {

namespace {

constexpr int kMaxModules = 8192;

struct Slot {
  std::atomic<bool> claimed{false};
  std::atomic<uintptr_t> begin{0};
  std::atomic<uintptr_t> end{0};
  std::atomic<const TrapEntry *> traps{nullptr};
  std::atomic<size_t> numTraps{0};
};

Slot gSlots[kMaxModules];
std::atomic<int> gHighWater{0}; // slots [0, gHighWater) may be in use

const Slot *findSlot(uintptr_t pc) {
  const int n = gHighWater.load(std::memory_order_acquire);
  for (int i = 0; i < n; ++i) {
    const Slot &s = gSlots[i];
    const uintptr_t end = s.end.load(std::memory_order_acquire);
    if (end && pc >= s.begin.load(std::memory_order_relaxed) && pc < end) return &s;
  }
  return nullptr;
}

} // namespace

int registerCode(const uint8_t *text, uint64_t size, std::span<const TrapEntry> traps) {
  for (int i = 0; i < kMaxModules; ++i) {
    bool expected = false;
    if (!gSlots[i].claimed.compare_exchange_strong(expected, true)) continue;
    Slot &s = gSlots[i];
    s.begin.store(reinterpret_cast<uintptr_t>(text), std::memory_order_relaxed);
    s.traps.store(traps.data(), std::memory_order_relaxed);
    s.numTraps.store(traps.size(), std::memory_order_relaxed);
    s.end.store(reinterpret_cast<uintptr_t>(text) + std::max<uint64_t>(size, 1), std::memory_order_release);
    int high = gHighWater.load();
    while (high < i + 1 && !gHighWater.compare_exchange_weak(high, i + 1)) {
    }
    return i;
  }
  return -1;
}

void unregisterCode(int slot) {
  Slot &s = gSlots[slot];
  s.end.store(0, std::memory_order_release);
  s.claimed.store(false, std::memory_order_release);
}

bool isGeneratedCode(uintptr_t pc) { return findSlot(pc) != nullptr; }

std::optional<ir::TrapCode> lookupTrapSite(uintptr_t pc) {
  const Slot *s = findSlot(pc);
  if (!s) return std::nullopt;
  const uint64_t offset = pc - s->begin.load(std::memory_order_relaxed);
  const TrapEntry *traps = s->traps.load(std::memory_order_relaxed);
  const size_t n = s->numTraps.load(std::memory_order_relaxed);
  size_t lo = 0, hi = n;
  while (lo < hi) { // no std:: algorithms: keep the handler's code obvious
    const size_t mid = lo + (hi - lo) / 2;
    if (traps[mid].textOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  if (lo < n && traps[lo].textOffset == offset) return ir::TrapCode(traps[lo].trapCode);
  return std::nullopt;
}

} // namespace wasmaot::runtime

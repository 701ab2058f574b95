// LinearMemory: reservations, commits and growth (see LinearMemory.h for the
// invariant generated code relies on).
#include "runtime/LinearMemory.h"

#include "ir/Module.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>

namespace wasmaot::runtime {

namespace {

constexpr uint64_t k4GiB = 1ull << 32;
/// Explicit-check memories reserve their maximum up to this much address space.
constexpr uint64_t kMaxUpfrontReserve = 8ull << 30;
/// Largest memory this runtime commits (16 GiB; larger grows fail with -1).
constexpr uint64_t kMaxCommit = 16ull << 30;

void *reserve(uint64_t bytes) {
  void *p = mmap(nullptr, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return p == MAP_FAILED ? nullptr : p;
}

} // namespace

uint64_t LinearMemory::maxPages() const {
  const uint64_t limit = type_.limits.is64 ? (1ull << 48) : ir::kMaxMemory32Pages;
  return type_.limits.max ? std::min(*type_.limits.max, limit) : limit;
}

Result<std::shared_ptr<LinearMemory>> LinearMemory::create(const wasm::MemoryType &type, uint64_t guard) {
  std::shared_ptr<LinearMemory> m(new LinearMemory());
  m->type_ = type;
  const uint64_t minPages = type.limits.min;
  if (minPages > m->maxPages() || minPages > kMaxCommit / kWasmPageSize)
    return Error::make(ErrorKind::Resource, "memory of " + std::to_string(minPages) + " pages is too large");
  const uint64_t length = minPages * kWasmPageSize;
  if (guard && !type.limits.is64) {
    m->guard_ = (guard + kWasmPageSize - 1) & ~(kWasmPageSize - 1);
    m->reserved_ = k4GiB + m->guard_;
  } else if (!type.limits.is64) {
    // Explicit checks, 32-bit: still reserve the whole maximum (at most 4 GiB of
    // address space, nothing committed), because generated code keeps the base
    // of a 32-bit memory in a register for a whole call (docs/abi.md): it must
    // never move.
    m->reserved_ = std::max<uint64_t>(m->maxPages() * kWasmPageSize, kWasmPageSize);
  } else {
    const uint64_t maxBytes = std::min(m->maxPages(), kMaxCommit / kWasmPageSize) * kWasmPageSize;
    m->reserved_ = std::max<uint64_t>(std::min(maxBytes, kMaxUpfrontReserve), std::max(length, kWasmPageSize));
  }
  m->base_ = static_cast<uint8_t *>(reserve(m->reserved_));
  if (!m->base_) return Error::make(ErrorKind::Resource, "cannot reserve address space for a linear memory");
  if (length && mprotect(m->base_, length, PROT_READ | PROT_WRITE) != 0)
    return Error::make(ErrorKind::Resource, "cannot commit " + std::to_string(length) + " bytes of linear memory");
  m->length_ = length;
  return m;
}

LinearMemory::~LinearMemory() {
  if (base_) munmap(base_, reserved_);
}

int64_t LinearMemory::grow(uint64_t delta) {
  const uint64_t old = pages();
  if (delta == 0) return int64_t(old);
  if (delta > maxPages() - old) return -1;
  const uint64_t newLength = (old + delta) * kWasmPageSize;
  if (newLength > kMaxCommit) return -1;
  if (newLength > reserved_) {
    // memory64 only: 32-bit memories reserve their whole maximum up front.
    // A new reservation and a copy: mremap cannot move a range that spans
    // the committed and the PROT_NONE mappings.
    const uint64_t want = std::max(newLength, std::min(reserved_ * 2, kMaxCommit));
    uint8_t *moved = static_cast<uint8_t *>(reserve(want));
    if (!moved) return -1;
    if (mprotect(moved, newLength, PROT_READ | PROT_WRITE) != 0) {
      munmap(moved, want);
      return -1;
    }
    std::memcpy(moved, base_, length_);
    munmap(base_, reserved_);
    base_ = moved;
    reserved_ = want;
    length_ = newLength;
    publish();
    return int64_t(old);
  }
  if (mprotect(base_ + length_, newLength - length_, PROT_READ | PROT_WRITE) != 0) return -1;
  length_ = newLength;
  publish();
  return int64_t(old);
}

void LinearMemory::publish() {
  for (codegen::VMMemory *v : views_) {
    v->base = base_;
    v->length = length_;
  }
}

void LinearMemory::addView(codegen::VMMemory *view) {
  views_.push_back(view);
  view->base = base_;
  view->length = length_;
}

void LinearMemory::removeView(codegen::VMMemory *view) {
  views_.erase(std::remove(views_.begin(), views_.end(), view), views_.end());
}

} // namespace wasmaot::runtime

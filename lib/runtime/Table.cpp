// Table: storage and growth of wasm tables.
#include "runtime/Table.h"

#include <algorithm>

namespace wasmaot::runtime {

namespace {
/// Largest table this runtime allocates (elements); bigger grows fail with -1.
constexpr uint64_t kMaxElements = 1ull << 26;
} // namespace

uint64_t Table::maxSize() const {
  const uint64_t limit = type_.limits.is64 ? UINT64_MAX : UINT32_MAX;
  return std::min(type_.limits.max ? std::min(*type_.limits.max, limit) : limit, kMaxElements);
}

Result<std::shared_ptr<Table>> Table::create(const wasm::TableType &type, uint64_t init) {
  auto t = std::make_shared<Table>();
  t->type_ = type;
  if (type.limits.min > t->maxSize())
    return Error::make(ErrorKind::Resource, "table of " + std::to_string(type.limits.min) + " elements is too large");
  t->storage_.assign(type.limits.min, init);
  t->vm_ = {t->storage_.data(), t->storage_.size()};
  return t;
}

int64_t Table::grow(uint64_t delta, uint64_t init) {
  const uint64_t old = size();
  if (delta > maxSize() - old) return -1;
  storage_.resize(old + delta, init);
  vm_ = {storage_.data(), storage_.size()};
  return int64_t(old);
}

} // namespace wasmaot::runtime

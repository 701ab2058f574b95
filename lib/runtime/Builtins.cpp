// Builtins: spec semantics of the bulk memory and table instructions and of
// growth, as C functions generated code calls (see Builtins.h for why the
// bounds checks here are the sandbox).
#include "runtime/Builtins.h"

#include "codegen/VMContext.h"
#include "runtime/Runtime.h"

#include <cstring>

namespace wasmaot::runtime {

namespace {

using ir::TrapCode;

constexpr uint32_t status(TrapCode code) { return 1 + uint32_t(code); }

/// [at, at + len) inside [0, size), without overflow.
bool inBounds(uint64_t at, uint64_t len, uint64_t size) { return len <= size && at <= size - len; }

uint64_t memIndex(const LinearMemory &m, uint64_t v) { return m.type().limits.is64 ? v : uint64_t(uint32_t(v)); }
uint64_t tabIndex(const Table &t, uint64_t v) { return t.type().limits.is64 ? v : uint64_t(uint32_t(v)); }

} // namespace

struct BuiltinImpl {
  static Instance &self(void *vmctx) { return *Instance::fromVmctx(vmctx); }
  static LinearMemory &mem(void *vmctx, uint32_t i) { return *self(vmctx).memories_[i]; }
  static Table &tab(void *vmctx, uint32_t i) { return *self(vmctx).tables_[i]; }

  static int64_t memoryGrow(void *vmctx, uint32_t m, uint64_t delta) {
    LinearMemory &memory = mem(vmctx, m);
    return memory.grow(memIndex(memory, delta));
  }
  static uint32_t memoryFill(void *vmctx, uint32_t m, uint64_t dst, uint32_t byte, uint64_t len) {
    LinearMemory &memory = mem(vmctx, m);
    dst = memIndex(memory, dst);
    len = memIndex(memory, len);
    if (!inBounds(dst, len, memory.length())) return status(TrapCode::OutOfBoundsMemory);
    std::memset(memory.base() + dst, int(byte & 0xFF), len);
    return 0;
  }
  static uint32_t memoryCopy(void *vmctx, uint32_t dm, uint32_t sm, uint64_t dst, uint64_t src, uint64_t len) {
    LinearMemory &d = mem(vmctx, dm), &s = mem(vmctx, sm);
    dst = memIndex(d, dst);
    src = memIndex(s, src);
    // The length has the smaller of the two index types (multi-memory + memory64).
    if (!d.type().limits.is64 || !s.type().limits.is64) len = uint64_t(uint32_t(len));
    if (!inBounds(dst, len, d.length()) || !inBounds(src, len, s.length())) return status(TrapCode::OutOfBoundsMemory);
    std::memmove(d.base() + dst, s.base() + src, len);
    return 0;
  }
  static uint32_t memoryInit(void *vmctx, uint32_t m, uint32_t seg, uint64_t dst, uint32_t src, uint32_t len) {
    return Builtins::memoryInit(self(vmctx), m, seg, dst, src, len);
  }
  static void dataDrop(void *vmctx, uint32_t seg) { self(vmctx).dataDropped_[seg] = true; }

  static int64_t tableGrow(void *vmctx, uint32_t t, uint64_t init, uint64_t delta) {
    Table &table = tab(vmctx, t);
    return table.grow(tabIndex(table, delta), init);
  }
  static uint32_t tableFill(void *vmctx, uint32_t t, uint64_t dst, uint64_t ref, uint64_t len) {
    Table &table = tab(vmctx, t);
    dst = tabIndex(table, dst);
    len = tabIndex(table, len);
    if (!inBounds(dst, len, table.size())) return status(TrapCode::OutOfBoundsTable);
    for (uint64_t i = 0; i < len; ++i) table.set(dst + i, ref);
    return 0;
  }
  static uint32_t tableCopy(void *vmctx, uint32_t dt, uint32_t st, uint64_t dst, uint64_t src, uint64_t len) {
    Table &d = tab(vmctx, dt), &s = tab(vmctx, st);
    dst = tabIndex(d, dst);
    src = tabIndex(s, src);
    if (!d.type().limits.is64 || !s.type().limits.is64) len = uint64_t(uint32_t(len));
    if (!inBounds(dst, len, d.size()) || !inBounds(src, len, s.size())) return status(TrapCode::OutOfBoundsTable);
    std::memmove(d.data() + dst, s.data() + src, len * sizeof(uint64_t));
    return 0;
  }
  static uint32_t tableInit(void *vmctx, uint32_t t, uint32_t seg, uint64_t dst, uint32_t src, uint32_t len) {
    return Builtins::tableInit(self(vmctx), t, seg, dst, src, len);
  }
  static void elemDrop(void *vmctx, uint32_t seg) {
    std::vector<uint64_t> &refs = self(vmctx).elems_[seg];
    refs.clear();
    refs.shrink_to_fit();
  }
};

uint32_t Builtins::tableInit(Instance &inst, uint32_t t, uint32_t seg, uint64_t dst, uint64_t src, uint64_t len) {
  Table &table = *inst.tables_[t];
  const std::vector<uint64_t> &refs = inst.elems_[seg];
  dst = tabIndex(table, dst);
  if (!inBounds(dst, len, table.size()) || !inBounds(src, len, refs.size())) return status(TrapCode::OutOfBoundsTable);
  for (uint64_t i = 0; i < len; ++i) table.set(dst + i, refs[src + i]);
  return 0;
}

uint32_t Builtins::memoryInit(Instance &inst, uint32_t m, uint32_t seg, uint64_t dst, uint64_t src, uint64_t len) {
  LinearMemory &memory = *inst.memories_[m];
  const wasm::Module &w = inst.module().wasm();
  const wasm::DataSegment &data = w.datas[seg];
  const uint64_t size = inst.dataDropped_[seg] ? 0 : data.data.size;
  dst = memIndex(memory, dst);
  if (!inBounds(dst, len, memory.length()) || !inBounds(src, len, size)) return status(TrapCode::OutOfBoundsMemory);
  if (len) std::memcpy(memory.base() + dst, w.bytes.data() + data.data.offset + src, len);
  return 0;
}

void *const *builtinTable() {
  using codegen::Builtin;
  static void *const table[size_t(Builtin::Count)] = {
      reinterpret_cast<void *>(&BuiltinImpl::memoryGrow), reinterpret_cast<void *>(&BuiltinImpl::memoryFill),
      reinterpret_cast<void *>(&BuiltinImpl::memoryCopy), reinterpret_cast<void *>(&BuiltinImpl::memoryInit),
      reinterpret_cast<void *>(&BuiltinImpl::dataDrop),   reinterpret_cast<void *>(&BuiltinImpl::tableGrow),
      reinterpret_cast<void *>(&BuiltinImpl::tableFill),  reinterpret_cast<void *>(&BuiltinImpl::tableCopy),
      reinterpret_cast<void *>(&BuiltinImpl::tableInit),  reinterpret_cast<void *>(&BuiltinImpl::elemDrop),
  };
  static_assert(size_t(Builtin::MemoryGrow) == 0 && size_t(Builtin::ElemDrop) == 9 && size_t(Builtin::Count) == 10,
                "the table above lists the builtins in codegen::Builtin order");
  return table;
}

} // namespace wasmaot::runtime

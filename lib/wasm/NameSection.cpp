// NameSection: lenient decoding of the `name` custom section (module,
// function and local names). Errors stop decoding but never fail the module.
#include "wasm/ModuleDecoderState.h"

namespace wasmaot::wasm::detail {

namespace {

/// A name map: vec(index name). Stops at the first error.
bool readNameMap(Reader &r, std::unordered_map<uint32_t, std::string> &out) {
  const uint32_t n = r.count(2);
  for (uint32_t i = 0; i < n && r.ok(); ++i) {
    const uint32_t index = r.u32();
    std::string name = r.name();
    if (!r.ok()) return false;
    out[index] = std::move(name);
  }
  return r.ok();
}

} // namespace

void decodeNameSection(Module &m, ByteRange contents) {
  std::span<const uint8_t> bytes(m.bytes);
  if (uint64_t(contents.offset) + contents.size > bytes.size()) return;
  Reader r(bytes.subspan(contents.offset, contents.size), contents.offset);
  NameSection names;
  int lastId = -1;
  while (!r.atEnd() && r.ok()) {
    const uint8_t id = r.u8();
    const uint32_t size = r.count(1);
    if (!r.ok()) break;
    const size_t start = r.pos();
    Reader sub(bytes.subspan(contents.offset + start, size), contents.offset + start);
    r.skip(size);
    if (int(id) <= lastId) break; // subsections come in order, each at most once
    lastId = id;
    switch (id) {
    case 0: {
      std::string name = sub.name();
      if (sub.ok()) names.moduleName = std::move(name);
      break;
    }
    case 1:
      readNameMap(sub, names.functionNames);
      break;
    case 2: {
      const uint32_t n = sub.count(2);
      for (uint32_t i = 0; i < n && sub.ok(); ++i) {
        const uint32_t func = sub.u32();
        if (!sub.ok()) break;
        if (!readNameMap(sub, names.localNames[func])) break;
      }
      break;
    }
    default:
      break; // other subsections (labels, types, fields...) are not used
    }
  }
  m.names = std::move(names);
}

} // namespace wasmaot::wasm::detail

// HostWasm.h: what the runtime tests that run compiled code share — the back
// end of the ISA the tests run on, and the LEB128 writer their hand-built
// modules use.
#pragma once

#include <cstdint>
#include <vector>

namespace wasmaot::testutil {

/// The --target of this machine's ISA, or "" when no back end exists for it.
inline const char *hostTarget() {
#if defined(__x86_64__)
  return "x86_64";
#elif defined(__aarch64__)
  return "aarch64";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#else
  return "";
#endif
}

/// Appends v as unsigned LEB128.
inline void leb(std::vector<uint8_t> &o, uint64_t v) {
  do {
    uint8_t b = v & 0x7F;
    v >>= 7;
    o.push_back(uint8_t(b | (v ? 0x80 : 0)));
  } while (v);
}

} // namespace wasmaot::testutil

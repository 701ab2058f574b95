// TargetDesc: what the target-independent back end needs to know about an ISA's
// registers and frame, given as data. lib/codegen never includes an isa/ header;
// each ISA fills one of these (DESIGN.md: "a target is data").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot::codegen {

/// Register classes. Float covers scalar floats and 128-bit vectors (xmm, v, f).
enum class RegClass : uint8_t { Int, Float };
inline constexpr unsigned kNumRegClasses = 2;
inline constexpr unsigned classIndex(RegClass c) { return static_cast<unsigned>(c); }
const char *regClassName(RegClass c);

/// A physical register: an index into TargetDesc::regs (not the hardware encoding).
using PReg = uint8_t;
inline constexpr PReg kNoReg = 0xFF;
inline constexpr unsigned kMaxRegs = 128;

/// A set of physical registers (clobber sets, callee-saved sets).
struct RegSet {
  uint64_t bits[2] = {0, 0};

  void insert(PReg r) { bits[r >> 6] |= uint64_t(1) << (r & 63); }
  void erase(PReg r) { bits[r >> 6] &= ~(uint64_t(1) << (r & 63)); }
  bool contains(PReg r) const { return (bits[r >> 6] >> (r & 63)) & 1; }
  bool empty() const { return bits[0] == 0 && bits[1] == 0; }
  unsigned size() const { return unsigned(__builtin_popcountll(bits[0]) + __builtin_popcountll(bits[1])); }
  RegSet &operator|=(const RegSet &o) {
    bits[0] |= o.bits[0];
    bits[1] |= o.bits[1];
    return *this;
  }
  friend bool operator==(const RegSet &a, const RegSet &b) {
    return a.bits[0] == b.bits[0] && a.bits[1] == b.bits[1];
  }
  /// Calls f(PReg) for each member in increasing order.
  template <typename F> void forEach(F &&f) const {
    for (unsigned w = 0; w < 2; ++w)
      for (uint64_t b = bits[w]; b; b &= b - 1)
        f(PReg(w * 64 + unsigned(__builtin_ctzll(b))));
  }
};

struct RegDesc {
  std::string name;
  RegClass cls = RegClass::Int;
  uint8_t hwEncoding = 0;   ///< what the encoder puts in the instruction
  bool calleeSaved = false; ///< preserved across calls by the ABI
};

/// Registers, allocation order and frame facts of one ISA + ABI.
struct TargetDesc {
  std::string name;
  std::vector<RegDesc> regs; ///< every register an operand may name; PReg indexes this
  /// Registers the allocator may assign, per class, in order of preference. Put
  /// caller-saved registers first: callee-saved ones cost a save in the prologue.
  std::array<std::vector<PReg>, kNumRegClasses> allocatable;
  /// A register per class that is never allocated and that the parallel-move
  /// resolver may use freely (x86-64: r11, xmm15), or kNoReg: then cycles go
  /// through an emergency spill slot and memory-to-memory moves borrow a register.
  std::array<PReg, kNumRegClasses> scratch = {kNoReg, kNoReg};
  /// Spill slot size and alignment per class (Int: 8; Float: 16 so v128 fits).
  std::array<uint32_t, kNumRegClasses> spillSize = {8, 16};
  std::array<uint32_t, kNumRegClasses> spillAlign = {8, 16};
  /// Bytes the prologue stores for one callee-saved register of a class
  /// (AArch64 saves only the low 8 bytes of v8..v15).
  std::array<uint32_t, kNumRegClasses> calleeSaveSize = {8, 16};
  uint32_t stackAlignment = 16; ///< SP alignment at call sites
  /// Bytes of return address + saved frame pointer between the incoming
  /// arguments and the frame pointer (x86-64: ret addr + push rbp = 16;
  /// AArch64/RISC-V: the {fp, lr} pair = 16).
  uint32_t frameRecordSize = 16;

  unsigned numRegs() const { return unsigned(regs.size()); }
  RegClass regClass(PReg r) const { return regs[r].cls; }
  bool isAllocatable(PReg r) const;
  /// Registers a call clobbers under the ABI: every allocatable register that is not callee-saved.
  RegSet callerSaved() const;
  /// Looks a register up by name; kNoReg if none.
  PReg find(const std::string &name) const;
};

} // namespace wasmaot::codegen

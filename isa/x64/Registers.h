// Registers: x86-64 register files, their printed names per width, and the
// System V AMD64 calling convention facts a back end needs.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace wasmaot::isa::x64 {

/// General-purpose registers, numbered as in the encoding (low 3 bits go to
/// ModRM/SIB/opcode, bit 3 to REX.R/X/B).
enum class Gpr : uint8_t {
  Rax, Rcx, Rdx, Rbx, Rsp, Rbp, Rsi, Rdi,
  R8, R9, R10, R11, R12, R13, R14, R15,
};

/// SSE registers xmm0..xmm15, numbered as in the encoding.
enum class Xmm : uint8_t {
  Xmm0, Xmm1, Xmm2, Xmm3, Xmm4, Xmm5, Xmm6, Xmm7,
  Xmm8, Xmm9, Xmm10, Xmm11, Xmm12, Xmm13, Xmm14, Xmm15,
};

inline constexpr unsigned kNumGprs = 16;
inline constexpr unsigned kNumXmms = 16;

/// The width a GPR is accessed at; selects its name ("al", "ax", "eax", "rax").
enum class GprWidth : uint8_t { W8, W16, W32, W64 };

/// Intel/LLVM name of a GPR at a width. Byte registers 4..7 are spl/bpl/sil/dil
/// (the encoder emits a REX prefix for them); ah/ch/dh/bh are never used.
std::string_view gprName(Gpr r, GprWidth w);
std::string_view xmmName(Xmm r);

constexpr uint8_t encoding(Gpr r) { return static_cast<uint8_t>(r); }
constexpr uint8_t encoding(Xmm r) { return static_cast<uint8_t>(r); }

/// System V AMD64 ABI (psABI 1.0, section 3.2).
namespace sysv {
/// Integer/pointer arguments, in order.
inline constexpr std::array<Gpr, 6> kIntArgs = {Gpr::Rdi, Gpr::Rsi, Gpr::Rdx,
                                                Gpr::Rcx, Gpr::R8,  Gpr::R9};
/// Floating-point arguments, in order.
inline constexpr std::array<Xmm, 8> kFloatArgs = {Xmm::Xmm0, Xmm::Xmm1, Xmm::Xmm2, Xmm::Xmm3,
                                                  Xmm::Xmm4, Xmm::Xmm5, Xmm::Xmm6, Xmm::Xmm7};
/// Integer return values (rdx holds the high half of a two-register result).
inline constexpr std::array<Gpr, 2> kIntReturns = {Gpr::Rax, Gpr::Rdx};
inline constexpr std::array<Xmm, 2> kFloatReturns = {Xmm::Xmm0, Xmm::Xmm1};
/// Preserved across calls (rsp is preserved too but is never allocatable).
inline constexpr std::array<Gpr, 6> kCalleeSavedGprs = {Gpr::Rbx, Gpr::Rbp, Gpr::R12,
                                                        Gpr::R13, Gpr::R14, Gpr::R15};
/// Clobbered by calls. Every xmm register is caller-saved.
inline constexpr std::array<Gpr, 9> kCallerSavedGprs = {Gpr::Rax, Gpr::Rcx, Gpr::Rdx,
                                                        Gpr::Rsi, Gpr::Rdi, Gpr::R8,
                                                        Gpr::R9,  Gpr::R10, Gpr::R11};
/// al carries the number of vector registers used by a variadic call.
inline constexpr Gpr kVarargVectorCount = Gpr::Rax;
inline constexpr unsigned kStackAlignment = 16; ///< rsp % 16 == 0 at a call instruction
inline constexpr unsigned kRedZoneSize = 128;   ///< below rsp, usable by leaf functions

constexpr bool isCalleeSaved(Gpr r) {
  for (Gpr s : kCalleeSavedGprs)
    if (s == r)
      return true;
  return r == Gpr::Rsp;
}
constexpr bool isCalleeSaved(Xmm) { return false; }
} // namespace sysv

} // namespace wasmaot::isa::x64

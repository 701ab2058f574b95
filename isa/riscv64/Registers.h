// Registers: the RV64 register files (x0..x31, f0..f31), their printed ABI
// names (LLVM's spelling), and the LP64D calling-convention facts a back end
// needs (RISC-V ELF psABI, "Integer Calling Convention" and "Hardware
// Floating-point Calling Convention", "Register Convention").
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace wasmaot::isa::riscv64 {

/// Integer registers, numbered as encoded. X0 reads as zero and ignores writes.
enum class Gpr : uint8_t {
  X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15,
  X16, X17, X18, X19, X20, X21, X22, X23, X24, X25, X26, X27, X28, X29, X30, X31,
  // ABI names (psABI "Register Convention").
  Zero = X0, Ra = X1, Sp = X2, Gp = X3, Tp = X4,
  T0 = X5, T1 = X6, T2 = X7, S0 = X8, Fp = X8, S1 = X9,
  A0 = X10, A1 = X11, A2 = X12, A3 = X13, A4 = X14, A5 = X15, A6 = X16, A7 = X17,
  S2 = X18, S3 = X19, S4 = X20, S5 = X21, S6 = X22, S7 = X23, S8 = X24, S9 = X25,
  S10 = X26, S11 = X27, T3 = X28, T4 = X29, T5 = X30, T6 = X31,
};

/// Floating-point registers f0..f31 (F and D share them: a single value is
/// NaN-boxed in the low 32 bits of the 64-bit register).
enum class Fpr : uint8_t {
  F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, F13, F14, F15,
  F16, F17, F18, F19, F20, F21, F22, F23, F24, F25, F26, F27, F28, F29, F30, F31,
  Ft0 = F0, Ft1 = F1, Ft2 = F2, Ft3 = F3, Ft4 = F4, Ft5 = F5, Ft6 = F6, Ft7 = F7,
  Fs0 = F8, Fs1 = F9,
  Fa0 = F10, Fa1 = F11, Fa2 = F12, Fa3 = F13, Fa4 = F14, Fa5 = F15, Fa6 = F16, Fa7 = F17,
  Fs2 = F18, Fs3 = F19, Fs4 = F20, Fs5 = F21, Fs6 = F22, Fs7 = F23, Fs8 = F24, Fs9 = F25,
  Fs10 = F26, Fs11 = F27, Ft8 = F28, Ft9 = F29, Ft10 = F30, Ft11 = F31,
};

inline constexpr unsigned kNumGprs = 32;
inline constexpr unsigned kNumFprs = 32;

/// The 5-bit register field value.
constexpr uint8_t encoding(Gpr r) { return static_cast<uint8_t>(r) & 31; }
constexpr uint8_t encoding(Fpr r) { return static_cast<uint8_t>(r) & 31; }

/// LLVM's ABI name: zero, ra, sp, gp, tp, t0..t6, s0..s11 (x8 prints as s0,
/// not fp), a0..a7; "?" for a value out of range.
std::string_view gprName(Gpr r);
/// LLVM's ABI name: ft0..ft11, fs0..fs11, fa0..fa7.
std::string_view fprName(Fpr r);

/// The LP64D ABI (RISC-V ELF psABI): integer and FP argument registers,
/// callee-saved sets, and the registers wasmaot reserves.
namespace lp64d {
/// Integer/pointer arguments a0..a7, in order; results in a0, a1.
inline constexpr std::array<Gpr, 8> kIntArgs = {Gpr::A0, Gpr::A1, Gpr::A2, Gpr::A3,
                                                Gpr::A4, Gpr::A5, Gpr::A6, Gpr::A7};
inline constexpr std::array<Gpr, 2> kIntReturns = {Gpr::A0, Gpr::A1};
/// FP arguments fa0..fa7 (once they run out, FP arguments go in integer
/// registers, then on the stack); results in fa0, fa1.
inline constexpr std::array<Fpr, 8> kFloatArgs = {Fpr::Fa0, Fpr::Fa1, Fpr::Fa2, Fpr::Fa3,
                                                  Fpr::Fa4, Fpr::Fa5, Fpr::Fa6, Fpr::Fa7};
inline constexpr std::array<Fpr, 2> kFloatReturns = {Fpr::Fa0, Fpr::Fa1};
/// Preserved across calls: s0..s11 (s0 doubles as the frame pointer) and sp.
inline constexpr std::array<Gpr, 12> kCalleeSavedGprs = {
    Gpr::S0, Gpr::S1, Gpr::S2, Gpr::S3, Gpr::S4, Gpr::S5,
    Gpr::S6, Gpr::S7, Gpr::S8, Gpr::S9, Gpr::S10, Gpr::S11};
/// fs0..fs11: the full 64 bits are preserved (the ABI's FLEN is 64).
inline constexpr std::array<Fpr, 12> kCalleeSavedFprs = {
    Fpr::Fs0, Fpr::Fs1, Fpr::Fs2, Fpr::Fs3, Fpr::Fs4, Fpr::Fs5,
    Fpr::Fs6, Fpr::Fs7, Fpr::Fs8, Fpr::Fs9, Fpr::Fs10, Fpr::Fs11};
/// Clobbered by calls: ra, t0..t6, a0..a7.
inline constexpr std::array<Gpr, 16> kCallerSavedGprs = {
    Gpr::Ra, Gpr::T0, Gpr::T1, Gpr::T2, Gpr::T3, Gpr::T4, Gpr::T5, Gpr::T6,
    Gpr::A0, Gpr::A1, Gpr::A2, Gpr::A3, Gpr::A4, Gpr::A5, Gpr::A6, Gpr::A7};
/// The frame pointer (psABI: s0 when a frame pointer is used).
inline constexpr Gpr kFp = Gpr::S0;
/// The return address written by `call` (jal/jalr ra).
inline constexpr Gpr kRa = Gpr::Ra;
/// gp (linker relaxation base) and tp (thread pointer) belong to the C
/// runtime; wasmaot never allocates or writes them.
inline constexpr Gpr kGlobalPointer = Gpr::Gp;
inline constexpr Gpr kThreadPointer = Gpr::Tp;
/// The back end's own scratch registers (constants, far branches, address
/// computation). Both are caller-saved, and a PLT stub clobbers t1 (and t3)
/// between a call and its callee anyway, so neither can carry a value into a
/// call to C.
inline constexpr Gpr kScratch0 = Gpr::T0;
inline constexpr Gpr kScratch1 = Gpr::T1;
inline constexpr unsigned kStackAlignment = 16; ///< sp % 16 == 0 at every call
inline constexpr unsigned kRedZoneSize = 0;     ///< no red zone below sp

constexpr bool isCalleeSaved(Gpr r) {
  for (Gpr s : kCalleeSavedGprs)
    if (s == r)
      return true;
  return r == Gpr::Sp;
}
constexpr bool isCalleeSaved(Fpr r) {
  for (Fpr s : kCalleeSavedFprs)
    if (s == r)
      return true;
  return false;
}
/// Registers an allocator may hand out: everything but zero, ra, sp, gp, tp,
/// the frame pointer s0 and the scratch registers t0/t1 (24 registers).
constexpr bool isAllocatable(Gpr r) {
  return r != Gpr::Zero && r != Gpr::Ra && r != Gpr::Sp && r != Gpr::Gp && r != Gpr::Tp &&
         r != kFp && r != kScratch0 && r != kScratch1 && static_cast<uint8_t>(r) < kNumGprs;
}
/// All 32 FP registers may be allocated.
constexpr bool isAllocatable(Fpr r) { return static_cast<uint8_t>(r) < kNumFprs; }
} // namespace lp64d

} // namespace wasmaot::isa::riscv64

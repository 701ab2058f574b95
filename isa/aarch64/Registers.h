// Registers: AArch64 register files, their printed names per view, and the
// AAPCS64 calling-convention facts a back end needs.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace wasmaot::isa::aarch64 {

/// General-purpose registers. X0..X30 are numbered as encoded. Register number
/// 31 means the stack pointer in some operand slots and the zero register in
/// others; the two are distinct values here so that the encoder can reject a
/// register the slot cannot hold (OperandKind WSP/XSP take Sp, W/X take Zr).
enum class Gpr : uint8_t {
  X0, X1, X2, X3, X4, X5, X6, X7, X8, X9, X10, X11, X12, X13, X14, X15,
  X16, X17, X18, X19, X20, X21, X22, X23, X24, X25, X26, X27, X28, X29, X30,
  Sp = 31, ///< sp / wsp: encodes as 31 in slots that read 31 as the stack pointer
  Zr = 32, ///< xzr / wzr: encodes as 31 in slots that read 31 as zero
};
inline constexpr Gpr kFp = Gpr::X29; ///< frame pointer (AAPCS64 5.1.1)
inline constexpr Gpr kLr = Gpr::X30; ///< link register

/// FP/SIMD registers v0..v31; an operand kind picks the view (b, h, s, d, q).
enum class Vreg : uint8_t {
  V0, V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15,
  V16, V17, V18, V19, V20, V21, V22, V23, V24, V25, V26, V27, V28, V29, V30, V31,
};

inline constexpr unsigned kNumGprs = 31; ///< x0..x30 (sp and zr are not allocatable)
inline constexpr unsigned kNumVregs = 32;

/// The 5-bit register field value.
constexpr uint8_t encoding(Gpr r) { return r == Gpr::Zr ? 31 : static_cast<uint8_t>(r); }
constexpr uint8_t encoding(Vreg r) { return static_cast<uint8_t>(r); }

/// LLVM's name of a GPR at 32 or 64 bits: w0/x0, wsp/sp, wzr/xzr (x29 and x30
/// print as x29/x30, not fp/lr).
std::string_view gprName(Gpr r, bool is64);
/// A view of an FP/SIMD register: 'b', 'h', 's', 'd' or 'q' -> "s3", "d17", ...
std::string_view vregName(Vreg r, char view);

/// Procedure Call Standard for the Arm 64-bit Architecture (AAPCS64), 6.1-6.4.
namespace aapcs64 {
/// Integer/pointer arguments, in order (also the integer results x0..x7).
inline constexpr std::array<Gpr, 8> kIntArgs = {Gpr::X0, Gpr::X1, Gpr::X2, Gpr::X3,
                                                Gpr::X4, Gpr::X5, Gpr::X6, Gpr::X7};
/// FP arguments, in order (also the FP results v0..v7).
inline constexpr std::array<Vreg, 8> kFloatArgs = {Vreg::V0, Vreg::V1, Vreg::V2, Vreg::V3,
                                                   Vreg::V4, Vreg::V5, Vreg::V6, Vreg::V7};
inline constexpr std::array<Gpr, 2> kIntReturns = {Gpr::X0, Gpr::X1};
inline constexpr std::array<Vreg, 4> kFloatReturns = {Vreg::V0, Vreg::V1, Vreg::V2, Vreg::V3};
/// Address of an indirectly returned result (large structs).
inline constexpr Gpr kIndirectResult = Gpr::X8;
/// Intra-procedure-call scratch registers: a linker veneer may clobber them
/// between a call and its callee, so they never carry a value across a call;
/// the back end uses them as its own scratch (constant materialisation, veneers).
inline constexpr Gpr kIp0 = Gpr::X16;
inline constexpr Gpr kIp1 = Gpr::X17;
/// The platform register: reserved on some platforms (Darwin, Windows, Android
/// shadow call stack); wasmaot never allocates it, so code runs on all of them.
inline constexpr Gpr kPlatformRegister = Gpr::X18;
/// Preserved across calls. x29 (fp) and x30 (lr) are saved by the frame record.
inline constexpr std::array<Gpr, 10> kCalleeSavedGprs = {Gpr::X19, Gpr::X20, Gpr::X21, Gpr::X22,
                                                         Gpr::X23, Gpr::X24, Gpr::X25, Gpr::X26,
                                                         Gpr::X27, Gpr::X28};
/// Only the low 64 bits (d8..d15) are preserved; the upper halves and v0..v7,
/// v16..v31 are caller-saved.
inline constexpr std::array<Vreg, 8> kCalleeSavedVregsLow64 = {
    Vreg::V8, Vreg::V9, Vreg::V10, Vreg::V11, Vreg::V12, Vreg::V13, Vreg::V14, Vreg::V15};
/// Clobbered by calls: x0..x17 (x18 is never used; see kPlatformRegister).
inline constexpr std::array<Gpr, 18> kCallerSavedGprs = {
    Gpr::X0,  Gpr::X1,  Gpr::X2,  Gpr::X3,  Gpr::X4,  Gpr::X5,  Gpr::X6,  Gpr::X7,  Gpr::X8,
    Gpr::X9,  Gpr::X10, Gpr::X11, Gpr::X12, Gpr::X13, Gpr::X14, Gpr::X15, Gpr::X16, Gpr::X17};
inline constexpr unsigned kStackAlignment = 16; ///< sp % 16 == 0 whenever sp is used to access memory
inline constexpr unsigned kRedZoneSize = 0;     ///< AAPCS64 has no red zone (Linux)

constexpr bool isCalleeSaved(Gpr r) {
  for (Gpr s : kCalleeSavedGprs)
    if (s == r)
      return true;
  return r == kFp || r == kLr || r == Gpr::Sp;
}
/// True for v8..v15, whose low 64 bits a callee must preserve.
constexpr bool isCalleeSavedLow64(Vreg r) { return r >= Vreg::V8 && r <= Vreg::V15; }
/// Registers the register allocator may hand out: not sp/zr, x16/x17 (scratch),
/// x18 (platform), x29 (frame pointer) or x30 (link register).
constexpr bool isAllocatable(Gpr r) {
  return r <= Gpr::X28 && r != kIp0 && r != kIp1 && r != kPlatformRegister;
}
} // namespace aapcs64

} // namespace wasmaot::isa::aarch64

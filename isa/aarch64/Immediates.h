// Immediates: the A64 immediate encodings that are not plain bit fields —
// bitmask ("logical") immediates, the 8-bit FP immediate of fmov — and the
// materialisation of an arbitrary constant into the shortest instruction
// sequence. Arm ARM: DecodeBitMasks (J1), VFPExpandImm.
#pragma once

#include "isa/aarch64/Inst.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace wasmaot::isa::aarch64 {

/// N:immr:imms packed as N << 12 | immr << 6 | imms (bits 22..10 of the word).
/// nullopt if `value` is not a bitmask immediate at `width` (32 or 64): zero,
/// all ones, and anything that is not a rotated run of ones replicated over an
/// element of 2, 4, 8, 16, 32 or 64 bits. At width 32 the value must fit 32 bits.
std::optional<uint32_t> encodeLogicalImm(uint64_t value, unsigned width);
/// The value a packed N:immr:imms stands for at `width`, nullopt if reserved.
std::optional<uint64_t> decodeLogicalImm(uint32_t nImmrImms, unsigned width);
inline bool isLogicalImm(uint64_t value, unsigned width) {
  return encodeLogicalImm(value, width).has_value();
}

/// imm8 of fmov (immediate): values ±(16 + m)/16 * 2^e with m in 0..15, e in -3..4.
/// Exact matches only (0.0 is not encodable; use fmov from zr).
std::optional<uint8_t> encodeFPImm(double value);
double decodeFPImm(uint8_t imm8);

/// True if one movz or movn writes `value` at `width` (32 or 64): all but one
/// halfword of the value, or of its complement, are zero. Such a bitmask
/// immediate disassembles as orr, not as the mov alias (LLVM's rule, checked
/// over every bitmask immediate by LlvmMcCrossCheckTest).
bool isMoveWideImm(uint64_t value, unsigned width);

/// The shortest sequence for rd = value of the shape "one movz, movn or orr
/// (bitmask immediate), then movk for the remaining halfwords": the orr
/// candidates are every bitmask immediate, so the result is optimal within that
/// family (at most 2 instructions for 32 bits, 4 for 64). Ties prefer movz, then
/// movn. Only rd is written. `rd` is x0..x30; for 32 bits only the low 32 bits
/// of value count.
std::vector<Inst> materialize(Gpr rd, uint64_t value, bool is64);

} // namespace wasmaot::isa::aarch64

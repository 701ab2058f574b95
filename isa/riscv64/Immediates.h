// Immediates: RV64 constant materialization — the shortest sequence of
// lui/addi(w)/slli (and srli/srai/xori, with Zba add.uw/slli.uw and with Zbb
// rori) that leaves an arbitrary 64-bit constant in one register — and the
// immediate range predicates the lowering needs.
#pragma once

#include "isa/riscv64/Inst.h"

#include <cstdint>
#include <vector>

namespace wasmaot::isa::riscv64 {

constexpr bool isSimm12(int64_t v) { return v >= -2048 && v <= 2047; }
constexpr bool isInt32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }
/// The low 12 bits of v, sign-extended (what addi adds).
constexpr int64_t lo12(int64_t v) { return int64_t(uint64_t(v) << 52) >> 52; }

/// A sequence that leaves `value` in `rd` (x1..x31), writing nothing else.
/// The shape: `li` (addi from zero) for a simm12; lui [+ addiw] for an int32
/// (lui sign-extends its 32-bit result on RV64 and addiw re-sign-extends the
/// sum, so this is exact for every int32, including 0x7ffff800..0x7fffffff);
/// otherwise the int32-or-recursive prefix of value >> shift, slli, addi of the
/// low 12 bits. It also tries, keeping the shortest: a shifted-left value
/// followed by srli/srai (leading zeros or sign bits), the complement followed
/// by not, a shift 12 short of the trailing zeros (so that lui ends the
/// prefix), with Zba a 32-bit pattern zero-extended by zext.w/slli.uw and an
/// int32 times 3, 5 or 9 (shNadd rd, rd, rd), and with Zbb a simm12 or lui
/// value rotated by rori. 1 instruction for a simm12, at most 2 for an int32,
/// at most 8 for any value; never longer than LLVM 14's `li` expansion on the
/// values EncoderTest compares. For an i32 constant pass the value sign-extended.
std::vector<Inst> materialize(Gpr rd, int64_t value, Features features = {});

} // namespace wasmaot::isa::riscv64

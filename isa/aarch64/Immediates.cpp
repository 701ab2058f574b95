// Immediates: bitmask and FP immediates, constant materialisation.
#include "isa/aarch64/Immediates.h"

#include <bit>
#include <cstring>

namespace wasmaot::isa::aarch64 {

namespace {

constexpr uint64_t lowOnes(unsigned n) { return n >= 64 ? ~0ull : (1ull << n) - 1; }

/// Rotate the low `e` bits of x right by r.
constexpr uint64_t rorElem(uint64_t x, unsigned r, unsigned e) {
  r %= e;
  if (r == 0)
    return x;
  return ((x >> r) | (x << (e - r))) & lowOnes(e);
}

} // namespace

std::optional<uint32_t> encodeLogicalImm(uint64_t value, unsigned width) {
  if (width == 32) {
    if (value >> 32)
      return std::nullopt;
    value |= value << 32;
  }
  if (value == 0 || value == ~0ull)
    return std::nullopt;
  // The smallest element size the value is a replication of.
  unsigned e = 64;
  while (e > 2) {
    const unsigned h = e / 2;
    if ((value & lowOnes(h)) != ((value >> h) & lowOnes(h)))
      break;
    e = h;
  }
  const uint64_t elem = value & lowOnes(e);
  const unsigned ones = static_cast<unsigned>(std::popcount(elem));
  // elem must be ROR(Ones(ones), r) for some r.
  for (unsigned r = 0; r < e; ++r) {
    if (rorElem(lowOnes(ones), r, e) != elem)
      continue;
    const uint32_t n = e == 64 ? 1 : 0;
    const uint32_t imms = ((~(e - 1) << 1) & 0x3F) | (ones - 1);
    return n << 12 | r << 6 | imms;
  }
  return std::nullopt;
}

std::optional<uint64_t> decodeLogicalImm(uint32_t nImmrImms, unsigned width) {
  const uint32_t n = (nImmrImms >> 12) & 1, immr = (nImmrImms >> 6) & 0x3F,
                 imms = nImmrImms & 0x3F;
  if (width == 32 && n)
    return std::nullopt;
  const uint32_t combined = n << 6 | (~imms & 0x3F);
  if (combined == 0)
    return std::nullopt;
  const unsigned len = 31 - static_cast<unsigned>(std::countl_zero(combined));
  if (len < 1)
    return std::nullopt;
  const unsigned e = 1u << len, levels = e - 1;
  const unsigned s = imms & levels, r = immr & levels;
  if (s == levels)
    return std::nullopt;
  uint64_t elem = rorElem(lowOnes(s + 1), r, e);
  uint64_t v = 0;
  for (unsigned i = 0; i < 64; i += e)
    v |= elem << i;
  return width == 32 ? (v & 0xFFFFFFFFull) : v;
}

double decodeFPImm(uint8_t imm8) {
  // VFPExpandImm at N = 64: sign, NOT(b):Replicate(b, 8):cd, efgh:Zeros(48).
  const uint64_t a = imm8 >> 7, b = (imm8 >> 6) & 1, cd = (imm8 >> 4) & 3, efgh = imm8 & 15;
  const uint64_t exp = (b ^ 1) << 10 | (b ? 0xFFull : 0) << 2 | cd;
  const uint64_t bits = a << 63 | exp << 52 | efgh << 48;
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

std::optional<uint8_t> encodeFPImm(double value) {
  uint64_t want;
  std::memcpy(&want, &value, sizeof want);
  for (unsigned i = 0; i < 256; ++i) {
    const double d = decodeFPImm(static_cast<uint8_t>(i));
    uint64_t got;
    std::memcpy(&got, &d, sizeof got);
    if (got == want)
      return static_cast<uint8_t>(i);
  }
  return std::nullopt;
}

bool isMoveWideImm(uint64_t value, unsigned width) {
  const uint64_t mask = lowOnes(width);
  auto oneHalfword = [&](uint64_t v) {
    unsigned nonZero = 0;
    for (unsigned i = 0; i < width; i += 16)
      nonZero += ((v >> i) & 0xFFFF) != 0;
    return nonZero <= 1;
  };
  return oneHalfword(value & mask) || oneHalfword(~value & mask);
}

namespace {
// Every 64-bit bitmask immediate, in N:immr:imms order (built once).
const std::vector<uint64_t>& allLogicalImms64() {
  static const std::vector<uint64_t> all = [] {
    std::vector<uint64_t> v;
    for (uint32_t enc = 0; enc < (1u << 13); ++enc) {
      const auto x = decodeLogicalImm(enc, 64);
      if (x && encodeLogicalImm(*x, 64) == enc) // canonical encodings only: no duplicates
        v.push_back(*x);
    }
    return v;
  }();
  return all;
}
} // namespace

std::vector<Inst> materialize(Gpr rd, uint64_t value, bool is64) {
  assert(rd <= Gpr::X30 && "materialize into x0..x30");
  const unsigned halves = is64 ? 4 : 2;
  if (!is64)
    value &= 0xFFFFFFFFull;
  auto half = [&](uint64_t v, unsigned i) { return static_cast<uint16_t>(v >> (16 * i)); };
  const Opcode movz = is64 ? Opcode::MOVZXi : Opcode::MOVZWi;
  const Opcode movn = is64 ? Opcode::MOVNXi : Opcode::MOVNWi;
  const Opcode movk = is64 ? Opcode::MOVKXi : Opcode::MOVKWi;
  const Opcode orr = is64 ? Opcode::ORRXri : Opcode::ORRWri;
  const Operand d = Operand::r(rd);

  // Instructions each strategy needs; ties keep the earlier strategy.
  unsigned nonZero = 0, nonOnes = 0;
  for (unsigned i = 0; i < halves; ++i) {
    nonZero += half(value, i) != 0;
    nonOnes += half(value, i) != 0xFFFF;
  }
  const unsigned costZ = nonZero ? nonZero : 1, costN = nonOnes ? nonOnes : 1;
  const bool logical = isLogicalImm(value, is64 ? 64 : 32);

  // orr of a bitmask pattern, then movk for the halfwords it gets wrong.
  uint64_t bestPattern = 0;
  unsigned costO = ~0u;
  if (logical) {
    bestPattern = value;
    costO = 1;
  } else if (is64 && costZ > 2 && costN > 2) {
    // orr + movk can only win with a pattern that matches 2 or 3 halfwords;
    // try every 64-bit bitmask immediate (5334 of them).
    for (uint64_t p : allLogicalImms64()) {
      unsigned cost = 1;
      for (unsigned i = 0; i < 4; ++i)
        cost += half(p, i) != half(value, i);
      if (cost < costO) {
        costO = cost;
        bestPattern = p;
      }
    }
  }

  std::vector<Inst> out;
  if (costO < costZ && costO < costN) {
    out.push_back(Inst(orr, {d, Operand::r(Gpr::Zr), Operand::i(int64_t(bestPattern))}));
    for (unsigned i = 0; i < halves; ++i)
      if (half(bestPattern, i) != half(value, i))
        out.push_back(Inst(movk, {d, Operand::i(half(value, i), 16 * i)}));
  } else if (costZ <= costN) {
    if (nonZero == 0)
      out.push_back(Inst(movz, {d, Operand::i(0)}));
    for (unsigned i = 0; i < halves; ++i)
      if (half(value, i) != 0)
        out.push_back(
            Inst(out.empty() ? movz : movk, {d, Operand::i(half(value, i), 16 * i)}));
  } else {
    if (nonOnes == 0)
      out.push_back(Inst(movn, {d, Operand::i(0)}));
    for (unsigned i = 0; i < halves; ++i) {
      if (half(value, i) == 0xFFFF)
        continue;
      if (out.empty())
        out.push_back(Inst(movn, {d, Operand::i(uint16_t(~half(value, i)), 16 * i)}));
      else
        out.push_back(Inst(movk, {d, Operand::i(half(value, i), 16 * i)}));
    }
  }
  return out;
}

} // namespace wasmaot::isa::aarch64

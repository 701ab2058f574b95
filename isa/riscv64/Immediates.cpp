// Immediates: constant materialization. Each candidate shape is built from the
// manual's semantics of the instructions (lui: sext(imm20 << 12); addiw:
// sext32(rs1 + imm); slli/srli/srai; add.uw: zext32(rs1) + rs2; slli.uw:
// zext32(rs1) << shamt; shNadd: (rs1 << N) + rs2; rori: rotate right), and
// the shortest is kept.
// EncoderTest evaluates the result over many constants.
#include "isa/riscv64/Immediates.h"

#include <bit>
#include <utility>

namespace wasmaot::isa::riscv64 {

namespace {

using Seq = std::vector<Inst>;

Operand R(Gpr g) { return Operand::r(g); }
Operand I(int64_t v) { return Operand::i(v); }

struct Materializer {
  Gpr rd;
  Features f;

  Inst op(Opcode o, int64_t imm) const { return Inst(o, {R(rd), R(rd), I(imm)}); }

  // lui [+ addiw]: every int32.
  Seq int32Seq(int64_t v) const {
    if (isSimm12(v))
      return {Inst(Opcode::ADDI, {R(rd), R(Gpr::Zero), I(v)})};
    const int64_t lo = lo12(v);
    const int64_t hi = ((v - lo) >> 12) & 0xFFFFF;
    Seq s{Inst(Opcode::LUI, {R(rd), I(hi)})};
    if (lo)
      s.push_back(op(Opcode::ADDIW, lo));
    return s;
  }

  static void keepShorter(Seq& best, Seq cand) {
    if (best.empty() || cand.size() < best.size())
      best = std::move(cand);
  }

  // The recursive shape: prefix(value >> tz), slli tz, addi lo12.
  Seq generic(int64_t v) const {
    if (isInt32(v))
      return int32Seq(v);
    const int64_t lo = lo12(v);
    const uint64_t rest = uint64_t(v) - uint64_t(lo);
    const int tz = std::countr_zero(rest); // rest != 0: v is not a simm12
    Seq best;
    // Shifting by 12 less leaves the prefix with 12 zero bits, which lui
    // writes without an addiw.
    for (int sh : {tz, tz - 12}) {
      if (sh <= 0)
        continue;
      Seq s = generic(int64_t(rest) >> sh);
      s.push_back(op(Opcode::SLLI, sh));
      if (lo)
        s.push_back(op(Opcode::ADDI, lo));
      keepShorter(best, std::move(s));
      // With Zba, a 32-bit prefix that lui/addiw would sign-extend: slli.uw.
      if (const uint64_t u = rest >> sh; f.zba && !(u >> 32) && !isInt32(int64_t(u))) {
        Seq z = int32Seq(int64_t(int32_t(uint32_t(u))));
        z.push_back(op(Opcode::SLLI_UW, sh));
        if (lo)
          z.push_back(op(Opcode::ADDI, lo));
        keepShorter(best, std::move(z));
      }
    }
    if (best.size() <= 2)
      return best;
    if (f.zbb) { // rori of a simm12 or a lui value
      for (int r = 1; r < 64; ++r) {
        const int64_t y = int64_t(std::rotl(uint64_t(v), r));
        if (isSimm12(y) || (isInt32(y) && lo12(y) == 0)) {
          Seq s = int32Seq(y);
          s.push_back(op(Opcode::RORI, r));
          return s;
        }
      }
    }
    if (f.zba) { // a 32-bit pattern zero-extended, optionally shifted by slli.uw
      const int tzv = std::countr_zero(uint64_t(v));
      for (int sh : {0, tzv}) {
        const uint64_t u = uint64_t(v) >> sh;
        if (u >> 32)
          continue;
        Seq s = int32Seq(int64_t(int32_t(uint32_t(u))));
        s.push_back(sh == 0 ? Inst(Opcode::ADD_UW, {R(rd), R(rd), R(Gpr::Zero)})
                            : op(Opcode::SLLI_UW, sh));
        keepShorter(best, std::move(s));
      }
      // An int32 times 3, 5 or 9 (shNadd rd, rd, rd), then addi of the low bits.
      for (auto [k, sh] : {std::pair{3, Opcode::SH1ADD}, {5, Opcode::SH2ADD}, {9, Opcode::SH3ADD}})
        for (const int64_t low : {int64_t(0), lo}) {
          const int64_t w = int64_t(uint64_t(v) - uint64_t(low));
          if (w % k || !isInt32(w / k))
            continue;
          Seq s = int32Seq(w / k);
          s.push_back(Inst(sh, {R(rd), R(rd), R(rd)}));
          if (low)
            s.push_back(op(Opcode::ADDI, low));
          keepShorter(best, std::move(s));
        }
    }
    return best;
  }

  Seq top(int64_t v) const {
    Seq best = generic(v);
    if (best.size() <= 2)
      return best;
    const uint64_t u = uint64_t(v);
    // Leading zeros: build v << lz (low bits filled with zeros or ones), srli.
    if (const int lz = std::countl_zero(u); lz > 0 && lz < 64)
      for (uint64_t fill : {uint64_t(0), (uint64_t(1) << lz) - 1}) {
        Seq s = generic(int64_t((u << lz) | fill));
        s.push_back(op(Opcode::SRLI, lz));
        keepShorter(best, std::move(s));
      }
    // Redundant sign bits: build v << n, srai.
    if (const int n = std::countl_zero(v < 0 ? ~u : u) - 1; n > 0)
      for (uint64_t fill : {uint64_t(0), (uint64_t(1) << n) - 1}) {
        Seq s = generic(int64_t((u << n) | fill));
        s.push_back(op(Opcode::SRAI, n));
        keepShorter(best, std::move(s));
      }
    // The complement, then not.
    Seq s = generic(int64_t(~u));
    s.push_back(op(Opcode::XORI, -1));
    keepShorter(best, std::move(s));
    return best;
  }
};

} // namespace

std::vector<Inst> materialize(Gpr rd, int64_t value, Features features) {
  assert(rd != Gpr::Zero && "materializing into zero");
  return Materializer{rd, features}.top(value);
}

} // namespace wasmaot::isa::riscv64

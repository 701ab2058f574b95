// LlvmMcCrossCheckTest: every form of isa/aarch64/Instructions.def, encoded by
// our encoder over every register of each operand class (31 as sp and as zr),
// immediate edge cases (every bitmask-immediate pattern, every FP immediate,
// shifts, extends, scaled offsets at their limits, branch displacements at
// their limits) and all conditions, must disassemble with LLVM's MC
// disassembler (an independent implementation) to one 4-byte instruction with
// the same text our printer produces. This protects the encoder, the printer
// (LLVM's preferred aliases included) and the table.
#include "isa/aarch64/AsmPrinter.h"
#include "isa/aarch64/Encoder.h"
#include "isa/aarch64/Immediates.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#if WASMAOT_HAVE_LLVM_MC
#include <llvm-c/Disassembler.h>
#include <llvm-c/Target.h>
#endif

using namespace wasmaot::isa::aarch64;

namespace {

#if WASMAOT_HAVE_LLVM_MC

class LlvmDisassembler {
public:
  LlvmDisassembler() {
    LLVMInitializeAArch64TargetInfo();
    LLVMInitializeAArch64TargetMC();
    LLVMInitializeAArch64Disassembler();
    ctx_ = LLVMCreateDisasm("aarch64-linux-gnu", nullptr, 0, nullptr, nullptr);
  }
  ~LlvmDisassembler() {
    if (ctx_)
      LLVMDisasmDispose(ctx_);
  }
  bool ok() const { return ctx_ != nullptr; }

  /// Disassembles the first instruction; returns the bytes consumed (0 if invalid).
  size_t disassemble(std::vector<uint8_t>& bytes, std::string& text) {
    char buf[256];
    const size_t n =
        LLVMDisasmInstruction(ctx_, bytes.data(), bytes.size(), /*PC=*/0, buf, sizeof buf);
    text = n ? normalise(buf) : "";
    return n;
  }

private:
  // "\tadd\tx0, x1, #1, lsl #12 // =4096" -> "add x0, x1, #1, lsl #12"
  static std::string normalise(const char* s) {
    std::string out;
    for (; *s && !(s[0] == '/' && s[1] == '/'); ++s) {
      const char c = (*s == '\t') ? ' ' : *s;
      if (c == ' ' && (out.empty() || out.back() == ' '))
        continue;
      out += c;
    }
    while (!out.empty() && out.back() == ' ')
      out.pop_back();
    return out;
  }

  LLVMDisasmContextRef ctx_ = nullptr;
};

using K = OperandKind;

// Register i (0..31) as an operand of kind k: 31 is zr or sp as the kind reads it.
uint8_t regFor(K k, unsigned i) {
  i &= 31;
  if (isFpr(k) || i < 31)
    return static_cast<uint8_t>(i);
  return static_cast<uint8_t>(k == K::WSP || k == K::XSP ? Gpr::Sp : Gpr::Zr);
}

std::vector<int64_t> relDomain(K k) {
  switch (k) {
  case K::Rel26: return {0, 4, -4, 8, (1 << 27) - 4, -(1 << 27), 0x123454};
  case K::Rel19: return {0, 4, -4, 8, (1 << 20) - 4, -(1 << 20), 0x1234};
  case K::Rel14: return {0, 4, -4, 8, (1 << 15) - 4, -(1 << 15), 0x124};
  case K::Adr: return {0, 1, -1, 3, (1 << 20) - 1, -(1 << 20), 0x12345};
  case K::Adrp: return {0, 4096, -4096, (int64_t(1) << 32) - 4096, -(int64_t(1) << 32), 0x12345000};
  default: return {};
  }
}

// Every bitmask immediate at a width, in the canonical N:immr:imms encoding.
std::vector<int64_t> allLogicalImms(unsigned width) {
  std::vector<int64_t> out;
  for (unsigned e = 2; e <= width; e *= 2)
    for (unsigned s = 0; s + 1 < e; ++s)
      for (unsigned r = 0; r < e; ++r) {
        const uint32_t n = e == 64 ? 1 : 0;
        const uint32_t imms = ((~(e - 1) << 1) & 0x3F) | s;
        const auto v = decodeLogicalImm(n << 12 | r << 6 | imms, width);
        if (v)
          out.push_back(int64_t(*v));
      }
  return out;
}

std::vector<Mem> memDomain(Enc enc, unsigned size, bool reduced) {
  std::vector<Mem> out;
  const int32_t sz = int32_t(size);
  std::vector<unsigned> bases;
  for (unsigned b = 0; b < 32; ++b)
    if (!reduced || b == 0 || b == 1 || b == 29 || b == 31)
      bases.push_back(b);
  for (unsigned bi : bases) {
    const Gpr b = bi == 31 ? Gpr::Sp : Gpr(bi);
    switch (enc) {
    case Enc::LdStUImm:
      for (int32_t off : {0, sz, 4095 * sz, 2048 * sz, 7 * sz})
        out.push_back(Mem::at(b, off));
      break;
    case Enc::LdStImm9:
      for (int32_t off : {0, 1, -1, -256, 255, 8, -16})
        out.push_back(Mem::at(b, off));
      break;
    case Enc::LdStPre:
      for (int32_t off : {0, 1, -1, -256, 255, -16})
        out.push_back(Mem::pre(b, off));
      break;
    case Enc::LdStPost:
      for (int32_t off : {0, 1, -1, -256, 255, 16})
        out.push_back(Mem::post(b, off));
      break;
    case Enc::LdStReg:
      // Full set: every base x every index, the 8 extend x S combinations rotating
      // so that each base meets each combination. Reduced: 4 indices, all 8.
      for (unsigned ii = 0; ii < 32; ++ii) {
        if (reduced && ii % 8 != 7)
          continue;
        unsigned c = 0;
        for (Extend e : {Extend::Uxtw, Extend::Uxtx, Extend::Sxtw, Extend::Sxtx})
          for (bool s : {false, true}) {
            if (reduced || (bi + ii + c) % 4 == 0)
              out.push_back(Mem::reg(b, ii == 31 ? Gpr::Zr : Gpr(ii), e, s));
            ++c;
          }
      }
      break;
    case Enc::LdStPair:
      for (int32_t off : {0, sz, -64 * sz, 63 * sz, -sz})
        out.push_back(Mem::at(b, off));
      break;
    case Enc::LdStPairPre:
      for (int32_t off : {0, -2 * sz, -64 * sz, 63 * sz})
        out.push_back(Mem::pre(b, off));
      break;
    case Enc::LdStPairPost:
      for (int32_t off : {0, 2 * sz, -64 * sz, 63 * sz})
        out.push_back(Mem::post(b, off));
      break;
    default: break;
    }
  }
  return out;
}

// All values an operand slot of a form is checked with; `reduced` picks a
// handful (registers 0, 1, 17, 30, 31; extreme immediates) for the cross product.
std::vector<Operand> domain(const InstrDesc& d, unsigned slot, bool reduced) {
  const K k = d.operands[slot];
  std::vector<Operand> out;
  auto regs = [&](auto&& each) {
    for (unsigned i = 0; i < 32; ++i)
      if (!reduced || i == 0 || i == 1 || i == 17 || i == 30 || i == 31)
        each(regFor(k, i));
  };
  auto imms = [&](std::initializer_list<int64_t> vs) {
    for (int64_t v : vs)
      out.push_back(Operand::i(v));
  };
  const bool addSub = d.enc == Enc::AddSubShift;
  switch (k) {
  case K::None: out.push_back(Operand{}); break;
  case K::W: case K::X: case K::WSP: case K::XSP: case K::S: case K::D: case K::Q:
    regs([&](uint8_t r) { Operand o; o.reg = r; out.push_back(o); });
    break;
  case K::WSh: case K::XSh: {
    const unsigned w = k == K::XSh ? 64 : 32;
    regs([&](uint8_t r) {
      for (unsigned s = 0; s < (addSub ? 3u : 4u); ++s)
        for (unsigned a : {0u, 1u, w / 2, w - 1})
          out.push_back(Operand::sh(Gpr(r), Shift(s), a));
    });
    break;
  }
  case K::WExt: case K::XExt:
    regs([&](uint8_t r) {
      for (unsigned e = 0; e < 8; ++e) {
        if (k == K::WExt && (Extend(e) == Extend::Uxtx || Extend(e) == Extend::Sxtx))
          continue;
        for (unsigned a = 0; a <= 4; ++a)
          if (!reduced || a == 0 || a == 4)
            out.push_back(Operand::ext(Gpr(r), Extend(e), a));
      }
    });
    break;
  case K::AImm:
    for (int64_t v : {0, 1, 4095, 2048, 17})
      for (unsigned sh : {0u, 12u})
        out.push_back(Operand::i(v, sh));
    break;
  case K::LImmW: case K::LImmX: {
    const std::vector<int64_t> all = allLogicalImms(k == K::LImmX ? 64 : 32);
    for (size_t i = 0; i < all.size(); ++i)
      if (!reduced || i % 97 == 0)
        out.push_back(Operand::i(all[i]));
    break;
  }
  case K::MImmW: case K::MImmX:
    for (int64_t v : {0, 1, 0x8000, 0xFFFF, 0x1234})
      for (unsigned sh = 0; sh <= (k == K::MImmX ? 48u : 16u); sh += 16)
        out.push_back(Operand::i(v, sh));
    break;
  case K::U4: for (int64_t v = 0; v < 16; ++v) if (!reduced || v % 5 == 0) out.push_back(Operand::i(v)); break;
  case K::U5: for (int64_t v = 0; v < 32; ++v) if (!reduced || v % 8 == 0 || v == 31 || v == 7 || v == 15) out.push_back(Operand::i(v)); break;
  case K::U6: for (int64_t v = 0; v < 64; ++v) if (!reduced || v % 16 == 0 || v == 63 || v == 31 || v == 7 || v == 15 || v == 32) out.push_back(Operand::i(v)); break;
  case K::U16: imms({0, 1, 0x7FFF, 0x8000, 0xFFFF, 0x1234}); break;
  case K::FImm:
    for (unsigned i = 0; i < 256; ++i)
      if (!reduced || i % 37 == 0)
        out.push_back(Operand::f(decodeFPImm(uint8_t(i))));
    break;
  case K::FZero: out.push_back(Operand::zero()); break;
  case K::M8: case K::M16: case K::M32: case K::M64: case K::M128:
    for (const Mem& m : memDomain(d.enc, accessSize(k), reduced))
      out.push_back(Operand::m(m));
    break;
  case K::Rel26: case K::Rel19: case K::Rel14: case K::Adr: case K::Adrp:
    for (int64_t v : relDomain(k))
      out.push_back(Operand::rel(v));
    break;
  }
  return out;
}

std::string hex(const std::vector<uint8_t>& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (uint8_t b : bytes) {
    if (!s.empty())
      s += ' ';
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

struct CrossCheck {
  LlvmDisassembler llvm;
  size_t checked = 0, failed = 0, rejected = 0;
  std::vector<std::string> failures;

  void run(const Inst& inst) {
    if (!Encoder::check(inst).empty()) {
      ++rejected; // e.g. writeback with Rt == Rn: not a valid instance of the form
      return;
    }
    ++checked;
    std::vector<uint8_t> bytes = encode(inst);
    const std::string ours = printInst(inst);
    std::vector<uint8_t> padded = bytes;
    padded.resize(8, 0); // a trailing udf #0 must not be consumed
    std::string theirs;
    const size_t consumed = llvm.disassemble(padded, theirs);
    if (consumed == 4 && ours == theirs)
      return;
    ++failed;
    if (failures.size() < 40)
      failures.push_back(std::string(desc(inst.op).id) + ": [" + hex(bytes) + "] ours \"" +
                         ours + "\" llvm \"" + theirs + "\" (" + std::to_string(consumed) +
                         " bytes)");
  }

  void form(Opcode op) {
    const InstrDesc& d = desc(op);
    const bool cond = d.flags & kCond;
    const unsigned n = d.numOperands;
    std::array<std::vector<Operand>, 4> full, small;
    for (unsigned i = 0; i < 4; ++i) {
      full[i] = i < n ? domain(d, i, false) : std::vector<Operand>{Operand{}};
      small[i] = i < n ? domain(d, i, true) : std::vector<Operand>{Operand{}};
    }
    const size_t before = checked + rejected, rejectedBefore = rejected;
    // ldp with Rt == Rt2 is unpredictable: pairs skip the all-same-register variant.
    const bool pair = d.enc == Enc::LdStPair || d.enc == Enc::LdStPairPre ||
                      d.enc == Enc::LdStPairPost;

    // 1. Each slot over its full domain; the other slots rotating, all register
    //    slots 31 (zr/sp), or all register slots the same register (aliases).
    size_t rot = 0;
    for (unsigned s = 0; s < n; ++s)
      for (size_t v = 0; v < full[s].size(); ++v)
        for (int variant = 0; variant < 3; ++variant, ++rot) {
          std::array<Operand, 4> ops;
          for (unsigned i = 0; i < 4; ++i) {
            ops[i] = i == s ? full[s][v] : small[i][(rot * 7 + i * 3) % small[i].size()];
            if (i != s && i < n && variant > 0 && !(variant == 2 && pair) &&
                (isGpr(d.operands[i]) || isFpr(d.operands[i])))
              ops[i].reg = regFor(d.operands[i], variant == 1 ? 31 : unsigned(v));
          }
          run(Inst(op, cond ? Cond(rot % kNumConds) : Cond::AL, ops));
        }
    // 2. The reduced domains crossed (all conditions for kCond forms).
    for (const Operand& a : small[0])
      for (const Operand& b : small[1])
        for (const Operand& c : small[2])
          for (const Operand& e : small[3])
            for (unsigned cc = 0; cc < (cond ? kNumConds : 1); ++cc)
              run(Inst(op, Cond(cc), std::array<Operand, 4>{a, b, c, e}));
    const size_t total = checked + rejected - before;
    // The generator must mostly produce valid instances (ldp's reduced cross product
    // meets Rt == Rt2 and writeback-to-base in about a quarter of its cases).
    if ((rejected - rejectedBefore) * 3 > total)
      failures.push_back(std::string(d.id) + ": " + std::to_string(rejected - rejectedBefore) +
                         " of " + std::to_string(total) + " generated cases rejected by check");
  }
};

#endif // WASMAOT_HAVE_LLVM_MC

} // namespace

TEST(A64LlvmMcCrossCheckTest, EveryFormAgreesWithLlvmDisassembler) {
#if WASMAOT_HAVE_LLVM_MC
  CrossCheck cc;
  ASSERT_TRUE(cc.llvm.ok()) << "LLVM AArch64 disassembler unavailable";
  for (unsigned op = 0; op < kNumOpcodes; ++op)
    cc.form(Opcode(op));
  std::string report;
  for (const std::string& f : cc.failures)
    report += f + "\n";
  EXPECT_EQ(cc.failed, 0u) << cc.failed << " of " << cc.checked << " cases differ:\n" << report;
  EXPECT_TRUE(cc.failures.empty() || cc.failed) << report;
  std::printf("[ INFO     ] %zu forms, %zu encodings checked against LLVM MC (%zu generated "
              "cases rejected by check)\n",
              size_t(kNumOpcodes), cc.checked, cc.rejected);
  RecordProperty("cases", std::to_string(cc.checked));
#else
  GTEST_SKIP() << "built without LLVM's C disassembler (llvm-14-dev)";
#endif
}

// The other direction for the bitmask immediates: every value the encoder
// accepts decodes back to itself, and values that are not rotated runs of ones
// are refused (the printer and encoder rely on both).
TEST(A64LlvmMcCrossCheckTest, LogicalImmediatesRoundTrip) {
  for (unsigned width : {32u, 64u}) {
    size_t count = 0;
    for (uint32_t enc = 0; enc < (1u << 13); ++enc) {
      const auto v = decodeLogicalImm(enc, width);
      if (!v)
        continue;
      const auto back = encodeLogicalImm(*v, width);
      ASSERT_TRUE(back.has_value()) << width << " " << enc;
      EXPECT_EQ(decodeLogicalImm(*back, width), v);
      // Canonical encodings (immr within the element) are reproduced exactly.
      const unsigned immr = (enc >> 6) & 63, imms = enc & 63, n = enc >> 12;
      const unsigned len = 31 - __builtin_clz(n << 6 | (~imms & 63));
      if (immr < (1u << len)) {
        EXPECT_EQ(*back, enc) << width << " " << enc;
        ++count;
      }
    }
    EXPECT_EQ(count, width == 64 ? 5334u : 1302u);
  }
  EXPECT_FALSE(encodeLogicalImm(0, 64));
  EXPECT_FALSE(encodeLogicalImm(~0ull, 64));
  EXPECT_FALSE(encodeLogicalImm(0xFFFFFFFFull, 32));
  EXPECT_FALSE(encodeLogicalImm(0x1234, 64));
  EXPECT_FALSE(encodeLogicalImm(0x100000000ull, 32));
  EXPECT_FALSE(encodeLogicalImm(0b101, 64));
  EXPECT_TRUE(encodeLogicalImm(0xFFFFFFFFull, 64));
  EXPECT_TRUE(encodeLogicalImm(0x5555555555555555ull, 64));
  EXPECT_TRUE(encodeLogicalImm(0x8000000000000001ull, 64));
}

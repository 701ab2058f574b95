// LlvmMcCrossCheckTest: every form of isa/riscv64/Instructions.def, encoded by
// our encoder over every register of each operand class (x0 included), every
// simm12, shift amount and fence set, upper immediates, memory offsets and
// branch/jal displacements at their limits, and every rounding mode, must
// disassemble with LLVM 14's MC disassembler (an independent implementation;
// triple riscv64-linux-gnu, features +m,+a,+f,+d,+c,+zba,+zbb — Zba and Zbb
// are ratified, not experimental, in LLVM 14) to one 4-byte instruction with
// the same text our printer produces. This protects the encoder, the printer
// (LLVM's aliases included) and the table.
#include "isa/riscv64/AsmPrinter.h"
#include "isa/riscv64/Encoder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#if WASMAOT_HAVE_LLVM_MC
#include <llvm-c/Disassembler.h>
#include <llvm-c/Target.h> // declares LLVMInitializeRISCV* (Debian's LLVM 14 builds RISCV)
#endif

using namespace wasmaot::isa::riscv64;

namespace {

#if WASMAOT_HAVE_LLVM_MC

class LlvmDisassembler {
public:
  explicit LlvmDisassembler(const char* features) {
    LLVMInitializeRISCVTargetInfo();
    LLVMInitializeRISCVTargetMC();
    LLVMInitializeRISCVDisassembler();
    ctx_ = LLVMCreateDisasmCPUFeatures("riscv64-linux-gnu", "generic-rv64", features, nullptr,
                                       0, nullptr, nullptr);
  }
  ~LlvmDisassembler() {
    if (ctx_)
      LLVMDisasmDispose(ctx_);
  }
  LlvmDisassembler(const LlvmDisassembler&) = delete;
  LlvmDisassembler& operator=(const LlvmDisassembler&) = delete;
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
  // "\tadd\ta0, a1, a2" -> "add a0, a1, a2"
  static std::string normalise(const char* s) {
    std::string out;
    for (; *s; ++s) {
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

constexpr Rm kRms[] = {Rm::Rne, Rm::Rtz, Rm::Rdn, Rm::Rup, Rm::Rmm, Rm::Dyn};

std::vector<int64_t> immDomain(K k, bool reduced) {
  std::vector<int64_t> out;
  switch (k) {
  case K::Simm12:
    if (reduced)
      return {0, 1, -1, 2047, -2048, -291};
    for (int64_t v = -2048; v <= 2047; ++v)
      out.push_back(v);
    return out;
  case K::Uimm20:
    out = {0, 1, 0x7FFFF, 0x80000, 0xFFFFF, 0xBEEF0, 0x12345, 0x800};
    if (!reduced)
      for (int64_t v = 3; v < 0x100000; v += 4099)
        out.push_back(v);
    return out;
  case K::Shamt6:
  case K::Shamt5:
    for (int64_t v = 0; v < (k == K::Shamt6 ? 64 : 32); ++v)
      if (!reduced || v == 0 || v == 1 || v == 31 || v == 63 || v == 12)
        out.push_back(v);
    return out;
  case K::Rel13:
    if (reduced)
      return {0, 2, -2, 4094, -4096, -2000};
    for (int64_t v = -4096; v <= 4094; v += 2)
      out.push_back(v);
    return out;
  case K::Rel21:
    out = {0, 2, -2, 4, (1 << 20) - 2, -(1 << 20), 74564, 2048, -2048, 4094, 1 << 11, 1 << 12};
    if (!reduced)
      for (int64_t v = -(1 << 20) + 6; v < (1 << 20); v += 2 * 1021)
        out.push_back(v);
    return out;
  case K::Fence:
    for (int64_t v = 1; v <= 15; ++v)
      if (!reduced || v == 15 || v == 3 || v == 1 || v == 8)
        out.push_back(v);
    return out;
  default: return out;
  }
}

// All values an operand slot of a form is checked with; `reduced` picks a
// handful (registers 0, 1, 2, 10, 31; extreme immediates) for the cross product.
std::vector<Operand> domain(const InstrDesc& d, unsigned slot, bool reduced) {
  const K k = d.operands[slot];
  std::vector<Operand> out;
  auto regs = [&](auto&& each) {
    for (unsigned i = 0; i < 32; ++i)
      if (!reduced || i == 0 || i == 1 || i == 2 || i == 10 || i == 31)
        each(i);
  };
  switch (k) {
  case K::None: out.push_back(Operand{}); break;
  case K::X: case K::F:
    regs([&](unsigned r) { Operand o; o.reg = uint8_t(r); out.push_back(o); });
    break;
  case K::Mem:
    regs([&](unsigned b) {
      for (int32_t off : {0, 1, -1, 2047, -2048, 16, -292})
        if (!reduced || off == 0 || off == 2047 || off == -2048)
          out.push_back(Operand::m(Mem::at(Gpr(b), off)));
    });
    break;
  case K::Simm12: case K::Uimm20: case K::Shamt6: case K::Shamt5: case K::Rel13: case K::Rel21:
  case K::Fence:
    for (int64_t v : immDomain(k, reduced))
      out.push_back(Operand::i(v));
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

bool isReg(K k) { return k == K::X || k == K::F; }

struct CrossCheck {
  LlvmDisassembler llvm{"+m,+a,+f,+d,+c,+zba,+zbb"};
  size_t checked = 0, failed = 0, rejected = 0;
  std::vector<std::string> failures;

  void run(const Inst& inst) {
    if (!Encoder::check(inst).empty()) {
      ++rejected;
      return;
    }
    ++checked;
    std::vector<uint8_t> bytes = encode(inst);
    const std::string ours = printInst(inst);
    std::vector<uint8_t> padded = bytes;
    padded.resize(8, 0);
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
    const bool hasRm = d.flags & kRm;
    const unsigned n = d.numOperands;
    std::array<std::vector<Operand>, 3> full, small;
    for (unsigned i = 0; i < 3; ++i) {
      full[i] = i < n ? domain(d, i, false) : std::vector<Operand>{Operand{}};
      small[i] = i < n ? domain(d, i, true) : std::vector<Operand>{Operand{}};
    }
    const size_t before = checked + rejected, rejectedBefore = rejected;

    // 1. Each slot over its full domain; the other slots rotating, all register
    //    slots x0/f0 (which selects most aliases), or all register slots the
    //    same register (fmv/fneg/fabs); the rounding mode rotating.
    size_t rot = 0;
    for (unsigned s = 0; s < n; ++s)
      for (size_t v = 0; v < full[s].size(); ++v)
        for (int variant = 0; variant < 3; ++variant, ++rot) {
          std::array<Operand, 3> ops;
          for (unsigned i = 0; i < 3; ++i) {
            ops[i] = i == s ? full[s][v] : small[i][(rot * 7 + i * 3) % small[i].size()];
            if (i != s && i < n && variant > 0) {
              const uint8_t r = variant == 1 ? 0 : uint8_t(v % 32);
              if (isReg(d.operands[i]))
                ops[i].reg = r;
              else if (d.operands[i] == K::Mem)
                ops[i].mem.base = Gpr(r);
            }
          }
          run(Inst(op, hasRm ? kRms[rot % 6] : Rm::Dyn, ops));
        }
    // 2. The reduced domains crossed (every rounding mode for kRm forms).
    for (const Operand& a : small[0])
      for (const Operand& b : small[1])
        for (const Operand& c : small[2])
          for (Rm rm : kRms) {
            if (!hasRm && rm != Rm::Dyn)
              continue;
            run(Inst(op, rm, std::array<Operand, 3>{a, b, c}));
          }
    const size_t total = checked + rejected - before;
    if (rejected != rejectedBefore || total == 0)
      failures.push_back(std::string(d.id) + ": " + std::to_string(rejected - rejectedBefore) +
                         " of " + std::to_string(total) + " generated cases rejected by check");
  }
};

#endif // WASMAOT_HAVE_LLVM_MC

} // namespace

TEST(RV64LlvmMcCrossCheckTest, EveryFormAgreesWithLlvmDisassembler) {
#if WASMAOT_HAVE_LLVM_MC
  CrossCheck cc;
  ASSERT_TRUE(cc.llvm.ok()) << "LLVM RISC-V disassembler unavailable";
  for (unsigned op = 0; op < kNumOpcodes; ++op)
    cc.form(Opcode(op));
  std::string report;
  for (const std::string& f : cc.failures)
    report += f + "\n";
  EXPECT_EQ(cc.failed, 0u) << cc.failed << " of " << cc.checked << " cases differ:\n" << report;
  EXPECT_TRUE(cc.failures.empty()) << report;
  std::printf("[ INFO     ] %zu forms, %zu encodings checked against LLVM MC\n",
              size_t(kNumOpcodes), cc.checked);
  RecordProperty("cases", std::to_string(cc.checked));
#else
  GTEST_SKIP() << "built without LLVM's C disassembler (llvm-14-dev)";
#endif
}

// The disassembler really enforces the features: without Zba/Zbb their words
// do not decode, and reserved rounding modes never do. So the cross-check
// above cannot pass by LLVM accepting anything.
TEST(RV64LlvmMcCrossCheckTest, DisassemblerRejectsWhatItShould) {
#if WASMAOT_HAVE_LLVM_MC
  LlvmDisassembler base("+m,+a,+f,+d,+c");
  ASSERT_TRUE(base.ok());
  std::string text;
  for (unsigned op = 0; op < kNumOpcodes; ++op) {
    const InstrDesc& d = desc(Opcode(op));
    if (d.ext != Ext::Zba && d.ext != Ext::Zbb)
      continue;
    std::array<Operand, 3> ops{};
    for (unsigned i = 0; i < d.numOperands; ++i)
      ops[i].reg = 10; // a0; immediates 0
    std::vector<uint8_t> bytes = encode(Inst(Opcode(op), Rm::Dyn, ops));
    bytes.resize(8, 0);
    EXPECT_EQ(base.disassemble(bytes, text), 0u) << d.id << " decodes without Zba/Zbb: " << text;
  }
  const Inst reserved(Opcode::FADD_D, Rm(5), std::array<Operand, 3>{});
  std::vector<uint8_t> bytes = encode(reserved);
  bytes.resize(8, 0);
  EXPECT_EQ(base.disassemble(bytes, text), 0u);
  // A wrong word is noticed: flip one funct3 bit of add (to sll).
  LlvmDisassembler all("+m,+a,+f,+d,+c,+zba,+zbb");
  uint32_t w = encodeWord(Inst(Opcode::ADD, {Operand::r(Gpr::A0), Operand::r(Gpr::A1),
                                             Operand::r(Gpr::A2)})) ^ (1u << 12);
  std::vector<uint8_t> flipped = {uint8_t(w), uint8_t(w >> 8), uint8_t(w >> 16),
                                  uint8_t(w >> 24), 0, 0, 0, 0};
  ASSERT_EQ(all.disassemble(flipped, text), 4u);
  EXPECT_EQ(text, "sll a0, a1, a2");
#else
  GTEST_SKIP() << "built without LLVM's C disassembler (llvm-14-dev)";
#endif
}

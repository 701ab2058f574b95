// LlvmMcCrossCheckTest: every form of Instructions.def, encoded by our encoder
// over every register of each operand class, immediate edge cases and every
// addressing-mode shape, must disassemble with LLVM's MC disassembler (an
// independent implementation) to the same length and the same Intel text our
// printer produces. This protects the encoder, the printer and the table.
#include "isa/x64/AsmPrinter.h"
#include "isa/x64/Encoder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#if WASMAOT_HAVE_LLVM_MC
#include <llvm-c/Disassembler.h>
#include <llvm-c/Target.h>
#endif

using namespace wasmaot::isa::x64;

namespace {

#if WASMAOT_HAVE_LLVM_MC

class LlvmDisassembler {
public:
  LlvmDisassembler() {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86Disassembler();
    ctx_ = LLVMCreateDisasm("x86_64-linux-gnu", nullptr, 0, nullptr, nullptr);
    if (ctx_)
      LLVMSetDisasmOptions(ctx_, LLVMDisassembler_Option_AsmPrinterVariant); // variant 1: Intel
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
    text = normalise(buf);
    return n;
  }

private:
  // "\tmov\teax, 1   # comment" -> "mov eax, 1"
  static std::string normalise(const char* s) {
    std::string out;
    for (; *s && *s != '#'; ++s) {
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

// ---- operand domains

const int64_t kImmEdges[] = {0,         1,         -1,        INT8_MIN,  INT8_MAX,
                             UINT8_MAX, INT32_MIN, INT32_MAX, UINT32_MAX, INT64_MIN,
                             INT64_MAX, 0x123456789abcdefLL};
const int32_t kDisps[] = {0, 1, -1, INT8_MIN, INT8_MAX, 128, -129, INT32_MIN, INT32_MAX};

// Every addressing-mode shape: each base (incl. rsp/rbp/r12/r13), no base and
// RIP with each displacement (0, 8 and 32 bits of both signs); then each base
// and no base with each index, each index with each scale, the displacement
// rotating.
std::vector<Mem> allMemShapes() {
  std::vector<Mem> shapes;
  for (int32_t d : kDisps) {
    for (unsigned b = 0; b < 16; ++b)
      shapes.push_back(Mem::at(Gpr(b), d));
    shapes.push_back(Mem::absolute(d));
    shapes.push_back(Mem::rip(d));
  }
  size_t n = 0;
  for (unsigned i = 0; i < 16; ++i) {
    if (Gpr(i) == Gpr::Rsp)
      continue;
    // Every base with this index (the scale rotating, so each index meets each scale).
    for (unsigned b = 0; b < 16; ++b)
      shapes.push_back(
          Mem::indexed(Gpr(b), Gpr(i), uint8_t(1u << (b % 4)), kDisps[n++ % std::size(kDisps)]));
    for (uint8_t s : {1, 2, 4, 8})
      shapes.push_back(Mem::noBase(Gpr(i), s, kDisps[n++ % std::size(kDisps)]));
  }
  return shapes;
}

// A reduced set used when a form's other operands are crossed in full:
// still every base and each special low-3-bit case.
std::vector<Mem> someMemShapes() {
  std::vector<Mem> shapes;
  for (unsigned b = 0; b < 16; ++b)
    shapes.push_back(Mem::indexed(Gpr(b), Gpr((b + 5) % 16 == 4 ? 9 : (b + 5) % 16), 8, -77));
  shapes.push_back(Mem::at(Gpr::Rsp));
  shapes.push_back(Mem::at(Gpr::R13));
  shapes.push_back(Mem::rip(1000));
  shapes.push_back(Mem::noBase(Gpr::R12, 4, 0));
  return shapes;
}

std::vector<Operand> domain(OperandKind k, bool fullMem) {
  std::vector<Operand> out;
  if (isReg(k)) {
    for (unsigned r = 0; r < 16; ++r) {
      Operand o;
      o.reg = static_cast<uint8_t>(r);
      out.push_back(o);
    }
  } else if (k == OperandKind::CL) {
    out.push_back(Operand::cl());
  } else if (isMem(k)) {
    for (const Mem& m : fullMem ? allMemShapes() : someMemShapes())
      out.push_back(Operand::m(m));
    // Segue: each base with a %gs override (0x65), the prefix before any
    // mandatory one; lea (MA) takes none (Encoder::check refuses it).
    if (k != OperandKind::MA)
      for (const Mem& m : someMemShapes())
        out.push_back(Operand::m(m.gs()));
    // Segue's 32-bit addresses: the same shapes with 0x67 (32-bit register names),
    // with and without %gs; RIP-relative takes none (Encoder::check refuses it).
    if (k != OperandKind::MA)
      for (const Mem& m : someMemShapes())
        if (!m.isRip()) {
          out.push_back(Operand::m(m.a32()));
          out.push_back(Operand::m(m.gs().a32()));
        }
    if (k != OperandKind::MA)
      for (int32_t d : {0, -1, INT32_MIN, INT32_MAX})
        out.push_back(Operand::m(Mem::absolute(d).gs().a32()));
  } else if (isImm(k)) {
    for (int64_t v : kImmEdges) {
      const bool fits = k == OperandKind::I8    ? v >= INT8_MIN && v <= INT8_MAX
                        : k == OperandKind::U8  ? v >= 0 && v <= UINT8_MAX
                        : k == OperandKind::I32 ? v >= INT32_MIN && v <= int64_t(UINT32_MAX)
                        : k == OperandKind::S32 ? v >= INT32_MIN && v <= INT32_MAX
                                                : true;
      if (fits)
        out.push_back(Operand::i(v));
    }
  } else if (isRel(k)) {
    for (int64_t v : {int64_t(0), int64_t(1), int64_t(-1), int64_t(INT8_MIN), int64_t(INT8_MAX),
                      int64_t(INT32_MIN), int64_t(INT32_MAX)})
      if (k == OperandKind::Rel32 || (v >= INT8_MIN && v <= INT8_MAX))
        out.push_back(Operand::rel(v));
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
  size_t checked = 0;
  size_t failed = 0;
  std::vector<std::string> failures;
  std::string text;

  void run(const Inst& inst) {
    ++checked;
    const std::string why = Encoder::check(inst);
    std::vector<uint8_t> bytes;
    std::string ours, theirs;
    size_t consumed = 0;
    if (why.empty()) {
      bytes = encode(inst);
      ours = printInst(inst);
      std::vector<uint8_t> padded = bytes;
      padded.resize(bytes.size() + 16, 0x90); // trailing bytes must not be consumed
      consumed = llvm.disassemble(padded, theirs);
      if (consumed == bytes.size() && ours == theirs)
        return;
    }
    ++failed;
    if (failures.size() < 25)
      failures.push_back(std::string(desc(inst.op).id) + ": " +
                         (why.empty() ? "[" + hex(bytes) + "] ours \"" + ours + "\" llvm \"" +
                                            theirs + "\" (" + std::to_string(consumed) +
                                            " of " + std::to_string(bytes.size()) + " bytes)"
                                      : "invalid: " + why));
  }

  // All cases of one form: the register/immediate slots crossed in full with a
  // reduced memory set, plus every memory shape with the other slots rotating.
  void form(Opcode op) {
    const InstrDesc& d = desc(op);
    const bool cond = d.flags & kCond;
    std::array<std::vector<Operand>, 3> dom;
    int memSlot = -1;
    for (unsigned i = 0; i < d.numOperands; ++i) {
      dom[i] = domain(d.operands[i], /*fullMem=*/false);
      if (isMem(d.operands[i]))
        memSlot = static_cast<int>(i);
    }
    for (unsigned i = d.numOperands; i < 3; ++i)
      dom[i] = {Operand{}};

    size_t n = 0;
    for (const Operand& a : dom[0])
      for (const Operand& b : dom[1])
        for (const Operand& c : dom[2]) {
          const size_t ccs = cond ? kNumConds : 1;
          for (size_t k = 0; k < ccs; ++k, ++n)
            run(Inst(op, Cond(k), std::array<Operand, 3>{a, b, c}));
        }

    if (memSlot >= 0) {
      const std::vector<Operand> shapes = domain(d.operands[memSlot], /*fullMem=*/true);
      for (size_t s = 0; s < shapes.size(); ++s) {
        std::array<Operand, 3> ops;
        for (unsigned i = 0; i < 3; ++i)
          ops[i] = int(i) == memSlot ? shapes[s] : dom[i][(s * 7 + i) % dom[i].size()];
        run(Inst(op, Cond(s % kNumConds), ops));
      }
    }
  }
};

#endif // WASMAOT_HAVE_LLVM_MC

} // namespace

TEST(LlvmMcCrossCheckTest, EveryFormAgreesWithLlvmDisassembler) {
#if WASMAOT_HAVE_LLVM_MC
  CrossCheck cc;
  ASSERT_TRUE(cc.llvm.ok()) << "LLVM x86-64 disassembler unavailable";
  for (unsigned op = 0; op < kNumOpcodes; ++op)
    cc.form(Opcode(op));
  std::string report;
  for (const std::string& f : cc.failures)
    report += f + "\n";
  EXPECT_EQ(cc.failed, 0u) << cc.failed << " of " << cc.checked << " cases differ:\n" << report;
  std::printf("[ INFO     ] %zu forms, %zu encodings checked against LLVM MC\n",
              size_t(kNumOpcodes), cc.checked);
  RecordProperty("cases", std::to_string(cc.checked));
#else
  GTEST_SKIP() << "built without LLVM's C disassembler (llvm-14-dev)";
#endif
}

// HardwareTest: grounds the x86-64 instruction semantics (isa/x64/semantics)
// in this CPU. Every form of Instructions.def that has semantics and can run
// alone (no call, stack or unconditional jump form) is encoded with isa/x64's
// Encoder into an RX buffer between a prologue that loads registers, memory
// and RFLAGS (popfq) from a state block and an epilogue that stores them back
// (pushfq), run on edge-case and random operands, and compared with the
// semantics evaluated by Z3 on the same inputs: destination, rax/rdx, memory,
// the defined flags and #DE faults; a Jcc jumps over a MOV that clears rbx, so
// rbx says whether it was taken. Every form with semantics must be exercised.
#include "isa/x64/Encoder.h"
#include "verify/Verifier.h"

#include <gtest/gtest.h>

#include <csetjmp>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <random>
#include <set>
#include <sys/mman.h>

namespace {

using namespace wasmaot::isa::x64;
namespace v = wasmaot::verify;

struct alignas(16) HwState {
  uint64_t gpr[16];
  uint64_t xmm[16][2];
  uint64_t flags;
  uint64_t pad;
  uint8_t mem[64];
};
constexpr int32_t kXmmAt = 128, kFlagsAt = 384, kMemAt = 400;
static_assert(offsetof(HwState, flags) == kFlagsAt && offsetof(HwState, mem) == kMemAt);

// Operand registers by position; rcx is cl, rax/rdx the implicit registers.
constexpr Gpr kOpGpr[3] = {Gpr::Rbx, Gpr::Rsi, Gpr::R8};
constexpr Xmm kOpXmm[3] = {Xmm::Xmm1, Xmm::Xmm2, Xmm::Xmm3};
constexpr Gpr kLoaded[] = {Gpr::Rax, Gpr::Rcx, Gpr::Rdx, Gpr::Rbx, Gpr::Rsi, Gpr::R8};
constexpr uint64_t kFlagMask = 0x8c5; // CF PF ZF SF OF

sigjmp_buf gJump;
void onFault(int, siginfo_t *, void *) { siglongjmp(gJump, 1); }

/// Runs the harness code at `page` on `hw`; true if it faulted. The sigsetjmp
/// lives in this small frame alone, so no local of the caller can be clobbered
/// by the siglongjmp of a fault.
[[gnu::noinline]] bool runFaultable(void *page, HwState *hw) {
  if (sigsetjmp(gJump, 1) == 0) {
    reinterpret_cast<void (*)(HwState *)>(page)(hw);
    return false;
  }
  return true;
}

void append(std::vector<uint8_t> &code, const Inst &i) {
  std::vector<uint8_t> b = encode(i);
  code.insert(code.end(), b.begin(), b.end());
}

/// The harness around one instruction (and, for a Jcc, the MOV it jumps over): void f(HwState *).
std::vector<uint8_t> harness(const std::vector<Inst> &body) {
  std::vector<uint8_t> c;
  for (Gpr g : {Gpr::Rbx, Gpr::Rbp, Gpr::R12, Gpr::R13, Gpr::R14, Gpr::R15})
    append(c, Inst(Opcode::PUSH64r, {Operand::r(g)}));
  append(c, Inst(Opcode::MOV64rr, {Operand::r(Gpr::R15), Operand::r(Gpr::Rdi)}));
  for (Gpr g : kLoaded)
    append(c, Inst(Opcode::MOV64rm, {Operand::r(g), Operand::m(Mem::at(Gpr::R15, 8 * encoding(g)))}));
  for (Xmm x : kOpXmm)
    append(c, Inst(Opcode::MOVUPSrm, {Operand::r(x), Operand::m(Mem::at(Gpr::R15, kXmmAt + 16 * encoding(x)))}));
  append(c, Inst(Opcode::LEA64, {Operand::r(Gpr::R9), Operand::m(Mem::at(Gpr::R15, kMemAt))}));
  append(c, Inst(Opcode::MOV64rm, {Operand::r(Gpr::R11), Operand::m(Mem::at(Gpr::R15, kFlagsAt))}));
  append(c, Inst(Opcode::PUSH64r, {Operand::r(Gpr::R11)}));
  c.push_back(0x9D); // popfq (not a form of the table: the harness only)
  for (const Inst &inst : body)
    append(c, inst);
  c.push_back(0x9C); // pushfq
  append(c, Inst(Opcode::POP64r, {Operand::r(Gpr::R11)}));
  append(c, Inst(Opcode::MOV64mr, {Operand::m(Mem::at(Gpr::R15, kFlagsAt)), Operand::r(Gpr::R11)}));
  for (Gpr g : kLoaded)
    append(c, Inst(Opcode::MOV64mr, {Operand::m(Mem::at(Gpr::R15, 8 * encoding(g))), Operand::r(g)}));
  for (Xmm x : kOpXmm)
    append(c, Inst(Opcode::MOVUPSmr, {Operand::m(Mem::at(Gpr::R15, kXmmAt + 16 * encoding(x))), Operand::r(x)}));
  for (Gpr g : {Gpr::R15, Gpr::R14, Gpr::R13, Gpr::R12, Gpr::Rbp, Gpr::Rbx})
    append(c, Inst(Opcode::POP64r, {Operand::r(g)}));
  append(c, Inst(Opcode::RET));
  return c;
}

/// Jcc: run as a jump over `kNotTaken`, which clears rbx.
bool isCondBranch(const InstrDesc &d) { return (d.flags & kCond) && d.numOperands == 1 && isRel(d.operands[0]); }
const Inst kNotTaken(Opcode::MOV32ri, {Operand::r(Gpr::Rbx), Operand::i(0)});

bool runnable(const InstrDesc &d) {
  if (isCondBranch(d))
    return true;
  for (unsigned k = 0; k < d.numOperands; ++k)
    if (isRel(d.operands[k]))
      return false;
  for (std::string_view n : {"JMP64r", "JMP64m", "CALL64r", "CALL64m", "RET", "PUSH64r", "POP64r", "UD2", "INT3", "NOP"})
    if (d.id == n)
      return false;
  return true;
}

// ---- operand values
const std::vector<uint64_t> kIntEdges = {0, 1, ~0ull, 0x80000000ull, 0x7fffffffull, 0xffffffffull,
                                         0x8000000000000000ull, 0x7fffffffffffffffull, 31, 32, 33, 63, 64,
                                         0xffffffff80000000ull, 0x100000000ull, 0xff, 0x80};
const std::vector<uint64_t> kF64 = {0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
                                    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
                                    0x7ff0000000000001ull, 0xfff8000000000123ull, 1, 0x7fefffffffffffffull,
                                    0x41e0000000000000ull, 0xc1e0000000200000ull, 0x43e0000000000000ull,
                                    0x3fe0000000000000ull, 0x3ff8000000000000ull, 0x4004000000000000ull,
                                    0xc004000000000000ull, 0x4330000000000001ull, 0xc3e0000000000000ull};
const std::vector<uint64_t> kF32 = {0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000,
                                    0x7f800001, 0xffc00123, 1, 0x7f7fffff, 0x4f000000, 0xcf000001, 0x5f000000,
                                    0x3f000000, 0x3fc00000, 0x40200000, 0xc0200000, 0x4b000001, 0xcf000000};

struct Gen {
  std::mt19937_64 rng{12345};
  uint64_t any() {
    switch (rng() % 4) {
    case 0: return kIntEdges[rng() % kIntEdges.size()];
    case 1: return rng() & 0xffffffff;
    default: return rng();
    }
  }
  uint64_t xmmLo(std::string_view id) {
    bool s = id.find("SS") != std::string_view::npos, d = id.find("SD") != std::string_view::npos;
    if (s || (!d && rng() % 2))
      return (rng() % 3 ? kF32[rng() % kF32.size()] : rng() & 0xffffffff) | (rng() << 32);
    return rng() % 3 ? kF64[rng() % kF64.size()] : rng();
  }
  uint64_t imm(OperandKind k, unsigned i) {
    static const int64_t i8[] = {0, 1, -1, 127, -128, 31, 32, 33, 63, 64, 5};
    static const int64_t i32[] = {0, 1, -1, 0x7fffffff, int64_t(0xffffffff80000000ull), 32, 0x12345678};
    switch (k) {
    case OperandKind::I8: return uint64_t(i < 11 ? i8[i] : int8_t(rng()));
    case OperandKind::U8: return i < 11 ? uint8_t(i8[i]) : uint8_t(rng());
    case OperandKind::I32:
    case OperandKind::S32: return uint64_t(i < 7 ? i32[i] : int32_t(rng()));
    default: return i < kIntEdges.size() ? kIntEdges[i] : rng();
    }
  }
};

int64_t signedImm(OperandKind k, uint64_t bits) {
  switch (k) {
  case OperandKind::I8: return int8_t(bits);
  case OperandKind::U8: return uint8_t(bits);
  case OperandKind::I32: return int64_t(uint32_t(bits));
  case OperandKind::S32: return int32_t(bits);
  default: return int64_t(bits);
  }
}

unsigned immWidth(OperandKind k) { return encodedSize(k) * 8; }

std::string root() { return WASMAOT_SOURCE_ROOT; }

std::vector<std::string> semanticsFiles() {
  std::vector<std::string> files = {root() + "/tools/rulec/prelude/ir.rules"};
  for (auto &e : std::filesystem::directory_iterator(root() + "/isa/x64/semantics"))
    if (e.path().extension() == ".sem")
      files.push_back(e.path().string());
  std::sort(files.begin() + 1, files.end());
  return files;
}

TEST(HardwareTest, EveryFormWithSemanticsAgreesWithThisCpu) {
  v::FormSemantics sem;
  std::string error;
  ASSERT_TRUE(sem.load(semanticsFiles(), error)) << error;
  std::set<std::string> withSemantics;
  for (auto &f : sem.forms()) {
    EXPECT_TRUE(opcodeByName(f).has_value()) << "semantics for a form the table does not have: " << f;
    withSemantics.insert(f);
  }
  const size_t pageSize = 4096;
  uint8_t *page = static_cast<uint8_t *>(
      mmap(nullptr, pageSize, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  ASSERT_NE(page, MAP_FAILED);
  struct sigaction sa {}, old {};
  sa.sa_sigaction = onFault;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGFPE, &sa, &old);
  const unsigned vectors = std::getenv("WASMAOT_HW_VECTORS") ? unsigned(std::atoi(std::getenv("WASMAOT_HW_VECTORS"))) : 32;
  Gen gen;
  unsigned forms = 0, checked = 0, mismatches = 0;
  std::vector<std::string> missing;
  std::set<std::string> exercised;
  for (unsigned o = 0; o < kNumOpcodes; ++o) {
    const InstrDesc &d = desc(Opcode(o));
    std::string id(d.id);
    if (!runnable(d))
      continue;
    if (!withSemantics.count(id)) {
      missing.push_back(id);
      continue;
    }
    ++forms;
    exercised.insert(id);
    unsigned formMismatches = 0;
    for (unsigned vi = 0; vi < vectors && formMismatches < 3; ++vi) {
      HwState hw{};
      for (Gpr g : kLoaded)
        hw.gpr[encoding(g)] = gen.any();
      for (unsigned k = 0; k < 3; ++k) {
        hw.xmm[encoding(kOpXmm[k])][0] = gen.xmmLo(d.id);
        hw.xmm[encoding(kOpXmm[k])][1] = gen.rng();
      }
      uint64_t memv = vi % 2 ? gen.any() : gen.rng();
      if (d.id.find("SS") != std::string_view::npos || d.id.find("SD") != std::string_view::npos)
        memv = gen.xmmLo(d.id);
      std::memcpy(hw.mem, &memv, 8);
      for (unsigned k = 8; k < sizeof hw.mem; ++k)
        hw.mem[k] = uint8_t(gen.rng());
      // Dividers: mostly small rdx so that divisions often succeed.
      if (id.find("DIV") != std::string::npos && vi % 3)
        hw.gpr[encoding(Gpr::Rdx)] = vi % 2 ? 0 : ~0ull;
      hw.flags = 0x2 | (gen.rng() & kFlagMask);
      v::FormRun run;
      run.rax = hw.gpr[encoding(Gpr::Rax)];
      run.rdx = hw.gpr[encoding(Gpr::Rdx)];
      run.flags = hw.flags;
      run.memAddr = uint64_t(reinterpret_cast<uintptr_t>(hw.mem)); // [r9] is hw.mem (LEA sees it)
      run.mem.assign(hw.mem, hw.mem + sizeof hw.mem);
      std::array<Operand, 3> ops{};
      int destKind = 0; // 0 none, 1 gpr, 2 xmm, 3 mem, 4 a Jcc (rbx = 1 iff taken)
      const uint64_t notTakenBytes = encode(kNotTaken).size();
      for (unsigned k = 0; k < d.numOperands; ++k) {
        OperandKind kind = d.operands[k];
        v::FormOperand fo;
        if (isRel(kind)) { // the Jcc's target: past kNotTaken; not an operand of its semantics
          ops[k] = Operand::rel(int64_t(notTakenBytes));
          hw.gpr[encoding(Gpr::Rbx)] = 1;
          destKind = 4;
          continue;
        }
        if (isGpr(kind)) {
          ops[k] = Operand::r(kOpGpr[k]);
          fo.lo = hw.gpr[encoding(kOpGpr[k])];
          if (k == 0) destKind = 1;
        } else if (kind == OperandKind::X) {
          ops[k] = Operand::r(kOpXmm[k]);
          fo.width = 128;
          fo.lo = hw.xmm[encoding(kOpXmm[k])][0];
          fo.hi = hw.xmm[encoding(kOpXmm[k])][1];
          if (k == 0) destKind = 2;
        } else if (kind == OperandKind::CL) {
          ops[k] = Operand::cl();
          fo.lo = hw.gpr[encoding(Gpr::Rcx)];
        } else if (isMem(kind)) {
          ops[k] = Operand::m(Mem::at(Gpr::R9, 0));
          fo.kind = v::FormOperand::Kind::Mem;
          if (k == 0) destKind = 3;
        } else if (isImm(kind)) {
          uint64_t bits = gen.imm(kind, vi);
          if (encodedSize(kind) < 8)
            bits &= (1ull << (8 * encodedSize(kind))) - 1;
          ops[k] = Operand::i(signedImm(kind, bits));
          fo.kind = v::FormOperand::Kind::Imm;
          fo.width = immWidth(kind);
          fo.lo = bits;
        }
        run.ops.push_back(fo);
      }
      Cond cc = Cond(gen.rng() % 16);
      if (d.flags & kCond)
        run.cond = int(cc);
      Inst inst(Opcode(o), cc, ops);
      std::string why = Encoder::check(inst);
      ASSERT_TRUE(why.empty()) << id << ": " << why;
      std::vector<uint8_t> code = destKind == 4 ? harness({inst, kNotTaken}) : harness({inst});
      ASSERT_LE(code.size(), pageSize);
      std::memcpy(page, code.data(), code.size());
      const bool faulted = runFaultable(page, &hw);
      v::FormResult want;
      ASSERT_TRUE(sem.eval(id, run, want, error)) << id << ": " << error;
      ++checked;
      std::string diff;
      char buf[256];
      if (faulted != want.faulted) {
        std::snprintf(buf, sizeof buf, " fault: cpu %d semantics %d;", faulted, want.faulted);
        diff += buf;
      }
      if (!faulted && !want.faulted) {
        if (want.hasDest && destKind == 1) {
          uint64_t got = hw.gpr[encoding(kOpGpr[0])];
          if ((got ^ want.destLo) & want.destDefinedLo) {
            std::snprintf(buf, sizeof buf, " dest: cpu %016llx semantics %016llx (defined %016llx);",
                          (unsigned long long)got, (unsigned long long)want.destLo,
                          (unsigned long long)want.destDefinedLo);
            diff += buf;
          }
        }
        if (want.hasDest && destKind == 2) {
          uint64_t lo = hw.xmm[encoding(kOpXmm[0])][0], hi = hw.xmm[encoding(kOpXmm[0])][1];
          if (((lo ^ want.destLo) & want.destDefinedLo) || ((hi ^ want.destHi) & want.destDefinedHi)) {
            std::snprintf(buf, sizeof buf, " xmm: cpu %016llx:%016llx semantics %016llx:%016llx;",
                          (unsigned long long)hi, (unsigned long long)lo, (unsigned long long)want.destHi,
                          (unsigned long long)want.destLo);
            diff += buf;
          }
        }
        if (destKind == 4 && (!want.isBranch || want.taken != (hw.gpr[encoding(Gpr::Rbx)] == 1))) {
          std::snprintf(buf, sizeof buf, " branch: cpu %s semantics %s;",
                        hw.gpr[encoding(Gpr::Rbx)] == 1 ? "taken" : "not taken",
                        !want.isBranch ? "no branch" : want.taken ? "taken" : "not taken");
          diff += buf;
        }
        if (std::memcmp(hw.mem, want.mem.data(), sizeof hw.mem) != 0)
          diff += " memory differs;";
        if (want.raxDefined && hw.gpr[encoding(Gpr::Rax)] != want.rax && destKind != 1) {
          std::snprintf(buf, sizeof buf, " rax: cpu %016llx semantics %016llx;",
                        (unsigned long long)hw.gpr[encoding(Gpr::Rax)], (unsigned long long)want.rax);
          diff += buf;
        }
        if (want.rdxDefined && hw.gpr[encoding(Gpr::Rdx)] != want.rdx) {
          std::snprintf(buf, sizeof buf, " rdx: cpu %016llx semantics %016llx;",
                        (unsigned long long)hw.gpr[encoding(Gpr::Rdx)], (unsigned long long)want.rdx);
          diff += buf;
        }
        uint64_t defined = want.flagsDefined & kFlagMask;
        if ((hw.flags ^ want.flags) & defined) {
          std::snprintf(buf, sizeof buf, " flags: cpu %03llx semantics %03llx (defined %03llx);",
                        (unsigned long long)(hw.flags & kFlagMask), (unsigned long long)want.flags,
                        (unsigned long long)defined);
          diff += buf;
        }
      }
      if (!diff.empty()) {
        ++mismatches, ++formMismatches;
        std::string in;
        for (auto &op : run.ops) {
          std::snprintf(buf, sizeof buf, " %llx", (unsigned long long)op.lo);
          in += buf;
        }
        std::snprintf(buf, sizeof buf, " rax=%llx rdx=%llx rcx=%llx flags=%llx cond=%d mem=%llx",
                      (unsigned long long)run.rax, (unsigned long long)run.rdx,
                      (unsigned long long)hw.gpr[encoding(Gpr::Rcx)], (unsigned long long)run.flags, run.cond,
                      (unsigned long long)memv);
        ADD_FAILURE() << id << " inputs" << in << buf << ":" << diff;
      }
    }
  }
  sigaction(SIGFPE, &old, nullptr);
  munmap(page, pageSize);
  std::printf("hardware check: %u forms, %u input vectors, %u mismatches; runnable forms without semantics: %zu\n",
              forms, checked, mismatches, missing.size());
  for (auto &m : missing)
    std::printf("  no semantics: %s\n", m.c_str());
  EXPECT_GT(forms, 200u);
  // Coverage: every form with semantics ran (runnable() refuses calls, the stack and unconditional jumps).
  for (const std::string &f : withSemantics)
    EXPECT_TRUE(exercised.count(f)) << "a form with semantics is not exercised: " << f;
  std::printf("hardware check: %zu of %zu forms with semantics exercised\n", exercised.size(), withSemantics.size());
}

} // namespace

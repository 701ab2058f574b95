// EncoderTest: expected bytes and text for one case of every form in
// isa/riscv64/Instructions.def (the bytes and the text come from LLVM's
// assembler, `llvm-mc-14 -triple=riscv64 -mattr=+m,+a,+f,+d,+zba,+zbb
// -show-encoding` on the text, an encoder independent of ours), plus LLVM's
// alias choices from operand values, labels, auipc pairs and range reports,
// relocations, `check`, rounding modes, extensions, constant materialization
// (evaluated, and never longer than LLVM 14's `li`) and the LP64D facts.
// LlvmMcCrossCheckTest covers every register/immediate/offset class.
#include "isa/riscv64/AsmPrinter.h"
#include "isa/riscv64/Encoder.h"
#include "isa/riscv64/Immediates.h"

#include "../FormCaseOperands.h"

#include <gtest/gtest.h>

#include <bit>
#include <climits>
#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace wasmaot::isa::riscv64;

namespace {

Operand R(Gpr g) { return Operand::r(g); }
Operand R(Fpr f) { return Operand::r(f); }
Operand M(const Mem& m) { return Operand::m(m); }
Operand I(int64_t v) { return Operand::i(v); }

std::string hex(const std::vector<uint8_t>& bytes) {
  std::string s;
  char buf[4];
  for (uint8_t b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    if (!s.empty())
      s += ' ';
    s += buf;
  }
  return s;
}

std::string bytesOf(const Inst& i) { return hex(encode(i)); }

struct FormCase {
  Opcode op;
  Rm rm;
  wasmaot::test::FormCaseOperands<Operand, 3> ops;
  const char* bytes;
  const char* text;
  FormCase(Opcode o, wasmaot::test::FormCaseOperands<Operand, 3> v, const char* b, const char* t)
      : op(o), rm(Rm::Dyn), ops(v), bytes(b), text(t) {}
  FormCase(Opcode o, Rm r, wasmaot::test::FormCaseOperands<Operand, 3> v, const char* b, const char* t)
      : op(o), rm(r), ops(v), bytes(b), text(t) {}
};

// One case per form. Registers s1/s4/t2 (fs1/fs4/ft7) by slot, simm12 -291,
// uimm20 0xbeef0, shifts 37/19, offsets -292(s4), branch -2000, jal 74564,
// fence rw, w, rounding mode rtz where the form has one.
const FormCase kFormCases[] = {
    {Opcode::LUI, {R(Gpr::S1), I(0xBEEF0)}, "b7 04 ef be", "lui s1, 782064"},
    {Opcode::AUIPC, {R(Gpr::S1), I(0xBEEF0)}, "97 04 ef be", "auipc s1, 782064"},
    {Opcode::JAL, {R(Gpr::S1), Operand::rel(74564)}, "ef 24 41 34", "jal s1, 74564"},
    {Opcode::JALR, {R(Gpr::S1), M(Mem::at(Gpr::S4, -292))}, "e7 04 ca ed", "jalr s1, -292(s4)"},
    {Opcode::BEQ, {R(Gpr::S1), R(Gpr::S4), Operand::rel(-2000)}, "e3 88 44 83", "beq s1, s4, -2000"},
    {Opcode::BNE, {R(Gpr::S1), R(Gpr::S4), Operand::rel(-2000)}, "e3 98 44 83", "bne s1, s4, -2000"},
    {Opcode::BLT, {R(Gpr::S1), R(Gpr::S4), Operand::rel(-2000)}, "e3 c8 44 83", "blt s1, s4, -2000"},
    {Opcode::BGE, {R(Gpr::S1), R(Gpr::S4), Operand::rel(-2000)}, "e3 d8 44 83", "bge s1, s4, -2000"},
    {Opcode::BLTU, {R(Gpr::S1), R(Gpr::S4), Operand::rel(-2000)}, "e3 e8 44 83", "bltu s1, s4, -2000"},
    {Opcode::BGEU, {R(Gpr::S1), R(Gpr::S4), Operand::rel(-2000)}, "e3 f8 44 83", "bgeu s1, s4, -2000"},
    {Opcode::LB, {R(Gpr::S1), M(Mem::at(Gpr::S4, -292))}, "83 04 ca ed", "lb s1, -292(s4)"},
    {Opcode::LH, {R(Gpr::S1), M(Mem::at(Gpr::S4, -292))}, "83 14 ca ed", "lh s1, -292(s4)"},
    {Opcode::LW, {R(Gpr::S1), M(Mem::at(Gpr::S4, -292))}, "83 24 ca ed", "lw s1, -292(s4)"},
    {Opcode::LD, {R(Gpr::S1), M(Mem::at(Gpr::S4, -292))}, "83 34 ca ed", "ld s1, -292(s4)"},
    {Opcode::LBU, {R(Gpr::S1), M(Mem::at(Gpr::S4, -292))}, "83 44 ca ed", "lbu s1, -292(s4)"},
    {Opcode::LHU, {R(Gpr::S1), M(Mem::at(Gpr::S4, -292))}, "83 54 ca ed", "lhu s1, -292(s4)"},
    {Opcode::LWU, {R(Gpr::S1), M(Mem::at(Gpr::S4, -292))}, "83 64 ca ed", "lwu s1, -292(s4)"},
    {Opcode::SB, {R(Gpr::S1), M(Mem::at(Gpr::S4, -292))}, "23 0e 9a ec", "sb s1, -292(s4)"},
    {Opcode::SH, {R(Gpr::S1), M(Mem::at(Gpr::S4, -292))}, "23 1e 9a ec", "sh s1, -292(s4)"},
    {Opcode::SW, {R(Gpr::S1), M(Mem::at(Gpr::S4, -292))}, "23 2e 9a ec", "sw s1, -292(s4)"},
    {Opcode::SD, {R(Gpr::S1), M(Mem::at(Gpr::S4, -292))}, "23 3e 9a ec", "sd s1, -292(s4)"},
    {Opcode::ADDI, {R(Gpr::S1), R(Gpr::S4), I(-291)}, "93 04 da ed", "addi s1, s4, -291"},
    {Opcode::SLTI, {R(Gpr::S1), R(Gpr::S4), I(-291)}, "93 24 da ed", "slti s1, s4, -291"},
    {Opcode::SLTIU, {R(Gpr::S1), R(Gpr::S4), I(-291)}, "93 34 da ed", "sltiu s1, s4, -291"},
    {Opcode::XORI, {R(Gpr::S1), R(Gpr::S4), I(-291)}, "93 44 da ed", "xori s1, s4, -291"},
    {Opcode::ORI, {R(Gpr::S1), R(Gpr::S4), I(-291)}, "93 64 da ed", "ori s1, s4, -291"},
    {Opcode::ANDI, {R(Gpr::S1), R(Gpr::S4), I(-291)}, "93 74 da ed", "andi s1, s4, -291"},
    {Opcode::SLLI, {R(Gpr::S1), R(Gpr::S4), I(37)}, "93 14 5a 02", "slli s1, s4, 37"},
    {Opcode::SRLI, {R(Gpr::S1), R(Gpr::S4), I(37)}, "93 54 5a 02", "srli s1, s4, 37"},
    {Opcode::SRAI, {R(Gpr::S1), R(Gpr::S4), I(37)}, "93 54 5a 42", "srai s1, s4, 37"},
    {Opcode::ADD, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 04 7a 00", "add s1, s4, t2"},
    {Opcode::SUB, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 04 7a 40", "sub s1, s4, t2"},
    {Opcode::SLL, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 14 7a 00", "sll s1, s4, t2"},
    {Opcode::SLT, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 24 7a 00", "slt s1, s4, t2"},
    {Opcode::SLTU, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 34 7a 00", "sltu s1, s4, t2"},
    {Opcode::XOR, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 44 7a 00", "xor s1, s4, t2"},
    {Opcode::SRL, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 54 7a 00", "srl s1, s4, t2"},
    {Opcode::SRA, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 54 7a 40", "sra s1, s4, t2"},
    {Opcode::OR, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 64 7a 00", "or s1, s4, t2"},
    {Opcode::AND, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 74 7a 00", "and s1, s4, t2"},
    {Opcode::ADDIW, {R(Gpr::S1), R(Gpr::S4), I(-291)}, "9b 04 da ed", "addiw s1, s4, -291"},
    {Opcode::SLLIW, {R(Gpr::S1), R(Gpr::S4), I(19)}, "9b 14 3a 01", "slliw s1, s4, 19"},
    {Opcode::SRLIW, {R(Gpr::S1), R(Gpr::S4), I(19)}, "9b 54 3a 01", "srliw s1, s4, 19"},
    {Opcode::SRAIW, {R(Gpr::S1), R(Gpr::S4), I(19)}, "9b 54 3a 41", "sraiw s1, s4, 19"},
    {Opcode::ADDW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 04 7a 00", "addw s1, s4, t2"},
    {Opcode::SUBW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 04 7a 40", "subw s1, s4, t2"},
    {Opcode::SLLW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 14 7a 00", "sllw s1, s4, t2"},
    {Opcode::SRLW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 54 7a 00", "srlw s1, s4, t2"},
    {Opcode::SRAW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 54 7a 40", "sraw s1, s4, t2"},
    {Opcode::FENCE, {Operand::fence(kFenceR | kFenceW), Operand::fence(kFenceW)}, "0f 00 10 03", "fence rw, w"},
    {Opcode::ECALL, {}, "73 00 00 00", "ecall"},
    {Opcode::EBREAK, {}, "73 00 10 00", "ebreak"},
    {Opcode::UNIMP, {}, "73 10 00 c0", "unimp"},
    {Opcode::MUL, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 04 7a 02", "mul s1, s4, t2"},
    {Opcode::MULH, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 14 7a 02", "mulh s1, s4, t2"},
    {Opcode::MULHSU, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 24 7a 02", "mulhsu s1, s4, t2"},
    {Opcode::MULHU, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 34 7a 02", "mulhu s1, s4, t2"},
    {Opcode::DIV, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 44 7a 02", "div s1, s4, t2"},
    {Opcode::DIVU, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 54 7a 02", "divu s1, s4, t2"},
    {Opcode::REM, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 64 7a 02", "rem s1, s4, t2"},
    {Opcode::REMU, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 74 7a 02", "remu s1, s4, t2"},
    {Opcode::MULW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 04 7a 02", "mulw s1, s4, t2"},
    {Opcode::DIVW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 44 7a 02", "divw s1, s4, t2"},
    {Opcode::DIVUW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 54 7a 02", "divuw s1, s4, t2"},
    {Opcode::REMW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 64 7a 02", "remw s1, s4, t2"},
    {Opcode::REMUW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 74 7a 02", "remuw s1, s4, t2"},
    {Opcode::FLW, {R(Fpr::Fs1), M(Mem::at(Gpr::S4, -292))}, "87 24 ca ed", "flw fs1, -292(s4)"},
    {Opcode::FLD, {R(Fpr::Fs1), M(Mem::at(Gpr::S4, -292))}, "87 34 ca ed", "fld fs1, -292(s4)"},
    {Opcode::FSW, {R(Fpr::Fs1), M(Mem::at(Gpr::S4, -292))}, "27 2e 9a ec", "fsw fs1, -292(s4)"},
    {Opcode::FSD, {R(Fpr::Fs1), M(Mem::at(Gpr::S4, -292))}, "27 3e 9a ec", "fsd fs1, -292(s4)"},
    {Opcode::FADD_S, Rm::Rtz, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a 00", "fadd.s fs1, fs4, ft7, rtz"},
    {Opcode::FADD_D, Rm::Rtz, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a 02", "fadd.d fs1, fs4, ft7, rtz"},
    {Opcode::FSUB_S, Rm::Rtz, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a 08", "fsub.s fs1, fs4, ft7, rtz"},
    {Opcode::FSUB_D, Rm::Rtz, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a 0a", "fsub.d fs1, fs4, ft7, rtz"},
    {Opcode::FMUL_S, Rm::Rtz, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a 10", "fmul.s fs1, fs4, ft7, rtz"},
    {Opcode::FMUL_D, Rm::Rtz, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a 12", "fmul.d fs1, fs4, ft7, rtz"},
    {Opcode::FDIV_S, Rm::Rtz, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a 18", "fdiv.s fs1, fs4, ft7, rtz"},
    {Opcode::FDIV_D, Rm::Rtz, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a 1a", "fdiv.d fs1, fs4, ft7, rtz"},
    {Opcode::FSQRT_S, Rm::Rtz, {R(Fpr::Fs1), R(Fpr::Fs4)}, "d3 14 0a 58", "fsqrt.s fs1, fs4, rtz"},
    {Opcode::FSQRT_D, Rm::Rtz, {R(Fpr::Fs1), R(Fpr::Fs4)}, "d3 14 0a 5a", "fsqrt.d fs1, fs4, rtz"},
    {Opcode::FSGNJ_S, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 04 7a 20", "fsgnj.s fs1, fs4, ft7"},
    {Opcode::FSGNJ_D, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 04 7a 22", "fsgnj.d fs1, fs4, ft7"},
    {Opcode::FSGNJN_S, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a 20", "fsgnjn.s fs1, fs4, ft7"},
    {Opcode::FSGNJN_D, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a 22", "fsgnjn.d fs1, fs4, ft7"},
    {Opcode::FSGNJX_S, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 24 7a 20", "fsgnjx.s fs1, fs4, ft7"},
    {Opcode::FSGNJX_D, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 24 7a 22", "fsgnjx.d fs1, fs4, ft7"},
    {Opcode::FMIN_S, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 04 7a 28", "fmin.s fs1, fs4, ft7"},
    {Opcode::FMIN_D, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 04 7a 2a", "fmin.d fs1, fs4, ft7"},
    {Opcode::FMAX_S, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a 28", "fmax.s fs1, fs4, ft7"},
    {Opcode::FMAX_D, {R(Fpr::Fs1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a 2a", "fmax.d fs1, fs4, ft7"},
    {Opcode::FEQ_S, {R(Gpr::S1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 24 7a a0", "feq.s s1, fs4, ft7"},
    {Opcode::FEQ_D, {R(Gpr::S1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 24 7a a2", "feq.d s1, fs4, ft7"},
    {Opcode::FLT_S, {R(Gpr::S1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a a0", "flt.s s1, fs4, ft7"},
    {Opcode::FLT_D, {R(Gpr::S1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 14 7a a2", "flt.d s1, fs4, ft7"},
    {Opcode::FLE_S, {R(Gpr::S1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 04 7a a0", "fle.s s1, fs4, ft7"},
    {Opcode::FLE_D, {R(Gpr::S1), R(Fpr::Fs4), R(Fpr::Ft7)}, "d3 04 7a a2", "fle.d s1, fs4, ft7"},
    {Opcode::FCLASS_S, {R(Gpr::S1), R(Fpr::Fs4)}, "d3 14 0a e0", "fclass.s s1, fs4"},
    {Opcode::FCLASS_D, {R(Gpr::S1), R(Fpr::Fs4)}, "d3 14 0a e2", "fclass.d s1, fs4"},
    {Opcode::FCVT_W_S, Rm::Rtz, {R(Gpr::S1), R(Fpr::Fs4)}, "d3 14 0a c0", "fcvt.w.s s1, fs4, rtz"},
    {Opcode::FCVT_W_D, Rm::Rtz, {R(Gpr::S1), R(Fpr::Fs4)}, "d3 14 0a c2", "fcvt.w.d s1, fs4, rtz"},
    {Opcode::FCVT_WU_S, Rm::Rtz, {R(Gpr::S1), R(Fpr::Fs4)}, "d3 14 1a c0", "fcvt.wu.s s1, fs4, rtz"},
    {Opcode::FCVT_WU_D, Rm::Rtz, {R(Gpr::S1), R(Fpr::Fs4)}, "d3 14 1a c2", "fcvt.wu.d s1, fs4, rtz"},
    {Opcode::FCVT_L_S, Rm::Rtz, {R(Gpr::S1), R(Fpr::Fs4)}, "d3 14 2a c0", "fcvt.l.s s1, fs4, rtz"},
    {Opcode::FCVT_L_D, Rm::Rtz, {R(Gpr::S1), R(Fpr::Fs4)}, "d3 14 2a c2", "fcvt.l.d s1, fs4, rtz"},
    {Opcode::FCVT_LU_S, Rm::Rtz, {R(Gpr::S1), R(Fpr::Fs4)}, "d3 14 3a c0", "fcvt.lu.s s1, fs4, rtz"},
    {Opcode::FCVT_LU_D, Rm::Rtz, {R(Gpr::S1), R(Fpr::Fs4)}, "d3 14 3a c2", "fcvt.lu.d s1, fs4, rtz"},
    {Opcode::FCVT_S_W, Rm::Rtz, {R(Fpr::Fs1), R(Gpr::S4)}, "d3 14 0a d0", "fcvt.s.w fs1, s4, rtz"},
    {Opcode::FCVT_S_WU, Rm::Rtz, {R(Fpr::Fs1), R(Gpr::S4)}, "d3 14 1a d0", "fcvt.s.wu fs1, s4, rtz"},
    {Opcode::FCVT_S_L, Rm::Rtz, {R(Fpr::Fs1), R(Gpr::S4)}, "d3 14 2a d0", "fcvt.s.l fs1, s4, rtz"},
    {Opcode::FCVT_S_LU, Rm::Rtz, {R(Fpr::Fs1), R(Gpr::S4)}, "d3 14 3a d0", "fcvt.s.lu fs1, s4, rtz"},
    {Opcode::FCVT_D_W, {R(Fpr::Fs1), R(Gpr::S4)}, "d3 04 0a d2", "fcvt.d.w fs1, s4"},
    {Opcode::FCVT_D_WU, {R(Fpr::Fs1), R(Gpr::S4)}, "d3 04 1a d2", "fcvt.d.wu fs1, s4"},
    {Opcode::FCVT_D_L, Rm::Rtz, {R(Fpr::Fs1), R(Gpr::S4)}, "d3 14 2a d2", "fcvt.d.l fs1, s4, rtz"},
    {Opcode::FCVT_D_LU, Rm::Rtz, {R(Fpr::Fs1), R(Gpr::S4)}, "d3 14 3a d2", "fcvt.d.lu fs1, s4, rtz"},
    {Opcode::FCVT_S_D, Rm::Rtz, {R(Fpr::Fs1), R(Fpr::Fs4)}, "d3 14 1a 40", "fcvt.s.d fs1, fs4, rtz"},
    {Opcode::FCVT_D_S, {R(Fpr::Fs1), R(Fpr::Fs4)}, "d3 04 0a 42", "fcvt.d.s fs1, fs4"},
    {Opcode::FMV_X_W, {R(Gpr::S1), R(Fpr::Fs4)}, "d3 04 0a e0", "fmv.x.w s1, fs4"},
    {Opcode::FMV_W_X, {R(Fpr::Fs1), R(Gpr::S4)}, "d3 04 0a f0", "fmv.w.x fs1, s4"},
    {Opcode::FMV_X_D, {R(Gpr::S1), R(Fpr::Fs4)}, "d3 04 0a e2", "fmv.x.d s1, fs4"},
    {Opcode::FMV_D_X, {R(Fpr::Fs1), R(Gpr::S4)}, "d3 04 0a f2", "fmv.d.x fs1, s4"},
    {Opcode::SH1ADD, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 24 7a 20", "sh1add s1, s4, t2"},
    {Opcode::SH2ADD, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 44 7a 20", "sh2add s1, s4, t2"},
    {Opcode::SH3ADD, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 64 7a 20", "sh3add s1, s4, t2"},
    {Opcode::ADD_UW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 04 7a 08", "add.uw s1, s4, t2"},
    {Opcode::SH1ADD_UW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 24 7a 20", "sh1add.uw s1, s4, t2"},
    {Opcode::SH2ADD_UW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 44 7a 20", "sh2add.uw s1, s4, t2"},
    {Opcode::SH3ADD_UW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 64 7a 20", "sh3add.uw s1, s4, t2"},
    {Opcode::SLLI_UW, {R(Gpr::S1), R(Gpr::S4), I(37)}, "9b 14 5a 0a", "slli.uw s1, s4, 37"},
    {Opcode::ANDN, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 74 7a 40", "andn s1, s4, t2"},
    {Opcode::ORN, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 64 7a 40", "orn s1, s4, t2"},
    {Opcode::XNOR, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 44 7a 40", "xnor s1, s4, t2"},
    {Opcode::CLZ, {R(Gpr::S1), R(Gpr::S4)}, "93 14 0a 60", "clz s1, s4"},
    {Opcode::CTZ, {R(Gpr::S1), R(Gpr::S4)}, "93 14 1a 60", "ctz s1, s4"},
    {Opcode::CPOP, {R(Gpr::S1), R(Gpr::S4)}, "93 14 2a 60", "cpop s1, s4"},
    {Opcode::CLZW, {R(Gpr::S1), R(Gpr::S4)}, "9b 14 0a 60", "clzw s1, s4"},
    {Opcode::CTZW, {R(Gpr::S1), R(Gpr::S4)}, "9b 14 1a 60", "ctzw s1, s4"},
    {Opcode::CPOPW, {R(Gpr::S1), R(Gpr::S4)}, "9b 14 2a 60", "cpopw s1, s4"},
    {Opcode::MAX, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 64 7a 0a", "max s1, s4, t2"},
    {Opcode::MAXU, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 74 7a 0a", "maxu s1, s4, t2"},
    {Opcode::MIN, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 44 7a 0a", "min s1, s4, t2"},
    {Opcode::MINU, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 54 7a 0a", "minu s1, s4, t2"},
    {Opcode::SEXT_B, {R(Gpr::S1), R(Gpr::S4)}, "93 14 4a 60", "sext.b s1, s4"},
    {Opcode::SEXT_H, {R(Gpr::S1), R(Gpr::S4)}, "93 14 5a 60", "sext.h s1, s4"},
    {Opcode::ZEXT_H, {R(Gpr::S1), R(Gpr::S4)}, "bb 44 0a 08", "zext.h s1, s4"},
    {Opcode::ROL, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 14 7a 60", "rol s1, s4, t2"},
    {Opcode::ROR, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "b3 54 7a 60", "ror s1, s4, t2"},
    {Opcode::RORI, {R(Gpr::S1), R(Gpr::S4), I(37)}, "93 54 5a 62", "rori s1, s4, 37"},
    {Opcode::ROLW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 14 7a 60", "rolw s1, s4, t2"},
    {Opcode::RORW, {R(Gpr::S1), R(Gpr::S4), R(Gpr::T2)}, "bb 54 7a 60", "rorw s1, s4, t2"},
    {Opcode::RORIW, {R(Gpr::S1), R(Gpr::S4), I(19)}, "9b 54 3a 61", "roriw s1, s4, 19"},
    {Opcode::REV8, {R(Gpr::S1), R(Gpr::S4)}, "93 54 8a 6b", "rev8 s1, s4"},
    {Opcode::ORC_B, {R(Gpr::S1), R(Gpr::S4)}, "93 54 7a 28", "orc.b s1, s4"},
    {Opcode::NOP, {}, "13 00 00 00", "nop"},
    {Opcode::MV, {R(Gpr::S1), R(Gpr::S4)}, "93 04 0a 00", "mv s1, s4"},
    {Opcode::NOT, {R(Gpr::S1), R(Gpr::S4)}, "93 44 fa ff", "not s1, s4"},
    {Opcode::NEG, {R(Gpr::S1), R(Gpr::S4)}, "b3 04 40 41", "neg s1, s4"},
    {Opcode::NEGW, {R(Gpr::S1), R(Gpr::S4)}, "bb 04 40 41", "negw s1, s4"},
    {Opcode::SEXT_W, {R(Gpr::S1), R(Gpr::S4)}, "9b 04 0a 00", "sext.w s1, s4"},
    {Opcode::SEQZ, {R(Gpr::S1), R(Gpr::S4)}, "93 34 1a 00", "seqz s1, s4"},
    {Opcode::SNEZ, {R(Gpr::S1), R(Gpr::S4)}, "b3 34 40 01", "snez s1, s4"},
    {Opcode::SLTZ, {R(Gpr::S1), R(Gpr::S4)}, "b3 24 0a 00", "sltz s1, s4"},
    {Opcode::SGTZ, {R(Gpr::S1), R(Gpr::S4)}, "b3 24 40 01", "sgtz s1, s4"},
    {Opcode::BEQZ, {R(Gpr::S1), Operand::rel(-2000)}, "e3 88 04 82", "beqz s1, -2000"},
    {Opcode::BNEZ, {R(Gpr::S1), Operand::rel(-2000)}, "e3 98 04 82", "bnez s1, -2000"},
    {Opcode::BLTZ, {R(Gpr::S1), Operand::rel(-2000)}, "e3 c8 04 82", "bltz s1, -2000"},
    {Opcode::BGEZ, {R(Gpr::S1), Operand::rel(-2000)}, "e3 d8 04 82", "bgez s1, -2000"},
    {Opcode::BLEZ, {R(Gpr::S1), Operand::rel(-2000)}, "e3 58 90 82", "blez s1, -2000"},
    {Opcode::BGTZ, {R(Gpr::S1), Operand::rel(-2000)}, "e3 48 90 82", "bgtz s1, -2000"},
    {Opcode::J, {Operand::rel(74564)}, "6f 20 41 34", "j 74564"},
    {Opcode::JR, {R(Gpr::S1)}, "67 80 04 00", "jr s1"},
    {Opcode::RET, {}, "67 80 00 00", "ret"},
    {Opcode::FMV_S, {R(Fpr::Fs1), R(Fpr::Fs4)}, "d3 04 4a 21", "fmv.s fs1, fs4"},
    {Opcode::FNEG_S, {R(Fpr::Fs1), R(Fpr::Fs4)}, "d3 14 4a 21", "fneg.s fs1, fs4"},
    {Opcode::FABS_S, {R(Fpr::Fs1), R(Fpr::Fs4)}, "d3 24 4a 21", "fabs.s fs1, fs4"},
    {Opcode::FMV_D, {R(Fpr::Fs1), R(Fpr::Fs4)}, "d3 04 4a 23", "fmv.d fs1, fs4"},
    {Opcode::FNEG_D, {R(Fpr::Fs1), R(Fpr::Fs4)}, "d3 14 4a 23", "fneg.d fs1, fs4"},
    {Opcode::FABS_D, {R(Fpr::Fs1), R(Fpr::Fs4)}, "d3 24 4a 23", "fabs.d fs1, fs4"},
    {Opcode::ZEXT_W, {R(Gpr::S1), R(Gpr::S4)}, "bb 04 0a 08", "zext.w s1, s4"},
};

Inst instOf(const FormCase& c) {
  std::array<Operand, 3> ops{};
  for (size_t i = 0; i < c.ops.size() && i < 3; ++i)
    ops[i] = c.ops[i];
  return Inst(c.op, c.rm, ops);
}

} // namespace

TEST(RV64EncoderTest, EveryFormHasACase) {
  std::set<Opcode> covered;
  for (const FormCase& c : kFormCases)
    covered.insert(c.op);
  for (unsigned op = 0; op < kNumOpcodes; ++op)
    EXPECT_TRUE(covered.count(Opcode(op))) << "no EncoderTest case for " << desc(Opcode(op)).id;
}

TEST(RV64EncoderTest, FormCasesEncodeAndPrint) {
  for (const FormCase& c : kFormCases) {
    const Inst inst = instOf(c);
    ASSERT_EQ(c.ops.size(), desc(c.op).numOperands) << desc(c.op).id;
    ASSERT_EQ(Encoder::check(inst), "") << desc(c.op).id;
    EXPECT_EQ(bytesOf(inst), c.bytes) << desc(c.op).id;
    EXPECT_EQ(printInst(inst), c.text) << desc(c.op).id;
  }
}

// LLVM prints an alias whenever the operand values allow one, with its own
// priorities (sltz before sgtz, blez before bgez, li before mv).
TEST(RV64EncoderTest, LlvmAliasChoicesFromOperandValues) {
  const Operand zero = R(Gpr::Zero);
  auto text = [](Opcode op, std::initializer_list<Operand> ops) { return printInst(Inst(op, ops)); };
  EXPECT_EQ(text(Opcode::ADDI, {zero, zero, I(0)}), "nop");
  EXPECT_EQ(text(Opcode::ADDI, {zero, zero, I(5)}), "li zero, 5");
  EXPECT_EQ(text(Opcode::ADDI, {R(Gpr::A0), zero, I(0)}), "li a0, 0");
  EXPECT_EQ(text(Opcode::MV, {R(Gpr::A0), zero}), "li a0, 0");
  EXPECT_EQ(text(Opcode::ADDI, {zero, R(Gpr::A0), I(0)}), "mv zero, a0");
  EXPECT_EQ(text(Opcode::ADDI, {R(Gpr::A0), R(Gpr::A1), I(-2048)}), "addi a0, a1, -2048");
  EXPECT_EQ(text(Opcode::ADDIW, {R(Gpr::T0), zero, I(0)}), "sext.w t0, zero");
  EXPECT_EQ(text(Opcode::ADDIW, {R(Gpr::A0), zero, I(5)}), "addiw a0, zero, 5");
  EXPECT_EQ(text(Opcode::XORI, {R(Gpr::A0), zero, I(-1)}), "not a0, zero");
  EXPECT_EQ(text(Opcode::SLTIU, {R(Gpr::A0), R(Gpr::A1), I(-1)}), "sltiu a0, a1, -1");
  EXPECT_EQ(text(Opcode::SLT, {R(Gpr::A0), zero, zero}), "sltz a0, zero");
  EXPECT_EQ(text(Opcode::SLT, {R(Gpr::A0), zero, R(Gpr::A1)}), "sgtz a0, a1");
  EXPECT_EQ(text(Opcode::SUB, {R(Gpr::A0), R(Gpr::A1), zero}), "sub a0, a1, zero");
  EXPECT_EQ(text(Opcode::ADD, {zero, zero, zero}), "add zero, zero, zero");
  EXPECT_EQ(text(Opcode::ADD_UW, {R(Gpr::A0), zero, zero}), "zext.w a0, zero");
  EXPECT_EQ(text(Opcode::BGE, {zero, zero, Operand::rel(8)}), "blez zero, 8");
  EXPECT_EQ(text(Opcode::BLT, {zero, zero, Operand::rel(8)}), "bltz zero, 8");
  EXPECT_EQ(text(Opcode::BEQ, {zero, zero, Operand::rel(4094)}), "beqz zero, 4094");
  EXPECT_EQ(text(Opcode::BLTU, {zero, R(Gpr::A0), Operand::rel(-8)}), "bltu zero, a0, -8");
  EXPECT_EQ(text(Opcode::JAL, {R(Gpr::Ra), Operand::rel(8)}), "jal 8");
  EXPECT_EQ(text(Opcode::JAL, {R(Gpr::T0), Operand::rel(2)}), "jal t0, 2");
  EXPECT_EQ(text(Opcode::JALR, {R(Gpr::Ra), M(Mem::at(Gpr::A0))}), "jalr a0");
  EXPECT_EQ(text(Opcode::JALR, {R(Gpr::Ra), M(Mem::at(Gpr::Zero, -16))}), "jalr -16(zero)");
  EXPECT_EQ(text(Opcode::JALR, {R(Gpr::T0), M(Mem::at(Gpr::A0))}), "jalr t0, a0");
  EXPECT_EQ(text(Opcode::JALR, {zero, M(Mem::at(Gpr::Ra, 16))}), "jr 16(ra)");
  EXPECT_EQ(text(Opcode::JALR, {zero, M(Mem::at(Gpr::Ra))}), "ret");
  EXPECT_EQ(text(Opcode::JR, {R(Gpr::Ra)}), "ret");
  EXPECT_EQ(text(Opcode::FSGNJ_S, {R(Fpr::Ft0), R(Fpr::Fa1), R(Fpr::Fa1)}), "fmv.s ft0, fa1");
  EXPECT_EQ(text(Opcode::FSGNJN_D, {R(Fpr::Fa0), R(Fpr::Fa1), R(Fpr::Fa1)}), "fneg.d fa0, fa1");
  EXPECT_EQ(text(Opcode::FSGNJX_D, {R(Fpr::Fa0), R(Fpr::Fa1), R(Fpr::Fa2)}), "fsgnjx.d fa0, fa1, fa2");
  EXPECT_EQ(text(Opcode::FENCE, {Operand::fence(kFenceAll), Operand::fence(kFenceR | kFenceW)}), "fence iorw, rw");
  EXPECT_EQ(text(Opcode::FENCE, {Operand::fence(kFenceAll), Operand::fence(kFenceAll)}), "fence");
  EXPECT_EQ(text(Opcode::FENCE, {Operand::fence(kFenceI), Operand::fence(kFenceO)}), "fence i, o");
  // Aliases encode as their base form.
  EXPECT_EQ(expandAlias(Inst(Opcode::BGTZ, {R(Gpr::A0), Operand::rel(8)})).op, Opcode::BLT);
  EXPECT_EQ(bytesOf(Inst(Opcode::SEXT_W, {R(Gpr::A0), R(Gpr::A1)})),
            bytesOf(Inst(Opcode::ADDIW, {R(Gpr::A0), R(Gpr::A1), I(0)})));
  EXPECT_EQ(bytesOf(Inst(Opcode::NOP)), "13 00 00 00");
  EXPECT_EQ(bytesOf(Inst(Opcode::UNIMP)), "73 10 00 c0"); // csrrw zero, cycle, zero
}

TEST(RV64EncoderTest, RoundingModes) {
  const char* expected[] = {"fcvt.w.d a0, fa1, rne", "fcvt.w.d a0, fa1, rtz",
                            "fcvt.w.d a0, fa1, rdn", "fcvt.w.d a0, fa1, rup",
                            "fcvt.w.d a0, fa1, rmm"};
  for (unsigned r = 0; r < 5; ++r) {
    const Inst i(Opcode::FCVT_W_D, Rm(r), {R(Gpr::A0), R(Fpr::Fa1)});
    EXPECT_EQ(Encoder::check(i), "");
    EXPECT_EQ(printInst(i), expected[r]);
    EXPECT_EQ((encodeWord(i) >> 12) & 7, r);
  }
  const Inst dyn(Opcode::FCVT_W_D, {R(Gpr::A0), R(Fpr::Fa1)});
  EXPECT_EQ(printInst(dyn), "fcvt.w.d a0, fa1");
  EXPECT_EQ((encodeWord(dyn) >> 12) & 7, 7u);
  // rm 5 and 6 are reserved (LLVM refuses to decode them).
  EXPECT_NE(Encoder::check(Inst(Opcode::FADD_S, Rm(5), {R(Fpr::F0), R(Fpr::F1), R(Fpr::F2)})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::FADD_S, Rm(6), {R(Fpr::F0), R(Fpr::F1), R(Fpr::F2)})), "");
  // Forms without an rm field refuse one: fmin, feq, and the exact conversions
  // LLVM 14 fixes to rm = 000 (fcvt.d.w, fcvt.d.wu, fcvt.d.s).
  for (Opcode op : {Opcode::FCVT_D_W, Opcode::FCVT_D_WU, Opcode::FCVT_D_S, Opcode::FMIN_D}) {
    EXPECT_FALSE(desc(op).flags & kRm) << desc(op).id;
    Inst i(op, Rm::Dyn, std::array<Operand, 3>{R(Fpr::F0), R(Fpr::F1), R(Fpr::F2)});
    EXPECT_EQ(Encoder::check(i), "") << desc(op).id;
    i.rm = Rm::Rtz;
    EXPECT_NE(Encoder::check(i), "") << desc(op).id;
  }
  EXPECT_EQ((encodeWord(Inst(Opcode::FCVT_D_W, {R(Fpr::F0), R(Gpr::A0)})) >> 12) & 7, 0u);
  // The alias carries the rounding mode of nothing: fmv.d has none.
  EXPECT_EQ(rmName(Rm::Dyn), "dyn");
}

TEST(RV64EncoderTest, ExtensionsAndFeatures) {
  EXPECT_EQ(desc(Opcode::ADDIW).ext, Ext::I);
  EXPECT_EQ(desc(Opcode::DIVUW).ext, Ext::M);
  EXPECT_EQ(desc(Opcode::FLW).ext, Ext::F);
  EXPECT_EQ(desc(Opcode::FCVT_S_D).ext, Ext::D);
  EXPECT_EQ(desc(Opcode::SH3ADD_UW).ext, Ext::Zba);
  EXPECT_EQ(desc(Opcode::ZEXT_W).ext, Ext::Zba); // alias of add.uw
  EXPECT_EQ(desc(Opcode::REV8).ext, Ext::Zbb);
  const Features base{};
  EXPECT_TRUE(isAvailable(Opcode::MUL, base));
  EXPECT_TRUE(isAvailable(Opcode::FSQRT_D, base));
  EXPECT_FALSE(isAvailable(Opcode::SH1ADD, base));
  EXPECT_FALSE(isAvailable(Opcode::CPOP, base));
  EXPECT_TRUE(isAvailable(Opcode::SH1ADD, Features{true, false}));
  EXPECT_FALSE(isAvailable(Opcode::CPOP, Features{true, false}));
  EXPECT_TRUE(isAvailable(Opcode::CPOP, Features::all()));
  unsigned zba = 0, zbb = 0;
  for (unsigned op = 0; op < kNumOpcodes; ++op) {
    zba += desc(Opcode(op)).ext == Ext::Zba;
    zbb += desc(Opcode(op)).ext == Ext::Zbb;
  }
  EXPECT_EQ(zba, 9u); // 8 forms + zext.w
  EXPECT_EQ(zbb, 24u);
  EXPECT_EQ(opcodeByName("SH1ADD_UW"), Opcode::SH1ADD_UW);
  EXPECT_FALSE(opcodeByName("C_ADDI"));
}

TEST(RV64EncoderTest, LabelsResolveForwardAndBackward) {
  Encoder e;
  const Label top = e.newLabel(), out = e.newLabel(), data = e.newLabel();
  e.bind(top);                                                                   // 0
  e.emit(Inst(Opcode::BEQ, {R(Gpr::A0), R(Gpr::A1), Operand::to(out)}));          // 0: +24
  e.emit(Inst(Opcode::BNEZ, {R(Gpr::A2), Operand::to(top)}));                     // 4: -4
  e.emit(Inst(Opcode::JAL, {R(Gpr::Ra), Operand::to(out)}));                      // 8: +16
  e.emit(Inst(Opcode::J, {Operand::to(top)}));                                    // 12: -12
  EXPECT_EQ(e.emitLoadAddress(Gpr::T0, Target{Target::Kind::Label, {}, data.id}), 16u); // +12
  e.bind(out);
  e.emit(Inst(Opcode::RET));                                                      // 24
  e.bind(data);                                                                   // 28
  std::string error;
  ASSERT_TRUE(e.finalize(&error)) << error;
  // beq a0, a1, 24 | bnez a2, -4 | jal 16 | j -12 | auipc t0, 0 | addi t0, t0, 12 | ret
  EXPECT_EQ(hex(e.bytes()), "63 0c b5 00 e3 1e 06 fe ef 00 00 01 6f f0 5f ff "
                            "97 02 00 00 93 82 c2 00 67 80 00 00");
  EXPECT_TRUE(e.relocations().empty());
}

// The hi20 rounds up when the low 12 bits are 0x800 or more, so that the
// sign-extended lo12 brings the sum back (auipc t1, 1; jr -2040(t1)).
TEST(RV64EncoderTest, AuipcPairsSplitHiLo) {
  Encoder e;
  const Label far = e.newLabel(), data = e.newLabel();
  e.emitCall(Gpr::Zero, Gpr::T1, Target{Target::Kind::Label, {}, far.id});       // 0
  const Label ld = e.newLabel();
  e.bind(ld);
  e.emit(Inst(Opcode::AUIPC, {R(Gpr::A0), Operand::pcrelHi(data)}));              // 8
  e.emit(Inst(Opcode::LD, {R(Gpr::A0), M(Mem::pcrelLo(Gpr::A0, ld))}));          // 12
  e.emit(Inst(Opcode::NOP));                                                      // 16
  e.bind(data);                                                                   // 20: +12
  for (int i = 0; i < 509; ++i)
    e.emitData(0);
  e.bind(far);                                                                    // 2056: +2056
  std::string error;
  ASSERT_TRUE(e.finalize(&error)) << error;
  // auipc t1, 1 | jr -2040(t1) | auipc a0, 0 | ld a0, 12(a0)
  EXPECT_EQ(hex(std::vector<uint8_t>(e.bytes().begin(), e.bytes().begin() + 12)),
            "17 13 00 00 67 00 83 80 17 05 00 00");
  EXPECT_EQ(e.wordAt(12), 0x00853503u | (4u << 20)); // ld a0, 12(a0)
  for (int64_t d : {int64_t(0), int64_t(2047), int64_t(2048), int64_t(-2048), int64_t(-2049),
                    int64_t(0x7FFFF7FF), -int64_t(0x80000800), int64_t(0x12345FFF)}) {
    const HiLo hl = splitHiLo(d);
    EXPECT_GE(hl.lo, -2048);
    EXPECT_LE(hl.lo, 2047);
    // auipc adds sext(hi << 12); the I-type instruction adds sext(lo).
    EXPECT_EQ(int64_t(int32_t(hl.hi << 12)) + hl.lo, d) << d;
  }
  EXPECT_TRUE(branchRange(Fixup::Kind::PcrelHi20).contains(0x7FFFF7FF));
  EXPECT_FALSE(branchRange(Fixup::Kind::PcrelHi20).contains(0x7FFFF800));
  EXPECT_TRUE(branchRange(Fixup::Kind::PcrelHi20).contains(-int64_t(0x80000800)));
  EXPECT_FALSE(branchRange(Fixup::Kind::PcrelHi20).contains(-int64_t(0x80000801)));
}

TEST(RV64EncoderTest, OutOfRangeBranchesAreReported) {
  Encoder e;
  const Label back = e.newLabel(), far = e.newLabel(), near = e.newLabel();
  e.bind(back);
  for (int i = 0; i < 1024; ++i)                                        // 4 KiB of nops
    e.emit(Inst(Opcode::NOP));
  e.emit(Inst(Opcode::BGEU, {R(Gpr::A0), R(Gpr::A1), Operand::to(back)})); // 4096: -4096 fits
  e.emit(Inst(Opcode::BEQ, {R(Gpr::A0), R(Gpr::A1), Operand::to(far)}));   // 4100: +4096 does not
  e.emit(Inst(Opcode::JAL, {R(Gpr::Zero), Operand::to(near)}));            // 4104: +4088
  for (int i = 0; i < 1021; ++i)
    e.emit(Inst(Opcode::NOP));
  e.bind(near);                                                            // 8192
  e.emit(Inst(Opcode::NOP));
  e.bind(far);                                                             // 8196
  std::string error;
  std::vector<OutOfRange> bad;
  EXPECT_FALSE(e.finalize(&error, &bad));
  EXPECT_NE(error.find("out of range"), std::string::npos);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].fixup.kind, Fixup::Kind::Branch13);
  EXPECT_EQ(bad[0].fixup.offset, 4100u);
  EXPECT_EQ(bad[0].displacement, 4096);
  EXPECT_EQ(printInst(Inst(Opcode::BGEU, {R(Gpr::A0), R(Gpr::A1), Operand::rel(-4096)})), "bgeu a0, a1, -4096");
  EXPECT_EQ(e.wordAt(4096), encodeWord(Inst(Opcode::BGEU, {R(Gpr::A0), R(Gpr::A1), Operand::rel(-4096)})));
  EXPECT_EQ(e.wordAt(4104), encodeWord(Inst(Opcode::J, {Operand::rel(4088)})));
  EXPECT_EQ(e.wordAt(4100), encodeWord(Inst(Opcode::BEQ, {R(Gpr::A0), R(Gpr::A1), Operand::rel(0)})));
  // The ranges a relaxation pass plans with.
  EXPECT_TRUE(branchRange(Fixup::Kind::Branch13).contains(4094));
  EXPECT_FALSE(branchRange(Fixup::Kind::Branch13).contains(4096));
  EXPECT_TRUE(branchRange(Fixup::Kind::Branch13).contains(-4096));
  EXPECT_FALSE(branchRange(Fixup::Kind::Branch13).contains(-4098));
  EXPECT_FALSE(branchRange(Fixup::Kind::Branch13).contains(3));
  EXPECT_TRUE(branchRange(Fixup::Kind::Jal21).contains((1 << 20) - 2));
  EXPECT_FALSE(branchRange(Fixup::Kind::Jal21).contains(1 << 20));
  EXPECT_TRUE(branchRange(Fixup::Kind::Jal21).contains(-(1 << 20)));
  // Explicit displacements are checked by check().
  EXPECT_NE(Encoder::check(Inst(Opcode::BNE, {R(Gpr::A0), R(Gpr::A1), Operand::rel(4096)})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::BNE, {R(Gpr::A0), R(Gpr::A1), Operand::rel(7)})), "");
  EXPECT_EQ(Encoder::check(Inst(Opcode::BNE, {R(Gpr::A0), R(Gpr::A1), Operand::rel(2)})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::J, {Operand::rel(1 << 20)})), "");
  EXPECT_EQ(Encoder::check(Inst(Opcode::J, {Operand::rel(-(1 << 20))})), "");
  {
    Encoder u;
    const Label never = u.newLabel();
    u.emit(Inst(Opcode::J, {Operand::to(never)}));
    EXPECT_FALSE(u.finalize(&error));
    EXPECT_NE(error.find("never bound"), std::string::npos);
  }
}

TEST(RV64EncoderTest, SymbolsBecomeRelocations) {
  Encoder e;
  e.emit(Inst(Opcode::NOP));
  EXPECT_EQ(e.emitCall(Gpr::Ra, Gpr::Ra, Target{Target::Kind::Symbol, {}, 7}), 4u);  // 4, 8
  EXPECT_EQ(e.emitLoadAddress(Gpr::A0, Target{Target::Kind::Symbol, {}, 3}), 12u);   // 12, 16
  const Label hi = e.newLabel();
  e.bind(hi);
  e.emit(Inst(Opcode::AUIPC, {R(Gpr::A1), Operand::pcrelHiSymbol(5)}));             // 20
  e.emit(Inst(Opcode::LW, {R(Gpr::A2), M(Mem::pcrelLo(Gpr::A1, hi))}));              // 24
  e.emit(Inst(Opcode::FLD, {R(Fpr::Fa0), M(Mem::pcrelLo(Gpr::A1, hi))}));            // 28
  std::string error;
  ASSERT_TRUE(e.finalize(&error)) << error;
  ASSERT_EQ(e.relocations().size(), 6u);
  const Fixup::Kind kinds[] = {Fixup::Kind::Call, Fixup::Kind::PcrelHi20, Fixup::Kind::PcrelLo12I,
                               Fixup::Kind::PcrelHi20, Fixup::Kind::PcrelLo12I,
                               Fixup::Kind::PcrelLo12I};
  const uint32_t offsets[] = {4, 12, 16, 20, 24, 28};
  for (unsigned i = 0; i < 6; ++i) {
    EXPECT_EQ(e.relocations()[i].kind, kinds[i]) << i;
    EXPECT_EQ(e.relocations()[i].offset, offsets[i]) << i;
  }
  EXPECT_EQ(e.relocations()[0].target.kind, Target::Kind::Symbol);
  EXPECT_EQ(e.relocations()[0].target.id, 7u);
  EXPECT_EQ(e.relocations()[1].target.id, 3u);
  // PCREL_LO12_I names the label at the auipc, not the symbol.
  EXPECT_EQ(e.relocations()[2].target.kind, Target::Kind::Label);
  EXPECT_EQ(e.labelOffset(Label{e.relocations()[2].target.id}), 12u);
  EXPECT_EQ(e.relocations()[4].target.id, hi.id);
  // The fields are left 0 for the linker: auipc ra, 0 | jalr ra | auipc a0, 0 | addi a0, a0, 0.
  EXPECT_EQ(hex(std::vector<uint8_t>(e.bytes().begin() + 4, e.bytes().begin() + 20)),
            "97 00 00 00 e7 80 00 00 17 05 00 00 13 05 05 00");
  EXPECT_EQ(printInst(Inst(Opcode::AUIPC, {R(Gpr::Ra), Operand::callSymbol(7)})), "auipc ra, %call(sym7)");
  EXPECT_EQ(printInst(Inst(Opcode::AUIPC, {R(Gpr::A0), Operand::pcrelHiSymbol(3)})), "auipc a0, %pcrel_hi(sym3)");
  EXPECT_EQ(printInst(Inst(Opcode::ADDI, {R(Gpr::A0), R(Gpr::A0), Operand::pcrelLo(hi)})),
            "addi a0, a0, %pcrel_lo(.L" + std::to_string(hi.id) + ")");
  EXPECT_EQ(printInst(Inst(Opcode::LW, {R(Gpr::A2), M(Mem::pcrelLo(Gpr::A1, hi))})),
            "lw a2, %pcrel_lo(.L" + std::to_string(hi.id) + ")(a1)");
}

TEST(RV64EncoderTest, PcrelPairsAreValidated) {
  std::string error;
  { // %pcrel_lo whose label is not at an auipc
    Encoder e;
    const Label l = e.newLabel();
    e.bind(l);
    e.emit(Inst(Opcode::NOP));
    e.emit(Inst(Opcode::ADDI, {R(Gpr::A0), R(Gpr::A0), Operand::pcrelLo(l)}));
    EXPECT_FALSE(e.finalize(&error));
    EXPECT_NE(error.find("does not mark an auipc"), std::string::npos) << error;
  }
  { // a call's auipc without its jalr
    Encoder e;
    const Label l = e.newLabel();
    e.emit(Inst(Opcode::AUIPC, {R(Gpr::Ra), Operand::call(l)}));
    e.emit(Inst(Opcode::NOP));
    e.bind(l);
    EXPECT_FALSE(e.finalize(&error));
    EXPECT_NE(error.find("not followed by its jalr"), std::string::npos) << error;
  }
  { // ... also to a symbol (R_RISCV_CALL_PLT patches both words)
    Encoder e;
    e.emit(Inst(Opcode::AUIPC, {R(Gpr::T1), Operand::callSymbol(2)}));
    e.emit(Inst(Opcode::JALR, {R(Gpr::Zero), M(Mem::at(Gpr::T2))})); // not t1
    EXPECT_FALSE(e.finalize(&error));
    EXPECT_NE(error.find("not followed by its jalr"), std::string::npos) << error;
  }
  { // a call pair to a local label is patched in both words
    Encoder e;
    const Label l = e.newLabel();
    e.emitCall(Gpr::Ra, Gpr::Ra, Target{Target::Kind::Label, {}, l.id});
    e.bind(l);
    ASSERT_TRUE(e.finalize(&error)) << error;
    EXPECT_EQ(hex(e.bytes()), "97 00 00 00 e7 80 80 00"); // auipc ra, 0 | jalr 8(ra)
  }
  auto bad = [](const Inst& i) { return !Encoder::check(i).empty(); };
  Encoder f;
  const Label l = f.newLabel();
  // No relocation types for these fields in lib/object/Relocations.def.
  EXPECT_TRUE(bad(Inst(Opcode::SW, {R(Gpr::A0), M(Mem::pcrelLo(Gpr::A1, l))})));   // PCREL_LO12_S
  EXPECT_TRUE(bad(Inst(Opcode::FSD, {R(Fpr::Fa0), M(Mem::pcrelLo(Gpr::A1, l))})));
  EXPECT_TRUE(bad(Inst(Opcode::LUI, {R(Gpr::A0), Operand::pcrelHiSymbol(1)})));      // HI20
  Operand sym;
  sym.target = {Target::Kind::Symbol, Target::Use::Direct, 1};
  EXPECT_TRUE(bad(Inst(Opcode::BEQ, {R(Gpr::A0), R(Gpr::A1), sym})));                // BRANCH
  EXPECT_TRUE(bad(Inst(Opcode::JAL, {R(Gpr::Ra), sym})));                            // JAL
  // Wrong uses.
  EXPECT_TRUE(bad(Inst(Opcode::SLTI, {R(Gpr::A0), R(Gpr::A0), Operand::pcrelLo(l)})));
  EXPECT_TRUE(bad(Inst(Opcode::AUIPC, {R(Gpr::A0), Operand::to(l)})));
  EXPECT_TRUE(bad(Inst(Opcode::JAL, {R(Gpr::Ra), Operand::pcrelHi(l)})));
  EXPECT_TRUE(bad(Inst(Opcode::ADDI, {R(Gpr::A0), R(Gpr::A0), Operand::pcrelHi(l)})));
  EXPECT_FALSE(bad(Inst(Opcode::JALR, {R(Gpr::Ra), M(Mem::pcrelLo(Gpr::Ra, l))})));
  EXPECT_FALSE(bad(Inst(Opcode::FLW, {R(Fpr::Fa0), M(Mem::pcrelLo(Gpr::A1, l))})));
}

TEST(RV64EncoderTest, CheckRejectsMalformedOperands) {
  auto bad = [](const Inst& i) { return !Encoder::check(i).empty(); };
  const Operand a0 = R(Gpr::A0), a1 = R(Gpr::A1);
  EXPECT_TRUE(bad(Inst(Opcode::ADDI, {a0, a1, I(2048)})));
  EXPECT_TRUE(bad(Inst(Opcode::ADDI, {a0, a1, I(-2049)})));
  EXPECT_FALSE(bad(Inst(Opcode::ADDI, {a0, a1, I(2047)})));
  EXPECT_FALSE(bad(Inst(Opcode::ANDI, {a0, a1, I(-2048)})));
  EXPECT_TRUE(bad(Inst(Opcode::SLLI, {a0, a1, I(64)})));
  EXPECT_FALSE(bad(Inst(Opcode::SRAI, {a0, a1, I(63)})));
  EXPECT_TRUE(bad(Inst(Opcode::SLLIW, {a0, a1, I(32)})));
  EXPECT_TRUE(bad(Inst(Opcode::RORIW, {a0, a1, I(32)})));
  EXPECT_FALSE(bad(Inst(Opcode::SLLI_UW, {a0, a1, I(63)})));
  EXPECT_TRUE(bad(Inst(Opcode::SRLI, {a0, a1, I(-1)})));
  EXPECT_TRUE(bad(Inst(Opcode::LUI, {a0, I(0x100000)})));
  EXPECT_TRUE(bad(Inst(Opcode::LUI, {a0, I(-1)})));
  EXPECT_FALSE(bad(Inst(Opcode::AUIPC, {a0, I(0xFFFFF)})));
  EXPECT_TRUE(bad(Inst(Opcode::LD, {a0, M(Mem::at(Gpr::A1, 2048))})));
  EXPECT_TRUE(bad(Inst(Opcode::SD, {a0, M(Mem::at(Gpr::A1, -2049))})));
  EXPECT_FALSE(bad(Inst(Opcode::SD, {a0, M(Mem::at(Gpr::Sp, -2048))})));
  EXPECT_TRUE(bad(Inst(Opcode::FENCE, {Operand::fence(0), Operand::fence(kFenceAll)})));
  EXPECT_TRUE(bad(Inst(Opcode::FENCE, {Operand::fence(kFenceAll), Operand::fence(16)})));
  Operand x32, f32;
  x32.reg = 32;
  f32.reg = 32;
  EXPECT_TRUE(bad(Inst(Opcode::ADD, {a0, a1, x32})));
  EXPECT_TRUE(bad(Inst(Opcode::FADD_D, {R(Fpr::F0), R(Fpr::F1), f32})));
  EXPECT_TRUE(bad(Inst(Opcode::LW, {a0, M(Mem::at(Gpr(32), 0))})));
  EXPECT_TRUE(bad(Inst(Opcode::MV, {a0, x32}))); // through the alias's own slots
}

namespace {

// The value a sequence leaves in rd, by the manual's semantics of each
// instruction (independent of how materialize() chose it).
uint64_t run(const std::vector<Inst>& seq, Gpr rd, Features f) {
  uint64_t x[32] = {};
  for (unsigned i = 1; i < 32; ++i)
    x[i] = 0xDEADBEEFDEADBEEFull * i;
  auto sext32 = [](uint64_t v) { return uint64_t(int64_t(int32_t(uint32_t(v)))); };
  for (const Inst& i : seq) {
    EXPECT_EQ(Encoder::check(i), "") << desc(i.op).id;
    EXPECT_TRUE(isAvailable(i.op, f)) << desc(i.op).id;
    const unsigned d = i.ops[0].reg, s1 = i.ops[1].reg, s2 = i.ops[2].reg;
    const uint64_t a = x[s1 & 31], imm = uint64_t(i.ops[2].imm);
    EXPECT_EQ(d, unsigned(rd)) << "writes another register";
    uint64_t r = 0;
    switch (i.op) {
    case Opcode::ADDI: r = a + imm; break;
    case Opcode::ADDIW: r = sext32(a + imm); break;
    case Opcode::XORI: r = a ^ imm; break;
    case Opcode::LUI: r = sext32(uint64_t(i.ops[1].imm) << 12); break;
    case Opcode::SLLI: r = a << imm; break;
    case Opcode::SRLI: r = a >> imm; break;
    case Opcode::SRAI: r = uint64_t(int64_t(a) >> imm); break;
    case Opcode::ADD_UW: r = (a & 0xFFFFFFFFull) + x[s2]; break;
    case Opcode::SLLI_UW: r = (a & 0xFFFFFFFFull) << imm; break;
    case Opcode::SH1ADD: r = (a << 1) + x[s2]; break;
    case Opcode::SH2ADD: r = (a << 2) + x[s2]; break;
    case Opcode::SH3ADD: r = (a << 3) + x[s2]; break;
    case Opcode::RORI: r = std::rotr(a, int(imm)); break;
    default: ADD_FAILURE() << "unexpected " << desc(i.op).id; break;
    }
    if (d)
      x[d] = r;
  }
  return x[unsigned(rd)];
}

// li a0, <value> expanded by llvm-mc-14 -triple=riscv64 (-mattr=+m, and
// -mattr=+m,+zba,+zbb): its instruction counts, from a sample of 2825 biased
// random values on which materialize() was never longer (and with Zba/Zbb
// shorter on 174).
struct LlvmLi {
  int64_t value;
  unsigned base, zb;
};
const LlvmLi kLlvmLi[] = {
    {INT64_MIN, 2, 2},
    {-9223336251028062208ll, 7, 7},
    {-9223291860895334400ll, 7, 7},
    {-9213147289791954944ll, 7, 7},
    {-9194722979600465921ll, 8, 8},
    {-9173832443174387713ll, 7, 7},
    {-9172895919680296180ll, 8, 8},
    {-9113315317173780481ll, 7, 7},
    {-9111318509995229184ll, 7, 7},
    {-9093238238623519744ll, 8, 8},
    {-9091156646256124887ll, 8, 8},
    {-9041858624684976228ll, 8, 8},
    {-8976318074450260112ll, 8, 8},
    {-8975392582054777236ll, 7, 7},
    {-8945674200413110272ll, 3, 3},
    {-8926697407341221809ll, 7, 7},
    {-8878002237033839767ll, 7, 7},
    {-8829070786395693528ll, 8, 8},
    {-8801086622502253353ll, 8, 8},
    {-8766288787110297600ll, 7, 7},
    {-8656481436355136481ll, 7, 7},
    {-8631833618704957440ll, 7, 7},
    {-8607223308826509048ll, 7, 7},
    {-8602687545868977922ll, 8, 8},
    {-8601593810489963138ll, 7, 7},
    {-8596876557914416514ll, 8, 8},
    {-8565339744351223809ll, 8, 8},
    {-8492100050874059204ll, 7, 7},
    {-8450407651015465495ll, 8, 8},
    {-8448866731217321985ll, 8, 8},
    {-8431864403333790687ll, 7, 7},
    {-8420042450957780742ll, 7, 7},
    {-8409295414498876919ll, 8, 8},
    {-8365436306885490063ll, 7, 7},
    {-8319147594731880449ll, 8, 8},
    {-8318050508658064679ll, 8, 8},
    {-8287863574253291489ll, 8, 8},
    {-8186763789662116953ll, 8, 8},
    {-8117456851222629819ll, 7, 7},
    {-8110338648572314595ll, 8, 8},
    {-8103716914518059200ll, 8, 8},
    {-8060580870378946561ll, 7, 7},
    {-7991064318687204107ll, 8, 8},
    {-7765155735633133568ll, 2, 2},
    {-7412963194680929521ll, 6, 6},
    {-7108353136112211534ll, 6, 6},
    {-6877639241858678785ll, 8, 8},
    {-6665235422376517124ll, 7, 7},
    {-6355364310205601858ll, 6, 6},
    {-6109014074277067226ll, 6, 6},
    {-5870723588588961793ll, 7, 7},
    {-5650891632443129856ll, 2, 2},
    {-5379366241698510791ll, 8, 8},
    {-5141984870255323203ll, 6, 6},
    {-4827859880457011200ll, 5, 5},
    {-4611703610613432320ll, 2, 2},
    {-4353753720090198017ll, 8, 8},
    {-4083693078267756544ll, 7, 7},
    {-3839683406578939713ll, 8, 8},
    {-3456219664093318613ll, 6, 6},
    {-3247095331334512128ll, 5, 5},
    {-2974756252166127616ll, 5, 5},
    {-2757626452961701682ll, 6, 6},
    {-2481681523239669636ll, 8, 8},
    {-2289254640084722368ll, 8, 8},
    {-1939644064513081713ll, 5, 5},
    {-1616615614174724097ll, 6, 6},
    {-1408500787496857828ll, 7, 7},
    {-1124135434902634497ll, 6, 6},
    {-871220113319498879ll, 6, 6},
    {-598633605216927744ll, 5, 5},
    {-355593574630610505ll, 8, 8},
    {-191399468596359048ll, 6, 6},
    {-23166685301178368ll, 3, 3},
    {-2652572338880512ll, 3, 3},
    {-281474609079080ll, 6, 6},
    {-281473125120078ll, 6, 6},
    {-281470681808896ll, 4, 4},
    {-260279313104896ll, 2, 2},
    {-236656971350016ll, 3, 3},
    {-207008833727844ll, 5, 5},
    {-185852458806155ll, 6, 6},
    {-163715563418465ll, 5, 5},
    {-137515770991876ll, 6, 6},
    {-111339724406784ll, 3, 3},
    {-74861783314090ll, 6, 6},
    {-52256403921074ll, 6, 6},
    {-23679496290304ll, 3, 3},
    {-4294953339ll, 4, 3},
    {-2473817384ll, 4, 4},
    {-270148844ll, 2, 2},
    {6ll, 1, 1},
    {45ll, 1, 1},
    {247ll, 1, 1},
    {1261ll, 1, 1},
    {4096ll, 1, 1},
    {10320ll, 2, 2},
    {32767ll, 2, 2},
    {158010ll, 2, 2},
    {439418ll, 2, 2},
    {1048560ll, 2, 2},
    {3264788ll, 2, 2},
    {8388487ll, 2, 2},
    {28616424ll, 2, 2},
    {113631943ll, 2, 2},
    {455758141ll, 2, 2},
    {1003163878ll, 2, 2},
    {2147483648ll, 2, 2},
    {4294919177ll, 3, 3},
    {6369286200ll, 4, 3},
    {34359214080ll, 2, 2},
    {68719476720ll, 3, 3},
    {274874894279ll, 4, 4},
    {549755813760ll, 3, 3},
    {1248801671216ll, 4, 4},
    {3099221557283ll, 3, 3},
    {8796030709862ll, 4, 4},
    {16810759711842ll, 6, 4},
    {19357417617790ll, 4, 4},
    {23231036333525ll, 6, 4},
    {30989091725154ll, 6, 4},
    {32256140378111ll, 4, 4},
    {43449516482772ll, 5, 5},
    {58020713202459ll, 3, 3},
    {72814768363278ll, 6, 6},
    {101331163414528ll, 2, 2},
    {120132638528219ll, 6, 6},
    {122474932436118ll, 6, 4},
    {147240068864741ll, 5, 5},
    {168604180217856ll, 4, 3},
    {199106093973503ll, 5, 4},
    {223126280845987ll, 6, 6},
    {246921964847700ll, 5, 5},
    {264424087405754ll, 6, 6},
    {281470889380994ll, 4, 4},
    {281473236043811ll, 4, 4},
    {396362500014078ll, 4, 4},
    {882461160505344ll, 2, 2},
    {2099919728929359ll, 6, 6},
    {5506216793452544ll, 4, 4},
    {12749531095498752ll, 3, 3},
    {16592813890207772ll, 6, 4},
    {26703668558571007ll, 6, 6},
    {50865091075739647ll, 7, 6},
    {55650050721710261ll, 6, 4},
    {77313259618697216ll, 2, 2},
    {95828566491733976ll, 8, 6},
    {154424813550706975ll, 7, 6},
    {251103005056628924ll, 6, 6},
    {349740705930805248ll, 5, 5},
    {532547133782818815ll, 6, 6},
    {576457975204411655ll, 6, 4},
    {697223138039037952ll, 3, 3},
    {891805759201280000ll, 6, 5},
    {1087616248906252288ll, 4, 4},
    {1286780040196879175ll, 6, 6},
    {1573329161337405440ll, 7, 7},
    {1802374516320894976ll, 5, 5},
    {2022407941115209031ll, 8, 8},
    {2213952456296169471ll, 7, 7},
    {2425802227474973595ll, 6, 6},
    {2646128246043099135ll, 8, 8},
    {2879207535241527296ll, 6, 6},
    {3114490647907014536ll, 8, 8},
    {3281996350170071040ll, 6, 5},
    {3703084794206247706ll, 7, 7},
    {3977055595021336576ll, 5, 5},
    {4224939391837011968ll, 3, 3},
    {4436327111039385599ll, 6, 6},
    {4611678422777724927ll, 4, 4},
    {4802807531908850013ll, 6, 6},
    {5081186279580762111ll, 3, 3},
    {5299884158867210240ll, 3, 3},
    {5543847483920089087ll, 4, 4},
    {5848641684916666368ll, 3, 3},
    {6117560101667602432ll, 5, 5},
    {6341068275337658368ll, 2, 2},
    {6584816678586679296ll, 7, 6},
    {6878387964175450112ll, 3, 3},
    {7099924815715163524ll, 7, 7},
    {7312438419966093715ll, 5, 5},
    {7636009797073975117ll, 6, 6},
    {7941253520475248003ll, 7, 7},
    {8215763171200592641ll, 8, 8},
    {8470937296089120767ll, 4, 4},
    {8749131781074059264ll, 3, 3},
    {8948381767243137024ll, 6, 5},
    {9196899722579345408ll, 5, 5},};

std::string text(const std::vector<Inst>& seq) {
  std::string s;
  for (const Inst& i : seq)
    s += (s.empty() ? "" : "; ") + printInst(i);
  return s;
}

} // namespace

TEST(RV64EncoderTest, MaterializeConstants) {
  const Features none{}, all = Features::all();
  EXPECT_EQ(text(materialize(Gpr::A0, 0)), "li a0, 0");
  EXPECT_EQ(text(materialize(Gpr::A0, -2048)), "li a0, -2048");
  EXPECT_EQ(text(materialize(Gpr::A0, 2048)), "lui a0, 1; addiw a0, a0, -2048");
  EXPECT_EQ(text(materialize(Gpr::A0, 0x12345000)), "lui a0, 74565");
  // lui 0x80000 writes 0xffffffff80000000; addiw wraps and re-sign-extends.
  EXPECT_EQ(text(materialize(Gpr::A0, 0x7FFFFFFF)), "lui a0, 524288; addiw a0, a0, -1");
  EXPECT_EQ(text(materialize(Gpr::A0, INT32_MIN)), "lui a0, 524288");
  EXPECT_EQ(text(materialize(Gpr::A0, 0xFFFFFFFFll)), "li a0, -1; srli a0, a0, 32");
  EXPECT_EQ(text(materialize(Gpr::A0, INT64_MIN)), "li a0, -1; slli a0, a0, 63");
  EXPECT_EQ(text(materialize(Gpr::A0, 0x80000000ll, all)), "li a0, 1; slli a0, a0, 31");
  // Zba: zext.w of a sign-extended pattern, slli.uw, an int32 times 3.
  EXPECT_EQ(text(materialize(Gpr::A0, 0x80001234ll)),
            "lui a0, 128; addiw a0, a0, 1; slli a0, a0, 12; addi a0, a0, 564");
  EXPECT_EQ(text(materialize(Gpr::A0, 0x80001234ll, all)),
            "lui a0, 524289; addiw a0, a0, 564; zext.w a0, a0");
  EXPECT_EQ(text(materialize(Gpr::A0, 0x151731CA9ll, all)),
            "lui a0, 691097; slli.uw a0, a0, 1; addi a0, a0, -855");
  EXPECT_EQ(text(materialize(Gpr::A0, int64_t(0xFFFFFFFF00000D12ull), all)),
            "lui a0, 699051; addiw a0, a0, -250; sh1add a0, a0, a0");
  // Zbb: a rotated simm12.
  EXPECT_EQ(text(materialize(Gpr::A0, int64_t(0x8000000000000007ull), all)), "li a0, 15; rori a0, a0, 1");
  // LLVM 14's expansion of the same value, instruction for instruction.
  EXPECT_EQ(text(materialize(Gpr::A0, 0x123456789ABCDEF0ll)),
            "lui a0, 583; addiw a0, a0, -1875; slli a0, a0, 14; addi a0, a0, -947; "
            "slli a0, a0, 12; addi a0, a0, 1511; slli a0, a0, 13; addi a0, a0, -272");
  // The values to check: edges, the LLVM sample, and 20,000 biased random ones.
  std::vector<int64_t> values = {0, 1, -1, 2047, -2048, 2048, -2049, INT32_MAX, INT32_MIN,
                                 int64_t(INT32_MAX) + 1, int64_t(INT32_MIN) - 1, INT64_MAX,
                                 INT64_MIN, 0x7FFFF800, 0x7FFFF7FF, 0xFFFFFFFFll};
  for (const LlvmLi& l : kLlvmLi)
    values.push_back(l.value);
  std::mt19937_64 rng(11);
  for (int i = 0; i < 20000; ++i) {
    uint64_t v = rng();
    // Bias toward runs of zeros and ones and toward shifted small values.
    for (unsigned h = 0; h < 4; ++h)
      if (rng() % 3 == 0)
        v = (v & ~(0xFFFFull << 16 * h)) | ((rng() & 1 ? 0xFFFFull : 0) << 16 * h);
    if (rng() % 4 == 0)
      v >>= rng() % 64;
    if (rng() % 4 == 0)
      v <<= rng() % 64;
    values.push_back(int64_t(v));
  }
  for (int64_t v : values) {
    for (Features f : {none, all}) {
      const auto seq = materialize(Gpr::T3, v, f);
      ASSERT_FALSE(seq.empty());
      EXPECT_EQ(run(seq, Gpr::T3, f), uint64_t(v)) << std::hex << v << ": " << text(seq);
      EXPECT_LE(seq.size(), 8u) << std::hex << v;
      if (isSimm12(v))
        EXPECT_EQ(seq.size(), 1u) << v;
      else if (isInt32(v))
        EXPECT_LE(seq.size(), 2u) << v;
      else
        EXPECT_GE(seq.size(), 2u) << v;
    }
  }
  for (const LlvmLi& l : kLlvmLi) {
    EXPECT_LE(materialize(Gpr::A0, l.value, none).size(), l.base) << std::hex << l.value;
    EXPECT_LE(materialize(Gpr::A0, l.value, all).size(), l.zb) << std::hex << l.value;
  }
}

TEST(RV64EncoderTest, Lp64dFacts) {
  EXPECT_EQ(lp64d::kIntArgs[0], Gpr::X10);
  EXPECT_EQ(lp64d::kIntArgs[7], Gpr::X17);
  EXPECT_EQ(lp64d::kFloatArgs[0], Fpr::F10);
  EXPECT_EQ(lp64d::kFloatArgs[7], Fpr::F17);
  EXPECT_EQ(lp64d::kIntReturns[1], Gpr::A1);
  EXPECT_EQ(lp64d::kFp, Gpr::X8);
  EXPECT_EQ(lp64d::kStackAlignment, 16u);
  EXPECT_TRUE(lp64d::isCalleeSaved(Gpr::S0));
  EXPECT_TRUE(lp64d::isCalleeSaved(Gpr::X9));
  EXPECT_TRUE(lp64d::isCalleeSaved(Gpr::X18));
  EXPECT_TRUE(lp64d::isCalleeSaved(Gpr::X27));
  EXPECT_FALSE(lp64d::isCalleeSaved(Gpr::X28));
  EXPECT_TRUE(lp64d::isCalleeSaved(Fpr::Fs0));
  EXPECT_TRUE(lp64d::isCalleeSaved(Fpr::F27));
  EXPECT_FALSE(lp64d::isCalleeSaved(Fpr::F10));
  EXPECT_FALSE(lp64d::isCalleeSaved(Fpr::F28));
  // gp, tp, zero, ra, sp, fp and the scratch registers are never allocated.
  for (Gpr r : {Gpr::Zero, Gpr::Ra, Gpr::Sp, Gpr::Gp, Gpr::Tp, Gpr::S0, Gpr::T0, Gpr::T1})
    EXPECT_FALSE(lp64d::isAllocatable(r)) << gprName(r);
  unsigned allocatable = 0;
  for (unsigned r = 0; r < kNumGprs; ++r)
    allocatable += lp64d::isAllocatable(Gpr(r));
  EXPECT_EQ(allocatable, 24u);
  // Caller- and callee-saved sets partition x1..x31 apart from gp and tp.
  for (unsigned r = 1; r < kNumGprs; ++r) {
    if (Gpr(r) == Gpr::Gp || Gpr(r) == Gpr::Tp)
      continue;
    bool caller = false;
    for (Gpr g : lp64d::kCallerSavedGprs)
      caller |= g == Gpr(r);
    EXPECT_NE(caller, lp64d::isCalleeSaved(Gpr(r))) << gprName(Gpr(r));
  }
  EXPECT_EQ(gprName(Gpr::X0), "zero");
  EXPECT_EQ(gprName(Gpr::X8), "s0");
  EXPECT_EQ(gprName(Gpr::X31), "t6");
  EXPECT_EQ(fprName(Fpr::F0), "ft0");
  EXPECT_EQ(fprName(Fpr::F9), "fs1");
  EXPECT_EQ(fprName(Fpr::F18), "fs2");
  EXPECT_EQ(fprName(Fpr::F31), "ft11");
  EXPECT_EQ(encoding(Gpr::T6), 31);
}

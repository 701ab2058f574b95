// EncoderTest: expected bytes and text for one case of every form in
// isa/aarch64/Instructions.def (the bytes come from LLVM's assembler,
// `llvm-mc-14 -triple=aarch64 -show-encoding` on the text, an encoder
// independent of ours), plus the sp/zr distinction, alias expansion, the
// wasm heap addressing pattern, labels and range reporting, relocations,
// `check`, bitmask and FP immediates, constant materialisation and the AAPCS64
// facts. LlvmMcCrossCheckTest covers every register/immediate/offset class.
#include "isa/aarch64/AsmPrinter.h"
#include "isa/aarch64/Encoder.h"
#include "isa/aarch64/Immediates.h"

#include "../FormCaseOperands.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace wasmaot::isa::aarch64;

namespace {

Operand R(Gpr g) { return Operand::r(g); }
Operand R(Vreg v) { return Operand::r(v); }
Operand M(const Mem& m) { return Operand::m(m); }
Operand I(int64_t v, unsigned shift = 0) { return Operand::i(v, shift); }

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
  Cond cc;
  wasmaot::test::FormCaseOperands<Operand, 4> ops;
  const char* bytes;
  const char* text;
  FormCase(Opcode o, wasmaot::test::FormCaseOperands<Operand, 4> v, const char* b, const char* t)
      : op(o), cc(Cond::AL), ops(v), bytes(b), text(t) {}
  FormCase(Opcode o, Cond c, wasmaot::test::FormCaseOperands<Operand, 4> v, const char* b, const char* t)
      : op(o), cc(c), ops(v), bytes(b), text(t) {}
};

// One case per form. Registers x9/x20/x7/x30 (v9/v20/v7) by slot, shifted
// operands lsr #3, extends uxtw #2, condition gt; offsets scaled by the access
// size. The text is LLVM's (aliases chosen by the operand values).
const FormCase kFormCases[] = {
    {Opcode::ADDWrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 0b", "add w9, w20, w7, lsr #3"},
    {Opcode::ADDXrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 8b", "add x9, x20, x7, lsr #3"},
    {Opcode::ADDWrx, {R(Gpr::X9), R(Gpr::X20), Operand::ext(Gpr::X7, Extend::Uxtw, 2)}, "89 4a 27 0b", "add w9, w20, w7, uxtw #2"},
    {Opcode::ADDXrx, {R(Gpr::X9), R(Gpr::X20), Operand::ext(Gpr::X7, Extend::Uxtw, 2)}, "89 4a 27 8b", "add x9, x20, w7, uxtw #2"},
    {Opcode::ADDWri, {R(Gpr::X9), R(Gpr::X20), I(0x123, 12)}, "89 8e 44 11", "add w9, w20, #291, lsl #12"},
    {Opcode::ADDXri, {R(Gpr::X9), R(Gpr::X20), I(0x123, 12)}, "89 8e 44 91", "add x9, x20, #291, lsl #12"},
    {Opcode::ADDSWrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 2b", "adds w9, w20, w7, lsr #3"},
    {Opcode::ADDSXrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 ab", "adds x9, x20, x7, lsr #3"},
    {Opcode::ADDSWrx, {R(Gpr::X9), R(Gpr::X20), Operand::ext(Gpr::X7, Extend::Uxtw, 2)}, "89 4a 27 2b", "adds w9, w20, w7, uxtw #2"},
    {Opcode::ADDSXrx, {R(Gpr::X9), R(Gpr::X20), Operand::ext(Gpr::X7, Extend::Uxtw, 2)}, "89 4a 27 ab", "adds x9, x20, w7, uxtw #2"},
    {Opcode::ADDSWri, {R(Gpr::X9), R(Gpr::X20), I(0x123, 12)}, "89 8e 44 31", "adds w9, w20, #291, lsl #12"},
    {Opcode::ADDSXri, {R(Gpr::X9), R(Gpr::X20), I(0x123, 12)}, "89 8e 44 b1", "adds x9, x20, #291, lsl #12"},
    {Opcode::SUBWrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 4b", "sub w9, w20, w7, lsr #3"},
    {Opcode::SUBXrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 cb", "sub x9, x20, x7, lsr #3"},
    {Opcode::SUBWrx, {R(Gpr::X9), R(Gpr::X20), Operand::ext(Gpr::X7, Extend::Uxtw, 2)}, "89 4a 27 4b", "sub w9, w20, w7, uxtw #2"},
    {Opcode::SUBXrx, {R(Gpr::X9), R(Gpr::X20), Operand::ext(Gpr::X7, Extend::Uxtw, 2)}, "89 4a 27 cb", "sub x9, x20, w7, uxtw #2"},
    {Opcode::SUBWri, {R(Gpr::X9), R(Gpr::X20), I(0x123, 12)}, "89 8e 44 51", "sub w9, w20, #291, lsl #12"},
    {Opcode::SUBXri, {R(Gpr::X9), R(Gpr::X20), I(0x123, 12)}, "89 8e 44 d1", "sub x9, x20, #291, lsl #12"},
    {Opcode::SUBSWrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 6b", "subs w9, w20, w7, lsr #3"},
    {Opcode::SUBSXrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 eb", "subs x9, x20, x7, lsr #3"},
    {Opcode::SUBSWrx, {R(Gpr::X9), R(Gpr::X20), Operand::ext(Gpr::X7, Extend::Uxtw, 2)}, "89 4a 27 6b", "subs w9, w20, w7, uxtw #2"},
    {Opcode::SUBSXrx, {R(Gpr::X9), R(Gpr::X20), Operand::ext(Gpr::X7, Extend::Uxtw, 2)}, "89 4a 27 eb", "subs x9, x20, w7, uxtw #2"},
    {Opcode::SUBSWri, {R(Gpr::X9), R(Gpr::X20), I(0x123, 12)}, "89 8e 44 71", "subs w9, w20, #291, lsl #12"},
    {Opcode::SUBSXri, {R(Gpr::X9), R(Gpr::X20), I(0x123, 12)}, "89 8e 44 f1", "subs x9, x20, #291, lsl #12"},
    {Opcode::ANDWrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 0a", "and w9, w20, w7, lsr #3"},
    {Opcode::ANDXrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 8a", "and x9, x20, x7, lsr #3"},
    {Opcode::BICWrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 67 0a", "bic w9, w20, w7, lsr #3"},
    {Opcode::BICXrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 67 8a", "bic x9, x20, x7, lsr #3"},
    {Opcode::ORRWrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 2a", "orr w9, w20, w7, lsr #3"},
    {Opcode::ORRXrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 aa", "orr x9, x20, x7, lsr #3"},
    {Opcode::ORNWrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 67 2a", "orn w9, w20, w7, lsr #3"},
    {Opcode::ORNXrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 67 aa", "orn x9, x20, x7, lsr #3"},
    {Opcode::EORWrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 4a", "eor w9, w20, w7, lsr #3"},
    {Opcode::EORXrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 ca", "eor x9, x20, x7, lsr #3"},
    {Opcode::EONWrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 67 4a", "eon w9, w20, w7, lsr #3"},
    {Opcode::EONXrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 67 ca", "eon x9, x20, x7, lsr #3"},
    {Opcode::ANDSWrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 6a", "ands w9, w20, w7, lsr #3"},
    {Opcode::ANDSXrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 47 ea", "ands x9, x20, x7, lsr #3"},
    {Opcode::BICSWrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 67 6a", "bics w9, w20, w7, lsr #3"},
    {Opcode::BICSXrs, {R(Gpr::X9), R(Gpr::X20), Operand::sh(Gpr::X7, Shift::Lsr, 3)}, "89 0e 67 ea", "bics x9, x20, x7, lsr #3"},
    {Opcode::ANDWri, {R(Gpr::X9), R(Gpr::X20), I(0x00ff00ff)}, "89 9e 00 12", "and w9, w20, #0xff00ff"},
    {Opcode::ANDXri, {R(Gpr::X9), R(Gpr::X20), I(0x0f0f0f0f0f0f0f0f)}, "89 ce 00 92", "and x9, x20, #0xf0f0f0f0f0f0f0f"},
    {Opcode::ORRWri, {R(Gpr::X9), R(Gpr::X20), I(0x00ff00ff)}, "89 9e 00 32", "orr w9, w20, #0xff00ff"},
    {Opcode::ORRXri, {R(Gpr::X9), R(Gpr::X20), I(0x0f0f0f0f0f0f0f0f)}, "89 ce 00 b2", "orr x9, x20, #0xf0f0f0f0f0f0f0f"},
    {Opcode::EORWri, {R(Gpr::X9), R(Gpr::X20), I(0x00ff00ff)}, "89 9e 00 52", "eor w9, w20, #0xff00ff"},
    {Opcode::EORXri, {R(Gpr::X9), R(Gpr::X20), I(0x0f0f0f0f0f0f0f0f)}, "89 ce 00 d2", "eor x9, x20, #0xf0f0f0f0f0f0f0f"},
    {Opcode::ANDSWri, {R(Gpr::X9), R(Gpr::X20), I(0x00ff00ff)}, "89 9e 00 72", "ands w9, w20, #0xff00ff"},
    {Opcode::ANDSXri, {R(Gpr::X9), R(Gpr::X20), I(0x0f0f0f0f0f0f0f0f)}, "89 ce 00 f2", "ands x9, x20, #0xf0f0f0f0f0f0f0f"},
    {Opcode::MOVNWi, {R(Gpr::X9), I(0xbeef, 16)}, "e9 dd b7 12", "mov w9, #1091633151"},
    {Opcode::MOVNXi, {R(Gpr::X9), I(0xbeef, 32)}, "e9 dd d7 92", "mov x9, #-209933706461185"},
    {Opcode::MOVZWi, {R(Gpr::X9), I(0xbeef, 16)}, "e9 dd b7 52", "mov w9, #-1091633152"},
    {Opcode::MOVZXi, {R(Gpr::X9), I(0xbeef, 32)}, "e9 dd d7 d2", "mov x9, #209933706461184"},
    {Opcode::MOVKWi, {R(Gpr::X9), I(0xbeef, 16)}, "e9 dd b7 72", "movk w9, #48879, lsl #16"},
    {Opcode::MOVKXi, {R(Gpr::X9), I(0xbeef, 32)}, "e9 dd d7 f2", "movk x9, #48879, lsl #32"},
    {Opcode::MADDWrrr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7), R(Gpr::X30)}, "89 7a 07 1b", "madd w9, w20, w7, w30"},
    {Opcode::MADDXrrr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7), R(Gpr::X30)}, "89 7a 07 9b", "madd x9, x20, x7, x30"},
    {Opcode::MSUBWrrr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7), R(Gpr::X30)}, "89 fa 07 1b", "msub w9, w20, w7, w30"},
    {Opcode::MSUBXrrr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7), R(Gpr::X30)}, "89 fa 07 9b", "msub x9, x20, x7, x30"},
    {Opcode::SMULHrr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 7e 47 9b", "smulh x9, x20, x7"},
    {Opcode::UMULHrr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 7e c7 9b", "umulh x9, x20, x7"},
    {Opcode::UDIVWr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 0a c7 1a", "udiv w9, w20, w7"},
    {Opcode::UDIVXr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 0a c7 9a", "udiv x9, x20, x7"},
    {Opcode::SDIVWr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 0e c7 1a", "sdiv w9, w20, w7"},
    {Opcode::SDIVXr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 0e c7 9a", "sdiv x9, x20, x7"},
    {Opcode::LSLVWr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 22 c7 1a", "lsl w9, w20, w7"},
    {Opcode::LSLVXr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 22 c7 9a", "lsl x9, x20, x7"},
    {Opcode::LSRVWr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 26 c7 1a", "lsr w9, w20, w7"},
    {Opcode::LSRVXr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 26 c7 9a", "lsr x9, x20, x7"},
    {Opcode::ASRVWr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 2a c7 1a", "asr w9, w20, w7"},
    {Opcode::ASRVXr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 2a c7 9a", "asr x9, x20, x7"},
    {Opcode::RORVWr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 2e c7 1a", "ror w9, w20, w7"},
    {Opcode::RORVXr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 2e c7 9a", "ror x9, x20, x7"},
    {Opcode::RBITWr, {R(Gpr::X9), R(Gpr::X20)}, "89 02 c0 5a", "rbit w9, w20"},
    {Opcode::RBITXr, {R(Gpr::X9), R(Gpr::X20)}, "89 02 c0 da", "rbit x9, x20"},
    {Opcode::REVWr, {R(Gpr::X9), R(Gpr::X20)}, "89 0a c0 5a", "rev w9, w20"},
    {Opcode::REVXr, {R(Gpr::X9), R(Gpr::X20)}, "89 0e c0 da", "rev x9, x20"},
    {Opcode::CLZWr, {R(Gpr::X9), R(Gpr::X20)}, "89 12 c0 5a", "clz w9, w20"},
    {Opcode::CLZXr, {R(Gpr::X9), R(Gpr::X20)}, "89 12 c0 da", "clz x9, x20"},
    {Opcode::SBFMWri, {R(Gpr::X9), R(Gpr::X20), I(3), I(12)}, "89 32 03 13", "sbfx w9, w20, #3, #10"},
    {Opcode::SBFMXri, {R(Gpr::X9), R(Gpr::X20), I(3), I(40)}, "89 a2 43 93", "sbfx x9, x20, #3, #38"},
    {Opcode::UBFMWri, {R(Gpr::X9), R(Gpr::X20), I(3), I(12)}, "89 32 03 53", "ubfx w9, w20, #3, #10"},
    {Opcode::UBFMXri, {R(Gpr::X9), R(Gpr::X20), I(3), I(40)}, "89 a2 43 d3", "ubfx x9, x20, #3, #38"},
    {Opcode::EXTRWrri, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7), I(7)}, "89 1e 87 13", "extr w9, w20, w7, #7"},
    {Opcode::EXTRXrri, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7), I(7)}, "89 1e c7 93", "extr x9, x20, x7, #7"},
    {Opcode::CSELWr, Cond::GT, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 c2 87 1a", "csel w9, w20, w7, gt"},
    {Opcode::CSELXr, Cond::GT, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 c2 87 9a", "csel x9, x20, x7, gt"},
    {Opcode::CSINCWr, Cond::GT, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 c6 87 1a", "csinc w9, w20, w7, gt"},
    {Opcode::CSINCXr, Cond::GT, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 c6 87 9a", "csinc x9, x20, x7, gt"},
    {Opcode::CSINVWr, Cond::GT, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 c2 87 5a", "csinv w9, w20, w7, gt"},
    {Opcode::CSINVXr, Cond::GT, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 c2 87 da", "csinv x9, x20, x7, gt"},
    {Opcode::CSNEGWr, Cond::GT, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 c6 87 5a", "csneg w9, w20, w7, gt"},
    {Opcode::CSNEGXr, Cond::GT, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 c6 87 da", "csneg x9, x20, x7, gt"},
    {Opcode::CCMNWr, Cond::GT, {R(Gpr::X9), R(Gpr::X20), I(5)}, "25 c1 54 3a", "ccmn w9, w20, #5, gt"},
    {Opcode::CCMNXr, Cond::GT, {R(Gpr::X9), R(Gpr::X20), I(5)}, "25 c1 54 ba", "ccmn x9, x20, #5, gt"},
    {Opcode::CCMPWr, Cond::GT, {R(Gpr::X9), R(Gpr::X20), I(5)}, "25 c1 54 7a", "ccmp w9, w20, #5, gt"},
    {Opcode::CCMPXr, Cond::GT, {R(Gpr::X9), R(Gpr::X20), I(5)}, "25 c1 54 fa", "ccmp x9, x20, #5, gt"},
    {Opcode::CCMNWi, Cond::GT, {R(Gpr::X9), I(17), I(5)}, "25 c9 51 3a", "ccmn w9, #17, #5, gt"},
    {Opcode::CCMNXi, Cond::GT, {R(Gpr::X9), I(17), I(5)}, "25 c9 51 ba", "ccmn x9, #17, #5, gt"},
    {Opcode::CCMPWi, Cond::GT, {R(Gpr::X9), I(17), I(5)}, "25 c9 51 7a", "ccmp w9, #17, #5, gt"},
    {Opcode::CCMPXi, Cond::GT, {R(Gpr::X9), I(17), I(5)}, "25 c9 51 fa", "ccmp x9, #17, #5, gt"},
    {Opcode::STRBui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 8))}, "89 22 00 39", "strb w9, [x20, #8]"},
    {Opcode::STRBus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 1e 38", "sturb w9, [x20, #-17]"},
    {Opcode::STRBro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da 27 38", "strb w9, [x20, w7, sxtw #0]"},
    {Opcode::LDRBui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 8))}, "89 22 40 39", "ldrb w9, [x20, #8]"},
    {Opcode::LDRBus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 5e 38", "ldurb w9, [x20, #-17]"},
    {Opcode::LDRBro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da 67 38", "ldrb w9, [x20, w7, sxtw #0]"},
    {Opcode::LDRSBXui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 8))}, "89 22 80 39", "ldrsb x9, [x20, #8]"},
    {Opcode::LDRSBXus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 9e 38", "ldursb x9, [x20, #-17]"},
    {Opcode::LDRSBXro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da a7 38", "ldrsb x9, [x20, w7, sxtw #0]"},
    {Opcode::LDRSBWui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 8))}, "89 22 c0 39", "ldrsb w9, [x20, #8]"},
    {Opcode::LDRSBWus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 de 38", "ldursb w9, [x20, #-17]"},
    {Opcode::LDRSBWro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da e7 38", "ldrsb w9, [x20, w7, sxtw #0]"},
    {Opcode::STRHui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 16))}, "89 22 00 79", "strh w9, [x20, #16]"},
    {Opcode::STRHus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 1e 78", "sturh w9, [x20, #-17]"},
    {Opcode::STRHro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da 27 78", "strh w9, [x20, w7, sxtw #1]"},
    {Opcode::LDRHui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 16))}, "89 22 40 79", "ldrh w9, [x20, #16]"},
    {Opcode::LDRHus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 5e 78", "ldurh w9, [x20, #-17]"},
    {Opcode::LDRHro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da 67 78", "ldrh w9, [x20, w7, sxtw #1]"},
    {Opcode::LDRSHXui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 16))}, "89 22 80 79", "ldrsh x9, [x20, #16]"},
    {Opcode::LDRSHXus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 9e 78", "ldursh x9, [x20, #-17]"},
    {Opcode::LDRSHXro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da a7 78", "ldrsh x9, [x20, w7, sxtw #1]"},
    {Opcode::LDRSHWui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 16))}, "89 22 c0 79", "ldrsh w9, [x20, #16]"},
    {Opcode::LDRSHWus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 de 78", "ldursh w9, [x20, #-17]"},
    {Opcode::LDRSHWro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da e7 78", "ldrsh w9, [x20, w7, sxtw #1]"},
    {Opcode::STRWui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 32))}, "89 22 00 b9", "str w9, [x20, #32]"},
    {Opcode::STRWus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 1e b8", "stur w9, [x20, #-17]"},
    {Opcode::STRWro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da 27 b8", "str w9, [x20, w7, sxtw #2]"},
    {Opcode::LDRWui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 32))}, "89 22 40 b9", "ldr w9, [x20, #32]"},
    {Opcode::LDRWus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 5e b8", "ldur w9, [x20, #-17]"},
    {Opcode::LDRWro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da 67 b8", "ldr w9, [x20, w7, sxtw #2]"},
    {Opcode::LDRSWui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 32))}, "89 22 80 b9", "ldrsw x9, [x20, #32]"},
    {Opcode::LDRSWus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 9e b8", "ldursw x9, [x20, #-17]"},
    {Opcode::LDRSWro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da a7 b8", "ldrsw x9, [x20, w7, sxtw #2]"},
    {Opcode::STRXui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 64))}, "89 22 00 f9", "str x9, [x20, #64]"},
    {Opcode::STRXus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 1e f8", "stur x9, [x20, #-17]"},
    {Opcode::STRXro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da 27 f8", "str x9, [x20, w7, sxtw #3]"},
    {Opcode::LDRXui, {R(Gpr::X9), M(Mem::at(Gpr::X20, 64))}, "89 22 40 f9", "ldr x9, [x20, #64]"},
    {Opcode::LDRXus, {R(Gpr::X9), M(Mem::at(Gpr::X20, -17))}, "89 f2 5e f8", "ldur x9, [x20, #-17]"},
    {Opcode::LDRXro, {R(Gpr::X9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da 67 f8", "ldr x9, [x20, w7, sxtw #3]"},
    {Opcode::STRSui, {R(Vreg::V9), M(Mem::at(Gpr::X20, 32))}, "89 22 00 bd", "str s9, [x20, #32]"},
    {Opcode::STRSus, {R(Vreg::V9), M(Mem::at(Gpr::X20, -17))}, "89 f2 1e bc", "stur s9, [x20, #-17]"},
    {Opcode::STRSro, {R(Vreg::V9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da 27 bc", "str s9, [x20, w7, sxtw #2]"},
    {Opcode::LDRSui, {R(Vreg::V9), M(Mem::at(Gpr::X20, 32))}, "89 22 40 bd", "ldr s9, [x20, #32]"},
    {Opcode::LDRSus, {R(Vreg::V9), M(Mem::at(Gpr::X20, -17))}, "89 f2 5e bc", "ldur s9, [x20, #-17]"},
    {Opcode::LDRSro, {R(Vreg::V9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da 67 bc", "ldr s9, [x20, w7, sxtw #2]"},
    {Opcode::STRDui, {R(Vreg::V9), M(Mem::at(Gpr::X20, 64))}, "89 22 00 fd", "str d9, [x20, #64]"},
    {Opcode::STRDus, {R(Vreg::V9), M(Mem::at(Gpr::X20, -17))}, "89 f2 1e fc", "stur d9, [x20, #-17]"},
    {Opcode::STRDro, {R(Vreg::V9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da 27 fc", "str d9, [x20, w7, sxtw #3]"},
    {Opcode::LDRDui, {R(Vreg::V9), M(Mem::at(Gpr::X20, 64))}, "89 22 40 fd", "ldr d9, [x20, #64]"},
    {Opcode::LDRDus, {R(Vreg::V9), M(Mem::at(Gpr::X20, -17))}, "89 f2 5e fc", "ldur d9, [x20, #-17]"},
    {Opcode::LDRDro, {R(Vreg::V9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da 67 fc", "ldr d9, [x20, w7, sxtw #3]"},
    {Opcode::STRQui, {R(Vreg::V9), M(Mem::at(Gpr::X20, 128))}, "89 22 80 3d", "str q9, [x20, #128]"},
    {Opcode::STRQus, {R(Vreg::V9), M(Mem::at(Gpr::X20, -17))}, "89 f2 9e 3c", "stur q9, [x20, #-17]"},
    {Opcode::STRQro, {R(Vreg::V9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da a7 3c", "str q9, [x20, w7, sxtw #4]"},
    {Opcode::LDRQui, {R(Vreg::V9), M(Mem::at(Gpr::X20, 128))}, "89 22 c0 3d", "ldr q9, [x20, #128]"},
    {Opcode::LDRQus, {R(Vreg::V9), M(Mem::at(Gpr::X20, -17))}, "89 f2 de 3c", "ldur q9, [x20, #-17]"},
    {Opcode::LDRQro, {R(Vreg::V9), M(Mem::reg(Gpr::X20, Gpr::X7, Extend::Sxtw, true))}, "89 da e7 3c", "ldr q9, [x20, w7, sxtw #4]"},
    {Opcode::STRXpre, {R(Gpr::X9), M(Mem::pre(Gpr::X20, -16))}, "89 0e 1f f8", "str x9, [x20, #-16]!"},
    {Opcode::STRXpost, {R(Gpr::X9), M(Mem::post(Gpr::X20, 16))}, "89 06 01 f8", "str x9, [x20], #16"},
    {Opcode::LDRXpre, {R(Gpr::X9), M(Mem::pre(Gpr::X20, -16))}, "89 0e 5f f8", "ldr x9, [x20, #-16]!"},
    {Opcode::LDRXpost, {R(Gpr::X9), M(Mem::post(Gpr::X20, 16))}, "89 06 41 f8", "ldr x9, [x20], #16"},
    {Opcode::STRDpre, {R(Vreg::V9), M(Mem::pre(Gpr::X20, -16))}, "89 0e 1f fc", "str d9, [x20, #-16]!"},
    {Opcode::STRDpost, {R(Vreg::V9), M(Mem::post(Gpr::X20, 16))}, "89 06 01 fc", "str d9, [x20], #16"},
    {Opcode::LDRDpre, {R(Vreg::V9), M(Mem::pre(Gpr::X20, -16))}, "89 0e 5f fc", "ldr d9, [x20, #-16]!"},
    {Opcode::LDRDpost, {R(Vreg::V9), M(Mem::post(Gpr::X20, 16))}, "89 06 41 fc", "ldr d9, [x20], #16"},
    {Opcode::STPXi, {R(Gpr::X9), R(Gpr::X20), M(Mem::at(Gpr::Sp, -64))}, "e9 53 3c a9", "stp x9, x20, [sp, #-64]"},
    {Opcode::STPXpre, {R(Gpr::X9), R(Gpr::X20), M(Mem::pre(Gpr::Sp, -16))}, "e9 53 bf a9", "stp x9, x20, [sp, #-16]!"},
    {Opcode::STPXpost, {R(Gpr::X9), R(Gpr::X20), M(Mem::post(Gpr::Sp, 16))}, "e9 53 81 a8", "stp x9, x20, [sp], #16"},
    {Opcode::LDPXi, {R(Gpr::X9), R(Gpr::X20), M(Mem::at(Gpr::Sp, -64))}, "e9 53 7c a9", "ldp x9, x20, [sp, #-64]"},
    {Opcode::LDPXpre, {R(Gpr::X9), R(Gpr::X20), M(Mem::pre(Gpr::Sp, -16))}, "e9 53 ff a9", "ldp x9, x20, [sp, #-16]!"},
    {Opcode::LDPXpost, {R(Gpr::X9), R(Gpr::X20), M(Mem::post(Gpr::Sp, 16))}, "e9 53 c1 a8", "ldp x9, x20, [sp], #16"},
    {Opcode::STPDi, {R(Vreg::V9), R(Vreg::V20), M(Mem::at(Gpr::Sp, -64))}, "e9 53 3c 6d", "stp d9, d20, [sp, #-64]"},
    {Opcode::STPDpre, {R(Vreg::V9), R(Vreg::V20), M(Mem::pre(Gpr::Sp, -16))}, "e9 53 bf 6d", "stp d9, d20, [sp, #-16]!"},
    {Opcode::STPDpost, {R(Vreg::V9), R(Vreg::V20), M(Mem::post(Gpr::Sp, 16))}, "e9 53 81 6c", "stp d9, d20, [sp], #16"},
    {Opcode::LDPDi, {R(Vreg::V9), R(Vreg::V20), M(Mem::at(Gpr::Sp, -64))}, "e9 53 7c 6d", "ldp d9, d20, [sp, #-64]"},
    {Opcode::LDPDpre, {R(Vreg::V9), R(Vreg::V20), M(Mem::pre(Gpr::Sp, -16))}, "e9 53 ff 6d", "ldp d9, d20, [sp, #-16]!"},
    {Opcode::LDPDpost, {R(Vreg::V9), R(Vreg::V20), M(Mem::post(Gpr::Sp, 16))}, "e9 53 c1 6c", "ldp d9, d20, [sp], #16"},
    {Opcode::B, {Operand::rel(1024)}, "00 01 00 14", "b #1024"},
    {Opcode::BL, {Operand::rel(1024)}, "00 01 00 94", "bl #1024"},
    {Opcode::Bcc, Cond::GT, {Operand::rel(-64)}, "0c fe ff 54", "b.gt #-64"},
    {Opcode::CBZW, {R(Gpr::X9), Operand::rel(-64)}, "09 fe ff 34", "cbz w9, #-64"},
    {Opcode::CBZX, {R(Gpr::X9), Operand::rel(-64)}, "09 fe ff b4", "cbz x9, #-64"},
    {Opcode::CBNZW, {R(Gpr::X9), Operand::rel(-64)}, "09 fe ff 35", "cbnz w9, #-64"},
    {Opcode::CBNZX, {R(Gpr::X9), Operand::rel(-64)}, "09 fe ff b5", "cbnz x9, #-64"},
    {Opcode::LDRWl, {R(Gpr::X3), Operand::rel(8)}, "43 00 00 18", "ldr w3, #8"},
    {Opcode::LDRXl, {R(Gpr::X9), Operand::rel(-64)}, "09 fe ff 58", "ldr x9, #-64"},
    {Opcode::LDRSl, {R(Vreg::V1), Operand::rel(1048572)}, "e1 ff 7f 1c", "ldr s1, #1048572"},
    {Opcode::LDRDl, {R(Vreg::V30), Operand::rel(-1048576)}, "1e 00 80 5c", "ldr d30, #-1048576"},
    {Opcode::LDRQl, {R(Vreg::V7), Operand::rel(16)}, "87 00 00 9c", "ldr q7, #16"},
    {Opcode::TBZ, {R(Gpr::X9), I(37), Operand::rel(128)}, "09 04 28 b6", "tbz x9, #37, #128"},
    {Opcode::TBNZ, {R(Gpr::X9), I(37), Operand::rel(128)}, "09 04 28 b7", "tbnz x9, #37, #128"},
    {Opcode::BR, {R(Gpr::X9)}, "20 01 1f d6", "br x9"},
    {Opcode::BLR, {R(Gpr::X9)}, "20 01 3f d6", "blr x9"},
    {Opcode::RET, {R(Gpr::X9)}, "20 01 5f d6", "ret x9"},
    {Opcode::ADR, {R(Gpr::X9), Operand::rel(4097)}, "09 80 00 30", "adr x9, #4097"},
    {Opcode::ADRP, {R(Gpr::X9), Operand::rel(0x3000)}, "09 00 00 f0", "adrp x9, #12288"},
    {Opcode::UDF, {I(0x1234)}, "34 12 00 00", "udf #4660"},
    {Opcode::BRK, {I(0x1234)}, "80 46 22 d4", "brk #0x1234"},
    {Opcode::NOP, {}, "1f 20 03 d5", "nop"},
    {Opcode::FMULSrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 0a 27 1e", "fmul s9, s20, s7"},
    {Opcode::FMULDrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 0a 67 1e", "fmul d9, d20, d7"},
    {Opcode::FDIVSrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 1a 27 1e", "fdiv s9, s20, s7"},
    {Opcode::FDIVDrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 1a 67 1e", "fdiv d9, d20, d7"},
    {Opcode::FADDSrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 2a 27 1e", "fadd s9, s20, s7"},
    {Opcode::FADDDrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 2a 67 1e", "fadd d9, d20, d7"},
    {Opcode::FSUBSrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 3a 27 1e", "fsub s9, s20, s7"},
    {Opcode::FSUBDrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 3a 67 1e", "fsub d9, d20, d7"},
    {Opcode::FMAXSrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 4a 27 1e", "fmax s9, s20, s7"},
    {Opcode::FMAXDrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 4a 67 1e", "fmax d9, d20, d7"},
    {Opcode::FMINSrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 5a 27 1e", "fmin s9, s20, s7"},
    {Opcode::FMINDrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 5a 67 1e", "fmin d9, d20, d7"},
    {Opcode::FMAXNMSrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 6a 27 1e", "fmaxnm s9, s20, s7"},
    {Opcode::FMAXNMDrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 6a 67 1e", "fmaxnm d9, d20, d7"},
    {Opcode::FMINNMSrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 7a 27 1e", "fminnm s9, s20, s7"},
    {Opcode::FMINNMDrr, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 7a 67 1e", "fminnm d9, d20, d7"},
    {Opcode::FMOVSr, {R(Vreg::V9), R(Vreg::V20)}, "89 42 20 1e", "fmov s9, s20"},
    {Opcode::FMOVDr, {R(Vreg::V9), R(Vreg::V20)}, "89 42 60 1e", "fmov d9, d20"},
    {Opcode::FABSSr, {R(Vreg::V9), R(Vreg::V20)}, "89 c2 20 1e", "fabs s9, s20"},
    {Opcode::FABSDr, {R(Vreg::V9), R(Vreg::V20)}, "89 c2 60 1e", "fabs d9, d20"},
    {Opcode::FNEGSr, {R(Vreg::V9), R(Vreg::V20)}, "89 42 21 1e", "fneg s9, s20"},
    {Opcode::FNEGDr, {R(Vreg::V9), R(Vreg::V20)}, "89 42 61 1e", "fneg d9, d20"},
    {Opcode::FSQRTSr, {R(Vreg::V9), R(Vreg::V20)}, "89 c2 21 1e", "fsqrt s9, s20"},
    {Opcode::FSQRTDr, {R(Vreg::V9), R(Vreg::V20)}, "89 c2 61 1e", "fsqrt d9, d20"},
    {Opcode::FRINTNSr, {R(Vreg::V9), R(Vreg::V20)}, "89 42 24 1e", "frintn s9, s20"},
    {Opcode::FRINTNDr, {R(Vreg::V9), R(Vreg::V20)}, "89 42 64 1e", "frintn d9, d20"},
    {Opcode::FRINTPSr, {R(Vreg::V9), R(Vreg::V20)}, "89 c2 24 1e", "frintp s9, s20"},
    {Opcode::FRINTPDr, {R(Vreg::V9), R(Vreg::V20)}, "89 c2 64 1e", "frintp d9, d20"},
    {Opcode::FRINTMSr, {R(Vreg::V9), R(Vreg::V20)}, "89 42 25 1e", "frintm s9, s20"},
    {Opcode::FRINTMDr, {R(Vreg::V9), R(Vreg::V20)}, "89 42 65 1e", "frintm d9, d20"},
    {Opcode::FRINTZSr, {R(Vreg::V9), R(Vreg::V20)}, "89 c2 25 1e", "frintz s9, s20"},
    {Opcode::FRINTZDr, {R(Vreg::V9), R(Vreg::V20)}, "89 c2 65 1e", "frintz d9, d20"},
    {Opcode::FCVTDSr, {R(Vreg::V9), R(Vreg::V20)}, "89 c2 22 1e", "fcvt d9, s20"},
    {Opcode::FCVTSDr, {R(Vreg::V9), R(Vreg::V20)}, "89 42 62 1e", "fcvt s9, d20"},
    {Opcode::FCMPSrr, {R(Vreg::V9), R(Vreg::V20)}, "20 21 34 1e", "fcmp s9, s20"},
    {Opcode::FCMPDrr, {R(Vreg::V9), R(Vreg::V20)}, "20 21 74 1e", "fcmp d9, d20"},
    {Opcode::FCMPSri, {R(Vreg::V9), Operand::zero()}, "28 21 20 1e", "fcmp s9, #0.0"},
    {Opcode::FCMPDri, {R(Vreg::V9), Operand::zero()}, "28 21 60 1e", "fcmp d9, #0.0"},
    {Opcode::FCSELSrrr, Cond::GT, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 ce 27 1e", "fcsel s9, s20, s7, gt"},
    {Opcode::FCSELDrrr, Cond::GT, {R(Vreg::V9), R(Vreg::V20), R(Vreg::V7)}, "89 ce 67 1e", "fcsel d9, d20, d7, gt"},
    {Opcode::FMOVSi, {R(Vreg::V9), Operand::f(2.5)}, "09 90 20 1e", "fmov s9, #2.50000000"},
    {Opcode::FMOVDi, {R(Vreg::V9), Operand::f(2.5)}, "09 90 60 1e", "fmov d9, #2.50000000"},
    {Opcode::FCVTZSWSr, {R(Gpr::X9), R(Vreg::V20)}, "89 02 38 1e", "fcvtzs w9, s20"},
    {Opcode::FCVTZSWDr, {R(Gpr::X9), R(Vreg::V20)}, "89 02 78 1e", "fcvtzs w9, d20"},
    {Opcode::FCVTZSXSr, {R(Gpr::X9), R(Vreg::V20)}, "89 02 38 9e", "fcvtzs x9, s20"},
    {Opcode::FCVTZSXDr, {R(Gpr::X9), R(Vreg::V20)}, "89 02 78 9e", "fcvtzs x9, d20"},
    {Opcode::FCVTZUWSr, {R(Gpr::X9), R(Vreg::V20)}, "89 02 39 1e", "fcvtzu w9, s20"},
    {Opcode::FCVTZUWDr, {R(Gpr::X9), R(Vreg::V20)}, "89 02 79 1e", "fcvtzu w9, d20"},
    {Opcode::FCVTZUXSr, {R(Gpr::X9), R(Vreg::V20)}, "89 02 39 9e", "fcvtzu x9, s20"},
    {Opcode::FCVTZUXDr, {R(Gpr::X9), R(Vreg::V20)}, "89 02 79 9e", "fcvtzu x9, d20"},
    {Opcode::SCVTFSWr, {R(Vreg::V9), R(Gpr::X20)}, "89 02 22 1e", "scvtf s9, w20"},
    {Opcode::SCVTFDWr, {R(Vreg::V9), R(Gpr::X20)}, "89 02 62 1e", "scvtf d9, w20"},
    {Opcode::SCVTFSXr, {R(Vreg::V9), R(Gpr::X20)}, "89 02 22 9e", "scvtf s9, x20"},
    {Opcode::SCVTFDXr, {R(Vreg::V9), R(Gpr::X20)}, "89 02 62 9e", "scvtf d9, x20"},
    {Opcode::UCVTFSWr, {R(Vreg::V9), R(Gpr::X20)}, "89 02 23 1e", "ucvtf s9, w20"},
    {Opcode::UCVTFDWr, {R(Vreg::V9), R(Gpr::X20)}, "89 02 63 1e", "ucvtf d9, w20"},
    {Opcode::UCVTFSXr, {R(Vreg::V9), R(Gpr::X20)}, "89 02 23 9e", "ucvtf s9, x20"},
    {Opcode::UCVTFDXr, {R(Vreg::V9), R(Gpr::X20)}, "89 02 63 9e", "ucvtf d9, x20"},
    {Opcode::FMOVWSr, {R(Gpr::X9), R(Vreg::V20)}, "89 02 26 1e", "fmov w9, s20"},
    {Opcode::FMOVSWr, {R(Vreg::V9), R(Gpr::X20)}, "89 02 27 1e", "fmov s9, w20"},
    {Opcode::FMOVXDr, {R(Gpr::X9), R(Vreg::V20)}, "89 02 66 9e", "fmov x9, d20"},
    {Opcode::FMOVDXr, {R(Vreg::V9), R(Gpr::X20)}, "89 02 67 9e", "fmov d9, x20"},
    {Opcode::CMPWrs, {R(Gpr::X9), Operand::sh(Gpr::X20, Shift::Lsr, 3)}, "3f 0d 54 6b", "cmp w9, w20, lsr #3"},
    {Opcode::CMPXrs, {R(Gpr::X9), Operand::sh(Gpr::X20, Shift::Lsr, 3)}, "3f 0d 54 eb", "cmp x9, x20, lsr #3"},
    {Opcode::CMPWrx, {R(Gpr::X9), Operand::ext(Gpr::X20, Extend::Uxtw, 2)}, "3f 49 34 6b", "cmp w9, w20, uxtw #2"},
    {Opcode::CMPXrx, {R(Gpr::X9), Operand::ext(Gpr::X20, Extend::Uxtw, 2)}, "3f 49 34 eb", "cmp x9, w20, uxtw #2"},
    {Opcode::CMPWri, {R(Gpr::X9), I(0x123, 12)}, "3f 8d 44 71", "cmp w9, #291, lsl #12"},
    {Opcode::CMPXri, {R(Gpr::X9), I(0x123, 12)}, "3f 8d 44 f1", "cmp x9, #291, lsl #12"},
    {Opcode::CMNWrs, {R(Gpr::X9), Operand::sh(Gpr::X20, Shift::Lsr, 3)}, "3f 0d 54 2b", "cmn w9, w20, lsr #3"},
    {Opcode::CMNXrs, {R(Gpr::X9), Operand::sh(Gpr::X20, Shift::Lsr, 3)}, "3f 0d 54 ab", "cmn x9, x20, lsr #3"},
    {Opcode::CMNWri, {R(Gpr::X9), I(0x123, 12)}, "3f 8d 44 31", "cmn w9, #291, lsl #12"},
    {Opcode::CMNXri, {R(Gpr::X9), I(0x123, 12)}, "3f 8d 44 b1", "cmn x9, #291, lsl #12"},
    {Opcode::TSTWrs, {R(Gpr::X9), Operand::sh(Gpr::X20, Shift::Lsr, 3)}, "3f 0d 54 6a", "tst w9, w20, lsr #3"},
    {Opcode::TSTXrs, {R(Gpr::X9), Operand::sh(Gpr::X20, Shift::Lsr, 3)}, "3f 0d 54 ea", "tst x9, x20, lsr #3"},
    {Opcode::TSTWri, {R(Gpr::X9), I(0x00ff00ff)}, "3f 9d 00 72", "tst w9, #0xff00ff"},
    {Opcode::TSTXri, {R(Gpr::X9), I(0x0f0f0f0f0f0f0f0f)}, "3f cd 00 f2", "tst x9, #0xf0f0f0f0f0f0f0f"},
    {Opcode::MOVWr, {R(Gpr::X9), R(Gpr::X20)}, "e9 03 14 2a", "mov w9, w20"},
    {Opcode::MOVXr, {R(Gpr::X9), R(Gpr::X20)}, "e9 03 14 aa", "mov x9, x20"},
    {Opcode::MOVWsp, {R(Gpr::X9), R(Gpr::X20)}, "89 02 00 11", "add w9, w20, #0"},
    {Opcode::MOVXsp, {R(Gpr::X9), R(Gpr::X20)}, "89 02 00 91", "add x9, x20, #0"},
    {Opcode::MVNWr, {R(Gpr::X9), Operand::sh(Gpr::X20, Shift::Lsr, 3)}, "e9 0f 74 2a", "mvn w9, w20, lsr #3"},
    {Opcode::MVNXr, {R(Gpr::X9), Operand::sh(Gpr::X20, Shift::Lsr, 3)}, "e9 0f 74 aa", "mvn x9, x20, lsr #3"},
    {Opcode::NEGWr, {R(Gpr::X9), Operand::sh(Gpr::X20, Shift::Lsr, 3)}, "e9 0f 54 4b", "neg w9, w20, lsr #3"},
    {Opcode::NEGXr, {R(Gpr::X9), Operand::sh(Gpr::X20, Shift::Lsr, 3)}, "e9 0f 54 cb", "neg x9, x20, lsr #3"},
    {Opcode::MULWrr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 7e 07 1b", "mul w9, w20, w7"},
    {Opcode::MULXrr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 7e 07 9b", "mul x9, x20, x7"},
    {Opcode::MNEGWrr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 fe 07 1b", "mneg w9, w20, w7"},
    {Opcode::MNEGXrr, {R(Gpr::X9), R(Gpr::X20), R(Gpr::X7)}, "89 fe 07 9b", "mneg x9, x20, x7"},
    {Opcode::CSETWr, Cond::GT, {R(Gpr::X9)}, "e9 d7 9f 1a", "cset w9, gt"},
    {Opcode::CSETXr, Cond::GT, {R(Gpr::X9)}, "e9 d7 9f 9a", "cset x9, gt"},
    {Opcode::CSETMWr, Cond::GT, {R(Gpr::X9)}, "e9 d3 9f 5a", "csetm w9, gt"},
    {Opcode::CSETMXr, Cond::GT, {R(Gpr::X9)}, "e9 d3 9f da", "csetm x9, gt"},
    {Opcode::LSLWri, {R(Gpr::X9), R(Gpr::X20), I(3)}, "89 72 1d 53", "lsl w9, w20, #3"},
    {Opcode::LSLXri, {R(Gpr::X9), R(Gpr::X20), I(3)}, "89 f2 7d d3", "lsl x9, x20, #3"},
    {Opcode::LSRWri, {R(Gpr::X9), R(Gpr::X20), I(3)}, "89 7e 03 53", "lsr w9, w20, #3"},
    {Opcode::LSRXri, {R(Gpr::X9), R(Gpr::X20), I(3)}, "89 fe 43 d3", "lsr x9, x20, #3"},
    {Opcode::ASRWri, {R(Gpr::X9), R(Gpr::X20), I(3)}, "89 7e 03 13", "asr w9, w20, #3"},
    {Opcode::ASRXri, {R(Gpr::X9), R(Gpr::X20), I(3)}, "89 fe 43 93", "asr x9, x20, #3"},
    {Opcode::RORWri, {R(Gpr::X9), R(Gpr::X20), I(7)}, "89 1e 94 13", "ror w9, w20, #7"},
    {Opcode::RORXri, {R(Gpr::X9), R(Gpr::X20), I(7)}, "89 1e d4 93", "ror x9, x20, #7"},
    {Opcode::SXTBWr, {R(Gpr::X9), R(Gpr::X20)}, "89 1e 00 13", "sxtb w9, w20"},
    {Opcode::SXTBXr, {R(Gpr::X9), R(Gpr::X20)}, "89 1e 40 93", "sxtb x9, w20"},
    {Opcode::SXTHWr, {R(Gpr::X9), R(Gpr::X20)}, "89 3e 00 13", "sxth w9, w20"},
    {Opcode::SXTHXr, {R(Gpr::X9), R(Gpr::X20)}, "89 3e 40 93", "sxth x9, w20"},
    {Opcode::SXTWXr, {R(Gpr::X9), R(Gpr::X20)}, "89 7e 40 93", "sxtw x9, w20"},
    {Opcode::UXTBWr, {R(Gpr::X9), R(Gpr::X20)}, "89 1e 00 53", "uxtb w9, w20"},
    {Opcode::UXTHWr, {R(Gpr::X9), R(Gpr::X20)}, "89 3e 00 53", "uxth w9, w20"},
};

Inst instOf(const FormCase& c) {
  std::array<Operand, 4> ops{};
  for (size_t i = 0; i < c.ops.size(); ++i)
    ops[i] = c.ops[i];
  return Inst(c.op, c.cc, ops);
}

} // namespace

TEST(A64EncoderTest, EveryFormHasACase) {
  std::set<Opcode> covered;
  for (const FormCase& c : kFormCases)
    covered.insert(c.op);
  for (unsigned op = 0; op < kNumOpcodes; ++op)
    EXPECT_TRUE(covered.count(Opcode(op))) << "no EncoderTest case for " << desc(Opcode(op)).id;
}

TEST(A64EncoderTest, FormCasesEncodeAndPrint) {
  for (const FormCase& c : kFormCases) {
    const Inst inst = instOf(c);
    ASSERT_EQ(c.ops.size(), desc(c.op).numOperands) << desc(c.op).id;
    ASSERT_EQ(Encoder::check(inst), "") << desc(c.op).id;
    EXPECT_EQ(bytesOf(inst), c.bytes) << desc(c.op).id;
    EXPECT_EQ(printInst(inst), c.text) << desc(c.op).id;
  }
}

// Register 31 is sp in some slots and zr in others (Arm ARM C1.2.5); the table
// says which, and check refuses the other one.
TEST(A64EncoderTest, StackPointerAndZeroRegister) {
  // add sp, sp, #16 / sub sp, sp, #32: both slots read 31 as sp.
  EXPECT_EQ(bytesOf(Inst(Opcode::ADDXri, {R(Gpr::Sp), R(Gpr::Sp), I(16)})), "ff 43 00 91");
  EXPECT_EQ(printInst(Inst(Opcode::SUBXri, {R(Gpr::Sp), R(Gpr::Sp), I(32)})), "sub sp, sp, #32");
  // mov x29, sp is add x29, sp, #0; mov from zr is orr.
  EXPECT_EQ(bytesOf(Inst(Opcode::MOVXsp, {R(Gpr::X29), R(Gpr::Sp)})), "fd 03 00 91");
  EXPECT_EQ(printInst(Inst(Opcode::MOVXsp, {R(Gpr::X29), R(Gpr::Sp)})), "mov x29, sp");
  EXPECT_EQ(bytesOf(Inst(Opcode::MOVXr, {R(Gpr::X0), R(Gpr::Zr)})), "e0 03 1f aa");
  EXPECT_EQ(printInst(Inst(Opcode::MOVXr, {R(Gpr::X0), R(Gpr::Zr)})), "mov x0, xzr");
  // Shifted-register forms read 31 as zr everywhere: sp is refused.
  EXPECT_NE(Encoder::check(Inst(Opcode::ADDXrs, {R(Gpr::Sp), R(Gpr::X1), Operand::sh(Gpr::X2, Shift::Lsl, 0)})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::MOVXr, {R(Gpr::X0), R(Gpr::Sp)})), "");
  // ... and add (immediate) reads 31 as sp: zr is refused.
  EXPECT_NE(Encoder::check(Inst(Opcode::ADDXri, {R(Gpr::Zr), R(Gpr::X1), I(1)})), "");
  // adds/subs write zr (cmp), but read sp.
  EXPECT_EQ(printInst(Inst(Opcode::CMPXri, {R(Gpr::Sp), I(4)})), "cmp sp, #4");
  EXPECT_NE(Encoder::check(Inst(Opcode::ADDSXri, {R(Gpr::Sp), R(Gpr::X1), I(1)})), "");
  // and/orr/eor (immediate) may write sp; ands may not.
  EXPECT_EQ(Encoder::check(Inst(Opcode::ANDXri, {R(Gpr::Sp), R(Gpr::X0), I(-16)})), "");
  EXPECT_EQ(printInst(Inst(Opcode::ANDXri, {R(Gpr::Sp), R(Gpr::X0), I(-16)})), "and sp, x0, #0xfffffffffffffff0");
  EXPECT_NE(Encoder::check(Inst(Opcode::ANDSXri, {R(Gpr::Sp), R(Gpr::X0), I(-16)})), "");
  // Memory bases read sp; register offsets and transfer registers read zr.
  EXPECT_EQ(printInst(Inst(Opcode::STRXui, {R(Gpr::Zr), M(Mem::at(Gpr::Sp, 8))})), "str xzr, [sp, #8]");
  EXPECT_NE(Encoder::check(Inst(Opcode::STRXui, {R(Gpr::X0), M(Mem::at(Gpr::Zr, 8))})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::LDRXro, {R(Gpr::X0), M(Mem::reg(Gpr::X1, Gpr::Sp))})), "");
  // Extended register next to sp: uxtx (uxtw at 32 bits) prints as lsl.
  EXPECT_EQ(printInst(Inst(Opcode::ADDXrx, {R(Gpr::Sp), R(Gpr::Sp), Operand::ext(Gpr::X3, Extend::Uxtx, 0)})), "add sp, sp, x3");
  EXPECT_EQ(printInst(Inst(Opcode::ADDXrx, {R(Gpr::X0), R(Gpr::X1), Operand::ext(Gpr::X3, Extend::Uxtx, 0)})), "add x0, x1, x3, uxtx");
  EXPECT_EQ(printInst(Inst(Opcode::SUBWrx, {R(Gpr::X0), R(Gpr::Sp), Operand::ext(Gpr::X3, Extend::Uxtw, 2)})), "sub w0, wsp, w3, lsl #2");
}

// The wasm heap access: [heapBase, wIndex, uxtw] zero-extends a 32-bit index.
TEST(A64EncoderTest, HeapAccessPattern) {
  const Inst load(Opcode::LDRWro, {R(Gpr::X0), M(Mem::reg(Gpr::X21, Gpr::X2, Extend::Uxtw))});
  EXPECT_EQ(bytesOf(load), "a0 4a 62 b8");
  EXPECT_EQ(printInst(load), "ldr w0, [x21, w2, uxtw]");
  const Inst store(Opcode::STRXro, {R(Gpr::X3), M(Mem::reg(Gpr::X21, Gpr::X2, Extend::Uxtw, true))});
  EXPECT_EQ(bytesOf(store), "a3 5a 22 f8");
  EXPECT_EQ(printInst(store), "str x3, [x21, w2, uxtw #3]");
  EXPECT_EQ(printInst(Inst(Opcode::LDRBro, {R(Gpr::X0), M(Mem::reg(Gpr::X1, Gpr::X2, Extend::Uxtx, true))})),
            "ldrb w0, [x1, x2, lsl #0]");
  EXPECT_EQ(printInst(Inst(Opcode::LDRXro, {R(Gpr::X0), M(Mem::reg(Gpr::X1, Gpr::X2))})), "ldr x0, [x1, x2]");
  // Register offsets extend with uxtw, lsl, sxtw or sxtx only.
  EXPECT_NE(Encoder::check(Inst(Opcode::LDRXro, {R(Gpr::X0), M(Mem::reg(Gpr::X1, Gpr::X2, Extend::Uxtb))})), "");
}

// Aliases are encoded through their base form; the printer then says what LLVM
// says for the word, even where that is not the alias's own spelling.
TEST(A64EncoderTest, AliasesExpandToTheirBaseForm) {
  const Inst lsl(Opcode::LSLXri, {R(Gpr::X0), R(Gpr::X1), I(4)});
  const Inst ubfm = expandAlias(lsl);
  EXPECT_EQ(ubfm.op, Opcode::UBFMXri);
  EXPECT_EQ(ubfm.ops[2].imm, 60);
  EXPECT_EQ(ubfm.ops[3].imm, 59);
  EXPECT_EQ(encode(lsl), encode(ubfm));
  EXPECT_EQ(printInst(lsl), "lsl x0, x1, #4");
  EXPECT_EQ(printInst(Inst(Opcode::LSLWri, {R(Gpr::X0), R(Gpr::X1), I(0)})), "lsr w0, w1, #0");
  EXPECT_EQ(printInst(Inst(Opcode::LSRWri, {R(Gpr::X0), R(Gpr::X1), I(31)})), "lsr w0, w1, #31");
  EXPECT_EQ(printInst(Inst(Opcode::RORXri, {R(Gpr::X0), R(Gpr::X1), I(63)})), "ror x0, x1, #63");
  // cset inverts the condition into csinc's.
  const Inst cset(Opcode::CSETWr, Cond::EQ, {R(Gpr::X0)});
  EXPECT_EQ(expandAlias(cset).cc, Cond::NE);
  EXPECT_EQ(bytesOf(cset), "e0 17 9f 1a");
  EXPECT_NE(Encoder::check(Inst(Opcode::CSETWr, Cond::AL, {R(Gpr::X0)})), "");
  // Base forms print LLVM's preferred alias from the operand values.
  EXPECT_EQ(printInst(Inst(Opcode::SUBSXrs, {R(Gpr::Zr), R(Gpr::X1), Operand::sh(Gpr::X2, Shift::Lsl, 0)})), "cmp x1, x2");
  EXPECT_EQ(printInst(Inst(Opcode::SUBSXrs, {R(Gpr::X0), R(Gpr::Zr), Operand::sh(Gpr::X2, Shift::Lsl, 0)})), "negs x0, x2");
  EXPECT_EQ(printInst(Inst(Opcode::MADDXrrr, {R(Gpr::X0), R(Gpr::X1), R(Gpr::X2), R(Gpr::Zr)})), "mul x0, x1, x2");
  EXPECT_EQ(printInst(Inst(Opcode::CSINCWr, Cond::NE, {R(Gpr::X0), R(Gpr::X1), R(Gpr::X1)})), "cinc w0, w1, eq");
  EXPECT_EQ(printInst(Inst(Opcode::EXTRWrri, {R(Gpr::X0), R(Gpr::X1), R(Gpr::X1), I(8)})), "ror w0, w1, #8");
  EXPECT_EQ(printInst(Inst(Opcode::UBFMXri, {R(Gpr::X0), R(Gpr::X1), I(0), I(7)})), "ubfx x0, x1, #0, #8");
  EXPECT_EQ(printInst(Inst(Opcode::MOVNWi, {R(Gpr::X0), I(0xFFFF)})), "movn w0, #65535");
  EXPECT_EQ(printInst(Inst(Opcode::MOVNXi, {R(Gpr::X0), I(0)})), "mov x0, #-1");
  EXPECT_EQ(printInst(Inst(Opcode::MOVZXi, {R(Gpr::X0), I(0, 16)})), "movz x0, #0, lsl #16");
  EXPECT_EQ(printInst(Inst(Opcode::ORRXri, {R(Gpr::X0), R(Gpr::Zr), I(0x5555555555555555)})), "mov x0, #6148914691236517205");
  EXPECT_EQ(printInst(Inst(Opcode::ORRXri, {R(Gpr::X0), R(Gpr::Zr), I(0xFFFF)})), "orr x0, xzr, #0xffff");
  EXPECT_EQ(printInst(Inst(Opcode::RET, {R(Gpr::X30)})), "ret");
  EXPECT_EQ(printInst(Inst(Opcode::TBNZ, {R(Gpr::X3), I(31), Operand::rel(8)})), "tbnz w3, #31, #8");
}

TEST(A64EncoderTest, LabelsResolveForwardAndBackward) {
  Encoder e;
  const Label top = e.newLabel(), out = e.newLabel(), data = e.newLabel();
  e.bind(top);                                                                      // 0
  e.emit(Inst(Opcode::Bcc, Cond::EQ, {Operand::to(out)}));                          // 0: +20
  e.emit(Inst(Opcode::CBNZW, {R(Gpr::X1), Operand::to(top)}));                      // 4: -4
  e.emit(Inst(Opcode::TBZ, {R(Gpr::X2), I(40), Operand::to(out)}));                 // 8: +12
  e.emit(Inst(Opcode::ADR, {R(Gpr::X3), Operand::to(data)}));                       // 12: +12
  e.emit(Inst(Opcode::B, {Operand::to(top)}));                                      // 16: -16
  e.bind(out);
  e.emit(Inst(Opcode::RET, {R(Gpr::X30)}));                                         // 20
  e.bind(data);                                                                     // 24
  std::string error;
  ASSERT_TRUE(e.finalize(&error)) << error;
  // b.eq #20 | cbnz w1, #-4 | tbz x2, #40, #12 | adr x3, #12 | b #-16 | ret
  EXPECT_EQ(hex(e.bytes()), "a0 00 00 54 e1 ff ff 35 62 00 40 b6 63 00 00 10 "
                            "fc ff ff 17 c0 03 5f d6");
  EXPECT_TRUE(e.relocations().empty());
}

TEST(A64EncoderTest, OutOfRangeBranchesAreReported) {
  Encoder e;
  const Label far = e.newLabel(), near = e.newLabel();
  e.emit(Inst(Opcode::TBNZ, {R(Gpr::X0), I(3), Operand::to(far)}));   // reach ±32 KiB
  e.emit(Inst(Opcode::CBZX, {R(Gpr::X0), Operand::to(near)}));         // reach ±1 MiB
  for (int i = 0; i < 8192; ++i)                                       // 32 KiB of nops
    e.emit(Inst(Opcode::NOP));
  e.bind(near);
  e.bind(far);
  std::string error;
  std::vector<OutOfRange> bad;
  EXPECT_FALSE(e.finalize(&error, &bad));
  EXPECT_NE(error.find("out of range"), std::string::npos);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].fixup.kind, Fixup::Kind::TestBr14);
  EXPECT_EQ(bad[0].fixup.offset, 0u);
  EXPECT_EQ(bad[0].displacement, 8 + 8192 * 4);
  EXPECT_EQ(e.wordAt(4), 0xB4000000u | (uint32_t((4 + 8192 * 4) / 4) << 5)); // cbz patched
  // The ranges a veneer pass plans with.
  EXPECT_TRUE(branchRange(Fixup::Kind::TestBr14).contains(32764));
  EXPECT_FALSE(branchRange(Fixup::Kind::TestBr14).contains(32768));
  EXPECT_TRUE(branchRange(Fixup::Kind::TestBr14).contains(-32768));
  EXPECT_TRUE(branchRange(Fixup::Kind::CondBr19).contains((1 << 20) - 4));
  EXPECT_FALSE(branchRange(Fixup::Kind::CondBr19).contains(1 << 20));
  EXPECT_TRUE(branchRange(Fixup::Kind::Jump26).contains(-(1 << 27)));
  EXPECT_FALSE(branchRange(Fixup::Kind::Jump26).contains((1 << 27)));
  EXPECT_FALSE(branchRange(Fixup::Kind::Jump26).contains(2));
  // Explicit displacements are checked by check().
  EXPECT_NE(Encoder::check(Inst(Opcode::Bcc, Cond::EQ, {Operand::rel(1 << 20)})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::B, {Operand::rel(6)})), "");
  EXPECT_EQ(Encoder::check(Inst(Opcode::B, {Operand::rel(-(1 << 27))})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::ADRP, {R(Gpr::X0), Operand::rel(100)})), "");
  {
    Encoder u;
    const Label never = u.newLabel();
    u.emit(Inst(Opcode::B, {Operand::to(never)}));
    EXPECT_FALSE(u.finalize(&error));
    EXPECT_NE(error.find("never bound"), std::string::npos);
  }
}

TEST(A64EncoderTest, SymbolsBecomeRelocations) {
  Encoder e;
  e.emit(Inst(Opcode::NOP));
  e.emit(Inst(Opcode::BL, {Operand::symbol(7)}));
  e.emit(Inst(Opcode::B, {Operand::symbol(8)}));
  e.emit(Inst(Opcode::ADRP, {R(Gpr::X16), Operand::symbol(3)}));
  e.emit(Inst(Opcode::ADDXri, {R(Gpr::X16), R(Gpr::X16), Operand::lo12(3)}));
  ASSERT_TRUE(e.finalize());
  ASSERT_EQ(e.relocations().size(), 4u);
  const Fixup::Kind kinds[] = {Fixup::Kind::Call26, Fixup::Kind::Jump26, Fixup::Kind::AdrPage21,
                               Fixup::Kind::AddLo12};
  const uint32_t targets[] = {7, 8, 3, 3};
  for (unsigned i = 0; i < 4; ++i) {
    EXPECT_EQ(e.relocations()[i].kind, kinds[i]);
    EXPECT_EQ(e.relocations()[i].offset, 4 * (i + 1));
    EXPECT_EQ(e.relocations()[i].target.id, targets[i]);
  }
  // The fields are left 0 for the linker.
  EXPECT_EQ(hex(e.bytes()), "1f 20 03 d5 00 00 00 94 00 00 00 14 10 00 00 90 10 02 00 91");
  EXPECT_EQ(printInst(Inst(Opcode::BL, {Operand::symbol(7)})), "bl sym7");
  EXPECT_EQ(printInst(Inst(Opcode::ADDXri, {R(Gpr::X16), R(Gpr::X16), Operand::lo12(3)})), "add x16, x16, :lo12:sym3");
  // No relocation exists for these fields in lib/object/Relocations.def.
  EXPECT_NE(Encoder::check(Inst(Opcode::Bcc, Cond::EQ, {Operand::symbol(1)})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::SUBXri, {R(Gpr::X0), R(Gpr::X0), Operand::lo12(1)})), "");
  // adrp's page displacement depends on the final address: labels are refused.
  Encoder f;
  EXPECT_NE(Encoder::check(Inst(Opcode::ADRP, {R(Gpr::X0), Operand::to(f.newLabel())})), "");
}

TEST(A64EncoderTest, CheckRejectsMalformedOperands) {
  auto bad = [](const Inst& i) { return !Encoder::check(i).empty(); };
  EXPECT_TRUE(bad(Inst(Opcode::ANDXri, {R(Gpr::X0), R(Gpr::X1), I(0x1234)})));      // not a bitmask
  EXPECT_TRUE(bad(Inst(Opcode::ORRWri, {R(Gpr::X0), R(Gpr::X1), I(0)})));
  EXPECT_TRUE(bad(Inst(Opcode::ORRWri, {R(Gpr::X0), R(Gpr::X1), I(0xFFFFFFFF)})));
  EXPECT_TRUE(bad(Inst(Opcode::ORRWri, {R(Gpr::X0), R(Gpr::X1), I(0x100000000)})));
  EXPECT_FALSE(bad(Inst(Opcode::ORRWri, {R(Gpr::X0), R(Gpr::X1), I(-256)})));         // 0xffffff00
  EXPECT_TRUE(bad(Inst(Opcode::ADDXri, {R(Gpr::X0), R(Gpr::X1), I(4096)})));
  EXPECT_TRUE(bad(Inst(Opcode::ADDXri, {R(Gpr::X0), R(Gpr::X1), I(1, 16)})));
  EXPECT_TRUE(bad(Inst(Opcode::ADDXri, {R(Gpr::X0), R(Gpr::X1), I(-1)})));
  EXPECT_TRUE(bad(Inst(Opcode::ADDXrs, {R(Gpr::X0), R(Gpr::X1), Operand::sh(Gpr::X2, Shift::Ror, 1)})));
  EXPECT_FALSE(bad(Inst(Opcode::ANDXrs, {R(Gpr::X0), R(Gpr::X1), Operand::sh(Gpr::X2, Shift::Ror, 1)})));
  EXPECT_TRUE(bad(Inst(Opcode::ADDWrs, {R(Gpr::X0), R(Gpr::X1), Operand::sh(Gpr::X2, Shift::Lsl, 32)})));
  EXPECT_TRUE(bad(Inst(Opcode::ADDXrx, {R(Gpr::X0), R(Gpr::X1), Operand::ext(Gpr::X2, Extend::Uxtw, 5)})));
  EXPECT_TRUE(bad(Inst(Opcode::MOVZWi, {R(Gpr::X0), I(1, 32)})));
  EXPECT_TRUE(bad(Inst(Opcode::MOVZXi, {R(Gpr::X0), I(0x10000)})));
  EXPECT_TRUE(bad(Inst(Opcode::LSLWri, {R(Gpr::X0), R(Gpr::X1), I(32)})));
  EXPECT_TRUE(bad(Inst(Opcode::UBFMWri, {R(Gpr::X0), R(Gpr::X1), I(0), I(32)})));
  EXPECT_TRUE(bad(Inst(Opcode::LDRXui, {R(Gpr::X0), M(Mem::at(Gpr::X1, 4))})));       // unaligned
  EXPECT_TRUE(bad(Inst(Opcode::LDRXui, {R(Gpr::X0), M(Mem::at(Gpr::X1, -8))})));
  EXPECT_TRUE(bad(Inst(Opcode::LDRXui, {R(Gpr::X0), M(Mem::at(Gpr::X1, 8 * 4096))})));
  EXPECT_FALSE(bad(Inst(Opcode::LDRXui, {R(Gpr::X0), M(Mem::at(Gpr::X1, 8 * 4095))})));
  EXPECT_TRUE(bad(Inst(Opcode::LDRXus, {R(Gpr::X0), M(Mem::at(Gpr::X1, 256))})));
  EXPECT_TRUE(bad(Inst(Opcode::LDRXus, {R(Gpr::X0), M(Mem::pre(Gpr::X1, 8))})));     // wrong mode
  EXPECT_TRUE(bad(Inst(Opcode::LDRXpre, {R(Gpr::X1), M(Mem::pre(Gpr::X1, 8))})));    // Rt == Rn
  EXPECT_FALSE(bad(Inst(Opcode::LDRDpre, {R(Vreg::V1), M(Mem::pre(Gpr::X1, 8))})));
  EXPECT_TRUE(bad(Inst(Opcode::LDPXi, {R(Gpr::X1), R(Gpr::X1), M(Mem::at(Gpr::Sp))})));
  EXPECT_TRUE(bad(Inst(Opcode::STPXpre, {R(Gpr::X29), R(Gpr::X30), M(Mem::pre(Gpr::Sp, -520))})));
  EXPECT_TRUE(bad(Inst(Opcode::STPXpre, {R(Gpr::X29), R(Gpr::X30), M(Mem::pre(Gpr::Sp, -12))})));
  EXPECT_TRUE(bad(Inst(Opcode::FMOVDi, {R(Vreg::V0), Operand::f(0.0)})));
  EXPECT_TRUE(bad(Inst(Opcode::FMOVDi, {R(Vreg::V0), Operand::f(0.1)})));
  EXPECT_TRUE(bad(Inst(Opcode::FMOVSi, {R(Vreg::V0), Operand::f(32.5)})));
  EXPECT_TRUE(bad(Inst(Opcode::CCMPXi, {R(Gpr::X0), I(32), I(0)})));
  EXPECT_TRUE(bad(Inst(Opcode::CCMPXi, {R(Gpr::X0), I(1), I(16)})));
  EXPECT_TRUE(bad(Inst(Opcode::UDF, {I(0x10000)})));
  Operand v32;
  v32.reg = 32;
  EXPECT_TRUE(bad(Inst(Opcode::FADDDrr, {R(Vreg::V0), R(Vreg::V1), v32})));
}

TEST(A64EncoderTest, FpImmediates) {
  std::set<double> seen;
  for (unsigned i = 0; i < 256; ++i) {
    const double v = decodeFPImm(uint8_t(i));
    EXPECT_EQ(encodeFPImm(v), uint8_t(i)) << v;
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 256u);
  EXPECT_EQ(decodeFPImm(0x70), 1.0);
  EXPECT_EQ(decodeFPImm(0x00), 2.0);
  EXPECT_EQ(decodeFPImm(0x40), 0.125);  // fmov s0, #0.125 is the word 0x1e281000 (llvm-mc)
  EXPECT_EQ(decodeFPImm(0x3F), 31.0);
  EXPECT_EQ(decodeFPImm(0xF0), -1.0);
  EXPECT_FALSE(encodeFPImm(0.0));
  EXPECT_FALSE(encodeFPImm(-0.0));
  EXPECT_FALSE(encodeFPImm(32.0));
  EXPECT_FALSE(encodeFPImm(0.0625));
}

namespace {
// The value a materialize() sequence leaves in its register, by the Arm ARM
// semantics of movz/movn/movk/orr (immediate).
uint64_t run(const std::vector<Inst>& seq, bool is64) {
  uint64_t x = 0xDEADBEEFDEADBEEFull;
  for (const Inst& i : seq) {
    const uint64_t imm = uint64_t(i.ops[1].imm) << i.ops[1].amount;
    switch (i.op) {
    case Opcode::MOVZXi: case Opcode::MOVZWi: x = imm; break;
    case Opcode::MOVNXi: case Opcode::MOVNWi: x = ~imm; break;
    case Opcode::MOVKXi: case Opcode::MOVKWi:
      x = (x & ~(0xFFFFull << i.ops[1].amount)) | imm;
      break;
    case Opcode::ORRXri: case Opcode::ORRWri: x = uint64_t(i.ops[2].imm); break;
    default: ADD_FAILURE() << "unexpected " << desc(i.op).id;
    }
    EXPECT_EQ(Encoder::check(i), "") << desc(i.op).id;
    if (!is64)
      x &= 0xFFFFFFFFull;
  }
  return x;
}
} // namespace

TEST(A64EncoderTest, MaterializeConstants) {
  auto text = [](const std::vector<Inst>& seq) {
    std::string s;
    for (const Inst& i : seq)
      s += (s.empty() ? "" : "; ") + printInst(i);
    return s;
  };
  EXPECT_EQ(text(materialize(Gpr::X0, 0, true)), "mov x0, #0");
  EXPECT_EQ(text(materialize(Gpr::X0, ~0ull, true)), "mov x0, #-1");
  EXPECT_EQ(text(materialize(Gpr::X0, 0x12340000, true)), "mov x0, #305397760");
  EXPECT_EQ(text(materialize(Gpr::X0, 0xFFFFFFFFFFFF1234ull, true)), "mov x0, #-60876");
  EXPECT_EQ(text(materialize(Gpr::X0, 0x5555555555555555ull, true)), "mov x0, #6148914691236517205");
  EXPECT_EQ(text(materialize(Gpr::X0, 0x12345678, false)), "mov w0, #22136; movk w0, #4660, lsl #16");
  EXPECT_EQ(text(materialize(Gpr::X0, 0xFFFF1234, false)), "mov w0, #-60876");
  EXPECT_EQ(text(materialize(Gpr::X0, 0xFFFFFFFF, false)), "mov w0, #-1");
  EXPECT_EQ(text(materialize(Gpr::X0, 0xFFFFFFFF, true)), "mov x0, #4294967295");
  EXPECT_EQ(text(materialize(Gpr::X0, 0x123456789ABCDEF0ull, true)),
            "mov x0, #57072; movk x0, #39612, lsl #16; movk x0, #22136, lsl #32; movk x0, #4660, lsl #48");
  EXPECT_EQ(text(materialize(Gpr::X0, 0xFFFF1234FFFF5678ull, true)), "mov x0, #-43400; movk x0, #4660, lsl #32");
  // orr of a replicated pattern + one movk beats movz + 3 movk.
  EXPECT_EQ(materialize(Gpr::X0, 0x00FF00FF00FF1234ull, true).size(), 2u);
  EXPECT_EQ(materialize(Gpr::X0, 0x00FF00FF00FF1234ull, true)[0].op, Opcode::ORRXri);
  // ... also with a pattern that is no replication of a halfword or word
  // (0x00000ffffffff000 matches 3 halfwords; movn + movk would take 3).
  EXPECT_EQ(text(materialize(Gpr::X0, 0x12340FFFFFFFF000ull, true)),
            "mov x0, #17592186040320; movk x0, #4660, lsl #48"); // the mov is orr
  EXPECT_EQ(materialize(Gpr::X0, 0x12340FFFFFFFF000ull, true)[0].op, Opcode::ORRXri);
  // Every value comes out right, in at most 4 (64-bit) or 2 (32-bit) instructions.
  std::mt19937_64 rng(7);
  std::vector<uint64_t> values = {0, 1, ~0ull, 0x8000000000000000ull, 0x7FFFFFFFFFFFFFFFull,
                                  0xFFFFFFFF00000000ull, 0x00000000FFFFFFFFull, 0xFFFF, 0xFFFF0000};
  for (int i = 0; i < 20000; ++i) {
    uint64_t v = rng();
    // Bias toward halfwords of 0 and 0xffff, where the strategies differ.
    for (unsigned h = 0; h < 4; ++h)
      if (rng() % 3 == 0)
        v = (v & ~(0xFFFFull << 16 * h)) | ((rng() & 1 ? 0xFFFFull : 0) << 16 * h);
    values.push_back(v);
  }
  for (uint64_t v : values) {
    const auto x = materialize(Gpr::X9, v, true);
    EXPECT_EQ(run(x, true), v) << std::hex << v;
    EXPECT_LE(x.size(), 4u);
    if (isLogicalImm(v, 64) || isMoveWideImm(v, 64)) {
      EXPECT_EQ(x.size(), 1u) << std::hex << v;
    }
    const auto w = materialize(Gpr::X9, v, false);
    EXPECT_EQ(run(w, false), v & 0xFFFFFFFFull) << std::hex << v;
    EXPECT_LE(w.size(), 2u);
  }
}

TEST(A64EncoderTest, Aapcs64Facts) {
  EXPECT_EQ(aapcs64::kIntArgs[0], Gpr::X0);
  EXPECT_EQ(aapcs64::kIntArgs[7], Gpr::X7);
  EXPECT_EQ(aapcs64::kFloatArgs[7], Vreg::V7);
  EXPECT_TRUE(aapcs64::isCalleeSaved(Gpr::X19));
  EXPECT_TRUE(aapcs64::isCalleeSaved(Gpr::X28));
  EXPECT_TRUE(aapcs64::isCalleeSaved(kFp));
  EXPECT_FALSE(aapcs64::isCalleeSaved(Gpr::X18));
  EXPECT_FALSE(aapcs64::isCalleeSaved(Gpr::X17));
  EXPECT_TRUE(aapcs64::isCalleeSavedLow64(Vreg::V8));
  EXPECT_TRUE(aapcs64::isCalleeSavedLow64(Vreg::V15));
  EXPECT_FALSE(aapcs64::isCalleeSavedLow64(Vreg::V16));
  EXPECT_FALSE(aapcs64::isCalleeSavedLow64(Vreg::V7));
  EXPECT_FALSE(aapcs64::isAllocatable(Gpr::X16));
  EXPECT_FALSE(aapcs64::isAllocatable(Gpr::X18));
  EXPECT_FALSE(aapcs64::isAllocatable(Gpr::X29));
  EXPECT_FALSE(aapcs64::isAllocatable(Gpr::Sp));
  EXPECT_TRUE(aapcs64::isAllocatable(Gpr::X28));
  EXPECT_EQ(aapcs64::kStackAlignment, 16u);
  // Caller- and callee-saved sets partition x0..x30 apart from x18.
  for (unsigned r = 0; r < kNumGprs; ++r) {
    if (Gpr(r) == aapcs64::kPlatformRegister)
      continue;
    bool caller = false;
    for (Gpr g : aapcs64::kCallerSavedGprs)
      caller |= g == Gpr(r);
    EXPECT_NE(caller, aapcs64::isCalleeSaved(Gpr(r))) << gprName(Gpr(r), true);
  }
  EXPECT_EQ(gprName(Gpr::Sp, false), "wsp");
  EXPECT_EQ(gprName(Gpr::Zr, true), "xzr");
  EXPECT_EQ(gprName(Gpr::X30, true), "x30");
  EXPECT_EQ(vregName(Vreg::V31, 'q'), "q31");
  EXPECT_EQ(encoding(Gpr::Zr), 31);
  EXPECT_EQ(encoding(Gpr::Sp), 31);
}

// EncoderTest: expected bytes and text for one case of every form in
// Instructions.def, hand-computed cases for the ModRM/SIB/REX special cases of
// the Intel SDM (vol. 2, 2.1-2.2), labels and fixups, and the checks that
// reject malformed instructions. The per-form bytes agree with the manual's
// opcode tables and with LLVM's assembler (llvm-mc), an encoder independent of
// ours; LlvmMcCrossCheckTest covers every register/immediate/address shape.
#include "isa/x64/AsmPrinter.h"
#include "isa/x64/Encoder.h"

#include "../FormCaseOperands.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

using namespace wasmaot::isa::x64;

namespace {

Operand R(Gpr g) { return Operand::r(g); }
Operand R(Xmm x) { return Operand::r(x); }
Operand M(const Mem& m) { return Operand::m(m); }
Operand I(int64_t v) { return Operand::i(v); }
Operand CL() { return Operand::cl(); }

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
  wasmaot::test::FormCaseOperands<Operand, 3> ops;
  const char* bytes;
  const char* text;
};

// One case per form. Registers r9 (REX.R/B), rdx and sil (a byte register
// that needs a bare REX); memory [r13 + 8*r10 + 100] (REX.X and REX.B, SIB,
// disp8); condition l (tttn 1100).
const FormCase kFormCases[] = {
    {Opcode::ADD32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "41 01 d1", "add r9d, edx"},
    {Opcode::ADD32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 03 4c d5 64", "add r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::ADD32mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "43 01 54 d5 64", "add dword ptr [r13 + 8*r10 + 100], edx"},
    {Opcode::ADD32ri8, {R(Gpr::R9), I(-5)}, "41 83 c1 fb", "add r9d, -5"},
    {Opcode::ADD32ri, {R(Gpr::R9), I(0x12345678)}, "41 81 c1 78 56 34 12", "add r9d, 305419896"},
    {Opcode::ADD32mi8, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "43 83 44 d5 64 fb", "add dword ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::ADD32mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(0x12345678)}, "43 81 44 d5 64 78 56 34 12", "add dword ptr [r13 + 8*r10 + 100], 305419896"},
    {Opcode::ADD64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "49 01 d1", "add r9, rdx"},
    {Opcode::ADD64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 03 4c d5 64", "add r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::ADD64mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "4b 01 54 d5 64", "add qword ptr [r13 + 8*r10 + 100], rdx"},
    {Opcode::ADD64ri8, {R(Gpr::R9), I(-5)}, "49 83 c1 fb", "add r9, -5"},
    {Opcode::ADD64ri, {R(Gpr::R9), I(-100000)}, "49 81 c1 60 79 fe ff", "add r9, -100000"},
    {Opcode::ADD64mi8, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "4b 83 44 d5 64 fb", "add qword ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::ADD64mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-100000)}, "4b 81 44 d5 64 60 79 fe ff", "add qword ptr [r13 + 8*r10 + 100], -100000"},
    {Opcode::OR32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "41 09 d1", "or r9d, edx"},
    {Opcode::OR32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0b 4c d5 64", "or r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::OR32mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "43 09 54 d5 64", "or dword ptr [r13 + 8*r10 + 100], edx"},
    {Opcode::OR32ri8, {R(Gpr::R9), I(-5)}, "41 83 c9 fb", "or r9d, -5"},
    {Opcode::OR32ri, {R(Gpr::R9), I(0x12345678)}, "41 81 c9 78 56 34 12", "or r9d, 305419896"},
    {Opcode::OR32mi8, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "43 83 4c d5 64 fb", "or dword ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::OR32mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(0x12345678)}, "43 81 4c d5 64 78 56 34 12", "or dword ptr [r13 + 8*r10 + 100], 305419896"},
    {Opcode::OR64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "49 09 d1", "or r9, rdx"},
    {Opcode::OR64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 0b 4c d5 64", "or r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::OR64mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "4b 09 54 d5 64", "or qword ptr [r13 + 8*r10 + 100], rdx"},
    {Opcode::OR64ri8, {R(Gpr::R9), I(-5)}, "49 83 c9 fb", "or r9, -5"},
    {Opcode::OR64ri, {R(Gpr::R9), I(-100000)}, "49 81 c9 60 79 fe ff", "or r9, -100000"},
    {Opcode::OR64mi8, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "4b 83 4c d5 64 fb", "or qword ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::OR64mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-100000)}, "4b 81 4c d5 64 60 79 fe ff", "or qword ptr [r13 + 8*r10 + 100], -100000"},
    {Opcode::AND32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "41 21 d1", "and r9d, edx"},
    {Opcode::AND32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 23 4c d5 64", "and r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::AND32mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "43 21 54 d5 64", "and dword ptr [r13 + 8*r10 + 100], edx"},
    {Opcode::AND32ri8, {R(Gpr::R9), I(-5)}, "41 83 e1 fb", "and r9d, -5"},
    {Opcode::AND32ri, {R(Gpr::R9), I(0x12345678)}, "41 81 e1 78 56 34 12", "and r9d, 305419896"},
    {Opcode::AND32mi8, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "43 83 64 d5 64 fb", "and dword ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::AND32mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(0x12345678)}, "43 81 64 d5 64 78 56 34 12", "and dword ptr [r13 + 8*r10 + 100], 305419896"},
    {Opcode::AND64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "49 21 d1", "and r9, rdx"},
    {Opcode::AND64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 23 4c d5 64", "and r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::AND64mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "4b 21 54 d5 64", "and qword ptr [r13 + 8*r10 + 100], rdx"},
    {Opcode::AND64ri8, {R(Gpr::R9), I(-5)}, "49 83 e1 fb", "and r9, -5"},
    {Opcode::AND64ri, {R(Gpr::R9), I(-100000)}, "49 81 e1 60 79 fe ff", "and r9, -100000"},
    {Opcode::AND64mi8, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "4b 83 64 d5 64 fb", "and qword ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::AND64mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-100000)}, "4b 81 64 d5 64 60 79 fe ff", "and qword ptr [r13 + 8*r10 + 100], -100000"},
    {Opcode::SUB32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "41 29 d1", "sub r9d, edx"},
    {Opcode::SUB32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 2b 4c d5 64", "sub r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::SUB32mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "43 29 54 d5 64", "sub dword ptr [r13 + 8*r10 + 100], edx"},
    {Opcode::SUB32ri8, {R(Gpr::R9), I(-5)}, "41 83 e9 fb", "sub r9d, -5"},
    {Opcode::SUB32ri, {R(Gpr::R9), I(0x12345678)}, "41 81 e9 78 56 34 12", "sub r9d, 305419896"},
    {Opcode::SUB32mi8, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "43 83 6c d5 64 fb", "sub dword ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::SUB32mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(0x12345678)}, "43 81 6c d5 64 78 56 34 12", "sub dword ptr [r13 + 8*r10 + 100], 305419896"},
    {Opcode::SUB64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "49 29 d1", "sub r9, rdx"},
    {Opcode::SUB64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 2b 4c d5 64", "sub r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::SUB64mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "4b 29 54 d5 64", "sub qword ptr [r13 + 8*r10 + 100], rdx"},
    {Opcode::SUB64ri8, {R(Gpr::R9), I(-5)}, "49 83 e9 fb", "sub r9, -5"},
    {Opcode::SUB64ri, {R(Gpr::R9), I(-100000)}, "49 81 e9 60 79 fe ff", "sub r9, -100000"},
    {Opcode::SUB64mi8, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "4b 83 6c d5 64 fb", "sub qword ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::SUB64mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-100000)}, "4b 81 6c d5 64 60 79 fe ff", "sub qword ptr [r13 + 8*r10 + 100], -100000"},
    {Opcode::XOR32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "41 31 d1", "xor r9d, edx"},
    {Opcode::XOR32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 33 4c d5 64", "xor r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::XOR32mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "43 31 54 d5 64", "xor dword ptr [r13 + 8*r10 + 100], edx"},
    {Opcode::XOR32ri8, {R(Gpr::R9), I(-5)}, "41 83 f1 fb", "xor r9d, -5"},
    {Opcode::XOR32ri, {R(Gpr::R9), I(0x12345678)}, "41 81 f1 78 56 34 12", "xor r9d, 305419896"},
    {Opcode::XOR32mi8, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "43 83 74 d5 64 fb", "xor dword ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::XOR32mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(0x12345678)}, "43 81 74 d5 64 78 56 34 12", "xor dword ptr [r13 + 8*r10 + 100], 305419896"},
    {Opcode::XOR64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "49 31 d1", "xor r9, rdx"},
    {Opcode::XOR64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 33 4c d5 64", "xor r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::XOR64mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "4b 31 54 d5 64", "xor qword ptr [r13 + 8*r10 + 100], rdx"},
    {Opcode::XOR64ri8, {R(Gpr::R9), I(-5)}, "49 83 f1 fb", "xor r9, -5"},
    {Opcode::XOR64ri, {R(Gpr::R9), I(-100000)}, "49 81 f1 60 79 fe ff", "xor r9, -100000"},
    {Opcode::XOR64mi8, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "4b 83 74 d5 64 fb", "xor qword ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::XOR64mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-100000)}, "4b 81 74 d5 64 60 79 fe ff", "xor qword ptr [r13 + 8*r10 + 100], -100000"},
    {Opcode::CMP32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "41 39 d1", "cmp r9d, edx"},
    {Opcode::CMP32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 3b 4c d5 64", "cmp r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CMP32mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "43 39 54 d5 64", "cmp dword ptr [r13 + 8*r10 + 100], edx"},
    {Opcode::CMP32ri8, {R(Gpr::R9), I(-5)}, "41 83 f9 fb", "cmp r9d, -5"},
    {Opcode::CMP32ri, {R(Gpr::R9), I(0x12345678)}, "41 81 f9 78 56 34 12", "cmp r9d, 305419896"},
    {Opcode::CMP32mi8, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "43 83 7c d5 64 fb", "cmp dword ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::CMP32mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(0x12345678)}, "43 81 7c d5 64 78 56 34 12", "cmp dword ptr [r13 + 8*r10 + 100], 305419896"},
    {Opcode::CMP64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "49 39 d1", "cmp r9, rdx"},
    {Opcode::CMP64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 3b 4c d5 64", "cmp r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CMP64mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "4b 39 54 d5 64", "cmp qword ptr [r13 + 8*r10 + 100], rdx"},
    {Opcode::CMP64ri8, {R(Gpr::R9), I(-5)}, "49 83 f9 fb", "cmp r9, -5"},
    {Opcode::CMP64ri, {R(Gpr::R9), I(-100000)}, "49 81 f9 60 79 fe ff", "cmp r9, -100000"},
    {Opcode::CMP64mi8, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "4b 83 7c d5 64 fb", "cmp qword ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::CMP64mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-100000)}, "4b 81 7c d5 64 60 79 fe ff", "cmp qword ptr [r13 + 8*r10 + 100], -100000"},
    {Opcode::TEST32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "41 85 d1", "test r9d, edx"},
    {Opcode::TEST32mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "43 85 54 d5 64", "test dword ptr [r13 + 8*r10 + 100], edx"},
    {Opcode::TEST32ri, {R(Gpr::R9), I(0x12345678)}, "41 f7 c1 78 56 34 12", "test r9d, 305419896"},
    {Opcode::TEST32mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(0x12345678)}, "43 f7 44 d5 64 78 56 34 12", "test dword ptr [r13 + 8*r10 + 100], 305419896"},
    {Opcode::TEST64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "49 85 d1", "test r9, rdx"},
    {Opcode::TEST64mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "4b 85 54 d5 64", "test qword ptr [r13 + 8*r10 + 100], rdx"},
    {Opcode::TEST64ri, {R(Gpr::R9), I(-100000)}, "49 f7 c1 60 79 fe ff", "test r9, -100000"},
    {Opcode::TEST64mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-100000)}, "4b f7 44 d5 64 60 79 fe ff", "test qword ptr [r13 + 8*r10 + 100], -100000"},
    {Opcode::MOV8mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rsi)}, "43 88 74 d5 64", "mov byte ptr [r13 + 8*r10 + 100], sil"},
    {Opcode::MOV8rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 8a 4c d5 64", "mov r9b, byte ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOV8mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-5)}, "43 c6 44 d5 64 fb", "mov byte ptr [r13 + 8*r10 + 100], -5"},
    {Opcode::MOV16mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "66 43 89 54 d5 64", "mov word ptr [r13 + 8*r10 + 100], dx"},
    {Opcode::MOV16rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "66 47 8b 4c d5 64", "mov r9w, word ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOV32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "41 89 d1", "mov r9d, edx"},
    {Opcode::MOV32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 8b 4c d5 64", "mov r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOV32mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "43 89 54 d5 64", "mov dword ptr [r13 + 8*r10 + 100], edx"},
    {Opcode::MOV32ri, {R(Gpr::R9), I(0x12345678)}, "41 b9 78 56 34 12", "mov r9d, 305419896"},
    {Opcode::MOV32mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(0x12345678)}, "43 c7 44 d5 64 78 56 34 12", "mov dword ptr [r13 + 8*r10 + 100], 305419896"},
    {Opcode::MOV64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "49 89 d1", "mov r9, rdx"},
    {Opcode::MOV64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 8b 4c d5 64", "mov r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOV64mr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Gpr::Rdx)}, "4b 89 54 d5 64", "mov qword ptr [r13 + 8*r10 + 100], rdx"},
    {Opcode::MOV64ri32, {R(Gpr::R9), I(-100000)}, "49 c7 c1 60 79 fe ff", "mov r9, -100000"},
    {Opcode::MOV64ri, {R(Gpr::R9), I(0x123456789abcdef0)}, "49 b9 f0 de bc 9a 78 56 34 12", "movabs r9, 1311768467463790320"},
    {Opcode::MOV64mi, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-100000)}, "4b c7 44 d5 64 60 79 fe ff", "mov qword ptr [r13 + 8*r10 + 100], -100000"},
    {Opcode::MOVZX32r8, {R(Gpr::R9), R(Gpr::Rsi)}, "44 0f b6 ce", "movzx r9d, sil"},
    {Opcode::MOVZX32m8, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f b6 4c d5 64", "movzx r9d, byte ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOVZX32r16, {R(Gpr::R9), R(Gpr::Rdx)}, "44 0f b7 ca", "movzx r9d, dx"},
    {Opcode::MOVZX32m16, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f b7 4c d5 64", "movzx r9d, word ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOVZX64r8, {R(Gpr::R9), R(Gpr::Rsi)}, "4c 0f b6 ce", "movzx r9, sil"},
    {Opcode::MOVZX64m8, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 0f b6 4c d5 64", "movzx r9, byte ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOVZX64r16, {R(Gpr::R9), R(Gpr::Rdx)}, "4c 0f b7 ca", "movzx r9, dx"},
    {Opcode::MOVZX64m16, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 0f b7 4c d5 64", "movzx r9, word ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOVSX32r8, {R(Gpr::R9), R(Gpr::Rsi)}, "44 0f be ce", "movsx r9d, sil"},
    {Opcode::MOVSX32m8, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f be 4c d5 64", "movsx r9d, byte ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOVSX32r16, {R(Gpr::R9), R(Gpr::Rdx)}, "44 0f bf ca", "movsx r9d, dx"},
    {Opcode::MOVSX32m16, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f bf 4c d5 64", "movsx r9d, word ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOVSX64r8, {R(Gpr::R9), R(Gpr::Rsi)}, "4c 0f be ce", "movsx r9, sil"},
    {Opcode::MOVSX64m8, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 0f be 4c d5 64", "movsx r9, byte ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOVSX64r16, {R(Gpr::R9), R(Gpr::Rdx)}, "4c 0f bf ca", "movsx r9, dx"},
    {Opcode::MOVSX64m16, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 0f bf 4c d5 64", "movsx r9, word ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOVSXD64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "4c 63 ca", "movsxd r9, edx"},
    {Opcode::MOVSXD64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 63 4c d5 64", "movsxd r9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::LEA32, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 8d 4c d5 64", "lea r9d, [r13 + 8*r10 + 100]"},
    {Opcode::LEA64, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 8d 4c d5 64", "lea r9, [r13 + 8*r10 + 100]"},
    {Opcode::IMUL32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "44 0f af ca", "imul r9d, edx"},
    {Opcode::IMUL32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f af 4c d5 64", "imul r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::IMUL32rri8, {R(Gpr::R9), R(Gpr::Rdx), I(-5)}, "44 6b ca fb", "imul r9d, edx, -5"},
    {Opcode::IMUL32rri, {R(Gpr::R9), R(Gpr::Rdx), I(0x12345678)}, "44 69 ca 78 56 34 12", "imul r9d, edx, 305419896"},
    {Opcode::IMUL32rmi, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(0x12345678)}, "47 69 4c d5 64 78 56 34 12", "imul r9d, dword ptr [r13 + 8*r10 + 100], 305419896"},
    {Opcode::IMUL64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "4c 0f af ca", "imul r9, rdx"},
    {Opcode::IMUL64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 0f af 4c d5 64", "imul r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::IMUL64rri8, {R(Gpr::R9), R(Gpr::Rdx), I(-5)}, "4c 6b ca fb", "imul r9, rdx, -5"},
    {Opcode::IMUL64rri, {R(Gpr::R9), R(Gpr::Rdx), I(-100000)}, "4c 69 ca 60 79 fe ff", "imul r9, rdx, -100000"},
    {Opcode::IMUL64rmi, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(-100000)}, "4f 69 4c d5 64 60 79 fe ff", "imul r9, qword ptr [r13 + 8*r10 + 100], -100000"},
    {Opcode::NOT32r, {R(Gpr::R9)}, "41 f7 d1", "not r9d"},
    {Opcode::NOT32m, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "43 f7 54 d5 64", "not dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::NOT64r, {R(Gpr::R9)}, "49 f7 d1", "not r9"},
    {Opcode::NOT64m, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4b f7 54 d5 64", "not qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::NEG32r, {R(Gpr::R9)}, "41 f7 d9", "neg r9d"},
    {Opcode::NEG32m, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "43 f7 5c d5 64", "neg dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::NEG64r, {R(Gpr::R9)}, "49 f7 d9", "neg r9"},
    {Opcode::NEG64m, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4b f7 5c d5 64", "neg qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MUL32r, {R(Gpr::R9)}, "41 f7 e1", "mul r9d"},
    {Opcode::MUL32m, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "43 f7 64 d5 64", "mul dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MUL64r, {R(Gpr::R9)}, "49 f7 e1", "mul r9"},
    {Opcode::MUL64m, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4b f7 64 d5 64", "mul qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::DIV32r, {R(Gpr::R9)}, "41 f7 f1", "div r9d"},
    {Opcode::DIV32m, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "43 f7 74 d5 64", "div dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::DIV64r, {R(Gpr::R9)}, "49 f7 f1", "div r9"},
    {Opcode::DIV64m, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4b f7 74 d5 64", "div qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::IDIV32r, {R(Gpr::R9)}, "41 f7 f9", "idiv r9d"},
    {Opcode::IDIV32m, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "43 f7 7c d5 64", "idiv dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::IDIV64r, {R(Gpr::R9)}, "49 f7 f9", "idiv r9"},
    {Opcode::IDIV64m, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4b f7 7c d5 64", "idiv qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CDQ, {}, "99", "cdq"},
    {Opcode::CQO, {}, "48 99", "cqo"},
    {Opcode::ROL32ri, {R(Gpr::R9), I(7)}, "41 c1 c1 07", "rol r9d, 7"},
    {Opcode::ROL32rc, {R(Gpr::R9), CL()}, "41 d3 c1", "rol r9d, cl"},
    {Opcode::ROL64ri, {R(Gpr::R9), I(7)}, "49 c1 c1 07", "rol r9, 7"},
    {Opcode::ROL64rc, {R(Gpr::R9), CL()}, "49 d3 c1", "rol r9, cl"},
    {Opcode::ROR32ri, {R(Gpr::R9), I(7)}, "41 c1 c9 07", "ror r9d, 7"},
    {Opcode::ROR32rc, {R(Gpr::R9), CL()}, "41 d3 c9", "ror r9d, cl"},
    {Opcode::ROR64ri, {R(Gpr::R9), I(7)}, "49 c1 c9 07", "ror r9, 7"},
    {Opcode::ROR64rc, {R(Gpr::R9), CL()}, "49 d3 c9", "ror r9, cl"},
    {Opcode::SHL32ri, {R(Gpr::R9), I(7)}, "41 c1 e1 07", "shl r9d, 7"},
    {Opcode::SHL32rc, {R(Gpr::R9), CL()}, "41 d3 e1", "shl r9d, cl"},
    {Opcode::SHL64ri, {R(Gpr::R9), I(7)}, "49 c1 e1 07", "shl r9, 7"},
    {Opcode::SHL64rc, {R(Gpr::R9), CL()}, "49 d3 e1", "shl r9, cl"},
    {Opcode::SHR32ri, {R(Gpr::R9), I(7)}, "41 c1 e9 07", "shr r9d, 7"},
    {Opcode::SHR32rc, {R(Gpr::R9), CL()}, "41 d3 e9", "shr r9d, cl"},
    {Opcode::SHR64ri, {R(Gpr::R9), I(7)}, "49 c1 e9 07", "shr r9, 7"},
    {Opcode::SHR64rc, {R(Gpr::R9), CL()}, "49 d3 e9", "shr r9, cl"},
    {Opcode::SAR32ri, {R(Gpr::R9), I(7)}, "41 c1 f9 07", "sar r9d, 7"},
    {Opcode::SAR32rc, {R(Gpr::R9), CL()}, "41 d3 f9", "sar r9d, cl"},
    {Opcode::SAR64ri, {R(Gpr::R9), I(7)}, "49 c1 f9 07", "sar r9, 7"},
    {Opcode::SAR64rc, {R(Gpr::R9), CL()}, "49 d3 f9", "sar r9, cl"},
    {Opcode::BSF32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "44 0f bc ca", "bsf r9d, edx"},
    {Opcode::BSF32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f bc 4c d5 64", "bsf r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::BSF64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "4c 0f bc ca", "bsf r9, rdx"},
    {Opcode::BSF64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 0f bc 4c d5 64", "bsf r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::BSR32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "44 0f bd ca", "bsr r9d, edx"},
    {Opcode::BSR32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f bd 4c d5 64", "bsr r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::BSR64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "4c 0f bd ca", "bsr r9, rdx"},
    {Opcode::BSR64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 0f bd 4c d5 64", "bsr r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::TZCNT32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "f3 44 0f bc ca", "tzcnt r9d, edx"},
    {Opcode::TZCNT32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f bc 4c d5 64", "tzcnt r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::TZCNT64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "f3 4c 0f bc ca", "tzcnt r9, rdx"},
    {Opcode::TZCNT64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 4f 0f bc 4c d5 64", "tzcnt r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::LZCNT32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "f3 44 0f bd ca", "lzcnt r9d, edx"},
    {Opcode::LZCNT32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f bd 4c d5 64", "lzcnt r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::LZCNT64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "f3 4c 0f bd ca", "lzcnt r9, rdx"},
    {Opcode::LZCNT64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 4f 0f bd 4c d5 64", "lzcnt r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::POPCNT32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "f3 44 0f b8 ca", "popcnt r9d, edx"},
    {Opcode::POPCNT32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f b8 4c d5 64", "popcnt r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::POPCNT64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "f3 4c 0f b8 ca", "popcnt r9, rdx"},
    {Opcode::POPCNT64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 4f 0f b8 4c d5 64", "popcnt r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::SETCCr, {R(Gpr::R9)}, "41 0f 9c c1", "setl r9b"},
    {Opcode::CMOVCC32rr, {R(Gpr::R9), R(Gpr::Rdx)}, "44 0f 4c ca", "cmovl r9d, edx"},
    {Opcode::CMOVCC32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f 4c 4c d5 64", "cmovl r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CMOVCC64rr, {R(Gpr::R9), R(Gpr::Rdx)}, "4c 0f 4c ca", "cmovl r9, rdx"},
    {Opcode::CMOVCC64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "4f 0f 4c 4c d5 64", "cmovl r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::JCC32, {Operand::rel(0x100)}, "0f 8c 00 01 00 00", "jl 256"},
    {Opcode::JCC8, {Operand::rel(-2)}, "7c fe", "jl -2"},
    {Opcode::JMP32, {Operand::rel(0x100)}, "e9 00 01 00 00", "jmp 256"},
    {Opcode::JMP8, {Operand::rel(-2)}, "eb fe", "jmp -2"},
    {Opcode::JMP64r, {R(Gpr::R9)}, "41 ff e1", "jmp r9"},
    {Opcode::JMP64m, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "43 ff 64 d5 64", "jmp qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CALL32, {Operand::rel(0x100)}, "e8 00 01 00 00", "call 256"},
    {Opcode::CALL64r, {R(Gpr::R9)}, "41 ff d1", "call r9"},
    {Opcode::CALL64m, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "43 ff 54 d5 64", "call qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::RET, {}, "c3", "ret"},
    {Opcode::PUSH64r, {R(Gpr::R9)}, "41 51", "push r9"},
    {Opcode::POP64r, {R(Gpr::R9)}, "41 59", "pop r9"},
    {Opcode::UD2, {}, "0f 0b", "ud2"},
    {Opcode::INT3, {}, "cc", "int3"},
    {Opcode::NOP, {}, "90", "nop"},
    {Opcode::MOVSSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f3 44 0f 10 ca", "movss xmm9, xmm2"},
    {Opcode::MOVSSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f 10 4c d5 64", "movss xmm9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOVSSmr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Xmm::Xmm2)}, "f3 43 0f 11 54 d5 64", "movss dword ptr [r13 + 8*r10 + 100], xmm2"},
    {Opcode::MOVSDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f2 44 0f 10 ca", "movsd xmm9, xmm2"},
    {Opcode::MOVSDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 47 0f 10 4c d5 64", "movsd xmm9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOVSDmr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Xmm::Xmm2)}, "f2 43 0f 11 54 d5 64", "movsd qword ptr [r13 + 8*r10 + 100], xmm2"},
    {Opcode::MOVAPSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "44 0f 28 ca", "movaps xmm9, xmm2"},
    {Opcode::MOVUPSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f 10 4c d5 64", "movups xmm9, xmmword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MOVUPSmr, {M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), R(Xmm::Xmm2)}, "43 0f 11 54 d5 64", "movups xmmword ptr [r13 + 8*r10 + 100], xmm2"},
    {Opcode::MOVDxr, {R(Xmm::Xmm9), R(Gpr::Rdx)}, "66 44 0f 6e ca", "movd xmm9, edx"},
    {Opcode::MOVDrx, {R(Gpr::R9), R(Xmm::Xmm2)}, "66 41 0f 7e d1", "movd r9d, xmm2"},
    {Opcode::MOVQxr, {R(Xmm::Xmm9), R(Gpr::Rdx)}, "66 4c 0f 6e ca", "movq xmm9, rdx"},
    {Opcode::MOVQrx, {R(Gpr::R9), R(Xmm::Xmm2)}, "66 49 0f 7e d1", "movq r9, xmm2"},
    {Opcode::SQRTSSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f3 44 0f 51 ca", "sqrtss xmm9, xmm2"},
    {Opcode::SQRTSSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f 51 4c d5 64", "sqrtss xmm9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::SQRTSDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f2 44 0f 51 ca", "sqrtsd xmm9, xmm2"},
    {Opcode::SQRTSDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 47 0f 51 4c d5 64", "sqrtsd xmm9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::ADDSSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f3 44 0f 58 ca", "addss xmm9, xmm2"},
    {Opcode::ADDSSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f 58 4c d5 64", "addss xmm9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::ADDSDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f2 44 0f 58 ca", "addsd xmm9, xmm2"},
    {Opcode::ADDSDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 47 0f 58 4c d5 64", "addsd xmm9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MULSSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f3 44 0f 59 ca", "mulss xmm9, xmm2"},
    {Opcode::MULSSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f 59 4c d5 64", "mulss xmm9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MULSDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f2 44 0f 59 ca", "mulsd xmm9, xmm2"},
    {Opcode::MULSDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 47 0f 59 4c d5 64", "mulsd xmm9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::SUBSSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f3 44 0f 5c ca", "subss xmm9, xmm2"},
    {Opcode::SUBSSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f 5c 4c d5 64", "subss xmm9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::SUBSDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f2 44 0f 5c ca", "subsd xmm9, xmm2"},
    {Opcode::SUBSDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 47 0f 5c 4c d5 64", "subsd xmm9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MINSSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f3 44 0f 5d ca", "minss xmm9, xmm2"},
    {Opcode::MINSSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f 5d 4c d5 64", "minss xmm9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MINSDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f2 44 0f 5d ca", "minsd xmm9, xmm2"},
    {Opcode::MINSDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 47 0f 5d 4c d5 64", "minsd xmm9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::DIVSSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f3 44 0f 5e ca", "divss xmm9, xmm2"},
    {Opcode::DIVSSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f 5e 4c d5 64", "divss xmm9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::DIVSDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f2 44 0f 5e ca", "divsd xmm9, xmm2"},
    {Opcode::DIVSDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 47 0f 5e 4c d5 64", "divsd xmm9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MAXSSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f3 44 0f 5f ca", "maxss xmm9, xmm2"},
    {Opcode::MAXSSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f 5f 4c d5 64", "maxss xmm9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::MAXSDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f2 44 0f 5f ca", "maxsd xmm9, xmm2"},
    {Opcode::MAXSDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 47 0f 5f 4c d5 64", "maxsd xmm9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::UCOMISSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "44 0f 2e ca", "ucomiss xmm9, xmm2"},
    {Opcode::UCOMISSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f 2e 4c d5 64", "ucomiss xmm9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::UCOMISDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "66 44 0f 2e ca", "ucomisd xmm9, xmm2"},
    {Opcode::UCOMISDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "66 47 0f 2e 4c d5 64", "ucomisd xmm9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CVTSI2SS32rr, {R(Xmm::Xmm9), R(Gpr::Rdx)}, "f3 44 0f 2a ca", "cvtsi2ss xmm9, edx"},
    {Opcode::CVTSI2SS32rm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f 2a 4c d5 64", "cvtsi2ss xmm9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CVTSI2SS64rr, {R(Xmm::Xmm9), R(Gpr::Rdx)}, "f3 4c 0f 2a ca", "cvtsi2ss xmm9, rdx"},
    {Opcode::CVTSI2SS64rm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 4f 0f 2a 4c d5 64", "cvtsi2ss xmm9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CVTSI2SD32rr, {R(Xmm::Xmm9), R(Gpr::Rdx)}, "f2 44 0f 2a ca", "cvtsi2sd xmm9, edx"},
    {Opcode::CVTSI2SD32rm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 47 0f 2a 4c d5 64", "cvtsi2sd xmm9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CVTSI2SD64rr, {R(Xmm::Xmm9), R(Gpr::Rdx)}, "f2 4c 0f 2a ca", "cvtsi2sd xmm9, rdx"},
    {Opcode::CVTSI2SD64rm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 4f 0f 2a 4c d5 64", "cvtsi2sd xmm9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CVTTSS2SI32rr, {R(Gpr::R9), R(Xmm::Xmm2)}, "f3 44 0f 2c ca", "cvttss2si r9d, xmm2"},
    {Opcode::CVTTSS2SI32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f 2c 4c d5 64", "cvttss2si r9d, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CVTTSS2SI64rr, {R(Gpr::R9), R(Xmm::Xmm2)}, "f3 4c 0f 2c ca", "cvttss2si r9, xmm2"},
    {Opcode::CVTTSS2SI64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 4f 0f 2c 4c d5 64", "cvttss2si r9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CVTTSD2SI32rr, {R(Gpr::R9), R(Xmm::Xmm2)}, "f2 44 0f 2c ca", "cvttsd2si r9d, xmm2"},
    {Opcode::CVTTSD2SI32rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 47 0f 2c 4c d5 64", "cvttsd2si r9d, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CVTTSD2SI64rr, {R(Gpr::R9), R(Xmm::Xmm2)}, "f2 4c 0f 2c ca", "cvttsd2si r9, xmm2"},
    {Opcode::CVTTSD2SI64rm, {R(Gpr::R9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 4f 0f 2c 4c d5 64", "cvttsd2si r9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CVTSS2SDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f3 44 0f 5a ca", "cvtss2sd xmm9, xmm2"},
    {Opcode::CVTSS2SDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f3 47 0f 5a 4c d5 64", "cvtss2sd xmm9, dword ptr [r13 + 8*r10 + 100]"},
    {Opcode::CVTSD2SSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "f2 44 0f 5a ca", "cvtsd2ss xmm9, xmm2"},
    {Opcode::CVTSD2SSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "f2 47 0f 5a 4c d5 64", "cvtsd2ss xmm9, qword ptr [r13 + 8*r10 + 100]"},
    {Opcode::ROUNDSSrri, {R(Xmm::Xmm9), R(Xmm::Xmm2), I(7)}, "66 44 0f 3a 0a ca 07", "roundss xmm9, xmm2, 7"},
    {Opcode::ROUNDSSrmi, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(7)}, "66 47 0f 3a 0a 4c d5 64 07", "roundss xmm9, dword ptr [r13 + 8*r10 + 100], 7"},
    {Opcode::ROUNDSDrri, {R(Xmm::Xmm9), R(Xmm::Xmm2), I(7)}, "66 44 0f 3a 0b ca 07", "roundsd xmm9, xmm2, 7"},
    {Opcode::ROUNDSDrmi, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100)), I(7)}, "66 47 0f 3a 0b 4c d5 64 07", "roundsd xmm9, qword ptr [r13 + 8*r10 + 100], 7"},
    {Opcode::ANDPSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "44 0f 54 ca", "andps xmm9, xmm2"},
    {Opcode::ANDPSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f 54 4c d5 64", "andps xmm9, xmmword ptr [r13 + 8*r10 + 100]"},
    {Opcode::ANDPDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "66 44 0f 54 ca", "andpd xmm9, xmm2"},
    {Opcode::ANDPDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "66 47 0f 54 4c d5 64", "andpd xmm9, xmmword ptr [r13 + 8*r10 + 100]"},
    {Opcode::ANDNPSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "44 0f 55 ca", "andnps xmm9, xmm2"},
    {Opcode::ANDNPSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f 55 4c d5 64", "andnps xmm9, xmmword ptr [r13 + 8*r10 + 100]"},
    {Opcode::ANDNPDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "66 44 0f 55 ca", "andnpd xmm9, xmm2"},
    {Opcode::ANDNPDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "66 47 0f 55 4c d5 64", "andnpd xmm9, xmmword ptr [r13 + 8*r10 + 100]"},
    {Opcode::ORPSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "44 0f 56 ca", "orps xmm9, xmm2"},
    {Opcode::ORPSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f 56 4c d5 64", "orps xmm9, xmmword ptr [r13 + 8*r10 + 100]"},
    {Opcode::ORPDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "66 44 0f 56 ca", "orpd xmm9, xmm2"},
    {Opcode::ORPDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "66 47 0f 56 4c d5 64", "orpd xmm9, xmmword ptr [r13 + 8*r10 + 100]"},
    {Opcode::XORPSrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "44 0f 57 ca", "xorps xmm9, xmm2"},
    {Opcode::XORPSrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "47 0f 57 4c d5 64", "xorps xmm9, xmmword ptr [r13 + 8*r10 + 100]"},
    {Opcode::XORPDrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "66 44 0f 57 ca", "xorpd xmm9, xmm2"},
    {Opcode::XORPDrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "66 47 0f 57 4c d5 64", "xorpd xmm9, xmmword ptr [r13 + 8*r10 + 100]"},
    {Opcode::PXORrr, {R(Xmm::Xmm9), R(Xmm::Xmm2)}, "66 44 0f ef ca", "pxor xmm9, xmm2"},
    {Opcode::PXORrm, {R(Xmm::Xmm9), M(Mem::indexed(Gpr::R13, Gpr::R10, 8, 100))}, "66 47 0f ef 4c d5 64", "pxor xmm9, xmmword ptr [r13 + 8*r10 + 100]"},
};

Inst makeInst(const FormCase& c) {
  std::array<Operand, 3> ops{};
  for (size_t i = 0; i < c.ops.size(); ++i)
    ops[i] = c.ops[i];
  return Inst(c.op, Cond::L, ops);
}

} // namespace

TEST(EncoderTest, EveryFormHasAnExpectedEncoding) {
  std::set<Opcode> covered;
  for (const FormCase& c : kFormCases)
    covered.insert(c.op);
  for (unsigned op = 0; op < kNumOpcodes; ++op)
    EXPECT_TRUE(covered.count(Opcode(op))) << desc(Opcode(op)).id << " has no case in kFormCases";
}

TEST(EncoderTest, OneCasePerForm) {
  for (const FormCase& c : kFormCases) {
    const Inst inst = makeInst(c);
    ASSERT_EQ(Encoder::check(inst), "") << desc(c.op).id;
    EXPECT_EQ(bytesOf(inst), c.bytes) << desc(c.op).id;
    EXPECT_EQ(printInst(inst), c.text) << desc(c.op).id;
  }
}

// ModRM.mod/rm and SIB special cases (SDM vol. 2, tables 2-2 and 2-3).
TEST(EncoderTest, AddressingModeSpecialCases) {
  // rsp and r12 as base: rm=100 means "SIB follows", so they always take a SIB (index=100: none).
  EXPECT_EQ(bytesOf(Inst(Opcode::MOV64rm, {R(Gpr::Rax), M(Mem::at(Gpr::Rsp))})), "48 8b 04 24");
  EXPECT_EQ(bytesOf(Inst(Opcode::MOV64rm, {R(Gpr::Rax), M(Mem::at(Gpr::R12))})), "49 8b 04 24");
  // rbp and r13 as base: mod=00 rm=101 means RIP-relative, so they need mod=01 disp8 0.
  EXPECT_EQ(bytesOf(Inst(Opcode::MOV64rm, {R(Gpr::Rax), M(Mem::at(Gpr::Rbp))})), "48 8b 45 00");
  EXPECT_EQ(bytesOf(Inst(Opcode::MOV64rm, {R(Gpr::Rax), M(Mem::at(Gpr::R13))})), "49 8b 45 00");
  // ... also with an index: SIB base=101 with mod=00 would mean "no base".
  EXPECT_EQ(bytesOf(Inst(Opcode::MOV32rm, {R(Gpr::Rcx), M(Mem::indexed(Gpr::Rbp, Gpr::Rax, 4))})),
            "8b 4c 85 00");
  // r12 as index is allowed (REX.X=1, index=100); only rsp cannot be an index.
  EXPECT_EQ(bytesOf(Inst(Opcode::MOV32rm, {R(Gpr::Rcx), M(Mem::indexed(Gpr::Rax, Gpr::R12, 1))})),
            "42 8b 0c 20");
  // disp8 vs disp32 boundaries.
  EXPECT_EQ(bytesOf(Inst(Opcode::LEA64, {R(Gpr::Rax), M(Mem::at(Gpr::Rbx, 127))})), "48 8d 43 7f");
  EXPECT_EQ(bytesOf(Inst(Opcode::LEA64, {R(Gpr::Rax), M(Mem::at(Gpr::Rbx, -128))})), "48 8d 43 80");
  EXPECT_EQ(bytesOf(Inst(Opcode::LEA64, {R(Gpr::Rax), M(Mem::at(Gpr::Rbx, 128))})),
            "48 8d 83 80 00 00 00");
  // No base: mod=00 rm=100, SIB base=101, always disp32.
  EXPECT_EQ(bytesOf(Inst(Opcode::LEA64, {R(Gpr::Rax), M(Mem::noBase(Gpr::Rbx, 4, 16))})),
            "48 8d 04 9d 10 00 00 00");
  EXPECT_EQ(printInst(Inst(Opcode::LEA64, {R(Gpr::Rax), M(Mem::noBase(Gpr::Rbx, 4, 16))})),
            "lea rax, [4*rbx + 16]");
  // Absolute [disp32]: SIB with index=100 and base=101 (mod=00 rm=101 would be RIP in 64-bit mode).
  EXPECT_EQ(bytesOf(Inst(Opcode::MOV32rm, {R(Gpr::Rax), M(Mem::absolute(-16))})),
            "8b 04 25 f0 ff ff ff");
  EXPECT_EQ(printInst(Inst(Opcode::MOV32rm, {R(Gpr::Rax), M(Mem::absolute(-16))})),
            "mov eax, dword ptr [-16]");
  // RIP-relative: mod=00 rm=101 disp32.
  EXPECT_EQ(bytesOf(Inst(Opcode::LEA64, {R(Gpr::Rax), M(Mem::rip(-7))})), "48 8d 05 f9 ff ff ff");
  EXPECT_EQ(printInst(Inst(Opcode::LEA64, {R(Gpr::Rax), M(Mem::rip(-7))})), "lea rax, [rip - 7]");
}

// Segue's %gs-relative forms: 0x65 first, then the mandatory prefix, REX and
// the opcode; a plain 64-bit address (no 0x67: a 32-bit address would wrap).
TEST(EncoderTest, GsSegmentOverride) {
  EXPECT_EQ(bytesOf(Inst(Opcode::MOV32rm, {R(Gpr::Rax), M(Mem::at(Gpr::Rdi, 4).gs())})), "65 8b 47 04");
  EXPECT_EQ(printInst(Inst(Opcode::MOV32rm, {R(Gpr::Rax), M(Mem::at(Gpr::Rdi, 4).gs())})),
            "mov eax, dword ptr gs:[rdi + 4]");
  EXPECT_EQ(bytesOf(Inst(Opcode::MOV64mr, {M(Mem::at(Gpr::R12).gs()), R(Gpr::R9)})), "65 4d 89 0c 24");
  EXPECT_EQ(printInst(Inst(Opcode::MOV64mr, {M(Mem::at(Gpr::R12).gs()), R(Gpr::R9)})),
            "mov qword ptr gs:[r12], r9");
  EXPECT_EQ(bytesOf(Inst(Opcode::MOVSSrm, {R(Xmm::Xmm9), M(Mem::at(Gpr::R13, 100).gs())})),
            "65 f3 45 0f 10 4d 64");
  EXPECT_EQ(bytesOf(Inst(Opcode::MOVZX32m8, {R(Gpr::Rcx), M(Mem::at(Gpr::Rax, 0x7fffffff).gs())})),
            "65 0f b6 88 ff ff ff 7f");
  EXPECT_EQ(printInst(Inst(Opcode::MOVZX32m8, {R(Gpr::Rcx), M(Mem::at(Gpr::Rax, 0x7fffffff).gs())})),
            "movzx ecx, byte ptr gs:[rax + 2147483647]");
  EXPECT_EQ(Encoder::check(Inst(Opcode::LEA64, {R(Gpr::Rax), M(Mem::at(Gpr::Rbx).gs())})),
            "lea computes no segment base: a gs override would be ignored");
}

// Segue's 32-bit addresses (rules/addr.rules): 0x65, then 0x67, then the
// mandatory prefix, REX and the opcode; registers print with 32-bit names.
TEST(EncoderTest, AddressSizeOverride) {
  EXPECT_EQ(bytesOf(Inst(Opcode::MOV32rm, {R(Gpr::Rax), M(Mem::at(Gpr::Rbx, 4).gs().a32())})), "65 67 8b 43 04");
  EXPECT_EQ(printInst(Inst(Opcode::MOV32rm, {R(Gpr::Rax), M(Mem::at(Gpr::Rbx, 4).gs().a32())})),
            "mov eax, dword ptr gs:[ebx + 4]");
  EXPECT_EQ(bytesOf(Inst(Opcode::MOVSSrm, {R(Xmm::Xmm1), M(Mem::indexed(Gpr::R9, Gpr::R10, 4, 8).gs().a32())})),
            "65 67 f3 43 0f 10 4c 91 08");
  EXPECT_EQ(printInst(Inst(Opcode::MOVSSrm, {R(Xmm::Xmm1), M(Mem::indexed(Gpr::R9, Gpr::R10, 4, 8).gs().a32())})),
            "movss xmm1, dword ptr gs:[r9d + 4*r10d + 8]");
  EXPECT_EQ(bytesOf(Inst(Opcode::MOV64mr, {M(Mem::at(Gpr::R12).gs().a32()), R(Gpr::R9)})), "65 67 4d 89 0c 24");
  EXPECT_EQ(Encoder::check(Inst(Opcode::MOV32rm, {R(Gpr::Rax), M(Mem::rip(0).a32())})),
            "a 32-bit address cannot be RIP-relative (0x67 makes it EIP-relative)");
}

// REX rules (SDM vol. 2, 2.2.1): byte registers 4..7 are spl/bpl/sil/dil only
// with a REX prefix, even an empty one (0x40); without one they are ah..bh.
TEST(EncoderTest, RexForByteRegisters) {
  EXPECT_EQ(bytesOf(Inst(Opcode::SETCCr, Cond::E, {R(Gpr::Rax)})), "0f 94 c0");
  EXPECT_EQ(bytesOf(Inst(Opcode::SETCCr, Cond::E, {R(Gpr::Rbx)})), "0f 94 c3");
  EXPECT_EQ(bytesOf(Inst(Opcode::SETCCr, Cond::E, {R(Gpr::Rsp)})), "40 0f 94 c4");
  EXPECT_EQ(bytesOf(Inst(Opcode::SETCCr, Cond::E, {R(Gpr::Rdi)})), "40 0f 94 c7");
  EXPECT_EQ(bytesOf(Inst(Opcode::SETCCr, Cond::E, {R(Gpr::R8)})), "41 0f 94 c0");
  EXPECT_EQ(printInst(Inst(Opcode::SETCCr, Cond::E, {R(Gpr::Rsi)})), "sete sil");
  EXPECT_EQ(bytesOf(Inst(Opcode::MOVZX32r8, {R(Gpr::Rax), R(Gpr::Rbp)})), "40 0f b6 c5");
  EXPECT_EQ(bytesOf(Inst(Opcode::MOV8mr, {M(Mem::at(Gpr::Rax)), R(Gpr::Rsi)})), "40 88 30");
  // The mandatory prefix precedes REX.
  EXPECT_EQ(bytesOf(Inst(Opcode::MOVQxr, {R(Xmm::Xmm8), R(Gpr::R15)})), "66 4d 0f 6e c7");
}

TEST(EncoderTest, ConditionCodesAndMnemonics) {
  const char* names[] = {"o", "no", "b", "ae", "e", "ne", "be", "a",
                         "s", "ns", "p", "np", "l", "ge", "le", "g"};
  for (unsigned c = 0; c < kNumConds; ++c) {
    const Inst j(Opcode::JCC8, Cond(c), {Operand::rel(0)});
    EXPECT_EQ(encode(j)[0], 0x70 + c);
    EXPECT_EQ(printInst(j), std::string("j") + names[c] + " 0");
    EXPECT_EQ(invert(invert(Cond(c))), Cond(c));
  }
  EXPECT_EQ(invert(Cond::L), Cond::GE);
  EXPECT_EQ(invert(Cond::E), Cond::NE);
}

TEST(EncoderTest, LabelsResolveForwardAndBackward) {
  Encoder e;
  const Label top = e.newLabel(), out = e.newLabel();
  e.bind(top);                                                 // 0
  e.emit(Inst(Opcode::JCC32, Cond::E, {Operand::to(out)}));    // 0..6
  e.emit(Inst(Opcode::JMP8, {Operand::to(top)}));              // 6..8
  e.emit(Inst(Opcode::NOP));                                   // 8
  e.bind(out);                                                 // 9
  e.emit(Inst(Opcode::RET));
  std::string error;
  ASSERT_TRUE(e.finalize(&error)) << error;
  EXPECT_EQ(hex(e.bytes()), "0f 84 03 00 00 00 eb f8 90 c3");
  EXPECT_TRUE(e.relocations().empty());
}

TEST(EncoderTest, RipLabelAccountsForTrailingImmediate) {
  // The displacement is relative to the end of the instruction, which lies
  // past the imm32 that follows disp32.
  Encoder e;
  const Label data = e.newLabel();
  e.emit(Inst(Opcode::MOV32mi, {M(Mem::rip(data)), I(1)})); // c7 05 disp32 imm32: 10 bytes
  e.bind(data);
  ASSERT_TRUE(e.finalize());
  EXPECT_EQ(hex(e.bytes()), "c7 05 00 00 00 00 01 00 00 00");
  Encoder f;
  const Label before = f.newLabel();
  f.bind(before);
  f.emit(Inst(Opcode::NOP));
  f.emit(Inst(Opcode::ROUNDSDrmi, {R(Xmm::Xmm0), M(Mem::rip(before, 4)), I(9)}));
  ASSERT_TRUE(f.finalize());
  // roundsd: 66 0f 3a 0b 05 disp32 ib; ends at 11; target 0 + 4 - 11 = -7.
  EXPECT_EQ(hex(f.bytes()), "90 66 0f 3a 0b 05 f9 ff ff ff 09");
}

TEST(EncoderTest, SymbolsBecomeRelocations) {
  Encoder e;
  e.emit(Inst(Opcode::NOP));
  e.emit(Inst(Opcode::CALL32, {Operand::symbol(7)}));
  e.emit(Inst(Opcode::CMP32mi8, {M(Mem::ripSymbol(3, 8)), I(0)}));
  ASSERT_TRUE(e.finalize());
  ASSERT_EQ(e.relocations().size(), 2u);
  const Fixup& call = e.relocations()[0];
  EXPECT_EQ(call.offset, 2u);
  EXPECT_EQ(call.pcBias, 4u);
  EXPECT_EQ(call.target.id, 7u);
  const Fixup& cmp = e.relocations()[1];
  EXPECT_EQ(cmp.offset, 8u);   // 90 | e8 x4 | 83 3d <disp32> ib
  EXPECT_EQ(cmp.pcBias, 5u);   // disp32 + imm8
  EXPECT_EQ(cmp.addend, 8);
  EXPECT_EQ(cmp.target.id, 3u);
  EXPECT_EQ(printInst(Inst(Opcode::CALL32, {Operand::symbol(7)})), "call sym7");
}

TEST(EncoderTest, FinalizeReportsErrors) {
  {
    Encoder e;
    const Label never = e.newLabel();
    e.emit(Inst(Opcode::JMP32, {Operand::to(never)}));
    std::string error;
    EXPECT_FALSE(e.finalize(&error));
    EXPECT_NE(error.find("never bound"), std::string::npos);
  }
  {
    Encoder e;
    const Label far = e.newLabel();
    e.emit(Inst(Opcode::JMP8, {Operand::to(far)}));
    for (int i = 0; i < 128; ++i)
      e.emit(Inst(Opcode::NOP));
    e.bind(far);
    std::string error;
    EXPECT_FALSE(e.finalize(&error));
    EXPECT_NE(error.find("out of range"), std::string::npos);
  }
}

TEST(EncoderTest, CheckRejectsMalformedOperands) {
  EXPECT_NE(Encoder::check(Inst(Opcode::ADD32ri8, {R(Gpr::Rax), I(128)})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::SHL32ri, {R(Gpr::Rax), I(-1)})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::ADD64ri, {R(Gpr::Rax), I(int64_t(1) << 31)})), "");
  EXPECT_EQ(Encoder::check(Inst(Opcode::ADD32ri, {R(Gpr::Rax), I(0xFFFFFFFF)})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::LEA64, {R(Gpr::Rax), M(Mem::indexed(Gpr::Rax, Gpr::Rsp, 1))})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::LEA64, {R(Gpr::Rax), M(Mem::indexed(Gpr::Rax, Gpr::Rbx, 3))})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::JMP8, {Operand::rel(200)})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::JMP8, {Operand::symbol(1)})), "");
  EXPECT_NE(Encoder::check(Inst(Opcode::SHL32rc, {R(Gpr::Rax), R(Gpr::Rdx)})), "");
}

TEST(EncoderTest, SysVAbiFacts) {
  EXPECT_EQ(sysv::kIntArgs[0], Gpr::Rdi);
  EXPECT_EQ(sysv::kIntArgs[5], Gpr::R9);
  EXPECT_TRUE(sysv::isCalleeSaved(Gpr::Rbx));
  EXPECT_TRUE(sysv::isCalleeSaved(Gpr::R15));
  EXPECT_FALSE(sysv::isCalleeSaved(Gpr::R11));
  EXPECT_FALSE(sysv::isCalleeSaved(Xmm::Xmm15));
  // Callee- and caller-saved sets partition the GPRs other than rsp.
  for (unsigned r = 0; r < kNumGprs; ++r) {
    if (Gpr(r) == Gpr::Rsp)
      continue;
    bool caller = false;
    for (Gpr g : sysv::kCallerSavedGprs)
      caller |= g == Gpr(r);
    EXPECT_NE(caller, sysv::isCalleeSaved(Gpr(r))) << gprName(Gpr(r), GprWidth::W64);
  }
  EXPECT_EQ(gprName(Gpr::R10, GprWidth::W8), "r10b");
  EXPECT_EQ(gprName(Gpr::Rdi, GprWidth::W16), "di");
  EXPECT_EQ(gprName(Gpr::R13, GprWidth::W32), "r13d");
}

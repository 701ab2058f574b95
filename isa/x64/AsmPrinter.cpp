// AsmPrinter: Intel syntax following LLVM's X86IntelInstPrinter conventions:
// decimal immediates; memory as "<size> ptr [base + scale*index + disp]" with
// scale 1 and disp 0 omitted; imm32 of 32-bit forms unsigned, sign-extended
// immediates signed, shift counts and rounding modes unsigned.
#include "isa/x64/AsmPrinter.h"

namespace wasmaot::isa::x64 {

namespace {

std::string_view sizePtr(OperandKind k) {
  switch (k) {
  case OperandKind::M8: return "byte ptr ";
  case OperandKind::M16: return "word ptr ";
  case OperandKind::M32: return "dword ptr ";
  case OperandKind::M64: return "qword ptr ";
  case OperandKind::M128: return "xmmword ptr ";
  default: return ""; // MA (lea) has no access size; only memory kinds reach here
  }
}

void printTarget(std::string& out, const Target& t) {
  out += t.kind == Target::Kind::Label ? ".L" : "sym";
  out += std::to_string(t.id);
}

void printMem(std::string& out, OperandKind k, const Mem& m) {
  out += sizePtr(k);
  if (m.seg == Mem::kGs)
    out += "gs:";
  out += '[';
  bool needPlus = false;
  if (m.isRip()) {
    out += "rip";
    needPlus = true;
    if (m.target.kind != Target::Kind::None) {
      out += " + ";
      printTarget(out, m.target);
    }
  } else if (m.hasBase()) {
    out += gprName(static_cast<Gpr>(m.base), m.addr32 ? GprWidth::W32 : GprWidth::W64);
    needPlus = true;
  }
  if (m.hasIndex()) {
    if (needPlus)
      out += " + ";
    if (m.scale != 1)
      out += std::to_string(m.scale) + "*";
    out += gprName(static_cast<Gpr>(m.index), m.addr32 ? GprWidth::W32 : GprWidth::W64);
    needPlus = true;
  }
  int64_t disp = m.disp;
  if (disp != 0 || !needPlus) {
    if (needPlus) {
      out += disp < 0 ? " - " : " + ";
      if (disp < 0)
        disp = -disp;
    }
    out += std::to_string(disp);
  }
  out += ']';
}

void printOperand(std::string& out, OperandKind k, const Operand& o) {
  switch (k) {
  case OperandKind::None: return;
  case OperandKind::G8: out += gprName(static_cast<Gpr>(o.reg), GprWidth::W8); return;
  case OperandKind::G16: out += gprName(static_cast<Gpr>(o.reg), GprWidth::W16); return;
  case OperandKind::G32: out += gprName(static_cast<Gpr>(o.reg), GprWidth::W32); return;
  case OperandKind::G64: out += gprName(static_cast<Gpr>(o.reg), GprWidth::W64); return;
  case OperandKind::X: out += xmmName(static_cast<Xmm>(o.reg)); return;
  case OperandKind::CL: out += "cl"; return;
  case OperandKind::M8:
  case OperandKind::M16:
  case OperandKind::M32:
  case OperandKind::M64:
  case OperandKind::M128:
  case OperandKind::MA: printMem(out, k, o.mem); return;
  case OperandKind::I8: out += std::to_string(static_cast<int8_t>(o.imm)); return;
  case OperandKind::U8: out += std::to_string(static_cast<uint8_t>(o.imm)); return;
  case OperandKind::I32: out += std::to_string(static_cast<uint32_t>(o.imm)); return;
  case OperandKind::S32: out += std::to_string(static_cast<int32_t>(o.imm)); return;
  case OperandKind::I64: out += std::to_string(o.imm); return;
  case OperandKind::Rel8:
  case OperandKind::Rel32:
    if (o.target.kind == Target::Kind::None)
      out += std::to_string(o.imm);
    else
      printTarget(out, o.target);
    return;
  }
}

} // namespace

std::string printInst(const Inst& inst) {
  const InstrDesc& d = desc(inst.op);
  std::string out(d.mnemonic);
  if (d.flags & kCond)
    out += condName(inst.cc);
  for (unsigned i = 0; i < d.numOperands; ++i) {
    out += i == 0 ? " " : ", ";
    printOperand(out, d.operands[i], inst.ops[i]);
  }
  return out;
}

} // namespace wasmaot::isa::x64

// AsmPrinter: LLVM 14's RISCVInstPrinter conventions (aliases enabled, ABI
// register names), re-derived from the manual's pseudoinstruction tables
// (chapter 25) and checked word by word by LlvmMcCrossCheckTest:
// - addi: nop (all zero), li (from zero), mv (#0); addiw #0: sext.w; xori -1:
//   not; sltiu 1: seqz; sub/subw from zero: neg/negw; sltu from zero: snez;
//   slt with zero: sltz (rs2 = zero wins) / sgtz; add.uw with zero: zext.w;
// - jal zero/ra: j / jal without rd; jalr: ret, jr, jalr without rd for ra,
//   and the offset dropped when it is 0;
// - beq/bne/blt/bge with a zero operand: beqz/bnez/bltz/bgez (rs2 = zero)
//   and bgtz/blez (rs1 = zero; for bge both zero, blez wins);
// - fsgnj/fsgnjn/fsgnjx with rs1 = rs2: fmv/fneg/fabs;
// - fence iorw, iorw: fence; rounding modes printed unless dyn;
// - immediates decimal: lui/auipc unsigned 20-bit, the rest signed.
#include "isa/riscv64/AsmPrinter.h"

namespace wasmaot::isa::riscv64 {

namespace {

using K = OperandKind;

std::string printTarget(const Target& t) {
  const std::string name = (t.kind == Target::Kind::Label ? ".L" : "sym") + std::to_string(t.id);
  switch (t.use) {
  case Target::Use::Direct: return name;
  case Target::Use::PcrelHi: return "%pcrel_hi(" + name + ")";
  case Target::Use::Call: return "%call(" + name + ")";
  case Target::Use::PcrelLo: return "%pcrel_lo(" + name + ")";
  }
  return name;
}

std::string fenceSet(int64_t s) {
  std::string out;
  if (s & kFenceI) out += 'i';
  if (s & kFenceO) out += 'o';
  if (s & kFenceR) out += 'r';
  if (s & kFenceW) out += 'w';
  return out;
}

std::string printMem(const Mem& m) {
  const std::string off =
      m.lo.kind != Target::Kind::None ? printTarget(m.lo) : std::to_string(m.offset);
  return off + "(" + std::string(gprName(m.base)) + ")";
}

std::string printOperand(K k, const Operand& o) {
  if (o.target.kind != Target::Kind::None && k != K::Mem)
    return printTarget(o.target);
  switch (k) {
  case K::None: return "";
  case K::X: return std::string(gprName(Gpr(o.reg)));
  case K::F: return std::string(fprName(Fpr(o.reg)));
  case K::Simm12: case K::Uimm20: case K::Shamt6: case K::Shamt5: case K::Rel13: case K::Rel21:
    return std::to_string(o.imm);
  case K::Mem: return printMem(o.mem);
  case K::Fence: return fenceSet(o.imm);
  }
  return "?";
}

std::string join(std::string_view mn, std::initializer_list<std::string> ops) {
  std::string s(mn);
  bool first = true;
  for (const std::string& o : ops) {
    s += first ? " " : ", ";
    s += o;
    first = false;
  }
  return s;
}

bool isZero(const Operand& o) { return o.reg == uint8_t(Gpr::Zero); }
bool immIs(const Operand& o, int64_t v) { return o.target.kind == Target::Kind::None && o.imm == v; }

std::string printBase(const Inst& b) {
  const InstrDesc& d = desc(b.op);
  const auto& o = b.ops;
  const auto& k = d.operands;
  auto op = [&](unsigned i) { return printOperand(k[i], o[i]); };
  auto withRm = [&](std::string s) {
    if ((d.flags & kRm) && b.rm != Rm::Dyn)
      s += ", " + std::string(rmName(b.rm));
    return s;
  };

  switch (b.op) {
  case Opcode::ADDI:
    if (isZero(o[0]) && isZero(o[1]) && immIs(o[2], 0))
      return "nop";
    if (isZero(o[1]) && o[2].target.kind == Target::Kind::None)
      return join("li", {op(0), op(2)});
    if (immIs(o[2], 0))
      return join("mv", {op(0), op(1)});
    break;
  case Opcode::ADDIW:
    if (immIs(o[2], 0))
      return join("sext.w", {op(0), op(1)});
    break;
  case Opcode::XORI:
    if (immIs(o[2], -1))
      return join("not", {op(0), op(1)});
    break;
  case Opcode::SLTIU:
    if (immIs(o[2], 1))
      return join("seqz", {op(0), op(1)});
    break;
  case Opcode::SUB: case Opcode::SUBW:
    if (isZero(o[1]))
      return join(b.op == Opcode::SUB ? "neg" : "negw", {op(0), op(2)});
    break;
  case Opcode::SLTU:
    if (isZero(o[1]))
      return join("snez", {op(0), op(2)});
    break;
  case Opcode::SLT:
    if (isZero(o[2]))
      return join("sltz", {op(0), op(1)});
    if (isZero(o[1]))
      return join("sgtz", {op(0), op(2)});
    break;
  case Opcode::ADD_UW:
    if (isZero(o[2]))
      return join("zext.w", {op(0), op(1)});
    break;
  case Opcode::JAL:
    if (isZero(o[0]))
      return join("j", {op(1)});
    if (o[0].reg == uint8_t(Gpr::Ra))
      return join("jal", {op(1)});
    break;
  case Opcode::JALR: {
    const Mem& m = o[1].mem;
    const bool noOffset = m.lo.kind == Target::Kind::None && m.offset == 0;
    const std::string target = noOffset ? std::string(gprName(m.base)) : printMem(m);
    if (isZero(o[0]) && m.base == Gpr::Ra && noOffset)
      return "ret";
    if (isZero(o[0]))
      return join("jr", {target});
    if (o[0].reg == uint8_t(Gpr::Ra))
      return join("jalr", {target});
    return join("jalr", {op(0), target});
  }
  case Opcode::BEQ: case Opcode::BNE: case Opcode::BLT: case Opcode::BGE: {
    const bool ge = b.op == Opcode::BGE, lt = b.op == Opcode::BLT;
    if (ge && isZero(o[0]))
      return join("blez", {op(1), op(2)});
    if (isZero(o[1])) {
      const char* mn = b.op == Opcode::BEQ ? "beqz" : b.op == Opcode::BNE ? "bnez"
                       : lt                ? "bltz" : "bgez";
      return join(mn, {op(0), op(2)});
    }
    if (lt && isZero(o[0]))
      return join("bgtz", {op(1), op(2)});
    break;
  }
  case Opcode::FSGNJ_S: case Opcode::FSGNJN_S: case Opcode::FSGNJX_S:
  case Opcode::FSGNJ_D: case Opcode::FSGNJN_D: case Opcode::FSGNJX_D:
    if (o[1].reg == o[2].reg) {
      const std::string_view mn = d.mnemonic; // fsgnj[n|x].[s|d]
      const char* alias = mn.starts_with("fsgnjn") ? "fneg" : mn.starts_with("fsgnjx") ? "fabs"
                                                                                        : "fmv";
      return join(std::string(alias) + std::string(mn.substr(mn.size() - 2)), {op(0), op(1)});
    }
    break;
  case Opcode::FENCE:
    if (o[0].imm == kFenceAll && o[1].imm == kFenceAll)
      return "fence";
    break;
  default: break;
  }

  switch (d.numOperands) {
  case 0: return std::string(d.mnemonic);
  case 1: return withRm(join(d.mnemonic, {op(0)}));
  case 2: return withRm(join(d.mnemonic, {op(0), op(1)}));
  default: return withRm(join(d.mnemonic, {op(0), op(1), op(2)}));
  }
}

} // namespace

std::string printInst(const Inst& inst) { return printBase(expandAlias(inst)); }

} // namespace wasmaot::isa::riscv64

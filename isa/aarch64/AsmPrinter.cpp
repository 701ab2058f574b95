// AsmPrinter: LLVM's AArch64InstPrinter conventions, re-derived from the Arm ARM
// "preferred disassembly" rules and checked by LlvmMcCrossCheckTest:
// - cmp/cmn/tst when the flag-setting form discards its result (Rd = zr),
//   neg/negs (sub from zr), mov (orr from zr without shift, add #0 with sp,
//   movz/movn and orr immediates a move-wide cannot make), mvn, mul/mneg
//   (Ra = zr), lsl/lsr/asr/ror and the bitfield aliases, cset/csetm/cinc/cinv/cneg;
// - decimal immediates, except bitmask immediates and brk (hex) and the
//   mov-immediate aliases (the value, signed);
// - extended registers print lsl instead of uxtw/uxtx next to sp.
#include "isa/aarch64/AsmPrinter.h"

#include "isa/aarch64/Immediates.h"

#include <cinttypes>
#include <cstdio>

namespace wasmaot::isa::aarch64 {

namespace {

using K = OperandKind;

bool isZr(const Operand& o) { return o.reg == uint8_t(Gpr::Zr); }
bool isSp(const Operand& o) { return o.reg == uint8_t(Gpr::Sp); }

std::string hexImm(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "#0x%" PRIx64, v);
  return buf;
}
std::string decImm(int64_t v) { return "#" + std::to_string(v); }

std::string regName(K k, uint8_t r) {
  if (isFpr(k))
    return std::string(vregName(static_cast<Vreg>(r), k == K::S ? 's' : k == K::D ? 'd' : 'q'));
  return std::string(gprName(static_cast<Gpr>(r), is64(k)));
}

std::string printTarget(const Target& t) {
  return (t.kind == Target::Kind::Label ? ".L" : "sym") + std::to_string(t.id);
}

std::string printOperand(K k, const Operand& o) {
  switch (k) {
  case K::None: return "";
  case K::W: case K::X: case K::WSP: case K::XSP: case K::S: case K::D: case K::Q:
    return regName(k, o.reg);
  case K::WSh: case K::XSh: {
    std::string s = regName(k, o.reg);
    if (Shift(o.mod) != Shift::Lsl || o.amount != 0)
      s += ", " + std::string(shiftName(Shift(o.mod))) + " #" + std::to_string(o.amount);
    return s;
  }
  case K::WExt: case K::XExt: {
    const Extend e = Extend(o.mod);
    const bool x = k == K::XExt && (e == Extend::Uxtx || e == Extend::Sxtx);
    std::string s = std::string(gprName(static_cast<Gpr>(o.reg), x)) + ", " +
                    std::string(extendName(e));
    if (o.amount)
      s += " #" + std::to_string(o.amount);
    return s;
  }
  case K::AImm:
    if (o.target.kind == Target::Kind::Symbol)
      return ":lo12:" + printTarget(o.target);
    return decImm(o.imm) + (o.amount == 12 ? ", lsl #12" : "");
  case K::LImmW: return hexImm(uint64_t(o.imm) & 0xFFFFFFFFull);
  case K::LImmX: return hexImm(uint64_t(o.imm));
  case K::MImmW: case K::MImmX:
    return decImm(o.imm) + (o.amount ? ", lsl #" + std::to_string(o.amount) : "");
  case K::U4: case K::U5: case K::U6: case K::U16: return decImm(o.imm);
  case K::FImm: {
    char buf[64];
    std::snprintf(buf, sizeof buf, "#%.8f", o.fp);
    return buf;
  }
  case K::FZero: return "#0.0";
  case K::M8: case K::M16: case K::M32: case K::M64: case K::M128: return "?mem";
  case K::Rel26: case K::Rel19: case K::Rel14: case K::Adr: case K::Adrp:
    return o.target.kind == Target::Kind::None ? decImm(o.imm) : printTarget(o.target);
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

std::string offsetSuffix(int32_t off) { return off ? ", #" + std::to_string(off) : ""; }

std::string printMem(const InstrDesc& d, const Mem& m, K k) {
  const std::string b = std::string(gprName(m.base, true));
  switch (d.enc) {
  case Enc::LdStUImm: case Enc::LdStImm9: case Enc::LdStPair:
    return "[" + b + offsetSuffix(m.offset) + "]";
  case Enc::LdStPre: case Enc::LdStPairPre:
    return "[" + b + ", #" + std::to_string(m.offset) + "]!";
  case Enc::LdStPost: case Enc::LdStPairPost:
    return "[" + b + "], #" + std::to_string(m.offset);
  case Enc::LdStReg: {
    const bool xIndex = m.ext == Extend::Uxtx || m.ext == Extend::Sxtx;
    std::string s = "[" + b + ", " + std::string(gprName(m.index, xIndex));
    const unsigned log2 = accessSize(k) == 1 ? 0 : accessSize(k) == 2 ? 1
                          : accessSize(k) == 4 ? 2 : accessSize(k) == 8 ? 3 : 4;
    if (m.ext == Extend::Uxtx) {
      if (m.shifted)
        s += ", lsl #" + std::to_string(log2);
    } else {
      s += ", " + std::string(extendName(m.ext));
      if (m.shifted)
        s += " #" + std::to_string(log2);
    }
    return s + "]";
  }
  default: return "?mem";
  }
}

// The value a move-wide instruction writes (for the mov alias), as LLVM prints
// it: signed at the register width.
int64_t moveWideValue(const Inst& b, bool is64, bool inverted) {
  uint64_t v = uint64_t(b.ops[1].imm) << b.ops[1].amount;
  if (inverted)
    v = ~v;
  return is64 ? int64_t(v) : int64_t(int32_t(uint32_t(v)));
}

std::string printBase(const Inst& b) {
  const InstrDesc& d = desc(b.op);
  const auto& o = b.ops;
  const auto& k = d.operands;
  auto op = [&](unsigned i) { return printOperand(k[i], o[i]); };
  const std::string_view mn = d.mnemonic;
  const bool x = is64(k[0]);
  const unsigned w = x ? 64 : 32;
  const std::string cc(condName(b.cc));

  switch (d.enc) {
  case Enc::AddSubShift: {
    const bool sets = mn == "adds" || mn == "subs";
    const bool sub = mn == "sub" || mn == "subs";
    if (sets && isZr(o[0]))
      return join(sub ? "cmp" : "cmn", {op(1), op(2)});
    if (sub && isZr(o[1]))
      return join(sets ? "negs" : "neg", {op(0), op(2)});
    return join(mn, {op(0), op(1), op(2)});
  }
  case Enc::AddSubExt: {
    const bool sets = mn == "adds" || mn == "subs";
    const bool sub = mn == "sub" || mn == "subs";
    // Next to sp, the extend that is a no-op at this width prints as lsl.
    const Extend e = Extend(o[2].mod);
    std::string rm = op(2);
    if ((isSp(o[0]) || isSp(o[1])) && e == (x ? Extend::Uxtx : Extend::Uxtw)) {
      rm = std::string(gprName(static_cast<Gpr>(o[2].reg), x));
      if (o[2].amount)
        rm += ", lsl #" + std::to_string(o[2].amount);
    }
    if (sets && isZr(o[0]))
      return join(sub ? "cmp" : "cmn", {op(1), rm});
    return join(mn, {op(0), op(1), rm});
  }
  case Enc::AddSubImm: {
    const bool sets = mn == "adds" || mn == "subs";
    const bool sub = mn == "sub" || mn == "subs";
    if (mn == "add" && o[2].imm == 0 && o[2].amount == 0 &&
        o[2].target.kind == Target::Kind::None && (isSp(o[0]) || isSp(o[1])))
      return join("mov", {op(0), op(1)});
    if (sets && isZr(o[0]))
      return join(sub ? "cmp" : "cmn", {op(1), op(2)});
    return join(mn, {op(0), op(1), op(2)});
  }
  case Enc::LogicalShift:
    if (mn == "orr" && isZr(o[1]) && o[2].mod == 0 && o[2].amount == 0)
      return join("mov", {op(0), regName(k[0], o[2].reg)});
    if (mn == "orn" && isZr(o[1]))
      return join("mvn", {op(0), op(2)});
    if (mn == "ands" && isZr(o[0]))
      return join("tst", {op(1), op(2)});
    return join(mn, {op(0), op(1), op(2)});
  case Enc::LogicalImm: {
    if (mn == "orr" && isZr(o[1])) {
      const uint64_t v = x ? uint64_t(o[2].imm) : uint64_t(o[2].imm) & 0xFFFFFFFFull;
      if (!isMoveWideImm(v, w))
        return join("mov", {op(0), decImm(x ? int64_t(v) : int64_t(int32_t(uint32_t(v))))});
    }
    if (mn == "ands" && isZr(o[0]))
      return join("tst", {op(1), op(2)});
    return join(mn, {op(0), op(1), op(2)});
  }
  case Enc::MoveWide: {
    const bool zeroShifted = o[1].imm == 0 && o[1].amount != 0;
    if (mn == "movz" && !zeroShifted)
      return join("mov", {op(0), decImm(moveWideValue(b, x, false))});
    if (mn == "movn" && !zeroShifted && (x || o[1].imm != 0xFFFF))
      return join("mov", {op(0), decImm(moveWideValue(b, x, true))});
    return join(mn, {op(0), op(1)});
  }
  case Enc::DP3:
    if (isZr(o[3]))
      return join(mn == "madd" ? "mul" : "mneg", {op(0), op(1), op(2)});
    return join(mn, {op(0), op(1), op(2), op(3)});
  case Enc::DP2: case Enc::FP2: return join(mn, {op(0), op(1), op(2)});
  case Enc::DP1: case Enc::FP1: return join(mn, {op(0), op(1)});
  case Enc::Bitfield: {
    const int64_t immr = o[2].imm, imms = o[3].imm;
    const bool sbfm = mn == "sbfm";
    const std::string wn = std::string(gprName(static_cast<Gpr>(o[1].reg), false));
    if (imms == int64_t(w) - 1)
      return join(sbfm ? "asr" : "lsr", {op(0), op(1), decImm(immr)});
    if (!sbfm && imms + 1 == immr)
      return join("lsl", {op(0), op(1), decImm(int64_t(w) - 1 - imms)});
    if (immr == 0 && (imms == 7 || imms == 15 || (imms == 31 && x))) {
      const char* ext = imms == 7 ? "b" : imms == 15 ? "h" : "w";
      if (sbfm)
        return join(std::string("sxt") + ext, {op(0), wn});
      if (!x)
        return join(std::string("uxt") + ext, {op(0), wn});
    }
    if (imms < immr)
      return join(sbfm ? "sbfiz" : "ubfiz", {op(0), op(1), decImm(int64_t(w) - immr),
                                             decImm(imms + 1)});
    return join(sbfm ? "sbfx" : "ubfx", {op(0), op(1), decImm(immr), decImm(imms - immr + 1)});
  }
  case Enc::Extract:
    if (o[1].reg == o[2].reg)
      return join("ror", {op(0), op(1), op(3)});
    return join(mn, {op(0), op(1), op(2), op(3)});
  case Enc::CondSel: {
    const bool invertible = b.cc != Cond::AL && b.cc != Cond::NV;
    const std::string inv(condName(invert(b.cc)));
    if (invertible && o[1].reg == o[2].reg && !isFpr(k[0])) {
      if (mn == "csinc")
        return isZr(o[1]) ? join("cset", {op(0), inv}) : join("cinc", {op(0), op(1), inv});
      if (mn == "csinv")
        return isZr(o[1]) ? join("csetm", {op(0), inv}) : join("cinv", {op(0), op(1), inv});
      if (mn == "csneg")
        return join("cneg", {op(0), op(1), inv});
    }
    return join(mn, {op(0), op(1), op(2), cc});
  }
  case Enc::CondCmpReg: case Enc::CondCmpImm: return join(mn, {op(0), op(1), op(2), cc});
  case Enc::LdStUImm: case Enc::LdStImm9: case Enc::LdStPre: case Enc::LdStPost:
  case Enc::LdStReg:
    return join(mn, {op(0), printMem(d, o[1].mem, k[1])});
  case Enc::LdStPair: case Enc::LdStPairPre: case Enc::LdStPairPost:
    return join(mn, {op(0), op(1), printMem(d, o[2].mem, k[2])});
  case Enc::Branch26: return join(mn, {op(0)});
  case Enc::CondBranch: return join(std::string(mn) + cc, {op(0)});
  case Enc::CompareBranch: case Enc::LoadLiteral: return join(mn, {op(0), op(1)});
  case Enc::TestBranch: {
    const bool wide = o[1].imm >= 32;
    return join(mn, {std::string(gprName(static_cast<Gpr>(o[0].reg), wide)), op(1), op(2)});
  }
  case Enc::BranchReg:
    if (mn == "ret" && o[0].reg == uint8_t(Gpr::X30))
      return "ret";
    return join(mn, {op(0)});
  case Enc::PcRelAdr: return join(mn, {op(0), op(1)});
  case Enc::Udf: return join(mn, {op(0)});
  case Enc::Exception: // hex, but zero prints as #0
    return join(mn, {o[0].imm ? hexImm(uint64_t(o[0].imm)) : "#0"});
  case Enc::NoOperands: return std::string(mn);
  case Enc::FPCmp: return join(mn, {op(0), op(1)});
  case Enc::FPImm: return join(mn, {op(0), op(1)});
  }
  return "?";
}

} // namespace

std::string printInst(const Inst& inst) { return printBase(expandAlias(inst)); }

} // namespace wasmaot::isa::aarch64

// Encoder: emits an Inst as the fixed bits of its form (Instructions.def) ORed
// with the fields its encoding class places (Arm ARM C4, "A64 instruction set
// encoding"). Aliases are first rewritten to their base form (expandAlias).
#include "isa/aarch64/Encoder.h"

#include "isa/aarch64/Immediates.h"

namespace wasmaot::isa::aarch64 {

namespace {

using K = OperandKind;

uint32_t reg(const Operand& o) { return o.reg == uint8_t(Gpr::Zr) ? 31u : (o.reg & 31u); }

unsigned widthOf(const InstrDesc& d) { return is64(d.operands[0]) ? 64 : 32; }

// The low 32 bits of a 32-bit form's bitmask immediate (given signed or unsigned).
std::optional<uint64_t> logicalValue(K k, int64_t v) {
  if (k == K::LImmX)
    return static_cast<uint64_t>(v);
  if (v < INT32_MIN || v > int64_t(UINT32_MAX))
    return std::nullopt;
  return static_cast<uint64_t>(v) & 0xFFFFFFFFull;
}

bool isWriteback(Enc e) {
  return e == Enc::LdStPre || e == Enc::LdStPost || e == Enc::LdStPairPre ||
         e == Enc::LdStPairPost;
}
bool isLoad(const InstrDesc& d) { return d.mnemonic.substr(0, 2) == "ld"; }

// Register classes: which Gpr values a slot takes.
std::string checkReg(K k, const Operand& o) {
  const Gpr g = static_cast<Gpr>(o.reg);
  switch (k) {
  case K::W: case K::X: case K::WSh: case K::XSh: case K::WExt: case K::XExt:
    if (g == Gpr::Sp)
      return "this operand reads register 31 as zr, not sp";
    return o.reg <= uint8_t(Gpr::Zr) ? "" : "register number out of range";
  case K::WSP: case K::XSP:
    if (g == Gpr::Zr)
      return "this operand reads register 31 as sp, not zr";
    return o.reg <= uint8_t(Gpr::Sp) ? "" : "register number out of range";
  case K::S: case K::D: case K::Q:
    return o.reg < kNumVregs ? "" : "vector register out of range";
  default: return "";
  }
}

std::string checkOperand(const InstrDesc& d, unsigned slot, const Operand& o) {
  const K k = d.operands[slot];
  if (std::string why = checkReg(k, o); !why.empty())
    return why;
  switch (k) {
  case K::None: case K::W: case K::X: case K::WSP: case K::XSP: case K::S: case K::D:
  case K::Q: case K::FZero:
    return "";
  case K::WSh: case K::XSh:
    if (o.mod > 3)
      return "bad shift";
    if (o.amount >= (k == K::XSh ? 64 : 32))
      return "shift amount out of range";
    return "";
  case K::WExt: case K::XExt:
    if (o.mod > 7)
      return "bad extend";
    if (o.amount > 4)
      return "extend amount must be 0..4";
    if (k == K::WExt && (Extend(o.mod) == Extend::Uxtx || Extend(o.mod) == Extend::Sxtx))
      return "32-bit forms extend with uxtb..uxtw or sxtb..sxtw";
    return "";
  case K::AImm:
    if (o.target.kind == Target::Kind::Label)
      return "an add/sub immediate cannot refer to a label";
    if (o.target.kind == Target::Kind::Symbol)
      return d.base == Opcode::ADDXri && o.amount == 0 ? ""
                                                       : ":lo12: symbols only in add (64-bit)";
    if (o.imm < 0 || o.imm > 4095)
      return "add/sub immediate must be 0..4095";
    return o.amount == 0 || o.amount == 12 ? "" : "add/sub immediate shift must be 0 or 12";
  case K::LImmW: case K::LImmX: {
    const auto v = logicalValue(k, o.imm);
    if (!v || !encodeLogicalImm(*v, k == K::LImmX ? 64 : 32))
      return "not a bitmask immediate: " + std::to_string(o.imm);
    return "";
  }
  case K::MImmW: case K::MImmX:
    if (o.imm < 0 || o.imm > 0xFFFF)
      return "move-wide immediate must be 0..65535";
    if (o.amount % 16 || o.amount > (k == K::MImmX ? 48 : 16))
      return "move-wide shift must be 0, 16 (32-bit) or 0..48 in steps of 16";
    return "";
  case K::U4: return o.imm >= 0 && o.imm <= 15 ? "" : "immediate must be 0..15";
  case K::U5: return o.imm >= 0 && o.imm <= 31 ? "" : "immediate must be 0..31";
  case K::U6: return o.imm >= 0 && o.imm < 64 ? "" : "immediate must be 0..63";
  case K::U16: return o.imm >= 0 && o.imm <= 0xFFFF ? "" : "immediate must be 0..65535";
  case K::FImm:
    return encodeFPImm(o.fp) ? "" : "not an 8-bit FP immediate";
  case K::M8: case K::M16: case K::M32: case K::M64: case K::M128: {
    const Mem& m = o.mem;
    if (m.base == Gpr::Zr || uint8_t(m.base) > uint8_t(Gpr::Sp))
      return "base register must be x0..x30 or sp";
    const int64_t size = accessSize(k);
    const int64_t off = m.offset;
    switch (d.enc) {
    case Enc::LdStUImm:
      if (m.mode != Mem::Mode::Offset)
        return "unsigned-offset form takes [base, #offset]";
      if (off < 0 || off % size || off / size > 4095)
        return "offset must be a multiple of the access size in 0..4095*size";
      return "";
    case Enc::LdStImm9: case Enc::LdStPre: case Enc::LdStPost: {
      const Mem::Mode want = d.enc == Enc::LdStPre    ? Mem::Mode::PreIndex
                             : d.enc == Enc::LdStPost ? Mem::Mode::PostIndex
                                                      : Mem::Mode::Offset;
      if (m.mode != want)
        return "addressing mode does not match the form";
      return off >= -256 && off <= 255 ? "" : "imm9 offset must be -256..255";
    }
    case Enc::LdStReg:
      if (m.mode != Mem::Mode::Register)
        return "register-offset form takes [base, index, extend]";
      if (m.index == Gpr::Sp || uint8_t(m.index) > uint8_t(Gpr::Zr))
        return "index register must be x0..x30 or zr";
      if (m.ext != Extend::Uxtw && m.ext != Extend::Uxtx && m.ext != Extend::Sxtw &&
          m.ext != Extend::Sxtx)
        return "register offset extends with uxtw, lsl (uxtx), sxtw or sxtx";
      return "";
    case Enc::LdStPair: case Enc::LdStPairPre: case Enc::LdStPairPost: {
      const Mem::Mode want = d.enc == Enc::LdStPairPre    ? Mem::Mode::PreIndex
                             : d.enc == Enc::LdStPairPost ? Mem::Mode::PostIndex
                                                          : Mem::Mode::Offset;
      if (m.mode != want)
        return "addressing mode does not match the form";
      if (off % size || off / size < -64 || off / size > 63)
        return "pair offset must be a multiple of the access size in -64..63*size";
      return "";
    }
    default: return "memory operand in a form without one";
    }
  }
  case K::Rel26: case K::Rel19: case K::Rel14: case K::Adr: case K::Adrp: {
    const Target& t = o.target;
    if (t.kind == Target::Kind::Symbol && k != K::Rel26 && k != K::Adrp)
      return "only b, bl and adrp take symbols (no relocation for this field)";
    if (t.kind == Target::Kind::Label && k == K::Adrp)
      return "adrp needs a symbol: a page displacement depends on the final address";
    if (t.kind != Target::Kind::None)
      return "";
    const Fixup::Kind fk = k == K::Rel26 ? Fixup::Kind::Jump26
                           : k == K::Rel19 ? Fixup::Kind::CondBr19
                           : k == K::Rel14 ? Fixup::Kind::TestBr14
                           : k == K::Adr   ? Fixup::Kind::Adr21
                                           : Fixup::Kind::AdrPage21;
    return branchRange(fk).contains(o.imm) ? "" : "PC-relative displacement out of range";
  }
  }
  return "";
}

// Encoding-class checks on the base form (after alias expansion).
std::string checkBase(const InstrDesc& d, const Inst& b) {
  switch (d.enc) {
  case Enc::AddSubShift:
    return Shift(b.ops[2].mod) == Shift::Ror ? "add/sub cannot shift by ror" : "";
  case Enc::LdStPre: case Enc::LdStPost:
    if (isGpr(d.operands[0]) && b.ops[0].reg == uint8_t(b.ops[1].mem.base))
      return "writeback with the transfer register as base is unpredictable";
    return "";
  case Enc::LdStPair: case Enc::LdStPairPre: case Enc::LdStPairPost:
    if (isLoad(d) && b.ops[0].reg == b.ops[1].reg)
      return "ldp with the same register twice is unpredictable";
    if (isWriteback(d.enc) && isGpr(d.operands[0]) &&
        (b.ops[0].reg == uint8_t(b.ops[2].mem.base) || b.ops[1].reg == uint8_t(b.ops[2].mem.base)))
      return "writeback with a transfer register as base is unpredictable";
    return "";
  default: return "";
  }
}

// The operand fields of a base-form Inst.
uint32_t fields(const InstrDesc& d, const Inst& b) {
  const auto& o = b.ops;
  const uint32_t cond = static_cast<uint32_t>(b.cc) & 15;
  auto rd = [&](unsigned i) { return reg(o[i]); };
  auto rn = [&](unsigned i) { return reg(o[i]) << 5; };
  auto rm = [&](unsigned i) { return reg(o[i]) << 16; };
  auto base = [](const Mem& m) { return uint32_t(encoding(m.base)) << 5; };
  auto rel = [&](unsigned i, unsigned shift, unsigned bits) {
    if (o[i].target.kind != Target::Kind::None)
      return 0u;
    return static_cast<uint32_t>((o[i].imm >> shift) & ((int64_t(1) << bits) - 1));
  };
  switch (d.enc) {
  case Enc::AddSubShift:
  case Enc::LogicalShift:
    return rd(0) | rn(1) | rm(2) | uint32_t(o[2].mod & 3) << 22 | uint32_t(o[2].amount & 63) << 10;
  case Enc::AddSubExt:
    return rd(0) | rn(1) | rm(2) | uint32_t(o[2].mod & 7) << 13 | uint32_t(o[2].amount & 7) << 10;
  case Enc::AddSubImm: {
    const uint32_t imm = o[2].target.kind == Target::Kind::None ? uint32_t(o[2].imm & 0xFFF) : 0;
    return rd(0) | rn(1) | imm << 10 | (o[2].amount == 12 ? 1u << 22 : 0);
  }
  case Enc::LogicalImm: {
    const unsigned w = widthOf(d);
    const auto v = logicalValue(d.operands[2], o[2].imm);
    return rd(0) | rn(1) | (v ? encodeLogicalImm(*v, w).value_or(0) : 0) << 10;
  }
  case Enc::MoveWide:
    return rd(0) | uint32_t(o[1].imm & 0xFFFF) << 5 | uint32_t(o[1].amount / 16) << 21;
  case Enc::DP3: return rd(0) | rn(1) | rm(2) | reg(o[3]) << 10;
  case Enc::DP2: case Enc::FP2: return rd(0) | rn(1) | rm(2);
  case Enc::DP1: case Enc::FP1: return rd(0) | rn(1);
  case Enc::Bitfield:
    return rd(0) | rn(1) | uint32_t(o[2].imm & 63) << 16 | uint32_t(o[3].imm & 63) << 10;
  case Enc::Extract: return rd(0) | rn(1) | rm(2) | uint32_t(o[3].imm & 63) << 10;
  case Enc::CondSel: return rd(0) | rn(1) | rm(2) | cond << 12;
  case Enc::CondCmpReg: return rn(0) | rm(1) | cond << 12 | uint32_t(o[2].imm & 15);
  case Enc::CondCmpImm:
    return rn(0) | uint32_t(o[1].imm & 31) << 16 | cond << 12 | uint32_t(o[2].imm & 15);
  case Enc::LdStUImm: {
    const Mem& m = o[1].mem;
    return rd(0) | base(m) | uint32_t(m.offset / int32_t(accessSize(d.operands[1]))) << 10;
  }
  case Enc::LdStImm9: case Enc::LdStPre: case Enc::LdStPost: {
    const Mem& m = o[1].mem;
    return rd(0) | base(m) | (uint32_t(m.offset) & 0x1FF) << 12;
  }
  case Enc::LdStReg: {
    const Mem& m = o[1].mem;
    return rd(0) | base(m) | uint32_t(encoding(m.index)) << 16 | uint32_t(m.ext) << 13 |
           (m.shifted ? 1u << 12 : 0);
  }
  case Enc::LdStPair: case Enc::LdStPairPre: case Enc::LdStPairPost: {
    const Mem& m = o[2].mem;
    const int32_t scaled = m.offset / int32_t(accessSize(d.operands[2]));
    return rd(0) | reg(o[1]) << 10 | base(m) | (uint32_t(scaled) & 0x7F) << 15;
  }
  case Enc::Branch26: return rel(0, 2, 26);
  case Enc::CondBranch: return rel(0, 2, 19) << 5 | cond;
  case Enc::CompareBranch: case Enc::LoadLiteral: return rd(0) | rel(1, 2, 19) << 5;
  case Enc::TestBranch: {
    const uint32_t bit = uint32_t(o[1].imm & 63);
    return rd(0) | (bit >> 5) << 31 | (bit & 31) << 19 | rel(2, 2, 14) << 5;
  }
  case Enc::BranchReg: return rn(0);
  case Enc::PcRelAdr: {
    const uint32_t imm = rel(1, d.operands[1] == K::Adrp ? 12 : 0, 21);
    return rd(0) | (imm & 3) << 29 | (imm >> 2) << 5;
  }
  case Enc::Udf: return uint32_t(o[0].imm & 0xFFFF);
  case Enc::Exception: return uint32_t(o[0].imm & 0xFFFF) << 5;
  case Enc::NoOperands: return 0;
  case Enc::FPCmp: return rn(0) | (d.operands[1] == K::FZero ? 0 : rm(1));
  case Enc::FPImm: return rd(0) | uint32_t(encodeFPImm(o[1].fp).value_or(0)) << 13;
  }
  return 0;
}

// Field of a fixup kind, for patching a resolved displacement into the word.
uint32_t fixupField(Fixup::Kind k, int64_t disp) {
  switch (k) {
  case Fixup::Kind::Jump26: case Fixup::Kind::Call26: return uint32_t(disp >> 2) & 0x3FFFFFF;
  case Fixup::Kind::CondBr19: return (uint32_t(disp >> 2) & 0x7FFFF) << 5;
  case Fixup::Kind::TestBr14: return (uint32_t(disp >> 2) & 0x3FFF) << 5;
  case Fixup::Kind::Adr21: {
    const uint32_t imm = uint32_t(disp) & 0x1FFFFF;
    return (imm & 3) << 29 | (imm >> 2) << 5;
  }
  case Fixup::Kind::AdrPage21: {
    const uint32_t imm = uint32_t(disp >> 12) & 0x1FFFFF;
    return (imm & 3) << 29 | (imm >> 2) << 5;
  }
  case Fixup::Kind::AddLo12: return (uint32_t(disp) & 0xFFF) << 10;
  }
  return 0;
}

} // namespace

BranchRange branchRange(Fixup::Kind kind) {
  switch (kind) {
  case Fixup::Kind::Jump26: case Fixup::Kind::Call26: return {-(int64_t(1) << 27), (int64_t(1) << 27) - 4, 4};
  case Fixup::Kind::CondBr19: return {-(int64_t(1) << 20), (int64_t(1) << 20) - 4, 4};
  case Fixup::Kind::TestBr14: return {-(int64_t(1) << 15), (int64_t(1) << 15) - 4, 4};
  case Fixup::Kind::Adr21: return {-(int64_t(1) << 20), (int64_t(1) << 20) - 1, 1};
  case Fixup::Kind::AdrPage21: return {-(int64_t(1) << 32), (int64_t(1) << 32) - 4096, 4096};
  case Fixup::Kind::AddLo12: return {INT64_MIN, INT64_MAX, 1};
  }
  return {0, 0, 1};
}

std::string Encoder::check(const Inst& inst) {
  const InstrDesc& d = desc(inst.op);
  for (unsigned i = 0; i < d.numOperands; ++i)
    if (std::string why = checkOperand(d, i, inst.ops[i]); !why.empty())
      return std::string(d.id) + ": " + why;
  if (d.expand == Expand::CondZr && (inst.cc == Cond::AL || inst.cc == Cond::NV))
    return std::string(d.id) + ": cset/csetm need a condition other than al and nv";
  if (d.flags & kAlias) {
    const Inst b = expandAlias(inst);
    const InstrDesc& bd = desc(b.op);
    for (unsigned i = 0; i < bd.numOperands; ++i)
      if (std::string why = checkOperand(bd, i, b.ops[i]); !why.empty())
        return std::string(d.id) + " (as " + std::string(bd.id) + "): " + why;
    if (std::string why = checkBase(bd, b); !why.empty())
      return std::string(d.id) + " (as " + std::string(bd.id) + "): " + why;
    return "";
  }
  if (std::string why = checkBase(d, inst); !why.empty())
    return std::string(d.id) + ": " + why;
  return "";
}

uint32_t encodeWord(const Inst& inst) {
  const Inst b = expandAlias(inst);
  const InstrDesc& d = desc(b.op);
  return d.bits | fields(d, b);
}

std::vector<uint8_t> encode(const Inst& inst) {
  const uint32_t w = encodeWord(inst);
  return {uint8_t(w), uint8_t(w >> 8), uint8_t(w >> 16), uint8_t(w >> 24)};
}

Label Encoder::newLabel() {
  labelOffsets_.push_back(~0u);
  return Label{static_cast<uint32_t>(labelOffsets_.size() - 1)};
}

void Encoder::bind(Label l) {
  assert(l.id < labelOffsets_.size() && labelOffsets_[l.id] == ~0u && "label bound twice");
  labelOffsets_[l.id] = offset();
}

void Encoder::put32(uint32_t v) {
  for (int i = 0; i < 4; ++i)
    bytes_.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

uint32_t Encoder::wordAt(uint32_t at) const {
  return uint32_t(bytes_[at]) | uint32_t(bytes_[at + 1]) << 8 | uint32_t(bytes_[at + 2]) << 16 |
         uint32_t(bytes_[at + 3]) << 24;
}

void Encoder::patch(const Fixup& f, int64_t disp) {
  const uint32_t w = wordAt(f.offset) | fixupField(f.kind, disp);
  for (int i = 0; i < 4; ++i)
    bytes_[f.offset + i] = static_cast<uint8_t>(w >> (8 * i));
}

uint32_t Encoder::emit(const Inst& inst) {
  assert(check(inst).empty() && "instruction does not match its form");
  const uint32_t start = offset();
  const Inst b = expandAlias(inst);
  const InstrDesc& d = desc(b.op);
  put32(d.bits | fields(d, b));
  for (unsigned i = 0; i < d.numOperands; ++i) {
    const Target t = b.ops[i].target;
    if (t.kind == Target::Kind::None)
      continue;
    Fixup::Kind kind;
    switch (d.operands[i]) {
    case K::Rel26: kind = b.op == Opcode::BL ? Fixup::Kind::Call26 : Fixup::Kind::Jump26; break;
    case K::Rel19: kind = Fixup::Kind::CondBr19; break;
    case K::Rel14: kind = Fixup::Kind::TestBr14; break;
    case K::Adr: kind = Fixup::Kind::Adr21; break;
    case K::Adrp: kind = Fixup::Kind::AdrPage21; break;
    case K::AImm: kind = Fixup::Kind::AddLo12; break;
    default: continue;
    }
    const Fixup f{kind, start, t, 0};
    (t.kind == Target::Kind::Label ? labelFixups_ : relocations_).push_back(f);
  }
  return start;
}

bool Encoder::finalize(std::string* error, std::vector<OutOfRange>* outOfRange) {
  bool ok = true;
  for (const Fixup& f : labelFixups_) {
    const uint32_t at = labelOffsets_[f.target.id];
    if (at == ~0u) {
      if (error)
        *error = "label " + std::to_string(f.target.id) + " was never bound";
      return false;
    }
    const int64_t disp = int64_t(at) + f.addend - int64_t(f.offset);
    if (!branchRange(f.kind).contains(disp)) {
      if (ok && error)
        *error = "branch at " + std::to_string(f.offset) + " to label " +
                 std::to_string(f.target.id) + " out of range (" + std::to_string(disp) +
                 " bytes)";
      ok = false;
      if (outOfRange)
        outOfRange->push_back({f, disp});
      continue;
    }
    patch(f, disp);
  }
  labelFixups_.clear();
  return ok;
}

} // namespace wasmaot::isa::aarch64

// Encoder: emits an Inst as the fixed bits of its form (Instructions.def) ORed
// with the fields its encoding class places (RISC-V unprivileged manual, 2.2
// "Base Instruction Formats" and 2.3 "Immediate Encoding Variants"). Aliases
// are first rewritten to their base form (expandAlias).
#include "isa/riscv64/Encoder.h"

#include <algorithm>

namespace wasmaot::isa::riscv64 {

namespace {

using K = OperandKind;
using Use = Target::Use;

uint32_t reg(const Operand& o) { return o.reg & 31u; }

int64_t sext12(int64_t v) { return int64_t(uint64_t(v) << 52) >> 52; }

// Immediate fields of the formats (manual 2.3, figure 2.4).
uint32_t iImm(int64_t v) { return (uint32_t(v) & 0xFFF) << 20; }
uint32_t sImm(int64_t v) {
  const uint32_t u = uint32_t(v) & 0xFFF;
  return (u >> 5) << 25 | (u & 0x1F) << 7;
}
uint32_t bImm(int64_t v) {
  const uint32_t u = uint32_t(v);
  return ((u >> 12) & 1) << 31 | ((u >> 5) & 0x3F) << 25 | ((u >> 1) & 0xF) << 8 |
         ((u >> 11) & 1) << 7;
}
uint32_t jImm(int64_t v) {
  const uint32_t u = uint32_t(v);
  return ((u >> 20) & 1) << 31 | ((u >> 1) & 0x3FF) << 21 | ((u >> 11) & 1) << 20 |
         ((u >> 12) & 0xFF) << 12;
}

bool hasTarget(const Operand& o) { return o.target.kind != Target::Kind::None; }

std::string checkTarget(const InstrDesc& d, K k, const Target& t) {
  switch (k) {
  case K::Rel13: case K::Rel21:
    if (t.kind == Target::Kind::Symbol)
      return "branches and jal take labels only (no relocation type for this field)";
    return t.use == Use::Direct ? "" : "a branch target must be a plain label";
  case K::Uimm20:
    if (d.base != Opcode::AUIPC)
      return "lui takes no symbol (no R_RISCV_HI20 in the relocation table)";
    return t.use == Use::PcrelHi || t.use == Use::Call ? ""
                                                       : "auipc takes %pcrel_hi or a call target";
  case K::Simm12:
    if (d.base != Opcode::ADDI)
      return "%pcrel_lo only in addi, loads and jalr";
    [[fallthrough]];
  case K::Mem:
    if (k == K::Mem && d.enc == Enc::Store)
      return "stores take no %pcrel_lo (no R_RISCV_PCREL_LO12_S in the relocation table)";
    if (t.kind != Target::Kind::Label || t.use != Use::PcrelLo)
      return "%pcrel_lo names the label at its auipc";
    return "";
  default: return "this operand cannot refer to a label or symbol";
  }
}

std::string checkOperand(const InstrDesc& d, unsigned slot, const Operand& o) {
  const K k = d.operands[slot];
  const Target& t = k == K::Mem ? o.mem.lo : o.target;
  if (t.kind != Target::Kind::None)
    if (std::string why = checkTarget(d, k, t); !why.empty())
      return why;
  switch (k) {
  case K::None: return "";
  case K::X: return o.reg < kNumGprs ? "" : "integer register out of range";
  case K::F: return o.reg < kNumFprs ? "" : "FP register out of range";
  case K::Simm12:
    return hasTarget(o) || (o.imm >= -2048 && o.imm <= 2047) ? ""
                                                              : "immediate must be -2048..2047";
  case K::Uimm20:
    return hasTarget(o) || (o.imm >= 0 && o.imm <= 0xFFFFF) ? ""
                                                             : "upper immediate must be 0..0xfffff";
  case K::Shamt6: return o.imm >= 0 && o.imm <= 63 ? "" : "shift amount must be 0..63";
  case K::Shamt5: return o.imm >= 0 && o.imm <= 31 ? "" : "shift amount must be 0..31";
  case K::Mem:
    if (uint8_t(o.mem.base) >= kNumGprs)
      return "base register out of range";
    return o.mem.lo.kind != Target::Kind::None || (o.mem.offset >= -2048 && o.mem.offset <= 2047)
               ? ""
               : "offset must be -2048..2047";
  case K::Rel13: case K::Rel21: {
    if (hasTarget(o))
      return "";
    const Fixup::Kind fk = k == K::Rel13 ? Fixup::Kind::Branch13 : Fixup::Kind::Jal21;
    return branchRange(fk).contains(o.imm) ? "" : "PC-relative displacement out of range or odd";
  }
  case K::Fence:
    return o.imm >= 1 && o.imm <= 15 ? "" : "fence set must be a non-empty subset of iorw";
  }
  return "";
}

std::string checkForm(const InstrDesc& d, const Inst& inst) {
  for (unsigned i = 0; i < d.numOperands; ++i)
    if (std::string why = checkOperand(d, i, inst.ops[i]); !why.empty())
      return why;
  if (d.flags & kRm)
    return isValid(inst.rm) ? "" : "reserved rounding mode";
  return inst.rm == Rm::Dyn ? "" : "rounding mode given to a form without one";
}

// The operand fields of a base-form Inst.
uint32_t fields(const InstrDesc& d, const Inst& b) {
  const auto& o = b.ops;
  auto rd = [&](unsigned i) { return reg(o[i]) << 7; };
  auto rs1 = [&](unsigned i) { return reg(o[i]) << 15; };
  auto rs2 = [&](unsigned i) { return reg(o[i]) << 20; };
  const uint32_t rm = (d.flags & kRm) ? (uint32_t(b.rm) & 7) << 12 : 0;
  auto memImm = [](const Mem& m) { return m.lo.kind == Target::Kind::None ? iImm(m.offset) : 0u; };
  auto base = [](const Mem& m) { return uint32_t(encoding(m.base)) << 15; };
  switch (d.enc) {
  case Enc::RType: return rd(0) | rs1(1) | rs2(2) | rm;
  case Enc::RUnary: return rd(0) | rs1(1) | rm;
  case Enc::IType: return rd(0) | rs1(1) | (hasTarget(o[2]) ? 0 : iImm(o[2].imm));
  case Enc::Shift6: return rd(0) | rs1(1) | (uint32_t(o[2].imm) & 63) << 20;
  case Enc::Shift5: return rd(0) | rs1(1) | (uint32_t(o[2].imm) & 31) << 20;
  case Enc::Load: case Enc::Jalr: return rd(0) | base(o[1].mem) | memImm(o[1].mem);
  case Enc::Store: return rs2(0) | base(o[1].mem) | sImm(o[1].mem.offset);
  case Enc::Branch: return rs1(0) | rs2(1) | (hasTarget(o[2]) ? 0 : bImm(o[2].imm));
  case Enc::Upper: return rd(0) | (hasTarget(o[1]) ? 0 : (uint32_t(o[1].imm) & 0xFFFFF) << 12);
  case Enc::Jal: return rd(0) | (hasTarget(o[1]) ? 0 : jImm(o[1].imm));
  case Enc::FenceSets: return (uint32_t(o[0].imm) & 15) << 24 | (uint32_t(o[1].imm) & 15) << 20;
  case Enc::NoOperands: return 0;
  }
  return 0;
}

bool isAuipc(uint32_t w) { return (w & 0x7F) == 0x17; }
bool isJalr(uint32_t w) { return (w & 0x707F) == 0x67; }
uint32_t rdOf(uint32_t w) { return (w >> 7) & 31; }
uint32_t rs1Of(uint32_t w) { return (w >> 15) & 31; }

} // namespace

HiLo splitHiLo(int64_t disp) {
  const int64_t lo = sext12(disp);
  return {uint32_t(uint64_t(disp - lo) >> 12) & 0xFFFFF, int32_t(lo)};
}

BranchRange branchRange(Fixup::Kind kind) {
  const int64_t far = int64_t(1) << 31;
  switch (kind) {
  case Fixup::Kind::Branch13: return {-4096, 4094, 2};
  case Fixup::Kind::Jal21: return {-(int64_t(1) << 20), (int64_t(1) << 20) - 2, 2};
  case Fixup::Kind::PcrelHi20: case Fixup::Kind::PcrelLo12I: return {-far - 2048, far - 2049, 1};
  case Fixup::Kind::Call: return {-far - 2048, far - 2049, 2};
  }
  return {0, 0, 1};
}

std::string Encoder::check(const Inst& inst) {
  const InstrDesc& d = desc(inst.op);
  if (std::string why = checkForm(d, inst); !why.empty())
    return std::string(d.id) + ": " + why;
  if (d.flags & kAlias) {
    const Inst b = expandAlias(inst);
    const InstrDesc& bd = desc(b.op);
    if (std::string why = checkForm(bd, b); !why.empty())
      return std::string(d.id) + " (as " + std::string(bd.id) + "): " + why;
  }
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

void Encoder::setWord(uint32_t at, uint32_t w) {
  for (int i = 0; i < 4; ++i)
    bytes_[at + i] = static_cast<uint8_t>(w >> (8 * i));
}

uint32_t Encoder::emit(const Inst& inst) {
  assert(check(inst).empty() && "instruction does not match its form");
  const uint32_t start = offset();
  const Inst b = expandAlias(inst);
  const InstrDesc& d = desc(b.op);
  put32(d.bits | fields(d, b));
  for (unsigned i = 0; i < d.numOperands; ++i) {
    const K k = d.operands[i];
    const Target t = k == K::Mem ? b.ops[i].mem.lo : b.ops[i].target;
    if (t.kind == Target::Kind::None)
      continue;
    Fixup::Kind kind = Fixup::Kind::Branch13;
    switch (t.use) {
    case Use::Direct: kind = k == K::Rel13 ? Fixup::Kind::Branch13 : Fixup::Kind::Jal21; break;
    case Use::PcrelHi: kind = Fixup::Kind::PcrelHi20; break;
    case Use::Call: kind = Fixup::Kind::Call; break;
    case Use::PcrelLo: loFixups_.push_back({Fixup::Kind::PcrelLo12I, start, t, 0}); continue;
    }
    const Fixup f{kind, start, t, 0};
    (t.kind == Target::Kind::Label ? labelFixups_ : relocations_).push_back(f);
  }
  return start;
}

uint32_t Encoder::emitCall(Gpr link, Gpr scratch, Target target) {
  target.use = Use::Call;
  Operand hi;
  hi.target = target;
  const uint32_t at = emit(Inst(Opcode::AUIPC, {Operand::r(scratch), hi}));
  emit(Inst(Opcode::JALR, {Operand::r(link), Operand::m(Mem::at(scratch, 0))}));
  return at;
}

uint32_t Encoder::emitLoadAddress(Gpr rd, Target target) {
  target.use = Use::PcrelHi;
  Operand hi;
  hi.target = target;
  const Label here = newLabel();
  bind(here);
  const uint32_t at = emit(Inst(Opcode::AUIPC, {Operand::r(rd), hi}));
  emit(Inst(Opcode::ADDI, {Operand::r(rd), Operand::r(rd), Operand::pcrelLo(here)}));
  return at;
}

const Fixup* Encoder::hiFixupAt(uint32_t at) const {
  for (const std::vector<Fixup>* list : {&labelFixups_, &relocations_})
    for (const Fixup& f : *list)
      if (f.offset == at && f.kind == Fixup::Kind::PcrelHi20)
        return &f;
  return nullptr;
}

bool Encoder::finalize(std::string* error, std::vector<OutOfRange>* outOfRange) {
  bool ok = true;
  auto fail = [&](const std::string& why) {
    if (ok && error)
      *error = why;
    ok = false;
  };
  auto displacement = [&](const Fixup& f, int64_t* disp) {
    const uint32_t at = labelOffsets_[f.target.id];
    *disp = int64_t(at) + f.addend - int64_t(f.offset);
    return at != ~0u;
  };
  for (const std::vector<Fixup>* list : {&labelFixups_, &loFixups_})
    for (const Fixup& f : *list)
      if (f.target.id >= labelOffsets_.size() || labelOffsets_[f.target.id] == ~0u) {
        if (error)
          *error = "label " + std::to_string(f.target.id) + " was never bound";
        return false;
      }

  // %pcrel_lo first: it reads the displacement of the auipc its label marks.
  for (const Fixup& f : loFixups_) {
    const uint32_t at = labelOffsets_[f.target.id];
    const Fixup* hi = at + 4 <= offset() && isAuipc(wordAt(at)) ? hiFixupAt(at) : nullptr;
    if (!hi) {
      fail("%pcrel_lo at " + std::to_string(f.offset) + ": label " + std::to_string(f.target.id) +
           " does not mark an auipc with a %pcrel_hi");
      continue;
    }
    if (hi->target.kind == Target::Kind::Symbol) {
      relocations_.push_back(f);
      continue;
    }
    int64_t disp;
    displacement(*hi, &disp);
    if (branchRange(hi->kind).contains(disp)) // else reported with the auipc below
      setWord(f.offset, wordAt(f.offset) | iImm(splitHiLo(disp).lo));
  }
  auto callPairBroken = [&](const Fixup& f) {
    if (f.kind != Fixup::Kind::Call ||
        (f.offset + 8 <= offset() && isJalr(wordAt(f.offset + 4)) &&
         rs1Of(wordAt(f.offset + 4)) == rdOf(wordAt(f.offset))))
      return false;
    fail("call at " + std::to_string(f.offset) + ": the auipc is not followed by its jalr");
    return true;
  };
  for (const Fixup& f : relocations_)
    callPairBroken(f);
  for (const Fixup& f : labelFixups_) {
    int64_t disp;
    displacement(f, &disp);
    if (callPairBroken(f))
      continue;
    if (!branchRange(f.kind).contains(disp)) {
      fail("branch at " + std::to_string(f.offset) + " to label " + std::to_string(f.target.id) +
           " out of range (" + std::to_string(disp) + " bytes)");
      if (outOfRange)
        outOfRange->push_back({f, disp});
      continue;
    }
    const HiLo hl = splitHiLo(disp);
    switch (f.kind) {
    case Fixup::Kind::Branch13: setWord(f.offset, wordAt(f.offset) | bImm(disp)); break;
    case Fixup::Kind::Jal21: setWord(f.offset, wordAt(f.offset) | jImm(disp)); break;
    case Fixup::Kind::PcrelHi20: setWord(f.offset, wordAt(f.offset) | hl.hi << 12); break;
    case Fixup::Kind::Call:
      setWord(f.offset, wordAt(f.offset) | hl.hi << 12);
      setWord(f.offset + 4, wordAt(f.offset + 4) | iImm(hl.lo));
      break;
    case Fixup::Kind::PcrelLo12I: break; // never a label fixup
    }
  }
  labelFixups_.clear();
  loFixups_.clear();
  std::stable_sort(relocations_.begin(), relocations_.end(),
                   [](const Fixup& a, const Fixup& b) { return a.offset < b.offset; });
  return ok;
}

} // namespace wasmaot::isa::riscv64

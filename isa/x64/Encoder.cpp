// Encoder: emits an Inst by following its form's recipe in Instructions.def:
//   [prefix] [REX] opcode [ModRM [SIB] [disp]] [immediates | rel]
// Intel SDM vol. 2, chapter 2 (instruction format, ModRM/SIB tables 2-2, 2-3, REX 2.2.1).
#include "isa/x64/Encoder.h"

#include <cstring>

namespace wasmaot::isa::x64 {

namespace {

constexpr uint8_t kPrefixByte[] = {0x00, 0x66, 0xF2, 0xF3}; // by Prefix

bool fitsInt8(int64_t v) { return v >= -128 && v <= 127; }
bool fitsInt32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

bool immInRange(OperandKind k, int64_t v) {
  switch (k) {
  case OperandKind::I8: return fitsInt8(v);
  case OperandKind::U8: return v >= 0 && v <= 255;
  case OperandKind::I32: return v >= INT32_MIN && v <= int64_t(UINT32_MAX);
  case OperandKind::S32: return fitsInt32(v);
  case OperandKind::I64: return true;
  case OperandKind::None: case OperandKind::G8: case OperandKind::G16: case OperandKind::G32:
  case OperandKind::G64: case OperandKind::X: case OperandKind::M8: case OperandKind::M16:
  case OperandKind::M32: case OperandKind::M64: case OperandKind::M128: case OperandKind::MA:
  case OperandKind::Rel8: case OperandKind::Rel32: case OperandKind::CL: return false;
  }
  return false;
}

// Roles of the operands in the encoding, derived from the form's OpEn.
struct Roles {
  int reg = -1;    // operand in ModRM.reg
  int rm = -1;     // operand in ModRM.rm (register or memory)
  int opcReg = -1; // operand added to the last opcode byte
  int rel = -1;    // relative displacement operand
};

Roles rolesOf(const InstrDesc& d) {
  Roles r;
  switch (d.enc) {
  case OpEn::ZO: break;
  case OpEn::RM: r.reg = 0; r.rm = 1; break;
  case OpEn::MR: r.rm = 0; r.reg = 1; break;
  case OpEn::M: r.rm = 0; break;
  case OpEn::O: r.opcReg = 0; break;
  case OpEn::D: r.rel = 0; break;
  }
  return r;
}

} // namespace

std::string Encoder::check(const Inst& inst) {
  const InstrDesc& d = desc(inst.op);
  for (unsigned i = 0; i < d.numOperands; ++i) {
    const OperandKind k = d.operands[i];
    const Operand& o = inst.ops[i];
    if (isReg(k) && o.reg >= 16)
      return "register number out of range";
    if (k == OperandKind::CL && o.reg != encoding(Gpr::Rcx))
      return "shift count must be cl";
    if (isImm(k) && !immInRange(k, o.imm))
      return "immediate out of range for " + std::string(d.id);
    if (isRel(k) && o.target.kind == Target::Kind::None &&
        !(k == OperandKind::Rel8 ? fitsInt8(o.imm) : fitsInt32(o.imm)))
      return "branch displacement out of range";
    if (isRel(k) && k == OperandKind::Rel8 && o.target.kind == Target::Kind::Symbol)
      return "rel8 cannot refer to a symbol";
    if (isMem(k)) {
      const Mem& m = o.mem;
      if (m.scale != 1 && m.scale != 2 && m.scale != 4 && m.scale != 8)
        return "scale must be 1, 2, 4 or 8";
      if (m.index == encoding(Gpr::Rsp))
        return "rsp cannot be an index";
      if (m.hasIndex() && m.index >= 16)
        return "index register out of range";
      if (m.base != Mem::kNoReg && m.base != Mem::kRip && m.base >= 16)
        return "base register out of range";
      if (m.isRip() && m.hasIndex())
        return "RIP-relative addressing takes no index";
      if (!m.isRip() && m.target.kind != Target::Kind::None)
        return "only RIP-relative operands refer to labels or symbols";
      if (m.seg != Mem::kNoSeg && m.seg != Mem::kGs)
        return "unknown segment";
      if (m.seg == Mem::kGs && k == OperandKind::MA)
        return "lea computes no segment base: a gs override would be ignored";
      if (m.addr32 && m.isRip())
        return "a 32-bit address cannot be RIP-relative (0x67 makes it EIP-relative)";
    }
  }
  return {};
}

Label Encoder::newLabel() {
  labelOffsets_.push_back(~0u);
  return Label{static_cast<uint32_t>(labelOffsets_.size() - 1)};
}

void Encoder::bind(Label l) {
  assert(l.id < labelOffsets_.size() && labelOffsets_[l.id] == ~0u && "label bound twice");
  labelOffsets_[l.id] = offset();
}

uint32_t Encoder::emit(const Inst& inst) {
  assert(check(inst).empty() && "instruction does not match its form");
  const InstrDesc& d = desc(inst.op);
  const Roles roles = rolesOf(d);
  const uint32_t start = offset();
  // The bytes are assembled in a local buffer (an instruction is at most 15
  // bytes) and appended once: one capacity check instead of one per byte.
  uint8_t buf[32];
  unsigned len = 0;
  auto put8 = [&](uint8_t b) { buf[len++] = b; };
  auto put32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i)
      put8(static_cast<uint8_t>(v >> (8 * i)));
  };
  auto putImm = [&](int64_t v, unsigned size) {
    for (unsigned i = 0; i < size; ++i)
      put8(static_cast<uint8_t>(static_cast<uint64_t>(v) >> (8 * i)));
  };
  auto offset = [&] { return start + len; };

  // REX: W from the form; R, X, B from the high bit of the reg, index and
  // rm/base (or opcode-register) operands. A byte register numbered 4..7 means
  // spl/bpl/sil/dil only with a REX prefix (without one it is ah/ch/dh/bh).
  uint8_t rex = d.rexW ? 0x08 : 0;
  bool forceRex = false;
  for (unsigned i = 0; i < d.numOperands; ++i)
    if (d.operands[i] == OperandKind::G8 && inst.ops[i].reg >= 4)
      forceRex = true;
  const Mem* mem = nullptr;
  if (roles.reg >= 0 && (inst.ops[roles.reg].reg & 8))
    rex |= 0x04;
  if (roles.rm >= 0) {
    if (isMem(d.operands[roles.rm])) {
      mem = &inst.ops[roles.rm].mem;
      if (mem->hasIndex() && (mem->index & 8))
        rex |= 0x02;
      if (mem->hasBase() && (mem->base & 8))
        rex |= 0x01;
    } else if (inst.ops[roles.rm].reg & 8) {
      rex |= 0x01;
    }
  }
  if (roles.opcReg >= 0 && (inst.ops[roles.opcReg].reg & 8))
    rex |= 0x01;

  // The segment override is a group-2 legacy prefix; it goes before the
  // mandatory (group-1/operand-size) prefix, which must stay next to REX.
  if (mem && mem->seg == Mem::kGs)
    put8(0x65);
  if (mem && mem->addr32) // group 4, address size
    put8(0x67);
  if (d.prefix != Prefix::NP)
    put8(kPrefixByte[static_cast<unsigned>(d.prefix)]);
  if (rex || forceRex)
    put8(0x40 | rex);

  for (unsigned i = 0; i < d.opcode.size; ++i) {
    uint8_t b = d.opcode.bytes[i];
    if (i + 1 == d.opcode.size) {
      if (d.flags & kCond)
        b += static_cast<uint8_t>(inst.cc);
      if (roles.opcReg >= 0)
        b += inst.ops[roles.opcReg].reg & 7;
    }
    put8(b);
  }

  // ModRM, SIB and displacement.
  int32_t ripDispOffset = -1;
  if (roles.rm >= 0) {
    const uint8_t regField =
        roles.reg >= 0 ? (inst.ops[roles.reg].reg & 7) : static_cast<uint8_t>(d.digit & 7);
    if (!mem) {
      put8(0xC0 | regField << 3 | (inst.ops[roles.rm].reg & 7));
    } else if (mem->isRip()) {
      put8(0x00 | regField << 3 | 0x5); // mod=00 rm=101: [rip + disp32]
      ripDispOffset = static_cast<int32_t>(offset());
      put32(static_cast<uint32_t>(mem->target.kind == Target::Kind::None ? mem->disp : 0));
    } else {
      const uint8_t ss = mem->scale == 8 ? 3 : mem->scale == 4 ? 2 : mem->scale == 2 ? 1 : 0;
      const uint8_t indexField = mem->hasIndex() ? (mem->index & 7) : 0x4; // 100 = no index
      if (!mem->hasBase()) {
        // mod=00 rm=100, SIB base=101: [index*scale + disp32] (or [disp32] without index).
        put8(0x00 | regField << 3 | 0x4);
        put8(static_cast<uint8_t>(ss << 6 | indexField << 3 | 0x5));
        put32(static_cast<uint32_t>(mem->disp));
      } else {
        const uint8_t baseLow = mem->base & 7;
        // rbp/r13 (low bits 101) with mod=00 would mean rip/no-base: they need a disp8 of 0.
        const uint8_t mod = (mem->disp == 0 && baseLow != 5) ? 0 : fitsInt8(mem->disp) ? 1 : 2;
        // rsp/r12 (low bits 100) in rm mean "SIB follows": they always take a SIB.
        const bool sib = mem->hasIndex() || baseLow == 4;
        put8(static_cast<uint8_t>(mod << 6 | regField << 3 | (sib ? 0x4 : baseLow)));
        if (sib)
          put8(static_cast<uint8_t>(ss << 6 | indexField << 3 | baseLow));
        if (mod == 1)
          put8(static_cast<uint8_t>(mem->disp));
        else if (mod == 2)
          put32(static_cast<uint32_t>(mem->disp));
      }
    }
  }

  // Relative displacement (D forms).
  int32_t relOffset = -1;
  if (roles.rel >= 0) {
    const Operand& o = inst.ops[roles.rel];
    const unsigned size = encodedSize(d.operands[roles.rel]);
    relOffset = static_cast<int32_t>(offset());
    putImm(o.target.kind == Target::Kind::None ? o.imm : 0, size);
  }

  // Immediates, in operand order.
  for (unsigned i = 0; i < d.numOperands; ++i)
    if (isImm(d.operands[i]))
      putImm(inst.ops[i].imm, encodedSize(d.operands[i]));

  const uint32_t end = offset();
  bytes_.insert(bytes_.end(), buf, buf + len);
  auto record = [&](Fixup::Kind kind, int32_t at, Target t, int32_t addend) {
    const Fixup f{kind, static_cast<uint32_t>(at), end - static_cast<uint32_t>(at), t, addend};
    (t.kind == Target::Kind::Label ? labelFixups_ : relocations_).push_back(f);
  };
  if (ripDispOffset >= 0 && mem->target.kind != Target::Kind::None)
    record(Fixup::Kind::Rel32, ripDispOffset, mem->target, mem->disp);
  if (relOffset >= 0 && inst.ops[roles.rel].target.kind != Target::Kind::None)
    record(d.operands[roles.rel] == OperandKind::Rel8 ? Fixup::Kind::Rel8 : Fixup::Kind::Rel32,
           relOffset, inst.ops[roles.rel].target, 0);
  return start;
}

bool Encoder::finalize(std::string* error) {
  for (const Fixup& f : labelFixups_) {
    const uint32_t at = labelOffsets_[f.target.id];
    if (at == ~0u) {
      if (error)
        *error = "label " + std::to_string(f.target.id) + " was never bound";
      return false;
    }
    const int64_t disp = int64_t(at) + f.addend - int64_t(f.offset + f.pcBias);
    if (f.kind == Fixup::Kind::Rel8) {
      if (!fitsInt8(disp)) {
        if (error)
          *error = "rel8 branch to label " + std::to_string(f.target.id) + " out of range";
        return false;
      }
      bytes_[f.offset] = static_cast<uint8_t>(disp);
    } else {
      const uint32_t v = static_cast<uint32_t>(static_cast<int32_t>(disp));
      for (int i = 0; i < 4; ++i)
        bytes_[f.offset + i] = static_cast<uint8_t>(v >> (8 * i));
    }
  }
  labelFixups_.clear();
  return true;
}

std::vector<uint8_t> encode(const Inst& inst) {
  Encoder e;
  e.emit(inst);
  return e.bytes();
}

} // namespace wasmaot::isa::x64

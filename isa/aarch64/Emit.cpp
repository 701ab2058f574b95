// Emit: frame, blocks, forms, moves, pseudo instructions, trap stubs, the
// in-code read-only data and branch relaxation (contract in Emit.h).
#include "isa/aarch64/Emit.h"

#include "isa/aarch64/A64Lowering.h"
#include "isa/aarch64/AsmPrinter.h"
#include "isa/aarch64/Immediates.h"

#include <algorithm>
#include <cassert>
#include <cstdio>

namespace wasmaot::isa::aarch64 {

using codegen::Allocation;
using codegen::InstId;
using A = ::wasmaot::isa::aarch64::Operand;

namespace {
constexpr uint32_t kNoBlock = ~0u;
constexpr unsigned kMaxEmissions = 8;

A r(Gpr g) { return A::r(g); }
A r(Vreg v) { return A::r(v); }
A imm(int64_t v, unsigned shift = 0) { return A::i(v, shift); }
} // namespace

Emitter::Emitter(const A64Code &code, const codegen::RegAllocResult &ra, const codegen::FrameLayout &frame,
                 const codegen::CodegenOptions &options)
    : code_(code), ra_(ra), frame_(frame), options_(options) {}

void Emitter::put(const Inst &inst) {
  // The encoder asserts that every Inst fits its form; Release builds drop the
  // assert, so verifyMachineCode (tests, fuzzing) checks each one here.
  if (options_.verifyMachineCode && invalid_.empty())
    if (std::string why = Encoder::check(inst); !why.empty())
      invalid_ = "invalid instruction at offset " + std::to_string(enc_.offset()) + ": " + why;
  if (options_.emitAsm) {
    asm_ += "  ";
    asm_ += printInst(inst);
    asm_ += '\n';
  }
  enc_.emit(inst);
}

void Emitter::bind(Label l) {
  enc_.bind(l);
  if (options_.emitAsm)
    asm_ += ".L" + std::to_string(l.id) + ":\n";
}

Gpr Emitter::gpr(InstId i, unsigned k) const {
  Allocation a = ra_.alloc(code_.mf, i, k);
  assert(a.isReg() && a.preg() < 31 && "operand constrained to a register lives in a general register");
  return Gpr(a.preg());
}

Vreg Emitter::vreg(InstId i, unsigned k) const {
  Allocation a = ra_.alloc(code_.mf, i, k);
  assert(a.isReg() && a.preg() >= 32 && "operand constrained to a register lives in an FP register");
  return Vreg(a.preg() - 32);
}

Label Emitter::trapLabel(ir::TrapCode code) {
  auto it = trapLabels_.find(code);
  if (it != trapLabels_.end())
    return it->second;
  Label l = enc_.newLabel();
  trapLabels_.emplace(code, l);
  return l;
}

void Emitter::trapSiteHere(ir::TrapCode code) { traps_.push_back({enc_.offset(), code}); }

void Emitter::condBranch(Cond c, Label target) {
  if (c == Cond::AL) { // b.al, and its relaxation b.nv would also branch: a plain b
    put(Inst(Opcode::B, {A::to(target)}));
    return;
  }
  const uint32_t site = nextSite_++;
  if (site < relaxed_.size() && relaxed_[site]) {
    Label skip = newLabel();
    put(Inst(Opcode::Bcc, invert(c), {A::to(skip)}));
    put(Inst(Opcode::B, {A::to(target)}));
    bind(skip);
    return;
  }
  siteAt_[enc_.offset()] = site;
  put(Inst(Opcode::Bcc, c, {A::to(target)}));
}

void Emitter::compareBranch(bool nonZero, bool x, Gpr reg, Label target) {
  const uint32_t site = nextSite_++;
  auto form = [&](bool nz) {
    return nz ? (x ? Opcode::CBNZX : Opcode::CBNZW) : (x ? Opcode::CBZX : Opcode::CBZW);
  };
  if (site < relaxed_.size() && relaxed_[site]) {
    Label skip = newLabel();
    put(Inst(form(!nonZero), {r(reg), A::to(skip)}));
    put(Inst(Opcode::B, {A::to(target)}));
    bind(skip);
    return;
  }
  siteAt_[enc_.offset()] = site;
  put(Inst(form(nonZero), {r(reg), A::to(target)}));
}

void Emitter::materialize(Gpr rd, uint64_t value, bool is64) {
  for (const Inst &inst : aarch64::materialize(rd, value, is64))
    put(inst);
}

Mem Emitter::spSlot(uint32_t offset, unsigned size) {
  if (offset % size == 0 && offset / size <= 4095)
    return Mem::at(Gpr::Sp, int32_t(offset));
  // x17 = sp + offset (x17 is never allocated and the move resolver does not use it).
  materialize(kScratch2, offset, true);
  put(Inst(Opcode::ADDXrx, {r(kScratch2), r(Gpr::Sp), A::ext(kScratch2, Extend::Uxtx)}));
  return Mem::at(kScratch2, 0);
}

void Emitter::adjustSp(uint32_t bytes, bool down) {
  const Opcode ri = down ? Opcode::SUBXri : Opcode::ADDXri;
  if (bytes <= 0xffffff) {
    if (bytes >> 12)
      put(Inst(ri, {r(Gpr::Sp), r(Gpr::Sp), imm(bytes >> 12, 12)}));
    if (bytes & 0xfff)
      put(Inst(ri, {r(Gpr::Sp), r(Gpr::Sp), imm(bytes & 0xfff)}));
    return;
  }
  materialize(kScratch, bytes, true);
  put(Inst(down ? Opcode::SUBXrx : Opcode::ADDXrx, {r(Gpr::Sp), r(Gpr::Sp), A::ext(kScratch, Extend::Uxtx)}));
}

void Emitter::emitForm(InstId i) {
  const codegen::MachInst &mi = code_.mf.inst(i);
  const FormData &fd = code_.forms[mi.payload];
  Inst inst = fd.inst;
  const InstrDesc &d = desc(inst.op);
  auto regOf = [&](uint32_t slot) -> uint8_t {
    Allocation a = ra_.alloc(code_.mf, i, slot);
    assert(a.isReg() && "form operands live in registers");
    return uint8_t(a.preg() < 32 ? a.preg() : a.preg() - 32);
  };
  for (unsigned k = 0; k < d.numOperands; ++k) {
    OperandKind kind = d.operands[k];
    if (isGpr(kind) || isFpr(kind)) {
      if (uint32_t s = formSlot(mi.aux, k); s != kKeep)
        inst.ops[k].reg = regOf(s);
    } else if (isMem(kind)) {
      if (uint32_t s = formMemBase(mi.aux); s != kKeep)
        inst.ops[k].mem.base = Gpr(regOf(s));
      if (uint32_t s = formMemIndex(mi.aux); s != kKeep)
        inst.ops[k].mem.index = Gpr(regOf(s));
    }
  }
  if (fd.trap)
    trapSiteHere(ir::TrapCode(fd.trap - 1));
  put(inst);
}

void Emitter::emitMove(const codegen::Move &m) {
  const bool isFloat = m.cls == codegen::RegClass::Float;
  auto gprOf = [](Allocation a) { return Gpr(a.preg()); };
  auto vregOf = [](Allocation a) { return Vreg(a.preg() - 32); };
  if (m.dst.isReg() && m.src.isReg()) {
    if (m.dst == m.src)
      return;
    if (isFloat)
      put(Inst(Opcode::FMOVDr, {r(vregOf(m.dst)), r(vregOf(m.src))}));
    else
      put(Inst(Opcode::MOVXr, {r(gprOf(m.dst)), r(gprOf(m.src))}));
  } else if (m.dst.isStack() && m.src.isReg()) {
    Mem at = spSlot(frame_.slotOffsets[m.dst.slot()], 8);
    if (isFloat)
      put(Inst(Opcode::STRDui, {r(vregOf(m.src)), A::m(at)}));
    else
      put(Inst(Opcode::STRXui, {r(gprOf(m.src)), A::m(at)}));
  } else if (m.dst.isReg() && m.src.isStack()) {
    Mem at = spSlot(frame_.slotOffsets[m.src.slot()], 8);
    if (isFloat)
      put(Inst(Opcode::LDRDui, {r(vregOf(m.dst)), A::m(at)}));
    else
      put(Inst(Opcode::LDRXui, {r(gprOf(m.dst)), A::m(at)}));
  } else {
    assert(false && "the move resolver never emits memory-to-memory moves");
  }
}

void Emitter::saveOrRestore(bool save) {
  // Adjacent saves of one class pair up in stp/ldp (offsets are multiples of 8).
  const auto &saves = frame_.calleeSaves;
  for (size_t k = 0; k < saves.size();) {
    auto [reg, off] = saves[k];
    const bool fp = reg >= 32;
    auto regOp = [&](codegen::PReg p) { return fp ? r(Vreg(p - 32)) : r(Gpr(p)); };
    if (k + 1 < saves.size() && (saves[k + 1].first >= 32) == fp && saves[k + 1].second == off + 8 && off <= 504) {
      Opcode op = fp ? (save ? Opcode::STPDi : Opcode::LDPDi) : (save ? Opcode::STPXi : Opcode::LDPXi);
      put(Inst(op, {regOp(reg), regOp(saves[k + 1].first), A::m(Mem::at(Gpr::Sp, int32_t(off)))}));
      k += 2;
      continue;
    }
    Opcode op = fp ? (save ? Opcode::STRDui : Opcode::LDRDui) : (save ? Opcode::STRXui : Opcode::LDRXui);
    put(Inst(op, {regOp(reg), A::m(spSlot(off, 8))}));
    ++k;
  }
}

void Emitter::prologue() {
  put(Inst(Opcode::STPXpre, {r(kFp), r(kLr), A::m(Mem::pre(Gpr::Sp, -16))}));
  put(Inst(Opcode::MOVXsp, {r(kFp), r(Gpr::Sp)}));
  // Stack-limit check: sp - frame must stay at or above vmctx->stackLimit (x0
  // holds vmctx until the Args pseudo; x16/x17 are free: nothing is allocated yet).
  put(Inst(Opcode::LDRXui, {r(kScratch), A::m(Mem::at(Gpr::X0, 0))}));
  if (frame_.frameSize) {
    if (frame_.frameSize <= 0xfff) {
      put(Inst(Opcode::SUBXri, {r(kScratch2), r(Gpr::Sp), imm(frame_.frameSize)}));
    } else {
      materialize(kScratch2, frame_.frameSize, true);
      put(Inst(Opcode::SUBXrx, {r(kScratch2), r(Gpr::Sp), A::ext(kScratch2, Extend::Uxtx)}));
    }
    put(Inst(Opcode::CMPXrs, {r(kScratch2), A::sh(kScratch, Shift::Lsl, 0)}));
  } else {
    put(Inst(Opcode::CMPXrx, {r(Gpr::Sp), A::ext(kScratch, Extend::Uxtx)}));
  }
  condBranch(Cond::LO, trapLabel(ir::TrapCode::StackExhausted));
  if (frame_.frameSize)
    adjustSp(frame_.frameSize, true);
  saveOrRestore(true);
}

void Emitter::epilogue() {
  saveOrRestore(false);
  if (frame_.frameSize)
    put(Inst(Opcode::MOVXsp, {r(Gpr::Sp), r(kFp)}));
  put(Inst(Opcode::LDPXpost, {r(kFp), r(kLr), A::m(Mem::post(Gpr::Sp, 16))}));
  put(Inst(Opcode::RET, {r(kLr)}));
}

void Emitter::emitInst(InstId i) {
  const codegen::MachInst &mi = code_.mf.inst(i);
  if (mi.opcode < kPseudoBase) {
    emitForm(i);
    return;
  }
  auto targets = code_.mf.targets(i);
  switch (Pseudo(mi.opcode)) {
  case Pseudo::Args:
    return;
  case Pseudo::Ret:
    epilogue();
    return;
  case Pseudo::Jmp:
    if (resolved_[targets[0].block] != nextBlock_)
      put(Inst(Opcode::B, {A::to(blockLabels_[targets[0].block])}));
    return;
  case Pseudo::Bcc: {
    Cond c = CondCode::unpack(mi.aux).cc;
    codegen::BlockId t = resolved_[targets[0].block], f = resolved_[targets[1].block];
    if (f == nextBlock_) {
      condBranch(c, blockLabels_[t]);
    } else if (t == nextBlock_) {
      condBranch(invert(c), blockLabels_[f]);
    } else {
      condBranch(c, blockLabels_[t]);
      put(Inst(Opcode::B, {A::to(blockLabels_[f])}));
    }
    return;
  }
  case Pseudo::JmpTable:
    put(Inst(Opcode::BR, {r(gpr(i, 0))}));
    return;
  case Pseudo::JumpTableAddr:
    emitJumpTableAddr(*this, i);
    return;
  case Pseudo::Trap:
    trapSiteHere(ir::TrapCode(mi.imm));
    put(Inst(Opcode::UDF, {imm(mi.imm)}));
    return;
  case Pseudo::TrapIf:
    condBranch(CondCode::unpack(mi.aux).cc, trapLabel(ir::TrapCode(mi.imm)));
    return;
  case Pseudo::TrapIfZero:
    compareBranch(false, mi.aux != 0, gpr(i, 0), trapLabel(ir::TrapCode(mi.imm)));
    return;
  case Pseudo::Call:
    put(Inst(Opcode::BL, {A::symbol(uint32_t(mi.imm))}));
    return;
  case Pseudo::CallReg:
    put(Inst(Opcode::BLR, {r(gpr(i, 0))}));
    return;
  case Pseudo::MovImm:
    materialize(gpr(i, 0), uint64_t(mi.imm), mi.aux != 0);
    return;
  case Pseudo::LoadLiteral:
    put(Inst(Opcode(mi.aux), {r(vreg(i, 0)), A::to(constantLabels_[mi.payload])}));
    return;
  case Pseudo::Macro:
    if (!emitFloatMacro(*this, i, MacroOp(mi.aux), mi.imm))
      assert(false && "every macro op has an expander");
    return;
  }
}

void Emitter::emitData() {
  // 8-byte alignment for the pool (the function itself is 16-aligned in .text).
  if (code_.constants.empty() && code_.jumpTables.empty())
    return;
  if (enc_.offset() % 8) {
    enc_.emitData(0);
    if (options_.emitAsm)
      asm_ += "  .p2align 3\n";
  }
  char line[64];
  for (size_t c = 0; c < code_.constants.size(); ++c) {
    bind(constantLabels_[c]);
    const uint64_t v = code_.constants[c];
    enc_.emitData(uint32_t(v));
    enc_.emitData(uint32_t(v >> 32));
    if (options_.emitAsm) {
      std::snprintf(line, sizeof line, "  .xword 0x%016llx\n", static_cast<unsigned long long>(v));
      asm_ += line;
    }
  }
  for (size_t t = 0; t < code_.jumpTables.size(); ++t) {
    bind(tableLabels_[t]);
    const uint32_t base = enc_.offset();
    for (codegen::BlockId b : code_.jumpTables[t]) {
      const uint32_t target = enc_.labelOffset(blockLabels_[b]);
      assert(target != ~0u && "every block is emitted before the jump tables");
      enc_.emitData(uint32_t(int32_t(target) - int32_t(base)));
      if (options_.emitAsm)
        asm_ += "  .word .L" + std::to_string(blockLabels_[b].id) + " - .L" + std::to_string(tableLabels_[t].id) +
                "\n";
    }
  }
}

bool Emitter::emitOnce(std::string &error, std::vector<OutOfRange> &outOfRange) {
  const codegen::MachFunction &mf = code_.mf;
  enc_ = Encoder();
  asm_.clear();
  traps_.clear();
  trapLabels_.clear();
  siteAt_.clear();
  nextSite_ = 0;
  blockLabels_.clear();

  // A block that is nothing but a jump (a split edge that needed no moves) is
  // not emitted: branches to it go straight to where it jumps.
  const unsigned n = mf.numBlocks();
  std::vector<codegen::BlockId> forward(n);
  for (codegen::BlockId b = 0; b < n; ++b) {
    forward[b] = b;
    const auto &items = ra_.code[b];
    if (b != 0 && items.size() == 1 && items[0].kind == codegen::RegAllocItem::Kind::Inst &&
        mf.inst(items[0].inst).opcode == uint32_t(Pseudo::Jmp))
      forward[b] = mf.targets(items[0].inst)[0].block;
  }
  // Resolve chains; a cycle of forwarders (an empty infinite loop) keeps one of
  // its blocks, which the others then jump to.
  std::vector<uint8_t> onPath(n, 0);
  std::vector<codegen::BlockId> path;
  for (codegen::BlockId b = 0; b < n; ++b) {
    codegen::BlockId t = b;
    path.clear();
    while (forward[t] != t && !onPath[t]) {
      onPath[t] = 1;
      path.push_back(t);
      t = forward[t];
    }
    if (onPath[t])
      forward[t] = t;
    for (codegen::BlockId p : path) {
      forward[p] = t;
      onPath[p] = 0;
    }
  }
  std::vector<Label> labels;
  for (unsigned b = 0; b < n; ++b)
    labels.push_back(enc_.newLabel());
  for (unsigned b = 0; b < n; ++b)
    blockLabels_.push_back(labels[forward[b]]);
  resolved_ = forward;
  constantLabels_.clear();
  for (size_t c = 0; c < code_.constants.size(); ++c)
    constantLabels_.push_back(enc_.newLabel());
  tableLabels_.clear();
  for (size_t t = 0; t < code_.jumpTables.size(); ++t)
    tableLabels_.push_back(enc_.newLabel());

  prologue();
  for (codegen::BlockId b = 0; b < n; ++b) {
    if (forward[b] != b)
      continue;
    nextBlock_ = kNoBlock;
    for (codegen::BlockId c = b + 1; c < n; ++c)
      if (forward[c] == c) {
        nextBlock_ = c;
        break;
      }
    bind(blockLabels_[b]);
    for (const codegen::RegAllocItem &item : ra_.code[b]) {
      if (item.kind == codegen::RegAllocItem::Kind::Move)
        emitMove(item.move);
      else
        emitInst(item.inst);
    }
  }
  // Out-of-line trap stubs, in trap-code order (std::map) so the output is
  // deterministic; the udf immediate is the trap code, for a reader of a dump.
  for (auto [code, label] : trapLabels_) {
    bind(label);
    trapSiteHere(code);
    put(Inst(Opcode::UDF, {imm(int64_t(code))}));
  }
  emitData();
  outOfRange.clear();
  return enc_.finalize(&error, &outOfRange);
}

bool Emitter::run(codegen::CompiledFunction &out, std::string &error) {
  std::vector<OutOfRange> outOfRange;
  for (unsigned attempt = 0;; ++attempt) {
    std::string why;
    const bool ok = emitOnce(why, outOfRange);
    if (!invalid_.empty()) {
      error = invalid_;
      return false;
    }
    if (ok)
      break;
    if (outOfRange.empty()) {
      error = why;
      return false;
    }
    // Relax every conditional branch that did not reach; anything else that is
    // out of range (ldr literal and adr to the data after the code) cannot be.
    bool progress = false;
    for (const OutOfRange &o : outOfRange) {
      auto it = siteAt_.find(o.fixup.offset);
      if (it == siteAt_.end()) {
        error = "function too large: a PC-relative access to its constant pool or jump table is " +
                std::to_string(o.displacement) + " bytes away (ldr literal and adr reach 1 MiB)";
        return false;
      }
      if (relaxed_.size() <= it->second)
        relaxed_.resize(it->second + 1, 0);
      relaxed_[it->second] = 1;
      progress = true;
    }
    if (!progress || attempt + 1 >= kMaxEmissions) {
      error = why;
      return false;
    }
  }

  out.code = enc_.bytes();
  for (const Fixup &f : enc_.relocations()) {
    assert(f.kind == Fixup::Kind::Call26 && "direct calls are the only symbol references");
    codegen::CodeFixup cf;
    cf.offset = f.offset;
    cf.addend = f.addend;
    cf.target = codegen::FixupTarget::Function;
    cf.index = f.target.id;
    cf.type = object::AArch64Reloc::CALL26;
    out.fixups.push_back(cf);
  }
  out.rodataAlign = 16;
  std::sort(traps_.begin(), traps_.end(),
            [](const codegen::TrapSite &a, const codegen::TrapSite &b) { return a.offset < b.offset; });
  out.traps = std::move(traps_);
  out.asmText = std::move(asm_);
  out.frameSize = frame_.frameSize;
  return true;
}

} // namespace wasmaot::isa::aarch64

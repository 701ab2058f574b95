// Emit: frame, blocks, forms, moves and pseudo instructions (contract in Emit.h).
#include "isa/x64/Emit.h"

#include "isa/x64/AsmPrinter.h"

#include <algorithm>
#include <cassert>

namespace wasmaot::isa::x64 {

using codegen::Allocation;
using codegen::InstId;

namespace {
constexpr uint32_t kNoBlock = ~0u;
object::RelocType pc32() { return object::X86_64Reloc::PC32; }
object::RelocType plt32() { return object::X86_64Reloc::PLT32; }
} // namespace

Emitter::Emitter(const X64Code &code, const codegen::RegAllocResult &ra, const codegen::FrameLayout &frame,
                 const codegen::CodegenOptions &options)
    : code_(code), ra_(ra), frame_(frame), options_(options) {}

void Emitter::put(const Inst &inst) {
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

uint8_t Emitter::reg(InstId i, unsigned k) const {
  Allocation a = ra_.alloc(code_.mf, i, k);
  assert(a.isReg() && "operand constrained to a register lives in a register");
  return uint8_t(a.preg() & 15); // PReg: GPRs 0..15, XMMs 16..31, in hardware order
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

void Emitter::condJump(CondCode c, Label target) {
  switch (c.parity) {
  case CondCode::Parity::None:
    put(Inst(Opcode::JCC32, c.cc, {Operand::to(target)}));
    return;
  case CondCode::Parity::AndNotParity: { // c and not PF
    Label skip = enc_.newLabel();
    put(Inst(Opcode::JCC32, Cond::P, {Operand::to(skip)}));
    put(Inst(Opcode::JCC32, c.cc, {Operand::to(target)}));
    bind(skip);
    return;
  }
  case CondCode::Parity::OrParity: // c or PF
    put(Inst(Opcode::JCC32, Cond::P, {Operand::to(target)}));
    put(Inst(Opcode::JCC32, c.cc, {Operand::to(target)}));
    return;
  }
}

Mem Emitter::constant(uint32_t index) const {
  return Mem::ripSymbol(kRodataSymbol | constantOffsets_[index], 0);
}

Mem Emitter::slotMem(uint32_t slot) const { return Mem::at(Gpr::Rsp, int32_t(frame_.slotOffsets[slot])); }

Mem Emitter::memOperand(InstId i, const MemRef &m) const {
  Mem mem;
  auto regOf = [&](uint8_t op) -> uint8_t {
    switch (op) {
    case MemRef::kNone: return Mem::kNoReg;
    case MemRef::kRsp: return encoding(Gpr::Rsp);
    case MemRef::kRbp: return encoding(Gpr::Rbp);
    default: return reg(i, op);
    }
  };
  if (m.base == MemRef::kRodata)
    return Mem::ripSymbol(kRodataSymbol | constantOffsets_[uint32_t(m.disp)], 0);
  mem.base = regOf(m.base);
  mem.index = regOf(m.index);
  mem.scale = m.scale;
  mem.disp = m.disp;
  mem.seg = m.gs ? Mem::kGs : Mem::kNoSeg;
  mem.addr32 = m.addr32;
  return mem;
}

void Emitter::emitForm(InstId i) {
  const codegen::MachInst &mi = code_.mf.inst(i);
  const Opcode op = Opcode(mi.opcode);
  const InstrDesc &d = desc(op);
  Inst inst(op, formCond(mi.aux), std::array<Operand, 3>{}); // operands filled in place: no second copy
  std::array<Operand, 3> &ops = inst.ops;
  bool trap = false;
  for (unsigned k = 0; k < d.numOperands; ++k) {
    OperandKind kind = d.operands[k];
    if (kind == OperandKind::CL) {
      ops[k] = Operand::cl();
    } else if (isReg(kind)) {
      ops[k].reg = reg(i, formOperand(mi.aux, k));
    } else if (isMem(kind)) {
      const MemRef &m = code_.mems[mi.payload];
      ops[k] = Operand::m(memOperand(i, m));
      trap = m.trap != 0;
      if (trap)
        trapSiteHere(ir::TrapCode(m.trap - 1));
    } else if (isImm(kind)) {
      ops[k] = Operand::i(mi.imm);
    }
  }
  put(inst);
}

void Emitter::emitMove(const codegen::Move &m) {
  const bool isFloat = m.cls == codegen::RegClass::Float;
  if (m.dst.isReg() && m.src.isReg()) {
    if (m.dst == m.src)
      return;
    uint8_t dst = uint8_t(m.dst.preg() & 15), src = uint8_t(m.src.preg() & 15);
    if (isFloat)
      put(Inst(Opcode::MOVAPSrr, {Operand::r(Xmm(dst)), Operand::r(Xmm(src))}));
    else
      put(Inst(Opcode::MOV64rr, {Operand::r(Gpr(dst)), Operand::r(Gpr(src))}));
  } else if (m.dst.isStack() && m.src.isReg()) {
    uint8_t src = uint8_t(m.src.preg() & 15);
    if (isFloat)
      put(Inst(Opcode::MOVUPSmr, {Operand::m(slotMem(m.dst.slot())), Operand::r(Xmm(src))}));
    else
      put(Inst(Opcode::MOV64mr, {Operand::m(slotMem(m.dst.slot())), Operand::r(Gpr(src))}));
  } else if (m.dst.isReg() && m.src.isStack()) {
    uint8_t dst = uint8_t(m.dst.preg() & 15);
    if (isFloat)
      put(Inst(Opcode::MOVUPSrm, {Operand::r(Xmm(dst)), Operand::m(slotMem(m.src.slot()))}));
    else
      put(Inst(Opcode::MOV64rm, {Operand::r(Gpr(dst)), Operand::m(slotMem(m.src.slot()))}));
  } else {
    assert(false && "the move resolver never emits memory-to-memory moves");
  }
}

void Emitter::prologue() {
  put(Inst(Opcode::PUSH64r, {Operand::r(Gpr::Rbp)}));
  put(Inst(Opcode::MOV64rr, {Operand::r(Gpr::Rbp), Operand::r(Gpr::Rsp)}));
  // Stack-limit check: the frame must fit above vmctx->stackLimit (rdi holds vmctx
  // until the Args pseudo). r11 is free: nothing is allocated yet.
  if (frame_.frameSize) {
    put(Inst(Opcode::LEA64, {Operand::r(Gpr::R11), Operand::m(Mem::at(Gpr::Rsp, -int32_t(frame_.frameSize)))}));
    put(Inst(Opcode::CMP64rm, {Operand::r(Gpr::R11), Operand::m(Mem::at(Gpr::Rdi, 0))}));
  } else {
    put(Inst(Opcode::CMP64rm, {Operand::r(Gpr::Rsp), Operand::m(Mem::at(Gpr::Rdi, 0))}));
  }
  put(Inst(Opcode::JCC32, Cond::B, {Operand::to(trapLabel(ir::TrapCode::StackExhausted))}));
  if (frame_.frameSize)
    put(Inst(frame_.frameSize <= 127 ? Opcode::SUB64ri8 : Opcode::SUB64ri,
             {Operand::r(Gpr::Rsp), Operand::i(frame_.frameSize)}));
  for (auto [r, off] : frame_.calleeSaves) {
    if (r < 16)
      put(Inst(Opcode::MOV64mr, {Operand::m(Mem::at(Gpr::Rsp, int32_t(off))), Operand::r(Gpr(r))}));
    else
      put(Inst(Opcode::MOVUPSmr, {Operand::m(Mem::at(Gpr::Rsp, int32_t(off))), Operand::r(Xmm(r - 16))}));
  }
}

void Emitter::epilogue() {
  for (auto [r, off] : frame_.calleeSaves) {
    if (r < 16)
      put(Inst(Opcode::MOV64rm, {Operand::r(Gpr(r)), Operand::m(Mem::at(Gpr::Rsp, int32_t(off)))}));
    else
      put(Inst(Opcode::MOVUPSrm, {Operand::r(Xmm(r - 16)), Operand::m(Mem::at(Gpr::Rsp, int32_t(off)))}));
  }
  if (frame_.frameSize)
    put(Inst(Opcode::MOV64rr, {Operand::r(Gpr::Rsp), Operand::r(Gpr::Rbp)}));
  put(Inst(Opcode::POP64r, {Operand::r(Gpr::Rbp)}));
  put(Inst(Opcode::RET));
}

void Emitter::emitInst(InstId i, codegen::BlockId block) {
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
    if (resolved(targets[0].block) != nextBlock_)
      put(Inst(Opcode::JMP32, {Operand::to(blockLabels_[targets[0].block])}));
    return;
  case Pseudo::Jcc: {
    CondCode c = CondCode::unpack(mi.aux);
    codegen::BlockId t = resolved(targets[0].block), f = resolved(targets[1].block);
    if (f == nextBlock_) {
      condJump(c, blockLabels_[t]);
    } else if (t == nextBlock_) {
      condJump(c.inverted(), blockLabels_[f]);
    } else {
      condJump(c, blockLabels_[t]);
      put(Inst(Opcode::JMP32, {Operand::to(blockLabels_[f])}));
    }
    return;
  }
  case Pseudo::JmpTable:
    put(Inst(Opcode::JMP64r, {Operand::r(gpr(i, 0))}));
    return;
  case Pseudo::JumpTableAddr: {
    // t = min(index, n) (unsigned), then t = table + table[t] (entries are offsets from the table).
    Gpr t = gpr(i, 0), index = gpr(i, 1);
    const auto &table = code_.jumpTables[size_t(mi.imm)];
    int64_t n = int64_t(table.size()) - 1;
    put(Inst(Opcode::MOV32ri, {Operand::r(t), Operand::i(n)}));
    put(Inst(n <= 127 ? Opcode::CMP32ri8 : Opcode::CMP32ri, {Operand::r(index), Operand::i(n)}));
    put(Inst(Opcode::CMOVCC32rr, Cond::B, {Operand::r(t), Operand::r(index)}));
    put(Inst(Opcode::LEA64,
             {Operand::r(Gpr::R11), Operand::m(Mem::ripSymbol(kRodataSymbol | tableOffsets_[size_t(mi.imm)], 0))}));
    put(Inst(Opcode::MOVSXD64rm, {Operand::r(t), Operand::m(Mem::indexed(Gpr::R11, t, 4, 0))}));
    put(Inst(Opcode::ADD64rr, {Operand::r(t), Operand::r(Gpr::R11)}));
    return;
  }
  case Pseudo::Trap:
    trapSiteHere(ir::TrapCode(mi.imm));
    put(Inst(Opcode::UD2));
    return;
  case Pseudo::TrapIf:
    condJump(CondCode::unpack(mi.aux), trapLabel(ir::TrapCode(mi.imm)));
    return;
  case Pseudo::Call:
    put(Inst(Opcode::CALL32, {Operand::symbol(uint32_t(mi.imm))}));
    return;
  case Pseudo::CallReg:
    put(Inst(Opcode::CALL64r, {Operand::r(gpr(i, 0))}));
    return;
  case Pseudo::LoadRodata: {
    Opcode op = mi.aux == 0 ? Opcode::MOVSSrm : mi.aux == 1 ? Opcode::MOVSDrm : Opcode::MOVUPSrm;
    put(Inst(op, {Operand::r(xmm(i, 0)), Operand::m(constant(mi.payload))}));
    return;
  }
  case Pseudo::LeaRodata:
    put(Inst(Opcode::LEA64, {Operand::r(gpr(i, 0)), Operand::m(constant(mi.payload))}));
    return;
  case Pseudo::Macro:
    if (!emitIntMacro(*this, i, MacroOp(mi.aux), mi.imm) && !emitFloatMacro(*this, i, MacroOp(mi.aux), mi.imm))
      assert(false && "every macro op has an expander");
    return;
  }
  (void)block;
}

bool Emitter::run(codegen::CompiledFunction &out, std::string &error) {
  const codegen::MachFunction &mf = code_.mf;
  // Read-only data: constants (16-aligned), then jump tables (4-aligned entries).
  std::vector<uint8_t> rodata;
  for (const auto &c : code_.constants) {
    rodata.resize((rodata.size() + 15) & ~size_t(15), 0);
    constantOffsets_.push_back(uint32_t(rodata.size()));
    rodata.insert(rodata.end(), c.begin(), c.end());
  }
  for (const auto &t : code_.jumpTables) {
    rodata.resize((rodata.size() + 3) & ~size_t(3), 0);
    tableOffsets_.push_back(uint32_t(rodata.size()));
    rodata.resize(rodata.size() + 4 * t.size(), 0);
  }

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
        emitInst(item.inst, b);
    }
  }
  // Out-of-line trap stubs, in trap-code order (std::map) so the output is deterministic.
  for (auto [code, label] : trapLabels_) {
    bind(label);
    trapSiteHere(code);
    put(Inst(Opcode::UD2));
  }
  if (!enc_.finalize(&error))
    return false;

  out.code = enc_.bytes();
  for (const Fixup &f : enc_.relocations()) {
    codegen::CodeFixup cf;
    cf.offset = f.offset;
    cf.addend = int64_t(f.addend) - int64_t(f.pcBias);
    if (f.target.id & kRodataSymbol) {
      cf.target = codegen::FixupTarget::OwnRodata;
      cf.index = f.target.id & ~kRodataSymbol;
      cf.type = pc32();
    } else {
      cf.target = codegen::FixupTarget::Function;
      cf.index = f.target.id;
      cf.type = plt32();
    }
    out.fixups.push_back(cf);
  }
  for (size_t t = 0; t < code_.jumpTables.size(); ++t)
    for (size_t e = 0; e < code_.jumpTables[t].size(); ++e) {
      codegen::CodeFixup cf;
      cf.offset = tableOffsets_[t] + uint32_t(4 * e);
      cf.inRodata = true;
      cf.target = codegen::FixupTarget::OwnCode;
      cf.index = enc_.labelOffset(blockLabels_[code_.jumpTables[t][e]]);
      cf.addend = int64_t(4 * e);
      cf.type = pc32();
      out.fixups.push_back(cf);
    }
  out.rodata = std::move(rodata);
  out.rodataAlign = 16;
  std::sort(traps_.begin(), traps_.end(),
            [](const codegen::TrapSite &a, const codegen::TrapSite &b) { return a.offset < b.offset; });
  out.traps = std::move(traps_);
  out.asmText = std::move(asm_);
  out.frameSize = frame_.frameSize;
  return true;
}

} // namespace wasmaot::isa::x64

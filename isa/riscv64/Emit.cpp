// Emit: frame, blocks, forms, moves, pseudo instructions, trap stubs, the
// in-code read-only data and branch relaxation (contract in Emit.h).
#include "isa/riscv64/Emit.h"

#include "isa/riscv64/AsmPrinter.h"
#include "isa/riscv64/Immediates.h"
#include "isa/riscv64/RV64Lowering.h"

#include <algorithm>
#include <cassert>
#include <cstdio>

namespace wasmaot::isa::riscv64 {

using codegen::Allocation;
using codegen::InstId;
using R = ::wasmaot::isa::riscv64::Operand;

namespace {
constexpr uint32_t kNoBlock = ~0u;
constexpr unsigned kMaxEmissions = 8;

R r(Gpr g) { return R::r(g); }
R r(Fpr f) { return R::r(f); }
R imm(int64_t v) { return R::i(v); }
} // namespace

Emitter::Emitter(const RV64Code &code, const codegen::RegAllocResult &ra, const codegen::FrameLayout &frame,
                 const codegen::CodegenOptions &options)
    : code_(code), ra_(ra), frame_(frame), options_(options) {
  features_.zba = options.hasFeature("zba");
  features_.zbb = options.hasFeature("zbb");
}

void Emitter::put(const Inst &inst) {
  // The encoder asserts that every Inst fits its form; Release builds drop the
  // assert, so verifyMachineCode (tests, fuzzing) checks each one here, and
  // that the form is one the target's features allow.
  if (options_.verifyMachineCode && invalid_.empty()) {
    if (std::string why = Encoder::check(inst); !why.empty())
      invalid_ = "invalid instruction at offset " + std::to_string(enc_.offset()) + ": " + why;
    else if (!isAvailable(inst.op, features_))
      invalid_ = "instruction " + std::string(desc(inst.op).mnemonic) + " needs " +
                 std::string(extName(desc(inst.op).ext)) + ", which the target does not have";
  }
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
  assert(a.isReg() && a.preg() < 32 && "operand constrained to a register lives in an integer register");
  return Gpr(a.preg());
}

Fpr Emitter::fpr(InstId i, unsigned k) const {
  Allocation a = ra_.alloc(code_.mf, i, k);
  assert(a.isReg() && a.preg() >= 32 && "operand constrained to a register lives in an FP register");
  return Fpr(a.preg() - 32);
}

void Emitter::condRegs(InstId i, unsigned first, Gpr &a, Gpr &b) const {
  const uint32_t aux = code_.mf.inst(i).aux;
  unsigned k = first;
  a = CondCode::hasA(aux) ? gpr(i, k++) : Gpr::Zero;
  b = CondCode::hasB(aux) ? gpr(i, k++) : Gpr::Zero;
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

void Emitter::condBranch(BrCond c, Gpr a, Gpr b, Label target) {
  const uint32_t site = nextSite_++;
  const uint8_t level = site < relaxed_.size() ? relaxed_[site] : 0;
  if (level == 0) {
    siteAt_[enc_.offset()] = site;
    put(Inst(branchForm(c), {r(a), r(b), R::to(target)}));
    return;
  }
  Label skip = newLabel();
  put(Inst(branchForm(invert(c)), {r(a), r(b), R::to(skip)}));
  if (level == 1) {
    siteAt_[enc_.offset()] = site;
    put(Inst(Opcode::JAL, {r(Gpr::Zero), R::to(target)}));
  } else {
    put(Inst(Opcode::AUIPC, {r(kScratch2), R::call(target)}));
    put(Inst(Opcode::JALR, {r(Gpr::Zero), R::m(Mem::at(kScratch2, 0))}));
  }
  bind(skip);
}

void Emitter::jump(Label target) {
  const uint32_t site = nextSite_++;
  if (site < relaxed_.size() && relaxed_[site]) {
    put(Inst(Opcode::AUIPC, {r(kScratch2), R::call(target)}));
    put(Inst(Opcode::JALR, {r(Gpr::Zero), R::m(Mem::at(kScratch2, 0))}));
    return;
  }
  siteAt_[enc_.offset()] = site;
  put(Inst(Opcode::JAL, {r(Gpr::Zero), R::to(target)}));
}

void Emitter::materialize(Gpr rd, int64_t value) {
  for (const Inst &inst : riscv64::materialize(rd, value, features_))
    put(inst);
}

void Emitter::loadAddress(Gpr rd, Label target) {
  Label at = newLabel();
  bind(at);
  put(Inst(Opcode::AUIPC, {r(rd), R::pcrelHi(target)}));
  put(Inst(Opcode::ADDI, {r(rd), r(rd), R::pcrelLo(at)}));
}

Mem Emitter::spSlot(uint32_t offset) {
  if (isSimm12(offset))
    return Mem::at(Gpr::Sp, int32_t(offset));
  // t1 = sp + offset (t1 is never allocated and the move resolver does not use it).
  materialize(kScratch2, offset);
  put(Inst(Opcode::ADD, {r(kScratch2), r(Gpr::Sp), r(kScratch2)}));
  return Mem::at(kScratch2, 0);
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
    const uint32_t s = formSlot(mi.aux, k);
    if (s == kKeep)
      continue;
    const OperandKind kind = d.operands[k];
    if (kind == OperandKind::X || kind == OperandKind::F)
      inst.ops[k].reg = regOf(s);
    else if (kind == OperandKind::Mem)
      inst.ops[k].mem.base = Gpr(regOf(s));
  }
  if (fd.trap)
    trapSiteHere(ir::TrapCode(fd.trap - 1));
  put(inst);
}

void Emitter::emitMove(const codegen::Move &m) {
  const bool isFloat = m.cls == codegen::RegClass::Float;
  auto gprOf = [](Allocation a) { return Gpr(a.preg()); };
  auto fprOf = [](Allocation a) { return Fpr(a.preg() - 32); };
  if (m.dst.isReg() && m.src.isReg()) {
    if (m.dst == m.src)
      return;
    if (isFloat)
      put(Inst(Opcode::FMV_D, {r(fprOf(m.dst)), r(fprOf(m.src))}));
    else
      put(Inst(Opcode::MV, {r(gprOf(m.dst)), r(gprOf(m.src))}));
  } else if (m.dst.isStack() && m.src.isReg()) {
    Mem at = spSlot(frame_.slotOffsets[m.dst.slot()]);
    if (isFloat)
      put(Inst(Opcode::FSD, {r(fprOf(m.src)), R::m(at)}));
    else
      put(Inst(Opcode::SD, {r(gprOf(m.src)), R::m(at)}));
  } else if (m.dst.isReg() && m.src.isStack()) {
    Mem at = spSlot(frame_.slotOffsets[m.src.slot()]);
    if (isFloat)
      put(Inst(Opcode::FLD, {r(fprOf(m.dst)), R::m(at)}));
    else
      put(Inst(Opcode::LD, {r(gprOf(m.dst)), R::m(at)}));
  } else {
    assert(false && "the move resolver never emits memory-to-memory moves");
  }
}

void Emitter::saveOrRestore(bool save) {
  for (auto [reg, off] : frame_.calleeSaves) {
    Mem at = spSlot(off);
    if (reg >= 32)
      put(Inst(save ? Opcode::FSD : Opcode::FLD, {r(Fpr(reg - 32)), R::m(at)}));
    else
      put(Inst(save ? Opcode::SD : Opcode::LD, {r(Gpr(reg)), R::m(at)}));
  }
}

void Emitter::prologue() {
  // Frame record: s0 at [sp], ra at [sp + 8]; s0 points at it (FrameLayout).
  put(Inst(Opcode::ADDI, {r(Gpr::Sp), r(Gpr::Sp), imm(-16)}));
  put(Inst(Opcode::SD, {r(lp64d::kRa), R::m(Mem::at(Gpr::Sp, 8))}));
  put(Inst(Opcode::SD, {r(lp64d::kFp), R::m(Mem::at(Gpr::Sp, 0))}));
  put(Inst(Opcode::MV, {r(lp64d::kFp), r(Gpr::Sp)}));
  // Stack-limit check: sp - frame must stay at or above vmctx->stackLimit (a0
  // holds vmctx until the Args pseudo; t0/t1 are free: nothing is allocated yet).
  const uint32_t frame = frame_.frameSize;
  put(Inst(Opcode::LD, {r(kScratch), R::m(Mem::at(Gpr::A0, 0))}));
  if (frame) {
    if (isSimm12(-int64_t(frame))) {
      put(Inst(Opcode::ADDI, {r(kScratch2), r(Gpr::Sp), imm(-int64_t(frame))}));
    } else {
      materialize(kScratch2, frame);
      put(Inst(Opcode::SUB, {r(kScratch2), r(Gpr::Sp), r(kScratch2)}));
    }
    condBranch(BrCond::Ltu, kScratch2, kScratch, trapLabel(ir::TrapCode::StackExhausted));
    if (isSimm12(-int64_t(frame))) {
      put(Inst(Opcode::ADDI, {r(Gpr::Sp), r(Gpr::Sp), imm(-int64_t(frame))}));
    } else {
      materialize(kScratch, frame);
      put(Inst(Opcode::SUB, {r(Gpr::Sp), r(Gpr::Sp), r(kScratch)}));
    }
  } else {
    condBranch(BrCond::Ltu, Gpr::Sp, kScratch, trapLabel(ir::TrapCode::StackExhausted));
  }
  saveOrRestore(true);
}

void Emitter::epilogue() {
  saveOrRestore(false);
  if (frame_.frameSize)
    put(Inst(Opcode::MV, {r(Gpr::Sp), r(lp64d::kFp)}));
  put(Inst(Opcode::LD, {r(lp64d::kRa), R::m(Mem::at(Gpr::Sp, 8))}));
  put(Inst(Opcode::LD, {r(lp64d::kFp), R::m(Mem::at(Gpr::Sp, 0))}));
  put(Inst(Opcode::ADDI, {r(Gpr::Sp), r(Gpr::Sp), imm(16)}));
  put(Inst(Opcode::RET, {}));
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
      jump(blockLabels_[targets[0].block]);
    return;
  case Pseudo::Br: {
    const BrCond c = CondCode::unpackCond(mi.aux);
    Gpr a, b;
    condRegs(i, 0, a, b);
    codegen::BlockId t = resolved_[targets[0].block], f = resolved_[targets[1].block];
    if (f == nextBlock_) {
      condBranch(c, a, b, blockLabels_[t]);
    } else if (t == nextBlock_) {
      condBranch(invert(c), a, b, blockLabels_[f]);
    } else {
      condBranch(c, a, b, blockLabels_[t]);
      jump(blockLabels_[f]);
    }
    return;
  }
  case Pseudo::JmpTable:
    put(Inst(Opcode::JR, {r(gpr(i, 0))}));
    return;
  case Pseudo::JumpTableAddr:
    emitJumpTableAddr(*this, i);
    return;
  case Pseudo::Trap:
    trapSiteHere(ir::TrapCode(mi.imm));
    put(Inst(Opcode::UNIMP, {}));
    return;
  case Pseudo::TrapIf: {
    Gpr a, b;
    condRegs(i, 0, a, b);
    condBranch(CondCode::unpackCond(mi.aux), a, b, trapLabel(ir::TrapCode(mi.imm)));
    return;
  }
  case Pseudo::Call:
    // auipc ra, %call(f); jalr ra, 0(ra): R_RISCV_CALL_PLT, resolved by resolveLocal.
    put(Inst(Opcode::AUIPC, {r(lp64d::kRa), R::callSymbol(uint32_t(mi.imm))}));
    put(Inst(Opcode::JALR, {r(lp64d::kRa), R::m(Mem::at(lp64d::kRa, 0))}));
    return;
  case Pseudo::CallReg:
    put(Inst(Opcode::JALR, {r(lp64d::kRa), R::m(Mem::at(gpr(i, 0), 0))}));
    return;
  case Pseudo::MovImm:
    materialize(gpr(i, 0), mi.imm);
    return;
  case Pseudo::LoadConst:
    emitLoadConst(*this, i);
    return;
  case Pseudo::Select:
    emitSelect(*this, i);
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
      std::snprintf(line, sizeof line, "  .quad 0x%016llx\n", static_cast<unsigned long long>(v));
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
  // deterministic; each is a trap site.
  for (auto [code, label] : trapLabels_) {
    bind(label);
    trapSiteHere(code);
    put(Inst(Opcode::UNIMP, {}));
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
    // Raise the level of every branch or jump that did not reach.
    for (const OutOfRange &o : outOfRange) {
      auto it = siteAt_.find(o.fixup.offset);
      if (it == siteAt_.end()) {
        error = "internal error: a PC-relative field " + std::to_string(o.displacement) +
                " bytes from its target is not a relaxable branch";
        return false;
      }
      if (relaxed_.size() <= it->second)
        relaxed_.resize(it->second + 1, 0);
      relaxed_[it->second] = uint8_t(std::min(relaxed_[it->second] + 1, 2));
    }
    if (attempt + 1 >= kMaxEmissions) {
      error = why;
      return false;
    }
  }

  out.code = enc_.bytes();
  for (const Fixup &f : enc_.relocations()) {
    assert(f.kind == Fixup::Kind::Call && "direct calls are the only symbol references");
    codegen::CodeFixup cf;
    cf.offset = f.offset;
    cf.addend = f.addend;
    cf.target = codegen::FixupTarget::Function;
    cf.index = f.target.id;
    cf.type = object::RiscV64Reloc::CALL_PLT;
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

} // namespace wasmaot::isa::riscv64

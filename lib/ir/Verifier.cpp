// Verifier: structure (one terminator per block, at the end), types of every
// operand and result, branch arguments against block parameters, SSA dominance,
// and index ranges against the module's declarations.
#include "ir/Verifier.h"

#include "ir/Dominators.h"
#include "ir/Printer.h"

#include <vector>

namespace wasmaot::ir {

namespace {

constexpr size_t kMaxErrorsPerFunction = 50;

std::string quoteName(const std::string &n) {
  std::string s = "@";
  for (char c : n) s += (static_cast<unsigned char>(c) < 0x20 ? '?' : c);
  return s;
}

class FunctionVerifier {
public:
  FunctionVerifier(const Module &m, const Function &f, std::vector<std::string> &errors)
      : m_(m), f_(f), errors_(errors), startErrors_(errors.size()) {}

  void run() {
    // Flat tables (no per-block or per-instruction hashing): a block's layout
    // index by its id, an instruction's position by its first result's id.
    layoutIndex_.assign(f_.blockIdBound(), kNone);
    layoutBlock_.assign(f_.blockIdBound(), nullptr);
    resultPos_.assign(f_.numValues(), kNone);
    resultInst_.assign(f_.numValues(), nullptr);
    for (size_t i = 0; i < f_.blocks().size(); ++i) {
      const BasicBlock *b = f_.blocks()[i];
      if (b->id >= layoutIndex_.size()) {
        layoutIndex_.resize(b->id + 1, kNone);
        layoutBlock_.resize(b->id + 1, nullptr);
      }
      layoutIndex_[b->id] = static_cast<uint32_t>(i);
      layoutBlock_[b->id] = b;
      uint32_t pos = 0;
      for (Inst *inst : *b) {
        if (inst->numResults > 0 && inst->firstResult.id < resultPos_.size()) {
          resultPos_[inst->firstResult.id] = pos;
          resultInst_[inst->firstResult.id] = inst;
        }
        ++pos;
      }
    }
    if (f_.isDeclaration()) return;
    checkEntry();
    DominatorTree dom(f_);
    dom_ = &dom;
    for (BasicBlock *b : f_.blocks()) {
      block_ = b;
      checkBlock(b);
      if (tooMany()) return;
    }
  }

private:
  static constexpr uint32_t kNone = ~uint32_t(0);
  /// The block's index in the layout, or kNone if it is not one of this function's blocks.
  uint32_t layoutIndexOf(const BasicBlock *b) const {
    return b->id < layoutBlock_.size() && layoutBlock_[b->id] == b ? layoutIndex_[b->id] : kNone;
  }
  /// The position of an instruction with results in its block, or kNone.
  uint32_t positionOf(const Inst *i) const {
    uint32_t r = i->numResults > 0 ? i->firstResult.id : kNone;
    return r < resultInst_.size() && resultInst_[r] == i ? resultPos_[r] : kNone;
  }

  bool tooMany() const { return errors_.size() - startErrors_ >= kMaxErrorsPerFunction; }

  std::string where() const {
    std::string s = "function " + quoteName(f_.name()) + ": ";
    if (block_) s += "block" + std::to_string(layoutIndexOf(block_)) + ": ";
    if (inst_) s += "`" + printInst(f_, inst_) + "`: ";
    return s;
  }
  void error(const std::string &msg) {
    if (!tooMany()) errors_.push_back(where() + msg);
  }

  void checkEntry() {
    BasicBlock *e = f_.entry();
    const auto &params = f_.signature().params;
    if (e->numParams != params.size()) {
      block_ = e;
      error("entry block has " + std::to_string(e->numParams) + " parameters, the signature " +
            std::to_string(params.size()));
      block_ = nullptr;
      return;
    }
    for (uint32_t i = 0; i < params.size(); ++i)
      if (f_.typeOf(e->params[i]) != params[i]) {
        block_ = e;
        error("entry block parameter " + std::to_string(i) + " is " + typeName(f_.typeOf(e->params[i])) +
              ", the signature says " + typeName(params[i]));
        block_ = nullptr;
      }
  }

  void checkBlock(BasicBlock *b) {
    inst_ = nullptr;
    if (!b->last) {
      error("block is empty (it needs a terminator)");
      return;
    }
    instPos_ = 0;
    for (Inst *i : *b) {
      inst_ = i;
      if (i->isTerminator() && i != b->last) error("terminator in the middle of a block");
      if (i == b->last && !i->isTerminator()) error("block does not end in a terminator");
      if (i->block != b) error("instruction's block link is wrong");
      checkInst(i);
      if (tooMany()) return;
      ++instPos_;
    }
    inst_ = nullptr;
  }

  // --- operands
  /// Checks that `v` is a live value of this function that dominates the current
  /// instruction. `name()` gives the operand's name, made only for an error message.
  template <typename Name> bool checkValueNamed(Value v, const Name &name) {
    if (!f_.isValid(v)) {
      error(name() + " is not a value of this function");
      return false;
    }
    const ValueData &d = f_.valueData(v);
    const BasicBlock *defBlock = nullptr;
    switch (d.def) {
    case ValueDef::Param: defBlock = d.block; break;
    case ValueDef::Result: defBlock = d.inst ? d.inst->block : nullptr; break;
    case ValueDef::Placeholder: error(name() + " is an undefined value"); return false;
    case ValueDef::Removed: error(name() + " is a removed value"); return false;
    }
    if (!defBlock || !defBlock->inLayout || layoutIndexOf(defBlock) == kNone) {
      error(name() + " is defined outside the function's blocks");
      return false;
    }
    if (defBlock == block_) {
      if (d.def == ValueDef::Result && (positionOf(d.inst) == kNone || positionOf(d.inst) >= instPos_)) {
        error(name() + " is used before its definition");
        return false;
      }
      return true;
    }
    if (!dom_->isReachable(block_)) return true; // dominance is vacuous in unreachable code
    if (!dom_->dominates(defBlock, block_)) {
      error(name() + " is not defined in a block that dominates this use (block" +
            std::to_string(layoutIndexOf(defBlock)) + ")");
      return false;
    }
    return true;
  }

  static std::string operandName(unsigned k) { return "operand " + std::to_string(k); }
  void operandType(unsigned k, Type expected) {
    if (k >= inst_->numOperands) return;
    if (!checkValueNamed(inst_->operands[k], [k] { return operandName(k); })) return;
    Type t = f_.typeOf(inst_->operands[k]);
    if (t != expected) error(operandName(k) + " is " + typeName(t) + ", expected " + typeName(expected));
  }
  /// Type of operand k (after checking it is a usable value); nullopt if not.
  std::optional<Type> operand(unsigned k) {
    if (k >= inst_->numOperands) return std::nullopt;
    if (!checkValueNamed(inst_->operands[k], [k] { return operandName(k); })) return std::nullopt;
    return f_.typeOf(inst_->operands[k]);
  }

  bool operandCount(uint32_t n) {
    if (inst_->numOperands == n) return true;
    error("has " + std::to_string(inst_->numOperands) + " operands, expected " + std::to_string(n));
    return false;
  }
  void results(std::span<const Type> types) {
    if (inst_->numResults != types.size()) {
      error("has " + std::to_string(inst_->numResults) + " results, expected " + std::to_string(types.size()));
      return;
    }
    for (uint32_t r = 0; r < types.size(); ++r) {
      Type t = f_.typeOf(inst_->result(r));
      if (t != types[r])
        error("result " + std::to_string(r) + " is " + typeName(t) + ", expected " + typeName(types[r]));
    }
  }
  void result(Type t) { results(std::span<const Type>(&t, 1)); }
  void noResults() { results({}); }

  void typeIs(bool ok, const char *what) {
    if (!ok) error(std::string("type ") + typeName(inst_->type) + " is not " + what);
  }

  // --- indices
  const MemoryDecl *memory(uint32_t i) {
    if (i < m_.memories.size()) return &m_.memories[i];
    error("memory mem" + std::to_string(i) + " is not declared");
    return nullptr;
  }
  const TableDecl *table(uint32_t i) {
    if (i < m_.tables.size()) return &m_.tables[i];
    error("table table" + std::to_string(i) + " is not declared");
    return nullptr;
  }
  const Signature *signature(uint32_t i) {
    if (i < m_.signatures.size()) return &m_.signatures[i];
    error("signature sig" + std::to_string(i) + " is not declared");
    return nullptr;
  }
  const Function *function(uint32_t i) {
    if (i < m_.functions.size()) return m_.functions[i].get();
    error("function fn" + std::to_string(i) + " is not declared");
    return nullptr;
  }
  void dataSegment(uint32_t i) {
    if (i >= m_.numDataSegments) error("data segment data" + std::to_string(i) + " is not declared");
  }
  void elemSegment(uint32_t i) {
    if (i >= m_.numElemSegments) error("elem segment elem" + std::to_string(i) + " is not declared");
  }

  void trapCodeOk() {
    if (inst_->aux >= kNumTrapCodes) error("invalid trap code " + std::to_string(inst_->aux));
  }

  void memArg(const MemoryDecl *mem, bool isStore) {
    Type t = inst_->type;
    if (t == Type::Ref) error("memory accesses cannot load or store ref");
    unsigned bytes = typeBytes(t);
    if (inst_->access != MemAccess::Natural) {
      unsigned narrow = memAccessBytes(inst_->access);
      if (!isInt(t) || narrow >= bytes) error("narrow access must be narrower than an integer type");
      bool signedAccess =
          inst_->access == MemAccess::S8 || inst_->access == MemAccess::S16 || inst_->access == MemAccess::S32;
      if (isStore && signedAccess) error("a store's narrow access has no signedness (use 8, 16 or 32)");
      bytes = narrow;
    }
    if (inst_->alignLog2 >= 64 || (uint64_t(1) << inst_->alignLog2) > bytes)
      error("alignment is larger than the access size");
    if (inst_->bounds == BoundsCheck::None && inst_->proof == BoundsProof::Unproven)
      error("bounds=none needs a recorded proof, e.g. bounds=none(constant_address)");
    if (mem) operandType(0, mem->indexType);
  }

  void args(std::span<const Type> params, uint32_t first) {
    if (inst_->numOperands != first + params.size()) {
      error("passes " + std::to_string(inst_->numOperands - first) + " arguments, the callee takes " +
            std::to_string(params.size()));
      return;
    }
    for (uint32_t k = 0; k < params.size(); ++k) operandType(first + k, params[k]);
  }

  void branchTarget(const BlockCall &c, const char *what) {
    if (!c.block) {
      error(std::string(what) + " has no block");
      return;
    }
    const uint32_t index = layoutIndexOf(c.block);
    if (index == kNone || !c.block->inLayout) {
      error(std::string(what) + " names a block that is not in the function");
      return;
    }
    auto name = [index] { return "block" + std::to_string(index); };
    if (c.block == f_.entry()) error(std::string(what) + " branches to the entry block");
    if (c.numArgs != c.block->numParams) {
      error(std::string(what) + " passes " + std::to_string(c.numArgs) + " arguments to " + name() + ", which has " +
            std::to_string(c.block->numParams) + " parameters");
      return;
    }
    for (uint32_t k = 0; k < c.numArgs; ++k) {
      auto a = [what, k] { return std::string(what) + " argument " + std::to_string(k); };
      if (!checkValueNamed(c.args[k], a)) continue;
      Type t = f_.typeOf(c.args[k]), p = f_.typeOf(c.block->params[k]);
      if (t != p) error(a() + " is " + typeName(t) + ", " + name() + " expects " + typeName(p));
    }
  }

  void targetCount(uint32_t n) {
    if (inst_->numTargets != n)
      error("has " + std::to_string(inst_->numTargets) + " targets, expected " + std::to_string(n));
  }

  static Type lenType(Type a, Type b) { return a == Type::I64 && b == Type::I64 ? Type::I64 : Type::I32; }

  void checkInst(Inst *i) {
    const Type t = i->type;
    if (!isTerminator(i->op) && i->numTargets) error("only terminators have branch targets");
    switch (i->op) {
    case Opcode::Iconst:
      typeIs(isInt(t), "an integer type");
      operandCount(0);
      result(t);
      if (isInt(t) && (i->imm[0] & ~intMask(t))) error("constant does not fit its type");
      return;
    case Opcode::Fconst:
      typeIs(isFloat(t), "a float type");
      operandCount(0);
      result(t);
      if (t == Type::F32 && i->imm[0] > 0xffffffffu) error("bit pattern does not fit f32");
      return;
    case Opcode::V128const:
      typeIs(t == Type::V128, "v128");
      operandCount(0);
      result(Type::V128);
      return;
    case Opcode::Iadd:
    case Opcode::Isub:
    case Opcode::Imul:
    case Opcode::Sdiv:
    case Opcode::Udiv:
    case Opcode::Srem:
    case Opcode::Urem:
    case Opcode::Band:
    case Opcode::Bor:
    case Opcode::Bxor:
    case Opcode::Ishl:
    case Opcode::Sshr:
    case Opcode::Ushr:
    case Opcode::Rotl:
    case Opcode::Rotr:
      typeIs(isInt(t), "an integer type");
      if (operandCount(2)) operandType(0, t), operandType(1, t);
      result(t);
      return;
    case Opcode::Clz:
    case Opcode::Ctz:
    case Opcode::Popcnt:
      typeIs(isInt(t), "an integer type");
      if (operandCount(1)) operandType(0, t);
      result(t);
      return;
    case Opcode::Icmp:
      typeIs(isInt(t), "an integer type");
      if (i->aux >= kNumIntCC) error("invalid condition");
      if (operandCount(2)) operandType(0, t), operandType(1, t);
      result(Type::I32);
      return;
    case Opcode::Select:
      if (operandCount(3)) operandType(0, Type::I32), operandType(1, t), operandType(2, t);
      result(t);
      return;
    case Opcode::Fadd:
    case Opcode::Fsub:
    case Opcode::Fmul:
    case Opcode::Fdiv:
    case Opcode::Fmin:
    case Opcode::Fmax:
    case Opcode::Fcopysign:
      typeIs(isFloat(t), "a float type");
      if (operandCount(2)) operandType(0, t), operandType(1, t);
      result(t);
      return;
    case Opcode::Fabs:
    case Opcode::Fneg:
    case Opcode::Fsqrt:
    case Opcode::Fceil:
    case Opcode::Ffloor:
    case Opcode::Ftrunc:
    case Opcode::Fnearest:
      typeIs(isFloat(t), "a float type");
      if (operandCount(1)) operandType(0, t);
      result(t);
      return;
    case Opcode::Fcmp:
      typeIs(isFloat(t), "a float type");
      if (i->aux >= kNumFloatCC) error("invalid condition");
      if (operandCount(2)) operandType(0, t), operandType(1, t);
      result(Type::I32);
      return;
    case Opcode::Sext:
    case Opcode::Zext:
    case Opcode::Ireduce: {
      typeIs(isInt(t), "an integer type");
      result(t);
      if (!operandCount(1)) return;
      std::optional<Type> a = operand(0);
      if (!a) return;
      bool widen = i->op != Opcode::Ireduce;
      if (!isInt(*a) || (widen ? typeBits(*a) >= typeBits(t) : typeBits(*a) <= typeBits(t)))
        error(std::string("operand is ") + typeName(*a) + ", expected an integer type " +
              (widen ? "narrower" : "wider") + " than " + typeName(t));
      return;
    }
    case Opcode::SextLow:
      typeIs(isInt(t), "an integer type");
      if (operandCount(1)) operandType(0, t);
      result(t);
      if ((i->imm[0] != 8 && i->imm[0] != 16 && i->imm[0] != 32) || (isInt(t) && i->imm[0] >= typeBits(t)))
        error("sign-extends " + std::to_string(i->imm[0]) + " bits: expected 8, 16 or 32, less than the type width");
      return;
    case Opcode::FcvtToSint:
    case Opcode::FcvtToUint:
    case Opcode::FcvtToSintSat:
    case Opcode::FcvtToUintSat: {
      typeIs(t == Type::I32 || t == Type::I64, "i32 or i64");
      result(t);
      if (!operandCount(1)) return;
      std::optional<Type> a = operand(0);
      if (a && !isFloat(*a)) error(std::string("operand is ") + typeName(*a) + ", expected f32 or f64");
      return;
    }
    case Opcode::FcvtFromSint:
    case Opcode::FcvtFromUint: {
      typeIs(isFloat(t), "a float type");
      result(t);
      if (!operandCount(1)) return;
      std::optional<Type> a = operand(0);
      if (a && *a != Type::I32 && *a != Type::I64)
        error(std::string("operand is ") + typeName(*a) + ", expected i32 or i64");
      return;
    }
    case Opcode::Fpromote:
      typeIs(t == Type::F64, "f64");
      if (operandCount(1)) operandType(0, Type::F32);
      result(t);
      return;
    case Opcode::Fdemote:
      typeIs(t == Type::F32, "f32");
      if (operandCount(1)) operandType(0, Type::F64);
      result(t);
      return;
    case Opcode::Bitcast: {
      result(t);
      typeIs(t != Type::Ref, "a bit-castable type");
      if (!operandCount(1)) return;
      std::optional<Type> a = operand(0);
      if (a && (*a == Type::Ref || *a == t || typeBits(*a) != typeBits(t)))
        error(std::string("cannot bitcast ") + typeName(*a) + " to " + typeName(t) +
              " (needs a different type of the same width)");
      return;
    }
    case Opcode::Trapz:
    case Opcode::Trapnz: {
      trapCodeOk();
      noResults();
      if (!operandCount(1)) return;
      std::optional<Type> a = operand(0);
      if (a && !isInt(*a)) error(std::string("operand is ") + typeName(*a) + ", expected an integer type");
      return;
    }
    case Opcode::Load: {
      const MemoryDecl *mem = memory(i->idx[0]);
      if (operandCount(1)) memArg(mem, false);
      result(t);
      return;
    }
    case Opcode::Store: {
      const MemoryDecl *mem = memory(i->idx[0]);
      if (operandCount(2)) memArg(mem, true), operandType(1, t);
      noResults();
      return;
    }
    case Opcode::MemorySize:
    case Opcode::MemoryGrow: {
      const MemoryDecl *mem = memory(i->idx[0]);
      if (mem && t != mem->indexType)
        error(std::string("type is ") + typeName(t) + ", the memory's index type is " + typeName(mem->indexType));
      if (operandCount(i->op == Opcode::MemoryGrow ? 1 : 0) && i->op == Opcode::MemoryGrow) operandType(0, t);
      result(t);
      return;
    }
    case Opcode::MemoryFill: {
      const MemoryDecl *mem = memory(i->idx[0]);
      noResults();
      if (operandCount(3) && mem)
        operandType(0, mem->indexType), operandType(1, Type::I32), operandType(2, mem->indexType);
      return;
    }
    case Opcode::MemoryCopy: {
      const MemoryDecl *dst = memory(i->idx[0]);
      const MemoryDecl *src = memory(i->idx[1]);
      noResults();
      if (operandCount(3) && dst && src)
        operandType(0, dst->indexType), operandType(1, src->indexType),
            operandType(2, lenType(dst->indexType, src->indexType));
      return;
    }
    case Opcode::MemoryInit: {
      const MemoryDecl *mem = memory(i->idx[0]);
      dataSegment(i->idx[1]);
      noResults();
      if (operandCount(3) && mem)
        operandType(0, mem->indexType), operandType(1, Type::I32), operandType(2, Type::I32);
      return;
    }
    case Opcode::DataDrop:
      dataSegment(i->idx[0]);
      operandCount(0);
      noResults();
      return;
    case Opcode::GlobalGet:
      if (i->idx[0] >= m_.globals.size()) error("global global" + std::to_string(i->idx[0]) + " is not declared");
      else if (m_.globals[i->idx[0]].type != t)
        error(std::string("type is ") + typeName(t) + ", the global is " + typeName(m_.globals[i->idx[0]].type));
      operandCount(0);
      result(t);
      return;
    case Opcode::GlobalSet:
      noResults();
      if (i->idx[0] >= m_.globals.size()) {
        error("global global" + std::to_string(i->idx[0]) + " is not declared");
        return;
      }
      if (!m_.globals[i->idx[0]].isMutable) error("global global" + std::to_string(i->idx[0]) + " is immutable");
      if (operandCount(1)) operandType(0, m_.globals[i->idx[0]].type);
      return;
    case Opcode::TableGet: {
      const TableDecl *tab = table(i->idx[0]);
      if (operandCount(1) && tab) operandType(0, tab->indexType);
      result(Type::Ref);
      return;
    }
    case Opcode::TableSet: {
      const TableDecl *tab = table(i->idx[0]);
      if (operandCount(2) && tab) operandType(0, tab->indexType), operandType(1, Type::Ref);
      noResults();
      return;
    }
    case Opcode::TableSize:
    case Opcode::TableGrow: {
      const TableDecl *tab = table(i->idx[0]);
      if (tab && t != tab->indexType)
        error(std::string("type is ") + typeName(t) + ", the table's index type is " + typeName(tab->indexType));
      if (i->op == Opcode::TableGrow) {
        if (operandCount(2)) operandType(0, Type::Ref), operandType(1, t);
      } else {
        operandCount(0);
      }
      result(t);
      return;
    }
    case Opcode::TableFill: {
      const TableDecl *tab = table(i->idx[0]);
      noResults();
      if (operandCount(3) && tab)
        operandType(0, tab->indexType), operandType(1, Type::Ref), operandType(2, tab->indexType);
      return;
    }
    case Opcode::TableCopy: {
      const TableDecl *dst = table(i->idx[0]);
      const TableDecl *src = table(i->idx[1]);
      noResults();
      if (operandCount(3) && dst && src)
        operandType(0, dst->indexType), operandType(1, src->indexType),
            operandType(2, lenType(dst->indexType, src->indexType));
      return;
    }
    case Opcode::TableInit: {
      const TableDecl *tab = table(i->idx[0]);
      elemSegment(i->idx[1]);
      noResults();
      if (operandCount(3) && tab) operandType(0, tab->indexType), operandType(1, Type::I32), operandType(2, Type::I32);
      return;
    }
    case Opcode::ElemDrop:
      elemSegment(i->idx[0]);
      operandCount(0);
      noResults();
      return;
    case Opcode::RefNull:
      operandCount(0);
      result(Type::Ref);
      return;
    case Opcode::RefIsNull:
      if (operandCount(1)) operandType(0, Type::Ref);
      result(Type::I32);
      return;
    case Opcode::RefFunc:
      function(i->idx[0]);
      operandCount(0);
      result(Type::Ref);
      return;
    case Opcode::RefEq:
      if (operandCount(2)) operandType(0, Type::Ref), operandType(1, Type::Ref);
      result(Type::I32);
      return;
    case Opcode::RefAsNonNull:
      if (operandCount(1)) operandType(0, Type::Ref);
      result(Type::Ref);
      return;
    case Opcode::Call:
      if (const Function *callee = function(i->idx[0])) {
        args(callee->signature().params, 0);
        results(callee->signature().results);
      }
      return;
    case Opcode::CallIndirect: {
      const Signature *sig = signature(i->idx[0]);
      const TableDecl *tab = table(i->idx[1]);
      if (i->numOperands < 1) {
        error("has no callee index operand");
        return;
      }
      if (tab) operandType(0, tab->indexType);
      if (sig) args(sig->params, 1), results(sig->results);
      return;
    }
    case Opcode::CallRef: {
      const Signature *sig = signature(i->idx[0]);
      if (i->numOperands < 1) {
        error("has no callee reference operand");
        return;
      }
      operandType(0, Type::Ref);
      if (sig) args(sig->params, 1), results(sig->results);
      return;
    }
    case Opcode::Jump:
      operandCount(0);
      noResults();
      targetCount(1);
      if (i->numTargets >= 1) branchTarget(i->targets[0], "target");
      return;
    case Opcode::Brif:
      if (operandCount(1)) operandType(0, Type::I32);
      noResults();
      targetCount(2);
      if (i->numTargets >= 2) branchTarget(i->targets[0], "then target"), branchTarget(i->targets[1], "else target");
      return;
    case Opcode::BrTable:
      if (operandCount(1)) operandType(0, Type::I32);
      noResults();
      if (i->numTargets < 1) {
        error("has no default target");
        return;
      }
      for (uint32_t k = 0; k + 1 < i->numTargets; ++k) {
        std::string what = "entry " + std::to_string(k);
        branchTarget(i->targets[k], what.c_str());
      }
      branchTarget(i->targets[i->numTargets - 1], "default target");
      return;
    case Opcode::Return: {
      noResults();
      const auto &res = f_.signature().results;
      if (i->numOperands != res.size()) {
        error("returns " + std::to_string(i->numOperands) + " values, the function returns " +
              std::to_string(res.size()));
        return;
      }
      for (uint32_t k = 0; k < res.size(); ++k) operandType(k, res[k]);
      return;
    }
    case Opcode::Trap:
      trapCodeOk();
      operandCount(0);
      noResults();
      return;
    }
    error("unknown opcode");
  }

  const Module &m_;
  const Function &f_;
  std::vector<std::string> &errors_;
  size_t startErrors_;
  const DominatorTree *dom_ = nullptr;
  const BasicBlock *block_ = nullptr;
  const Inst *inst_ = nullptr;
  std::vector<uint32_t> layoutIndex_;        // block id -> index in the layout
  std::vector<const BasicBlock *> layoutBlock_; // block id -> the block (ids of other functions' blocks collide)
  std::vector<uint32_t> resultPos_;          // first result id -> position of its instruction in its block
  std::vector<const Inst *> resultInst_;     // first result id -> the instruction
  uint32_t instPos_ = 0;                     // position of inst_ in block_
};

void verifyDecls(const Module &m, std::vector<std::string> &errors) {
  for (size_t i = 0; i < m.memories.size(); ++i) {
    const MemoryDecl &d = m.memories[i];
    std::string name = "memory mem" + std::to_string(i) + ": ";
    if (d.indexType != Type::I32 && d.indexType != Type::I64) errors.push_back(name + "index type must be i32 or i64");
    if (d.maxPages && *d.maxPages < d.minPages) errors.push_back(name + "maximum is below the minimum");
  }
  for (size_t i = 0; i < m.tables.size(); ++i) {
    const TableDecl &d = m.tables[i];
    std::string name = "table table" + std::to_string(i) + ": ";
    if (d.indexType != Type::I32 && d.indexType != Type::I64) errors.push_back(name + "index type must be i32 or i64");
    if (d.maxElems && *d.maxElems < d.minElems) errors.push_back(name + "maximum is below the minimum");
  }
}

} // namespace

bool verifyFunction(const Module &m, const Function &f, std::vector<std::string> &errors) {
  size_t before = errors.size();
  FunctionVerifier(m, f, errors).run();
  return errors.size() == before;
}

bool verifyModule(const Module &m, std::vector<std::string> &errors) {
  size_t before = errors.size();
  verifyDecls(m, errors);
  for (const auto &f : m.functions) verifyFunction(m, *f, errors);
  return errors.size() == before;
}

} // namespace wasmaot::ir

// Simplify: rule-driven peephole simplification of pure integer instructions
// (passes/rules/simplify.rules: constant folding, algebraic identities,
// multiply by a power of two, reassociation of constant adds, eqz of a
// comparison, selects on a constant or of one value, redundant extensions).
//
// Why it is sound: every rule is proven by `wasmaot-verify --isa=mid` to give
// the value of the instruction it replaces for all inputs that satisfy its
// guards, traps included (docs/verification.md); the C++ below only has to
// implement the rule files' constructors as their semantics say. Only
// instructions that cannot trap and have no effects are roots (a rule never
// fires on anything else), so the replaced instruction may be erased once its
// uses are rewritten.
//
// One walk over the blocks in layout order. Operands are rewritten to their
// replacements before an instruction is matched, so chains collapse in that
// walk; a rewrite that builds a new instruction tries the rules on it again (a
// fixpoint per instruction, bounded). New instructions go right before the one
// they replace, so they see the same dominating definitions. Branch arguments
// and uses the walk did not reach are rewritten at the end in one pass.
// Instructions left without uses (the constants of a fold) are left to the
// back end, which lowers only values something reads, and to dead-code.
// Runs at -O2 (runSimplify says why).
#include "passes/Passes.h"

#include "MidSimplify.h"

#include <array>
#include <vector>

namespace wasmaot::passes {

namespace {

using ir::Inst;
using ir::Opcode;
using ir::Type;
using ir::Value;

bool isRoot(const Inst *i) {
  return i->numResults == 1 && !i->isTerminator() && !ir::mayTrap(i->op) && !ir::hasSideEffects(i->op);
}

class FunctionSimplifier final : public MidSimplifyContext {
public:
  explicit FunctionSimplifier(ir::Function &fn, std::array<uint64_t, kNumMidSimplifyRules> &hits)
      : fn_(fn), hits_(hits), replacement_(fn.numValues()) {}

  uint64_t run() {
    for (ir::BasicBlock *b : fn_.blocks())
      for (Inst *i : *b) visit(i);
    if (dead_.empty()) return 0;
    // A replacement may itself have been replaced later in the walk.
    for (Value &v : replacement_)
      if (v.valid())
        while (v.id < replacement_.size() && replacement_[v.id].valid()) v = replacement_[v.id];
    fn_.replaceUses(replacement_);
    for (Inst *i : dead_) fn_.eraseInst(i);
    return dead_.size();
  }

private:
  static constexpr unsigned kMaxSteps = 4; ///< rewrites of one instruction's value

  Value canonical(Value v) const {
    return v.id < replacement_.size() && replacement_[v.id].valid() ? replacement_[v.id] : v;
  }

  void visit(Inst *i) {
    if (!dead_.empty()) // nothing to rewrite before the first replacement
      for (Value &v : i->operandList()) v = canonical(v);
    if (!isRoot(i)) return;
    pos_ = i;
    Inst *cur = i;
    Value result;
    for (unsigned step = 0; step < kMaxSteps; ++step) {
      MidSimplifyRule rule;
      std::optional<Value> v = lower(*this, *cur, &rule);
      if (!v) break;
      ++hits_[size_t(rule)];
      if (cur != i) dead_.push_back(cur); // a new instruction rewritten again
      result = *v;
      const ir::ValueData &d = fn_.valueData(result);
      // Try again only on an instruction this rewrite built.
      if (d.def != ir::ValueDef::Result || !created(d.inst) || !isRoot(d.inst)) break;
      cur = d.inst;
    }
    if (!result.valid()) return;
    if (replacement_.size() < fn_.numValues()) replacement_.resize(fn_.numValues());
    replacement_[i->result().id] = result;
    dead_.push_back(i);
  }

  /// Whether `inst` was built by this pass (its result is newer than the walk's start).
  bool created(const Inst *inst) const { return inst->result().id >= firstNewValue_; }

  Value insert(Inst *i) {
    fn_.insertInstBefore(pos_, i);
    return i->result();
  }
  Inst *make(Opcode op, Type t, uint32_t numOperands, Type result) {
    return fn_.createInst(op, t, numOperands, std::span<const Type>(&result, 1));
  }

  // ---- MidSimplifyContext
  const Inst *defOf(Value v) override {
    const ir::ValueData &d = fn_.valueData(v);
    return d.def == ir::ValueDef::Result ? d.inst : nullptr;
  }
  bool canAbsorb(Value) override { return false; }
  void markAbsorbed(const Inst &) override {}

  Value make_iconst(Type t, uint64_t c) override {
    Inst *i = make(Opcode::Iconst, t, 0, t);
    i->imm[0] = c & ir::intMask(t);
    return insert(i);
  }
  Value make_iadd(Type t, Value a, Value b) override { return binary(Opcode::Iadd, t, a, b); }
  Value make_ishl(Type t, Value a, Value b) override { return binary(Opcode::Ishl, t, a, b); }
  Value make_icmp(ir::IntCC cc, Value a, Value b) override {
    Inst *i = make(Opcode::Icmp, fn_.typeOf(a), 2, Type::I32);
    i->operands[0] = a, i->operands[1] = b;
    i->aux = uint8_t(cc);
    return insert(i);
  }
  Value binary(Opcode op, Type t, Value a, Value b) {
    Inst *i = make(op, t, 2, t);
    i->operands[0] = a, i->operands[1] = b;
    return insert(i);
  }

  uint64_t fold_add(uint64_t a, uint64_t b) override { return a + b; }
  uint64_t fold_sub(uint64_t a, uint64_t b) override { return a - b; }
  uint64_t fold_mul(uint64_t a, uint64_t b) override { return a * b; }
  uint64_t fold_and(uint64_t a, uint64_t b) override { return a & b; }
  uint64_t fold_or(uint64_t a, uint64_t b) override { return a | b; }
  uint64_t fold_xor(uint64_t a, uint64_t b) override { return a ^ b; }
  uint64_t fold_shl(Type t, uint64_t a, uint64_t b) override { return a << (b % ir::typeBits(t)); }
  uint64_t fold_ushr(Type t, uint64_t a, uint64_t b) override { return a >> (b % ir::typeBits(t)); }
  uint64_t log2(uint64_t c) override { return uint64_t(__builtin_ctzll(c)); }
  ir::IntCC invert_cc(ir::IntCC cc) override { return ir::inverseIntCC(cc); }

  bool all_ones(Type t, uint64_t c) override { return (c & ir::intMask(t)) == ir::intMask(t); }
  bool power_of_two(uint64_t c) override { return c != 0 && (c & (c - 1)) == 0; }
  bool nonzero(uint64_t c) override { return c != 0; }
  bool shift_is_zero(Type t, uint64_t c) override { return c % ir::typeBits(t) == 0; }
  bool has_type(Value v, Type t) override { return fn_.typeOf(v) == t; }

  ir::Function &fn_;
  std::array<uint64_t, kNumMidSimplifyRules> &hits_;
  std::vector<Value> replacement_;
  std::vector<Inst *> dead_;
  const uint32_t firstNewValue_ = fn_.numValues();
  Inst *pos_ = nullptr;
};

} // namespace

void simplify(const ir::Module &, ir::Function &fn, const PassOptions &options, PassReport &report) {
  // -O2 only: on large_program.wasm (clang -O2 output) it rewrites 94
  // instructions for 9-20 ms on a loaded 2-core machine, more than the few ms
  // the default level may spend (docs/benchmarks.md).
  if (options.optLevel < 2) return;
  std::array<uint64_t, kNumMidSimplifyRules> hits{};
  report.changed += FunctionSimplifier(fn, hits).run();
  for (unsigned r = 0; r < kNumMidSimplifyRules; ++r)
    if (hits[r]) report.addCount(ruleName(MidSimplifyRule(r)), hits[r]);
}

PassReport runSimplify(ir::Module &module, const PassOptions &options) {
  return runOnEachFunction(module, options, simplify);
}

} // namespace wasmaot::passes

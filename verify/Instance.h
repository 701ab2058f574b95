// Instance: one instantiation of a rule (types, enumerators, memory index
// type) and the two sides built for it: the IR meaning of the pattern and the
// machine meaning of the result, ready to be compared (RuleVerifier.cpp).
#pragma once

#include "Eval.h"

namespace wasmaot::verify {

/// Depth-first enumeration of choice sequences: each run of the instantiation
/// asks `choose` at its choice points; `next` moves to the next sequence.
class Chooser {
public:
  unsigned choose(unsigned n, const std::string &what, const std::vector<std::string> &labels);
  bool next();
  void restart() { pos_ = 0, labels_.clear(); }
  /// The choices of the last run (an instantiation, to be replayed with preset()).
  std::vector<unsigned> choices() const { return std::vector<unsigned>(taken_.begin(), taken_.begin() + pos_); }
  /// Replays `c` (from choices()): the next run makes exactly those choices.
  void preset(const std::vector<unsigned> &c) {
    taken_ = c, counts_.assign(c.size(), 0);
    restart();
  }
  std::string label() const;
  /// Answers of the path-feasibility queries (World::feasible) of earlier runs,
  /// by query text: every run of one prefix sees the same choice points, even
  /// when a query would time out one time and not another.
  std::map<std::string, bool> memo;

private:
  std::vector<unsigned> taken_, counts_;
  size_t pos_ = 0;
  std::vector<std::string> labels_;
};

/// Thrown when a choice sequence describes IR that cannot exist (a type the
/// back end has no values of, a guard that is false): not an instantiation.
struct Infeasible {
  std::string why;
};

/// The IR typing facts the verifier needs (docs/ir.md "Opcodes").
struct IrTyping {
  /// Types the back end has values of (x86-64: no i8/i16 values).
  std::vector<std::string> universe;
  /// Possible types of operand `k` of `opcode` at controlling type `t`
  /// ("mem" = the memory's index type).
  std::vector<std::string> operandTypes(const std::string &opcode, const std::string &t, unsigned k) const;
  std::string resultType(const std::string &opcode, const std::string &t) const; ///< "" = no value
  /// Whether enumerator `e` of field `field` is valid IR at type t.
  bool validField(const std::string &opcode, const std::string &field, const std::string &e,
                  const std::string &t) const;
};

struct SideValue {
  Val ir;   ///< the IR value
  Val mach; ///< the register (or value) the machine side sees
  std::string irType;
};

/// Builds both sides of one instantiation.
class InstanceBuilder {
public:
  InstanceBuilder(z3::context &z, const rulec::RuleSet &rs, const rulec::Rule &rule, const IrTyping &typing,
                  Chooser &chooser, const MachineModel &model, Chooser *paths = nullptr);
  void build();

  World world;
  Evaluator ir, mach;
  Val irResult, machResult;
  std::string irResultType; ///< "" = the IR instruction has no value
  /// Named inputs for counterexamples: (name, IR value).
  std::vector<std::pair<std::string, Val>> inputs;
  std::vector<z3::expr> preconditions;

private:
  Val walkValue(const rulec::Pat &p, const std::string &type, const std::string &where);
  Val walkField(const rulec::Pat &p, const rulec::Param &param, const std::string &opcode, const std::string &t,
                const std::string &where);
  Val walkIr(const rulec::Pat &p, const std::string &wantType, const std::string &where);
  Val evalExpr(const rulec::Expr &e);
  Val freshInput(const std::string &name, const std::string &type);
  void bindVar(int var, const Val &ir, const Val &mach);
  unsigned declaredWidth(int type) const;

  z3::context &z_;
  const rulec::RuleSet &rs_;
  const rulec::Rule &rule_;
  const IrTyping &typing_;
  Chooser &chooser_;
  std::vector<std::optional<SideValue>> vars_;
};

} // namespace wasmaot::verify

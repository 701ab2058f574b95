// Instance.cpp: builds the IR side (the pattern's instructions, read through
// their ir.rules semantics) and the machine side (the rule's result, through
// the semantics of its constructors and machine terms) of one instantiation.
#include "Instance.h"

#include <algorithm>

namespace wasmaot::verify {

using rulec::Expr;
using rulec::Pat;

// ---------------------------------------------------------------- Chooser

unsigned Chooser::choose(unsigned n, const std::string &what, const std::vector<std::string> &labels) {
  if (n == 0)
    throw Infeasible{"no valid " + what};
  if (pos_ >= taken_.size()) {
    taken_.push_back(0);
    counts_.push_back(n);
  }
  counts_[pos_] = n;
  unsigned c = taken_[pos_++];
  if (c >= n)
    throw Infeasible{"stale choice"};
  if (n > 1)
    labels_.push_back(what + "=" + (c < labels.size() ? labels[c] : std::to_string(c)));
  return c;
}

bool Chooser::next() {
  taken_.resize(pos_);
  counts_.resize(pos_);
  while (!taken_.empty()) {
    if (taken_.back() + 1 < counts_.back()) {
      ++taken_.back();
      pos_ = 0;
      labels_.clear();
      return true;
    }
    taken_.pop_back();
    counts_.pop_back();
  }
  return false;
}

std::string Chooser::label() const {
  std::string s;
  for (auto &l : labels_)
    s += (s.empty() ? "" : " ") + l;
  return s.empty() ? "-" : s;
}

// ---------------------------------------------------------------- builder

InstanceBuilder::InstanceBuilder(z3::context &z, const rulec::RuleSet &rs, const rulec::Rule &rule,
                                 const IrTyping &typing, Chooser &chooser, const MachineModel &model,
                                 Chooser *paths)
    : world(z, model), ir(z, rs, world), mach(z, rs, world), z_(z), rs_(rs), rule_(rule), typing_(typing),
      chooser_(chooser) {
  vars_.resize(rule.vars.size());
  world.paths = paths;
}

unsigned InstanceBuilder::declaredWidth(int type) const {
  const std::string &n = rs_.types[type].name;
  if (n == "u8") return 8;
  if (n == "u32" || n == "i32") return 32;
  if (n == "u64" || n == "i64") return 64;
  return 0;
}

Val InstanceBuilder::freshInput(const std::string &name, const std::string &type) {
  Val v = Val::of(z_.bv_const(name.c_str(), Evaluator::typeWidth(type)));
  v.irType = type;
  inputs.emplace_back(name, v);
  return v;
}

void InstanceBuilder::bindVar(int var, const Val &irv, const Val &machv) {
  vars_[var] = SideValue{irv, machv, irv.irType};
}

namespace {
Val machineOf(Evaluator &ev, const Val &irv) {
  if (irv.k != Val::K::BV)
    throw EvalError{"a value bound inside the pattern is not a plain bit pattern (a computed float?)"};
  if (ev.world.model.isa == "mid") // a mid-end rule's result is IR: the value itself
    return irv;
  Val m = Val::of(machineRepr(ev, irv.irType, *irv.e, true));
  m.irType = irv.irType;
  return m;
}
} // namespace

Val InstanceBuilder::walkValue(const Pat &p, const std::string &type, const std::string &where) {
  switch (p.kind) {
  case Pat::Kind::Wild: return freshInput(where, type);
  case Pat::Kind::Bind: {
    Val v = freshInput(rule_.vars[p.var].name, type);
    bindVar(p.var, v, machineOf(mach, v));
    return v;
  }
  case Pat::Kind::Same: {
    const SideValue &s = *vars_[p.var];
    if (s.irType != type)
      throw Infeasible{"one variable at two types"};
    return s.ir;
  }
  case Pat::Kind::As: {
    Val v = walkValue(p.kids[0], type, rule_.vars[p.var].name);
    v.irType = type;
    bindVar(p.var, v, machineOf(mach, v));
    return v;
  }
  case Pat::Kind::Absorb: return walkValue(p.kids[0], type, where);
  case Pat::Kind::Ir: return walkIr(p, type, where);
  case Pat::Kind::Extract: {
    const rulec::Term &t = rs_.terms[p.term];
    Val in = freshInput(where, type);
    std::map<std::string, Val> scope{{t.params[0].name, in}};
    for (size_t k = 0; k < t.outputs.size(); ++k) {
      Val o = walkField(p.kids[k], t.outputs[k], "", "", where + "." + t.outputs[k].name);
      scope[t.outputs[k].name] = o;
    }
    if (!t.semantics)
      throw EvalError{"extractor '" + t.name + "' has no semantics"};
    ir.used.insert("term " + t.name);
    preconditions.push_back(ir.asBool(ir.eval(*t.semantics, scope), "extractor"));
    return in;
  }
  case Pat::Kind::Int:
  case Pat::Kind::Enum: throw EvalError{"a literal where a Value is matched"};
  }
  return Val();
}

Val InstanceBuilder::walkField(const Pat &p, const rulec::Param &param, const std::string &opcode,
                               const std::string &t, const std::string &where) {
  const rulec::TypeDecl &ty = rs_.types[param.type];
  auto fresh = [&](const std::string &name) -> Val {
    if (ty.isEnum) {
      std::vector<std::string> ok;
      for (auto &[n, cpp] : ty.enumerators)
        if (typing_.validField(opcode, param.name, n, t))
          ok.push_back(n);
      return Val::enumerator(ok.at(chooser_.choose(unsigned(ok.size()), param.name, ok)));
    }
    if (ty.name == "bool") {
      Val b = Val::of(z_.bool_const(name.c_str()));
      world.immediates.insert(b.e->id());
      return b;
    }
    unsigned w = declaredWidth(param.type);
    if (!w)
      throw EvalError{"no model for a field of type " + ty.name};
    Val v = Val::of(z_.bv_const(name.c_str(), w));
    world.immediates.insert(v.e->id()); // a field: known when the rule runs
    inputs.emplace_back(name, v);
    return v;
  };
  switch (p.kind) {
  case Pat::Kind::Wild: return fresh(where);
  case Pat::Kind::Bind: {
    Val v = fresh(rule_.vars[p.var].name);
    bindVar(p.var, v, v);
    return v;
  }
  case Pat::Kind::Same: return vars_[p.var]->ir;
  case Pat::Kind::As: {
    Val v = walkField(p.kids[0], param, opcode, t, rule_.vars[p.var].name);
    bindVar(p.var, v, v);
    return v;
  }
  case Pat::Kind::Int: {
    unsigned w = declaredWidth(param.type);
    if (ty.name == "bool")
      return Val::of(z_.bool_val(p.bits != 0));
    return w ? Val::of(z_.bv_val(p.bits, w)) : Val::integer(int64_t(p.bits));
  }
  case Pat::Kind::Enum: {
    std::string n = ty.enumerators[p.enumIndex].first;
    if (!typing_.validField(opcode, param.name, n, t))
      throw Infeasible{"invalid " + param.name};
    return Val::enumerator(n);
  }
  case Pat::Kind::Extract: {
    const rulec::Term &x = rs_.terms[p.term];
    Val in = fresh(where);
    std::map<std::string, Val> scope{{x.params[0].name, in}};
    for (size_t k = 0; k < x.outputs.size(); ++k)
      scope[x.outputs[k].name] = walkField(p.kids[k], x.outputs[k], "", "", where + "." + x.outputs[k].name);
    if (!x.semantics)
      throw EvalError{"extractor '" + x.name + "' has no semantics"};
    ir.used.insert("term " + x.name);
    preconditions.push_back(ir.asBool(ir.eval(*x.semantics, scope), "extractor"));
    return in;
  }
  case Pat::Kind::Ir:
  case Pat::Kind::Absorb: throw EvalError{"an IR term where an immediate is matched"};
  }
  return Val();
}

Val InstanceBuilder::walkIr(const Pat &p, const std::string &wantType, const std::string &where) {
  const rulec::Term &term = rs_.terms[p.term];
  ir.used.insert("term " + term.name);
  const auto &typeNames = rs_.types[rs_.irTypeEnum].enumerators;
  // The controlling type: the suffix, or each type the opcode has that the
  // back end has values of and that gives the wanted result type.
  std::vector<std::string> candidates;
  if (p.kids[0].kind == Pat::Kind::Enum) {
    candidates.push_back(typeNames[p.kids[0].enumIndex].first);
  } else if (term.irTypes.empty()) {
    candidates.push_back("none");
  } else {
    for (int ti : term.irTypes) {
      const std::string &n = typeNames[ti].first;
      if (std::find(typing_.universe.begin(), typing_.universe.end(), n) != typing_.universe.end())
        candidates.push_back(n);
    }
  }
  std::vector<std::string> ok;
  for (auto &c : candidates)
    if (wantType.empty() || typing_.resultType(term.opcode, c) == wantType)
      ok.push_back(c);
  const std::string t = ok.at(chooser_.choose(unsigned(ok.size()), where.empty() ? "T" : where + ".T", ok));
  if (p.kids[0].kind == Pat::Kind::Bind)
    bindVar(p.kids[0].var, Val::enumerator(t), Val::enumerator(t));
  else if (p.kids[0].kind == Pat::Kind::Same && vars_[p.kids[0].var]->ir.name != t)
    throw Infeasible{"type variable at two types"};
  if (term.opcode == "Load" || term.opcode == "Store") {
    static const std::vector<std::string> idx = {"i32", "i64"};
    world.memIndexType = idx[chooser_.choose(2, "mem", idx)];
  }
  std::map<std::string, Val> scope;
  scope["T"] = Val::enumerator(t);
  unsigned operand = 0;
  for (size_t k = 0; k < term.params.size(); ++k) {
    const rulec::Param &param = term.params[k];
    const Pat &kid = p.kids[k + 1];
    std::string name = (where.empty() ? "" : where + ".") + param.name;
    if (param.type == rs_.valueType) {
      std::vector<std::string> types = typing_.operandTypes(term.opcode, t, operand++);
      for (auto &x : types)
        if (x == "mem")
          x = world.memIndexType;
      std::string ot = types.at(chooser_.choose(unsigned(types.size()), name + ".type", types));
      Val v = walkValue(kid, ot, name);
      v.irType = ot;
      scope[param.name] = v;
    } else {
      scope[param.name] = walkField(kid, param, term.opcode, t, name);
    }
  }
  // Well-formed IR (lib/ir/Verifier.cpp): constants fit their type; sext_low's bits.
  if (term.opcode == "Iconst") {
    unsigned w = Evaluator::typeWidth(t);
    if (w < 64)
      preconditions.push_back(z3::ule(ir.asBV(scope["c"], 64, "iconst"), z_.bv_val(uint64_t((1ull << w) - 1), 64u)));
  }
  if (term.opcode == "SextLow") {
    int64_t bits = ir.asInt(scope["bits"], "sext_low bits");
    if ((bits != 8 && bits != 16 && bits != 32) || unsigned(bits) >= Evaluator::typeWidth(t))
      throw Infeasible{"sext_low bits"};
  }
  if (!term.semantics)
    throw EvalError{"IR term '" + term.name + "' has no semantics"};
  Val r = ir.eval(*term.semantics, scope);
  r.irType = typing_.resultType(term.opcode, t);
  return r;
}

Val InstanceBuilder::evalExpr(const Expr &e) {
  switch (e.kind) {
  case Expr::Kind::Var: {
    if (!vars_[e.var])
      throw EvalError{"variable '" + rule_.vars[e.var].name + "' is not bound"};
    return vars_[e.var]->mach;
  }
  case Expr::Kind::Int: {
    unsigned w = declaredWidth(e.type);
    if (rs_.types[e.type].name == "bool")
      return Val::of(z_.bool_val(e.bits != 0));
    return w ? Val::of(z_.bv_val(e.bits, w)) : Val::integer(int64_t(e.bits));
  }
  case Expr::Kind::Enum: return Val::enumerator(rs_.types[e.type].enumerators[e.enumIndex].first);
  case Expr::Kind::Call: {
    std::vector<Val> args;
    for (const Expr &a : e.args)
      args.push_back(evalExpr(a));
    return mach.callTerm(e.term, std::move(args));
  }
  case Expr::Kind::Let: {
    std::vector<std::optional<SideValue>> saved = vars_;
    for (auto &[var, value] : e.binds) {
      Val v = evalExpr(value);
      if (var >= 0)
        vars_[var] = SideValue{v, v, v.irType};
    }
    Val r = evalExpr(e.args[0]);
    vars_ = saved;
    return r;
  }
  }
  return Val();
}

void InstanceBuilder::build() {
  irResultType = "";
  irResult = walkIr(rule_.pattern, "", "");
  irResultType = irResult.irType;
  mach.rootIrValue = irResult;
  // Guards: predicates over the bound variables; a concretely false guard is
  // not an instantiation, a symbolic one a precondition.
  for (const Expr &g : rule_.guards) {
    const rulec::Term &t = rs_.terms[g.term];
    std::vector<Val> args;
    for (const Expr &a : g.args)
      args.push_back(evalExpr(a));
    if (!t.semantics)
      throw EvalError{"predicate '" + t.name + "' has no semantics"};
    z3::expr c = ir.asBool(ir.callTerm(g.term, args), "guard").simplify();
    if (c.is_false())
      throw Infeasible{"guard " + t.name + " is false"};
    preconditions.push_back(c);
  }
  machResult = evalExpr(rule_.result);
}

} // namespace wasmaot::verify

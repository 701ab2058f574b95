// Eval.cpp: the core of the semantics interpreter (Eval.h): atoms, special
// forms (let, seq, if/ite, case, and/or/not), calls of definitions, terms and
// builtins, and the merging of values and states at symbolic branches.
#include "Eval.h"
#include "Cache.h"
#include "Instance.h"

#include <cctype>
#include <charconv>
#include <cstdlib>

namespace wasmaot::verify {

using rulec::SExpr;

const Val *Val::field(const std::string &f) const {
  if (k != K::Rec || !rec)
    return nullptr;
  for (auto &[n, v] : *rec)
    if (n == f)
      return &v;
  return nullptr;
}

State::State(z3::context &z) : trapped(z.bool_val(false)), code(z.bv_val(0, 8)), mem(z.bool_val(false)) {}

const MachineModel &MachineModel::of(const std::string &isa) {
  static const std::vector<std::string> x86Conds = {"O", "NO", "B", "AE", "E", "NE", "BE", "A",
                                                    "S", "NS", "P", "NP", "L", "GE", "LE", "G"};
  static const std::vector<std::string> armConds = {"EQ", "NE", "HS", "LO", "MI", "PL", "VS", "VC",
                                                    "HI", "LS", "GE", "LT", "GT", "LE", "AL", "NV"};
  static const MachineModel x64{"x64", {"CF", "ZF", "SF", "OF", "PF"}, 128, "Xmm", false, false, x86Conds, true};
  static const MachineModel a64{"aarch64", {"N", "Z", "C", "V"}, 128, "Fpr", false, false, armConds, false};
  static const MachineModel rv64{"riscv64", {}, 64, "Fpr", true, true, {}, false};
  // The mid-end: both sides are IR, a value is its IR bits (Instance.cpp, RuleVerifier.cpp).
  static const MachineModel mid{"mid", {}, 128, "Xmm", false, false, {}, false};
  return isa == "aarch64" ? a64 : isa == "riscv64" ? rv64 : isa == "mid" ? mid : x64;
}

bool MachineModel::isFprName(const std::string &n) const {
  auto numberFrom = [&](size_t k) {
    return n.size() > k && n.find_first_not_of("0123456789", k) == std::string::npos;
  };
  if (isa == "aarch64") // v0..v31 (the whole 128-bit register)
    return n.size() > 1 && n[0] == 'v' && numberFrom(1);
  if (isa == "riscv64") // f0..f31 and the ABI names ft0, fs0, fa0 ...
    return n.size() > 1 && n[0] == 'f' && (numberFrom(1) || (std::string("tsa").find(n[1]) != std::string::npos && numberFrom(2)));
  return n.rfind("xmm", 0) == 0;
}

World::World(z3::context &zc, const MachineModel &m)
    : z(zc), model(m), guardSize(zc.bv_const("guard_size", 64)),
      memBase(zc.function("mem_base", zc.bv_sort(32), zc.bv_sort(64))),
      memLength(zc.function("mem_length", zc.bv_sort(32), zc.bv_sort(64))),
      globalPtr(zc.function("global_ptr", zc.bv_sort(32), zc.bv_sort(64))),
      segueMode(zc.bool_const("segue_mode")) {
  immediates.insert(segueMode.id());
}

bool World::compileTime(const z3::expr &e) {
  auto it = compileTimeMemo_.find(e.id());
  if (it != compileTimeMemo_.end())
    return it->second;
  bool r = false;
  if (e.is_app()) {
    z3::func_decl d = e.decl();
    r = true;
    if (d.decl_kind() == Z3_OP_UNINTERPRETED) {
      if (e.num_args() == 0)
        r = immediates.count(e.id()) > 0;
      else
        r = d.name().str().rfind("uf_", 0) == 0; // abstract arithmetic (BvBuiltins.cpp)
    }
    for (unsigned k = 0; r && k < e.num_args(); ++k)
      r = compileTime(e.arg(k));
  }
  compileTimeMemo_.emplace(e.id(), r);
  return r;
}

bool World::feasible(const z3::expr &c) {
  std::string key;
  for (auto &pc : pathConds)
    key += pc.to_string() + "\n";
  key += "?" + c.to_string();
  auto known = paths->memo.find(key);
  if (known != paths->memo.end())
    return known->second;
  std::string stored; // the answer is a fact about the query's text: kept across runs
  if (!cacheDir.empty() && cacheLookup(cacheDir, "feasible\n" + key, stored)) {
    paths->memo.emplace(key, stored == "yes");
    return stored == "yes";
  }
  z3::solver s(z);
  z3::params prm(z);
  prm.set("timeout", 5000u);
  s.set(prm);
  for (auto &pc : pathConds)
    s.add(pc);
  s.add(c);
  bool r = s.check() != z3::unsat; // unknown: keep the arm (a query too many, never one too few)
  paths->memo.emplace(key, r);
  if (!cacheDir.empty())
    cacheStore(cacheDir, "feasible\n" + key, r ? "yes" : "no");
  return r;
}

Evaluator::Evaluator(z3::context &zc, const rulec::RuleSet &r, World &w) : state(zc), world(w), z(zc), rs(r) {
  state.mem = zc.constant("host_mem", zc.array_sort(zc.bv_sort(64), zc.bv_sort(8)));
  for (const std::string &f : w.model.flags)
    state.flags.emplace(f, freshBool("in_" + f));
}

z3::expr Evaluator::fresh(const std::string &name, unsigned width) {
  return z.bv_const((name + "!" + std::to_string(world.freshCounter++)).c_str(), width);
}
z3::expr Evaluator::freshBool(const std::string &name) {
  return z.bool_const((name + "!" + std::to_string(world.freshCounter++)).c_str());
}

unsigned Evaluator::typeWidth(const std::string &t) {
  if (t == "i8") return 8;
  if (t == "i16") return 16;
  if (t == "i32" || t == "f32" || t == "w32" || t == "u32") return 32;
  if (t == "i64" || t == "f64" || t == "w64" || t == "ref" || t == "u64") return 64;
  if (t == "v128") return 128;
  if (t == "u8") return 8;
  throw EvalError{"no width for type '" + t + "'"};
}

z3::expr Evaluator::asBV(const Val &v, unsigned width, const char *what) {
  if (v.k == Val::K::Int)
    return z.bv_val(uint64_t(v.i), width);
  if (v.k == Val::K::BV) {
    if (v.width() == width)
      return *v.e;
    throw EvalError{std::string(what) + ": expected a " + std::to_string(width) + "-bit value, got " +
                    std::to_string(v.width()) + " bits"};
  }
  throw EvalError{std::string(what) + ": expected a bit-vector"};
}

z3::expr Evaluator::asBV(const Val &v, const char *what) {
  if (v.k == Val::K::BV)
    return *v.e;
  throw EvalError{std::string(what) + ": expected a bit-vector"};
}

z3::expr Evaluator::asBool(const Val &v, const char *what) {
  if (v.k == Val::K::Bool)
    return *v.e;
  if (v.k == Val::K::Int)
    return z.bool_val(v.i != 0);
  throw EvalError{std::string(what) + ": expected a boolean"};
}

int64_t Evaluator::asInt(const Val &v, const char *what) {
  if (v.k == Val::K::Int)
    return v.i;
  if (v.k == Val::K::BV) {
    z3::expr s = v.e->simplify();
    uint64_t n = 0;
    if (s.is_numeral_u64(n))
      return int64_t(n);
  }
  throw EvalError{std::string(what) + ": expected a constant integer"};
}

std::string Evaluator::asName(const Val &v, const char *what) {
  if (v.k == Val::K::Enum || v.k == Val::K::Str)
    return v.name;
  throw EvalError{std::string(what) + ": expected an enumerator"};
}

bool Evaluator::unify(Val &a, Val &b) {
  if (a.k == Val::K::Int && b.k == Val::K::BV)
    a = Val::of(z.bv_val(uint64_t(a.i), b.width()));
  else if (b.k == Val::K::Int && a.k == Val::K::BV)
    b = Val::of(z.bv_val(uint64_t(b.i), a.width()));
  return a.k == b.k;
}

Val Evaluator::merge(const z3::expr &c, const Val &a0, const Val &b0) {
  Val a = a0, b = b0;
  unify(a, b);
  if (a.k == Val::K::Int && b.k == Val::K::Int && a.i == b.i)
    return a;
  if (a.k != b.k)
    throw EvalError{"the arms of a symbolic branch have different kinds of values"};
  switch (a.k) {
  case Val::K::Unit: return a;
  case Val::K::Bool:
  case Val::K::BV: {
    if (a.k == Val::K::BV && a.width() != b.width())
      throw EvalError{"the arms of a symbolic branch have different widths"};
    Val r = Val::of(z3::ite(c, *a.e, *b.e));
    r.irType = a.irType == b.irType ? a.irType : "";
    return r;
  }
  case Val::K::Int: throw EvalError{"a symbolic branch between two different constants"};
  case Val::K::Enum:
  case Val::K::Str:
    if (a.name == b.name)
      return a;
    throw EvalError{"a symbolic branch between enumerators " + a.name + " and " + b.name};
  case Val::K::Rec: {
    Val r = a;
    r.rec = std::make_shared<std::vector<std::pair<std::string, Val>>>();
    for (auto &[n, v] : *a.rec) {
      const Val *w = b.field(n);
      if (!w)
        throw EvalError{"records of a symbolic branch differ in field " + n};
      r.rec->emplace_back(n, merge(c, v, *w));
    }
    return r;
  }
  case Val::K::Fp: {
    Val r = a;
    r.e = z3::ite(c, *a.e, *b.e);
    r.canon = z3::ite(c, *a.canon, *b.canon);
    return r;
  }
  }
  return a;
}

void Evaluator::mergeState(const z3::expr &c, const State &a, const State &b) {
  state.trapped = z3::ite(c, a.trapped, b.trapped);
  state.code = z3::ite(c, a.code, b.code);
  state.mem = z3::ite(c, a.mem, b.mem);
  state.writesMerged = a.writesMerged && b.writesMerged && a.writes.size() == b.writes.size();
  state.writes.clear();
  if (state.writesMerged)
    for (size_t k = 0; k < a.writes.size(); ++k)
      state.writes.push_back({z3::ite(c, a.writes[k].live, b.writes[k].live), z3::ite(c, a.writes[k].addr, b.writes[k].addr),
                              z3::ite(c, a.writes[k].byte, b.writes[k].byte)});
  state.flags.clear();
  for (auto &[n, f] : a.flags) {
    auto it = b.flags.find(n);
    if (it != b.flags.end())
      state.flags.emplace(n, z3::ite(c, f, it->second));
  }
  state.regs.clear();
  for (auto &[n, v] : a.regs) {
    auto it = b.regs.find(n);
    if (it != b.regs.end())
      state.regs.emplace(n, merge(c, v, it->second));
  }
}

Val Evaluator::branch(const z3::expr &c0, const std::function<Val()> &then, const std::function<Val()> &otherwise) {
  z3::expr c = c0.simplify();
  if (c.is_true())
    return then();
  if (c.is_false())
    return otherwise();
  static const bool splitAll = std::getenv("WASMAOT_VERIFY_SPLIT_ALL") != nullptr;
  if (world.paths && world.splits < World::kMaxSplits && (splitAll || world.compileTime(c))) {
    // A compile-time condition: one arm per query (the arms partition the inputs).
    bool canThen = world.feasible(c), canElse = world.feasible(!c);
    bool takeThen = canThen;
    if (canThen && canElse) {
      ++world.splits;
      takeThen = world.paths->choose(2, "path", {"then", "else"}) == 0;
    }
    world.pathConds.push_back(takeThen ? c : !c);
    return takeThen ? then() : otherwise();
  }
  State saved = state;
  Val a = then();
  State sa = state;
  state = saved;
  Val b = otherwise();
  State sb = state;
  mergeState(c, sa, sb);
  return merge(c, a, b);
}

void Evaluator::trap(const z3::expr &cond, const z3::expr &code) {
  z3::expr fires = !state.trapped && cond;
  state.code = z3::ite(fires, code, state.code);
  state.trapped = state.trapped || cond;
}

// ---------------------------------------------------------------- atoms

namespace {

bool parseNumber(const std::string &s, int64_t &out) {
  if (s.empty())
    return false;
  bool neg = s[0] == '-';
  std::string_view body(s);
  if (neg)
    body.remove_prefix(1);
  if (body.empty() || !std::isdigit(static_cast<unsigned char>(body[0])))
    return false;
  int base = 10;
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    base = 16;
    body.remove_prefix(2);
  }
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(body.data(), body.data() + body.size(), v, base);
  if (ec != std::errc() || p != body.data() + body.size())
    return false;
  out = neg ? -int64_t(v) : int64_t(v);
  return true;
}

} // namespace

Val Evaluator::eval(const SExpr &e, const std::map<std::string, Val> &vars) {
  if (e.kind == SExpr::Kind::String)
    return Val::str(e.text);
  if (e.isList())
    return evalList(e, vars);
  const std::string &a = e.text;
  auto it = vars.find(a);
  if (it != vars.end())
    return it->second;
  if (a == "true" || a == "false")
    return Val::of(z.bool_val(a == "true"));
  if (a == "unit")
    return Val::unit();
  int64_t n = 0;
  if (parseNumber(a, n))
    return Val::integer(n);
  if (a.size() > 2 && a[0] == '#' && (a[1] == 'x' || a[1] == 'b')) {
    bool hex = a[1] == 'x';
    std::string digits = a.substr(2);
    unsigned width = unsigned(digits.size()) * (hex ? 4 : 1);
    std::string bin;
    for (char c : digits) {
      int d = hex ? (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10)) : c - '0';
      if (d < 0 || d > (hex ? 15 : 1))
        throw EvalError{"bad literal '" + a + "'"};
      for (int b = hex ? 3 : 0; b >= 0; --b)
        bin += ((d >> b) & 1) ? '1' : '0';
    }
    return Val::of(z.bv_val(width, std::unique_ptr<bool[]>([&] {
                                        bool *bits = new bool[width];
                                        for (unsigned k = 0; k < width; ++k)
                                          bits[k] = bin[width - 1 - k] == '1';
                                        return bits;
                                      }())
                                        .get()));
  }
  size_t dot = a.find('.');
  if (dot != std::string::npos && dot > 0 && std::isupper(static_cast<unsigned char>(a[0])))
    return Val::enumerator(a.substr(dot + 1)); // Enum.name
  return Val::enumerator(a);
}

Val Evaluator::evalList(const SExpr &e, const std::map<std::string, Val> &vars) {
  if (e.items.empty())
    return Val::unit();
  const SExpr &head = e.items[0];
  if (head.isList())
    return evalIndexed(head, e, vars);
  const std::string &h = head.text;
  auto need = [&](size_t n) {
    if (e.items.size() != n + 1)
      throw EvalError{"(" + h + " ...) takes " + std::to_string(n) + " arguments: " + rulec::printSExpr(e)};
  };
  if (h == "let") {
    need(2);
    std::map<std::string, Val> scope = vars;
    for (const SExpr &b : e.items[1].items) {
      if (!b.isList() || b.items.size() != 2 || !b.items[0].isAtom())
        throw EvalError{"bad let binding: " + rulec::printSExpr(b)};
      Val v = eval(b.items[1], scope);
      if (b.items[0].text != "_")
        scope[b.items[0].text] = v;
    }
    return eval(e.items[2], scope);
  }
  if (h == "seq") {
    Val last;
    for (size_t k = 1; k < e.items.size(); ++k)
      last = eval(e.items[k], vars);
    return last;
  }
  if (h == "if" || h == "ite") {
    need(3);
    Val c = eval(e.items[1], vars);
    return branch(
        asBool(c, "condition of if"), [&] { return eval(e.items[2], vars); },
        [&] { return eval(e.items[3], vars); });
  }
  if (h == "case") {
    // (case X (name EXPR)... [(else EXPR)]): X is concrete (an enumerator or integer).
    Val x = eval(e.items[1], vars);
    std::string key = x.k == Val::K::Int || x.k == Val::K::BV ? std::to_string(asInt(x, "case")) : asName(x, "case");
    for (size_t k = 2; k < e.items.size(); ++k) {
      const SExpr &arm = e.items[k];
      if (!arm.isList() || arm.items.size() != 2)
        throw EvalError{"bad case arm: " + rulec::printSExpr(arm)};
      const SExpr &pat = arm.items[0];
      bool hit = pat.isAtom("else") || (pat.isAtom() && pat.text == key);
      if (pat.isList())
        for (const SExpr &alt : pat.items)
          hit = hit || alt.text == key;
      if (hit)
        return eval(arm.items[1], vars);
    }
    throw EvalError{"case: no arm for '" + key + "' in " + rulec::printSExpr(e)};
  }
  if (h == "and" || h == "or") {
    z3::expr acc = z.bool_val(h == "and");
    for (size_t k = 1; k < e.items.size(); ++k) {
      z3::expr b = asBool(eval(e.items[k], vars), h.c_str());
      acc = h == "and" ? (acc && b) : (acc || b);
    }
    return Val::of(acc.simplify());
  }
  if (h == "trap_if") {
    // (trap_if COND CODE BODY): the trap comes first, so BODY's effects only
    // happen when it does not fire.
    need(3);
    z3::expr c = asBool(eval(e.items[1], vars), "trap_if");
    trap(c, trapCodeBits(eval(e.items[2], vars)));
    return eval(e.items[3], vars);
  }
  if (h == "_") {
    // (_ bvN W): the N of width W.
    need(2);
    const std::string &lit = e.items[1].text;
    if (lit.rfind("bv", 0) != 0)
      throw EvalError{"unknown indexed literal " + rulec::printSExpr(e)};
    int64_t n = 0, w = 0;
    if (!parseNumber(lit.substr(2), n) || !parseNumber(e.items[2].text, w))
      throw EvalError{"bad literal " + rulec::printSExpr(e)};
    return Val::of(z.bv_val(uint64_t(n), unsigned(w)));
  }
  // A definition, a term, or a builtin: arguments are evaluated left to right.
  std::vector<Val> args;
  for (size_t k = 1; k < e.items.size(); ++k)
    args.push_back(eval(e.items[k], vars));
  auto d = rs.semDefIndex.find(h);
  if (d != rs.semDefIndex.end())
    return callDef(rs.semDefs[d->second], std::move(args));
  auto t = rs.termIndex.find(h);
  if (t != rs.termIndex.end() && rs.terms[t->second].kind != rulec::TermKind::Ir &&
      !builtins().count(h))
    return callTerm(t->second, std::move(args));
  auto b = builtins().find(h);
  if (b != builtins().end())
    return b->second(*this, e, args);
  throw EvalError{"unknown operation '" + h + "' in " + rulec::printSExpr(e)};
}

Val Evaluator::callDef(const rulec::SemDef &d, std::vector<Val> args) {
  if (args.size() != d.args.size())
    throw EvalError{"'" + d.name + "' takes " + std::to_string(d.args.size()) + " arguments, got " +
                    std::to_string(args.size())};
  if (++depth_ > 200)
    throw EvalError{"definitions nest too deeply (recursion?) at '" + d.name + "'"};
  used.insert("def " + d.name);
  std::map<std::string, Val> scope;
  for (size_t k = 0; k < args.size(); ++k)
    scope[d.args[k]] = args[k];
  Val r = eval(*d.body, scope);
  --depth_;
  return r;
}

namespace {
/// The register or integer width a declared type has in the model (0: none).
unsigned declaredWidth(const rulec::TypeDecl &t, const MachineModel &m) {
  static const std::map<std::string, unsigned> widths = {{"u8", 8},   {"u32", 32}, {"u64", 64}, {"i32", 32},
                                                         {"i64", 64}, {"Gpr", 64}};
  if (t.name == m.fprType)
    return m.fprWidth;
  auto it = widths.find(t.name);
  return it == widths.end() ? 0 : it->second;
}
} // namespace

Val Evaluator::callTerm(int term, std::vector<Val> args) {
  const rulec::Term &t = rs.terms[term];
  if (!t.semantics)
    throw EvalError{"term '" + t.name + "' has no semantics"};
  if (args.size() != t.params.size())
    throw EvalError{"term '" + t.name + "' takes " + std::to_string(t.params.size()) + " arguments"};
  if (++depth_ > 200)
    throw EvalError{"terms nest too deeply at '" + t.name + "'"};
  used.insert("term " + t.name);
  std::map<std::string, Val> scope;
  for (size_t k = 0; k < args.size(); ++k) {
    Val a = args[k];
    const rulec::TypeDecl &ty = rs.types[t.params[k].type];
    if (unsigned w = declaredWidth(ty, world.model); w && a.k == Val::K::Int)
      a = Val::of(z.bv_val(uint64_t(a.i), w)), a.irType = args[k].irType;
    if (ty.name == "bool" && a.k == Val::K::Int)
      a = Val::of(z.bool_val(a.i != 0));
    scope[t.params[k].name] = a;
  }
  Val r = eval(*t.semantics, scope);
  if (t.ret >= 0) {
    const rulec::TypeDecl &ty = rs.types[t.ret];
    if (unsigned w = declaredWidth(ty, world.model)) {
      std::string tag = r.irType;
      if (r.k == Val::K::Int)
        r = Val::of(z.bv_val(uint64_t(r.i), w));
      else if (r.k == Val::K::BV && r.width() > w)
        r = Val::of(r.e->extract(w - 1, 0));
      else if (r.k == Val::K::BV && r.width() < w)
        r = Val::of(z3::zext(*r.e, w - r.width()));
      r.irType = tag;
    }
  }
  --depth_;
  return r;
}

Val Evaluator::evalIndexed(const SExpr &head, const SExpr &e, const std::map<std::string, Val> &vars) {
  // ((_ op i j) args...)
  if (head.items.size() < 2 || !head.items[0].isAtom("_"))
    throw EvalError{"expected ((_ op ...) args): " + rulec::printSExpr(e)};
  const std::string &op = head.items[1].text;
  std::vector<Val> idx;
  for (size_t k = 2; k < head.items.size(); ++k)
    idx.push_back(eval(head.items[k], vars));
  std::vector<Val> args;
  for (size_t k = 1; k < e.items.size(); ++k)
    args.push_back(eval(e.items[k], vars));
  auto arg = [&](size_t k) -> const Val & {
    if (k >= args.size())
      throw EvalError{"missing argument in " + rulec::printSExpr(e)};
    return args[k];
  };
  if (op == "extract") {
    unsigned hi = unsigned(asInt(idx.at(0), "extract"));
    unsigned lo = unsigned(asInt(idx.at(1), "extract"));
    z3::expr x = asBV(arg(0), "extract");
    if (hi >= x.get_sort().bv_size() || lo > hi)
      throw EvalError{"extract out of range in " + rulec::printSExpr(e)};
    Val r = Val::of(x.extract(hi, lo));
    return r;
  }
  if (op == "zero_extend" || op == "sign_extend") {
    unsigned k = unsigned(asInt(idx.at(0), op.c_str()));
    z3::expr x = asBV(arg(0), op.c_str());
    return Val::of(op == "zero_extend" ? z3::zext(x, k) : z3::sext(x, k));
  }
  // Floating-point conversions: ((_ to_fp E S) RM x), ((_ to_fp_signed T) RM x) ...
  std::vector<Val> all = idx;
  all.insert(all.end(), args.begin(), args.end());
  auto b = builtins().find("_" + op);
  if (b != builtins().end())
    return b->second(*this, e, all);
  throw EvalError{"unknown indexed operation '" + op + "'"};
}

std::map<std::string, Evaluator::Builtin> &Evaluator::builtins() {
  static std::map<std::string, Builtin> m = [] {
    std::map<std::string, Builtin> r;
    registerBvBuiltins(r);
    registerFpBuiltins(r);
    registerMachineBuiltins(r);
    registerIrBuiltins(r);
    return r;
  }();
  return m;
}

bool isXmmType(const std::string &t) { return t == "f32" || t == "f64" || t == "v128"; }

z3::expr machineRepr(Evaluator &ev, const std::string &t, const z3::expr &bits, bool xmmUpperFree) {
  const MachineModel &m = ev.world.model;
  unsigned w = bits.get_sort().bv_size();
  if (isXmmType(t)) {
    if (w > m.fprWidth)
      throw EvalError{"no " + t + " values in the " + m.isa + " model"};
    if (w == m.fprWidth)
      return bits;
    if (m.f32NanBoxed && t == "f32") // the box is part of the value, in and out
      return z3::concat(~ev.bv(0, m.fprWidth - w), bits);
    return z3::concat(xmmUpperFree ? ev.fresh("xmm_upper", m.fprWidth - w) : ev.bv(0, m.fprWidth - w), bits);
  }
  if (w == 64)
    return bits;
  return m.i32SignExtended ? z3::sext(bits, 64 - w) : z3::zext(bits, 64 - w);
}

} // namespace wasmaot::verify

namespace wasmaot::verify {

z3::expr Evaluator::trapCodeBits(const Val &code) {
  if (code.k == Val::K::BV)
    return code.e->extract(7, 0);
  std::string n = asName(code, "trap code");
  if (n == "crash")
    return bv(kCrashCode, 8);
  auto t = rs.typeIndex.find("TrapCode");
  if (t != rs.typeIndex.end()) {
    const auto &ens = rs.types[t->second].enumerators;
    for (size_t k = 0; k < ens.size(); ++k)
      if (ens[k].first == n)
        return bv(k + 1, 8);
  }
  throw EvalError{"unknown trap code '" + n + "'"};
}

Val Evaluator::callNamed(const std::string &name, std::vector<Val> args) {
  auto d = rs.semDefIndex.find(name);
  if (d == rs.semDefIndex.end())
    throw EvalError{"the semantics files define no '" + name + "'"};
  return callDef(rs.semDefs[d->second], std::move(args));
}

} // namespace wasmaot::verify

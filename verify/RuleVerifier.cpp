// RuleVerifier: loads rule programs with wasmaot-rulec's checker, enumerates
// each rule's instantiations, states "the machine result equals the IR
// result" (values, traps, memory, i32 invariant) and asks Z3 for a
// counterexample. Results are cached per rule (a proven rule is not evaluated
// again), per instantiation and path, and per query (Cache.cpp).
#include "Cache.h"
#include "Instance.h"
#include "Verifier.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <cctype>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

namespace wasmaot::verify {

z3::expr fpIsNanBits(Evaluator &ev, const z3::expr &b);
z3::expr fpIsCanonicalBits(Evaluator &ev, const z3::expr &b);

namespace {

struct LoadedProgram {
  ProgramSpec spec;
  rulec::RuleSet rs;
  rulec::Diag diag;
};

bool readFile(const std::string &path, std::string &out) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

bool load(LoadedProgram &p, std::string &error) {
  for (const std::string &f : p.spec.files) {
    std::string text;
    if (!readFile(f, text)) {
      error = "cannot read " + f;
      return false;
    }
    uint32_t id = p.diag.addFile(f);
    p.rs.forms.push_back(std::make_unique<std::vector<rulec::SExpr>>());
    if (!rulec::parseSExprs(text, id, p.diag, *p.rs.forms.back())) {
      error = p.diag.text();
      return false;
    }
  }
  if (!rulec::buildRuleSet(p.rs, p.diag)) {
    error = p.diag.text();
    return false;
  }
  return true;
}

std::string hex(const z3::expr &v) {
  z3::expr s = v.simplify();
  if (s.is_bool())
    return s.is_true() ? "true" : s.is_false() ? "false" : s.to_string();
  if (!s.is_bv())
    return s.to_string();
  std::string bits;
  if (s.is_numeral()) {
    std::string dec = s.get_decimal_string(0);
    // Print as 0x.. of the value's width.
    unsigned w = s.get_sort().bv_size();
    std::string out;
    // Convert decimal string to hex by repeated division.
    std::string n = dec;
    while (!(n.size() == 1 && n[0] == '0')) {
      std::string q;
      int rem = 0;
      for (char c : n) {
        int cur = rem * 10 + (c - '0');
        q += char('0' + cur / 16);
        rem = cur % 16;
      }
      out += "0123456789abcdef"[rem];
      size_t nz = q.find_first_not_of('0');
      n = nz == std::string::npos ? "0" : q.substr(nz);
    }
    while (out.size() < (w + 3) / 4)
      out += '0';
    std::reverse(out.begin(), out.end());
    return "0x" + out;
  }
  return s.to_string();
}

/// The text of every definition the proof read, for the cache key.
std::string usedText(const rulec::RuleSet &rs, const std::set<std::string> &used) {
  std::string s;
  for (const std::string &u : used) {
    s += u + "=";
    std::string name = u.substr(u.find(' ') + 1);
    if (u.rfind("term ", 0) == 0) {
      auto it = rs.termIndex.find(name);
      if (it != rs.termIndex.end() && rs.terms[it->second].semantics)
        s += rulec::printSExpr(*rs.terms[it->second].semantics);
    } else {
      auto it = rs.semDefIndex.find(name);
      if (it != rs.semDefIndex.end()) {
        const rulec::SemDef &d = rs.semDefs[it->second];
        for (auto &a : d.args)
          s += a + " ";
        s += rulec::printSExpr(*d.body);
      }
    }
    s += "\n";
  }
  return s;
}

struct Outcome {
  bool pass = false;
  bool infeasible = false;
  bool cached = false;
  std::string message;
};

/// The comparison of the two sides: traps agree; without a trap the values
/// (and the i32 invariant) and the memory agree.
/// The two obligations: `traps` (both sides trap under the same inputs, with
/// the same code) and the returned one (without a trap, the values, the i32
/// invariant and the memory agree). Proven separately: their conjunction is the
/// rule's equivalence.
z3::expr equivalence(InstanceBuilder &b, const std::string &output, z3::expr &valueEq, z3::expr &traps) {
  z3::context &z = b.ir.z;
  Evaluator &m = b.mach;
  const State &is = b.ir.state, &ms = b.mach.state;
  z3::expr trapsEq = is.trapped == ms.trapped && z3::implies(is.trapped, is.code == ms.code);
  valueEq = z.bool_val(true);
  const Val &iv = b.irResult, &mv = b.machResult;
  if (output == "CC") {
    z3::expr holds = m.asBool(m.callNamed("cc_holds", {mv}), "cc_holds");
    valueEq = holds == (m.asBV(iv, "comparison") != m.bv(0, iv.width()));
  } else if (output == "Amode") {
    // The address program (x86-64 addr.rules): the record's address is the
    // zero-extended i32 value (a record with `asize a32` computes its sum modulo
    // 2^32). Consumers (heap_addr under Segue) rely on nothing else (addr32_of,
    // terms-mem.sem). The segment is the consumer's to add.
    if (mv.k != Val::K::Rec || b.irResultType != "i32")
      throw EvalError{"an address rule's result is not an address record of an i32 value"};
    if (const Val *seg = mv.field("seg"); seg && !(seg->k == Val::K::Enum && seg->name == "none"))
      throw EvalError{"an address rule's record sets 'seg' (its consumer does)"};
    valueEq = effectiveAddress(m, mv) == z3::zext(m.asBV(iv, 32, "IR result"), 32);
  } else if (!b.irResultType.empty()) {
    const std::string &t = b.irResultType;
    if (mv.k != Val::K::BV)
      throw EvalError{"the rule's result is not a register"};
    z3::expr r = *mv.e;
    unsigned w = Evaluator::typeWidth(t);
    if (b.world.model.isa == "mid") {
      // A mid-end rule (passes/rules/): the replacement is IR of the same type,
      // equal bit for bit. Float results would need the NaN relation; no
      // mid-end rule has one yet.
      if (iv.k != Val::K::BV || r.get_sort().bv_size() != w)
        throw EvalError{"a mid-end rule's result is not an integer of the pattern's type"};
      valueEq = r == *iv.e;
    } else if (isXmmType(t)) {
      const MachineModel &model = b.world.model;
      if (r.get_sort().bv_size() != model.fprWidth || w > model.fprWidth)
        throw EvalError{"a float result in a general-purpose register"};
      z3::expr low = w == model.fprWidth ? r : r.extract(w - 1, 0);
      if (iv.k == Val::K::Fp) {
        z3::expr nanOk = fpIsNanBits(m, low) && low.extract(w == 32 ? 22 : 51, w == 32 ? 22 : 51) == m.bv(1, 1) &&
                         z3::implies(*iv.canon, fpIsCanonicalBits(m, low));
        valueEq = z3::ite(iv.e->mk_is_nan(), nanOk, low == fpToBits(m, *iv.e));
      } else {
        valueEq = low == m.asBV(iv, w, "IR result");
      }
      // Upper bits are ignored on output, except a NaN box (RV64 f32).
      if (model.f32NanBoxed && t == "f32")
        valueEq = valueEq && r.extract(model.fprWidth - 1, w) == ~m.bv(0, model.fprWidth - w);
    } else {
      if (r.get_sort().bv_size() != 64)
        throw EvalError{"an integer result in an xmm register"};
      valueEq = r == machineRepr(m, t, m.asBV(iv, w, "IR result"), false);
    }
  }
  // Memory: when both sides wrote the same number of bytes, the same bytes at
  // the same addresses in the same order is enough (and cheap); otherwise the
  // memories are compared as arrays.
  z3::expr memEq = z.bool_val(true);
  if (is.writesMerged && ms.writesMerged && is.writes.size() == ms.writes.size()) {
    for (size_t k = 0; k < is.writes.size(); ++k) {
      const State::Write &a = is.writes[k], &w = ms.writes[k];
      memEq = memEq && a.live == w.live && z3::implies(a.live, a.addr == w.addr && a.byte == w.byte);
    }
  } else {
    memEq = is.mem == ms.mem;
  }
  traps = trapsEq;
  return z3::implies(!is.trapped, valueEq && memEq);
}

std::string counterexample(InstanceBuilder &b, z3::model &model, const std::string &output) {
  std::string s;
  auto ev = [&](const z3::expr &e) { return hex(model.eval(e, true)); };
  for (auto &[name, v] : b.inputs)
    if (v.e)
      s += "    " + name + " = " + ev(*v.e) + "\n";
  const State &is = b.ir.state, &ms = b.mach.state;
  std::string irRes = "unit";
  if (b.irResult.k == Val::K::Fp)
    irRes = model.eval(b.irResult.e->mk_is_nan(), true).is_true() ? "NaN" : ev(fpToBits(b.ir, *b.irResult.e));
  else if (b.irResult.e)
    irRes = ev(*b.irResult.e);
  std::string mRes = "unit";
  if (b.machResult.e)
    mRes = ev(*b.machResult.e);
  else if (b.machResult.k == Val::K::Rec && output == "CC")
    mRes = "cc " + ev(*b.machResult.field("cc")->e) + " parity " + ev(*b.machResult.field("par")->e) +
           " holds=" + ev(b.mach.asBool(b.mach.callNamed("cc_holds", {b.machResult}), "cc"));
  s += "    IR:      " + (model.eval(is.trapped, true).is_true() ? "trap " + ev(is.code) : irRes) + "\n";
  const char *side = b.world.model.isa == "mid" ? "    replacement: " : "    machine: "; // mid-end: IR both sides
  s += side + (model.eval(ms.trapped, true).is_true() ? "trap " + ev(ms.code) : mRes) + "\n";
  if (!model.eval(is.mem == ms.mem, true).is_true())
    s += "    memory differs after the instruction\n";
  return s;
}

/// `text` with the names Z3 makes up (let variables ?xN/$xN/a!N, fresh
/// constants NAME!N) renumbered in order of first appearance: alpha-equivalent
/// formulas built in different orders print the same. A bijective renaming, so
/// equal canonical texts are equisatisfiable formulas.
std::string canonicalSmt2(const std::string &text) {
  std::string out;
  out.reserve(text.size());
  std::map<std::string, unsigned> names;
  std::map<std::string, unsigned> perPrefix;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    auto isName = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '!' || ch == '?' || ch == '$' || ch == '.'; };
    if (isName(c) && (i == 0 || !isName(text[i - 1]))) {
      size_t j = i;
      while (j < text.size() && isName(text[j]))
        ++j;
      std::string tok = text.substr(i, j - i);
      // ?x12 $x12 (let names), a!3 (let names of to_string), foo!17 (fresh).
      size_t bang = tok.rfind('!');
      std::string prefix;
      bool numbered = false;
      if ((tok[0] == '?' || tok[0] == '$') && tok.size() > 2 && std::isdigit(static_cast<unsigned char>(tok[2]))) {
        prefix = tok.substr(0, 2), numbered = true;
      } else if (bang != std::string::npos && bang > 0 && bang + 1 < tok.size() &&
                 tok.find_first_not_of("0123456789", bang + 1) == std::string::npos) {
        prefix = tok.substr(0, bang + 1), numbered = true;
      }
      if (numbered) {
        auto it = names.find(tok);
        if (it == names.end())
          it = names.emplace(tok, perPrefix[prefix]++).first;
        out += prefix + std::to_string(it->second);
      } else {
        out += tok;
      }
      i = j;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

std::mutex gFormulaMu;
std::set<std::string> gProvenFormulas; // canonical formulas proven unsat in this process

bool formulaProven(const std::string &cacheDir, const std::string &formula) {
  {
    std::lock_guard<std::mutex> lock(gFormulaMu);
    if (gProvenFormulas.count(formula))
      return true;
  }
  std::string v;
  if (!cacheDir.empty() && cacheLookup(cacheDir, "formula\n" + formula, v) && v == "unsat") {
    std::lock_guard<std::mutex> lock(gFormulaMu);
    gProvenFormulas.insert(formula);
    return true;
  }
  return false;
}

void formulaStore(const std::string &cacheDir, const std::string &formula) {
  {
    std::lock_guard<std::mutex> lock(gFormulaMu);
    gProvenFormulas.insert(formula);
  }
  if (!cacheDir.empty())
    cacheStore(cacheDir, "formula\n" + formula, "unsat");
}

/// The IR types each back end has values of (docs/isa-*.md): x86-64 has v128
/// values, AArch64 refuses them (no SIMD translation yet), RISC-V has none.
const IrTyping &typingFor(const std::string &isa) {
  static const IrTyping x64{{"i32", "i64", "f32", "f64", "v128", "ref"}};
  static const IrTyping a64{{"i32", "i64", "f32", "f64", "ref"}};
  static const IrTyping rv64{{"i32", "i64", "f32", "f64", "ref"}};
  return isa == "aarch64" ? a64 : isa == "riscv64" ? rv64 : x64;
}

double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

/// s.check() with `ms` of this thread's CPU time rather than of wall-clock time
/// (Z3 solves in the calling thread): on a loaded machine a query that timed
/// out before using its CPU time is continued with the rest. Only when the
/// solver gives up is decided this way, never what it proves.
z3::check_result checkWithCpuBudget(z3::solver &s, z3::context &z, unsigned ms) {
  const double budget = ms / 1000.0, cpu0 = threadCpuSeconds();
  z3::check_result r = s.check();
  for (int round = 0; r == z3::unknown && round < 8; ++round) {
    const double used = threadCpuSeconds() - cpu0;
    const std::string why = s.reason_unknown();
    if (used > 0.9 * budget || (why.find("timeout") == std::string::npos && why.find("canceled") == std::string::npos))
      break;
    z3::params prm(z);
    prm.set("timeout", unsigned(std::max(1000.0, (budget - used) * 1000)));
    s.set(prm);
    r = s.check();
  }
  return r;
}

/// Proves one path of one instantiation (the choices of `chooser` and `paths`).
/// `skip`: path signatures already proven (by the abstract run): such a path
/// passes without a query.
Outcome proveOne(z3::context &z, LoadedProgram &p, const rulec::Rule &rule, Chooser &chooser, Chooser &paths,
                 const VerifyOptions &opt, const std::string &modelKey, std::string &label, std::string &sig,
                 bool abstract, const std::set<std::string> *skip = nullptr) {
  Outcome o;
  InstanceBuilder b(z, p.rs, rule, typingFor(p.spec.isa), chooser, MachineModel::of(p.spec.isa),
                    opt.splitPaths ? &paths : nullptr);
  b.ir.abstractArith = b.mach.abstractArith = abstract;
  b.world.cacheDir = opt.cacheDir;
  sig.clear();
  try {
    b.build();
  } catch (const Infeasible &) {
    label = chooser.label();
    o.infeasible = true;
    return o;
  } catch (const EvalError &e) {
    label = chooser.label();
    if (e.message.rfind("infeasible", 0) == 0) {
      o.infeasible = true;
      return o;
    }
    o.message = "cannot evaluate: " + e.message;
    return o;
  }
  label = chooser.label();
  // The path: the conditions of the compile-time branches taken, as text.
  for (auto &pc : b.world.pathConds)
    sig += pc.to_string() + "\n";
  if (skip && skip->count(sig)) {
    o.pass = true;
    o.cached = true;
    return o;
  }
  const std::string output = p.rs.outputType >= 0 ? p.rs.types[p.rs.outputType].name : "";
  z3::expr valueEq = z.bool_val(true), traps = z.bool_val(true);
  z3::expr ok = z.bool_val(true);
  try {
    ok = equivalence(b, output, valueEq, traps);
  } catch (const EvalError &e) {
    o.message = "cannot compare: " + e.message;
    return o;
  }
  // Without an abstracted operation the abstract query is the real one: ask it once, below.
  if (abstract && b.ir.abstractUses + b.mach.abstractUses == 0) {
    o.message = "abstract";
    return o;
  }
  // Cache key: the model, the rule, this instantiation and path, and every definition read.
  std::set<std::string> used = b.ir.used;
  used.insert(b.mach.used.begin(), b.mach.used.end());
  std::string key = modelKey + (abstract ? "\nabstract\n" : "\n") + p.spec.name + "\n" + rulec::printSExpr(*rule.source) +
                    "\n" + label + "\n" + sig + "\n" + usedText(p.rs, used);
  std::string cached;
  if (!opt.cacheDir.empty() && cacheLookup(opt.cacheDir, key, cached)) {
    o.cached = true;
    o.pass = cached == "pass";
    if (!o.pass)
      o.message = cached.substr(cached.find('\n') + 1);
    return o;
  }
  z3::check_result r = z3::unsat;
  std::string reason;
  std::optional<z3::model> model;
  for (const z3::expr &goal : {traps, ok}) {
    z3::solver s(z);
    z3::params prm(z);
    prm.set("timeout", abstract ? std::min(opt.timeoutMs, 20000u) : opt.timeoutMs);
    s.set(prm);
    for (auto &a : b.preconditions)
      s.add(a);
    for (auto &a : b.ir.assumptions)
      s.add(a);
    for (auto &a : b.mach.assumptions)
      s.add(a);
    for (auto &a : b.world.pathConds)
      s.add(a);
    s.add(!goal);
    // The same formula (up to names) is often the obligation of several
    // instantiations: e.g. the bounds check of every access of one size.
    const std::string formula = canonicalSmt2(s.to_smt2());
    if (formulaProven(opt.cacheDir, formula))
      continue;
    if (const char *dump = std::getenv("WASMAOT_VERIFY_DUMP")) {
      std::string f = std::string(dump) + "/" + rule.name + "." + (abstract ? "abs." : "") + hashText(formula) + ".smt2";
      std::ofstream(f) << "; " << label << "\n; " << std::regex_replace(sig, std::regex("\n"), "\n; ") << "\n"
                       << s.to_smt2();
    }
    r = checkWithCpuBudget(s, z, abstract ? std::min(opt.timeoutMs, 20000u) : opt.timeoutMs);
    if (r == z3::unsat) {
      formulaStore(opt.cacheDir, formula);
      continue;
    }
    if (r == z3::sat)
      model = s.get_model();
    else
      reason = s.reason_unknown();
    break;
  }
  if (abstract) {
    // Only a proof counts here; anything else is decided with the real operations.
    o.pass = r == z3::unsat;
    o.message = "abstract";
    if (!opt.cacheDir.empty())
      cacheStore(opt.cacheDir, key, o.pass ? "pass" : "fail\nabstract");
    return o;
  }
  if (r == z3::unsat) {
    o.pass = true;
  } else if (r == z3::sat) {
    o.message = "counterexample:\n" + counterexample(b, *model, output);
  } else {
    o.message = "solver gave up: " + reason;
  }
  if (!opt.cacheDir.empty() && r != z3::unknown)
    cacheStore(opt.cacheDir, key, o.pass ? "pass" : "fail\n" + o.message);
  return o;
}

/// What every cache key starts with: the verifier's logic (a hash of its
/// sources) and the solver's version.
std::string verifierKey() { return std::string(verifierVersion()) + " z3 " + Z3_get_full_version(); }

/// The text of every form of the program's files except its rules: the types,
/// terms, extractors, conversions, IR semantics, machine semantics, forms and
/// helpers, printed without comments. A rule's proof reads nothing else of
/// the program but its own text (no rule looks at another rule), so a rule
/// whose text and whose program's declarations are unchanged has the same
/// instantiations, formulas and outcome.
std::string declarationsText(const LoadedProgram &p) {
  std::string s;
  for (const auto &file : p.rs.forms)
    for (const rulec::SExpr &form : *file)
      if (!form.isForm("rule"))
        s += rulec::printSExpr(form) + "\n";
  return s;
}

/// The key of a rule's own cache entry: the verifier, the machine model (ISA),
/// the program, how paths are split, the hash of the program's declarations
/// (declarationsText) and the rule's text. Only a proven rule is stored; its
/// value is "pass\nINSTANTIATIONS PATHS".
std::string ruleKey(const std::string &verifier, const LoadedProgram &p, const std::string &declarationsHash,
                    const rulec::Rule &rule, const VerifyOptions &opt) {
  static const bool splitAll = std::getenv("WASMAOT_VERIFY_SPLIT_ALL") != nullptr;
  return "rule\n" + verifier + "\n" + p.spec.isa + "\n" + p.spec.name + "\n" +
         (opt.splitPaths ? splitAll ? "split all" : "split" : "merged") + "\n" + declarationsHash + "\n" +
         rulec::printSExpr(*rule.source);
}

/// One instantiation's outcome over all its paths.
struct InstOutcome {
  unsigned paths = 0; ///< feasible paths (0: the instantiation is not valid IR)
  bool cached = false;
  std::string log;    ///< the --verbose line
  std::vector<std::string> failures;
};

/// Proves every path of the instantiation `choices` of `rule`: first with
/// abstract arithmetic; the paths not proven so are decided with the real
/// operations.
InstOutcome proveInstantiation(LoadedProgram &p, const rulec::Rule &rule, const std::vector<unsigned> &choices,
                               const VerifyOptions &opt, const std::string &modelKey) {
  z3::context z;
  Chooser chooser;
  auto t0 = std::chrono::steady_clock::now();
  std::string label, sig;
  unsigned queries = 0, cachedQueries = 0;
  bool needConcrete = false;
  InstOutcome res;
  std::set<std::string> proven;
  Chooser paths;
  do {
    chooser.preset(choices);
    paths.restart();
    Outcome o = proveOne(z, p, rule, chooser, paths, opt, modelKey, label, sig, /*abstract=*/true);
    if (o.infeasible)
      continue;
    ++res.paths, ++queries;
    cachedQueries += o.cached;
    if (o.pass) {
      proven.insert(sig);
    } else if (o.message == "abstract") {
      needConcrete = true;
    } else {
      res.failures.push_back("  [" + label + (sig.empty() ? "" : " " + paths.label()) + "] " + o.message);
    }
  } while (paths.next());
  if (needConcrete) {
    Chooser paths2;
    do {
      chooser.preset(choices);
      paths2.restart();
      Outcome o = proveOne(z, p, rule, chooser, paths2, opt, modelKey, label, sig, /*abstract=*/false, &proven);
      if (o.infeasible || proven.count(sig))
        continue;
      ++queries;
      cachedQueries += o.cached;
      if (!o.pass)
        res.failures.push_back("  [" + label + (sig.empty() ? "" : " " + paths2.label()) + "] " + o.message);
    } while (paths2.next());
  }
  res.cached = queries && cachedQueries == queries;
  if (opt.verbose) {
    char t[32];
    std::snprintf(t, sizeof t, " %.2fs", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    res.log = std::string(res.failures.empty() ? "  ok   " : "  FAIL ") + label + " (" + std::to_string(res.paths) +
              " path" + (res.paths == 1 ? "" : "s") + (res.cached ? ", cached" : "") + ")" + t;
  }
  return res;
}

/// The number of distinct nodes of `e` (a cost estimate for scheduling).
size_t dagSize(const z3::expr &root) {
  std::set<unsigned> seen;
  std::vector<z3::expr> todo{root};
  while (!todo.empty()) {
    z3::expr e = todo.back();
    todo.pop_back();
    if (!seen.insert(e.id()).second || !e.is_app())
      continue;
    for (unsigned k = 0; k < e.num_args(); ++k)
      todo.push_back(e.arg(k));
  }
  return seen.size();
}

/// One instantiation to prove: its choice sequence and an estimate of its cost.
struct InstTask {
  size_t rule; ///< index into the rule tasks
  size_t index; ///< of the instantiation within its rule
  std::vector<unsigned> choices;
  size_t cost = 0;
  InstOutcome out;
  /// An evaluation error of the enumeration: the choice points after it were
  /// not seen, so the rule cannot pass even if the paths evaluate.
  std::string enumError, label;
};

/// The instantiations of `rule` (each built once, not solved). Every choice of
/// an instantiation is made while walking the pattern, before any semantics can
/// branch, so one path per instantiation sees them all: with path splitting the
/// first feasible arm of each compile-time branch (branches between different
/// enumerators, such as two instruction forms picked by an immediate, cannot be
/// merged), without it the merged branches.
void enumerateInstantiations(LoadedProgram &p, const rulec::Rule &rule, size_t ruleIndex, const VerifyOptions &opt,
                             std::vector<InstTask> &out) {
  z3::context z;
  Chooser chooser;
  const std::string output = p.rs.outputType >= 0 ? p.rs.types[p.rs.outputType].name : "";
  do {
    chooser.restart();
    Chooser firstPath; // never advanced: the first feasible arm of each split
    InstanceBuilder b(z, p.rs, rule, typingFor(p.spec.isa), chooser, MachineModel::of(p.spec.isa),
                      opt.splitPaths ? &firstPath : nullptr);
    b.world.cacheDir = opt.cacheDir;
    size_t cost = 0;
    std::string error;
    try {
      b.build();
      z3::expr valueEq = z.bool_val(true), traps = z.bool_val(true);
      z3::expr ok = equivalence(b, output, valueEq, traps);
      cost = dagSize(traps && ok);
    } catch (const Infeasible &) {
      continue;
    } catch (const EvalError &e) {
      if (e.message.rfind("infeasible", 0) == 0)
        continue;
      error = e.message;
    }
    out.push_back({ruleIndex, 0, chooser.choices(), cost, {}, error, chooser.label()});
  } while (chooser.next());
}

} // namespace

std::vector<ProgramSpec> programsFor(const std::string &isa, const std::string &root) {
  namespace fs = std::filesystem;
  std::vector<ProgramSpec> out;
  auto glob = [&](const std::string &dir, const std::string &prefix, const std::string &suffix) {
    std::vector<std::string> files;
    std::error_code ec;
    for (auto &e : fs::directory_iterator(root + "/" + dir, ec)) {
      std::string n = e.path().filename().string();
      if (n.rfind(prefix, 0) == 0 && n.size() >= suffix.size() &&
          n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
        files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
  };
  // isa, program name prefix (isa/<isa>/CMakeLists.txt's OUTPUT_NAMEs).
  static const std::pair<const char *, const char *> isas[] = {{"x64", "X64"}, {"aarch64", "A64"}, {"riscv64", "RV64"}};
  for (auto [name, prefix] : isas) {
    if (isa != name && isa != "all")
      continue;
    const std::string dir = std::string("isa/") + name;
    std::error_code ec;
    // An ISA's programs are verified once it has semantics (isa/<isa>/semantics/).
    if (!fs::is_directory(root + "/" + dir + "/semantics", ec))
      continue;
    std::string prelude = root + "/tools/rulec/prelude/ir.rules";
    std::string machine = root + "/" + dir + "/rules/machine.rules";
    std::vector<std::string> sem = glob(dir + "/semantics", "", ".sem");
    // The same files as isa/<isa>/CMakeLists.txt gives each program.
    ProgramSpec lower{name, std::string(prefix) + "Lower", {prelude, machine}};
    for (auto &f : glob(dir + "/rules", "lower", ".rules"))
      lower.files.push_back(f);
    for (auto &f : glob(dir + "/rules", "float.rules", ".rules"))
      lower.files.push_back(f);
    lower.files.insert(lower.files.end(), sem.begin(), sem.end());
    ProgramSpec cond{name, std::string(prefix) + "Cond", {prelude, machine}};
    for (auto &f : glob(dir + "/rules", "cond", ".rules"))
      cond.files.push_back(f);
    cond.files.insert(cond.files.end(), sem.begin(), sem.end());
    out.push_back(lower);
    out.push_back(cond);
    // The address program (x86-64 only so far: Segue's 32-bit addresses).
    ProgramSpec addr{name, std::string(prefix) + "Addr", {prelude, machine}};
    for (auto &f : glob(dir + "/rules", "addr", ".rules"))
      addr.files.push_back(f);
    if (addr.files.size() > 2) {
      addr.files.insert(addr.files.end(), sem.begin(), sem.end());
      out.push_back(addr);
    }
  }
  // The mid-end simplification rules (passes/CMakeLists.txt's MidSimplify):
  // IR to IR, so no machine model and no semantics files.
  if (isa == "mid" || isa == "all") {
    ProgramSpec mid{"mid", "MidSimplify", {root + "/tools/rulec/prelude/ir.rules"}};
    for (auto &f : glob("passes/rules", "", ".rules"))
      mid.files.push_back(f);
    if (mid.files.size() > 1)
      out.push_back(mid);
  }
  return out;
}

Report verifyPrograms(const std::vector<ProgramSpec> &programs, const VerifyOptions &opt,
                      const std::function<void(const RuleResult &)> &progress) {
  Report report;
  std::vector<std::unique_ptr<LoadedProgram>> loaded;
  std::set<std::string> attached; // "isa term": an ISA's semantics attach to that ISA's terms
  std::vector<std::pair<std::string, std::string>> unattached;
  for (const ProgramSpec &spec : programs) {
    auto p = std::make_unique<LoadedProgram>();
    p->spec = spec;
    std::string error;
    if (!load(*p, error)) {
      report.error += spec.name + ": " + error;
      return report;
    }
    for (auto &t : p->rs.terms)
      attached.insert(spec.isa + " " + t.name);
    for (auto &[name, loc] : p->rs.unattached)
      unattached.emplace_back(spec.isa + " " + name, p->diag.where(loc));
    loaded.push_back(std::move(p));
  }
  for (auto &[name, where] : unattached)
    if (opt.checkUnattached && !attached.count(name))
      report.error += where + ": semantics-of names no term of any program of its ISA: '" +
                      name.substr(name.find(' ') + 1) + "'\n";
  if (!report.error.empty())
    return report;
  if (!opt.cacheDir.empty())
    std::filesystem::create_directories(opt.cacheDir);
  const std::string modelKey = verifierKey();
  struct Task {
    LoadedProgram *p;
    const rulec::Rule *rule;
  };
  std::vector<Task> tasks;
  for (auto &p : loaded)
    for (const rulec::Rule &r : p->rs.rules)
      if ((opt.rule.empty() || r.name == opt.rule) &&
          (opt.onlyFrom.empty() || p->diag.file(r.loc.file) == opt.onlyFrom))
        tasks.push_back({p.get(), &r});
  report.results.resize(tasks.size());
  // 0. A rule proven before, unchanged with everything it reads, passes from
  //    its own cache entry without being evaluated. Not with --verbose (which
  //    lists the instantiations) or a query dump (which wants the queries).
  const bool ruleCache = !opt.cacheDir.empty() && !opt.verbose && !std::getenv("WASMAOT_VERIFY_DUMP");
  std::map<const LoadedProgram *, std::string> declarationsHash;
  if (ruleCache)
    for (auto &p : loaded)
      declarationsHash[p.get()] = hashText(declarationsText(*p));
  std::vector<std::string> ruleKeys(tasks.size());
  std::vector<std::optional<RuleResult>> cachedRule(tasks.size());
  for (size_t i = 0; ruleCache && i < tasks.size(); ++i) {
    ruleKeys[i] = ruleKey(modelKey, *tasks[i].p, declarationsHash[tasks[i].p], *tasks[i].rule, opt);
    std::string v;
    unsigned inst = 0, paths = 0;
    if (cacheLookup(opt.cacheDir, ruleKeys[i], v) && std::sscanf(v.c_str(), "pass\n%u %u", &inst, &paths) == 2 &&
        inst > 0) {
      RuleResult r;
      r.instantiations = r.cached = inst;
      r.paths = paths;
      cachedRule[i] = r;
    }
  }
  const unsigned jobs = std::max(1u, opt.jobs);
  auto runParallel = [&](size_t n, const std::function<void(size_t)> &f) {
    std::atomic<size_t> next{0};
    std::vector<std::thread> threads;
    for (unsigned j = 0; j < jobs; ++j)
      threads.emplace_back([&] {
        for (size_t i; (i = next++) < n;)
          f(i);
      });
    for (auto &t : threads)
      t.join();
  };
  // 1. The instantiations of every rule (cheap: evaluation only).
  std::vector<std::vector<InstTask>> perRule(tasks.size());
  std::vector<double> ruleSeconds(tasks.size(), 0);
  runParallel(tasks.size(), [&](size_t i) {
    if (cachedRule[i])
      return;
    auto t0 = std::chrono::steady_clock::now();
    enumerateInstantiations(*tasks[i].p, *tasks[i].rule, i, opt, perRule[i]);
    ruleSeconds[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  });
  // 2. Every instantiation of every rule is one unit of work, the largest
  //    obligations first (so that the slowest do not start last).
  std::vector<InstTask *> order;
  std::vector<size_t> remaining(tasks.size());
  for (size_t i = 0; i < tasks.size(); ++i) {
    remaining[i] = perRule[i].size();
    for (size_t k = 0; k < perRule[i].size(); ++k)
      perRule[i][k].index = k, order.push_back(&perRule[i][k]);
  }
  std::stable_sort(order.begin(), order.end(), [](const InstTask *a, const InstTask *b) { return a->cost > b->cost; });
  std::mutex mu;
  auto finish = [&](size_t i) { // all instantiations of rule i are done (mu held)
    const rulec::Rule &rule = *tasks[i].rule;
    RuleResult res;
    res.program = tasks[i].p->spec.name;
    res.rule = rule.name;
    res.loc = tasks[i].p->diag.where(rule.loc);
    res.seconds = ruleSeconds[i];
    if (cachedRule[i]) {
      res.instantiations = cachedRule[i]->instantiations;
      res.paths = cachedRule[i]->paths;
      res.cached = cachedRule[i]->cached;
      report.results[i] = res;
      if (progress)
        progress(res);
      return;
    }
    std::vector<std::string> failures;
    for (InstTask &t : perRule[i]) {
      if (t.out.paths == 0 && t.out.failures.empty())
        continue;
      ++res.instantiations;
      res.paths += t.out.paths;
      res.cached += t.out.cached;
      if (opt.verbose)
        res.log.push_back(t.out.log);
      for (auto &f : t.out.failures)
        if (failures.size() < 3)
          failures.push_back(f);
    }
    if (!failures.empty()) {
      res.status = RuleResult::Status::Failed;
      for (auto &f : failures)
        res.detail += f + (f.back() == '\n' ? "" : "\n");
    } else if (res.instantiations == 0) {
      res.status = RuleResult::Status::Skipped;
      res.detail = "no instantiation is valid IR for the " + tasks[i].p->spec.isa + " back end";
    } else if (ruleCache) {
      // Proven: every instantiation and path passed (a failure, an evaluation
      // error or a solver timeout is never stored).
      cacheStore(opt.cacheDir, ruleKeys[i], "pass\n" + std::to_string(res.instantiations) + " " + std::to_string(res.paths));
    }
    report.results[i] = res;
    if (progress)
      progress(res);
  };
  for (size_t i = 0; i < tasks.size(); ++i)
    if (remaining[i] == 0)
      finish(i);
  runParallel(order.size(), [&](size_t k) {
    InstTask &t = *order[k];
    auto t0 = std::chrono::steady_clock::now();
    t.out = proveInstantiation(*tasks[t.rule].p, *tasks[t.rule].rule, t.choices, opt, modelKey);
    if (!t.enumError.empty() && t.out.failures.empty())
      t.out.failures.push_back("  [" + t.label + "] cannot evaluate with merged branches: " + t.enumError);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::lock_guard<std::mutex> lock(mu);
    ruleSeconds[t.rule] += secs; // solver time of the rule (its instantiations may run in parallel)
    if (--remaining[t.rule] == 0)
      finish(t.rule);
  });
  return report;
}

} // namespace wasmaot::verify

// RuleVerifier: loads rule programs with wasmaot-rulec's checker, enumerates
// each rule's instantiations, states "the machine result equals the IR
// result" (values, traps, memory, i32 invariant) and asks Z3 for a
// counterexample. Results are cached per instantiation (Cache.cpp).
#include "Cache.h"
#include "Instance.h"
#include "Verifier.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
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
z3::expr equivalence(InstanceBuilder &b, const std::string &output, z3::expr &valueEq) {
  z3::context &z = b.ir.z;
  Evaluator &m = b.mach;
  const State &is = b.ir.state, &ms = b.mach.state;
  z3::expr trapsEq = is.trapped == ms.trapped && z3::implies(is.trapped, is.code == ms.code);
  valueEq = z.bool_val(true);
  const Val &iv = b.irResult, &mv = b.machResult;
  if (output == "CC") {
    z3::expr holds = m.asBool(m.callNamed("cc_holds", {mv}), "cc_holds");
    valueEq = holds == (m.asBV(iv, "comparison") != m.bv(0, iv.width()));
  } else if (!b.irResultType.empty()) {
    const std::string &t = b.irResultType;
    if (mv.k != Val::K::BV)
      throw EvalError{"the rule's result is not a register"};
    z3::expr r = *mv.e;
    unsigned w = Evaluator::typeWidth(t);
    if (isXmmType(t)) {
      if (r.get_sort().bv_size() != 128)
        throw EvalError{"a float result in a general-purpose register"};
      z3::expr low = w == 128 ? r : r.extract(w - 1, 0);
      if (iv.k == Val::K::Fp) {
        z3::expr nanOk = fpIsNanBits(m, low) && low.extract(w == 32 ? 22 : 51, w == 32 ? 22 : 51) == m.bv(1, 1) &&
                         z3::implies(*iv.canon, fpIsCanonicalBits(m, low));
        valueEq = z3::ite(iv.e->mk_is_nan(), nanOk, low == fpToBits(m, *iv.e));
      } else {
        valueEq = low == m.asBV(iv, w, "IR result");
      }
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
  return trapsEq && z3::implies(!is.trapped, valueEq && memEq);
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
  s += "    machine: " + (model.eval(ms.trapped, true).is_true() ? "trap " + ev(ms.code) : mRes) + "\n";
  if (!model.eval(is.mem == ms.mem, true).is_true())
    s += "    memory differs after the instruction\n";
  return s;
}

Outcome proveOne(z3::context &z, LoadedProgram &p, const rulec::Rule &rule, Chooser &chooser,
                 const VerifyOptions &opt, const std::string &modelKey, std::string &label, bool abstract) {
  Outcome o;
  static const IrTyping typing{{"i32", "i64", "f32", "f64", "v128", "ref"}};
  InstanceBuilder b(z, p.rs, rule, typing, chooser);
  b.ir.abstractArith = b.mach.abstractArith = abstract;
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
  const std::string output = p.rs.outputType >= 0 ? p.rs.types[p.rs.outputType].name : "";
  z3::expr valueEq = z.bool_val(true);
  z3::expr ok = z.bool_val(true);
  try {
    ok = equivalence(b, output, valueEq);
  } catch (const EvalError &e) {
    o.message = "cannot compare: " + e.message;
    return o;
  }
  // Cache key: the model, the rule, this instantiation and every definition read.
  std::set<std::string> used = b.ir.used;
  used.insert(b.mach.used.begin(), b.mach.used.end());
  std::string key = modelKey + (abstract ? "\nabstract\n" : "\n") + p.spec.name + "\n" + rulec::printSExpr(*rule.source) + "\n" + label + "\n" +
                    usedText(p.rs, used);
  std::string cached;
  if (!opt.cacheDir.empty() && cacheLookup(opt.cacheDir, key, cached)) {
    o.cached = true;
    o.pass = cached == "pass";
    if (!o.pass)
      o.message = cached.substr(cached.find('\n') + 1);
    return o;
  }
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
  s.add(!ok);
  z3::check_result r = s.check();
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
    z3::model model = s.get_model();
    o.message = "counterexample:\n" + counterexample(b, model, output);
  } else {
    o.message = "solver gave up: " + s.reason_unknown();
  }
  if (!opt.cacheDir.empty() && r != z3::unknown)
    cacheStore(opt.cacheDir, key, o.pass ? "pass" : "fail\n" + o.message);
  return o;
}

RuleResult verifyRule(LoadedProgram &p, const rulec::Rule &rule, const VerifyOptions &opt,
                      const std::string &modelKey) {
  RuleResult res;
  res.program = p.spec.name;
  res.rule = rule.name;
  res.loc = p.diag.where(rule.loc);
  auto start = std::chrono::steady_clock::now();
  z3::context z;
  Chooser chooser;
  std::vector<std::string> failures;
  do {
    chooser.restart();
    std::string label;
    Outcome o = proveOne(z, p, rule, chooser, opt, modelKey, label, /*abstract=*/true);
    if (o.infeasible)
      continue;
    if (!o.pass && o.message == "abstract") {
      chooser.restart();
      bool cachedAbstract = o.cached;
      o = proveOne(z, p, rule, chooser, opt, modelKey, label, /*abstract=*/false);
      o.cached = o.cached && cachedAbstract;
    }
    ++res.instantiations;
    if (o.cached)
      ++res.cached;
    if (opt.verbose)
      res.log.push_back(std::string(o.pass ? "  ok   " : "  FAIL ") + label + (o.cached ? " (cached)" : ""));
    if (!o.pass && failures.size() < 3)
      failures.push_back("  [" + label + "] " + o.message);
  } while (chooser.next());
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!failures.empty()) {
    res.status = RuleResult::Status::Failed;
    for (auto &f : failures)
      res.detail += f + (f.back() == '\n' ? "" : "\n");
  } else if (res.instantiations == 0) {
    res.status = RuleResult::Status::Skipped;
    res.detail = "no instantiation is valid IR for the x86-64 back end";
  }
  return res;
}

std::string modelKeyOfExecutable() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec)
    return "unknown";
  auto size = std::filesystem::file_size(exe, ec);
  auto time = std::filesystem::last_write_time(exe, ec).time_since_epoch().count();
  return exe.string() + ":" + std::to_string(size) + ":" + std::to_string(time);
}

} // namespace

std::vector<ProgramSpec> programsFor(const std::string &isa, const std::string &root) {
  namespace fs = std::filesystem;
  std::vector<ProgramSpec> out;
  if (isa == "x64" || isa == "all") {
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
    std::string prelude = root + "/tools/rulec/prelude/ir.rules";
    std::string machine = root + "/isa/x64/rules/machine.rules";
    std::vector<std::string> sem = glob("isa/x64/semantics", "", ".sem");
    // The same files as isa/x64/CMakeLists.txt gives each program.
    ProgramSpec lower{"x64", "X64Lower", {prelude, machine}};
    for (auto &f : glob("isa/x64/rules", "lower", ".rules"))
      lower.files.push_back(f);
    for (auto &f : glob("isa/x64/rules", "float.rules", ".rules"))
      lower.files.push_back(f);
    lower.files.insert(lower.files.end(), sem.begin(), sem.end());
    ProgramSpec cond{"x64", "X64Cond", {prelude, machine}};
    for (auto &f : glob("isa/x64/rules", "cond", ".rules"))
      cond.files.push_back(f);
    cond.files.insert(cond.files.end(), sem.begin(), sem.end());
    out.push_back(lower);
    out.push_back(cond);
  }
  return out;
}

Report verifyPrograms(const std::vector<ProgramSpec> &programs, const VerifyOptions &opt,
                      const std::function<void(const RuleResult &)> &progress) {
  Report report;
  std::vector<std::unique_ptr<LoadedProgram>> loaded;
  std::set<std::string> attached;
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
      attached.insert(t.name);
    for (auto &[name, loc] : p->rs.unattached)
      unattached.emplace_back(name, p->diag.where(loc));
    loaded.push_back(std::move(p));
  }
  for (auto &[name, where] : unattached)
    if (opt.checkUnattached && !attached.count(name))
      report.error += where + ": semantics-of names no term of any program: '" + name + "'\n";
  if (!report.error.empty())
    return report;
  if (!opt.cacheDir.empty())
    std::filesystem::create_directories(opt.cacheDir);
  const std::string modelKey = modelKeyOfExecutable();
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
  std::atomic<size_t> next{0};
  std::mutex mu;
  auto worker = [&] {
    for (size_t i; (i = next++) < tasks.size();) {
      RuleResult r = verifyRule(*tasks[i].p, *tasks[i].rule, opt, modelKey);
      std::lock_guard<std::mutex> lock(mu);
      report.results[i] = r;
      if (progress)
        progress(r);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned j = 0; j < std::max(1u, opt.jobs); ++j)
    threads.emplace_back(worker);
  for (auto &t : threads)
    t.join();
  return report;
}

} // namespace wasmaot::verify

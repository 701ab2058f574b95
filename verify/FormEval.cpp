// FormEval: the semantics evaluated on concrete inputs, for the hardware check
// of the instruction semantics and the spec-testsuite check of the IR
// semantics (test/verify). The same interpreter as the proofs; every input is
// a constant, so Z3's simplifier computes the result.
#include "Eval.h"
#include "Verifier.h"

#include <fstream>
#include <sstream>

namespace wasmaot::verify {

struct FormSemantics::Impl {
  z3::context z;
  rulec::RuleSet rs;
  rulec::Diag diag;
};

FormSemantics::FormSemantics() : impl_(new Impl) {}
FormSemantics::~FormSemantics() { delete impl_; }

bool FormSemantics::load(const std::vector<std::string> &files, std::string &error) {
  for (const std::string &f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      error = "cannot read " + f;
      return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    uint32_t id = impl_->diag.addFile(f);
    impl_->rs.forms.push_back(std::make_unique<std::vector<rulec::SExpr>>());
    if (!rulec::parseSExprs(ss.str(), id, impl_->diag, *impl_->rs.forms.back())) {
      error = impl_->diag.text();
      return false;
    }
  }
  if (!rulec::buildRuleSet(impl_->rs, impl_->diag)) {
    error = impl_->diag.text();
    return false;
  }
  return true;
}

std::vector<std::string> FormSemantics::forms() const {
  std::vector<std::string> r;
  for (auto &d : impl_->rs.semDefs)
    if (d.kind == rulec::SemDef::Kind::Form)
      r.push_back(d.name);
  return r;
}

namespace {
bool constant(const z3::expr &e, uint64_t &v) {
  z3::expr s = e.simplify();
  return s.is_numeral_u64(v);
}
} // namespace

bool FormSemantics::eval(const std::string &id, const FormRun &run, FormResult &out, std::string &error) {
  z3::context &z = impl_->z;
  auto it = impl_->rs.semDefIndex.find(id);
  if (it == impl_->rs.semDefIndex.end() || impl_->rs.semDefs[it->second].kind != rulec::SemDef::Kind::Form) {
    error = "no semantics for form " + id;
    return false;
  }
  World world(z);
  Evaluator ev(z, impl_->rs, world);
  // Host memory: the bytes of run.mem at memAddr, zero elsewhere.
  z3::expr mem = z3::const_array(z.bv_sort(64), z.bv_val(0, 8));
  for (size_t k = 0; k < run.mem.size(); ++k)
    mem = z3::store(mem, z.bv_val(uint64_t(run.memAddr + k), 64), z.bv_val(unsigned(run.mem[k]), 8));
  ev.state.mem = mem;
  static const std::pair<const char *, unsigned> flagBits[] = {{"CF", 0}, {"PF", 2}, {"ZF", 6}, {"SF", 7}, {"OF", 11}};
  for (auto &[f, b] : flagBits)
    ev.state.flags.find(f)->second = z.bool_val((run.flags >> b) & 1);
  ev.state.regs["rax"] = Val::of(z.bv_val(run.rax, 64));
  ev.state.regs["rdx"] = Val::of(z.bv_val(run.rdx, 64));
  std::vector<Val> args;
  for (const FormOperand &o : run.ops) {
    switch (o.kind) {
    case FormOperand::Kind::Reg:
      args.push_back(Val::of(o.width == 128 ? z3::concat(z.bv_val(o.hi, 64), z.bv_val(o.lo, 64)) : z.bv_val(o.lo, 64)));
      break;
    case FormOperand::Kind::Imm: args.push_back(Val::of(z.bv_val(o.lo, o.width))); break;
    case FormOperand::Kind::Mem: {
      Val r;
      r.k = Val::K::Rec;
      r.rec = std::make_shared<std::vector<std::pair<std::string, Val>>>();
      r.rec->emplace_back("base", Val::of(z.bv_val(run.memAddr, 64)));
      r.rec->emplace_back("index", Val::enumerator("none"));
      r.rec->emplace_back("scale", Val::integer(1));
      r.rec->emplace_back("disp", Val::of(z.bv_val(uint64_t(uint32_t(o.lo)), 32)));
      r.rec->emplace_back("region", Val::enumerator("host"));
      r.rec->emplace_back("trap", Val::enumerator("none"));
      args.push_back(r);
      break;
    }
    }
  }
  if (run.cond >= 0)
    args.push_back(Val::of(z.bv_val(unsigned(run.cond), 4)));
  Val r;
  try {
    r = ev.callDef(impl_->rs.semDefs[it->second], args);
  } catch (const EvalError &e) {
    error = e.message;
    return false;
  }
  uint64_t v = 0;
  out = FormResult();
  out.faulted = ev.state.trapped.simplify().is_true();
  if (r.k == Val::K::BV) {
    out.hasDest = true;
    unsigned w = r.width();
    // Per 64-bit half: defined when the whole half is a constant; else bit by bit.
    auto half = [&](const z3::expr &x, uint64_t &bits, uint64_t &defined) {
      if (constant(x, bits)) {
        defined = ~0ull;
        return;
      }
      bits = defined = 0;
      for (unsigned k = 0; k < x.get_sort().bv_size(); ++k) {
        uint64_t b;
        if (constant(x.extract(k, k), b)) {
          bits |= b << k;
          defined |= 1ull << k;
        }
      }
    };
    half(w > 64 ? r.e->extract(63, 0) : *r.e, out.destLo, out.destDefinedLo);
    if (w > 64)
      half(r.e->extract(127, 64), out.destHi, out.destDefinedHi);
  }
  for (auto &[f, b] : flagBits) {
    z3::expr fe = ev.state.flags.find(f)->second.simplify();
    if (fe.is_true() || fe.is_false()) {
      out.flagsDefined |= 1ull << b;
      if (fe.is_true())
        out.flags |= 1ull << b;
    }
  }
  if (auto a = ev.state.regs.find("rax"); a != ev.state.regs.end() && a->second.k == Val::K::BV)
    out.raxDefined = constant(*a->second.e, out.rax);
  if (auto d = ev.state.regs.find("rdx"); d != ev.state.regs.end() && d->second.k == Val::K::BV)
    out.rdxDefined = constant(*d->second.e, out.rdx);
  for (size_t k = 0; k < run.mem.size(); ++k) {
    constant(z3::select(ev.state.mem, z.bv_val(uint64_t(run.memAddr + k), 64)), v);
    out.mem.push_back(uint8_t(v));
  }
  return true;
}

z3::expr fpIsNanBits(Evaluator &ev, const z3::expr &b);
z3::expr fpIsCanonicalBits(Evaluator &ev, const z3::expr &b);

bool FormSemantics::evalIr(const std::string &op, const std::string &type,
                           const std::vector<std::string> &operandTypes, const std::vector<uint64_t> &operands,
                           IrResult &out, std::string &error) {
  z3::context &z = impl_->z;
  auto it = impl_->rs.termIndex.find(op);
  if (it == impl_->rs.termIndex.end() || !impl_->rs.terms[it->second].semantics) {
    error = "no IR term " + op;
    return false;
  }
  const rulec::Term &t = impl_->rs.terms[it->second];
  World world(z);
  Evaluator ev(z, impl_->rs, world);
  std::map<std::string, Val> scope;
  scope["T"] = Val::enumerator(type);
  size_t k = 0;
  for (const rulec::Param &p : t.params) {
    if (p.type != impl_->rs.valueType) {
      error = "IR term " + op + " has immediates; not supported here";
      return false;
    }
    if (k >= operands.size()) {
      error = "too few operands";
      return false;
    }
    Val v = Val::of(z.bv_val(operands[k], Evaluator::typeWidth(operandTypes[k])));
    v.irType = operandTypes[k];
    scope[p.name] = v;
    ++k;
  }
  Val r;
  try {
    r = ev.eval(*t.semantics, scope);
  } catch (const EvalError &e) {
    error = e.message;
    return false;
  }
  out = IrResult();
  out.trapped = ev.state.trapped.simplify().is_true();
  if (out.trapped)
    return true;
  if (r.k == Val::K::Fp) {
    out.nan = r.e->mk_is_nan().simplify().is_true();
    out.canonical = r.canon->simplify().is_true();
    if (!out.nan && !constant(fpToBits(ev, *r.e), out.bits)) {
      error = "float result did not fold to a constant";
      return false;
    }
    return true;
  }
  if (r.k == Val::K::BV) {
    if (!constant(*r.e, out.bits)) {
      error = "result did not fold to a constant";
      return false;
    }
    return true;
  }
  error = "unexpected IR result kind";
  return false;
}

} // namespace wasmaot::verify

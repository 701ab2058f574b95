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
  const MachineModel *model = nullptr;
};

FormSemantics::FormSemantics(const std::string &isa) : impl_(new Impl) { impl_->model = &MachineModel::of(isa); }
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

/// Where each flag of the model sits in FormRun::flags: the ISA's own flags
/// register (RFLAGS; NZCV as MRS reads it). A flag missing here is an error.
unsigned flagBit(const MachineModel &m, const std::string &flag) {
  static const std::map<std::string, unsigned> x86 = {{"CF", 0}, {"PF", 2}, {"ZF", 6}, {"SF", 7}, {"OF", 11}};
  static const std::map<std::string, unsigned> a64 = {{"N", 31}, {"Z", 30}, {"C", 29}, {"V", 28}};
  const std::map<std::string, unsigned> &bits = m.isa == "aarch64" ? a64 : x86;
  auto it = bits.find(flag);
  if (it == bits.end())
    throw EvalError{"no bit for flag " + flag + " of " + m.isa};
  return it->second;
}

Val record(std::vector<std::pair<std::string, Val>> fields) {
  Val r;
  r.k = Val::K::Rec;
  r.rec = std::make_shared<std::vector<std::pair<std::string, Val>>>(std::move(fields));
  return r;
}
} // namespace

bool FormSemantics::eval(const std::string &id, const FormRun &run, FormResult &out, std::string &error) {
  z3::context &z = impl_->z;
  auto it = impl_->rs.semDefIndex.find(id);
  if (it == impl_->rs.semDefIndex.end() || impl_->rs.semDefs[it->second].kind != rulec::SemDef::Kind::Form) {
    error = "no semantics for form " + id;
    return false;
  }
  World world(z, *impl_->model);
  Evaluator ev(z, impl_->rs, world);
  // Host memory: the bytes of run.mem at memAddr, zero elsewhere.
  z3::expr mem = z3::const_array(z.bv_sort(64), z.bv_val(0, 8));
  for (size_t k = 0; k < run.mem.size(); ++k)
    mem = z3::store(mem, z.bv_val(uint64_t(run.memAddr + k), 64), z.bv_val(unsigned(run.mem[k]), 8));
  ev.state.mem = mem;
  std::vector<Val> args;
  try {
    for (auto &[f, e] : ev.state.flags)
      e = z.bool_val((run.flags >> flagBit(*impl_->model, f)) & 1);
  } catch (const EvalError &e) {
    error = e.message;
    return false;
  }
  ev.state.regs["rax"] = Val::of(z.bv_val(run.rax, 64));
  ev.state.regs["rdx"] = Val::of(z.bv_val(run.rdx, 64));
  for (const FormOperand &o : run.ops) {
    switch (o.kind) {
    case FormOperand::Kind::Reg:
      args.push_back(Val::of(o.width == 128 ? z3::concat(z.bv_val(o.hi, 64), z.bv_val(o.lo, 64)) : z.bv_val(o.lo, 64)));
      break;
    case FormOperand::Kind::Imm: args.push_back(Val::of(z.bv_val(o.lo, o.width))); break;
    case FormOperand::Kind::Bool: args.push_back(Val::of(z.bool_val(o.lo != 0))); break;
    case FormOperand::Kind::Name: args.push_back(Val::enumerator(o.name)); break;
    case FormOperand::Kind::Mem:
      args.push_back(record({{"base", Val::of(z.bv_val(run.memAddr + o.base, 64))},
                             {"index", o.index ? Val::of(z.bv_val(*o.index, 64)) : Val::enumerator("none")},
                             {"scale", Val::integer(o.scale)},
                             {"disp", Val::of(z.bv_val(uint64_t(uint32_t(o.lo)), 32))},
                             {"region", Val::enumerator("host")},
                             {"trap", Val::enumerator("none")}}));
      break;
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
  if (r.k == Val::K::Bool) {
    z3::expr t = r.e->simplify();
    if (!t.is_true() && !t.is_false()) {
      error = "branch condition did not fold to a constant";
      return false;
    }
    out.isBranch = true;
    out.taken = t.is_true();
  }
  if (r.k == Val::K::BV) {
    out.hasDest = true;
    unsigned w = r.width();
    out.destWidth = w;
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
  for (auto &[f, e] : ev.state.flags) {
    z3::expr fe = e.simplify();
    uint64_t bit = 1ull << flagBit(*impl_->model, f);
    if (fe.is_true() || fe.is_false()) {
      out.flagsDefined |= bit;
      if (fe.is_true())
        out.flags |= bit;
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

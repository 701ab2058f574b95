// IrBuiltins: the IR's view of linear memory, globals and types (ir.rules
// semantics): bounds, access sizes and extensions, reads and writes of the
// host memory that backs a linear memory (its base is where the runtime
// placed it; docs/verification.md, "Memory model").
#include "Eval.h"

namespace wasmaot::verify {

void assumeMemoryLayout(Evaluator &ev, const z3::expr &mem);
z3::expr readHost(Evaluator &ev, const z3::expr &addr, unsigned n);
void writeHost(Evaluator &ev, const z3::expr &addr, unsigned n, const z3::expr &v);

namespace {

using Args = std::vector<Val>;
using rulec::SExpr;

void arity(const SExpr &e, const Args &a, size_t n) {
  if (a.size() != n)
    throw EvalError{"expected " + std::to_string(n) + " arguments in " + rulec::printSExpr(e)};
}

unsigned accessBytes(const std::string &access, const std::string &type) {
  if (access == "s8" || access == "u8") return 1;
  if (access == "s16" || access == "u16") return 2;
  if (access == "s32" || access == "u32") return 4;
  if (access == "natural") return Evaluator::typeWidth(type) / 8;
  throw EvalError{"unknown memory access '" + access + "'"};
}

} // namespace

void registerIrBuiltins(std::map<std::string, Evaluator::Builtin> &m) {
  m["access_size"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    return Val::integer(accessBytes(ev.asName(a[0], "access"), ev.asName(a[1], "type")));
  };
  // (extend_access ACCESS T X): X (the bytes read) extended to T as ACCESS says.
  m["extend_access"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    std::string acc = ev.asName(a[0], "access");
    unsigned w = Evaluator::typeWidth(ev.asName(a[1], "type"));
    z3::expr x = ev.asBV(a[2], "loaded value");
    unsigned n = x.get_sort().bv_size();
    if (n == w)
      return Val::of(x);
    if (n > w)
      throw EvalError{"access wider than its type"};
    return Val::of(acc[0] == 's' ? z3::sext(x, w - n) : z3::zext(x, w - n));
  };
  // (heap_oob BOUNDS MEM ADDR OFFSET N): the access of N bytes at ADDR + OFFSET
  // is out of bounds (computed without wrapping). `none(PROOF)` accesses are in
  // bounds by the pass that proved it; `guard` ones satisfy the GuardRegions pass's
  // condition (a 32-bit memory, OFFSET + N within the guard).
  m["heap_oob"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 5);
    std::string bounds = ev.asName(a[0], "bounds");
    z3::expr mem = ev.asBV(a[1], 32, "memory");
    z3::expr addr = ev.asBV(a[2], "address");
    z3::expr off = ev.asBV(a[3], 64, "offset");
    unsigned n = unsigned(ev.asInt(a[4], "bytes"));
    assumeMemoryLayout(ev, mem);
    unsigned aw = addr.get_sort().bv_size();
    z3::expr end = z3::zext(addr, 66 - aw) + z3::zext(off, 2) + ev.bv(n, 66);
    z3::expr oob = z3::ugt(end, z3::zext(ev.world.memLength(mem), 2));
    if (bounds == "none") {
      ev.assumptions.push_back(!oob);
      return Val::of(ev.z.bool_val(false));
    }
    if (bounds == "guard") {
      if (ev.world.memIndexType != "i32")
        throw EvalError{"infeasible: guard bounds on a 64-bit memory"};
      ev.assumptions.push_back(z3::ule(z3::zext(off, 1) + ev.bv(n, 65), z3::zext(ev.world.guardSize, 1)));
    }
    return Val::of(oob);
  };
  m["mem_read"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    z3::expr mem = ev.asBV(a[0], 32, "memory");
    z3::expr ea = ev.asBV(a[1], 64, "address");
    return Val::of(readHost(ev, ev.world.memBase(mem) + ea, unsigned(ev.asInt(a[2], "bytes"))));
  };
  m["mem_write"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 4);
    z3::expr mem = ev.asBV(a[0], 32, "memory");
    z3::expr ea = ev.asBV(a[1], 64, "address");
    unsigned n = unsigned(ev.asInt(a[2], "bytes"));
    z3::expr v = ev.asBV(a[3], "stored value");
    if (v.get_sort().bv_size() < 8 * n)
      throw EvalError{"store wider than its value"};
    writeHost(ev, ev.world.memBase(mem) + ea, n, v);
    return Val::unit();
  };
  // Globals live in storage vmctx points at (docs/abi.md); the value in the low bytes.
  m["global_read"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    z3::expr p = ev.world.globalPtr(ev.asBV(a[0], 32, "global"));
    return Val::of(readHost(ev, p, Evaluator::typeWidth(ev.asName(a[1], "type")) / 8));
  };
  m["global_write"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    z3::expr p = ev.world.globalPtr(ev.asBV(a[0], 32, "global"));
    z3::expr v = ev.asBV(a[1], "global value");
    writeHost(ev, p, v.get_sort().bv_size() / 8, v);
    return Val::unit();
  };
  // (ir_op NAME T ARGS...): IR term NAME's own ir.rules semantics at controlling
  // type T with its fields ARGS, in field order. A mid-end rule's replacement
  // (passes/rules/) means the IR it builds through this, so the proof compares
  // the IR with the IR, never with a second description of an opcode.
  m["ir_op"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    if (a.size() < 2)
      throw EvalError{"(ir_op NAME T ARGS...) in " + rulec::printSExpr(e)};
    std::string name = ev.asName(a[0], "IR term");
    auto it = ev.rs.termIndex.find(name);
    if (it == ev.rs.termIndex.end() || ev.rs.terms[it->second].kind != rulec::TermKind::Ir)
      throw EvalError{"ir_op: '" + name + "' is not an IR term"};
    const rulec::Term &t = ev.rs.terms[it->second];
    arity(e, a, t.params.size() + 2);
    if (!t.semantics)
      throw EvalError{"IR term '" + name + "' has no semantics"};
    ev.used.insert("term " + name);
    std::string type = ev.asName(a[1], "type");
    std::map<std::string, Val> scope{{"T", Val::enumerator(type)}};
    for (size_t k = 0; k < t.params.size(); ++k) {
      Val v = a[k + 2];
      const std::string &ty = ev.rs.types[t.params[k].type].name;
      unsigned w = ty == "u64" ? 64 : ty == "u32" ? 32 : ty == "u8" ? 8 : 0;
      if (w && v.k == Val::K::Int)
        v = Val::of(ev.bv(uint64_t(v.i), w));
      scope[t.params[k].name] = v;
    }
    Val r = ev.eval(*t.semantics, scope);
    r.irType = t.opcode == "Icmp" || t.opcode == "Fcmp" ? "i32" : type;
    return r;
  };
  m["type_of"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    if (a[0].irType.empty())
      throw EvalError{"type_of a value of unknown IR type"};
    return Val::enumerator(a[0].irType);
  };
}

} // namespace wasmaot::verify

// MachineBuiltins: the machine state the instruction semantics read and write
// (flags, fixed registers, undefined values, traps and crashes), condition
// codes, and memory accesses through an address (Amode record) with the
// fault model of the sandbox (docs/verification.md, "Memory model").
#include "Eval.h"

namespace wasmaot::verify {

namespace {

using Args = std::vector<Val>;
using rulec::SExpr;

void arity(const SExpr &e, const Args &a, size_t n) {
  if (a.size() != n)
    throw EvalError{"expected " + std::to_string(n) + " arguments in " + rulec::printSExpr(e)};
}

const Val &field(const Val &r, const char *name) {
  const Val *f = r.field(name);
  if (!f)
    throw EvalError{std::string("address record without field '") + name + "'"};
  return *f;
}

bool isNone(const Val &v) { return v.k == Val::K::Enum && v.name == "none"; }

} // namespace

/// Facts about a linear memory's placement that the runtime guarantees
/// (docs/abi.md, lib/runtime/LinearMemory.h): a 32-bit memory is at most 4 GiB
/// and has its 4 GiB + guard reservation inside the user address space; a
/// memory64 lies inside it too.
void assumeMemoryLayout(Evaluator &ev, const z3::expr &mem) {
  z3::expr base = ev.world.memBase(mem), len = ev.world.memLength(mem);
  const uint64_t userTop = 1ull << 47;
  ev.assumptions.push_back(z3::ule(ev.world.guardSize, ev.bv(1ull << 32, 64)));
  if (ev.world.memIndexType == "i32") {
    ev.assumptions.push_back(z3::ule(len, ev.bv(1ull << 32, 64)));
    ev.assumptions.push_back(z3::ule(base, ev.bv(userTop - (1ull << 34), 64)));
  } else {
    ev.assumptions.push_back(z3::ule(len, ev.bv(1ull << 46, 64)));
    ev.assumptions.push_back(z3::ule(base, ev.bv(1ull << 46, 64)));
  }
}

/// The host address of an Amode: base + index * scale + sext(disp) (modulo
/// 2^32 for an `asize a32` record), plus the %gs base for a `seg gs` record.
/// The runtime keeps the %gs base at memory 0's base while Segue code runs
/// (lib/runtime/Segue.h): that is the model.
z3::expr effectiveAddress(Evaluator &ev, const Val &am) {
  // `asize a32` (a 0x67 prefix): base + index*scale + disp is taken modulo 2^32
  // and zero-extended before a segment base is added (SDM vol. 1, 3.3.7).
  bool a32 = false;
  if (const Val *as = am.field("asize"); as && !isNone(*as)) {
    if (as->k != Val::K::Enum || as->name != "a32")
      throw EvalError{"an address record's asize is none or a32"};
    a32 = true;
  }
  z3::expr segBase = ev.bv(0, 64);
  bool hasSeg = false;
  if (const Val *seg = am.field("seg"); seg && !isNone(*seg)) {
    if (seg->k != Val::K::Enum || seg->name != "gs")
      throw EvalError{"an address record's seg is none or gs"};
    segBase = ev.world.memBase(ev.bv(0, 32));
    hasSeg = true;
  }
  z3::expr a = ev.asBV(field(am, "base"), 64, "base");
  if (hasSeg && !a32)
    a = a + segBase;
  const Val &index = field(am, "index");
  if (!isNone(index)) {
    int64_t scale = am.field("scale") ? ev.asInt(field(am, "scale"), "scale") : 1;
    a = a + ev.asBV(index, 64, "index") * ev.bv(uint64_t(scale), 64);
  }
  const Val &disp = field(am, "disp");
  z3::expr d = disp.k == Val::K::Int ? ev.bv(uint64_t(disp.i), 64) : z3::sext(ev.asBV(disp, 32, "disp"), 32);
  if (!a32)
    return a + d;
  a = z3::zext((a + d).extract(31, 0), 32);
  return hasSeg ? a + segBase : a;
}

namespace {

/// Checks an access of `n` bytes at `addr` against the region the Amode is in;
/// a fault traps when the instruction is a trap site and crashes otherwise.
void checkAccess(Evaluator &ev, const Val &am, const z3::expr &addr, unsigned n) {
  const Val &region = field(am, "region");
  if (region.k == Val::K::Enum && (region.name == "host" || region.name == "pool"))
    return; // vmctx, global storage, the constant pool: valid by the ABI
  z3::expr mem = ev.asBV(region, 32, "region");
  assumeMemoryLayout(ev, mem);
  z3::expr off = addr - ev.world.memBase(mem);
  z3::expr end = z3::zext(off, 1) + ev.bv(n, 65);
  z3::expr inBounds = z3::ule(end, z3::zext(ev.world.memLength(mem), 1));
  z3::expr inReservation = ev.z.bool_val(false);
  if (ev.world.memIndexType == "i32")
    inReservation = z3::ult(z3::zext(off, 1), z3::zext(ev.world.guardSize, 1) + ev.bv(1ull << 32, 65));
  const Val &trapCode = field(am, "trap");
  if (isNone(trapCode)) {
    ev.trap(!inBounds, ev.bv(kCrashCode, 8));
  } else {
    ev.trap(!inBounds && inReservation, ev.trapCodeBits(trapCode));
    ev.trap(!inBounds, ev.bv(kCrashCode, 8));
  }
}

z3::expr readBytes(Evaluator &ev, const z3::expr &mem, const z3::expr &addr, unsigned n) {
  z3::expr r = z3::select(mem, addr);
  for (unsigned k = 1; k < n; ++k)
    r = z3::concat(z3::select(mem, addr + ev.bv(k, 64)), r);
  return r;
}

z3::expr writeBytes(Evaluator &ev, z3::expr mem, const z3::expr &addr, unsigned n, const z3::expr &v) {
  for (unsigned k = 0; k < n; ++k)
    mem = z3::store(mem, addr + ev.bv(k, 64), v.extract(8 * k + 7, 8 * k));
  return mem;
}

z3::expr condBits(Evaluator &ev, const std::string &name) {
  const std::vector<std::string> &names = ev.world.model.condNames; // the ISA's 4-bit encodings
  for (unsigned k = 0; k < names.size(); ++k)
    if (name == names[k])
      return ev.bv(k, 4);
  throw EvalError{"unknown condition '" + name + "' for " + ev.world.model.isa};
}

Val condCode(Evaluator &ev, const z3::expr &cc, const z3::expr &par) {
  Val r;
  r.k = Val::K::Rec;
  r.rec = std::make_shared<std::vector<std::pair<std::string, Val>>>();
  r.rec->emplace_back("cc", Val::of(cc));
  r.rec->emplace_back("par", Val::of(par));
  return r;
}

} // namespace

z3::expr readHost(Evaluator &ev, const z3::expr &addr, unsigned n) { return readBytes(ev, ev.state.mem, addr, n); }
void writeHost(Evaluator &ev, const z3::expr &addr, unsigned n, const z3::expr &v) {
  ev.state.mem = z3::ite(ev.state.trapped, ev.state.mem, writeBytes(ev, ev.state.mem, addr, n, v));
  for (unsigned k = 0; k < n; ++k)
    ev.state.writes.push_back({!ev.state.trapped, addr + ev.bv(k, 64), v.extract(8 * k + 7, 8 * k)});
}

void registerMachineBuiltins(std::map<std::string, Evaluator::Builtin> &m) {
  m["flag"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    auto it = ev.state.flags.find(ev.asName(a[0], "flag"));
    if (it == ev.state.flags.end())
      throw EvalError{"unknown flag in " + rulec::printSExpr(e)};
    return Val::of(it->second);
  };
  // (set_flags NAME VALUE ...); a VALUE of `undef` makes the flag undefined.
  m["set_flags"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    if (a.size() % 2)
      throw EvalError{"set_flags takes name/value pairs"};
    std::vector<std::pair<std::string, z3::expr>> writes;
    for (size_t k = 0; k < a.size(); k += 2) {
      std::string f = ev.asName(a[k], "flag");
      if (!ev.state.flags.count(f))
        throw EvalError{"unknown flag '" + f + "'"};
      if (a[k + 1].k == Val::K::Enum && a[k + 1].name == "undef")
        writes.emplace_back(f, ev.freshBool("undef_" + f));
      else
        writes.emplace_back(f, ev.asBool(a[k + 1], "flag value"));
    }
    for (auto &[f, v] : writes)
      ev.state.flags.find(f)->second = v;
    return Val::unit();
  };
  m["undef"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::of(ev.fresh("undef", unsigned(ev.asInt(a[0], "undef"))));
  };
  m["reg"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    std::string r = ev.asName(a[0], "reg");
    auto it = ev.state.regs.find(r);
    if (it == ev.state.regs.end()) {
      unsigned w = ev.world.model.isFprName(r) ? ev.world.model.fprWidth : 64;
      it = ev.state.regs.emplace(r, Val::of(ev.fresh("in_" + r, w))).first;
    }
    return it->second;
  };
  m["set_reg"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    ev.state.regs[ev.asName(a[0], "reg")] = a[1];
    return Val::unit();
  };
  m["trap"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    ev.trap(ev.z.bool_val(true), ev.trapCodeBits(a[0]));
    return Val::unit();
  };
  // (fault): a CPU exception at an instruction that is not a trap site.
  m["fault"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    ev.trap(ev.asBool(a[0], "fault"), ev.bv(kCrashCode, 8));
    return Val::unit();
  };
  // ---- condition codes: (cc NAME) is CondCode{NAME}; (cc_parity NAME none|and_not_p|or_p).
  m["cc"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return condCode(ev, condBits(ev, ev.asName(a[0], "cc")), ev.bv(0, 2));
  };
  m["cc_parity"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    if (!ev.world.model.condParity)
      throw EvalError{"cc_parity: no parity modes in the " + ev.world.model.isa + " model"};
    std::string p = ev.asName(a[1], "parity");
    unsigned pv = p == "none" ? 0 : p == "and_not_p" ? 1 : p == "or_p" ? 2 : 3;
    if (pv == 3)
      throw EvalError{"unknown parity '" + p + "'"};
    return condCode(ev, condBits(ev, ev.asName(a[0], "cc")), ev.bv(pv, 2));
  };
  m["cond_bits"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::of(condBits(ev, ev.asName(a[0], "cond_bits")));
  };
  // (choose_cond V): the contract of the condition program (and of the TEST
  // fallback, which tests the value's whole width: 64 bits for an i64 operand of
  // trapz/trapnz): some condition code and flags such that the code holds
  // exactly when V is non-zero. Consumers must work for every such choice.
  m["choose_cond"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    z3::expr v = ev.asBV(a[0], "choose_cond");
    Val c;
    if (ev.rs.semDefIndex.count("choose_cond_code")) {
      // The ISA's semantics build an arbitrary CondCode (e.g. a RISC-V compare
      // of two `undef` registers); the contract below constrains it.
      c = ev.callNamed("choose_cond_code", {});
    } else {
      z3::expr cc = ev.fresh("cond_cc", 4), par = ev.fresh("cond_parity", 2);
      ev.assumptions.push_back(ev.world.model.condParity ? z3::ule(par, ev.bv(2, 2)) : par == ev.bv(0, 2));
      c = condCode(ev, cc, par);
    }
    for (auto &[n, f] : ev.state.flags)
      f = ev.freshBool("cond_" + n);
    z3::expr holds = ev.asBool(ev.callNamed("cc_holds", {c}), "cc_holds");
    ev.assumptions.push_back(holds == (v != ev.bv(0, v.get_sort().bv_size())));
    return c;
  };
  // ---- memory: (load_mem AMODE N) and (store_mem AMODE N VALUE), little-endian.
  m["load_mem"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 2);
    unsigned n = unsigned(ev.asInt(a[1], "bytes"));
    const Val *region = a[0].field("region");
    if (region && region->k == Val::K::Enum && region->name == "pool") {
      // A constant the lowering placed (pool entry, vmctx field): its bytes are `value`.
      z3::expr v = ev.asBV(field(a[0], "value"), "pool value");
      unsigned w = v.get_sort().bv_size();
      if (w < 8 * n)
        v = z3::zext(v, 8 * n - w);
      return Val::of(v.extract(8 * n - 1, 0));
    }
    z3::expr addr = effectiveAddress(ev, a[0]);
    checkAccess(ev, a[0], addr, n);
    return Val::of(readHost(ev, addr, n));
  };
  m["store_mem"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 3);
    unsigned n = unsigned(ev.asInt(a[1], "bytes"));
    z3::expr addr = effectiveAddress(ev, a[0]);
    checkAccess(ev, a[0], addr, n);
    z3::expr v = ev.asBV(a[2], "store value");
    if (v.get_sort().bv_size() < 8 * n)
      throw EvalError{"store of " + std::to_string(n) + " bytes from a narrower value"};
    writeHost(ev, addr, n, v);
    return Val::unit();
  };
  m["lea"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::of(effectiveAddress(ev, a[0]));
  };
  // ---- the instance context (docs/abi.md): what the runtime keeps in vmctx.
  m["vmctx_memory_base"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::of(ev.world.memBase(ev.asBV(a[0], 32, "memory")));
  };
  m["vmctx_memory_length"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::of(ev.world.memLength(ev.asBV(a[0], 32, "memory")));
  };
  m["vmctx_global_ptr"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::of(ev.world.globalPtr(ev.asBV(a[0], 32, "global")));
  };
  m["root_value"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 0);
    if (!ev.rootIrValue)
      throw EvalError{"root_value outside a rule"};
    return *ev.rootIrValue;
  };
  m["mem_index_type"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    return Val::enumerator(ev.world.memIndexType);
  };
  // (segue_mem mem): whether accesses to `mem` go through %gs: Segue is on,
  // and it is memory 0, a 32-bit memory (CodegenOptions::segue).
  m["segue_mem"] = [](Evaluator &ev, const SExpr &e, const Args &a) {
    arity(e, a, 1);
    if (ev.world.memIndexType != "i32")
      return Val::of(ev.z.bool_val(false));
    return Val::of(ev.world.segueMode && ev.asBV(a[0], 32, "memory") == ev.bv(0, 32));
  };
}

} // namespace wasmaot::verify

// ConstExpr: a stack machine over the constant-expression opcodes. The module
// was validated when it was compiled, so the expression is well typed; the
// evaluator still checks every read and stack access so that a corrupted
// embedded module yields an error, not a crash.
#include "runtime/ConstExpr.h"

#include "wasm/Reader.h"

#include <cstring>

namespace wasmaot::runtime {

namespace {

Error bad(const std::string &what) { return Error::make(ErrorKind::Load, "constant expression: " + what); }

} // namespace

Result<Value> evalConstExpr(const ConstEnv &env, wasm::ConstExpr expr) {
  const wasm::Module &m = *env.module;
  if (uint64_t(expr.offset) + expr.size > m.bytes.size()) return bad("outside the module");
  wasm::Reader r(std::span<const uint8_t>(m.bytes.data() + expr.offset, expr.size), expr.offset);
  std::vector<Value> stack;
  auto pop = [&](Value &v) {
    if (stack.empty()) return false;
    v = stack.back();
    stack.pop_back();
    return true;
  };
  while (r.ok() && !r.atEnd()) {
    const uint8_t op = r.u8();
    switch (op) {
    case 0x0B: // end
      if (stack.size() != 1) return bad("does not leave exactly one value");
      return stack.back();
    case 0x41: stack.push_back(Value::i32(uint32_t(r.s32()))); break;
    case 0x42: stack.push_back(Value::i64(uint64_t(r.s64()))); break;
    case 0x43: stack.push_back(Value::f32Bits(r.f32Bits())); break;
    case 0x44: stack.push_back(Value::f64Bits(r.f64Bits())); break;
    case 0x23: { // global.get
      const uint32_t g = r.u32();
      if (!env.globals || g >= env.globals->size() || !(*env.globals)[g]) return bad("unknown global");
      const Global &global = *(*env.globals)[g];
      Value v;
      v.kind = kindOf(global.type.type);
      std::memcpy(&v.lo, global.bytes, 8);
      std::memcpy(&v.hi, global.bytes + 8, 8);
      stack.push_back(v);
      break;
    }
    case 0xD0: // ref.null ht
      r.s33();
      stack.push_back(Value::ref(ValKind::AnyRef, 0));
      break;
    case 0xD2: { // ref.func x
      const uint32_t f = r.u32();
      if (f >= m.functions.size()) return bad("unknown function");
      stack.push_back(Value::ref(ValKind::FuncRef, env.funcRef(f)));
      break;
    }
    case 0x6A: case 0x6B: case 0x6C: // i32.add/sub/mul
    case 0x7C: case 0x7D: case 0x7E: { // i64.add/sub/mul
      Value b, a;
      if (!pop(b) || !pop(a)) return bad("stack underflow");
      const unsigned which = (op >= 0x7C ? op - 0x7C : op - 0x6A);
      uint64_t v = which == 0 ? a.lo + b.lo : which == 1 ? a.lo - b.lo : a.lo * b.lo;
      stack.push_back(op >= 0x7C ? Value::i64(v) : Value::i32(uint32_t(v)));
      break;
    }
    case 0xFD: { // v128.const
      if (r.u32() != 12) return bad("unsupported SIMD instruction");
      std::span<const uint8_t> b = r.bytes(16);
      if (b.size() != 16) return bad("truncated v128.const");
      Value v = Value::v128(0, 0);
      std::memcpy(&v.lo, b.data(), 8);
      std::memcpy(&v.hi, b.data() + 8, 8);
      stack.push_back(v);
      break;
    }
    case 0xFB: { // GC prefix
      const uint32_t sub = r.u32();
      if (sub == 26 || sub == 27) break; // any.convert_extern / extern.convert_any: same word
      return Error::make(ErrorKind::Unsupported, "GC instructions in constant expressions are not supported yet");
    }
    default: return bad("unexpected opcode " + std::to_string(op));
    }
  }
  return bad(r.ok() ? "missing end" : r.error().message);
}

namespace {

// Whether `expr` uses a GC instruction other than the extern/any conversions
// (its opcodes are walked, not its bytes searched: immediates may hold 0xFB).
bool usesGcAllocation(const wasm::Module &m, wasm::ConstExpr expr) {
  if (uint64_t(expr.offset) + expr.size > m.bytes.size()) return false;
  wasm::Reader r(std::span<const uint8_t>(m.bytes.data() + expr.offset, expr.size), expr.offset);
  while (r.ok() && !r.atEnd()) {
    switch (r.u8()) {
    case 0x0B: return false;
    case 0x41: r.s32(); break;
    case 0x42: r.s64(); break;
    case 0x43: r.f32Bits(); break;
    case 0x44: r.f64Bits(); break;
    case 0x23: case 0xD2: r.u32(); break;
    case 0xD0: r.s33(); break;
    case 0xFD: r.u32(); r.bytes(16); break;
    case 0xFB: {
      const uint32_t sub = r.u32();
      if (sub != 26 && sub != 27) return true;
      break;
    }
    default: break; // add/sub/mul: no immediates
    }
  }
  return false;
}

} // namespace

std::optional<std::string> unsupportedByRuntime(const wasm::Module &m) {
  if (!m.tags.empty()) return std::string("exception tags are not supported yet");
  auto gc = [&](wasm::ConstExpr e) { return usesGcAllocation(m, e); };
  for (const wasm::Global &g : m.globals)
    if (!g.imported && gc(g.init)) return std::string("GC allocation in a global initializer is not supported yet");
  for (const wasm::Table &t : m.tables)
    if (t.hasInit && gc(t.init)) return std::string("GC allocation in a table initializer is not supported yet");
  for (const wasm::ElemSegment &e : m.elems)
    for (const wasm::ConstExpr &x : e.exprs)
      if (gc(x)) return std::string("GC allocation in an element segment is not supported yet");
  return std::nullopt;
}

} // namespace wasmaot::runtime

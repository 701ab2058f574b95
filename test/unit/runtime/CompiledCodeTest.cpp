// CompiledCodeTest: protects the runtime's machine-dependent half on whatever
// machine the tests run on — the entry trampoline's argument placement (every
// parameter of a 24-parameter mixed signature arrives, including those passed
// on the stack), single and multiple results, traps through the signal
// handler (the back end's explicit trap instruction, a guard-region fault, the
// prologue's stack check), the loader's relocation and cache maintenance —
// with code compiled by the back end of this host's ISA. The other runtime
// tests run hand-assembled x86-64 code; these are what a cross build
// (docs/testing.md, "Cross-ISA testing") runs on AArch64 and RISC-V 64 under qemu.
#include "runtime/Runtime.h"
#include "wasmaot/Compiler.h"
#include "HostWasm.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::runtime;
using wasmaot::testutil::hostTarget;
using wasmaot::testutil::leb;

namespace {

constexpr uint8_t kI32 = 0x7F, kI64 = 0x7E, kF32 = 0x7D, kF64 = 0x7C;

/// A module of functions with real bodies (expression bytes without the final `end`).
class WasmModule {
public:
  uint32_t type(std::vector<uint8_t> params, std::vector<uint8_t> results) {
    std::vector<uint8_t> t{0x60};
    leb(t, params.size());
    t.insert(t.end(), params.begin(), params.end());
    leb(t, results.size());
    t.insert(t.end(), results.begin(), results.end());
    types_.push_back(t);
    return uint32_t(types_.size() - 1);
  }
  uint32_t func(uint32_t type, std::vector<uint8_t> body, const std::string &exportName = "") {
    funcs_.push_back({type, std::move(body)});
    const uint32_t index = uint32_t(funcs_.size() - 1);
    if (!exportName.empty()) exports_.push_back({exportName, index});
    return index;
  }
  void memoryPages(uint32_t pages) { memory_ = pages; }

  std::vector<uint8_t> build() const {
    std::vector<uint8_t> out{0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
    std::vector<uint8_t> s;
    leb(s, types_.size());
    for (const auto &t : types_) s.insert(s.end(), t.begin(), t.end());
    section(out, 1, s);
    s.clear();
    leb(s, funcs_.size());
    for (const auto &f : funcs_) leb(s, f.first);
    section(out, 3, s);
    if (memory_) {
      s = {1, 0x00};
      leb(s, *memory_);
      section(out, 5, s);
    }
    s.clear();
    leb(s, exports_.size());
    for (const auto &[name, index] : exports_) {
      leb(s, name.size());
      s.insert(s.end(), name.begin(), name.end());
      s.push_back(0x00);
      leb(s, index);
    }
    section(out, 7, s);
    s.clear();
    leb(s, funcs_.size());
    for (const auto &f : funcs_) {
      std::vector<uint8_t> body{0x00}; // no locals
      body.insert(body.end(), f.second.begin(), f.second.end());
      body.push_back(0x0B);
      leb(s, body.size());
      s.insert(s.end(), body.begin(), body.end());
    }
    section(out, 10, s);
    return out;
  }

private:
  static void section(std::vector<uint8_t> &out, uint8_t id, const std::vector<uint8_t> &body) {
    out.push_back(id);
    leb(out, body.size());
    out.insert(out.end(), body.begin(), body.end());
  }
  std::vector<std::vector<uint8_t>> types_;
  std::vector<std::pair<uint32_t, std::vector<uint8_t>>> funcs_;
  std::vector<std::pair<std::string, uint32_t>> exports_;
  std::optional<uint32_t> memory_;
};

struct Loaded {
  std::unique_ptr<Runtime> rt = std::make_unique<Runtime>();
  std::shared_ptr<Instance> inst;
};

Loaded compileAndLoad(const std::vector<uint8_t> &wasm, BoundsChecks bounds = BoundsChecks::Guard) {
  Loaded l;
  CompileOptions options;
  options.verifyIR = true;
  options.target = hostTarget();
  options.bounds = bounds;
  options.threads = 1;
  std::vector<uint8_t> object;
  Diagnostic diag;
  EXPECT_TRUE(Compiler(options).compileToObject(wasm, object, diag)) << diag.message;
  if (object.empty()) return l;
  Result<std::shared_ptr<runtime::Module>> m = l.rt->loadObject(object);
  EXPECT_TRUE(m.ok()) << (m ? "" : m.error().message);
  if (!m) return l;
  Result<std::shared_ptr<Instance>> i = l.rt->instantiate(*m, {});
  EXPECT_TRUE(i.ok()) << (i ? "" : i.error().message);
  if (i) l.inst = *i;
  return l;
}

CallOutcome call(Loaded &l, const std::string &name, std::vector<Value> args, std::vector<Value> &results) {
  std::optional<Extern> f = l.inst->exportOf(name, wasm::ExternKind::Func);
  EXPECT_TRUE(f.has_value()) << name;
  if (!f) return {};
  Result<CallOutcome> out = l.rt->call(*f, args, results);
  EXPECT_TRUE(out.ok()) << (out ? "" : out.error().message);
  return out ? *out : CallOutcome{};
}

class RuntimeCompiledCode : public ::testing::Test {
protected:
  void SetUp() override {
    if (!*hostTarget()) GTEST_SKIP() << "no back end for this host";
  }
};

// 24 parameters, six of each type, interleaved so that both register files
// run out (x86-64: 6 GPRs incl. vmctx, 8 xmm; AArch64: 8 + 8) and the rest go
// to the stack in order; one export per parameter returns it unchanged.
TEST_F(RuntimeCompiledCode, EveryParameterOfAMixedSignatureArrives) {
  const uint8_t kinds[4] = {kI32, kF64, kI64, kF32};
  std::vector<uint8_t> params;
  for (int i = 0; i < 24; ++i) params.push_back(kinds[i % 4]);
  WasmModule m;
  std::vector<uint32_t> types;
  for (uint8_t k : kinds) types.push_back(m.type(params, {k}));
  for (uint32_t i = 0; i < 24; ++i) {
    std::vector<uint8_t> body{0x20};
    leb(body, i);
    m.func(types[i % 4], body, "p" + std::to_string(i));
  }
  Loaded l = compileAndLoad(m.build());
  ASSERT_TRUE(l.inst);

  std::vector<Value> args;
  for (uint32_t i = 0; i < 24; ++i) {
    switch (i % 4) {
    case 0: args.push_back(Value::i32(0x80000000u | (i * 0x01010101u))); break;
    case 1: args.push_back(Value::f64(-1.25 * (i + 1))); break;
    case 2: args.push_back(Value::i64(0xF000000000000000ull | (uint64_t(i) << 32) | i)); break;
    case 3: args.push_back(Value::f32(0.5f + float(i))); break;
    }
  }
  for (uint32_t i = 0; i < 24; ++i) {
    std::vector<Value> results(1);
    CallOutcome out = call(l, "p" + std::to_string(i), args, results);
    ASSERT_EQ(out.kind, ExitKind::Returned) << i;
    const uint64_t mask = (i % 4 == 0 || i % 4 == 3) ? 0xFFFFFFFFull : ~0ull;
    EXPECT_EQ(results[0].lo & mask, args[i].lo & mask) << "parameter " << i;
  }
}

// Several results come back through the return area (8 bytes each, in order).
TEST_F(RuntimeCompiledCode, MultipleResultsThroughTheReturnArea) {
  WasmModule m;
  const uint32_t t = m.type({kI32, kF64, kI64}, {kF64, kI64, kI32, kF32, kI64});
  // local.get 1; local.get 2; local.get 0; f32.const 1.5; i64.const -7
  m.func(t, {0x20, 1, 0x20, 2, 0x20, 0, 0x43, 0x00, 0x00, 0xC0, 0x3F, 0x42, 0x79}, "multi");
  const uint32_t single = m.type({kF32, kF64}, {kF64});
  // f64.promote_f32(local.get 0) + local.get 1
  m.func(single, {0x20, 0, 0xBB, 0x20, 1, 0xA0}, "sum");
  Loaded l = compileAndLoad(m.build());
  ASSERT_TRUE(l.inst);

  std::vector<Value> results(5);
  ASSERT_EQ(call(l, "multi", {Value::i32(0xDEADBEEF), Value::f64(2.5), Value::i64(1ull << 40)}, results).kind,
            ExitKind::Returned);
  EXPECT_EQ(results[0].asF64(), 2.5);
  EXPECT_EQ(results[1].asI64(), 1ull << 40);
  EXPECT_EQ(results[2].asI32(), 0xDEADBEEFu);
  EXPECT_EQ(results[3].asF32(), 1.5f);
  EXPECT_EQ(int64_t(results[4].asI64()), -7);

  std::vector<Value> one(1);
  ASSERT_EQ(call(l, "sum", {Value::f32(0.25f), Value::f64(4.0)}, one).kind, ExitKind::Returned);
  EXPECT_EQ(one[0].asF64(), 4.25);
}

// Explicit traps (x86-64 ud2, AArch64 udf), a guard-region fault and the
// prologue's stack check all arrive as traps with the faulting PC, and the
// instance stays usable after each.
TEST_F(RuntimeCompiledCode, TrapsThroughTheSignalHandler) {
  WasmModule m;
  m.memoryPages(1);
  const uint32_t v_i = m.type({}, {kI32});
  const uint32_t i_i = m.type({kI32}, {kI32});
  m.func(v_i, {0x00}, "unreachable");
  m.func(i_i, {0x41, 1, 0x20, 0, 0x6D}, "div");                  // 1 / x (signed)
  m.func(i_i, {0x20, 0, 0x28, 2, 0}, "load");                    // i32.load (x)
  m.func(i_i, {0x20, 0, 0x41, 1, 0x6A, 0x10, 3, 0x41, 1, 0x6A}, "recurse"); // recurse(x + 1) + 1
  const std::vector<uint8_t> wasm = m.build();

  for (BoundsChecks bounds : {BoundsChecks::Guard, BoundsChecks::Explicit}) {
    SCOPED_TRACE(bounds == BoundsChecks::Guard ? "guard regions" : "explicit checks");
    Loaded l = compileAndLoad(wasm, bounds);
    ASSERT_TRUE(l.inst);
    std::vector<Value> r(1);
    CallOutcome out = call(l, "unreachable", {}, r);
    EXPECT_EQ(out.kind, ExitKind::Trapped);
    EXPECT_EQ(out.trap, ir::TrapCode::Unreachable);
    EXPECT_NE(out.trapPc, 0u);

    out = call(l, "div", {Value::i32(0)}, r);
    EXPECT_EQ(out.kind, ExitKind::Trapped);
    EXPECT_EQ(out.trap, ir::TrapCode::IntDivideByZero);
    ASSERT_EQ(call(l, "div", {Value::i32(1)}, r).kind, ExitKind::Returned);
    EXPECT_EQ(r[0].asI32(), 1u);

    for (uint32_t address : {65536u, 65533u, 0x80000000u, 0xFFFFFFFFu}) {
      out = call(l, "load", {Value::i32(address)}, r);
      EXPECT_EQ(out.kind, ExitKind::Trapped) << address;
      EXPECT_EQ(out.trap, ir::TrapCode::OutOfBoundsMemory) << address;
      EXPECT_NE(out.trapPc, 0u);
    }
    ASSERT_EQ(call(l, "load", {Value::i32(65532)}, r).kind, ExitKind::Returned);
    EXPECT_EQ(r[0].asI32(), 0u);

    out = call(l, "recurse", {Value::i32(0)}, r);
    EXPECT_EQ(out.kind, ExitKind::Trapped);
    EXPECT_EQ(out.trap, ir::TrapCode::StackExhausted);
    ASSERT_EQ(call(l, "div", {Value::i32(uint32_t(-1))}, r).kind, ExitKind::Returned);
    EXPECT_EQ(r[0].asI32(), uint32_t(-1));
  }
}

} // namespace

// SegueTest: protects the runtime's half of --segue (lib/runtime/Segue.h):
// while a Segue instance's code runs the %gs base is its memory 0's base, and
// every way in and out keeps it so — a call from the host (the caller's value
// is restored after a return and after a trap), a host call that re-enters
// another instance, an import bound to another instance's export, a
// call_indirect through a table that instance exports, a trap in the callee —
// with wrgsbase and with the arch_prctl fallback, and with mixed modes (a
// guard-mode caller of a Segue callee and the reverse). Each call writes the
// caller's memory, calls out, and reads it back: with a wrong base the sums
// come from the other memory (or fault).
#include "runtime/Runtime.h"
#include "runtime/Segue.h"
#include "wasmaot/Compiler.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::runtime;

namespace {

// (module
//   (memory (export "mem") 1)
//   (table (export "tab") 1 funcref)
//   (elem (i32.const 0) $get)
//   (func $get (export "get") (param i32) (result i32) (i32.load (local.get 0)))
//   (func (export "put") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
//   (func (export "oob") (result i32) (i32.load (i32.const 70000))))
const std::vector<uint8_t> kCallee = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0f, 0x03, 0x60,
  0x01, 0x7f, 0x01, 0x7f, 0x60, 0x02, 0x7f, 0x7f, 0x00, 0x60, 0x00, 0x01,
  0x7f, 0x03, 0x04, 0x03, 0x00, 0x01, 0x02, 0x04, 0x04, 0x01, 0x70, 0x00,
  0x01, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x1f, 0x05, 0x03, 0x6d, 0x65,
  0x6d, 0x02, 0x00, 0x03, 0x74, 0x61, 0x62, 0x01, 0x00, 0x03, 0x67, 0x65,
  0x74, 0x00, 0x00, 0x03, 0x70, 0x75, 0x74, 0x00, 0x01, 0x03, 0x6f, 0x6f,
  0x62, 0x00, 0x02, 0x09, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x00,
  0x0a, 0x1d, 0x03, 0x07, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0b, 0x09,
  0x00, 0x20, 0x00, 0x20, 0x01, 0x36, 0x02, 0x00, 0x0b, 0x09, 0x00, 0x41,
  0xf0, 0xa2, 0x04, 0x28, 0x02, 0x00, 0x0b};

// (module
//   (import "env" "host" (func $host (param i32) (result i32)))
//   (import "b" "get" (func $bget (param i32) (result i32)))
//   (import "b" "oob" (func $boob (result i32)))
//   (import "b" "tab" (table 1 funcref))
//   (memory (export "mem") 1)
//   (type $t (func (param i32) (result i32)))
//   (func (export "viaImport") (param i32) (result i32)
//     (i32.store (local.get 0) (i32.const 111))
//     (i32.add (i32.mul (call $bget (local.get 0)) (i32.const 1000)) (i32.load (local.get 0))))
//   (func (export "viaTable") (param i32) (result i32)
//     (i32.store (local.get 0) (i32.const 333))
//     (i32.add (i32.mul (call_indirect (type $t) (local.get 0) (i32.const 0)) (i32.const 1000))
//              (i32.load (local.get 0))))
//   (func (export "viaHost") (param i32) (result i32)
//     (i32.store (local.get 0) (i32.const 555))
//     (i32.add (i32.mul (call $host (local.get 0)) (i32.const 1000)) (i32.load (local.get 0))))
//   (func (export "calleeTraps") (result i32) (call $boob)))
const std::vector<uint8_t> kCaller = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x02, 0x60,
  0x01, 0x7f, 0x01, 0x7f, 0x60, 0x00, 0x01, 0x7f, 0x02, 0x26, 0x04, 0x03,
  0x65, 0x6e, 0x76, 0x04, 0x68, 0x6f, 0x73, 0x74, 0x00, 0x00, 0x01, 0x62,
  0x03, 0x67, 0x65, 0x74, 0x00, 0x00, 0x01, 0x62, 0x03, 0x6f, 0x6f, 0x62,
  0x00, 0x01, 0x01, 0x62, 0x03, 0x74, 0x61, 0x62, 0x01, 0x70, 0x00, 0x01,
  0x03, 0x05, 0x04, 0x00, 0x00, 0x00, 0x01, 0x05, 0x03, 0x01, 0x00, 0x01,
  0x07, 0x36, 0x05, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x09, 0x76, 0x69,
  0x61, 0x49, 0x6d, 0x70, 0x6f, 0x72, 0x74, 0x00, 0x03, 0x08, 0x76, 0x69,
  0x61, 0x54, 0x61, 0x62, 0x6c, 0x65, 0x00, 0x04, 0x07, 0x76, 0x69, 0x61,
  0x48, 0x6f, 0x73, 0x74, 0x00, 0x05, 0x0b, 0x63, 0x61, 0x6c, 0x6c, 0x65,
  0x65, 0x54, 0x72, 0x61, 0x70, 0x73, 0x00, 0x06, 0x0a, 0x54, 0x04, 0x18,
  0x00, 0x20, 0x00, 0x41, 0xef, 0x00, 0x36, 0x02, 0x00, 0x20, 0x00, 0x10,
  0x01, 0x41, 0xe8, 0x07, 0x6c, 0x20, 0x00, 0x28, 0x02, 0x00, 0x6a, 0x0b,
  0x1b, 0x00, 0x20, 0x00, 0x41, 0xcd, 0x02, 0x36, 0x02, 0x00, 0x20, 0x00,
  0x41, 0x00, 0x11, 0x00, 0x00, 0x41, 0xe8, 0x07, 0x6c, 0x20, 0x00, 0x28,
  0x02, 0x00, 0x6a, 0x0b, 0x18, 0x00, 0x20, 0x00, 0x41, 0xab, 0x04, 0x36,
  0x02, 0x00, 0x20, 0x00, 0x10, 0x00, 0x41, 0xe8, 0x07, 0x6c, 0x20, 0x00,
  0x28, 0x02, 0x00, 0x6a, 0x0b, 0x04, 0x00, 0x10, 0x02, 0x0b};

std::shared_ptr<runtime::Module> load(Runtime &rt, const std::vector<uint8_t> &wasm, bool segue,
                                      BoundsChecks bounds) {
  CompileOptions options;
  options.verifyIR = true;
  options.target = "x86_64";
  options.bounds = bounds;
  options.segue = segue;
  options.threads = 1;
  std::vector<uint8_t> object;
  Diagnostic diag;
  EXPECT_TRUE(Compiler(options).compileToObject(wasm, object, diag)) << diag.message;
  Result<std::shared_ptr<runtime::Module>> m = rt.loadObject(object);
  EXPECT_TRUE(m.ok()) << (m ? "" : m.error().message);
  if (!m) return nullptr;
  EXPECT_EQ(m->get()->descriptor().segue, segue);
  return *m;
}

struct SegueSetup {
  bool callerSegue, calleeSegue, archPrctl;
  BoundsChecks bounds;
};

class SegueRuntime : public ::testing::TestWithParam<SegueSetup> {
protected:
  void SetUp() override {
    if (!segueSupported()) GTEST_SKIP() << "Segue is x86-64 only";
    segueForceArchPrctl(GetParam().archPrctl);
  }
  void TearDown() override { segueForceArchPrctl(false); }
};

// What the host function sees: the runtime and the callee's "get".
struct HostState {
  Runtime *rt = nullptr;
  Extern get;
  uint64_t gsSeen = 0;
};

int32_t hostReentersCallee(HostCallContext *ctx, int32_t address) {
  auto *s = static_cast<HostState *>(ctx->userData);
  s->gsSeen = readGsBase();
  std::vector<Value> r(1);
  const std::vector<Value> args{Value::i32(uint32_t(address))};
  Result<CallOutcome> out = s->rt->call(s->get, args, r);
  if (!out || out->kind != ExitKind::Returned) return -1;
  return int32_t(r[0].lo);
}

TEST_P(SegueRuntime, TheBaseFollowsEveryCallAcrossInstancesAndTheHost) {
  const SegueSetup p = GetParam();
  Runtime rt;
  std::shared_ptr<runtime::Module> calleeModule = load(rt, kCallee, p.calleeSegue, p.bounds);
  std::shared_ptr<runtime::Module> callerModule = load(rt, kCaller, p.callerSegue, p.bounds);
  ASSERT_TRUE(calleeModule && callerModule);
  Result<std::shared_ptr<Instance>> callee = rt.instantiate(calleeModule, {});
  ASSERT_TRUE(callee.ok()) << callee.error().message;

  HostState state;
  state.rt = &rt;
  state.get = *(*callee)->exportOf("get", wasm::ExternKind::Func);
  HostFunction h;
  h.code = reinterpret_cast<void *>(&hostReentersCallee);
  h.userData = &state;
  h.params = {wasm::ValType::i32()};
  h.results = {wasm::ValType::i32()};
  Linker linker;
  linker.define("env", "host", rt.hostFunction(h));
  linker.defineInstance("b", *callee);
  Result<std::shared_ptr<Instance>> caller = rt.instantiate(callerModule, linker.resolver());
  ASSERT_TRUE(caller.ok()) << caller.error().message;

  // The host's own %gs base (unused by glibc on x86-64): every call must give it back.
  const uint64_t hostGs = readGsBase();
  auto call = [&](Instance &inst, const char *name, const std::vector<Value> &args, int32_t &result) {
    std::vector<Value> r(1);
    std::optional<Extern> f = inst.exportOf(name, wasm::ExternKind::Func);
    EXPECT_TRUE(f.has_value()) << name;
    Result<CallOutcome> out = rt.call(*f, args, r);
    EXPECT_TRUE(out.ok());
    EXPECT_EQ(readGsBase(), hostGs) << name << ": the host's %gs base after the call";
    result = int32_t(r[0].lo);
    return out ? out->kind : ExitKind::Trapped;
  };
  std::optional<Extern> put = (*callee)->exportOf("put", wasm::ExternKind::Func);
  std::vector<Value> none;
  const std::vector<Value> putArgs{Value::i32(8), Value::i32(222)};
  ASSERT_TRUE(rt.call(*put, putArgs, none).ok());

  int32_t r = 0;
  EXPECT_EQ(call(**caller, "viaImport", {Value::i32(8)}, r), ExitKind::Returned);
  EXPECT_EQ(r, 222 * 1000 + 111);
  EXPECT_EQ(call(**caller, "viaTable", {Value::i32(8)}, r), ExitKind::Returned);
  EXPECT_EQ(r, 222 * 1000 + 333);
  EXPECT_EQ(call(**caller, "viaHost", {Value::i32(8)}, r), ExitKind::Returned);
  EXPECT_EQ(r, 222 * 1000 + 555);
  if (p.callerSegue) {
    EXPECT_EQ(state.gsSeen, reinterpret_cast<uint64_t>((*caller)->memory(0)->base()))
        << "a host function runs with its Segue caller's base";
  }
  // The callee's out-of-bounds trap unwinds through the caller to the host.
  EXPECT_EQ(call(**caller, "calleeTraps", {}, r), ExitKind::Trapped);
  // ... and the instances still work afterwards.
  EXPECT_EQ(call(**caller, "viaImport", {Value::i32(8)}, r), ExitKind::Returned);
  EXPECT_EQ(r, 222 * 1000 + 111);
  EXPECT_EQ(call(**callee, "get", {Value::i32(8)}, r), ExitKind::Returned);
  EXPECT_EQ(r, 222);
}

std::string setupName(const ::testing::TestParamInfo<SegueSetup> &info) {
  const SegueSetup &p = info.param;
  return std::string(p.callerSegue ? "segue" : "plain") + "Caller_" + (p.calleeSegue ? "segue" : "plain") +
         "Callee_" + (p.bounds == BoundsChecks::Guard ? "guard" : "explicit") +
         (p.archPrctl ? "_archPrctl" : "_fsgsbase");
}

INSTANTIATE_TEST_SUITE_P(All, SegueRuntime,
                         ::testing::Values(SegueSetup{true, true, false, BoundsChecks::Guard},
                                           SegueSetup{true, true, true, BoundsChecks::Guard},
                                           SegueSetup{true, true, false, BoundsChecks::Explicit},
                                           SegueSetup{true, true, true, BoundsChecks::Explicit},
                                           SegueSetup{false, true, false, BoundsChecks::Guard},
                                           SegueSetup{false, true, true, BoundsChecks::Guard},
                                           SegueSetup{true, false, false, BoundsChecks::Guard},
                                           SegueSetup{true, false, true, BoundsChecks::Guard}),
                         setupName);

// A Segue object is refused by a runtime that cannot set %gs (the descriptor's 0x100 bit).
TEST(SegueRuntimeDescriptor, RecordsTheModeAndTheRuntimeChecksIt) {
  if (!segueSupported()) GTEST_SKIP() << "Segue is x86-64 only";
  Runtime rt;
  std::shared_ptr<runtime::Module> m = load(rt, kCallee, true, BoundsChecks::Guard);
  ASSERT_TRUE(m);
  HostCapabilities caps = hostCapabilities();
  EXPECT_FALSE(checkCompatible(m->descriptor(), caps).has_value());
  caps.segue = false;
  std::optional<Error> e = checkCompatible(m->descriptor(), caps);
  ASSERT_TRUE(e.has_value());
  EXPECT_NE(e->message.find("Segue"), std::string::npos) << e->message;
}

} // namespace

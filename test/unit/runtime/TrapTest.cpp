// TrapTest: protects the trap machinery — ud2 and guard-region faults at trap
// sites become wasm traps, deep recursion ends in the prologue's
// stack_exhausted trap, a trap leaves the process and other instances usable,
// host functions can trap and exit, and signals that are not wasm traps reach
// the handler installed before the runtime's.
#include "TestObject.h"

#include "runtime/Runtime.h"

#include <gtest/gtest.h>

#include <csetjmp>
#include <csignal>
#include <sys/mman.h>
#include <unistd.h>

using namespace wasmaot;
using namespace wasmaot::runtime;
using namespace wasmaot::runtime::test;

namespace {

struct Loaded {
  std::unique_ptr<Runtime> rt = std::make_unique<Runtime>();
  std::shared_ptr<Instance> inst;
};

Loaded load(const std::vector<uint8_t> &obj, const ImportResolver &imports = {}, Runtime *rt = nullptr) {
  Loaded l;
  Runtime &r = rt ? *rt : *l.rt;
  Result<std::shared_ptr<Module>> m = r.loadObject(obj);
  EXPECT_TRUE(m.ok()) << (m ? "" : m.error().message);
  if (!m) return l;
  Result<std::shared_ptr<Instance>> i = r.instantiate(*m, imports);
  EXPECT_TRUE(i.ok()) << (i ? "" : i.error().message);
  if (i) l.inst = *i;
  return l;
}

CallOutcome invoke(Runtime &rt, Instance &inst, const char *name, std::vector<Value> args,
                   std::vector<Value> *results = nullptr) {
  std::vector<Value> r;
  std::optional<Extern> f = inst.exportOf(name, wasm::ExternKind::Func);
  EXPECT_TRUE(f.has_value()) << name;
  if (!f) return {};
  Result<CallOutcome> out = rt.call(*f, args, results ? *results : r);
  EXPECT_TRUE(out.ok());
  return out ? *out : CallOutcome{};
}

/// "trap": ud2 (unreachable); "ok": mov eax, 5; ret
std::vector<uint8_t> trapModule() {
  WasmBuilder b;
  const uint32_t t = b.type({}, {kI32});
  b.exportAs("trap", 0, b.func(t));
  b.exportAs("ok", 0, b.func(t));
  TestAsm trap, ok;
  trap.ud2(ir::TrapCode::Unreachable);
  ok << Inst(Opcode::MOV32ri, {R(Gpr::Rax), I(5)}) << Inst(Opcode::RET);
  return buildObject(b.build(), {trap.finish(), ok.finish()});
}

/// "load"(addr) -> i32: mov rax, [rdi + 64] (memory 0 base); mov eax, [rax + rsi] (a guard-region trap site)
std::vector<uint8_t> loadModule(codegen::Sandboxing mode) {
  WasmBuilder b;
  b.memory(1, 2);
  b.exportAs("load", 0, b.func(b.type({kI32}, {kI32})));
  b.data(16, {0x78, 0x56, 0x34, 0x12});
  TestAsm a;
  a << Inst(Opcode::MOV64rm, {R(Gpr::Rax), M(Gpr::Rdi, 64)});
  a.trapNext(ir::TrapCode::OutOfBoundsMemory) << Inst(Opcode::MOV32rm, {R(Gpr::Rax), MI(Gpr::Rax, Gpr::Rsi)});
  a << Inst(Opcode::RET);
  ObjectOptions o;
  o.sandboxing = mode;
  o.guardSize = mode == codegen::Sandboxing::GuardRegions ? 1 << 16 : 0;
  return buildObject(b.build(), {a.finish()}, o);
}

/// "recurse": push rbp; mov rbp, rsp; cmp rsp, [rdi]; jb L; call recurse; pop rbp; ret; L: ud2
std::vector<uint8_t> recursionModule() {
  WasmBuilder b;
  b.exportAs("recurse", 0, b.func(b.type({}, {})));
  TestAsm a;
  x::Label overflow = a.label(), self = a.label();
  a.bind(self);
  a << Inst(Opcode::PUSH64r, {R(Gpr::Rbp)}) << Inst(Opcode::MOV64rr, {R(Gpr::Rbp), R(Gpr::Rsp)})
    << Inst(Opcode::CMP64rm, {R(Gpr::Rsp), M(Gpr::Rdi, 0)})
    << Inst(Opcode::JCC32, x::Cond::B, {x::Operand::to(overflow)}) << Inst(Opcode::CALL32, {x::Operand::to(self)})
    << Inst(Opcode::POP64r, {R(Gpr::Rbp)}) << Inst(Opcode::RET);
  a.bind(overflow);
  a.ud2(ir::TrapCode::StackExhausted);
  return buildObject(b.build(), {a.finish()});
}

} // namespace

TEST(RuntimeTraps, Ud2IsATrapAndTheInstanceStaysUsable) {
  Loaded l = load(trapModule());
  ASSERT_TRUE(l.inst);
  CallOutcome out = invoke(*l.rt, *l.inst, "trap", {});
  EXPECT_EQ(out.kind, ExitKind::Trapped);
  EXPECT_EQ(out.trap, ir::TrapCode::Unreachable);
  std::vector<Value> r;
  out = invoke(*l.rt, *l.inst, "ok", {}, &r);
  EXPECT_EQ(out.kind, ExitKind::Returned);
  EXPECT_EQ(r[0].asI32(), 5u);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(invoke(*l.rt, *l.inst, "trap", {}).kind, ExitKind::Trapped);
}

TEST(RuntimeTraps, GuardRegionFaultIsOutOfBounds) {
  Loaded l = load(loadModule(codegen::Sandboxing::GuardRegions));
  ASSERT_TRUE(l.inst);
  std::vector<Value> r;
  EXPECT_EQ(invoke(*l.rt, *l.inst, "load", {Value::i32(16)}, &r).kind, ExitKind::Returned);
  EXPECT_EQ(r[0].asI32(), 0x12345678u);
  EXPECT_EQ(l.inst->memory(0)->guard() >= (1u << 16), true);
  for (uint32_t addr : {65536u - 3u, 65536u, 1u << 20, 0xFFFFFFFCu, 0xFFFFFFFFu}) {
    CallOutcome out = invoke(*l.rt, *l.inst, "load", {Value::i32(addr)});
    EXPECT_EQ(out.kind, ExitKind::Trapped) << addr;
    EXPECT_EQ(out.trap, ir::TrapCode::OutOfBoundsMemory) << addr;
  }
  // After memory.grow the same address is in bounds.
  ASSERT_EQ(l.inst->memory(0)->grow(1), 1);
  EXPECT_EQ(invoke(*l.rt, *l.inst, "load", {Value::i32(65536)}, &r).kind, ExitKind::Returned);
  EXPECT_EQ(r[0].asI32(), 0u);
  EXPECT_EQ(l.inst->memory(0)->grow(1), -1); // max 2 pages
}

TEST(RuntimeTraps, TrapInOneInstanceLeavesOthersIntact) {
  Runtime rt;
  Loaded a = load(loadModule(codegen::Sandboxing::GuardRegions), {}, &rt);
  Loaded b = load(loadModule(codegen::Sandboxing::GuardRegions), {}, &rt);
  ASSERT_TRUE(a.inst && b.inst);
  a.inst->memory(0)->base()[100] = 0xAB;
  EXPECT_EQ(invoke(rt, *a.inst, "load", {Value::i32(1u << 24)}).kind, ExitKind::Trapped);
  std::vector<Value> r;
  EXPECT_EQ(invoke(rt, *b.inst, "load", {Value::i32(16)}, &r).kind, ExitKind::Returned);
  EXPECT_EQ(r[0].asI32(), 0x12345678u);
  EXPECT_EQ(invoke(rt, *a.inst, "load", {Value::i32(100)}, &r).kind, ExitKind::Returned);
  EXPECT_EQ(r[0].asI32(), 0xABu);
  EXPECT_EQ(b.inst->memory(0)->base()[100], 0);
}

TEST(RuntimeTraps, DeepRecursionIsStackExhausted) {
  Loaded l = load(recursionModule());
  ASSERT_TRUE(l.inst);
  for (int i = 0; i < 3; ++i) {
    CallOutcome out = invoke(*l.rt, *l.inst, "recurse", {});
    EXPECT_EQ(out.kind, ExitKind::Trapped);
    EXPECT_EQ(out.trap, ir::TrapCode::StackExhausted);
  }
  uint64_t limit;
  std::memcpy(&limit, l.inst->vmctx(), 8);
  EXPECT_EQ(limit, threadStackLimit());
  EXPECT_LT(limit, reinterpret_cast<uintptr_t>(__builtin_frame_address(0)));
}

namespace {

uint32_t hostAdd(HostCallContext *ctx, uint32_t a, uint32_t b) {
  *static_cast<int *>(ctx->userData) += 1;
  if (a == 99) ctx->trap(ctx, uint32_t(ir::TrapCode::IntOverflow));
  if (a == 77) ctx->exit(ctx, 3);
  return a + b + (ctx->memory ? 1000 : 0);
}

/// "callHost"(a, b) -> i32: tail call of import 0 through funcRefs:
///   mov rax, [rdi + 16]; mov rdi, [rax + 8]; jmp [rax]
std::vector<uint8_t> importModule(bool withMemory) {
  WasmBuilder b;
  const uint32_t t = b.type({kI32, kI32}, {kI32});
  b.importFunc("host", "add", t);
  if (withMemory) b.memory(1);
  b.exportAs("callHost", 0, b.func(t));
  b.exportAs("reexport", 0, 0);
  TestAsm a;
  a << Inst(Opcode::MOV64rm, {R(Gpr::Rax), M(Gpr::Rdi, 16)}) << Inst(Opcode::MOV64rm, {R(Gpr::Rdi), M(Gpr::Rax, 8)})
    << Inst(Opcode::JMP64m, {M(Gpr::Rax)});
  return buildObject(b.build(), {a.finish()});
}

} // namespace

TEST(RuntimeTraps, HostFunctionsCallTrapAndExit) {
  Runtime rt;
  int calls = 0;
  HostFunction h;
  h.code = reinterpret_cast<void *>(&hostAdd);
  h.userData = &calls;
  h.params = {wasm::ValType::i32(), wasm::ValType::i32()};
  h.results = {wasm::ValType::i32()};
  Linker linker;
  linker.define("host", "add", rt.hostFunction(h));
  Loaded l = load(importModule(true), linker.resolver(), &rt);
  ASSERT_TRUE(l.inst);
  std::vector<Value> r;
  EXPECT_EQ(invoke(rt, *l.inst, "callHost", {Value::i32(1), Value::i32(2)}, &r).kind, ExitKind::Returned);
  EXPECT_EQ(r[0].asI32(), 1003u); // the host saw the caller's memory
  CallOutcome out = invoke(rt, *l.inst, "callHost", {Value::i32(99), Value::i32(0)});
  EXPECT_EQ(out.kind, ExitKind::Trapped);
  EXPECT_EQ(out.trap, ir::TrapCode::IntOverflow);
  out = invoke(rt, *l.inst, "callHost", {Value::i32(77), Value::i32(0)});
  EXPECT_EQ(out.kind, ExitKind::Exited);
  EXPECT_EQ(out.exitCode, 3);
  EXPECT_EQ(invoke(rt, *l.inst, "reexport", {Value::i32(5), Value::i32(6)}, &r).kind, ExitKind::Returned);
  EXPECT_EQ(r[0].asI32(), 1011u);
  EXPECT_EQ(calls, 4);
  // Called directly from the embedder: no caller memory.
  std::optional<Extern> direct = linker.find("host", "add");
  ASSERT_TRUE(direct.has_value());
  Result<CallOutcome> d = rt.call(*direct, std::vector<Value>{Value::i32(1), Value::i32(1)}, r);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(r[0].asI32(), 2u);
}

namespace {

sigjmp_buf gTestJump;
volatile int gTestHandlerCalls = 0;

void testSegvHandler(int, siginfo_t *, void *) {
  gTestHandlerCalls = gTestHandlerCalls + 1;
  siglongjmp(gTestJump, 1);
}

} // namespace

TEST(RuntimeTraps, ForeignSignalsReachThePreviousHandler) {
  // In a child process: install a handler of our own, then the runtime's
  // (which chains to it), then fault outside generated code, and at a PC of
  // generated code that is not a trap site.
  EXPECT_EXIT(
      {
        struct sigaction sa = {};
        sa.sa_sigaction = testSegvHandler;
        sa.sa_flags = SA_SIGINFO | SA_NODEFER;
        sigaction(SIGSEGV, &sa, nullptr);
        reinstallTrapHandlersForTesting();
        void *page = mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (sigsetjmp(gTestJump, 0) == 0) *static_cast<volatile int *>(page) = 1;
        if (gTestHandlerCalls != 1) _exit(10);
        // Generated code: a load at a PC that is not a trap site.
        WasmBuilder b;
        b.memory(1);
        b.exportAs("load", 0, b.func(b.type({kI32}, {kI32})));
        TestAsm a;
        a << Inst(Opcode::MOV64rm, {R(Gpr::Rax), M(Gpr::Rdi, 64)})
          << Inst(Opcode::MOV32rm, {R(Gpr::Rax), MI(Gpr::Rax, Gpr::Rsi)}) << Inst(Opcode::RET);
        ObjectOptions o;
        o.sandboxing = codegen::Sandboxing::GuardRegions;
        o.guardSize = 1 << 16;
        Runtime rt;
        Result<std::shared_ptr<Module>> m = rt.loadObject(buildObject(b.build(), {a.finish()}, o));
        if (!m) _exit(11);
        Result<std::shared_ptr<Instance>> inst = rt.instantiate(*m, {});
        if (!inst) _exit(12);
        std::vector<Value> r;
        std::optional<Extern> f = (*inst)->exportOf("load", wasm::ExternKind::Func);
        if (sigsetjmp(gTestJump, 0) == 0) (void)rt.call(*f, std::vector<Value>{Value::i32(1u << 20)}, r);
        // The activation was abandoned by the test handler's jump; clear it.
        setCurrentActivation(nullptr);
        _exit(gTestHandlerCalls == 2 ? 42 : 13);
      },
      ::testing::ExitedWithCode(42), "");
}

TEST(RuntimeTraps, UnhandledForeignFaultStillKillsTheProcess) {
  EXPECT_EXIT(
      {
        struct sigaction dfl = {};
        dfl.sa_handler = SIG_DFL;
        sigaction(SIGSEGV, &dfl, nullptr);
        reinstallTrapHandlersForTesting();
        void *page = mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        *static_cast<volatile int *>(page) = 1;
        _exit(0);
      },
      ::testing::KilledBySignal(SIGSEGV), "");
}

// InstanceTest: protects instantiation — vmctx layout as VMContextLayout says,
// globals (imported storage shared, initializers with global.get and
// extended-const), data and element segments, builtins with spec bounds
// semantics, memory growth updating every vmctx, multi-value returns,
// argument passing in registers and on the stack, runtime-wide type ids, and
// link errors / traps during instantiation.
#include "TestObject.h"

#include "runtime/Builtins.h"
#include "runtime/Runtime.h"
#include "wasmaot/runtime.h"

#include <gtest/gtest.h>

using namespace wasmaot;
using namespace wasmaot::runtime;
using namespace wasmaot::runtime::test;
using codegen::Builtin;

namespace {

Result<std::shared_ptr<Instance>> instantiate(Runtime &rt, const std::vector<uint8_t> &obj,
                                              const ImportResolver &imports = {}) {
  Result<std::shared_ptr<Module>> m = rt.loadObject(obj);
  if (!m) return m.error();
  return rt.instantiate(*m, imports);
}

std::vector<TestFunction> retZero(size_t n) {
  std::vector<TestFunction> fs;
  for (size_t i = 0; i < n; ++i) {
    TestAsm a;
    a << Inst(Opcode::XOR32rr, {R(Gpr::Rax), R(Gpr::Rax)}) << Inst(Opcode::RET);
    fs.push_back(a.finish());
  }
  return fs;
}

template <class F> F builtin(Builtin b) { return reinterpret_cast<F>(builtinTable()[size_t(b)]); }

uint64_t globalAt(const Instance &inst, uint32_t g) {
  void *storage;
  std::memcpy(&storage, inst.vmctx() + inst.module().layout().globalPtr(g), 8);
  uint64_t v;
  std::memcpy(&v, storage, 8);
  return v;
}

} // namespace

TEST(RuntimeInstance, GlobalsAndInitializers) {
  Runtime rt;
  Linker linker;
  linker.define("env", "g", rt.hostGlobal({wasm::ValType::i32(), false}, Value::i32(40)));
  Extern mut = rt.hostGlobal({wasm::ValType::i64(), true}, Value::i64(7));
  linker.define("env", "m", mut);
  WasmBuilder b;
  b.importGlobal("env", "g", kI32, false);
  b.importGlobal("env", "m", kI64, true);
  b.global(kI32, false, {0x23, 0x00, 0x41, 0x02, 0x6A}); // global.get 0; i32.const 2; i32.add
  b.global(kI64, true, {0x42, 0x7F});                    // i64.const -1
  b.global(kI32, false, {0x23, 0x02, 0x41, 0x03, 0x6C}); // global.get 2 * 3 (extended const)
  b.exportAs("sum", 3, 2);
  Result<std::shared_ptr<Instance>> inst = instantiate(rt, buildObject(b.build(), {}), linker.resolver());
  ASSERT_TRUE(inst.ok()) << inst.error().message;
  EXPECT_EQ(globalAt(**inst, 0), 40u);
  EXPECT_EQ(globalAt(**inst, 2), 42u);
  EXPECT_EQ(globalAt(**inst, 3), ~0ull);
  EXPECT_EQ(globalAt(**inst, 4), 126u);
  // The imported mutable global is the exporter's storage.
  void *storage;
  std::memcpy(&storage, (*inst)->vmctx() + (*inst)->module().layout().globalPtr(1), 8);
  EXPECT_EQ(storage, mut.global->bytes);
  std::optional<Extern> sum = (*inst)->exportOf("sum", wasm::ExternKind::Global);
  ASSERT_TRUE(sum.has_value());
  EXPECT_EQ(Instance::read(*sum->global).asI32(), 42u);
}

TEST(RuntimeInstance, VmctxHeaderFollowsTheLayout) {
  Runtime rt;
  WasmBuilder b;
  b.memory(1);
  b.memory(0, 3);
  b.table(4);
  b.global(kI32, true, {0x41, 0x05});
  const uint32_t t = b.type({}, {kI32});
  b.func(t);
  b.func(t);
  Result<std::shared_ptr<Instance>> inst = instantiate(rt, buildObject(b.build(), retZero(2)));
  ASSERT_TRUE(inst.ok()) << inst.error().message;
  const Instance &i = **inst;
  const codegen::VMContextLayout &l = i.module().layout();
  uint8_t *vm = i.vmctx();
  auto ptrAt = [&](uint32_t off) {
    void *p;
    std::memcpy(&p, vm + off, 8);
    return p;
  };
  EXPECT_EQ(ptrAt(codegen::VMContextLayout::kBuiltins), builtinTable());
  EXPECT_EQ(ptrAt(codegen::VMContextLayout::kRuntime), &i);
  auto *refs = static_cast<codegen::VMFuncRef *>(ptrAt(codegen::VMContextLayout::kFuncRefs));
  EXPECT_EQ(refs[1].vmctx, vm);
  EXPECT_EQ(refs[0].typeId, refs[1].typeId);
  EXPECT_EQ(refs[1].code, i.module().image().functionCode(1));
  auto *typeIds = static_cast<const uint32_t *>(ptrAt(codegen::VMContextLayout::kTypeIds));
  EXPECT_EQ(typeIds[0], refs[0].typeId);
  auto *mem1 = reinterpret_cast<codegen::VMMemory *>(vm + l.memoryBase(1));
  EXPECT_EQ(mem1->length, 0u);
  auto *mem0 = reinterpret_cast<codegen::VMMemory *>(vm + l.memoryBase(0));
  EXPECT_EQ(mem0->length, 65536u);
  auto *table = static_cast<codegen::VMTable *>(ptrAt(l.tablePtr(0)));
  EXPECT_EQ(table->size, 4u);
  // memory.grow through the builtin updates the inline VMMemory.
  auto grow = builtin<int64_t (*)(void *, uint32_t, uint64_t)>(Builtin::MemoryGrow);
  EXPECT_EQ(grow(vm, 1, 2), 0);
  EXPECT_EQ(mem1->length, 2u * 65536);
  EXPECT_EQ(grow(vm, 1, 2), -1);
  EXPECT_EQ(grow(vm, 1, 1), 2);
  EXPECT_EQ(grow(vm, 1, 0), 3);
  mem1->base[3 * 65536 - 1] = 1; // committed
}

TEST(RuntimeInstance, BulkMemoryBuiltins) {
  Runtime rt;
  WasmBuilder b;
  b.memory(1);
  b.passiveData({1, 2, 3, 4});
  b.data(8, {9, 9});
  Result<std::shared_ptr<Instance>> inst = instantiate(rt, buildObject(b.build(), {}));
  ASSERT_TRUE(inst.ok()) << inst.error().message;
  uint8_t *vm = (*inst)->vmctx();
  uint8_t *mem = (*inst)->memory(0)->base();
  EXPECT_EQ(mem[8], 9);
  const uint32_t oob = 1 + uint32_t(ir::TrapCode::OutOfBoundsMemory);
  auto fill = builtin<uint32_t (*)(void *, uint32_t, uint64_t, uint32_t, uint64_t)>(Builtin::MemoryFill);
  auto copy = builtin<uint32_t (*)(void *, uint32_t, uint32_t, uint64_t, uint64_t, uint64_t)>(Builtin::MemoryCopy);
  auto init = builtin<uint32_t (*)(void *, uint32_t, uint32_t, uint64_t, uint32_t, uint32_t)>(Builtin::MemoryInit);
  auto drop = builtin<void (*)(void *, uint32_t)>(Builtin::DataDrop);
  EXPECT_EQ(fill(vm, 0, 100, 0x1AA, 4), 0u);
  EXPECT_EQ(mem[103], 0xAA);
  EXPECT_EQ(fill(vm, 0, 65535, 1, 2), oob);
  EXPECT_EQ(mem[65535], 0); // nothing written on a trap
  EXPECT_EQ(fill(vm, 0, 65536, 1, 0), 0u);
  EXPECT_EQ(fill(vm, 0, 65537, 1, 0), oob);
  EXPECT_EQ(fill(vm, 0, 1ull << 32, 1, 1), 0u); // the upper half of a 32-bit index is ignored
  EXPECT_EQ(copy(vm, 0, 0, 101, 100, 4), 0u);   // overlapping
  EXPECT_EQ(mem[104], 0xAA);
  EXPECT_EQ(copy(vm, 0, 0, 0, 65533, 4), oob);
  EXPECT_EQ(init(vm, 0, 0, 200, 1, 3), 0u);
  EXPECT_EQ(mem[200], 2);
  EXPECT_EQ(mem[202], 4);
  EXPECT_EQ(init(vm, 0, 0, 200, 2, 3), oob);
  EXPECT_EQ(init(vm, 0, 1, 200, 0, 0), 0u); // active segment: dropped at instantiation
  EXPECT_EQ(init(vm, 0, 1, 200, 0, 1), oob);
  drop(vm, 0);
  EXPECT_EQ(init(vm, 0, 0, 200, 0, 1), oob);
  EXPECT_EQ(init(vm, 0, 0, 65536, 0, 0), 0u);
}

TEST(RuntimeInstance, TablesAndElementSegments) {
  Runtime rt;
  WasmBuilder b;
  const uint32_t t = b.type({}, {kI32});
  b.table(3, 5);
  const uint32_t f0 = b.func(t), f1 = b.func(t);
  b.elem(1, {f1, f0});
  b.exportAs("t", 1, 0);
  Result<std::shared_ptr<Instance>> inst = instantiate(rt, buildObject(b.build(), retZero(2)));
  ASSERT_TRUE(inst.ok()) << inst.error().message;
  std::shared_ptr<Table> table = (*inst)->table(0);
  EXPECT_EQ(table->get(0), 0u);
  EXPECT_EQ(table->get(1), reinterpret_cast<uint64_t>((*inst)->funcRef(f1)));
  EXPECT_EQ(table->get(2), reinterpret_cast<uint64_t>((*inst)->funcRef(f0)));
  uint8_t *vm = (*inst)->vmctx();
  const uint32_t oob = 1 + uint32_t(ir::TrapCode::OutOfBoundsTable);
  auto grow = builtin<int64_t (*)(void *, uint32_t, uint64_t, uint64_t)>(Builtin::TableGrow);
  auto fill = builtin<uint32_t (*)(void *, uint32_t, uint64_t, uint64_t, uint64_t)>(Builtin::TableFill);
  auto copy = builtin<uint32_t (*)(void *, uint32_t, uint32_t, uint64_t, uint64_t, uint64_t)>(Builtin::TableCopy);
  auto init = builtin<uint32_t (*)(void *, uint32_t, uint32_t, uint64_t, uint32_t, uint32_t)>(Builtin::TableInit);
  EXPECT_EQ(grow(vm, 0, 0, 2), 3);
  EXPECT_EQ(grow(vm, 0, 0, 1), -1);
  codegen::VMTable *vt;
  std::memcpy(&vt, vm + (*inst)->module().layout().tablePtr(0), 8);
  EXPECT_EQ(vt->size, 5u);
  EXPECT_EQ(vt->elements, table->data());
  EXPECT_EQ(fill(vm, 0, 3, 0x1234, 2), 0u);
  EXPECT_EQ(table->get(4), 0x1234u);
  EXPECT_EQ(fill(vm, 0, 4, 1, 2), oob);
  EXPECT_EQ(copy(vm, 0, 0, 0, 1, 2), 0u);
  EXPECT_EQ(table->get(0), reinterpret_cast<uint64_t>((*inst)->funcRef(f1)));
  EXPECT_EQ(copy(vm, 0, 0, 4, 0, 2), oob);
  EXPECT_EQ(init(vm, 0, 0, 0, 0, 0), 0u); // active segments are dropped
  EXPECT_EQ(init(vm, 0, 0, 0, 0, 1), oob);
}

TEST(RuntimeInstance, ArgumentsResultsAndMultiValue) {
  Runtime rt;
  WasmBuilder b;
  // f0 (i64 x 7) -> i64: returns the 7th (the 2nd on the stack: rsi..r9 hold 5): mov rax, [rsp + 16]
  b.exportAs("seventh", 0, b.func(b.type({kI64, kI64, kI64, kI64, kI64, kI64, kI64}, {kI64})));
  // f1 (f64, f64) -> f64: addsd xmm0, xmm1
  b.exportAs("fadd", 0, b.func(b.type({kF64, kF64}, {kF64})));
  // f2 (i32, i64) -> (i64, i32): mov [rsi], rcx; mov [rsi + 8], edx  (rsi = return area)
  b.exportAs("swap", 0, b.func(b.type({kI32, kI64}, {kI64, kI32})));
  // f3 (f32 x 9) -> f32: the 9th is on the stack: movss xmm0, [rsp + 8]
  b.exportAs("ninth", 0, b.func(b.type({kF32, kF32, kF32, kF32, kF32, kF32, kF32, kF32, kF32}, {kF32})));
  TestAsm f0, f1, f2, f3;
  f0 << Inst(Opcode::MOV64rm, {R(Gpr::Rax), M(Gpr::Rsp, 16)}) << Inst(Opcode::RET);
  f1 << Inst(Opcode::ADDSDrr, {R(x::Xmm::Xmm0), R(x::Xmm::Xmm1)}) << Inst(Opcode::RET);
  f2 << Inst(Opcode::MOV64mr, {M(Gpr::Rsi), R(Gpr::Rcx)}) << Inst(Opcode::MOV32mr, {M(Gpr::Rsi, 8), R(Gpr::Rdx)})
     << Inst(Opcode::RET);
  f3 << Inst(Opcode::MOVSSrm, {R(x::Xmm::Xmm0), M(Gpr::Rsp, 8)}) << Inst(Opcode::RET);
  Result<std::shared_ptr<Instance>> inst =
      instantiate(rt, buildObject(b.build(), {f0.finish(), f1.finish(), f2.finish(), f3.finish()}));
  ASSERT_TRUE(inst.ok()) << inst.error().message;
  auto run = [&](const char *name, std::vector<Value> args) {
    std::vector<Value> r;
    Result<CallOutcome> out = rt.call(*(*inst)->exportOf(name, wasm::ExternKind::Func), args, r);
    EXPECT_TRUE(out.ok() && out->kind == ExitKind::Returned) << name;
    return r;
  };
  std::vector<Value> args;
  for (uint64_t i = 1; i <= 7; ++i) args.push_back(Value::i64(i * 0x100000001ull));
  EXPECT_EQ(run("seventh", args)[0].asI64(), 7 * 0x100000001ull);
  EXPECT_EQ(run("fadd", {Value::f64(1.5), Value::f64(2.25)})[0].asF64(), 3.75);
  std::vector<Value> r = run("swap", {Value::i32(0xDEADBEEF), Value::i64(0x123456789ull)});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].kind, ValKind::I64);
  EXPECT_EQ(r[0].asI64(), 0x123456789ull);
  EXPECT_EQ(r[1].asI32(), 0xDEADBEEFu);
  std::vector<Value> fs;
  for (int i = 1; i <= 9; ++i) fs.push_back(Value::f32(float(i)));
  EXPECT_EQ(run("ninth", fs)[0].asF32(), 9.0f);
  // Arity and type mismatches are argument errors, not crashes.
  std::vector<Value> out;
  Result<CallOutcome> bad = rt.call(*(*inst)->exportOf("fadd", wasm::ExternKind::Func), std::vector<Value>{}, out);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, ErrorKind::Argument);
}

TEST(RuntimeInstance, TypeIdsAreCanonicalAcrossModules) {
  Runtime rt;
  WasmBuilder a, b;
  const uint32_t a0 = a.type({kI32}, {kI32});
  const uint32_t a1 = a.type({kI64}, {});
  b.type({kF32}, {});
  const uint32_t b1 = b.type({kI32}, {kI32});
  Result<std::shared_ptr<Module>> ma = rt.loadObject(buildObject(a.build(), {}));
  Result<std::shared_ptr<Module>> mb = rt.loadObject(buildObject(b.build(), {}));
  ASSERT_TRUE(ma.ok() && mb.ok());
  EXPECT_EQ((*ma)->typeIds()[a0], (*mb)->typeIds()[b1]);
  EXPECT_NE((*ma)->typeIds()[a1], (*mb)->typeIds()[b1]);
  EXPECT_NE((*ma)->typeIds()[a0], (*ma)->typeIds()[a1]);
  EXPECT_EQ(rt.types().funcTypeId({wasm::ValType::i32()}, {wasm::ValType::i32()}), (*ma)->typeIds()[a0]);
}

TEST(RuntimeInstance, LinkErrors) {
  Runtime rt;
  Linker linker;
  HostFunction h;
  h.code = reinterpret_cast<void *>(+[] {});
  h.params = {wasm::ValType::i64()};
  linker.define("m", "f", rt.hostFunction(h));
  Result<Extern> mem = rt.hostMemory({wasm::Limits{1, 2, false, false}});
  ASSERT_TRUE(mem.ok());
  linker.define("m", "mem", *mem);
  linker.define("m", "g", rt.hostGlobal({wasm::ValType::i32(), false}, Value::i32(1)));

  auto expectLink = [&](WasmBuilder &b, const char *what) {
    Result<std::shared_ptr<Instance>> i = instantiate(rt, buildObject(b.build(), {}), linker.resolver());
    ASSERT_FALSE(i.ok()) << what;
    EXPECT_EQ(i.error().kind, ErrorKind::Link) << what << ": " << i.error().message;
  };
  { WasmBuilder b; b.importFunc("m", "missing", b.type({}, {})); expectLink(b, "unknown import"); }
  { WasmBuilder b; b.importFunc("m", "f", b.type({kI32}, {})); expectLink(b, "function type"); }
  { WasmBuilder b; b.importFunc("m", "mem", b.type({}, {})); expectLink(b, "kind"); }
  { WasmBuilder b; b.importMemory("m", "mem", 2); expectLink(b, "memory min"); }
  { WasmBuilder b; b.importMemory("m", "mem", 1, 1); expectLink(b, "memory max"); }
  { WasmBuilder b; b.importGlobal("m", "g", kI32, true); expectLink(b, "global mutability"); }
  { WasmBuilder b; b.importGlobal("m", "g", kI64, false); expectLink(b, "global type"); }
  WasmBuilder ok;
  ok.importFunc("m", "f", ok.type({kI64}, {}));
  ok.importMemory("m", "mem", 1, 3);
  ok.importGlobal("m", "g", kI32, false);
  Result<std::shared_ptr<Instance>> i = instantiate(rt, buildObject(ok.build(), {}), linker.resolver());
  EXPECT_TRUE(i.ok()) << i.error().message;
}

TEST(RuntimeInstance, TrapsDuringInstantiation) {
  Runtime rt;
  Result<Extern> mem = rt.hostMemory({wasm::Limits{1, {}, false, false}});
  ASSERT_TRUE(mem.ok());
  Linker linker;
  linker.define("m", "mem", *mem);
  // A first segment in bounds, a second out of bounds: the first stays written.
  WasmBuilder b;
  b.importMemory("m", "mem", 1);
  b.data(0, {7});
  b.data(65535, {1, 2});
  Result<std::shared_ptr<Instance>> i = instantiate(rt, buildObject(b.build(), {}), linker.resolver());
  ASSERT_FALSE(i.ok());
  EXPECT_EQ(i.error().kind, ErrorKind::Trap);
  EXPECT_EQ(i.error().trap, ir::TrapCode::OutOfBoundsMemory);
  EXPECT_EQ(mem->memory->base()[0], 7);
  EXPECT_EQ(mem->memory->base()[65535], 0);
  // A start function that traps.
  WasmBuilder s;
  s.start(s.func(s.type({}, {})));
  TestAsm a;
  a.ud2(ir::TrapCode::Unreachable);
  i = instantiate(rt, buildObject(s.build(), {a.finish()}));
  ASSERT_FALSE(i.ok());
  EXPECT_EQ(i.error().kind, ErrorKind::Trap);
  EXPECT_EQ(i.error().trap, ir::TrapCode::Unreachable);
}

TEST(RuntimeInstance, MemoryGrowthAndLayouts) {
  // Guard layout: 4 GiB + guard reserved, the base never moves.
  Result<std::shared_ptr<LinearMemory>> g = LinearMemory::create({wasm::Limits{1, {}, false, false}}, 1 << 16);
  ASSERT_TRUE(g.ok());
  uint8_t *base = (*g)->base();
  codegen::VMMemory view{nullptr, 0};
  (*g)->addView(&view);
  EXPECT_EQ((*g)->grow(10), 1);
  EXPECT_EQ((*g)->base(), base);
  EXPECT_EQ(view.length, 11u * 65536);
  base[11 * 65536 - 1] = 1;
  EXPECT_EQ((*g)->grow(70000), -1);
  // Explicit layout (memory64 without a maximum): grows past its reservation by moving.
  Result<std::shared_ptr<LinearMemory>> e = LinearMemory::create({wasm::Limits{1, {}, true, false}}, 0);
  ASSERT_TRUE(e.ok());
  (*e)->addView(&view);
  (*e)->base()[5] = 42;
  EXPECT_EQ((*e)->grow(3), 1);
  EXPECT_EQ(view.length, 4u * 65536);
  EXPECT_EQ(view.base, (*e)->base());
  EXPECT_EQ(view.base[5], 42);
  (*e)->removeView(&view);
}

TEST(RuntimeInstance, CApi) {
  // The C API over a module that imports a host function.
  WasmBuilder b;
  const uint32_t t = b.type({kI32, kI32}, {kI32});
  b.importFunc("host", "add", t);
  b.memory(1);
  b.exportAs("callHost", 0, b.func(t));
  b.exportAs("memory", 2, 0);
  b.global(kI32, false, {0x41, 0x2A});
  b.exportAs("answer", 3, 0);
  TestAsm a;
  a << Inst(Opcode::MOV64rm, {R(Gpr::Rax), M(Gpr::Rdi, 16)}) << Inst(Opcode::MOV64rm, {R(Gpr::Rdi), M(Gpr::Rax, 8)})
    << Inst(Opcode::JMP64m, {M(Gpr::Rax)});
  std::vector<uint8_t> obj = buildObject(b.build(), {a.finish()});
  wasmaot_runtime *rt = wasmaot_runtime_new();
  wasmaot_result res;
  wasmaot_module *m = wasmaot_module_load(rt, obj.data(), obj.size(), &res);
  ASSERT_NE(m, nullptr) << res.message;
  wasmaot_imports *imports = wasmaot_imports_new(rt);
  const wasmaot_valkind params[] = {WASMAOT_I32, WASMAOT_I32}, results[] = {WASMAOT_I32};
  auto add = +[](HostCallContext *ctx, uint32_t x, uint32_t y) -> uint32_t {
    if (x == 0) ctx->trap(ctx, uint32_t(ir::TrapCode::Unreachable));
    return x * y;
  };
  EXPECT_EQ(wasmaot_imports_define_func(imports, "host", "add", params, 2, results, 1,
                                        reinterpret_cast<wasmaot_host_fn>(add), nullptr),
            WASMAOT_OK);
  wasmaot_instance *inst = wasmaot_instantiate(m, imports, &res);
  ASSERT_NE(inst, nullptr) << res.message;
  wasmaot_val args[2] = {{WASMAOT_I32, {}}, {WASMAOT_I32, {}}};
  args[0].of.i32 = 6;
  args[1].of.i32 = 7;
  wasmaot_val out[1];
  EXPECT_EQ(wasmaot_instance_call(inst, "callHost", args, 2, out, 1, &res), WASMAOT_OK) << res.message;
  EXPECT_EQ(out[0].of.i32, 42u);
  args[0].of.i32 = 0;
  EXPECT_EQ(wasmaot_instance_call(inst, "callHost", args, 2, out, 1, &res), WASMAOT_TRAP);
  EXPECT_STREQ(res.message, "unreachable");
  EXPECT_EQ(wasmaot_instance_call(inst, "nope", args, 2, out, 1, &res), WASMAOT_ERROR_ARGUMENT);
  uint64_t size = 0;
  uint8_t *mem = wasmaot_instance_memory(inst, "memory", &size);
  ASSERT_NE(mem, nullptr);
  EXPECT_EQ(size, 65536u);
  mem[10] = 1;
  wasmaot_val g;
  EXPECT_EQ(wasmaot_instance_global_get(inst, "answer", &g), WASMAOT_OK);
  EXPECT_EQ(g.of.i32, 42u);
  wasmaot_module_delete(m); // the instance keeps the module alive
  EXPECT_EQ(wasmaot_instance_call(inst, "callHost", (args[0].of.i32 = 2, args), 2, out, 1, &res), WASMAOT_OK);
  EXPECT_EQ(out[0].of.i32, 14u);
  wasmaot_instance_delete(inst);
  wasmaot_imports_delete(imports);
  wasmaot_runtime_delete(rt);
}

// The compiled code relies on it (ir::kMaxMemory32Pages, bracketing_checks): a
// 32-bit memory stays one page short of 4 GiB, at creation and when it grows.
TEST(LinearMemoryLimit, A32BitMemoryNeverReaches4GiB) {
  wasm::MemoryType type;
  type.limits.min = 65536;
  EXPECT_FALSE(LinearMemory::create(type, 0).ok());
  type.limits.min = 1;
  Result<std::shared_ptr<LinearMemory>> m = LinearMemory::create(type, uint64_t(2) << 30);
  ASSERT_TRUE(m.ok());
  std::shared_ptr<LinearMemory> mem = m.take();
  EXPECT_EQ(mem->grow(65535), -1) << "65536 pages";
  EXPECT_EQ(mem->grow(65534), 1) << "65535 pages";
  EXPECT_EQ(mem->length(), uint64_t(65535) * 65536);
  EXPECT_EQ(mem->grow(1), -1);
}

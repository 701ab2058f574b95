// LoaderTest: protects the in-process loader — mapping, relocation (PC32 from
// code to .rodata, R_X86_64_64 from .rodata to code and in the descriptor),
// W^X protections, and the refusal of objects for another ABI version,
// machine or sandboxing mode, or with a broken descriptor.
#include "TestObject.h"

#include "runtime/Runtime.h"

#include <gtest/gtest.h>

#include <sys/mman.h>

#include <fstream>
#include <sstream>

using namespace wasmaot;
using namespace wasmaot::runtime;
using namespace wasmaot::runtime::test;

namespace {

/// (i32, i32) -> i32 "add": mov eax, esi; add eax, edx; ret
std::vector<uint8_t> addModule(const ObjectOptions &o = {}) {
  WasmBuilder b;
  const uint32_t t = b.type({kI32, kI32}, {kI32});
  b.exportAs("add", 0, b.func(t));
  TestAsm a;
  a << Inst(Opcode::MOV32rr, {R(Gpr::Rax), R(Gpr::Rsi)}) << Inst(Opcode::ADD32rr, {R(Gpr::Rax), R(Gpr::Rdx)})
    << Inst(Opcode::RET);
  return buildObject(b.build(), {a.finish()}, o);
}

std::vector<Value> call(Runtime &rt, Instance &inst, const char *name, std::vector<Value> args) {
  std::vector<Value> results;
  std::optional<Extern> f = inst.exportOf(name, wasm::ExternKind::Func);
  EXPECT_TRUE(f.has_value()) << name;
  if (!f) return results;
  Result<CallOutcome> out = rt.call(*f, args, results);
  EXPECT_TRUE(out.ok());
  if (out) {
    EXPECT_EQ(out->kind, ExitKind::Returned);
  }
  return results;
}

/// Protection flags of the mapping that contains `p`, from /proc/self/maps ("r-xp").
std::string protectionOf(const void *p) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  const uintptr_t a = reinterpret_cast<uintptr_t>(p);
  while (std::getline(maps, line)) {
    uintptr_t lo = 0, hi = 0;
    char perms[8] = {};
    if (std::sscanf(line.c_str(), "%lx-%lx %7s", &lo, &hi, perms) == 3 && a >= lo && a < hi) return perms;
  }
  return "";
}

} // namespace

TEST(RuntimeLoader, LoadsAndCallsAFunction) {
  Runtime rt;
  std::vector<uint8_t> obj = addModule();
  ASSERT_FALSE(obj.empty());
  Result<std::shared_ptr<Module>> m = rt.loadObject(obj);
  ASSERT_TRUE(m.ok()) << m.error().message;
  Result<std::shared_ptr<Instance>> inst = rt.instantiate(*m, {});
  ASSERT_TRUE(inst.ok()) << inst.error().message;
  std::vector<Value> r = call(rt, **inst, "add", {Value::i32(40), Value::i32(2)});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].asI32(), 42u);
  r = call(rt, **inst, "add", {Value::i32(0xFFFFFFFF), Value::i32(3)});
  EXPECT_EQ(r[0].asI32(), 2u);
}

TEST(RuntimeLoader, CodeIsNeverWritableAndExecutable) {
  Runtime rt;
  Result<std::shared_ptr<Module>> m = rt.loadObject(addModule());
  ASSERT_TRUE(m.ok()) << m.error().message;
  const CodeImage &image = (*m)->image();
  EXPECT_EQ(protectionOf(image.text()).substr(0, 3), "r-x");
  ASSERT_FALSE(image.segments().empty());
  for (const CodeImage::Segment &s : image.segments()) {
    EXPECT_FALSE((s.protection & PROT_WRITE) && (s.protection & PROT_EXEC));
    const std::string p = protectionOf(s.begin);
    EXPECT_FALSE(p[1] == 'w' && p[2] == 'x') << p;
  }
}

TEST(RuntimeLoader, AppliesRelocations) {
  // f0: lea rax, [rip + .rodata + 8]; mov eax, [rax]; ret   (PC32 to .rodata)
  // f1: lea rax, [rip + .rodata + 0]; jmp [rax]              (R_X86_64_64 from .rodata to f2)
  // f2: mov eax, 7; ret
  WasmBuilder b;
  const uint32_t t = b.type({}, {kI32});
  b.exportAs("const", 0, b.func(t));
  b.exportAs("indirect", 0, b.func(t));
  b.func(t);
  TestAsm f0, f1, f2;
  f0.leaRodata(Gpr::Rax, 8) << Inst(Opcode::MOV32rm, {R(Gpr::Rax), M(Gpr::Rax)}) << Inst(Opcode::RET);
  f1.leaRodata(Gpr::Rax, 0) << Inst(Opcode::JMP64m, {M(Gpr::Rax)});
  f2 << Inst(Opcode::MOV32ri, {R(Gpr::Rax), I(7)}) << Inst(Opcode::RET);
  ObjectOptions o;
  o.rodata.assign(16, 0);
  o.rodata[8] = 0x39; // 0x12345 + 0xF4 would do too; any value proves the load
  o.rodata[9] = 0x30;
  o.rodataCodePointers.push_back({0, 2});
  Runtime rt;
  Result<std::shared_ptr<Module>> m = rt.loadObject(buildObject(b.build(), {f0.finish(), f1.finish(), f2.finish()}, o));
  ASSERT_TRUE(m.ok()) << m.error().message;
  Result<std::shared_ptr<Instance>> inst = rt.instantiate(*m, {});
  ASSERT_TRUE(inst.ok()) << inst.error().message;
  EXPECT_EQ(call(rt, **inst, "const", {})[0].asI32(), 0x3039u);
  EXPECT_EQ(call(rt, **inst, "indirect", {})[0].asI32(), 7u);
}

TEST(RuntimeLoader, RefusesAnotherAbiVersion) {
  ObjectOptions o;
  o.abiVersion = codegen::kAbiVersion + 1;
  Runtime rt;
  Result<std::shared_ptr<Module>> m = rt.loadObject(addModule(o));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().kind, ErrorKind::Load);
  EXPECT_NE(m.error().message.find("ABI version"), std::string::npos) << m.error().message;
}

TEST(RuntimeLoader, RefusesAnotherMachine) {
  ObjectOptions o;
  o.descriptorMachine = uint32_t(object::Machine::AArch64);
  Runtime rt;
  Result<std::shared_ptr<Module>> m = rt.loadObject(addModule(o));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("aarch64"), std::string::npos) << m.error().message;

  ObjectOptions elf;
  elf.elfMachine = object::Machine::AArch64;
  elf.descriptorMachine = uint32_t(object::Machine::AArch64);
  m = rt.loadObject(addModule(elf));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("the object is for aarch64"), std::string::npos) << m.error().message;
}

TEST(RuntimeLoader, RefusesGuardRegionCodeWhenGuardRegionsAreOff) {
  ObjectOptions o;
  o.sandboxing = codegen::Sandboxing::GuardRegions;
  o.guardSize = 1 << 16;
  RuntimeOptions ro;
  ro.guardRegions = false;
  Runtime rt(ro);
  Result<std::shared_ptr<Module>> m = rt.loadObject(addModule(o));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("guard-region sandboxing"), std::string::npos) << m.error().message;
  Runtime withGuards;
  EXPECT_TRUE(withGuards.loadObject(addModule(o)).ok());
}

TEST(RuntimeLoader, RefusesBrokenObjects) {
  Runtime rt;
  std::vector<uint8_t> obj = addModule();
  // Not ELF.
  std::vector<uint8_t> junk(64, 0);
  EXPECT_EQ(rt.loadObject(junk).error().kind, ErrorKind::Load);
  // Every truncation is refused cleanly.
  for (size_t n = 0; n < obj.size(); n += 7) {
    std::vector<uint8_t> cut(obj.begin(), obj.begin() + n);
    EXPECT_FALSE(rt.loadObject(cut).ok()) << n;
  }
  // The descriptor's magic.
  std::vector<uint8_t> bad = obj;
  const std::string magic = "WAOTMOD";
  auto it = std::search(bad.begin(), bad.end(), magic.begin(), magic.end());
  ASSERT_NE(it, bad.end());
  *it = 'X';
  Result<std::shared_ptr<Module>> m = rt.loadObject(bad);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("magic"), std::string::npos) << m.error().message;
  // A descriptor whose text address is not relocated.
  ObjectOptions o;
  o.relocateTextAddress = false;
  m = rt.loadObject(addModule(o));
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().message.find("not relocated"), std::string::npos) << m.error().message;
}

TEST(RuntimeLoader, DescriptorParserChecksTables) {
  codegen::ModuleDescriptor d;
  d.machine = uint32_t(object::Machine::X86_64);
  d.numFunctions = 2;
  d.functions = {{0, 16}, {16, 8}};
  d.traps = {{4, 0}, {20, uint32_t(ir::TrapCode::StackExhausted)}};
  std::vector<uint8_t> bytes = codegen::encodeModuleDescriptor(d);
  Result<ModuleDescriptor> p = parseDescriptor(bytes);
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->functions.size(), 2u);
  EXPECT_EQ(p->traps[1].trapCode, uint32_t(ir::TrapCode::StackExhausted));
  EXPECT_EQ(p->textExtent, 24u);

  codegen::ModuleDescriptor unsorted = d;
  unsorted.traps = {{20, 0}, {4, 0}};
  EXPECT_FALSE(parseDescriptor(codegen::encodeModuleDescriptor(unsorted)).ok());
  codegen::ModuleDescriptor past = d;
  past.traps = {{30, 0}};
  EXPECT_FALSE(parseDescriptor(codegen::encodeModuleDescriptor(past)).ok());
  codegen::ModuleDescriptor badCode = d;
  badCode.traps = {{4, 200}};
  EXPECT_FALSE(parseDescriptor(codegen::encodeModuleDescriptor(badCode)).ok());
  codegen::ModuleDescriptor counts = d;
  counts.numFunctions = 5;
  EXPECT_FALSE(parseDescriptor(codegen::encodeModuleDescriptor(counts)).ok());
  for (size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(parseDescriptor(std::span<const uint8_t>(bytes.data(), n)).ok()) << n;
}

TEST(RuntimeLoader, LinkedDescriptorPath) {
  // A descriptor in this process's own memory with a final text address, as
  // the system linker leaves it: reuse the code of a loaded object.
  Runtime rt;
  Result<std::shared_ptr<Module>> loaded = rt.loadObject(addModule());
  ASSERT_TRUE(loaded.ok());
  WasmBuilder b;
  b.exportAs("add", 0, b.func(b.type({kI32, kI32}, {kI32})));
  std::vector<uint8_t> wasm = b.build();
  codegen::ModuleDescriptor d;
  d.machine = uint32_t(object::Machine::X86_64);
  d.numFunctions = 1;
  d.functions = {{0, uint32_t((*loaded)->descriptor().functions[0].size)}};
  const codegen::VMContextLayout l = codegen::VMContextLayout::forCounts(0, 0, 0);
  d.vmctxSize = l.size;
  d.memoriesOffset = l.memoriesOffset;
  d.globalsOffset = l.globalsOffset;
  d.tablesOffset = l.tablesOffset;
  d.wasm = wasm;
  std::vector<uint8_t> bytes = codegen::encodeModuleDescriptor(d);
  const uint64_t text = reinterpret_cast<uint64_t>((*loaded)->image().text());
  std::memcpy(bytes.data() + codegen::descriptor::kTextAddressAt, &text, 8);
  Result<std::shared_ptr<Module>> linked = rt.loadLinked(bytes.data());
  ASSERT_TRUE(linked.ok()) << linked.error().message;
  Result<std::shared_ptr<Instance>> inst = rt.instantiate(*linked, {});
  ASSERT_TRUE(inst.ok()) << inst.error().message;
  EXPECT_EQ(call(rt, **inst, "add", {Value::i32(1), Value::i32(2)})[0].asI32(), 3u);
}

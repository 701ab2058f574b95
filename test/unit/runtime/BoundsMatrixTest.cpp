// BoundsMatrixTest: protects memory sandboxing at its exact edges, on whatever
// ISA the tests run on (natively on x86-64; the cross builds run it under
// qemu-aarch64 and qemu-riscv64): memory32 and memory64 × sandboxing mode
// (explicit checks; guard regions of 64 KiB, 1 MiB and 2 GiB; on x86-64 also
// Segue with explicit checks and guards of 64 KiB and 2 GiB) × every access
// width of loads and stores × static offsets (0, small, at and across the
// memory's end, at and across the guard's end, 2^31, 2^32 - 1, and for
// memory64 2^32 and up). For each case the last in-bounds address succeeds
// with the right bytes, the first out-of-bounds one traps with
// out-of-bounds-memory, a trapping store leaves memory untouched, and after
// memory.grow the boundary moves with the memory.
#include "runtime/Runtime.h"
#include "wasmaot/Compiler.h"
#include "HostWasm.h"

#include <gtest/gtest.h>

#include <sys/mman.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::runtime;
using wasmaot::testutil::hostTarget;
using wasmaot::testutil::leb;

namespace {

constexpr uint8_t kI32 = 0x7F, kI64 = 0x7E;
constexpr uint64_t kPage = 65536;

/// One memory access the matrix covers: its opcode, width in bytes, and the
/// code around it that turns the loaded value into an i64 / the i64 argument
/// into the stored value.
struct Access {
  const char *name;
  uint8_t opcode;
  unsigned bytes;
  bool store;
  std::vector<uint8_t> convert; ///< load: after the access; store: before it
};

const std::vector<Access> &accesses() {
  static const std::vector<Access> all = {
      {"i32.load8_u", 0x2D, 1, false, {0xAD}},        // i64.extend_i32_u
      {"i32.load16_u", 0x2F, 2, false, {0xAD}},
      {"i32.load", 0x28, 4, false, {0xAD}},
      {"i64.load", 0x29, 8, false, {}},
      {"f32.load", 0x2A, 4, false, {0xBC, 0xAD}},     // i32.reinterpret_f32, i64.extend_i32_u
      {"f64.load", 0x2B, 8, false, {0xBD}},           // i64.reinterpret_f64
      {"i64.load32_s", 0x34, 4, false, {}},
      {"i32.store8", 0x3A, 1, true, {0xA7}},          // i32.wrap_i64
      {"i32.store16", 0x3B, 2, true, {0xA7}},
      {"i32.store", 0x36, 4, true, {0xA7}},
      {"i64.store", 0x37, 8, true, {}},
      {"f32.store", 0x38, 4, true, {0xA7, 0xBE}},     // i32.wrap_i64, f32.reinterpret_i32
      {"f64.store", 0x39, 8, true, {0xBF}},           // f64.reinterpret_i64
  };
  return all;
}

struct Mode {
  std::string name;
  BoundsChecks bounds;
  uint64_t guard; ///< guard bytes (BoundsChecks::Guard)
  bool segue = false; ///< --segue (x86-64): memory 0 through %gs; memory64 compiles without it
};

/// The static offsets of one module: fixed ones plus those at the guard's end.
std::vector<uint64_t> offsetsFor(bool memory64, const Mode &mode) {
  std::vector<uint64_t> o = {0, 1, 7, 4096, kPage - 8, kPage - 4, kPage - 1, kPage, kPage + 1, 2 * kPage - 1,
                             uint64_t(1) << 31, 0xFFFFFFFFull};
  if (mode.bounds == BoundsChecks::Guard)
    for (int64_t d : {-8, -7, -4, -1, 0, 1, 8})
      o.push_back(mode.guard - d);
  if (memory64)
    for (uint64_t x : {uint64_t(1) << 32, (uint64_t(1) << 32) + 1, uint64_t(1) << 63, ~uint64_t(0)})
      o.push_back(x);
  std::sort(o.begin(), o.end());
  o.erase(std::unique(o.begin(), o.end()), o.end());
  return o;
}

struct Case {
  const Access *access;
  uint64_t offset;
  std::string exportName;
};

/// A module that imports one memory of one page (growable) and has one function per case:
/// load: (addr) -> i64; store: (addr, value i64) -> (); plus "grow".
std::vector<uint8_t> buildModule(bool memory64, const std::vector<Case> &cases) {
  const uint8_t addr = memory64 ? kI64 : kI32;
  std::vector<uint8_t> out{0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  auto section = [&](uint8_t id, const std::vector<uint8_t> &body) {
    out.push_back(id);
    leb(out, body.size());
    out.insert(out.end(), body.begin(), body.end());
  };
  // types: 0 load (addr) -> i64, 1 store (addr, i64) -> (), 2 grow () -> addr
  section(1, {3, 0x60, 1, addr, 1, kI64, 0x60, 2, addr, kI64, 0, 0x60, 0, 1, addr});
  // the memory, imported as env.mem (the test makes it): min 1 page, no maximum
  section(2, {1, 3, 'e', 'n', 'v', 3, 'm', 'e', 'm', 0x02, uint8_t(memory64 ? 0x04 : 0x00), 1});
  std::vector<uint8_t> s;
  leb(s, cases.size() + 1);
  for (const Case &c : cases)
    s.push_back(c.access->store ? 1 : 0);
  s.push_back(2);
  section(3, s);
  s.clear();
  leb(s, cases.size() + 1);
  for (size_t k = 0; k <= cases.size(); ++k) {
    const std::string name = k < cases.size() ? cases[k].exportName : "grow";
    leb(s, name.size());
    s.insert(s.end(), name.begin(), name.end());
    s.push_back(0x00);
    leb(s, k);
  }
  section(7, s);
  s.clear();
  leb(s, cases.size() + 1);
  for (size_t k = 0; k <= cases.size(); ++k) {
    std::vector<uint8_t> body{0x00}; // no locals
    if (k == cases.size()) {
      body.insert(body.end(), {uint8_t(memory64 ? 0x42 : 0x41), 1, 0x40, 0x00}); // i32/i64.const 1; memory.grow 0
    } else {
      const Access &a = *cases[k].access;
      body.insert(body.end(), {0x20, 0}); // local.get 0 (the address)
      if (a.store) {
        body.insert(body.end(), {0x20, 1});
        body.insert(body.end(), a.convert.begin(), a.convert.end());
      }
      body.push_back(a.opcode);
      body.push_back(0); // alignment 1: the boundary cases are unaligned
      leb(body, cases[k].offset);
      if (!a.store) body.insert(body.end(), a.convert.begin(), a.convert.end());
    }
    body.push_back(0x0B);
    leb(s, body.size());
    s.insert(s.end(), body.begin(), body.end());
  }
  section(10, s);
  return out;
}

uint8_t pattern(uint64_t i) { return uint8_t(i * 131 + 7); }

class BoundsMatrix : public ::testing::TestWithParam<std::tuple<bool, int>> {};

std::vector<Mode> modes() {
  return {{"explicit", BoundsChecks::Explicit, 0},
          {"guard64K", BoundsChecks::Guard, kPage},
          {"guard1M", BoundsChecks::Guard, uint64_t(1) << 20},
          {"guard2G", BoundsChecks::Guard, uint64_t(2) << 30},
          {"segueExplicit", BoundsChecks::Explicit, 0, true},
          {"segueGuard64K", BoundsChecks::Guard, kPage, true},
          {"segueGuard2G", BoundsChecks::Guard, uint64_t(2) << 30, true}};
}

TEST_P(BoundsMatrix, EveryAccessAtTheExactBoundary) {
  if (!*hostTarget()) GTEST_SKIP() << "no back end for this host";
  const bool memory64 = std::get<0>(GetParam());
  const Mode mode = modes()[size_t(std::get<1>(GetParam()))];
  if (mode.segue && std::string_view(hostTarget()) != "x86_64") GTEST_SKIP() << "Segue is x86-64 only";
  std::vector<Case> cases;
  for (const Access &a : accesses())
    for (uint64_t off : offsetsFor(memory64, mode))
      cases.push_back({&a, off, std::string(a.name) + "@" + std::to_string(off)});

  CompileOptions options;
  options.verifyIR = true;
  options.target = hostTarget();
  options.bounds = mode.bounds;
  if (mode.bounds == BoundsChecks::Guard) options.guardSize = mode.guard;
  options.segue = mode.segue;
  options.threads = 1;
  std::vector<uint8_t> object;
  Diagnostic diag;
  ASSERT_TRUE(Compiler(options).compileToObject(buildModule(memory64, cases), object, diag)) << diag.message;
  Runtime rt;
  Result<std::shared_ptr<runtime::Module>> m = rt.loadObject(object);
  ASSERT_TRUE(m.ok()) << (m ? "" : m.error().message);
  ASSERT_EQ((*m)->descriptor().segue, mode.segue && !memory64);
  // A readable, writable page right after a 32-bit memory's reservation
  // (4 GiB + guard): an access the compiler let through unchecked that reaches
  // past the guard lands there instead of faulting, and the case fails. The
  // kernel places a mapping at the top of the highest hole that fits, so: find
  // a hole of reservation + 1 page, put the page at its top, and create the
  // memory (the next mapping) right below it.
  const uint64_t guard = mode.bounds == BoundsChecks::Guard ? mode.guard : 0;
  const uint64_t reservation = (uint64_t(1) << 32) + guard;
  wasm::MemoryType type;
  type.limits.min = 1;
  type.limits.is64 = memory64;
  std::shared_ptr<LinearMemory> mem;
  void *beyond = MAP_FAILED;
  for (int attempt = 0; attempt < 4 && !mem; ++attempt) {
    void *hole = nullptr;
    if (!memory64) {
      hole = mmap(nullptr, reservation + kPage, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      ASSERT_NE(hole, MAP_FAILED);
      munmap(hole, reservation + kPage);
      beyond = mmap(static_cast<uint8_t *>(hole) + reservation, kPage, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    }
    Result<std::shared_ptr<LinearMemory>> created = LinearMemory::create(type, guard);
    ASSERT_TRUE(created.ok()) << (created ? "" : created.error().message);
    mem = created.take();
    if (memory64) break;
    uint8_t *end = mem->base() + reservation;
    if (beyond != end) {
      if (beyond != MAP_FAILED) munmap(beyond, kPage);
      // Not where the probe expected it: the page right after, if that is free.
      beyond = mmap(end, kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
      if (beyond != end) {
        if (beyond != MAP_FAILED) munmap(beyond, kPage); // a kernel without MAP_FIXED_NOREPLACE
        beyond = MAP_FAILED;
        mem.reset(); // try another placement
      }
    }
  }
  struct Unmap {
    void *p;
    ~Unmap() {
      if (p != MAP_FAILED) munmap(p, kPage);
    }
  } unmapBeyond{beyond};
  if (!memory64 && !mem) {
    // The placement is the kernel's choice: run without the probe, and say so.
    std::printf("note: %s: no free page right after the memory; past-the-guard accesses fault anyway\n",
                mode.name.c_str());
    Result<std::shared_ptr<LinearMemory>> created = LinearMemory::create(type, guard);
    ASSERT_TRUE(created.ok());
    mem = created.take();
  }
  Extern memExtern;
  memExtern.kind = wasm::ExternKind::Memory;
  memExtern.memory = mem;
  Result<std::shared_ptr<Instance>> inst =
      rt.instantiate(*m, [&](std::string_view, std::string_view) { return std::optional<Extern>(memExtern); });
  ASSERT_TRUE(inst.ok()) << (inst ? "" : inst.error().message);

  auto fill = [&] {
    for (uint64_t i = 0; i < mem->length(); ++i)
      mem->base()[i] = pattern(i);
  };
  auto callCase = [&](const Case &c, uint64_t address, std::vector<Value> &results) {
    std::optional<Extern> f = (*inst)->exportOf(c.exportName, wasm::ExternKind::Func);
    EXPECT_TRUE(f.has_value()) << c.exportName;
    std::vector<Value> args{memory64 ? Value::i64(address) : Value::i32(uint32_t(address))};
    if (c.access->store) args.push_back(Value::i64(0x8877665544332211ull));
    results.assign(c.access->store ? 0 : 1, Value{});
    Result<CallOutcome> out = rt.call(*f, args, results);
    EXPECT_TRUE(out.ok()) << (out ? "" : out.error().message);
    return out ? *out : CallOutcome{};
  };
  const std::string where = std::string(memory64 ? "memory64 " : "memory32 ") + mode.name + " ";
  // The address must trap: out of bounds, and a store writes nothing.
  auto expectTrap = [&](const Case &c, uint64_t address) {
    fill();
    std::vector<Value> results;
    CallOutcome out = callCase(c, address, results);
    EXPECT_EQ(out.kind, ExitKind::Trapped) << where << c.exportName << " at " << address;
    if (out.kind == ExitKind::Trapped) {
      EXPECT_EQ(out.trap, ir::TrapCode::OutOfBoundsMemory) << where << c.exportName << " at " << address;
    }
    if (c.access->store) {
      for (uint64_t i = mem->length() - 16; i < mem->length(); ++i) {
        ASSERT_EQ(mem->base()[i], pattern(i)) << where << c.exportName << " at " << address << " wrote byte " << i;
      }
    }
  };
  // The address is in bounds: a load reads the bytes there, a store writes exactly them.
  auto expectAccess = [&](const Case &c, uint64_t address) {
    fill();
    std::vector<Value> results;
    CallOutcome out = callCase(c, address, results);
    ASSERT_EQ(out.kind, ExitKind::Returned) << where << c.exportName << " at " << address;
    const uint64_t ea = address + c.offset;
    const unsigned n = c.access->bytes;
    if (!c.access->store) {
      uint64_t want = 0;
      for (unsigned b = 0; b < n; ++b)
        want |= uint64_t(pattern(ea + b)) << (8 * b);
      if (c.access->opcode == 0x34 && (want & 0x80000000u)) want |= 0xFFFFFFFF00000000ull; // i64.load32_s
      EXPECT_EQ(results[0].lo, want) << where << c.exportName << " at " << address;
    } else {
      for (unsigned b = 0; b < n; ++b)
        EXPECT_EQ(mem->base()[ea + b], uint8_t(0x8877665544332211ull >> (8 * b)))
            << where << c.exportName << " at " << address << " byte " << b;
      if (ea > 0) {
        EXPECT_EQ(mem->base()[ea - 1], pattern(ea - 1)) << where << c.exportName;
      }
      if (ea + n < mem->length()) {
        EXPECT_EQ(mem->base()[ea + n], pattern(ea + n)) << where << c.exportName;
      }
    }
  };
  const uint64_t addressMax = memory64 ? ~uint64_t(0) : 0xFFFFFFFFull;
  auto checkAll = [&] {
    const uint64_t size = mem->length();
    for (const Case &c : cases) {
      const unsigned n = c.access->bytes;
      if (c.offset <= size && n <= size - c.offset) { // offset + n <= size, without wrapping
        const uint64_t last = size - n - c.offset; // the last in-bounds address
        expectAccess(c, last);
        expectAccess(c, 0);
        expectTrap(c, last + 1);
        expectTrap(c, size - c.offset); // the access starts at the memory's end
      } else {
        expectTrap(c, 0);
      }
      expectTrap(c, addressMax);
      expectTrap(c, addressMax - n + 1);
      if (memory64) expectTrap(c, uint64_t(1) << 32);
      if (::testing::Test::HasFatalFailure()) return;
    }
  };
  checkAll();
  // memory.grow moves the boundary: what trapped at one page is in bounds at two.
  std::optional<Extern> grow = (*inst)->exportOf("grow", wasm::ExternKind::Func);
  ASSERT_TRUE(grow.has_value());
  std::vector<Value> old(1);
  Result<CallOutcome> g = rt.call(*grow, {}, old);
  ASSERT_TRUE(g.ok() && g->kind == ExitKind::Returned);
  ASSERT_EQ(uint32_t(old[0].lo), 1u);
  ASSERT_EQ(mem->length(), 2 * kPage);
  checkAll();
}

std::string caseName(const ::testing::TestParamInfo<std::tuple<bool, int>> &info) {
  return std::string(std::get<0>(info.param) ? "memory64_" : "memory32_") + modes()[size_t(std::get<1>(info.param))].name;
}

INSTANTIATE_TEST_SUITE_P(All, BoundsMatrix, ::testing::Combine(::testing::Bool(), ::testing::Range(0, 7)), caseName);

} // namespace

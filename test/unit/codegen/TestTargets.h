// Target descriptions for the codegen tests: a tiny one that forces spills and an
// x86-64-like one (System V register sets).
#pragma once

#include "codegen/TargetDesc.h"

namespace wasmaot::codegen::test {

/// 4 int registers (r0, r1 caller-saved; r2, r3 callee-saved) and 2 float
/// registers, plus scratch registers r4 and f2 unless withScratch is false.
inline TargetDesc fakeTarget(bool withScratch = true) {
  TargetDesc t;
  t.name = withScratch ? "fake" : "fake-noscratch";
  auto add = [&](const char *n, RegClass c, bool cs) {
    t.regs.push_back({n, c, uint8_t(t.regs.size()), cs});
    return PReg(t.regs.size() - 1);
  };
  PReg r0 = add("r0", RegClass::Int, false), r1 = add("r1", RegClass::Int, false);
  PReg r2 = add("r2", RegClass::Int, true), r3 = add("r3", RegClass::Int, true);
  PReg r4 = add("r4", RegClass::Int, false);
  PReg f0 = add("f0", RegClass::Float, false), f1 = add("f1", RegClass::Float, false);
  PReg f2 = add("f2", RegClass::Float, false);
  t.allocatable[0] = {r0, r1, r2, r3};
  t.allocatable[1] = {f0, f1};
  if (withScratch)
    t.scratch = {r4, f2};
  return t;
}

/// x86-64 System V: rsp and rbp (frame pointer) are never allocated, r11 and
/// xmm15 are the resolver's scratch registers.
inline TargetDesc x64LikeTarget() {
  TargetDesc t;
  t.name = "x64";
  const char *gprs[] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                        "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
  for (unsigned i = 0; i < 16; ++i) {
    std::string n = gprs[i];
    bool cs = n == "rbx" || n == "rbp" || n == "rsp" || n == "r12" || n == "r13" || n == "r14" || n == "r15";
    t.regs.push_back({n, RegClass::Int, uint8_t(i), cs});
  }
  for (unsigned i = 0; i < 16; ++i)
    t.regs.push_back({"xmm" + std::to_string(i), RegClass::Float, uint8_t(i), false});
  auto r = [&](const char *n) { return t.find(n); };
  t.allocatable[0] = {r("rax"), r("rcx"), r("rdx"), r("rsi"), r("rdi"), r("r8"), r("r9"), r("r10"),
                      r("rbx"), r("r12"), r("r13"), r("r14"), r("r15")};
  for (unsigned i = 0; i < 15; ++i)
    t.allocatable[1].push_back(PReg(16 + i));
  t.scratch = {r("r11"), r("xmm15")};
  return t;
}

} // namespace wasmaot::codegen::test

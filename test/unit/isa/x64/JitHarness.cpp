// JitHarness: see JitHarness.h.
#include "JitHarness.h"

#include "ir/Parser.h"
#include "ir/Verifier.h"

#include <algorithm>
#include <csetjmp>
#include <csignal>
#include <cstring>
#include <sys/mman.h>
#include <ucontext.h>

namespace wasmaot::test {

namespace {
thread_local JitModule *gActive = nullptr;
thread_local sigjmp_buf gJump;
thread_local bool gInCall = false;

void put32(uint8_t *p, int64_t v) {
  int32_t x = int32_t(v);
  std::memcpy(p, &x, 4);
}
} // namespace

struct JitTrapHandler {
  static void handle(int sig, siginfo_t *, void *ctx) {
    auto *uc = static_cast<ucontext_t *>(ctx);
    uint64_t pc = uint64_t(uc->uc_mcontext.gregs[REG_RIP]);
    JitModule *m = gActive;
    if (m && gInCall && pc >= uint64_t(m->mapping_) && pc < uint64_t(m->mapping_) + m->mappingSize_) {
      m->trap_ = ir::TrapCode::Unreachable;
      bool found = false;
      for (auto &[addr, code] : m->trapSites_)
        if (addr == pc) {
          m->trap_ = code;
          found = true;
        }
      if (!found)
        m->trap_.reset();
      siglongjmp(gJump, found ? 1 : 2);
    }
    signal(sig, SIG_DFL);
    raise(sig);
  }
};

JitModule::JitModule(const std::string &irText, std::vector<std::string> features, bool emitAsm) {
  ir::Error perr;
  module_ = ir::parseModule(irText, perr);
  if (!module_) {
    error_ = "parse: " + perr.str("input");
    return;
  }
  std::vector<std::string> verrs;
  if (!ir::verifyModule(*module_, verrs)) {
    error_ = "verify: " + verrs.front();
    return;
  }
  const codegen::Backend *backend = codegen::findBackend("x86_64");
  codegen::VMContextLayout layout = codegen::VMContextLayout::forCounts(
      uint32_t(module_->memories.size()), uint32_t(module_->globals.size()), uint32_t(module_->tables.size()));
  codegen::CodegenOptions options;
  options.features = std::move(features);
  options.emitAsm = emitAsm;
  compiled_.resize(module_->functions.size());
  size_t textSize = 0;
  std::vector<size_t> textStart(module_->functions.size(), 0), rodataStart(module_->functions.size(), 0);
  for (uint32_t i = 0; i < module_->functions.size(); ++i) {
    if (module_->functions[i]->isDeclaration())
      continue;
    std::string err;
    if (!backend->compileFunction(*module_, i, layout, options, compiled_[i], err)) {
      error_ = "compile @" + module_->functions[i]->name() + ": " + err;
      return;
    }
    textStart[i] = textSize;
    textSize = (textSize + compiled_[i].code.size() + 15) & ~size_t(15);
  }
  size_t total = textSize;
  for (uint32_t i = 0; i < compiled_.size(); ++i) {
    total = (total + 15) & ~size_t(15);
    rodataStart[i] = total;
    total += compiled_[i].rodata.size();
  }
  mappingSize_ = (total + 4095) & ~size_t(4095);
  if (mappingSize_ == 0)
    mappingSize_ = 4096;
  void *p = mmap(nullptr, mappingSize_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mapping_ = static_cast<uint8_t *>(p);
  std::memset(mapping_, 0xCC, mappingSize_);
  entry_.assign(compiled_.size(), 0);
  for (uint32_t i = 0; i < compiled_.size(); ++i) {
    const auto &c = compiled_[i];
    std::copy(c.code.begin(), c.code.end(), mapping_ + textStart[i]);
    std::copy(c.rodata.begin(), c.rodata.end(), mapping_ + rodataStart[i]);
    if (!c.code.empty())
      entry_[i] = uint64_t(mapping_ + textStart[i]);
    for (const auto &t : c.traps)
      trapSites_.push_back({uint64_t(mapping_ + textStart[i] + t.offset), t.code});
  }
  for (uint32_t i = 0; i < compiled_.size(); ++i)
    for (const auto &f : compiled_[i].fixups) {
      uint8_t *place = mapping_ + (f.inRodata ? rodataStart[i] : textStart[i]) + f.offset;
      uint64_t target = 0;
      switch (f.target) {
      case codegen::FixupTarget::Function:
        target = uint64_t(mapping_ + textStart[f.index]);
        break;
      case codegen::FixupTarget::OwnRodata:
        target = uint64_t(mapping_ + rodataStart[i] + f.index);
        break;
      case codegen::FixupTarget::OwnCode:
        target = uint64_t(mapping_ + textStart[i] + f.index);
        break;
      }
      put32(place, int64_t(target + uint64_t(f.addend) - uint64_t(place)));
    }
  mprotect(mapping_, mappingSize_, PROT_READ | PROT_EXEC);

  memory_.assign(module_->memories.empty() ? 0 : 65536 * std::max<uint64_t>(1, module_->memories[0].minPages), 0);
  globals_.assign(module_->globals.size(), {0, 0});
  vmctx_.assign(layout.size / 8, 0);
  if (!module_->memories.empty()) {
    vmctx_[layout.memoryBase(0) / 8] = uint64_t(memory_.data());
    vmctx_[layout.memoryLength(0) / 8] = memory_.size();
  }
  for (uint32_t g = 0; g < globals_.size(); ++g)
    vmctx_[layout.globalPtr(g) / 8] = uint64_t(globals_[g].data());

  struct sigaction sa {};
  sa.sa_sigaction = JitTrapHandler::handle;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGILL, &sa, nullptr);
  sigaction(SIGSEGV, &sa, nullptr);
  sigaction(SIGFPE, &sa, nullptr);
}

JitModule::~JitModule() {
  if (mapping_)
    munmap(mapping_, mappingSize_);
}

std::string JitModule::asmText(uint32_t index) const { return compiled_[index].asmText; }

namespace {
template <typename R, typename F> std::optional<R> guarded(JitModule *m, std::optional<ir::TrapCode> &trap, F &&f) {
  trap.reset();
  gActive = m;
  gInCall = true;
  std::optional<R> result;
  if (sigsetjmp(gJump, 1) == 0)
    result = f();
  gInCall = false;
  gActive = nullptr;
  return result;
}
} // namespace

std::optional<uint64_t> JitModule::call(uint32_t index, std::initializer_list<uint64_t> args) {
  if (!error_.empty() || !entry_[index])
    return std::nullopt;
  uint64_t a[6] = {0, 0, 0, 0, 0, 0};
  size_t n = 0;
  for (uint64_t x : args)
    if (n < 6)
      a[n++] = x;
  // Stack limit: 1 MiB below the current frame.
  char here;
  vmctx_[0] = uint64_t(&here) - (1u << 20);
  using Fn = uint64_t (*)(void *, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
  auto fn = reinterpret_cast<Fn>(entry_[index]);
  return guarded<uint64_t>(this, trap_, [&] { return fn(vmctx_.data(), a[0], a[1], a[2], a[3], a[4], a[5]); });
}

std::optional<double> JitModule::callF64(uint32_t index, std::initializer_list<double> args) {
  if (!error_.empty() || !entry_[index])
    return std::nullopt;
  double a[4] = {0, 0, 0, 0};
  size_t n = 0;
  for (double x : args)
    if (n < 4)
      a[n++] = x;
  char here;
  vmctx_[0] = uint64_t(&here) - (1u << 20);
  using Fn = double (*)(void *, double, double, double, double);
  auto fn = reinterpret_cast<Fn>(entry_[index]);
  return guarded<double>(this, trap_, [&] { return fn(vmctx_.data(), a[0], a[1], a[2], a[3]); });
}

std::optional<float> JitModule::callF32(uint32_t index, std::initializer_list<float> args) {
  if (!error_.empty() || !entry_[index])
    return std::nullopt;
  float a[4] = {0, 0, 0, 0};
  size_t n = 0;
  for (float x : args)
    if (n < 4)
      a[n++] = x;
  char here;
  vmctx_[0] = uint64_t(&here) - (1u << 20);
  using Fn = float (*)(void *, float, float, float, float);
  auto fn = reinterpret_cast<Fn>(entry_[index]);
  return guarded<float>(this, trap_, [&] { return fn(vmctx_.data(), a[0], a[1], a[2], a[3]); });
}

std::optional<uint64_t> JitModule::callMixed(uint32_t index, const std::vector<uint64_t> &ints,
                                             const std::vector<double> &floats) {
  if (!error_.empty() || !entry_[index])
    return std::nullopt;
  uint64_t a[5] = {0, 0, 0, 0, 0};
  double d[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (size_t i = 0; i < ints.size() && i < 5; ++i)
    a[i] = ints[i];
  for (size_t i = 0; i < floats.size() && i < 8; ++i)
    d[i] = floats[i];
  char here;
  vmctx_[0] = uint64_t(&here) - (1u << 20);
  using Fn = uint64_t (*)(void *, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, double, double, double, double,
                          double, double, double, double);
  auto fn = reinterpret_cast<Fn>(entry_[index]);
  return guarded<uint64_t>(this, trap_, [&] {
    return fn(vmctx_.data(), a[0], a[1], a[2], a[3], a[4], d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
  });
}

std::optional<JitModule::RawResult> JitModule::callBits(uint32_t index, const std::vector<uint64_t> &ints,
                                                         const std::vector<uint64_t> &floatBits) {
  if (!error_.empty() || !entry_[index])
    return std::nullopt;
  uint64_t a[5] = {0, 0, 0, 0, 0};
  double d[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (size_t i = 0; i < ints.size() && i < 5; ++i)
    a[i] = ints[i];
  for (size_t i = 0; i < floatBits.size() && i < 8; ++i)
    std::memcpy(&d[i], &floatBits[i], 8);
  char here;
  vmctx_[0] = uint64_t(&here) - (1u << 20);
  // A struct of an INTEGER and an SSE eightbyte comes back in rax and xmm0.
  struct Ret {
    uint64_t rax;
    double xmm0;
  };
  using Fn = Ret (*)(void *, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, double, double, double, double, double,
                     double, double, double);
  auto fn = reinterpret_cast<Fn>(entry_[index]);
  std::optional<Ret> r = guarded<Ret>(this, trap_, [&] {
    return fn(vmctx_.data(), a[0], a[1], a[2], a[3], a[4], d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
  });
  if (!r)
    return std::nullopt;
  RawResult out;
  out.rax = r->rax;
  std::memcpy(&out.xmm0, &r->xmm0, 8);
  return out;
}

} // namespace wasmaot::test

// Passes: the pipeline, in Passes.def order. Debug builds and --verify-ir verify
// the IR after every pass (STYLE.md habit 3): a pass that breaks it is a compiler bug.
#include "passes/Passes.h"

#include "ir/Verifier.h"

#include <cassert>
#include <chrono>
#include <string_view>

namespace wasmaot::passes {

namespace {

/// Whether to verify after each pass: asked for, or always in Debug builds.
bool verifyEachPass(const PassOptions &options) {
#ifdef WASMAOT_VERIFY_IR
  (void)options;
  return true;
#else
  return options.verifyEach;
#endif
}

} // namespace

std::vector<PassReport> runPasses(ir::Module &module, const PassOptions &options, std::string *irError) {
  std::vector<PassReport> reports;
  const bool verify = verifyEachPass(options);
  // False when the pass just run broke the IR: the caller gets the problem.
  auto verifyAfter = [&](const char *name) {
    if (!verify) return true;
    std::vector<std::string> errors;
    if (ir::verifyModule(module, errors)) return true;
    assert(!"an IR pass broke the IR");
    if (irError) *irError = std::string("after pass ") + name + ": " + errors.front();
    return false;
  };
#define WASMAOT_PASS(Name, ModuleFunction, FunctionFunction)                                       \
  {                                                                                                \
    const auto start = std::chrono::steady_clock::now();                                           \
    reports.push_back(ModuleFunction(module, options));                                            \
    reports.back().seconds =                                                                       \
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();           \
    reports.back().name = Name;                                                                    \
    if (!verifyAfter(Name)) return reports;                                                        \
  }
#include "passes/Passes.def"
  return reports;
}

bool runFunctionPasses(const ir::Module &module, ir::Function &fn, const PassOptions &options,
                       std::vector<PassReport> &reports, std::string *irError) {
  const bool verify = verifyEachPass(options);
  if (reports.empty()) {
#define WASMAOT_PASS(Name, ModuleFunction, FunctionFunction) reports.emplace_back().name = Name;
#include "passes/Passes.def"
  }
  size_t k = 0;
  using Clock = std::chrono::steady_clock;
  Clock::time_point start = Clock::now();
#define WASMAOT_PASS(Name, ModuleFunction, FunctionFunction)                                       \
  {                                                                                                \
    PassReport &r = reports[k++];                                                                  \
    FunctionFunction(module, fn, options, r);                                                      \
    const Clock::time_point end = Clock::now();                                                    \
    r.seconds += std::chrono::duration<double>(end - start).count();                               \
    start = end;                                                                                   \
    if (verify) {                                                                                  \
      std::vector<std::string> errors;                                                             \
      if (!ir::verifyFunction(module, fn, errors)) {                                               \
        assert(!"an IR pass broke the IR");                                                        \
        if (irError) *irError = std::string("after pass ") + Name + ": " + errors.front();         \
        return false;                                                                              \
      }                                                                                            \
      start = Clock::now();                                                                        \
    }                                                                                              \
  }
#include "passes/Passes.def"
  return true;
}

PassReport runOnEachFunction(ir::Module &module, const PassOptions &options, FunctionPass pass) {
  PassReport report;
  for (auto &fn : module.functions)
    if (!fn->isDeclaration()) pass(module, *fn, options, report);
  return report;
}

void PassReport::addCount(const char *what, uint64_t n) {
  for (auto &[name, count] : counts)
    if (std::string_view(name) == what) {
      count += n;
      return;
    }
  counts.emplace_back(what, n);
}

void PassReport::add(const PassReport &other) {
  changed += other.changed;
  seconds += other.seconds;
  for (const auto &[name, n] : other.counts) addCount(name, n);
}

} // namespace wasmaot::passes

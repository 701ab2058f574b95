// Passes: the pipeline, in Passes.def order. Debug builds and --verify-ir verify
// the IR after every pass (STYLE.md habit 3): a pass that breaks it is a compiler bug.
#include "passes/Passes.h"

#include "ir/Verifier.h"

#include <cassert>
#include <chrono>

namespace wasmaot::passes {

std::vector<PassReport> runPasses(ir::Module &module, const PassOptions &options, std::string *irError) {
  std::vector<PassReport> reports;
  bool verify = options.verifyEach;
#ifdef WASMAOT_VERIFY_IR
  verify = true;
#endif
  // False when the pass just run broke the IR: the caller gets the problem.
  auto verifyAfter = [&](const char *name) {
    if (!verify) return true;
    std::vector<std::string> errors;
    if (ir::verifyModule(module, errors)) return true;
    assert(!"an IR pass broke the IR");
    if (irError) *irError = std::string("after pass ") + name + ": " + errors.front();
    return false;
  };
#define WASMAOT_PASS(Name, Function)                                                               \
  {                                                                                                \
    const auto start = std::chrono::steady_clock::now();                                           \
    reports.push_back(Function(module, options));                                                  \
    reports.back().seconds =                                                                       \
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();           \
    reports.back().name = Name;                                                                    \
    if (!verifyAfter(Name)) return reports;                                                        \
  }
#include "passes/Passes.def"
  return reports;
}

} // namespace wasmaot::passes

// Passes: the pipeline, in Passes.def order. Debug builds verify the IR after
// every pass (STYLE.md habit 3): a pass that breaks it is a compiler bug.
#include "passes/Passes.h"

#include "ir/Verifier.h"

#include <cassert>
#include <chrono>

namespace wasmaot::passes {

std::vector<PassReport> runPasses(ir::Module &module, const PassOptions &options) {
  std::vector<PassReport> reports;
#define WASMAOT_PASS(Name, Function)                                                               \
  {                                                                                                \
    const auto start = std::chrono::steady_clock::now();                                           \
    reports.push_back(Function(module, options));                                                  \
    reports.back().seconds =                                                                       \
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();           \
  }                                                                                                \
  reports.back().name = Name;                                                                      \
  verifyAfter(module, Name);
  auto verifyAfter = [](ir::Module &m, const char *name) {
#ifdef WASMAOT_VERIFY_IR
    std::vector<std::string> errors;
    bool ok = ir::verifyModule(m, errors);
    assert(ok && "an IR pass broke the IR");
    (void)name;
#else
    (void)m;
    (void)name;
#endif
  };
#include "passes/Passes.def"
  return reports;
}

} // namespace wasmaot::passes

// wasmaot-spectest: runs the WebAssembly spec testsuite (JSON scripts + binary modules).
#include "Report.h"
#include "RunOptions.h"
#include "ScriptList.h"
#include "ScriptRunner.h"

#include "wasmaot/Features.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::spectest;
namespace fs = std::filesystem;

namespace {

void printHelp() {
  std::printf(
      "usage: wasmaot-spectest [options] PATH...\n"
      "\n"
      "Runs WebAssembly spec testsuite scripts (the JSON + .wasm form of ../shared/testsuite).\n"
      "PATH is a .json script, a group folder (core-3.0, simd, ...) or the testsuite root (all groups).\n"
      "\n"
      "What runs today: module and module_definition (pass if the module decodes and validates),\n"
      "assert_invalid and assert_malformed with binary modules (pass if decoding fails; -v logs\n"
      "whether our diagnostic kind, malformed or invalid, matched, and both messages).\n"
      "Counted as skipped, with the reason listed in the summary:\n"
      "  register, action, assert_return, assert_trap, assert_exhaustion, assert_exception,\n"
      "  assert_unlinkable, assert_uninstantiable, module_instance: \"execution not implemented yet\"\n"
      "    (\"validate-only\" with --validate-only);\n"
      "  text-format modules and assertions: \"text format\";\n"
      "  *_custom assertions: \"custom section semantics\";\n"
      "  every command of the groups threads, legacy-exceptions, custom-page-sizes,\n"
      "  custom-descriptors, wide-arithmetic, annotations: \"proposal not supported: <group>\".\n"
      "\n"
      "Features: core-2.0 runs with wasm2; extended-const with wasm2,+extended-const; every\n"
      "other group with wasm3.\n"
      "\n"
      "options:\n"
      "  --target=T        x86_64 (default), aarch64 or riscv64 (no effect on validation)\n"
      "  --validate-only   only decode and validate; skip execution commands as \"validate-only\"\n"
      "  --features=SPEC   applied on top of each group's default; begin with wasm2 or wasm3 to\n"
      "                    replace it (e.g. --features=wasm3,-simd). Names: wasm2, wasm3, %s\n"
      "  -j N, --jobs=N    scripts run in parallel (default: number of CPUs)\n"
      "  -v, --verbose     log every checked command\n"
      "  -h, --help        this text\n"
      "\n"
      "Output: one line per script (PASS, FAIL, or SKIP when every command was skipped) with\n"
      "its counts, each failure as <group>/<name>.wast:<line>: <command>: <reason>, totals per\n"
      "group, skip reasons with counts, and last the line \"spec: N passed, N failed, N skipped\".\n"
      "Exit status: 0 if nothing failed, 1 if something failed, 2 on a usage error.\n",
      Features::proposalNames());
}

int usageError(const std::string &message) {
  std::fprintf(stderr, "wasmaot-spectest: %s (see --help)\n", message.c_str());
  return 2;
}

bool parseJobs(std::string_view text, unsigned &jobs) {
  if (text.empty() || text.size() > 4) return false;
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0) return false;
  jobs = value;
  return true;
}

// Runs every script on `options.jobs` threads and reports results in list order as soon as
// each one (and all before it) is done.
void runAll(const std::vector<fs::path> &scripts, const RunOptions &options, Report &report) {
  std::vector<std::optional<ScriptResult>> results(scripts.size());
  std::mutex mutex;
  std::condition_variable ready;
  std::atomic<size_t> next{0};

  auto worker = [&] {
    for (size_t i = next++; i < scripts.size(); i = next++) {
      ScriptResult result = runScript(scripts[i], options);
      std::lock_guard<std::mutex> lock(mutex);
      results[i] = std::move(result);
      ready.notify_one();
    }
  };
  const unsigned threads =
      static_cast<unsigned>(std::min<size_t>(std::max(1u, options.jobs), scripts.size()));
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);

  for (size_t i = 0; i < scripts.size(); ++i) {
    std::unique_lock<std::mutex> lock(mutex);
    ready.wait(lock, [&] { return results[i].has_value(); });
    ScriptResult result = std::move(*results[i]);
    results[i].reset();
    lock.unlock();
    report.add(result);
  }
  for (std::thread &t : pool) t.join();
}

} // namespace

int main(int argc, char **argv) {
  RunOptions options;
  options.jobs = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> paths;

  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      printHelp();
      return 0;
    }
    if (arg == "-v" || arg == "--verbose") {
      options.verbose = true;
    } else if (arg == "--validate-only") {
      options.validateOnly = true;
    } else if (arg.starts_with("--target=")) {
      options.target = std::string(arg.substr(9));
      if (options.target != "x86_64" && options.target != "aarch64" && options.target != "riscv64")
        return usageError("unknown target '" + options.target + "' (x86_64, aarch64, riscv64)");
    } else if (arg.starts_with("--features=")) {
      options.featureSpec = std::string(arg.substr(11));
      Features probe;
      std::string error;
      if (!probe.apply(options.featureSpec, error)) return usageError("--features: " + error);
    } else if (arg.starts_with("--jobs=")) {
      if (!parseJobs(arg.substr(7), options.jobs)) return usageError("bad --jobs value");
    } else if (arg == "-j") {
      if (i + 1 >= argc || !parseJobs(argv[i + 1], options.jobs)) return usageError("-j needs a count");
      ++i;
    } else if (arg.starts_with("-j") && arg.size() > 2) {
      if (!parseJobs(arg.substr(2), options.jobs)) return usageError("bad -j value");
    } else if (arg == "--") {
      for (++i; i < argc; ++i) paths.emplace_back(argv[i]);
    } else if (arg.starts_with("-") && arg.size() > 1) {
      return usageError("unknown option '" + std::string(arg) + "'");
    } else {
      paths.emplace_back(arg);
    }
  }
  if (paths.empty()) return usageError("no PATH given");

  std::vector<fs::path> scripts;
  for (const std::string &path : paths) {
    std::string error;
    if (!collectScripts(path, scripts, error)) return usageError(error);
  }

  Report report(options.verbose);
  runAll(scripts, options, report);
  report.finish();
  return report.anyFailure() ? 1 : 0;
}

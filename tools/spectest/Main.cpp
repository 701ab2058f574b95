// wasmaot-spectest: runs the WebAssembly spec testsuite (JSON scripts + binary modules).
#include "Isolation.h"
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
      "Every module is compiled in memory (as wasmaotc -c would), loaded and instantiated with\n"
      "libwasmaot-rt; then register, action, assert_return (exact bits, nan:canonical/arithmetic,\n"
      "v128 lanes, references), assert_trap, assert_exhaustion, assert_unlinkable,\n"
      "assert_uninstantiable and module_definition/module_instance run against the native code.\n"
      "assert_invalid and assert_malformed with binary modules pass if decoding fails (-v logs\n"
      "whether our diagnostic kind, malformed or invalid, matched, and both messages).\n"
      "Counted as skipped, with the reason listed in the summary:\n"
      "  every execution command of a script one of whose modules the compiler cannot compile\n"
      "    yet: \"not compiled yet: <SIMD|GC|exceptions|tail calls|the compiler's message>\";\n"
      "  assert_exception: \"not compiled yet: exceptions\"; with --validate-only, every\n"
      "    execution command: \"validate-only\";\n"
      "  text-format modules and assertions: \"text format\";\n"
      "  *_custom assertions: \"custom section semantics\";\n"
      "  every command of the groups threads, legacy-exceptions, custom-page-sizes,\n"
      "  custom-descriptors, wide-arithmetic, annotations: \"proposal not supported: <group>\".\n"
      "\n"
      "Features: core-2.0 runs with wasm2; extended-const with wasm2,+extended-const; every\n"
      "other group with wasm3.\n"
      "\n"
      "options:\n"
      "  --target=T        x86_64 (default), aarch64 or riscv64: the back end modules compile with\n"
      "  --bounds-checks=M guard (default) or explicit: how compiled code keeps memory accesses\n"
      "                    in bounds (as wasmaotc); --guard=SIZE (K/M/G; 0 = explicit), --no-bce\n"
      "  --segue           x86_64: memory 0 through the %%gs base (as wasmaotc; either bounds mode)\n"
      "  -O0, -O1, -O2     the optimization level modules compile at (default -O1)\n"
      "  --validate-only   only decode and validate (nothing is compiled); skip execution commands\n"
      "  --features=SPEC   applied on top of each group's default; begin with wasm2 or wasm3 to\n"
      "                    replace it (e.g. --features=wasm3,-simd). Names: wasm2, wasm3, %s\n"
      "  -j N, --jobs=N    scripts run in parallel (default: number of CPUs; an ASan build\n"
      "                    runs isolated scripts one at a time: its allocator is not fork-safe)\n"
      "  --no-isolate      run scripts in this process (default: each in a forked child, so a\n"
      "                    crash fails that script, reported as \"crashed with signal ...\")\n"
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

/// SIZE[K|M|G], a multiple of 64 KiB (0 allowed: explicit checks).
bool parseGuard(std::string_view text, uint64_t &bytes) {
  uint64_t scale = 1;
  if (!text.empty() && (text.back() == 'K' || text.back() == 'M' || text.back() == 'G')) {
    scale = text.back() == 'K' ? 1u << 10 : text.back() == 'M' ? 1u << 20 : 1u << 30;
    text.remove_suffix(1);
  }
  if (text.empty() || text.size() > 10) return false;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  bytes = value * scale;
  return bytes % 65536 == 0 && bytes <= (uint64_t(1) << 40);
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
      ScriptResult result = options.isolate ? runScriptIsolated(scripts[i], options) : runScript(scripts[i], options);
      std::lock_guard<std::mutex> lock(mutex);
      results[i] = std::move(result);
      ready.notify_one();
    }
  };
  const unsigned threads = static_cast<unsigned>(std::min<size_t>(std::max(1u, options.jobs), scripts.size()));
#if defined(__SANITIZE_ADDRESS__)
  // ASan's allocator is not fork-safe: a child forked while another thread held
  // its lock hangs in its first malloc (seen in CI). Isolated scripts then run
  // one after another on this thread, with no other thread alive at a fork.
  if (options.isolate) {
    for (const fs::path &script : scripts) report.add(runScriptIsolated(script, options));
    return;
  }
#endif
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
    } else if (arg == "--no-isolate") {
      options.isolate = false;
    } else if (arg == "--validate-only") {
      options.validateOnly = true;
    } else if (arg.starts_with("--target=")) {
      options.target = std::string(arg.substr(9));
      if (options.target != "x86_64" && options.target != "aarch64" && options.target != "riscv64")
        return usageError("unknown target '" + options.target + "' (x86_64, aarch64, riscv64)");
    } else if (arg == "--bounds-checks=guard") {
      options.explicitChecks = false;
    } else if (arg == "--bounds-checks=explicit") {
      options.explicitChecks = true;
    } else if (arg == "--segue") {
      options.segue = true;
    } else if (arg.starts_with("--guard=")) {
      if (!parseGuard(arg.substr(8), options.guardSize)) return usageError("bad --guard size (a multiple of 64K, K/M/G suffix)");
      if (options.guardSize == 0) options.explicitChecks = true;
    } else if (arg == "-O0" || arg == "-O1" || arg == "-O2") {
      options.optLevel = unsigned(arg[2] - '0');
    } else if (arg == "--no-bce") {
      options.eliminateBoundsChecks = false;
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
  if (options.segue && options.target != "x86_64") return usageError("--segue is for --target=x86_64 only");

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

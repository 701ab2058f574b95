// CompileSpeed: the compile-speed suite (Google Benchmark). One benchmark per
// compiler phase and bench module, each reporting throughput in MB of wasm per
// second (bytes_per_second and the "MB/s" counter), so phases of different
// modules compare directly. After the runs, each module's peak RSS through the
// pipeline is measured in a fresh child process (a high-water mark only rises,
// so it cannot be read per benchmark inside one process).
//
// Adding a phase (lower, allocate, encode, ...) is one small function plus one
// line in kPhases; give BenchModule the phase's input if later phases need it.
//
//   wasmaot-bench-compile [--module=FILE.wasm ...] [--no-peak-rss] [--benchmark_* ...]
#include "codegen/Backend.h"
#include "frontend/Translator.h"
#include "ir/Module.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "wasm/Decoder.h"
#include "wasmaot/Compiler.h"

#include <benchmark/benchmark.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef WASMAOT_BENCH_DEFAULT_MODULES
#define WASMAOT_BENCH_DEFAULT_MODULES ""
#endif

namespace {

using namespace wasmaot;

/// A bench module and the inputs of later phases, prepared once, untimed.
struct BenchModule {
  std::string path;
  std::string name; // file name without directory and extension
  std::vector<uint8_t> bytes;
  uint32_t definedFunctions = 0;
  wasm::Module decoded;         // validated
  std::unique_ptr<ir::Module> ir; // translated and verified
  enum Stage { Loaded, Decoded, Translated } reached = Loaded;
};

const Features kFeatures = Features::wasm3();

long minorFaults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

/// Declared before a phase's timed loop; when the phase returns it reports MB of
/// wasm per second and the page faults per iteration (fresh memory being touched
/// is a large part of the cost of building big IR).
class Throughput {
public:
  Throughput(benchmark::State &state, const BenchModule &m)
      : state_(state), m_(m), faults_(minorFaults()) {}
  ~Throughput() {
    state_.SetBytesProcessed(int64_t(state_.iterations()) * int64_t(m_.bytes.size()));
    state_.counters["MB/s"] = benchmark::Counter(double(m_.bytes.size()) / 1e6,
                                                 benchmark::Counter::kIsIterationInvariantRate);
    state_.counters["faults"] = benchmark::Counter(double(minorFaults() - faults_),
                                                   benchmark::Counter::kAvgIterations);
  }

private:
  benchmark::State &state_;
  const BenchModule &m_;
  long faults_;
};

// ---- Phases: each times one step on its own input ------------------------
// Results are dropped inside the timed loop: freeing them is part of the cost.

/// wasm::decodeModule, with or without validating the function bodies.
void decode(benchmark::State &state, BenchModule &m, bool validateBodies) {
  wasm::DecodeOptions options;
  options.features = kFeatures;
  options.validateBodies = validateBodies;
  Throughput meter(state, m);
  for (auto _ : state) {
    wasm::Module out;
    Diagnostic diag;
    bool ok = wasm::decodeModule(m.bytes, options, out, diag);
    benchmark::DoNotOptimize(ok);
  }
}

/// Everything `Compiler::validate` does.
void decodeAndValidate(benchmark::State &state, BenchModule &m) { decode(state, m, true); }

/// Sections, types, imports, segments, constant expressions; bodies only split off.
void decodeWithoutBodies(benchmark::State &state, BenchModule &m) { decode(state, m, false); }

/// validateFunctionBody over every defined function of the decoded module.
void validateBodies(benchmark::State &state, BenchModule &m) {
  const wasm::Module &module = m.decoded;
  Throughput meter(state, m);
  for (auto _ : state) {
    bool ok = true;
    for (uint32_t i = module.numImportedFunctions; i < module.functions.size(); ++i) {
      Diagnostic diag;
      ok &= wasm::validateFunctionBody(module, i, kFeatures, diag);
    }
    benchmark::DoNotOptimize(ok);
  }
}

/// frontend::translateModule: validated wasm → SSA IR (declarations and bodies).
void translateToIR(benchmark::State &state, BenchModule &m) {
  Throughput meter(state, m);
  for (auto _ : state) {
    ir::Module out;
    Diagnostic diag;
    bool ok = frontend::translateModule(m.decoded, kFeatures, out, diag);
    benchmark::DoNotOptimize(ok);
  }
}

/// ir::verifyModule on the translated module.
void verifyIR(benchmark::State &state, BenchModule &m) {
  Throughput meter(state, m);
  for (auto _ : state) {
    std::vector<std::string> errors;
    bool ok = ir::verifyModule(*m.ir, errors);
    benchmark::DoNotOptimize(ok);
  }
}

/// ir::printModule: the text `wasmaotc --emit=ir` writes.
void printIR(benchmark::State &state, BenchModule &m) {
  size_t textSize = 0;
  Throughput meter(state, m);
  for (auto _ : state) {
    std::string text = ir::printModule(*m.ir);
    textSize = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["IR_text_MB"] = double(textSize) / 1e6;
}

/// frontend::translateModule validating each body as it translates it (what the
/// compiler does: one decode of each body instead of validate_bodies + translate).
void validateAndTranslate(benchmark::State &state, BenchModule &m) {
  Throughput meter(state, m);
  for (auto _ : state) {
    ir::Module out;
    Diagnostic diag;
    bool ok = frontend::translateModule(m.decoded, kFeatures, out, diag, /*validateBodies=*/true);
    benchmark::DoNotOptimize(ok);
  }
}

/// Bytes to IR as Compiler's front half does it (decodeModule leaving the bodies
/// to translateModule, which validates them as it goes; no IR verifier, which is
/// an opt-in self-check): what the back end continues.
bool runPipeline(const BenchModule &m) {
  wasm::DecodeOptions options;
  options.features = kFeatures;
  options.callerValidatesBodies = true;
  wasm::Module module;
  Diagnostic diag;
  if (!wasm::decodeModule(m.bytes, options, module, diag)) return false;
  ir::Module irModule;
  return frontend::translateModule(module, kFeatures, irModule, diag, /*validateBodies=*/true);
}

void pipeline(benchmark::State &state, BenchModule &m) {
  Throughput meter(state, m);
  for (auto _ : state) benchmark::DoNotOptimize(runPipeline(m));
}

/// The public entry point as wasmaotc calls it (pipeline + printing the IR text).
bool runCompileToIR(const BenchModule &m) {
  std::string out;
  Diagnostic diag;
  return Compiler().compileToIR(m.bytes, out, diag);
}

void compileToIR(benchmark::State &state, BenchModule &m) {
  Throughput meter(state, m);
  for (auto _ : state) benchmark::DoNotOptimize(runCompileToIR(m));
}

/// The x86-64 back end (lower, allocate, emit) over every defined function on
/// one thread, at the default CPU (x86-64-v2). The per-step split comes from
/// Backend::compileFunction's own timers: lower_MB/s, regalloc_MB/s, emit_MB/s
/// are the module's size over each step's share of the time.
void codegenX64(benchmark::State &state, BenchModule &m) {
  const codegen::Backend *backend = codegen::findBackend("x86_64");
  codegen::CodegenOptions options;
  backend->cpuFeatures("x86-64-v2", options.features);
  const ir::Module &irm = *m.ir;
  auto layout = codegen::VMContextLayout::forCounts(uint32_t(irm.memories.size()), uint32_t(irm.globals.size()),
                                                    uint32_t(irm.tables.size()));
  codegen::CodegenTimes times;
  size_t codeBytes = 0, failed = 0;
  std::string firstError;
  {
    Throughput meter(state, m);
    for (auto _ : state) {
      codeBytes = 0;
      failed = 0;
      for (uint32_t i = 0; i < irm.functions.size(); ++i) {
        if (irm.functions[i]->isDeclaration()) continue;
        codegen::CompiledFunction out;
        std::string error;
        if (!backend->compileFunction(irm, i, layout, options, out, error, &times)) {
          if (firstError.empty()) firstError = error;
          ++failed;
        }
        codeBytes += out.code.size();
      }
      benchmark::DoNotOptimize(codeBytes);
    }
  }
  const double n = double(state.iterations()), mb = double(m.bytes.size()) / 1e6;
  state.counters["lower_MB/s"] = mb / (times.lower / n);
  state.counters["regalloc_MB/s"] = mb / (times.regalloc / n);
  state.counters["emit_MB/s"] = mb / (times.emit / n);
  state.counters["code_MB"] = double(codeBytes) / 1e6;
  if (failed) state.SkipWithError(("functions the back end cannot lower: " + std::to_string(failed) + "; first: " +
                                   firstError).c_str());
}

/// The whole module as `wasmaotc -j1 -c` compiles it: Compiler::compileToObject
/// on one thread (decode + validate, translate, IR passes, lower, allocate, emit,
/// layout, ELF object), at the default options unless `tune` changes them.
bool runCompileToObject(const BenchModule &m, void (*tune)(CompileOptions &), size_t &objectBytes) {
  CompileOptions options;
  options.threads = 1;
  if (tune) tune(options);
  std::vector<uint8_t> object;
  Diagnostic diag;
  bool ok = Compiler(options).compileToObject(m.bytes, object, diag);
  objectBytes = object.size();
  return ok;
}

void compileToObjectWith(benchmark::State &state, BenchModule &m, void (*tune)(CompileOptions &)) {
  size_t objectBytes = 0;
  bool ok = true;
  {
    Throughput meter(state, m);
    for (auto _ : state) {
      ok = runCompileToObject(m, tune, objectBytes) && ok;
      benchmark::DoNotOptimize(objectBytes);
    }
  }
  state.counters["object_MB"] = double(objectBytes) / 1e6;
  if (!ok) state.SkipWithError("compileToObject failed");
}

/// What the mid-end and the sandboxing mode cost: the same compile at -O0 (guard
/// lowering only), -O2 (also value numbering and dead code), with explicit
/// checks and bounds-check elimination (-O1), and with the IR verifier on.
void compileToObject(benchmark::State &state, BenchModule &m) { compileToObjectWith(state, m, nullptr); }
void compileToObjectO0(benchmark::State &state, BenchModule &m) {
  compileToObjectWith(state, m, [](CompileOptions &o) { o.optLevel = 0; });
}
void compileToObjectO2(benchmark::State &state, BenchModule &m) {
  compileToObjectWith(state, m, [](CompileOptions &o) { o.optLevel = 2; });
}
void compileToObjectExplicit(benchmark::State &state, BenchModule &m) {
  compileToObjectWith(state, m, [](CompileOptions &o) { o.bounds = BoundsChecks::Explicit; });
}
void compileToObjectVerifyIR(benchmark::State &state, BenchModule &m) {
  compileToObjectWith(state, m, [](CompileOptions &o) { o.verifyIR = true; });
}

struct Phase {
  const char *name;
  BenchModule::Stage needs; // which prepared input the phase reads
  void (*run)(benchmark::State &, BenchModule &);
};

const Phase kPhases[] = {
    {"decode_validate", BenchModule::Loaded, decodeAndValidate},
    {"decode_no_body_validation", BenchModule::Loaded, decodeWithoutBodies},
    {"validate_bodies", BenchModule::Decoded, validateBodies},
    {"translate", BenchModule::Decoded, translateToIR},
    {"validate_translate", BenchModule::Decoded, validateAndTranslate},
    {"verify_ir", BenchModule::Translated, verifyIR},
    {"print_ir", BenchModule::Translated, printIR},
    {"pipeline", BenchModule::Translated, pipeline},
    {"compile_to_ir", BenchModule::Translated, compileToIR},
    {"codegen_x64", BenchModule::Translated, codegenX64},
    {"compile_to_object", BenchModule::Loaded, compileToObject},
    {"compile_to_object_O0", BenchModule::Loaded, compileToObjectO0},
    {"compile_to_object_O2", BenchModule::Loaded, compileToObjectO2},
    {"compile_to_object_explicit", BenchModule::Loaded, compileToObjectExplicit},
    {"compile_to_object_verify_ir", BenchModule::Loaded, compileToObjectVerifyIR},
};

// ---- Setup ---------------------------------------------------------------

bool readFile(const std::string &path, std::vector<uint8_t> &out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

std::string stemOf(const std::string &path) {
  std::string name = path.substr(path.find_last_of('/') + 1);
  if (size_t dot = name.rfind('.'); dot != std::string::npos && dot > 0) name.resize(dot);
  return name;
}

/// No --module was given: the modules are the build's own (bench/CMakeLists.txt).
bool usingDefaultModules = false;

/// Loads `path` and prepares each phase's input; stops at the first stage that
/// fails (and says why), so only the phases before it are registered.
std::unique_ptr<BenchModule> prepare(const std::string &path) {
  auto m = std::make_unique<BenchModule>();
  m->path = path;
  m->name = stemOf(path);
  if (!readFile(path, m->bytes)) {
    std::fprintf(stderr, "wasmaot-bench-compile: cannot read %s: %s\n", path.c_str(),
                 std::strerror(errno));
    if (errno == ENOENT && usingDefaultModules)
      std::fprintf(stderr, "wasmaot-bench-compile: the default modules are built by `ninja -C BUILD "
                           "wasmaot-bench` (not by a plain build: large_program takes clang-14 90 s)\n");
    return nullptr;
  }
  wasm::DecodeOptions options;
  options.features = kFeatures;
  Diagnostic diag;
  if (!wasm::decodeModule(m->bytes, options, m->decoded, diag)) {
    std::fprintf(stderr, "wasmaot-bench-compile: %s: %s (decode phases only)\n", path.c_str(),
                 diag.str().c_str());
    return m;
  }
  m->reached = BenchModule::Decoded;
  m->definedFunctions = uint32_t(m->decoded.functions.size()) - m->decoded.numImportedFunctions;
  m->ir = std::make_unique<ir::Module>();
  if (!frontend::translateModule(m->decoded, kFeatures, *m->ir, diag)) {
    std::fprintf(stderr, "wasmaot-bench-compile: %s: %s (no IR phases)\n", path.c_str(),
                 diag.str().c_str());
    return m;
  }
  std::vector<std::string> errors;
  if (!ir::verifyModule(*m->ir, errors)) {
    std::fprintf(stderr, "wasmaot-bench-compile: %s: translated IR fails verification: %s\n",
                 path.c_str(), errors.front().c_str());
    return m;
  }
  m->reached = BenchModule::Translated;
  return m;
}

void registerBenchmarks(BenchModule &m) {
  char size[64];
  std::snprintf(size, sizeof size, "%.3f MB wasm, %u defined functions", m.bytes.size() / 1e6,
                m.definedFunctions);
  benchmark::AddCustomContext("module " + m.name, size);
  for (const Phase &phase : kPhases) {
    if (phase.needs > m.reached) continue;
    auto run = phase.run;
    benchmark::RegisterBenchmark((std::string(phase.name) + "/" + m.name).c_str(),
                                 [run, &m](benchmark::State &state) { run(state, m); })
        ->Unit(benchmark::kMillisecond);
  }
}

// ---- Peak memory: one fresh child process per module and stage -----------

/// Peak resident set of this process image in KiB. Linux keeps getrusage's
/// ru_maxrss across fork and execve (the child starts at the parent's peak), so
/// the child reads VmHWM, the high-water mark of its own address space, and
/// falls back to ru_maxrss where /proc is missing.
long peakRssKiB() {
  if (std::FILE *status = std::fopen("/proc/self/status", "r")) {
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, status))
      if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
    std::fclose(status);
    if (kib >= 0) return kib;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss; // KiB on Linux
}

/// Child mode (--peak-rss-child=STAGE --module=FILE): prints "<KiB before> <KiB after>".
int peakRssChild(std::string_view stage, const std::string &path) {
  BenchModule m;
  m.path = path;
  if (!readFile(path, m.bytes)) return 2;
  long before = peakRssKiB();
  size_t objectBytes = 0;
  bool ok = stage == "pipeline"            ? runPipeline(m)
            : stage == "compile_to_object" ? runCompileToObject(m, nullptr, objectBytes)
                                           : runCompileToIR(m);
  long after = peakRssKiB();
  std::printf("%ld %ld\n", before, after);
  return ok ? 0 : 1;
}

/// Runs this program in child mode and returns its two numbers (false on failure).
bool measureInChild(const char *stage, const std::string &path, long &before, long &after) {
  int fds[2];
  if (pipe(fds) != 0) return false;
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    std::string stageArg = std::string("--peak-rss-child=") + stage;
    std::string moduleArg = "--module=" + path;
    char *argv[] = {const_cast<char *>("wasmaot-bench-compile"), stageArg.data(), moduleArg.data(),
                    nullptr};
    execv("/proc/self/exe", argv);
    _exit(127);
  }
  close(fds[1]);
  std::string text;
  char buf[256];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) text.append(buf, size_t(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  std::istringstream in(text);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 && (in >> before >> after);
}

void reportPeakRss(const std::vector<std::unique_ptr<BenchModule>> &modules) {
  std::printf("\nPeak RSS (VmHWM of a fresh process compiling the module once):\n");
  for (const auto &m : modules) {
    long base = 0, pipelinePeak = 0, withPrintPeak = 0, objectPeak = 0;
    bool ok = measureInChild("pipeline", m->path, base, pipelinePeak);
    long base2 = 0, base3 = 0;
    ok = ok && measureInChild("compile_to_ir", m->path, base2, withPrintPeak);
    ok = ok && measureInChild("compile_to_object", m->path, base3, objectPeak);
    if (!ok) {
      std::printf("  %-24s (failed to measure)\n", m->name.c_str());
      continue;
    }
    std::printf("  %-24s %7.3f MB wasm: before compiling %6.1f MB, pipeline %6.1f MB, "
                "compile_to_ir %6.1f MB, compile_to_object %6.1f MB\n",
                m->name.c_str(), m->bytes.size() / 1e6, base / 1024.0, pipelinePeak / 1024.0,
                withPrintPeak / 1024.0, objectPeak / 1024.0);
  }
}

void usage() {
  std::fprintf(stderr,
               "usage: wasmaot-bench-compile [--module=FILE.wasm ...] [--no-peak-rss] "
               "[--benchmark_filter=REGEX] [--benchmark_min_time=SECONDS] ...\n"
               "  default modules: the bench programs built with this build tree\n");
}

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  std::vector<std::string> paths;
  std::string childStage;
  bool peakRss = true;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.starts_with("--module=")) {
      paths.emplace_back(arg.substr(9));
    } else if (arg == "--no-peak-rss") {
      peakRss = false;
    } else if (arg.starts_with("--peak-rss-child=")) {
      childStage = arg.substr(17);
    } else if (arg == "--help" || arg == "-h") {
      usage();
      return 0;
    } else {
      std::fprintf(stderr, "wasmaot-bench-compile: unknown argument '%s'\n", argv[i]);
      usage();
      return 2;
    }
  }
  if (!childStage.empty()) return paths.size() == 1 ? peakRssChild(childStage, paths[0]) : 2;

  if (paths.empty()) {
    usingDefaultModules = true;
    std::string_view defaults = WASMAOT_BENCH_DEFAULT_MODULES;
    while (!defaults.empty()) {
      size_t semi = defaults.find('|');
      if (semi != 0) paths.emplace_back(defaults.substr(0, semi));
      if (semi == std::string_view::npos) break;
      defaults.remove_prefix(semi + 1);
    }
  }
  if (paths.empty()) {
    usage();
    return 2;
  }

  std::vector<std::unique_ptr<BenchModule>> modules;
  for (const std::string &path : paths) {
    auto m = prepare(path);
    if (!m) return 1;
    modules.push_back(std::move(m));
  }
  for (auto &m : modules) registerBenchmarks(*m);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (peakRss) reportPeakRss(modules);
  return 0;
}

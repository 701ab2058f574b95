// Compiler: the pipeline as a plain list of calls.
//   IR text:     decode + validate module → translate every body → verify → IR passes → print IR
//   native code: decode + validate module → declarations → codegen::compileModule, which
//                takes one function at a time through BodyPipeline (validate + translate,
//                verify, IR passes) and the back end, then frees its IR → object / assembly
#include "wasmaot/Compiler.h"

#include "codegen/Backend.h"
#include "codegen/ModuleCompiler.h"
#include "frontend/Translator.h"
#include "passes/Passes.h"
#include "ir/Module.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "object/Elf.h"
#include "wasm/Decoder.h"

#include <algorithm>
#include <chrono>
#include <memory>

namespace wasmaot {

namespace {

using Clock = std::chrono::steady_clock;

/// Appends a phase's time when the caller asked for times.
class PhaseClock {
public:
  explicit PhaseClock(std::vector<PhaseTime> *times) : times_(times), start_(Clock::now()) {}
  void lap(const char *name) {
    const Clock::time_point now = Clock::now();
    if (times_) times_->push_back({name, std::chrono::duration<double>(now - start_).count()});
    start_ = now;
  }

private:
  std::vector<PhaseTime> *times_;
  Clock::time_point start_;
};

bool optionError(Diagnostic &diag, std::string message) {
  diag = Diagnostic{};
  diag.kind = DiagKind::Unsupported;
  diag.message = std::move(message);
  return false;
}

std::string join(const std::vector<std::string> &names) {
  std::string s;
  for (const std::string &n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

/// The back end and its options for `options`, or a diagnostic.
bool resolveBackend(const CompileOptions &options, const codegen::Backend *&backend,
                    codegen::CodegenOptions &codegen, Diagnostic &diag) {
  backend = codegen::findBackend(options.target);
  if (!backend) {
    const bool known = object::machineByName(options.target).has_value();
    return optionError(diag, (known ? "target '" + options.target + "' is not built yet"
                                    : "unknown target '" + options.target + "'") +
                                 " (available: " + codegen::backendNames() + ")");
  }
  if (options.optLevel > 2)
    return optionError(diag, "optimization level " + std::to_string(options.optLevel) + " (0, 1 or 2)");
  if (options.bounds == BoundsChecks::Guard &&
      (options.guardSize < 65536 || options.guardSize % 65536 != 0 || options.guardSize > (uint64_t(1) << 40)))
    return optionError(diag, "invalid guard size " + std::to_string(options.guardSize) +
                                 " (a multiple of 64 KiB between 64 KiB and 1 TiB; --guard=0 for explicit checks)");
  if (options.segue && options.target != "x86_64")
    return optionError(diag, "--segue is an x86-64 technique (the %gs segment base); target " + options.target +
                                 " has none");
  if (!codegen::isValidPrefix(options.prefix))
    return optionError(diag, "prefix '" + options.prefix + "' is not a C identifier");
  const std::string cpu = options.cpu.empty() ? defaultCpu(options.target) : options.cpu;
  codegen.features.clear();
  if (!backend->cpuFeatures(cpu, codegen.features))
    return optionError(diag, "unknown cpu '" + cpu + "' for target " + options.target);
  const std::vector<std::string> known = backend->knownFeatures();
  for (const std::string &spec : options.targetFeatures) {
    const bool disable = spec.starts_with('-');
    const std::string name = spec.substr(spec.starts_with('+') || disable ? 1 : 0);
    if (std::find(known.begin(), known.end(), name) == known.end())
      return optionError(diag, "unknown target feature '" + name + "' for " + options.target +
                                   " (known: " + join(known) + ")");
    auto it = std::find(codegen.features.begin(), codegen.features.end(), name);
    if (disable && it != codegen.features.end()) codegen.features.erase(it);
    if (!disable && it == codegen.features.end()) codegen.features.push_back(name);
  }
  codegen.optLevel = options.optLevel;
  return true;
}

/// Whether to verify the translated IR: asked for, or always in Debug builds.
bool verifyTranslatedIR(const CompileOptions &options) {
#ifdef WASMAOT_VERIFY_IR
  (void)options;
  return true;
#else
  return options.verifyIR;
#endif
}

/// Decodes and validates the module but not its bodies: the translation
/// validates each as it goes, one decode of each body instead of two.
bool decodeForTranslation(const CompileOptions &options, std::span<const uint8_t> bytes, wasm::Module &module,
                          Diagnostic &diag, PhaseClock &clock) {
  wasm::DecodeOptions decodeOptions;
  decodeOptions.features = options.features;
  decodeOptions.callerValidatesBodies = true;
  if (!wasm::decodeModule(bytes, decodeOptions, module, diag)) return false;
  clock.lap("decode+validate module");
  return true;
}

/// decode + validate → translate → verify, for the whole module (the IR output).
bool frontEnd(const CompileOptions &options, std::span<const uint8_t> bytes, wasm::Module &module,
              ir::Module &irModule, Diagnostic &diag, PhaseClock &clock) {
  if (!decodeForTranslation(options, bytes, module, diag, clock)) return false;

  if (!frontend::translateModule(module, options.features, irModule, diag, /*validateBodies=*/true))
    return false;
  clock.lap("validate+translate bodies");

  if (verifyTranslatedIR(options)) {
    std::vector<std::string> errors;
    if (!ir::verifyModule(irModule, errors)) {
      // A verifier failure on translator output is a compiler bug, not bad input.
      diag = Diagnostic{};
      diag.kind = DiagKind::Unsupported;
      diag.message = "internal error: translated IR fails verification: " + errors.front();
      return false;
    }
    clock.lap("verify");
  }
  return true;
}

/// One indented line per pass under "IR passes": its time and what it changed.
void addPassTimes(const std::vector<passes::PassReport> &reports, std::vector<PhaseTime> *times,
                  const std::string &indent = "  ") {
  if (!times) return;
  for (const passes::PassReport &r : reports) {
    std::string what = indent + r.name + " (" + std::to_string(r.changed) + " changed";
    for (auto &[name, n] : r.counts) // e.g. simplify's hits per rule
      what += std::string(what.back() == 'd' ? ": " : ", ") + name + " " + std::to_string(n);
    times->push_back({what + ")", r.seconds});
  }
}

/// The IR passes' view of the sandboxing and optimization options.
passes::PassOptions passOptionsFor(const CompileOptions &options) {
  passes::PassOptions p;
  p.bounds = options.bounds == BoundsChecks::Guard ? passes::BoundsMode::Guard : passes::BoundsMode::Explicit;
  p.guardBytes = options.bounds == BoundsChecks::Guard ? options.guardSize : 0;
  p.eliminateBoundsChecks = options.eliminateBoundsChecks;
  p.optLevel = options.optLevel;
  p.verifyEach = options.verifyIR;
  return p;
}

/// The IR passes, timed; false (with an internal-error diagnostic) when one of
/// them broke the IR under --verify-ir.
bool runIRPasses(ir::Module &irModule, const passes::PassOptions &passOptions, Diagnostic &diag,
                 PhaseClock &clock, std::vector<PhaseTime> *times) {
  std::string irError;
  std::vector<passes::PassReport> reports = passes::runPasses(irModule, passOptions, &irError);
  clock.lap("IR passes");
  addPassTimes(reports, times);
  if (irError.empty()) return true;
  diag = Diagnostic{};
  diag.kind = DiagKind::Unsupported;
  diag.message = "internal error: IR fails verification " + irError;
  return false;
}

/// The front half for one function at a time (codegen::FunctionSource): validate
/// and translate its body, verify it (--verify-ir), run the IR passes on it, and
/// once the back end is done, free it. Each worker has its own translator, pass
/// reports and clocks; summed afterwards. The IR of a function is the same as
/// translateModule + runPasses would make it, so the output is too.
class BodyPipeline final : public codegen::FunctionSource {
public:
  BodyPipeline(const CompileOptions &options, const frontend::ModuleContext &ctx, ir::Module &ir,
               const passes::PassOptions &passOptions)
      : options_(options), ctx_(ctx), ir_(ir), passOptions_(passOptions), verify_(verifyTranslatedIR(options)) {}

  void start(unsigned workers) override {
    workers_.clear();
    for (unsigned w = 0; w < workers; ++w) workers_.push_back(std::make_unique<Worker>(ctx_));
  }

  bool prepare(unsigned worker, uint32_t index, Diagnostic &diag) override {
    Worker &k = *workers_[worker];
    Clock::time_point t0 = Clock::now();
    const bool translated = k.translator.translate(index, options_.features, /*validate=*/true, diag);
    Clock::time_point t1 = Clock::now();
    k.translate += seconds(t0, t1);
    if (!translated) return false;
    ir::Function &fn = *ir_.functions[index];
    if (verify_) {
      std::vector<std::string> errors;
      const bool ok = ir::verifyFunction(ir_, fn, errors);
      t0 = t1;
      t1 = Clock::now();
      k.verify += seconds(t0, t1);
      // A verifier failure on translator output is a compiler bug, not bad input.
      if (!ok) return internalError(diag, index, "translated IR fails verification: " + errors.front());
    }
    std::string irError;
    if (!passes::runFunctionPasses(ir_, fn, passOptions_, k.reports, &irError))
      return internalError(diag, index, "IR fails verification " + irError);
    return true;
  }

  void finish(unsigned, uint32_t index) override { ir_.functions[index]->releaseBody(); }

  /// The summed times, in --time's order: translate, verify, passes (and each pass).
  void addTimes(std::vector<PhaseTime> &times) const {
    double translate = 0, verify = 0;
    std::vector<passes::PassReport> reports;
    for (const auto &k : workers_) {
      translate += k->translate;
      verify += k->verify;
      if (reports.empty()) reports = k->reports;
      else
        for (size_t p = 0; p < k->reports.size(); ++p) reports[p].add(k->reports[p]);
    }
    times.push_back({"  validate+translate bodies (summed over functions)", translate});
    if (verify_) times.push_back({"  verify (summed over functions)", verify});
    double passes = 0;
    for (passes::PassReport &r : reports) {
      passes += r.seconds;
      // Counts in name order, whatever order the workers met them in.
      std::sort(r.counts.begin(), r.counts.end(),
                [](const auto &a, const auto &b) { return std::string_view(a.first) < b.first; });
    }
    times.push_back({"  IR passes (summed over functions)", passes});
    addPassTimes(reports, &times, "    ");
  }

private:
  struct Worker {
    explicit Worker(const frontend::ModuleContext &ctx) : translator(ctx) {}
    frontend::BodyTranslator translator;
    std::vector<passes::PassReport> reports;
    double translate = 0, verify = 0;
  };

  static double seconds(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
  }
  static bool internalError(Diagnostic &diag, uint32_t index, std::string message) {
    diag = Diagnostic{};
    diag.kind = DiagKind::Unsupported;
    diag.funcIndex = index;
    diag.message = "internal error: " + std::move(message);
    return false;
  }

  const CompileOptions &options_;
  const frontend::ModuleContext &ctx_;
  ir::Module &ir_;
  const passes::PassOptions &passOptions_;
  const bool verify_;
  std::vector<std::unique_ptr<Worker>> workers_;
};

} // namespace

const char *versionString() { return "wasmaot 0.1.0"; }

std::string targetNames() { return codegen::backendNames(); }

std::string segueNotApplicable(std::span<const uint8_t> wasm) {
  wasm::DecodeOptions decodeOptions;
  decodeOptions.callerValidatesBodies = true; // only the memories matter here
  wasm::Module module;
  Diagnostic diag;
  if (!wasm::decodeModule(wasm, decodeOptions, module, diag)) return {};
  if (module.memories.empty()) return "the module has no memory";
  if (module.memories[0].type.limits.is64) return "memory 0 is a memory64 (its accesses are explicitly checked)";
  return {};
}

std::string defaultCpu(std::string_view target) {
  // Fixed baselines, so that an object does not depend on the compiling machine.
  if (target == "x86_64") return "x86-64-v2";
  if (target == "aarch64") return "generic";
  if (target == "riscv64") return "rv64gc";
  return "generic";
}

std::vector<std::string> targetFeatureNames(std::string_view target) {
  const codegen::Backend *backend = codegen::findBackend(target);
  return backend ? backend->knownFeatures() : std::vector<std::string>{};
}

bool Compiler::checkOptions(Diagnostic &diag) const {
  const codegen::Backend *backend = nullptr;
  codegen::CodegenOptions codegen;
  return resolveBackend(options_, backend, codegen, diag);
}

bool Compiler::validate(std::span<const uint8_t> wasm, Diagnostic &diag) const {
  wasm::Module module;
  wasm::DecodeOptions decodeOptions;
  decodeOptions.features = options_.features;
  return wasm::decodeModule(wasm, decodeOptions, module, diag);
}

bool Compiler::compileToIR(std::span<const uint8_t> wasm, std::string &out, Diagnostic &diag,
                           std::vector<PhaseTime> *times) const {
  PhaseClock clock(times);
  wasm::Module module;
  ir::Module irModule;
  if (!frontEnd(options_, wasm, module, irModule, diag, clock)) return false;
  if (!options_.irBeforePasses && !runIRPasses(irModule, passOptionsFor(options_), diag, clock, times))
    return false;
  out += ir::printModule(irModule);
  clock.lap("print IR");
  return true;
}

bool Compiler::compileToObject(std::span<const uint8_t> wasm, std::vector<uint8_t> &object,
                               Diagnostic &diag, std::vector<PhaseTime> *times) const {
  return compileNative(wasm, true, &object, nullptr, diag, times);
}

bool Compiler::compileToAsm(std::span<const uint8_t> wasm, std::string &out, Diagnostic &diag,
                            std::vector<PhaseTime> *times) const {
  return compileNative(wasm, false, nullptr, &out, diag, times);
}

bool Compiler::compileNative(std::span<const uint8_t> wasm, bool object, std::vector<uint8_t> *objectOut,
                             std::string *asmOut, Diagnostic &diag, std::vector<PhaseTime> *times) const {
  codegen::ModuleCompileOptions moduleOptions;
  const codegen::Backend *backend = nullptr;
  if (!resolveBackend(options_, backend, moduleOptions.codegen, diag)) return false;
  moduleOptions.codegen.emitAsm = asmOut != nullptr;
  moduleOptions.emitObject = object;
  moduleOptions.threads = options_.threads;
  moduleOptions.prefix = options_.prefix;
  passes::PassOptions passOptions = passOptionsFor(options_);
  if (options_.bounds == BoundsChecks::Guard) {
    moduleOptions.sandboxing = codegen::Sandboxing::GuardRegions;
    moduleOptions.guardSize = options_.guardSize;
  } else {
    moduleOptions.sandboxing = codegen::Sandboxing::ExplicitChecks;
    moduleOptions.guardSize = 0;
  }

  PhaseClock clock(times);
  wasm::Module module;
  if (!decodeForTranslation(options_, wasm, module, diag, clock)) return false;
  ir::Module irModule;
  frontend::ModuleContextPtr ctx = frontend::declareModule(module, irModule);
  // Segue where it applies (memory 0 is 32-bit); the descriptor records it.
  moduleOptions.codegen.segue =
      options_.segue && !irModule.memories.empty() && irModule.memories[0].indexType == ir::Type::I32;

  BodyPipeline bodies(options_, *ctx, irModule, passOptions);
  codegen::ModuleOutput out;
  if (!codegen::compileModule(irModule, wasm, *backend, moduleOptions, out, diag, &bodies)) {
    // As if every body had been validated first: an invalid body after an
    // unsupported (or miscompiled) function is the module's real problem.
    if (diag.kind == DiagKind::Unsupported && diag.funcIndex)
      frontend::firstInvalidBodyAfter(module, *diag.funcIndex, options_.features, diag);
    // Point a function's diagnostic at its body in the input.
    if (diag.funcIndex && *diag.funcIndex < module.functions.size() && diag.offset == 0)
      diag.offset = module.functions[*diag.funcIndex].body.offset;
    return false;
  }
  if (times) {
    times->push_back({"functions (wall: translate, passes, codegen)", out.times.codegen});
    bodies.addTimes(*times);
    times->push_back({"  lower (summed over functions)", out.times.lower});
    times->push_back({"  regalloc (summed over functions)", out.times.regalloc});
    times->push_back({"  emit (summed over functions)", out.times.emit});
    if (asmOut) times->push_back({"assembly listing", out.times.asmText});
    if (object) {
      times->push_back({"layout+fixups", out.times.layout});
      times->push_back({"object", out.times.object});
    }
  }
  if (objectOut) *objectOut = std::move(out.object);
  if (asmOut) *asmOut += out.asmText;
  return true;
}

} // namespace wasmaot

// wasmaot-fuzz-exec: runs a module made by Binaryen's `wasm-opt -ttf` on code
// compiled by wasmaot and prints what `wasm-opt M.wasm --fuzz-exec-before`
// prints for it, for the differential test (test/fuzz/differential.py,
// docs/testing.md "Differential testing").
#include "ExportRunner.h"
#include "FuzzingSupport.h"

#include "runtime/Runtime.h"
#include "wasmaot/Compiler.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

using namespace wasmaot;

namespace {

/// Exit statuses (the differential script tells them apart).
enum Status : int {
  kRan = 0,         ///< every export ran (traps are outcomes, not failures)
  kUsage = 1,       ///< bad options or an unreadable file
  kUnsupported = 2, ///< wasmaot or this harness cannot run the module yet: skipped
  kFailed = 3,      ///< the compiler or runtime failed on a valid module: a divergence
  kRejected = 4,    ///< decoding or validation rejected the module (the script asks wabt too)
};

int statusFor(DiagKind kind) {
  switch (kind) {
  case DiagKind::Malformed:
  case DiagKind::Invalid: return kRejected;
  case DiagKind::Unsupported:
  case DiagKind::Limit: return kUnsupported;
  case DiagKind::Io: return kFailed;
  }
  return kFailed;
}

void printHelp() {
  std::printf("usage: wasmaot-fuzz-exec [options] M.wasm\n"
              "\n"
              "Compiles M.wasm with wasmaot in memory, instantiates it with the fuzzing-support\n"
              "imports of Binaryen's -ttf modules (log-i32/i64/f32/f64), calls every exported\n"
              "function in order with zero arguments (after hangLimitInitializer, if exported)\n"
              "and prints calls, logged values, results and traps as `wasm-opt M.wasm\n"
              "--fuzz-exec-before` does.\n"
              "\n"
              "options:\n"
              "  --target=T                 back end (default x86_64; must be the host)\n"
              "  -O0, -O1, -O2              optimization level (default -O1)\n"
              "  --bounds-checks=guard|explicit  (default guard)\n"
              "  --features=SPEC            proposals accepted (default wasm3)\n"
              "\n"
              "exit status: 0 ran, 1 usage, 2 not supported yet (skip), 3 compiler or runtime failure,\n"
              "4 rejected as malformed or invalid\n");
}

bool parseOptions(int argc, char **argv, CompileOptions &options, std::string &input, std::string &error) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      printHelp();
      std::exit(kRan);
    } else if (arg.starts_with("--target=")) {
      options.target = std::string(arg.substr(9));
    } else if (arg == "-O0" || arg == "-O1" || arg == "-O2") {
      options.optLevel = unsigned(arg[2] - '0');
    } else if (arg == "--bounds-checks=guard") {
      options.bounds = BoundsChecks::Guard;
    } else if (arg == "--bounds-checks=explicit") {
      options.bounds = BoundsChecks::Explicit;
    } else if (arg.starts_with("--features=")) {
      if (!options.features.apply(arg.substr(11), error)) return false;
    } else if (arg.size() > 1 && arg[0] == '-') {
      error = "unknown option '" + std::string(arg) + "'";
      return false;
    } else if (input.empty()) {
      input = std::string(arg);
    } else {
      error = "more than one input";
      return false;
    }
  }
  if (input.empty()) error = "no input (try --help)";
  return error.empty();
}

int fail(int status, const std::string &what) {
  std::fprintf(stderr, "wasmaot-fuzz-exec: %s\n", what.c_str());
  return status;
}

} // namespace

int main(int argc, char **argv) {
  // Line-buffered: what was printed survives a crash of the generated code.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  CompileOptions options;
  options.threads = 1;
  options.verifyIR = true; // a fuzzed module that breaks the IR is a finding
  std::string input, error;
  if (!parseOptions(argc, argv, options, input, error)) return fail(kUsage, error);

  std::ifstream in(input, std::ios::binary);
  if (!in) return fail(kUsage, "cannot read " + input);
  const std::vector<uint8_t> wasm((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  std::vector<uint8_t> object;
  Diagnostic diag;
  if (!Compiler(options).compileToObject(wasm, object, diag))
    return fail(statusFor(diag.kind), "not compiled: " + diag.str());

  runtime::Runtime rt;
  runtime::Result<std::shared_ptr<runtime::Module>> module = rt.loadObject(object);
  if (!module)
    return fail(module.error().kind == runtime::ErrorKind::Unsupported ? kUnsupported : kFailed,
                "not loaded: " + module.error().message);

  runtime::Linker linker;
  if (!fuzzexec::defineFuzzingSupport(rt, linker, (*module)->wasm(), error)) return fail(kUnsupported, error);

  runtime::Result<std::shared_ptr<runtime::Instance>> instance = rt.instantiate(*module, linker.resolver());
  if (!instance) {
    // Binaryen prints the trap and runs no export when instantiation traps.
    if (instance.error().kind != runtime::ErrorKind::Trap) return fail(kFailed, "not instantiated: " + instance.error().message);
    std::printf("[trap %s]\n", instance.error().message.c_str());
    return kRan;
  }
  return fuzzexec::runExports(rt, **instance) ? kRan : kFailed;
}

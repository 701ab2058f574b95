// wasmaotc: the command-line compiler. Parses the command line (Options.cpp),
// reads the input, calls the library (include/wasmaot/Compiler.h), then
// writes the output (OutputFile.cpp), links a native executable
// (LinkExecutable.cpp), writes an embedding header (EmitHeader.cpp) or runs
// the code at once (RunCommand.cpp). Diagnostics are reported as
// "wasmaotc: error: FILE: KIND: offset 0x..: message".
#include "EmitHeader.h"
#include "LinkExecutable.h"
#include "OutputFile.h"
#include "Options.h"
#include "RunCommand.h"

#include "wasm/Decoder.h"
#include "wasmaot/Compiler.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

const char kUsage[] =
    "usage: wasmaotc [options] FILE.wasm [-o APP]   compile a WASI command to a native executable\n"
    "       wasmaotc -c [options] FILE.wasm         compile to an object (or --emit=asm|ir)\n"
    "       wasmaotc run [options] FILE.wasm [--] [ARGS...]\n"
    "                                               compile in memory and run it at once\n"
    "       wasmaotc validate [options] FILE.wasm   check FILE.wasm; exit 0 if valid, 1 if not\n"
    "\n"
    "output (one of):\n"
    "  (default)            a native executable of a WASI command module (one that exports\n"
    "                       _start), written to a.out unless -o is given; linked by the system\n"
    "                       C compiler ($CC, else cc, gcc or clang on PATH) with libwasmaot-rt.a\n"
    "                       from ../lib next to wasmaotc (or $WASMAOT_LIBDIR). The program gets\n"
    "                       the executable's argv and environment, the --dir preopens given\n"
    "                       here and those in $WASMAOT_DIRS when it starts (HOST[::GUEST]\n"
    "                       entries separated by ':'); see docs/embedding.md\n"
    "  -c, --emit=obj       an ELF relocatable object with the module descriptor (docs/abi.md);\n"
    "                       written to FILE.o in the current directory unless -o is given\n"
    "  --emit-header=FILE   with -c: also a C header declaring the exports as C functions that\n"
    "                       call through the runtime's C API (docs/embedding.md)\n"
    "  --emit=asm           the assembly listing: per function a label and its instructions\n"
    "  --emit=ir            the SSA IR in text form (docs/ir.md) after the IR passes: what the\n"
    "                       back end compiles (bounds=none(FACT) names why a check was removed)\n"
    "  --emit=ir-translated the SSA IR as the translator produced it, before any pass\n"
    "  -o FILE              write the output to FILE ('-': standard output; default for ir\n"
    "                       and asm)\n"
    "  -v, --verbose        print the command that links a native executable\n"
    "\n"
    "running (wasmaotc run, and the programs of native executables):\n"
    "  ARGS                 run: everything after FILE.wasm (a first '--' is dropped) is the\n"
    "                       program's; its argv[0] is FILE.wasm\n"
    "  --invoke=NAME        run: call export NAME with ARGS as its parameters (after\n"
    "                       _initialize, if exported) and print its results, one per line\n"
    "  --env=NAME=VALUE     an environment variable; repeatable. run: the environment is\n"
    "                       only these; executables: baked in, replacing an inherited NAME\n"
    "  --dir=HOST[::GUEST]  preopen host directory HOST as GUEST (default: HOST); repeatable.\n"
    "                       Executables: baked in, a relative HOST is resolved at start\n"
    "  exit status          the program's (proc_exit; 0 when _start returns); 134 after a\n"
    "                       trap, reported as 'wasmaotc: trap: MESSAGE (in function N ...)';\n"
    "                       1 if it cannot start (unknown import, no _start, bad ARGS); 2 if\n"
    "                       a preopen cannot be opened\n"
    "\n"
    "code generation:\n"
    "  --target=NAME        the ISA to compile for (default x86_64); built: %s\n"
    "                       (riscv64 CPUs: rv64gc, rva22u64); run needs this machine's ISA; an executable\n"
    "                       for another ISA is linked with its cross compiler ($WASMAOT_CC_T,\n"
    "                       else T-linux-gnu-gcc) and runtime (../lib/T or $WASMAOT_LIBDIR_T,\n"
    "                       T upper case: WASMAOT_LIBDIR_AARCH64), e.g. to run under qemu-user\n"
    "  --cpu=NAME           the CPU whose features the code may use; default: a fixed baseline\n"
    "                       (x86_64: x86-64-v2; aarch64: generic, i.e. armv8-a), so output does not depend\n"
    "                       on the compiling machine; 'native': this machine's CPU\n"
    "  --target-features=LIST  +NAME / -NAME, comma-separated, applied after --cpu\n"
    "  -O0, -O1, -O2        optimization level (default -O1)\n"
    "  -j N, --jobs=N       compile functions on N threads (default: one per hardware thread);\n"
    "                       the output is the same for every N\n"
    "  --prefix=NAME        the object's descriptor symbol is wasmaot_module_NAME (default wasm)\n"
    "  --bounds-checks=MODE how memory accesses stay in bounds: guard (default: 32-bit memories\n"
    "                       live in a 4 GiB reservation + guard; accesses whose offset fits the\n"
    "                       guard need no check) or explicit (compare + trap before each access;\n"
    "                       memory64 is always explicit). Recorded in the object.\n"
    "  --guard=SIZE         guard bytes after a 32-bit memory's 4 GiB (default 2G; K/M/G\n"
    "                       suffixes; a multiple of 64K); --guard=0 means explicit checks\n"
    "  --segue              x86_64 only: address memory 0 through the %%gs segment base, which\n"
    "                       the runtime sets to its base while the module's code runs (wrgsbase,\n"
    "                       or arch_prctl where the kernel does not allow it); frees the base\n"
    "                       register. Combines with either --bounds-checks mode. Applies when\n"
    "                       memory 0 is a 32-bit memory; otherwise a warning, and the module is\n"
    "                       compiled (and recorded in the object) without it\n"
    "  --no-bce             keep every explicit bounds check (no bounds-check elimination and\n"
    "                       no unchecked loop copies, which -O1 and -O2 make; -O0 never does)\n"
    "  --time               print the time of each phase to standard error\n"
    "  --verify-ir          self-check: verify the IR after translation and after every IR\n"
    "                       pass (also when WASMAOT_VERIFY_IR=1; always in Debug builds)\n"
    "  --no-verify-ir       no self-check (the default)\n"
    "\n"
    "input:\n"
    "  --features=LIST      proposals the input may use, comma-separated, applied in order:\n"
    "                       wasm2 | wasm3 (default) | +NAME | -NAME, where NAME is one of\n"
    "                       %s\n"
    "\n"
    "  --help               show this help\n"
    "  --version            show the version\n"
    "\n"
    "exit status (compiling): 0 success, 1 the input is malformed, invalid or not yet supported,\n"
    "2 usage, I/O or link error\n";

void printUsage(FILE *to) {
  std::fprintf(to, kUsage, wasmaot::targetNames().c_str(), wasmaot::Features::proposalNames());
}

int usageError(const std::string &message) {
  std::fprintf(stderr, "wasmaotc: error: %s\n(run 'wasmaotc --help' for usage)\n", message.c_str());
  return 2;
}

int ioError(const std::string &message) {
  std::fprintf(stderr, "wasmaotc: error: %s\n", message.c_str());
  return 2;
}

int inputError(const std::string &input, const wasmaot::Diagnostic &diag) {
  std::fprintf(stderr, "wasmaotc: error: %s: %s: %s\n", input.c_str(), wasmaot::diagKindName(diag.kind),
               diag.str().c_str());
  return 1;
}

void printTimes(const std::vector<wasmaot::PhaseTime> &times) {
  double total = 0;
  for (const wasmaot::PhaseTime &t : times) {
    std::fprintf(stderr, "wasmaotc: time: %-36s %10.3f ms\n", t.name.c_str(), t.seconds * 1e3);
    if (!t.name.starts_with(' ')) total += t.seconds; // indented lines are parts of the one above
  }
  std::fprintf(stderr, "wasmaotc: time: %-36s %10.3f ms\n", "total", total * 1e3);
}

int writeOutput(const wasmaotc::Options &o, std::string_view data) {
  std::string path = o.output;
  if (path.empty() && o.kind == wasmaotc::OutputKind::Object) path = wasmaotc::defaultObjectName(o.input);
  if (path.empty() || path == "-") {
    std::fwrite(data.data(), 1, data.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 2;
  }
  std::string error;
  if (!wasmaotc::writeFile(path, data, error)) return ioError(error);
  return 0;
}

/// Decodes the (already compiled, so valid) input for what the driver itself needs to know.
bool decodeForDriver(const wasmaotc::Options &o, const std::vector<uint8_t> &bytes, wasmaot::wasm::Module &m) {
  wasmaot::wasm::DecodeOptions opts;
  opts.features = o.compile.features;
  opts.validateBodies = false;
  wasmaot::Diagnostic diag;
  if (wasmaot::wasm::decodeModule(bytes, opts, m, diag)) return true;
  inputError(o.input, diag);
  return false;
}

bool exportsStart(const wasmaot::wasm::Module &m) {
  for (const wasmaot::wasm::Export &e : m.exports)
    if (e.name == "_start" && e.kind == wasmaot::wasm::ExternKind::Func) return true;
  return false;
}

} // namespace

int main(int argc, char **argv) {
  wasmaotc::Options o;
  // The test suites set WASMAOT_VERIFY_IR=1 so that every compile checks its IR;
  // --no-verify-ir still wins.
  if (const char *e = std::getenv("WASMAOT_VERIFY_IR"); e && *e && std::string_view(e) != "0")
    o.compile.verifyIR = true;
  std::string error;
  if (!wasmaotc::parseOptions(argc, argv, o, error)) return usageError(error);
  switch (o.action) {
  case wasmaotc::Options::Action::Help: printUsage(stdout); return 0;
  case wasmaotc::Options::Action::Version: std::printf("%s\n", wasmaot::versionString()); return 0;
  case wasmaotc::Options::Action::Validate:
  case wasmaotc::Options::Action::Run:
  case wasmaotc::Options::Action::Compile: break;
  }

  const bool validateOnly = o.action == wasmaotc::Options::Action::Validate;
  const bool run = o.action == wasmaotc::Options::Action::Run;
  const bool executable = o.action == wasmaotc::Options::Action::Compile && o.kind == wasmaotc::OutputKind::Executable;
  wasmaot::Compiler compiler(o.compile);
  wasmaot::Diagnostic diag;
  if (!validateOnly) {
    // An executable for another ISA is cross-linked (LinkExecutable.cpp); run
    // executes in this process, so only this machine's code can run.
    if (run && o.compile.target != wasmaotc::hostTarget())
      return usageError(std::string("'wasmaotc run' runs") + " on this machine: --target must be its ISA (" +
                        wasmaotc::hostTarget() + "), not '" + o.compile.target +
                        "'; use -c for an object of another target, or link an executable for it (-o) and "
                        "run that there or under qemu-user");
    const bool native = run || executable || o.kind == wasmaotc::OutputKind::Asm ||
                        o.kind == wasmaotc::OutputKind::Object;
    if ((native || o.backendOptionGiven) && !compiler.checkOptions(diag)) return usageError(diag.message);
  }

  std::vector<uint8_t> bytes;
  if (!wasmaotc::readFile(o.input, bytes, error)) return ioError(error);

  if (validateOnly) return compiler.validate(bytes, diag) ? 0 : inputError(o.input, diag);

  std::vector<wasmaot::PhaseTime> times;
  std::vector<wasmaot::PhaseTime> *timesOut = o.time ? &times : nullptr;
  std::string text;
  std::vector<uint8_t> object;
  bool ok = false;
  switch (o.kind) {
  case wasmaotc::OutputKind::IR: ok = compiler.compileToIR(bytes, text, diag, timesOut); break;
  case wasmaotc::OutputKind::Asm: ok = compiler.compileToAsm(bytes, text, diag, timesOut); break;
  case wasmaotc::OutputKind::Executable:
  case wasmaotc::OutputKind::Object: ok = compiler.compileToObject(bytes, object, diag, timesOut); break;
  }
  if (o.time) printTimes(times);
  if (!ok) return inputError(o.input, diag);
  if (o.compile.segue && o.kind != wasmaotc::OutputKind::IR)
    if (std::string why = wasmaot::segueNotApplicable(bytes); !why.empty())
      std::fprintf(stderr, "wasmaotc: warning: %s: --segue does not apply (%s); compiled without it\n",
                   o.input.c_str(), why.c_str());
  if (run) return wasmaotc::runObject(o, object);

  wasmaot::wasm::Module module;
  if ((executable || !o.header.empty()) && !decodeForDriver(o, bytes, module)) return 1;
  if (executable) {
    if (!exportsStart(module)) {
      std::fprintf(stderr,
                   "wasmaotc: error: %s: a native executable needs a WASI command module (one that exports "
                   "_start); compile a library with -c (and --emit-header to call it from C)\n",
                   o.input.c_str());
      return 1;
    }
    return wasmaotc::linkExecutable(o, object);
  }
  if (o.kind == wasmaotc::OutputKind::Object) {
    const int rc =
        writeOutput(o, std::string_view(reinterpret_cast<const char *>(object.data()), object.size()));
    if (rc != 0 || o.header.empty()) return rc;
    std::string objectName = o.output.empty() ? wasmaotc::defaultObjectName(o.input) : o.output;
    if (!wasmaotc::writeFile(o.header, wasmaotc::headerFor(module, o.compile.prefix, o.input, objectName), error))
      return ioError(error);
    return 0;
  }
  return writeOutput(o, text);
}

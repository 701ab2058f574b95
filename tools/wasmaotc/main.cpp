// wasmaotc: the command-line compiler. Parses the command line (Options.cpp),
// reads the input, calls the library (include/wasmaot/Compiler.h), writes the
// output (OutputFile.cpp) and reports diagnostics as
// "wasmaotc: error: FILE: KIND: offset 0x..: message".
#include "OutputFile.h"
#include "Options.h"

#include "wasmaot/Compiler.h"

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace {

const char kUsage[] =
    "usage: wasmaotc [options] FILE.wasm            compile FILE.wasm (see --emit and -c)\n"
    "       wasmaotc validate [options] FILE.wasm   check FILE.wasm; exit 0 if valid, 1 if not\n"
    "\n"
    "output (one of; native executables and `wasmaotc run` are not yet supported):\n"
    "  -c, --emit=obj       an ELF relocatable object with the module descriptor (docs/abi.md);\n"
    "                       written to FILE.o in the current directory unless -o is given\n"
    "  --emit=asm           the assembly listing: per function a label and its instructions\n"
    "  --emit=ir            the SSA IR in text form (docs/ir.md)\n"
    "  -o FILE              write the output to FILE ('-': standard output; default for ir\n"
    "                       and asm)\n"
    "\n"
    "code generation:\n"
    "  --target=NAME        the ISA to compile for (default x86_64); built: %s\n"
    "                       (aarch64 and riscv64 are planned)\n"
    "  --cpu=NAME           the CPU whose features the code may use; default: a fixed baseline\n"
    "                       (x86_64: x86-64-v2), so output does not depend on the compiling\n"
    "                       machine; 'native': this machine's CPU\n"
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
    "  --time               print the time of each phase to standard error\n"
    "\n"
    "input:\n"
    "  --features=LIST      proposals the input may use, comma-separated, applied in order:\n"
    "                       wasm2 | wasm3 (default) | +NAME | -NAME, where NAME is one of\n"
    "                       %s\n"
    "  --no-verify-ir       do not run the IR verifier on the translated IR\n"
    "\n"
    "  --help               show this help\n"
    "  --version            show the version\n"
    "\n"
    "exit status: 0 success, 1 the input is malformed, invalid or not yet supported, 2 usage or I/O error\n";

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

} // namespace

int main(int argc, char **argv) {
  wasmaotc::Options o;
  std::string error;
  if (!wasmaotc::parseOptions(argc, argv, o, error)) return usageError(error);
  switch (o.action) {
  case wasmaotc::Options::Action::Help: printUsage(stdout); return 0;
  case wasmaotc::Options::Action::Version: std::printf("%s\n", wasmaot::versionString()); return 0;
  case wasmaotc::Options::Action::Validate:
  case wasmaotc::Options::Action::Compile: break;
  }

  const bool validateOnly = o.action == wasmaotc::Options::Action::Validate;
  wasmaot::Compiler compiler(o.compile);
  wasmaot::Diagnostic diag;
  if (!validateOnly) {
    if (o.kind == wasmaotc::OutputKind::Executable)
      return usageError("native executables are not yet supported; use -c for an object, or "
                        "--emit=asm / --emit=ir");
    const bool native = o.kind == wasmaotc::OutputKind::Asm || o.kind == wasmaotc::OutputKind::Object;
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
  case wasmaotc::OutputKind::Object: ok = compiler.compileToObject(bytes, object, diag, timesOut); break;
  case wasmaotc::OutputKind::Executable: break; // refused above
  }
  if (o.time) printTimes(times);
  if (!ok) return inputError(o.input, diag);
  if (o.kind == wasmaotc::OutputKind::Object)
    return writeOutput(o, std::string_view(reinterpret_cast<const char *>(object.data()), object.size()));
  return writeOutput(o, text);
}

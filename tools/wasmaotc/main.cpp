// wasmaotc: the command-line compiler. Parses the command line, reads the
// input, calls the library (include/wasmaot/Compiler.h) and reports
// diagnostics as "wasmaotc: error: FILE: offset 0x..: message".
#include "wasmaot/Compiler.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <vector>

namespace {

const char kUsage[] =
    "usage: wasmaotc [options] FILE.wasm            compile FILE.wasm (today: to IR, see --emit)\n"
    "       wasmaotc validate [options] FILE.wasm   check FILE.wasm; exit 0 if valid, 1 if not\n"
    "\n"
    "options:\n"
    "  --emit=ir            output the SSA IR in text form (docs/ir.md); the only output kind so far:\n"
    "                       native code, objects and `wasmaotc run` arrive with the back end\n"
    "  -o FILE              write the output to FILE (default: standard output)\n"
    "  --features=LIST      proposals the input may use, comma-separated, applied in order:\n"
    "                       wasm2 | wasm3 (default) | +NAME | -NAME, where NAME is one of\n"
    "                       %s\n"
    "  --no-verify-ir       do not run the IR verifier on the translated IR\n"
    "  --help               show this help\n"
    "  --version            show the version\n"
    "\n"
    "exit status: 0 success, 1 the input is malformed, invalid or not yet supported, 2 usage or I/O error\n";

void printUsage(FILE *to) { std::fprintf(to, kUsage, wasmaot::Features::proposalNames()); }

int usageError(const std::string &message) {
  std::fprintf(stderr, "wasmaotc: error: %s\n(run 'wasmaotc --help' for usage)\n", message.c_str());
  return 2;
}

bool readFile(const std::string &path, std::vector<uint8_t> &bytes, std::string &error) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    error = path + ": " + std::strerror(errno);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    error = path + ": is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = path + ": read error";
    return false;
  }
  return true;
}

// Writes `data` straight into `path`; for devices, FIFOs and the like.
bool writeInPlace(const std::string &path, const std::string &data, std::string &error) {
  FILE *f = std::fopen(path.c_str(), "wb");
  if (!f) {
    error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  const bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  if (std::fclose(f) != 0 || !ok) {
    error = path + ": write error";
    return false;
  }
  return true;
}

// A regular (or new) output file is written to a temporary file next to it and
// renamed into place, so a failed write never leaves a truncated output behind.
// Anything else (/dev/null, a FIFO, a terminal) is written in place: renaming
// over it would replace the device or pipe with a plain file.
bool writeFile(const std::string &path, const std::string &data, std::string &error) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) {
      error = path + ": is a directory";
      return false;
    }
    return writeInPlace(path, data, error);
  }
  const std::string tmp = path + ".tmp";
  FILE *f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    error = tmp + ": cannot create: " + std::strerror(errno);
    return false;
  }
  const bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  if (std::fclose(f) != 0 || !ok) {
    std::remove(tmp.c_str());
    error = tmp + ": write error";
    return false;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = path + ": cannot rename into place: " + std::strerror(errno);
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

} // namespace

int main(int argc, char **argv) {
  bool validateOnly = false;
  std::string input, output, emit = "ir";
  wasmaot::CompileOptions options;
  int first = 1;
  if (argc > 1 && std::string_view(argv[1]) == "validate") {
    validateOnly = true;
    first = 2;
  }
  for (int i = first; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      printUsage(stdout);
      return 0;
    }
    if (arg == "--version") {
      std::printf("%s\n", wasmaot::versionString());
      return 0;
    }
    if (arg == "-o") {
      if (i + 1 >= argc) return usageError("-o needs a file name");
      output = argv[++i];
    } else if (arg.starts_with("--emit=")) {
      emit = arg.substr(7);
      if (emit != "ir")
        return usageError("--emit=" + emit + " is not available yet (only --emit=ir)");
    } else if (arg.starts_with("--features=")) {
      std::string error;
      if (!options.features.apply(arg.substr(11), error)) return usageError(error);
    } else if (arg == "--no-verify-ir") {
      options.verifyIR = false;
    } else if (arg == "run") {
      return usageError("'wasmaotc run' needs the native back end, which is not built yet");
    } else if (arg.size() > 1 && arg[0] == '-') {
      return usageError("unknown option '" + std::string(arg) + "'");
    } else {
      if (!input.empty()) return usageError("more than one input file ('" + input + "', '" +
                                            std::string(arg) + "')");
      input = arg;
    }
  }
  if (input.empty()) return usageError("no input file");

  std::vector<uint8_t> bytes;
  std::string error;
  if (!readFile(input, bytes, error)) {
    std::fprintf(stderr, "wasmaotc: error: %s\n", error.c_str());
    return 2;
  }

  wasmaot::Compiler compiler(options);
  wasmaot::Diagnostic diag;
  if (validateOnly) {
    if (!compiler.validate(bytes, diag)) {
      std::fprintf(stderr, "wasmaotc: error: %s: %s: %s\n", input.c_str(),
                   wasmaot::diagKindName(diag.kind), diag.str().c_str());
      return 1;
    }
    return 0;
  }

  std::string text;
  if (!compiler.compileToIR(bytes, text, diag)) {
    std::fprintf(stderr, "wasmaotc: error: %s: %s: %s\n", input.c_str(),
                 wasmaot::diagKindName(diag.kind), diag.str().c_str());
    return 1;
  }
  if (output.empty() || output == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 2;
  }
  if (!writeFile(output, text, error)) {
    std::fprintf(stderr, "wasmaotc: error: %s\n", error.c_str());
    return 2;
  }
  return 0;
}

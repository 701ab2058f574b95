// wasmaot-ir: parses a textual IR file, verifies it and prints it back, or
// compiles it with a back end and prints the assembly (for lit tests).
#include "codegen/Backend.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

void usage(FILE *out) {
  std::fputs("usage: wasmaot-ir FILE.ir [--verify-only] [--no-verify] [--emit-asm] [--target=T]\n"
             "                 [--features=F1,F2,...]\n"
             "\n"
             "Parses textual wasmaot IR (docs/ir.md), runs the IR verifier and prints\n"
             "the module in canonical form on stdout.\n"
             "\n"
             "  --verify-only  parse and verify, print nothing on success\n"
             "  --no-verify    parse and print without running the verifier\n"
             "  --emit-asm     compile every function with the back end and print its\n"
             "                 assembly instead (one `func @name:` section per function)\n"
             "  --target=T     the back end for --emit-asm (default x86_64)\n"
             "  --features=L   CPU features for --emit-asm, comma-separated (default: none,\n"
             "                 i.e. the baseline ISA; x86-64: popcnt,lzcnt,bmi1,sse4.1,...)\n"
             "  -              read from stdin\n"
             "  --help         show this message\n"
             "\n"
             "Exit status: 0 on success, 1 on a parse or verifier error (reported on\n"
             "stderr as FILE:LINE:COL: error: MESSAGE), 2 on a usage error.\n",
             out);
}

} // namespace

int main(int argc, char **argv) {
  const char *path = nullptr;
  bool verifyOnly = false, verify = true, emitAsm = false;
  std::string target = "x86_64";
  std::vector<std::string> features;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
      usage(stdout);
      return 0;
    }
    if (!std::strcmp(argv[i], "--verify-only")) {
      verifyOnly = true;
    } else if (!std::strcmp(argv[i], "--no-verify")) {
      verify = false;
    } else if (!std::strcmp(argv[i], "--emit-asm")) {
      emitAsm = true;
    } else if (!std::strncmp(argv[i], "--target=", 9)) {
      target = argv[i] + 9;
    } else if (!std::strncmp(argv[i], "--features=", 11)) {
      std::string list = argv[i] + 11;
      size_t start = 0;
      while (start <= list.size()) {
        size_t comma = list.find(',', start);
        std::string f = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!f.empty()) features.push_back(f);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      std::fprintf(stderr, "wasmaot-ir: unknown option '%s'\n", argv[i]);
      usage(stderr);
      return 2;
    } else if (path) {
      std::fprintf(stderr, "wasmaot-ir: more than one input file\n");
      return 2;
    } else {
      path = argv[i];
    }
  }
  if (!path) {
    usage(stderr);
    return 2;
  }

  std::string text;
  if (!std::strcmp(path, "-")) {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    text = ss.str();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "%s: error: cannot open file\n", path);
      return 1;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }

  wasmaot::ir::Error err;
  auto module = wasmaot::ir::parseModule(text, err);
  if (!module) {
    std::fprintf(stderr, "%s\n", err.str(path).c_str());
    return 1;
  }
  if (verify) {
    std::vector<std::string> errors;
    if (!wasmaot::ir::verifyModule(*module, errors)) {
      for (const std::string &e : errors) std::fprintf(stderr, "%s: error: %s\n", path, e.c_str());
      return 1;
    }
  }
  if (emitAsm) {
    const wasmaot::codegen::Backend *backend = wasmaot::codegen::findBackend(target);
    if (!backend) {
      std::fprintf(stderr, "wasmaot-ir: unknown target '%s' (available: %s)\n", target.c_str(),
                   wasmaot::codegen::backendNames().c_str());
      return 2;
    }
    wasmaot::codegen::CodegenOptions options;
    options.features = features;
    options.emitAsm = true;
    auto layout = wasmaot::codegen::VMContextLayout::forCounts(
        uint32_t(module->memories.size()), uint32_t(module->globals.size()), uint32_t(module->tables.size()));
    std::string out;
    for (uint32_t i = 0; i < module->functions.size(); ++i) {
      const auto &fn = *module->functions[i];
      if (fn.isDeclaration()) continue;
      wasmaot::codegen::CompiledFunction compiled;
      std::string error;
      if (!backend->compileFunction(*module, i, layout, options, compiled, error)) {
        std::fprintf(stderr, "%s: error: function @%s: %s\n", path, fn.name().c_str(), error.c_str());
        return 1;
      }
      out += "func @" + fn.name() + ":\n" + compiled.asmText;
    }
    std::fputs(out.c_str(), stdout);
    return 0;
  }
  if (!verifyOnly) std::fputs(wasmaot::ir::printModule(*module).c_str(), stdout);
  return 0;
}

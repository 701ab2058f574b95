// wasmaot-ir: parses a textual IR file, verifies it and prints it back (for lit tests).
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
  std::fputs("usage: wasmaot-ir FILE.ir [--verify-only] [--no-verify]\n"
             "\n"
             "Parses textual wasmaot IR (docs/ir.md), runs the IR verifier and prints\n"
             "the module in canonical form on stdout.\n"
             "\n"
             "  --verify-only  parse and verify, print nothing on success\n"
             "  --no-verify    parse and print without running the verifier\n"
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
  bool verifyOnly = false, verify = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h")) {
      usage(stdout);
      return 0;
    }
    if (!std::strcmp(argv[i], "--verify-only")) {
      verifyOnly = true;
    } else if (!std::strcmp(argv[i], "--no-verify")) {
      verify = false;
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
  if (!verifyOnly) std::fputs(wasmaot::ir::printModule(*module).c_str(), stdout);
  return 0;
}

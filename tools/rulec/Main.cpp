// wasmaot-rulec: the instruction-selection rule compiler (docs/rules.md). Reads a
// prelude and rule files, checks them (syntax, types, overlap) and writes C++
// matchers or the semantics for the verifier. Depends on the standard library only.
#include "RuleSet.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

void usage(FILE *out) {
  std::fputs(
      "usage: wasmaot-rulec [MODE] [OPTIONS] PRELUDE [RULES...]\n"
      "\n"
      "Compiles instruction-selection rules (docs/rules.md) into C++ matchers.\n"
      "Files are read in order; declarations may appear in any of them.\n"
      "\n"
      "modes (one; default --check):\n"
      "  --check            parse, type-check and check priorities/overlap; print nothing\n"
      "  --emit-cpp         write the matcher header and source\n"
      "  --emit-semantics   write declarations, semantics and rules as JSON (for the verifier)\n"
      "\n"
      "options:\n"
      "  -o FILE            output file. --emit-cpp: FILE is the .cpp and the header is\n"
      "                     FILE with its extension replaced by .h. Without -o, output goes\n"
      "                     to stdout (--emit-cpp: the header, then the source)\n"
      "  --name NAME        generated names: NAMEContext, NAMERule (default: Rules)\n"
      "  --namespace NS     C++ namespace of the generated code (default: wasmaot::rules)\n"
      "  --time             print the time taken on stderr\n"
      "  --help             show this message\n"
      "\n"
      "Exit status: 0 on success, 1 on errors in the rules (reported on stderr as\n"
      "FILE:LINE:COL: error: MESSAGE), 2 on a usage or I/O error.\n",
      out);
}

bool readFile(const std::string &path, std::string &out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

/// Writes `text` to `path` unless it already holds exactly that (keeps timestamps
/// stable so the build does not recompile unchanged generated files).
bool writeFile(const std::string &path, const std::string &text) {
  std::string old;
  if (readFile(path, old) && old == text) return true;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out << text;
  return static_cast<bool>(out.flush());
}

std::string baseName(const std::string &path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

int main(int argc, char **argv) {
  enum class Mode { Check, Cpp, Semantics } mode = Mode::Check;
  std::string outPath;
  rulec::EmitOptions opts;
  bool timing = false;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char *opt) -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "wasmaot-rulec: %s needs a value\n", opt);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      usage(stdout);
      return 0;
    } else if (a == "--check") {
      mode = Mode::Check;
    } else if (a == "--emit-cpp") {
      mode = Mode::Cpp;
    } else if (a == "--emit-semantics") {
      mode = Mode::Semantics;
    } else if (a == "-o") {
      outPath = value("-o");
    } else if (a == "--name") {
      opts.name = value("--name");
    } else if (a == "--namespace") {
      opts.ns = value("--namespace");
    } else if (a == "--time") {
      timing = true;
    } else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "wasmaot-rulec: unknown option '%s' (see --help)\n", a.c_str());
      return 2;
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) {
    usage(stderr);
    return 2;
  }
  auto start = std::chrono::steady_clock::now();

  rulec::Diag diag;
  rulec::RuleSet rs;
  bool ok = true;
  for (auto &path : inputs) {
    std::string text;
    if (!readFile(path, text)) {
      std::fprintf(stderr, "wasmaot-rulec: cannot read '%s'\n", path.c_str());
      return 2;
    }
    uint32_t file = diag.addFile(path);
    rs.forms.push_back(std::make_unique<std::vector<rulec::SExpr>>());
    ok = rulec::parseSExprs(text, file, diag, *rs.forms.back()) && ok;
  }
  ok = ok && rulec::buildRuleSet(rs, diag);
  ok = ok && rulec::checkOverlaps(rs, diag);
  std::cerr << diag.text();
  if (!ok) {
    std::fprintf(stderr, "wasmaot-rulec: %u error%s\n", diag.errorCount(),
                 diag.errorCount() == 1 ? "" : "s");
    return 1;
  }

  int status = 0;
  if (mode == Mode::Cpp) {
    opts.sources = inputs;
    std::string headerPath;
    if (!outPath.empty()) {
      size_t dot = outPath.find_last_of('.');
      size_t slash = outPath.find_last_of('/');
      headerPath = (dot == std::string::npos || (slash != std::string::npos && dot < slash)
                        ? outPath
                        : outPath.substr(0, dot)) +
                   ".h";
      opts.headerName = baseName(headerPath);
    } else {
      opts.headerName = opts.name + ".h";
    }
    std::string h, c;
    rulec::emitCpp(rs, opts, h, c);
    if (outPath.empty()) {
      std::cout << h << c;
    } else if (!writeFile(headerPath, h) || !writeFile(outPath, c)) {
      std::fprintf(stderr, "wasmaot-rulec: cannot write '%s'\n", outPath.c_str());
      status = 2;
    }
  } else if (mode == Mode::Semantics) {
    std::string json = rulec::emitSemantics(rs, diag);
    if (outPath.empty()) std::cout << json;
    else if (!writeFile(outPath, json)) {
      std::fprintf(stderr, "wasmaot-rulec: cannot write '%s'\n", outPath.c_str());
      status = 2;
    }
  }
  if (timing) {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    std::fprintf(stderr, "wasmaot-rulec: %zu rules, %zu terms in %lld us\n", rs.rules.size(),
                 rs.terms.size(), static_cast<long long>(us));
  }
  return status;
}

// wasmaot-verify: proves every instruction-selection rule with Z3
// (docs/verification.md). Prints one line per rule (and the counterexample of a
// failing one) and closes with `verify: N passed, N failed, N skipped`.
// Exit status 0 when nothing failed, 1 when a rule failed, 2 on usage errors.
#include "verify/Verifier.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

namespace {

void usage(FILE *out) {
  std::fputs("usage: wasmaot-verify [--isa=x64|aarch64|riscv64|mid|all] [--rule NAME] [--jobs N]\n"
             "                      [--cache DIR | --no-cache] [--timeout SECONDS] [--root DIR]\n"
             "                      [--verbose] [--program NAME FILE...] [--only-from FILE]\n"
             "\n"
             "Proves each rule of the ISA's rule programs equivalent to the IR it replaces, for\n"
             "every instantiation of its types and enumerations, or prints a counterexample.\n"
             "--program NAME FILE... verifies the given rule files instead (the prelude,\n"
             "machine.rules and semantics files must be listed; used by test/verify).\n"
             "The cache defaults to <build>/verify-cache.\n",
             out);
}

} // namespace

int main(int argc, char **argv) {
  std::string isa = "all", root = WASMAOT_SOURCE_ROOT;
  wasmaot::verify::VerifyOptions opt;
  opt.cacheDir = std::string(WASMAOT_BINARY_ROOT) + "/verify-cache";
  std::vector<wasmaot::verify::ProgramSpec> explicitPrograms;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char *name) -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "wasmaot-verify: %s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      usage(stdout);
      return 0;
    } else if (a.rfind("--isa=", 0) == 0) {
      isa = a.substr(6);
    } else if (a == "--isa") {
      isa = value("--isa");
    } else if (a == "--rule") {
      opt.rule = value("--rule");
    } else if (a.rfind("--rule=", 0) == 0) {
      opt.rule = a.substr(7);
    } else if (a == "--only-from") {
      opt.onlyFrom = value("--only-from");
    } else if (a == "--jobs") {
      opt.jobs = unsigned(std::stoul(value("--jobs")));
    } else if (a == "--cache") {
      opt.cacheDir = value("--cache");
    } else if (a == "--no-cache") {
      opt.cacheDir.clear();
    } else if (a == "--timeout") {
      opt.timeoutMs = unsigned(std::stod(value("--timeout")) * 1000);
    } else if (a == "--root") {
      root = value("--root");
    } else if (a == "--no-split") {
      opt.splitPaths = false;
    } else if (a == "--verbose" || a == "-v") {
      opt.verbose = true;
    } else if (a == "--program") {
      wasmaot::verify::ProgramSpec p{"x64", value("--program"), {}};
      while (i + 1 < argc && argv[i + 1][0] != '-')
        p.files.push_back(argv[++i]);
      // The ISA whose machine.rules the files include picks the IR type universe.
      for (const std::string &f : p.files)
        for (const char *isaName : {"aarch64", "riscv64"})
          if (f.find(std::string("/isa/") + isaName + "/") != std::string::npos)
            p.isa = isaName;
      // Mid-end rules (passes/rules/) compare IR with IR.
      for (const std::string &f : p.files)
        if (f.find("passes/rules/") != std::string::npos)
          p.isa = "mid";
      explicitPrograms.push_back(p);
    } else {
      std::fprintf(stderr, "wasmaot-verify: unknown argument '%s' (see --help)\n", a.c_str());
      return 2;
    }
  }
  static const char *kIsas[] = {"x64", "aarch64", "riscv64", "mid", "all"};
  bool known = false;
  for (const char *k : kIsas)
    known = known || isa == k;
  if (!known) {
    std::fprintf(stderr, "wasmaot-verify: unknown ISA '%s'\n", isa.c_str());
    return 2;
  }
  opt.checkUnattached = explicitPrograms.empty();
  auto programs = explicitPrograms.empty() ? wasmaot::verify::programsFor(isa, root) : explicitPrograms;
  if (programs.empty())
    std::printf("verify: ISA '%s' has no rule programs yet\n", isa.c_str());
  auto start = std::chrono::steady_clock::now();
  using Status = wasmaot::verify::RuleResult::Status;
  auto report = wasmaot::verify::verifyPrograms(programs, opt, [&](const wasmaot::verify::RuleResult &r) {
    const char *tag = r.status == Status::Passed ? "PASS" : r.status == Status::Failed ? "FAIL" : "SKIP";
    std::printf("%s %s %s (%u instantiation%s, %u path%s%s, %.2fs)\n", tag, r.program.c_str(), r.rule.c_str(),
                r.instantiations, r.instantiations == 1 ? "" : "s", r.paths, r.paths == 1 ? "" : "s",
                r.cached == r.instantiations && r.cached ? ", cached" : "", r.seconds);
    for (auto &l : r.log)
      std::printf("%s\n", l.c_str());
    if (!r.detail.empty())
      std::printf("  at %s\n%s", r.loc.c_str(), r.detail.c_str());
    std::fflush(stdout);
  });
  if (!report.error.empty()) {
    std::fprintf(stderr, "%s", report.error.c_str());
    std::printf("verify: 0 passed, 1 failed, 0 skipped\n");
    return 1;
  }
  unsigned passed = 0, failed = 0, skipped = 0;
  std::map<std::string, std::array<unsigned, 5>> perProgram; // rules, instantiations, passed, failed, paths
  for (auto &r : report.results) {
    auto &c = perProgram[r.program];
    c[0]++, c[1] += r.instantiations, c[4] += r.paths;
    if (r.status == Status::Passed)
      ++passed, c[2]++;
    else if (r.status == Status::Failed)
      ++failed, c[3]++;
    else
      ++skipped;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (auto &[name, c] : perProgram)
    std::printf("program %s: %u rules, %u instantiations (%u paths), %u passed, %u failed\n", name.c_str(), c[0], c[1], c[4], c[2],
                c[3]);
  std::printf("time: %.1fs\n", secs);
  std::printf("verify: %u passed, %u failed, %u skipped\n", passed, failed, skipped);
  return failed ? 1 : 0;
}

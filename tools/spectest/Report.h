// Report: prints per-script results as they finish and the run's totals at the end.
#pragma once

#include "ScriptResult.h"

#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace wasmaot::spectest {

class Report {
public:
  explicit Report(bool verbose, std::FILE *out = stdout) : verbose_(verbose), out_(out) {}

  /// Prints "PASS|FAIL|SKIP group/name.json: ..." and its failures, and adds it to the totals.
  void add(const ScriptResult &result);
  /// Prints per-group totals, skip reasons and the final line "spec: N passed, N failed, N skipped".
  void finish();

  bool anyFailure() const { return total_.failed != 0; }

private:
  struct Counts {
    uint64_t passed = 0, failed = 0, skipped = 0;
    uint64_t filesPassed = 0, filesFailed = 0, filesSkipped = 0;
  };

  bool verbose_;
  std::FILE *out_;
  Counts total_;
  std::vector<std::string> groupOrder_;
  std::map<std::string, Counts> groups_;
  std::map<std::string, uint64_t> skipReasons_;
  std::vector<std::string> failedScripts_;
  uint64_t kindMismatches_ = 0;
};

} // namespace wasmaot::spectest

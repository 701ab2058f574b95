// ScriptResult: the outcome of running one testsuite script (.json): counts, failures, skips.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace wasmaot::spectest {

struct CommandFailure {
  /// "core-3.0/i32.wast:37" (the .wast line of the command), or the script itself for
  /// problems with the file as a whole.
  std::string location;
  /// The command type ("assert_invalid"), or "script" for file-level problems.
  std::string command;
  std::string message;
};

struct ScriptResult {
  /// "core-3.0/i32.json"
  std::string name;
  /// The group (folder) the script belongs to.
  std::string group;
  uint64_t passed = 0;
  uint64_t failed = 0;
  uint64_t skipped = 0;
  std::vector<CommandFailure> failures;
  std::map<std::string, uint64_t> skipReasons;
  /// Rejections whose diagnostic kind (malformed vs invalid) differs from the assertion's.
  uint64_t kindMismatches = 0;
  /// Per-command log lines, filled only with --verbose.
  std::vector<std::string> notes;

  void pass() { ++passed; }
  void skip(const std::string &reason) {
    ++skipped;
    ++skipReasons[reason];
  }
  void fail(std::string location, std::string command, std::string message) {
    ++failed;
    failures.push_back({std::move(location), std::move(command), std::move(message)});
  }
};

} // namespace wasmaot::spectest

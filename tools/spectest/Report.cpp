// Report: the runner's output format (one line per script, failures with .wast lines, totals).
#include "Report.h"

#include <cinttypes>

namespace wasmaot::spectest {

namespace {

// A script with no failures and nothing run (all commands skipped) is SKIP, not PASS.
const char *status(const ScriptResult &r) {
  if (r.failed) return "FAIL";
  if (!r.passed && r.skipped) return "SKIP";
  return "PASS";
}

} // namespace

void Report::add(const ScriptResult &r) {
  std::fprintf(out_, "%s %s: %" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped\n", status(r),
               r.name.c_str(), r.passed, r.failed, r.skipped);
  for (const CommandFailure &f : r.failures)
    std::fprintf(out_, "  %s: %s: %s\n", f.location.c_str(), f.command.c_str(), f.message.c_str());
  if (verbose_)
    for (const std::string &note : r.notes) std::fprintf(out_, "    %s\n", note.c_str());
  std::fflush(out_);

  if (!groups_.count(r.group)) groupOrder_.push_back(r.group);
  Counts &g = groups_[r.group];
  for (Counts *c : {&g, &total_}) {
    c->passed += r.passed;
    c->failed += r.failed;
    c->skipped += r.skipped;
    if (r.failed) ++c->filesFailed;
    else if (!r.passed && r.skipped) ++c->filesSkipped;
    else ++c->filesPassed;
  }
  for (const auto &[reason, count] : r.skipReasons) skipReasons_[reason] += count;
  if (r.failed) failedScripts_.push_back(r.name);
  kindMismatches_ += r.kindMismatches;
}

void Report::finish() {
  std::fprintf(out_, "\nby group (commands passed/failed/skipped; scripts pass/fail/skip):\n");
  for (const std::string &name : groupOrder_) {
    const Counts &g = groups_[name];
    std::fprintf(out_,
                 "  %-20s %7" PRIu64 " passed %6" PRIu64 " failed %7" PRIu64 " skipped   scripts: %" PRIu64
                 " pass, %" PRIu64 " fail, %" PRIu64 " skip\n",
                 name.empty() ? "(none)" : name.c_str(), g.passed, g.failed, g.skipped, g.filesPassed,
                 g.filesFailed, g.filesSkipped);
  }
  if (!skipReasons_.empty()) {
    std::fprintf(out_, "skipped by reason:\n");
    for (const auto &[reason, count] : skipReasons_)
      std::fprintf(out_, "  %7" PRIu64 "  %s\n", count, reason.c_str());
  }
  if (kindMismatches_)
    std::fprintf(out_,
                 "rejections with the other diagnostic kind (malformed vs invalid; passed, -v lists "
                 "them): %" PRIu64 "\n",
                 kindMismatches_);
  if (!failedScripts_.empty()) {
    std::fprintf(out_, "failing scripts (%zu):\n", failedScripts_.size());
    for (const std::string &name : failedScripts_) std::fprintf(out_, "  %s\n", name.c_str());
  }
  std::fprintf(out_, "spec: %" PRIu64 " passed, %" PRIu64 " failed, %" PRIu64 " skipped\n", total_.passed,
               total_.failed, total_.skipped);
  std::fflush(out_);
}

} // namespace wasmaot::spectest

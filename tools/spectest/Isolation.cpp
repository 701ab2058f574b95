// Isolation: fork + a pipe carrying the child's ScriptResult in a simple
// length-prefixed encoding.
#include "Isolation.h"

#include "ScriptRunner.h"

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <string>

namespace wasmaot::spectest {

namespace {

void putU64(std::string &out, uint64_t v) { out.append(reinterpret_cast<const char *>(&v), 8); }
void putStr(std::string &out, const std::string &s) {
  putU64(out, s.size());
  out += s;
}

struct In {
  const std::string &s;
  size_t at = 0;
  bool ok = true;
  uint64_t u64() {
    uint64_t v = 0;
    if (at + 8 > s.size()) {
      ok = false;
      return 0;
    }
    std::memcpy(&v, s.data() + at, 8);
    at += 8;
    return v;
  }
  std::string str() {
    const uint64_t n = u64();
    if (!ok || n > s.size() - at) {
      ok = false;
      return {};
    }
    std::string r = s.substr(at, n);
    at += n;
    return r;
  }
};

std::string encode(const ScriptResult &r) {
  std::string out;
  putStr(out, r.name);
  putStr(out, r.group);
  putU64(out, r.passed);
  putU64(out, r.failed);
  putU64(out, r.skipped);
  putU64(out, r.kindMismatches);
  putU64(out, r.failures.size());
  for (const CommandFailure &f : r.failures) {
    putStr(out, f.location);
    putStr(out, f.command);
    putStr(out, f.message);
  }
  putU64(out, r.skipReasons.size());
  for (const auto &[reason, count] : r.skipReasons) {
    putStr(out, reason);
    putU64(out, count);
  }
  putU64(out, r.notes.size());
  for (const std::string &n : r.notes) putStr(out, n);
  return out;
}

bool decode(const std::string &bytes, ScriptResult &r) {
  In in{bytes};
  r.name = in.str();
  r.group = in.str();
  r.passed = in.u64();
  r.failed = in.u64();
  r.skipped = in.u64();
  r.kindMismatches = in.u64();
  for (uint64_t i = 0, n = in.u64(); in.ok && i < n; ++i) {
    CommandFailure f;
    f.location = in.str();
    f.command = in.str();
    f.message = in.str();
    r.failures.push_back(std::move(f));
  }
  for (uint64_t i = 0, n = in.u64(); in.ok && i < n; ++i) {
    std::string reason = in.str();
    r.skipReasons[reason] = in.u64();
  }
  for (uint64_t i = 0, n = in.u64(); in.ok && i < n; ++i) r.notes.push_back(in.str());
  return in.ok && in.at == bytes.size();
}

bool writeAll(int fd, const std::string &s) {
  size_t done = 0;
  while (done < s.size()) {
    const ssize_t n = write(fd, s.data() + done, s.size() - done);
    if (n <= 0) return false;
    done += size_t(n);
  }
  return true;
}

} // namespace

ScriptResult runScriptIsolated(const std::filesystem::path &path, const RunOptions &options) {
  ScriptResult crashed;
  crashed.group = path.parent_path().filename().string();
  crashed.name = crashed.group.empty() ? path.filename().string() : crashed.group + "/" + path.filename().string();
  int fds[2];
  if (pipe(fds) != 0) return runScript(path, options);
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return runScript(path, options);
  }
  if (pid == 0) {
    close(fds[0]);
    const bool ok = writeAll(fds[1], encode(runScript(path, options)));
    _exit(ok ? 0 : 3);
  }
  close(fds[1]);
  std::string bytes;
  char buf[65536];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    bytes.append(buf, size_t(n));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  ScriptResult result;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && decode(bytes, result)) return result;
  const std::string how = WIFSIGNALED(status) ? std::string("crashed with signal ") + strsignal(WTERMSIG(status))
                                              : "exited with status " + std::to_string(WEXITSTATUS(status));
  crashed.fail(crashed.name, "script", how + " (a fault outside any trap site: a compiler or runtime bug)");
  return crashed;
}

} // namespace wasmaot::spectest

// PathResolver: the component-by-component walk (contract and rules in
// PathResolver.h; read the banner there before changing anything here).
#include "runtime/wasi/PathResolver.h"

#include "runtime/wasi/HostFile.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <vector>

#ifndef O_PATH
#define O_PATH O_RDONLY // only used to walk through directories
#endif

namespace wasmaot::wasi {

/// Appends the components of `path` to `out` in reverse order (so the next one
/// to walk is out.back()), dropping empty and "." components. Returns true if
/// the path ends in '/' or "/." (it then names a directory).
static bool pushComponentsReversed(std::string_view path, std::vector<std::string> &out) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos)
      end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (!part.empty() && part != ".")
      parts.push_back(part);
    start = end + 1;
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it)
    out.emplace_back(*it);
  return !path.empty() && (path.back() == '/' || path.ends_with("/.")) && !parts.empty();
}

/// Reads symlink `name` in `dirFd`.
static Errno readLink(int dirFd, const std::string &name, std::string &target) {
  char buf[kMaxPathLength];
  ssize_t n = readlinkat(dirFd, name.c_str(), buf, sizeof(buf));
  if (n < 0)
    return lastHostErrno();
  if (size_t(n) == sizeof(buf))
    return kNameTooLong;
  target.assign(buf, size_t(n));
  return kSuccess;
}

Errno resolveBeneath(int rootFd, std::string_view path, bool followLeaf, ResolvedPath &out) {
  if (path.empty())
    return kNoEnt;
  if (path.size() > kMaxPathLength)
    return kNameTooLong;
  if (path.find('\0') != std::string_view::npos)
    return kInval; // the host would silently cut the path there
  if (path.front() == '/')
    return kNotCapable;

  std::vector<std::string> pending; // components left to walk, next at back()
  out.mustBeDirectory = pushComponentsReversed(path, pending);
  std::vector<ScopedFd> walked;     // directories below the root; empty = at root
  auto current = [&] { return walked.empty() ? rootFd : walked.back().get(); };
  int symlinks = 0;
  std::string leaf = ".";

  while (!pending.empty()) {
    std::string name = std::move(pending.back());
    pending.pop_back();
    const bool isLast = pending.empty();
    if (name == "..") {
      if (walked.empty())
        return kNotCapable; // would climb above the root
      walked.pop_back();
      leaf = ".";
      continue;
    }
    if (isLast && !followLeaf && !out.mustBeDirectory) {
      leaf = std::move(name); // the caller acts on this name itself
      break;
    }
    struct stat st;
    if (fstatat(current(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (isLast && errno == ENOENT) {
        leaf = std::move(name); // may be about to be created
        break;
      }
      return lastHostErrno();
    }
    if (S_ISLNK(st.st_mode)) {
      if (++symlinks > kMaxSymlinks)
        return kLoop;
      std::string target;
      if (Errno e = readLink(current(), name, target))
        return e;
      if (target.empty())
        return kNoEnt;
      if (target.front() == '/')
        return kNotCapable; // absolute symlinks point outside by definition
      pushComponentsReversed(target, pending);
      leaf = "."; // a link to "." (or to "a/..") ends in the current directory
      continue;
    }
    if (isLast) {
      leaf = std::move(name);
      break;
    }
    if (!S_ISDIR(st.st_mode))
      return kNotDir;
    // O_NOFOLLOW: if `name` became a symlink since fstatat, this fails (ELOOP).
    int fd = openat(current(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
      return lastHostErrno();
    walked.emplace_back(fd);
    leaf = ".";
  }

  out.leaf = std::move(leaf);
  if (walked.empty()) {
    out.dirFd = rootFd;
  } else {
    out.owned = std::move(walked.back());
    out.dirFd = out.owned.get();
  }
  return kSuccess;
}

} // namespace wasmaot::wasi

// PathResolver: resolving a guest path beneath a preopened directory.
//
// ========================================================================
// SUBTLE (sandboxing): this is the only place a guest path becomes a host
// path, and the guarantee is that it never names anything outside the
// directory it is resolved beneath (the "root", a preopen or a directory
// opened from one):
//   - absolute paths are refused (ENOTCAPABLE);
//   - the walk is done by us, one component at a time, from the root: each
//     directory is opened with openat(O_NOFOLLOW | O_DIRECTORY) relative to
//     the previous one, so the kernel never resolves more than one name and
//     never follows a symlink on its own;
//   - `..` pops the stack of directories we opened; at the root it is
//     refused (ENOTCAPABLE). Because the stack holds the directories we
//     actually walked through (symlinks expanded), `a/..` where `a` is a
//     symlink goes back to where the link pointed, as on POSIX;
//   - a symlink met on the way (or as the last component, when the caller
//     follows it) is read with readlinkat and its target spliced into the
//     remaining components: an absolute target is refused, a relative one is
//     walked under the same rules, at most kMaxSymlinks times (ELOOP);
//   - the result is a directory fd and one plain name (never `..`, never
//     containing '/'); callers apply the final *at() call to that pair with
//     AT_SYMLINK_NOFOLLOW / O_NOFOLLOW, so if the name was swapped for a
//     symlink after we looked, the call fails instead of following it.
// The walk works on any POSIX kernel (no openat2/RESOLVE_BENEATH needed).
// Not covered: the host itself moving a directory out of the tree while the
// guest has it open (the guest then works inside it wherever it went).
// ========================================================================
#pragma once

#include "runtime/wasi/WasiTypes.h"

#include <string>
#include <string_view>
#include <unistd.h>

namespace wasmaot::wasi {

/// Longest guest path accepted (bytes); longer is ENAMETOOLONG.
inline constexpr size_t kMaxPathLength = 4096;
/// Symlinks followed during one resolution before ELOOP (Linux uses 40).
inline constexpr int kMaxSymlinks = 40;

/// An owned host fd, closed on destruction.
class ScopedFd {
public:
  ScopedFd() = default;
  explicit ScopedFd(int fd) : fd_(fd) {}
  ScopedFd(ScopedFd &&o) noexcept : fd_(o.release()) {}
  ScopedFd &operator=(ScopedFd &&o) noexcept {
    reset(o.release());
    return *this;
  }
  ~ScopedFd() { reset(); }
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset(int fd = -1) {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = fd;
  }

private:
  int fd_ = -1;
};

/// Where a guest path ends up: apply *at(dirFd, leaf.c_str(), ...NOFOLLOW).
struct ResolvedPath {
  int dirFd = -1;      ///< the root or `owned`
  ScopedFd owned;      ///< set when dirFd is a directory below the root
  std::string leaf;    ///< one name, or "." for dirFd itself
  bool mustBeDirectory = false; ///< the path ended in '/' or "/."
};

/// Resolves `path` beneath directory `rootFd`. Symlinks in the middle are
/// always followed (within the root); the last component only if `followLeaf`
/// or the path ends in '/'. A missing last component is not an error (it may
/// be about to be created); a missing directory on the way is ENOENT.
Errno resolveBeneath(int rootFd, std::string_view path, bool followLeaf, ResolvedPath &out);

} // namespace wasmaot::wasi

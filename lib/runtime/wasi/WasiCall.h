// WasiCall: what every host function does first: find its WasiContext and
// the caller's memory, look up a guest fd and check its rights, read iovec
// arrays out of guest memory (bounds-checked, see GuestMemory.h).
#pragma once

#include "runtime/HostCall.h"
#include "runtime/wasi/GuestMemory.h"
#include "runtime/wasi/PathResolver.h"
#include "runtime/wasi/WasiContext.h"

#include <cassert>
#include <string>
#include <sys/uio.h>
#include <vector>

namespace wasmaot::wasi {

inline WasiContext &wasiOf(runtime::HostCallContext *ctx) {
  assert(ctx && ctx->userData && "a WASI host function needs its WasiContext in userData");
  return *static_cast<WasiContext *>(ctx->userData);
}

/// The entry of guest fd `fd` if it is open (EBADF) and has all of `needed`
/// among its base rights (ENOTCAPABLE).
inline Errno lookupFd(runtime::HostCallContext *ctx, uint32_t fd, uint64_t needed,
                      FdEntry *&out) {
  out = wasiOf(ctx).fds.get(fd);
  if (!out)
    return kBadf;
  if ((out->rightsBase & needed) != needed)
    return kNotCapable;
  return kSuccess;
}

/// Most iovecs passed to one host readv/writev; a longer list is a short
/// read/write, which WASI (like POSIX) allows.
inline constexpr uint32_t kMaxIovecs = 1024;

/// Reads the guest iovec array at `iovs` (`count` entries) into host iovecs
/// pointing into guest memory; EFAULT if the array or any buffer is out of range.
Errno loadIovecs(const GuestMemory &mem, uint32_t iovs, uint32_t count,
                 std::vector<struct iovec> &out);

/// Copies the guest string [ptr, ptr + len) out (EFAULT if out of range).
Errno loadString(const GuestMemory &mem, uint32_t ptr, uint32_t len, std::string &out);

/// The common start of a path_* function: guest fd `dirFd` must be an open
/// directory (EBADF, ENOTDIR) with rights `needed` (ENOTCAPABLE); the path
/// [path, path + pathLen) is read from guest memory (EFAULT) and resolved
/// beneath it (PathResolver.h).
Errno resolveGuestPath(runtime::HostCallContext *ctx, uint32_t dirFd, uint64_t needed,
                       uint32_t path, uint32_t pathLen, bool followLeaf, ResolvedPath &out);

} // namespace wasmaot::wasi

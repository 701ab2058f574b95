// FdIo: reading, writing and positioning guest fds. Data moves straight
// between the host fd and guest memory (readv/writev on iovecs that point
// into it, checked by loadIovecs).
#include "runtime/wasi/HostFile.h"
#include "runtime/wasi/HostFunctions.h"
#include "runtime/wasi/WasiCall.h"

#include <cerrno>
#include <cstdint>
#include <unistd.h>

namespace wasmaot::wasi {

/// Runs `io` (a readv-like call returning ssize_t), retrying on EINTR, and
/// stores the byte count at `countOut`.
template <class Io>
static u32 transfer(Ctx *ctx, u32 fd, uint64_t needed, u32 iovs, u32 iovsLen, u32 countOut,
                    Io io) {
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, needed, e))
    return err;
  GuestMemory mem(ctx);
  if (!mem.contains(countOut, 4))
    return kFault;
  std::vector<struct iovec> host;
  if (Errno err = loadIovecs(mem, iovs, iovsLen, host))
    return err;
  ssize_t n;
  do
    n = io(e->hostFd, host.data(), int(host.size()));
  while (n < 0 && errno == EINTR);
  if (n < 0)
    return lastHostErrno();
  mem.store<uint32_t>(countOut, uint32_t(n));
  return kSuccess;
}

u32 fd_read(Ctx *ctx, u32 fd, u32 iovs, u32 iovsLen, u32 nreadOut) {
  return transfer(ctx, fd, rights::FdRead, iovs, iovsLen, nreadOut, ::readv);
}

u32 fd_write(Ctx *ctx, u32 fd, u32 iovs, u32 iovsLen, u32 nwrittenOut) {
  return transfer(ctx, fd, rights::FdWrite, iovs, iovsLen, nwrittenOut, ::writev);
}

u32 fd_pread(Ctx *ctx, u32 fd, u32 iovs, u32 iovsLen, u64 offset, u32 nreadOut) {
  if (offset > uint64_t(INT64_MAX))
    return kInval;
  return transfer(ctx, fd, rights::FdRead | rights::FdSeek, iovs, iovsLen, nreadOut,
                  [offset](int hostFd, const struct iovec *iov, int n) {
                    return ::preadv(hostFd, iov, n, off_t(offset));
                  });
}

u32 fd_pwrite(Ctx *ctx, u32 fd, u32 iovs, u32 iovsLen, u64 offset, u32 nwrittenOut) {
  if (offset > uint64_t(INT64_MAX))
    return kInval;
  return transfer(ctx, fd, rights::FdWrite | rights::FdSeek, iovs, iovsLen, nwrittenOut,
                  [offset](int hostFd, const struct iovec *iov, int n) {
                    return ::pwritev(hostFd, iov, n, off_t(offset));
                  });
}

/// Streams (ttys, pipes, sockets) cannot seek: ESPIPE as on POSIX, rather than
/// the ENOTCAPABLE their missing FdSeek right would give.
static bool isStream(const FdEntry &e) {
  return e.type != kFileRegular && e.type != kFileBlockDevice && e.type != kFileDirectory;
}

u32 fd_seek(Ctx *ctx, u32 fd, u64 offset, u32 whence, u32 newOffsetOut) {
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, 0, e))
    return err;
  if (isStream(*e))
    return kSpipe;
  // Asking where we are needs only FdTell (wasi-libc's ftell uses fd_seek).
  const bool tellOnly = whence == kWhenceCur && offset == 0;
  const uint64_t needed = tellOnly ? rights::FdTell : rights::FdSeek;
  if ((e->rightsBase & needed) != needed)
    return kNotCapable;
  int hostWhence;
  switch (whence) {
  case kWhenceSet: hostWhence = SEEK_SET; break;
  case kWhenceCur: hostWhence = SEEK_CUR; break;
  case kWhenceEnd: hostWhence = SEEK_END; break;
  default: return kInval;
  }
  GuestMemory mem(ctx);
  if (!mem.contains(newOffsetOut, 8))
    return kFault;
  off_t pos = ::lseek(e->hostFd, off_t(int64_t(offset)), hostWhence);
  if (pos < 0)
    return lastHostErrno();
  mem.store<uint64_t>(newOffsetOut, uint64_t(pos));
  return kSuccess;
}

u32 fd_tell(Ctx *ctx, u32 fd, u32 offsetOut) {
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, 0, e))
    return err;
  if (isStream(*e))
    return kSpipe;
  if (!(e->rightsBase & rights::FdTell))
    return kNotCapable;
  GuestMemory mem(ctx);
  if (!mem.contains(offsetOut, 8))
    return kFault;
  off_t pos = ::lseek(e->hostFd, 0, SEEK_CUR);
  if (pos < 0)
    return lastHostErrno();
  mem.store<uint64_t>(offsetOut, uint64_t(pos));
  return kSuccess;
}

} // namespace wasmaot::wasi

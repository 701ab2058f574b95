// FdAttributes: closing, syncing, stat and flags of guest fds, renumbering,
// and the preopen queries wasi-libc makes at startup.
#include "runtime/wasi/HostFile.h"
#include "runtime/wasi/HostFunctions.h"
#include "runtime/wasi/WasiCall.h"

#include <fcntl.h>
#include <unistd.h>

namespace wasmaot::wasi {

u32 fd_close(Ctx *ctx, u32 fd) { return wasiOf(ctx).fds.close(fd) ? kSuccess : kBadf; }

u32 fd_sync(Ctx *ctx, u32 fd) {
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, rights::FdSync, e))
    return err;
  return ::fsync(e->hostFd) == 0 ? kSuccess : lastHostErrno();
}

u32 fd_datasync(Ctx *ctx, u32 fd) {
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, rights::FdDatasync, e))
    return err;
  return ::fdatasync(e->hostFd) == 0 ? kSuccess : lastHostErrno();
}

u32 fd_fdstat_get(Ctx *ctx, u32 fd, u32 fdstatOut) {
  using namespace layout;
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, 0, e))
    return err;
  GuestMemory mem(ctx);
  if (!mem.contains(fdstatOut, kFdstatSize))
    return kFault;
  int fl = ::fcntl(e->hostFd, F_GETFL);
  if (fl < 0)
    return lastHostErrno();
  uint16_t flags = 0;
  if (fl & O_APPEND)
    flags |= kFdflagAppend;
  if (fl & O_NONBLOCK)
    flags |= kFdflagNonblock;
  if ((fl & O_SYNC) == O_SYNC) // O_SYNC includes the O_DSYNC bit on Linux
    flags |= kFdflagSync;
  else if (fl & O_DSYNC)
    flags |= kFdflagDsync;
#if defined(O_RSYNC) && O_RSYNC != O_SYNC
  if (fl & O_RSYNC)
    flags |= kFdflagRsync;
#endif
  std::memset(mem.at(fdstatOut), 0, kFdstatSize);
  mem.store<uint8_t>(fdstatOut + kFdstatFiletype, e->type);
  mem.store<uint16_t>(fdstatOut + kFdstatFlags, flags);
  mem.store<uint64_t>(fdstatOut + kFdstatRightsBase, e->rightsBase);
  mem.store<uint64_t>(fdstatOut + kFdstatRightsInheriting, e->rightsInheriting);
  return kSuccess;
}

u32 fd_fdstat_set_flags(Ctx *ctx, u32 fd, u32 fdflags) {
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, rights::FdFdstatSetFlags, e))
    return err;
  if (fdflags & ~uint32_t(kFdflagAppend | kFdflagDsync | kFdflagNonblock | kFdflagRsync |
                          kFdflagSync))
    return kInval;
  if (fdflags & (kFdflagDsync | kFdflagRsync | kFdflagSync))
    return kNotSup; // Linux cannot change the sync mode of an open file
  int fl = ::fcntl(e->hostFd, F_GETFL);
  if (fl < 0)
    return lastHostErrno();
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (fdflags & kFdflagAppend)
    fl |= O_APPEND;
  if (fdflags & kFdflagNonblock)
    fl |= O_NONBLOCK;
  return ::fcntl(e->hostFd, F_SETFL, fl) == 0 ? kSuccess : lastHostErrno();
}

u32 fd_fdstat_set_rights(Ctx *ctx, u32 fd, u64 rightsBase, u64 rightsInheriting) {
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, 0, e))
    return err;
  // Rights can only be dropped, never gained.
  if ((rightsBase & ~e->rightsBase) || (rightsInheriting & ~e->rightsInheriting))
    return kNotCapable;
  e->rightsBase = rightsBase;
  e->rightsInheriting = rightsInheriting;
  return kSuccess;
}

u32 fd_filestat_get(Ctx *ctx, u32 fd, u32 filestatOut) {
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, rights::FdFilestatGet, e))
    return err;
  GuestMemory mem(ctx);
  if (!mem.contains(filestatOut, layout::kFilestatSize))
    return kFault;
  struct stat st;
  if (::fstat(e->hostFd, &st) != 0)
    return lastHostErrno();
  storeFilestat(mem, filestatOut, st, e->hostFd);
  return kSuccess;
}

u32 fd_filestat_set_size(Ctx *ctx, u32 fd, u64 size) {
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, rights::FdFilestatSetSize, e))
    return err;
  if (size > uint64_t(INT64_MAX))
    return kInval;
  return ::ftruncate(e->hostFd, off_t(size)) == 0 ? kSuccess : lastHostErrno();
}

u32 fd_filestat_set_times(Ctx *ctx, u32 fd, u64 atim, u64 mtim, u32 fstflags) {
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, rights::FdFilestatSetTimes, e))
    return err;
  struct timespec times[2];
  if (Errno err = timesFor(atim, mtim, fstflags, times))
    return err;
  return ::futimens(e->hostFd, times) == 0 ? kSuccess : lastHostErrno();
}

u32 fd_advise(Ctx *ctx, u32 fd, u64 offset, u64 len, u32 advice) {
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, rights::FdAdvise, e))
    return err;
  int hostAdvice;
  switch (advice) {
  case kAdviceNormal: hostAdvice = POSIX_FADV_NORMAL; break;
  case kAdviceSequential: hostAdvice = POSIX_FADV_SEQUENTIAL; break;
  case kAdviceRandom: hostAdvice = POSIX_FADV_RANDOM; break;
  case kAdviceWillNeed: hostAdvice = POSIX_FADV_WILLNEED; break;
  case kAdviceDontNeed: hostAdvice = POSIX_FADV_DONTNEED; break;
  case kAdviceNoReuse: hostAdvice = POSIX_FADV_NOREUSE; break;
  default: return kInval;
  }
  if (offset > uint64_t(INT64_MAX) || len > uint64_t(INT64_MAX))
    return kInval;
  if (e->type == kFileDirectory)
    return kSuccess; // advice is only advice; Linux ignores it for directories too
  return fromHostErrno(::posix_fadvise(e->hostFd, off_t(offset), off_t(len), hostAdvice));
}

u32 fd_allocate(Ctx *ctx, u32 fd, u64 offset, u64 len) {
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, rights::FdAllocate, e))
    return err;
  if (offset > uint64_t(INT64_MAX) || len > uint64_t(INT64_MAX) - offset)
    return kInval;
  return fromHostErrno(::posix_fallocate(e->hostFd, off_t(offset), off_t(len)));
}

u32 fd_renumber(Ctx *ctx, u32 fd, u32 to) {
  return wasiOf(ctx).fds.renumber(fd, to) ? kSuccess : kBadf;
}

u32 fd_prestat_get(Ctx *ctx, u32 fd, u32 prestatOut) {
  using namespace layout;
  FdEntry *e = wasiOf(ctx).fds.get(fd);
  if (!e || !e->preopenName)
    return kBadf; // wasi-libc scans fds from 3 up to the first EBADF
  GuestMemory mem(ctx);
  if (!mem.contains(prestatOut, kPrestatSize))
    return kFault;
  std::memset(mem.at(prestatOut), 0, kPrestatSize);
  mem.store<uint8_t>(prestatOut + kPrestatTag, kPreopenDir);
  mem.store<uint32_t>(prestatOut + kPrestatNameLen, uint32_t(e->preopenName->size()));
  return kSuccess;
}

u32 fd_prestat_dir_name(Ctx *ctx, u32 fd, u32 path, u32 pathLen) {
  FdEntry *e = wasiOf(ctx).fds.get(fd);
  if (!e || !e->preopenName)
    return kBadf;
  const std::string &name = *e->preopenName;
  if (pathLen < name.size())
    return kNameTooLong;
  GuestMemory mem(ctx);
  if (!mem.contains(path, name.size()))
    return kFault;
  std::memcpy(mem.at(path), name.data(), name.size());
  return kSuccess;
}

} // namespace wasmaot::wasi

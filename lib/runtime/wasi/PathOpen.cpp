// PathOpen: path_open, the one way the guest gets new fds. The path is
// resolved beneath the directory fd (PathResolver.h); the file is opened with
// O_NOFOLLOW on the resolved (directory, name) pair, with an access mode
// derived from the rights the guest asks for, and gets those rights limited
// by what the directory may hand down and what the file type allows.
#include "runtime/wasi/HostFile.h"
#include "runtime/wasi/HostFunctions.h"
#include "runtime/wasi/WasiCall.h"

#include <fcntl.h>

namespace wasmaot::wasi {

/// O_RDONLY / O_WRONLY / O_RDWR for the requested rights (as POSIX open()
/// through wasi-libc asks for them: read-only drops every writing right).
static int accessModeFor(uint64_t rightsBase, uint32_t oflags, uint32_t fdflags) {
  using namespace rights;
  const bool read = rightsBase & (FdRead | FdReaddir);
  const bool write = (rightsBase & (FdWrite | FdDatasync | FdAllocate | FdFilestatSetSize)) ||
                     (oflags & kOflagTrunc) || (fdflags & kFdflagAppend);
  return read && write ? O_RDWR : write ? O_WRONLY : O_RDONLY;
}

u32 path_open(Ctx *ctx, u32 dirFd, u32 lookupFlags, u32 path, u32 pathLen, u32 oflags,
              u64 rightsBase, u64 rightsInheriting, u32 fdflags, u32 fdOut) {
  if (oflags & ~uint32_t(kOflagCreat | kOflagDirectory | kOflagExcl | kOflagTrunc))
    return kInval;
  if (fdflags & ~uint32_t(kFdflagAppend | kFdflagDsync | kFdflagNonblock | kFdflagRsync |
                          kFdflagSync))
    return kInval;
  if ((oflags & kOflagDirectory) && (oflags & (kOflagCreat | kOflagTrunc)))
    return kInval;
  if (!GuestMemory(ctx).contains(fdOut, 4))
    return kFault;
  uint64_t needed = rights::PathOpen;
  if (oflags & kOflagCreat)
    needed |= rights::PathCreateFile;
  if (oflags & kOflagTrunc)
    needed |= rights::PathFilestatSetSize;
  ResolvedPath r;
  if (Errno err = resolveGuestPath(ctx, dirFd, needed, path, pathLen,
                                   lookupFlags & kLookupSymlinkFollow, r))
    return err;

  // A directory is only ever opened for reading (its write rights are path
  // rights, used through *at() calls, not through the open mode).
  const bool directory = (oflags & kOflagDirectory) || r.mustBeDirectory;
  int flags = O_CLOEXEC | O_NOFOLLOW | O_NOCTTY |
              (directory ? O_RDONLY : accessModeFor(rightsBase, oflags, fdflags));
  if (oflags & kOflagCreat)
    flags |= O_CREAT;
  if (oflags & kOflagExcl)
    flags |= O_EXCL;
  if (oflags & kOflagTrunc)
    flags |= O_TRUNC;
  if (directory)
    flags |= O_DIRECTORY;
  if (fdflags & kFdflagAppend)
    flags |= O_APPEND;
  if (fdflags & kFdflagNonblock)
    flags |= O_NONBLOCK;
  if (fdflags & kFdflagDsync)
    flags |= O_DSYNC;
  if (fdflags & kFdflagSync)
    flags |= O_SYNC;
  if (fdflags & kFdflagRsync)
    flags |= O_RSYNC;
  ScopedFd fd(::openat(r.dirFd, r.leaf.c_str(), flags, 0666));
  if (fd.get() < 0)
    return lastHostErrno();
  struct stat st;
  if (::fstat(fd.get(), &st) != 0)
    return lastHostErrno();

  WasiContext &wasi = wasiOf(ctx);
  const uint64_t inheritable = wasi.fds.get(dirFd)->rightsInheriting;
  auto entry = std::make_unique<FdEntry>();
  entry->type = fileTypeOf(st, fd.get());
  entry->hostFd = fd.release();
  entry->rightsBase = rightsBase & inheritable & maxRightsFor(entry->type);
  entry->rightsInheriting = rightsInheriting & inheritable;
  GuestMemory(ctx).store<uint32_t>(fdOut, wasi.fds.insert(std::move(entry)));
  return kSuccess;
}

} // namespace wasmaot::wasi

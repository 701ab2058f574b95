// PathOps: the path_* functions other than path_open. Each resolves its
// path(s) beneath a directory fd (PathResolver.h) and applies one *at() call
// to the resulting (directory, name) pair, never following a symlink there.
#include "runtime/wasi/HostFile.h"
#include "runtime/wasi/HostFunctions.h"
#include "runtime/wasi/WasiCall.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wasmaot::wasi {

/// For a path that ended in '/': the name must be a directory.
static Errno checkDirectory(const ResolvedPath &r) {
  struct stat st;
  if (::fstatat(r.dirFd, r.leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
    return lastHostErrno();
  return S_ISDIR(st.st_mode) ? kSuccess : kNotDir;
}

u32 path_filestat_get(Ctx *ctx, u32 dirFd, u32 lookupFlags, u32 path, u32 pathLen,
                      u32 filestatOut) {
  GuestMemory mem(ctx);
  if (!mem.contains(filestatOut, layout::kFilestatSize))
    return kFault;
  ResolvedPath r;
  if (Errno err = resolveGuestPath(ctx, dirFd, rights::PathFilestatGet, path, pathLen,
                                   lookupFlags & kLookupSymlinkFollow, r))
    return err;
  struct stat st;
  if (::fstatat(r.dirFd, r.leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
    return lastHostErrno();
  if (r.mustBeDirectory && !S_ISDIR(st.st_mode))
    return kNotDir;
  storeFilestat(mem, filestatOut, st, -1);
  return kSuccess;
}

u32 path_filestat_set_times(Ctx *ctx, u32 dirFd, u32 lookupFlags, u32 path, u32 pathLen,
                            u64 atim, u64 mtim, u32 fstflags) {
  struct timespec times[2];
  if (Errno err = timesFor(atim, mtim, fstflags, times))
    return err;
  ResolvedPath r;
  if (Errno err = resolveGuestPath(ctx, dirFd, rights::PathFilestatSetTimes, path, pathLen,
                                   lookupFlags & kLookupSymlinkFollow, r))
    return err;
  return ::utimensat(r.dirFd, r.leaf.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0
             ? kSuccess
             : lastHostErrno();
}

u32 path_create_directory(Ctx *ctx, u32 dirFd, u32 path, u32 pathLen) {
  ResolvedPath r;
  if (Errno err =
          resolveGuestPath(ctx, dirFd, rights::PathCreateDirectory, path, pathLen, false, r))
    return err;
  return ::mkdirat(r.dirFd, r.leaf.c_str(), 0777) == 0 ? kSuccess : lastHostErrno();
}

u32 path_remove_directory(Ctx *ctx, u32 dirFd, u32 path, u32 pathLen) {
  ResolvedPath r;
  if (Errno err =
          resolveGuestPath(ctx, dirFd, rights::PathRemoveDirectory, path, pathLen, false, r))
    return err;
  return ::unlinkat(r.dirFd, r.leaf.c_str(), AT_REMOVEDIR) == 0 ? kSuccess : lastHostErrno();
}

u32 path_unlink_file(Ctx *ctx, u32 dirFd, u32 path, u32 pathLen) {
  ResolvedPath r;
  if (Errno err = resolveGuestPath(ctx, dirFd, rights::PathUnlinkFile, path, pathLen, false, r))
    return err;
  if (r.mustBeDirectory) // "file/" is not a file; "dir/" is a directory
    return checkDirectory(r) == kSuccess ? kIsDir : kNotDir;
  return ::unlinkat(r.dirFd, r.leaf.c_str(), 0) == 0 ? kSuccess : lastHostErrno();
}

u32 path_rename(Ctx *ctx, u32 oldDirFd, u32 oldPath, u32 oldPathLen, u32 newDirFd,
                u32 newPath, u32 newPathLen) {
  ResolvedPath from, to;
  if (Errno err = resolveGuestPath(ctx, oldDirFd, rights::PathRenameSource, oldPath,
                                   oldPathLen, false, from))
    return err;
  if (Errno err = resolveGuestPath(ctx, newDirFd, rights::PathRenameTarget, newPath,
                                   newPathLen, false, to))
    return err;
  if (from.mustBeDirectory)
    if (Errno err = checkDirectory(from))
      return err;
  return ::renameat(from.dirFd, from.leaf.c_str(), to.dirFd, to.leaf.c_str()) == 0
             ? kSuccess
             : lastHostErrno();
}

u32 path_link(Ctx *ctx, u32 oldDirFd, u32 oldLookupFlags, u32 oldPath, u32 oldPathLen,
              u32 newDirFd, u32 newPath, u32 newPathLen) {
  ResolvedPath from, to;
  if (Errno err = resolveGuestPath(ctx, oldDirFd, rights::PathLinkSource, oldPath, oldPathLen,
                                   oldLookupFlags & kLookupSymlinkFollow, from))
    return err;
  if (Errno err = resolveGuestPath(ctx, newDirFd, rights::PathLinkTarget, newPath, newPathLen,
                                   false, to))
    return err;
  // No AT_SYMLINK_FOLLOW: the resolver already followed what may be followed.
  return ::linkat(from.dirFd, from.leaf.c_str(), to.dirFd, to.leaf.c_str(), 0) == 0
             ? kSuccess
             : lastHostErrno();
}

u32 path_readlink(Ctx *ctx, u32 dirFd, u32 path, u32 pathLen, u32 buf, u32 bufLen,
                  u32 bufUsedOut) {
  GuestMemory mem(ctx);
  if (!mem.contains(buf, bufLen) || !mem.contains(bufUsedOut, 4))
    return kFault;
  ResolvedPath r;
  if (Errno err = resolveGuestPath(ctx, dirFd, rights::PathReadlink, path, pathLen, false, r))
    return err;
  char target[kMaxPathLength];
  ssize_t n = ::readlinkat(r.dirFd, r.leaf.c_str(), target, sizeof(target));
  if (n < 0)
    return lastHostErrno();
  const uint32_t used = uint32_t(n) < bufLen ? uint32_t(n) : bufLen; // cut, no NUL
  std::memcpy(mem.at(buf), target, used);
  mem.store<uint32_t>(bufUsedOut, used);
  return kSuccess;
}

u32 path_symlink(Ctx *ctx, u32 target, u32 targetLen, u32 dirFd, u32 path, u32 pathLen) {
  if (targetLen > kMaxPathLength)
    return kNameTooLong;
  std::string contents;
  if (Errno err = loadString(GuestMemory(ctx), target, targetLen, contents))
    return err;
  if (contents.empty())
    return kNoEnt;
  if (contents.find('\0') != std::string::npos)
    return kInval;
  // An absolute link could only ever point outside the sandbox; relative
  // links that climb out are allowed to exist but the resolver never follows
  // them out.
  if (contents.front() == '/')
    return kNotCapable;
  ResolvedPath r;
  if (Errno err = resolveGuestPath(ctx, dirFd, rights::PathSymlink, path, pathLen, false, r))
    return err;
  return ::symlinkat(contents.c_str(), r.dirFd, r.leaf.c_str()) == 0 ? kSuccess
                                                                     : lastHostErrno();
}

} // namespace wasmaot::wasi

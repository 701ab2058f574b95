// FdReaddir: directory listings. A listing is read into the fd's snapshot
// when it starts (cookie 0); cookies are indices into the snapshot, so the
// guest can read it in pieces with stable positions. Each entry is a 24-byte
// dirent followed by the name (no NUL); the last entry that does not fit is
// cut at the end of the buffer, as the spec asks (bufused == buf_len tells
// the guest to retry with a larger buffer).
#include "runtime/wasi/HostFile.h"
#include "runtime/wasi/HostFunctions.h"
#include "runtime/wasi/WasiCall.h"

#include <algorithm>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace wasmaot::wasi {

static FileType fileTypeOfDirent(int dirFd, const struct dirent &d) {
  switch (d.d_type) {
  case DT_REG: return kFileRegular;
  case DT_DIR: return kFileDirectory;
  case DT_LNK: return kFileSymlink;
  case DT_CHR: return kFileCharacterDevice;
  case DT_BLK: return kFileBlockDevice;
  case DT_SOCK: return kFileSocketStream;
  case DT_FIFO: return kFileUnknown;
  default: break; // DT_UNKNOWN: the file system does not say; ask it
  }
  struct stat st;
  if (fstatat(dirFd, d.d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    return kFileUnknown;
  return fileTypeOf(st, -1);
}

static Errno takeSnapshot(FdEntry &e) {
  // A fresh open description of the directory, so the listing starts at its
  // beginning whatever the guest fd's own position is.
  int fd = ::openat(e.hostFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return lastHostErrno();
  DIR *dir = ::fdopendir(fd);
  if (!dir) {
    Errno err = lastHostErrno();
    ::close(fd);
    return err;
  }
  e.dirSnapshot.clear();
  while (struct dirent *d = ::readdir(dir))
    e.dirSnapshot.push_back({d->d_name, uint64_t(d->d_ino), fileTypeOfDirent(fd, *d)});
  ::closedir(dir);
  e.hasDirSnapshot = true;
  return kSuccess;
}

u32 fd_readdir(Ctx *ctx, u32 fd, u32 buf, u32 bufLen, u64 cookie, u32 bufUsedOut) {
  using namespace layout;
  FdEntry *e;
  if (Errno err = lookupFd(ctx, fd, rights::FdReaddir, e))
    return err;
  if (e->type != kFileDirectory)
    return kNotDir;
  GuestMemory mem(ctx);
  if (!mem.contains(buf, bufLen) || !mem.contains(bufUsedOut, 4))
    return kFault;
  if (cookie == 0 || !e->hasDirSnapshot)
    if (Errno err = takeSnapshot(*e))
      return err;

  uint64_t used = 0;
  uint8_t header[kDirentSize];
  for (uint64_t i = cookie; i < e->dirSnapshot.size() && used < bufLen; ++i) {
    const DirEntry &d = e->dirSnapshot[i];
    std::memset(header, 0, sizeof(header));
    const uint64_t next = i + 1;
    const uint32_t namlen = uint32_t(d.name.size());
    std::memcpy(header + kDirentNext, &next, 8);
    std::memcpy(header + kDirentIno, &d.ino, 8);
    std::memcpy(header + kDirentNamlen, &namlen, 4);
    header[kDirentType] = d.type;
    uint64_t n = std::min<uint64_t>(kDirentSize, bufLen - used);
    std::memcpy(mem.at(buf + used), header, n);
    used += n;
    n = std::min<uint64_t>(namlen, bufLen - used);
    std::memcpy(mem.at(buf + used), d.name.data(), n);
    used += n;
  }
  mem.store<uint32_t>(bufUsedOut, uint32_t(used));
  return kSuccess;
}

} // namespace wasmaot::wasi

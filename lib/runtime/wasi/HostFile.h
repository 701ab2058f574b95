// HostFile: translating host (POSIX) facts into WASI ones: errno values, file
// types, the rights an fd of a given type gets, and the filestat record.
#pragma once

#include "runtime/wasi/GuestMemory.h"
#include "runtime/wasi/WasiTypes.h"

#include <ctime>
#include <sys/stat.h>

namespace wasmaot::wasi {

/// The WASI errno for a host errno value (EIO for the few without a counterpart).
Errno fromHostErrno(int hostErrno);
/// fromHostErrno(errno).
Errno lastHostErrno();

/// The WASI file type of a stat result; `hostFd` (or -1) distinguishes
/// datagram from stream sockets.
FileType fileTypeOf(const struct stat &st, int hostFd);
/// The most an fd of this type can be granted.
uint64_t maxRightsFor(FileType type);

/// The host clock for a WASI clock id; false for ids WASI does not define.
bool hostClockOf(uint32_t clockId, clockid_t &out);

/// The futimens/utimensat times for WASI's (atim, mtim, fstflags); EINVAL if a
/// time is both given and "now", or fstflags has unknown bits.
Errno timesFor(uint64_t atim, uint64_t mtim, uint32_t fstflags, struct timespec out[2]);

/// Writes a filestat record at `ptr` (the caller checked 64 bytes there).
void storeFilestat(const GuestMemory &mem, uint64_t ptr, const struct stat &st, int hostFd);

} // namespace wasmaot::wasi

// HostFile: host errno / file type / stat → WASI (see HostFile.h).
#include "runtime/wasi/HostFile.h"

#include <cerrno>
#include <sys/socket.h>

namespace wasmaot::wasi {

Errno fromHostErrno(int e) {
  switch (e) {
  case 0: return kSuccess;
  case E2BIG: return k2Big;
  case EACCES: return kAcces;
  case EADDRINUSE: return kAddrInUse;
  case EADDRNOTAVAIL: return kAddrNotAvail;
  case EAFNOSUPPORT: return kAfNoSupport;
  case EAGAIN: return kAgain;
#if EWOULDBLOCK != EAGAIN
  case EWOULDBLOCK: return kAgain;
#endif
  case EALREADY: return kAlready;
  case EBADF: return kBadf;
  case EBADMSG: return kBadMsg;
  case EBUSY: return kBusy;
  case ECANCELED: return kCanceled;
  case ECHILD: return kChild;
  case ECONNABORTED: return kConnAborted;
  case ECONNREFUSED: return kConnRefused;
  case ECONNRESET: return kConnReset;
  case EDEADLK: return kDeadlk;
  case EDESTADDRREQ: return kDestAddrReq;
  case EDOM: return kDom;
  case EDQUOT: return kDquot;
  case EEXIST: return kExist;
  case EFAULT: return kFault;
  case EFBIG: return kFbig;
  case EHOSTUNREACH: return kHostUnreach;
  case EIDRM: return kIdrm;
  case EILSEQ: return kIlseq;
  case EINPROGRESS: return kInProgress;
  case EINTR: return kIntr;
  case EINVAL: return kInval;
  case EIO: return kIo;
  case EISCONN: return kIsConn;
  case EISDIR: return kIsDir;
  case ELOOP: return kLoop;
  case EMFILE: return kMfile;
  case EMLINK: return kMlink;
  case EMSGSIZE: return kMsgSize;
  case EMULTIHOP: return kMultihop;
  case ENAMETOOLONG: return kNameTooLong;
  case ENETDOWN: return kNetDown;
  case ENETRESET: return kNetReset;
  case ENETUNREACH: return kNetUnreach;
  case ENFILE: return kNfile;
  case ENOBUFS: return kNoBufs;
  case ENODEV: return kNoDev;
  case ENOENT: return kNoEnt;
  case ENOEXEC: return kNoExec;
  case ENOLCK: return kNoLck;
  case ENOLINK: return kNoLink;
  case ENOMEM: return kNoMem;
  case ENOMSG: return kNoMsg;
  case ENOPROTOOPT: return kNoProtoOpt;
  case ENOSPC: return kNoSpc;
  case ENOSYS: return kNoSys;
  case ENOTCONN: return kNotConn;
  case ENOTDIR: return kNotDir;
  case ENOTEMPTY: return kNotEmpty;
  case ENOTRECOVERABLE: return kNotRecoverable;
  case ENOTSOCK: return kNotSock;
  case ENOTSUP: return kNotSup;
#if EOPNOTSUPP != ENOTSUP
  case EOPNOTSUPP: return kNotSup;
#endif
  case ENOTTY: return kNotTty;
  case ENXIO: return kNxio;
  case EOVERFLOW: return kOverflow;
  case EOWNERDEAD: return kOwnerDead;
  case EPERM: return kPerm;
  case EPIPE: return kPipe;
  case EPROTO: return kProto;
  case EPROTONOSUPPORT: return kProtoNoSupport;
  case EPROTOTYPE: return kProtoType;
  case ERANGE: return kRange;
  case EROFS: return kRofs;
  case ESPIPE: return kSpipe;
  case ESRCH: return kSrch;
  case ESTALE: return kStale;
  case ETIMEDOUT: return kTimedOut;
  case ETXTBSY: return kTxtBsy;
  case EXDEV: return kXdev;
  default: return kIo;
  }
}

Errno lastHostErrno() { return fromHostErrno(errno); }

FileType fileTypeOf(const struct stat &st, int hostFd) {
  if (S_ISREG(st.st_mode))
    return kFileRegular;
  if (S_ISDIR(st.st_mode))
    return kFileDirectory;
  if (S_ISCHR(st.st_mode))
    return kFileCharacterDevice;
  if (S_ISBLK(st.st_mode))
    return kFileBlockDevice;
  if (S_ISLNK(st.st_mode))
    return kFileSymlink;
  if (S_ISSOCK(st.st_mode)) {
    int type = 0;
    socklen_t len = sizeof(type);
    if (hostFd >= 0 && getsockopt(hostFd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
        type == SOCK_DGRAM)
      return kFileSocketDgram;
    return kFileSocketStream;
  }
  return kFileUnknown; // FIFOs have no WASI file type
}

uint64_t maxRightsFor(FileType type) {
  switch (type) {
  case kFileRegular:
  case kFileBlockDevice:
    return rights::kRegularFile;
  case kFileDirectory:
    return rights::kDirectory;
  case kFileCharacterDevice:
  case kFileSocketDgram:
  case kFileSocketStream:
  case kFileUnknown:
  case kFileSymlink:
    return rights::kStream;
  }
  return rights::kStream;
}

bool hostClockOf(uint32_t clockId, clockid_t &out) {
  switch (clockId) {
  case kClockRealtime: out = CLOCK_REALTIME; return true;
  case kClockMonotonic: out = CLOCK_MONOTONIC; return true;
  case kClockProcessCpu: out = CLOCK_PROCESS_CPUTIME_ID; return true;
  case kClockThreadCpu: out = CLOCK_THREAD_CPUTIME_ID; return true;
  }
  return false;
}

static uint64_t nanoseconds(const struct timespec &ts) {
  return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}

static Errno timeFor(uint64_t value, bool set, bool now, struct timespec &out) {
  if (set && now)
    return kInval;
  out.tv_sec = set ? time_t(value / 1000000000ull) : 0;
  out.tv_nsec = set ? long(value % 1000000000ull) : now ? UTIME_NOW : UTIME_OMIT;
  return kSuccess;
}

Errno timesFor(uint64_t atim, uint64_t mtim, uint32_t fstflags, struct timespec out[2]) {
  if (fstflags & ~(kFstAtim | kFstAtimNow | kFstMtim | kFstMtimNow))
    return kInval;
  if (Errno e = timeFor(atim, fstflags & kFstAtim, fstflags & kFstAtimNow, out[0]))
    return e;
  return timeFor(mtim, fstflags & kFstMtim, fstflags & kFstMtimNow, out[1]);
}

void storeFilestat(const GuestMemory &mem, uint64_t ptr, const struct stat &st, int hostFd) {
  using namespace layout;
  std::memset(mem.at(ptr), 0, kFilestatSize);
  mem.store<uint64_t>(ptr + kFilestatDev, uint64_t(st.st_dev));
  mem.store<uint64_t>(ptr + kFilestatIno, uint64_t(st.st_ino));
  mem.store<uint8_t>(ptr + kFilestatFiletype, fileTypeOf(st, hostFd));
  mem.store<uint64_t>(ptr + kFilestatNlink, uint64_t(st.st_nlink));
  mem.store<uint64_t>(ptr + kFilestatSize_, uint64_t(st.st_size));
  mem.store<uint64_t>(ptr + kFilestatAtim, nanoseconds(st.st_atim));
  mem.store<uint64_t>(ptr + kFilestatMtim, nanoseconds(st.st_mtim));
  mem.store<uint64_t>(ptr + kFilestatCtim, nanoseconds(st.st_ctim));
}

} // namespace wasmaot::wasi

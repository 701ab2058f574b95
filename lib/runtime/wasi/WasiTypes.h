// WasiTypes: the constants and struct layouts of wasi_snapshot_preview1, as
// the witx spec defines them (errno, rights, flags, and the byte offsets of
// every struct a host function reads from or writes to guest memory).
//
// Guest structs are never mapped onto C++ structs: host functions read and
// write fields at these offsets through GuestMemory, so the host's own
// alignment and padding never matter.
#pragma once

#include <cstdint>

namespace wasmaot::wasi {

/// errno (u16 in witx; host functions return it widened to the wasm i32).
enum Errno : uint32_t {
  kSuccess = 0, k2Big = 1, kAcces = 2, kAddrInUse = 3, kAddrNotAvail = 4, kAfNoSupport = 5,
  kAgain = 6, kAlready = 7, kBadf = 8, kBadMsg = 9, kBusy = 10, kCanceled = 11, kChild = 12,
  kConnAborted = 13, kConnRefused = 14, kConnReset = 15, kDeadlk = 16, kDestAddrReq = 17,
  kDom = 18, kDquot = 19, kExist = 20, kFault = 21, kFbig = 22, kHostUnreach = 23, kIdrm = 24,
  kIlseq = 25, kInProgress = 26, kIntr = 27, kInval = 28, kIo = 29, kIsConn = 30, kIsDir = 31,
  kLoop = 32, kMfile = 33, kMlink = 34, kMsgSize = 35, kMultihop = 36, kNameTooLong = 37,
  kNetDown = 38, kNetReset = 39, kNetUnreach = 40, kNfile = 41, kNoBufs = 42, kNoDev = 43,
  kNoEnt = 44, kNoExec = 45, kNoLck = 46, kNoLink = 47, kNoMem = 48, kNoMsg = 49,
  kNoProtoOpt = 50, kNoSpc = 51, kNoSys = 52, kNotConn = 53, kNotDir = 54, kNotEmpty = 55,
  kNotRecoverable = 56, kNotSock = 57, kNotSup = 58, kNotTty = 59, kNxio = 60, kOverflow = 61,
  kOwnerDead = 62, kPerm = 63, kPipe = 64, kProto = 65, kProtoNoSupport = 66, kProtoType = 67,
  kRange = 68, kRofs = 69, kSpipe = 70, kSrch = 71, kStale = 72, kTimedOut = 73, kTxtBsy = 74,
  kXdev = 75, kNotCapable = 76,
};

/// clockid
inline constexpr uint32_t kClockRealtime = 0, kClockMonotonic = 1, kClockProcessCpu = 2,
                          kClockThreadCpu = 3;

/// filetype (u8)
enum FileType : uint8_t {
  kFileUnknown = 0, kFileBlockDevice = 1, kFileCharacterDevice = 2, kFileDirectory = 3,
  kFileRegular = 4, kFileSocketDgram = 5, kFileSocketStream = 6, kFileSymlink = 7,
};

/// whence (u8)
inline constexpr uint32_t kWhenceSet = 0, kWhenceCur = 1, kWhenceEnd = 2;

/// advice (u8)
inline constexpr uint32_t kAdviceNormal = 0, kAdviceSequential = 1, kAdviceRandom = 2,
                          kAdviceWillNeed = 3, kAdviceDontNeed = 4, kAdviceNoReuse = 5;

/// fdflags (u16)
inline constexpr uint32_t kFdflagAppend = 1 << 0, kFdflagDsync = 1 << 1,
                          kFdflagNonblock = 1 << 2, kFdflagRsync = 1 << 3, kFdflagSync = 1 << 4;

/// oflags (u16)
inline constexpr uint32_t kOflagCreat = 1 << 0, kOflagDirectory = 1 << 1, kOflagExcl = 1 << 2,
                          kOflagTrunc = 1 << 3;

/// lookupflags (u32)
inline constexpr uint32_t kLookupSymlinkFollow = 1 << 0;

/// fstflags (u16)
inline constexpr uint32_t kFstAtim = 1 << 0, kFstAtimNow = 1 << 1, kFstMtim = 1 << 2,
                          kFstMtimNow = 1 << 3;

/// eventtype (u8), subclockflags (u16), eventrwflags (u16), preopentype (u8)
inline constexpr uint8_t kEventClock = 0, kEventFdRead = 1, kEventFdWrite = 2;
inline constexpr uint32_t kSubclockAbstime = 1 << 0;
inline constexpr uint32_t kEventRwHangup = 1 << 0;
inline constexpr uint8_t kPreopenDir = 0;

/// rights (u64)
namespace rights {
inline constexpr uint64_t FdDatasync = 1ull << 0, FdRead = 1ull << 1, FdSeek = 1ull << 2,
    FdFdstatSetFlags = 1ull << 3, FdSync = 1ull << 4, FdTell = 1ull << 5, FdWrite = 1ull << 6,
    FdAdvise = 1ull << 7, FdAllocate = 1ull << 8, PathCreateDirectory = 1ull << 9,
    PathCreateFile = 1ull << 10, PathLinkSource = 1ull << 11, PathLinkTarget = 1ull << 12,
    PathOpen = 1ull << 13, FdReaddir = 1ull << 14, PathReadlink = 1ull << 15,
    PathRenameSource = 1ull << 16, PathRenameTarget = 1ull << 17, PathFilestatGet = 1ull << 18,
    PathFilestatSetSize = 1ull << 19, PathFilestatSetTimes = 1ull << 20,
    FdFilestatGet = 1ull << 21, FdFilestatSetSize = 1ull << 22, FdFilestatSetTimes = 1ull << 23,
    PathSymlink = 1ull << 24, PathRemoveDirectory = 1ull << 25, PathUnlinkFile = 1ull << 26,
    PollFdReadwrite = 1ull << 27, SockShutdown = 1ull << 28, SockAccept = 1ull << 29;

/// What an open regular file may do.
inline constexpr uint64_t kRegularFile =
    FdDatasync | FdRead | FdSeek | FdFdstatSetFlags | FdSync | FdTell | FdWrite | FdAdvise |
    FdAllocate | FdFilestatGet | FdFilestatSetSize | FdFilestatSetTimes | PollFdReadwrite;
/// A stream (tty, pipe, socket): a regular file without seek/tell/advise/allocate.
/// wasi-libc's isatty() is "character device without FdSeek/FdTell".
inline constexpr uint64_t kStream =
    FdRead | FdWrite | FdFdstatSetFlags | FdFilestatGet | PollFdReadwrite | FdSync | FdDatasync;
/// What an open directory may do itself.
inline constexpr uint64_t kDirectory =
    FdFdstatSetFlags | FdSync | FdAdvise | PathCreateDirectory | PathCreateFile |
    PathLinkSource | PathLinkTarget | PathOpen | FdReaddir | PathReadlink | PathRenameSource |
    PathRenameTarget | PathFilestatGet | PathFilestatSetSize | PathFilestatSetTimes |
    FdFilestatGet | FdFilestatSetTimes | PathSymlink | PathRemoveDirectory | PathUnlinkFile;
/// What files and directories opened beneath a preopened directory may have.
inline constexpr uint64_t kInheritable = kRegularFile | kDirectory;
} // namespace rights

/// Byte layouts (offset / size) of the witx structs, checked against the spec's
/// "witx calculated" sizes and offsets.
namespace layout {
inline constexpr uint32_t kIovecSize = 8, kIovecBuf = 0, kIovecLen = 4; // iovec and ciovec
inline constexpr uint32_t kFdstatSize = 24, kFdstatFiletype = 0, kFdstatFlags = 2,
                          kFdstatRightsBase = 8, kFdstatRightsInheriting = 16;
inline constexpr uint32_t kFilestatSize = 64, kFilestatDev = 0, kFilestatIno = 8,
                          kFilestatFiletype = 16, kFilestatNlink = 24, kFilestatSize_ = 32,
                          kFilestatAtim = 40, kFilestatMtim = 48, kFilestatCtim = 56;
inline constexpr uint32_t kPrestatSize = 8, kPrestatTag = 0, kPrestatNameLen = 4;
inline constexpr uint32_t kDirentSize = 24, kDirentNext = 0, kDirentIno = 8, kDirentNamlen = 16,
                          kDirentType = 20;
/// subscription: userdata, then the tagged union (tag at 8, payload at 16).
inline constexpr uint32_t kSubscriptionSize = 48, kSubUserdata = 0, kSubTag = 8,
                          kSubClockId = 16, kSubClockTimeout = 24, kSubClockPrecision = 32,
                          kSubClockFlags = 40, kSubFd = 16;
inline constexpr uint32_t kEventSize = 32, kEventUserdata = 0, kEventError = 8, kEventType = 10,
                          kEventNbytes = 16, kEventFlags = 24;
} // namespace layout

} // namespace wasmaot::wasi

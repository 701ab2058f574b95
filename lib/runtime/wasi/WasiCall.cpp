// WasiCall: guest iovec arrays and strings (see WasiCall.h).
#include "runtime/wasi/WasiCall.h"

namespace wasmaot::wasi {

Errno loadIovecs(const GuestMemory &mem, uint32_t iovs, uint32_t count,
                 std::vector<struct iovec> &out) {
  using namespace layout;
  if (!mem.contains(iovs, uint64_t(count) * kIovecSize))
    return kFault;
  const uint32_t n = count < kMaxIovecs ? count : kMaxIovecs;
  out.clear();
  out.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    const uint64_t entry = uint64_t(iovs) + uint64_t(i) * kIovecSize;
    const uint32_t buf = mem.load<uint32_t>(entry + kIovecBuf);
    const uint32_t len = mem.load<uint32_t>(entry + kIovecLen);
    if (!mem.contains(buf, len))
      return kFault;
    out.push_back({mem.at(buf), len});
  }
  return kSuccess;
}

Errno loadString(const GuestMemory &mem, uint32_t ptr, uint32_t len, std::string &out) {
  if (!mem.contains(ptr, len))
    return kFault;
  out.assign(reinterpret_cast<const char *>(mem.at(ptr)), len);
  return kSuccess;
}

Errno resolveGuestPath(runtime::HostCallContext *ctx, uint32_t dirFd, uint64_t needed,
                       uint32_t path, uint32_t pathLen, bool followLeaf, ResolvedPath &out) {
  FdEntry *dir;
  if (Errno err = lookupFd(ctx, dirFd, 0, dir))
    return err;
  if (dir->type != kFileDirectory)
    return kNotDir;
  if ((dir->rightsBase & needed) != needed)
    return kNotCapable;
  if (pathLen > kMaxPathLength)
    return kNameTooLong;
  std::string guestPath;
  if (Errno err = loadString(GuestMemory(ctx), path, pathLen, guestPath))
    return err;
  return resolveBeneath(dir->hostFd, guestPath, followLeaf, out);
}

} // namespace wasmaot::wasi

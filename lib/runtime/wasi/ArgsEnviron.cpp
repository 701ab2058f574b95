// ArgsEnviron: args_* and environ_*. Both lay out a list of strings the same
// way: an array of u32 pointers, and a buffer of the NUL-terminated strings
// they point at, in order.
#include "runtime/wasi/HostFunctions.h"
#include "runtime/wasi/WasiCall.h"

namespace wasmaot::wasi {

static uint64_t bufferSize(const std::vector<std::string> &list) {
  uint64_t size = 0;
  for (const std::string &s : list)
    size += s.size() + 1;
  return size;
}

static u32 sizesGet(Ctx *ctx, const std::vector<std::string> &list, u32 countOut,
                    u32 sizeOut) {
  GuestMemory mem(ctx);
  const uint64_t size = bufferSize(list);
  if (list.size() > UINT32_MAX || size > UINT32_MAX)
    return kOverflow;
  if (!mem.contains(countOut, 4) || !mem.contains(sizeOut, 4))
    return kFault;
  mem.store<uint32_t>(countOut, uint32_t(list.size()));
  mem.store<uint32_t>(sizeOut, uint32_t(size));
  return kSuccess;
}

static u32 listGet(Ctx *ctx, const std::vector<std::string> &list, u32 ptrs, u32 buf) {
  GuestMemory mem(ctx);
  if (!mem.contains(ptrs, uint64_t(list.size()) * 4) || !mem.contains(buf, bufferSize(list)))
    return kFault;
  uint64_t at = buf;
  for (size_t i = 0; i < list.size(); ++i) {
    mem.store<uint32_t>(ptrs + 4 * uint64_t(i), uint32_t(at));
    std::memcpy(mem.at(at), list[i].data(), list[i].size());
    mem.store<uint8_t>(at + list[i].size(), 0);
    at += list[i].size() + 1;
  }
  return kSuccess;
}

u32 args_sizes_get(Ctx *ctx, u32 argcOut, u32 bufSizeOut) {
  return sizesGet(ctx, wasiOf(ctx).args, argcOut, bufSizeOut);
}
u32 args_get(Ctx *ctx, u32 argv, u32 argvBuf) {
  return listGet(ctx, wasiOf(ctx).args, argv, argvBuf);
}
u32 environ_sizes_get(Ctx *ctx, u32 countOut, u32 bufSizeOut) {
  return sizesGet(ctx, wasiOf(ctx).environ, countOut, bufSizeOut);
}
u32 environ_get(Ctx *ctx, u32 environ, u32 environBuf) {
  return listGet(ctx, wasiOf(ctx).environ, environ, environBuf);
}

} // namespace wasmaot::wasi

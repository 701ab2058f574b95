// Sockets: sock_* exist in preview1 only for sockets the host hands in
// already open; wasmaot hands in none, so every call is ENOTSUP (after the
// EBADF a closed fd deserves).
#include "runtime/wasi/HostFunctions.h"
#include "runtime/wasi/WasiCall.h"

namespace wasmaot::wasi {

static u32 unsupportedOn(Ctx *ctx, u32 fd) {
  return wasiOf(ctx).fds.get(fd) ? kNotSup : kBadf;
}

u32 sock_accept(Ctx *ctx, u32 fd, u32 flags, u32 fdOut) { return unsupportedOn(ctx, fd); }
u32 sock_recv(Ctx *ctx, u32 fd, u32 riData, u32 riDataLen, u32 riFlags, u32 roDataLenOut,
              u32 roFlagsOut) {
  return unsupportedOn(ctx, fd);
}
u32 sock_send(Ctx *ctx, u32 fd, u32 siData, u32 siDataLen, u32 siFlags, u32 soDataLenOut) {
  return unsupportedOn(ctx, fd);
}
u32 sock_shutdown(Ctx *ctx, u32 fd, u32 how) { return unsupportedOn(ctx, fd); }

} // namespace wasmaot::wasi

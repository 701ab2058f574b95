// ClocksProcess: clocks, random bytes, yielding, and leaving the program.
#include "runtime/wasi/HostFile.h"
#include "runtime/wasi/HostFunctions.h"
#include "runtime/wasi/WasiCall.h"

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <sched.h>
#include <sys/random.h>

namespace wasmaot::wasi {

static uint64_t toNanoseconds(const struct timespec &ts) {
  return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}

u32 clock_res_get(Ctx *ctx, u32 clockId, u32 resolutionOut) {
  clockid_t clock;
  if (!hostClockOf(clockId, clock))
    return kInval;
  struct timespec ts;
  if (clock_getres(clock, &ts) != 0)
    return lastHostErrno();
  return GuestMemory(ctx).storeChecked<uint64_t>(resolutionOut, toNanoseconds(ts)) ? kSuccess
                                                                                   : kFault;
}

u32 clock_time_get(Ctx *ctx, u32 clockId, u64 precision, u32 timeOut) {
  clockid_t clock;
  if (!hostClockOf(clockId, clock))
    return kInval;
  struct timespec ts;
  if (clock_gettime(clock, &ts) != 0)
    return lastHostErrno();
  return GuestMemory(ctx).storeChecked<uint64_t>(timeOut, toNanoseconds(ts)) ? kSuccess : kFault;
}

u32 random_get(Ctx *ctx, u32 buf, u32 bufLen) {
  GuestMemory mem(ctx);
  if (!mem.contains(buf, bufLen))
    return kFault;
  uint8_t *p = mem.at(buf);
  size_t left = bufLen;
  while (left > 0) {
    ssize_t n = getrandom(p, left, 0);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return lastHostErrno();
    }
    p += n;
    left -= size_t(n);
  }
  return kSuccess;
}

u32 sched_yield(Ctx *ctx) {
  ::sched_yield();
  return kSuccess;
}

void proc_exit(Ctx *ctx, u32 code) {
  wasiOf(ctx).exitCode = int32_t(code);
  assert(ctx->exit && "the runtime must give WASI a way to leave wasm");
  if (ctx->exit)
    ctx->exit(ctx, int32_t(code));
  std::abort(); // unreachable: exit never returns
}

u32 proc_raise(Ctx *ctx, u32 signal) { return kNoSys; }

} // namespace wasmaot::wasi

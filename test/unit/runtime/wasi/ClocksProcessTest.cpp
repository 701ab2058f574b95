// Protects clocks (monotonic never goes back, realtime is today), random_get
// (fills the buffer), poll_oneoff (clock timeouts and fd readiness), and
// proc_exit (records the code and leaves through HostCallContext::exit).
#include "WasiTestHarness.h"

#include <chrono>

namespace wasmaot::wasi::test {
namespace {

using H = WasiHarness;

TEST(WasiClocks, MonotonicIncreasesAndRealtimeIsNow) {
  WasiHarness h;
  ASSERT_EQ(clock_time_get(h.ctx(), kClockMonotonic, 1, H::kOut), kSuccess);
  uint64_t t0 = h.u64(H::kOut);
  ::usleep(2000);
  ASSERT_EQ(clock_time_get(h.ctx(), kClockMonotonic, 1, H::kOut), kSuccess);
  uint64_t t1 = h.u64(H::kOut);
  EXPECT_GE(t1 - t0, 2000000u) << "slept 2 ms";
  ASSERT_EQ(clock_time_get(h.ctx(), kClockRealtime, 1, H::kOut), kSuccess);
  const uint64_t hostNow = uint64_t(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
  EXPECT_LT(hostNow - h.u64(H::kOut), 1000000000u);
  for (uint32_t id : {kClockRealtime, kClockMonotonic, kClockProcessCpu, kClockThreadCpu}) {
    ASSERT_EQ(clock_res_get(h.ctx(), id, H::kOut), kSuccess) << id;
    EXPECT_GT(h.u64(H::kOut), 0u);
    EXPECT_EQ(clock_time_get(h.ctx(), id, 0, H::kOut), kSuccess) << id;
  }
  EXPECT_EQ(clock_time_get(h.ctx(), 4, 0, H::kOut), kInval);
  EXPECT_EQ(clock_res_get(h.ctx(), 99, H::kOut), kInval);
  EXPECT_EQ(clock_time_get(h.ctx(), kClockMonotonic, 0, h.memorySize() - 7), kFault);
}

TEST(WasiRandom, FillsTheBuffer) {
  WasiHarness h;
  ASSERT_EQ(random_get(h.ctx(), H::kData, 256), kSuccess);
  ASSERT_EQ(random_get(h.ctx(), H::kData + 256, 256), kSuccess);
  int zeros = 0;
  for (uint32_t i = 0; i < 512; ++i)
    zeros += h.u8(H::kData + i) == 0;
  EXPECT_LT(zeros, 20) << "512 random bytes have about 2 zeros";
  EXPECT_NE(h.str(H::kData, 256), h.str(H::kData + 256, 256));
  EXPECT_EQ(h.u8(H::kData + 512), 0u) << "nothing past the buffer";
  EXPECT_EQ(random_get(h.ctx(), h.memorySize() - 4, 5), kFault);
  EXPECT_EQ(random_get(h.ctx(), 0, 0), kSuccess);
  EXPECT_EQ(random_get(h.ctx(), h.memorySize(), 0), kSuccess);
}

/// Writes a clock subscription (relative unless `flags`) at `at`.
void clockSub(WasiHarness &h, uint32_t at, uint64_t userdata, uint32_t clock, uint64_t timeout,
              uint16_t flags = 0) {
  std::memset(h.bytes() + at, 0, 48);
  h.setU64(at, userdata);
  h.setU8(at + 8, kEventClock);
  h.setU32(at + 16, clock);
  h.setU64(at + 24, timeout);
  h.setU16(at + 40, flags);
}

void fdSub(WasiHarness &h, uint32_t at, uint64_t userdata, uint8_t type, uint32_t fd) {
  std::memset(h.bytes() + at, 0, 48);
  h.setU64(at, userdata);
  h.setU8(at + 8, type);
  h.setU32(at + 16, fd);
}

constexpr uint32_t kSubs = 0x3000, kEvents = 0x3400;

TEST(WasiPoll, RelativeClockSleeps) {
  WasiHarness h;
  clockSub(h, kSubs, 42, kClockMonotonic, 3000000); // 3 ms
  auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(poll_oneoff(h.ctx(), kSubs, kEvents, 1, H::kOut), kSuccess);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(3));
  ASSERT_EQ(h.u32(H::kOut), 1u);
  EXPECT_EQ(h.u64(kEvents), 42u);
  EXPECT_EQ(h.u16(kEvents + 8), kSuccess);
  EXPECT_EQ(h.u8(kEvents + 10), kEventClock);
}

TEST(WasiPoll, AbsoluteClockInThePastFiresAtOnce) {
  WasiHarness h;
  clockSub(h, kSubs, 7, kClockRealtime, 1, kSubclockAbstime);
  clockSub(h, kSubs + 48, 8, kClockMonotonic, 60ull * 1000000000); // a minute
  ASSERT_EQ(poll_oneoff(h.ctx(), kSubs, kEvents, 2, H::kOut), kSuccess);
  ASSERT_EQ(h.u32(H::kOut), 1u);
  EXPECT_EQ(h.u64(kEvents), 7u);
}

TEST(WasiPoll, ReadyFdWinsOverALongTimeout) {
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  ASSERT_EQ(::write(p[1], "xyz", 3), 3);
  WasiOptions o;
  o.stdinFd = p[0];
  WasiHarness h(o);
  clockSub(h, kSubs, 1, kClockMonotonic, 60ull * 1000000000);
  fdSub(h, kSubs + 48, 2, kEventFdRead, 0);
  fdSub(h, kSubs + 96, 3, kEventFdRead, 77); // not open
  ASSERT_EQ(poll_oneoff(h.ctx(), kSubs, kEvents, 3, H::kOut), kSuccess);
  ASSERT_EQ(h.u32(H::kOut), 1u) << "the bad fd is reported without waiting";
  EXPECT_EQ(h.u64(kEvents), 3u);
  EXPECT_EQ(h.u16(kEvents + 8), kBadf);
  // Without the bad subscription, the readable pipe is reported.
  ASSERT_EQ(poll_oneoff(h.ctx(), kSubs, kEvents, 2, H::kOut), kSuccess);
  ASSERT_EQ(h.u32(H::kOut), 1u);
  EXPECT_EQ(h.u64(kEvents), 2u);
  EXPECT_EQ(h.u8(kEvents + 10), kEventFdRead);
  EXPECT_EQ(h.u64(kEvents + 16), 3u) << "bytes available";
  ::close(p[0]);
  ::close(p[1]);
}

TEST(WasiPoll, BadArguments) {
  WasiHarness h;
  EXPECT_EQ(poll_oneoff(h.ctx(), kSubs, kEvents, 0, H::kOut), kInval);
  EXPECT_EQ(poll_oneoff(h.ctx(), h.memorySize() - 47, kEvents, 1, H::kOut), kFault);
  EXPECT_EQ(poll_oneoff(h.ctx(), kSubs, h.memorySize() - 31, 1, H::kOut), kFault);
  EXPECT_EQ(poll_oneoff(h.ctx(), kSubs, kEvents, 0x10000000, H::kOut), kFault);
  clockSub(h, kSubs, 1, kClockMonotonic, 0);
  h.setU8(kSubs + 8, 9); // unknown subscription tag
  EXPECT_EQ(poll_oneoff(h.ctx(), kSubs, kEvents, 1, H::kOut), kInval);
}

struct ExitCalled {
  int32_t code;
};

[[noreturn]] void throwingExit(runtime::HostCallContext *, int32_t code) {
  throw ExitCalled{code};
}

TEST(WasiProcess, ExitRecordsTheCodeAndLeaves) {
  WasiHarness h;
  h.ctx()->exit = throwingExit;
  try {
    proc_exit(h.ctx(), 3);
    FAIL() << "proc_exit returned";
  } catch (const ExitCalled &e) {
    EXPECT_EQ(e.code, 3);
  }
  ASSERT_TRUE(h.wasi().exitCode.has_value());
  EXPECT_EQ(*h.wasi().exitCode, 3);
}

TEST(WasiProcess, RaiseIsNosysAndYieldWorks) {
  WasiHarness h;
  EXPECT_EQ(proc_raise(h.ctx(), 6), kNoSys);
  EXPECT_EQ(sched_yield(h.ctx()), kSuccess);
  EXPECT_EQ(sock_shutdown(h.ctx(), 1, 0), kNotSup);
  EXPECT_EQ(sock_accept(h.ctx(), 50, 0, H::kOut), kBadf);
}

} // namespace
} // namespace wasmaot::wasi::test

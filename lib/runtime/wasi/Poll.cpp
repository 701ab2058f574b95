// Poll: poll_oneoff. Clock subscriptions (relative or absolute, any WASI
// clock) and fd read/write readiness; blocks until at least one event is
// ready, then reports every ready one. With fds it waits in ppoll; with only
// clocks it sleeps until the earliest deadline.
#include "runtime/wasi/HostFile.h"
#include "runtime/wasi/HostFunctions.h"
#include "runtime/wasi/WasiCall.h"

#include <cerrno>
#include <ctime>
#include <poll.h>
#include <sys/ioctl.h>

namespace wasmaot::wasi {
namespace {

struct Event {
  uint64_t userdata = 0;
  uint16_t error = kSuccess;
  uint8_t type = kEventClock;
  uint64_t nbytes = 0;
  uint16_t flags = 0;
};

struct ClockWait {
  uint64_t userdata;
  clockid_t clock;
  uint64_t deadline; ///< absolute, in ns on `clock`
};

struct FdWait {
  uint64_t userdata;
  uint8_t type; ///< kEventFdRead or kEventFdWrite
};

uint64_t now(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}

struct timespec toTimespec(uint64_t ns) {
  return {time_t(ns / 1000000000ull), long(ns % 1000000000ull)};
}

/// Nanoseconds until the earliest deadline (0 if one passed); sets `earliest`.
uint64_t timeLeft(const std::vector<ClockWait> &clocks, size_t &earliest) {
  uint64_t best = UINT64_MAX;
  for (size_t i = 0; i < clocks.size(); ++i) {
    uint64_t t = now(clocks[i].clock);
    uint64_t left = clocks[i].deadline > t ? clocks[i].deadline - t : 0;
    if (left < best) {
      best = left;
      earliest = i;
    }
  }
  return best;
}

void sleepUntil(const ClockWait &c, uint64_t left) {
  if (c.clock == CLOCK_REALTIME || c.clock == CLOCK_MONOTONIC) {
    struct timespec ts = toTimespec(c.deadline);
    while (clock_nanosleep(c.clock, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
    }
    return;
  }
  struct timespec ts = toTimespec(left), rest; // CPU clocks: sleep the time left
  while (nanosleep(&ts, &rest) != 0 && errno == EINTR)
    ts = rest;
}

} // namespace

u32 poll_oneoff(Ctx *ctx, u32 in, u32 out, u32 nsubscriptions, u32 neventsOut) {
  using namespace layout;
  GuestMemory mem(ctx);
  if (nsubscriptions == 0)
    return kInval;
  if (!mem.contains(in, uint64_t(nsubscriptions) * kSubscriptionSize) ||
      !mem.contains(out, uint64_t(nsubscriptions) * kEventSize) || !mem.contains(neventsOut, 4))
    return kFault;

  std::vector<Event> ready; // events known without waiting (bad subscriptions)
  std::vector<ClockWait> clocks;
  std::vector<FdWait> fdWaits;
  std::vector<struct pollfd> pollFds;
  for (uint32_t i = 0; i < nsubscriptions; ++i) {
    const uint64_t sub = uint64_t(in) + uint64_t(i) * kSubscriptionSize;
    const uint64_t userdata = mem.load<uint64_t>(sub + kSubUserdata);
    const uint8_t tag = mem.load<uint8_t>(sub + kSubTag);
    if (tag == kEventClock) {
      clockid_t clock;
      if (!hostClockOf(mem.load<uint32_t>(sub + kSubClockId), clock)) {
        ready.push_back({userdata, kInval, tag});
        continue;
      }
      const uint64_t timeout = mem.load<uint64_t>(sub + kSubClockTimeout);
      const bool absolute = mem.load<uint16_t>(sub + kSubClockFlags) & kSubclockAbstime;
      uint64_t deadline = timeout;
      if (!absolute) {
        const uint64_t t = now(clock);
        deadline = timeout > UINT64_MAX - t ? UINT64_MAX : t + timeout;
      }
      clocks.push_back({userdata, clock, deadline});
    } else if (tag == kEventFdRead || tag == kEventFdWrite) {
      FdEntry *e;
      if (Errno err = lookupFd(ctx, mem.load<uint32_t>(sub + kSubFd), rights::PollFdReadwrite, e)) {
        ready.push_back({userdata, uint16_t(err), tag});
        continue;
      }
      fdWaits.push_back({userdata, tag});
      pollFds.push_back({e->hostFd, short(tag == kEventFdRead ? POLLIN : POLLOUT), 0});
    } else {
      return kInval;
    }
  }

  std::vector<Event> events = ready;
  while (events.empty()) {
    size_t earliest = 0;
    const uint64_t left = clocks.empty() ? UINT64_MAX : timeLeft(clocks, earliest);
    if (!pollFds.empty()) {
      struct timespec ts = toTimespec(left);
      int n = ::ppoll(pollFds.data(), nfds_t(pollFds.size()),
                      left == UINT64_MAX ? nullptr : &ts, nullptr);
      if (n < 0 && errno != EINTR)
        return lastHostErrno();
      for (size_t i = 0; n > 0 && i < pollFds.size(); ++i) {
        const short revents = pollFds[i].revents;
        if (!revents)
          continue;
        Event ev{fdWaits[i].userdata, kSuccess, fdWaits[i].type};
        if (revents & POLLNVAL)
          ev.error = kBadf;
        if (revents & POLLHUP)
          ev.flags |= kEventRwHangup;
        int avail = 0;
        if (ev.type == kEventFdRead && ::ioctl(pollFds[i].fd, FIONREAD, &avail) == 0)
          ev.nbytes = uint64_t(avail);
        events.push_back(ev);
      }
    } else if (left > 0) {
      sleepUntil(clocks[earliest], left);
    }
    for (const ClockWait &c : clocks)
      if (now(c.clock) >= c.deadline)
        events.push_back({c.userdata, kSuccess, kEventClock});
  }

  for (size_t i = 0; i < events.size(); ++i) {
    const uint64_t ev = uint64_t(out) + uint64_t(i) * kEventSize;
    std::memset(mem.at(ev), 0, kEventSize);
    mem.store<uint64_t>(ev + kEventUserdata, events[i].userdata);
    mem.store<uint16_t>(ev + kEventError, events[i].error);
    mem.store<uint8_t>(ev + kEventType, events[i].type);
    mem.store<uint64_t>(ev + kEventNbytes, events[i].nbytes);
    mem.store<uint16_t>(ev + kEventFlags, events[i].flags);
  }
  mem.store<uint32_t>(neventsOut, uint32_t(events.size()));
  return kSuccess;
}

} // namespace wasmaot::wasi

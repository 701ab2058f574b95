// Segue: reading and writing the %gs base (Segue.h).
#include "runtime/Segue.h"

#include <atomic>
#include <cstdlib>
#include <string_view>

#if defined(__x86_64__)
#include <asm/prctl.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef HWCAP2_FSGSBASE
#define HWCAP2_FSGSBASE (1 << 1)
#endif

extern "C" {
/// Read by the switch thunk (x64/SegueThunk.S): 1 to use wrgsbase/rdgsbase.
__attribute__((visibility("hidden"))) uint8_t wasmaot_segue_fsgsbase = [] {
  const char *e = std::getenv("WASMAOT_SEGUE_ARCH_PRCTL");
  if (e && *e && std::string_view(e) != "0") return uint8_t(0);
  // The CPU flag alone is not enough: the kernel must set CR4.FSGSBASE
  // (Linux 5.9+), which it reports in AT_HWCAP2; otherwise the instructions fault.
  return uint8_t((getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE) != 0);
}();
void wasmaot_x64_segue_thunk();
}
#endif

namespace wasmaot::runtime {

namespace {
std::atomic<bool> g_segueInUse{false};
}
bool segueInUse() { return g_segueInUse.load(std::memory_order_relaxed); }
void markSegueInUse() { g_segueInUse.store(true, std::memory_order_relaxed); }

#if defined(__x86_64__)
bool segueSupported() { return true; }
bool segueUsesFsgsbase() { return wasmaot_segue_fsgsbase != 0; }
void segueForceArchPrctl(bool force) {
  wasmaot_segue_fsgsbase = !force && (getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE) != 0;
}

uint64_t readGsBase() {
  uint64_t v = 0;
  if (wasmaot_segue_fsgsbase)
    asm volatile("rdgsbase %0" : "=r"(v));
  else
    syscall(SYS_arch_prctl, ARCH_GET_GS, &v);
  return v;
}

void writeGsBase(uint64_t base) {
  if (wasmaot_segue_fsgsbase)
    asm volatile("wrgsbase %0" ::"r"(base) : "memory");
  else
    syscall(SYS_arch_prctl, ARCH_SET_GS, base);
}

void *segueThunkCode() { return reinterpret_cast<void *>(&wasmaot_x64_segue_thunk); }
#else
bool segueSupported() { return false; }
bool segueUsesFsgsbase() { return false; }
void segueForceArchPrctl(bool) {}
uint64_t readGsBase() { return 0; }
void writeGsBase(uint64_t) {}
void *segueThunkCode() { return nullptr; }
#endif

} // namespace wasmaot::runtime

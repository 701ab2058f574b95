// TrapHandler: the signal handlers, the per-thread alternate signal stack and
// the activation chain (see TrapHandler.h for why this is subtle).
//
// Unwinding is siglongjmp to the sigsetjmp in the entry code (Entry.cpp). The
// frames skipped are generated code, the entry trampoline and, for traps
// raised by runtime helpers or host functions, C frames that hold no objects
// with destructors (a documented rule for host functions). The handlers use
// SA_NODEFER and the jump buffers save no signal mask, so no sigprocmask call
// is needed per entry and the signal is not left blocked after the jump.
#include "runtime/TrapHandler.h"

#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>

#include <atomic>
#include <cstdlib>
#include <mutex>

namespace wasmaot::runtime {

namespace {

thread_local Activation *tCurrent = nullptr;

constexpr int kSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
constexpr int kNumSignals = sizeof(kSignals) / sizeof(kSignals[0]);
struct sigaction gPrevious[kNumSignals];

int signalSlot(int sig) {
  for (int i = 0; i < kNumSignals; ++i)
    if (kSignals[i] == sig) return i;
  return -1;
}

// What the handler needs from the interrupted context: the faulting PC (the
// address of the instruction that trapped: x86-64 reports a fault at the
// instruction, ud2 included; AArch64 reports udf and data aborts at the
// instruction; RISC-V 64 reports unimp's illegal instruction and page faults
// at the instruction, in sepc), the stack pointer, and the address a memory
// access faulted on.
struct FaultContext {
  uintptr_t pc = 0;
  uintptr_t sp = 0;
  uintptr_t address = 0;
};

FaultContext faultContext(const siginfo_t *info, void *context) {
  const ucontext_t *uc = static_cast<const ucontext_t *>(context);
  FaultContext f;
#if defined(__x86_64__)
  f.pc = uintptr_t(uc->uc_mcontext.gregs[REG_RIP]);
  f.sp = uintptr_t(uc->uc_mcontext.gregs[REG_RSP]);
  f.address = reinterpret_cast<uintptr_t>(info->si_addr);
#elif defined(__aarch64__)
  // mcontext_t: regs[31], sp, pc, pstate, fault_address (the FAR of a data
  // abort; for SIGILL the kernel reports the instruction's address in si_addr).
  f.pc = uintptr_t(uc->uc_mcontext.pc);
  f.sp = uintptr_t(uc->uc_mcontext.sp);
  const bool memoryFault = info->si_signo == SIGSEGV || info->si_signo == SIGBUS;
  f.address = memoryFault ? uintptr_t(uc->uc_mcontext.fault_address) : reinterpret_cast<uintptr_t>(info->si_addr);
#elif defined(__riscv)
  f.pc = uintptr_t(uc->uc_mcontext.__gregs[REG_PC]);
  f.sp = uintptr_t(uc->uc_mcontext.__gregs[REG_SP]);
  f.address = reinterpret_cast<uintptr_t>(info->si_addr);
#else
#error "faultContext: unsupported host"
#endif
  return f;
}

// Hands the signal to whoever had it before us. For SIG_DFL on a fault the
// default action is restored and the handler returns: the faulting
// instruction runs again and the process ends as it would have without us.
void forward(int sig, siginfo_t *info, void *context) {
  const int slot = signalSlot(sig);
  const struct sigaction &prev = gPrevious[slot];
  if (prev.sa_flags & SA_SIGINFO) {
    prev.sa_sigaction(sig, info, context);
    return;
  }
  if (prev.sa_handler != SIG_DFL && prev.sa_handler != SIG_IGN) {
    prev.sa_handler(sig);
    return;
  }
  signal(sig, SIG_DFL);
  if (info->si_code <= 0) raise(sig); // sent by kill/raise: nothing re-executes, so re-send
}

void handleSignal(int sig, siginfo_t *info, void *context) {
  Activation *act = tCurrent;
  // si_code > 0: raised by the CPU for this instruction (not kill/sigqueue).
  if (act && info->si_code > 0) {
    const FaultContext fault = faultContext(info, context);
    if (std::optional<ir::TrapCode> code = lookupTrapSite(fault.pc)) {
      act->kind = ExitKind::Trapped;
      act->trapCode = uint32_t(*code);
      act->faultPc = fault.pc;
      act->faultAddress = fault.address;
      siglongjmp(act->jump, 1);
    }
  }
  forward(sig, info, context);
}

std::atomic<bool> gInstalled{false};

void installHandlers() {
  gInstalled = true;
  struct sigaction sa = {};
  sa.sa_sigaction = handleSignal;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  for (int i = 0; i < kNumSignals; ++i) sigaction(kSignals[i], &sa, &gPrevious[i]);
}

// The alternate stack of one thread; released when the thread ends (only if
// it is still ours: the embedder may have installed another).
struct AltStack {
  void *memory = nullptr;
  size_t size = 0;
  AltStack() {
    stack_t current;
    if (sigaltstack(nullptr, &current) == 0 && !(current.ss_flags & SS_DISABLE)) return; // one exists
    size = 64 * 1024 + size_t(SIGSTKSZ);
    memory = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) {
      memory = nullptr;
      return;
    }
    stack_t ss = {};
    ss.ss_sp = memory;
    ss.ss_size = size;
    sigaltstack(&ss, nullptr);
  }
  ~AltStack() {
    if (!memory) return;
    stack_t current;
    if (sigaltstack(nullptr, &current) == 0 && current.ss_sp == memory) {
      stack_t off = {};
      off.ss_flags = SS_DISABLE;
      sigaltstack(&off, nullptr);
    }
    munmap(memory, size);
  }
};

} // namespace

Activation *currentActivation() { return tCurrent; }
void setCurrentActivation(Activation *a) { tCurrent = a; }

void prepareThreadForWasm() {
  static std::once_flag once;
  std::call_once(once, installHandlers);
  thread_local AltStack altStack;
  (void)altStack;
}

void reinstallTrapHandlersForTesting() {
  const bool wasInstalled = gInstalled.load();
  prepareThreadForWasm();
  if (wasInstalled) installHandlers(); // else prepareThreadForWasm just chained to the current ones
}

void raiseTrap(ir::TrapCode code) {
  Activation *act = tCurrent;
  if (!act) std::abort(); // a trap outside any call into wasm is a runtime bug
  act->kind = ExitKind::Trapped;
  act->trapCode = uint32_t(code);
  siglongjmp(act->jump, 1);
}

void raiseExit(int32_t code) {
  Activation *act = tCurrent;
  if (!act) std::abort();
  while (act->previous) act = act->previous;
  act->kind = ExitKind::Exited;
  act->exitCode = code;
  siglongjmp(act->jump, 1);
}

uintptr_t threadStackLimit() {
  thread_local uintptr_t limit = [] {
    uintptr_t low = 0;
    size_t size = 0;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void *addr = nullptr;
      if (pthread_attr_getstack(&attr, &addr, &size) == 0) low = reinterpret_cast<uintptr_t>(addr);
      pthread_attr_destroy(&attr);
    }
    const uintptr_t here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
    // An unlimited or unknown stack: give wasm 8 MiB below the first entry.
    constexpr uintptr_t kFallback = 8u << 20;
    if (!low || size > (1ull << 30) || here < low + 2 * kHostStackReserve) return here - kFallback;
    return low + kHostStackReserve;
  }();
  return limit;
}

} // namespace wasmaot::runtime

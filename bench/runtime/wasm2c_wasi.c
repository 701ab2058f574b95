/* wasm2c_wasi.c: a minimal WASI preview1 host and main() for running the
 * benchmark programs translated by wasm2c, our own code.
 *
 * Debian's wabt ships wasm2c, wasm-rt.h and wasm-rt-impl.c (memories, traps,
 * signal handler) but not the uvwasi-based WASI glue, so this file provides
 * the few imports that wasi-libc's stdio and start-up code use: args,
 * environ, fd_write (stdout/stderr), fd_read (stdin), fd_fdstat_get,
 * fd_seek/fd_close (stubs), fd_prestat_* (no preopens), clock_time_get,
 * random_get and proc_exit. A module that imports anything else fails to
 * link, which the driver reports as a build failure.
 *
 * The module must be translated with `wasm2c -n app`, so every program has
 * the same symbol names (Z_app...). Build:
 *   wasm2c -n app prog.wasm -o app.c
 *   clang-14 -O2 -I/usr/src/wasm2c -I. app.c wasm2c_wasi.c \
 *       /usr/src/wasm2c/wasm-rt-impl.c -o prog -lm
 *
 * Linear memory comes from wasm-rt-impl.c; on x86-64 it is a 4 GiB reservation
 * with guard pages and a SIGSEGV handler (WASM_RT_MEMCHECK_SIGNAL_HANDLER),
 * i.e. the guard-region mode, not explicit bounds checks.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "wasm-rt-impl.h"

enum {
  WASI_ESUCCESS = 0,
  WASI_EBADF = 8,
  WASI_EFAULT = 21,
  WASI_EINVAL = 28,
  WASI_EIO = 29,
  WASI_ESPIPE = 70,
};

struct Z_wasi_snapshot_preview1_instance_t {
  wasm_rt_memory_t *memory;
  int argc;
  char **argv;
};

/* ---- Guest memory access, bounds-checked: a bad pointer is EFAULT, never a
 * host out-of-bounds access. */
static int in_bounds(struct Z_wasi_snapshot_preview1_instance_t *w, u32 ptr, u64 len) {
  return (u64)ptr + len <= w->memory->size;
}
static u32 load32(struct Z_wasi_snapshot_preview1_instance_t *w, u32 ptr) {
  u32 v;
  memcpy(&v, w->memory->data + ptr, 4); /* wasm and x86-64 are both little endian */
  return v;
}
static void store32(struct Z_wasi_snapshot_preview1_instance_t *w, u32 ptr, u32 v) {
  memcpy(w->memory->data + ptr, &v, 4);
}
static void store64(struct Z_wasi_snapshot_preview1_instance_t *w, u32 ptr, u64 v) {
  memcpy(w->memory->data + ptr, &v, 8);
}

/* ---- args and environ (the environment is empty, as under run_wasi.mjs) -- */
u32 Z_wasi_snapshot_preview1Z_args_sizes_get(struct Z_wasi_snapshot_preview1_instance_t *w,
                                             u32 argc_ptr, u32 size_ptr) {
  if (!in_bounds(w, argc_ptr, 4) || !in_bounds(w, size_ptr, 4)) return WASI_EFAULT;
  u32 size = 0;
  for (int i = 0; i < w->argc; ++i) size += (u32)strlen(w->argv[i]) + 1;
  store32(w, argc_ptr, (u32)w->argc);
  store32(w, size_ptr, size);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_args_get(struct Z_wasi_snapshot_preview1_instance_t *w,
                                       u32 argv_ptr, u32 buf_ptr) {
  if (!in_bounds(w, argv_ptr, 4ull * (u32)w->argc)) return WASI_EFAULT;
  for (int i = 0; i < w->argc; ++i) {
    u32 len = (u32)strlen(w->argv[i]) + 1;
    if (!in_bounds(w, buf_ptr, len)) return WASI_EFAULT;
    memcpy(w->memory->data + buf_ptr, w->argv[i], len);
    store32(w, argv_ptr + 4u * (u32)i, buf_ptr);
    buf_ptr += len;
  }
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_environ_sizes_get(struct Z_wasi_snapshot_preview1_instance_t *w,
                                                u32 count_ptr, u32 size_ptr) {
  if (!in_bounds(w, count_ptr, 4) || !in_bounds(w, size_ptr, 4)) return WASI_EFAULT;
  store32(w, count_ptr, 0);
  store32(w, size_ptr, 0);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_environ_get(struct Z_wasi_snapshot_preview1_instance_t *w,
                                          u32 environ_ptr, u32 buf_ptr) {
  (void)w, (void)environ_ptr, (void)buf_ptr;
  return WASI_ESUCCESS;
}

/* ---- File descriptors: only 0, 1 and 2 exist; there are no preopens. ---- */
static u32 transfer(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u32 iovs, u32 count,
                    u32 done_ptr, int writing) {
  if (writing ? (fd != 1 && fd != 2) : fd != 0) return WASI_EBADF;
  if (!in_bounds(w, iovs, 8ull * count) || !in_bounds(w, done_ptr, 4)) return WASI_EFAULT;
  u32 done = 0;
  for (u32 i = 0; i < count; ++i) {
    u32 base = load32(w, iovs + 8 * i), len = load32(w, iovs + 8 * i + 4);
    if (!in_bounds(w, base, len)) return WASI_EFAULT;
    while (len) {
      ssize_t n = writing ? write((int)fd, w->memory->data + base, len)
                          : read((int)fd, w->memory->data + base, len);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return WASI_EIO;
      done += (u32)n, base += (u32)n, len -= (u32)n;
      if (n == 0 || !writing) break; /* a short read is a complete answer */
    }
    if (!writing && done < load32(w, iovs + 8 * i + 4)) break;
  }
  store32(w, done_ptr, done);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_write(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd,
                                       u32 iovs, u32 count, u32 written_ptr) {
  return transfer(w, fd, iovs, count, written_ptr, 1);
}

u32 Z_wasi_snapshot_preview1Z_fd_read(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd,
                                      u32 iovs, u32 count, u32 read_ptr) {
  return transfer(w, fd, iovs, count, read_ptr, 0);
}

/* fdstat: filetype unknown (0), no flags, all rights. Not a character device,
 * so wasi-libc's isatty() says no and stdout is fully buffered, as it is when
 * the driver captures the output of the other engines through a pipe. */
u32 Z_wasi_snapshot_preview1Z_fd_fdstat_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd,
                                            u32 stat_ptr) {
  if (fd > 2) return WASI_EBADF;
  if (!in_bounds(w, stat_ptr, 24)) return WASI_EFAULT;
  memset(w->memory->data + stat_ptr, 0, 24);
  store64(w, stat_ptr + 8, ~0ull);
  store64(w, stat_ptr + 16, ~0ull);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_seek(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd,
                                      u64 offset, u32 whence, u32 new_offset_ptr) {
  (void)w, (void)offset, (void)whence, (void)new_offset_ptr;
  return fd > 2 ? WASI_EBADF : WASI_ESPIPE;
}

u32 Z_wasi_snapshot_preview1Z_fd_close(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd) {
  (void)w;
  return fd > 2 ? WASI_EBADF : WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_prestat_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd,
                                             u32 prestat_ptr) {
  (void)w, (void)fd, (void)prestat_ptr;
  return WASI_EBADF; /* no preopened directories: wasi-libc stops looking */
}

u32 Z_wasi_snapshot_preview1Z_fd_prestat_dir_name(struct Z_wasi_snapshot_preview1_instance_t *w,
                                                  u32 fd, u32 path_ptr, u32 len) {
  (void)w, (void)fd, (void)path_ptr, (void)len;
  return WASI_EBADF;
}

/* ---- Clocks, randomness, exit --------------------------------------------- */
u32 Z_wasi_snapshot_preview1Z_clock_time_get(struct Z_wasi_snapshot_preview1_instance_t *w,
                                             u32 clock_id, u64 precision, u32 time_ptr) {
  (void)precision;
  static const clockid_t clocks[4] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
                                      CLOCK_THREAD_CPUTIME_ID};
  if (clock_id > 3) return WASI_EINVAL;
  if (!in_bounds(w, time_ptr, 8)) return WASI_EFAULT;
  struct timespec ts;
  if (clock_gettime(clocks[clock_id], &ts) != 0) return WASI_EINVAL;
  store64(w, time_ptr, (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec);
  return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_random_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 buf,
                                         u32 len) {
  if (!in_bounds(w, buf, len)) return WASI_EFAULT;
  /* Not cryptographic, and fixed: the benchmarks must be deterministic. */
  u64 state = 0x9e3779b97f4a7c15ull;
  for (u32 i = 0; i < len; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    w->memory->data[buf + i] = (u8)(state >> 56);
  }
  return WASI_ESUCCESS;
}

void Z_wasi_snapshot_preview1Z_proc_exit(struct Z_wasi_snapshot_preview1_instance_t *w, u32 code) {
  (void)w;
  _exit((int)code); /* output went straight to write(2): nothing to flush */
}

int main(int argc, char **argv) {
  struct Z_wasi_snapshot_preview1_instance_t wasi = {0, argc, argv};
  static Z_app_instance_t app; /* large: keep it off the stack */
  wasm_rt_init();
  Z_app_init_module();
  Z_app_instantiate(&app, &wasi);
  wasi.memory = Z_appZ_memory(&app);
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) {
    fprintf(stderr, "wasm trap: %s\n", wasm_rt_strerror(trap));
    return 134;
  }
  Z_appZ__start(&app);
  Z_app_free(&app);
  wasm_rt_free();
  return 0;
}

// HostFunctions: the wasi_snapshot_preview1 host functions, one C++ function
// per WASI function, named as in the spec so the table (FunctionTable.cpp)
// and the signatures it derives stay one source of truth.
//
// Each is `uint32_t fn(HostCallContext *ctx, wasm params...)`, with i32 as
// uint32_t and i64 as uint64_t, and returns the WASI errno (WasiTypes.h).
// Pointers are guest addresses in ctx->memory; results go through them.
// The runtime binds imports through the table in Wasi.h, not through these
// names; tests call them directly.
#pragma once

#include "runtime/HostCall.h"

#include <cstdint>

namespace wasmaot::wasi {

using Ctx = runtime::HostCallContext;
using u32 = uint32_t;
using u64 = uint64_t;

// ---- args, environ (ArgsEnviron.cpp)
u32 args_get(Ctx *ctx, u32 argv, u32 argvBuf);
u32 args_sizes_get(Ctx *ctx, u32 argcOut, u32 bufSizeOut);
u32 environ_get(Ctx *ctx, u32 environ, u32 environBuf);
u32 environ_sizes_get(Ctx *ctx, u32 countOut, u32 bufSizeOut);

// ---- clocks, random, process (ClocksProcess.cpp)
u32 clock_res_get(Ctx *ctx, u32 clockId, u32 resolutionOut);
u32 clock_time_get(Ctx *ctx, u32 clockId, u64 precision, u32 timeOut);
u32 random_get(Ctx *ctx, u32 buf, u32 bufLen);
u32 sched_yield(Ctx *ctx);
/// Records the exit code in the WasiContext and leaves wasm (ctx->exit).
[[noreturn]] void proc_exit(Ctx *ctx, u32 code);
/// Always ENOSYS: signals are not modelled.
u32 proc_raise(Ctx *ctx, u32 signal);

// ---- poll (Poll.cpp)
u32 poll_oneoff(Ctx *ctx, u32 in, u32 out, u32 nsubscriptions, u32 neventsOut);

// ---- fd I/O (FdIo.cpp)
u32 fd_read(Ctx *ctx, u32 fd, u32 iovs, u32 iovsLen, u32 nreadOut);
u32 fd_write(Ctx *ctx, u32 fd, u32 iovs, u32 iovsLen, u32 nwrittenOut);
u32 fd_pread(Ctx *ctx, u32 fd, u32 iovs, u32 iovsLen, u64 offset, u32 nreadOut);
u32 fd_pwrite(Ctx *ctx, u32 fd, u32 iovs, u32 iovsLen, u64 offset, u32 nwrittenOut);
u32 fd_seek(Ctx *ctx, u32 fd, u64 offset, u32 whence, u32 newOffsetOut);
u32 fd_tell(Ctx *ctx, u32 fd, u32 offsetOut);

// ---- fd attributes and management (FdAttributes.cpp)
u32 fd_close(Ctx *ctx, u32 fd);
u32 fd_sync(Ctx *ctx, u32 fd);
u32 fd_datasync(Ctx *ctx, u32 fd);
u32 fd_fdstat_get(Ctx *ctx, u32 fd, u32 fdstatOut);
u32 fd_fdstat_set_flags(Ctx *ctx, u32 fd, u32 fdflags);
u32 fd_fdstat_set_rights(Ctx *ctx, u32 fd, u64 rightsBase, u64 rightsInheriting);
u32 fd_filestat_get(Ctx *ctx, u32 fd, u32 filestatOut);
u32 fd_filestat_set_size(Ctx *ctx, u32 fd, u64 size);
u32 fd_filestat_set_times(Ctx *ctx, u32 fd, u64 atim, u64 mtim, u32 fstflags);
u32 fd_advise(Ctx *ctx, u32 fd, u64 offset, u64 len, u32 advice);
u32 fd_allocate(Ctx *ctx, u32 fd, u64 offset, u64 len);
u32 fd_renumber(Ctx *ctx, u32 fd, u32 to);
u32 fd_prestat_get(Ctx *ctx, u32 fd, u32 prestatOut);
u32 fd_prestat_dir_name(Ctx *ctx, u32 fd, u32 path, u32 pathLen);

// ---- directories (FdReaddir.cpp)
u32 fd_readdir(Ctx *ctx, u32 fd, u32 buf, u32 bufLen, u64 cookie, u32 bufUsedOut);

// ---- paths (PathOpen.cpp, PathOps.cpp); every path is resolved by PathResolver
u32 path_open(Ctx *ctx, u32 dirFd, u32 lookupFlags, u32 path, u32 pathLen, u32 oflags,
              u64 rightsBase, u64 rightsInheriting, u32 fdflags, u32 fdOut);
u32 path_filestat_get(Ctx *ctx, u32 dirFd, u32 lookupFlags, u32 path, u32 pathLen,
                      u32 filestatOut);
u32 path_filestat_set_times(Ctx *ctx, u32 dirFd, u32 lookupFlags, u32 path, u32 pathLen,
                            u64 atim, u64 mtim, u32 fstflags);
u32 path_create_directory(Ctx *ctx, u32 dirFd, u32 path, u32 pathLen);
u32 path_remove_directory(Ctx *ctx, u32 dirFd, u32 path, u32 pathLen);
u32 path_unlink_file(Ctx *ctx, u32 dirFd, u32 path, u32 pathLen);
u32 path_rename(Ctx *ctx, u32 oldDirFd, u32 oldPath, u32 oldPathLen, u32 newDirFd,
                u32 newPath, u32 newPathLen);
u32 path_link(Ctx *ctx, u32 oldDirFd, u32 oldLookupFlags, u32 oldPath, u32 oldPathLen,
              u32 newDirFd, u32 newPath, u32 newPathLen);
u32 path_readlink(Ctx *ctx, u32 dirFd, u32 path, u32 pathLen, u32 buf, u32 bufLen,
                  u32 bufUsedOut);
u32 path_symlink(Ctx *ctx, u32 target, u32 targetLen, u32 dirFd, u32 path, u32 pathLen);

// ---- sockets (Sockets.cpp): not supported, ENOTSUP
u32 sock_accept(Ctx *ctx, u32 fd, u32 flags, u32 fdOut);
u32 sock_recv(Ctx *ctx, u32 fd, u32 riData, u32 riDataLen, u32 riFlags, u32 roDataLenOut,
              u32 roFlagsOut);
u32 sock_send(Ctx *ctx, u32 fd, u32 siData, u32 siDataLen, u32 siFlags, u32 soDataLenOut);
u32 sock_shutdown(Ctx *ctx, u32 fd, u32 how);

} // namespace wasmaot::wasi

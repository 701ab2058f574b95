// FunctionTable: the name → host function table of Wasi.h. The wasm
// signature strings are derived from the C++ declarations in HostFunctions.h
// at compile time, so a table entry cannot disagree with its function.
#include "runtime/wasi/HostFunctions.h"
#include "runtime/wasi/Wasi.h"

#include <algorithm>
#include <type_traits>

namespace wasmaot::wasi {
namespace {

template <class T> constexpr char wasmTypeOf() {
  static_assert(std::is_same_v<T, uint32_t> || std::is_same_v<T, uint64_t>,
                "WASI host functions take only i32 (uint32_t) and i64 (uint64_t)");
  return std::is_same_v<T, uint32_t> ? 'i' : 'I';
}

template <class F> struct SignatureOf;
template <class R, class... P> struct SignatureOf<R (*)(runtime::HostCallContext *, P...)> {
  static constexpr char params[] = {wasmTypeOf<P>()..., '\0'};
  static constexpr char results[] = {std::is_void_v<R> ? '\0' : wasmTypeOf<R>(), '\0'};
};
template <class... P> struct SignatureOf<void (*)(runtime::HostCallContext *, P...)> {
  static constexpr char params[] = {wasmTypeOf<P>()..., '\0'};
  static constexpr char results[] = {'\0'};
};

#define WASI_FUNCTION(name)                                                                    \
  WasiFunction {                                                                               \
    #name, SignatureOf<decltype(&name)>::params, SignatureOf<decltype(&name)>::results,        \
        reinterpret_cast<void *>(&name)                                                        \
  }

// Sorted by name: findWasiFunction bisects (the unit test checks the order).
const WasiFunction kFunctions[] = {
    WASI_FUNCTION(args_get),
    WASI_FUNCTION(args_sizes_get),
    WASI_FUNCTION(clock_res_get),
    WASI_FUNCTION(clock_time_get),
    WASI_FUNCTION(environ_get),
    WASI_FUNCTION(environ_sizes_get),
    WASI_FUNCTION(fd_advise),
    WASI_FUNCTION(fd_allocate),
    WASI_FUNCTION(fd_close),
    WASI_FUNCTION(fd_datasync),
    WASI_FUNCTION(fd_fdstat_get),
    WASI_FUNCTION(fd_fdstat_set_flags),
    WASI_FUNCTION(fd_fdstat_set_rights),
    WASI_FUNCTION(fd_filestat_get),
    WASI_FUNCTION(fd_filestat_set_size),
    WASI_FUNCTION(fd_filestat_set_times),
    WASI_FUNCTION(fd_pread),
    WASI_FUNCTION(fd_prestat_dir_name),
    WASI_FUNCTION(fd_prestat_get),
    WASI_FUNCTION(fd_pwrite),
    WASI_FUNCTION(fd_read),
    WASI_FUNCTION(fd_readdir),
    WASI_FUNCTION(fd_renumber),
    WASI_FUNCTION(fd_seek),
    WASI_FUNCTION(fd_sync),
    WASI_FUNCTION(fd_tell),
    WASI_FUNCTION(fd_write),
    WASI_FUNCTION(path_create_directory),
    WASI_FUNCTION(path_filestat_get),
    WASI_FUNCTION(path_filestat_set_times),
    WASI_FUNCTION(path_link),
    WASI_FUNCTION(path_open),
    WASI_FUNCTION(path_readlink),
    WASI_FUNCTION(path_remove_directory),
    WASI_FUNCTION(path_rename),
    WASI_FUNCTION(path_symlink),
    WASI_FUNCTION(path_unlink_file),
    WASI_FUNCTION(poll_oneoff),
    WASI_FUNCTION(proc_exit),
    WASI_FUNCTION(proc_raise),
    WASI_FUNCTION(random_get),
    WASI_FUNCTION(sched_yield),
    WASI_FUNCTION(sock_accept),
    WASI_FUNCTION(sock_recv),
    WASI_FUNCTION(sock_send),
    WASI_FUNCTION(sock_shutdown),
};

#undef WASI_FUNCTION

bool lessByName(const WasiFunction &f, std::string_view name) { return f.name < name; }

} // namespace

std::span<const WasiFunction> wasiFunctions() { return kFunctions; }

const WasiFunction *findWasiFunction(std::string_view name) {
  auto it = std::lower_bound(std::begin(kFunctions), std::end(kFunctions), name, lessByName);
  return it != std::end(kFunctions) && it->name == name ? it : nullptr;
}

} // namespace wasmaot::wasi

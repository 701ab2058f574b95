// Protects the import table the runtime binds wasi_snapshot_preview1 from:
// every function wasi-libc can import is there, with the wasm signature
// clang-14 + Debian's wasi-libc give the import (taken from wasm-objdump).
#include "runtime/wasi/Wasi.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace wasmaot::wasi {
namespace {

// name → "params->results", as in the type section of a wasi-libc program.
const std::map<std::string, std::string> kExpected = {
    {"args_get", "ii->i"},
    {"args_sizes_get", "ii->i"},
    {"clock_res_get", "ii->i"},
    {"clock_time_get", "iIi->i"},
    {"environ_get", "ii->i"},
    {"environ_sizes_get", "ii->i"},
    {"fd_advise", "iIIi->i"},
    {"fd_allocate", "iII->i"},
    {"fd_close", "i->i"},
    {"fd_datasync", "i->i"},
    {"fd_fdstat_get", "ii->i"},
    {"fd_fdstat_set_flags", "ii->i"},
    {"fd_fdstat_set_rights", "iII->i"},
    {"fd_filestat_get", "ii->i"},
    {"fd_filestat_set_size", "iI->i"},
    {"fd_filestat_set_times", "iIIi->i"},
    {"fd_pread", "iiiIi->i"},
    {"fd_prestat_dir_name", "iii->i"},
    {"fd_prestat_get", "ii->i"},
    {"fd_pwrite", "iiiIi->i"},
    {"fd_read", "iiii->i"},
    {"fd_readdir", "iiiIi->i"},
    {"fd_renumber", "ii->i"},
    {"fd_seek", "iIii->i"},
    {"fd_sync", "i->i"},
    {"fd_tell", "ii->i"},
    {"fd_write", "iiii->i"},
    {"path_create_directory", "iii->i"},
    {"path_filestat_get", "iiiii->i"},
    {"path_filestat_set_times", "iiiiIIi->i"},
    {"path_link", "iiiiiii->i"},
    {"path_open", "iiiiiIIii->i"},
    {"path_readlink", "iiiiii->i"},
    {"path_remove_directory", "iii->i"},
    {"path_rename", "iiiiii->i"},
    {"path_symlink", "iiiii->i"},
    {"path_unlink_file", "iii->i"},
    {"poll_oneoff", "iiii->i"},
    {"proc_exit", "i->"},
    {"proc_raise", "i->i"},
    {"random_get", "ii->i"},
    {"sched_yield", "->i"},
    {"sock_accept", "iii->i"},
    {"sock_recv", "iiiiii->i"},
    {"sock_send", "iiiii->i"},
    {"sock_shutdown", "ii->i"},
};

TEST(WasiFunctionTable, EverySpecFunctionWithItsSignature) {
  auto table = wasiFunctions();
  ASSERT_EQ(table.size(), kExpected.size());
  for (const auto &[name, sig] : kExpected) {
    const WasiFunction *f = findWasiFunction(name);
    ASSERT_NE(f, nullptr) << name;
    EXPECT_STREQ(f->name, name.c_str());
    EXPECT_EQ(std::string(f->params) + "->" + f->results, sig) << name;
    EXPECT_NE(f->fn, nullptr) << name;
  }
}

TEST(WasiFunctionTable, SortedAndLookupRejectsUnknownNames) {
  auto table = wasiFunctions();
  for (size_t i = 1; i < table.size(); ++i)
    EXPECT_LT(std::string(table[i - 1].name), std::string(table[i].name));
  EXPECT_EQ(findWasiFunction("fd_writ"), nullptr);
  EXPECT_EQ(findWasiFunction("fd_write2"), nullptr);
  EXPECT_EQ(findWasiFunction(""), nullptr);
  EXPECT_EQ(kWasiModuleName, "wasi_snapshot_preview1");
}

} // namespace
} // namespace wasmaot::wasi

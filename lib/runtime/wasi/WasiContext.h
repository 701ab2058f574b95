// WasiContext: the state of one WASI program: its arguments, environment,
// file-descriptor table (stdio and preopened directories first) and, once it
// called proc_exit, its exit code. Host functions find it in
// HostCallContext::userData.
#pragma once

#include "runtime/wasi/WasiTypes.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::wasi {

/// A host directory the guest may use, and the name the guest sees it under
/// (fd_prestat_dir_name); wasi-libc matches the guest's paths against it.
struct WasiPreopen {
  std::string hostPath;
  std::string guestPath;
};

/// Parses the command-line form `HOST[::GUEST]` (GUEST defaults to HOST).
WasiPreopen parseDirOption(std::string_view spec);

struct WasiOptions {
  std::vector<std::string> args;    ///< argv, argv[0] included
  std::vector<std::string> environ; ///< "NAME=value" strings
  /// Host fds behind guest fds 0, 1, 2 (not owned: never closed by the context).
  /// A negative value leaves that guest fd closed.
  int stdinFd = 0, stdoutFd = 1, stderrFd = 2;
  std::vector<WasiPreopen> preopens; ///< guest fds 3, 4, ... in this order
};

/// One entry of a directory listing, as fd_readdir returns it.
struct DirEntry {
  std::string name;
  uint64_t ino = 0;
  FileType type = kFileUnknown;
};

/// What a guest fd stands for.
struct FdEntry {
  int hostFd = -1;
  bool ownsHostFd = true; ///< close hostFd when the guest fd is closed
  FileType type = kFileUnknown;
  uint64_t rightsBase = 0;
  uint64_t rightsInheriting = 0;
  std::optional<std::string> preopenName; ///< set for preopened directories
  /// fd_readdir's snapshot of the directory, taken when a listing starts
  /// (cookie 0), so cookies stay stable while the guest reads it in pieces.
  std::vector<DirEntry> dirSnapshot;
  bool hasDirSnapshot = false;
};

/// Guest fd numbers → entries. New fds take the lowest free number.
class FdTable {
public:
  FdTable() = default;
  FdTable(const FdTable &) = delete;
  FdTable &operator=(const FdTable &) = delete;
  ~FdTable();

  /// The entry of guest fd `fd`, or null if it is not open.
  FdEntry *get(uint32_t fd) const;
  /// Adds an entry under the lowest free guest fd and returns that fd.
  uint32_t insert(std::unique_ptr<FdEntry> entry);
  /// Puts `entry` (may be null) at guest fd `fd`, closing what was there.
  void place(uint32_t fd, std::unique_ptr<FdEntry> entry);
  /// Closes guest fd `fd` (and its host fd if owned). False if it was not open.
  bool close(uint32_t fd);
  /// Moves `from` onto `to` (closing what `to` held). Both must be open.
  bool renumber(uint32_t from, uint32_t to);

private:
  std::vector<std::unique_ptr<FdEntry>> slots_;
};

class WasiContext {
public:
  /// Builds the fd table: stdio, then one fd per preopen. Returns null and sets
  /// `error` if a preopened directory cannot be opened.
  static std::unique_ptr<WasiContext> create(const WasiOptions &options, std::string &error);

  std::vector<std::string> args;
  std::vector<std::string> environ;
  FdTable fds;
  /// Set by proc_exit before it leaves wasm.
  std::optional<int32_t> exitCode;
};

} // namespace wasmaot::wasi

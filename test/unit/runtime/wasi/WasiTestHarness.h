// WasiTestHarness: calls WASI host functions directly, the way generated code
// would, over a fake HostCallContext whose memory is a std::vector; plus a
// self-deleting temporary directory for the file-system tests.
#pragma once

#include "runtime/HostCall.h"
#include "runtime/wasi/HostFunctions.h"
#include "runtime/wasi/WasiContext.h"
#include "runtime/wasi/WasiTypes.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <ftw.h>
#include <memory>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace wasmaot::wasi::test {

/// A WasiContext, a 64 KiB guest memory and the HostCallContext tying them.
class WasiHarness {
public:
  explicit WasiHarness(const WasiOptions &options = {}, size_t memorySize = 65536)
      : bytes_(memorySize, 0) {
    std::string error;
    wasi_ = WasiContext::create(options, error);
    EXPECT_TRUE(wasi_) << error;
    memory_.base = bytes_.data();
    memory_.length = bytes_.size();
    ctx_.memory = &memory_;
    ctx_.userData = wasi_.get();
  }

  runtime::HostCallContext *ctx() { return &ctx_; }
  WasiContext &wasi() { return *wasi_; }
  uint32_t memorySize() const { return uint32_t(bytes_.size()); }
  uint8_t *bytes() { return bytes_.data(); }

  uint32_t u32(uint32_t at) const { return load<uint32_t>(at); }
  uint64_t u64(uint32_t at) const { return load<uint64_t>(at); }
  uint16_t u16(uint32_t at) const { return load<uint16_t>(at); }
  uint8_t u8(uint32_t at) const { return bytes_.at(at); }
  void setU32(uint32_t at, uint32_t v) { std::memcpy(&bytes_.at(at + 3) - 3, &v, 4); }
  void setU64(uint32_t at, uint64_t v) { std::memcpy(&bytes_.at(at + 7) - 7, &v, 8); }
  void setU16(uint32_t at, uint16_t v) { std::memcpy(&bytes_.at(at + 1) - 1, &v, 2); }
  void setU8(uint32_t at, uint8_t v) { bytes_.at(at) = v; }
  /// Writes `s` (no NUL) at `at`.
  void put(uint32_t at, std::string_view s) {
    ASSERT_LE(at + s.size(), bytes_.size());
    std::memcpy(bytes_.data() + at, s.data(), s.size());
  }
  std::string str(uint32_t at, uint32_t len) const {
    return std::string(reinterpret_cast<const char *>(bytes_.data() + at), len);
  }
  /// One iovec {buf, len} at `at`.
  void iovec(uint32_t at, uint32_t buf, uint32_t len) {
    setU32(at, buf);
    setU32(at + 4, len);
  }

  // Scratch areas the tests use: a path, iovecs, out-parameters, data.
  static constexpr uint32_t kPath = 0x1000, kPath2 = 0x1800, kIovs = 0x2000, kOut = 0x2100,
                            kOut2 = 0x2108, kData = 0x4000;

  /// path_open(dirFd, path) with `oflags` and full rights; the new fd or ~0u.
  uint32_t open(uint32_t dirFd, std::string_view path, uint32_t oflags = 0,
                uint32_t lookup = kLookupSymlinkFollow, uint32_t *err = nullptr) {
    put(kPath, path);
    uint32_t e = path_open(ctx(), dirFd, lookup, kPath, uint32_t(path.size()), oflags,
                           ~0ull, ~0ull, 0, kOut);
    if (err)
      *err = e;
    return e == kSuccess ? u32(kOut) : ~0u;
  }
  /// path_open's errno for `path` under `dirFd` (read-only, no creation).
  uint32_t openErrno(uint32_t dirFd, std::string_view path,
                     uint32_t lookup = kLookupSymlinkFollow) {
    uint32_t e;
    uint32_t fd = open(dirFd, path, 0, lookup, &e);
    if (fd != ~0u)
      fd_close(ctx(), fd);
    return e;
  }
  /// Writes `text` to guest fd `fd` with one fd_write; the errno.
  uint32_t write(uint32_t fd, std::string_view text) {
    put(kData, text);
    iovec(kIovs, kData, uint32_t(text.size()));
    return fd_write(ctx(), fd, kIovs, 1, kOut);
  }

private:
  template <class T> T load(uint32_t at) const {
    T v;
    EXPECT_LE(uint64_t(at) + sizeof(T), bytes_.size());
    std::memcpy(&v, bytes_.data() + at, sizeof(T));
    return v;
  }

  std::vector<uint8_t> bytes_;
  codegen::VMMemory memory_{};
  runtime::HostCallContext ctx_{};
  std::unique_ptr<WasiContext> wasi_;
};

/// A fresh directory under $TMPDIR, removed with everything in it.
class TempDir {
public:
  TempDir() {
    const char *tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/wasmaot-wasi-XXXXXX";
    path_ = mkdtemp(templ.data()) ? templ : "";
    EXPECT_FALSE(path_.empty());
  }
  ~TempDir() {
    if (!path_.empty())
      nftw(path_.c_str(), removeOne, 16, FTW_DEPTH | FTW_PHYS);
  }
  const std::string &path() const { return path_; }
  std::string operator/(std::string_view name) const { return path_ + "/" + std::string(name); }

  void file(std::string_view name, std::string_view contents) const {
    int fd = ::open((*this / name).c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ASSERT_GE(fd, 0) << name;
    ASSERT_EQ(::write(fd, contents.data(), contents.size()), ssize_t(contents.size()));
    ::close(fd);
  }
  void dir(std::string_view name) const { ASSERT_EQ(::mkdir((*this / name).c_str(), 0755), 0); }
  void symlink(std::string_view name, std::string_view target) const {
    ASSERT_EQ(::symlink(std::string(target).c_str(), (*this / name).c_str()), 0);
  }
  bool exists(std::string_view name) const {
    struct stat st;
    return ::lstat((*this / name).c_str(), &st) == 0;
  }

private:
  static int removeOne(const char *path, const struct stat *, int, struct FTW *) {
    return ::remove(path);
  }
  std::string path_;
};

} // namespace wasmaot::wasi::test

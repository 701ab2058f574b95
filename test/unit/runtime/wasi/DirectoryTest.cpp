// Protects what wasi-libc's startup and opendir/readdir/stat need: preopen
// discovery (fd_prestat_get from fd 3 until EBADF), fd_readdir's dirent
// layout, cookies and cut-off last entry, and the filestat records.
#include "WasiTestHarness.h"

#include <map>

namespace wasmaot::wasi::test {
namespace {

using H = WasiHarness;

TEST(WasiPrestat, PreopensAreDiscoverableFromFdThree) {
  TempDir one, two;
  WasiOptions o;
  o.preopens = {{one.path(), "/data"}, parseDirOption(two.path() + "::.")};
  WasiHarness h(o);
  ASSERT_EQ(fd_prestat_get(h.ctx(), 3, H::kOut), kSuccess);
  EXPECT_EQ(h.u8(H::kOut), kPreopenDir);
  EXPECT_EQ(h.u32(H::kOut + 4), 5u);
  ASSERT_EQ(fd_prestat_dir_name(h.ctx(), 3, H::kData, 5), kSuccess);
  EXPECT_EQ(h.str(H::kData, 5), "/data");
  EXPECT_EQ(fd_prestat_dir_name(h.ctx(), 3, H::kData, 4), kNameTooLong);
  EXPECT_EQ(fd_prestat_dir_name(h.ctx(), 3, h.memorySize() - 4, 5), kFault);
  ASSERT_EQ(fd_prestat_get(h.ctx(), 4, H::kOut), kSuccess);
  EXPECT_EQ(h.u32(H::kOut + 4), 1u);
  EXPECT_EQ(fd_prestat_get(h.ctx(), 5, H::kOut), kBadf) << "the end of the preopens";
  EXPECT_EQ(fd_prestat_get(h.ctx(), 1, H::kOut), kBadf) << "stdout is no preopen";
  EXPECT_EQ(fd_prestat_get(h.ctx(), 3, h.memorySize() - 7), kFault);
}

TEST(WasiPrestat, ParseDirOption) {
  EXPECT_EQ(parseDirOption("/tmp").hostPath, "/tmp");
  EXPECT_EQ(parseDirOption("/tmp").guestPath, "/tmp");
  EXPECT_EQ(parseDirOption("/tmp/x::/y").hostPath, "/tmp/x");
  EXPECT_EQ(parseDirOption("/tmp/x::/y").guestPath, "/y");
}

TEST(WasiPrestat, MissingPreopenIsAnError) {
  WasiOptions o;
  o.preopens = {{"/nonexistent/wasmaot", "/x"}};
  std::string error;
  EXPECT_EQ(WasiContext::create(o, error), nullptr);
  EXPECT_NE(error.find("/nonexistent/wasmaot"), std::string::npos);
}

/// Parses a fd_readdir buffer: name → (type, d_next); `complete` is false if
/// the last entry was cut.
std::map<std::string, std::pair<uint8_t, uint64_t>> parseDirents(WasiHarness &h, uint32_t buf,
                                                                 uint32_t used, bool &complete) {
  std::map<std::string, std::pair<uint8_t, uint64_t>> out;
  uint32_t at = 0;
  complete = true;
  while (at < used) {
    if (used - at < 24) {
      complete = false;
      break;
    }
    uint64_t next = h.u64(buf + at);
    uint32_t namlen = h.u32(buf + at + 16);
    uint8_t type = h.u8(buf + at + 20);
    if (used - at - 24 < namlen) {
      complete = false;
      break;
    }
    out[h.str(buf + at + 24, namlen)] = {type, next};
    at += 24 + namlen;
  }
  return out;
}

TEST(WasiReaddir, ListsEntriesWithTypes) {
  TempDir tmp;
  tmp.file("file.txt", "x");
  tmp.dir("sub");
  tmp.symlink("link", "file.txt");
  WasiOptions o;
  o.preopens = {{tmp.path(), "."}};
  WasiHarness h(o);
  ASSERT_EQ(fd_readdir(h.ctx(), 3, H::kData, 4096, 0, H::kOut), kSuccess);
  bool complete;
  auto entries = parseDirents(h, H::kData, h.u32(H::kOut), complete);
  EXPECT_TRUE(complete);
  EXPECT_LT(h.u32(H::kOut), 4096u);
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries["file.txt"].first, kFileRegular);
  EXPECT_EQ(entries["sub"].first, kFileDirectory);
  EXPECT_EQ(entries["link"].first, kFileSymlink);
  EXPECT_EQ(entries["."].first, kFileDirectory);
  EXPECT_EQ(entries[".."].first, kFileDirectory);
}

TEST(WasiReaddir, SmallBuffersCutTheLastEntryAndCookiesResume) {
  TempDir tmp;
  for (int i = 0; i < 20; ++i)
    tmp.file("entry-" + std::to_string(i), "");
  WasiOptions o;
  o.preopens = {{tmp.path(), "."}};
  WasiHarness h(o);
  uint32_t dirFd = h.open(3, ".", kOflagDirectory);
  ASSERT_NE(dirFd, ~0u);
  std::map<std::string, int> seen;
  uint64_t cookie = 0;
  for (int round = 0; round < 100; ++round) {
    ASSERT_EQ(fd_readdir(h.ctx(), dirFd, H::kData, 70, cookie, H::kOut), kSuccess);
    uint32_t used = h.u32(H::kOut);
    bool complete;
    auto entries = parseDirents(h, H::kData, used, complete);
    for (auto &[name, te] : entries) {
      ++seen[name];
      cookie = std::max(cookie, te.second);
    }
    if (used < 70)
      break; // the end of the directory
    EXPECT_FALSE(entries.empty()) << "a 70-byte buffer holds at least one entry here";
  }
  EXPECT_EQ(seen.size(), 22u);
  for (auto &[name, count] : seen)
    EXPECT_EQ(count, 1) << name;
  ASSERT_EQ(fd_readdir(h.ctx(), dirFd, H::kData, 70, 1000, H::kOut), kSuccess);
  EXPECT_EQ(h.u32(H::kOut), 0u) << "a cookie past the end reads nothing";
}

TEST(WasiReaddir, ErrorsOnFilesAndBadBuffers) {
  TempDir tmp;
  tmp.file("f", "");
  WasiOptions o;
  o.preopens = {{tmp.path(), "."}};
  WasiHarness h(o);
  uint32_t fd = h.open(3, "f");
  EXPECT_EQ(fd_readdir(h.ctx(), fd, H::kData, 100, 0, H::kOut), kNotCapable);
  EXPECT_EQ(fd_readdir(h.ctx(), 3, h.memorySize() - 10, 100, 0, H::kOut), kFault);
  EXPECT_EQ(fd_readdir(h.ctx(), 3, H::kData, 100, 0, h.memorySize()), kFault);
}

TEST(WasiFilestat, FdAndPathFilestatAndSetSize) {
  TempDir tmp;
  tmp.file("f", "12345");
  WasiOptions o;
  o.preopens = {{tmp.path(), "."}};
  WasiHarness h(o);
  uint32_t fd = h.open(3, "f");
  ASSERT_EQ(fd_filestat_get(h.ctx(), fd, H::kData), kSuccess);
  struct stat st;
  ASSERT_EQ(::stat((tmp / "f").c_str(), &st), 0);
  EXPECT_EQ(h.u64(H::kData + 0), uint64_t(st.st_dev));
  EXPECT_EQ(h.u64(H::kData + 8), uint64_t(st.st_ino));
  EXPECT_EQ(h.u8(H::kData + 16), kFileRegular);
  EXPECT_EQ(h.u64(H::kData + 24), 1u);
  EXPECT_EQ(h.u64(H::kData + 32), 5u);
  EXPECT_EQ(h.u64(H::kData + 48),
            uint64_t(st.st_mtim.tv_sec) * 1000000000ull + uint64_t(st.st_mtim.tv_nsec));

  ASSERT_EQ(fd_filestat_set_size(h.ctx(), fd, 2), kSuccess);
  h.put(H::kPath, "f");
  ASSERT_EQ(path_filestat_get(h.ctx(), 3, 0, H::kPath, 1, H::kData), kSuccess);
  EXPECT_EQ(h.u64(H::kData + 32), 2u);
  EXPECT_EQ(fd_filestat_get(h.ctx(), fd, h.memorySize() - 63), kFault);
  EXPECT_EQ(path_filestat_get(h.ctx(), 3, 0, H::kPath, 1, h.memorySize() - 8), kFault);

  // Times: set mtim explicitly, atim to now.
  ASSERT_EQ(fd_filestat_set_times(h.ctx(), fd, 0, 1234567890123456789ull,
                                  kFstMtim | kFstAtimNow),
            kSuccess);
  ASSERT_EQ(::stat((tmp / "f").c_str(), &st), 0);
  EXPECT_EQ(st.st_mtim.tv_sec, 1234567890);
  EXPECT_EQ(st.st_mtim.tv_nsec, 123456789);
  EXPECT_EQ(fd_filestat_set_times(h.ctx(), fd, 0, 0, kFstMtim | kFstMtimNow), kInval);

  ASSERT_EQ(fd_filestat_get(h.ctx(), 3, H::kData), kSuccess);
  EXPECT_EQ(h.u8(H::kData + 16), kFileDirectory);
}

TEST(WasiFdstat, FlagsAndAppend) {
  TempDir tmp;
  tmp.file("f", "ab");
  WasiOptions o;
  o.preopens = {{tmp.path(), "."}};
  WasiHarness h(o);
  uint32_t fd = h.open(3, "f");
  ASSERT_EQ(fd_fdstat_get(h.ctx(), fd, H::kData), kSuccess);
  EXPECT_EQ(h.u8(H::kData), kFileRegular);
  EXPECT_EQ(h.u16(H::kData + 2), 0u);
  EXPECT_TRUE(h.u64(H::kData + 8) & rights::FdSeek);
  ASSERT_EQ(fd_fdstat_set_flags(h.ctx(), fd, kFdflagAppend), kSuccess);
  ASSERT_EQ(fd_fdstat_get(h.ctx(), fd, H::kData), kSuccess);
  EXPECT_EQ(h.u16(H::kData + 2), kFdflagAppend);
  ASSERT_EQ(h.write(fd, "cd"), kSuccess);
  EXPECT_EQ(fd_fdstat_set_flags(h.ctx(), fd, kFdflagSync), kNotSup);
  EXPECT_EQ(fd_fdstat_set_flags(h.ctx(), fd, 0x100), kInval);
  h.iovec(H::kIovs, H::kData, 10);
  ASSERT_EQ(fd_pread(h.ctx(), fd, H::kIovs, 1, 0, H::kOut), kSuccess);
  EXPECT_EQ(h.str(H::kData, h.u32(H::kOut)), "abcd");

  ASSERT_EQ(fd_fdstat_get(h.ctx(), 3, H::kData), kSuccess);
  EXPECT_EQ(h.u8(H::kData), kFileDirectory);
  EXPECT_TRUE(h.u64(H::kData + 8) & rights::PathOpen);
  EXPECT_TRUE(h.u64(H::kData + 16) & rights::FdRead) << "files below may be read";
}

TEST(WasiFdManage, SyncAdviseAllocate) {
  TempDir tmp;
  tmp.file("f", "");
  WasiOptions o;
  o.preopens = {{tmp.path(), "."}};
  WasiHarness h(o);
  uint32_t fd = h.open(3, "f");
  EXPECT_EQ(fd_sync(h.ctx(), fd), kSuccess);
  EXPECT_EQ(fd_datasync(h.ctx(), fd), kSuccess);
  EXPECT_EQ(fd_advise(h.ctx(), fd, 0, 0, kAdviceSequential), kSuccess);
  EXPECT_EQ(fd_advise(h.ctx(), fd, 0, 0, 9), kInval);
  uint32_t err = fd_allocate(h.ctx(), fd, 0, 100);
  EXPECT_TRUE(err == kSuccess || err == kNotSup) << err;
  if (err == kSuccess) {
    ASSERT_EQ(fd_filestat_get(h.ctx(), fd, H::kData), kSuccess);
    EXPECT_EQ(h.u64(H::kData + 32), 100u);
  }
}

} // namespace
} // namespace wasmaot::wasi::test

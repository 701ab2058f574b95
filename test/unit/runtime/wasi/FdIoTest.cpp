// Protects fd_read/fd_write on redirected stdio, seek/tell/pread/pwrite on a
// file, the rights stdio fds get (wasi-libc's isatty looks at them), and
// EFAULT on iovecs pointing outside memory.
#include "WasiTestHarness.h"

namespace wasmaot::wasi::test {
namespace {

struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() { EXPECT_EQ(::pipe(fds), 0); }
  ~Pipe() {
    for (int fd : fds)
      if (fd >= 0)
        ::close(fd);
  }
  int readEnd() const { return fds[0]; }
  int writeEnd() const { return fds[1]; }
  std::string drain() {
    ::close(fds[1]);
    fds[1] = -1;
    std::string out;
    char buf[256];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof(buf))) > 0)
      out.append(buf, size_t(n));
    return out;
  }
};

TEST(WasiFdIo, WriteToRedirectedStdoutWithSeveralIovecs) {
  Pipe out;
  WasiOptions o;
  o.stdoutFd = out.writeEnd();
  WasiHarness h(o);
  h.put(WasiHarness::kData, "hello, world\n");
  h.iovec(WasiHarness::kIovs, WasiHarness::kData, 7);
  h.iovec(WasiHarness::kIovs + 8, WasiHarness::kData + 7, 0);
  h.iovec(WasiHarness::kIovs + 16, WasiHarness::kData + 7, 6);
  ASSERT_EQ(fd_write(h.ctx(), 1, WasiHarness::kIovs, 3, WasiHarness::kOut), kSuccess);
  EXPECT_EQ(h.u32(WasiHarness::kOut), 13u);
  EXPECT_EQ(out.drain(), "hello, world\n");
}

TEST(WasiFdIo, ReadFromRedirectedStdin) {
  Pipe in;
  ASSERT_EQ(::write(in.writeEnd(), "abcdef", 6), 6);
  ::close(in.fds[1]);
  in.fds[1] = -1;
  WasiOptions o;
  o.stdinFd = in.readEnd();
  WasiHarness h(o);
  h.iovec(WasiHarness::kIovs, WasiHarness::kData, 2);
  h.iovec(WasiHarness::kIovs + 8, WasiHarness::kData + 10, 10);
  ASSERT_EQ(fd_read(h.ctx(), 0, WasiHarness::kIovs, 2, WasiHarness::kOut), kSuccess);
  EXPECT_EQ(h.u32(WasiHarness::kOut), 6u);
  EXPECT_EQ(h.str(WasiHarness::kData, 2), "ab");
  EXPECT_EQ(h.str(WasiHarness::kData + 10, 4), "cdef");
  ASSERT_EQ(fd_read(h.ctx(), 0, WasiHarness::kIovs, 2, WasiHarness::kOut), kSuccess);
  EXPECT_EQ(h.u32(WasiHarness::kOut), 0u) << "end of file";
}

TEST(WasiFdIo, IovecsOutsideMemoryAreEfault) {
  Pipe out;
  WasiOptions o;
  o.stdoutFd = out.writeEnd();
  WasiHarness h(o);
  const uint32_t end = h.memorySize();
  h.iovec(WasiHarness::kIovs, end - 4, 5); // buffer one byte too long
  EXPECT_EQ(fd_write(h.ctx(), 1, WasiHarness::kIovs, 1, WasiHarness::kOut), kFault);
  h.iovec(WasiHarness::kIovs, 0xfffffff0, 0x20); // wraps in 32 bits
  EXPECT_EQ(fd_write(h.ctx(), 1, WasiHarness::kIovs, 1, WasiHarness::kOut), kFault);
  EXPECT_EQ(fd_write(h.ctx(), 1, end - 4, 1, WasiHarness::kOut), kFault); // the iovec itself
  EXPECT_EQ(fd_write(h.ctx(), 1, WasiHarness::kIovs, 0x40000000, WasiHarness::kOut), kFault);
  h.iovec(WasiHarness::kIovs, WasiHarness::kData, 1);
  EXPECT_EQ(fd_write(h.ctx(), 1, WasiHarness::kIovs, 1, end - 3), kFault); // nwritten
  EXPECT_EQ(fd_read(h.ctx(), 0, WasiHarness::kIovs, 1, 0xffffffff), kFault);
  h.put(end - 4, "last");
  h.iovec(WasiHarness::kIovs, end - 4, 4); // exactly at the end is fine
  EXPECT_EQ(fd_write(h.ctx(), 1, WasiHarness::kIovs, 1, WasiHarness::kOut), kSuccess);
  EXPECT_EQ(out.drain(), "last") << "nothing may be written when a pointer is bad";
}

TEST(WasiFdIo, BadFdsAreEbadf) {
  WasiHarness h;
  h.iovec(WasiHarness::kIovs, WasiHarness::kData, 1);
  EXPECT_EQ(fd_write(h.ctx(), 9, WasiHarness::kIovs, 1, WasiHarness::kOut), kBadf);
  EXPECT_EQ(fd_read(h.ctx(), 0xffffffff, WasiHarness::kIovs, 1, WasiHarness::kOut), kBadf);
  EXPECT_EQ(fd_close(h.ctx(), 9), kBadf);
}

TEST(WasiFdIo, ClosedStdioFdStaysClosedAndPreopensStillStartAtThree) {
  TempDir tmp;
  WasiOptions o;
  o.stdinFd = -1;
  o.preopens = {{tmp.path(), "/sandbox"}};
  WasiHarness h(o);
  EXPECT_EQ(fd_fdstat_get(h.ctx(), 0, WasiHarness::kOut), kBadf);
  EXPECT_EQ(fd_prestat_get(h.ctx(), 3, WasiHarness::kOut), kSuccess);
}

TEST(WasiFdIo, SeekTellPreadPwriteOnAFile) {
  TempDir tmp;
  tmp.file("data.txt", "0123456789");
  WasiOptions o;
  o.preopens = {{tmp.path(), "."}};
  WasiHarness h(o);
  uint32_t fd = h.open(3, "data.txt");
  ASSERT_NE(fd, ~0u);
  EXPECT_EQ(fd, 4u) << "lowest free fd";
  using H = WasiHarness;
  ASSERT_EQ(fd_seek(h.ctx(), fd, 4, kWhenceSet, H::kOut), kSuccess);
  EXPECT_EQ(h.u64(H::kOut), 4u);
  h.iovec(H::kIovs, H::kData, 3);
  ASSERT_EQ(fd_read(h.ctx(), fd, H::kIovs, 1, H::kOut), kSuccess);
  EXPECT_EQ(h.str(H::kData, 3), "456");
  ASSERT_EQ(fd_tell(h.ctx(), fd, H::kOut), kSuccess);
  EXPECT_EQ(h.u64(H::kOut), 7u);
  ASSERT_EQ(fd_seek(h.ctx(), fd, uint64_t(-2), kWhenceEnd, H::kOut), kSuccess);
  EXPECT_EQ(h.u64(H::kOut), 8u);
  ASSERT_EQ(fd_seek(h.ctx(), fd, uint64_t(-1), kWhenceCur, H::kOut), kSuccess);
  EXPECT_EQ(h.u64(H::kOut), 7u);
  EXPECT_EQ(fd_seek(h.ctx(), fd, 0, 3, H::kOut), kInval);
  EXPECT_EQ(fd_seek(h.ctx(), fd, uint64_t(-100), kWhenceCur, H::kOut), kInval);

  h.put(H::kData, "AB");
  h.iovec(H::kIovs, H::kData, 2);
  ASSERT_EQ(fd_pwrite(h.ctx(), fd, H::kIovs, 1, 1, H::kOut), kSuccess);
  EXPECT_EQ(h.u32(H::kOut), 2u);
  h.iovec(H::kIovs, H::kData + 100, 10);
  ASSERT_EQ(fd_pread(h.ctx(), fd, H::kIovs, 1, 0, H::kOut), kSuccess);
  EXPECT_EQ(h.u32(H::kOut), 10u);
  EXPECT_EQ(h.str(H::kData + 100, 10), "0AB3456789");
  ASSERT_EQ(fd_tell(h.ctx(), fd, H::kOut), kSuccess);
  EXPECT_EQ(h.u64(H::kOut), 7u) << "pread/pwrite leave the position alone";

  ASSERT_EQ(fd_close(h.ctx(), fd), kSuccess);
  EXPECT_EQ(fd_tell(h.ctx(), fd, H::kOut), kBadf);
}

TEST(WasiFdIo, StreamsCannotSeekAndLookLikeStreams) {
  Pipe out;
  WasiOptions o;
  o.stdoutFd = out.writeEnd();
  WasiHarness h(o);
  using H = WasiHarness;
  EXPECT_EQ(fd_seek(h.ctx(), 1, 0, kWhenceCur, H::kOut), kSpipe);
  EXPECT_EQ(fd_tell(h.ctx(), 1, H::kOut), kSpipe);
  ASSERT_EQ(fd_fdstat_get(h.ctx(), 1, H::kOut), kSuccess);
  EXPECT_EQ(h.u8(H::kOut), kFileUnknown) << "a pipe has no WASI file type";
  const uint64_t base = h.u64(H::kOut + 8);
  EXPECT_TRUE(base & rights::FdWrite);
  EXPECT_FALSE(base & (rights::FdSeek | rights::FdTell));
  EXPECT_EQ(fd_fdstat_get(h.ctx(), 1, h.memorySize() - 23), kFault);
}

TEST(WasiFdIo, RightsAreEnforced) {
  TempDir tmp;
  tmp.file("f", "x");
  WasiOptions o;
  o.preopens = {{tmp.path(), "."}};
  WasiHarness h(o);
  using H = WasiHarness;
  // Open read-only: rights without FdWrite.
  h.put(H::kPath, "f");
  ASSERT_EQ(path_open(h.ctx(), 3, 0, H::kPath, 1, 0, rights::FdRead | rights::FdSeek, 0, 0,
                      H::kOut),
            kSuccess);
  uint32_t fd = h.u32(H::kOut);
  EXPECT_EQ(h.write(fd, "y"), kNotCapable);
  // Rights can be dropped, not gained.
  EXPECT_EQ(fd_fdstat_set_rights(h.ctx(), fd, rights::FdRead | rights::FdWrite, 0), kNotCapable);
  EXPECT_EQ(fd_fdstat_set_rights(h.ctx(), fd, rights::FdSeek, 0), kSuccess);
  h.iovec(H::kIovs, H::kData, 1);
  EXPECT_EQ(fd_read(h.ctx(), fd, H::kIovs, 1, H::kOut), kNotCapable);
  // A file cannot be used as a directory.
  EXPECT_EQ(h.openErrno(fd, "x"), kNotDir);
}

TEST(WasiFdIo, RenumberMovesAnFd) {
  TempDir tmp;
  tmp.file("a", "A");
  tmp.file("b", "B");
  WasiOptions o;
  o.preopens = {{tmp.path(), "."}};
  WasiHarness h(o);
  using H = WasiHarness;
  uint32_t a = h.open(3, "a"), b = h.open(3, "b");
  ASSERT_EQ(fd_renumber(h.ctx(), a, b), kSuccess);
  EXPECT_EQ(fd_close(h.ctx(), a), kBadf);
  h.iovec(H::kIovs, H::kData, 1);
  ASSERT_EQ(fd_read(h.ctx(), b, H::kIovs, 1, H::kOut), kSuccess);
  EXPECT_EQ(h.str(H::kData, 1), "A");
  EXPECT_EQ(fd_renumber(h.ctx(), 40, b), kBadf);
  EXPECT_EQ(fd_renumber(h.ctx(), b, 40), kBadf);
}

} // namespace
} // namespace wasmaot::wasi::test

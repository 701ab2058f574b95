// Protects the sandbox: no guest path may reach outside its preopened
// directory, whether by absolute paths, `..`, or symlinks (absolute, climbing,
// looping), while paths and symlinks that stay inside keep working.
#include "WasiTestHarness.h"

namespace wasmaot::wasi::test {
namespace {

/// base/secret.txt (outside), base/root/ (the preopen, guest fd 3) holding
/// file.txt, a/b/deep.txt and symlinks of every kind.
class WasiSandbox : public ::testing::Test {
protected:
  void SetUp() override {
    base.file("secret.txt", "SECRET");
    base.dir("root");
    base.dir("root/a");
    base.dir("root/a/b");
    base.file("root/file.txt", "hello");
    base.file("root/a/b/deep.txt", "deep");
    base.symlink("root/link_in", "a/b");                // stays inside
    base.symlink("root/a/link_root", "..");             // back to the root: inside
    base.symlink("root/link_file", "a/b/deep.txt");     // to a file inside
    base.symlink("root/link_abs", "/etc");              // absolute
    base.symlink("root/link_up", "../secret.txt");      // climbs out
    base.symlink("root/a/link_up2", "../../secret.txt"); // climbs out from below
    base.symlink("root/a/b/link_sneaky", "../../a/../../root/file.txt"); // out and back in
    base.symlink("root/loop1", "loop2");
    base.symlink("root/loop2", "loop1");
    base.symlink("root/dangling", "newfile.txt");
    WasiOptions o;
    o.preopens = {{base / "root", "/sandbox"}};
    h = std::make_unique<WasiHarness>(o);
  }

  uint32_t open(std::string_view path, uint32_t lookup = kLookupSymlinkFollow) {
    return h->openErrno(3, path, lookup);
  }
  /// Opens `path` and returns its first bytes ("" on failure).
  std::string contents(std::string_view path) {
    uint32_t fd = h->open(3, path);
    if (fd == ~0u)
      return "";
    h->iovec(WasiHarness::kIovs, WasiHarness::kData, 64);
    EXPECT_EQ(fd_read(h->ctx(), fd, WasiHarness::kIovs, 1, WasiHarness::kOut), kSuccess);
    std::string s = h->str(WasiHarness::kData, h->u32(WasiHarness::kOut));
    fd_close(h->ctx(), fd);
    return s;
  }
  uint32_t call(uint32_t (*fn)(Ctx *, u32, u32, u32), std::string_view path) {
    h->put(WasiHarness::kPath, path);
    return fn(h->ctx(), 3, WasiHarness::kPath, uint32_t(path.size()));
  }

  TempDir base;
  std::unique_ptr<WasiHarness> h;
};

TEST_F(WasiSandbox, AbsolutePathsAreRefused) {
  EXPECT_EQ(open("/etc/passwd"), kNotCapable);
  EXPECT_EQ(open("/"), kNotCapable);
  EXPECT_EQ(open((base / "secret.txt")), kNotCapable);
  EXPECT_EQ(call(path_create_directory, "/tmp/x"), kNotCapable);
}

TEST_F(WasiSandbox, DotDotCannotClimbAboveTheRoot) {
  EXPECT_EQ(open(".."), kNotCapable);
  EXPECT_EQ(open("../secret.txt"), kNotCapable);
  EXPECT_EQ(open("a/../../secret.txt"), kNotCapable);
  EXPECT_EQ(open("a/b/../../../root/file.txt"), kNotCapable);
  EXPECT_EQ(open("./a/./../.."), kNotCapable);
  EXPECT_EQ(call(path_unlink_file, "../secret.txt"), kNotCapable);
  EXPECT_EQ(call(path_create_directory, "a/../../escaped"), kNotCapable);
  EXPECT_FALSE(base.exists("escaped"));
  EXPECT_TRUE(base.exists("secret.txt"));
}

TEST_F(WasiSandbox, DotDotInsideIsFine) {
  EXPECT_EQ(contents("a/../file.txt"), "hello");
  EXPECT_EQ(contents("a/b/../../a/b/deep.txt"), "deep");
  EXPECT_EQ(contents("./file.txt"), "hello");
  EXPECT_NE(h->open(3, "a/..", kOflagDirectory), ~0u);
  EXPECT_NE(h->open(3, ".", kOflagDirectory), ~0u);
  EXPECT_NE(h->open(3, "a/b/", 0), ~0u) << "a trailing slash opens the directory";
  EXPECT_EQ(open("."), kIsDir) << "a directory cannot be opened for writing";
}

TEST_F(WasiSandbox, SymlinksPointingOutsideAreRefused) {
  EXPECT_EQ(open("link_abs"), kNotCapable);
  EXPECT_EQ(open("link_abs/passwd"), kNotCapable);
  EXPECT_EQ(open("link_up"), kNotCapable);
  EXPECT_EQ(open("a/link_up2"), kNotCapable);
  EXPECT_EQ(open("a/b/link_sneaky"), kNotCapable) << "leaving and coming back is leaving";
  // Through a symlink in the middle of a path, even without SYMLINK_FOLLOW.
  EXPECT_EQ(open("link_abs/passwd", 0), kNotCapable);
  EXPECT_EQ(call(path_create_directory, "link_abs/wasmaot-escape"), kNotCapable);
  h->put(WasiHarness::kPath, "link_up");
  EXPECT_EQ(path_filestat_get(h->ctx(), 3, kLookupSymlinkFollow, WasiHarness::kPath, 7,
                              WasiHarness::kOut),
            kNotCapable);
}

TEST_F(WasiSandbox, SymlinkLoopsAreEloop) {
  EXPECT_EQ(open("loop1"), kLoop);
  EXPECT_EQ(open("loop1/x"), kLoop);
}

TEST_F(WasiSandbox, SymlinksThatStayInsideWork) {
  EXPECT_EQ(contents("link_in/deep.txt"), "deep");
  EXPECT_EQ(contents("link_file"), "deep");
  EXPECT_EQ(contents("a/link_root/file.txt"), "hello");
  EXPECT_EQ(contents("link_in/../b/deep.txt"), "deep") << "`..` after a link goes to its target's parent";
}

TEST_F(WasiSandbox, LastSymlinkIsNotFollowedWithoutTheFlag) {
  EXPECT_EQ(open("link_file", 0), kLoop); // O_NOFOLLOW semantics
  // path_filestat_get without the flag describes the link itself.
  h->put(WasiHarness::kPath, "link_file");
  ASSERT_EQ(path_filestat_get(h->ctx(), 3, 0, WasiHarness::kPath, 9, WasiHarness::kOut),
            kSuccess);
  EXPECT_EQ(h->u8(WasiHarness::kOut + 16), kFileSymlink);
  ASSERT_EQ(path_filestat_get(h->ctx(), 3, kLookupSymlinkFollow, WasiHarness::kPath, 9,
                              WasiHarness::kOut),
            kSuccess);
  EXPECT_EQ(h->u8(WasiHarness::kOut + 16), kFileRegular);
  EXPECT_EQ(h->u64(WasiHarness::kOut + 32), 4u);
}

TEST_F(WasiSandbox, CreatingThroughADanglingLinkStaysInside) {
  h->put(WasiHarness::kPath, "dangling");
  ASSERT_EQ(path_open(h->ctx(), 3, kLookupSymlinkFollow, WasiHarness::kPath, 8, kOflagCreat,
                      ~0ull, ~0ull, 0, WasiHarness::kOut),
            kSuccess);
  EXPECT_TRUE(base.exists("root/newfile.txt"));
  EXPECT_EQ(path_open(h->ctx(), 3, kLookupSymlinkFollow, WasiHarness::kPath, 8,
                      kOflagCreat | kOflagExcl, ~0ull, ~0ull, 0, WasiHarness::kOut),
            kExist);
}

TEST_F(WasiSandbox, SymlinkCreationRefusesAbsoluteTargets) {
  h->put(WasiHarness::kPath, "/etc/passwd");
  h->put(WasiHarness::kPath2, "mylink");
  EXPECT_EQ(path_symlink(h->ctx(), WasiHarness::kPath, 11, 3, WasiHarness::kPath2, 6),
            kNotCapable);
  EXPECT_FALSE(base.exists("root/mylink"));
  // A relative link that climbs out may exist, but is never followed out.
  h->put(WasiHarness::kPath, "../secret.txt");
  ASSERT_EQ(path_symlink(h->ctx(), WasiHarness::kPath, 13, 3, WasiHarness::kPath2, 6),
            kSuccess);
  EXPECT_EQ(open("mylink"), kNotCapable);
}

TEST_F(WasiSandbox, BadPathsAreRefused) {
  EXPECT_EQ(open(""), kNoEnt);
  EXPECT_EQ(open(std::string_view("file.txt\0x", 10)), kInval);
  EXPECT_EQ(open("nope/file.txt"), kNoEnt);
  EXPECT_EQ(open("file.txt/x"), kNotDir);
  EXPECT_EQ(open(std::string(5000, 'a')), kNameTooLong);
  // The path itself outside memory.
  EXPECT_EQ(path_open(h->ctx(), 3, 0, h->memorySize() - 2, 4, 0, ~0ull, ~0ull, 0,
                      WasiHarness::kOut),
            kFault);
  // The fd out-parameter outside memory: nothing is opened or created.
  h->put(WasiHarness::kPath, "created.txt");
  EXPECT_EQ(path_open(h->ctx(), 3, 0, WasiHarness::kPath, 11, kOflagCreat, ~0ull, ~0ull, 0,
                      h->memorySize()),
            kFault);
  EXPECT_FALSE(base.exists("root/created.txt"));
  EXPECT_EQ(h->openErrno(7, "file.txt"), kBadf);
}

TEST_F(WasiSandbox, DirectoryOperations) {
  EXPECT_EQ(call(path_create_directory, "newdir"), kSuccess);
  EXPECT_EQ(call(path_create_directory, "newdir"), kExist);
  EXPECT_TRUE(base.exists("root/newdir"));
  EXPECT_EQ(call(path_unlink_file, "newdir"), kIsDir);
  EXPECT_EQ(call(path_remove_directory, "newdir/"), kSuccess);
  EXPECT_FALSE(base.exists("root/newdir"));
  EXPECT_EQ(call(path_remove_directory, "a"), kNotEmpty);
  EXPECT_EQ(call(path_remove_directory, "."), kInval);
  EXPECT_EQ(call(path_unlink_file, "file.txt/"), kNotDir);
  EXPECT_EQ(call(path_unlink_file, "link_abs"), kSuccess) << "unlinking a link is not following it";
  EXPECT_EQ(call(path_unlink_file, "file.txt"), kSuccess);
  EXPECT_FALSE(base.exists("root/file.txt"));
}

TEST_F(WasiSandbox, RenameLinkReadlink) {
  using H = WasiHarness;
  h->put(H::kPath, "file.txt");
  h->put(H::kPath2, "a/moved.txt");
  ASSERT_EQ(path_rename(h->ctx(), 3, H::kPath, 8, 3, H::kPath2, 11), kSuccess);
  EXPECT_EQ(contents("a/moved.txt"), "hello");
  h->put(H::kPath2, "../moved.txt");
  EXPECT_EQ(path_rename(h->ctx(), 3, H::kPath, 8, 3, H::kPath2, 12), kNotCapable);

  h->put(H::kPath, "a/moved.txt");
  h->put(H::kPath2, "hard.txt");
  ASSERT_EQ(path_link(h->ctx(), 3, 0, H::kPath, 11, 3, H::kPath2, 8), kSuccess);
  EXPECT_EQ(contents("hard.txt"), "hello");
  h->put(H::kPath, "link_up");
  h->put(H::kPath2, "hard2.txt");
  EXPECT_EQ(path_link(h->ctx(), 3, kLookupSymlinkFollow, H::kPath, 7, 3, H::kPath2, 9),
            kNotCapable) << "no hard link to a file outside";

  h->put(H::kPath, "link_in");
  ASSERT_EQ(path_readlink(h->ctx(), 3, H::kPath, 7, H::kData, 64, H::kOut), kSuccess);
  EXPECT_EQ(h->str(H::kData, h->u32(H::kOut)), "a/b");
  ASSERT_EQ(path_readlink(h->ctx(), 3, H::kPath, 7, H::kData, 2, H::kOut), kSuccess);
  EXPECT_EQ(h->u32(H::kOut), 2u) << "cut to the buffer";
  h->put(H::kPath, "a");
  EXPECT_EQ(path_readlink(h->ctx(), 3, H::kPath, 1, H::kData, 64, H::kOut), kInval);
}

TEST_F(WasiSandbox, PathOnOpenedSubdirectoryIsSandboxedToo) {
  uint32_t sub = h->open(3, "a", kOflagDirectory);
  ASSERT_NE(sub, ~0u);
  EXPECT_EQ(h->openErrno(sub, "b/deep.txt"), kSuccess);
  // The opened directory is a new root: `..` from it is refused.
  EXPECT_EQ(h->openErrno(sub, "../file.txt"), kNotCapable);
  EXPECT_EQ(h->openErrno(sub, "link_root/file.txt"), kNotCapable);
}

} // namespace
} // namespace wasmaot::wasi::test

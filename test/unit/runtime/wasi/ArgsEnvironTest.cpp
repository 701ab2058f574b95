// Protects the argv/environ layout wasi-libc's startup code relies on (u32
// pointers into one buffer of NUL-terminated strings) and EFAULT on pointers
// that do not fit in memory.
#include "WasiTestHarness.h"

namespace wasmaot::wasi::test {
namespace {

WasiOptions argsAndEnv() {
  WasiOptions o;
  o.args = {"prog", "", "two words"};
  o.environ = {"HOME=/home/x", "EMPTY="};
  return o;
}

TEST(WasiArgs, SizesAndLayout) {
  WasiHarness h(argsAndEnv());
  ASSERT_EQ(args_sizes_get(h.ctx(), 0x100, 0x104), kSuccess);
  EXPECT_EQ(h.u32(0x100), 3u);
  EXPECT_EQ(h.u32(0x104), 5u + 1u + 10u);
  ASSERT_EQ(args_get(h.ctx(), 0x200, 0x300), kSuccess);
  EXPECT_EQ(h.u32(0x200), 0x300u);
  EXPECT_EQ(h.u32(0x204), 0x305u);
  EXPECT_EQ(h.u32(0x208), 0x306u);
  EXPECT_EQ(h.str(0x300, 16), std::string("prog\0\0two words\0", 16));
}

TEST(WasiEnviron, SizesAndLayout) {
  WasiHarness h(argsAndEnv());
  ASSERT_EQ(environ_sizes_get(h.ctx(), 0x100, 0x104), kSuccess);
  EXPECT_EQ(h.u32(0x100), 2u);
  EXPECT_EQ(h.u32(0x104), 13u + 7u);
  ASSERT_EQ(environ_get(h.ctx(), 0x200, 0x300), kSuccess);
  EXPECT_EQ(h.u32(0x200), 0x300u);
  EXPECT_EQ(h.u32(0x204), 0x30du);
  EXPECT_EQ(h.str(0x300, 20), std::string("HOME=/home/x\0EMPTY=\0", 20));
}

TEST(WasiArgs, EmptyListsAreFine) {
  WasiHarness h;
  ASSERT_EQ(args_sizes_get(h.ctx(), 0x100, 0x104), kSuccess);
  EXPECT_EQ(h.u32(0x100), 0u);
  EXPECT_EQ(h.u32(0x104), 0u);
  EXPECT_EQ(args_get(h.ctx(), h.memorySize(), h.memorySize()), kSuccess); // nothing to write
}

TEST(WasiArgs, OutOfRangePointersAreEfaultAndWriteNothing) {
  WasiHarness h(argsAndEnv());
  const uint32_t end = h.memorySize();
  EXPECT_EQ(args_sizes_get(h.ctx(), end - 2, 0x104), kFault);
  EXPECT_EQ(args_sizes_get(h.ctx(), 0x100, 0xffffffff), kFault);
  EXPECT_EQ(environ_sizes_get(h.ctx(), end, 0x104), kFault);
  // The pointer array fits but the string buffer runs one byte past the end.
  EXPECT_EQ(args_get(h.ctx(), 0x200, end - 15), kFault);
  EXPECT_EQ(h.u32(0x200), 0u) << "nothing may be written on EFAULT";
  EXPECT_EQ(args_get(h.ctx(), end - 8, 0x300), kFault);
  EXPECT_EQ(environ_get(h.ctx(), 0x200, 0xfffffff0), kFault);
  EXPECT_EQ(args_get(h.ctx(), 0x200, end - 16), kSuccess); // exactly fits
}

TEST(WasiArgs, NoMemoryMeansEfault) {
  WasiHarness h(argsAndEnv());
  h.ctx()->memory = nullptr;
  EXPECT_EQ(args_sizes_get(h.ctx(), 0, 4), kFault);
}

} // namespace
} // namespace wasmaot::wasi::test

// ReaderTest: LEB128 edge cases (maximum lengths, over-long encodings, unused
// bits, sign extension), counts against the bytes left, names and UTF-8.
#include "wasm/Reader.h"

#include <gtest/gtest.h>

#include <vector>

using namespace wasmaot::wasm;

namespace {

struct LebResult {
  bool ok;
  uint64_t value;
  std::string error;
  size_t pos;
};

LebResult leb(std::vector<uint8_t> bytes, unsigned bits, bool isSigned) {
  Reader r(bytes);
  const uint64_t v = r.leb(bits, isSigned);
  return {r.ok(), v, r.ok() ? "" : r.error().message, r.pos()};
}

} // namespace

TEST(ReaderTest, U32Basics) {
  EXPECT_EQ(leb({0x00}, 32, false).value, 0u);
  EXPECT_EQ(leb({0x7F}, 32, false).value, 127u);
  EXPECT_EQ(leb({0x80, 0x01}, 32, false).value, 128u);
  EXPECT_EQ(leb({0xE5, 0x8E, 0x26}, 32, false).value, 624485u);
}

TEST(ReaderTest, U32MaxAndPaddedEncodings) {
  auto r = leb({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 32, false);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.value, 0xFFFFFFFFu);
  // Padded (non-minimal) encodings within the maximum length are allowed.
  r = leb({0x80, 0x80, 0x80, 0x80, 0x00}, 32, false);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.value, 0u);
  EXPECT_EQ(r.pos, 5u);
}

TEST(ReaderTest, U32TooLong) {
  auto r = leb({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 32, false);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "integer representation too long");
}

TEST(ReaderTest, U32UnusedBitsSet) {
  auto r = leb({0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, 32, false);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "integer too large");
  r = leb({0x80, 0x80, 0x80, 0x80, 0x70}, 32, false);
  EXPECT_EQ(r.error, "integer too large");
}

TEST(ReaderTest, UnexpectedEnd) {
  EXPECT_EQ(leb({}, 32, false).error, "unexpected end");
  EXPECT_EQ(leb({0x80}, 32, false).error, "unexpected end");
  EXPECT_EQ(leb({0x80, 0x80, 0x80}, 64, true).error, "unexpected end");
}

TEST(ReaderTest, S32SignExtension) {
  EXPECT_EQ(int32_t(leb({0x7F}, 32, true).value), -1);
  EXPECT_EQ(int32_t(leb({0x40}, 32, true).value), -64);
  EXPECT_EQ(int32_t(leb({0x3F}, 32, true).value), 63);
  EXPECT_EQ(int32_t(leb({0xC0, 0x00}, 32, true).value), 64);
  EXPECT_EQ(int32_t(leb({0xFF, 0x7F}, 32, true).value), -1);
  auto r = leb({0x80, 0x80, 0x80, 0x80, 0x78}, 32, true);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(int32_t(r.value), INT32_MIN);
  r = leb({0xFF, 0xFF, 0xFF, 0xFF, 0x07}, 32, true);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(int32_t(r.value), INT32_MAX);
  // Padded -1 (all sign bits).
  r = leb({0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, 32, true);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(int32_t(r.value), -1);
}

TEST(ReaderTest, S32UnusedBitsMustBeSignExtension) {
  // Positive value with high unused bits set.
  EXPECT_EQ(leb({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 32, true).error, "integer too large");
  // Negative value with an unused bit clear.
  EXPECT_EQ(leb({0x80, 0x80, 0x80, 0x80, 0x70}, 32, true).error, "integer too large");
  EXPECT_EQ(leb({0x80, 0x80, 0x80, 0x80, 0x1F}, 32, true).error, "integer too large");
  EXPECT_EQ(leb({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, 32, true).error,
            "integer representation too long");
}

TEST(ReaderTest, S33) {
  EXPECT_EQ(int64_t(leb({0x7F}, 33, true).value), -1);
  auto r = leb({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 33, true); // 2^32-1
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(int64_t(r.value), 0xFFFFFFFFll);
  r = leb({0x80, 0x80, 0x80, 0x80, 0x70}, 33, true); // -2^32
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(int64_t(r.value), -(int64_t(1) << 32));
  EXPECT_EQ(leb({0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, 33, true).error, "integer too large");
  EXPECT_EQ(leb({0x80, 0x80, 0x80, 0x80, 0x50}, 33, true).error, "integer too large");
}

TEST(ReaderTest, S64) {
  auto r = leb({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F}, 64, true);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(int64_t(r.value), INT64_MIN);
  r = leb({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00}, 64, true);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(int64_t(r.value), INT64_MAX);
  EXPECT_EQ(leb({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, 64, true).error,
            "integer too large");
  EXPECT_EQ(leb({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7E}, 64, true).error,
            "integer too large");
  EXPECT_EQ(leb({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 64, true).error,
            "integer representation too long");
}

TEST(ReaderTest, U64) {
  auto r = leb({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}, 64, false);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.value, UINT64_MAX);
  EXPECT_EQ(leb({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02}, 64, false).error,
            "integer too large");
  EXPECT_EQ(leb({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 64, false).error,
            "integer representation too long");
}

TEST(ReaderTest, ErrorOffsetIsStartOfInteger) {
  std::vector<uint8_t> bytes = {0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  Reader r(bytes, 100);
  r.u8();
  r.u32();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 101u);
}

TEST(ReaderTest, CountAgainstBytesLeft) {
  std::vector<uint8_t> bytes = {0x05, 0x00, 0x00};
  Reader r(bytes);
  EXPECT_EQ(r.count(1), 0u);
  EXPECT_EQ(r.error().message, "length out of bounds");

  std::vector<uint8_t> two = {0x02, 0x00, 0x00};
  Reader r2(two);
  EXPECT_EQ(r2.count(2), 0u);
  EXPECT_EQ(r2.error().message, "unexpected end");

  Reader r3(two);
  EXPECT_EQ(r3.count(1), 2u);
  EXPECT_TRUE(r3.ok());

  // A huge count never allocates: it is rejected before any item is read.
  std::vector<uint8_t> huge = {0xFF, 0xFF, 0xFF, 0xFF, 0x0F};
  Reader r4(huge);
  EXPECT_EQ(r4.count(1), 0u);
  EXPECT_FALSE(r4.ok());
}

TEST(ReaderTest, FirstErrorWins) {
  std::vector<uint8_t> bytes = {0x80};
  Reader r(bytes);
  r.u32();
  r.fail(7, "later");
  EXPECT_EQ(r.error().message, "unexpected end");
  EXPECT_EQ(r.u8(), 0u);
  EXPECT_EQ(r.left(), 0u);
}

TEST(ReaderTest, Names) {
  std::vector<uint8_t> ok = {0x03, 'a', 'b', 'c'};
  Reader r(ok);
  EXPECT_EQ(r.name(), "abc");
  EXPECT_TRUE(r.ok());

  std::vector<uint8_t> bad = {0x02, 0xC0, 0x80}; // overlong NUL
  Reader r2(bad);
  r2.name();
  EXPECT_EQ(r2.error().message, "malformed UTF-8 encoding");

  std::vector<uint8_t> longName = {0x04, 'a'};
  Reader r3(longName);
  r3.name();
  EXPECT_EQ(r3.error().message, "length out of bounds");
}

TEST(ReaderTest, Utf8) {
  auto valid = [](std::vector<uint8_t> s) { return isValidUtf8(s); };
  EXPECT_TRUE(valid({}));
  EXPECT_TRUE(valid({0xE2, 0x82, 0xAC}));       // U+20AC
  EXPECT_TRUE(valid({0xF4, 0x8F, 0xBF, 0xBF})); // U+10FFFF
  EXPECT_FALSE(valid({0xF4, 0x90, 0x80, 0x80})); // above U+10FFFF
  EXPECT_FALSE(valid({0xED, 0xA0, 0x80}));       // surrogate
  EXPECT_FALSE(valid({0xE0, 0x80, 0x80}));       // overlong
  EXPECT_FALSE(valid({0x80}));                   // lone continuation
  EXPECT_FALSE(valid({0xC2}));                   // truncated
  EXPECT_FALSE(valid({0xFF}));
}

TEST(ReaderTest, Floats) {
  std::vector<uint8_t> bytes = {0x00, 0x00, 0x80, 0x3F, 0x01};
  Reader r(bytes);
  EXPECT_EQ(r.f32Bits(), 0x3F800000u);
  r.f64Bits();
  EXPECT_EQ(r.error().message, "unexpected end");
}

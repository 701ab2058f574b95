// RelocateTest: protects the loader's AArch64 relocation formulas (AAELF64):
// ABS64 and PREL32 values, CALL26/JUMP26 into bl/b's imm26 with the opcode
// bits kept, ADR_PREL_PG_HI21 into adrp's immhi:immlo, ADD_ABS_LO12_NC into
// add's imm12, and the range and alignment refusals. Pure functions on a byte
// buffer, so they run on every host; the words are checked against the
// instruction fields of the Arm ARM (C6.2: B, BL, ADRP, ADD (immediate)).
// And the RISC-V 64 ones (psABI): 64, 32_PCREL, CALL_PLT into an auipc + jalr
// pair (hi20 rounding up for a negative lo12), RELAX ignored, and the refusal
// of the pc-relative hi/lo pair the loader cannot apply one site at a time.
#include "runtime/Relocate.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace wasmaot;
using namespace wasmaot::runtime;

namespace {

uint32_t word(const uint8_t *p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

std::optional<std::string> apply(object::AArch64Reloc type, uint8_t *place, uint64_t symbol, int64_t addend) {
  return applyAArch64Relocation({place, symbol, addend, object::RelocType(type)});
}

TEST(RuntimeRelocate, AArch64AbsoluteAndPcRelativeData) {
  alignas(8) uint8_t buf[16] = {};
  ASSERT_FALSE(apply(object::AArch64Reloc::ABS64, buf, 0x123456789ABCull, 0x10));
  uint64_t v;
  std::memcpy(&v, buf, 8);
  EXPECT_EQ(v, 0x123456789ABCull + 0x10);

  const uint64_t place = reinterpret_cast<uint64_t>(buf + 8);
  ASSERT_FALSE(apply(object::AArch64Reloc::PREL32, buf + 8, place - 100, 0));
  EXPECT_EQ(int32_t(word(buf + 8)), -100);
  ASSERT_FALSE(apply(object::AArch64Reloc::PREL32, buf + 8, place, int64_t(0xFFFFFFFFll))); // up to 2^32 - 1
  EXPECT_EQ(word(buf + 8), 0xFFFFFFFFu);
  EXPECT_TRUE(apply(object::AArch64Reloc::PREL32, buf + 8, place, int64_t(1) << 32));
  EXPECT_TRUE(apply(object::AArch64Reloc::PREL32, buf + 8, place, -(int64_t(1) << 31) - 1));
}

TEST(RuntimeRelocate, AArch64BranchesKeepTheOpcodeAndCheckRange) {
  alignas(4) uint8_t buf[4];
  const uint64_t place = reinterpret_cast<uint64_t>(buf);
  const uint32_t bl = 0x94000000u, b = 0x14000000u;
  std::memcpy(buf, &bl, 4);
  ASSERT_FALSE(apply(object::AArch64Reloc::CALL26, buf, place + 0x1000, 0));
  EXPECT_EQ(word(buf), bl | (0x1000 >> 2)); // bl #0x1000
  std::memcpy(buf, &b, 4);
  ASSERT_FALSE(apply(object::AArch64Reloc::JUMP26, buf, place, -8));
  EXPECT_EQ(word(buf), b | 0x03FFFFFEu); // b #-8
  // The limits: -2^27 reaches, 2^27 - 4 reaches, 2^27 does not; misaligned targets are refused.
  std::memcpy(buf, &bl, 4);
  ASSERT_FALSE(apply(object::AArch64Reloc::CALL26, buf, place, -(int64_t(1) << 27)));
  EXPECT_EQ(word(buf), bl | 0x02000000u);
  ASSERT_FALSE(apply(object::AArch64Reloc::CALL26, buf, place, (int64_t(1) << 27) - 4));
  EXPECT_EQ(word(buf), bl | 0x01FFFFFFu);
  std::optional<std::string> far = apply(object::AArch64Reloc::CALL26, buf, place, int64_t(1) << 27);
  ASSERT_TRUE(far);
  EXPECT_NE(far->find("out of range"), std::string::npos) << *far;
  EXPECT_TRUE(apply(object::AArch64Reloc::CALL26, buf, place, 6));
}

TEST(RuntimeRelocate, AArch64PageAndLow12) {
  alignas(4096) static uint8_t page[8192];
  uint8_t *adrpAt = page + 0x10, *addAt = page + 0x14;
  const uint32_t adrpX3 = 0x90000003u, addX3 = 0x91000063u; // adrp x3, #0; add x3, x3, #0
  std::memcpy(adrpAt, &adrpX3, 4);
  std::memcpy(addAt, &addX3, 4);
  // A symbol 5 pages and 0x123 bytes past the page of the adrp.
  const uint64_t base = reinterpret_cast<uint64_t>(page);
  const uint64_t symbol = base + 5 * 4096 + 0x123;
  ASSERT_FALSE(apply(object::AArch64Reloc::ADR_PREL_PG_HI21, adrpAt, symbol, 0));
  ASSERT_FALSE(apply(object::AArch64Reloc::ADD_ABS_LO12_NC, addAt, symbol, 0));
  // immlo = 5 & 3 = 1 at [30:29], immhi = 5 >> 2 = 1 at [23:5].
  EXPECT_EQ(word(adrpAt), adrpX3 | (1u << 29) | (1u << 5));
  EXPECT_EQ(word(addAt), addX3 | (0x123u << 10));
  // Backwards by one page: -1 in 21 bits.
  std::memcpy(adrpAt, &adrpX3, 4);
  ASSERT_FALSE(apply(object::AArch64Reloc::ADR_PREL_PG_HI21, adrpAt, base - 4096, 0));
  EXPECT_EQ(word(adrpAt), adrpX3 | (3u << 29) | (0x7FFFFu << 5));
  EXPECT_TRUE(apply(object::AArch64Reloc::ADR_PREL_PG_HI21, adrpAt, base + (uint64_t(1) << 32), 0));
}

TEST(RuntimeRelocate, AArch64GotFormsAreRefused) {
  alignas(8) uint8_t buf[8] = {};
  std::optional<std::string> err = apply(object::AArch64Reloc::ADR_GOT_PAGE, buf, 0, 0);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("R_AARCH64_ADR_GOT_PAGE"), std::string::npos) << *err;
  EXPECT_NE(applyRelocation(object::Machine::RiscV64, {buf, 0, 0, object::RelocType(object::AArch64Reloc::ABS64)}),
            std::nullopt);
}

std::optional<std::string> applyRv(object::RiscV64Reloc type, uint8_t *place, uint64_t symbol, int64_t addend) {
  return applyRiscV64Relocation({place, symbol, addend, object::RelocType(type)});
}

TEST(RuntimeRelocate, RiscV64DataAndCallPairs) {
  alignas(8) uint8_t buf[16] = {};
  ASSERT_FALSE(applyRv(object::RiscV64Reloc::R64, buf, 0x123456789ABCull, 0x10));
  uint64_t v;
  std::memcpy(&v, buf, 8);
  EXPECT_EQ(v, 0x123456789ABCull + 0x10);
  EXPECT_FALSE(applyRelocation(object::Machine::RiscV64, {buf, 1, 2, object::RelocType(object::RiscV64Reloc::R64)}));
  std::memcpy(&v, buf, 8);
  EXPECT_EQ(v, 3u);

  const uint64_t place = reinterpret_cast<uint64_t>(buf + 8);
  ASSERT_FALSE(applyRv(object::RiscV64Reloc::R32_PCREL, buf + 8, place - 100, 0));
  EXPECT_EQ(int32_t(word(buf + 8)), -100);
  EXPECT_TRUE(applyRv(object::RiscV64Reloc::R32_PCREL, buf + 8, place, int64_t(1) << 31));

  // auipc ra, 0; jalr ra, 0(ra): the call pair of the back end.
  alignas(4) uint8_t pair[8];
  const uint32_t auipcRa = 0x00000097u, jalrRa = 0x000080E7u;
  auto reset = [&] {
    std::memcpy(pair, &auipcRa, 4);
    std::memcpy(pair + 4, &jalrRa, 4);
  };
  const uint64_t at = reinterpret_cast<uint64_t>(pair);
  reset();
  ASSERT_FALSE(applyRv(object::RiscV64Reloc::CALL_PLT, pair, at + 0x12345, 0)); // lo12 0x345 > 0
  EXPECT_EQ(word(pair), auipcRa | (0x12u << 12));
  EXPECT_EQ(word(pair + 4), jalrRa | (0x345u << 20));
  reset();
  ASSERT_FALSE(applyRv(object::RiscV64Reloc::CALL_PLT, pair, at + 0x12800, 0)); // lo12 -0x800: hi rounds up
  EXPECT_EQ(word(pair), auipcRa | (0x13u << 12));
  EXPECT_EQ(word(pair + 4), jalrRa | (0x800u << 20));
  reset();
  ASSERT_FALSE(applyRv(object::RiscV64Reloc::CALL_PLT, pair, at - 4, 0)); // backwards: hi 0, lo -4
  EXPECT_EQ(word(pair), auipcRa);
  EXPECT_EQ(word(pair + 4), jalrRa | (0xFFCu << 20));
  reset();
  std::optional<std::string> far = applyRv(object::RiscV64Reloc::CALL_PLT, pair, at + (uint64_t(1) << 31), 0);
  ASSERT_TRUE(far);
  EXPECT_NE(far->find("out of range"), std::string::npos) << *far;

  EXPECT_FALSE(applyRv(object::RiscV64Reloc::RELAX, pair, 0, 0));
  EXPECT_EQ(word(pair), auipcRa); // untouched
  for (object::RiscV64Reloc r :
       {object::RiscV64Reloc::PCREL_HI20, object::RiscV64Reloc::PCREL_LO12_I, object::RiscV64Reloc::GOT_HI20}) {
    std::optional<std::string> err = applyRv(r, pair, at, 0);
    ASSERT_TRUE(err);
    EXPECT_NE(err->find("not supported"), std::string::npos) << *err;
  }
}

} // namespace

// Frame layout: slot offsets are aligned and disjoint, the save area sits below
// the frame record, and frameRecordSize + frameSize keeps SP 16-byte aligned.
#include "codegen/FrameLayout.h"
#include "TestTargets.h"

#include <gtest/gtest.h>

using namespace wasmaot::codegen;

namespace {

TEST(FrameLayout, EmptyFrame) {
  TargetDesc t = test::x64LikeTarget();
  FrameLayout fl = layoutFrame(t, {}, RegSet(), 0);
  EXPECT_EQ(fl.frameSize, 0u);
  EXPECT_EQ(fl.stackCheckSize, 16u);
}

TEST(FrameLayout, SlotsSavesAndOutgoingArgs) {
  TargetDesc t = test::x64LikeTarget();
  std::vector<SpillSlotDesc> slots = {{8, 8}, {16, 16}, {8, 8}, {16, 16}, {8, 8}};
  RegSet saves;
  saves.insert(t.find("rbx"));
  saves.insert(t.find("r12"));
  saves.insert(t.find("r13"));
  FrameLayout fl = layoutFrame(t, slots, saves, 20);
  EXPECT_EQ(fl.outgoingArgSize, 24u);
  EXPECT_EQ((fl.frameSize + t.frameRecordSize) % 16, 0u);
  // Slots: aligned, disjoint, above the outgoing area, below the save area.
  for (size_t i = 0; i < slots.size(); ++i) {
    EXPECT_EQ(fl.slotOffsets[i] % slots[i].align, 0u);
    EXPECT_GE(fl.slotOffsets[i], fl.outgoingArgSize);
    EXPECT_LE(fl.slotOffsets[i] + slots[i].size, fl.calleeSaveOffset);
    for (size_t j = 0; j < i; ++j)
      EXPECT_TRUE(fl.slotOffsets[i] + slots[i].size <= fl.slotOffsets[j] ||
                  fl.slotOffsets[j] + slots[j].size <= fl.slotOffsets[i]);
  }
  EXPECT_EQ(fl.spillAreaSize, 64u); // 8 bytes of padding after the 24-byte outgoing area, then 16+16+8+8+8
  ASSERT_EQ(fl.calleeSaves.size(), 3u);
  for (auto [r, off] : fl.calleeSaves) {
    EXPECT_GE(off, fl.calleeSaveOffset);
    EXPECT_LE(off + 8, fl.frameSize);
  }
  EXPECT_EQ(fl.calleeSaveOffset + fl.calleeSaveSize, fl.frameSize);
  EXPECT_EQ(fl.fpOffset(0), int32_t(fl.slotOffsets[0]) - int32_t(fl.frameSize));
  EXPECT_LT(fl.fpOffset(0), 0);
  EXPECT_EQ(fl.stackCheckSize, fl.frameSize + 16);
}

TEST(FrameLayout, VectorSavesStayAligned) {
  TargetDesc t = test::fakeTarget();
  t.regs[t.find("f0")].calleeSaved = true;
  t.frameRecordSize = 16;
  RegSet saves;
  saves.insert(t.find("r2"));
  saves.insert(t.find("f0"));
  std::vector<SpillSlotDesc> slots = {{8, 8}};
  FrameLayout fl = layoutFrame(t, slots, saves, 0);
  EXPECT_EQ((fl.frameSize + 16) % 16, 0u);
  for (auto [r, off] : fl.calleeSaves)
    if (t.regClass(r) == RegClass::Float) {
      EXPECT_EQ(off % 16, 0u);
    }
  EXPECT_EQ(fl.calleeSaveSize, 32u);
}

} // namespace

// FrameLayout: frame offsets (see FrameLayout.h).
#include "codegen/FrameLayout.h"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace wasmaot::codegen {

namespace {
uint32_t alignUp(uint32_t x, uint32_t a) { return (x + a - 1) / a * a; }
} // namespace

FrameLayout layoutFrame(const TargetDesc &t, std::span<const SpillSlotDesc> slots, RegSet calleeSaved,
                        uint32_t outgoingArgSize) {
  FrameLayout fl;
  uint32_t A = t.stackAlignment;
  fl.outgoingArgSize = alignUp(outgoingArgSize, 8);

  // Spill slots, most aligned first so padding only appears at the start.
  std::vector<uint32_t> order(slots.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return slots[a].align > slots[b].align; });
  fl.slotOffsets.assign(slots.size(), 0);
  uint32_t off = fl.outgoingArgSize;
  fl.spillAreaOffset = off;
  for (uint32_t s : order) {
    assert(slots[s].align <= A && "slot alignment exceeds the stack alignment");
    off = alignUp(off, slots[s].align);
    fl.slotOffsets[s] = off;
    off += slots[s].size;
  }
  fl.spillAreaSize = off - fl.spillAreaOffset;

  // Callee-saved registers, largest save size first.
  std::vector<PReg> saves;
  calleeSaved.forEach([&](PReg r) { saves.push_back(r); });
  std::stable_sort(saves.begin(), saves.end(), [&](PReg a, PReg b) {
    return t.calleeSaveSize[classIndex(t.regClass(a))] > t.calleeSaveSize[classIndex(t.regClass(b))];
  });
  uint32_t saveSize = 0, saveAlign = 8;
  for (PReg r : saves) {
    uint32_t sz = t.calleeSaveSize[classIndex(t.regClass(r))];
    saveSize = alignUp(saveSize, sz) + sz;
    saveAlign = std::max(saveAlign, sz);
  }
  saveSize = alignUp(saveSize, saveAlign);

  uint32_t raw = alignUp(off, saveAlign) + saveSize;
  fl.frameSize = alignUp(raw + t.frameRecordSize, A) - t.frameRecordSize;
  // The save area sits right below the frame record.
  fl.calleeSaveSize = saveSize;
  fl.calleeSaveOffset = fl.frameSize - saveSize;
  assert(fl.calleeSaveOffset % saveAlign == 0 && "frame record breaks save-area alignment");
  uint32_t so = fl.calleeSaveOffset;
  for (PReg r : saves) {
    uint32_t sz = t.calleeSaveSize[classIndex(t.regClass(r))];
    so = alignUp(so, sz);
    fl.calleeSaves.push_back({r, so});
    so += sz;
  }
  fl.stackCheckSize = t.frameRecordSize + fl.frameSize;
  return fl;
}

} // namespace wasmaot::codegen

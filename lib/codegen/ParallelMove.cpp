// ParallelMove: sequentialization with cycle breaking (see ParallelMove.h).
#include "codegen/ParallelMove.h"

#include <cassert>

namespace wasmaot::codegen {

namespace {

class Sequentializer {
public:
  Sequentializer(RegClass cls, const MoveResources &res, std::vector<Move> &out)
      : cls_(cls), res_(res), out_(out) {}

  void run(std::vector<Move> pending) {
    pending_ = &pending;
    while (!pending.empty()) {
      bool progress = true;
      while (progress) {
        progress = false;
        for (size_t i = 0; i < pending.size();) {
          if (isRead(pending, pending[i].dst, i)) {
            ++i;
            continue;
          }
          emit(pending[i].dst, pending[i].src);
          pending[i] = pending.back();
          pending.pop_back();
          progress = true;
        }
      }
      if (pending.empty())
        break;
      // Every remaining destination is read by another move: the rest are cycles
      // (with trees hanging off). Save one source in a temporary and redirect its
      // readers; that cycle becomes a tree, which the loop above resolves fully,
      // so the temporary is free again before the next cycle needs it.
      Allocation s = pending.front().src;
      Allocation temp = res_.scratch != kNoReg ? Allocation::reg(res_.scratch)
                                               : Allocation::stack(res_.emergencySlot(0));
      emit(temp, s);
      for (Move &m : pending)
        if (m.src == s)
          m.src = temp;
    }
  }

private:
  static bool isRead(const std::vector<Move> &pending, Allocation loc, size_t except) {
    for (size_t j = 0; j < pending.size(); ++j)
      if (j != except && pending[j].src == loc)
        return true;
    return false;
  }

  void raw(Allocation d, Allocation s) { out_.push_back({d, s, cls_}); }

  void emit(Allocation d, Allocation s) {
    if (!(d.isStack() && s.isStack())) {
      raw(d, s);
      return;
    }
    bool scratchFree = res_.scratch != kNoReg && !scratchHoldsTemp();
    if (scratchFree) {
      raw(Allocation::reg(res_.scratch), s);
      raw(d, Allocation::reg(res_.scratch));
      return;
    }
    assert(res_.borrowable != kNoReg && "memory-to-memory move needs a register to borrow");
    Allocation r = Allocation::reg(res_.borrowable);
    Allocation save = Allocation::stack(res_.emergencySlot(1));
    raw(save, r);
    raw(r, s);
    raw(d, r);
    raw(r, save);
  }

  // The scratch register holds a cycle temporary while a pending move still reads it.
  bool scratchHoldsTemp() const {
    for (const Move &m : *pending_)
      if (m.src == Allocation::reg(res_.scratch))
        return true;
    return false;
  }

  RegClass cls_;
  const MoveResources &res_;
  std::vector<Move> &out_;
  const std::vector<Move> *pending_ = nullptr;
};

} // namespace

void sequentializeParallelMove(std::span<const Move> moves, const MoveResources &res,
                               std::vector<Move> &out) {
  if (moves.empty())
    return;
  std::vector<Move> pending;
  for (const Move &m : moves) {
    assert(m.cls == moves[0].cls && "one class per parallel move");
    if (m.dst != m.src)
      pending.push_back(m);
  }
#ifndef NDEBUG
  for (size_t i = 0; i < pending.size(); ++i)
    for (size_t j = i + 1; j < pending.size(); ++j)
      assert(pending[i].dst != pending[j].dst && "parallel move writes a location twice");
#endif
  Sequentializer(moves[0].cls, res, out).run(std::move(pending));
}

} // namespace wasmaot::codegen

// Dominators: the dominator tree of a function's CFG (Cooper-Harvey-Kennedy iteration).
#pragma once

#include "ir/Function.h"

#include <cstdint>
#include <vector>

namespace wasmaot::ir {

class DominatorTree {
public:
  explicit DominatorTree(const Function &f);

  /// Blocks reachable from the entry, in reverse post-order.
  const std::vector<BasicBlock *> &reversePostOrder() const { return rpo_; }
  bool isReachable(const BasicBlock *b) const;
  /// Immediate dominator; null for the entry and unreachable blocks.
  BasicBlock *idom(const BasicBlock *b) const;
  /// True when every path from the entry to `b` passes `a` (a dominates a).
  /// False if either block is unreachable.
  bool dominates(const BasicBlock *a, const BasicBlock *b) const;

  /// Visits the reachable blocks depth first over the tree, without recursion:
  /// `enter(b)` before the blocks `b` dominates, `leave(b, token)` after them,
  /// with the token `enter(b)` returned (e.g. the size of a scoped table's undo
  /// log, so that what a pass learns in a block is kept exactly while it walks
  /// the blocks that block dominates).
  template <class Enter, class Leave> void walk(Enter &&enter, Leave &&leave) const {
    if (rpo_.empty()) return;
    // Children in reverse post-order, as a flat list per parent (rpo index).
    std::vector<uint32_t> first(rpo_.size() + 1, 0), kids(rpo_.size());
    for (uint32_t i = 1; i < rpo_.size(); ++i) ++first[idom_[i] + 1];
    for (uint32_t i = 1; i <= rpo_.size(); ++i) first[i] += first[i - 1];
    std::vector<uint32_t> fill(first.begin(), first.end() - 1);
    for (uint32_t i = 1; i < rpo_.size(); ++i) kids[fill[idom_[i]]++] = i;
    using Token = decltype(enter(rpo_[0]));
    struct Frame {
      uint32_t block, nextChild;
      Token token;
    };
    std::vector<Frame> stack;
    stack.push_back({0, first[0], enter(rpo_[0])});
    while (!stack.empty()) {
      Frame &f = stack.back();
      if (f.nextChild < first[f.block + 1]) {
        const uint32_t c = kids[f.nextChild++];
        stack.push_back({c, first[c], enter(rpo_[c])}); // f may dangle from here on
        continue;
      }
      leave(rpo_[f.block], f.token);
      stack.pop_back();
    }
  }

private:
  std::vector<BasicBlock *> rpo_;
  std::vector<uint32_t> rpoIndex_; ///< by block id; kNone when unreachable
  std::vector<uint32_t> idom_;     ///< by rpo index: rpo index of the idom
};

} // namespace wasmaot::ir

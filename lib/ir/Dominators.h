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

private:
  std::vector<BasicBlock *> rpo_;
  std::vector<uint32_t> rpoIndex_; ///< by block id; kNone when unreachable
  std::vector<uint32_t> idom_;     ///< by rpo index: rpo index of the idom
};

} // namespace wasmaot::ir

// Dominators: Cooper, Harvey & Kennedy, "A Simple, Fast Dominance Algorithm" (2001),
// iterating over reverse post-order until the idoms settle.
#include "ir/Dominators.h"

#include <utility>

namespace wasmaot::ir {

namespace {
constexpr uint32_t kNone = ~uint32_t(0);
} // namespace

DominatorTree::DominatorTree(const Function &f) {
  rpoIndex_.assign(f.blockIdBound(), kNone);
  BasicBlock *entry = f.entry();
  if (!entry) return;

  // Iterative DFS for post-order (no recursion: deep CFGs must not overflow the stack).
  std::vector<uint8_t> visited(f.blockIdBound(), 0);
  std::vector<std::pair<BasicBlock *, uint32_t>> stack; // block, next successor to visit
  std::vector<BasicBlock *> post;
  auto successor = [](BasicBlock *b, uint32_t k) -> BasicBlock * {
    Inst *t = b->terminator();
    return t && k < t->numTargets ? t->targets[k].block : nullptr;
  };
  auto numSucc = [](BasicBlock *b) -> uint32_t {
    Inst *t = b->terminator();
    return t ? t->numTargets : 0;
  };
  visited[entry->id] = 1;
  stack.push_back({entry, 0});
  while (!stack.empty()) {
    auto &[b, k] = stack.back();
    if (k < numSucc(b)) {
      BasicBlock *s = successor(b, k++);
      if (s && s->inLayout && s->id < visited.size() && !visited[s->id]) {
        visited[s->id] = 1;
        stack.push_back({s, 0});
      }
      continue;
    }
    post.push_back(b);
    stack.pop_back();
  }
  rpo_.assign(post.rbegin(), post.rend());
  for (uint32_t i = 0; i < rpo_.size(); ++i) rpoIndex_[rpo_[i]->id] = i;

  // Predecessors by rpo index (reachable ones only), as one flat array:
  // block i's are preds[predStart[i], predStart[i + 1]).
  std::vector<uint32_t> predStart(rpo_.size() + 1, 0), preds;
  auto forEachEdge = [&](auto &&fn) {
    for (uint32_t i = 0; i < rpo_.size(); ++i)
      for (uint32_t k = 0; k < numSucc(rpo_[i]); ++k) {
        BasicBlock *s = successor(rpo_[i], k);
        if (s && s->id < rpoIndex_.size() && rpoIndex_[s->id] != kNone) fn(i, rpoIndex_[s->id]);
      }
  };
  forEachEdge([&](uint32_t, uint32_t to) { ++predStart[to + 1]; });
  for (uint32_t i = 0; i < rpo_.size(); ++i) predStart[i + 1] += predStart[i];
  preds.resize(predStart.back());
  {
    std::vector<uint32_t> fill(predStart.begin(), predStart.end() - 1);
    forEachEdge([&](uint32_t from, uint32_t to) { preds[fill[to]++] = from; });
  }

  idom_.assign(rpo_.size(), kNone);
  idom_[0] = 0;
  auto intersect = [&](uint32_t a, uint32_t b) {
    while (a != b) {
      while (a > b) a = idom_[a];
      while (b > a) b = idom_[b];
    }
    return a;
  };
  bool changed = true;
  while (changed) {
    changed = false;
    for (uint32_t i = 1; i < rpo_.size(); ++i) {
      uint32_t nd = kNone;
      for (uint32_t e = predStart[i]; e < predStart[i + 1]; ++e) {
        const uint32_t p = preds[e];
        if (idom_[p] == kNone) continue;
        nd = nd == kNone ? p : intersect(p, nd);
      }
      if (nd != idom_[i]) {
        idom_[i] = nd;
        changed = true;
      }
    }
  }
}

bool DominatorTree::isReachable(const BasicBlock *b) const {
  return b && b->id < rpoIndex_.size() && rpoIndex_[b->id] != kNone;
}

BasicBlock *DominatorTree::idom(const BasicBlock *b) const {
  if (!isReachable(b)) return nullptr;
  uint32_t i = rpoIndex_[b->id];
  return i == 0 ? nullptr : rpo_[idom_[i]];
}

bool DominatorTree::dominates(const BasicBlock *a, const BasicBlock *b) const {
  if (!isReachable(a) || !isReachable(b)) return false;
  uint32_t ia = rpoIndex_[a->id], ib = rpoIndex_[b->id];
  // Walk up b's dominator chain; rpo indices decrease along it.
  while (ib > ia) ib = idom_[ib];
  return ib == ia;
}

} // namespace wasmaot::ir

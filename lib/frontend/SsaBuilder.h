// SsaBuilder: on-the-fly SSA construction for wasm locals (Braun et al. 2013,
// "Simple and Efficient Construction of Static Single Assignment Form").
//
// Contract: the translator creates every block through createBlock, records
// every branch edge (addEdge) as it emits the terminator, fills one block at a
// time (setCurrent) and seals a block once all its predecessors are known
// (wasm's structure says when: a continuation at its `end`, a loop header at
// the loop's `end`, single-predecessor blocks at once). Reading a local walks
// predecessors and adds block parameters at merge points; the arguments of
// branches to an unsealed block are appended when it is sealed. finish()
// removes trivial parameters (all incoming values equal, or the parameter
// itself) and installs the layout: blocks in the order they were filled.
// Nothing here recurses: deep chains of blocks use an explicit stack.
#pragma once

#include "ir/Function.h"

#include <cstdint>
#include <span>
#include <vector>

namespace wasmaot::frontend {

class SsaBuilder {
public:
  /// Starts a function whose entry block (already created, parameters = wasm
  /// parameters) defines locals 0..numParams-1; the other locals read as zero.
  void reset(ir::Function &f, ir::BasicBlock *entry, std::span<const ir::Type> localTypes);

  ir::BasicBlock *createBlock();
  /// Records that target `t` of terminator `term` (in a filled block) branches to its block.
  void addEdge(ir::Inst *term, unsigned t);
  /// All predecessors of `b` are known: resolve its incomplete parameters.
  void seal(ir::BasicBlock *b);
  /// Makes `b` the block being filled (and the next block of the layout).
  void setCurrent(ir::BasicBlock *b);
  /// Puts `b` in the layout without filling it through the translator.
  void place(ir::BasicBlock *b) { info(b).placed = true, order_.push_back(b); }
  bool hasPredecessors(const ir::BasicBlock *b) const { return !info_[b->id].preds.empty(); }

  ir::Value read(uint32_t local);
  void write(uint32_t local, ir::Value v);

  /// Removes trivial block parameters, drops blocks never filled, sets the layout.
  void finish();

private:
  struct Edge {
    ir::Inst *term;
    uint32_t target;
  };
  struct BlockInfo {
    std::vector<Edge> preds;
    std::vector<std::pair<uint32_t, ir::Value>> incomplete; // (local, parameter)
    bool sealed = false;
    bool placed = false;
  };
  struct Pending {
    ir::BasicBlock *block;
    ir::Value param;
    uint32_t nextEdge;
    uint32_t chainBase;
  };

  BlockInfo &info(const ir::BasicBlock *b) { return b->id < numInfo_ ? info_[b->id] : addInfo(b); }
  BlockInfo &addInfo(const ir::BasicBlock *b);
  ir::Value readIn(uint32_t local, ir::BasicBlock *b);
  ir::Value lookup(uint32_t local, const ir::BasicBlock *b) const;
  void define(uint32_t local, const ir::BasicBlock *b, ir::Value v);
  ir::Value newParam(uint32_t local, ir::BasicBlock *b);
  ir::Value zeroOf(ir::Type t);
  static uint64_t key(const ir::BasicBlock *b, uint32_t local) { return (uint64_t(b->id) << 32) | local; }

  /// (block, local) -> definition for the blocks not being filled: open
  /// addressing with linear probing, no per-entry allocation, its capacity kept
  /// across functions (clear() empties only the slots that were used).
  class DefMap {
  public:
    ir::Value find(uint64_t key) const;
    void set(uint64_t key, ir::Value v);
    void clear();

  private:
    static constexpr uint64_t kEmpty = ~uint64_t(0); // block id 2^32-1 never occurs
    struct Slot {
      uint64_t key = kEmpty;
      ir::Value value;
    };
    size_t slotOf(uint64_t key) const;
    void grow();
    std::vector<Slot> slots_; // size a power of two, at most half full
    std::vector<uint32_t> used_;
  };

  ir::Function *f_ = nullptr;
  ir::BasicBlock *entry_ = nullptr;
  ir::BasicBlock *cur_ = nullptr;
  std::vector<ir::Type> types_;
  std::vector<ir::Value> curDefs_;     // definitions in the current block, by local
  std::vector<uint32_t> curTouched_;   // locals with an entry in curDefs_
  DefMap defs_;                        // definitions in other blocks
  std::vector<BlockInfo> info_;        // by block id; reused across functions
  uint32_t numInfo_ = 0;
  std::vector<ir::BasicBlock *> order_;
  std::vector<ir::Value> localParams_; // every parameter added for a local
  ir::Value zero_[ir::kNumTypes];
  std::vector<Pending> pending_;
  std::vector<ir::BasicBlock *> chain_;
  std::vector<ir::Value> repl_;
  std::vector<ir::Value> removed_;
};

} // namespace wasmaot::frontend

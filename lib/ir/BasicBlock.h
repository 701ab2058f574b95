// BasicBlock: a block with parameters and an intrusive list of instructions ending in one terminator.
#pragma once

#include "ir/Inst.h"
#include "ir/Value.h"

#include <cstdint>
#include <span>

namespace wasmaot::ir {

struct BasicBlock {
  uint32_t id = 0;              ///< unique within the function, never reused
  Value *params = nullptr;      ///< arena array, grows via Function::addBlockParam
  uint32_t numParams = 0;
  uint32_t paramCapacity = 0;
  Inst *first = nullptr;
  Inst *last = nullptr;
  bool inLayout = true;         ///< false once removed from the function

  std::span<Value> paramList() const { return {params, numParams}; }
  Value param(unsigned i) const { return params[i]; }
  bool empty() const { return first == nullptr; }
  /// The last instruction if it is a terminator, else null.
  Inst *terminator() const { return last && last->isTerminator() ? last : nullptr; }

  /// Range-for over instructions: `for (Inst *i : *block)`; `i->next` may not be erased during it.
  struct Iterator {
    Inst *cur;
    Inst *operator*() const { return cur; }
    Iterator &operator++() { cur = cur->next; return *this; }
    bool operator!=(const Iterator &o) const { return cur != o.cur; }
  };
  Iterator begin() const { return {first}; }
  Iterator end() const { return {nullptr}; }
};

} // namespace wasmaot::ir

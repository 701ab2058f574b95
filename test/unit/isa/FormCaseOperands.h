// FormCaseOperands: the operands of one row of an EncoderTest form table, held
// inline. The tables have a row for every form of an ISA (hundreds of rows);
// with a std::vector per row the compiler emits a heap allocation and an
// exception cleanup for each, and the table's dynamic initialiser alone took
// two minutes to optimise (aarch64). An inline array keeps it plain stores.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>

namespace wasmaot::test {

template <typename Operand, std::size_t Capacity>
class FormCaseOperands {
public:
  FormCaseOperands(std::initializer_list<Operand> list) {
    if (list.size() > Capacity) { // a row with more operands than any form of the ISA: a typo in the table
      std::fprintf(stderr, "FormCaseOperands: %zu operands, at most %zu\n", list.size(), Capacity);
      std::abort();
    }
    for (const Operand& o : list)
      items_[count_++] = o;
  }
  std::size_t size() const { return count_; }
  const Operand& operator[](std::size_t i) const { return items_[i]; }

private:
  Operand items_[Capacity]{};
  std::size_t count_ = 0;
};

} // namespace wasmaot::test

// ToyTarget.h: the register type of the toy target that toy.rules lowers to
// (RuleMatcherTest). Values of the IR live in "v<N>", temporaries in "t<N>".
#pragma once

#include <cstdint>

namespace wasmaot::toy {

struct Reg {
  uint32_t id = 0;
  bool temp = false;
};

} // namespace wasmaot::toy

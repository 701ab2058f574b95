// Signature: parameter and result types of a function or of an indirect-call target.
#pragma once

#include "ir/Type.h"

#include <vector>

namespace wasmaot::ir {

struct Signature {
  std::vector<Type> params;
  std::vector<Type> results; ///< several results allowed
  friend bool operator==(const Signature &, const Signature &) = default;
};

} // namespace wasmaot::ir

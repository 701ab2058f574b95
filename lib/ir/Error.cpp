// Error: formatting of IR errors.
#include "ir/Error.h"

namespace wasmaot::ir {

std::string Error::str(std::string_view file) const {
  std::string s(file);
  if (line) s += ":" + std::to_string(line) + ":" + std::to_string(column);
  s += ": error: " + message;
  return s;
}

} // namespace wasmaot::ir

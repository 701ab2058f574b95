// Error: a problem in IR text or IR structure, with a 1-based line:column when known.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wasmaot::ir {

struct Error {
  uint32_t line = 0;   ///< 1-based; 0 when not from text
  uint32_t column = 0; ///< 1-based
  std::string message;

  /// "file:line:col: error: message" (or "file: error: message" without a position).
  std::string str(std::string_view file) const;
};

} // namespace wasmaot::ir

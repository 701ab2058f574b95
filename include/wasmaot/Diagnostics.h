// Diagnostics: how every layer of wasmaot reports a problem with its input.
//
// Errors are values (STYLE.md habit 9): the library never prints or exits on
// its own; it returns a Diagnostic that names where the problem is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace wasmaot {

/// What kind of problem a diagnostic reports. The spec distinguishes a module
/// that cannot be decoded (malformed) from one that decodes but breaks a
/// validation rule (invalid); `Unsupported` is valid input the compiler cannot
/// handle yet; `Limit` is input beyond one of wasmaot's documented limits
/// (docs/limits.md).
enum class DiagKind : uint8_t { Malformed, Invalid, Unsupported, Limit, Io };

/// One problem found in the input.
struct Diagnostic {
  DiagKind kind = DiagKind::Malformed;
  /// Byte offset into the module binary where the problem was found.
  uint64_t offset = 0;
  /// Index of the function (in the function index space) the problem is in.
  std::optional<uint32_t> funcIndex;
  std::string message;

  /// "offset 0x1f: function 3: type mismatch in i32.add ..." (no trailing newline).
  std::string str() const;
};

const char *diagKindName(DiagKind kind);

} // namespace wasmaot

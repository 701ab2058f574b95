#include "wasmaot/Diagnostics.h"

#include <cstdio>

namespace wasmaot {

const char *diagKindName(DiagKind kind) {
  switch (kind) {
  case DiagKind::Malformed: return "malformed";
  case DiagKind::Invalid: return "invalid";
  case DiagKind::Unsupported: return "unsupported";
  case DiagKind::Limit: return "limit exceeded";
  case DiagKind::Io: return "i/o error";
  }
  return "error";
}

std::string Diagnostic::str() const {
  char at[32];
  std::snprintf(at, sizeof at, "offset 0x%llx: ", static_cast<unsigned long long>(offset));
  std::string s = kind == DiagKind::Io ? std::string() : std::string(at);
  if (funcIndex) s += "function " + std::to_string(*funcIndex) + ": ";
  s += message;
  return s;
}

} // namespace wasmaot

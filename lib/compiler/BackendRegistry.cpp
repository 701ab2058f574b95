// BackendRegistry: findBackend over Targets.def. It lives in the compiler layer,
// which links every ISA library; lib/codegen itself names no ISA.
#include "codegen/Backend.h"

namespace wasmaot::codegen {

#define WASMAOT_TARGET(Name, Accessor) const Backend &Accessor();
#include "codegen/Targets.def"

const Backend *findBackend(std::string_view name) {
#define WASMAOT_TARGET(Name, Accessor)                                                             \
  if (name == Name) return &Accessor();
#include "codegen/Targets.def"
  return nullptr;
}

std::string backendNames() {
  std::string s;
#define WASMAOT_TARGET(Name, Accessor)                                                             \
  s += s.empty() ? "" : ", ";                                                                      \
  s += Name;
#include "codegen/Targets.def"
  return s;
}

} // namespace wasmaot::codegen

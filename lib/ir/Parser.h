// Parser: reads the textual IR (docs/ir.md) into a Module.
#pragma once

#include "ir/Error.h"
#include "ir/Module.h"

#include <memory>
#include <string_view>

namespace wasmaot::ir {

/// Parses a whole module. On failure returns null and sets `error` (with
/// line:column). Never crashes on any input. Does not run the verifier.
std::unique_ptr<Module> parseModule(std::string_view text, Error &error);

} // namespace wasmaot::ir

// Printer: writes a Module or Function in the textual IR form (docs/ir.md).
#pragma once

#include "ir/Module.h"

#include <string>

namespace wasmaot::ir {

/// Values are renumbered v0, v1, ... in definition order and blocks block0,
/// block1, ... in layout order, so print(parse(print(m))) == print(m).
std::string printModule(const Module &m);
std::string printFunction(const Function &f);
/// One instruction, with the function's canonical numbering (slow: for messages).
std::string printInst(const Function &f, const Inst *i);

} // namespace wasmaot::ir

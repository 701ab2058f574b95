// AsmPrinter: Intel-syntax text of an Inst, spelled as LLVM's x86 printer does
// (`llvm-mc --x86-asm-syntax=intel`, `llvm-objdump -M intel`), so tests can
// compare the two.
#pragma once

#include "isa/x64/Inst.h"

#include <string>

namespace wasmaot::isa::x64 {

/// "mnemonic op, op, op". Relative operands with an explicit displacement print
/// the displacement (as LLVM does without a symbolizer); labels print as .L<id>
/// and symbols as sym<id>.
std::string printInst(const Inst& inst);

} // namespace wasmaot::isa::x64

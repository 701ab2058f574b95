// AsmPrinter: assembly text of an Inst, spelled exactly as LLVM 14's AArch64
// disassembler prints it (llvm-mc --disassemble, llvm-objdump), preferred
// aliases included, so tests can compare the two.
#pragma once

#include "isa/aarch64/Inst.h"

#include <string>

namespace wasmaot::isa::aarch64 {

/// "mnemonic op, op, ...". An alias form is printed through its base form, so
/// the text is what LLVM prints for the encoded word (lsl w0, w1, #0 prints as
/// lsr w0, w1, #0, as LLVM does). PC-relative operands with an explicit
/// displacement print as #bytes (LLVM without a symbolizer); labels print as
/// .L<id> and symbols as sym<id>.
std::string printInst(const Inst& inst);

} // namespace wasmaot::isa::aarch64

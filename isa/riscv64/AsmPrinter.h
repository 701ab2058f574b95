// AsmPrinter: assembly text of an Inst, spelled exactly as LLVM 14's RISC-V
// disassembler prints it (llvm-mc --disassemble, llvm-objdump; ABI register
// names, aliases on), so tests can compare the two.
#pragma once

#include "isa/riscv64/Inst.h"

#include <string>

namespace wasmaot::isa::riscv64 {

/// "mnemonic op, op, ...". An alias form is printed through its base form, so
/// the text is what LLVM prints for the encoded word (`mv a0, zero` prints as
/// `li a0, 0`, as LLVM does). PC-relative operands with an explicit
/// displacement print as a decimal byte count (LLVM without a symbolizer);
/// labels print as .L<id>, symbols as sym<id>, and relocated immediates as
/// %pcrel_hi(...), %pcrel_lo(.L<id>) and %call(...).
std::string printInst(const Inst& inst);

} // namespace wasmaot::isa::riscv64

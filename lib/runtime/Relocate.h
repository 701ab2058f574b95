// Relocate: applies one ELF relocation to code or data the loader has mapped
// (writable at that moment: CodeImage makes pages executable only after).
//
// One function per machine, picked by applyRelocation; adding RISC-V means
// writing its function and adding a case (docs/runtime.md).
#pragma once

#include "object/Elf.h"

#include <cstdint>
#include <optional>
#include <string>

namespace wasmaot::runtime {

/// One relocation to patch: the field at `place` (its run-time address is
/// the address of the bytes), the symbol's run-time address and the addend.
struct RelocationSite {
  uint8_t *place = nullptr;
  uint64_t symbolAddress = 0;
  int64_t addend = 0;
  object::RelocType type;
};

/// Patches `site`; returns why not (unknown type, value out of range).
std::optional<std::string> applyRelocation(object::Machine machine, const RelocationSite &site);

/// The x86-64 types the loader accepts: R_X86_64_64, PC32, PLT32 (psABI: S + A, S + A - P).
std::optional<std::string> applyX86_64Relocation(const RelocationSite &site);

/// The AArch64 types the loader accepts: R_AARCH64_ABS64, PREL32, CALL26, JUMP26,
/// ADR_PREL_PG_HI21, ADD_ABS_LO12_NC (AAELF64 formulas; see Relocate.cpp).
std::optional<std::string> applyAArch64Relocation(const RelocationSite &site);

/// The RISC-V 64 types the loader accepts: R_RISCV_64, 32_PCREL, CALL_PLT (an
/// auipc + jalr pair), RELAX (ignored) (psABI formulas; see Relocate.cpp).
std::optional<std::string> applyRiscV64Relocation(const RelocationSite &site);

} // namespace wasmaot::runtime

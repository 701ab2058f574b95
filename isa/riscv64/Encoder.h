// Encoder: table-driven RV64 machine-code emission into a byte buffer (one
// little-endian 32-bit word per instruction; no compressed forms), with labels
// for branches, jal and auipc pairs, range reports for out-of-range branches
// (for a later relaxation pass), and relocation records for external symbols.
//
// Contract: every Inst must match its form (register numbers, immediate and
// offset ranges, even displacements, valid rounding modes, non-empty fence
// sets, relocated operands only where a relocation type exists); a mismatch is
// a bug in the caller and asserts. `check` reports the same as a value.
#pragma once

#include "isa/riscv64/Inst.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot::isa::riscv64 {

/// A word in the buffer whose field depends on a target's address. RISC-V
/// displacements are relative to the address of the instruction itself.
/// As ELF relocations (lib/object/Relocations.def): PcrelHi20 ->
/// R_RISCV_PCREL_HI20 (symbol + addend), PcrelLo12I -> R_RISCV_PCREL_LO12_I
/// whose symbol is a local symbol at the auipc's label (`target` is that
/// Label), Call -> R_RISCV_CALL_PLT (patches the auipc and the jalr after it).
/// Branch13 and Jal21 have no relocation type in the table: labels only.
struct Fixup {
  enum class Kind : uint8_t {
    Branch13,   ///< beq..bgeu: B-type imm, ±4 KiB
    Jal21,      ///< jal: J-type imm, ±1 MiB
    PcrelHi20,  ///< auipc: hi20 of a PC-relative address, ±2 GiB
    PcrelLo12I, ///< I-type imm: lo12 matching the hi20 of the auipc at a label
    Call,       ///< auipc + jalr: hi20 and lo12 of a call target, ±2 GiB
  };
  Kind kind;
  uint32_t offset; ///< of the instruction word in the buffer
  Target target;   ///< Label (resolved by finalize) or Symbol (kept as a relocation)
  int32_t addend;  ///< added to the target's address
};

/// Displacements (bytes, from the instruction) a label fixup can reach.
struct BranchRange {
  int64_t min, max;
  unsigned align; ///< the displacement must be a multiple of this
  bool contains(int64_t disp) const { return disp >= min && disp <= max && disp % align == 0; }
};
BranchRange branchRange(Fixup::Kind kind);

/// A label fixup finalize could not patch: the target is beyond the form's
/// reach (branches ±4 KiB, jal ±1 MiB, auipc pairs ±2 GiB).
struct OutOfRange {
  Fixup fixup;
  int64_t displacement; ///< bytes from the instruction to the target
};

/// The hi20/lo12 split of a PC-relative displacement for auipc + an I-type
/// instruction: disp == (hi << 12) + lo with lo in -2048..2047 (hi is the
/// 20-bit field, taken modulo 2^20).
struct HiLo {
  uint32_t hi;
  int32_t lo;
};
HiLo splitHiLo(int64_t disp);

class Encoder {
public:
  Label newLabel();
  /// Binds a label to the current offset; each label is bound once.
  void bind(Label l);

  /// Appends one instruction; returns its offset.
  uint32_t emit(const Inst& inst);
  /// Appends each instruction of a sequence (e.g. materialize()).
  void emit(const std::vector<Inst>& insts) {
    for (const Inst& i : insts)
      emit(i);
  }

  /// `auipc scratch, %call(target)` + `jalr link, 0(scratch)`: a call (link =
  /// ra, scratch = ra) or a tail jump (link = zero, scratch = t1) anywhere in
  /// ±2 GiB; a Symbol target becomes R_RISCV_CALL_PLT. Returns the auipc's offset.
  uint32_t emitCall(Gpr link, Gpr scratch, Target target);
  /// `auipc rd, %pcrel_hi(target)` + `addi rd, rd, %pcrel_lo(auipc)`: the
  /// address of a label or symbol (±2 GiB). Returns the auipc's offset.
  uint32_t emitLoadAddress(Gpr rd, Target target);

  /// Appends a raw little-endian data word (a jump-table entry or a constant
  /// placed in the code); returns its offset.
  uint32_t emitData(uint32_t word) {
    const uint32_t at = offset();
    put32(word);
    return at;
  }

  /// Resolves every label fixup. Returns false with a message if a label was
  /// never bound, a %pcrel_lo label does not mark an auipc with a %pcrel_hi or
  /// a call, a call's auipc is not followed by its jalr, or a displacement does
  /// not fit; out-of-range fixups are listed in `outOfRange` (left unpatched)
  /// so a caller can relax the branch and emit again.
  bool finalize(std::string* error = nullptr, std::vector<OutOfRange>* outOfRange = nullptr);

  uint32_t offset() const { return static_cast<uint32_t>(bytes_.size()); }
  /// Where a bound label is (~0u if it is not bound).
  uint32_t labelOffset(Label l) const {
    return l.id < labelOffsets_.size() ? labelOffsets_[l.id] : ~0u;
  }
  const std::vector<uint8_t>& bytes() const { return bytes_; }
  /// The word at a byte offset.
  uint32_t wordAt(uint32_t at) const;
  /// Fixups against symbols — and PcrelLo12I fixups whose auipc refers to a
  /// symbol, naming the auipc's label — the relocations an object writer must
  /// emit. Complete after finalize. No R_RISCV_RELAX is implied: the linker
  /// must not shrink code whose local displacements are already resolved.
  const std::vector<Fixup>& relocations() const { return relocations_; }

  /// Empty if `inst` is a valid instance of its form, else why not.
  static std::string check(const Inst& inst);

private:
  void put32(uint32_t v);
  void setWord(uint32_t at, uint32_t w);
  const Fixup* hiFixupAt(uint32_t at) const;

  std::vector<uint8_t> bytes_;
  std::vector<uint32_t> labelOffsets_; ///< ~0u while unbound
  std::vector<Fixup> labelFixups_;     ///< Branch13, Jal21, PcrelHi20, Call to labels
  std::vector<Fixup> loFixups_;        ///< PcrelLo12I, resolved or moved by finalize
  std::vector<Fixup> relocations_;
};

/// The 32-bit word of one instruction alone (label/symbol fields left 0).
uint32_t encodeWord(const Inst& inst);
/// The same word as 4 little-endian bytes.
std::vector<uint8_t> encode(const Inst& inst);

} // namespace wasmaot::isa::riscv64

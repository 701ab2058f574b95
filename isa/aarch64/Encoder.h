// Encoder: table-driven A64 machine-code emission into a byte buffer (one
// little-endian 32-bit word per instruction), with labels for branches and
// adr, range checks that report out-of-range branches for a later veneer or
// relaxation pass, and relocation records for external symbols.
//
// Contract: every Inst must match its form (register classes incl. which slots
// read 31 as sp and which as zr, immediate ranges and encodability, offset
// alignment and range); a mismatch is a bug in the caller and asserts. `check`
// reports the same conditions as a value for callers that want to test first.
#pragma once

#include "isa/aarch64/Inst.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot::isa::aarch64 {

/// A word in the buffer whose field depends on a target's address. AArch64
/// displacements are relative to the address of the instruction itself.
/// As ELF relocations (lib/object/Relocations.def): Jump26 -> R_AARCH64_JUMP26,
/// Call26 -> R_AARCH64_CALL26, AdrPage21 -> R_AARCH64_ADR_PREL_PG_HI21,
/// AddLo12 -> R_AARCH64_ADD_ABS_LO12_NC, each with addend = Fixup::addend.
struct Fixup {
  enum class Kind : uint8_t {
    Jump26,    ///< b: imm26 words
    Call26,    ///< bl: imm26 words
    CondBr19,  ///< b.cond, cbz, cbnz: imm19 words
    TestBr14,  ///< tbz, tbnz: imm14 words
    Adr21,     ///< adr: 21-bit byte displacement
    AdrPage21, ///< adrp: 21-bit 4 KiB page displacement (symbols only)
    AddLo12,   ///< add: low 12 bits of the address (symbols only)
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
/// reach (b.cond/cbz: ±1 MiB, tbz: ±32 KiB, b/bl: ±128 MiB, adr: ±1 MiB).
struct OutOfRange {
  Fixup fixup;
  int64_t displacement; ///< bytes from the instruction to the target
};

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

  /// Appends a raw little-endian data word (a constant pool entry or a jump
  /// table entry placed in the code); returns its offset.
  uint32_t emitData(uint32_t word) {
    const uint32_t at = offset();
    put32(word);
    return at;
  }

  /// Resolves every label fixup. Returns false with a message if a label was
  /// never bound or a displacement does not fit its field; out-of-range fixups
  /// are listed in `outOfRange` (left unpatched) so a caller can add veneers or
  /// relax the branch and emit again.
  bool finalize(std::string* error = nullptr, std::vector<OutOfRange>* outOfRange = nullptr);

  uint32_t offset() const { return static_cast<uint32_t>(bytes_.size()); }
  /// Where a bound label is (~0u if it is not bound).
  uint32_t labelOffset(Label l) const {
    return l.id < labelOffsets_.size() ? labelOffsets_[l.id] : ~0u;
  }
  const std::vector<uint8_t>& bytes() const { return bytes_; }
  /// The word at a byte offset.
  uint32_t wordAt(uint32_t at) const;
  /// Fixups against symbols: the relocations an object writer must emit.
  const std::vector<Fixup>& relocations() const { return relocations_; }

  /// Empty if `inst` is a valid instance of its form, else why not.
  static std::string check(const Inst& inst);

private:
  void put32(uint32_t v);
  void patch(const Fixup& f, int64_t disp);

  std::vector<uint8_t> bytes_;
  std::vector<uint32_t> labelOffsets_; ///< ~0u while unbound
  std::vector<Fixup> labelFixups_;
  std::vector<Fixup> relocations_;
};

/// The 32-bit word of one instruction alone (label/symbol fields left 0).
uint32_t encodeWord(const Inst& inst);
/// The same word as 4 little-endian bytes.
std::vector<uint8_t> encode(const Inst& inst);

} // namespace wasmaot::isa::aarch64

// Encoder: table-driven x86-64 machine-code emission into a byte buffer, with
// labels for branches and RIP-relative operands and relocation records for
// external symbols.
//
// Contract: every Inst must match its form (register numbers < 16, scale in
// {1,2,4,8}, no rsp index, immediates within their kind's range); a mismatch is
// a bug in the caller and asserts. `check` reports the same conditions as a
// value for callers that want to test before emitting.
#pragma once

#include "isa/x64/Inst.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaot::isa::x64 {

/// A place in the buffer whose value depends on a target's address.
struct Fixup {
  enum class Kind : uint8_t {
    Rel8,  ///< 1-byte PC-relative branch displacement
    Rel32, ///< 4-byte PC-relative displacement (branch, call or RIP-relative operand)
  };
  Kind kind;
  uint32_t offset;  ///< of the displacement field in the buffer
  uint32_t pcBias;  ///< from the field to the end of the instruction (the PC it is relative to)
  Target target;    ///< Label (resolved by finalize) or Symbol (kept as a relocation)
  int32_t addend;   ///< added to the target's address
};

class Encoder {
public:
  Label newLabel();
  /// Binds a label to the current offset; each label is bound once.
  void bind(Label l);

  /// Appends one instruction; returns its offset.
  uint32_t emit(const Inst& inst);

  /// Resolves every label fixup. Returns false with a message if a label was
  /// never bound or a rel8 displacement does not fit.
  bool finalize(std::string* error = nullptr);

  uint32_t offset() const { return static_cast<uint32_t>(bytes_.size()); }
  /// Where a bound label is (~0u if it is not bound).
  uint32_t labelOffset(Label l) const { return l.id < labelOffsets_.size() ? labelOffsets_[l.id] : ~0u; }
  const std::vector<uint8_t>& bytes() const { return bytes_; }
  /// Fixups against symbols: the relocations an object writer must emit
  /// (R_X86_64_PC32 / PLT32 with addend = Fixup::addend - pcBias).
  const std::vector<Fixup>& relocations() const { return relocations_; }

  /// Empty if `inst` is a valid instance of its form, else why not.
  static std::string check(const Inst& inst);

private:
  std::vector<uint8_t> bytes_;
  std::vector<uint32_t> labelOffsets_; ///< ~0u while unbound
  std::vector<Fixup> labelFixups_;
  std::vector<Fixup> relocations_;
};

/// Encodes one instruction alone (displacements of label/symbol targets are left 0).
std::vector<uint8_t> encode(const Inst& inst);

} // namespace wasmaot::isa::x64

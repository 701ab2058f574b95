// Conditions: the small enumerations instructions carry as immediates (comparison
// conditions, trap codes, bounds-check forms, narrow memory access kinds).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace wasmaot::ir {

/// Integer comparison condition of `icmp`; the result is i32 0 or 1.
enum class IntCC : uint8_t { Eq, Ne, Slt, Sle, Sgt, Sge, Ult, Ule, Ugt, Uge };
inline constexpr unsigned kNumIntCC = 10;

/// Float comparison condition of `fcmp` (IEEE: every condition but `ne` is false
/// when an operand is NaN; `ne` is true); the result is i32 0 or 1.
enum class FloatCC : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
inline constexpr unsigned kNumFloatCC = 6;

/// Why code traps. Codes are stable: the runtime maps them to wasm trap messages.
enum class TrapCode : uint8_t {
  Unreachable,
  IntDivideByZero,
  IntOverflow,
  BadConversionToInteger,
  OutOfBoundsMemory,
  OutOfBoundsTable,
  IndirectCallNull,
  IndirectCallSignatureMismatch,
  NullReference,
  CastFailure,
  StackExhausted,
  UninitializedElement,
  OutOfBoundsArray,
  UnalignedAtomic,
  OutOfMemory,
};
inline constexpr unsigned kNumTrapCodes = 15;

/// How a memory access is kept in bounds.
enum class BoundsCheck : uint8_t {
  Check, ///< emit an explicit compare-and-trap (what the translator emits)
  Guard, ///< the access falls into a guard region; a fault is mapped to a trap
  None,  ///< proven in bounds; the instruction records the proof (BoundsProof)
};

/// Why a `bounds=none` access needs no check. A pass that sets BoundsCheck::None
/// must say which invariant it relies on; the verifier rejects None without one.
enum class BoundsProof : uint8_t {
  Unproven,        ///< no proof (only valid with Check/Guard)
  ConstantAddress, ///< constant address + offset + size <= minimum memory size
  DominatingCheck, ///< a dominating access already checked a larger-or-equal end
  LoopRange,       ///< a loop induction range keeps the address in bounds
  External,        ///< established outside the IR (e.g. by the embedder)
  BracketingChecks, ///< in an effect-free run of loads from one base, the lowest and the
                    ///< highest access are checked and cover this one
  LoopVersioned,    ///< in the copy of a loop that runs only when a check before the loop
                    ///< showed every address the loop can form in bounds
};
inline constexpr unsigned kNumBoundsProofs = 7;

/// Width and extension of a memory access. `Natural` accesses the whole type;
/// the others name a narrow access: loads sign- (S*) or zero- (U*) extend to the
/// result type; stores write the low 8/16/32 bits (use U8/U16/U32, printed 8/16/32).
enum class MemAccess : uint8_t { Natural, S8, U8, S16, U16, S32, U32 };
inline constexpr unsigned kNumMemAccess = 7;

/// Bytes accessed by a narrow access (0 for Natural).
unsigned memAccessBytes(MemAccess a);

/// The condition that holds exactly when `cc` does not (a < b becomes a >= b).
IntCC inverseIntCC(IntCC cc);
/// The condition on swapped operands (a < b becomes b > a).
IntCC swappedIntCC(IntCC cc);

const char *intCCName(IntCC cc);
const char *floatCCName(FloatCC cc);
const char *trapCodeName(TrapCode code);
const char *boundsCheckName(BoundsCheck b);
const char *boundsProofName(BoundsProof p);
/// Load spelling: "s8", "u8", ... ("" for Natural).
const char *memAccessName(MemAccess a);

std::optional<IntCC> parseIntCC(std::string_view s);
std::optional<FloatCC> parseFloatCC(std::string_view s);
std::optional<TrapCode> parseTrapCode(std::string_view s);
std::optional<BoundsCheck> parseBoundsCheck(std::string_view s);
std::optional<BoundsProof> parseBoundsProof(std::string_view s);
std::optional<MemAccess> parseMemAccess(std::string_view s);

} // namespace wasmaot::ir

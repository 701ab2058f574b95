// Conditions: text names of condition codes, trap codes, bounds-check forms and access kinds.
#include "ir/Conditions.h"

namespace wasmaot::ir {

const char *intCCName(IntCC cc) {
  switch (cc) {
  case IntCC::Eq: return "eq";
  case IntCC::Ne: return "ne";
  case IntCC::Slt: return "slt";
  case IntCC::Sle: return "sle";
  case IntCC::Sgt: return "sgt";
  case IntCC::Sge: return "sge";
  case IntCC::Ult: return "ult";
  case IntCC::Ule: return "ule";
  case IntCC::Ugt: return "ugt";
  case IntCC::Uge: return "uge";
  }
  return "?";
}

const char *floatCCName(FloatCC cc) {
  switch (cc) {
  case FloatCC::Eq: return "eq";
  case FloatCC::Ne: return "ne";
  case FloatCC::Lt: return "lt";
  case FloatCC::Le: return "le";
  case FloatCC::Gt: return "gt";
  case FloatCC::Ge: return "ge";
  }
  return "?";
}

const char *trapCodeName(TrapCode code) {
  switch (code) {
  case TrapCode::Unreachable: return "unreachable";
  case TrapCode::IntDivideByZero: return "int_divide_by_zero";
  case TrapCode::IntOverflow: return "int_overflow";
  case TrapCode::BadConversionToInteger: return "bad_conversion_to_integer";
  case TrapCode::OutOfBoundsMemory: return "out_of_bounds_memory";
  case TrapCode::OutOfBoundsTable: return "out_of_bounds_table";
  case TrapCode::IndirectCallNull: return "indirect_call_null";
  case TrapCode::IndirectCallSignatureMismatch: return "indirect_call_signature_mismatch";
  case TrapCode::NullReference: return "null_reference";
  case TrapCode::CastFailure: return "cast_failure";
  case TrapCode::StackExhausted: return "stack_exhausted";
  case TrapCode::UninitializedElement: return "uninitialized_element";
  case TrapCode::OutOfBoundsArray: return "out_of_bounds_array";
  case TrapCode::UnalignedAtomic: return "unaligned_atomic";
  case TrapCode::OutOfMemory: return "out_of_memory";
  }
  return "?";
}

IntCC inverseIntCC(IntCC cc) {
  switch (cc) {
  case IntCC::Eq: return IntCC::Ne;
  case IntCC::Ne: return IntCC::Eq;
  case IntCC::Slt: return IntCC::Sge;
  case IntCC::Sge: return IntCC::Slt;
  case IntCC::Sle: return IntCC::Sgt;
  case IntCC::Sgt: return IntCC::Sle;
  case IntCC::Ult: return IntCC::Uge;
  case IntCC::Uge: return IntCC::Ult;
  case IntCC::Ule: return IntCC::Ugt;
  case IntCC::Ugt: return IntCC::Ule;
  }
  return cc;
}

IntCC swappedIntCC(IntCC cc) {
  switch (cc) {
  case IntCC::Slt: return IntCC::Sgt;
  case IntCC::Sle: return IntCC::Sge;
  case IntCC::Sgt: return IntCC::Slt;
  case IntCC::Sge: return IntCC::Sle;
  case IntCC::Ult: return IntCC::Ugt;
  case IntCC::Ule: return IntCC::Uge;
  case IntCC::Ugt: return IntCC::Ult;
  case IntCC::Uge: return IntCC::Ule;
  default: return cc; // Eq, Ne
  }
}

const char *boundsCheckName(BoundsCheck b) {
  switch (b) {
  case BoundsCheck::Check: return "check";
  case BoundsCheck::Guard: return "guard";
  case BoundsCheck::None: return "none";
  }
  return "?";
}

const char *boundsProofName(BoundsProof p) {
  switch (p) {
  case BoundsProof::Unproven: return "unproven";
  case BoundsProof::ConstantAddress: return "constant_address";
  case BoundsProof::DominatingCheck: return "dominating_check";
  case BoundsProof::LoopRange: return "loop_range";
  case BoundsProof::External: return "external";
  case BoundsProof::BracketingChecks: return "bracketing_checks";
  case BoundsProof::LoopVersioned: return "loop_versioned";
  }
  return "?";
}

const char *memAccessName(MemAccess a) {
  switch (a) {
  case MemAccess::Natural: return "";
  case MemAccess::S8: return "s8";
  case MemAccess::U8: return "u8";
  case MemAccess::S16: return "s16";
  case MemAccess::U16: return "u16";
  case MemAccess::S32: return "s32";
  case MemAccess::U32: return "u32";
  }
  return "?";
}

unsigned memAccessBytes(MemAccess a) {
  switch (a) {
  case MemAccess::Natural: return 0;
  case MemAccess::S8:
  case MemAccess::U8: return 1;
  case MemAccess::S16:
  case MemAccess::U16: return 2;
  case MemAccess::S32:
  case MemAccess::U32: return 4;
  }
  return 0;
}

namespace {
template <class E, class NameFn>
std::optional<E> lookup(std::string_view s, unsigned count, NameFn name) {
  for (unsigned i = 0; i < count; ++i)
    if (s == name(static_cast<E>(i))) return static_cast<E>(i);
  return std::nullopt;
}
} // namespace

std::optional<IntCC> parseIntCC(std::string_view s) { return lookup<IntCC>(s, kNumIntCC, intCCName); }
std::optional<FloatCC> parseFloatCC(std::string_view s) {
  return lookup<FloatCC>(s, kNumFloatCC, floatCCName);
}
std::optional<TrapCode> parseTrapCode(std::string_view s) {
  return lookup<TrapCode>(s, kNumTrapCodes, trapCodeName);
}
std::optional<BoundsCheck> parseBoundsCheck(std::string_view s) {
  return lookup<BoundsCheck>(s, 3, boundsCheckName);
}
std::optional<BoundsProof> parseBoundsProof(std::string_view s) {
  return lookup<BoundsProof>(s, kNumBoundsProofs, boundsProofName);
}
std::optional<MemAccess> parseMemAccess(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return lookup<MemAccess>(s, kNumMemAccess, memAccessName);
}

} // namespace wasmaot::ir

// Error: the wasm trap messages, spelled as the spec interpreter prints them so
// that embedders and the spec runner can show (and compare) them.
#include "runtime/Error.h"

namespace wasmaot::runtime {

const char *trapMessage(ir::TrapCode code) {
  using ir::TrapCode;
  switch (code) {
  case TrapCode::Unreachable: return "unreachable";
  case TrapCode::IntDivideByZero: return "integer divide by zero";
  case TrapCode::IntOverflow: return "integer overflow";
  case TrapCode::BadConversionToInteger: return "invalid conversion to integer";
  case TrapCode::OutOfBoundsMemory: return "out of bounds memory access";
  case TrapCode::OutOfBoundsTable: return "out of bounds table access";
  case TrapCode::IndirectCallNull: return "uninitialized element";
  case TrapCode::IndirectCallSignatureMismatch: return "indirect call type mismatch";
  case TrapCode::NullReference: return "null reference";
  case TrapCode::CastFailure: return "cast failure";
  case TrapCode::StackExhausted: return "call stack exhausted";
  case TrapCode::UninitializedElement: return "uninitialized element";
  case TrapCode::OutOfBoundsArray: return "out of bounds array access";
  case TrapCode::UnalignedAtomic: return "unaligned atomic";
  case TrapCode::OutOfMemory: return "out of memory";
  }
  return "unknown trap";
}

} // namespace wasmaot::runtime

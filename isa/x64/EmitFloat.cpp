// EmitFloat: the floating-point idioms of MacroOp (min/max with wasm's NaN and
// signed-zero rules, trapping and saturating conversions, unsigned conversions).
#include "isa/x64/Emit.h"

namespace wasmaot::isa::x64 {

bool emitFloatMacro(Emitter &e, codegen::InstId i, MacroOp op, int64_t imm) {
  (void)e;
  (void)i;
  (void)imm;
  switch (op) {
  default:
    return false;
  }
}

} // namespace wasmaot::isa::x64

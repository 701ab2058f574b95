// BodyValidator: validateFunctionBody and validateConstExpr (Decoder.h), both
// BodyDecoder<true, NullConsumer>, plus the value-type names used in diagnostics.
#include "wasm/BodyDecoder.h"
#include "wasm/Decoder.h"

namespace wasmaot::wasm {

namespace {

const char *absHeapName(AbsHeap h) {
  switch (h) {
  case AbsHeap::NoExn: return "noexn";
  case AbsHeap::NoFunc: return "nofunc";
  case AbsHeap::NoExtern: return "noextern";
  case AbsHeap::None: return "none";
  case AbsHeap::Func: return "func";
  case AbsHeap::Extern: return "extern";
  case AbsHeap::Any: return "any";
  case AbsHeap::Eq: return "eq";
  case AbsHeap::I31: return "i31";
  case AbsHeap::Struct: return "struct";
  case AbsHeap::Array: return "array";
  case AbsHeap::Exn: return "exn";
  }
  return "?";
}

} // namespace

std::string valTypeName(ValType t) {
  switch (t.kind) {
  case ValType::I32: return "i32";
  case ValType::I64: return "i64";
  case ValType::F32: return "f32";
  case ValType::F64: return "f64";
  case ValType::V128: return "v128";
  case ValType::Bot: return "bot";
  case ValType::Ref: break;
  }
  std::string heap = t.heap.isBottom()     ? std::string("bot")
                     : t.heap.isAbstract() ? std::string(absHeapName(t.heap.abs()))
                                           : std::to_string(t.heap.typeIndex());
  if (t.nullable && t.heap.isAbstract()) return heap + "ref";
  return std::string("(ref ") + (t.nullable ? "null " : "") + heap + ")";
}

bool validateFunctionBody(const Module &module, uint32_t funcIndex, const Features &features,
                          Diagnostic &diag) {
  NullConsumer consumer;
  BodyDecoder<true, NullConsumer> decoder(module, features, consumer);
  if (decoder.decodeFunction(funcIndex, diag)) return true;
  // A validation error may precede an encoding error later in the body; the
  // spec decodes first, so the encoding error wins. Costs nothing on valid input.
  if (diag.kind == DiagKind::Invalid) checkFunctionBodyEncoding(module, funcIndex, features, diag);
  return false;
}

bool checkFunctionBodyEncoding(const Module &module, uint32_t funcIndex, const Features &features,
                               Diagnostic &diag) {
  NullConsumer consumer;
  BodyDecoder<false, NullConsumer> decoder(module, features, consumer);
  Diagnostic d;
  if (decoder.decodeFunction(funcIndex, d) || d.kind != DiagKind::Malformed) return true;
  diag = d;
  return false;
}

bool validateConstExpr(const Module &module, ConstExpr expr, ValType expected,
                       uint32_t numGlobals, const Features &features, Diagnostic &diag) {
  if (uint64_t(expr.offset) + expr.size > module.bytes.size()) {
    diag = Diagnostic{DiagKind::Malformed, expr.offset, std::nullopt, "unexpected end"};
    return false;
  }
  NullConsumer consumer;
  BodyDecoder<true, NullConsumer> decoder(module, features, consumer);
  const std::span<const uint8_t> bytes(module.bytes.data() + expr.offset, expr.size);
  return decoder.decodeConstExpr(bytes, expr.offset, expected, numGlobals, true, diag);
}

} // namespace wasmaot::wasm

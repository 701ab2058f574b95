// Type: names and widths of IR value types.
#include "ir/Type.h"

namespace wasmaot::ir {

const char *typeName(Type t) {
  switch (t) {
  case Type::I8: return "i8";
  case Type::I16: return "i16";
  case Type::I32: return "i32";
  case Type::I64: return "i64";
  case Type::F32: return "f32";
  case Type::F64: return "f64";
  case Type::V128: return "v128";
  case Type::Ref: return "ref";
  }
  return "?";
}

unsigned typeBits(Type t) {
  switch (t) {
  case Type::I8: return 8;
  case Type::I16: return 16;
  case Type::I32: return 32;
  case Type::I64: return 64;
  case Type::F32: return 32;
  case Type::F64: return 64;
  case Type::V128: return 128;
  case Type::Ref: return 64;
  }
  return 0;
}

std::optional<Type> parseType(std::string_view name) {
  for (unsigned i = 0; i < kNumTypes; ++i)
    if (name == typeName(static_cast<Type>(i))) return static_cast<Type>(i);
  return std::nullopt;
}

} // namespace wasmaot::ir

// FuzzExecFormat: Binaryen's --fuzz-exec spelling of values (see the header).
#include "FuzzExecFormat.h"

#include <charconv>
#include <cinttypes>
#include <cmath>
#include <cstdio>

namespace wasmaot::fuzzexec {

using runtime::ValKind;
using runtime::Value;

namespace {

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  return buf;
}

/// A finite or infinite double, shortest round-trip form ("0.1", "1e+300").
/// Binaryen picks its own shortest spelling ("1.e+300", "1e21"); both denote
/// the same value, and the comparison parses numbers before comparing them.
std::string formatFinite(double d) {
  if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
  if (d == 0) return std::signbit(d) ? "-0" : "0";
  char buf[64];
  const std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, r.ptr);
}

std::string formatNaN(bool negative, uint64_t payload) { return std::string(negative ? "-" : "") + "nan:" + hex(payload); }

} // namespace

std::string formatNumber(const Value &v) {
  switch (v.kind) {
  case ValKind::I32: return std::to_string(int32_t(v.asI32()));
  case ValKind::I64: return std::to_string(int64_t(v.asI64()));
  case ValKind::F32: {
    const uint32_t bits = v.asI32();
    if ((bits & 0x7F800000u) == 0x7F800000u && (bits & 0x007FFFFFu))
      return formatNaN(bits >> 31, bits & 0x007FFFFFu);
    return formatFinite(double(v.asF32()));
  }
  case ValKind::F64: {
    const uint64_t bits = v.asI64();
    if ((bits & 0x7FF0000000000000ull) == 0x7FF0000000000000ull && (bits & 0x000FFFFFFFFFFFFFull))
      return formatNaN(bits >> 63, bits & 0x000FFFFFFFFFFFFFull);
    return formatFinite(v.asF64());
  }
  case ValKind::V128: return "i32x4 " + hex(v.lo & 0xFFFFFFFFu) + " " + hex(v.lo >> 32) + " " +
                             hex(v.hi & 0xFFFFFFFFu) + " " + hex(v.hi >> 32);
  case ValKind::FuncRef:
  case ValKind::ExternRef:
  case ValKind::AnyRef: break;
  }
  return "?";
}

std::string formatTupleElement(const Value &v, const FuncRefNamer &namer) {
  switch (v.kind) {
  case ValKind::FuncRef: return "funcref(" + (v.lo ? namer(v.lo) : std::string("null")) + ")";
  case ValKind::ExternRef: return "externref(" + (v.lo ? hex(v.lo) : std::string("null")) + ")";
  case ValKind::AnyRef: return "anyref(" + (v.lo ? hex(v.lo) : std::string("null")) + ")";
  case ValKind::I32:
  case ValKind::I64:
  case ValKind::F32:
  case ValKind::F64:
  case ValKind::V128: break;
  }
  return formatNumber(v);
}

std::string formatResults(const std::vector<Value> &results, const FuncRefNamer &namer) {
  if (results.size() == 1) {
    switch (results[0].kind) {
    case ValKind::FuncRef: return "funcref";
    case ValKind::ExternRef: return "externref";
    case ValKind::AnyRef: return "anyref";
    case ValKind::I32:
    case ValKind::I64:
    case ValKind::F32:
    case ValKind::F64:
    case ValKind::V128: break;
    }
    return formatNumber(results[0]);
  }
  std::string out = "(";
  for (size_t i = 0; i < results.size(); ++i) {
    if (i) out += ", ";
    out += formatTupleElement(results[i], namer);
  }
  return out + ")";
}

} // namespace wasmaot::fuzzexec

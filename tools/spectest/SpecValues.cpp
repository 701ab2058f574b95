// SpecValues: parsing and matching of testsuite values. NaN rules (spec,
// "NaN propagation"): a canonical NaN has only the top fraction bit set (any
// sign); an arithmetic NaN has the top fraction bit set and any other payload.
#include "SpecValues.h"

#include <cinttypes>
#include <cstdio>

namespace wasmaot::spectest {

using runtime::ValKind;
using runtime::Value;

namespace {

bool parseBits(const std::string &text, uint64_t &out) {
  if (text.empty()) return false;
  size_t i = 0;
  bool negative = false;
  if (text[0] == '-') {
    negative = true;
    i = 1;
  }
  if (i >= text.size()) return false;
  uint64_t v = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    const uint64_t d = uint64_t(text[i] - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  out = negative ? uint64_t(0) - v : v;
  return true;
}

bool isRefType(const std::string &t) {
  return t.ends_with("ref") || t == "refnull";
}

ValKind refKind(const std::string &t) {
  if (t == "funcref" || t == "nullfuncref") return ValKind::FuncRef;
  if (t == "externref" || t == "nullexternref") return ValKind::ExternRef;
  return ValKind::AnyRef;
}

/// A float lane/value against "nan:canonical", "nan:arithmetic" or bits.
bool floatMatches(const std::string &want, uint64_t bits, bool is64) {
  const uint64_t expMask = is64 ? 0x7FF0000000000000ull : 0x7F800000ull;
  const uint64_t quiet = is64 ? 0x0008000000000000ull : 0x00400000ull;
  const uint64_t absMask = is64 ? 0x7FFFFFFFFFFFFFFFull : 0x7FFFFFFFull;
  if (want == "nan:canonical") return (bits & absMask) == (expMask | quiet);
  if (want == "nan:arithmetic") return (bits & expMask) == expMask && (bits & quiet);
  uint64_t w;
  return parseBits(want, w) && (is64 ? w == bits : uint32_t(w) == uint32_t(bits));
}

unsigned laneBits(const std::string &lane) {
  if (lane == "i8") return 8;
  if (lane == "i16") return 16;
  if (lane == "i32" || lane == "f32") return 32;
  if (lane == "i64" || lane == "f64") return 64;
  return 0;
}

uint64_t laneOf(const Value &v, unsigned bits, unsigned i) {
  const unsigned at = bits * i;
  const uint64_t word = at < 64 ? v.lo : v.hi;
  const unsigned shift = at % 64;
  return bits == 64 ? word : (word >> shift) & ((1ull << bits) - 1);
}

} // namespace

std::optional<Value> parseArgument(const json::Value &v, std::string &error) {
  const std::string *type = v.getString("type");
  if (!type) {
    error = "value without a type";
    return std::nullopt;
  }
  if (*type == "v128") {
    const std::string *lane = v.getString("lane_type");
    const json::Value *lanes = v.get("value");
    const unsigned bits = lane ? laneBits(*lane) : 0;
    if (!bits || !lanes || !lanes->isArray() || lanes->items.size() * bits != 128) {
      error = "malformed v128 value";
      return std::nullopt;
    }
    Value out = Value::v128(0, 0);
    for (size_t i = 0; i < lanes->items.size(); ++i) {
      uint64_t x;
      if (!parseBits(lanes->items[i].text, x)) {
        error = "malformed v128 lane";
        return std::nullopt;
      }
      if (bits < 64) x &= (1ull << bits) - 1;
      const unsigned at = unsigned(i) * bits;
      (at < 64 ? out.lo : out.hi) |= x << (at % 64);
    }
    return out;
  }
  const std::string *text = v.getString("value");
  if (isRefType(*type)) {
    if (!text || *text == "null") return Value::ref(refKind(*type), 0);
    uint64_t n;
    if (!parseBits(*text, n)) {
      error = "malformed reference value";
      return std::nullopt;
    }
    return Value::ref(refKind(*type), hostRef(n));
  }
  uint64_t bits;
  if (!text || !parseBits(*text, bits)) {
    error = "malformed " + *type + " value";
    return std::nullopt;
  }
  if (*type == "i32") return Value::i32(uint32_t(bits));
  if (*type == "i64") return Value::i64(bits);
  if (*type == "f32") return Value::f32Bits(uint32_t(bits));
  if (*type == "f64") return Value::f64Bits(bits);
  error = "unknown value type " + *type;
  return std::nullopt;
}

bool matchesExpected(const json::Value &expected, const Value &actual, std::string &error) {
  const std::string *type = expected.getString("type");
  if (!type) {
    error = "expectation without a type";
    return false;
  }
  if (*type == "either") {
    const json::Value *values = expected.get("values");
    if (values && values->isArray())
      for (const json::Value &alt : values->items) {
        std::string ignored;
        if (matchesExpected(alt, actual, ignored)) return true;
      }
    error = "none of the alternatives matches " + describe(actual);
    return false;
  }
  auto fail = [&](const std::string &want) {
    error = "expected " + want + ", got " + describe(actual);
    return false;
  };
  const std::string *text = expected.getString("value");
  if (*type == "v128") {
    const std::string *lane = expected.getString("lane_type");
    const json::Value *lanes = expected.get("value");
    const unsigned bits = lane ? laneBits(*lane) : 0;
    if (!bits || !lanes || !lanes->isArray() || lanes->items.size() * bits != 128) return fail("(malformed v128)");
    if (actual.kind != ValKind::V128) return fail("a v128");
    for (unsigned i = 0; i < lanes->items.size(); ++i) {
      const uint64_t got = laneOf(actual, bits, i);
      const std::string &want = lanes->items[i].text;
      bool ok;
      if (*lane == "f32" || *lane == "f64") {
        ok = floatMatches(want, got, bits == 64);
      } else {
        uint64_t w;
        ok = parseBits(want, w) && (bits == 64 ? w : w & ((1ull << bits) - 1)) == got;
      }
      if (!ok) return fail(*lane + " lane " + std::to_string(i) + " = " + want);
    }
    return true;
  }
  if (isRefType(*type)) {
    if (!runtime::isRef(actual.kind)) return fail(*type);
    if (*type == "refnull" || (text && *text == "null")) return actual.lo == 0 ? true : fail(*type + " null");
    if (!text) return actual.lo != 0 ? true : fail("a non-null " + *type);
    uint64_t n;
    if (!parseBits(*text, n)) return fail("(malformed reference)");
    return actual.lo == hostRef(n) ? true : fail(*type + " " + *text);
  }
  if (!text) return fail("(a value)");
  if (*type == "i32") {
    uint64_t w;
    return actual.kind == ValKind::I32 && parseBits(*text, w) && uint32_t(w) == actual.asI32() ? true
                                                                                              : fail("i32:" + *text);
  }
  if (*type == "i64") {
    uint64_t w;
    return actual.kind == ValKind::I64 && parseBits(*text, w) && w == actual.lo ? true : fail("i64:" + *text);
  }
  if (*type == "f32")
    return actual.kind == ValKind::F32 && floatMatches(*text, actual.lo, false) ? true : fail("f32:" + *text);
  if (*type == "f64")
    return actual.kind == ValKind::F64 && floatMatches(*text, actual.lo, true) ? true : fail("f64:" + *text);
  return fail("(unknown type " + *type + ")");
}

std::string describe(const Value &v) {
  char buf[80];
  switch (v.kind) {
  case ValKind::I32: std::snprintf(buf, sizeof buf, "i32:%" PRIu32, v.asI32()); break;
  case ValKind::I64: std::snprintf(buf, sizeof buf, "i64:%" PRIu64, v.lo); break;
  case ValKind::F32: std::snprintf(buf, sizeof buf, "f32:%" PRIu32 " (%g)", v.asI32(), double(v.asF32())); break;
  case ValKind::F64: std::snprintf(buf, sizeof buf, "f64:%" PRIu64 " (%g)", v.lo, v.asF64()); break;
  case ValKind::V128: std::snprintf(buf, sizeof buf, "v128:0x%016" PRIx64 "%016" PRIx64, v.hi, v.lo); break;
  default: std::snprintf(buf, sizeof buf, "ref:0x%" PRIx64, v.lo); break;
  }
  return buf;
}

} // namespace wasmaot::spectest

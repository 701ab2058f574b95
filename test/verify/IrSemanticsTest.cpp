// IrSemanticsTest: grounds the IR semantics of tools/rulec/prelude/ir.rules in
// the spec testsuite: every assert_return / assert_trap of the numeric scripts
// (core-2.0 i32, i64, f32, f64, conversions) whose export is one IR operation is
// evaluated by the verifier's interpreter and compared with the expected
// value, NaN pattern (nan:canonical / nan:arithmetic) or trap.
#include "verify/Verifier.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace {

namespace v = wasmaot::verify;

// ---- a small JSON reader (objects, arrays, strings, numbers, literals)
struct Json {
  enum class K { Null, Str, Num, Arr, Obj } k = K::Null;
  std::string s;
  std::vector<Json> a;
  std::vector<std::pair<std::string, Json>> o;
  const Json *get(const std::string &key) const {
    for (auto &[n, v] : o)
      if (n == key)
        return &v;
    return nullptr;
  }
};

struct JsonReader {
  const std::string &t;
  size_t i = 0;
  void ws() {
    while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i])))
      ++i;
  }
  Json value() {
    ws();
    Json j;
    char c = t[i];
    if (c == '{') {
      j.k = Json::K::Obj;
      ++i;
      ws();
      if (t[i] == '}') return ++i, j;
      while (true) {
        ws();
        std::string key = str();
        ws();
        ++i; // ':'
        j.o.emplace_back(key, value());
        ws();
        if (t[i++] == '}') return j;
      }
    }
    if (c == '[') {
      j.k = Json::K::Arr;
      ++i;
      ws();
      if (t[i] == ']') return ++i, j;
      while (true) {
        j.a.push_back(value());
        ws();
        if (t[i++] == ']') return j;
      }
    }
    if (c == '"') {
      j.k = Json::K::Str;
      j.s = str();
      return j;
    }
    j.k = Json::K::Num;
    while (i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '-' || t[i] == '.' || t[i] == '+'))
      j.s += t[i++];
    return j;
  }
  std::string str() {
    std::string r;
    ++i; // '"'
    while (t[i] != '"') {
      if (t[i] == '\\') {
        ++i;
        if (t[i] == 'u') { r += '?'; i += 5; continue; }
      }
      r += t[i++];
    }
    ++i;
    return r;
  }
};

std::string root() { return WASMAOT_SOURCE_ROOT; }

struct OpMap {
  std::string term;
  std::string type; ///< controlling type ("" = the result type)
};

/// The IR term of a testsuite export, by script (docs/ir.md, lib/frontend).
std::optional<OpMap> irOp(const std::string &script, const std::string &field, const std::string &resultType) {
  static const std::map<std::string, std::string> ints = {
      {"add", "iadd"},   {"sub", "isub"},   {"mul", "imul"},   {"div_s", "sdiv"}, {"div_u", "udiv"},
      {"rem_s", "srem"}, {"rem_u", "urem"}, {"and", "band"},   {"or", "bor"},     {"xor", "bxor"},
      {"shl", "ishl"},   {"shr_s", "sshr"}, {"shr_u", "ushr"}, {"rotl", "rotl"},  {"rotr", "rotr"},
      {"clz", "clz"},    {"ctz", "ctz"},    {"popcnt", "popcnt"}};
  static const std::map<std::string, std::string> floats = {
      {"add", "fadd"},     {"sub", "fsub"},     {"mul", "fmul"},   {"div", "fdiv"},   {"sqrt", "fsqrt"},
      {"min", "fmin"},     {"max", "fmax"},     {"ceil", "fceil"}, {"floor", "ffloor"}, {"trunc", "ftrunc"},
      {"nearest", "fnearest"}, {"abs", "fabs"}, {"neg", "fneg"},   {"copysign", "fcopysign"}};
  if (script == "i32" || script == "i64") {
    auto it = ints.find(field);
    return it == ints.end() ? std::nullopt : std::optional<OpMap>({it->second, script});
  }
  if (script == "f32" || script == "f64") {
    auto it = floats.find(field);
    return it == floats.end() ? std::nullopt : std::optional<OpMap>({it->second, script});
  }
  // conversions.wast: i64.extend_i32_s, i32.trunc_f32_s, f32.convert_i64_u, ...
  static const std::map<std::string, std::string> conv = {
      {"i64.extend_i32_s", "sext"},          {"i64.extend_i32_u", "zext"},
      {"i32.wrap_i64", "ireduce"},           {"f64.promote_f32", "fpromote"},
      {"f32.demote_f64", "fdemote"},         {"i32.reinterpret_f32", "bitcast"},
      {"i64.reinterpret_f64", "bitcast"},    {"f32.reinterpret_i32", "bitcast"},
      {"f64.reinterpret_i64", "bitcast"}};
  if (auto it = conv.find(field); it != conv.end())
    return OpMap{it->second, ""};
  if (field.find(".trunc_sat_") != std::string::npos)
    return OpMap{field.back() == 's' ? "fcvt_to_sint_sat" : "fcvt_to_uint_sat", ""};
  if (field.find(".trunc_") != std::string::npos)
    return OpMap{field.back() == 's' ? "fcvt_to_sint" : "fcvt_to_uint", ""};
  if (field.find(".convert_") != std::string::npos)
    return OpMap{field.back() == 's' ? "fcvt_from_sint" : "fcvt_from_uint", ""};
  return std::nullopt;
}

TEST(IrSemanticsTest, NumericScriptsOfTheSpecTestsuite) {
  std::string dir = root() + "/../shared/testsuite/core-2.0";
  std::ifstream probe(dir + "/i32.json");
  if (!probe)
    GTEST_SKIP() << "no spec testsuite at " << dir;
  v::FormSemantics sem;
  std::string error;
  ASSERT_TRUE(sem.load({root() + "/tools/rulec/prelude/ir.rules"}, error)) << error;
  unsigned checked = 0, failures = 0;
  for (std::string script : {"i32", "i64", "f32", "f64", "conversions"}) {
    std::ifstream in(dir + "/" + script + ".json");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    JsonReader rd{text};
    Json doc = rd.value();
    for (const Json &c : doc.get("commands")->a) {
      std::string type = c.get("type")->s;
      if (type != "assert_return" && type != "assert_trap")
        continue;
      const Json &action = *c.get("action");
      if (action.get("type")->s != "invoke")
        continue;
      std::string field = action.get("field")->s;
      std::vector<std::string> argTypes;
      std::vector<uint64_t> args;
      for (const Json &a : action.get("args")->a) {
        argTypes.push_back(a.get("type")->s);
        args.push_back(std::stoull(a.get("value")->s));
      }
      std::string resultType;
      const Json *expected = c.get("expected");
      if (expected && !expected->a.empty())
        resultType = expected->a[0].get("type")->s;
      auto op = irOp(script, field, resultType);
      if (!op || (type == "assert_return" && resultType.empty()))
        continue;
      std::string t = op->type.empty() ? resultType : op->type;
      if (t.empty() && field.size() > 3 && field[3] == '.')
        t = field.substr(0, 3); // a trapping conversion: the result type is in the export name
      v::FormSemantics::IrResult r;
      ASSERT_TRUE(sem.evalIr(op->term, t, argTypes, args, r, error)) << script << " " << field << ": " << error;
      ++checked;
      std::string want = type == "assert_trap" ? "trap" : expected->a[0].get("value")->s;
      bool ok;
      if (want == "trap")
        ok = r.trapped;
      else if (want == "nan:canonical")
        ok = !r.trapped && r.nan && r.canonical;
      else if (want == "nan:arithmetic")
        ok = !r.trapped && r.nan;
      else
        ok = !r.trapped && !r.nan && r.bits == std::stoull(want);
      if (!ok && ++failures < 20)
        ADD_FAILURE() << script << ".wast:" << c.get("line")->s << " " << field << " expected " << want << ", got "
                      << (r.trapped ? "trap" : r.nan ? "NaN" : std::to_string(r.bits));
    }
  }
  std::printf("IR semantics: %u testsuite assertions checked, %u failed\n", checked, failures);
  EXPECT_GT(checked, 1500u);
}

} // namespace

// IrTyping: operand and result types of the IR opcodes rules match, and which
// immediates are valid IR (docs/ir.md; lib/ir/Verifier.cpp enforces the same).
#include "Instance.h"

#include <algorithm>

namespace wasmaot::verify {

namespace {
bool isInt(const std::string &t) { return t == "i8" || t == "i16" || t == "i32" || t == "i64"; }
bool isFloat(const std::string &t) { return t == "f32" || t == "f64"; }
} // namespace

std::vector<std::string> IrTyping::operandTypes(const std::string &op, const std::string &t, unsigned k) const {
  auto inUniverse = [&](std::vector<std::string> ts) {
    std::vector<std::string> r;
    for (auto &x : ts)
      if (std::find(universe.begin(), universe.end(), x) != universe.end())
        r.push_back(x);
    return r;
  };
  unsigned w = isInt(t) || isFloat(t) ? Evaluator::typeWidth(t) : 0;
  if (op == "Select")
    return k == 0 ? std::vector<std::string>{"i32"} : std::vector<std::string>{t};
  if (op == "Sext" || op == "Zext") {
    std::vector<std::string> r;
    for (const char *x : {"i8", "i16", "i32"})
      if (Evaluator::typeWidth(x) < w)
        r.push_back(x);
    return inUniverse(r);
  }
  if (op == "Ireduce") {
    std::vector<std::string> r;
    for (const char *x : {"i16", "i32", "i64"})
      if (Evaluator::typeWidth(x) > w)
        r.push_back(x);
    return inUniverse(r);
  }
  if (op == "FcvtToSint" || op == "FcvtToUint" || op == "FcvtToSintSat" || op == "FcvtToUintSat")
    return inUniverse({"f32", "f64"});
  if (op == "FcvtFromSint" || op == "FcvtFromUint")
    return inUniverse({"i32", "i64"});
  if (op == "Fpromote")
    return {"f32"};
  if (op == "Fdemote")
    return {"f64"};
  if (op == "Bitcast")
    return {t == "i32" ? "f32" : t == "f32" ? "i32" : t == "i64" ? "f64" : "i64"};
  if (op == "Trapz" || op == "Trapnz")
    return inUniverse({"i32", "i64"});
  if (op == "Load")
    return {"mem"};
  if (op == "Store")
    return k == 0 ? std::vector<std::string>{"mem"} : std::vector<std::string>{t};
  if (op == "GlobalSet")
    return universe;
  return {t};
}

std::string IrTyping::resultType(const std::string &op, const std::string &t) const {
  if (op == "Icmp" || op == "Fcmp")
    return "i32";
  if (op == "Store" || op == "Trapz" || op == "Trapnz" || op == "GlobalSet")
    return "";
  return t;
}

bool IrTyping::validField(const std::string &op, const std::string &field, const std::string &e,
                          const std::string &t) const {
  if ((op == "Load" || op == "Store") && field == "access") {
    if (e == "natural")
      return true;
    if (!isInt(t))
      return false; // narrow accesses only for integer types
    unsigned bytes = e.back() == '8' ? 1 : e.back() == '6' ? 2 : 4;
    if (bytes * 8 >= Evaluator::typeWidth(t))
      return false;
    // A store of the low bits has one spelling per width (lib/ir prints u8 as 8).
    return op == "Load" || e[0] == 'u';
  }
  return true;
}

} // namespace wasmaot::verify

// SpecValues: the testsuite's JSON values (README "Values") as runtime values,
// and the comparison of results with expectations: exact bits, nan:canonical
// and nan:arithmetic (per float lane for v128), references by nullness or
// host identity, and "either" alternatives.
#pragma once

#include "runtime/Value.h"
#include "support/Json.h"

#include <optional>
#include <string>

namespace wasmaot::spectest {

/// Host reference N (externref N, anyref N) as the word passed to wasm: N + 1,
/// so that 0 stays null.
inline uint64_t hostRef(uint64_t n) { return n + 1; }

/// An argument value; nullopt with `error` set when it cannot be parsed.
std::optional<runtime::Value> parseArgument(const json::Value &v, std::string &error);

/// Whether `actual` matches expectation `expected`; `error` says why not.
bool matchesExpected(const json::Value &expected, const runtime::Value &actual, std::string &error);

/// "i32:42", "f64:0x...", "v128:..." for messages.
std::string describe(const runtime::Value &v);

} // namespace wasmaot::spectest

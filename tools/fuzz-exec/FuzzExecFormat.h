// FuzzExecFormat: values, results, logged arguments and traps spelled the way
// Binaryen's `wasm-opt M.wasm --fuzz-exec-before` (version 108, Debian's
// binaryen) prints them, so that the two outputs can be compared line by line
// after the few normalizations of test/fuzz/differential.py (docs/testing.md,
// "Differential testing"):
//
//   [fuzz-exec] calling NAME
//   [LoggingExternalInterface logging V...]
//   [fuzz-exec] note result: NAME => V          (one result)
//   [fuzz-exec] note result: NAME => (V, V)     (several results)
//   [trap MESSAGE]
//
// Integers are signed decimal; floats are their shortest round-trip decimal
// (an f32 is printed as the f64 it converts to exactly, as Binaryen does),
// "-0", "inf", "-inf", and NaNs as [-]nan:0xPAYLOAD (the whole fraction field).
#pragma once

#include "runtime/Value.h"

#include <functional>
#include <string>
#include <vector>

namespace wasmaot::fuzzexec {

/// A number as Binaryen prints a Literal of kind I32, I64, F32 or F64.
std::string formatNumber(const runtime::Value &v);

/// Names a non-null funcref (a VMFuncRef address) for a result tuple.
using FuncRefNamer = std::function<std::string(uint64_t ref)>;

/// One value inside a result tuple: numbers as formatNumber, references as
/// "funcref(NAME)", "funcref(null)", "externref(null)".
std::string formatTupleElement(const runtime::Value &v, const FuncRefNamer &namer);

/// The text after "=>" for a call that returned `results` (at least one). A single
/// reference result prints only its type ("funcref", "externref"): Binaryen
/// does not print single reference results, since function identities are not
/// stable across its optimizations.
std::string formatResults(const std::vector<runtime::Value> &results, const FuncRefNamer &namer);

} // namespace wasmaot::fuzzexec

// Error: how libwasmaot-rt reports failure (errors are values, STYLE.md habit 9).
//
// The kinds follow the spec's outcomes of loading and instantiating: an object
// the runtime refuses (Load), imports that do not match (Link: the testsuite's
// assert_unlinkable), a trap while instantiating (Trap: assert_uninstantiable),
// and resources the host cannot give (Resource: address space, memory).
#pragma once

#include "ir/Conditions.h"

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace wasmaot::runtime {

enum class ErrorKind : uint8_t {
  Load,        ///< the object is malformed or was compiled for another ABI/machine/mode
  Link,        ///< an import is missing or has the wrong type
  Trap,        ///< a trap during instantiation (segment out of bounds, start function)
  Exit,        ///< the start function called proc_exit (HostCallContext::exit)
  Resource,    ///< mmap/mprotect failed, limits exceeded
  Unsupported, ///< valid input the runtime does not implement yet (GC allocation in a constant)
  Argument,    ///< the embedder passed something wrong (arity, types, unknown name)
};

struct Error {
  ErrorKind kind = ErrorKind::Load;
  std::string message;
  /// Set for ErrorKind::Trap.
  std::optional<ir::TrapCode> trap;
  /// Set for ErrorKind::Exit.
  int32_t exitCode = 0;

  static Error make(ErrorKind kind, std::string message) { return Error{kind, std::move(message), {}, 0}; }
};

/// A value or an Error (std::expected is C++23).
template <class T> class Result {
public:
  Result(T value) : value_(std::move(value)) {}
  Result(Error error) : error_(std::move(error)) {}

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  T &operator*() { assert(ok() && "no value: check ok() first"); return *value_; }
  const T &operator*() const { assert(ok() && "no value: check ok() first"); return *value_; }
  T *operator->() { return &**this; }
  const T *operator->() const { return &**this; }
  const Error &error() const { assert(!ok() && "no error"); return error_; }
  T take() { return std::move(*value_); }

private:
  std::optional<T> value_;
  Error error_;
};

/// The spec interpreter's message for a trap code ("out of bounds memory access").
const char *trapMessage(ir::TrapCode code);

} // namespace wasmaot::runtime

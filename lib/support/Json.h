// Json: a small strict JSON reader (RFC 8259) for tool inputs such as the spec testsuite's scripts.
//
// Numbers are kept as their source text (the testsuite writes 64-bit bit patterns that a double
// would round); strings are decoded to UTF-8, \uXXXX escapes and surrogate pairs included.
// Errors are values with a 1-based line and column; nesting deeper than kMaxDepth is an error,
// so no input can exhaust the stack.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::json {

enum class Kind : uint8_t { Null, Bool, Number, String, Array, Object };

const char *kindName(Kind kind);

struct Member;

/// One JSON value. Object members keep their source order; lookups return the first match.
struct Value {
  Kind kind = Kind::Null;
  bool boolean = false;
  /// String contents (decoded UTF-8), or a number's source text.
  std::string text;
  std::vector<Value> items;                           // Array
  std::vector<Member> members; // Object

  bool isNull() const { return kind == Kind::Null; }
  bool isString() const { return kind == Kind::String; }
  bool isNumber() const { return kind == Kind::Number; }
  bool isArray() const { return kind == Kind::Array; }
  bool isObject() const { return kind == Kind::Object; }

  /// Member `key` of an object, or nullptr (also when this is not an object).
  const Value *get(std::string_view key) const;
  /// Member `key` if it is a string, else nullptr.
  const std::string *getString(std::string_view key) const;
  /// Member `key` if it is a number that fits in int64_t without sign or fraction issues.
  bool getInt(std::string_view key, int64_t &out) const;
};

/// One `"name": value` of an object.
struct Member {
  std::string name;
  Value value;
};

/// Where and why parsing failed.
struct Error {
  uint32_t line = 0;
  uint32_t column = 0;
  std::string message;

  /// "3:14: expected ',' or '}' in object"
  std::string str() const;
};

/// Deepest array/object nesting accepted.
inline constexpr unsigned kMaxDepth = 256;

/// Parses `text` (one JSON value, optionally surrounded by whitespace) into `out`.
/// On failure returns false and sets `error`; `out` is then unspecified.
bool parse(std::string_view text, Value &out, Error &error);

/// Parses an integer number's text ("-12", "40") into int64_t; false on fraction,
/// exponent or overflow.
bool parseInt(std::string_view text, int64_t &out);

} // namespace wasmaot::json

// Json: the recursive-descent JSON reader declared in Json.h.
#include "support/Json.h"

#include <limits>

namespace wasmaot::json {

const char *kindName(Kind kind) {
  switch (kind) {
  case Kind::Null: return "null";
  case Kind::Bool: return "bool";
  case Kind::Number: return "number";
  case Kind::String: return "string";
  case Kind::Array: return "array";
  case Kind::Object: return "object";
  }
  return "value";
}

const Value *Value::get(std::string_view key) const {
  if (kind != Kind::Object) return nullptr;
  for (const Member &member : members)
    if (member.name == key) return &member.value;
  return nullptr;
}

const std::string *Value::getString(std::string_view key) const {
  const Value *v = get(key);
  return v && v->kind == Kind::String ? &v->text : nullptr;
}

bool Value::getInt(std::string_view key, int64_t &out) const {
  const Value *v = get(key);
  return v && v->kind == Kind::Number && parseInt(v->text, out);
}

std::string Error::str() const {
  return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

bool parseInt(std::string_view text, int64_t &out) {
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty()) return false;
  uint64_t magnitude = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (magnitude > (std::numeric_limits<uint64_t>::max() - digit) / 10) return false;
    magnitude = magnitude * 10 + digit;
  }
  const uint64_t limit = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + (negative ? 1 : 0);
  if (magnitude > limit) return false;
  out = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return true;
}

namespace {

class Parser {
public:
  Parser(std::string_view text, Error &error) : text_(text), error_(error) {}

  bool parseDocument(Value &out) {
    skipSpace();
    if (!parseValue(out, 0)) return false;
    skipSpace();
    if (pos_ != text_.size()) return fail("unexpected text after the JSON value");
    return true;
  }

private:
  std::string_view text_;
  Error &error_;
  size_t pos_ = 0;

  bool atEnd() const { return pos_ >= text_.size(); }
  char peek() const { return atEnd() ? '\0' : text_[pos_]; }

  bool fail(std::string message) { return failAt(pos_, std::move(message)); }

  bool failAt(size_t at, std::string message) {
    uint32_t line = 1, column = 1;
    for (size_t i = 0; i < at && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    error_.line = line;
    error_.column = column;
    error_.message = std::move(message);
    return false;
  }

  void skipSpace() {
    while (!atEnd()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool expectWord(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool parseValue(Value &out, unsigned depth) {
    if (atEnd()) return fail("unexpected end of input, expected a value");
    switch (peek()) {
    case '{': return parseObject(out, depth);
    case '[': return parseArray(out, depth);
    case '"': out.kind = Kind::String; return parseString(out.text);
    case 't': out.kind = Kind::Bool; out.boolean = true; return expectWord("true");
    case 'f': out.kind = Kind::Bool; out.boolean = false; return expectWord("false");
    case 'n': out.kind = Kind::Null; return expectWord("null");
    default:
      if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return parseNumber(out);
      return fail(std::string("unexpected character '") + printable(peek()) + "', expected a value");
    }
  }

  static std::string printable(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) return std::string(1, c);
    static const char kHex[] = "0123456789abcdef";
    return std::string("\\x") + kHex[u >> 4] + kHex[u & 15];
  }

  bool parseObject(Value &out, unsigned depth) {
    if (depth >= kMaxDepth) return fail("nesting deeper than " + std::to_string(kMaxDepth));
    out.kind = Kind::Object;
    ++pos_; // '{'
    skipSpace();
    if (peek() == '}') {
      ++pos_;
      return true;
    }
    for (;;) {
      skipSpace();
      if (peek() != '"') return fail("expected a string key in object");
      std::string key;
      if (!parseString(key)) return false;
      skipSpace();
      if (peek() != ':') return fail("expected ':' after object key");
      ++pos_;
      skipSpace();
      out.members.push_back(Member{std::move(key), Value()});
      if (!parseValue(out.members.back().value, depth + 1)) return false;
      skipSpace();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return true;
      }
      return fail(atEnd() ? "unexpected end of input in object" : "expected ',' or '}' in object");
    }
  }

  bool parseArray(Value &out, unsigned depth) {
    if (depth >= kMaxDepth) return fail("nesting deeper than " + std::to_string(kMaxDepth));
    out.kind = Kind::Array;
    ++pos_; // '['
    skipSpace();
    if (peek() == ']') {
      ++pos_;
      return true;
    }
    for (;;) {
      skipSpace();
      out.items.emplace_back();
      if (!parseValue(out.items.back(), depth + 1)) return false;
      skipSpace();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return true;
      }
      return fail(atEnd() ? "unexpected end of input in array" : "expected ',' or ']' in array");
    }
  }

  bool parseNumber(Value &out) {
    const size_t start = pos_;
    auto digits = [&] {
      const size_t from = pos_;
      while (peek() >= '0' && peek() <= '9') ++pos_;
      return pos_ > from;
    };
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (!digits()) {
      return fail("expected a digit in number");
    }
    if (peek() == '.') {
      ++pos_;
      if (!digits()) return fail("expected a digit after '.' in number");
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!digits()) return fail("expected a digit in number exponent");
    }
    out.kind = Kind::Number;
    out.text.assign(text_.substr(start, pos_ - start));
    return true;
  }

  static void appendUtf8(std::string &s, uint32_t cp) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xc0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xe0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      s += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      s += static_cast<char>(0xf0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      s += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  // Reads the 4 hex digits after "\u".
  bool hex4(uint32_t &out) {
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = peek();
      uint32_t digit;
      if (c >= '0' && c <= '9') digit = static_cast<uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') digit = static_cast<uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') digit = static_cast<uint32_t>(c - 'A' + 10);
      else return fail("expected 4 hex digits after \\u");
      out = out * 16 + digit;
      ++pos_;
    }
    return true;
  }

  bool parseString(std::string &out) {
    ++pos_; // '"'
    out.clear();
    for (;;) {
      if (atEnd()) return fail("unterminated string");
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      const size_t escapeStart = pos_;
      ++pos_;
      if (atEnd()) return fail("unterminated string");
      const char e = text_[pos_++];
      switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        uint32_t cp;
        if (!hex4(cp)) return false;
        if (cp >= 0xdc00 && cp <= 0xdfff) return failAt(escapeStart, "unpaired low surrogate");
        if (cp >= 0xd800 && cp <= 0xdbff) {
          if (text_.substr(pos_, 2) != "\\u") return failAt(escapeStart, "unpaired high surrogate");
          pos_ += 2;
          uint32_t low;
          if (!hex4(low)) return false;
          if (low < 0xdc00 || low > 0xdfff) return failAt(escapeStart, "unpaired high surrogate");
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        }
        appendUtf8(out, cp);
        break;
      }
      default:
        return failAt(escapeStart, "invalid escape '\\" + printable(e) + "' in string");
      }
    }
  }
};

} // namespace

bool parse(std::string_view text, Value &out, Error &error) {
  out = Value();
  return Parser(text, error).parseDocument(out);
}

} // namespace wasmaot::json

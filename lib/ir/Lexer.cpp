// Lexer: tokens of the textual IR.
#include "ir/Lexer.h"

namespace wasmaot::ir {

namespace {
bool isIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c) || c == '.'; }
bool isNameChar(char c) { return isIdentChar(c) || c == '$' || c == '-'; }
int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
} // namespace

const char *tokName(Tok t) {
  switch (t) {
  case Tok::Ident: return "identifier";
  case Tok::Int: return "integer";
  case Tok::Name: return "@name";
  case Tok::LParen: return "'('";
  case Tok::RParen: return "')'";
  case Tok::LBrace: return "'{'";
  case Tok::RBrace: return "'}'";
  case Tok::LBracket: return "'['";
  case Tok::RBracket: return "']'";
  case Tok::Comma: return "','";
  case Tok::Colon: return "':'";
  case Tok::Equal: return "'='";
  case Tok::Arrow: return "'->'";
  case Tok::Eof: return "end of file";
  case Tok::Error: return "invalid token";
  }
  return "token";
}

std::vector<Token> tokenize(std::string_view src) {
  std::vector<Token> toks;
  size_t pos = 0;
  uint32_t line = 1, col = 1;
  auto advance = [&](size_t n) {
    for (size_t k = 0; k < n && pos < src.size(); ++k, ++pos) {
      if (src[pos] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
  };
  while (true) {
    while (pos < src.size()) {
      char c = src[pos];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        advance(1);
      } else if (c == ';') {
        while (pos < src.size() && src[pos] != '\n') advance(1);
      } else {
        break;
      }
    }
    Token t;
    t.line = line;
    t.column = col;
    if (pos >= src.size()) {
      t.kind = Tok::Eof;
      toks.push_back(std::move(t));
      return toks;
    }
    const size_t start = pos;
    const char c = src[pos];
    auto single = [&](Tok k) {
      t.kind = k;
      t.text = src.substr(pos, 1);
      advance(1);
    };
    auto error = [&](std::string msg) {
      t.kind = Tok::Error;
      t.decoded = std::move(msg);
      toks.push_back(std::move(t));
    };
    switch (c) {
    case '(': single(Tok::LParen); break;
    case ')': single(Tok::RParen); break;
    case '{': single(Tok::LBrace); break;
    case '}': single(Tok::RBrace); break;
    case '[': single(Tok::LBracket); break;
    case ']': single(Tok::RBracket); break;
    case ',': single(Tok::Comma); break;
    case ':': single(Tok::Colon); break;
    case '=': single(Tok::Equal); break;
    default:
      if (c == '-' && pos + 1 < src.size() && src[pos + 1] == '>') {
        t.kind = Tok::Arrow;
        t.text = src.substr(pos, 2);
        advance(2);
      } else if (isDigit(c) || (c == '-' && pos + 1 < src.size() && isDigit(src[pos + 1]))) {
        advance(1);
        while (pos < src.size() && (isIdentStart(src[pos]) || isDigit(src[pos]))) advance(1);
        t.kind = Tok::Int;
        t.text = src.substr(start, pos - start);
      } else if (isIdentStart(c)) {
        while (pos < src.size() && isIdentChar(src[pos])) advance(1);
        t.kind = Tok::Ident;
        t.text = src.substr(start, pos - start);
      } else if (c == '@') {
        advance(1);
        t.kind = Tok::Name;
        if (pos < src.size() && src[pos] == '"') {
          advance(1);
          bool closed = false;
          while (pos < src.size()) {
            char d = src[pos];
            if (d == '"') {
              advance(1);
              closed = true;
              break;
            }
            if (d == '\n') break;
            if (d == '\\') {
              if (pos + 1 < src.size() && (src[pos + 1] == '"' || src[pos + 1] == '\\')) {
                t.decoded += src[pos + 1];
                advance(2);
                continue;
              }
              int hi = pos + 1 < src.size() ? hexValue(src[pos + 1]) : -1;
              int lo = pos + 2 < src.size() ? hexValue(src[pos + 2]) : -1;
              if (hi < 0 || lo < 0) {
                error("invalid escape in quoted name (use \\\\, \\\" or \\XX)");
                return toks;
              }
              t.decoded += static_cast<char>(hi * 16 + lo);
              advance(3);
              continue;
            }
            t.decoded += d;
            advance(1);
          }
          if (!closed) {
            error("unterminated quoted name");
            return toks;
          }
        } else {
          while (pos < src.size() && isNameChar(src[pos])) advance(1);
          t.decoded = std::string(src.substr(start + 1, pos - start - 1));
          if (t.decoded.empty()) {
            error("expected a name after '@'");
            return toks;
          }
        }

      } else {
        unsigned char u = static_cast<unsigned char>(c);
        std::string shown = u >= 0x20 && u < 0x7f ? std::string("'") + c + "'" : "byte 0x" + [&] {
          const char *hex = "0123456789abcdef";
          return std::string{hex[u >> 4], hex[u & 15]};
        }();
        error("unexpected character " + shown);
        return toks;
      }
    }
    toks.push_back(std::move(t));
  }
}

} // namespace wasmaot::ir

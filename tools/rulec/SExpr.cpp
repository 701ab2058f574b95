// SExpr.cpp: the iterative S-expression reader and printer.
#include "SExpr.h"

namespace rulec {

namespace {

bool isDelimiter(char c) {
  return c == '(' || c == ')' || c == '"' || c == ';' || c == ' ' || c == '\t' || c == '\n' ||
         c == '\r';
}

} // namespace

bool parseSExprs(std::string_view src, uint32_t file, Diag &diag, std::vector<SExpr> &out) {
  // stack.back() is the innermost open list; the bottom entry collects top-level forms.
  std::vector<SExpr> stack(1);
  stack[0].kind = SExpr::Kind::List;
  size_t i = 0;
  uint32_t line = 1, col = 1;
  auto advance = [&](size_t n) {
    for (size_t k = 0; k < n && i < src.size(); ++k, ++i) {
      if (src[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
  };
  while (i < src.size()) {
    char c = src[i];
    Loc here{file, line, col};
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      advance(1);
    } else if (c == ';') {
      while (i < src.size() && src[i] != '\n') advance(1);
    } else if (c == '(') {
      SExpr list;
      list.kind = SExpr::Kind::List;
      list.loc = here;
      stack.push_back(std::move(list));
      advance(1);
    } else if (c == ')') {
      if (stack.size() == 1) {
        diag.error(here, "unexpected ')'");
        return false;
      }
      SExpr done = std::move(stack.back());
      stack.pop_back();
      stack.back().items.push_back(std::move(done));
      advance(1);
    } else if (c == '"') {
      SExpr s;
      s.kind = SExpr::Kind::String;
      s.loc = here;
      advance(1);
      bool closed = false;
      while (i < src.size()) {
        char d = src[i];
        if (d == '"') {
          advance(1);
          closed = true;
          break;
        }
        if (d == '\n') break;
        if (d == '\\' && i + 1 < src.size()) {
          char e = src[i + 1];
          if (e == 'n') s.text += '\n';
          else if (e == '"' || e == '\\') s.text += e;
          else {
            diag.error(Loc{file, line, col}, std::string("unknown escape '\\") + e + "' in string");
            return false;
          }
          advance(2);
          continue;
        }
        s.text += d;
        advance(1);
      }
      if (!closed) {
        diag.error(here, "unterminated string");
        return false;
      }
      stack.back().items.push_back(std::move(s));
    } else {
      SExpr a;
      a.loc = here;
      size_t start = i;
      while (i < src.size() && !isDelimiter(src[i])) advance(1);
      a.text = std::string(src.substr(start, i - start));
      stack.back().items.push_back(std::move(a));
    }
  }
  if (stack.size() > 1) {
    diag.error(stack.back().loc, "unclosed '(': missing ')' before the end of the file");
    return false;
  }
  for (auto &e : stack[0].items) out.push_back(std::move(e));
  return true;
}

std::string printSExpr(const SExpr &root) {
  std::string s;
  // Explicit stack of (list, next index) so printing does not recurse either.
  struct Frame {
    const SExpr *e;
    size_t next;
  };
  auto leaf = [&](const SExpr &e) {
    if (e.kind == SExpr::Kind::Atom) {
      s += e.text;
    } else {
      s += '"';
      for (char c : e.text) {
        if (c == '"' || c == '\\') s += '\\';
        if (c == '\n') s += "\\n";
        else s += c;
      }
      s += '"';
    }
  };
  if (!root.isList()) {
    leaf(root);
    return s;
  }
  std::vector<Frame> stack{{&root, 0}};
  s += '(';
  while (!stack.empty()) {
    Frame &f = stack.back();
    if (f.next == f.e->items.size()) {
      s += ')';
      stack.pop_back();
      continue;
    }
    const SExpr &item = f.e->items[f.next];
    if (f.next++ > 0) s += ' ';
    if (item.isList()) {
      s += '(';
      stack.push_back({&item, 0});
    } else {
      leaf(item);
    }
  }
  return s;
}

} // namespace rulec

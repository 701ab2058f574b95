// SExpr: the S-expression reader of the rule language (docs/rules.md): atoms,
// strings and lists, each with its file:line:column. The reader never recurses,
// so deeply nested input cannot overflow the stack.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rulec {

/// A position in a rule file: index into Diag's file list, 1-based line and column.
struct Loc {
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t col = 0;
};

struct SExpr {
  enum class Kind : uint8_t { Atom, String, List };
  Kind kind = Kind::Atom;
  std::string text;          ///< Atom: the atom; String: the unescaped contents
  std::vector<SExpr> items;  ///< List: the elements
  Loc loc;

  bool isAtom() const { return kind == Kind::Atom; }
  bool isList() const { return kind == Kind::List; }
  bool isAtom(std::string_view s) const { return kind == Kind::Atom && text == s; }
  /// A list whose first element is the atom `head`.
  bool isForm(std::string_view head) const {
    return kind == Kind::List && !items.empty() && items[0].isAtom(head);
  }
};

/// Diagnostics: "file:line:col: error: message" lines, collected in order.
class Diag {
public:
  uint32_t addFile(std::string path) {
    files_.push_back(std::move(path));
    return static_cast<uint32_t>(files_.size() - 1);
  }
  const std::string &file(uint32_t i) const { return files_[i]; }
  const std::vector<std::string> &files() const { return files_; }

  void error(Loc l, const std::string &msg) { report(l, "error", msg); ++errors_; }
  void note(Loc l, const std::string &msg) { report(l, "note", msg); }
  /// "file:line" (used inside messages that name a second place).
  std::string where(Loc l) const { return files_[l.file] + ":" + std::to_string(l.line); }

  unsigned errorCount() const { return errors_; }
  const std::string &text() const { return text_; }

private:
  void report(Loc l, const char *kind, const std::string &msg) {
    text_ += files_[l.file] + ":" + std::to_string(l.line) + ":" + std::to_string(l.col) + ": " +
             kind + ": " + msg + "\n";
  }

  std::vector<std::string> files_;
  std::string text_;
  unsigned errors_ = 0;
};

/// Parses every top-level form of `source` (file index `file`) into `out`.
/// Returns false after reporting a syntax error.
bool parseSExprs(std::string_view source, uint32_t file, Diag &diag, std::vector<SExpr> &out);

/// Prints `e` back as text (one line; strings re-escaped).
std::string printSExpr(const SExpr &e);

} // namespace rulec

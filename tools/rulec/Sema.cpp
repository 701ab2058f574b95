// Sema.cpp: reads declarations and rules from the parsed S-expressions and
// type-checks them (docs/rules.md, "Declarations", "Rules", "Checks").
// Declarations are read before rules, so their order across files is free.
#include "RuleSet.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace rulec {

const char *termKindName(TermKind k) {
  switch (k) {
  case TermKind::Ir: return "IR term";
  case TermKind::Extractor: return "extractor";
  case TermKind::Predicate: return "predicate";
  case TermKind::Constructor: return "constructor";
  case TermKind::Machine: return "machine term";
  }
  return "?";
}

std::string FieldSource::text() const {
  switch (kind) {
  case Kind::Operand: return "operand " + std::to_string(index);
  case Kind::Imm: return "imm " + std::to_string(index);
  case Kind::Idx: return "idx " + std::to_string(index);
  case Kind::Aux: return "aux";
  case Kind::Access: return "access";
  case Kind::Bounds: return "bounds";
  case Kind::Proof: return "proof";
  case Kind::Align: return "align";
  }
  return "?";
}

namespace {

bool isIdent(const std::string &s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

/// Names that cannot be C++ identifiers or that the generated context reserves.
bool isReserved(const std::string &s) {
  static const std::set<std::string> words = {
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
      "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
      "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
      "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
      "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
      "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
      "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
      "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
      "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
      "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
      "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
      // members of the generated context
      "defOf", "canAbsorb", "markAbsorbed"};
  return words.count(s) != 0;
}

/// Integer literal: decimal (optionally negative) or 0x hex; the value's 64 bits.
bool parseInt(const std::string &s, uint64_t &bits) {
  if (s.empty()) return false;
  bool neg = s[0] == '-';
  std::string_view body(s);
  if (neg) body.remove_prefix(1);
  int base = 10;
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    base = 16;
    body.remove_prefix(2);
  }
  if (body.empty()) return false;
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(body.data(), body.data() + body.size(), v, base);
  if (ec != std::errc() || p != body.data() + body.size()) return false;
  bits = neg ? uint64_t(0) - v : v;
  return true;
}

bool looksNumeric(const std::string &s) {
  return !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) ||
                        (s[0] == '-' && s.size() > 1));
}

class Checker {
public:
  Checker(RuleSet &rs, Diag &diag) : rs_(rs), d_(diag) {}

  bool run() {
    std::vector<const SExpr *> typeForms, termForms, otherForms, ruleForms, semForms;
    for (auto &file : rs_.forms) {
      for (const SExpr &f : *file) {
        if (!f.isList() || f.items.empty() || !f.items[0].isAtom()) {
          d_.error(f.loc, "expected a declaration or rule: (type ...), (enum ...), (ir ...), "
                          "(extractor ...), (predicate ...), (constructor ...), (machine ...), "
                          "(convert ...), (output ...), (include ...) or (rule ...)");
          continue;
        }
        const std::string &h = f.items[0].text;
        if (h == "type" || h == "enum") typeForms.push_back(&f);
        else if (h == "ir" || h == "extractor" || h == "predicate" || h == "constructor" ||
                 h == "machine")
          termForms.push_back(&f);
        else if (h == "convert" || h == "output" || h == "include") otherForms.push_back(&f);
        else if (h == "semantics-of" || h == "form" || h == "define") semForms.push_back(&f);
        else if (h == "rule") ruleForms.push_back(&f);
        else d_.error(f.items[0].loc, "unknown top-level form '" + h + "'");
      }
    }
    for (auto *f : typeForms) declareType(*f);
    if (d_.errorCount()) return false;
    auto v = rs_.typeIndex.find("Value");
    if (v != rs_.typeIndex.end()) rs_.valueType = v->second;
    auto t = rs_.typeIndex.find("Type");
    if (t != rs_.typeIndex.end() && rs_.types[t->second].isEnum) rs_.irTypeEnum = t->second;
    for (auto *f : termForms) declareTerm(*f);
    if (d_.errorCount()) return false;
    for (auto *f : otherForms) declareOther(*f);
    if (d_.errorCount()) return false;
    for (auto *f : semForms) declareSemantics(*f);
    if (d_.errorCount()) return false;
    for (auto *f : ruleForms) readRule(*f);
    return d_.errorCount() == 0;
  }

private:
  // ---------------------------------------------------------------- helpers
  const std::string &typeName(int t) const { return rs_.types[t].name; }

  bool needAtom(const SExpr &e, const char *what) {
    if (e.isAtom()) return true;
    d_.error(e.loc, std::string("expected ") + what);
    return false;
  }

  /// `cppName`: the name becomes a C++ identifier (terms, parameters, rules).
  bool needName(const SExpr &e, const char *what, bool cppName = true) {
    if (!needAtom(e, what)) return false;
    if (!isIdent(e.text)) {
      d_.error(e.loc, std::string("invalid ") + what + " '" + e.text +
                          "': names are letters, digits and '_', not starting with a digit");
      return false;
    }
    if (cppName && isReserved(e.text)) {
      d_.error(e.loc, "'" + e.text + "' is reserved (a C++ keyword or a context member)");
      return false;
    }
    return true;
  }

  int lookupType(const SExpr &e) {
    if (!needAtom(e, "a type name")) return -1;
    auto it = rs_.typeIndex.find(e.text);
    if (it == rs_.typeIndex.end()) {
      d_.error(e.loc, "unknown type '" + e.text + "'");
      return -1;
    }
    return it->second;
  }

  /// `Enum.lit` → enumerator index, or -1 after an error. `type` receives the enum.
  int lookupEnumerator(const SExpr &e, const std::string &enumName, const std::string &lit,
                       int &type) {
    auto it = rs_.typeIndex.find(enumName);
    if (it == rs_.typeIndex.end() || !rs_.types[it->second].isEnum) {
      d_.error(e.loc, "unknown enum '" + enumName + "' in '" + e.text + "'");
      return -1;
    }
    type = it->second;
    auto &ens = rs_.types[type].enumerators;
    for (size_t i = 0; i < ens.size(); ++i)
      if (ens[i].first == lit) return static_cast<int>(i);
    d_.error(e.loc, "enum '" + enumName + "' has no enumerator '" + lit + "'");
    return -1;
  }

  /// Reads `((name Type) ...)`-style entries of a clause (items after the head).
  bool readParams(const SExpr &clause, std::vector<Param> &out, bool withSource) {
    for (size_t i = 1; i < clause.items.size(); ++i) {
      const SExpr &p = clause.items[i];
      size_t want = withSource ? 3 : 2;
      if (!p.isList() || p.items.size() != want) {
        d_.error(p.loc, withSource ? "expected a field (NAME TYPE (SOURCE))"
                                   : "expected a parameter (NAME TYPE)");
        return false;
      }
      Param param;
      if (!needName(p.items[0], "parameter name")) return false;
      param.name = p.items[0].text;
      for (auto &q : out)
        if (q.name == param.name) {
          d_.error(p.items[0].loc, "duplicate parameter '" + param.name + "'");
          return false;
        }
      param.type = lookupType(p.items[1]);
      if (param.type < 0) return false;
      if (withSource && !readSource(p.items[2], param)) return false;
      out.push_back(param);
    }
    return true;
  }

  bool readSource(const SExpr &s, Param &p) {
    using K = FieldSource::Kind;
    static const std::pair<const char *, K> kinds[] = {
        {"operand", K::Operand}, {"imm", K::Imm},       {"idx", K::Idx},
        {"aux", K::Aux},         {"access", K::Access}, {"bounds", K::Bounds},
        {"proof", K::Proof},     {"align", K::Align}};
    if (s.isList() && !s.items.empty() && s.items[0].isAtom()) {
      for (auto &[name, kind] : kinds) {
        if (s.items[0].text != name) continue;
        bool indexed = kind == K::Operand || kind == K::Imm || kind == K::Idx;
        uint64_t idx = 0;
        if (indexed != (s.items.size() == 2) || s.items.size() > 2 ||
            (indexed && (!parseInt(s.items[1].text, idx) || idx > (kind == K::Operand ? 255 : 1)))) {
          d_.error(s.loc, std::string("field source '") + name +
                              (indexed ? "' takes one index (imm and idx: 0 or 1)" : "' takes no index"));
          return false;
        }
        p.source = FieldSource{kind, static_cast<uint32_t>(idx)};
        if (kind == K::Operand && p.type != rs_.valueType) {
          d_.error(s.loc, "an operand field must have type Value");
          return false;
        }
        return true;
      }
    }
    d_.error(s.loc, "expected a field source: (operand N), (imm N), (idx N), (aux), (access), "
                    "(bounds), (proof) or (align)");
    return false;
  }

  // ---------------------------------------------------------------- declarations
  void declareType(const SExpr &f) {
    bool isEnum = f.items[0].text == "enum";
    if (f.items.size() < 3 || !needName(f.items[1], "type name", false)) {
      if (f.items.size() < 3)
        d_.error(f.loc, isEnum ? "expected (enum NAME \"C++ type\" (name Enumerator)...)"
                               : "expected (type NAME \"C++ type\" [int])");
      return;
    }
    TypeDecl t;
    t.name = f.items[1].text;
    t.loc = f.loc;
    t.isEnum = isEnum;
    if (f.items[2].kind != SExpr::Kind::String) {
      d_.error(f.items[2].loc, "expected the C++ type as a string");
      return;
    }
    t.cpp = f.items[2].text;
    for (size_t i = 3; i < f.items.size(); ++i) {
      const SExpr &x = f.items[i];
      if (!isEnum) {
        if (x.isAtom("int")) t.isInt = true;
        else d_.error(x.loc, "unknown type attribute (expected 'int')");
        continue;
      }
      if (!x.isList() || x.items.size() != 2 || !x.items[0].isAtom() || !x.items[1].isAtom()) {
        d_.error(x.loc, "expected an enumerator (name CppEnumerator)");
        continue;
      }
      if (!needName(x.items[0], "enumerator name", false)) continue;
      for (auto &e : t.enumerators)
        if (e.first == x.items[0].text) d_.error(x.loc, "duplicate enumerator '" + e.first + "'");
      t.enumerators.emplace_back(x.items[0].text, x.items[1].text);
    }
    if (!rs_.typeIndex.emplace(t.name, static_cast<int>(rs_.types.size())).second) {
      d_.error(f.items[1].loc, "type '" + t.name + "' is already declared at " +
                                   d_.where(rs_.types[rs_.typeIndex[t.name]].loc));
      return;
    }
    rs_.types.push_back(std::move(t));
  }

  void declareTerm(const SExpr &f) {
    const std::string &h = f.items[0].text;
    Term t;
    t.kind = h == "ir" ? TermKind::Ir
             : h == "extractor" ? TermKind::Extractor
             : h == "predicate" ? TermKind::Predicate
             : h == "constructor" ? TermKind::Constructor
                                  : TermKind::Machine;
    t.loc = f.loc;
    if (f.items.size() < 2) {
      d_.error(f.loc, "expected (" + h + " NAME clauses...)");
      return;
    }
    if (!needName(f.items[1], "term name")) return;
    t.name = f.items[1].text;
    std::set<std::string> seen;
    for (size_t i = 2; i < f.items.size(); ++i) {
      const SExpr &c = f.items[i];
      if (!c.isList() || c.items.empty() || !c.items[0].isAtom()) {
        d_.error(c.loc, "expected a clause such as (args ...), (ret T) or (semantics ...)");
        return;
      }
      const std::string &ch = c.items[0].text;
      if (!seen.insert(ch).second) {
        d_.error(c.loc, "duplicate clause '" + ch + "'");
        return;
      }
      bool ok = true;
      if (ch == "semantics") {
        if (c.items.size() != 2) {
          d_.error(c.loc, "(semantics EXPR) takes one expression");
          return;
        }
        t.semantics = &c.items[1];
      } else if (ch == "fields" && t.kind == TermKind::Ir) {
        ok = readParams(c, t.params, true);
      } else if (ch == "opcode" && t.kind == TermKind::Ir) {
        if (c.items.size() != 2 || !needName(c.items[1], "opcode")) return;
        t.opcode = c.items[1].text;
      } else if (ch == "types" && t.kind == TermKind::Ir) {
        if (rs_.irTypeEnum < 0) {
          d_.error(c.loc, "(types ...) needs the enum 'Type' of IR types to be declared");
          return;
        }
        for (size_t k = 1; k < c.items.size(); ++k) {
          int ty = -1;
          int e = c.items[k].isAtom()
                      ? lookupEnumerator(c.items[k], "Type", c.items[k].text, ty)
                      : -1;
          if (e < 0) {
            if (!c.items[k].isAtom()) d_.error(c.items[k].loc, "expected an IR type name");
            return;
          }
          t.irTypes.push_back(e);
        }
      } else if (ch == "args" && t.kind != TermKind::Ir) {
        ok = readParams(c, t.params, false);
      } else if (ch == "outs" && t.kind == TermKind::Extractor) {
        ok = readParams(c, t.outputs, false);
      } else if (ch == "ret" && (t.kind == TermKind::Constructor || t.kind == TermKind::Machine)) {
        if (c.items.size() != 2) {
          d_.error(c.loc, "(ret TYPE) takes one type");
          return;
        }
        t.ret = lookupType(c.items[1]);
        ok = t.ret >= 0;
      } else {
        d_.error(c.loc, "clause '" + ch + "' is not allowed in " + h + " declarations");
        return;
      }
      if (!ok) return;
    }
    switch (t.kind) {
    case TermKind::Ir:
      if (rs_.valueType < 0) {
        d_.error(f.loc, "IR terms need the type 'Value' to be declared");
        return;
      }
      if (t.opcode.empty()) {
        d_.error(f.loc, "IR term '" + t.name + "' needs an (opcode Enumerator) clause");
        return;
      }
      t.ret = rs_.valueType;
      break;
    case TermKind::Extractor:
      if (t.params.size() != 1 || t.outputs.empty()) {
        d_.error(f.loc, "extractor '" + t.name + "' needs (args (x T)) with one input and "
                                                 "(outs ...) with at least one output");
        return;
      }
      break;
    case TermKind::Predicate: break;
    case TermKind::Constructor:
    case TermKind::Machine:
      if (t.ret < 0) {
        d_.error(f.loc, std::string(termKindName(t.kind)) + " '" + t.name + "' needs (ret TYPE)");
        return;
      }
      break;
    }
    auto [it, fresh] = rs_.termIndex.emplace(t.name, static_cast<int>(rs_.terms.size()));
    if (!fresh) {
      d_.error(f.items[1].loc, "term '" + t.name + "' is already declared at " +
                                   d_.where(rs_.terms[it->second].loc));
      return;
    }
    rs_.terms.push_back(std::move(t));
  }

  void declareOther(const SExpr &f) {
    if (f.items[0].text == "include") {
      if (f.items.size() != 2 || f.items[1].kind != SExpr::Kind::String) {
        d_.error(f.loc, "expected (include \"header.h\")");
        return;
      }
      rs_.includes.push_back(f.items[1].text);
      return;
    }
    if (f.items[0].text == "output") {
      if (f.items.size() != 2) {
        d_.error(f.loc, "expected (output TYPE)");
        return;
      }
      if (rs_.outputType >= 0) {
        d_.error(f.loc, "(output ...) is declared twice");
        return;
      }
      rs_.outputType = lookupType(f.items[1]);
      return;
    }
    // (convert FROM TO CONSTRUCTOR)
    if (f.items.size() != 4) {
      d_.error(f.loc, "expected (convert FROM TO CONSTRUCTOR)");
      return;
    }
    int from = lookupType(f.items[1]), to = lookupType(f.items[2]);
    if (from < 0 || to < 0 || !needAtom(f.items[3], "a constructor name")) return;
    auto it = rs_.termIndex.find(f.items[3].text);
    if (it == rs_.termIndex.end()) {
      d_.error(f.items[3].loc, "unknown term '" + f.items[3].text + "'");
      return;
    }
    const Term &c = rs_.terms[it->second];
    if (c.kind != TermKind::Constructor || c.params.size() != 1 || c.params[0].type != from ||
        c.ret != to) {
      d_.error(f.items[3].loc, "a conversion must be a constructor from " + typeName(from) +
                                   " to " + typeName(to));
      return;
    }
    if (!rs_.conversions.emplace(std::make_pair(from, to), it->second).second)
      d_.error(f.loc, "conversion from " + typeName(from) + " to " + typeName(to) +
                          " is declared twice");
  }

  // ------------------------------------------------- verifier semantics files
  // (semantics-of TERM EXPR) attaches semantics to a term declared elsewhere (a
  // rule file stays free of them); (form ID (ARG...) EXPR) and (define NAME
  // (ARG...) EXPR) are kept for the verifier. None of them changes --emit-cpp.
  void declareSemantics(const SExpr &f) {
    const std::string &h = f.items[0].text;
    if (h == "semantics-of") {
      if (f.items.size() != 3 || !f.items[1].isAtom()) {
        d_.error(f.loc, "expected (semantics-of TERM EXPR)");
        return;
      }
      auto it = rs_.termIndex.find(f.items[1].text);
      if (it == rs_.termIndex.end()) {
        // A semantics file serves several programs of a target; a term another
        // program declares is kept aside (the verifier checks each names a term
        // of some program, so a misspelling is still caught).
        rs_.unattached.emplace_back(f.items[1].text, f.items[1].loc);
        return;
      }
      Term &t = rs_.terms[it->second];
      if (t.semantics) {
        d_.error(f.items[1].loc, "term '" + t.name + "' already has semantics (declared at " +
                                     d_.where(t.loc) + ")");
        return;
      }
      t.semantics = &f.items[2];
      return;
    }
    if (f.items.size() != 4 || !f.items[1].isAtom() || !f.items[2].isList()) {
      d_.error(f.loc, "expected (" + h + " NAME (ARG...) EXPR)");
      return;
    }
    SemDef def;
    def.kind = h == "form" ? SemDef::Kind::Form : SemDef::Kind::Define;
    def.name = f.items[1].text;
    def.loc = f.loc;
    def.body = &f.items[3];
    for (const SExpr &a : f.items[2].items) {
      if (!a.isAtom() || !isIdent(a.text)) {
        d_.error(a.loc, "expected a parameter name");
        return;
      }
      def.args.push_back(a.text);
    }
    auto [it, fresh] = rs_.semDefIndex.emplace(def.name, static_cast<int>(rs_.semDefs.size()));
    if (!fresh) {
      d_.error(f.items[1].loc, "'" + def.name + "' is already defined at " +
                                   d_.where(rs_.semDefs[it->second].loc));
      return;
    }
    rs_.semDefs.push_back(std::move(def));
  }

  // ---------------------------------------------------------------- rules
  struct Scope {
    std::map<std::string, int> names;
  };

  void readRule(const SExpr &f) {
    Rule r;
    r.source = &f;
    r.loc = f.loc;
    size_t i = 1;
    if (f.items.size() < 2 || !needName(f.items[1], "rule name")) {
      if (f.items.size() < 2) d_.error(f.loc, "expected (rule NAME [PRIORITY] PATTERN [(if ...)]* RESULT)");
      return;
    }
    r.name = f.items[1].text;
    ++i;
    if (i < f.items.size() && f.items[i].isAtom() && looksNumeric(f.items[i].text)) {
      uint64_t bits = 0;
      if (!parseInt(f.items[i].text, bits)) {
        d_.error(f.items[i].loc, "invalid priority '" + f.items[i].text + "'");
        return;
      }
      r.priority = static_cast<int64_t>(bits);
      ++i;
    }
    if (f.items.size() < i + 2) {
      d_.error(f.loc, "rule '" + r.name + "' needs a pattern and a result");
      return;
    }
    if (rs_.outputType < 0) {
      d_.error(f.loc, "rules need (output TYPE) to be declared");
      return;
    }
    rule_ = &r;
    scope_.names.clear();
    r.patternIndex = i;
    const SExpr &pat = f.items[i++];
    if (!pat.isList() || pat.items.empty() || !pat.items[0].isAtom() ||
        !isIrTermHead(pat.items[0].text)) {
      d_.error(pat.loc, "a rule's pattern must be an IR term, e.g. (iadd.i32 x y)");
      return;
    }
    if (!readPat(pat, rs_.valueType, r.pattern)) return;
    r.root = r.pattern.term;
    for (; i + 1 < f.items.size(); ++i) {
      const SExpr &g = f.items[i];
      if (!g.isForm("if") || g.items.size() != 2) {
        d_.error(g.loc, "expected a guard (if (PREDICATE args...)) before the result");
        return;
      }
      Expr e;
      if (!readGuard(g.items[1], e)) return;
      r.guards.push_back(std::move(e));
    }
    if (f.items[i].isForm("if")) {
      d_.error(f.items[i].loc, "rule '" + r.name + "' ends with a guard; the last form is the result");
      return;
    }
    if (!readExpr(f.items[i], rs_.outputType, r.result)) return;
    for (auto &v : r.vars)
      if (v.uses == 0 && v.name[0] != '_')
        d_.error(v.loc, "variable '" + v.name + "' is bound but never used (write _ or _" +
                            v.name + " to ignore it)");
    for (auto &o : rs_.rules)
      if (o.name == r.name) {
        d_.error(f.items[1].loc, "rule '" + r.name + "' is already defined at " + d_.where(o.loc));
        return;
      }
    rs_.rules.push_back(std::move(r));
  }

  bool isIrTermHead(const std::string &head) const {
    auto it = rs_.termIndex.find(head.substr(0, head.find('.')));
    return it != rs_.termIndex.end() && rs_.terms[it->second].kind == TermKind::Ir;
  }

  int newVar(const SExpr &at, int type) {
    if (scope_.names.count(at.text)) {
      d_.error(at.loc, "variable '" + at.text + "' is already bound in this rule");
      return -1;
    }
    Var v;
    v.name = at.text;
    v.type = type;
    v.loc = at.loc;
    rule_->vars.push_back(v);
    int idx = static_cast<int>(rule_->vars.size() - 1);
    scope_.names[at.text] = idx;
    return idx;
  }

  bool mismatch(Loc l, int expected, int found, const std::string &what) {
    d_.error(l, "type mismatch: " + what + " is " + typeName(found) + " but " +
                    typeName(expected) + " is expected here");
    return false;
  }

  /// An atom in a pattern or expression: integer, enumerator or variable.
  enum class AtomKind { Int, Enum, Var, Bad };
  AtomKind classify(const SExpr &a) {
    if (looksNumeric(a.text)) return AtomKind::Int;
    if (a.text.find('.') != std::string::npos) return AtomKind::Enum;
    if (isIdent(a.text) && !isReserved(a.text)) return AtomKind::Var;
    d_.error(a.loc, "invalid name '" + a.text + "'");
    return AtomKind::Bad;
  }

  bool readIntLit(const SExpr &a, int expected, uint64_t &bits) {
    if (!parseInt(a.text, bits)) {
      d_.error(a.loc, "invalid integer literal '" + a.text + "'");
      return false;
    }
    if (expected >= 0 && !rs_.types[expected].isInt) {
      d_.error(a.loc, "type mismatch: integer literal where " + typeName(expected) +
                          " is expected (declare the type with 'int')");
      return false;
    }
    return true;
  }

  bool readEnumLit(const SExpr &a, int expected, int &index, int &type) {
    size_t dot = a.text.find('.');
    index = lookupEnumerator(a, a.text.substr(0, dot), a.text.substr(dot + 1), type);
    if (index < 0) return false;
    if (expected >= 0 && type != expected) return mismatch(a.loc, expected, type, "'" + a.text + "'");
    return true;
  }

  bool readPat(const SExpr &s, int expected, Pat &p) {
    p.loc = s.loc;
    p.type = expected;
    if (s.kind == SExpr::Kind::String) {
      d_.error(s.loc, "strings are not patterns");
      return false;
    }
    if (s.isAtom()) {
      if (s.text == "_") {
        p.kind = Pat::Kind::Wild;
        return true;
      }
      switch (classify(s)) {
      case AtomKind::Int: p.kind = Pat::Kind::Int; return readIntLit(s, expected, p.bits);
      case AtomKind::Enum: {
        p.kind = Pat::Kind::Enum;
        int ty = -1;
        return readEnumLit(s, expected, p.enumIndex, ty);
      }
      case AtomKind::Var: {
        auto it = scope_.names.find(s.text);
        if (it != scope_.names.end()) {
          Var &v = rule_->vars[it->second];
          if (v.type != expected)
            return mismatch(s.loc, expected, v.type, "variable '" + s.text + "' (bound at " +
                                                         std::to_string(v.loc.line) + ":" +
                                                         std::to_string(v.loc.col) + ")");
          p.kind = Pat::Kind::Same;
          p.var = it->second;
          ++v.uses;
          return true;
        }
        p.kind = Pat::Kind::Bind;
        p.var = newVar(s, expected);
        return p.var >= 0;
      }
      case AtomKind::Bad: return false;
      }
    }
    if (s.items.empty() || !s.items[0].isAtom()) {
      d_.error(s.loc, "expected a term application (NAME args...)");
      return false;
    }
    const std::string &head = s.items[0].text;
    if (head == "as") {
      if (s.items.size() != 3 || !s.items[1].isAtom() || classify(s.items[1]) != AtomKind::Var) {
        d_.error(s.loc, "expected (as VARIABLE PATTERN)");
        return false;
      }
      p.kind = Pat::Kind::As;
      p.var = newVar(s.items[1], expected);
      if (p.var < 0) return false;
      p.kids.resize(1);
      return readPat(s.items[2], expected, p.kids[0]);
    }
    if (head == "absorb") {
      if (s.items.size() != 2 || !s.items[1].isList() || s.items[1].items.empty() ||
          !s.items[1].items[0].isAtom() || !isIrTermHead(s.items[1].items[0].text)) {
        d_.error(s.loc, "expected (absorb (IR-TERM ...))");
        return false;
      }
      p.kind = Pat::Kind::Absorb;
      p.kids.resize(1);
      return readPat(s.items[1], expected, p.kids[0]);
    }
    size_t dot = head.find('.');
    std::string name = head.substr(0, dot);
    auto it = rs_.termIndex.find(name);
    if (it == rs_.termIndex.end()) {
      d_.error(s.items[0].loc, "unknown term '" + name + "'");
      return false;
    }
    const Term &t = rs_.terms[it->second];
    p.term = it->second;
    size_t nargs = s.items.size() - 1;
    if (t.kind == TermKind::Ir) {
      p.kind = Pat::Kind::Ir;
      if (expected != rs_.valueType)
        return mismatch(s.loc, expected, rs_.valueType, "IR term '" + name + "'");
      if (nargs != t.params.size()) return arity(s, t, nargs);
      p.kids.resize(1 + nargs);
      Pat &ty = p.kids[0];
      ty.loc = s.items[0].loc;
      ty.type = rs_.irTypeEnum;
      if (dot != std::string::npos) {
        std::string suffix = head.substr(dot + 1);
        if (rs_.irTypeEnum < 0) {
          d_.error(s.items[0].loc, "a type suffix needs the enum 'Type' of IR types to be declared");
          return false;
        }
        auto &ens = rs_.types[rs_.irTypeEnum].enumerators;
        auto e = std::find_if(ens.begin(), ens.end(), [&](auto &x) { return x.first == suffix; });
        if (e != ens.end()) {
          ty.kind = Pat::Kind::Enum;
          ty.enumIndex = static_cast<int>(e - ens.begin());
          if (!t.irTypes.empty() &&
              std::find(t.irTypes.begin(), t.irTypes.end(), ty.enumIndex) == t.irTypes.end()) {
            d_.error(s.items[0].loc, "IR term '" + name + "' is not defined at type " + suffix);
            return false;
          }
        } else if (isIdent(suffix) && !isReserved(suffix)) {
          SExpr var;
          var.text = suffix;
          var.loc = s.items[0].loc;
          if (!readPat(var, rs_.irTypeEnum, ty)) return false;
        } else {
          d_.error(s.items[0].loc, "invalid type suffix '" + suffix + "'");
          return false;
        }
      }
      for (size_t k = 0; k < nargs; ++k)
        if (!readPat(s.items[k + 1], t.params[k].type, p.kids[k + 1])) return false;
      return true;
    }
    if (dot != std::string::npos) {
      d_.error(s.items[0].loc, "only IR terms take a type suffix");
      return false;
    }
    if (t.kind != TermKind::Extractor) {
      d_.error(s.items[0].loc, std::string("'") + name + "' is a " + termKindName(t.kind) +
                                   "; only IR terms and extractors can be used in patterns");
      return false;
    }
    p.kind = Pat::Kind::Extract;
    if (t.params[0].type != expected)
      return mismatch(s.loc, expected, t.params[0].type, "the input of extractor '" + name + "'");
    if (nargs != t.outputs.size()) return arity(s, t, nargs);
    p.kids.resize(nargs);
    for (size_t k = 0; k < nargs; ++k)
      if (!readPat(s.items[k + 1], t.outputs[k].type, p.kids[k])) return false;
    return true;
  }

  bool arity(const SExpr &s, const Term &t, size_t got) {
    size_t want = t.kind == TermKind::Extractor ? t.outputs.size() : t.params.size();
    d_.error(s.loc, std::string(termKindName(t.kind)) + " '" + t.name + "' takes " +
                        std::to_string(want) + " argument" + (want == 1 ? "" : "s") + ", got " +
                        std::to_string(got));
    return false;
  }

  bool readGuard(const SExpr &s, Expr &e) {
    if (!s.isList() || s.items.empty() || !s.items[0].isAtom()) {
      d_.error(s.loc, "a guard is (if (PREDICATE args...))");
      return false;
    }
    auto it = rs_.termIndex.find(s.items[0].text);
    if (it == rs_.termIndex.end()) {
      d_.error(s.items[0].loc, "unknown term '" + s.items[0].text + "'");
      return false;
    }
    const Term &t = rs_.terms[it->second];
    if (t.kind != TermKind::Predicate) {
      d_.error(s.items[0].loc, "'" + t.name + "' is a " + termKindName(t.kind) +
                                   "; a guard calls a predicate");
      return false;
    }
    return readCall(s, t, it->second, e, /*inGuard=*/true);
  }

  bool readCall(const SExpr &s, const Term &t, int term, Expr &e, bool inGuard) {
    e.kind = Expr::Kind::Call;
    e.term = term;
    e.type = t.ret;
    e.loc = s.loc;
    size_t nargs = s.items.size() - 1;
    if (nargs != t.params.size()) return arity(s, t, nargs);
    e.args.resize(nargs);
    for (size_t k = 0; k < nargs; ++k)
      if (!readExpr(s.items[k + 1], t.params[k].type, e.args[k], inGuard)) return false;
    return true;
  }

  /// Wraps `e` (of type found) in the declared conversion to `expected`, if any.
  bool convert(Expr &e, int expected, const std::string &what) {
    if (expected < 0 || e.type == expected) return true;
    auto it = rs_.conversions.find({e.type, expected});
    if (it == rs_.conversions.end()) return mismatch(e.loc, expected, e.type, what);
    Expr call;
    call.kind = Expr::Kind::Call;
    call.term = it->second;
    call.type = expected;
    call.loc = e.loc;
    call.args.push_back(std::move(e));
    e = std::move(call);
    return true;
  }

  bool readExpr(const SExpr &s, int expected, Expr &e, bool inGuard = false) {
    e.loc = s.loc;
    if (s.kind == SExpr::Kind::String) {
      d_.error(s.loc, "strings are not expressions");
      return false;
    }
    if (s.isAtom()) {
      switch (classify(s)) {
      case AtomKind::Int:
        e.kind = Expr::Kind::Int;
        e.type = expected;
        if (expected < 0) {
          d_.error(s.loc, "the type of integer literal '" + s.text + "' is unknown here");
          return false;
        }
        return readIntLit(s, expected, e.bits);
      case AtomKind::Enum:
        e.kind = Expr::Kind::Enum;
        return readEnumLit(s, -1, e.enumIndex, e.type) && convert(e, expected, "'" + s.text + "'");
      case AtomKind::Var: {
        auto it = scope_.names.find(s.text);
        if (it == scope_.names.end()) {
          d_.error(s.loc, "unbound variable '" + s.text + "'");
          return false;
        }
        Var &v = rule_->vars[it->second];
        ++v.uses;
        e.kind = Expr::Kind::Var;
        e.var = it->second;
        e.type = v.type;
        return convert(e, expected, "variable '" + s.text + "'");
      }
      case AtomKind::Bad: return false;
      }
    }
    if (s.items.empty() || !s.items[0].isAtom()) {
      d_.error(s.loc, "expected a term application (NAME args...)");
      return false;
    }
    if (s.items[0].isAtom("let")) return readLet(s, expected, e, inGuard);
    const std::string &name = s.items[0].text;
    auto it = rs_.termIndex.find(name);
    if (it == rs_.termIndex.end()) {
      d_.error(s.items[0].loc, "unknown term '" + name + "'");
      return false;
    }
    const Term &t = rs_.terms[it->second];
    if (t.kind != TermKind::Constructor && t.kind != TermKind::Machine) {
      d_.error(s.items[0].loc, "'" + name + "' is " +
                                   (t.kind == TermKind::Ir ? "an " : "a ") + termKindName(t.kind) +
                                   "; only constructors and machine terms build results");
      return false;
    }
    if (inGuard && t.kind == TermKind::Machine) {
      d_.error(s.items[0].loc, "machine term '" + name + "' cannot be used in a guard");
      return false;
    }
    if (!readCall(s, t, it->second, e, inGuard)) return false;
    return convert(e, expected, "the result of '" + name + "'");
  }

  bool readLet(const SExpr &s, int expected, Expr &e, bool inGuard) {
    if (s.items.size() != 3 || !s.items[1].isList()) {
      d_.error(s.loc, "expected (let ((NAME EXPR)...) BODY)");
      return false;
    }
    e.kind = Expr::Kind::Let;
    std::vector<std::string> bound;
    for (const SExpr &b : s.items[1].items) {
      if (!b.isList() || b.items.size() != 2 || !b.items[0].isAtom()) {
        d_.error(b.loc, "expected a binding (NAME EXPR)");
        return false;
      }
      Expr value;
      if (!readExpr(b.items[1], -1, value, inGuard)) return false;
      int var = -1;
      if (!b.items[0].isAtom("_")) {
        if (classify(b.items[0]) != AtomKind::Var) {
          d_.error(b.items[0].loc, "expected a variable name");
          return false;
        }
        if (rs_.types[value.type].cpp == "void") {
          d_.error(b.items[0].loc, "'" + b.items[0].text + "' would hold a value of type " +
                                       typeName(value.type) + " (void); bind it to _");
          return false;
        }
        var = newVar(b.items[0], value.type);
        if (var < 0) return false;
        bound.push_back(b.items[0].text);
      }
      e.binds.emplace_back(var, std::move(value));
    }
    e.args.resize(1);
    if (!readExpr(s.items[2], expected, e.args[0], inGuard)) return false;
    e.type = e.args[0].type;
    for (auto &n : bound) scope_.names.erase(n);
    return true;
  }

  RuleSet &rs_;
  Diag &d_;
  Rule *rule_ = nullptr;
  Scope scope_;
};

} // namespace

bool buildRuleSet(RuleSet &rs, Diag &diag) { return Checker(rs, diag).run(); }

} // namespace rulec

// RuleSet: the checked model of a rule program (types, terms, typed rules) that
// the semantic checker builds and the emitters read. docs/rules.md is the
// language reference; this file is its in-memory form.
#pragma once

#include "SExpr.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace rulec {

/// `(type NAME "C++" [int])` or `(enum NAME "C++" (lit Enumerator)...)`.
struct TypeDecl {
  std::string name;
  std::string cpp;
  bool isInt = false;
  bool isEnum = false;
  std::vector<std::pair<std::string, std::string>> enumerators; ///< (rule name, C++ enumerator)
  Loc loc;
};

enum class TermKind : uint8_t { Ir, Extractor, Predicate, Constructor, Machine };
const char *termKindName(TermKind k);

/// Where an IR term's field comes from in ir::Inst.
struct FieldSource {
  enum class Kind : uint8_t { Operand, Imm, Idx, Aux, Access, Bounds, Proof, Align } kind;
  uint32_t index = 0;
  std::string text() const; ///< "operand 0", "aux", ...
};

struct Param {
  std::string name;
  int type = -1;
  FieldSource source{FieldSource::Kind::Operand, 0}; ///< IR terms only
};

struct Term {
  std::string name;
  TermKind kind = TermKind::Constructor;
  std::vector<Param> params;  ///< Ir: fields; Extractor: the one input; others: arguments
  std::vector<Param> outputs; ///< Extractor: the values it produces
  int ret = -1;               ///< Constructor/Machine: result type; Ir: Value; Predicate: -1
  std::string opcode;         ///< Ir: the ir::Opcode enumerator
  std::vector<int> irTypes;   ///< Ir: enumerator indices of `Type` the opcode is defined at
  const SExpr *semantics = nullptr; ///< the body of (semantics ...), if any
  Loc loc;
};

/// A pattern node. The value it matches has type `type`.
struct Pat {
  enum class Kind : uint8_t {
    Wild,    ///< `_`
    Bind,    ///< first occurrence of a variable
    Same,    ///< later occurrence of a variable: must equal the bound value
    Int,     ///< integer literal
    Enum,    ///< enumerator literal (`IntCC.slt`, or the `.i32` suffix of an IR term)
    Ir,      ///< IR term: kids[0] matches the controlling type, kids[1..] the fields
    Extract, ///< helper extractor: kids match its outputs
    As,      ///< `(as v PAT)`: binds the value to v and matches PAT
    Absorb,  ///< `(absorb PAT)`: PAT is an IR term the rule may fold into its result
  } kind = Kind::Wild;
  int type = -1;
  int var = -1;       ///< Bind/Same/As: variable index
  uint64_t bits = 0;  ///< Int: the value's bits (two's complement)
  int enumIndex = -1; ///< Enum
  int term = -1;      ///< Ir/Extract
  std::vector<Pat> kids;
  Loc loc;
};

/// A result or guard expression.
struct Expr {
  enum class Kind : uint8_t { Var, Int, Enum, Call, Let } kind = Kind::Var;
  int type = -1;
  int var = -1;
  uint64_t bits = 0;
  int enumIndex = -1;
  int term = -1;
  std::vector<Expr> args;                  ///< Call: arguments; Let: the body is args[0]
  std::vector<std::pair<int, Expr>> binds; ///< Let: (variable or -1 for `_`, value)
  Loc loc;
};

struct Var {
  std::string name;
  int type = -1;
  unsigned uses = 0;
  Loc loc;
};

struct Rule {
  std::string name;
  int64_t priority = 0;
  int root = -1; ///< the root IR term
  Pat pattern;
  std::vector<Expr> guards;
  Expr result;
  std::vector<Var> vars;
  const SExpr *source = nullptr; ///< the whole (rule ...) form
  size_t patternIndex = 2;       ///< index of the pattern in source->items
  Loc loc;
};

/// Verifier-only definitions read from semantics files (docs/verification.md):
/// `(form ID (ARG...) EXPR)` is the meaning of one instruction form of an ISA
/// table (keyed by its Id, e.g. ADD32rr), `(define NAME (ARG...) EXPR)` a helper
/// the semantics share. The compiler checks their shape and keeps them unread.
struct SemDef {
  enum class Kind : uint8_t { Form, Define } kind = Kind::Define;
  std::string name;
  std::vector<std::string> args;
  const SExpr *body = nullptr;
  Loc loc;
};

struct RuleSet {
  std::vector<TypeDecl> types;
  std::vector<Term> terms;
  std::vector<Rule> rules;
  std::map<std::string, int> typeIndex;
  std::map<std::string, int> termIndex;
  /// (from type, to type) -> constructor term used as an implicit conversion.
  std::map<std::pair<int, int>, int> conversions;
  int valueType = -1;  ///< `Value`: an IR SSA value
  int irTypeEnum = -1; ///< `Type`: the enum of IR types (the `.i32` suffixes)
  int outputType = -1; ///< (output T): what every rule produces
  std::vector<std::string> includes; ///< (include "file.h"): headers the generated header needs
  /// (form ...) and (define ...) in declaration order; one namespace for both.
  std::vector<SemDef> semDefs;
  std::map<std::string, int> semDefIndex;
  /// (semantics-of NAME ...) for a term no file of this program declares.
  std::vector<std::pair<std::string, Loc>> unattached;
  /// Parsed files: they own the S-expressions the model points into.
  std::vector<std::unique_ptr<std::vector<SExpr>>> forms;
};

/// Reads the declarations and rules of every parsed file into `rs` and type-checks
/// them. Returns false (with diagnostics) on any error.
bool buildRuleSet(RuleSet &rs, Diag &diag);

/// Equal-priority overlaps and rules shadowed by a higher-priority rule. Returns
/// false (with diagnostics) when any is found.
bool checkOverlaps(const RuleSet &rs, Diag &diag);

struct EmitOptions {
  std::string name = "Rules";       ///< the context class is <name>Context
  std::string ns = "wasmaot::rules"; ///< C++ namespace of the generated code
  std::string headerName;            ///< how the .cpp includes the header
  std::vector<std::string> sources;  ///< rule files, for the banner
};

/// The generated header and source (deterministic for a given rule set).
void emitCpp(const RuleSet &rs, const EmitOptions &opts, std::string &header, std::string &source);

/// The declarations, semantics and rules as JSON, for the verifier.
std::string emitSemantics(const RuleSet &rs, const Diag &diag);

} // namespace rulec

// Parser: textual IR to Module. Two passes: declarations and function headers
// first (so calls can name later functions), then function bodies.
#include "ir/Parser.h"

#include "ir/Builder.h"
#include "ir/Lexer.h"

#include <charconv>
#include <optional>
#include <unordered_map>

namespace wasmaot::ir {

namespace {

/// Parses "<prefix><decimal>" (e.g. "mem3", "v12", "block0"); nullopt otherwise.
std::optional<uint32_t> prefixedIndex(std::string_view s, std::string_view prefix) {
  if (s.size() <= prefix.size() || s.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view digits = s.substr(prefix.size());
  if (digits.size() > 1 && digits[0] == '0') return std::nullopt;
  uint32_t v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
  return v;
}

class Parser {
public:
  Parser(std::string_view src, Error &error) : error_(error) { toks_ = tokenize(src); }

  std::unique_ptr<Module> run() {
    if (!toks_.empty() && toks_.back().kind == Tok::Error) {
      // Report a lexical error at its own position, even if earlier tokens are fine.
      const Token &e = toks_.back();
      error_ = {e.line, e.column, e.decoded};
      failed_ = true;
    }
    auto m = std::make_unique<Module>();
    m_ = m.get();
    std::vector<size_t> bodies; // token index of each function's '{' (or SIZE_MAX)
    while (!failed_ && peek().kind != Tok::Eof) {
      if (!topLevel(bodies)) break;
    }
    for (size_t f = 0; !failed_ && f < bodies.size(); ++f) {
      if (bodies[f] == SIZE_MAX) continue;
      pos_ = bodies[f];
      functionBody(*m->functions[f]);
    }
    if (failed_) return nullptr;
    return m;
  }

private:
  // --- tokens
  const Token &peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return i < toks_.size() ? toks_[i] : toks_.back();
  }
  const Token &next() {
    const Token &t = peek();
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  bool fail(const Token &t, std::string msg) {
    if (!failed_) {
      if (t.kind == Tok::Error) msg = t.decoded;
      error_ = {t.line, t.column, std::move(msg)};
      failed_ = true;
    }
    return false;
  }
  static std::string describe(const Token &t) {
    switch (t.kind) {
    case Tok::Ident:
    case Tok::Int: return "'" + std::string(t.text) + "'";
    case Tok::Name: return "'@" + t.decoded + "'";
    default: return tokName(t.kind);
    }
  }
  bool expect(Tok k, const char *what = nullptr) {
    if (peek().kind != k)
      return fail(peek(), std::string("expected ") + (what ? what : tokName(k)) + ", found " + describe(peek()));
    next();
    return true;
  }
  bool accept(Tok k) {
    if (peek().kind != k) return false;
    next();
    return true;
  }
  bool isKeyword(std::string_view kw, size_t ahead = 0) const {
    return peek(ahead).kind == Tok::Ident && peek(ahead).text == kw;
  }
  bool expectKeyword(std::string_view kw) {
    if (!isKeyword(kw)) return fail(peek(), "expected '" + std::string(kw) + "', found " + describe(peek()));
    next();
    return true;
  }
  /// True when the next token starts a new line (or is the end), i.e. the current line is over.
  bool atLineEnd() const {
    if (pos_ == 0) return true;
    const Token &t = peek();
    return t.kind == Tok::Eof || t.line != toks_[pos_ - 1].line;
  }

  // --- numbers
  bool parseU64(uint64_t &out, const char *what) {
    const Token &t = peek();
    if (t.kind != Tok::Int) return fail(t, std::string("expected ") + what + ", found " + describe(t));
    std::string_view s = t.text;
    if (!s.empty() && s[0] == '-') return fail(t, std::string(what) + " must not be negative");
    int base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
      base = 16;
      s.remove_prefix(2);
    }
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
    if (ec == std::errc::result_out_of_range) return fail(t, std::string(what) + " is out of range");
    if (ec != std::errc() || p != s.data() + s.size())
      return fail(t, "invalid integer '" + std::string(t.text) + "'");
    next();
    return true;
  }
  bool parseU32(uint32_t &out, const char *what) {
    const Token &t = peek();
    uint64_t v;
    if (!parseU64(v, what)) return false;
    if (v > UINT32_MAX) return fail(t, std::string(what) + " is out of range");
    out = static_cast<uint32_t>(v);
    return true;
  }
  /// An integer constant of `bits` width: -2^(bits-1) .. 2^bits - 1; returns it masked.
  bool parseIntImm(uint64_t &out, unsigned bits) {
    const Token &t = peek();
    if (t.kind != Tok::Int) return fail(t, "expected an integer, found " + describe(t));
    bool neg = t.text[0] == '-';
    Token copy = t;
    if (neg) copy.text.remove_prefix(1);
    toks_[pos_].text = copy.text;
    uint64_t mag;
    if (!parseU64(mag, "integer constant")) return false;
    const uint64_t mask = bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
    if (neg) {
      const uint64_t limit = uint64_t(1) << (bits - 1);
      if (mag > limit) return fail(t, "integer constant out of range for i" + std::to_string(bits));
      out = (~mag + 1) & mask;
    } else {
      if (mag > mask) return fail(t, "integer constant out of range for i" + std::to_string(bits));
      out = mag;
    }
    return true;
  }

  // --- types and signatures
  bool parseTypeTok(Type &out) {
    const Token &t = peek();
    std::optional<Type> ty;
    if (t.kind == Tok::Ident) ty = parseType(t.text);
    if (!ty) return fail(t, "expected a type, found " + describe(t));
    next();
    out = *ty;
    return true;
  }
  bool typeList(std::vector<Type> &out) {
    if (!expect(Tok::LParen)) return false;
    if (accept(Tok::RParen)) return true;
    do {
      Type t;
      if (!parseTypeTok(t)) return false;
      out.push_back(t);
    } while (accept(Tok::Comma));
    return expect(Tok::RParen, "',' or ')'");
  }
  bool signature(Signature &sig) {
    if (!typeList(sig.params)) return false;
    if (!accept(Tok::Arrow)) return true;
    if (peek().kind == Tok::LParen) return typeList(sig.results);
    Type t;
    if (!parseTypeTok(t)) return false;
    sig.results.push_back(t);
    return true;
  }

  /// "<prefix>N" where N must equal `expected` (declarations are numbered in order).
  bool declIndex(std::string_view prefix, size_t expected) {
    const Token &t = peek();
    std::optional<uint32_t> n;
    if (t.kind == Tok::Ident) n = prefixedIndex(t.text, prefix);
    if (!n) return fail(t, "expected " + std::string(prefix) + "N, found " + describe(t));
    if (*n != expected)
      return fail(t, "expected " + std::string(prefix) + std::to_string(expected) +
                         " (declarations are numbered in order)");
    next();
    return true;
  }
  bool refIndex(std::string_view prefix, uint32_t &out) {
    const Token &t = peek();
    std::optional<uint32_t> n;
    if (t.kind == Tok::Ident) n = prefixedIndex(t.text, prefix);
    if (!n) return fail(t, "expected " + std::string(prefix) + "N, found " + describe(t));
    next();
    out = *n;
    return true;
  }
  bool limits(uint64_t &min, std::optional<uint64_t> &max) {
    if (!expectKeyword("min") || !parseU64(min, "minimum")) return false;
    if (isKeyword("max")) {
      next();
      uint64_t v;
      if (!parseU64(v, "maximum")) return false;
      max = v;
    }
    return true;
  }

  // --- top level
  bool topLevel(std::vector<size_t> &bodies) {
    const Token &t = peek();
    if (t.kind != Tok::Ident) return fail(t, "expected a declaration or 'func', found " + describe(t));
    std::string_view kw = t.text;
    if (kw == "func") {
      next();
      if (peek().kind != Tok::Name) return fail(peek(), "expected a function name (@name), found " + describe(peek()));
      std::string name = next().decoded;
      Signature sig;
      if (!signature(sig)) return false;
      m_->addFunction(std::move(name), std::move(sig));
      if (peek().kind != Tok::LBrace) {
        bodies.push_back(SIZE_MAX);
        return true;
      }
      bodies.push_back(pos_);
      // Skip the body; it is parsed in the second pass.
      size_t depth = 0;
      do {
        Tok k = next().kind;
        if (k == Tok::LBrace) ++depth;
        else if (k == Tok::RBrace) --depth;
        else if (k == Tok::Eof) return fail(peek(), "unterminated function body: expected '}'");
        else if (k == Tok::Error) return fail(toks_.back(), "");
      } while (depth > 0);
      return true;
    }
    next();
    if (kw == "sig") {
      if (!declIndex("sig", m_->signatures.size())) return false;
      Signature sig;
      if (!signature(sig)) return false;
      m_->signatures.push_back(std::move(sig));
      return true;
    }
    if (kw == "memory") {
      if (!declIndex("mem", m_->memories.size())) return false;
      MemoryDecl d;
      if (!parseTypeTok(d.indexType) || !limits(d.minPages, d.maxPages)) return false;
      if (isKeyword("shared")) {
        next();
        d.shared = true;
      }
      m_->memories.push_back(d);
      return true;
    }
    if (kw == "table") {
      if (!declIndex("table", m_->tables.size())) return false;
      TableDecl d;
      if (!parseTypeTok(d.indexType) || !limits(d.minElems, d.maxElems)) return false;
      m_->tables.push_back(d);
      return true;
    }
    if (kw == "global") {
      if (!declIndex("global", m_->globals.size())) return false;
      GlobalDecl d;
      if (!parseTypeTok(d.type)) return false;
      if (isKeyword("mut")) {
        next();
        d.isMutable = true;
      }
      m_->globals.push_back(d);
      return true;
    }
    if (kw == "data_segments") return parseU32(m_->numDataSegments, "a segment count");
    if (kw == "elem_segments") return parseU32(m_->numElemSegments, "a segment count");
    return fail(t, "unknown declaration '" + std::string(kw) + "'");
  }

  // --- function bodies
  struct ValueName {
    Value value;
    bool defined = false;
    uint32_t line = 0, column = 0; // first use (for "undefined value")
  };

  bool valueRef(Value &out) {
    const Token &t = peek();
    std::optional<uint32_t> n;
    if (t.kind == Tok::Ident) n = prefixedIndex(t.text, "v");
    if (!n) return fail(t, "expected a value (vN), found " + describe(t));
    next();
    auto [it, inserted] = values_.try_emplace(*n);
    if (inserted) {
      it->second.value = f_->createPlaceholder();
      it->second.line = t.line;
      it->second.column = t.column;
    }
    out = it->second.value;
    return true;
  }

  /// Binds text name `tok` (vN) to the defined value `v`.
  bool defineValue(const Token &tok, Value v) {
    std::optional<uint32_t> n = prefixedIndex(tok.text, "v");
    if (!n) return fail(tok, "expected a value name (vN), found " + describe(tok));
    auto [it, inserted] = values_.try_emplace(*n);
    if (!inserted) {
      if (it->second.defined) return fail(tok, "value " + std::string(tok.text) + " is defined twice");
      // A forward reference: its placeholder now stands for v.
      uint32_t p = it->second.value.id;
      if (alias_.size() <= p) alias_.resize(p + 1);
      alias_[p] = v;
    }
    it->second.value = v;
    it->second.defined = true;
    return true;
  }

  bool blockRef(BasicBlock *&out) {
    const Token &t = peek();
    std::optional<uint32_t> n;
    if (t.kind == Tok::Ident) n = prefixedIndex(t.text, "block");
    if (!n) return fail(t, "expected a block (blockN), found " + describe(t));
    auto it = blocks_.find(*n);
    if (it == blocks_.end()) return fail(t, "undefined block " + std::string(t.text));
    next();
    out = it->second;
    return true;
  }

  bool valueList(std::vector<Value> &out, Tok close) {
    if (accept(close)) return true;
    do {
      Value v;
      if (!valueRef(v)) return false;
      out.push_back(v);
    } while (accept(Tok::Comma));
    return expect(close, close == Tok::RParen ? "',' or ')'" : "',' or ']'");
  }

  bool blockCall(BasicBlock *&b, std::vector<Value> &args) {
    if (!blockRef(b)) return false;
    if (accept(Tok::LParen)) return valueList(args, Tok::RParen);
    return true;
  }

  bool functionBody(Function &f) {
    f_ = &f;
    values_.clear();
    blocks_.clear();
    alias_.clear();
    if (!expect(Tok::LBrace)) return false;
    // Create blocks in the order of their headers (a block name first on its line,
    // followed by '(' or ':'), so branches may name later blocks.
    size_t depth = 1;
    for (size_t i = pos_; i < toks_.size() && depth > 0; ++i) {
      const Token &t = toks_[i];
      if (t.kind == Tok::LBrace) ++depth;
      if (t.kind == Tok::RBrace) --depth;
      bool lineStart = i == 0 || toks_[i - 1].line != t.line;
      if (t.kind != Tok::Ident || !lineStart || i + 1 >= toks_.size()) continue;
      Tok after = toks_[i + 1].kind;
      if (after != Tok::Colon && after != Tok::LParen) continue;
      std::optional<uint32_t> n = prefixedIndex(t.text, "block");
      if (!n) continue;
      if (!blocks_.try_emplace(*n, nullptr).second) return fail(t, "block " + std::string(t.text) + " is defined twice");
      blocks_[*n] = f.createBlock();
    }
    Builder b(f);
    if (peek().kind == Tok::RBrace) return fail(peek(), "function body has no blocks");
    while (!failed_ && peek().kind != Tok::RBrace) {
      if (peek().kind == Tok::Eof) return fail(peek(), "expected '}'");
      if (isBlockHeader()) {
        if (!blockHeader(b)) return false;
        continue;
      }
      if (!b.insertBlock()) return fail(peek(), "expected a block header (blockN:) before instructions");
      if (!instruction(b)) return false;
    }
    if (failed_) return false;
    next(); // '}'
    // Every referenced value must be defined somewhere in the function.
    const ValueName *undefined = nullptr;
    for (auto &[n, vn] : values_)
      if (!vn.defined && (!undefined || vn.line < undefined->line ||
                          (vn.line == undefined->line && vn.column < undefined->column)))
        undefined = &vn;
    if (undefined) {
      for (auto &[n, vn] : values_)
        if (&vn == undefined) {
          error_ = {vn.line, vn.column, "use of undefined value v" + std::to_string(n)};
          failed_ = true;
          return false;
        }
    }
    if (!alias_.empty()) f.replaceUses(alias_);
    // Opcodes without a type suffix whose type follows their operand.
    for (BasicBlock *bb : f.blocks())
      for (Inst *i : *bb)
        if ((i->op == Opcode::Trapz || i->op == Opcode::Trapnz || i->op == Opcode::GlobalSet) && i->numOperands)
          i->type = f.typeOf(i->operands[0]);
    return true;
  }

  bool isBlockHeader() const {
    return peek().kind == Tok::Ident && prefixedIndex(peek().text, "block") &&
           (peek(1).kind == Tok::Colon || peek(1).kind == Tok::LParen) && atLineEnd();
  }

  bool blockHeader(Builder &b) {
    BasicBlock *bb = blocks_[*prefixedIndex(peek().text, "block")];
    next();
    b.setInsertBlock(bb);
    if (accept(Tok::LParen)) {
      if (!accept(Tok::RParen)) {
        do {
          const Token &name = peek();
          if (name.kind != Tok::Ident || !prefixedIndex(name.text, "v"))
            return fail(name, "expected a parameter (vN: type), found " + describe(name));
          next();
          Type t;
          if (!expect(Tok::Colon) || !parseTypeTok(t)) return false;
          if (!defineValue(name, b.addBlockParam(bb, t))) return false;
        } while (accept(Tok::Comma));
        if (!expect(Tok::RParen, "',' or ')'")) return false;
      }
    }
    return expect(Tok::Colon);
  }

  bool instruction(Builder &b) {
    // Results: vN {, vN} =
    std::vector<const Token *> results;
    if (peek().kind == Tok::Ident && prefixedIndex(peek().text, "v") &&
        (peek(1).kind == Tok::Comma || peek(1).kind == Tok::Equal)) {
      while (true) {
        const Token &t = peek();
        if (t.kind != Tok::Ident || !prefixedIndex(t.text, "v"))
          return fail(t, "expected a result value (vN), found " + describe(t));
        results.push_back(&t);
        next();
        if (accept(Tok::Equal)) break;
        if (!expect(Tok::Comma, "',' or '='")) return false;
      }
    }
    const Token &opTok = peek();
    if (opTok.kind != Tok::Ident) return fail(opTok, "expected an opcode, found " + describe(opTok));
    std::string_view text = opTok.text;
    std::string_view suffix;
    size_t dot = text.find('.');
    if (dot != std::string_view::npos) {
      suffix = text.substr(dot + 1);
      text = text.substr(0, dot);
    }
    std::optional<Opcode> op = parseOpcode(text);
    if (!op) return fail(opTok, "unknown opcode '" + std::string(text) + "'");
    Type type = Type::I32;
    if (hasTypeSuffix(*op)) {
      std::optional<Type> t = parseType(suffix);
      if (suffix.empty()) return fail(opTok, "opcode '" + std::string(text) + "' needs a type suffix (." + "i32 ...)");
      if (!t) return fail(opTok, "unknown type '" + std::string(suffix) + "'");
      type = *t;
    } else if (dot != std::string_view::npos) {
      return fail(opTok, "opcode '" + std::string(text) + "' takes no type suffix");
    }
    next();
    Inst *inst = nullptr;
    if (!operandsFor(b, *op, type, opTok, inst)) return false;
    if (!atLineEnd()) return fail(peek(), "expected end of line, found " + describe(peek()));
    uint32_t produced = inst ? inst->numResults : 0;
    if (results.size() != produced)
      return fail(opTok, std::string(opcodeName(*op)) + " produces " + std::to_string(produced) + " result" +
                             (produced == 1 ? "" : "s") + ", " + std::to_string(results.size()) + " named");
    for (uint32_t r = 0; r < produced; ++r)
      if (!defineValue(*results[r], inst->result(r))) return false;
    return true;
  }

  Inst *instOf(Value v) const { return f_->valueData(v).inst; }

  bool memArg(MemArg &m, bool isStore) {
    if (!refIndex("mem", m.memory)) return false;
    const Token &acc = peek();
    if (isStore && acc.kind == Tok::Int) {
      if (acc.text == "8") m.access = MemAccess::U8;
      else if (acc.text == "16") m.access = MemAccess::U16;
      else if (acc.text == "32") m.access = MemAccess::U32;
      else return fail(acc, "expected a store width 8, 16 or 32, found " + describe(acc));
      next();
    } else if (!isStore && acc.kind == Tok::Ident && parseMemAccess(acc.text)) {
      m.access = *parseMemAccess(acc.text);
      next();
    }
    bool sawAlign = false, sawBounds = false, sawOffset = false;
    while (!atLineEnd() && peek().kind == Tok::Ident) {
      const Token &key = peek();
      std::string_view k = key.text;
      next();
      if (!expect(Tok::Equal)) return false;
      if (k == "offset" && !sawOffset) {
        sawOffset = true;
        if (!parseU64(m.offset, "offset")) return false;
      } else if (k == "align" && !sawAlign) {
        sawAlign = true;
        const Token &at = peek();
        uint64_t a;
        if (!parseU64(a, "alignment")) return false;
        if (a == 0 || (a & (a - 1))) return fail(at, "alignment must be a power of two");
        uint8_t lg = 0;
        while ((uint64_t(1) << lg) < a) ++lg;
        m.alignLog2 = lg;
      } else if (k == "bounds" && !sawBounds) {
        sawBounds = true;
        const Token &bt = peek();
        std::optional<BoundsCheck> bc;
        if (bt.kind == Tok::Ident) bc = parseBoundsCheck(bt.text);
        if (!bc) return fail(bt, "expected check, guard or none, found " + describe(bt));
        next();
        m.bounds = *bc;
        if (accept(Tok::LParen)) {
          const Token &pt = peek();
          std::optional<BoundsProof> p;
          if (pt.kind == Tok::Ident) p = parseBoundsProof(pt.text);
          if (!p) return fail(pt, "expected a bounds proof (constant_address, dominating_check, loop_range, "
                                  "external, bracketing_checks, loop_versioned), found " + describe(pt));
          next();
          m.proof = *p;
          if (!expect(Tok::RParen)) return false;
        }
      } else {
        return fail(key, "unexpected or repeated attribute '" + std::string(k) + "'");
      }
    }
    return true;
  }

  bool comma() { return expect(Tok::Comma, "','"); }

  bool values(std::initializer_list<Value *> outs, bool leadingComma) {
    bool first = !leadingComma;
    for (Value *v : outs) {
      if (!first && !comma()) return false;
      first = false;
      if (!valueRef(*v)) return false;
    }
    return true;
  }

  bool trapCode(TrapCode &out) {
    const Token &t = peek();
    std::optional<TrapCode> c;
    if (t.kind == Tok::Ident) c = parseTrapCode(t.text);
    if (!c) return fail(t, "expected a trap code, found " + describe(t));
    next();
    out = *c;
    return true;
  }

  const Signature *sigAt(const Token &at, uint32_t index) {
    if (index >= m_->signatures.size()) {
      fail(at, "unknown signature sig" + std::to_string(index));
      return nullptr;
    }
    return &m_->signatures[index];
  }

  bool operandsFor(Builder &b, Opcode op, Type type, const Token &opTok, Inst *&inst) {
    Value a, c, d;
    uint32_t i0 = 0, i1 = 0;
    switch (opcodeFormat(op)) {
    case Format::IntConst: {
      if (!isInt(type)) return fail(opTok, "iconst needs an integer type");
      uint64_t v;
      if (!parseIntImm(v, typeBits(type))) return false;
      inst = instOf(b.iconst(type, v));
      return true;
    }
    case Format::FloatConst: {
      if (!isFloat(type)) return fail(opTok, "fconst needs a float type");
      const Token &t = peek();
      uint64_t v;
      if (t.kind != Tok::Int || t.text.size() < 3 || t.text.substr(0, 2) != "0x")
        return fail(t, "expected a hexadecimal bit pattern (0x...), found " + describe(t));
      if (!parseU64(v, "bit pattern")) return false;
      if (type == Type::F32 && v > 0xffffffffu) return fail(t, "bit pattern too wide for f32");
      inst = instOf(b.fconst(type, v));
      return true;
    }
    case Format::V128Const: {
      const Token &t = peek();
      if (t.kind != Tok::Int || t.text.size() < 3 || t.text.size() > 34 || t.text.substr(0, 2) != "0x")
        return fail(t, "expected a 128-bit hexadecimal constant (0x + up to 32 digits), found " + describe(t));
      std::string_view hex = t.text.substr(2);
      uint64_t hi = 0, lo = 0;
      std::string_view hiText = hex.size() > 16 ? hex.substr(0, hex.size() - 16) : std::string_view();
      std::string_view loText = hex.size() > 16 ? hex.substr(hex.size() - 16) : hex;
      auto conv = [](std::string_view s, uint64_t &out) {
        if (s.empty()) return true;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
        return ec == std::errc() && p == s.data() + s.size();
      };
      if (!conv(hiText, hi) || !conv(loText, lo)) return fail(t, "invalid hexadecimal constant");
      next();
      inst = instOf(b.v128const(lo, hi));
      return true;
    }
    case Format::Unary:
      if (!valueRef(a)) return false;
      inst = instOf(op == Opcode::RefIsNull      ? b.refIsNull(a)
                    : op == Opcode::RefAsNonNull ? b.refAsNonNull(a)
                                                 : b.unary(op, type, a));
      return true;
    case Format::UnaryImm: {
      if (!valueRef(a) || !comma()) return false;
      uint32_t bits;
      if (!parseU32(bits, "bit count")) return false;
      inst = instOf(b.sextLow(type, a, bits));
      return true;
    }
    case Format::Binary:
      if (!values({&a, &c}, false)) return false;
      inst = instOf(op == Opcode::RefEq ? b.refEq(a, c) : b.binary(op, type, a, c));
      return true;
    case Format::IntCompare:
    case Format::FloatCompare: {
      const Token &t = peek();
      bool isInt = opcodeFormat(op) == Format::IntCompare;
      std::optional<IntCC> icc;
      std::optional<FloatCC> fcc;
      if (t.kind == Tok::Ident) {
        if (isInt) icc = parseIntCC(t.text);
        else fcc = parseFloatCC(t.text);
      }
      if (!icc && !fcc) return fail(t, "expected a condition, found " + describe(t));
      next();
      if (!values({&a, &c}, false)) return false;
      inst = instOf(isInt ? b.icmp(*icc, a, c) : b.fcmp(*fcc, a, c));
      inst->type = type;
      return true;
    }
    case Format::Select:
      if (!values({&a, &c, &d}, false)) return false;
      inst = instOf(b.select(type, a, c, d));
      return true;
    case Format::CondTrap: {
      TrapCode code;
      if (!valueRef(a) || !comma() || !trapCode(code)) return false;
      if (op == Opcode::Trapz) b.trapz(a, code);
      else b.trapnz(a, code);
      return true;
    }
    case Format::Trap: {
      TrapCode code;
      if (!trapCode(code)) return false;
      b.trap(code);
      return true;
    }
    case Format::Load: {
      MemArg m;
      if (!valueRef(a) || !memArg(m, false)) return false;
      inst = instOf(b.load(type, a, m));
      return true;
    }
    case Format::Store: {
      MemArg m;
      if (!values({&a, &c}, false) || !memArg(m, true)) return false;
      b.store(type, a, c, m);
      return true;
    }
    case Format::MemorySize:
      if (!refIndex("mem", i0)) return false;
      inst = instOf(b.memorySize(type, i0));
      return true;
    case Format::MemoryGrow:
      if (!refIndex("mem", i0) || !values({&a}, true)) return false;
      inst = instOf(b.memoryGrow(type, i0, a));
      return true;
    case Format::MemoryFill:
      if (!refIndex("mem", i0) || !values({&a, &c, &d}, true)) return false;
      b.memoryFill(i0, a, c, d);
      return true;
    case Format::MemoryCopy:
      if (!refIndex("mem", i0) || !comma() || !refIndex("mem", i1) || !values({&a, &c, &d}, true)) return false;
      b.memoryCopy(i0, i1, a, c, d);
      return true;
    case Format::MemoryInit:
      if (!refIndex("mem", i0) || !comma() || !refIndex("data", i1) || !values({&a, &c, &d}, true)) return false;
      b.memoryInit(i0, i1, a, c, d);
      return true;
    case Format::DataDrop:
      if (!refIndex("data", i0)) return false;
      b.dataDrop(i0);
      return true;
    case Format::GlobalGet:
      if (!refIndex("global", i0)) return false;
      inst = instOf(b.globalGet(type, i0));
      return true;
    case Format::GlobalSet:
      if (!refIndex("global", i0) || !values({&a}, true)) return false;
      b.globalSet(i0, a);
      return true;
    case Format::TableGet:
      if (!refIndex("table", i0) || !values({&a}, true)) return false;
      inst = instOf(b.tableGet(i0, a));
      return true;
    case Format::TableSet:
      if (!refIndex("table", i0) || !values({&a, &c}, true)) return false;
      b.tableSet(i0, a, c);
      return true;
    case Format::TableSize:
      if (!refIndex("table", i0)) return false;
      inst = instOf(b.tableSize(type, i0));
      return true;
    case Format::TableGrow:
      if (!refIndex("table", i0) || !values({&a, &c}, true)) return false;
      inst = instOf(b.tableGrow(type, i0, a, c));
      return true;
    case Format::TableFill:
      if (!refIndex("table", i0) || !values({&a, &c, &d}, true)) return false;
      b.tableFill(i0, a, c, d);
      return true;
    case Format::TableCopy:
      if (!refIndex("table", i0) || !comma() || !refIndex("table", i1) || !values({&a, &c, &d}, true)) return false;
      b.tableCopy(i0, i1, a, c, d);
      return true;
    case Format::TableInit:
      if (!refIndex("table", i0) || !comma() || !refIndex("elem", i1) || !values({&a, &c, &d}, true)) return false;
      b.tableInit(i0, i1, a, c, d);
      return true;
    case Format::ElemDrop:
      if (!refIndex("elem", i0)) return false;
      b.elemDrop(i0);
      return true;
    case Format::RefNull:
      inst = instOf(b.refNull());
      return true;
    case Format::RefFunc:
      if (!refIndex("fn", i0)) return false;
      inst = instOf(b.refFunc(i0));
      return true;
    case Format::Call: {
      const Token &t = peek();
      std::vector<Value> args;
      if (!refIndex("fn", i0)) return false;
      if (i0 >= m_->functions.size()) return fail(t, "unknown function fn" + std::to_string(i0));
      if (!expect(Tok::LParen) || !valueList(args, Tok::RParen)) return false;
      inst = b.call(i0, m_->functions[i0]->signature(), args);
      return true;
    }
    case Format::CallIndirect:
    case Format::CallRef: {
      const Token &t = peek();
      std::vector<Value> args;
      if (!refIndex("sig", i0)) return false;
      const Signature *sig = sigAt(t, i0);
      if (!sig) return false;
      bool indirect = opcodeFormat(op) == Format::CallIndirect;
      if (indirect && (!comma() || !refIndex("table", i1))) return false;
      if (!values({&a}, true) || !expect(Tok::LParen) || !valueList(args, Tok::RParen)) return false;
      if (indirect) {
        bool check = true;
        if (isKeyword("nocheck") && !atLineEnd()) {
          next();
          check = false;
        }
        inst = b.callIndirect(i0, *sig, i1, a, args, check);
      } else {
        inst = b.callRef(i0, *sig, a, args);
      }
      return true;
    }
    case Format::Jump: {
      BasicBlock *dest;
      std::vector<Value> args;
      if (!blockCall(dest, args)) return false;
      b.jump(dest, args);
      return true;
    }
    case Format::Brif: {
      BasicBlock *t, *e;
      std::vector<Value> ta, ea;
      if (!valueRef(a) || !comma() || !blockCall(t, ta) || !comma() || !blockCall(e, ea)) return false;
      b.brif(a, t, ta, e, ea);
      return true;
    }
    case Format::BrTable: {
      if (!valueRef(a) || !comma() || !expect(Tok::LBracket)) return false;
      std::vector<BasicBlock *> dests;
      std::vector<std::vector<Value>> args;
      if (!accept(Tok::RBracket)) {
        do {
          dests.push_back(nullptr);
          args.emplace_back();
          if (!blockCall(dests.back(), args.back())) return false;
        } while (accept(Tok::Comma));
        if (!expect(Tok::RBracket, "',' or ']'")) return false;
      }
      BasicBlock *deflt;
      std::vector<Value> deflArgs;
      if (!comma() || !blockCall(deflt, deflArgs)) return false;
      std::vector<BlockArgs> table;
      for (size_t k = 0; k < dests.size(); ++k) table.push_back({dests[k], args[k]});
      b.brTable(a, table, {deflt, deflArgs});
      return true;
    }
    case Format::Return: {
      std::vector<Value> vals;
      if (!atLineEnd()) {
        do {
          Value v;
          if (!valueRef(v)) return false;
          vals.push_back(v);
        } while (accept(Tok::Comma));
      }
      b.ret(vals);
      return true;
    }
    }
    return fail(opTok, "unhandled opcode format");
  }

  Error &error_;
  bool failed_ = false;
  std::vector<Token> toks_;
  size_t pos_ = 0;
  Module *m_ = nullptr;
  Function *f_ = nullptr;
  std::unordered_map<uint32_t, ValueName> values_;
  std::unordered_map<uint32_t, BasicBlock *> blocks_;
  std::vector<Value> alias_;
};

} // namespace

std::unique_ptr<Module> parseModule(std::string_view text, Error &error) {
  return Parser(text, error).run();
}

} // namespace wasmaot::ir

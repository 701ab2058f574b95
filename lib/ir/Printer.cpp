// Printer: the canonical textual form of IR modules and functions (docs/ir.md).
#include "ir/Printer.h"

#include <cinttypes>
#include <cstdio>
#include <unordered_map>

namespace wasmaot::ir {

namespace {

/// Canonical names: values v0.. in definition order, blocks block0.. in layout order.
/// Values or blocks referenced but not defined (invalid IR) get numbers after the rest.
class Numbering {
public:
  explicit Numbering(const Function &f) {
    valueNum_.assign(f.numValues(), kNone);
    for (BasicBlock *b : f.blocks()) {
      blockNum(b);
      for (Value p : b->paramList()) valueNum(p);
      for (Inst *i : *b)
        for (uint32_t r = 0; r < i->numResults; ++r) valueNum(i->result(r));
    }
  }

  uint32_t valueNum(Value v) {
    if (v.id >= valueNum_.size()) return nextValue_++; // out of range: an unknown value
    if (valueNum_[v.id] == kNone) valueNum_[v.id] = nextValue_++;
    return valueNum_[v.id];
  }

  uint32_t blockNum(const BasicBlock *b) {
    auto [it, inserted] = blockNum_.try_emplace(b, nextBlock_);
    if (inserted) ++nextBlock_;
    return it->second;
  }

private:
  static constexpr uint32_t kNone = ~uint32_t(0);
  std::vector<uint32_t> valueNum_;
  std::unordered_map<const BasicBlock *, uint32_t> blockNum_;
  uint32_t nextValue_ = 0;
  uint32_t nextBlock_ = 0;
};

bool isPlainNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
         c == '$' || c == '-';
}

class Printer {
public:
  explicit Printer(std::string &out) : out_(out) {}

  void name(const std::string &n) {
    out_ += '@';
    bool plain = !n.empty();
    for (char c : n) plain = plain && isPlainNameChar(c);
    if (plain) {
      out_ += n;
      return;
    }
    out_ += '"';
    for (unsigned char c : n) {
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += static_cast<char>(c);
      } else if (c < 0x20 || c >= 0x7f) {
        char buf[4];
        std::snprintf(buf, sizeof buf, "\\%02x", c);
        out_ += buf;
      } else {
        out_ += static_cast<char>(c);
      }
    }
    out_ += '"';
  }

  void signature(const Signature &s) {
    out_ += '(';
    for (size_t i = 0; i < s.params.size(); ++i) {
      if (i) out_ += ", ";
      out_ += typeName(s.params[i]);
    }
    out_ += ')';
    if (s.results.empty()) return;
    out_ += " -> ";
    if (s.results.size() == 1) {
      out_ += typeName(s.results[0]);
      return;
    }
    out_ += '(';
    for (size_t i = 0; i < s.results.size(); ++i) {
      if (i) out_ += ", ";
      out_ += typeName(s.results[i]);
    }
    out_ += ')';
  }

  void num(uint64_t n) { out_ += std::to_string(n); }
  void hex(uint64_t n, int digits) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%0*" PRIx64, digits, n);
    out_ += buf;
  }

  void module(const Module &m) {
    for (size_t i = 0; i < m.signatures.size(); ++i) {
      out_ += "sig sig" + std::to_string(i) + " ";
      signature(m.signatures[i]);
      out_ += '\n';
    }
    for (size_t i = 0; i < m.memories.size(); ++i) {
      const MemoryDecl &d = m.memories[i];
      out_ += "memory mem" + std::to_string(i) + " " + typeName(d.indexType) + " min " + std::to_string(d.minPages);
      if (d.maxPages) out_ += " max " + std::to_string(*d.maxPages);
      if (d.shared) out_ += " shared";
      out_ += '\n';
    }
    for (size_t i = 0; i < m.tables.size(); ++i) {
      const TableDecl &d = m.tables[i];
      out_ += "table table" + std::to_string(i) + " " + typeName(d.indexType) + " min " + std::to_string(d.minElems);
      if (d.maxElems) out_ += " max " + std::to_string(*d.maxElems);
      out_ += '\n';
    }
    for (size_t i = 0; i < m.globals.size(); ++i) {
      out_ += "global global" + std::to_string(i) + " " + typeName(m.globals[i].type);
      if (m.globals[i].isMutable) out_ += " mut";
      out_ += '\n';
    }
    if (m.numDataSegments) out_ += "data_segments " + std::to_string(m.numDataSegments) + "\n";
    if (m.numElemSegments) out_ += "elem_segments " + std::to_string(m.numElemSegments) + "\n";
    bool first = out_.empty();
    for (const auto &f : m.functions) {
      if (!first) out_ += '\n';
      first = false;
      function(*f);
    }
  }

  void function(const Function &f) {
    out_ += "func ";
    name(f.name());
    signature(f.signature());
    if (f.isDeclaration()) {
      out_ += '\n';
      return;
    }
    out_ += " {\n";
    Numbering n(f);
    for (BasicBlock *b : f.blocks()) {
      out_ += "block" + std::to_string(n.blockNum(b));
      if (b->numParams) {
        out_ += '(';
        for (uint32_t i = 0; i < b->numParams; ++i) {
          if (i) out_ += ", ";
          value(n, b->params[i]);
          out_ += ": ";
          out_ += typeName(f.typeOf(b->params[i]));
        }
        out_ += ')';
      }
      out_ += ":\n";
      for (Inst *i : *b) {
        out_ += "  ";
        inst(f, n, i);
        out_ += '\n';
      }
    }
    out_ += "}\n";
  }

  void value(Numbering &n, Value v) { out_ += "v" + std::to_string(n.valueNum(v)); }

  void operands(Numbering &n, const Inst *i, uint32_t from) {
    for (uint32_t k = from; k < i->numOperands; ++k) {
      if (k > from) out_ += ", ";
      value(n, i->operands[k]);
    }
  }

  void blockCall(Numbering &n, const BlockCall &c) {
    out_ += "block" + std::to_string(c.block ? n.blockNum(c.block) : 0);
    if (!c.numArgs) return;
    out_ += '(';
    for (uint32_t k = 0; k < c.numArgs; ++k) {
      if (k) out_ += ", ";
      value(n, c.args[k]);
    }
    out_ += ')';
  }

  void memArg(const Inst *i) {
    out_ += " mem" + std::to_string(i->idx[0]);
    if (i->access != MemAccess::Natural) {
      out_ += ' ';
      if (i->op == Opcode::Store) out_ += std::to_string(memAccessBytes(i->access) * 8);
      else out_ += memAccessName(i->access);
    }
    if (i->imm[0]) out_ += " offset=" + std::to_string(i->imm[0]);
    out_ += " align=" + std::to_string(uint64_t(1) << (i->alignLog2 & 63));
    out_ += " bounds=";
    out_ += boundsCheckName(i->bounds);
    if (i->bounds == BoundsCheck::None || i->proof != BoundsProof::Unproven) {
      out_ += '(';
      out_ += boundsProofName(i->proof);
      out_ += ')';
    }
  }

  void inst(const Function &f, Numbering &n, const Inst *i) {
    if (i->numResults) {
      for (uint32_t r = 0; r < i->numResults; ++r) {
        if (r) out_ += ", ";
        value(n, i->result(r));
      }
      out_ += " = ";
    }
    out_ += opcodeName(i->op);
    if (hasTypeSuffix(i->op)) {
      out_ += '.';
      out_ += typeName(i->type);
    }
    auto idx = [&](const char *prefix, uint32_t v) { out_ += prefix + std::to_string(v); };
    switch (opcodeFormat(i->op)) {
    case Format::IntConst: {
      out_ += ' ';
      uint64_t v = i->imm[0];
      unsigned bits = isInt(i->type) ? typeBits(i->type) : 64;
      // Sign-extend from the type width and print as signed decimal.
      int64_t s = bits >= 64 ? static_cast<int64_t>(v)
                             : static_cast<int64_t>(v << (64 - bits)) >> (64 - bits);
      out_ += std::to_string(s);
      return;
    }
    case Format::FloatConst:
      out_ += " 0x";
      hex(i->imm[0], i->type == Type::F32 ? 8 : 16);
      return;
    case Format::V128Const:
      out_ += " 0x";
      hex(i->imm[1], 16);
      hex(i->imm[0], 16);
      return;
    case Format::Unary:
    case Format::Binary:
    case Format::Select:
      out_ += ' ';
      operands(n, i, 0);
      return;
    case Format::UnaryImm:
      out_ += ' ';
      operands(n, i, 0);
      out_ += ", " + std::to_string(i->imm[0]);
      return;
    case Format::IntCompare:
      out_ += ' ';
      out_ += intCCName(i->intCC());
      out_ += ' ';
      operands(n, i, 0);
      return;
    case Format::FloatCompare:
      out_ += ' ';
      out_ += floatCCName(i->floatCC());
      out_ += ' ';
      operands(n, i, 0);
      return;
    case Format::CondTrap:
      out_ += ' ';
      operands(n, i, 0);
      out_ += ", ";
      out_ += trapCodeName(i->trapCode());
      return;
    case Format::Trap:
      out_ += ' ';
      out_ += trapCodeName(i->trapCode());
      return;
    case Format::Load:
    case Format::Store:
      out_ += ' ';
      operands(n, i, 0);
      memArg(i);
      return;
    case Format::MemorySize:
      idx(" mem", i->idx[0]);
      return;
    case Format::MemoryGrow:
    case Format::MemoryFill:
      idx(" mem", i->idx[0]);
      break;
    case Format::MemoryCopy:
      idx(" mem", i->idx[0]);
      idx(", mem", i->idx[1]);
      break;
    case Format::MemoryInit:
      idx(" mem", i->idx[0]);
      idx(", data", i->idx[1]);
      break;
    case Format::DataDrop:
      idx(" data", i->idx[0]);
      return;
    case Format::GlobalGet:
      idx(" global", i->idx[0]);
      return;
    case Format::GlobalSet:
      idx(" global", i->idx[0]);
      break;
    case Format::TableSize:
      idx(" table", i->idx[0]);
      return;
    case Format::TableGet:
    case Format::TableSet:
    case Format::TableGrow:
    case Format::TableFill:
      idx(" table", i->idx[0]);
      break;
    case Format::TableCopy:
      idx(" table", i->idx[0]);
      idx(", table", i->idx[1]);
      break;
    case Format::TableInit:
      idx(" table", i->idx[0]);
      idx(", elem", i->idx[1]);
      break;
    case Format::ElemDrop:
      idx(" elem", i->idx[0]);
      return;
    case Format::RefNull:
      return;
    case Format::RefFunc:
      idx(" fn", i->idx[0]);
      return;
    case Format::Call:
      idx(" fn", i->idx[0]);
      out_ += '(';
      operands(n, i, 0);
      out_ += ')';
      return;
    case Format::CallIndirect:
      idx(" sig", i->idx[0]);
      idx(", table", i->idx[1]);
      out_ += ", ";
      if (i->numOperands) value(n, i->operands[0]);
      out_ += '(';
      operands(n, i, 1);
      out_ += ')';
      if (!i->checksSignature()) out_ += " nocheck";
      return;
    case Format::CallRef:
      idx(" sig", i->idx[0]);
      out_ += ", ";
      if (i->numOperands) value(n, i->operands[0]);
      out_ += '(';
      operands(n, i, 1);
      out_ += ')';
      return;
    case Format::Jump:
      out_ += ' ';
      if (i->numTargets) blockCall(n, i->targets[0]);
      return;
    case Format::Brif:
      out_ += ' ';
      operands(n, i, 0);
      for (const BlockCall &c : i->targetList()) {
        out_ += ", ";
        blockCall(n, c);
      }
      return;
    case Format::BrTable: {
      out_ += ' ';
      operands(n, i, 0);
      out_ += ", [";
      uint32_t entries = i->numTargets ? i->numTargets - 1 : 0;
      for (uint32_t k = 0; k < entries; ++k) {
        if (k) out_ += ", ";
        blockCall(n, i->targets[k]);
      }
      out_ += "]";
      if (i->numTargets) {
        out_ += ", ";
        blockCall(n, i->targets[entries]);
      }
      return;
    }
    case Format::Return:
      if (i->numOperands) out_ += ' ';
      operands(n, i, 0);
      return;
    }
    // Formats that end with their value operands after the index immediates.
    if (i->numOperands) {
      out_ += ", ";
      operands(n, i, 0);
    }
  }

private:
  std::string &out_;
};

} // namespace

std::string printModule(const Module &m) {
  std::string out;
  Printer(out).module(m);
  return out;
}

std::string printFunction(const Function &f) {
  std::string out;
  Printer(out).function(f);
  return out;
}

std::string printInst(const Function &f, const Inst *i) {
  std::string out;
  Numbering n(f);
  Printer(out).inst(f, n, i);
  return out;
}

} // namespace wasmaot::ir

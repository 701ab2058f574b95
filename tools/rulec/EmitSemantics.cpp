// EmitSemantics.cpp: the rule program as JSON for the verifier (docs/rules.md,
// "Semantics output"). S-expressions become nested arrays of atom strings; string
// literals become {"string": ...}. Everything is in declaration order.
#include "RuleSet.h"

#include <cstdio>

namespace rulec {

namespace {

std::string quote(const std::string &s) {
  std::string q = "\"";
  for (char c : s) {
    switch (c) {
    case '"': q += "\\\""; break;
    case '\\': q += "\\\\"; break;
    case '\n': q += "\\n"; break;
    case '\t': q += "\\t"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        q += buf;
      } else {
        q += c;
      }
    }
  }
  return q + "\"";
}

void sexprJson(const SExpr &e, std::string &out) {
  // Iterative, like the reader: (expr, next child) frames.
  struct Frame {
    const SExpr *e;
    size_t next;
  };
  auto leaf = [&](const SExpr &x) {
    if (x.kind == SExpr::Kind::String) out += "{\"string\": " + quote(x.text) + "}";
    else out += quote(x.text);
  };
  if (!e.isList()) {
    leaf(e);
    return;
  }
  std::vector<Frame> stack{{&e, 0}};
  out += "[";
  while (!stack.empty()) {
    Frame &f = stack.back();
    if (f.next == f.e->items.size()) {
      out += "]";
      stack.pop_back();
      continue;
    }
    const SExpr &item = f.e->items[f.next];
    if (f.next++ > 0) out += ", ";
    if (item.isList()) {
      out += "[";
      stack.push_back({&item, 0});
    } else {
      leaf(item);
    }
  }
}

} // namespace

std::string emitSemantics(const RuleSet &rs, const Diag &diag) {
  auto tname = [&](int t) { return quote(rs.types[t].name); };
  auto loc = [&](Loc l) { return quote(diag.where(l)); };
  std::string o = "{\n  \"generator\": \"wasmaot-rulec\",\n  \"sources\": [";
  for (size_t i = 0; i < diag.files().size(); ++i) o += (i ? ", " : "") + quote(diag.file(i));
  o += "],\n  \"output\": " + (rs.outputType >= 0 ? tname(rs.outputType) : std::string("null"));
  o += ",\n  \"types\": [";
  for (size_t i = 0; i < rs.types.size(); ++i) {
    const TypeDecl &t = rs.types[i];
    o += std::string(i ? "," : "") + "\n    {\"name\": " + quote(t.name) + ", \"cpp\": " + quote(t.cpp);
    if (t.isInt) o += ", \"int\": true";
    if (t.isEnum) {
      o += ", \"enum\": [";
      for (size_t k = 0; k < t.enumerators.size(); ++k)
        o += (k ? ", " : "") + quote(t.enumerators[k].first);
      o += "]";
    }
    o += "}";
  }
  o += "\n  ],\n  \"conversions\": [";
  bool first = true;
  for (auto &[ft, term] : rs.conversions) {
    o += std::string(first ? "" : ",") + "\n    {\"from\": " + tname(ft.first) + ", \"to\": " +
         tname(ft.second) + ", \"term\": " + quote(rs.terms[term].name) + "}";
    first = false;
  }
  o += "\n  ],\n  \"terms\": [";
  auto params = [&](const std::vector<Param> &ps, bool withSource) {
    std::string s = "[";
    for (size_t k = 0; k < ps.size(); ++k) {
      s += (k ? ", " : "") + std::string("{\"name\": ") + quote(ps[k].name) + ", \"type\": " +
           tname(ps[k].type);
      if (withSource) s += ", \"source\": " + quote(ps[k].source.text());
      s += "}";
    }
    return s + "]";
  };
  static const char *kinds[] = {"ir", "extractor", "predicate", "constructor", "machine"};
  for (size_t i = 0; i < rs.terms.size(); ++i) {
    const Term &t = rs.terms[i];
    o += std::string(i ? "," : "") + "\n    {\"name\": " + quote(t.name) + ", \"kind\": \"" +
         kinds[static_cast<int>(t.kind)] + "\", \"loc\": " + loc(t.loc);
    if (t.kind == TermKind::Ir) {
      o += ", \"opcode\": " + quote(t.opcode) + ", \"types\": [";
      for (size_t k = 0; k < t.irTypes.size(); ++k)
        o += (k ? ", " : "") + quote(rs.types[rs.irTypeEnum].enumerators[t.irTypes[k]].first);
      o += "], \"fields\": " + params(t.params, true);
    } else {
      o += ", \"args\": " + params(t.params, false);
    }
    if (t.kind == TermKind::Extractor) o += ", \"outs\": " + params(t.outputs, false);
    if (t.ret >= 0) o += ", \"ret\": " + tname(t.ret);
    o += ", \"semantics\": ";
    if (t.semantics) sexprJson(*t.semantics, o);
    else o += "null";
    o += "}";
  }
  o += "\n  ],\n  \"definitions\": [";
  for (size_t i = 0; i < rs.semDefs.size(); ++i) {
    const SemDef &d = rs.semDefs[i];
    o += std::string(i ? "," : "") + "\n    {\"name\": " + quote(d.name) + ", \"kind\": \"" +
         (d.kind == SemDef::Kind::Form ? "form" : "define") + "\", \"loc\": " + loc(d.loc) +
         ", \"args\": [";
    for (size_t k = 0; k < d.args.size(); ++k) o += (k ? ", " : "") + quote(d.args[k]);
    o += "], \"semantics\": ";
    sexprJson(*d.body, o);
    o += "}";
  }
  o += "\n  ],\n  \"rules\": [";
  for (size_t i = 0; i < rs.rules.size(); ++i) {
    const Rule &r = rs.rules[i];
    const SExpr &f = *r.source;
    size_t p = r.patternIndex;
    o += std::string(i ? "," : "") + "\n    {\"name\": " + quote(r.name) + ", \"priority\": " +
         std::to_string(r.priority) + ", \"loc\": " + loc(r.loc) + ",\n     \"vars\": {";
    for (size_t k = 0; k < r.vars.size(); ++k)
      o += (k ? ", " : "") + quote(r.vars[k].name) + ": " + tname(r.vars[k].type);
    o += "},\n     \"pattern\": ";
    sexprJson(f.items[p], o);
    o += ",\n     \"guards\": [";
    for (size_t k = p + 1; k + 1 < f.items.size(); ++k) {
      if (k > p + 1) o += ", ";
      sexprJson(f.items[k].items[1], o);
    }
    o += "],\n     \"result\": ";
    sexprJson(f.items.back(), o);
    o += "}";
  }
  o += "\n  ]\n}\n";
  return o;
}

} // namespace rulec

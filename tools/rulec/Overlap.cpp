// Overlap.cpp: the priority checks of docs/rules.md, "Priorities and overlap".
//  - Two rules of equal priority whose patterns can match the same instruction are
//    an error: which one fires would depend on file order.
//  - A rule that a higher-priority rule always pre-empts can never fire: an error.
// Both are decided structurally on the patterns. Guards, extractors and `absorb`
// are opaque (their C++ is not known here), so they never prove two patterns
// disjoint, and a rule that uses any of them never shadows another.
#include "RuleSet.h"

#include <algorithm>

namespace rulec {

namespace {

const Pat &strip(const Pat &p) {
  const Pat *q = &p;
  while (q->kind == Pat::Kind::As) q = &q->kids[0];
  return *q;
}

/// True when no value can match both `a` and `b`.
bool disjoint(const RuleSet &rs, const Pat &pa, const Pat &pb) {
  const Pat &a = strip(pa), &b = strip(pb);
  if (a.kind == Pat::Kind::Absorb) return disjoint(rs, a.kids[0], b);
  if (b.kind == Pat::Kind::Absorb) return disjoint(rs, a, b.kids[0]);
  if (a.kind == Pat::Kind::Int && b.kind == Pat::Kind::Int) return a.bits != b.bits;
  if (a.kind == Pat::Kind::Enum && b.kind == Pat::Kind::Enum) return a.enumIndex != b.enumIndex;
  if (a.kind == Pat::Kind::Ir && b.kind == Pat::Kind::Ir) {
    if (rs.terms[a.term].opcode != rs.terms[b.term].opcode) return true;
    if (a.term != b.term) return false; // two views of one opcode: fields not comparable
    for (size_t i = 0; i < a.kids.size(); ++i)
      if (disjoint(rs, a.kids[i], b.kids[i])) return true;
  }
  return false;
}

/// True when every value matching `b` also matches `a` (a is unconditional there).
bool covers(const RuleSet &rs, const Pat &pa, const Pat &pb) {
  const Pat &a = strip(pa), &b = strip(pb);
  switch (a.kind) {
  case Pat::Kind::Wild:
  case Pat::Kind::Bind: return true;
  case Pat::Kind::Same:
  case Pat::Kind::Extract:
  case Pat::Kind::Absorb: return false;
  case Pat::Kind::As: return false; // stripped above
  default: break;
  }
  if (b.kind == Pat::Kind::Absorb) return covers(rs, a, b.kids[0]);
  if (a.kind == Pat::Kind::Int) return b.kind == Pat::Kind::Int && b.bits == a.bits;
  if (a.kind == Pat::Kind::Enum) return b.kind == Pat::Kind::Enum && b.enumIndex == a.enumIndex;
  // a is an IR term
  if (b.kind != Pat::Kind::Ir || b.term != a.term) return false;
  for (size_t i = 0; i < a.kids.size(); ++i)
    if (!covers(rs, a.kids[i], b.kids[i])) return false;
  return true;
}

} // namespace

bool checkOverlaps(const RuleSet &rs, Diag &diag) {
  // Rules grouped by root opcode, in priority order (highest first), then source order.
  std::map<std::string, std::vector<const Rule *>> byOpcode;
  for (const Rule &r : rs.rules) byOpcode[rs.terms[r.root].opcode].push_back(&r);
  unsigned before = diag.errorCount();
  for (auto &[opcode, list] : byOpcode) {
    std::stable_sort(list.begin(), list.end(),
                     [](const Rule *x, const Rule *y) { return x->priority > y->priority; });
    for (size_t j = 0; j < list.size(); ++j) {
      const Rule &b = *list[j];
      for (size_t i = 0; i < j; ++i) {
        const Rule &a = *list[i];
        if (a.priority == b.priority) {
          if (!disjoint(rs, a.pattern, b.pattern)) {
            diag.error(b.loc, "rules '" + a.name + "' (" + diag.where(a.loc) + ") and '" + b.name +
                                  "' (" + diag.where(b.loc) + ") have the same priority " +
                                  std::to_string(a.priority) +
                                  " and can match the same instruction; give one a higher "
                                  "priority or make their patterns disjoint");
            break;
          }
        } else if (a.guards.empty() && covers(rs, a.pattern, b.pattern)) {
          diag.error(b.loc, "rule '" + b.name + "' (" + diag.where(b.loc) +
                                ") can never fire: rule '" + a.name + "' (" + diag.where(a.loc) +
                                ") has higher priority " + std::to_string(a.priority) +
                                " and matches everything it matches");
          break;
        }
      }
    }
  }
  return diag.errorCount() == before;
}

} // namespace rulec

#include "wasmaot/Features.h"

namespace wasmaot {

Features Features::wasm3() { return Features{}; }

Features Features::wasm2() {
  Features f;
  f.relaxedSimd = f.tailCall = f.extendedConst = f.multiMemory = f.memory64 = false;
  f.exceptions = f.functionReferences = f.gc = false;
  return f;
}

namespace {
struct ProposalFlag {
  const char *name;
  bool Features::*flag;
};
constexpr ProposalFlag kProposals[] = {
    {"sign-ext", &Features::signExtension},
    {"sat-conv", &Features::saturatingConversions},
    {"multi-value", &Features::multiValue},
    {"bulk-memory", &Features::bulkMemory},
    {"reference-types", &Features::referenceTypes},
    {"simd", &Features::simd},
    {"relaxed-simd", &Features::relaxedSimd},
    {"tail-call", &Features::tailCall},
    {"extended-const", &Features::extendedConst},
    {"multi-memory", &Features::multiMemory},
    {"memory64", &Features::memory64},
    {"exceptions", &Features::exceptions},
    {"function-references", &Features::functionReferences},
    {"gc", &Features::gc},
};
} // namespace

const char *Features::proposalNames() {
  return "sign-ext, sat-conv, multi-value, bulk-memory, reference-types, simd, relaxed-simd, "
         "tail-call, extended-const, multi-memory, memory64, exceptions, function-references, gc";
}

bool Features::apply(std::string_view spec, std::string &error) {
  while (!spec.empty()) {
    const size_t comma = spec.find(',');
    std::string_view item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    if (item.empty()) continue;
    if (item == "wasm2" || item == "wasm2.0") {
      *this = wasm2();
      continue;
    }
    if (item == "wasm3" || item == "wasm3.0") {
      *this = wasm3();
      continue;
    }
    bool on = true;
    if (item[0] == '+' || item[0] == '-') {
      on = item[0] == '+';
      item.remove_prefix(1);
    }
    bool found = false;
    for (const ProposalFlag &p : kProposals) {
      if (item == p.name) {
        this->*p.flag = on;
        found = true;
      }
    }
    if (!found) {
      error = "unknown feature '" + std::string(item) + "' (known: wasm2, wasm3, " +
              proposalNames() + ")";
      return false;
    }
  }
  return true;
}

} // namespace wasmaot

// eval_forms ISA CASES FILES...: evaluates the form semantics of ISA (aarch64,
// riscv64; loaded from FILES, as wasmaot-verify reads them) on each case of a
// hardware check's cases.txt through FormSemantics (verify/FormEval.cpp) and
// prints one `N RESULT` line per case, in the format the check's test program
// prints. Shared by test/verify/hardware-aarch64 and hardware-riscv64.
//
// A case is `N FORM TOKEN...`; the tokens, in the form's operand order:
//   R:64:HEX  R:128:HEX   a register (GPR; a 128-bit V register, up to 32 digits)
//   I:W:HEX               an immediate of W bits
//   B:0 / B:1             a boolean operand (AArch64 `lsl #12`)
//   N:NAME                an enumerator (a shift or extend: lsl, uxtw, ...)
//   A:BASE:INDEX:SCALE:DISP  an address record: base = the memory window +
//                         BASE (hex, mod 2^64), INDEX (hex, or - for none),
//                         SCALE (decimal), DISP (32-bit hex)
// and, for the run rather than an operand:
//   F:HEX                 the flags register before (NZCV as MRS reads it)
//   M:HEX                 the bytes of the memory window, in address order
// RESULT is the destination (16 hex digits; 32 for a V register, high half
// first), `taken`/`not-taken` for a branch, `-` for none, or UNDEF; then
// ` flags=HEX` when the case has F, ` mem=HEX` (the window after) when it has M.
#include "verify/Verifier.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

using namespace wasmaot::verify;

namespace {

constexpr uint64_t kWindow = 0x10000; // where the memory window is in the semantics' address space

std::vector<std::string> split(const std::string &s, char sep) {
  std::vector<std::string> r;
  std::string cur;
  std::istringstream ss(s);
  while (std::getline(ss, cur, sep))
    r.push_back(cur);
  return r;
}

uint64_t hex(const std::string &s) { return std::stoull(s, nullptr, 16); }

/// Parses one case; false (with `error`) on a token it does not know.
bool parse(std::istringstream &ss, FormRun &run, bool &hasFlags, bool &hasMem, std::string &error) {
  std::string tok;
  while (ss >> tok) {
    std::vector<std::string> f = split(tok, ':');
    FormOperand o;
    if (f[0] == "R" && f.size() == 3) {
      o.width = unsigned(std::stoul(f[1]));
      const std::string &v = f[2];
      o.lo = hex(v.size() > 16 ? v.substr(v.size() - 16) : v);
      o.hi = v.size() > 16 ? hex(v.substr(0, v.size() - 16)) : 0;
    } else if (f[0] == "I" && f.size() == 3) {
      o.kind = FormOperand::Kind::Imm;
      o.width = unsigned(std::stoul(f[1]));
      o.lo = hex(f[2]);
    } else if (f[0] == "B" && f.size() == 2) {
      o.kind = FormOperand::Kind::Bool;
      o.lo = f[1] != "0";
    } else if (f[0] == "N" && f.size() == 2) {
      o.kind = FormOperand::Kind::Name;
      o.name = f[1];
    } else if (f[0] == "A" && f.size() == 5) {
      o.kind = FormOperand::Kind::Mem;
      o.base = hex(f[1]);
      if (f[2] != "-")
        o.index = hex(f[2]);
      o.scale = unsigned(std::stoul(f[3]));
      o.lo = hex(f[4]);
    } else if (f[0] == "F" && f.size() == 2) {
      run.flags = hex(f[1]);
      hasFlags = true;
      continue;
    } else if (f[0] == "M" && f.size() == 2) {
      run.memAddr = kWindow;
      for (size_t k = 0; k + 1 < f[1].size(); k += 2)
        run.mem.push_back(uint8_t(hex(f[1].substr(k, 2))));
      hasMem = true;
      continue;
    } else {
      error = "bad token " + tok;
      return false;
    }
    run.ops.push_back(o);
  }
  return true;
}

std::string result(const FormResult &r, bool hasFlags, bool hasMem) {
  char buf[64];
  std::string s;
  if (r.faulted) {
    s = "FAULT";
  } else if (r.isBranch) {
    s = r.taken ? "taken" : "not-taken";
  } else if (!r.hasDest) {
    s = "-";
  } else if (r.destDefinedLo != ~0ull || (r.destWidth > 64 && r.destDefinedHi != ~0ull)) {
    s = "UNDEF";
  } else {
    if (r.destWidth > 64) {
      std::snprintf(buf, sizeof buf, "%016llx", (unsigned long long)r.destHi);
      s = buf;
    }
    std::snprintf(buf, sizeof buf, "%016llx", (unsigned long long)r.destLo);
    s += buf;
  }
  if (hasFlags) {
    // Every flag of the ISA's register must be defined (the AArch64 forms leave none undefined).
    std::snprintf(buf, sizeof buf, " flags=%llx", (unsigned long long)r.flags);
    s += r.flagsDefined == 0xf0000000ull ? std::string(buf) : std::string(" flags=UNDEF");
  }
  if (hasMem) {
    s += " mem=";
    for (uint8_t b : r.mem) {
      std::snprintf(buf, sizeof buf, "%02x", b);
      s += buf;
    }
  }
  return s;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: eval_forms ISA CASES FILES...\n");
    return 2;
  }
  FormSemantics fs(argv[1]);
  std::vector<std::string> files(argv + 3, argv + argc);
  std::string err;
  if (!fs.load(files, err)) {
    std::fprintf(stderr, "%s\n", err.c_str());
    return 2;
  }
  std::ifstream in(argv[2]);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    std::string k, id;
    ss >> k >> id;
    FormRun run;
    bool hasFlags = false, hasMem = false;
    FormResult r;
    if (!parse(ss, run, hasFlags, hasMem, err) || !fs.eval(id, run, r, err)) {
      std::printf("%s ERROR %s %s\n", k.c_str(), id.c_str(), err.c_str());
      continue;
    }
    std::printf("%s %s\n", k.c_str(), result(r, hasFlags, hasMem).c_str());
  }
}

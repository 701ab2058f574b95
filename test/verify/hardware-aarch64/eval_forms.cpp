// eval_forms CASES FILES...: evaluates the AArch64 form semantics (loaded from
// FILES, as wasmaot-verify reads them) on each case of check.sh's cases.txt
// through FormSemantics (verify/FormEval.cpp) and prints `N RESULT` lines.
#include "verify/Verifier.h"
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
using namespace wasmaot::verify;
int main(int argc, char **argv) {
  FormSemantics fs;
  std::vector<std::string> files(argv + 2, argv + argc);
  std::string err;
  if (!fs.load(files, err)) { std::fprintf(stderr, "%s\n", err.c_str()); return 2; }
  std::ifstream in(argv[1]);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    int k; std::string id, tok;
    ss >> k >> id;
    FormRun run;
    while (ss >> tok) {
      FormOperand o;
      o.kind = tok[0] == 'R' ? FormOperand::Kind::Reg : FormOperand::Kind::Imm;
      size_t c1 = tok.find(':', 2);
      o.width = std::stoul(tok.substr(2, c1 - 2));
      o.lo = std::stoull(tok.substr(c1 + 1), nullptr, 16);
      run.ops.push_back(o);
    }
    FormResult r;
    if (!fs.eval(id, run, r, err)) { std::printf("%d ERROR %s %s\n", k, id.c_str(), err.c_str()); continue; }
    if (r.destDefinedLo != ~0ull) std::printf("%d UNDEF\n", k);
    else std::printf("%d %016llx\n", k, (unsigned long long)r.destLo);
  }
}

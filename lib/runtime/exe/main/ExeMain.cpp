// ExeMain: the `main` of native executables written by `wasmaotc app.wasm -o
// app` (build/lib/libwasmaot-main.a). wasmaotc links it with the module's
// object, libwasmaot-rt.a and a generated stub that defines the three
// wasmaot_exe_* symbols below (the linked-in descriptor and what was baked in
// at compile time). Policy (docs/embedding.md, "Native executables"):
//   - argv is passed through as the guest's args (argv[0] included);
//   - the process's environment is passed through, then the `--env NAME=VALUE`
//     entries baked at compile time, which replace inherited ones of that name;
//   - preopens: the `--dir` entries baked at compile time, then those of the
//     WASMAOT_DIRS environment variable (HOST[::GUEST] entries separated by a
//     single ':'), in that order as guest fds 3, 4, ...;
//   - stdio is the process's; the exit status is the program's (proc_exit, 0
//     when _start returns), 134 after a trap with a message on stderr.
#include "runtime/exe/WasiCommand.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

extern "C" {
/// &wasmaot_module_<prefix>, the descriptor of the linked module.
extern void *const wasmaot_exe_module;
/// Baked preopens ("HOST[::GUEST]") and environment ("NAME=VALUE"), each null-terminated.
extern const char *const wasmaot_exe_dirs[];
extern const char *const wasmaot_exe_env[];
}

extern char **environ;

namespace {

using namespace wasmaot;

/// Splits WASMAOT_DIRS at single ':' characters ("::" separates HOST from GUEST).
std::vector<std::string> splitDirList(std::string_view list) {
  std::vector<std::string> out;
  std::string item;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] == ':' && i + 1 < list.size() && list[i + 1] == ':') {
      item += "::";
      ++i;
    } else if (list[i] == ':') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += list[i];
    }
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

std::string_view nameOf(std::string_view entry) { return entry.substr(0, entry.find('=')); }

} // namespace

int main(int argc, char **argv) {
  std::string program = argc > 0 ? argv[0] : "wasm-program";
  if (size_t slash = program.rfind('/'); slash != std::string::npos) program.erase(0, slash + 1);

  exe::CommandConfig config;
  for (int i = 0; i < argc; ++i) config.wasi.args.emplace_back(argv[i]);
  for (char **e = environ; e && *e; ++e) {
    bool replaced = false;
    for (const char *const *b = wasmaot_exe_env; *b; ++b) replaced |= nameOf(*b) == nameOf(*e);
    if (!replaced) config.wasi.environ.emplace_back(*e);
  }
  for (const char *const *b = wasmaot_exe_env; *b; ++b) config.wasi.environ.emplace_back(*b);
  for (const char *const *d = wasmaot_exe_dirs; *d; ++d) config.wasi.preopens.push_back(wasi::parseDirOption(*d));
  if (const char *dirs = std::getenv("WASMAOT_DIRS"))
    for (const std::string &d : splitDirList(dirs)) config.wasi.preopens.push_back(wasi::parseDirOption(d));

  runtime::Runtime rt;
  runtime::Result<std::shared_ptr<runtime::Module>> module = rt.loadLinked(wasmaot_exe_module);
  if (!module) {
    std::fprintf(stderr, "%s: error: cannot load the compiled module: %s\n", program.c_str(),
                 module.error().message.c_str());
    return exe::kHostFailureStatus;
  }
  const exe::CommandOutcome outcome = exe::runCommand(rt, *module, config);
  switch (outcome.end) {
  case exe::CommandOutcome::End::Returned:
  case exe::CommandOutcome::End::Exited: break;
  case exe::CommandOutcome::End::Trapped:
    std::fprintf(stderr, "%s: trap: %s\n", program.c_str(), outcome.message.c_str());
    break;
  case exe::CommandOutcome::End::Failed:
    std::fprintf(stderr, "%s: error: %s\n", program.c_str(), outcome.message.c_str());
    break;
  }
  return outcome.status;
}

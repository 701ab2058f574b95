// RunCommand: `wasmaotc run` (see RunCommand.h). Environment: none but the
// --env entries; preopens: the --dir entries; stdio: wasmaotc's own.
#include "RunCommand.h"

#include "runtime/exe/WasiCommand.h"
#include "runtime/wasi/WasiContext.h"

#include <cstdio>

namespace wasmaotc {

int runObject(const Options &o, const std::vector<uint8_t> &object) {
  using wasmaot::exe::CommandOutcome;
  wasmaot::runtime::Runtime rt;
  wasmaot::runtime::Result<std::shared_ptr<wasmaot::runtime::Module>> module = rt.loadObject(object);
  if (!module) {
    std::fprintf(stderr, "wasmaotc: error: %s: cannot load the compiled code: %s\n", o.input.c_str(),
                 module.error().message.c_str());
    return wasmaot::exe::kStartFailureStatus;
  }
  wasmaot::exe::CommandConfig config;
  config.wasi.args.push_back(o.input);
  config.wasi.args.insert(config.wasi.args.end(), o.runArgs.begin(), o.runArgs.end());
  config.wasi.environ = o.env;
  for (const std::string &d : o.dirs) config.wasi.preopens.push_back(wasmaot::wasi::parseDirOption(d));
  config.invoke = o.invoke;
  if (!o.invoke.empty()) config.invokeArgs = o.runArgs;

  const CommandOutcome outcome = wasmaot::exe::runCommand(rt, *module, config);
  switch (outcome.end) {
  case CommandOutcome::End::Returned:
    for (const std::string &r : outcome.results) std::printf("%s\n", r.c_str());
    std::fflush(stdout);
    break;
  case CommandOutcome::End::Exited: break;
  case CommandOutcome::End::Trapped: std::fprintf(stderr, "wasmaotc: trap: %s\n", outcome.message.c_str()); break;
  case CommandOutcome::End::Failed:
    std::fprintf(stderr, "wasmaotc: error: %s: %s\n", o.input.c_str(), outcome.message.c_str());
    break;
  }
  return outcome.status;
}

} // namespace wasmaotc

// Isolation: runs one script in a forked child process, so that a crash in
// generated code (a compiler bug that is not a wasm trap) fails that script
// with the signal's name instead of ending the whole run.
#pragma once

#include "RunOptions.h"
#include "ScriptResult.h"

#include <filesystem>

namespace wasmaot::spectest {

/// runScript(path, options) in a child process; a child that dies or exits
/// without a result gives a ScriptResult with one failure saying how.
ScriptResult runScriptIsolated(const std::filesystem::path &path, const RunOptions &options);

} // namespace wasmaot::spectest

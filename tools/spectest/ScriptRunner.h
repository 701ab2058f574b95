// ScriptRunner: runs the commands of one testsuite script that wasmaot can check today
// (decode + validate), and counts every other command as skipped with its reason.
#pragma once

#include "RunOptions.h"
#include "ScriptResult.h"

#include <filesystem>

namespace wasmaot::spectest {

/// Runs the script at `path`; its group is the name of the folder it is in. Never throws:
/// an unreadable or malformed script, or a missing module file, is reported as a failure.
ScriptResult runScript(const std::filesystem::path &path, const RunOptions &options);

} // namespace wasmaot::spectest

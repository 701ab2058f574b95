// ScriptList: expands the runner's PATH arguments (a script, a group folder, or the testsuite
// root) into the ordered list of .json scripts to run.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace wasmaot::spectest {

/// Appends the scripts under `path` to `out` in a stable (sorted) order. A folder holding
/// .json scripts is a group; a folder without them (the testsuite root) contributes each of
/// its subfolders as a group. manifest.json is never a script. Returns false and sets
/// `error` when `path` does not exist or holds no script.
bool collectScripts(const std::filesystem::path &path, std::vector<std::filesystem::path> &out,
                    std::string &error);

} // namespace wasmaot::spectest

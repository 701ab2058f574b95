// ScriptList: finds the .json scripts of a testsuite path in sorted order.
#include "ScriptList.h"

#include <algorithm>
#include <system_error>

namespace wasmaot::spectest {

namespace fs = std::filesystem;

namespace {

bool isScript(const fs::directory_entry &entry) {
  std::error_code ec;
  return entry.is_regular_file(ec) && entry.path().extension() == ".json" &&
         entry.path().filename() != "manifest.json";
}

std::vector<fs::path> scriptsIn(const fs::path &dir) {
  std::vector<fs::path> scripts;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (isScript(*it)) scripts.push_back(it->path());
  std::sort(scripts.begin(), scripts.end());
  return scripts;
}

} // namespace

bool collectScripts(const fs::path &path, std::vector<fs::path> &out, std::string &error) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    error = path.string() + ": no such file or folder";
    return false;
  }
  if (!fs::is_directory(status)) {
    out.push_back(path);
    return true;
  }
  std::vector<fs::path> scripts = scriptsIn(path);
  if (scripts.empty()) {
    std::vector<fs::path> groups;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code dirEc;
      if (it->is_directory(dirEc)) groups.push_back(it->path());
    }
    std::sort(groups.begin(), groups.end());
    for (const fs::path &group : groups) {
      std::vector<fs::path> inGroup = scriptsIn(group);
      scripts.insert(scripts.end(), inGroup.begin(), inGroup.end());
    }
  }
  if (scripts.empty()) {
    error = path.string() + ": no .json scripts found";
    return false;
  }
  out.insert(out.end(), scripts.begin(), scripts.end());
  return true;
}

} // namespace wasmaot::spectest

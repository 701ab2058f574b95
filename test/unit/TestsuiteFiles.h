// TestsuiteFiles: where the unit tests find the spec testsuite (../shared/testsuite
// next to the repository, read in place) and how they read its modules.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace wasmaot::test {

/// ../shared/testsuite relative to the repository root (this file is test/unit/).
inline std::filesystem::path testsuiteDir() {
  // lexically_normal: __FILE__ is as included, e.g. test/unit/codegen/../TestsuiteFiles.h.
  const std::filesystem::path repo = std::filesystem::path(__FILE__).lexically_normal().parent_path().parent_path().parent_path();
  return repo.parent_path() / "shared" / "testsuite";
}

/// The .wasm files of `dir`, sorted.
inline std::vector<std::filesystem::path> wasmFilesOf(const std::filesystem::path &dir) {
  std::vector<std::filesystem::path> files;
  for (const auto &e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".wasm") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

inline std::vector<uint8_t> readBytes(const std::filesystem::path &file) {
  std::ifstream in(file, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace wasmaot::test

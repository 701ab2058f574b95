// OutputFile: reading the input and writing outputs atomically (see OutputFile.h).
#include "OutputFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace wasmaotc {

namespace {

bool writeTo(const std::string &path, const char *mode, std::string_view data, std::string &error,
             bool removeOnError) {
  FILE *f = std::fopen(path.c_str(), mode);
  if (!f) {
    error = path + ": cannot " + (removeOnError ? "create: " : "open: ") + std::strerror(errno);
    return false;
  }
  const bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  if (std::fclose(f) != 0 || !ok) {
    if (removeOnError) std::remove(path.c_str());
    error = path + ": write error";
    return false;
  }
  return true;
}

} // namespace

bool readFile(const std::string &path, std::vector<uint8_t> &bytes, std::string &error) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    error = path + ": " + std::strerror(errno);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    error = path + ": is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  // Whole blocks, not a byte at a time (istreambuf_iterator cost ~19
  // instructions a byte); also works for pipes, whose size stat cannot tell.
  bytes.clear();
  if (S_ISREG(st.st_mode)) bytes.reserve(size_t(st.st_size));
  char block[1 << 16];
  for (;;) {
    in.read(block, sizeof block);
    bytes.insert(bytes.end(), block, block + in.gcount());
    if (!in) break;
  }
  if (in.bad()) {
    error = path + ": read error";
    return false;
  }
  return true;
}

bool writeFile(const std::string &path, std::string_view data, std::string &error) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) {
      error = path + ": is a directory";
      return false;
    }
    return writeTo(path, "wb", data, error, false);
  }
  const std::string tmp = path + ".tmp";
  if (!writeTo(tmp, "wb", data, error, true)) return false;
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = path + ": cannot rename into place: " + std::strerror(errno);
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

} // namespace wasmaotc

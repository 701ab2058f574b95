// Cache: a file per key under the cache directory, named by a hash of the key;
// the file holds the key too, so a hash collision is a miss, not a wrong answer.
#include "Cache.h"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace wasmaot::verify {

std::string hashText(const std::string &text) {
  uint64_t a = 1469598103934665603ull, b = 0x9e3779b97f4a7c15ull;
  for (unsigned char c : text) {
    a = (a ^ c) * 1099511628211ull;
    b = (b ^ c) * 0x100000001b3ull + (b >> 29);
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", (unsigned long long)a, (unsigned long long)b);
  return buf;
}

bool cacheLookup(const std::string &dir, const std::string &key, std::string &value) {
  std::ifstream in(dir + "/" + hashText(key), std::ios::binary);
  if (!in)
    return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string all = ss.str();
  if (all.size() < key.size() + 1 || all.compare(0, key.size(), key) != 0 || all[key.size()] != '\0')
    return false;
  value = all.substr(key.size() + 1);
  return true;
}

void cacheStore(const std::string &dir, const std::string &key, const std::string &value) {
  std::string path = dir + "/" + hashText(key);
  std::string tmp = path + ".tmp" + std::to_string(getpid()) + "." +
                    std::to_string(std::hash<std::thread::id>()(std::this_thread::get_id())); // per solver thread
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << key << '\0' << value;
  }
  std::rename(tmp.c_str(), path.c_str());
}

} // namespace wasmaot::verify

// Cache: solver results on disk, one file per key hash (docs/verification.md).
#pragma once

#include <string>

namespace wasmaot::verify {

/// The stored result for `key` (any text), if there is one.
bool cacheLookup(const std::string &dir, const std::string &key, std::string &value);
void cacheStore(const std::string &dir, const std::string &key, const std::string &value);
/// A 128-bit hash of `text` as 32 hex digits (two FNV-1a variants).
std::string hashText(const std::string &text);
/// A hash of the verifier's own sources and rulec's, generated at build time
/// (verify/VerifierVersion.cmake); part of every cache key.
const char *verifierVersion();

} // namespace wasmaot::verify

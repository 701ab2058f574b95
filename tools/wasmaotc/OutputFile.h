// OutputFile: how wasmaotc writes its outputs. A regular (or new) file is
// written next to itself and renamed into place, so a failed write never
// leaves a truncated output; devices and FIFOs are written in place.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaotc {

/// Reads all of `path`; false with `error` ("PATH: reason") on failure.
bool readFile(const std::string &path, std::vector<uint8_t> &bytes, std::string &error);

/// Writes `data` to `path` atomically when `path` is (or will be) a regular
/// file, in place otherwise (/dev/null, a FIFO, a terminal: renaming over
/// them would replace the device or pipe with a plain file).
bool writeFile(const std::string &path, std::string_view data, std::string &error);

} // namespace wasmaotc

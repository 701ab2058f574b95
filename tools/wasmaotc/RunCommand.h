// RunCommand: `wasmaotc run`: load an object compiled in memory into this
// process with libwasmaot-rt and run it as a WASI program
// (runtime/exe/WasiCommand.h), reporting traps and start failures.
#pragma once

#include "Options.h"

#include <cstdint>
#include <vector>

namespace wasmaotc {

/// Runs `object` (compiled from o.input) and returns wasmaotc's exit status:
/// the program's own, 134 after a trap, 1 or 2 when it could not start.
int runObject(const Options &o, const std::vector<uint8_t> &object);

} // namespace wasmaotc

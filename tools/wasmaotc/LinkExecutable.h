// LinkExecutable: `wasmaotc app.wasm -o app`: links a compiled object into a
// native program with the system C compiler, together with libwasmaot-rt.a,
// the executables' main (libwasmaot-main.a) and a generated stub that points
// the main at the module's descriptor and holds the --dir/--env entries baked
// in at compile time (docs/embedding.md, "Native executables").
#pragma once

#include "Options.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaotc {

/// Where wasmaotc finds libwasmaot-rt.a and libwasmaot-main.a: $WASMAOT_LIBDIR
/// if set, else ../lib next to wasmaotc's own executable (/proc/self/exe).
/// Empty with `error` set if the two archives are not there.
std::string runtimeLibDir(std::string &error);

/// The C compiler used as the linker: $CC if set (split at spaces), else the
/// first of cc, gcc, clang found on PATH. Empty with `error` if none.
std::vector<std::string> findCCompiler(std::string &error);

/// Links `object` into the executable o.output (default a.out). Returns
/// wasmaotc's exit status: 0, or 2 with a message printed.
int linkExecutable(const Options &o, const std::vector<uint8_t> &object);

} // namespace wasmaotc

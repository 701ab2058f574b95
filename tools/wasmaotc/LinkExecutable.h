// LinkExecutable: `wasmaotc app.wasm -o app`: links a compiled object into a
// native program with the system C compiler, together with libwasmaot-rt.a,
// the executables' main (libwasmaot-main.a) and a generated stub that points
// the main at the module's descriptor and holds the --dir/--env entries baked
// in at compile time (docs/embedding.md, "Native executables"). For another
// target than this machine's it cross-links with that target's C compiler and
// runtime archives (docs/embedding.md, "Executables for another ISA").
#pragma once

#include "Options.h"

#include <cstdint>
#include <string>
#include <vector>

namespace wasmaotc {

/// The --target name of the machine wasmaotc runs on ("x86_64", "aarch64",
/// "riscv64"; "" if no back end is for it).
const char *hostTarget();

/// Where wasmaotc finds libwasmaot-rt.a and libwasmaot-main.a for `target`.
/// This machine's target: $WASMAOT_LIBDIR if set, else ../lib next to
/// wasmaotc's own executable (/proc/self/exe). Another target T (a cross
/// link): $WASMAOT_LIBDIR_<T> (upper case: WASMAOT_LIBDIR_AARCH64) if set,
/// else ../lib/T next to the executable. Empty with `error` set if the two
/// archives are not there or are for another machine.
std::string runtimeLibDir(const std::string &target, std::string &error);

/// The C compiler used as the linker. This machine's target: $CC if set
/// (split at spaces), else the first of cc, gcc, clang found on PATH. Another
/// target T: $WASMAOT_CC_<T> if set (split at spaces), else T's GNU cross
/// compiler (aarch64-linux-gnu-gcc: Debian's gcc-aarch64-linux-gnu). Empty
/// with `error` if none.
std::vector<std::string> findCCompiler(const std::string &target, std::string &error);

/// Links `object` (compiled for o.compile.target) into the executable o.output
/// (default a.out). Returns wasmaotc's exit status: 0, or 2 with a message printed.
int linkExecutable(const Options &o, const std::vector<uint8_t> &object);

} // namespace wasmaotc

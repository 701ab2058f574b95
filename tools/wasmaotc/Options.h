// Options: wasmaotc's command line, parsed into what to do. Parsing only:
// nothing here reads the input or runs the compiler.
#pragma once

#include "wasmaot/Compiler.h"

#include <string>
#include <vector>

namespace wasmaotc {

/// What wasmaotc produces.
enum class OutputKind : uint8_t {
  Executable, ///< a native program (the default without -c / --emit), linked by the system cc
  IR,         ///< --emit=ir
  Asm,        ///< --emit=asm
  Object,     ///< -c or --emit=obj
};

struct Options {
  enum class Action : uint8_t { Compile, Validate, Run, Help, Version };
  Action action = Action::Compile;
  OutputKind kind = OutputKind::Executable;
  std::string input, output; ///< output empty: the kind's default (stdout, or INPUT.o for objects)
  bool time = false;         ///< --time: phase times to stderr
  /// Whether a back-end option (--target, --cpu, ...) was given, so it is
  /// checked even when the output kind does not use it.
  bool backendOptionGiven = false;
  wasmaot::CompileOptions compile;

  // ---- running (`wasmaotc run`) and native executables
  std::vector<std::string> runArgs; ///< run: the program's arguments (after FILE.wasm or `--`)
  std::string invoke;               ///< run --invoke NAME: call this export instead of _start
  std::vector<std::string> env;     ///< --env NAME=VALUE, in order
  std::vector<std::string> dirs;    ///< --dir HOST[::GUEST], in order
  std::string header;               ///< -c --emit-header FILE
  bool verbose = false;             ///< -v: print the link command
};

/// Parses argv. Returns false with `error` (a message for the user) on a
/// usage error.
bool parseOptions(int argc, char **argv, Options &options, std::string &error);

/// The default object name for `input`: its file name with `.wasm` replaced
/// by `.o` (or `.o` appended), in the current directory, as `cc -c` does.
std::string defaultObjectName(const std::string &input);

} // namespace wasmaotc

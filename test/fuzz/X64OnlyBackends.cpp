// X64OnlyBackends: the fuzzer's findBackend (lib/compiler/BackendRegistry.cpp's
// interface) over the one back end it links, x86-64: building the other ISA
// libraries with sanitizers would double the fuzzer's build for code it never calls.
#include "codegen/Backend.h"

namespace wasmaot::codegen {

const Backend &x64Backend();

const Backend *findBackend(std::string_view name) { return name == "x86_64" ? &x64Backend() : nullptr; }

std::string backendNames() { return "x86_64"; }

} // namespace wasmaot::codegen

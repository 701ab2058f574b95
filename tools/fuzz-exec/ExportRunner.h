// ExportRunner: calls every exported function of an instance in export order,
// as Binaryen's --fuzz-exec does (tools/execution-results.h in Binaryen):
// before each export it calls the export "hangLimitInitializer" if there is
// one (it resets the global that bounds loops and recursion in -ttf modules);
// every parameter gets the zero of its type (null for references); a trap
// ends that export only, the instance and its state carry on to the next.
#pragma once

#include "runtime/Runtime.h"

namespace wasmaot::fuzzexec {

/// Runs every function export of `instance`, printing each step
/// (FuzzExecFormat.h). Returns false if a call could not be made at all
/// (printed to stderr): a harness error, not an outcome of the module.
bool runExports(runtime::Runtime &rt, const runtime::Instance &instance);

} // namespace wasmaot::fuzzexec

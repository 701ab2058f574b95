// SpecHost: the `spectest` host module the testsuite's scripts import from
// (print functions, global_i32/i64/f32/f64 = 666 / 666.6, table, table64,
// memory), as the testsuite README describes it.
#pragma once

#include "runtime/Runtime.h"

namespace wasmaot::spectest {

/// Defines every `spectest` export in `linker` (memory and tables are new objects).
void defineSpectestModule(runtime::Runtime &rt, runtime::Linker &linker);

} // namespace wasmaot::spectest

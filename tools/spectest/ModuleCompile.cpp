// ModuleCompile: Compiler::compileToObject with the runner's settings (one
// thread per module: scripts already run in parallel).
#include "ModuleCompile.h"

#include "runtime/ConstExpr.h"
#include "wasm/Decoder.h"
#include "wasmaot/Compiler.h"

#include <string_view>

namespace wasmaot::spectest {

bool compileToObject(std::span<const uint8_t> wasm, const Features &features, const RunOptions &run,
                     std::vector<uint8_t> &object, Diagnostic &diag) {
  CompileOptions options;
  options.verifyIR = true; // every spec module also checks the IR the compiler builds
  options.features = features;
  options.target = run.target;
  options.threads = 1;
  options.bounds = run.explicitChecks ? BoundsChecks::Explicit : BoundsChecks::Guard;
  options.guardSize = run.guardSize;
  options.segue = run.segue;
  options.eliminateBoundsChecks = run.eliminateBoundsChecks;
  options.optLevel = run.optLevel;
  if (!Compiler(options).compileToObject(wasm, object, diag)) return false;
  // What compiles may still need runtime support that does not exist yet.
  wasm::Module module;
  wasm::DecodeOptions decode;
  decode.features = features;
  decode.validateBodies = false;
  if (!wasm::decodeModule(wasm, decode, module, diag)) return false;
  if (std::optional<std::string> why = runtime::unsupportedByRuntime(module)) {
    diag = Diagnostic{};
    diag.kind = DiagKind::Unsupported;
    diag.message = "runtime: " + *why;
    return false;
  }
  return true;
}

std::string unsupportedFamily(const Diagnostic &diag) {
  const std::string_view m = diag.message;
  auto has = [&](std::string_view s) { return m.find(s) != std::string_view::npos; };
  if (has("v128") || has("i8x16") || has("i16x8") || has("i32x4") || has("i64x2") || has("f32x4") ||
      has("f64x2") || has("simd") || has("SIMD"))
    return "SIMD";
  if (has("return_call")) return "tail calls";
  if (has("try") || has("throw") || has("catch") || has("rethrow") || has("delegate") || has("exn") ||
      has("tag"))
    return "exceptions";
  if (has("GC allocation")) return "GC";
  if (has("struct.") || has("array.") || has("ref.i31") || has("i31.") || has("ref.test") || has("ref.cast") ||
      has("br_on_cast") || has("any.convert") || has("extern.convert") || has("GC"))
    return "GC";
  return "";
}

} // namespace wasmaot::spectest

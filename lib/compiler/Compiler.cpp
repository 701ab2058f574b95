// Compiler: the pipeline as a plain list of calls (decode + validate →
// translate → verify → print). Later stages (passes, instruction selection,
// register allocation, emission) are appended here as they land.
#include "wasmaot/Compiler.h"

#include "frontend/Translator.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "wasm/Decoder.h"

namespace wasmaot {

const char *versionString() { return "wasmaot 0.1.0"; }

bool Compiler::validate(std::span<const uint8_t> wasm, Diagnostic &diag) const {
  wasm::Module module;
  wasm::DecodeOptions decodeOptions;
  decodeOptions.features = options_.features;
  return wasm::decodeModule(wasm, decodeOptions, module, diag);
}

bool Compiler::compileToIR(std::span<const uint8_t> wasm, std::string &out, Diagnostic &diag) const {
  wasm::Module module;
  wasm::DecodeOptions decodeOptions;
  decodeOptions.features = options_.features;
  if (!wasm::decodeModule(wasm, decodeOptions, module, diag)) return false;

  ir::Module irModule;
  if (!frontend::translateModule(module, options_.features, irModule, diag)) return false;

  bool verify = options_.verifyIR;
#ifdef WASMAOT_VERIFY_IR
  verify = true;
#endif
  if (verify) {
    std::vector<std::string> errors;
    if (!ir::verifyModule(irModule, errors)) {
      // A verifier failure on translator output is a compiler bug, not bad input.
      diag = Diagnostic{};
      diag.kind = DiagKind::Unsupported;
      diag.message = "internal error: translated IR fails verification: " + errors.front();
      return false;
    }
  }
  out += ir::printModule(irModule);
  return true;
}

} // namespace wasmaot

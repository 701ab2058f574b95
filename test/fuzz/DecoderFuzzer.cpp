// DecoderFuzzer: libFuzzer target that feeds arbitrary bytes to wasm::decodeModule (decoding and
// validation, function bodies included) and translates every module that validates to IR, which
// must pass the IR verifier. Built by test/fuzz/build.sh; see docs/testing.md.
//
// Every input is decoded with Wasm 3.0 features. When the low bit of its last byte is set
// (a well-formed module ends in `end`, 0x0b, so the seeds have it set) it is decoded again with
// Wasm 2.0 features, where many encodings mean something else or are errors.
#include "frontend/Translator.h"
#include "ir/Verifier.h"
#include "wasm/Decoder.h"

#include <cstdio>
#include <string>
#include <vector>

#include <cstddef>
#include <cstdint>
#include <span>

using namespace wasmaot;

namespace {

void decodeWith(std::span<const uint8_t> bytes, const Features &features) {
  wasm::DecodeOptions options;
  options.features = features;
  wasm::Module module;
  Diagnostic diag;
  if (!wasm::decodeModule(bytes, options, module, diag)) {
    // Building the message walks the diagnostic's fields; it must not fault either.
    volatile size_t length = diag.str().size();
    (void)length;
    return;
  }
  // A valid module must translate (or be reported as unsupported) to IR that verifies;
  // anything else is a translator bug, reported as a crash so libFuzzer keeps the input.
  ir::Module irModule;
  if (!frontend::translateModule(module, features, irModule, diag)) {
    if (diag.kind != DiagKind::Unsupported) {
      std::fprintf(stderr, "translator rejected a valid module: %s\n", diag.str().c_str());
      __builtin_trap();
    }
    return;
  }
  std::vector<std::string> errors;
  if (!ir::verifyModule(irModule, errors)) {
    std::fprintf(stderr, "translated IR fails verification: %s\n", errors.front().c_str());
    __builtin_trap();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);
  decodeWith(bytes, Features::wasm3());
  if (size != 0 && (data[size - 1] & 1)) decodeWith(bytes, Features::wasm2());
  return 0;
}

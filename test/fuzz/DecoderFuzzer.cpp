// DecoderFuzzer: libFuzzer target that feeds arbitrary bytes to wasm::decodeModule (decoding and
// validation, function bodies included). Built by test/fuzz/build.sh; see docs/testing.md.
//
// Every input is decoded with Wasm 3.0 features. When the low bit of its last byte is set
// (a well-formed module ends in `end`, 0x0b, so the seeds have it set) it is decoded again with
// Wasm 2.0 features, where many encodings mean something else or are errors.
#include "wasm/Decoder.h"

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
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);
  decodeWith(bytes, Features::wasm3());
  if (size != 0 && (data[size - 1] & 1)) decodeWith(bytes, Features::wasm2());
  return 0;
}

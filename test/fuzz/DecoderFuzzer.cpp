// DecoderFuzzer: libFuzzer target that feeds arbitrary bytes to wasm::decodeModule (decoding and
// validation, function bodies included) and translates every module that validates to IR, which
// must pass the IR verifier, then compiles every function for x86-64 with the back end's own
// checks on (the allocator's input contract and the symbolic allocation checker): a lowering
// failure on valid IR, or a wrong allocation, is reported as a crash. Built by
// test/fuzz/build.sh; see docs/testing.md.
//
// Every input is decoded with Wasm 3.0 features. When the low bit of its last byte is set
// (a well-formed module ends in `end`, 0x0b, so the seeds have it set) it is decoded again with
// Wasm 2.0 features, where many encodings mean something else or are errors.
#include "codegen/Backend.h"
#include "frontend/Translator.h"
#include "passes/Passes.h"
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
  // Guard-region lowering (the default mode), then the x86-64 back end on every function.
  passes::runPasses(irModule, passes::PassOptions{});
  const codegen::Backend *backend = codegen::findBackend("x86_64");
  codegen::CodegenOptions codegenOptions;
  backend->cpuFeatures("x86-64-v2", codegenOptions.features);
  codegenOptions.verifyMachineCode = true;
  auto layout = codegen::VMContextLayout::forCounts(uint32_t(irModule.memories.size()),
                                                    uint32_t(irModule.globals.size()),
                                                    uint32_t(irModule.tables.size()));
  // The symbolic allocation checker is slow on big functions under ASan: it checks
  // functions of at most 400 IR instructions, and at most 2000 instructions per input
  // (a module of many mid-sized functions took 15 s); the rest are still compiled,
  // and the allocator's input contract checked, without it.
  size_t checkBudget = 2000;
  for (uint32_t i = 0; i < irModule.functions.size(); ++i) {
    if (irModule.functions[i]->isDeclaration()) continue;
    size_t insts = 0;
    for (const ir::BasicBlock *b : irModule.functions[i]->blocks())
      for (const ir::Inst *inst : *b) insts += inst != nullptr;
    codegenOptions.verifyMachineCode = insts <= 400 && insts <= checkBudget;
    if (codegenOptions.verifyMachineCode) checkBudget -= insts;
    codegen::CompiledFunction out;
    std::string error;
    if (!backend->compileFunction(irModule, i, layout, codegenOptions, out, error)) {
      std::fprintf(stderr, "the x86-64 back end failed on function %u of a valid module: %s\n", i, error.c_str());
      __builtin_trap();
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);
  decodeWith(bytes, Features::wasm3());
  if (size != 0 && (data[size - 1] & 1)) decodeWith(bytes, Features::wasm2());
  return 0;
}

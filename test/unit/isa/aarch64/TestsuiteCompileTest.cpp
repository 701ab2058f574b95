// TestsuiteCompileTest (AArch64): every function of every module of the spec
// testsuite that validates and translates must compile for AArch64, with the
// lowered code checked against the allocator's contract and the allocation
// proven by the symbolic checker, and the emitted words must all be valid A64
// (the encoder asserts each form). Protects the back end against crashes,
// missing lowerings and allocation bugs over the whole breadth of the core
// groups before any of it runs under qemu.
#include "codegen/Backend.h"
#include "frontend/Translator.h"
#include "ir/Module.h"
#include "wasm/Decoder.h"

#include "../../TestsuiteFiles.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace wasmaot;
namespace fs = std::filesystem;
using test::testsuiteDir;

namespace {

void compileFolder(const std::string &name) {
  const fs::path dir = testsuiteDir() / name;
  if (!fs::is_directory(dir)) GTEST_SKIP() << "testsuite folder absent: " << dir.string();
  const codegen::Backend *backend = codegen::findBackend("aarch64");
  ASSERT_NE(backend, nullptr);
  codegen::CodegenOptions options;
  ASSERT_TRUE(backend->cpuFeatures("generic", options.features));
  options.verifyMachineCode = true;
  std::vector<fs::path> files;
  for (const auto &e : fs::directory_iterator(dir))
    if (e.path().extension() == ".wasm") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  int modules = 0, functions = 0, untranslated = 0, failures = 0;
  size_t bytes = 0;
  for (const fs::path &file : files) {
    std::ifstream in(file, std::ios::binary);
    std::vector<uint8_t> wasmBytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    wasm::Module module;
    wasm::DecodeOptions decode;
    Diagnostic diag;
    if (!wasm::decodeModule(wasmBytes, decode, module, diag)) continue;
    ir::Module irModule;
    if (!frontend::translateModule(module, decode.features, irModule, diag)) {
      ++untranslated; // SIMD, GC, exceptions, tail calls: not translated yet
      continue;
    }
    ++modules;
    auto layout = codegen::VMContextLayout::forCounts(uint32_t(irModule.memories.size()),
                                                      uint32_t(irModule.globals.size()),
                                                      uint32_t(irModule.tables.size()));
    for (uint32_t i = 0; i < irModule.functions.size(); ++i) {
      if (irModule.functions[i]->isDeclaration()) continue;
      codegen::CompiledFunction out;
      std::string error;
      ++functions;
      if (!backend->compileFunction(irModule, i, layout, options, out, error)) {
        ++failures;
        ADD_FAILURE() << file.filename().string() << ": function " << i << ": " << error;
        if (failures > 20) return;
        continue;
      }
      bytes += out.code.size();
      EXPECT_EQ(out.code.size() % 4, 0u) << file.filename().string() << ": function " << i;
      for (const codegen::CodeFixup &f : out.fixups)
        EXPECT_EQ(f.target, codegen::FixupTarget::Function) << "AArch64 code keeps its data in .text";
    }
  }
  std::printf("[ testsuite ] %s (aarch64): %d functions of %d modules compiled, %d failed, %zu bytes; "
              "%d modules not translated\n",
              name.c_str(), functions - failures, modules, failures, bytes, untranslated);
  EXPECT_GT(functions, 0);
}

} // namespace

TEST(TestsuiteCompileA64, Core20) { compileFolder("core-2.0"); }
TEST(TestsuiteCompileA64, Core30) { compileFolder("core-3.0"); }
TEST(TestsuiteCompileA64, MultiMemory) { compileFolder("multi-memory"); }
TEST(TestsuiteCompileA64, Memory64) { compileFolder("memory64"); }
TEST(TestsuiteCompileA64, ExtendedConst) { compileFolder("extended-const"); }

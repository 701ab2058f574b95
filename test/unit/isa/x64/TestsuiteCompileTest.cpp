// TestsuiteCompileTest: every function of every module of the spec testsuite
// that validates and translates must compile for x86-64, with the lowered code
// checked against the allocator's contract and the allocation proven by the
// symbolic checker. Protects the back end against crashes, missing lowerings
// and allocation bugs over the whole breadth of the core groups.
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
  const codegen::Backend *backend = codegen::findBackend("x86_64");
  ASSERT_NE(backend, nullptr);
  codegen::CodegenOptions options;
  ASSERT_TRUE(backend->cpuFeatures("x86-64-v2", options.features));
  options.verifyMachineCode = true;
  std::vector<fs::path> files;
  for (const auto &e : fs::directory_iterator(dir))
    if (e.path().extension() == ".wasm") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  int modules = 0, functions = 0, untranslated = 0, failures = 0;
  for (const fs::path &file : files) {
    std::ifstream in(file, std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    wasm::Module module;
    wasm::DecodeOptions decode;
    Diagnostic diag;
    if (!wasm::decodeModule(bytes, decode, module, diag)) continue;
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
      }
    }
  }
  std::printf("[ testsuite ] %s: %d functions of %d modules compiled, %d failed; %d modules not translated\n",
              name.c_str(), functions - failures, modules, failures, untranslated);
  EXPECT_GT(functions, 0);
}

} // namespace

TEST(TestsuiteCompileX64, Core20) { compileFolder("core-2.0"); }
TEST(TestsuiteCompileX64, Core30) { compileFolder("core-3.0"); }
TEST(TestsuiteCompileX64, MultiMemory) { compileFolder("multi-memory"); }
TEST(TestsuiteCompileX64, Memory64) { compileFolder("memory64"); }
TEST(TestsuiteCompileX64, ExtendedConst) { compileFolder("extended-const"); }

// PerFunctionPipelineTest: Compiler's native path takes one function at a time
// through validation, translation, the IR passes and the back end, and frees its
// IR before the next (codegen::FunctionSource). That must change nothing: for
// every module of the spec testsuite, on every back end, in guard mode, with
// explicit checks and at -O2, the object is byte for byte the one of the
// module-at-once path (validate every body, translateModule, runPasses,
// compileModule), on one thread and on three; and a module either path rejects
// gets the same diagnostic from the other.
#include "codegen/Backend.h"
#include "codegen/ModuleCompiler.h"
#include "frontend/Translator.h"
#include "ir/Module.h"
#include "passes/Passes.h"
#include "wasm/Decoder.h"
#include "wasmaot/Compiler.h"

#include "../TestsuiteFiles.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace wasmaot;
namespace fs = std::filesystem;
using test::readBytes;
using test::testsuiteDir;
using test::wasmFilesOf;

namespace {

struct Outcome {
  bool ok = false;
  std::string diag;
  std::vector<uint8_t> object;
};

/// The module-at-once reference, with the options Compiler derives from `options`.
Outcome wholeModule(const std::vector<uint8_t> &bytes, const CompileOptions &options) {
  Outcome o;
  Diagnostic diag;
  wasm::DecodeOptions decodeOptions;
  decodeOptions.features = options.features;
  wasm::Module module;
  ir::Module irModule;
  if (!wasm::decodeModule(bytes, decodeOptions, module, diag) ||
      !frontend::translateModule(module, options.features, irModule, diag)) {
    o.diag = diag.str();
    return o;
  }
  passes::PassOptions passOptions;
  const bool guard = options.bounds == BoundsChecks::Guard;
  passOptions.bounds = guard ? passes::BoundsMode::Guard : passes::BoundsMode::Explicit;
  passOptions.guardBytes = guard ? options.guardSize : 0;
  passOptions.optLevel = options.optLevel;
  passes::runPasses(irModule, passOptions);

  const codegen::Backend *backend = codegen::findBackend(options.target);
  codegen::ModuleCompileOptions moduleOptions;
  backend->cpuFeatures(defaultCpu(options.target), moduleOptions.codegen.features);
  moduleOptions.codegen.optLevel = options.optLevel;
  moduleOptions.threads = 1;
  moduleOptions.sandboxing = guard ? codegen::Sandboxing::GuardRegions : codegen::Sandboxing::ExplicitChecks;
  moduleOptions.guardSize = guard ? options.guardSize : 0;
  codegen::ModuleOutput out;
  if (!codegen::compileModule(irModule, bytes, *backend, moduleOptions, out, diag)) {
    if (diag.funcIndex && *diag.funcIndex < module.functions.size() && diag.offset == 0)
      diag.offset = module.functions[*diag.funcIndex].body.offset;
    o.diag = diag.str();
    return o;
  }
  o.ok = true;
  o.object = std::move(out.object);
  return o;
}

Outcome perFunction(const std::vector<uint8_t> &bytes, CompileOptions options, unsigned threads) {
  Outcome o;
  options.threads = threads;
  Diagnostic diag;
  o.ok = Compiler(options).compileToObject(bytes, o.object, diag);
  if (!o.ok) o.diag = diag.str();
  return o;
}

struct Counts {
  int same = 0, rejected = 0;
};

void compareFolder(const fs::path &dir, const CompileOptions &options, Counts &counts) {
  std::vector<fs::path> files;
  for (const auto &e : fs::directory_iterator(dir))
    if (e.path().extension() == ".wasm") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path &file : files) {
    const std::vector<uint8_t> bytes = readBytes(file);
    const Outcome reference = wholeModule(bytes, options);
    const Outcome one = perFunction(bytes, options, 1), three = perFunction(bytes, options, 3);
    ASSERT_EQ(reference.ok, one.ok) << file.string() << ": " << reference.diag << one.diag;
    ASSERT_EQ(reference.ok, three.ok) << file.string() << ": " << reference.diag << three.diag;
    if (!reference.ok) {
      EXPECT_EQ(reference.diag, one.diag) << file.string();
      EXPECT_EQ(reference.diag, three.diag) << file.string();
      ++counts.rejected;
      continue;
    }
    EXPECT_TRUE(reference.object == one.object) << file.string() << ": the objects differ (-j1)";
    EXPECT_TRUE(reference.object == three.object) << file.string() << ": the objects differ (-j3)";
    ++counts.same;
  }
}

void compareAll(const std::string &target, void (*tune)(CompileOptions &), const char *mode) {
  if (!fs::is_directory(testsuiteDir())) GTEST_SKIP() << "testsuite absent: " << testsuiteDir().string();
  if (!codegen::findBackend(target)) GTEST_SKIP() << "back end not built: " << target;
  CompileOptions options;
  options.target = target;
  if (tune) tune(options);
  Counts counts;
  for (const char *folder : {"core-2.0", "memory64", "multi-memory", "function-references", "tail-call"}) {
    const fs::path dir = testsuiteDir() / folder;
    if (fs::is_directory(dir)) compareFolder(dir, options, counts);
  }
  EXPECT_GT(counts.same, 100);
  std::printf("[ per-function ] %s %s: %d objects identical, %d rejected alike\n", target.c_str(), mode, counts.same,
              counts.rejected);
}

void explicitChecks(CompileOptions &o) { o.bounds = BoundsChecks::Explicit; }
void optimize2(CompileOptions &o) { o.optLevel = 2; }

TEST(PerFunctionPipeline, X64Guard) { compareAll("x86_64", nullptr, "guard"); }
TEST(PerFunctionPipeline, X64Explicit) { compareAll("x86_64", explicitChecks, "explicit"); }
TEST(PerFunctionPipeline, X64O2) { compareAll("x86_64", optimize2, "-O2"); }
TEST(PerFunctionPipeline, AArch64Guard) { compareAll("aarch64", nullptr, "guard"); }
TEST(PerFunctionPipeline, AArch64Explicit) { compareAll("aarch64", explicitChecks, "explicit"); }
TEST(PerFunctionPipeline, RiscV64Explicit) { compareAll("riscv64", explicitChecks, "explicit"); }

} // namespace

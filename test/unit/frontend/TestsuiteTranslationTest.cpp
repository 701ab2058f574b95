// TestsuiteTranslationTest: every module of the spec testsuite that validates and
// uses no unsupported instruction must translate to IR that verifies and that
// prints, parses and prints again to the same text. Protects the translator
// against crashes and verifier failures on the whole breadth of Wasm 2.0 (and
// the proposals folders that exist), not only on hand-written lit inputs.
#include "frontend/Translator.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"
#include "wasm/Decoder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace wasmaot;
namespace fs = std::filesystem;

namespace {

/// ../shared/testsuite relative to the repository root (this file is test/unit/frontend/).
fs::path testsuiteDir() {
  return fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path().parent_path() /
         "shared" / "testsuite";
}

struct Totals {
  int translated = 0, unsupported = 0, rejected = 0;
};

void translateFolder(const std::string &name, Totals &totals) {
  const fs::path dir = testsuiteDir() / name;
  if (!fs::is_directory(dir)) GTEST_SKIP() << "testsuite folder absent: " << dir.string();
  std::vector<fs::path> files;
  for (const auto &e : fs::directory_iterator(dir))
    if (e.path().extension() == ".wasm") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path &file : files) {
    std::ifstream in(file, std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    wasm::Module module;
    wasm::DecodeOptions options;
    Diagnostic diag;
    if (!wasm::decodeModule(bytes, options, module, diag)) {
      ++totals.rejected; // assert_invalid / assert_malformed inputs
      continue;
    }
    ir::Module irModule;
    if (!frontend::translateModule(module, options.features, irModule, diag)) {
      EXPECT_EQ(diag.kind, DiagKind::Unsupported) << file.string() << ": " << diag.str();
      EXPECT_EQ(diag.message.rfind("not yet supported: ", 0), 0u) << file.string() << ": " << diag.str();
      EXPECT_TRUE(diag.funcIndex.has_value()) << file.string();
      ++totals.unsupported;
      continue;
    }
    ++totals.translated;
    std::vector<std::string> errors;
    EXPECT_TRUE(ir::verifyModule(irModule, errors))
        << file.string() << ": " << (errors.empty() ? "" : errors.front());
    const std::string printed = ir::printModule(irModule);
    ir::Error error;
    std::unique_ptr<ir::Module> reparsed = ir::parseModule(printed, error);
    ASSERT_TRUE(reparsed) << file.string() << ": printed IR does not parse";
    EXPECT_EQ(ir::printModule(*reparsed), printed) << file.string();
  }
  EXPECT_GT(totals.translated, 0);
  std::printf("[ testsuite ] %s: %d translated, %d unsupported, %d rejected by the decoder\n", name.c_str(),
              totals.translated, totals.unsupported, totals.rejected);
}

TEST(TestsuiteTranslation, Core20) {
  Totals t;
  translateFolder("core-2.0", t);
}

TEST(TestsuiteTranslation, Memory64) {
  Totals t;
  translateFolder("memory64", t);
}

TEST(TestsuiteTranslation, MultiMemory) {
  Totals t;
  translateFolder("multi-memory", t);
}

TEST(TestsuiteTranslation, FunctionReferences) {
  Totals t;
  translateFolder("function-references", t);
}

} // namespace

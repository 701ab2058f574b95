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

#include "../TestsuiteFiles.h"

#include <gtest/gtest.h>

#include <algorithm>
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

struct Totals {
  int translated = 0, unsupported = 0, rejected = 0;
};

void translateFolder(const std::string &name, Totals &totals) {
  const fs::path dir = testsuiteDir() / name;
  if (!fs::is_directory(dir)) GTEST_SKIP() << "testsuite folder absent: " << dir.string();
  for (const fs::path &file : wasmFilesOf(dir)) {
    const std::vector<uint8_t> bytes = readBytes(file);
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

/// One way of turning bytes into IR: its diagnostic, or the IR's text.
struct Outcome {
  bool ok = false;
  Diagnostic diag;
  std::string ir;
};

/// Validating every body first and then translating (`fused` false), or
/// validating each body while translating it (`fused` true: what Compiler does).
Outcome compile(const std::vector<uint8_t> &bytes, bool fused) {
  Outcome o;
  wasm::DecodeOptions options;
  options.callerValidatesBodies = fused;
  wasm::Module module;
  ir::Module irModule;
  o.ok = wasm::decodeModule(bytes, options, module, o.diag) &&
         frontend::translateModule(module, options.features, irModule, o.diag, fused);
  if (o.ok) o.ir = ir::printModule(irModule);
  return o;
}

/// Both ways must agree: the same diagnostic for every invalid, malformed or
/// unsupported module, the same IR for every other.
void compareFusedValidation(const std::string &name) {
  int rejected = 0, translated = 0;
  for (const fs::path &file : wasmFilesOf(testsuiteDir() / name)) {
    const std::vector<uint8_t> bytes = readBytes(file);
    const Outcome twoPass = compile(bytes, false), fused = compile(bytes, true);
    ASSERT_EQ(twoPass.ok, fused.ok) << file.string() << ": " << (twoPass.ok ? fused : twoPass).diag.str();
    if (twoPass.ok) {
      ++translated;
      EXPECT_EQ(twoPass.ir, fused.ir) << file.string();
      continue;
    }
    ++rejected;
    EXPECT_EQ(twoPass.diag.kind, fused.diag.kind) << file.string();
    EXPECT_EQ(twoPass.diag.str(), fused.diag.str()) << file.string();
  }
  std::printf("[ testsuite ] %s: fused validation agrees on %d translated and %d rejected modules\n",
              name.c_str(), translated, rejected);
}

/// Compiles rejected `bytes` both ways; returns the fused diagnostic after
/// checking that it is the two-pass one.
Diagnostic rejectBothWays(const std::vector<uint8_t> &bytes) {
  const Outcome twoPass = compile(bytes, false), fused = compile(bytes, true);
  EXPECT_FALSE(twoPass.ok);
  EXPECT_FALSE(fused.ok);
  EXPECT_EQ(twoPass.diag.str(), fused.diag.str());
  return fused.diag;
}

const std::vector<uint8_t> kHeaderOneVoidType = {0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0};

TEST(FusedValidation, InvalidBodyAfterUnsupportedOneIsReported) {
  // func 0: return_call 1 (not translated yet); func 1: i32.add on an empty stack.
  std::vector<uint8_t> bytes = kHeaderOneVoidType;
  bytes.insert(bytes.end(), {3, 3, 2, 0, 0, 0x0a, 10, 2, 4, 0, 0x12, 1, 0x0b, 3, 0, 0x6a, 0x0b});
  const Diagnostic d = rejectBothWays(bytes);
  EXPECT_EQ(d.kind, DiagKind::Invalid) << d.str();
  EXPECT_EQ(d.funcIndex, 1u) << d.str();
}

TEST(FusedValidation, MalformedLaterInTheBodyWinsOverInvalid) {
  // i32.add on an empty stack, then the illegal opcode 0xff.
  std::vector<uint8_t> bytes = kHeaderOneVoidType;
  bytes.insert(bytes.end(), {3, 2, 1, 0, 0x0a, 6, 1, 4, 0, 0x6a, 0xff, 0x0b});
  const Diagnostic d = rejectBothWays(bytes);
  EXPECT_EQ(d.kind, DiagKind::Malformed) << d.str();
}

TEST(TestsuiteTranslation, FusedValidationAgrees) {
  if (!fs::is_directory(testsuiteDir())) GTEST_SKIP() << "testsuite absent: " << testsuiteDir().string();
  std::vector<std::string> folders; // every group, also those whose instructions we do not translate yet
  for (const auto &e : fs::directory_iterator(testsuiteDir()))
    if (e.is_directory()) folders.push_back(e.path().filename().string());
  std::sort(folders.begin(), folders.end());
  for (const std::string &folder : folders) compareFusedValidation(folder);
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

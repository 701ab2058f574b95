// JitHarness: runs x86-64 code compiled by the back end inside the test
// process, without the runtime: every function of an IR module is compiled,
// laid out in one mapping (code, then read-only data), fixups resolved, and
// mapped read+execute. vmctx is a buffer the test fills (one memory, globals).
// Traps (ud2 → SIGILL, faults → SIGSEGV) are caught and mapped through the
// trap sites, so tests can assert the exact trap code.
#pragma once

#include "codegen/Backend.h"
#include "ir/Module.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::test {

class JitModule {
public:
  /// Parses and compiles `irText` for x86-64 with `features` ("lzcnt", ...).
  /// On failure `error()` says why and every call returns nullopt.
  explicit JitModule(const std::string &irText, std::vector<std::string> features = {"popcnt", "sse4.1"},
                     bool emitAsm = false);
  ~JitModule();

  const std::string &error() const { return error_; }
  /// Assembly of function `index` (emitAsm).
  std::string asmText(uint32_t index) const;

  /// Calls function `index` with integer (or bit-cast) arguments; returns the
  /// value of rax, or nullopt if it trapped (trapCode() says which).
  std::optional<uint64_t> call(uint32_t index, std::initializer_list<uint64_t> args);
  std::optional<double> callF64(uint32_t index, std::initializer_list<double> args);
  std::optional<float> callF32(uint32_t index, std::initializer_list<float> args);
  /// Calls with mixed arguments: ints and floats as the System V ABI assigns them.
  std::optional<uint64_t> callMixed(uint32_t index, const std::vector<uint64_t> &ints,
                                    const std::vector<double> &floats);
  /// What a call leaves in rax and in xmm0 (as bits: the low 32 for an f32).
  struct RawResult {
    uint64_t rax = 0;
    uint64_t xmm0 = 0;
  };
  /// Calls with up to 5 integer and 8 float arguments, the floats given as bit
  /// patterns (the low 32 bits for f32, so NaN payloads pass exactly).
  std::optional<RawResult> callBits(uint32_t index, const std::vector<uint64_t> &ints,
                                    const std::vector<uint64_t> &floatBits);
  std::optional<ir::TrapCode> trapCode() const { return trap_; }

  /// Linear memory 0 (64 KiB pages, `pages` at construction: 1) and globals.
  std::vector<uint8_t> &memory() { return memory_; }
  uint64_t &global(uint32_t g) { return globals_[g][0]; }
  void *vmctx() { return vmctx_.data(); }

private:
  std::unique_ptr<ir::Module> module_;
  std::string error_;
  std::vector<codegen::CompiledFunction> compiled_;
  std::vector<uint64_t> entry_; // address of each function (0: not compiled)
  uint8_t *mapping_ = nullptr;
  size_t mappingSize_ = 0;
  std::vector<std::pair<uint64_t, ir::TrapCode>> trapSites_; // absolute address → code
  std::vector<uint8_t> memory_;
  std::vector<std::array<uint64_t, 2>> globals_;
  std::vector<void *> globalPtrs_;
  std::vector<uint64_t> vmctx_;
  std::vector<uint8_t> stack_;
  std::optional<ir::TrapCode> trap_;
  friend struct JitTrapHandler;
};

} // namespace wasmaot::test

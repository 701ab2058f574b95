// Verifier: proves instruction-selection rules equivalent to the IR they
// replace (docs/verification.md). For every rule of a rule program and every
// instantiation of its types and enumerations, the IR semantics of the pattern
// and the machine semantics of the result are encoded in Z3 and proven equal
// (values, traps, memory, and the i32 representation invariant) under the
// rule's guards, or a counterexample is reported. Results are cached by a hash
// of the rule and of every semantics definition its proof read.
//
// This header is free of Z3 (STYLE.md: no heavy headers outside verify/).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::verify {

/// One rule program: the files wasmaot-rulec reads for it plus the semantics
/// files that attach machine semantics (`semantics-of`, `form`, `define`).
struct ProgramSpec {
  std::string isa;  ///< "x64", "aarch64", "riscv64": picks the IR types the back end has values of
  std::string name; ///< "X64Lower", "X64Cond"
  std::vector<std::string> files;
};

struct VerifyOptions {
  std::string rule;        ///< only rules of this name ("" = all)
  std::string onlyFrom;    ///< only rules defined in this file ("" = all)
  std::string cacheDir;    ///< "" = no cache
  unsigned jobs = 2;       ///< solver threads
  unsigned timeoutMs = 300000; ///< per query
  bool verbose = false;    ///< print every instantiation
  bool splitPaths = true;  ///< one query per path of compile-time branches (--no-split: merged)
  /// Every semantics-of must name a term of some program (off for partial
  /// programs such as test/verify/broken, which leave out rule files).
  bool checkUnattached = true;
};

struct RuleResult {
  enum class Status : uint8_t { Passed, Failed, Skipped } status = Status::Passed;
  std::string program, rule, loc;
  unsigned instantiations = 0; ///< feasible instantiations proven (or tried)
  unsigned paths = 0;          ///< queries: the feasible paths of compile-time branches of them
  unsigned cached = 0;         ///< of them, answered from the cache
  double seconds = 0;
  std::string detail;          ///< counterexample or error (Failed), reason (Skipped)
  std::vector<std::string> log; ///< per-instantiation lines (verbose)
};

struct Report {
  std::vector<RuleResult> results;
  std::string error; ///< the rule files did not load (rulec's diagnostics)
};

/// The programs of an ISA ("x64", "all"; others have no rules yet) under the
/// source root `root`.
std::vector<ProgramSpec> programsFor(const std::string &isa, const std::string &root);

/// Verifies every rule of `programs`; `progress` is called once per finished rule.
Report verifyPrograms(const std::vector<ProgramSpec> &programs, const VerifyOptions &options,
                      const std::function<void(const RuleResult &)> &progress = nullptr);

// ---- the semantics evaluated on concrete inputs (the hardware check)

/// One operand of an instruction form, concrete: a register (64-bit GPR or
/// 128-bit XMM / V register as lo/hi), an immediate (its encoded bits, `width`
/// bits), a boolean (`lo` != 0: AArch64's `lsl #12` of an add/sub immediate),
/// an enumerator (`name`: the shift or extend of a shifted or extended
/// register, `lsl`, `uxtw`, ...), or a memory operand: the address record
/// base + index * scale + sext(disp), whose base is `FormRun::memAddr` +
/// `base`, `lo` the 32-bit displacement.
struct FormOperand {
  enum class Kind : uint8_t { Reg, Imm, Bool, Name, Mem } kind = Kind::Reg;
  unsigned width = 64;
  uint64_t lo = 0, hi = 0;
  std::string name;              ///< Name
  uint64_t base = 0;             ///< Mem: the base register's offset from memAddr (mod 2^64)
  std::optional<uint64_t> index; ///< Mem: the index register, already extended (none: no index)
  unsigned scale = 1;            ///< Mem: what the index is multiplied by
};

struct FormRun {
  std::vector<FormOperand> ops; ///< in the form's operand order
  int cond = -1;                ///< the 4-bit condition of a kCond form (x86 tttn), passed last
  uint64_t rax = 0, rdx = 0;    ///< implicit registers (x86-64)
  /// The flags, as the ISA's flags register holds them: RFLAGS on x86-64 (CF
  /// bit 0, PF 2, ZF 6, SF 7, OF 11), NZCV on AArch64 (as MRS reads it: N bit
  /// 31, Z 30, C 29, V 28); RISC-V has none.
  uint64_t flags = 0;
  uint64_t memAddr = 0;         ///< where `mem` is
  std::vector<uint8_t> mem;     ///< the bytes a memory operand sees (zero elsewhere)
};

/// What the semantics say the form does; `defined` masks say which bits the
/// manual defines (undefined flags and results are not compared).
struct FormResult {
  bool faulted = false;
  bool hasDest = false;
  unsigned destWidth = 0; ///< 64 or 128 when hasDest
  uint64_t destLo = 0, destHi = 0, destDefinedLo = 0, destDefinedHi = 0;
  /// A branch form (its semantics a boolean): whether it is taken.
  bool isBranch = false, taken = false;
  uint64_t rax = 0, rdx = 0;
  bool raxDefined = false, rdxDefined = false;
  uint64_t flags = 0, flagsDefined = 0; ///< in FormRun::flags's layout
  std::vector<uint8_t> mem;             ///< FormRun::mem after the form
};

/// Loads the semantics files once for evalForm (the prelude for trap codes).
class FormSemantics {
public:
  /// The forms of `isa` ("x64", "aarch64", "riscv64"): its flags (MachineModel).
  explicit FormSemantics(const std::string &isa = "x64");
  ~FormSemantics();
  bool load(const std::vector<std::string> &files, std::string &error);
  /// The Ids with a `form` definition.
  std::vector<std::string> forms() const;
  /// Evaluates form `id` on `run`; false with `error` when it cannot.
  bool eval(const std::string &id, const FormRun &run, FormResult &out, std::string &error);

  /// Evaluates IR term `op` at type `type` on concrete operands (bit patterns);
  /// operandTypes give their IR types. For a NaN-valued float result, `nan`
  /// is set and `canonical` says whether wasm requires the canonical NaN.
  struct IrResult {
    bool trapped = false;
    uint64_t bits = 0;
    bool nan = false, canonical = false;
  };
  bool evalIr(const std::string &op, const std::string &type, const std::vector<std::string> &operandTypes,
              const std::vector<uint64_t> &operands, IrResult &out, std::string &error);

private:
  struct Impl;
  Impl *impl_;
};

} // namespace wasmaot::verify

// Eval: the interpreter of semantics expressions (docs/verification.md). One
// language serves the IR terms of ir.rules, the helper and machine terms of a
// target, and the per-form instruction semantics of isa/<arch>/semantics: each
// expression evaluates to a Val over Z3 terms, threading a machine/IR State
// (traps, host memory, flags, fixed registers) through its effects.
//
// Private to verify/: the only place besides verify/*.cpp that sees z3++.h.
#pragma once

#include "RuleSet.h"

#include <z3++.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace wasmaot::verify {

/// A value of the semantics language.
struct Val {
  enum class K : uint8_t {
    Unit, ///< no value (effects only)
    Bool, ///< Z3 Bool
    BV,   ///< Z3 bit-vector
    Int,  ///< a concrete integer of no width yet (literals, widths); adapts to a BV operand
    Enum, ///< an enumerator, by name (concrete: enums are instantiated)
    Str,  ///< a string (built form names)
    Rec,  ///< a record (Amode, CondCode): named fields
    Fp,   ///< an IR float result: `e` the FP value, `canon` when a NaN result must be canonical
  } k = K::Unit;
  std::optional<z3::expr> e;
  std::optional<z3::expr> canon;
  int64_t i = 0;
  std::string name;
  std::shared_ptr<std::vector<std::pair<std::string, Val>>> rec;
  std::string irType; ///< the IR type of a Value-derived value ("" if none)

  static Val unit() { return Val(); }
  static Val of(const z3::expr &x) {
    Val v;
    v.k = x.is_bool() ? K::Bool : K::BV;
    v.e = x;
    return v;
  }
  static Val integer(int64_t n) {
    Val v;
    v.k = K::Int;
    v.i = n;
    return v;
  }
  static Val enumerator(std::string n) {
    Val v;
    v.k = K::Enum;
    v.name = std::move(n);
    return v;
  }
  static Val str(std::string n) {
    Val v;
    v.k = K::Str;
    v.name = std::move(n);
    return v;
  }
  const Val *field(const std::string &f) const;
  unsigned width() const { return e->get_sort().bv_size(); }
};

/// Thrown for a semantics expression the interpreter cannot evaluate; the rule
/// that needed it fails with the message.
struct EvalError {
  std::string message;
};

/// The trap codes the machine model adds to the IR's: a fault that is not a
/// trap site (e.g. #DE of an unchecked idiv, or an access outside every
/// reservation) is a crash, never an IR trap.
inline constexpr unsigned kCrashCode = 200;

/// What both sides of a rule run in: traps, the host memory (linear memories,
/// global storage), the flags and the fixed registers idioms use.
struct State {
  /// One byte a store wrote (when `live`: no trap before it).
  struct Write {
    z3::expr live, addr, byte;
  };
  z3::expr trapped, code, mem;
  std::vector<Write> writes; ///< in order; `mem` holds their effect as well
  bool writesMerged = true;  ///< false when branches wrote different counts
  std::map<std::string, z3::expr> flags;
  std::map<std::string, Val> regs;
  explicit State(z3::context &z);
};

/// What differs between the ISAs in the machine model (docs/verification.md,
/// "Machine models"): the flags, the register widths, how an IR value sits in a
/// register, the condition-code names. The semantics files say the rest.
struct MachineModel {
  std::string isa;                  ///< "x64", "aarch64", "riscv64"
  std::vector<std::string> flags;   ///< the flag bits `flag`/`set_flags` name (none on RISC-V)
  unsigned fprWidth = 128;          ///< the FP/vector register (xmm, AArch64 V, RISC-V f: 64)
  std::string fprType = "Xmm";      ///< the rule type of such a register (machine.rules)
  bool i32SignExtended = false;     ///< an i32's upper 32 bits: copies of bit 31 (RV64), else zero
  bool f32NanBoxed = false;         ///< an f32's upper register bits are all ones (RV64 NaN boxing)
  std::vector<std::string> condNames; ///< 4-bit condition encodings in order (`cc`, `cond_bits`)
  bool condParity = false;          ///< x86-64: a CondCode has a parity mode (`cc_parity`)
  /// Whether the fixed register `name` (`reg`, `set_reg`) is an FP/vector register.
  bool isFprName(const std::string &name) const;
  /// The model of `isa` (x64 when unknown).
  static const MachineModel &of(const std::string &isa);
};

/// The environment one instantiation provides: memory layout symbols and the
/// choices the instantiation made.
class Chooser;

struct World {
  z3::context &z;
  const MachineModel &model;
  std::string memIndexType = "i32"; ///< of the memory an access names
  z3::expr guardSize;               ///< bytes of guard region after a 32-bit memory's 4 GiB
  z3::func_decl memBase, memLength, globalPtr;
  /// Whether the code is compiled with Segue (x86-64 `--segue`): a
  /// compile-time input, so each rule is proven with it on and off.
  z3::expr segueMode;
  unsigned freshCounter = 0; ///< shared by both sides, so fresh names never collide
  explicit World(z3::context &zc, const MachineModel &m = MachineModel::of("x64"));

  // ---- path splitting (docs/verification.md, "Solving"). A symbolic branch
  // whose condition depends only on compile-time inputs (the rule's immediates:
  // iconst bits, offsets, ...) is what the C++ decides with an `if` on a
  // constant; with `paths` set, each feasible arm becomes its own query with
  // the arm's condition as a precondition, instead of a merge of both arms.
  Chooser *paths = nullptr;
  std::vector<z3::expr> pathConds; ///< the conditions of the arms taken, in order
  std::set<unsigned> immediates;   ///< AST ids of the compile-time inputs
  std::string cacheDir;            ///< where feasibility answers are kept ("" = none)
  unsigned splits = 0;             ///< branches split so far (capped: kMaxSplits)
  static constexpr unsigned kMaxSplits = 10;
  /// Whether `e` depends on compile-time inputs only (numerals, immediates, and
  /// the abstract arithmetic functions applied to such terms).
  bool compileTime(const z3::expr &e);
  /// Whether the path conditions so far and `c` can hold together.
  bool feasible(const z3::expr &c);

private:
  std::map<unsigned, bool> compileTimeMemo_;
};

class Evaluator {
public:
  Evaluator(z3::context &z, const rulec::RuleSet &rs, World &world);

  /// Evaluates `e` with the variables `vars` in scope.
  Val eval(const rulec::SExpr &e, const std::map<std::string, Val> &vars);
  /// Calls term `term`'s semantics (or definition `name`) with evaluated arguments.
  Val callTerm(int term, std::vector<Val> args);
  Val callDef(const rulec::SemDef &d, std::vector<Val> args);

  State state;
  std::vector<z3::expr> assumptions;
  std::set<std::string> used; ///< "term NAME" / "def NAME": what the evaluation read
  std::optional<Val> rootIrValue; ///< for cond_of_current
  /// Multiplication and division as uninterpreted functions: a proof with them
  /// holds for the real operations too (RuleVerifier tries it first).
  bool abstractArith = false;
  unsigned abstractUses = 0; ///< operations made uninterpreted so far
  World &world;

  z3::context &z;
  const rulec::RuleSet &rs;

  // ---- helpers shared by the builtin files
  z3::expr bv(uint64_t value, unsigned width) { return z.bv_val(value, width); }
  z3::expr fresh(const std::string &name, unsigned width);
  z3::expr freshBool(const std::string &name);
  /// `v` as a bit-vector of `width` (an Int adapts; a BV must already have it).
  z3::expr asBV(const Val &v, unsigned width, const char *what);
  z3::expr asBV(const Val &v, const char *what);
  z3::expr asBool(const Val &v, const char *what);
  int64_t asInt(const Val &v, const char *what); ///< a concrete integer (Int or constant BV)
  std::string asName(const Val &v, const char *what);
  /// Two operands brought to one width (Ints adapt to the BV; two Ints stay Ints).
  bool unify(Val &a, Val &b);
  /// A value merged from two branches of an `if` on `c`.
  Val merge(const z3::expr &c, const Val &a, const Val &b);
  void mergeState(const z3::expr &c, const State &a, const State &b);
  /// Runs `f` under the condition `c` (both arms when c is symbolic).
  Val branch(const z3::expr &c, const std::function<Val()> &then, const std::function<Val()> &otherwise);
  void trap(const z3::expr &cond, const z3::expr &code);
  /// The 8-bit code of a trap-code enumerator (its index in the IR's TrapCode).
  z3::expr trapCodeBits(const Val &code);
  /// Calls definition `name` of the semantics files (a builtin needing a helper).
  Val callNamed(const std::string &name, std::vector<Val> args);
  /// The width of an IR or machine type name ("i32" → 32, "w64" → 64, "f32" → 32 ...).
  static unsigned typeWidth(const std::string &t);

  using Builtin = std::function<Val(Evaluator &, const rulec::SExpr &, const std::vector<Val> &)>;
  static std::map<std::string, Builtin> &builtins();

private:
  Val evalList(const rulec::SExpr &e, const std::map<std::string, Val> &vars);
  Val evalIndexed(const rulec::SExpr &head, const rulec::SExpr &e, const std::map<std::string, Val> &vars);
  unsigned depth_ = 0;
};

/// Registers the builtins of one family (called once, from builtins()).
void registerBvBuiltins(std::map<std::string, Evaluator::Builtin> &m);
void registerFpBuiltins(std::map<std::string, Evaluator::Builtin> &m);
void registerMachineBuiltins(std::map<std::string, Evaluator::Builtin> &m);
void registerIrBuiltins(std::map<std::string, Evaluator::Builtin> &m);

/// The IR representation of a value of IR type `t` in a machine register (of
/// the world's model): i32 zero- (or on RV64 sign-) extended in 64 bits,
/// i64/ref as is, floats in the low bits of an FP register (upper bits
/// arbitrary when `xmmUpperFree`, else zero; all ones for a NaN-boxed f32),
/// v128 the whole register.
z3::expr machineRepr(Evaluator &ev, const std::string &t, const z3::expr &irBits, bool xmmUpperFree);
/// The address an Amode record names (MachineBuiltins.cpp): base + index*scale +
/// disp, modulo 2^32 with `asize a32`, plus the %gs base with `seg gs`.
z3::expr effectiveAddress(Evaluator &ev, const Val &am);
/// Whether `t` lives in an FP/vector register.
bool isXmmType(const std::string &t);
/// The bits of an IR float result (only meaningful when not NaN).
z3::expr fpToBits(Evaluator &ev, const z3::expr &fp);
z3::expr bitsToFp(Evaluator &ev, const z3::expr &bits);

} // namespace wasmaot::verify

// FunctionTranslator: the BodyDecoder consumer that turns one validated wasm
// function body into an ir::Function. The wasm operand stack holds IR values;
// control frames map to IR blocks (block results and branch values become block
// arguments); locals go through SsaBuilder. One instance translates every
// function of a module and reuses its vectors, so translating an instruction
// allocates nothing on the heap beyond the IR itself.
//
// Opcode families live in their own files: Dispatch.cpp (the one switch over
// every wasm opcode), NumericOps.cpp, VariableOps.cpp, ControlOps.cpp,
// CallOps.cpp, MemoryOps.cpp, TableRefOps.cpp.
#pragma once

#include "frontend/SsaBuilder.h"
#include "ir/Builder.h"
#include "ir/Module.h"
#include "wasm/Instr.h"
#include "wasm/Module.h"
#include "wasmaot/Diagnostics.h"
#include "wasmaot/Features.h"

#include <cstdint>
#include <span>
#include <vector>

namespace wasmaot::frontend {

/// What the function translator needs to know of the module beyond the wasm model.
struct ModuleContext {
  const wasm::Module &wasm;
  ir::Module &ir;
  /// IR signature index of each wasm type index (the canonical equivalent's index).
  std::vector<uint32_t> sigOfType;
};

/// IR type of a wasm value type (every reference is `ref`).
ir::Type irType(wasm::ValType t);

/// The family an opcode's translation lives in (Dispatch.cpp).
enum class OpFamily : uint8_t { Numeric, Variable, Control, Call, Memory, TableRef, Unsupported };
OpFamily opFamily(wasm::Opcode op);

class FunctionTranslator {
public:
  explicit FunctionTranslator(const ModuleContext &m) : m_(m) {}

  /// Translates the body of defined function `funcIndex` into m.ir.functions[funcIndex].
  /// Translates one function; with `validate` its body is validated as well
  /// (the diagnostic of an invalid body is then the validator's).
  bool translate(uint32_t funcIndex, const Features &features, bool validate, Diagnostic &diag);

  // --- BodyDecoder consumer (wasm/Instr.h)
  void startFunction(uint32_t funcIndex, std::span<const wasm::ValType> locals);
  void instr(const wasm::Instr &in);
  void elseOrEnd(const wasm::Instr &in, bool fallsThrough);
  void endFunction();

private:
  enum class FrameKind : uint8_t { Function, Block, Loop, If, Else };
  struct Frame {
    FrameKind kind = FrameKind::Block;
    bool live = true;            ///< opened in reachable code (else: only matched to its end)
    uint32_t height = 0;         ///< operand stack height below the frame's parameters
    uint32_t numParams = 0;
    uint32_t numResults = 0;
    ir::BasicBlock *cont = nullptr;   ///< where `end` continues (block, if); null for loops
    ir::BasicBlock *header = nullptr; ///< loop header (the loop's branch target)
    ir::Inst *ifBranch = nullptr;     ///< the `if`'s brif; its else target is set at else/end
    uint32_t ifParamsAt = 0;          ///< the `if`'s parameter values in ifParams_
  };

  // --- families (one file each)
  void numeric(const wasm::Instr &in);
  void variable(const wasm::Instr &in);
  void control(const wasm::Instr &in);
  void callOp(const wasm::Instr &in);
  void memory(const wasm::Instr &in);
  void tableRef(const wasm::Instr &in);
  void unsupported(const wasm::Instr &in);

  // --- operand stack
  void push(ir::Value v) { stack_.push_back(v); }
  ir::Value pop() {
    ir::Value v = stack_.back();
    stack_.pop_back();
    return v;
  }
  ir::Value top() const { return stack_.back(); }
  std::span<const ir::Value> topN(size_t n) const { return {stack_.data() + stack_.size() - n, n}; }
  void popN(size_t n) { stack_.resize(stack_.size() - n); }
  void pushResults(const ir::Inst *i) {
    for (uint32_t r = 0; r < i->numResults; ++r) push(i->result(r));
  }

  // --- numeric helpers (NumericOps.cpp)
  void unary(ir::Opcode op, ir::Type t);
  void binary(ir::Opcode op, ir::Type t);
  void icmp(ir::IntCC cc);
  void fcmp(ir::FloatCC cc);
  void convert(ir::Opcode op, ir::Type to);

  // --- control helpers (ControlOps.cpp)
  std::span<const wasm::ValType> blockParams(const wasm::BlockType &bt) const;
  /// `bt` must outlive the span (a one-value block type points into it).
  std::span<const wasm::ValType> blockResults(const wasm::BlockType &bt) const;
  Frame &label(uint32_t depth) { return frames_[frames_.size() - 1 - depth]; }
  /// The branch target of `f` (for the function frame: the shared return block).
  ir::BasicBlock *labelBlock(Frame &f);
  size_t labelArity(const Frame &f) const {
    return f.kind == FrameKind::Loop ? f.numParams : f.numResults;
  }
  ir::BasicBlock *newBlockWithParams(std::span<const wasm::ValType> types);
  /// Emits a jump to the label of `f` with the top values as arguments (or a return).
  void branchTo(Frame &f);
  /// Emits `brif cond, label(args), next` and continues in `next`.
  void branchIf(Frame &f, ir::Value cond, std::span<const ir::Value> args, bool onTrue);
  void emitReturn();
  void jumpTo(ir::BasicBlock *dest, std::span<const ir::Value> args);
  void recordEdges(ir::Inst *term);
  void startBlock(ir::BasicBlock *b);
  void markUnreachable() { reachable_ = false; }
  void openFrame(const wasm::Instr &in);
  void endFrame(const wasm::Instr &in);
  void elseFrame();

  // --- memory helpers (MemoryOps.cpp)
  ir::Type memIndexType(uint32_t memory) const;
  void load(const wasm::Instr &in, ir::Type t, ir::MemAccess access);
  void store(const wasm::Instr &in, ir::Type t, ir::MemAccess access);

  const ModuleContext &m_;
  ir::Function *f_ = nullptr;
  ir::Builder *b_ = nullptr;
  uint32_t funcIndex_ = 0;
  bool reachable_ = true;
  bool failed_ = false;
  Diagnostic diag_;
  SsaBuilder ssa_;
  std::vector<ir::Type> localTypes_;
  std::vector<ir::Value> stack_;
  std::vector<Frame> frames_;
  std::vector<ir::Value> ifParams_;
  std::vector<ir::Value> scratch_;
  std::vector<ir::BlockArgs> tableTargets_;
  ir::BasicBlock *returnBlock_ = nullptr;
};

} // namespace wasmaot::frontend

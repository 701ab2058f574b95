// BodyDecoder: the one decoder of function bodies and constant expressions,
// templated on whether it validates (V8's design). BodyDecoder<true, C>
// checks every rule of the Wasm 3.0 validation algorithm (operand stack with
// unreachable polymorphism, control frames, local initialization, index
// spaces, subtyping); BodyDecoder<false, C> compiles every check out but still
// tracks control frames, so that its consumer sees only reachable code.
//
// Consumer contract: see wasm/Instr.h. For constant expressions the decoder
// calls only instr() for each instruction and elseOrEnd() for the final `end`.
//
// Nothing here recurses on input, allocates from an unchecked input count, or
// asserts on input: every problem becomes a Diagnostic (Malformed for
// encoding errors, Invalid for validation errors, Limit for our own limits).
#pragma once

#include "wasm/Instr.h"
#include "wasm/Module.h"
#include "wasm/ModuleDecoderState.h"
#include "wasm/Opcodes.h"
#include "wasm/Reader.h"
#include "wasm/TypeSystem.h"
#include "wasmaot/Diagnostics.h"
#include "wasmaot/Features.h"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace wasmaot::wasm {

/// Documented limits (docs/limits.md).
inline constexpr uint32_t kMaxFunctionLocals = 50000;     // params + declared locals
inline constexpr uint32_t kMaxControlDepth = 10000;       // nested blocks
inline constexpr uint32_t kMaxOperandStack = 1u << 20;    // operand stack values

/// A consumer that ignores everything (validation only).
struct NullConsumer {
  void startFunction(uint32_t, std::span<const ValType>) {}
  void instr(const Instr &) {}
  void elseOrEnd(const Instr &, bool) {}
  void endFunction() {}
};

/// Decodes the body of defined function `funcIndex` without validating it: finds
/// only encoding (Malformed) errors. The spec reports a malformed body before any
/// validation error, so a module decoder that found an Invalid body can call this
/// on the remaining bodies (validateFunctionBody already does it for its own body).
bool checkFunctionBodyEncoding(const Module &module, uint32_t funcIndex, const Features &features,
                               Diagnostic &diag);

/// Text of a value type for diagnostics ("i32", "(ref null 3)", "funcref").
std::string valTypeName(ValType t);

template <bool Validate, class Consumer> class BodyDecoder {
public:
  BodyDecoder(const Module &m, const Features &f, Consumer &c) : m_(m), f_(f), c_(c) {}

  /// Decodes (and with Validate, validates) the body of defined function `funcIndex`.
  bool decodeFunction(uint32_t funcIndex, Diagnostic &diag);

  /// Decodes a constant expression of type `expected` from `bytes` (module offset
  /// `base`) up to its final `end`. With `exactEnd` the `end` must be the last byte.
  /// Globals at or above `numGlobals` are unknown. consumed() is its length.
  bool decodeConstExpr(std::span<const uint8_t> bytes, uint64_t base, ValType expected,
                       uint32_t numGlobals, bool exactEnd, Diagnostic &diag);

  size_t consumed() const { return r_.pos(); }

private:
  enum class FrameKind : uint8_t { Function, Block, Loop, If, Else, TryTable };
  struct Frame {
    FrameKind kind = FrameKind::Block;
    BlockType bt;
    uint32_t height = 0;     // operand stack height at entry (params excluded)
    uint32_t initHeight = 0; // local-initialization stack height at entry
    bool unreachable = false;    // after br/return/...: the stack is polymorphic
    bool reachableAtOpen = true; // the consumer saw the opening instruction
  };

  // ---- diagnostics -------------------------------------------------------
  bool fail(std::string msg, DiagKind kind = DiagKind::Invalid) {
    if (!failed_) {
      failed_ = true;
      diag_.kind = kind;
      diag_.offset = instrOffset_;
      diag_.funcIndex = constMode_ ? std::nullopt : std::optional<uint32_t>(funcIndex_);
      diag_.message = std::move(msg);
    }
    return false;
  }
  bool readerOk() {
    if (r_.ok()) return true;
    if (!failed_) {
      diag_ = r_.error();
      diag_.funcIndex = constMode_ ? std::nullopt : std::optional<uint32_t>(funcIndex_);
      failed_ = true;
    }
    return false;
  }
  std::string where() const { return std::string(" in ") + opcodeName(cur_.op); }

  // ---- types -------------------------------------------------------------
  bool sub(ValType a, ValType b) const {
    if (a.kind == ValType::Bot || b.kind == ValType::Bot) return true;
    if (a.kind != ValType::Ref || b.kind != ValType::Ref) return a.kind == b.kind;
    if (a.nullable && !b.nullable) return false;
    if (a.heap.isBottom()) return true;
    if (b.heap.isBottom()) return false;
    return isHeapSubtype(m_, a.heap, b.heap);
  }
  bool isCompKind(uint32_t t, CompKind k) const {
    return t < m_.types.size() && m_.types[t].comp.kind == k;
  }
  bool validHeap(HeapType h) {
    if (h.isIndex() && h.typeIndex() >= m_.types.size())
      return fail("unknown type " + std::to_string(h.typeIndex()));
    return true;
  }
  bool validValType(ValType t) { return !t.isRef() || validHeap(t.heap); }
  std::span<const ValType> btParams(const BlockType &bt) const {
    if (bt.kind == BlockType::Index) return m_.funcType(bt.typeIndex).params;
    return {};
  }
  std::span<const ValType> btResults(const BlockType &bt) const {
    if (bt.kind == BlockType::Index) return m_.funcType(bt.typeIndex).results;
    if (bt.kind == BlockType::Value) return std::span<const ValType>(&bt.value, 1);
    return {};
  }
  std::span<const ValType> labelTypes(const Frame &f) const {
    return f.kind == FrameKind::Loop ? btParams(f.bt) : btResults(f.bt);
  }
  ValType addrType(bool is64) const { return is64 ? ValType::i64() : ValType::i32(); }
  ValType slotType(SigSlot s, ValType addr) const {
    switch (s) {
    case SigSlot::I32: return ValType::i32();
    case SigSlot::I64: return ValType::i64();
    case SigSlot::F32: return ValType::f32();
    case SigSlot::F64: return ValType::f64();
    case SigSlot::V128: return ValType::v128();
    case SigSlot::Addr: return addr;
    }
    return ValType::bot();
  }
  static ValType refOf(AbsHeap h, bool nullable) { return ValType::ref(HeapType::abstract(h), nullable); }

  // ---- operand stack (Validate only) -------------------------------------
  void push(ValType t) {
    if (stack_.size() >= kMaxOperandStack) {
      fail("operand stack deeper than " + std::to_string(kMaxOperandStack), DiagKind::Limit);
      return;
    }
    stack_.push_back(t);
  }
  void pushTypes(std::span<const ValType> ts) {
    for (ValType t : ts) push(t);
  }
  std::string mismatch(std::string_view expected, std::string_view got) {
    return "type mismatch: instruction requires [" + std::string(expected) + "] but stack has [" +
           std::string(got) + "]" + where();
  }
  /// Pops any value; Bot on a polymorphic stack.
  ValType pop() {
    Frame &f = frames_.back();
    if (stack_.size() <= f.height) {
      if (!f.unreachable) fail(mismatch("a value", ""));
      return ValType::bot();
    }
    ValType v = stack_.back();
    stack_.pop_back();
    return v;
  }
  ValType popExpect(ValType t) {
    Frame &f = frames_.back();
    if (stack_.size() <= f.height) {
      if (!f.unreachable) fail(mismatch(valTypeName(t), ""));
      return ValType::bot();
    }
    ValType v = stack_.back();
    stack_.pop_back();
    if (!sub(v, t)) fail(mismatch(valTypeName(t), valTypeName(v)));
    return v;
  }
  void popTypes(std::span<const ValType> ts) {
    for (size_t i = ts.size(); i-- > 0;) popExpect(ts[i]);
  }
  /// Pops `n` values of type `t` without looping past a polymorphic stack base.
  void popN(ValType t, uint32_t n) {
    Frame &f = frames_.back();
    const size_t avail = stack_.size() - f.height;
    if (n > avail && !f.unreachable) {
      fail(mismatch(std::to_string(n) + " x " + valTypeName(t), std::to_string(avail) + " values"));
      return;
    }
    const size_t k = n < avail ? n : avail;
    for (size_t i = 0; i < k; ++i) popExpect(t);
  }
  /// Pops a reference (or Bot); non-references are a type mismatch.
  ValType popRef() {
    ValType v = pop();
    if (v.kind == ValType::Bot) return ValType::ref(HeapType::bottom(), true);
    if (!v.isRef()) fail(mismatch("reference", valTypeName(v)));
    return v;
  }
  /// Checks that the top values match `ts` without popping them.
  void checkTop(std::span<const ValType> ts) {
    Frame &f = frames_.back();
    const size_t avail = stack_.size() - f.height;
    for (size_t i = 0; i < ts.size(); ++i) {
      const ValType want = ts[ts.size() - 1 - i];
      if (i >= avail) {
        if (!f.unreachable) fail(mismatch(valTypeName(want), ""));
        return;
      }
      const ValType have = stack_[stack_.size() - 1 - i];
      if (!sub(have, want)) {
        fail(mismatch(valTypeName(want), valTypeName(have)));
        return;
      }
    }
  }
  void setUnreachable() {
    Frame &f = frames_.back();
    if constexpr (Validate) stack_.resize(f.height);
    f.unreachable = true;
  }
  /// Checks the stack holds exactly `ts` above the frame base, leaving it empty.
  void checkFrameEnd(std::span<const ValType> ts) {
    popTypes(ts);
    if (stack_.size() != frames_.back().height)
      fail("type mismatch: block has " + std::to_string(stack_.size() - frames_.back().height) +
           " extra value(s) at its end" + where());
  }

  // ---- immediates --------------------------------------------------------
  bool readIndex(uint32_t &out) {
    out = r_.u32();
    return readerOk();
  }
  bool readBlockType(BlockType &bt);
  bool readMemIndex(uint32_t &out);
  bool readMemArg(MemArg &ma);
  bool readImmediates(Instr &in, const OpcodeInfo &info);

  // ---- checks ------------------------------------------------------------
  bool checkLabel(uint32_t depth) {
    if (depth >= frames_.size()) return fail("unknown label " + std::to_string(depth));
    return true;
  }
  const Frame &labelFrame(uint32_t depth) const { return frames_[frames_.size() - 1 - depth]; }
  bool checkFunc(uint32_t f) {
    if (f >= m_.functions.size()) return fail("unknown function " + std::to_string(f));
    return true;
  }
  bool checkFuncType(uint32_t t) {
    if (t >= m_.types.size()) return fail("unknown type " + std::to_string(t));
    if (m_.types[t].comp.kind != CompKind::Func) return fail("type mismatch: type " + std::to_string(t) + " is not a function type" + where());
    return true;
  }
  bool checkStructType(uint32_t t) {
    if (t >= m_.types.size()) return fail("unknown type " + std::to_string(t));
    if (m_.types[t].comp.kind != CompKind::Struct) return fail("type mismatch: type " + std::to_string(t) + " is not a struct type" + where());
    return true;
  }
  bool checkArrayType(uint32_t t) {
    if (t >= m_.types.size()) return fail("unknown type " + std::to_string(t));
    if (m_.types[t].comp.kind != CompKind::Array) return fail("type mismatch: type " + std::to_string(t) + " is not an array type" + where());
    return true;
  }
  bool checkTable(uint32_t t) {
    if (t >= m_.tables.size()) return fail("unknown table " + std::to_string(t));
    return true;
  }
  bool checkMemory(uint32_t x) {
    if (x >= m_.memories.size()) return fail("unknown memory " + std::to_string(x));
    return true;
  }
  bool checkGlobal(uint32_t g) {
    if (g >= m_.globals.size() || (constMode_ && g >= numGlobals_))
      return fail("unknown global " + std::to_string(g));
    return true;
  }
  bool checkData(uint32_t d) {
    if (!m_.dataCount) return fail("data count section required", DiagKind::Malformed);
    if (d >= *m_.dataCount) return fail("unknown data segment " + std::to_string(d));
    return true;
  }
  bool checkElem(uint32_t e) {
    if (e >= m_.elems.size()) return fail("unknown elem segment " + std::to_string(e));
    return true;
  }
  bool checkTag(uint32_t t) {
    if (t >= m_.tags.size()) return fail("unknown tag " + std::to_string(t));
    return true;
  }
  bool checkLocal(uint32_t l) {
    if (l >= locals_.size()) return fail("unknown local " + std::to_string(l));
    return true;
  }
  bool checkLane(uint32_t lane, uint32_t lanes) {
    if (lane >= lanes) return fail("invalid lane index");
    return true;
  }
  bool checkConstOp(const Instr &in);
  bool checkReturnResults(std::span<const ValType> callee) {
    auto caller = btResults(frames_.front().bt);
    bool ok = callee.size() == caller.size();
    for (size_t i = 0; ok && i < callee.size(); ++i) ok = sub(callee[i], caller[i]);
    if (!ok) return fail("type mismatch: tail call results do not match the caller's" + where());
    return true;
  }
  bool checkCatch(const CatchClause &cc);
  void initLocal(uint32_t l) {
    if (!localInit_[l]) {
      localInit_[l] = 1;
      initStack_.push_back(l);
    }
  }
  void resetLocals(uint32_t height) {
    while (initStack_.size() > height) {
      localInit_[initStack_.back()] = 0;
      initStack_.pop_back();
    }
  }

  // ---- the instruction loop ----------------------------------------------
  bool pushFrame(FrameKind kind, const BlockType &bt) {
    if (frames_.size() >= kMaxControlDepth)
      return fail("control frames nested deeper than " + std::to_string(kMaxControlDepth), DiagKind::Limit);
    Frame f;
    f.kind = kind;
    f.bt = bt;
    f.height = uint32_t(stack_.size());
    f.initHeight = uint32_t(initStack_.size());
    // A frame opened in dead code starts a fresh (non-polymorphic) stack for
    // validation, but its code is still dead for the consumer.
    f.reachableAtOpen = frames_.empty() || reachableNow();
    f.unreachable = false;
    frames_.push_back(f);
    return true;
  }
  /// True when the consumer is told about the next instruction.
  bool reachableNow() const {
    return frames_.back().reachableAtOpen && !frames_.back().unreachable;
  }
  bool run(bool exactEnd);
  bool validate(Instr &in, const OpcodeInfo &info);
  bool validateSimple(const Instr &in, const OpcodeInfo &info);
  bool validateGc(Instr &in);
  bool control(Instr &in, bool reachable);

  const Module &m_;
  const Features &f_;
  Consumer &c_;
  Reader r_{std::span<const uint8_t>()};
  Diagnostic diag_;
  bool failed_ = false;
  bool constMode_ = false;
  uint32_t numGlobals_ = 0;
  uint32_t funcIndex_ = 0;
  uint64_t instrOffset_ = 0;
  Instr cur_;
  // The immediate kind of the instruction last decoded into cur_: every
  // instruction starts from a default Instr, and resetting only the fields the
  // previous one's immediates wrote is much cheaper than clearing the whole record.
  OpImm dirtyImm_ = OpImm::None;
  void resetImmediates() {
    switch (dirtyImm_) {
    case OpImm::None:
      return;
    case OpImm::Label:
    case OpImm::Func:
    case OpImm::Type:
    case OpImm::Local:
    case OpImm::Global:
    case OpImm::Table:
    case OpImm::Elem:
    case OpImm::Tag:
    case OpImm::Data:
    case OpImm::Memory:
      cur_.idx[0] = 0;
      return;
    case OpImm::I32:
      cur_.i32 = 0;
      return;
    case OpImm::I64:
      cur_.i64 = 0;
      return;
    case OpImm::F32:
      cur_.f32Bits = 0;
      return;
    case OpImm::F64:
      cur_.f64Bits = 0;
      return;
    case OpImm::MemArg:
      cur_.mem = MemArg{};
      return;
    default: // any other kind, a new one included: the whole record (always right)
      cur_ = Instr{};
      return;
    }
  }
  std::vector<ValType> locals_;
  std::vector<uint8_t> localInit_; // 1 = initialized (or defaultable)
  std::vector<uint32_t> initStack_;
  std::vector<ValType> stack_;
  std::vector<Frame> frames_;
  std::vector<uint32_t> targets_;
  std::vector<ValType> selectTypes_;
  std::vector<CatchClause> catches_;
};

} // namespace wasmaot::wasm

#include "wasm/BodyDecoderImpl.h"

// Builder: appends instructions to the end of a block, one convenience method per opcode family.
#pragma once

#include "ir/Conditions.h"
#include "ir/Function.h"
#include "ir/Opcode.h"
#include "ir/Signature.h"

#include <cstdint>
#include <initializer_list>
#include <span>

namespace wasmaot::ir {

/// Immediates of a load or store.
struct MemArg {
  uint32_t memory = 0;
  uint64_t offset = 0;
  uint8_t alignLog2 = 0;
  MemAccess access = MemAccess::Natural; ///< narrow access (loads: S8/U8/...; stores: U8/U16/U32)
  BoundsCheck bounds = BoundsCheck::Check;
  BoundsProof proof = BoundsProof::Unproven; ///< required when bounds == None
};

/// A branch target and its arguments, as passed to jump/brif/brTable.
struct BlockArgs {
  BasicBlock *block = nullptr;
  std::span<const Value> args = {};
};

/// Builds instructions at the end of the current block (setInsertBlock). The
/// builder does not check types: run the Verifier. Methods that make one value
/// return it; calls return the Inst (results: inst->result(i)).
///
/// Operand types, by family (T = the `type` argument):
///  - integer binary/unary: operands and result T (i8..i64); shift/rotate
///    counts are T too and taken modulo the width.
///  - icmp/fcmp: operands of one type; result i32 (0 or 1).
///  - conversions (sext, zext, ireduce, fcvt_*, fpromote, fdemote, bitcast):
///    T is the result type, the operand keeps its own type.
class Builder {
public:
  explicit Builder(Function &f) : f_(f) {}

  Function &function() { return f_; }

  // --- blocks
  BasicBlock *createBlock() { return f_.createBlock(); }
  /// Creates the entry block (must be the function's first block) with one
  /// parameter per signature parameter.
  BasicBlock *createEntryBlock();
  Value addBlockParam(BasicBlock *b, Type t) { return f_.addBlockParam(b, t); }
  void setInsertBlock(BasicBlock *b) { cur_ = b; }
  BasicBlock *insertBlock() const { return cur_; }
  /// True when the current block already ends in a terminator.
  bool isTerminated() const { return cur_ && cur_->terminator(); }

  // --- generic construction (for families without a named method)
  Value unary(Opcode op, Type t, Value a);
  Value binary(Opcode op, Type t, Value a, Value b);
  /// Appends a created instruction to the current block and returns it.
  Inst *insert(Inst *i);

  // --- constants
  /// `bits` is truncated to the width of `t` (an integer type).
  Value iconst(Type t, uint64_t bits);
  Value i32const(uint32_t v) { return iconst(Type::I32, v); }
  Value i64const(uint64_t v) { return iconst(Type::I64, v); }
  /// `bits` is the IEEE bit pattern of an f32 (low 32 bits) or f64.
  Value fconst(Type t, uint64_t bits);
  Value f32const(float v);
  Value f64const(double v);
  Value v128const(uint64_t low, uint64_t high);

  // --- integer
  Value iadd(Type t, Value a, Value b) { return binary(Opcode::Iadd, t, a, b); }
  Value isub(Type t, Value a, Value b) { return binary(Opcode::Isub, t, a, b); }
  Value imul(Type t, Value a, Value b) { return binary(Opcode::Imul, t, a, b); }
  Value sdiv(Type t, Value a, Value b) { return binary(Opcode::Sdiv, t, a, b); }
  Value udiv(Type t, Value a, Value b) { return binary(Opcode::Udiv, t, a, b); }
  Value srem(Type t, Value a, Value b) { return binary(Opcode::Srem, t, a, b); }
  Value urem(Type t, Value a, Value b) { return binary(Opcode::Urem, t, a, b); }
  Value band(Type t, Value a, Value b) { return binary(Opcode::Band, t, a, b); }
  Value bor(Type t, Value a, Value b) { return binary(Opcode::Bor, t, a, b); }
  Value bxor(Type t, Value a, Value b) { return binary(Opcode::Bxor, t, a, b); }
  Value ishl(Type t, Value a, Value b) { return binary(Opcode::Ishl, t, a, b); }
  Value sshr(Type t, Value a, Value b) { return binary(Opcode::Sshr, t, a, b); }
  Value ushr(Type t, Value a, Value b) { return binary(Opcode::Ushr, t, a, b); }
  Value rotl(Type t, Value a, Value b) { return binary(Opcode::Rotl, t, a, b); }
  Value rotr(Type t, Value a, Value b) { return binary(Opcode::Rotr, t, a, b); }
  Value clz(Type t, Value a) { return unary(Opcode::Clz, t, a); }
  Value ctz(Type t, Value a) { return unary(Opcode::Ctz, t, a); }
  Value popcnt(Type t, Value a) { return unary(Opcode::Popcnt, t, a); }
  /// i32 0/1; the operand type is taken from `a`.
  Value icmp(IntCC cc, Value a, Value b);
  /// cond (i32) != 0 ? a : b, of type t.
  Value select(Type t, Value cond, Value a, Value b);

  // --- float
  Value fadd(Type t, Value a, Value b) { return binary(Opcode::Fadd, t, a, b); }
  Value fsub(Type t, Value a, Value b) { return binary(Opcode::Fsub, t, a, b); }
  Value fmul(Type t, Value a, Value b) { return binary(Opcode::Fmul, t, a, b); }
  Value fdiv(Type t, Value a, Value b) { return binary(Opcode::Fdiv, t, a, b); }
  Value fmin(Type t, Value a, Value b) { return binary(Opcode::Fmin, t, a, b); }
  Value fmax(Type t, Value a, Value b) { return binary(Opcode::Fmax, t, a, b); }
  Value fcopysign(Type t, Value a, Value b) { return binary(Opcode::Fcopysign, t, a, b); }
  Value fabs(Type t, Value a) { return unary(Opcode::Fabs, t, a); }
  Value fneg(Type t, Value a) { return unary(Opcode::Fneg, t, a); }
  Value fsqrt(Type t, Value a) { return unary(Opcode::Fsqrt, t, a); }
  Value fceil(Type t, Value a) { return unary(Opcode::Fceil, t, a); }
  Value ffloor(Type t, Value a) { return unary(Opcode::Ffloor, t, a); }
  Value ftrunc(Type t, Value a) { return unary(Opcode::Ftrunc, t, a); }
  Value fnearest(Type t, Value a) { return unary(Opcode::Fnearest, t, a); }
  /// i32 0/1; the operand type is taken from `a`.
  Value fcmp(FloatCC cc, Value a, Value b);

  // --- conversions (`to` is the result type)
  Value sext(Type to, Value a) { return unary(Opcode::Sext, to, a); }
  Value zext(Type to, Value a) { return unary(Opcode::Zext, to, a); }
  Value ireduce(Type to, Value a) { return unary(Opcode::Ireduce, to, a); }
  /// Sign-extends the low `bits` (8, 16 or 32, less than the width of t) of `a` in place.
  Value sextLow(Type t, Value a, unsigned bits);
  Value fcvtToSint(Type to, Value a) { return unary(Opcode::FcvtToSint, to, a); }
  Value fcvtToUint(Type to, Value a) { return unary(Opcode::FcvtToUint, to, a); }
  Value fcvtToSintSat(Type to, Value a) { return unary(Opcode::FcvtToSintSat, to, a); }
  Value fcvtToUintSat(Type to, Value a) { return unary(Opcode::FcvtToUintSat, to, a); }
  Value fcvtFromSint(Type to, Value a) { return unary(Opcode::FcvtFromSint, to, a); }
  Value fcvtFromUint(Type to, Value a) { return unary(Opcode::FcvtFromUint, to, a); }
  Value fpromote(Value a) { return unary(Opcode::Fpromote, Type::F64, a); }
  Value fdemote(Value a) { return unary(Opcode::Fdemote, Type::F32, a); }
  Value bitcast(Type to, Value a) { return unary(Opcode::Bitcast, to, a); }

  // --- traps
  /// Terminator.
  void trap(TrapCode code);
  /// Traps when `v` (an integer) is zero / non-zero.
  void trapz(Value v, TrapCode code);
  void trapnz(Value v, TrapCode code);

  // --- memory
  /// `t` is the result type; a narrow access (m.access) extends to it.
  Value load(Type t, Value addr, const MemArg &m);
  /// `t` is the type of `value`; a narrow access (U8/U16/U32) stores its low bits.
  void store(Type t, Value addr, Value value, const MemArg &m);
  /// `indexType` is the memory's index type (i32, or i64 for memory64).
  Value memorySize(Type indexType, uint32_t memory);
  /// Returns the old size in pages, or -1 (all ones) on failure.
  Value memoryGrow(Type indexType, uint32_t memory, Value deltaPages);
  void memoryFill(uint32_t memory, Value dst, Value byteValue, Value len);
  void memoryCopy(uint32_t dstMemory, uint32_t srcMemory, Value dst, Value src, Value len);
  void memoryInit(uint32_t memory, uint32_t dataSegment, Value dst, Value srcOffset, Value len);
  void dataDrop(uint32_t dataSegment);

  // --- globals
  Value globalGet(Type t, uint32_t global);
  void globalSet(uint32_t global, Value v);

  // --- tables (elements are `ref`)
  Value tableGet(uint32_t table, Value index);
  void tableSet(uint32_t table, Value index, Value value);
  Value tableSize(Type indexType, uint32_t table);
  Value tableGrow(Type indexType, uint32_t table, Value init, Value delta);
  void tableFill(uint32_t table, Value dst, Value value, Value len);
  void tableCopy(uint32_t dstTable, uint32_t srcTable, Value dst, Value src, Value len);
  void tableInit(uint32_t table, uint32_t elemSegment, Value dst, Value srcOffset, Value len);
  void elemDrop(uint32_t elemSegment);

  // --- references
  Value refNull();
  Value refIsNull(Value r);
  Value refFunc(uint32_t function);
  Value refEq(Value a, Value b);
  /// Traps (null_reference) when `r` is null; returns `r` as a known non-null value.
  Value refAsNonNull(Value r);

  // --- calls (results typed from `calleeSig`)
  Inst *call(uint32_t function, const Signature &calleeSig, std::span<const Value> args);
  Inst *callIndirect(uint32_t sigIndex, const Signature &sig, uint32_t table, Value calleeIndex,
                     std::span<const Value> args, bool checkSignature = true);
  Inst *callRef(uint32_t sigIndex, const Signature &sig, Value ref, std::span<const Value> args);

  // --- terminators
  Inst *jump(BasicBlock *dest, std::span<const Value> args = {});
  /// cond (i32) != 0 goes to `thenDest`, else to `elseDest`.
  Inst *brif(Value cond, BasicBlock *thenDest, std::span<const Value> thenArgs, BasicBlock *elseDest,
             std::span<const Value> elseArgs);
  /// index (i32) selects table[index], or `deflt` when index >= table.size().
  Inst *brTable(Value index, std::span<const BlockArgs> table, BlockArgs deflt);
  Inst *ret(std::span<const Value> values);

  // --- editing existing terminators (SSA construction)
  void appendBranchArg(Inst *term, unsigned target, Value v) { f_.appendBranchArg(term, target, v); }
  void setBranchArgs(Inst *term, unsigned target, std::span<const Value> args) {
    f_.setBranchArgs(term, target, args);
  }
  void replaceAllUses(Value from, Value to) { f_.replaceAllUses(from, to); }
  void removeBlockParam(BasicBlock *b, unsigned index) { f_.removeBlockParam(b, index); }
  void removeBlock(BasicBlock *b) { f_.removeBlock(b); }

private:
  Inst *make(Opcode op, Type t, std::initializer_list<Value> operands,
             std::span<const Type> results);
  Value one(Opcode op, Type t, std::initializer_list<Value> operands, Type result);

  Function &f_;
  BasicBlock *cur_ = nullptr;
};

} // namespace wasmaot::ir

// Inst: one IR instruction (arena-allocated, trivially destructible) and the
// branch-target record terminators carry.
#pragma once

#include "ir/Conditions.h"
#include "ir/Opcode.h"
#include "ir/Type.h"
#include "ir/Value.h"

#include <cstdint>
#include <span>

namespace wasmaot::ir {

struct BasicBlock;

/// A branch target with its arguments (one per parameter of `block`).
/// Arguments live in the function's arena and can grow (Function::appendBranchArg).
struct BlockCall {
  BasicBlock *block = nullptr;
  Value *args = nullptr;
  uint32_t numArgs = 0;
  uint32_t capacity = 0;

  std::span<Value> argList() const { return {args, numArgs}; }
};

/// One instruction. Which fields an opcode uses depends on its Format:
///  - type:    the controlling (suffix) type; for most opcodes the result type,
///             for icmp/fcmp/trapz the operand type, for store the stored type,
///             for memory_size/memory_grow/table_size/table_grow the index type.
///  - aux:     IntCC (icmp), FloatCC (fcmp), TrapCode (trap, trapz, trapnz),
///             1 = check signature (call_indirect).
///  - imm[0]:  iconst value (masked to the type width), fconst bit pattern,
///             v128const low 64 bits, sext_low source bits, load/store offset.
///  - imm[1]:  v128const high 64 bits.
///  - idx[0]:  memory (load, store, memory_*), data segment (data_drop), global,
///             table (table_*), elem segment (elem_drop), function (call,
///             ref_func), signature (call_indirect, call_ref).
///  - idx[1]:  source memory (memory_copy), data segment (memory_init), source
///             table (table_copy), elem segment (table_init), table (call_indirect).
///  - operands: in text order (e.g. store: address, value; call_indirect: callee
///             index then arguments; brif/br_table: the condition/index).
///  - targets: jump: 1; brif: then, else; br_table: the table entries then the default.
struct Inst {
  Opcode op = Opcode::Iconst;
  Type type = Type::I32;
  uint8_t aux = 0;
  MemAccess access = MemAccess::Natural;
  BoundsCheck bounds = BoundsCheck::Check;
  BoundsProof proof = BoundsProof::Unproven;
  uint8_t alignLog2 = 0;

  uint32_t numOperands = 0;
  uint32_t numResults = 0;
  uint32_t numTargets = 0;
  Value *operands = nullptr;
  Value firstResult; ///< results are the consecutive values firstResult.id + i
  BlockCall *targets = nullptr;

  uint64_t imm[2] = {0, 0};
  uint32_t idx[2] = {0, 0};

  BasicBlock *block = nullptr; ///< containing block (null when not inserted)
  Inst *prev = nullptr;
  Inst *next = nullptr;

  Value operand(unsigned i) const { return operands[i]; }
  std::span<Value> operandList() const { return {operands, numOperands}; }
  Value result(unsigned i = 0) const { return Value(firstResult.id + i); }
  std::span<BlockCall> targetList() const { return {targets, numTargets}; }

  IntCC intCC() const { return static_cast<IntCC>(aux); }
  FloatCC floatCC() const { return static_cast<FloatCC>(aux); }
  TrapCode trapCode() const { return static_cast<TrapCode>(aux); }
  bool checksSignature() const { return aux != 0; }
  uint64_t offset() const { return imm[0]; }
  bool isTerminator() const { return ir::isTerminator(op); }
};

} // namespace wasmaot::ir

// Opcode: the IR opcode enumeration, operand formats and flags, all generated
// from Opcodes.def.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace wasmaot::ir {

/// Operand/result shape and text layout of an opcode. Which Inst fields each
/// format uses is documented on ir::Inst (Inst.h) and in docs/ir.md.
enum class Format : uint8_t {
  IntConst,     ///< vR = iconst.T IMM                       (imm[0])
  FloatConst,   ///< vR = fconst.T 0xBITS                    (imm[0] = bit pattern)
  V128Const,    ///< vR = v128const 0xHI..LO                 (imm[0] = low, imm[1] = high 64 bits)
  Unary,        ///< vR = op.T vA
  UnaryImm,     ///< vR = op.T vA, N                         (imm[0] = N)
  Binary,       ///< vR = op.T vA, vB
  IntCompare,   ///< vR = icmp.T COND vA, vB                 (aux = IntCC; R is i32, T the operand type)
  FloatCompare, ///< vR = fcmp.T COND vA, vB                 (aux = FloatCC)
  Select,       ///< vR = select.T vC, vA, vB                (C i32: C != 0 ? A : B)
  CondTrap,     ///< trapz vA, CODE                          (aux = TrapCode)
  Load,         ///< vR = load.T vAddr mem0 [s8|u8|...] offset=N align=N bounds=...
  Store,        ///< store.T vAddr, vVal mem0 [8|16|32] offset=N align=N bounds=...
  MemorySize,   ///< vR = memory_size.T mem0                 (T = index type)
  MemoryGrow,   ///< vR = memory_grow.T mem0, vDelta
  MemoryFill,   ///< memory_fill mem0, vDst, vVal, vLen
  MemoryCopy,   ///< memory_copy mem0, mem1, vDst, vSrc, vLen
  MemoryInit,   ///< memory_init mem0, data1, vDst, vSrc, vLen
  DataDrop,     ///< data_drop data1
  GlobalGet,    ///< vR = global_get.T global0
  GlobalSet,    ///< global_set global0, vA
  TableGet,     ///< vR = table_get table0, vIdx
  TableSet,     ///< table_set table0, vIdx, vVal
  TableSize,    ///< vR = table_size.T table0
  TableGrow,    ///< vR = table_grow.T table0, vInit, vDelta
  TableFill,    ///< table_fill table0, vDst, vVal, vLen
  TableCopy,    ///< table_copy table0, table1, vDst, vSrc, vLen
  TableInit,    ///< table_init table0, elem1, vDst, vSrc, vLen
  ElemDrop,     ///< elem_drop elem1
  RefNull,      ///< vR = ref_null
  RefFunc,      ///< vR = ref_func fn3
  Call,         ///< vR... = call fn3(vArgs...)
  CallIndirect, ///< vR... = call_indirect sig1, table0, vIdx(vArgs...) [nocheck]
  CallRef,      ///< vR... = call_ref sig1, vRef(vArgs...)
  Jump,         ///< jump block1(vArgs...)
  Brif,         ///< brif vC, block1(vArgs...), block2(vArgs...)
  BrTable,      ///< br_table vIdx, [block1(..), block2(..)], block3(..)
  Return,       ///< return vA, vB, ...
  Trap,         ///< trap CODE
};

/// Flag bits of an opcode (see Opcodes.def).
enum OpFlag : uint8_t {
  kTrap = 1,     ///< may trap
  kEffect = 2,   ///< has side effects (writes state, calls)
  kRead = 4,     ///< reads mutable state (memory, globals, tables)
  kTerm = 8,     ///< terminator: last instruction of a block, and only there
  kNoSuffix = 16 ///< text form has no `.type` suffix
};

enum class Opcode : uint8_t {
#define IR_OPCODE(Enum, Name, Fmt, Flags) Enum,
#include "ir/Opcodes.def"
};

inline constexpr unsigned kNumOpcodes = 0
#define IR_OPCODE(Enum, Name, Fmt, Flags) +1
#include "ir/Opcodes.def"
    ;

/// Text name, e.g. "iadd".
const char *opcodeName(Opcode op);
Format opcodeFormat(Opcode op);
uint8_t opcodeFlags(Opcode op);
std::optional<Opcode> parseOpcode(std::string_view name);

inline bool mayTrap(Opcode op) { return opcodeFlags(op) & kTrap; }
inline bool hasSideEffects(Opcode op) { return opcodeFlags(op) & kEffect; }
inline bool readsState(Opcode op) { return opcodeFlags(op) & kRead; }
inline bool isTerminator(Opcode op) { return opcodeFlags(op) & kTerm; }
inline bool hasTypeSuffix(Opcode op) { return !(opcodeFlags(op) & kNoSuffix); }

} // namespace wasmaot::ir

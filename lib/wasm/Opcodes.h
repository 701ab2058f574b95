// Opcodes: the Wasm instruction enum and its per-opcode facts, generated from
// Opcodes.def (the single opcode table; edit that file, not this one).
#pragma once

#include "wasmaot/Features.h"

#include <array>
#include <cstdint>
#include <optional>

namespace wasmaot::wasm {

enum class Opcode : uint16_t {
#define OPCODE(Name, prefix, code, text, Imm, Feature, Sig, Aux) Name,
#include "wasm/Opcodes.def"
};

inline constexpr uint32_t kNumOpcodes = 0
#define OPCODE(Name, prefix, code, text, Imm, Feature, Sig, Aux) +1
#include "wasm/Opcodes.def"
    ;

/// The immediate operands an instruction carries, in binary order.
enum class OpImm : uint8_t {
  None,
  Block,        // block type (block, loop, if)
  Label,        // label index (br, br_if, br_on_null, br_on_non_null)
  BrTable,      // vec(label) label
  Func,         // function index
  CallIndirect, // type index, table index
  Type,         // type index
  TypeField,    // type index, field index
  TypeCount,    // type index, u32 count (array.new_fixed)
  TypeData,     // type index, data index
  TypeElem,     // type index, elem index
  TypeType,     // two type indices (array.copy: dst, src)
  Local,
  Global,
  Table,
  Memory,       // memory index (a zero byte without multi-memory)
  MemoryMemory, // dst, src memory (memory.copy)
  DataMemory,   // data index, memory index (memory.init)
  Data,
  Elem,
  ElemTable,    // elem index, table index (table.init)
  TableTable,   // dst, src table (table.copy)
  Tag,
  TryTable,     // block type, vec(catch)
  MemArg,       // align (+memory index), offset
  MemArgLane,   // memarg then lane index
  Lane,         // lane index byte
  I32,
  I64,
  F32,
  F64,
  V128,         // 16 bytes
  Shuffle,      // 16 lane-index bytes
  SelectT,      // vec(valtype)
  HeapType,     // heap type (ref.null, ref.test, ref.cast)
  BrOnCast,     // flags byte, label, heap type, heap type
};

/// The proposal an instruction belongs to (checked against Features).
enum class OpFeature : uint8_t {
  Mvp,
  SignExt,
  SatConv,
  BulkMemory,
  RefTypes,
  Simd,
  RelaxedSimd,
  TailCall,
  Exceptions,
  FuncRefs,
  Gc,
};

/// Operand/result signatures of the simple (table-validated) operators:
/// <params>_<results>; `A` is the address type of the instruction's memory.
enum class OpSig : uint8_t {
  None,
  I32_I32, I64_I64, F32_F32, F64_F64, V128_V128,
  I32I32_I32, I64I64_I64, F32F32_F32, F64F64_F64, V128V128_V128, V128V128V128_V128,
  I64_I32, I64I64_I32, F32F32_I32, F64F64_I32,
  F32_I32, F64_I32, I32_I64, F32_I64, F64_I64, I32_F32, I64_F32, F64_F32, I32_F64, I64_F64,
  F32_F64,
  I32_V128, I64_V128, F32_V128, F64_V128,
  V128_I32, V128_I64, V128_F32, V128_F64,
  V128I32_V128, V128I64_V128, V128F32_V128, V128F64_V128,
  A_I32, A_I64, A_F32, A_F64, A_V128,
  AI32_, AI64_, AF32_, AF64_, AV128_, AV128_V128,
};

/// One operand or result slot of an OpSig.
enum class SigSlot : uint8_t { I32, I64, F32, F64, V128, Addr };

struct SigInfo {
  uint8_t numParams = 0;
  uint8_t numResults = 0;
  SigSlot params[3] = {};
  SigSlot result = SigSlot::I32;
};

struct OpcodeInfo {
  const char *name;
  uint8_t prefix; // 0, 0xFB, 0xFC or 0xFD
  uint16_t code;
  OpImm imm;
  OpFeature feature;
  OpSig sig;
  uint8_t aux; // natural alignment log2 (memory accesses) or lane count (lane immediates)
};

namespace detail {
// Tables of Opcodes.cpp, visible so the per-instruction queries below inline.
extern const OpcodeInfo kOpcodeInfo[];
extern const std::array<uint16_t, 256> kSingleByteOpcode; // code -> Opcode, or kNoOpcode
inline constexpr uint16_t kNoOpcode = 0xFFFF;
std::optional<Opcode> lookupPrefixedOpcode(uint8_t prefix, uint32_t code);
bool featureEnabledSlow(const Features &features, OpFeature f);
} // namespace detail

inline const OpcodeInfo &opcodeInfo(Opcode op) { return detail::kOpcodeInfo[size_t(op)]; }
/// The text-format name, e.g. "i32.add".
inline const char *opcodeName(Opcode op) { return opcodeInfo(op).name; }
const SigInfo &sigInfo(OpSig sig);

/// The opcode encoded as (prefix, code); prefix 0 for single-byte opcodes.
inline std::optional<Opcode> lookupOpcode(uint8_t prefix, uint32_t code) {
  if (prefix != 0) return detail::lookupPrefixedOpcode(prefix, code);
  if (code >= 256 || detail::kSingleByteOpcode[code] == detail::kNoOpcode) return std::nullopt;
  return Opcode(detail::kSingleByteOpcode[code]);
}
/// True for the prefix bytes 0xFB, 0xFC and 0xFD.
constexpr bool isOpcodePrefix(uint8_t byte) { return byte == 0xFB || byte == 0xFC || byte == 0xFD; }

/// True when `features` enables the proposal `f`.
inline bool featureEnabled(const Features &features, OpFeature f) {
  return f == OpFeature::Mvp || detail::featureEnabledSlow(features, f);
}

} // namespace wasmaot::wasm

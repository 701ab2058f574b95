// Opcodes: per-opcode facts and (prefix, code) lookup tables built from Opcodes.def.
#include "wasm/Opcodes.h"

#include <array>

namespace wasmaot::wasm {

// Declared in Opcodes.h (so opcodeInfo inlines); defined here, constexpr, for the lookup tables.
constexpr OpcodeInfo detail::kOpcodeInfo[kNumOpcodes] = {
#define OPCODE(Name, prefix, code, text, Imm, Feature, Sig, Aux)                                  \
  {text, uint8_t(prefix), uint16_t(code), OpImm::Imm, OpFeature::Feature, OpSig::Sig, uint8_t(Aux)},
#include "wasm/Opcodes.def"
};

namespace {

constexpr const OpcodeInfo *kInfo = detail::kOpcodeInfo;

constexpr uint16_t kNone = detail::kNoOpcode;
constexpr size_t kSingleSize = 256, kGcSize = 32, kMiscSize = 32, kSimdSize = 0x114;

template <size_t N> constexpr std::array<uint16_t, N> buildLookup(uint8_t prefix) {
  std::array<uint16_t, N> table{};
  for (auto &e : table) e = kNone;
  for (uint32_t i = 0; i < kNumOpcodes; ++i)
    if (kInfo[i].prefix == prefix && kInfo[i].code < N) table[kInfo[i].code] = uint16_t(i);
  return table;
}

constexpr auto kGc = buildLookup<kGcSize>(0xFB);
constexpr auto kMisc = buildLookup<kMiscSize>(0xFC);
constexpr auto kSimd = buildLookup<kSimdSize>(0xFD);

using S = SigSlot;
constexpr SigInfo sig(std::initializer_list<S> params, std::initializer_list<S> results) {
  SigInfo s;
  for (S p : params) s.params[s.numParams++] = p;
  for (S r : results) {
    s.result = r;
    ++s.numResults;
  }
  return s;
}

} // namespace

constexpr std::array<uint16_t, 256> detail::kSingleByteOpcode = buildLookup<kSingleSize>(0);

const SigInfo &sigInfo(OpSig s) {
  static constexpr SigInfo kNoneSig{};
  static constexpr SigInfo kI32_I32 = sig({S::I32}, {S::I32}), kI64_I64 = sig({S::I64}, {S::I64}),
      kF32_F32 = sig({S::F32}, {S::F32}), kF64_F64 = sig({S::F64}, {S::F64}),
      kV128_V128 = sig({S::V128}, {S::V128}), kI32I32_I32 = sig({S::I32, S::I32}, {S::I32}),
      kI64I64_I64 = sig({S::I64, S::I64}, {S::I64}), kF32F32_F32 = sig({S::F32, S::F32}, {S::F32}),
      kF64F64_F64 = sig({S::F64, S::F64}, {S::F64}),
      kV128V128_V128 = sig({S::V128, S::V128}, {S::V128}),
      kV128V128V128_V128 = sig({S::V128, S::V128, S::V128}, {S::V128}),
      kI64_I32 = sig({S::I64}, {S::I32}), kI64I64_I32 = sig({S::I64, S::I64}, {S::I32}),
      kF32F32_I32 = sig({S::F32, S::F32}, {S::I32}), kF64F64_I32 = sig({S::F64, S::F64}, {S::I32}),
      kF32_I32 = sig({S::F32}, {S::I32}), kF64_I32 = sig({S::F64}, {S::I32}),
      kI32_I64 = sig({S::I32}, {S::I64}), kF32_I64 = sig({S::F32}, {S::I64}),
      kF64_I64 = sig({S::F64}, {S::I64}), kI32_F32 = sig({S::I32}, {S::F32}),
      kI64_F32 = sig({S::I64}, {S::F32}), kF64_F32 = sig({S::F64}, {S::F32}),
      kI32_F64 = sig({S::I32}, {S::F64}), kI64_F64 = sig({S::I64}, {S::F64}),
      kF32_F64 = sig({S::F32}, {S::F64}), kI32_V128 = sig({S::I32}, {S::V128}),
      kI64_V128 = sig({S::I64}, {S::V128}), kF32_V128 = sig({S::F32}, {S::V128}),
      kF64_V128 = sig({S::F64}, {S::V128}), kV128_I32 = sig({S::V128}, {S::I32}),
      kV128_I64 = sig({S::V128}, {S::I64}), kV128_F32 = sig({S::V128}, {S::F32}),
      kV128_F64 = sig({S::V128}, {S::F64}), kV128I32_V128 = sig({S::V128, S::I32}, {S::V128}),
      kV128I64_V128 = sig({S::V128, S::I64}, {S::V128}),
      kV128F32_V128 = sig({S::V128, S::F32}, {S::V128}),
      kV128F64_V128 = sig({S::V128, S::F64}, {S::V128}), kA_I32 = sig({S::Addr}, {S::I32}),
      kA_I64 = sig({S::Addr}, {S::I64}), kA_F32 = sig({S::Addr}, {S::F32}),
      kA_F64 = sig({S::Addr}, {S::F64}), kA_V128 = sig({S::Addr}, {S::V128}),
      kAI32_ = sig({S::Addr, S::I32}, {}), kAI64_ = sig({S::Addr, S::I64}, {}),
      kAF32_ = sig({S::Addr, S::F32}, {}), kAF64_ = sig({S::Addr, S::F64}, {}),
      kAV128_ = sig({S::Addr, S::V128}, {}), kAV128_V128 = sig({S::Addr, S::V128}, {S::V128});
  switch (s) {
#define SIG_CASE(N) case OpSig::N: return k##N;
    SIG_CASE(I32_I32) SIG_CASE(I64_I64) SIG_CASE(F32_F32) SIG_CASE(F64_F64) SIG_CASE(V128_V128)
    SIG_CASE(I32I32_I32) SIG_CASE(I64I64_I64) SIG_CASE(F32F32_F32) SIG_CASE(F64F64_F64)
    SIG_CASE(V128V128_V128) SIG_CASE(V128V128V128_V128) SIG_CASE(I64_I32) SIG_CASE(I64I64_I32)
    SIG_CASE(F32F32_I32) SIG_CASE(F64F64_I32) SIG_CASE(F32_I32) SIG_CASE(F64_I32)
    SIG_CASE(I32_I64) SIG_CASE(F32_I64) SIG_CASE(F64_I64) SIG_CASE(I32_F32) SIG_CASE(I64_F32)
    SIG_CASE(F64_F32) SIG_CASE(I32_F64) SIG_CASE(I64_F64) SIG_CASE(F32_F64) SIG_CASE(I32_V128)
    SIG_CASE(I64_V128) SIG_CASE(F32_V128) SIG_CASE(F64_V128) SIG_CASE(V128_I32)
    SIG_CASE(V128_I64) SIG_CASE(V128_F32) SIG_CASE(V128_F64) SIG_CASE(V128I32_V128)
    SIG_CASE(V128I64_V128) SIG_CASE(V128F32_V128) SIG_CASE(V128F64_V128) SIG_CASE(A_I32)
    SIG_CASE(A_I64) SIG_CASE(A_F32) SIG_CASE(A_F64) SIG_CASE(A_V128) SIG_CASE(AI32_)
    SIG_CASE(AI64_) SIG_CASE(AF32_) SIG_CASE(AF64_) SIG_CASE(AV128_) SIG_CASE(AV128_V128)
#undef SIG_CASE
  case OpSig::None:
    return kNoneSig;
  }
  return kNoneSig;
}

std::optional<Opcode> detail::lookupPrefixedOpcode(uint8_t prefix, uint32_t code) {
  uint16_t i = kNone;
  switch (prefix) {
  case 0: i = code < kSingleSize ? kSingleByteOpcode[code] : kNone; break;
  case 0xFB: i = code < kGcSize ? kGc[code] : kNone; break;
  case 0xFC: i = code < kMiscSize ? kMisc[code] : kNone; break;
  case 0xFD: i = code < kSimdSize ? kSimd[code] : kNone; break;
  default: break;
  }
  if (i == kNone) return std::nullopt;
  return Opcode(i);
}

bool detail::featureEnabledSlow(const Features &f, OpFeature feature) {
  switch (feature) {
  case OpFeature::Mvp: return true;
  case OpFeature::SignExt: return f.signExtension;
  case OpFeature::SatConv: return f.saturatingConversions;
  case OpFeature::BulkMemory: return f.bulkMemory;
  case OpFeature::RefTypes: return f.referenceTypes;
  case OpFeature::Simd: return f.simd;
  case OpFeature::RelaxedSimd: return f.simd && f.relaxedSimd;
  case OpFeature::TailCall: return f.tailCall;
  case OpFeature::Exceptions: return f.exceptions;
  case OpFeature::FuncRefs: return f.functionReferences || f.gc;
  case OpFeature::Gc: return f.gc;
  }
  return false;
}

} // namespace wasmaot::wasm

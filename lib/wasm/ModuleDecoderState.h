// ModuleDecoderState: what decodeModule's section decoders share (internal to lib/wasm).
//
// Decoding runs in two phases, as the spec interpreter does: first every
// section is decoded (malformed-input errors), then the module is validated
// (invalid-module errors). Validation errors found while decoding are kept in
// `deferred` and reported only when the whole binary decoded cleanly.
#pragma once

#include "wasm/Decoder.h"
#include "wasm/Module.h"
#include "wasm/Reader.h"

#include <optional>
#include <vector>

namespace wasmaot::wasm::detail {

struct DecodeState {
  const Features &features;
  Module &m;
  std::vector<uint32_t> funcTypeIndices; // the function section
  std::vector<ByteRange> bodies;         // the code section
  /// Function indices referenced by ref.func in constant expressions.
  std::vector<uint32_t> constFuncRefs;
  std::optional<Diagnostic> deferred;

  DecodeState(const Features &f, Module &mod) : features(f), m(mod) {}
  /// Records a validation error to report once decoding has finished.
  void deferInvalid(uint64_t offset, std::string message, DiagKind kind = DiagKind::Invalid) {
    if (deferred) return;
    deferred = Diagnostic{kind, offset, std::nullopt, std::move(message)};
  }
};

// Value, reference, heap and storage types (ValTypeDecoder.cpp).
bool readValType(Reader &r, const Features &f, ValType &out);
bool readRefType(Reader &r, const Features &f, ValType &out);
bool readHeapType(Reader &r, const Features &f, HeapType &out);
bool readStorageType(Reader &r, const Features &f, StorageType &out);
bool readMutability(Reader &r, bool &mut);
bool readLimits(Reader &r, const Features &f, Limits &out);
/// Reads a constant expression up to and including its final `end`, recording
/// ref.func indices in `st.constFuncRefs`. Typing is left to validateConstExpr.
bool readConstExpr(Reader &r, DecodeState &st, ConstExpr &out);

// Sections (TypeSectionDecoder.cpp, ModuleSectionDecoder.cpp, SegmentDecoder.cpp).
bool decodeTypeSection(Reader &r, DecodeState &st);
bool decodeImportSection(Reader &r, DecodeState &st);
bool decodeFunctionSection(Reader &r, DecodeState &st);
bool decodeTableSection(Reader &r, DecodeState &st);
bool decodeMemorySection(Reader &r, DecodeState &st);
bool decodeTagSection(Reader &r, DecodeState &st);
bool decodeGlobalSection(Reader &r, DecodeState &st);
bool decodeExportSection(Reader &r, DecodeState &st);
bool decodeStartSection(Reader &r, DecodeState &st);
bool decodeElementSection(Reader &r, DecodeState &st);
bool decodeDataCountSection(Reader &r, DecodeState &st);
bool decodeCodeSection(Reader &r, DecodeState &st);
bool decodeDataSection(Reader &r, DecodeState &st);

/// The `name` custom section; never fails (NameSection.cpp).
void decodeNameSection(Module &m, ByteRange contents);

/// Validation of everything outside function bodies (ModuleValidator.cpp).
bool validateModuleFields(DecodeState &st, const DecodeOptions &options, Diagnostic &diag);

} // namespace wasmaot::wasm::detail

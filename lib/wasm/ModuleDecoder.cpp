// ModuleDecoder: decodeModule, the driver: header, section ids, sizes and
// order, then the module-level consistency checks, then validation.
#include "wasm/ModuleDecoderState.h"

#include <string>

namespace wasmaot::wasm {

namespace {

using namespace detail;

enum SectionId : uint8_t {
  kCustom = 0, kType = 1, kImport = 2, kFunction = 3, kTable = 4, kMemory = 5, kGlobal = 6,
  kExport = 7, kStart = 8, kElement = 9, kCode = 10, kData = 11, kDataCount = 12, kTag = 13,
};

/// Position of a known section in the required order (custom sections excepted).
int sectionRank(uint8_t id) {
  switch (id) {
  case kType: return 1;
  case kImport: return 2;
  case kFunction: return 3;
  case kTable: return 4;
  case kMemory: return 5;
  case kTag: return 6;
  case kGlobal: return 7;
  case kExport: return 8;
  case kStart: return 9;
  case kElement: return 10;
  case kDataCount: return 11;
  case kCode: return 12;
  case kData: return 13;
  default: return 0;
  }
}

bool sectionEnabled(uint8_t id, const Features &f) {
  if (id == kTag) return f.exceptions;
  if (id == kDataCount) return f.bulkMemory;
  return id <= kDataCount;
}

bool decodeSection(uint8_t id, Reader &r, DecodeState &st) {
  switch (id) {
  case kType: return decodeTypeSection(r, st);
  case kImport: return decodeImportSection(r, st);
  case kFunction: return decodeFunctionSection(r, st);
  case kTable: return decodeTableSection(r, st);
  case kMemory: return decodeMemorySection(r, st);
  case kTag: return decodeTagSection(r, st);
  case kGlobal: return decodeGlobalSection(r, st);
  case kExport: return decodeExportSection(r, st);
  case kStart: return decodeStartSection(r, st);
  case kElement: return decodeElementSection(r, st);
  case kDataCount: return decodeDataCountSection(r, st);
  case kCode: return decodeCodeSection(r, st);
  case kData: return decodeDataSection(r, st);
  default: return false;
  }
}

bool fail(Diagnostic &diag, uint64_t offset, std::string message, DiagKind kind = DiagKind::Malformed) {
  diag = Diagnostic{kind, offset, std::nullopt, std::move(message)};
  return false;
}

/// A section reader's error; running out of a section's bytes is reported
/// with the spec interpreter's phrase for it.
bool sectionError(const Reader &r, Diagnostic &diag) {
  diag = r.error();
  if (diag.message == "unexpected end") diag.message = "unexpected end of section or function";
  return false;
}

bool decodeCustomSection(Module &m, Reader &r, Diagnostic &diag) {
  const uint64_t start = r.offset();
  CustomSection c;
  c.name = r.name();
  if (!r.ok()) return sectionError(r, diag);
  c.contents = ByteRange{uint32_t(r.offset()), uint32_t(r.left())};
  r.skip(r.left());
  (void)start;
  if (c.name == "name") decodeNameSection(m, c.contents);
  m.customs.push_back(std::move(c));
  return true;
}

bool decodeSections(std::span<const uint8_t> bytes, const DecodeOptions &options, DecodeState &st,
                    Diagnostic &diag) {
  Module &out = st.m;
  if (bytes.size() > UINT32_MAX)
    return fail(diag, 0, "module larger than 4 GiB", DiagKind::Limit);
  out.bytes.assign(bytes.begin(), bytes.end());
  const std::span<const uint8_t> data(out.bytes);

  static constexpr uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6D};
  static constexpr uint8_t kVersion[4] = {0x01, 0x00, 0x00, 0x00};
  if (data.size() < 4) return fail(diag, data.size(), "unexpected end");
  if (std::memcmp(data.data(), kMagic, 4) != 0) return fail(diag, 0, "magic header not detected");
  if (data.size() < 8) return fail(diag, data.size(), "unexpected end");
  if (std::memcmp(data.data() + 4, kVersion, 4) != 0) return fail(diag, 4, "unknown binary version");

  Reader top(data);
  top.skip(8);
  int lastRank = 0;
  while (!top.atEnd()) {
    const uint64_t idAt = top.offset();
    const uint8_t id = top.u8();
    if (id != kCustom && !sectionEnabled(id, options.features))
      return fail(diag, idAt, "malformed section id");
    const int rank = sectionRank(id);
    if (id != kCustom && rank <= lastRank)
      return fail(diag, idAt, "unexpected content after last section");
    const uint64_t sizeAt = top.offset();
    const uint32_t size = top.u32();
    if (!top.ok()) {
      diag = top.error();
      return false;
    }
    if (size > top.left()) return fail(diag, sizeAt, "length out of bounds");
    const size_t start = top.pos();
    top.skip(size);
    if (id == kCustom) {
      Reader r(data.subspan(start, size), start);
      if (!decodeCustomSection(out, r, diag)) return false;
      continue;
    }
    lastRank = rank;
    // Like the spec interpreter, a section's contents are read from the rest
    // of the module and must end exactly at the declared size: a vector that
    // runs past the section reads on and ends in "section size mismatch" or
    // an "unexpected end" at the end of the module.
    Reader r(data.subspan(start), start);
    if (!decodeSection(id, r, st)) {
      if (r.ok()) return fail(diag, r.offset(), "malformed section"); // not reached
      return sectionError(r, diag);
    }
    if (r.pos() != size) return fail(diag, start, "section size mismatch");
  }

  return true;
}

/// The spec interpreter decodes function bodies as part of the code section,
/// so a malformed body is reported before any malformed input after it. When
/// decoding fails after the code section, look for a malformed body first
/// (only when the rest of the module is valid enough to validate bodies).
void preferMalformedBody(DecodeState &st, const DecodeOptions &options, Diagnostic &diag) {
  Module &m = st.m;
  if (!options.validateBodies || st.bodies.empty() || st.deferred) return;
  if (st.funcTypeIndices.size() != st.bodies.size()) return;
  for (size_t i = 0; i < st.bodies.size(); ++i)
    m.functions[m.numImportedFunctions + i].body = st.bodies[i];
  Diagnostic moduleDiag;
  if (!validateModuleFields(st, options, moduleDiag)) return;
  for (uint32_t i = m.numImportedFunctions; i < m.functions.size(); ++i) {
    Diagnostic d;
    if (!validateFunctionBody(m, i, options.features, d)) {
      if (d.kind == DiagKind::Malformed) {
        if (!d.funcIndex) d.funcIndex = i;
        diag = d;
      }
      return;
    }
  }
}

} // namespace

bool decodeModule(std::span<const uint8_t> bytes, const DecodeOptions &options, Module &out,
                  Diagnostic &diag) {
  out = Module{};
  DecodeState st(options.features, out);
  if (!decodeSections(bytes, options, st, diag)) {
    if (diag.kind == DiagKind::Malformed) preferMalformedBody(st, options, diag);
    return false;
  }
  const uint64_t end = out.bytes.size();
  if (st.funcTypeIndices.size() != st.bodies.size())
    return fail(diag, end, "function and code section have inconsistent lengths");
  if (out.dataCount && *out.dataCount != out.datas.size())
    return fail(diag, end, "data count and data section have inconsistent lengths");
  for (size_t i = 0; i < st.bodies.size(); ++i)
    out.functions[out.numImportedFunctions + i].body = st.bodies[i];
  if (st.deferred) {
    diag = *st.deferred;
    return false;
  }
  if (!validateModuleFields(st, options, diag)) return false;
  if (options.validateBodies && !options.callerValidatesBodies) {
    for (uint32_t i = out.numImportedFunctions; i < out.functions.size(); ++i) {
      if (!validateFunctionBody(out, i, options.features, diag)) {
        if (!diag.funcIndex) diag.funcIndex = i;
        return false;
      }
    }
  }
  return true;
}

} // namespace wasmaot::wasm

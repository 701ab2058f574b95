// ModuleDecoderTest: every diagnostic of the module decoder (header, section
// framing and order, each section's encodings, module-level validation), on
// hand-assembled binaries, plus the feature gates of a Wasm 2.0 engine.
#include "wasm/Decoder.h"
#include "wasm/TypeSystem.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::wasm;

namespace {

/// Builds byte sequences: raw bytes, LEB128 integers, names, sections.
struct Bytes {
  std::vector<uint8_t> b;
  Bytes() = default;
  Bytes(std::initializer_list<uint8_t> raw) : b(raw) {}
  Bytes &raw(std::initializer_list<uint8_t> raw) {
    b.insert(b.end(), raw);
    return *this;
  }
  Bytes &add(const Bytes &o) {
    b.insert(b.end(), o.b.begin(), o.b.end());
    return *this;
  }
  Bytes &u(uint64_t v) {
    do {
      uint8_t byte = v & 0x7F;
      v >>= 7;
      if (v) byte |= 0x80;
      b.push_back(byte);
    } while (v);
    return *this;
  }
  Bytes &str(const std::string &s) {
    u(s.size());
    b.insert(b.end(), s.begin(), s.end());
    return *this;
  }
};

Bytes section(uint8_t id, const Bytes &contents) {
  Bytes s{id};
  s.u(contents.b.size());
  return s.add(contents);
}

/// A module: header followed by the given sections.
std::vector<uint8_t> module(std::initializer_list<Bytes> sections) {
  Bytes m{0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  for (const Bytes &s : sections) m.add(s);
  return m.b;
}

// Common sections.
Bytes typeVoid() { return section(1, Bytes{0x01, 0x60, 0x00, 0x00}); } // type 0: [] -> []
Bytes typeI32ToVoid() { return section(1, Bytes{0x01, 0x60, 0x01, 0x7F, 0x00}); }
Bytes oneFunc() { return section(3, Bytes{0x01, 0x00}); }
Bytes oneBody() { return section(10, Bytes{0x01, 0x02, 0x00, 0x0B}); }

struct Result {
  bool ok;
  Diagnostic diag;
  Module m;
};

Result decode(const std::vector<uint8_t> &bytes, Features f = Features::wasm3(),
              bool bodies = false) {
  Result r;
  DecodeOptions o;
  o.features = f;
  o.validateBodies = bodies;
  r.ok = decodeModule(bytes, o, r.m, r.diag);
  return r;
}

#define EXPECT_DIAG(result, kindValue, text)                                                    \
  do {                                                                                          \
    const Result &res_ = (result);                                                              \
    EXPECT_FALSE(res_.ok);                                                                      \
    EXPECT_EQ(res_.diag.kind, kindValue) << res_.diag.str();                                    \
    EXPECT_EQ(res_.diag.message.substr(0, std::string(text).size()), std::string(text))         \
        << res_.diag.str();                                                                     \
  } while (0)

} // namespace

// ---- header and framing ----------------------------------------------------

TEST(ModuleDecoderTest, EmptyModule) {
  auto r = decode(module({}));
  EXPECT_TRUE(r.ok) << r.diag.str();
}

TEST(ModuleDecoderTest, TruncatedHeader) {
  EXPECT_DIAG(decode({}), DiagKind::Malformed, "unexpected end");
  EXPECT_DIAG(decode({0x00, 0x61, 0x73}), DiagKind::Malformed, "unexpected end");
  EXPECT_DIAG(decode({0x00, 0x61, 0x73, 0x6D, 0x01}), DiagKind::Malformed, "unexpected end");
}

TEST(ModuleDecoderTest, MagicHeader) {
  EXPECT_DIAG(decode({0x00, 0x41, 0x53, 0x4D, 0x01, 0x00, 0x00, 0x00}), DiagKind::Malformed,
              "magic header not detected");
}

TEST(ModuleDecoderTest, BinaryVersion) {
  EXPECT_DIAG(decode({0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00}), DiagKind::Malformed,
              "unknown binary version");
  auto r = decode({0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00});
  EXPECT_EQ(r.diag.offset, 4u);
}

TEST(ModuleDecoderTest, MalformedSectionId) {
  EXPECT_DIAG(decode(module({Bytes{0x0E, 0x00}})), DiagKind::Malformed, "malformed section id");
  auto r = decode(module({Bytes{0x7F, 0x00}}));
  EXPECT_EQ(r.diag.offset, 8u);
}

TEST(ModuleDecoderTest, SectionOrder) {
  EXPECT_DIAG(decode(module({oneFunc(), typeVoid()})), DiagKind::Malformed,
              "unexpected content after last section");
  EXPECT_DIAG(decode(module({typeVoid(), typeVoid()})), DiagKind::Malformed,
              "unexpected content after last section");
  // Data count must come before code.
  EXPECT_DIAG(decode(module({typeVoid(), oneFunc(), oneBody(), section(12, Bytes{0x00})})),
              DiagKind::Malformed, "unexpected content after last section");
  // The tag section sits between memory and global.
  EXPECT_DIAG(decode(module({section(6, Bytes{0x00}), section(13, Bytes{0x00})})),
              DiagKind::Malformed, "unexpected content after last section");
  EXPECT_TRUE(decode(module({section(5, Bytes{0x00}), section(13, Bytes{0x00}),
                             section(6, Bytes{0x00})}))
                  .ok);
}

TEST(ModuleDecoderTest, CustomSectionsAnywhere) {
  Bytes custom = section(0, Bytes().str("hello").raw({1, 2, 3}));
  auto r = decode(module({custom, typeVoid(), custom, oneFunc(), custom, oneBody(), custom}));
  ASSERT_TRUE(r.ok) << r.diag.str();
  ASSERT_EQ(r.m.customs.size(), 4u);
  EXPECT_EQ(r.m.customs[0].name, "hello");
  EXPECT_EQ(r.m.customs[0].contents.size, 3u);
}

TEST(ModuleDecoderTest, CustomSectionName) {
  EXPECT_DIAG(decode(module({section(0, Bytes{0x02, 0xC0, 0x80})})), DiagKind::Malformed,
              "malformed UTF-8 encoding");
  EXPECT_DIAG(decode(module({section(0, Bytes{0x05, 'a'})})), DiagKind::Malformed,
              "length out of bounds");
  EXPECT_DIAG(decode(module({section(0, Bytes{})})), DiagKind::Malformed, "unexpected end");
}

TEST(ModuleDecoderTest, SectionSizeBeyondModule) {
  EXPECT_DIAG(decode(module({Bytes{0x01, 0x07, 0x02, 0x60, 0x00, 0x00}})), DiagKind::Malformed,
              "length out of bounds");
  // Two concatenated headers: the second looks like a custom section of size 0x61.
  EXPECT_DIAG(decode(module({Bytes{0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}})),
              DiagKind::Malformed, "length out of bounds");
}

TEST(ModuleDecoderTest, SectionSizeMismatch) {
  EXPECT_DIAG(decode(module({Bytes{0x01, 0x07, 0x01, 0x60, 0x00, 0x00, 0x60, 0x00, 0x00}})),
              DiagKind::Malformed, "section size mismatch");
}

TEST(ModuleDecoderTest, UnexpectedEndOfSection) {
  EXPECT_DIAG(decode(module({section(4, Bytes{0x01})})), DiagKind::Malformed,
              "unexpected end of section or function");
  EXPECT_DIAG(decode(module({section(5, Bytes{0x01})})), DiagKind::Malformed,
              "unexpected end of section or function");
}

TEST(ModuleDecoderTest, TruncatedSectionHeader) {
  EXPECT_DIAG(decode(module({Bytes{0x01}})), DiagKind::Malformed, "unexpected end");
}

// ---- type section ----------------------------------------------------------

TEST(ModuleDecoderTest, TypeSectionForms) {
  // rec { sub (struct (field (mut i8))) ; sub final 0 (struct (field (mut i8)) (field i64)) }
  // (array (mut (ref null 0))) ; (func (param v128) (result (ref any)))
  Bytes types{0x03,
              0x4E, 0x02,
              0x50, 0x00, 0x5F, 0x01, 0x78, 0x01,
              0x4F, 0x01, 0x00, 0x5F, 0x02, 0x78, 0x01, 0x7E, 0x00,
              0x5E, 0x63, 0x00, 0x01,
              0x60, 0x01, 0x7B, 0x01, 0x64, 0x6E};
  auto r = decode(module({section(1, types)}));
  ASSERT_TRUE(r.ok) << r.diag.str();
  ASSERT_EQ(r.m.types.size(), 4u);
  EXPECT_FALSE(r.m.types[0].final);
  EXPECT_EQ(r.m.types[0].recGroupSize, 2u);
  EXPECT_TRUE(r.m.types[1].final);
  EXPECT_EQ(r.m.types[1].super, 0u);
  EXPECT_EQ(r.m.types[1].comp.fields[1].storage.type, ValType::i64());
  EXPECT_EQ(r.m.types[0].comp.fields[0].storage.packed, Packed::I8);
  EXPECT_EQ(r.m.types[2].comp.kind, CompKind::Array);
  EXPECT_TRUE(r.m.types[2].comp.fields[0].storage.type.nullable);
  EXPECT_EQ(r.m.types[3].comp.func.params[0], ValType::v128());
  EXPECT_EQ(r.m.types[3].comp.func.results[0],
            ValType::ref(HeapType::abstract(AbsHeap::Any), false));
  EXPECT_EQ(r.m.types[3].recGroupStart, 3u);
}

TEST(ModuleDecoderTest, MalformedDefinitionType) {
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0x61, 0x00, 0x00})})), DiagKind::Malformed,
              "malformed definition type");
}

TEST(ModuleDecoderTest, MalformedStorageAndMutability) {
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0x5F, 0x01, 0x62, 0x00})})),
              DiagKind::Malformed, "malformed storage type");
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0x5E, 0x7F, 0x02})})), DiagKind::Malformed,
              "malformed mutability");
}

TEST(ModuleDecoderTest, MalformedValueTypes) {
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0x60, 0x01, 0x40, 0x00})})),
              DiagKind::Malformed, "malformed reference type");
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0x60, 0x01, 0x63, 0x40, 0x00})})),
              DiagKind::Malformed, "malformed heap type");
}

TEST(ModuleDecoderTest, UnknownTypeInTypeSection) {
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0x60, 0x01, 0x63, 0x05, 0x00})})),
              DiagKind::Invalid, "unknown type");
  // A reference to a later rec group is unknown too.
  EXPECT_DIAG(decode(module({section(1, Bytes{0x02, 0x60, 0x01, 0x63, 0x01, 0x00, 0x60, 0x00,
                                              0x00})})),
              DiagKind::Invalid, "unknown type");
  // Inside one rec group it is fine.
  EXPECT_TRUE(decode(module({section(1, Bytes{0x01, 0x4E, 0x02, 0x60, 0x01, 0x63, 0x01, 0x00,
                                              0x60, 0x00, 0x00})})).ok);
}

TEST(ModuleDecoderTest, SubTypeDeclarations) {
  // Supertype final.
  EXPECT_DIAG(decode(module({section(1, Bytes{0x02, 0x5F, 0x00, 0x50, 0x01, 0x00, 0x5F, 0x00})})),
              DiagKind::Invalid, "sub type 1 has final super type 0");
  // Composite kinds differ.
  EXPECT_DIAG(decode(module({section(1, Bytes{0x02, 0x50, 0x00, 0x5F, 0x00, 0x50, 0x01, 0x00,
                                              0x60, 0x00, 0x00})})),
              DiagKind::Invalid, "sub type 1 does not match super type 0");
  // Forward supertype inside a rec group.
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0x4E, 0x02, 0x50, 0x01, 0x01, 0x5F, 0x00,
                                              0x50, 0x00, 0x5F, 0x00})})),
              DiagKind::Invalid, "forward use of type 1");
  // Unknown supertype.
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0x50, 0x01, 0x07, 0x5F, 0x00})})),
              DiagKind::Invalid, "unknown type 7");
  // Several supertypes.
  EXPECT_DIAG(decode(module({section(1, Bytes{0x02, 0x50, 0x00, 0x5F, 0x00, 0x50, 0x02, 0x00,
                                              0x00, 0x5F, 0x00})})),
              DiagKind::Invalid, "multiple supertypes");
}

TEST(ModuleDecoderTest, SubtypingDepthLimit) {
  Bytes types;
  const unsigned n = 66;
  types.u(n);
  types.raw({0x50, 0x00, 0x5F, 0x00});
  for (unsigned i = 1; i < n; ++i) types.raw({0x50, 0x01}).u(i - 1).raw({0x5F, 0x00});
  EXPECT_DIAG(decode(module({section(1, types)})), DiagKind::Limit, "subtyping depth");
}

// ---- imports ---------------------------------------------------------------

TEST(ModuleDecoderTest, ImportsOfEveryKind) {
  Bytes imports;
  imports.u(5);
  imports.str("m").str("f").raw({0x00, 0x00});
  imports.str("m").str("t").raw({0x01, 0x70, 0x01, 0x01, 0x02});
  imports.str("m").str("mem").raw({0x02, 0x04, 0x01});
  imports.str("m").str("g").raw({0x03, 0x7F, 0x01});
  imports.str("m").str("tag").raw({0x04, 0x00, 0x00});
  auto r = decode(module({typeVoid(), section(2, imports)}));
  ASSERT_TRUE(r.ok) << r.diag.str();
  EXPECT_EQ(r.m.numImportedFunctions, 1u);
  EXPECT_EQ(r.m.numImportedTables, 1u);
  EXPECT_EQ(r.m.tables[0].type.limits.max, 2u);
  EXPECT_TRUE(r.m.memories[0].type.limits.is64);
  EXPECT_TRUE(r.m.globals[0].type.mut);
  EXPECT_EQ(r.m.numImportedTags, 1u);
  EXPECT_EQ(r.m.imports[4].kind, ExternKind::Tag);
}

TEST(ModuleDecoderTest, MalformedImportKind) {
  Bytes imports;
  imports.u(1).str("m").str("x").raw({0x05, 0x00});
  EXPECT_DIAG(decode(module({section(2, imports)})), DiagKind::Malformed, "malformed import kind");
}

TEST(ModuleDecoderTest, ImportUnknownAndNonFunctionType) {
  Bytes imports;
  imports.u(1).str("m").str("f").raw({0x00, 0x03});
  EXPECT_DIAG(decode(module({typeVoid(), section(2, imports)})), DiagKind::Invalid,
              "unknown type 3");
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0x5F, 0x00}), section(2, imports.b.size() ? Bytes().u(1).str("m").str("f").raw({0x00, 0x00}) : imports)})),
              DiagKind::Invalid, "non-function type 0");
}

TEST(ModuleDecoderTest, ImportTagNeedsZeroAttribute) {
  Bytes imports;
  imports.u(1).str("m").str("t").raw({0x04, 0x01, 0x00});
  EXPECT_DIAG(decode(module({typeVoid(), section(2, imports)})), DiagKind::Malformed,
              "zero byte expected");
}

TEST(ModuleDecoderTest, SharedMemoryRejected) {
  EXPECT_DIAG(decode(module({section(5, Bytes{0x01, 0x03, 0x01, 0x02})})), DiagKind::Malformed,
              "malformed limits flags");
}

// ---- limits ----------------------------------------------------------------

TEST(ModuleDecoderTest, LimitsFlags) {
  EXPECT_DIAG(decode(module({section(5, Bytes{0x01, 0x08, 0x00})})), DiagKind::Malformed,
              "malformed limits flags");
  EXPECT_DIAG(decode(module({section(4, Bytes{0x01, 0x70, 0x81, 0x00, 0x00, 0x00})})),
              DiagKind::Malformed, "malformed limits flags");
}

TEST(ModuleDecoderTest, MemoryLimits) {
  EXPECT_DIAG(decode(module({section(5, Bytes{0x01, 0x01, 0x02, 0x01})})), DiagKind::Invalid,
              "size minimum must not be greater than maximum");
  EXPECT_DIAG(decode(module({section(5, Bytes().u(1).u(0).u(65537))})), DiagKind::Invalid,
              "memory size must be at most 65536 pages");
  EXPECT_TRUE(decode(module({section(5, Bytes().u(1).u(0).u(65536))})).ok);
  EXPECT_TRUE(decode(module({section(5, Bytes().u(1).u(4).u(uint64_t(1) << 48))})).ok);
  EXPECT_DIAG(decode(module({section(5, Bytes().u(1).u(4).u((uint64_t(1) << 48) + 1))})),
              DiagKind::Invalid, "memory size must be at most");
}

TEST(ModuleDecoderTest, TableLimits) {
  EXPECT_DIAG(decode(module({section(4, Bytes().u(1).raw({0x70, 0x00}).u(uint64_t(1) << 32))})),
              DiagKind::Invalid, "table size must be at most");
  EXPECT_TRUE(decode(module({section(4, Bytes().u(1).raw({0x70, 0x04}).u(uint64_t(1) << 32))})).ok);
}

TEST(ModuleDecoderTest, MultipleMemories) {
  Bytes two{0x02, 0x00, 0x00, 0x00, 0x00};
  EXPECT_TRUE(decode(module({section(5, two)})).ok);
  EXPECT_DIAG(decode(module({section(5, two)}), Features::wasm2()), DiagKind::Invalid,
              "multiple memories");
}

// ---- functions, code, start ------------------------------------------------

TEST(ModuleDecoderTest, FunctionsAndBodies) {
  auto r = decode(module({typeVoid(), oneFunc(), oneBody()}));
  ASSERT_TRUE(r.ok) << r.diag.str();
  ASSERT_EQ(r.m.functions.size(), 1u);
  EXPECT_EQ(r.m.functions[0].body.size, 2u);
  EXPECT_EQ(r.m.bytes[r.m.functions[0].body.offset + 1], 0x0B);
}

TEST(ModuleDecoderTest, FunctionAndCodeInconsistent) {
  EXPECT_DIAG(decode(module({typeVoid(), oneFunc()})), DiagKind::Malformed,
              "function and code section have inconsistent lengths");
  EXPECT_DIAG(decode(module({typeVoid(), oneBody()})), DiagKind::Malformed,
              "function and code section have inconsistent lengths");
}

TEST(ModuleDecoderTest, FunctionUnknownType) {
  EXPECT_DIAG(decode(module({typeVoid(), section(3, Bytes{0x01, 0x01}), oneBody()})),
              DiagKind::Invalid, "unknown type 1");
}

TEST(ModuleDecoderTest, CodeBodySizeOutOfBounds) {
  EXPECT_DIAG(decode(module({typeVoid(), oneFunc(), section(10, Bytes{0x01, 0x05, 0x00})})),
              DiagKind::Malformed, "length out of bounds");
}

TEST(ModuleDecoderTest, StartFunction) {
  EXPECT_TRUE(decode(module({typeVoid(), oneFunc(), section(8, Bytes{0x00}), oneBody()})).ok);
  EXPECT_DIAG(decode(module({typeVoid(), oneFunc(), section(8, Bytes{0x01}), oneBody()})),
              DiagKind::Invalid, "unknown function 1");
  EXPECT_DIAG(decode(module({typeI32ToVoid(), oneFunc(), section(8, Bytes{0x00}),
                             section(10, Bytes{0x01, 0x02, 0x00, 0x0B})})),
              DiagKind::Invalid, "start function");
}

// ---- tables, tags, globals, exports ----------------------------------------

TEST(ModuleDecoderTest, NonNullableTableNeedsInit) {
  EXPECT_DIAG(decode(module({section(4, Bytes{0x01, 0x64, 0x70, 0x00, 0x01})})),
              DiagKind::Invalid, "type mismatch");
}

TEST(ModuleDecoderTest, TableWithInitExpression) {
  auto r = decode(module({section(4, Bytes{0x01, 0x40, 0x00, 0x63, 0x70, 0x00, 0x01, 0xD0, 0x70,
                                           0x0B})}));
  ASSERT_TRUE(r.ok) << r.diag.str();
  EXPECT_TRUE(r.m.tables[0].hasInit);
  EXPECT_EQ(r.m.tables[0].init.size, 3u);
}

TEST(ModuleDecoderTest, Tags) {
  EXPECT_TRUE(decode(module({typeI32ToVoid(), section(13, Bytes{0x01, 0x00, 0x00})})).ok);
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0x60, 0x00, 0x01, 0x7F}),
                             section(13, Bytes{0x01, 0x00, 0x00})})),
              DiagKind::Invalid, "non-empty tag result type");
  EXPECT_DIAG(decode(module({typeVoid(), section(13, Bytes{0x01, 0x00, 0x04})})),
              DiagKind::Invalid, "unknown type 4");
  EXPECT_DIAG(decode(module({section(13, Bytes{0x01, 0x00, 0x00})}), Features::wasm2()),
              DiagKind::Malformed, "malformed section id");
}

TEST(ModuleDecoderTest, GlobalMutability) {
  EXPECT_DIAG(decode(module({section(6, Bytes{0x01, 0x7F, 0x02, 0x41, 0x00, 0x0B})})),
              DiagKind::Malformed, "malformed mutability");
}

TEST(ModuleDecoderTest, ConstantExpressionRequired) {
  EXPECT_DIAG(decode(module({section(6, Bytes{0x01, 0x7F, 0x00, 0xFC, 0x10, 0x00, 0x0B})})),
              DiagKind::Invalid, "constant expression required");
}

TEST(ModuleDecoderTest, ConstExprRunsOffSection) {
  EXPECT_DIAG(decode(module({section(6, Bytes{0x01, 0x7F, 0x00, 0x41, 0x00})})),
              DiagKind::Malformed, "unexpected end of section or function");
}

TEST(ModuleDecoderTest, Exports) {
  Bytes exports;
  exports.u(2).str("a").raw({0x00, 0x00}).str("b").raw({0x00, 0x00});
  auto r = decode(module({typeVoid(), oneFunc(), section(7, exports), oneBody()}));
  ASSERT_TRUE(r.ok) << r.diag.str();
  EXPECT_TRUE(r.m.declaredFuncRefs.at(0));

  Bytes dup;
  dup.u(2).str("a").raw({0x00, 0x00}).str("a").raw({0x00, 0x00});
  EXPECT_DIAG(decode(module({typeVoid(), oneFunc(), section(7, dup), oneBody()})),
              DiagKind::Invalid, "duplicate export name");

  EXPECT_DIAG(decode(module({section(7, Bytes().u(1).str("x").raw({0x00, 0x00}))})),
              DiagKind::Invalid, "unknown function 0");
  EXPECT_DIAG(decode(module({section(7, Bytes().u(1).str("x").raw({0x01, 0x00}))})),
              DiagKind::Invalid, "unknown table 0");
  EXPECT_DIAG(decode(module({section(7, Bytes().u(1).str("x").raw({0x02, 0x00}))})),
              DiagKind::Invalid, "unknown memory 0");
  EXPECT_DIAG(decode(module({section(7, Bytes().u(1).str("x").raw({0x03, 0x00}))})),
              DiagKind::Invalid, "unknown global 0");
  EXPECT_DIAG(decode(module({section(7, Bytes().u(1).str("x").raw({0x04, 0x00}))})),
              DiagKind::Invalid, "unknown tag 0");
  EXPECT_DIAG(decode(module({section(7, Bytes().u(1).str("x").raw({0x05, 0x00}))})),
              DiagKind::Malformed, "malformed export kind");
}

// ---- element and data segments ---------------------------------------------

TEST(ModuleDecoderTest, ElementEncodings) {
  Bytes table = section(4, Bytes{0x01, 0x70, 0x00, 0x01});
  Bytes elems;
  elems.u(8);
  elems.raw({0x00, 0x41, 0x00, 0x0B, 0x01, 0x00});             // 0: active table 0, indices
  elems.raw({0x01, 0x00, 0x01, 0x00});                         // 1: passive, elemkind, indices
  elems.raw({0x02, 0x00, 0x41, 0x00, 0x0B, 0x00, 0x01, 0x00}); // 2: active table x, elemkind
  elems.raw({0x03, 0x00, 0x01, 0x00});                         // 3: declarative
  elems.raw({0x04, 0x41, 0x00, 0x0B, 0x01, 0xD2, 0x00, 0x0B}); // 4: active, exprs
  elems.raw({0x05, 0x70, 0x01, 0xD0, 0x70, 0x0B});             // 5: passive, reftype, exprs
  elems.raw({0x06, 0x00, 0x41, 0x00, 0x0B, 0x70, 0x00});       // 6: active table x, reftype
  elems.raw({0x07, 0x70, 0x01, 0xD2, 0x00, 0x0B});             // 7: declarative, exprs
  auto r = decode(module({typeVoid(), oneFunc(), table, section(9, elems), oneBody()}));
  ASSERT_TRUE(r.ok) << r.diag.str();
  ASSERT_EQ(r.m.elems.size(), 8u);
  EXPECT_EQ(r.m.elems[1].mode, SegmentMode::Passive);
  EXPECT_EQ(r.m.elems[3].mode, SegmentMode::Declarative);
  EXPECT_EQ(r.m.elems[4].count(), 1u);
  EXPECT_TRUE(r.m.elems[5].usesExprs);
  EXPECT_FALSE(r.m.elems[0].usesExprs);
  EXPECT_TRUE(r.m.declaredFuncRefs.at(0));
}

TEST(ModuleDecoderTest, ElementErrors) {
  Bytes table = section(4, Bytes{0x01, 0x70, 0x00, 0x01});
  EXPECT_DIAG(decode(module({table, section(9, Bytes{0x01, 0x08})})), DiagKind::Malformed,
              "malformed elements segment kind");
  EXPECT_DIAG(decode(module({table, section(9, Bytes{0x01, 0x01, 0x01, 0x00})})),
              DiagKind::Malformed, "malformed element kind");
  EXPECT_DIAG(decode(module({table, section(9, Bytes{0x01, 0x01, 0x00, 0x01, 0x00})})),
              DiagKind::Invalid, "unknown function 0");
  EXPECT_DIAG(decode(module({section(9, Bytes{0x01, 0x00, 0x41, 0x00, 0x0B, 0x00})})),
              DiagKind::Invalid, "unknown table 0");
  // An externref segment cannot initialise a funcref table.
  EXPECT_DIAG(decode(module({table, section(9, Bytes{0x01, 0x06, 0x00, 0x41, 0x00, 0x0B, 0x6F,
                                                     0x00})})),
              DiagKind::Invalid, "type mismatch");
}

TEST(ModuleDecoderTest, DataSegments) {
  Bytes mem = section(5, Bytes{0x01, 0x00, 0x01});
  Bytes datas;
  datas.u(3);
  datas.raw({0x00, 0x41, 0x00, 0x0B, 0x02, 'h', 'i'});
  datas.raw({0x01, 0x01, 'x'});
  datas.raw({0x02, 0x00, 0x41, 0x00, 0x0B, 0x00});
  auto r = decode(module({mem, section(12, Bytes{0x03}), section(11, datas)}));
  ASSERT_TRUE(r.ok) << r.diag.str();
  ASSERT_EQ(r.m.datas.size(), 3u);
  EXPECT_EQ(r.m.datas[0].data.size, 2u);
  EXPECT_EQ(r.m.datas[1].mode, SegmentMode::Passive);
  EXPECT_EQ(r.m.dataCount, 3u);
}

TEST(ModuleDecoderTest, DataErrors) {
  Bytes mem = section(5, Bytes{0x01, 0x00, 0x01});
  EXPECT_DIAG(decode(module({mem, section(11, Bytes{0x01, 0x03})})), DiagKind::Malformed,
              "malformed data segment kind");
  EXPECT_DIAG(decode(module({mem, section(12, Bytes{0x02}),
                             section(11, Bytes{0x01, 0x01, 0x00})})),
              DiagKind::Malformed, "data count and data section have inconsistent lengths");
  EXPECT_DIAG(decode(module({section(11, Bytes{0x01, 0x00, 0x41, 0x00, 0x0B, 0x00})})),
              DiagKind::Invalid, "unknown memory 0");
  EXPECT_DIAG(decode(module({mem, section(11, Bytes{0x01, 0x01, 0x07, 'a'})})),
              DiagKind::Malformed, "length out of bounds");
}

// ---- counts and robustness -------------------------------------------------

TEST(ModuleDecoderTest, HugeCountsDoNotAllocate) {
  EXPECT_DIAG(decode(module({section(1, Bytes().u(0xFFFFFFFF))})), DiagKind::Malformed,
              "length out of bounds");
  EXPECT_DIAG(decode(module({section(3, Bytes().u(1000))})), DiagKind::Malformed,
              "length out of bounds");
}

TEST(ModuleDecoderTest, TruncationsNeverCrash) {
  Bytes imports;
  imports.u(1).str("m").str("f").raw({0x00, 0x01});
  auto full = module({section(1, Bytes{0x02, 0x4E, 0x01, 0x50, 0x00, 0x5F, 0x01, 0x78, 0x01,
                                       0x60, 0x00, 0x00}),
                      section(2, imports), section(5, Bytes{0x01, 0x00, 0x01}),
                      section(6, Bytes{0x01, 0x7F, 0x00, 0x41, 0x00, 0x0B}),
                      section(11, Bytes{0x01, 0x01, 0x01, 'x'})});
  ASSERT_TRUE(decode(full).ok);
  size_t failures = 0;
  for (size_t n = 0; n < full.size(); ++n) {
    std::vector<uint8_t> cut(full.begin(), full.begin() + n);
    failures += !decode(cut).ok; // cuts between sections leave a valid module
  }
  EXPECT_GT(failures, full.size() - 8);
}

// ---- feature gates (Wasm 2.0 engine) ----------------------------------------

TEST(ModuleDecoderTest, Wasm2Gates) {
  const Features w2 = Features::wasm2();
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0x5F, 0x00})}), w2), DiagKind::Malformed,
              "malformed function type");
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0x60, 0x01, 0x64, 0x70, 0x00})}), w2),
              DiagKind::Malformed, "malformed reference type");
  // A 2.0 engine reads the limits flag as a one-bit LEB128 integer.
  EXPECT_DIAG(decode(module({section(5, Bytes{0x01, 0x04, 0x00})}), w2), DiagKind::Malformed,
              "integer too large");
  EXPECT_DIAG(decode(module({section(5, Bytes{0x01, 0x81, 0x00, 0x00, 0x00})}), w2),
              DiagKind::Malformed, "integer representation too long");
  // Type codes are one-byte LEB128s.
  EXPECT_DIAG(decode(module({section(1, Bytes{0x01, 0xE0, 0x7F, 0x00, 0x00})})),
              DiagKind::Malformed, "integer representation too long");
  EXPECT_DIAG(decode(module({section(4, Bytes{0x01, 0x40, 0x00, 0x70, 0x00, 0x00, 0xD0, 0x70,
                                              0x0B})}),
                     w2),
              DiagKind::Malformed, "malformed reference type");
  // v128 needs SIMD.
  Features noSimd = w2;
  noSimd.simd = false;
  EXPECT_FALSE(decode(module({section(1, Bytes{0x01, 0x60, 0x01, 0x7B, 0x00})}), noSimd).ok);
}

// ---- name section ----------------------------------------------------------

TEST(ModuleDecoderTest, NameSection) {
  Bytes names;
  names.str("name");
  names.add(section(0, Bytes().str("mod")));
  names.add(section(1, Bytes().u(1).u(0).str("main")));
  names.add(section(2, Bytes().u(1).u(0).u(1).u(0).str("x")));
  auto r = decode(module({typeI32ToVoid(), oneFunc(), section(10, Bytes{0x01, 0x02, 0x00, 0x0B}),
                          section(0, names)}));
  ASSERT_TRUE(r.ok) << r.diag.str();
  EXPECT_EQ(r.m.names.moduleName, "mod");
  EXPECT_EQ(r.m.names.functionNames.at(0), "main");
  EXPECT_EQ(r.m.names.localNames.at(0).at(0), "x");
}

TEST(ModuleDecoderTest, MalformedNameSectionIsIgnored) {
  Bytes names;
  names.str("name");
  names.add(section(1, Bytes().u(5).u(0).raw({0x02, 0xC0, 0x80})));
  names.raw({0x07, 0x7F});
  auto r = decode(module({section(0, names)}));
  EXPECT_TRUE(r.ok) << r.diag.str();
}

// BodyDecoderTest: protects the function-body decoder/validator and the constant-
// expression validator: one hand-assembled body per diagnostic, positive cases per
// proposal (incl. unreachable stack polymorphism), and the consumer never seeing dead code.
#include "wasm/BodyDecoder.h"
#include "wasm/Decoder.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::wasm;

namespace {

using Bytes = std::vector<uint8_t>;

ValType refT(uint32_t typeIndex, bool nullable) {
  return ValType::ref(HeapType::index(typeIndex), nullable);
}

/// Builds a Module by hand: types, functions with bodies, memories, tables, ...
class BodyDecoderTest : public ::testing::Test {
protected:
  Module m;
  Features features = Features::wasm3();

  uint32_t addType(CompositeType comp) {
    SubType st;
    st.comp = std::move(comp);
    st.recGroupStart = uint32_t(m.types.size());
    st.canonical = uint32_t(m.types.size());
    m.types.push_back(std::move(st));
    return uint32_t(m.types.size() - 1);
  }
  uint32_t addFuncType(std::vector<ValType> params, std::vector<ValType> results) {
    CompositeType c;
    c.kind = CompKind::Func;
    c.func.params = std::move(params);
    c.func.results = std::move(results);
    return addType(std::move(c));
  }
  uint32_t addStruct(std::vector<FieldType> fields) {
    CompositeType c;
    c.kind = CompKind::Struct;
    c.fields = std::move(fields);
    return addType(std::move(c));
  }
  uint32_t addArray(FieldType elem) {
    CompositeType c;
    c.kind = CompKind::Array;
    c.fields = {elem};
    return addType(std::move(c));
  }
  ByteRange addBytes(const Bytes &b) {
    ByteRange r{uint32_t(m.bytes.size()), uint32_t(b.size())};
    m.bytes.insert(m.bytes.end(), b.begin(), b.end());
    return r;
  }
  uint32_t addFunc(uint32_t typeIndex, const Bytes &body) {
    Function f;
    f.typeIndex = typeIndex;
    f.body = addBytes(body);
    m.functions.push_back(f);
    m.declaredFuncRefs.push_back(false);
    return uint32_t(m.functions.size() - 1);
  }
  void addMemory(bool is64 = false) {
    Memory mem;
    mem.type.limits.is64 = is64;
    m.memories.push_back(mem);
  }
  void addTable(ValType elem = ValType::funcref()) {
    Table t;
    t.type.elem = elem;
    m.tables.push_back(t);
  }
  void addGlobal(ValType t, bool mut) {
    Global g;
    g.type = {t, mut};
    m.globals.push_back(g);
  }

  /// Validates `body` (locals + code) as a function of type [params] -> [results].
  bool check(const Bytes &body, std::vector<ValType> params = {},
             std::vector<ValType> results = {}) {
    const uint32_t t = addFuncType(std::move(params), std::move(results));
    const uint32_t f = addFunc(t, body);
    diag = Diagnostic{};
    return validateFunctionBody(m, f, features, diag);
  }
  void expectError(const Bytes &body, DiagKind kind, const std::string &phrase,
                   std::vector<ValType> params = {}, std::vector<ValType> results = {}) {
    EXPECT_FALSE(check(body, std::move(params), std::move(results))) << "expected: " << phrase;
    EXPECT_EQ(diag.kind, kind) << diag.str();
    EXPECT_NE(diag.message.find(phrase), std::string::npos) << diag.str();
    EXPECT_TRUE(diag.funcIndex.has_value());
  }
  void expectOk(const Bytes &body, std::vector<ValType> params = {},
                std::vector<ValType> results = {}) {
    EXPECT_TRUE(check(body, std::move(params), std::move(results))) << diag.str();
  }
  bool checkConst(const Bytes &expr, ValType expected, uint32_t numGlobals) {
    const ByteRange r = addBytes(expr);
    diag = Diagnostic{};
    return validateConstExpr(m, r, expected, numGlobals, features, diag);
  }

  Diagnostic diag;
};

// Opcode bytes used below.
constexpr uint8_t Unreachable = 0x00, Nop = 0x01, Block = 0x02, Loop = 0x03, If = 0x04,
                  Else = 0x05, Throw = 0x08, End = 0x0B, Br = 0x0C, BrIf = 0x0D, BrTable = 0x0E,
                  Return = 0x0F, Call = 0x10, CallIndirect = 0x11, ReturnCall = 0x12,
                  Drop = 0x1A, Select = 0x1B, SelectT = 0x1C, TryTable = 0x1F, LocalGet = 0x20,
                  LocalSet = 0x21, LocalTee = 0x22, GlobalGet = 0x23, GlobalSet = 0x24,
                  I32Load = 0x28, MemorySize = 0x3F, I32Const = 0x41, I64Const = 0x42,
                  I32Eqz = 0x45, I64Eqz = 0x50, I32Add = 0x6A, RefNull = 0xD0, RefIsNull = 0xD1,
                  RefFunc = 0xD2, RefAsNonNull = 0xD4, GC = 0xFB, Misc = 0xFC, Simd = 0xFD,
                  I32 = 0x7F, I64 = 0x7E, Void = 0x40, FuncRef = 0x70, ExternRef = 0x6F;

// ---- positive cases ----------------------------------------------------------

TEST_F(BodyDecoderTest, EmptyBody) { expectOk({0x00, End}); }

TEST_F(BodyDecoderTest, ArithmeticAndResult) {
  expectOk({0x00, I32Const, 1, I32Const, 2, I32Add, End}, {}, {ValType::i32()});
}

TEST_F(BodyDecoderTest, UnreachableIsPolymorphic) {
  expectOk({0x00, Unreachable, I32Add, Drop, End});
  expectOk({0x00, Unreachable, End}, {}, {ValType::i64(), ValType::i32()});
  expectOk({0x00, Block, Void, Br, 0, I32Eqz, Drop, End, End});
  expectOk({0x00, Unreachable, Select, Drop, End});
  expectOk({0x00, Unreachable, BrTable, 1, 0, 0, End});
  expectOk({0x00, Return, RefAsNonNull, Drop, End});
}

TEST_F(BodyDecoderTest, DeadBlockHasItsOwnStack) {
  // (unreachable) (block (drop (i32.eqz (nop)))) is invalid: the block's stack is empty.
  expectError({0x00, Unreachable, Block, Void, I32Eqz, Drop, End, End}, DiagKind::Invalid,
              "type mismatch");
}

TEST_F(BodyDecoderTest, MultiValueBlockByTypeIndex) {
  const uint32_t bt = addFuncType({ValType::i32()}, {ValType::i32(), ValType::i32()});
  expectOk({0x00, I32Const, 1, Block, uint8_t(bt), I32Const, 2, End, I32Add, End}, {},
           {ValType::i32()});
  expectOk({0x00, I32Const, 1, Loop, uint8_t(bt), I32Const, 2, End, Drop, End}, {},
           {ValType::i32()});
}

TEST_F(BodyDecoderTest, IfElseAndBranches) {
  expectOk({0x00, I32Const, 1, If, I32, I32Const, 1, Else, I32Const, 2, End, End}, {},
           {ValType::i32()});
  expectOk({0x00, Block, Void, I32Const, 0, BrIf, 0, Br, 0, End, End});
  expectOk({0x00, Block, I32, I32Const, 7, I32Const, 0, BrTable, 1, 0, 1, End, End}, {},
           {ValType::i32()});
}

TEST_F(BodyDecoderTest, SelectForms) {
  expectOk({0x00, I32Const, 1, I32Const, 2, I32Const, 0, Select, End}, {}, {ValType::i32()});
  expectOk({0x00, RefNull, FuncRef, RefNull, FuncRef, I32Const, 0, SelectT, 1, FuncRef, Drop,
            End});
}

TEST_F(BodyDecoderTest, NonDefaultableLocalInitialization) {
  const uint32_t s = addStruct({});
  // (local (ref $s)) local.set then local.get.
  expectOk({0x01, 0x01, 0x64, uint8_t(s), GC, 0x01, uint8_t(s), LocalSet, 0, LocalGet, 0, Drop,
            End});
  // Initialization inside a block does not survive the block.
  expectError({0x01, 0x01, 0x64, uint8_t(s), Block, Void, GC, 0x01, uint8_t(s), LocalSet, 0, End,
               LocalGet, 0, Drop, End},
              DiagKind::Invalid, "uninitialized local");
}

TEST_F(BodyDecoderTest, Memory64AndMultiMemory) {
  addMemory(false);
  addMemory(true);
  // i32.load on memory 1 (i64 address) with a 2^40 offset.
  expectOk({0x00, I64Const, 0, I32Load, 0x42, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, Drop,
            End});
  expectOk({0x00, MemorySize, 0x01, I64Eqz, Drop, End});
  expectOk({0x00, I32Const, 0, I32Load, 0x02, 0x00, Drop, End});
}

TEST_F(BodyDecoderTest, TailCalls) {
  const uint32_t t = addFuncType({}, {ValType::i32()});
  const uint32_t callee = addFunc(t, {0x00, I32Const, 0, End});
  expectOk({0x00, ReturnCall, uint8_t(callee), End}, {}, {ValType::i32()});
  expectError({0x00, ReturnCall, uint8_t(callee), End}, DiagKind::Invalid, "type mismatch", {},
              {ValType::i64()});
}

TEST_F(BodyDecoderTest, ExceptionsTryTableAndThrow) {
  const uint32_t tt = addFuncType({ValType::i32()}, {});
  m.tags.push_back(Tag{tt, false});
  // block (result i32) try_table (catch 0 0) i32.const 1 throw 0 end unreachable end
  expectOk({0x00, Block, I32, TryTable, Void, 1, 0x00, 0, 0, I32Const, 1, Throw, 0, End,
            Unreachable, End, End},
           {}, {ValType::i32()});
  // catch_all to a label expecting a value.
  expectError({0x00, Block, I32, TryTable, Void, 1, 0x02, 0, End, Unreachable, End, End}, DiagKind::Invalid,
              "type mismatch", {}, {ValType::i32()});
  expectError({0x00, TryTable, Void, 1, 0x07, 0, End, End}, DiagKind::Malformed,
              "malformed catch clause");
}

TEST_F(BodyDecoderTest, GcStructsArraysAndCasts) {
  const uint32_t s = addStruct({FieldType{{ValType::i32(), Packed::None}, true},
                                FieldType{{ValType::i32(), Packed::I8}, false}});
  const uint32_t a = addArray(FieldType{{ValType::i32(), Packed::None}, true});
  m.dataCount = 1;
  // struct.new $s (i32.const 1) (i32.const 2); struct.get_s 1
  expectOk({0x00, I32Const, 1, I32Const, 2, GC, 0x00, uint8_t(s), GC, 0x03, uint8_t(s), 1, Drop,
            End});
  // array.new_data $a 0
  expectOk({0x00, I32Const, 0, I32Const, 4, GC, 0x09, uint8_t(a), 0, GC, 0x0F, Drop, End});
  // br_on_cast 0 anyref -> (ref $s) in a block returning (ref null $s)
  expectOk({0x00, Block, 0x63, uint8_t(s), RefNull, 0x6E, GC, 0x18, 0x01, 0, 0x6E, uint8_t(s),
            Drop, RefNull, uint8_t(s), End, Drop, End});
  // struct.get on a packed field needs get_s/get_u.
  expectError({0x00, RefNull, uint8_t(s), GC, 0x02, uint8_t(s), 1, Drop, End}, DiagKind::Invalid,
              "type mismatch");
  expectError({0x00, RefNull, uint8_t(s), GC, 0x02, uint8_t(s), 5, Drop, End}, DiagKind::Invalid,
              "unknown field");
  expectError({0x00, RefNull, 0x6E, GC, 0x18, 0x04, 0, 0x6E, uint8_t(s), Drop, End},
              DiagKind::Malformed, "malformed br_on_cast flags");
}

TEST_F(BodyDecoderTest, SimdAndRelaxedSimd) {
  Bytes c = {0x00, Simd, 0x0C};
  for (int i = 0; i < 16; ++i) c.push_back(uint8_t(i));
  Bytes shuffle = c;
  shuffle.insert(shuffle.end(), c.begin() + 1, c.end());
  shuffle.insert(shuffle.end(), {Simd, 0x0D});
  for (int i = 0; i < 16; ++i) shuffle.push_back(uint8_t(31 - i));
  shuffle.insert(shuffle.end(), {Simd, 0x15, 15, Drop, End});
  expectOk(shuffle);
  Bytes relaxed = c;
  relaxed.insert(relaxed.end(), c.begin() + 1, c.end());
  relaxed.insert(relaxed.end(), {Simd, 0x80, 0x02, Drop, End}); // i8x16.relaxed_swizzle
  expectOk(relaxed);
  features.relaxedSimd = false;
  expectError(relaxed, DiagKind::Malformed, "illegal opcode");
}

// ---- one test per diagnostic -------------------------------------------------

TEST_F(BodyDecoderTest, TypeMismatch) {
  expectError({0x00, I64Const, 1, I32Const, 2, I32Add, Drop, End}, DiagKind::Invalid,
              "type mismatch");
  expectError({0x00, I32Const, 1, End}, DiagKind::Invalid, "type mismatch"); // extra value
  expectError({0x00, End}, DiagKind::Invalid, "type mismatch", {}, {ValType::i32()});
}

TEST_F(BodyDecoderTest, UnknownIndices) {
  expectError({0x00, LocalGet, 0, Drop, End}, DiagKind::Invalid, "unknown local");
  expectError({0x00, GlobalGet, 0, Drop, End}, DiagKind::Invalid, "unknown global");
  expectError({0x00, Call, 9, End}, DiagKind::Invalid, "unknown function");
  expectError({0x00, Br, 1, End}, DiagKind::Invalid, "unknown label");
  expectError({0x00, Block, 0x30, End, End}, DiagKind::Invalid, "unknown type");
  expectError({0x00, I32Const, 0, I32Load, 2, 0, Drop, End}, DiagKind::Invalid, "unknown memory");
  expectError({0x00, I32Const, 0, CallIndirect, 0, 0, End}, DiagKind::Invalid, "unknown table");
  expectError({0x00, Throw, 0, End}, DiagKind::Invalid, "unknown tag");
  expectError({0x00, Misc, 13, 0, End}, DiagKind::Invalid, "unknown elem segment");
  m.dataCount = 1;
  expectError({0x00, Misc, 9, 1, End}, DiagKind::Invalid, "unknown data segment");
}

TEST_F(BodyDecoderTest, DataCountRequired) {
  addMemory();
  expectError({0x00, Misc, 9, 0, End}, DiagKind::Malformed, "data count section required");
}

TEST_F(BodyDecoderTest, UndeclaredFunctionReference) {
  expectError({0x00, RefFunc, 0, Drop, End}, DiagKind::Invalid, "undeclared function reference");
  m.declaredFuncRefs[0] = true;
  diag = Diagnostic{};
  EXPECT_TRUE(validateFunctionBody(m, 0, features, diag)) << diag.str();
}

TEST_F(BodyDecoderTest, MemArgChecks) {
  addMemory();
  expectError({0x00, I32Const, 0, I32Load, 3, 0, Drop, End}, DiagKind::Invalid,
              "alignment must not be larger than natural");
  expectError({0x00, I32Const, 0, I32Load, 2, 0x80, 0x80, 0x80, 0x80, 0x10, Drop, End},
              DiagKind::Invalid, "offset out of range");
  expectError({0x00, I32Const, 0, I32Load, 0x80, 0x01, 0, Drop, End}, DiagKind::Malformed,
              "malformed memop flags");
  features = Features::wasm2();
  expectError({0x00, MemorySize, 1, Drop, End}, DiagKind::Malformed, "zero byte expected");
}

TEST_F(BodyDecoderTest, InvalidLaneIndex) {
  Bytes b = {0x00, Simd, 0x0C};
  for (int i = 0; i < 16; ++i) b.push_back(0);
  b.insert(b.end(), {Simd, 0x15, 16, Drop, End});
  expectError(b, DiagKind::Invalid, "invalid lane index");
}

TEST_F(BodyDecoderTest, SelectErrors) {
  expectError({0x00, I32Const, 1, I32Const, 1, I32Const, 0, SelectT, 2, I32, I32, Drop, End},
              DiagKind::Invalid, "invalid result arity");
  expectError({0x00, RefNull, FuncRef, RefNull, FuncRef, I32Const, 0, Select, Drop, End},
              DiagKind::Invalid, "type mismatch");
  expectError({0x00, I32Const, 1, I64Const, 1, I32Const, 0, Select, Drop, End}, DiagKind::Invalid,
              "type mismatch");
}

TEST_F(BodyDecoderTest, GlobalIsImmutable) {
  addGlobal(ValType::i32(), false);
  expectError({0x00, I32Const, 0, GlobalSet, 0, End}, DiagKind::Invalid, "global is immutable");
}

TEST_F(BodyDecoderTest, GcMutabilityAndElementRules) {
  const uint32_t s = addStruct({FieldType{{ValType::i32(), Packed::None}, false}});
  const uint32_t ia = addArray(FieldType{{ValType::i32(), Packed::None}, false});
  const uint32_t ra = addArray(FieldType{{ValType::funcref(), Packed::None}, true});
  m.dataCount = 1;
  expectError({0x00, RefNull, uint8_t(s), I32Const, 1, GC, 0x05, uint8_t(s), 0, End},
              DiagKind::Invalid, "immutable field");
  expectError({0x00, RefNull, uint8_t(ia), I32Const, 0, I32Const, 1, GC, 0x0E, uint8_t(ia), End},
              DiagKind::Invalid, "immutable array");
  expectError({0x00, I32Const, 0, I32Const, 1, GC, 0x09, uint8_t(ra), 0, Drop, End},
              DiagKind::Invalid, "array type is not numeric or vector");
  expectError({0x00, RefNull, uint8_t(ra), I32Const, 0, RefNull, uint8_t(ia), I32Const, 0,
               I32Const, 0, GC, 0x11, uint8_t(ra), uint8_t(ia), End},
              DiagKind::Invalid, "array types do not match");
}

TEST_F(BodyDecoderTest, IllegalOpcodes) {
  expectError({0x00, 0xFF, End}, DiagKind::Malformed, "illegal opcode");
  expectError({0x00, Misc, 0x7F, End}, DiagKind::Malformed, "illegal opcode");
  features.tailCall = false;
  expectError({0x00, ReturnCall, 0, End}, DiagKind::Malformed, "illegal opcode");
}

TEST_F(BodyDecoderTest, BodyFraming) {
  expectError({0x00, Nop}, DiagKind::Malformed, "unexpected end of section or function");
  expectError({0x00, End, Nop}, DiagKind::Malformed, "section size mismatch");
  expectError({0x00, Else, End}, DiagKind::Malformed, "END opcode expected");
  expectError({0x00, I32Const, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, Drop, End}, DiagKind::Malformed,
              "integer representation too long");
}

TEST_F(BodyDecoderTest, MalformedWinsOverEarlierInvalid) {
  // A type error followed by an illegal opcode: the spec decodes before validating.
  expectError({0x00, I64Const, 0, I32Eqz, Drop, 0xFF, End}, DiagKind::Malformed, "illegal opcode");
}

TEST_F(BodyDecoderTest, TooManyLocals) {
  expectError({0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, I32, 0x02, I64, End}, DiagKind::Malformed,
              "too many locals");
  expectError({0x01, 0xC0, 0x84, 0x3D, I32, End}, DiagKind::Limit, "too many locals");
}

TEST_F(BodyDecoderTest, ControlDepthLimit) {
  Bytes b = {0x00};
  for (uint32_t i = 0; i < kMaxControlDepth + 1; ++i) b.insert(b.end(), {Block, Void});
  for (uint32_t i = 0; i < kMaxControlDepth + 2; ++i) b.push_back(End);
  expectError(b, DiagKind::Limit, "nested deeper");
}

TEST_F(BodyDecoderTest, BrTableArityMismatch) {
  expectError({0x00, Block, I32, Block, Void, I32Const, 0, I32Const, 0, BrTable, 1, 0, 1, End,
               I32Const, 0, End, Drop, End},
              DiagKind::Invalid, "type mismatch");
}

TEST_F(BodyDecoderTest, IfWithoutElseMustMatch) {
  expectError({0x00, I32Const, 0, If, I32, I32Const, 1, End, Drop, End}, DiagKind::Invalid,
              "type mismatch");
}

TEST_F(BodyDecoderTest, RefIsNullNeedsReference) {
  expectError({0x00, I32Const, 0, RefIsNull, Drop, End}, DiagKind::Invalid, "type mismatch");
}

// ---- constant expressions ----------------------------------------------------

TEST_F(BodyDecoderTest, ConstExprs) {
  addGlobal(ValType::i32(), false);
  addGlobal(ValType::i32(), true);
  EXPECT_TRUE(checkConst({I32Const, 5, End}, ValType::i32(), 0)) << diag.str();
  EXPECT_TRUE(checkConst({I32Const, 5, GlobalGet, 0, I32Add, End}, ValType::i32(), 1))
      << diag.str();
  EXPECT_TRUE(checkConst({RefNull, FuncRef, End}, ValType::funcref(), 0)) << diag.str();
  EXPECT_FALSE(checkConst({GlobalGet, 0, End}, ValType::i32(), 0));
  EXPECT_NE(diag.message.find("unknown global"), std::string::npos) << diag.str();
  EXPECT_FALSE(checkConst({GlobalGet, 1, End}, ValType::i32(), 2));
  EXPECT_NE(diag.message.find("constant expression required"), std::string::npos) << diag.str();
  EXPECT_FALSE(checkConst({Nop, I32Const, 0, End}, ValType::i32(), 0));
  EXPECT_NE(diag.message.find("constant expression required"), std::string::npos) << diag.str();
  EXPECT_FALSE(checkConst({I64Const, 0, End}, ValType::i32(), 0));
  EXPECT_NE(diag.message.find("type mismatch"), std::string::npos) << diag.str();
  EXPECT_FALSE(checkConst({I32Const, 0, End, End}, ValType::i32(), 0));
  EXPECT_EQ(diag.kind, DiagKind::Malformed);
  features.extendedConst = false;
  EXPECT_FALSE(checkConst({I32Const, 5, I32Const, 1, I32Add, End}, ValType::i32(), 0));
  EXPECT_NE(diag.message.find("constant expression required"), std::string::npos) << diag.str();
}

TEST_F(BodyDecoderTest, ConstExprRefFuncNeedsNoDeclaration) {
  const uint32_t t = addFuncType({}, {});
  addFunc(t, {0x00, End});
  EXPECT_TRUE(checkConst({RefFunc, 0, End}, ValType::funcref(), 0)) << diag.str();
  EXPECT_TRUE(checkConst({GC, 0x1C, End}, refT(0, true), 0) == false); // ref.i31 needs an i32
}

// ---- the consumer contract ---------------------------------------------------

struct Recorder {
  std::vector<std::string> events;
  void startFunction(uint32_t f, std::span<const ValType> locals) {
    events.push_back("start " + std::to_string(f) + " locals=" + std::to_string(locals.size()));
  }
  void instr(const Instr &in) { events.push_back(opcodeName(in.op)); }
  void elseOrEnd(const Instr &in, bool fallsThrough) {
    events.push_back(std::string(opcodeName(in.op)) + (fallsThrough ? "" : " (dead)"));
  }
  void endFunction() { events.push_back("endFunction"); }
};

TEST_F(BodyDecoderTest, ConsumerSeesNoUnreachableCode) {
  const uint32_t t = addFuncType({ValType::i32()}, {});
  // block br 0 i32.const 1 drop (block nop end) end; unreachable; i32.const 2; drop
  const uint32_t f = addFunc(t, {0x01, 0x01, I32, Block, Void, Br, 0, I32Const, 1, Drop, Block,
                                 Void, Nop, End, End, Unreachable, I32Const, 2, Drop, End});
  Recorder rec;
  BodyDecoder<false, Recorder> decoder(m, features, rec);
  ASSERT_TRUE(decoder.decodeFunction(f, diag)) << diag.str();
  const std::vector<std::string> expected = {"start " + std::to_string(f) + " locals=2",
                                             "block", "br", "end (dead)", "unreachable",
                                             "end (dead)", "endFunction"};
  EXPECT_EQ(rec.events, expected);
  // The validating decoder accepts the same body and reports the same events.
  Recorder rec2;
  BodyDecoder<true, Recorder> validating(m, features, rec2);
  ASSERT_TRUE(validating.decodeFunction(f, diag)) << diag.str();
  EXPECT_EQ(rec2.events, expected);
}

TEST_F(BodyDecoderTest, ConsumerImmediates) {
  addMemory();
  const uint32_t t = addFuncType({}, {});
  const uint32_t f = addFunc(t, {0x00, I32Const, 0, I32Load, 2, 16, Drop, Block, Void, I32Const,
                                 0, BrTable, 2, 0, 0, 0, End, End});
  struct Capture : NullConsumer {
    std::vector<Instr> seen;
    std::vector<std::vector<uint32_t>> targets;
    void instr(const Instr &in) {
      seen.push_back(in);
      targets.emplace_back(in.targets.begin(), in.targets.end());
    }
  } cap;
  BodyDecoder<false, Capture> decoder(m, features, cap);
  ASSERT_TRUE(decoder.decodeFunction(f, diag)) << diag.str();
  ASSERT_EQ(cap.seen.size(), 6u);
  EXPECT_EQ(cap.seen[1].op, Opcode::I32Load);
  EXPECT_EQ(cap.seen[1].mem.alignLog2, 2u);
  EXPECT_EQ(cap.seen[1].mem.offset, 16u);
  EXPECT_EQ(cap.seen[5].op, Opcode::BrTable);
  EXPECT_EQ(cap.targets[5], (std::vector<uint32_t>{0, 0, 0}));
}

TEST(OpcodeTableTest, LookupsAndNames) {
  EXPECT_EQ(lookupOpcode(0, 0x6A), Opcode::I32Add);
  EXPECT_STREQ(opcodeName(Opcode::I32Add), "i32.add");
  EXPECT_EQ(lookupOpcode(0xFC, 7), Opcode::I64TruncSatF64U);
  EXPECT_EQ(lookupOpcode(0xFB, 25), Opcode::BrOnCastFail);
  EXPECT_EQ(lookupOpcode(0xFD, 0x113), Opcode::I32x4RelaxedDotI8x16I7x16AddS);
  EXPECT_EQ(lookupOpcode(0xFD, 0x5C), Opcode::V128Load32Zero);
  EXPECT_FALSE(lookupOpcode(0xFD, 154).has_value());
  EXPECT_FALSE(lookupOpcode(0, 0x06).has_value());
  // Every row round-trips through the lookup.
  for (uint32_t i = 0; i < kNumOpcodes; ++i) {
    const OpcodeInfo &info = opcodeInfo(Opcode(i));
    EXPECT_EQ(lookupOpcode(info.prefix, info.code), Opcode(i)) << info.name;
  }
}

} // namespace

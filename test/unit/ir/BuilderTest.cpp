// Builder tests: constructing IR through the API, SSA-construction edits, and verifier acceptance.
#include "ir/Builder.h"
#include "ir/Module.h"
#include "ir/Parser.h"
#include "ir/Printer.h"
#include "ir/Verifier.h"

#include <gtest/gtest.h>

using namespace wasmaot::ir;

namespace {

std::string verifyMessages(const Module &m) {
  std::vector<std::string> errors;
  verifyModule(m, errors);
  std::string s;
  for (auto &e : errors) s += e + "\n";
  return s;
}

TEST(IrBuilder, BuildsAndPrintsAdd) {
  Module m;
  Function *f = m.addFunction("add", Signature{{Type::I32, Type::I32}, {Type::I32}});
  Builder b(*f);
  BasicBlock *entry = b.createEntryBlock();
  b.setInsertBlock(entry);
  Value sum = b.iadd(Type::I32, entry->param(0), entry->param(1));
  b.ret(std::vector<Value>{sum});
  EXPECT_EQ(verifyMessages(m), "");
  EXPECT_EQ(printFunction(*f), "func @add(i32, i32) -> i32 {\n"
                               "block0(v0: i32, v1: i32):\n"
                               "  v2 = iadd.i32 v0, v1\n"
                               "  return v2\n"
                               "}\n");
}

TEST(IrBuilder, ConstantsAreMaskedToTheirWidth) {
  Module m;
  Function *f = m.addFunction("c", Signature{});
  Builder b(*f);
  b.setInsertBlock(b.createEntryBlock());
  Value c = b.iconst(Type::I8, 0x1ff);
  b.f32const(1.0f);
  b.ret({});
  EXPECT_EQ(f->valueData(c).inst->imm[0], 0xffu);
  EXPECT_EQ(verifyMessages(m), "");
  EXPECT_NE(printFunction(*f).find("iconst.i8 -1"), std::string::npos);
  EXPECT_NE(printFunction(*f).find("fconst.f32 0x3f800000"), std::string::npos);
}

// The translator's pattern: jump to a block first, then discover it needs a
// parameter, add it and patch the existing jumps.
TEST(IrBuilder, AddParamAfterJumpsAndPatchArgs) {
  Module m;
  Function *f = m.addFunction("phi", Signature{{Type::I32}, {Type::I32}});
  Builder b(*f);
  BasicBlock *entry = b.createEntryBlock();
  BasicBlock *left = b.createBlock(), *right = b.createBlock(), *join = b.createBlock();
  b.setInsertBlock(entry);
  b.brif(entry->param(0), left, {}, right, {});
  b.setInsertBlock(left);
  Value one = b.i32const(1);
  Inst *j1 = b.jump(join);
  b.setInsertBlock(right);
  Value two = b.i32const(2);
  Inst *j2 = b.jump(join);
  Value p = b.addBlockParam(join, Type::I32);
  b.appendBranchArg(j1, 0, one);
  b.appendBranchArg(j2, 0, two);
  b.setInsertBlock(join);
  b.ret(std::vector<Value>{p});
  EXPECT_EQ(verifyMessages(m), "");
  EXPECT_EQ(f->predecessors(join).size(), 2u);
}

// A redundant parameter (every predecessor passes the same value) is removed and its uses replaced.
TEST(IrBuilder, RemoveRedundantBlockParam) {
  Module m;
  Function *f = m.addFunction("trivial", Signature{{Type::I32, Type::I64}, {Type::I32}});
  Builder b(*f);
  BasicBlock *entry = b.createEntryBlock();
  BasicBlock *loop = b.createBlock(), *exit = b.createBlock();
  b.setInsertBlock(entry);
  Value x = entry->param(0);
  b.jump(loop, std::vector<Value>{x, entry->param(1)});
  Value p = b.addBlockParam(loop, Type::I32);
  Value q = b.addBlockParam(loop, Type::I64);
  b.setInsertBlock(loop);
  Value c = b.icmp(IntCC::Eq, p, x);
  b.brif(c, exit, {}, loop, std::vector<Value>{p, q});
  b.setInsertBlock(exit);
  b.ret(std::vector<Value>{p});
  ASSERT_EQ(verifyMessages(m), "");

  b.replaceAllUses(p, x);
  b.removeBlockParam(loop, 0);
  EXPECT_EQ(loop->numParams, 1u);
  EXPECT_EQ(loop->param(0), q);
  EXPECT_EQ(f->valueData(q).index, 0u);
  EXPECT_EQ(verifyMessages(m), "");
  EXPECT_EQ(printFunction(*f), "func @trivial(i32, i64) -> i32 {\n"
                               "block0(v0: i32, v1: i64):\n"
                               "  jump block1(v1)\n"
                               "block1(v2: i64):\n"
                               "  v3 = icmp.i32 eq v0, v0\n"
                               "  brif v3, block2, block1(v2)\n"
                               "block2:\n"
                               "  return v0\n"
                               "}\n");
}

TEST(IrBuilder, RemoveUnreachableBlock) {
  Module m;
  Function *f = m.addFunction("dead", Signature{});
  Builder b(*f);
  BasicBlock *entry = b.createEntryBlock();
  BasicBlock *dead = b.createBlock();
  b.setInsertBlock(entry);
  b.ret({});
  b.setInsertBlock(dead);
  b.trap(TrapCode::Unreachable);
  b.removeBlock(dead);
  EXPECT_EQ(f->blocks().size(), 1u);
  EXPECT_EQ(verifyMessages(m), "");
}

TEST(IrBuilder, VerifierCatchesBranchToRemovedBlock) {
  Module m;
  Function *f = m.addFunction("bad", Signature{});
  Builder b(*f);
  BasicBlock *entry = b.createEntryBlock();
  BasicBlock *next = b.createBlock();
  b.setInsertBlock(entry);
  b.jump(next);
  b.setInsertBlock(next);
  b.ret({});
  b.removeBlock(next);
  EXPECT_NE(verifyMessages(m).find("not in the function"), std::string::npos);
}

TEST(IrBuilder, EveryFamilyVerifiesAndRoundTrips) {
  Module m;
  m.memories.push_back({Type::I32, 1, 2, false});
  m.tables.push_back({Type::I32, 1, std::nullopt});
  m.globals.push_back({Type::I64, true});
  m.signatures.push_back(Signature{{Type::I32}, {Type::I32}});
  m.numDataSegments = 1;
  m.numElemSegments = 1;
  Function *callee = m.addFunction("callee", Signature{{Type::I32}, {Type::I32}});
  (void)callee;
  Function *f = m.addFunction("all", Signature{{Type::I32, Type::F64, Type::Ref}, {Type::I32}});
  Builder b(*f);
  BasicBlock *e = b.createEntryBlock();
  BasicBlock *t = b.createBlock();
  b.setInsertBlock(e);
  Value a = e->param(0), d = e->param(1), r = e->param(2);
  b.trapz(a, TrapCode::IntDivideByZero);
  Value q = b.sdiv(Type::I32, a, a);
  Value w = b.sext(Type::I64, q);
  b.globalSet(0, w);
  Value g = b.globalGet(Type::I64, 0);
  Value n = b.ireduce(Type::I32, g);
  Value cv = b.fcvtToSintSat(Type::I32, d);
  MemArg ma;
  ma.alignLog2 = 0;
  ma.access = MemAccess::U8;
  Value ld = b.load(Type::I32, a, ma);
  b.store(Type::I32, a, ld, ma);
  b.memoryFill(0, a, n, cv);
  Value sz = b.memorySize(Type::I32, 0);
  Value tg = b.tableGet(0, sz);
  b.tableSet(0, a, tg);
  Value isNull = b.refIsNull(r);
  Value fr = b.refFunc(0);
  Value eq = b.refEq(fr, b.refAsNonNull(r));
  Inst *c1 = b.call(0, m.functions[0]->signature(), std::vector<Value>{eq});
  Inst *c2 = b.callIndirect(0, m.signatures[0], 0, a, std::vector<Value>{c1->result()});
  Inst *c3 = b.callRef(0, m.signatures[0], fr, std::vector<Value>{c2->result()});
  Value sel = b.select(Type::I32, isNull, c3->result(), a);
  b.brTable(sel, std::vector<BlockArgs>{{t, {}}}, {t, {}});
  b.setInsertBlock(t);
  b.ret(std::vector<Value>{a});
  ASSERT_EQ(verifyMessages(m), "");

  std::string text = printModule(m);
  Error err;
  auto parsed = parseModule(text, err);
  ASSERT_TRUE(parsed) << err.str("<text>") << "\n" << text;
  EXPECT_EQ(printModule(*parsed), text);
  EXPECT_EQ(verifyMessages(*parsed), "");
}

} // namespace

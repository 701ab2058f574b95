// RuleMatcherTest: toy.rules, compiled at build time by wasmaot-rulec through
// wasmaot_rules(), run over real IR built with ir::Builder. Protects the
// generated matchers: priority order, nested operand patterns, extractors,
// guards, absorb, non-linear patterns and the order constructors are called in.
#include "ToyRules.h"

#include "ir/Builder.h"
#include "ir/Module.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace wasmaot;
using ir::Type;
using ir::Value;
using toy::Reg;

namespace {

/// Records every machine term it is asked to build as one line of text.
class ToyContext final : public toy::ToyRulesContext {
public:
  explicit ToyContext(ir::Function &f) : f_(f) {
    for (ir::BasicBlock *b : f.blocks())
      for (ir::Inst *i = b->first; i; i = i->next)
        for (Value v : i->operandList()) ++uses_[v.id];
  }

  std::vector<std::string> trace;
  std::set<const ir::Inst *> absorbed;

  const ir::Inst *defOf(Value v) override {
    const ir::ValueData &d = f_.valueData(v);
    return d.def == ir::ValueDef::Result ? d.inst : nullptr;
  }
  bool canAbsorb(Value v) override { return uses_[v.id] == 1; }
  void markAbsorbed(const ir::Inst &inst) override { absorbed.insert(&inst); }

  Reg put_in_reg(Value v) override { return Reg{v.id, false}; }
  int32_t low32(uint64_t c) override { return static_cast<int32_t>(c); }
  bool fits_simm32(uint64_t c) override {
    return static_cast<int64_t>(c) == static_cast<int32_t>(c);
  }
  bool simm32(uint64_t c, int32_t &imm) override {
    if (!fits_simm32(c)) return false;
    imm = static_cast<int32_t>(c);
    return true;
  }
  bool uimm2(uint64_t c, uint8_t &k) override {
    if (c > 3) return false;
    k = static_cast<uint8_t>(c);
    return true;
  }

  Reg mov_ri(uint64_t imm) override { return emit("mov_ri " + std::to_string(imm)); }
  Reg add_rr(Reg a, Reg b) override { return emit("add_rr " + name(a) + ", " + name(b)); }
  Reg add_ri(Reg a, int32_t imm) override {
    return emit("add_ri " + name(a) + ", " + std::to_string(imm));
  }
  Reg sub_rr(Reg a, Reg b) override { return emit("sub_rr " + name(a) + ", " + name(b)); }
  Reg and_ri(Reg a, int32_t imm) override {
    return emit("and_ri " + name(a) + ", " + std::to_string(imm));
  }
  Reg zero() override { return emit("zero"); }
  Reg setcc(ir::IntCC cc, Reg a, Reg b) override {
    return emit(std::string("setcc ") + ir::intCCName(cc) + ", " + name(a) + ", " + name(b));
  }
  Reg test_zero(Reg a) override { return emit("test_zero " + name(a)); }
  Reg load_bd(Reg base, int32_t disp) override {
    return emit("load_bd [" + name(base) + " + " + std::to_string(disp) + "]");
  }
  Reg load_bisd(Reg base, Reg index, uint8_t shift, int32_t disp) override {
    return emit("load_bisd [" + name(base) + " + " + name(index) + "<<" + std::to_string(shift) +
                " + " + std::to_string(disp) + "]");
  }
  void store_b(Reg base, Reg value) override {
    trace.push_back("store_b [" + name(base) + "], " + name(value));
  }

private:
  static std::string name(Reg r) { return (r.temp ? "t" : "v") + std::to_string(r.id); }
  Reg emit(std::string text) {
    Reg r{nextTemp_++, true};
    trace.push_back(name(r) + " = " + text);
    return r;
  }

  ir::Function &f_;
  std::map<uint32_t, unsigned> uses_;
  uint32_t nextTemp_ = 0;
};

/// One function under construction; `lower(v)` runs the generated matcher on
/// the instruction defining v.
struct Fixture {
  ir::Module m;
  ir::Function *f;
  ir::Builder b;
  ir::BasicBlock *entry;
  toy::ToyRulesRule fired{};

  explicit Fixture(std::vector<Type> params)
      : f(m.addFunction("f", ir::Signature{std::move(params), {}})), b(*f) {
    entry = b.createEntryBlock();
    b.setInsertBlock(entry);
  }
  Value param(unsigned i) { return entry->param(i); }

  /// Lowers the instruction that defines `v`; returns the trace ("" if no rule).
  std::string lower(Value v, ToyContext *ctxOut = nullptr) {
    return lowerInst(*f->valueData(v).inst, ctxOut);
  }
  std::string lowerInst(const ir::Inst &inst, ToyContext *ctxOut = nullptr) {
    ToyContext local(*f);
    ToyContext &ctx = ctxOut ? *ctxOut : local;
    auto r = toy::lower(ctx, inst, &fired);
    if (!r) return "";
    std::string s;
    for (auto &l : ctx.trace) s += l + "\n";
    return s;
  }
  std::string rule() const { return toy::ruleName(fired); }
};

TEST(RuleMatcher, RegisterRegisterAdd) {
  Fixture t({Type::I32, Type::I32});
  Value sum = t.b.iadd(Type::I32, t.param(0), t.param(1));
  EXPECT_EQ(t.lower(sum), "t0 = add_rr v0, v1\n");
  EXPECT_EQ(t.rule(), "iadd_rr");
}

TEST(RuleMatcher, ImmediateOnEitherSideFolds) {
  Fixture t({Type::I32});
  Value right = t.b.iadd(Type::I32, t.param(0), t.b.i32const(5));
  EXPECT_EQ(t.lower(right), "t0 = add_ri v0, 5\n");
  EXPECT_EQ(t.rule(), "iadd_imm_right");
  Value left = t.b.iadd(Type::I32, t.b.i32const(7), t.param(0));
  EXPECT_EQ(t.lower(left), "t0 = add_ri v0, 7\n");
  EXPECT_EQ(t.rule(), "iadd_imm_left");
  // Both operands constant: the higher-priority rule wins.
  Value both = t.b.iadd(Type::I32, t.b.i32const(1), t.b.i32const(2));
  t.lower(both);
  EXPECT_EQ(t.rule(), "iadd_imm_right");
}

TEST(RuleMatcher, TypeSuffixRestrictsTheRule) {
  Fixture t({Type::I64});
  Value sum = t.b.iadd(Type::I64, t.param(0), t.b.i64const(5));
  // iadd_imm_* are .i32 only; the constant is just another register here.
  EXPECT_EQ(t.lower(sum), "t0 = add_rr v0, v1\n");
  EXPECT_EQ(t.rule(), "iadd_rr");
}

TEST(RuleMatcher, ExtractorRejectsWideImmediate) {
  Fixture t({Type::I32});
  Value sum = t.b.iadd(Type::I32, t.param(0), t.b.i32const(0x80000000u));
  // 0x80000000 (zero-extended bits of the i32) does not fit a sign-extended imm32.
  EXPECT_EQ(t.lower(sum), "t0 = add_rr v0, v1\n");
  EXPECT_EQ(t.rule(), "iadd_rr");
}

TEST(RuleMatcher, LetBuildsTwoInstructionsInOrder) {
  Fixture t({Type::I64});
  Value d = t.b.isub(Type::I64, t.param(0), t.b.i64const(1000));
  EXPECT_EQ(t.lower(d), "t0 = mov_ri 1000\nt1 = sub_rr v0, t0\n");
  EXPECT_EQ(t.rule(), "isub_imm");
  Value e = t.b.isub(Type::I64, t.param(0), t.param(0));
  EXPECT_EQ(t.lower(e), "t0 = sub_rr v0, v0\n");
  EXPECT_EQ(t.rule(), "isub_rr");
}

TEST(RuleMatcher, GuardDecides) {
  Fixture t({Type::I64});
  Value small = t.b.band(Type::I64, t.param(0), t.b.i64const(0xff));
  EXPECT_EQ(t.lower(small), "t0 = and_ri v0, 255\n");
  EXPECT_EQ(t.rule(), "band_imm");
  Value big = t.b.band(Type::I64, t.param(0), t.b.i64const(0x1'0000'0000ull));
  EXPECT_EQ(t.lower(big), ""); // no fallback rule for band: nothing matches
}

TEST(RuleMatcher, NonLinearPattern) {
  Fixture t({Type::I32, Type::I32});
  Value same = t.b.bxor(Type::I32, t.param(0), t.param(0));
  EXPECT_EQ(t.lower(same), "t0 = zero\n");
  EXPECT_EQ(t.rule(), "bxor_self");
  Value different = t.b.bxor(Type::I32, t.param(0), t.param(1));
  EXPECT_EQ(t.lower(different), "");
}

TEST(RuleMatcher, EnumLiteralAndCondition) {
  Fixture t({Type::I32, Type::I32});
  Value eqz = t.b.icmp(ir::IntCC::Eq, t.param(0), t.b.i32const(0));
  EXPECT_EQ(t.lower(eqz), "t0 = test_zero v0\n");
  EXPECT_EQ(t.rule(), "icmp_eq_zero");
  Value ne0 = t.b.icmp(ir::IntCC::Ne, t.param(0), t.b.i32const(0));
  EXPECT_EQ(t.lower(ne0), "t0 = setcc ne, v0, v4\n");
  EXPECT_EQ(t.rule(), "icmp_any");
  Value lt = t.b.icmp(ir::IntCC::Slt, t.param(0), t.param(1));
  EXPECT_EQ(t.lower(lt), "t0 = setcc slt, v0, v1\n");
}

TEST(RuleMatcher, AddressModeAbsorbsSingleUseChain) {
  Fixture t({Type::I32, Type::I32});
  Value shifted = t.b.ishl(Type::I32, t.param(1), t.b.i32const(2));
  Value addr = t.b.iadd(Type::I32, t.param(0), shifted);
  ir::MemArg m;
  m.offset = 16;
  m.alignLog2 = 2;
  Value loaded = t.b.load(Type::I32, addr, m);
  ToyContext ctx(*t.f);
  EXPECT_EQ(t.lower(loaded, &ctx), "t0 = load_bisd [v0 + v1<<2 + 16]\n");
  EXPECT_EQ(t.rule(), "load_scaled");
  EXPECT_EQ(ctx.absorbed.size(), 2u);
  EXPECT_TRUE(ctx.absorbed.count(t.f->valueData(addr).inst));
  EXPECT_TRUE(ctx.absorbed.count(t.f->valueData(shifted).inst));
}

TEST(RuleMatcher, SharedAddressIsNotAbsorbed) {
  Fixture t({Type::I32, Type::I32});
  Value shifted = t.b.ishl(Type::I32, t.param(1), t.b.i32const(3));
  Value addr = t.b.iadd(Type::I32, t.param(0), shifted);
  Value loaded = t.b.load(Type::I32, addr, ir::MemArg{});
  t.b.iadd(Type::I32, addr, t.param(0)); // a second use of addr
  ToyContext ctx(*t.f);
  EXPECT_EQ(t.lower(loaded, &ctx), "t0 = load_bd [v4 + 0]\n");
  EXPECT_EQ(t.rule(), "load_plain");
  EXPECT_TRUE(ctx.absorbed.empty());
}

TEST(RuleMatcher, ScaleOutOfRangeFallsBack) {
  Fixture t({Type::I32, Type::I32});
  Value shifted = t.b.ishl(Type::I32, t.param(1), t.b.i32const(4));
  Value loaded = t.b.load(Type::I32, t.b.iadd(Type::I32, t.param(0), shifted), ir::MemArg{});
  EXPECT_EQ(t.lower(loaded), "t0 = load_bd [v4 + 0]\n");
  EXPECT_EQ(t.rule(), "load_plain");
}

TEST(RuleMatcher, EffectOnlyResultAndConstants) {
  Fixture t({Type::I32, Type::I64});
  t.b.store(Type::I64, t.param(0), t.param(1), ir::MemArg{});
  const ir::Inst &store = *t.entry->last;
  EXPECT_EQ(t.lowerInst(store), "store_b [v0], v1\nt0 = zero\n");
  EXPECT_EQ(t.rule(), "store_any");
  ir::MemArg withOffset;
  withOffset.offset = 8;
  t.b.store(Type::I64, t.param(0), t.param(1), withOffset);
  EXPECT_EQ(t.lowerInst(*t.entry->last), ""); // store_any needs offset 0
  Value c = t.b.i64const(42);
  EXPECT_EQ(t.lower(c), "t0 = mov_ri 42\n");
  EXPECT_EQ(t.rule(), "iconst_any");
}

TEST(RuleMatcher, OpcodeWithoutRules) {
  Fixture t({Type::I32});
  Value p = t.b.popcnt(Type::I32, t.param(0));
  EXPECT_EQ(t.lower(p), "");
  EXPECT_EQ(toy::kNumToyRulesRules, 13u);
}

} // namespace

// Translator: the module's declarations (signatures, memories, tables, globals,
// segment counts, one ir::Function per wasm function) and the per-function loop.
#include "frontend/Translator.h"

#include "frontend/FunctionTranslator.h"
#include "wasm/BodyDecoder.h"

#include <memory>
#include <string>
#include <vector>

namespace wasmaot::frontend {

ir::Type irType(wasm::ValType t) {
  switch (t.kind) {
  case wasm::ValType::I32: return ir::Type::I32;
  case wasm::ValType::I64: return ir::Type::I64;
  case wasm::ValType::F32: return ir::Type::F32;
  case wasm::ValType::F64: return ir::Type::F64;
  case wasm::ValType::V128: return ir::Type::V128;
  case wasm::ValType::Ref: return ir::Type::Ref;
  case wasm::ValType::Bot: break;
  }
  return ir::Type::I32; // Bot never reaches a validated body's translation
}

namespace {

ir::Signature signatureOf(const wasm::FuncType &ft) {
  ir::Signature s;
  s.params.reserve(ft.params.size());
  for (wasm::ValType t : ft.params) s.params.push_back(irType(t));
  for (wasm::ValType t : ft.results) s.results.push_back(irType(t));
  return s;
}

/// Declarations: one IR signature per wasm type index (empty for struct and array
/// types), so `sigN` in the IR is wasm type N; indirect calls name the canonical
/// (first equivalent) type, so equivalent types share a signature index.
void declare(const wasm::Module &w, ModuleContext &ctx) {
  ir::Module &out = ctx.ir;
  out.signatures.reserve(w.types.size());
  ctx.sigOfType.reserve(w.types.size());
  for (const wasm::SubType &st : w.types) {
    out.signatures.push_back(st.comp.kind == wasm::CompKind::Func ? signatureOf(st.comp.func) : ir::Signature{});
    ctx.sigOfType.push_back(st.canonical);
  }
  for (const wasm::Memory &mem : w.memories) {
    ir::MemoryDecl d;
    d.indexType = mem.type.limits.is64 ? ir::Type::I64 : ir::Type::I32;
    d.minPages = mem.type.limits.min;
    d.maxPages = mem.type.limits.max;
    d.shared = mem.type.limits.shared;
    out.memories.push_back(d);
  }
  for (const wasm::Table &t : w.tables) {
    ir::TableDecl d;
    d.indexType = t.type.limits.is64 ? ir::Type::I64 : ir::Type::I32;
    d.minElems = t.type.limits.min;
    d.maxElems = t.type.limits.max;
    out.tables.push_back(d);
  }
  for (const wasm::Global &g : w.globals) out.globals.push_back({irType(g.type.type), g.type.mut});
  out.numDataSegments = w.dataCount ? *w.dataCount : uint32_t(w.datas.size());
  out.numElemSegments = uint32_t(w.elems.size());
  out.functions.reserve(w.functions.size());
  // A function's IR name, for people reading IR (calls name functions by index):
  // the name section's, else its first export's, else "module.field" of its
  // import, else f<index>. Names need not be unique.
  std::vector<const std::string *> otherNames(w.functions.size(), nullptr);
  for (const wasm::Export &e : w.exports)
    if (e.kind == wasm::ExternKind::Func && !otherNames[e.index]) otherNames[e.index] = &e.name;
  std::vector<std::string> importNames(w.numImportedFunctions);
  for (const wasm::Import &imp : w.imports)
    if (imp.kind == wasm::ExternKind::Func) importNames[imp.index] = imp.module + "." + imp.name;
  for (uint32_t i = 0; i < w.functions.size(); ++i) {
    std::string name;
    if (auto it = w.names.functionNames.find(i); it != w.names.functionNames.end())
      name = it->second;
    if (name.empty() && otherNames[i]) name = *otherNames[i];
    if (name.empty() && i < importNames.size()) name = importNames[i];
    if (name.empty()) name = "f" + std::to_string(i);
    out.addFunction(std::move(name), signatureOf(w.functionType(i)));
  }
}

} // namespace

void ModuleContextDeleter::operator()(ModuleContext *ctx) const { delete ctx; }

ModuleContextPtr declareModule(const wasm::Module &module, ir::Module &out) {
  ModuleContextPtr ctx(new ModuleContext{module, out, {}});
  declare(module, *ctx);
  for (uint32_t i = module.numImportedFunctions; i < module.functions.size(); ++i) out.functions[i]->markDefined();
  return ctx;
}

BodyTranslator::BodyTranslator(const ModuleContext &ctx) : impl_(std::make_unique<FunctionTranslator>(ctx)) {}
BodyTranslator::~BodyTranslator() = default;

bool BodyTranslator::translate(uint32_t funcIndex, const Features &features, bool validate, Diagnostic &diag) {
  return impl_->translate(funcIndex, features, validate, diag);
}

bool firstInvalidBodyAfter(const wasm::Module &module, uint32_t after, const Features &features, Diagnostic &diag) {
  for (uint32_t j = after + 1; j < module.functions.size(); ++j) {
    Diagnostic d;
    if (!wasm::validateFunctionBody(module, j, features, d)) {
      if (!d.funcIndex) d.funcIndex = j;
      diag = d;
      return true;
    }
  }
  return false;
}

bool translateModule(const wasm::Module &module, const Features &features, ir::Module &out,
                     Diagnostic &diag, bool validateBodies) {
  ModuleContextPtr ctx = declareModule(module, out);
  BodyTranslator translator(*ctx);
  for (uint32_t i = module.numImportedFunctions; i < module.functions.size(); ++i) {
    if (translator.translate(i, features, validateBodies, diag)) continue;
    // An invalid body after this one is the module's real problem: report it,
    // as validating every body before translating would have.
    if (validateBodies && diag.kind == DiagKind::Unsupported) firstInvalidBodyAfter(module, i, features, diag);
    return false;
  }
  return true;
}

bool FunctionTranslator::translate(uint32_t funcIndex, const Features &features, bool validate,
                                   Diagnostic &diag) {
  f_ = m_.ir.functions[funcIndex].get();
  ir::Builder builder(*f_);
  b_ = &builder;
  funcIndex_ = funcIndex;
  failed_ = false;
  Diagnostic decodeDiag;
  bool decoded;
  if (validate) {
    wasm::BodyDecoder<true, FunctionTranslator> decoder(m_.wasm, features, *this);
    decoded = decoder.decodeFunction(funcIndex, decodeDiag);
    // As validateFunctionBody: an encoding error later in the body wins.
    if (!decoded && decodeDiag.kind == DiagKind::Invalid)
      wasm::checkFunctionBodyEncoding(m_.wasm, funcIndex, features, decodeDiag);
  } else {
    wasm::BodyDecoder<false, FunctionTranslator> decoder(m_.wasm, features, *this);
    decoded = decoder.decodeFunction(funcIndex, decodeDiag);
  }
  b_ = nullptr;
  if (!decoded && (validate || !failed_)) {
    // Invalid or malformed (with `validate`, this wins over the translator's own
    // failure, which may be a consequence of it), or a decoder limit.
    if (validate && !decodeDiag.funcIndex) decodeDiag.funcIndex = funcIndex;
    diag = decodeDiag;
    return false;
  }
  if (failed_) {
    diag = diag_;
    return false;
  }
  return true;
}

void FunctionTranslator::startFunction(uint32_t, std::span<const wasm::ValType> locals) {
  localTypes_.clear();
  for (wasm::ValType t : locals) localTypes_.push_back(irType(t));
  stack_.clear();
  frames_.clear();
  ifParams_.clear();
  returnBlock_ = nullptr;
  reachable_ = true;
  ir::BasicBlock *entry = b_->createEntryBlock();
  b_->setInsertBlock(entry);
  ssa_.reset(*f_, entry, localTypes_);
  const wasm::FuncType &ft = m_.wasm.functionType(funcIndex_);
  Frame fr;
  fr.kind = FrameKind::Function;
  fr.numResults = uint32_t(ft.results.size());
  frames_.push_back(fr);
}

void FunctionTranslator::endFunction() {
  if (failed_) return;
  if (returnBlock_) ssa_.place(returnBlock_);
  ssa_.finish();
}

void FunctionTranslator::unsupported(const wasm::Instr &in) {
  if (failed_) return;
  failed_ = true;
  diag_ = Diagnostic{};
  diag_.kind = DiagKind::Unsupported;
  diag_.offset = in.offset;
  diag_.funcIndex = funcIndex_;
  diag_.message = std::string("not yet supported: ") + wasm::opcodeName(in.op);
}

} // namespace wasmaot::frontend

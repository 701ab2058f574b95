// BodyDecoderImpl: the member definitions of BodyDecoder (included by BodyDecoder.h only).
#pragma once

namespace wasmaot::wasm {

// ---------------------------------------------------------------------------
// Entry points

template <bool V, class C>
bool BodyDecoder<V, C>::decodeFunction(uint32_t funcIndex, Diagnostic &diag) {
  failed_ = false;
  constMode_ = false;
  funcIndex_ = funcIndex;
  instrOffset_ = 0;
  locals_.clear();
  localInit_.clear();
  initStack_.clear();
  stack_.clear();
  frames_.clear();
  r_ = Reader(std::span<const uint8_t>());

  auto finish = [&](bool ok) {
    if (!ok) diag = diag_;
    return ok;
  };
  if (funcIndex >= m_.functions.size() || m_.functions[funcIndex].imported)
    return finish(fail("unknown function " + std::to_string(funcIndex)));
  const Function &fn = m_.functions[funcIndex];
  instrOffset_ = fn.body.offset;
  if (uint64_t(fn.body.offset) + fn.body.size > m_.bytes.size())
    return finish(fail("unexpected end", DiagKind::Malformed));
  if (!isCompKind(fn.typeIndex, CompKind::Func))
    return finish(fail("unknown type " + std::to_string(fn.typeIndex)));
  r_ = Reader(std::span<const uint8_t>(m_.bytes).subspan(fn.body.offset, fn.body.size),
              fn.body.offset);
  const FuncType &ft = m_.funcType(fn.typeIndex);

  // Locals: read every declaration first so that the 2^32-1 rule (malformed)
  // is checked before our own, smaller limit.
  struct Group {
    uint32_t n;
    ValType t;
  };
  std::vector<Group> groups;
  const uint32_t numGroups = r_.count(2, "local declaration count");
  if (!readerOk()) return finish(false);
  groups.reserve(numGroups);
  uint64_t total = ft.params.size();
  for (uint32_t i = 0; i < numGroups; ++i) {
    const uint32_t n = r_.u32();
    ValType t;
    if (!detail::readValType(r_, f_, t)) break;
    total += n;
    groups.push_back({n, t});
  }
  if (!readerOk()) return finish(false);
  if (total > 0xFFFFFFFFull) return finish(fail("too many locals", DiagKind::Malformed));
  if (total > kMaxFunctionLocals)
    return finish(fail("too many locals: " + std::to_string(total) + " exceeds the limit of " +
                           std::to_string(kMaxFunctionLocals),
                       DiagKind::Limit));
  locals_.assign(ft.params.begin(), ft.params.end());
  for (const Group &g : groups) {
    if constexpr (V) {
      if (!validValType(g.t)) return finish(false);
    }
    locals_.insert(locals_.end(), g.n, g.t);
  }
  localInit_.resize(locals_.size(), 1);
  for (size_t i = ft.params.size(); i < locals_.size(); ++i)
    localInit_[i] = locals_[i].defaultable() ? 1 : 0;

  BlockType bt;
  bt.kind = BlockType::Index;
  bt.typeIndex = fn.typeIndex;
  pushFrame(FrameKind::Function, bt);
  c_.startFunction(funcIndex, std::span<const ValType>(locals_));
  return finish(run(true));
}

template <bool V, class C>
bool BodyDecoder<V, C>::decodeConstExpr(std::span<const uint8_t> bytes, uint64_t base,
                                        ValType expected, uint32_t numGlobals, bool exactEnd,
                                        Diagnostic &diag) {
  failed_ = false;
  constMode_ = true;
  numGlobals_ = numGlobals;
  instrOffset_ = base;
  locals_.clear();
  localInit_.clear();
  initStack_.clear();
  stack_.clear();
  frames_.clear();
  r_ = Reader(bytes, base);
  BlockType bt;
  bt.kind = BlockType::Value;
  bt.value = expected;
  pushFrame(FrameKind::Function, bt);
  const bool ok = run(exactEnd);
  if (!ok) diag = diag_;
  return ok;
}

// ---------------------------------------------------------------------------
// The instruction loop

template <bool V, class C> bool BodyDecoder<V, C>::run(bool exactEnd) {
  cur_ = Instr{};
  dirtyImm_ = OpImm::None;
  while (!failed_ && !frames_.empty()) {
    instrOffset_ = r_.offset();
    if (r_.atEnd())
      return fail(constMode_ ? "unexpected end of section or function (constant expression "
                               "without END opcode)"
                             : "unexpected end of section or function (END opcode expected)",
                  DiagKind::Malformed);
    const uint8_t b = r_.u8();
    uint8_t prefix = 0;
    uint32_t code = b;
    if (isOpcodePrefix(b)) {
      prefix = b;
      code = r_.u32();
      if (!readerOk()) return false;
    }
    const std::optional<Opcode> op = lookupOpcode(prefix, code);
    if (!op || !featureEnabled(f_, opcodeInfo(*op).feature)) {
      char buf[32];
      if (prefix)
        std::snprintf(buf, sizeof buf, "%02x %x", unsigned(prefix), unsigned(code));
      else
        std::snprintf(buf, sizeof buf, "%02x", unsigned(b));
      return fail(std::string("illegal opcode ") + buf, DiagKind::Malformed);
    }
    const OpcodeInfo &info = opcodeInfo(*op);
    resetImmediates();
    dirtyImm_ = info.imm;
    cur_.op = *op;
    cur_.offset = uint32_t(instrOffset_);
    if (!readImmediates(cur_, info)) return false;
    const bool reachable = reachableNow();
    if constexpr (V) {
      if (constMode_ && !checkConstOp(cur_)) return false;
      if (!validate(cur_, info) || failed_) return false;
    }
    if (!control(cur_, reachable)) return false;
  }
  if (failed_) return false;
  if (exactEnd && !r_.atEnd()) {
    instrOffset_ = r_.offset();
    return fail("section size mismatch (bytes after the final END opcode)", DiagKind::Malformed);
  }
  return true;
}

template <bool V, class C> bool BodyDecoder<V, C>::control(Instr &in, bool reachable) {
  switch (in.op) {
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
  case Opcode::TryTable: {
    if (reachable) c_.instr(in);
    const FrameKind kind = in.op == Opcode::Block  ? FrameKind::Block
                           : in.op == Opcode::Loop ? FrameKind::Loop
                           : in.op == Opcode::If   ? FrameKind::If
                                                   : FrameKind::TryTable;
    if (!pushFrame(kind, in.block)) return false;
    if constexpr (V) pushTypes(btParams(in.block));
    return !failed_;
  }
  case Opcode::Else: {
    Frame &f = frames_.back();
    if (f.kind != FrameKind::If) return fail("END opcode expected (else without if)", DiagKind::Malformed);
    if (f.reachableAtOpen) c_.elseOrEnd(in, !f.unreachable);
    resetLocals(f.initHeight);
    f.kind = FrameKind::Else;
    f.unreachable = false;
    if constexpr (V) {
      stack_.resize(f.height);
      pushTypes(btParams(f.bt));
    }
    return !failed_;
  }
  case Opcode::End: {
    const Frame f = frames_.back();
    if (f.reachableAtOpen) c_.elseOrEnd(in, !f.unreachable);
    resetLocals(f.initHeight);
    frames_.pop_back();
    if constexpr (V) {
      stack_.resize(f.height);
      pushTypes(btResults(f.bt));
    }
    if (frames_.empty() && !constMode_) c_.endFunction();
    return !failed_;
  }
  case Opcode::Unreachable:
  case Opcode::Br:
  case Opcode::BrTable:
  case Opcode::Return:
  case Opcode::ReturnCall:
  case Opcode::ReturnCallIndirect:
  case Opcode::ReturnCallRef:
  case Opcode::Throw:
  case Opcode::ThrowRef:
    if (reachable) c_.instr(in);
    setUnreachable();
    return true;
  default:
    if (reachable) c_.instr(in);
    return true;
  }
}

// ---------------------------------------------------------------------------
// Immediates

template <bool V, class C> bool BodyDecoder<V, C>::readBlockType(BlockType &bt) {
  if (r_.atEnd()) {
    r_.u8();
    return readerOk();
  }
  const uint8_t b = r_.peek();
  if (b == 0x40) {
    r_.u8();
    bt.kind = BlockType::Empty;
    return true;
  }
  if ((b >= 0x7B && b <= 0x7F) || (b >= 0x69 && b <= 0x74) || b == 0x63 || b == 0x64) {
    ValType t;
    if (!detail::readValType(r_, f_, t)) return readerOk();
    bt.kind = BlockType::Value;
    bt.value = t;
    return true;
  }
  const uint64_t at = r_.offset();
  const int64_t v = r_.s33();
  if (!readerOk()) return false;
  if (v < 0 || !f_.multiValue) {
    instrOffset_ = at;
    return fail("malformed block type", DiagKind::Malformed);
  }
  bt.kind = BlockType::Index;
  bt.typeIndex = uint32_t(v);
  if (uint64_t(v) > 0xFFFFFFFFull) bt.typeIndex = 0xFFFFFFFFu;
  return true;
}

template <bool V, class C> bool BodyDecoder<V, C>::readMemIndex(uint32_t &out) {
  if (f_.multiMemory) return readIndex(out);
  const uint8_t b = r_.u8();
  if (!readerOk()) return false;
  if (b != 0) return fail("zero byte expected", DiagKind::Malformed);
  out = 0;
  return true;
}

template <bool V, class C> bool BodyDecoder<V, C>::readMemArg(MemArg &ma) {
  uint32_t flags = r_.u32();
  if (!readerOk()) return false;
  uint32_t mem = 0;
  if (f_.multiMemory) {
    if (flags >= 0x80) return fail("malformed memop flags", DiagKind::Malformed);
    if (flags & 0x40) {
      mem = r_.u32();
      flags &= ~0x40u;
    }
  } else if (flags >= 32) {
    return fail("malformed memop flags", DiagKind::Malformed); // 2.0: alignment exponent >= 32
  }
  ma.alignLog2 = flags;
  ma.memory = mem;
  ma.offset = f_.memory64 ? r_.u64() : r_.u32();
  return readerOk();
}

template <bool V, class C>
bool BodyDecoder<V, C>::readImmediates(Instr &in, const OpcodeInfo &info) {
  switch (info.imm) {
  case OpImm::None:
    return true;
  case OpImm::Block:
    return readBlockType(in.block);
  case OpImm::Label:
  case OpImm::Func:
  case OpImm::Type:
  case OpImm::Local:
  case OpImm::Global:
  case OpImm::Table:
  case OpImm::Elem:
  case OpImm::Tag:
    return readIndex(in.idx[0]);
  case OpImm::Data: // data.drop: a decoding rule in the spec, so checked in both modes
    if (!m_.dataCount) return fail("data count section required", DiagKind::Malformed);
    return readIndex(in.idx[0]);
  case OpImm::TypeData:
    if (!m_.dataCount) return fail("data count section required", DiagKind::Malformed);
    return readIndex(in.idx[0]) && readIndex(in.idx[1]);
  case OpImm::TypeField:
  case OpImm::TypeCount:
  case OpImm::TypeElem:
  case OpImm::TypeType:
  case OpImm::ElemTable:
  case OpImm::TableTable:
    return readIndex(in.idx[0]) && readIndex(in.idx[1]);
  case OpImm::CallIndirect:
    if (!readIndex(in.idx[0])) return false;
    if (f_.referenceTypes) return readIndex(in.idx[1]);
    if (r_.u8() != 0) return readerOk() && fail("zero byte expected", DiagKind::Malformed);
    return readerOk();
  case OpImm::Memory:
    return readMemIndex(in.idx[0]);
  case OpImm::MemoryMemory:
    return readMemIndex(in.idx[0]) && readMemIndex(in.idx[1]);
  case OpImm::DataMemory:
    if (!m_.dataCount) return fail("data count section required", DiagKind::Malformed);
    return readIndex(in.idx[0]) && readMemIndex(in.idx[1]);
  case OpImm::BrTable: {
    const uint32_t n = r_.count(1, "br_table target count");
    if (!readerOk()) return false;
    targets_.clear();
    targets_.reserve(size_t(n) + 1);
    for (uint64_t i = 0; i <= n; ++i) {
      targets_.push_back(r_.u32());
      if (!readerOk()) return false;
    }
    in.targets = targets_;
    return true;
  }
  case OpImm::TryTable: {
    if (!readBlockType(in.block)) return false;
    const uint32_t n = r_.count(2, "catch clause count");
    if (!readerOk()) return false;
    catches_.clear();
    catches_.reserve(n);
    for (uint32_t i = 0; i < n; ++i) {
      CatchClause cc;
      const uint8_t kind = r_.u8();
      if (!readerOk()) return false;
      if (kind > 3) return fail("malformed catch clause", DiagKind::Malformed);
      cc.kind = CatchClause::Kind(kind);
      if (kind < 2 && !readIndex(cc.tag)) return false;
      if (!readIndex(cc.label)) return false;
      catches_.push_back(cc);
    }
    in.catches = catches_;
    return true;
  }
  case OpImm::MemArg:
    return readMemArg(in.mem);
  case OpImm::MemArgLane:
    if (!readMemArg(in.mem)) return false;
    in.lane = r_.u8();
    return readerOk();
  case OpImm::Lane:
    in.lane = r_.u8();
    return readerOk();
  case OpImm::I32:
    in.i32 = r_.s32();
    return readerOk();
  case OpImm::I64:
    in.i64 = r_.s64();
    return readerOk();
  case OpImm::F32:
    in.f32Bits = r_.f32Bits();
    return readerOk();
  case OpImm::F64:
    in.f64Bits = r_.f64Bits();
    return readerOk();
  case OpImm::V128:
  case OpImm::Shuffle: {
    auto b = r_.bytes(16);
    if (!readerOk()) return false;
    for (size_t i = 0; i < 16; ++i) in.v128[i] = b[i];
    return true;
  }
  case OpImm::SelectT: {
    const uint32_t n = r_.count(1, "select type count");
    if (!readerOk()) return false;
    selectTypes_.clear();
    selectTypes_.reserve(n);
    for (uint32_t i = 0; i < n; ++i) {
      ValType t;
      if (!detail::readValType(r_, f_, t)) return readerOk();
      selectTypes_.push_back(t);
    }
    in.selectTypes = selectTypes_;
    return true;
  }
  case OpImm::HeapType:
    if (!detail::readHeapType(r_, f_, in.heap[0])) return readerOk();
    in.nullable[0] =
        in.op == Opcode::RefNull || in.op == Opcode::RefTestNull || in.op == Opcode::RefCastNull;
    return true;
  case OpImm::BrOnCast: {
    const uint8_t flags = r_.u8();
    if (!readerOk()) return false;
    if (flags > 3) return fail("malformed br_on_cast flags", DiagKind::Malformed);
    if (!readIndex(in.idx[0])) return false;
    if (!detail::readHeapType(r_, f_, in.heap[0])) return readerOk();
    if (!detail::readHeapType(r_, f_, in.heap[1])) return readerOk();
    in.nullable[0] = flags & 1;
    in.nullable[1] = (flags & 2) != 0;
    return true;
  }
  }
  return true;
}

// ---------------------------------------------------------------------------
// Validation

template <bool V, class C> bool BodyDecoder<V, C>::checkConstOp(const Instr &in) {
  switch (in.op) {
  case Opcode::I32Const:
  case Opcode::I64Const:
  case Opcode::F32Const:
  case Opcode::F64Const:
  case Opcode::V128Const:
  case Opcode::RefNull:
  case Opcode::RefFunc:
  case Opcode::End:
    return true;
  case Opcode::GlobalGet:
    if (!checkGlobal(in.idx[0])) return false;
    if (m_.globals[in.idx[0]].type.mut) return fail("constant expression required (global.get of a mutable global)");
    return true;
  case Opcode::I32Add:
  case Opcode::I32Sub:
  case Opcode::I32Mul:
  case Opcode::I64Add:
  case Opcode::I64Sub:
  case Opcode::I64Mul:
    if (f_.extendedConst) return true;
    break;
  case Opcode::StructNew:
  case Opcode::StructNewDefault:
  case Opcode::ArrayNew:
  case Opcode::ArrayNewDefault:
  case Opcode::ArrayNewFixed:
  case Opcode::RefI31:
  case Opcode::AnyConvertExtern:
  case Opcode::ExternConvertAny:
    if (f_.gc) return true;
    break;
  default:
    break;
  }
  return fail(std::string("constant expression required (") + opcodeName(in.op) + ")");
}

template <bool V, class C> bool BodyDecoder<V, C>::checkCatch(const CatchClause &cc) {
  if (!checkLabel(cc.label)) return false;
  const auto label = labelTypes(labelFrame(cc.label));
  std::span<const ValType> params;
  if (cc.kind == CatchClause::Catch || cc.kind == CatchClause::CatchRef) {
    if (!checkTag(cc.tag)) return false;
    const uint32_t t = m_.tags[cc.tag].typeIndex;
    if (!isCompKind(t, CompKind::Func)) return fail("unknown type " + std::to_string(t));
    params = m_.funcType(t).params;
  }
  const bool withRef = cc.kind == CatchClause::CatchRef || cc.kind == CatchClause::CatchAllRef;
  bool ok = label.size() == params.size() + (withRef ? 1 : 0);
  for (size_t i = 0; ok && i < params.size(); ++i) ok = sub(params[i], label[i]);
  if (ok && withRef) ok = sub(refOf(AbsHeap::Exn, false), label.back());
  if (!ok) return fail("type mismatch: catch clause does not match its label's types" + where());
  return true;
}

template <bool V, class C>
bool BodyDecoder<V, C>::validateSimple(const Instr &in, const OpcodeInfo &info) {
  ValType addr = ValType::i32();
  if (info.imm == OpImm::MemArg || info.imm == OpImm::MemArgLane) {
    if (!checkMemory(in.mem.memory)) return false;
    const bool is64 = m_.memories[in.mem.memory].type.limits.is64;
    if (in.mem.alignLog2 > info.aux) return fail("alignment must not be larger than natural");
    if (!is64 && in.mem.offset > 0xFFFFFFFFull) return fail("offset out of range");
    addr = addrType(is64);
    if (info.imm == OpImm::MemArgLane && !checkLane(in.lane, 16u >> info.aux)) return false;
  } else if (info.imm == OpImm::Lane) {
    if (!checkLane(in.lane, info.aux)) return false;
  } else if (info.imm == OpImm::Shuffle) {
    for (uint8_t lane : in.v128)
      if (!checkLane(lane, 32)) return false;
  }
  const SigInfo &s = sigInfo(info.sig);
  // Fast path: the operands are on the stack above the frame with exactly the
  // parameter types (the slots are numbers, vectors or the address type), so
  // the pops below cannot fail; anything else takes them with their messages.
  const size_t n = s.numParams, size = stack_.size();
  if (size >= frames_.back().height + n && (s.numResults == 0 || size - n < kMaxOperandStack)) {
    bool exact = true;
    for (size_t i = 0; i < n; ++i)
      exact = exact && stack_[size - n + i].kind == slotType(s.params[i], addr).kind;
    if (exact) {
      stack_.resize(size - n);
      if (s.numResults) stack_.push_back(slotType(s.result, addr));
      return !failed_;
    }
  }
  for (size_t i = s.numParams; i-- > 0;) popExpect(slotType(s.params[i], addr));
  if (s.numResults) push(slotType(s.result, addr));
  return !failed_;
}

template <bool V, class C> bool BodyDecoder<V, C>::validate(Instr &in, const OpcodeInfo &info) {
  if (info.sig != OpSig::None) return validateSimple(in, info);
  if (info.feature == OpFeature::Gc) return validateGc(in);
  const uint32_t x = in.idx[0], y = in.idx[1];
  switch (in.op) {
  case Opcode::Unreachable:
  case Opcode::Nop:
    return true;
  case Opcode::Block:
  case Opcode::Loop:
  case Opcode::If:
  case Opcode::TryTable:
    if (in.block.kind == BlockType::Index && !checkFuncType(in.block.typeIndex)) return false;
    if (in.block.kind == BlockType::Value && !validValType(in.block.value)) return false;
    if (in.op == Opcode::TryTable)
      for (const CatchClause &cc : in.catches)
        if (!checkCatch(cc)) return false;
    if (in.op == Opcode::If) popExpect(ValType::i32());
    popTypes(btParams(in.block));
    return !failed_;
  case Opcode::Else: {
    const Frame &f = frames_.back();
    if (f.kind == FrameKind::If) checkFrameEnd(btResults(f.bt));
    return !failed_;
  }
  case Opcode::End: {
    const Frame &f = frames_.back();
    if (f.kind == FrameKind::If) {
      const auto p = btParams(f.bt), r = btResults(f.bt);
      bool ok = p.size() == r.size();
      for (size_t i = 0; ok && i < p.size(); ++i) ok = sub(p[i], r[i]);
      if (!ok) return fail("type mismatch: if without else must produce its results from its params");
    }
    checkFrameEnd(btResults(f.bt));
    return !failed_;
  }
  case Opcode::Br:
    if (!checkLabel(x)) return false;
    popTypes(labelTypes(labelFrame(x)));
    return !failed_;
  case Opcode::BrIf: {
    if (!checkLabel(x)) return false;
    popExpect(ValType::i32());
    const auto l = labelTypes(labelFrame(x));
    popTypes(l);
    pushTypes(l);
    return !failed_;
  }
  case Opcode::BrTable: {
    for (uint32_t t : in.targets)
      if (!checkLabel(t)) return false;
    popExpect(ValType::i32());
    const size_t arity = labelTypes(labelFrame(in.targets.back())).size();
    for (uint32_t t : in.targets) {
      const auto l = labelTypes(labelFrame(t));
      if (l.size() != arity) return fail("type mismatch: br_table targets have different arities");
      checkTop(l);
      if (failed_) return false;
    }
    return true;
  }
  case Opcode::Return:
    popTypes(btResults(frames_.front().bt));
    return !failed_;
  case Opcode::Call:
  case Opcode::ReturnCall: {
    if (!checkFunc(x)) return false;
    const uint32_t t = m_.functions[x].typeIndex;
    if (!checkFuncType(t)) return false;
    const FuncType &ft = m_.funcType(t);
    if (in.op == Opcode::ReturnCall && !checkReturnResults(ft.results)) return false;
    popTypes(ft.params);
    if (in.op == Opcode::Call) pushTypes(ft.results);
    return !failed_;
  }
  case Opcode::CallIndirect:
  case Opcode::ReturnCallIndirect: {
    if (!checkTable(y) || !checkFuncType(x)) return false;
    const TableType &tt = m_.tables[y].type;
    if (!sub(tt.elem, ValType::funcref()))
      return fail("type mismatch: call_indirect on a table of non-function references");
    const FuncType &ft = m_.funcType(x);
    if (in.op == Opcode::ReturnCallIndirect && !checkReturnResults(ft.results)) return false;
    popExpect(addrType(tt.limits.is64));
    popTypes(ft.params);
    if (in.op == Opcode::CallIndirect) pushTypes(ft.results);
    return !failed_;
  }
  case Opcode::CallRef:
  case Opcode::ReturnCallRef: {
    if (!checkFuncType(x)) return false;
    const FuncType &ft = m_.funcType(x);
    if (in.op == Opcode::ReturnCallRef && !checkReturnResults(ft.results)) return false;
    popExpect(ValType::ref(HeapType::index(x), true));
    popTypes(ft.params);
    if (in.op == Opcode::CallRef) pushTypes(ft.results);
    return !failed_;
  }
  case Opcode::Throw: {
    if (!checkTag(x)) return false;
    const uint32_t t = m_.tags[x].typeIndex;
    if (!isCompKind(t, CompKind::Func)) return fail("unknown type " + std::to_string(t));
    popTypes(m_.funcType(t).params);
    return !failed_;
  }
  case Opcode::ThrowRef:
    popExpect(refOf(AbsHeap::Exn, true));
    return !failed_;
  case Opcode::Drop:
    pop();
    return !failed_;
  case Opcode::Select: {
    popExpect(ValType::i32());
    const ValType a = pop(), b = pop();
    auto plain = [](ValType t) { return t.kind == ValType::Bot || t.isNum() || t.kind == ValType::V128; };
    if (!plain(a) || !plain(b))
      return fail("type mismatch: select without a type annotation needs numeric or vector operands");
    if (a.kind != ValType::Bot && b.kind != ValType::Bot && !(a == b))
      return fail(mismatch(valTypeName(b), valTypeName(a)));
    push(a.kind == ValType::Bot ? b : a);
    return !failed_;
  }
  case Opcode::SelectTyped: {
    if (in.selectTypes.size() != 1) return fail("invalid result arity");
    const ValType t = in.selectTypes[0];
    if (!validValType(t)) return false;
    popExpect(ValType::i32());
    popExpect(t);
    popExpect(t);
    push(t);
    return !failed_;
  }
  case Opcode::LocalGet:
    if (!checkLocal(x)) return false;
    if (!localInit_[x]) return fail("uninitialized local " + std::to_string(x));
    push(locals_[x]);
    return !failed_;
  case Opcode::LocalSet:
  case Opcode::LocalTee:
    if (!checkLocal(x)) return false;
    popExpect(locals_[x]);
    initLocal(x);
    if (in.op == Opcode::LocalTee) push(locals_[x]);
    return !failed_;
  case Opcode::GlobalGet:
    if (!checkGlobal(x)) return false;
    push(m_.globals[x].type.type);
    return !failed_;
  case Opcode::GlobalSet:
    if (!checkGlobal(x)) return false;
    if (!m_.globals[x].type.mut) return fail("global is immutable (immutable global " + std::to_string(x) + ")");
    popExpect(m_.globals[x].type.type);
    return !failed_;
  case Opcode::TableGet:
  case Opcode::TableSet:
  case Opcode::TableSize:
  case Opcode::TableGrow:
  case Opcode::TableFill: {
    if (!checkTable(x)) return false;
    const TableType &tt = m_.tables[x].type;
    const ValType at = addrType(tt.limits.is64);
    switch (in.op) {
    case Opcode::TableGet: popExpect(at); push(tt.elem); break;
    case Opcode::TableSet: popExpect(tt.elem); popExpect(at); break;
    case Opcode::TableSize: push(at); break;
    case Opcode::TableGrow: popExpect(at); popExpect(tt.elem); push(at); break;
    default: popExpect(at); popExpect(tt.elem); popExpect(at); break;
    }
    return !failed_;
  }
  case Opcode::TableCopy: {
    if (!checkTable(x) || !checkTable(y)) return false;
    const TableType &d = m_.tables[x].type, &s = m_.tables[y].type;
    if (!sub(s.elem, d.elem)) return fail(mismatch(valTypeName(d.elem), valTypeName(s.elem)));
    popExpect(addrType(d.limits.is64 && s.limits.is64));
    popExpect(addrType(s.limits.is64));
    popExpect(addrType(d.limits.is64));
    return !failed_;
  }
  case Opcode::TableInit: {
    if (!checkTable(y) || !checkElem(x)) return false;
    const TableType &tt = m_.tables[y].type;
    if (!sub(m_.elems[x].elemType, tt.elem))
      return fail(mismatch(valTypeName(tt.elem), valTypeName(m_.elems[x].elemType)));
    popExpect(ValType::i32());
    popExpect(ValType::i32());
    popExpect(addrType(tt.limits.is64));
    return !failed_;
  }
  case Opcode::ElemDrop:
    return checkElem(x);
  case Opcode::MemorySize:
  case Opcode::MemoryGrow:
  case Opcode::MemoryFill: {
    if (!checkMemory(x)) return false;
    const ValType at = addrType(m_.memories[x].type.limits.is64);
    if (in.op == Opcode::MemoryGrow) popExpect(at);
    if (in.op == Opcode::MemoryFill) {
      popExpect(at);
      popExpect(ValType::i32());
      popExpect(at);
    } else {
      push(at);
    }
    return !failed_;
  }
  case Opcode::MemoryCopy: {
    if (!checkMemory(x) || !checkMemory(y)) return false;
    const bool d64 = m_.memories[x].type.limits.is64, s64 = m_.memories[y].type.limits.is64;
    popExpect(addrType(d64 && s64));
    popExpect(addrType(s64));
    popExpect(addrType(d64));
    return !failed_;
  }
  case Opcode::MemoryInit:
    if (!m_.dataCount) return fail("data count section required", DiagKind::Malformed);
    if (!checkMemory(y) || !checkData(x)) return false;
    popExpect(ValType::i32());
    popExpect(ValType::i32());
    popExpect(addrType(m_.memories[y].type.limits.is64));
    return !failed_;
  case Opcode::DataDrop:
    return checkData(x);
  case Opcode::I32Const: push(ValType::i32()); return !failed_;
  case Opcode::I64Const: push(ValType::i64()); return !failed_;
  case Opcode::F32Const: push(ValType::f32()); return !failed_;
  case Opcode::F64Const: push(ValType::f64()); return !failed_;
  case Opcode::V128Const: push(ValType::v128()); return !failed_;
  case Opcode::RefNull:
    if (!validHeap(in.heap[0])) return false;
    push(ValType::ref(in.heap[0], true));
    return !failed_;
  case Opcode::RefIsNull:
    popRef();
    push(ValType::i32());
    return !failed_;
  case Opcode::RefFunc: {
    if (!checkFunc(x)) return false;
    if (!constMode_ && (x >= m_.declaredFuncRefs.size() || !m_.declaredFuncRefs[x]))
      return fail("undeclared function reference " + std::to_string(x));
    push(ValType::ref(HeapType::index(m_.functions[x].typeIndex), false));
    return !failed_;
  }
  case Opcode::RefAsNonNull: {
    const ValType v = popRef();
    push(ValType::ref(v.heap, false));
    return !failed_;
  }
  case Opcode::BrOnNull: {
    if (!checkLabel(x)) return false;
    const ValType v = popRef();
    const auto l = labelTypes(labelFrame(x));
    popTypes(l);
    pushTypes(l);
    push(ValType::ref(v.heap, false));
    return !failed_;
  }
  case Opcode::BrOnNonNull: {
    if (!checkLabel(x)) return false;
    const auto l = labelTypes(labelFrame(x));
    if (l.empty() || !l.back().isRef())
      return fail("type mismatch: br_on_non_null needs a label ending in a reference type");
    const ValType v = popRef();
    if (!sub(ValType::ref(v.heap, false), l.back()))
      return fail(mismatch(valTypeName(l.back()), valTypeName(v)));
    const auto prefix = l.first(l.size() - 1);
    popTypes(prefix);
    pushTypes(prefix);
    return !failed_;
  }
  default:
    // Every other opcode is simple (table-driven) or GC: handled above.
    return fail(std::string("internal: no validation rule for ") + opcodeName(in.op));
  }
}

template <bool V, class C> bool BodyDecoder<V, C>::validateGc(Instr &in) {
  const uint32_t x = in.idx[0], y = in.idx[1];
  auto fieldOf = [&](uint32_t t, uint32_t i) -> const FieldType & { return m_.types[t].comp.fields[i]; };
  auto refTo = [](uint32_t t, bool nullable) { return ValType::ref(HeapType::index(t), nullable); };
  auto isNumOrVec = [](const StorageType &s) {
    return s.packed != Packed::None || s.type.isNum() || s.type.kind == ValType::V128;
  };
  auto checkGetKind = [&](const StorageType &s, bool signedOrUnsigned) {
    if ((s.packed != Packed::None) != signedOrUnsigned)
      return fail(signedOrUnsigned ? "type mismatch: get_s/get_u need a packed field" + where()
                                   : "type mismatch: packed field needs get_s or get_u" + where());
    return true;
  };
  switch (in.op) {
  case Opcode::StructNew:
  case Opcode::StructNewDefault: {
    if (!checkStructType(x)) return false;
    const auto &fields = m_.types[x].comp.fields;
    if (in.op == Opcode::StructNew) {
      for (size_t i = fields.size(); i-- > 0;) popExpect(fields[i].storage.type);
    } else {
      for (const FieldType &fld : fields)
        if (!fld.storage.type.defaultable()) return fail("type mismatch: field type is not defaultable" + where());
    }
    push(refTo(x, false));
    return !failed_;
  }
  case Opcode::StructGet:
  case Opcode::StructGetS:
  case Opcode::StructGetU:
  case Opcode::StructSet: {
    if (!checkStructType(x)) return false;
    if (y >= m_.types[x].comp.fields.size()) return fail("unknown field " + std::to_string(y));
    const FieldType &fld = fieldOf(x, y);
    if (in.op == Opcode::StructSet) {
      if (!fld.mut) return fail("immutable field");
      popExpect(fld.storage.type);
      popExpect(refTo(x, true));
      return !failed_;
    }
    if (!checkGetKind(fld.storage, in.op != Opcode::StructGet)) return false;
    popExpect(refTo(x, true));
    push(fld.storage.type);
    return !failed_;
  }
  case Opcode::ArrayNew:
  case Opcode::ArrayNewDefault:
  case Opcode::ArrayNewFixed:
  case Opcode::ArrayNewData:
  case Opcode::ArrayNewElem: {
    if (!checkArrayType(x)) return false;
    const FieldType &elem = fieldOf(x, 0);
    switch (in.op) {
    case Opcode::ArrayNew:
      popExpect(ValType::i32());
      popExpect(elem.storage.type);
      break;
    case Opcode::ArrayNewDefault:
      if (!elem.storage.type.defaultable()) return fail("type mismatch: array element type is not defaultable" + where());
      popExpect(ValType::i32());
      break;
    case Opcode::ArrayNewFixed:
      popN(elem.storage.type, y);
      break;
    case Opcode::ArrayNewData:
      if (!isNumOrVec(elem.storage)) return fail("array type is not numeric or vector");
      if (!checkData(y)) return false;
      popExpect(ValType::i32());
      popExpect(ValType::i32());
      break;
    default: // ArrayNewElem
      if (!checkElem(y)) return false;
      if (!sub(m_.elems[y].elemType, elem.storage.type))
        return fail(mismatch(valTypeName(elem.storage.type), valTypeName(m_.elems[y].elemType)));
      popExpect(ValType::i32());
      popExpect(ValType::i32());
      break;
    }
    push(refTo(x, false));
    return !failed_;
  }
  case Opcode::ArrayGet:
  case Opcode::ArrayGetS:
  case Opcode::ArrayGetU: {
    if (!checkArrayType(x)) return false;
    const FieldType &elem = fieldOf(x, 0);
    if (!checkGetKind(elem.storage, in.op != Opcode::ArrayGet)) return false;
    popExpect(ValType::i32());
    popExpect(refTo(x, true));
    push(elem.storage.type);
    return !failed_;
  }
  case Opcode::ArraySet:
  case Opcode::ArrayFill: {
    if (!checkArrayType(x)) return false;
    const FieldType &elem = fieldOf(x, 0);
    if (!elem.mut) return fail("immutable array");
    if (in.op == Opcode::ArrayFill) popExpect(ValType::i32());
    popExpect(elem.storage.type);
    popExpect(ValType::i32());
    popExpect(refTo(x, true));
    return !failed_;
  }
  case Opcode::ArrayLen:
    popExpect(ValType::ref(HeapType::abstract(AbsHeap::Array), true));
    push(ValType::i32());
    return !failed_;
  case Opcode::ArrayCopy: {
    if (!checkArrayType(x) || !checkArrayType(y)) return false;
    const FieldType &d = fieldOf(x, 0), &s = fieldOf(y, 0);
    if (!d.mut) return fail("immutable array");
    bool ok = s.storage.packed == d.storage.packed;
    if (ok) ok = sub(s.storage.type, d.storage.type);
    if (!ok) return fail("array types do not match");
    popExpect(ValType::i32());
    popExpect(ValType::i32());
    popExpect(refTo(y, true));
    popExpect(ValType::i32());
    popExpect(refTo(x, true));
    return !failed_;
  }
  case Opcode::ArrayInitData:
  case Opcode::ArrayInitElem: {
    if (!checkArrayType(x)) return false;
    const FieldType &elem = fieldOf(x, 0);
    if (!elem.mut) return fail("immutable array");
    if (in.op == Opcode::ArrayInitData) {
      if (!isNumOrVec(elem.storage)) return fail("array type is not numeric or vector");
      if (!checkData(y)) return false;
    } else {
      if (!checkElem(y)) return false;
      if (!sub(m_.elems[y].elemType, elem.storage.type))
        return fail(mismatch(valTypeName(elem.storage.type), valTypeName(m_.elems[y].elemType)));
    }
    popExpect(ValType::i32());
    popExpect(ValType::i32());
    popExpect(ValType::i32());
    popExpect(refTo(x, true));
    return !failed_;
  }
  case Opcode::RefTest:
  case Opcode::RefTestNull:
  case Opcode::RefCast:
  case Opcode::RefCastNull: {
    if (!validHeap(in.heap[0])) return false;
    const ValType top = ValType::ref(topHeapType(m_, in.heap[0]), true);
    const ValType v = popRef();
    if (!failed_ && !sub(v, top)) return fail(mismatch(valTypeName(top), valTypeName(v)));
    if (in.op == Opcode::RefTest || in.op == Opcode::RefTestNull)
      push(ValType::i32());
    else
      push(ValType::ref(in.heap[0], in.nullable[0]));
    return !failed_;
  }
  case Opcode::BrOnCast:
  case Opcode::BrOnCastFail: {
    if (!validHeap(in.heap[0]) || !validHeap(in.heap[1]) || !checkLabel(x)) return false;
    const ValType rt1 = ValType::ref(in.heap[0], in.nullable[0]);
    const ValType rt2 = ValType::ref(in.heap[1], in.nullable[1]);
    if (!sub(rt2, rt1)) return fail("type mismatch: cast target " + valTypeName(rt2) + " is not a subtype of " + valTypeName(rt1) + where());
    const auto l = labelTypes(labelFrame(x));
    if (l.empty() || !l.back().isRef())
      return fail("type mismatch: br_on_cast needs a label ending in a reference type");
    const ValType diff = ValType::ref(in.heap[0], in.nullable[0] && !in.nullable[1]);
    const ValType branched = in.op == Opcode::BrOnCast ? rt2 : diff;
    if (!sub(branched, l.back())) return fail(mismatch(valTypeName(l.back()), valTypeName(branched)));
    popExpect(rt1);
    const auto prefix = l.first(l.size() - 1);
    popTypes(prefix);
    pushTypes(prefix);
    push(in.op == Opcode::BrOnCast ? diff : rt2);
    return !failed_;
  }
  case Opcode::AnyConvertExtern:
  case Opcode::ExternConvertAny: {
    const bool toAny = in.op == Opcode::AnyConvertExtern;
    const ValType v = popExpect(refOf(toAny ? AbsHeap::Extern : AbsHeap::Any, true));
    push(refOf(toAny ? AbsHeap::Any : AbsHeap::Extern, v.kind == ValType::Ref && v.nullable));
    return !failed_;
  }
  case Opcode::RefEq:
    popExpect(refOf(AbsHeap::Eq, true));
    popExpect(refOf(AbsHeap::Eq, true));
    push(ValType::i32());
    return !failed_;
  case Opcode::RefI31:
    popExpect(ValType::i32());
    push(refOf(AbsHeap::I31, false));
    return !failed_;
  case Opcode::I31GetS:
  case Opcode::I31GetU:
    popExpect(refOf(AbsHeap::I31, true));
    push(ValType::i32());
    return !failed_;
  default:
    return fail(std::string("internal: no GC validation rule for ") + opcodeName(in.op));
  }
}

} // namespace wasmaot::wasm

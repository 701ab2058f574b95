// ConstExprScanner: finds the extent of a constant expression (up to its final
// `end`) while decoding a section, so that validateConstExpr can type it later.
// Instructions that can never be constant are rejected here with the spec
// interpreter's "constant expression required" when their length is unknown.
#include "wasm/ModuleDecoderState.h"

namespace wasmaot::wasm::detail {

namespace {

bool skipBlockType(Reader &r, const Features &f) {
  const uint8_t b = r.peek();
  if (b == 0x40) {
    r.u8();
    return r.ok();
  }
  if ((b >= 0x7B && b <= 0x7F) || (b >= 0x69 && b <= 0x74) || b == 0x63 || b == 0x64) {
    ValType t;
    return readValType(r, f, t);
  }
  r.s33();
  return r.ok();
}

bool skipMemArg(Reader &r) {
  const uint32_t flags = r.u32();
  if (flags & 0x40) r.u32();
  r.u64();
  return r.ok();
}

} // namespace

bool readConstExpr(Reader &r, DecodeState &st, ConstExpr &out) {
  const uint64_t start = r.offset();
  uint32_t depth = 0;
  while (true) {
    const uint64_t at = r.offset();
    const uint8_t op = r.u8();
    if (!r.ok()) return false;
    switch (op) {
    case 0x0B: // end
      if (depth == 0) {
        out.offset = uint32_t(start);
        out.size = uint32_t(r.offset() - start);
        return true;
      }
      --depth;
      break;
    case 0x41: r.s32(); break;
    case 0x42: r.s64(); break;
    case 0x43: r.f32Bits(); break;
    case 0x44: r.f64Bits(); break;
    case 0xD0: { // ref.null ht
      HeapType h;
      if (!readHeapType(r, st.features, h)) return false;
      break;
    }
    case 0xD2: { // ref.func x
      const uint32_t x = r.u32();
      if (r.ok()) st.constFuncRefs.push_back(x);
      break;
    }
    case 0x23: r.u32(); break; // global.get
    case 0x02: case 0x03: case 0x04: // block, loop, if (never constant, but well-formed)
      if (!skipBlockType(r, st.features)) return false;
      ++depth;
      break;
    case 0x05: break; // else
    case 0x0C: case 0x0D: case 0x10: case 0x12: case 0x14: case 0x15: case 0x20: case 0x21:
    case 0x22: case 0x24: case 0x25: case 0x26: case 0x3F: case 0x40: case 0xD5: case 0xD6:
    case 0x08:
      r.u32();
      break;
    case 0x11: case 0x13:
      r.u32();
      r.u32();
      break;
    case 0xFB: { // GC prefix
      const uint32_t sub = r.u32();
      if (!r.ok()) return false;
      switch (sub) {
      case 0x00: case 0x01: case 0x06: case 0x07: r.u32(); break; // struct.new(_default), array.new(_default)
      case 0x08: r.u32(); r.u32(); break;                         // array.new_fixed x n
      case 0x1A: case 0x1B: case 0x1C: break;                     // any/extern.convert, ref.i31
      default: return r.fail(at, "constant expression required", DiagKind::Invalid);
      }
      break;
    }
    case 0xFC: {
      const uint32_t sub = r.u32();
      if (!r.ok()) return false;
      if (sub > 7) return r.fail(at, "constant expression required", DiagKind::Invalid);
      break;
    }
    case 0xFD: {
      const uint32_t sub = r.u32();
      if (!r.ok()) return false;
      if (sub != 12) return r.fail(at, "constant expression required", DiagKind::Invalid);
      r.bytes(16);
      break;
    }
    default:
      if ((op >= 0x28 && op <= 0x3E)) {
        skipMemArg(r);
        break;
      }
      // Opcodes without immediates: numeric operators and a few others.
      if (op <= 0x01 || op == 0x0F || op == 0x1A || op == 0x1B || op == 0x0A ||
          (op >= 0x45 && op <= 0xC4) || (op >= 0xD1 && op <= 0xD4))
        break;
      {
        static const char kHex[] = "0123456789abcdef";
        std::string msg = "illegal opcode ";
        msg += kHex[op >> 4];
        msg += kHex[op & 15];
        return r.fail(at, msg, DiagKind::Malformed);
      }
    }
    if (!r.ok()) return false;
  }
}

} // namespace wasmaot::wasm::detail

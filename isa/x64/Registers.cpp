// Registers: printed names of the x86-64 register files (LLVM's spelling).
#include "isa/x64/Registers.h"

namespace wasmaot::isa::x64 {

namespace {
constexpr std::string_view kNames64[] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                         "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
constexpr std::string_view kNames32[] = {"eax", "ecx", "edx",  "ebx",  "esp",  "ebp",
                                         "esi", "edi", "r8d",  "r9d",  "r10d", "r11d",
                                         "r12d", "r13d", "r14d", "r15d"};
constexpr std::string_view kNames16[] = {"ax",  "cx",  "dx",   "bx",   "sp",   "bp",
                                         "si",  "di",  "r8w",  "r9w",  "r10w", "r11w",
                                         "r12w", "r13w", "r14w", "r15w"};
constexpr std::string_view kNames8[] = {"al",  "cl",  "dl",   "bl",   "spl",  "bpl",
                                        "sil", "dil", "r8b",  "r9b",  "r10b", "r11b",
                                        "r12b", "r13b", "r14b", "r15b"};
constexpr std::string_view kXmmNames[] = {"xmm0", "xmm1", "xmm2",  "xmm3",  "xmm4",  "xmm5",
                                          "xmm6", "xmm7", "xmm8",  "xmm9",  "xmm10", "xmm11",
                                          "xmm12", "xmm13", "xmm14", "xmm15"};
} // namespace

std::string_view gprName(Gpr r, GprWidth w) {
  const unsigned i = encoding(r) & 15;
  switch (w) {
  case GprWidth::W8: return kNames8[i];
  case GprWidth::W16: return kNames16[i];
  case GprWidth::W32: return kNames32[i];
  case GprWidth::W64: return kNames64[i];
  }
  return "?";
}

std::string_view xmmName(Xmm r) { return kXmmNames[encoding(r) & 15]; }

} // namespace wasmaot::isa::x64

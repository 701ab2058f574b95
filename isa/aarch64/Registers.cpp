// Registers: printed names of the AArch64 register files (LLVM's spelling).
#include "isa/aarch64/Registers.h"

namespace wasmaot::isa::aarch64 {

namespace {
constexpr std::string_view kX[] = {
    "x0",  "x1",  "x2",  "x3",  "x4",  "x5",  "x6",  "x7",  "x8",  "x9",  "x10",
    "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21",
    "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp",  "xzr"};
constexpr std::string_view kW[] = {
    "w0",  "w1",  "w2",  "w3",  "w4",  "w5",  "w6",  "w7",  "w8",  "w9",  "w10",
    "w11", "w12", "w13", "w14", "w15", "w16", "w17", "w18", "w19", "w20", "w21",
    "w22", "w23", "w24", "w25", "w26", "w27", "w28", "w29", "w30", "wsp", "wzr"};
#define A64_V(c)                                                                            \
  {c "0",  c "1",  c "2",  c "3",  c "4",  c "5",  c "6",  c "7",  c "8",  c "9",  c "10",  \
   c "11", c "12", c "13", c "14", c "15", c "16", c "17", c "18", c "19", c "20", c "21",  \
   c "22", c "23", c "24", c "25", c "26", c "27", c "28", c "29", c "30", c "31"}
constexpr std::string_view kV[5][32] = {A64_V("b"), A64_V("h"), A64_V("s"), A64_V("d"),
                                        A64_V("q")};
#undef A64_V
} // namespace

std::string_view gprName(Gpr r, bool is64) {
  const unsigned i = static_cast<unsigned>(r);
  if (i > 32)
    return "?";
  return is64 ? kX[i] : kW[i];
}

std::string_view vregName(Vreg r, char view) {
  const unsigned i = encoding(r) & 31;
  switch (view) {
  case 'b': return kV[0][i];
  case 'h': return kV[1][i];
  case 's': return kV[2][i];
  case 'd': return kV[3][i];
  case 'q': return kV[4][i];
  }
  return "?";
}

} // namespace wasmaot::isa::aarch64

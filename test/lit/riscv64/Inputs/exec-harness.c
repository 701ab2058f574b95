// Input of exec-smoke.test: a freestanding RV64 Linux program (no libc: raw
// ecalls for write and exit) linked with the functions wasmaotc compiled from
// exec-ops.wat, their symbols made global with llvm-objcopy. Each function is
// called as the ABI says (vmctx in a0; only stackLimit = 0 is read) over edge
// values and compared with a C reference of the wasm semantics. With
// arguments "T K" it instead runs the trapping case T on input K, which must
// die of SIGILL (the unimp stub), never print "no trap".
typedef unsigned long u64; typedef long i64; typedef unsigned u32; typedef int i32;
static long sys(long n, long a, long b, long c) {
  register long a0 asm("a0") = a; register long a1 asm("a1") = b; register long a2 asm("a2") = c;
  register long a7 asm("a7") = n;
  asm volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}
static void out(const char *s) { long n = 0; while (s[n]) n++; sys(64, 1, (long)s, n); }
static void hex(u64 v) { char b[19]; b[0]='0'; b[1]='x'; for (int i = 0; i < 16; i++) b[2+i] = "0123456789abcdef"[(v >> (60 - 4*i)) & 15]; b[18]=0; out(b); }
static u64 vm[64]; // vmctx: stackLimit 0
static int fails, checks;
static void check(const char *name, u64 got, u64 want, u64 a, u64 b) {
  checks++;
  if (got != want) { fails++; out("FAIL "); out(name); out(" a="); hex(a); out(" b="); hex(b); out(" got="); hex(got); out(" want="); hex(want); out("\n"); }
}
#define I32F(n) extern i32 n(void*, i32, i32);
#define I64F(n) extern i64 n(void*, i64, i64);
I32F(i32_add) I32F(i32_sub) I32F(i32_mul) I32F(i32_div_s) I32F(i32_div_u) I32F(i32_rem_s) I32F(i32_rem_u)
I32F(i32_and) I32F(i32_xor) I32F(i32_shl) I32F(i32_shr_s) I32F(i32_shr_u) I32F(i32_rotl) I32F(i32_rotr) I32F(i32_rotl7)
I32F(i32_clz) I32F(i32_ctz) I32F(i32_popcnt) I32F(i32_lt_u) I32F(i32_ge_u) I32F(i32_gt_s) I32F(i32_le_s) I32F(i32_eq)
I32F(i32_lt_u_imm) I32F(i32_br_gt_u) I32F(i32_sel_lt_s) I32F(i32_sel_ge_u) I32F(i32_ext8) I32F(i32_ext16)
I32F(i32_and_ffff) I32F(i32_andn) I32F(i32_sub_imm) I32F(br_table)
extern i64 i32_wrap_u(void*, i32, i32); extern i64 i32_wrap_s(void*, i32, i32); extern i64 i32_mix(void*, i32, i32);
I64F(i64_add) I64F(i64_mul) I64F(i64_div_s) I64F(i64_div_u) I64F(i64_rem_s) I64F(i64_rem_u) I64F(i64_shl) I64F(i64_shr_s)
I64F(i64_shr_u) I64F(i64_rotl) I64F(i64_rotr) I64F(i64_rotr13) I64F(i64_clz) I64F(i64_ctz) I64F(i64_popcnt)
I64F(i64_ext32) I64F(i64_and_low) I64F(i64_sel_gt_u)
extern i32 i64_lt_u(void*, i64, i64); extern i32 i64_le_s(void*, i64, i64); extern i32 i64_wrap(void*, i64, i64);
#define D2D(n) extern double n(void*, double, double);
D2D(f64_min) D2D(f64_max) D2D(f64_ceil) D2D(f64_floor) D2D(f64_trunc) D2D(f64_nearest) D2D(f64_copysign) D2D(f64_const)
extern float f32_min(void*, float, float); extern float f32_nearest(void*, float, float); extern float f32_ceil(void*, float, float);
extern i32 f64_ne(void*, double, double); extern i32 f64_ge(void*, double, double);
extern i32 f64_sat_s32(void*, double, double); extern i32 f64_sat_u32(void*, double, double);
extern i64 f64_sat_s64(void*, double, double); extern i64 f64_sat_u64(void*, double, double);
extern i32 f64_trunc_s32(void*, double, double); extern i32 f64_trunc_u32(void*, double, double);
extern i64 f64_trunc_u64(void*, double, double); extern i32 f32_trunc_s32(void*, float, float);
extern i32 f32_sat_u32(void*, float, float); extern i64 f32_sat_s64(void*, float, float);
extern i32 f32_trunc_u32(void*, float, float); extern i64 f64_trunc_s64(void*, double, double);
extern i64 f32_trunc_u64(void*, float, float);
extern double u32_to_f64(void*, i32, i32); extern float u64_to_f32(void*, i64, i64); extern i32 f32_bits(void*, float, float);

static u32 rotl32(u32 x, u32 n) { n &= 31; return n ? (x << n) | (x >> (32 - n)) : x; }
static u64 rotl64(u64 x, u64 n) { n &= 63; return n ? (x << n) | (x >> (64 - n)) : x; }
static u32 clz32(u32 x) { return x ? __builtin_clz(x) : 32; }
static u32 ctz32(u32 x) { return x ? __builtin_ctz(x) : 32; }
static u64 clz64(u64 x) { return x ? __builtin_clzl(x) : 64; }
static u64 ctz64(u64 x) { return x ? __builtin_ctzl(x) : 64; }
static u32 pop32(u32 x) { u32 n = 0; while (x) { n += x & 1; x >>= 1; } return n; }
static u64 pop64(u64 x) { u64 n = 0; while (x) { n += x & 1; x >>= 1; } return n; }
static u64 bits(double d) { union { double d; u64 u; } x; x.d = d; return x.u; }
static double dbl(u64 u) { union { double d; u64 u; } x; x.u = u; return x.d; }
static u32 fbits(float f) { union { float f; u32 u; } x; x.f = f; return x.u; }
static int isnan_(double d) { return d != d; }
static double wmin(double a, double b) { if (isnan_(a) || isnan_(b)) return dbl(0x7ff8000000000000ul); if (a == b) return bits(a) >> 63 ? a : b; return a < b ? a : b; }
static double wmax(double a, double b) { if (isnan_(a) || isnan_(b)) return dbl(0x7ff8000000000000ul); if (a == b) return bits(a) >> 63 ? b : a; return a > b ? a : b; }

static const u32 v32[] = {0, 1, 2, 3, 5, 7, 31, 32, 33, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x12345678,
  0x7ffffffe, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffff0, 0xfffffffb, 0xfffffffe, 0xffffffff, 0xdeadbeef, 0x0f0f0f0f, 0xa5a5a5a5};
static const u64 v64[] = {0, 1, 2, 3, 13, 63, 64, 65, 0xff, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ul, 0x123456789abcdef0ul,
  0x7fffffffffffffffu, 0x8000000000000000ul, 0x8000000000000001ul, 0xfffffffffffffffeul, 0xfffffffffffffffful,
  0xffffffff80000000ul, 0xdeadbeefcafebabeul, 0x5555555555555555ul};
#define N(a) (int)(sizeof(a) / sizeof(a[0]))

void cmain(long *sp) {
  long argc = sp[0]; char **argv = (char **)(sp + 1);
  void *vmctx = vm;
  if (argc > 2) { // trap mode: argv[1] = test, argv[2] = index into the trapping inputs
    static const double tin[] = {__builtin_nan(""), 2147483648.0, -2147483649.0, 4294967296.0, -1.0, 1e30, 18446744073709551616.0};
    int k = argv[2][0] - '0';
    char t = argv[1][0];
    volatile i64 r = 0;
    if (t == 'a') r = i32_div_s(vmctx, (i32)0x80000000, -1);
    if (t == 'b') r = i32_div_u(vmctx, 5, 0);
    if (t == 'c') r = i64_div_s(vmctx, (i64)0x8000000000000000ul, -1);
    if (t == 'd') r = i64_rem_u(vmctx, 5, 0);
    if (t == 's') r = f64_trunc_s32(vmctx, tin[k], 0);
    if (t == 'u') r = f64_trunc_u32(vmctx, tin[k], 0);
    if (t == 'U') r = f64_trunc_u64(vmctx, tin[k], 0);
    if (t == 'L') r = f64_trunc_s64(vmctx, tin[k], 0);
    if (t == 'w') r = f32_trunc_u32(vmctx, (float)tin[k], 0);
    (void)r;
    out("no trap\n");
    sys(93, 0, 0, 0);
  }
  for (int i = 0; i < N(v32); i++) for (int j = 0; j < N(v32); j++) {
    u32 a = v32[i], b = v32[j]; i32 sa = (i32)a, sb = (i32)b;
#define C32(f, e) check(#f, (u64)(i64)f(vmctx, sa, sb), (u64)(i64)(i32)(e), a, b)
    C32(i32_add, a + b); C32(i32_sub, a - b); C32(i32_mul, a * b);
    if (b && !(a == 0x80000000 && b == 0xffffffff)) C32(i32_div_s, sa / sb);
    if (b) { C32(i32_div_u, a / b); C32(i32_rem_u, a % b); C32(i32_rem_s, (a == 0x80000000 && b == 0xffffffff) ? 0 : sa % sb); }
    C32(i32_and, a & b); C32(i32_xor, a ^ b); C32(i32_shl, a << (b & 31)); C32(i32_shr_s, sa >> (b & 31)); C32(i32_shr_u, a >> (b & 31));
    C32(i32_rotl, rotl32(a, b)); C32(i32_rotr, rotl32(a, 32 - (b & 31))); C32(i32_rotl7, rotl32(a, 7));
    C32(i32_clz, clz32(a)); C32(i32_ctz, ctz32(a)); C32(i32_popcnt, pop32(a));
    C32(i32_lt_u, a < b); C32(i32_ge_u, a >= b); C32(i32_gt_s, sa > sb); C32(i32_le_s, sa <= sb); C32(i32_eq, a == b);
    C32(i32_lt_u_imm, a < 0xfffffffbu); C32(i32_br_gt_u, a > b); C32(i32_sel_lt_s, sa < sb ? a : b); C32(i32_sel_ge_u, a >= b ? b : a);
    C32(i32_ext8, (i32)(signed char)a); C32(i32_ext16, (i32)(short)a); C32(i32_and_ffff, a & 0xffff); C32(i32_andn, a & ~b);
    C32(i32_sub_imm, a + 2048); C32(br_table, a == 0 ? 10 : a == 1 ? 20 : 30);
    check("i32_wrap_u", (u64)i32_wrap_u(vmctx, sa, sb), (u64)a, a, b);
    check("i32_wrap_s", (u64)i32_wrap_s(vmctx, sa, sb), (u64)(i64)sa, a, b);
    check("i32_mix", (u64)i32_mix(vmctx, sa, sb), (u64)a + ((u64)b << 3), a, b);
    check("u32_to_f64", bits(u32_to_f64(vmctx, sa, sb)), bits((double)a), a, b);
  }
  for (int i = 0; i < N(v64); i++) for (int j = 0; j < N(v64); j++) {
    u64 a = v64[i], b = v64[j]; i64 sa = (i64)a, sb = (i64)b;
#define C64(f, e) check(#f, (u64)f(vmctx, sa, sb), (u64)(e), a, b)
    C64(i64_add, a + b); C64(i64_mul, a * b);
    if (b && !(a == 0x8000000000000000ul && b == ~0ul)) { C64(i64_div_s, sa / sb); C64(i64_rem_s, sa % sb); }
    if (b) { C64(i64_div_u, a / b); C64(i64_rem_u, a % b); }
    if (a == 0x8000000000000000ul && b == ~0ul) C64(i64_rem_s, 0);
    C64(i64_shl, a << (b & 63)); C64(i64_shr_s, sa >> (b & 63)); C64(i64_shr_u, a >> (b & 63));
    C64(i64_rotl, rotl64(a, b)); C64(i64_rotr, rotl64(a, 64 - (b & 63))); C64(i64_rotr13, rotl64(a, 51));
    C64(i64_clz, clz64(a)); C64(i64_ctz, ctz64(a)); C64(i64_popcnt, pop64(a));
    check("i64_lt_u", (u64)(i64)i64_lt_u(vmctx, sa, sb), a < b, a, b);
    check("i64_le_s", (u64)(i64)i64_le_s(vmctx, sa, sb), sa <= sb, a, b);
    check("i64_wrap", (u64)(i64)i64_wrap(vmctx, sa, sb), (u64)(i64)(i32)a, a, b);
    C64(i64_ext32, (i64)(i32)a); C64(i64_and_low, a & 0xffffffff); C64(i64_sel_gt_u, a > b ? a : b);
    check("u64_to_f32", fbits(u64_to_f32(vmctx, sa, sb)), fbits((float)a), a, b);
  }
  static const double fv[] = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.7, -3.7, 1e300, -1e300, 4503599627370495.5,
    4503599627370496.0, 9007199254740993.0, 2147483647.9, 2147483648.0, -2147483648.5, -2147483649.0, 4294967295.5, 4294967296.0,
    9.3e18, 1.9e19, 1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0};
  for (int i = 0; i < N(fv); i++) for (int j = 0; j < N(fv); j++) {
    double a = fv[i], b = fv[j];
    u64 want = bits(wmin(a, b)), got = bits(f64_min(vmctx, a, b));
    check("f64_min", got, want, bits(a), bits(b));
    check("f64_max", bits(f64_max(vmctx, a, b)), bits(wmax(a, b)), bits(a), bits(b));
    check("f32_min", fbits(f32_min(vmctx, (float)a, (float)b)), fbits((float)wmin((float)a, (float)b)), bits(a), bits(b));
    check("f64_copysign", bits(f64_copysign(vmctx, a, b)), (bits(a) & ~(1ul << 63)) | (bits(b) & (1ul << 63)), bits(a), bits(b));
    check("f64_ne", (u64)f64_ne(vmctx, a, b), a != b, bits(a), bits(b));
    check("f64_ge", (u64)f64_ge(vmctx, a, b), a >= b, bits(a), bits(b));
  }
  // rounding: reference through int64 for |x| < 2^52, identity above, canonical NaN
  for (int i = 0; i < N(fv); i++) {
    double a = fv[i];
    double t, f, c, n;
    if (isnan_(a)) { t = f = c = n = dbl(0x7ff8000000000000ul); }
    else if (!(a < 4503599627370496.0 && a > -4503599627370496.0)) { t = f = c = n = a; }
    else {
      i64 k = (i64)a; t = (double)k; f = (t > a) ? t - 1 : t; c = (t < a) ? t + 1 : t;
      double fr = a - f; n = fr < 0.5 ? f : fr > 0.5 ? f + 1 : (((i64)f & 1) ? f + 1 : f);
      if (bits(a) >> 63) { t = dbl(bits(t) | 1ul << 63); f = dbl(bits(f) | 1ul << 63); c = dbl(bits(c) | 1ul << 63); n = dbl(bits(n) | 1ul << 63); }
    }
    check("f64_trunc", bits(f64_trunc(vmctx, a, 0)), bits(t), bits(a), 0);
    check("f64_floor", bits(f64_floor(vmctx, a, 0)), bits(f), bits(a), 0);
    check("f64_ceil", bits(f64_ceil(vmctx, a, 0)), bits(c), bits(a), 0);
    check("f64_nearest", bits(f64_nearest(vmctx, a, 0)), bits(n), bits(a), 0);
    // saturating conversions
    i64 s32 = isnan_(a) ? 0 : a >= 2147483647.0 ? 2147483647 : a <= -2147483648.0 ? -2147483648l : (i64)a;
    u64 u32v = isnan_(a) ? 0 : a >= 4294967295.0 ? 4294967295u : a <= 0 ? 0 : (u64)a;
    i64 s64 = isnan_(a) ? 0 : a >= 9223372036854775807.0 ? 0x7fffffffffffffffl : a <= -9223372036854775808.0 ? (i64)0x8000000000000000ul : (i64)a;
    u64 u64v = isnan_(a) ? 0 : a >= 18446744073709551615.0 ? ~0ul : a <= 0 ? 0 : (u64)a;
    check("f64_sat_s32", (u64)(i64)f64_sat_s32(vmctx, a, 0), (u64)(i64)(i32)s32, bits(a), 0);
    check("f64_sat_u32", (u64)(i64)f64_sat_u32(vmctx, a, 0), (u64)(i64)(i32)(u32)u32v, bits(a), 0);
    check("f64_sat_s64", (u64)f64_sat_s64(vmctx, a, 0), (u64)s64, bits(a), 0);
    check("f64_sat_u64", (u64)f64_sat_u64(vmctx, a, 0), u64v, bits(a), 0);
    if (!isnan_(a) && a > -2147483649.0 && a < 2147483648.0) check("f64_trunc_s32", (u64)(i64)f64_trunc_s32(vmctx, a, 0), (u64)(i64)(i32)(i64)a, bits(a), 0);
    if (!isnan_(a) && a > -1.0 && a < 4294967296.0) check("f64_trunc_u32", (u64)(i64)f64_trunc_u32(vmctx, a, 0), (u64)(i64)(i32)(u32)(u64)a, bits(a), 0);
    if (!isnan_(a) && a > -1.0 && a < 18446744073709551616.0) check("f64_trunc_u64", (u64)f64_trunc_u64(vmctx, a, 0), (u64)a, bits(a), 0);
    float fa = (float)a;
    if (!isnan_(fa) && fa >= -2147483648.0f && fa < 2147483648.0f) check("f32_trunc_s32", (u64)(i64)f32_trunc_s32(vmctx, fa, 0), (u64)(i64)(i32)fa, bits(a), 0);
    u64 fu32 = isnan_(fa) ? 0 : fa >= 4294967295.0f ? 4294967295u : fa <= 0 ? 0 : (u64)fa;
    i64 fs64 = isnan_(fa) ? 0 : fa >= 9223372036854775807.0f ? 0x7fffffffffffffffl : fa <= -9223372036854775808.0f ? (i64)0x8000000000000000ul : (i64)fa;
    check("f32_sat_u32", (u64)(i64)f32_sat_u32(vmctx, fa, 0), (u64)(i64)(i32)(u32)fu32, bits(a), 0);
    check("f32_sat_s64", (u64)f32_sat_s64(vmctx, fa, 0), (u64)fs64, bits(a), 0);
    if (!isnan_(fa) && fa > -1.0f && fa < 4294967296.0f) check("f32_trunc_u32", (u64)(i64)f32_trunc_u32(vmctx, fa, 0), (u64)(i64)(i32)(u32)(u64)fa, bits(a), 0);
    if (!isnan_(a) && a >= -9223372036854775808.0 && a < 9223372036854775808.0) check("f64_trunc_s64", (u64)f64_trunc_s64(vmctx, a, 0), (u64)(i64)a, bits(a), 0);
    if (!isnan_(fa) && fa > -1.0f && fa < 18446744073709551616.0f) check("f32_trunc_u64", (u64)f32_trunc_u64(vmctx, fa, 0), (u64)fa, bits(a), 0);
    check("f32_bits", (u64)(i64)f32_bits(vmctx, fa, 0), (u64)(i64)(i32)fbits(fa), bits(a), 0);
  }
  check("f32_nearest", fbits(f32_nearest(vmctx, 2.5f, 0)), fbits(2.0f), 0, 0);
  check("f32_nearest", fbits(f32_nearest(vmctx, -3.5f, 0)), fbits(-4.0f), 0, 0);
  check("f32_nearest", fbits(f32_nearest(vmctx, -0.25f, 0)), fbits(-0.0f), 0, 0);
  check("f32_ceil", fbits(f32_ceil(vmctx, -0.25f, 0)), fbits(-0.0f), 0, 0);
  check("f32_ceil", fbits(f32_ceil(vmctx, 8388607.5f, 0)), fbits(8388608.0f), 0, 0);
  check("f32_ceil", fbits(f32_ceil(vmctx, 1e20f, 0)), fbits(1e20f), 0, 0);
  check("f64_const", bits(f64_const(vmctx, 1.0, 0)), bits(1.0 + 3.14159 + 1.0 + 0.0), 0, 0);
  out(fails ? "FAILED " : "ok "); hex(checks); out(" checks\n");
  sys(93, fails ? 1 : 0, 0, 0);
}
__attribute__((naked)) void _start(void) { asm("mv a0, sp\n j cmain"); }

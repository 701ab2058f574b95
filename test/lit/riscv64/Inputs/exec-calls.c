// Input of exec-smoke.test: a freestanding RV64 program (see exec-harness.c)
// that builds a vmctx by hand (docs/abi.md: memory 0 at 64/72, global 0 at 80,
// table 0 at 88, funcRefs and typeIds in the header) and calls the functions
// of exec-calls.wat. The memory base is set 2 GiB below a buffer, so an i32
// index of 2^31 + k reads buffer[k] only if the index is zero-extended (a
// sign-extended one would fault 4 GiB away). With an argument it runs a
// trapping case instead: n null element, o/O out-of-bounds table index
// (2 and -1), r stack exhaustion (stackLimit 64 KiB below the entry sp), s
// signature mismatch; each must die of SIGILL in its unimp stub.
typedef unsigned long u64; typedef long i64; typedef unsigned u32; typedef int i32;
static long sys(long n, long a, long b, long c) {
  register long a0 asm("a0") = a; register long a1 asm("a1") = b; register long a2 asm("a2") = c;
  register long a7 asm("a7") = n;
  asm volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}
static void out(const char *s) { long n = 0; while (s[n]) n++; sys(64, 1, (long)s, n); }
static void hex(u64 v) { char b[19]; b[0]='0'; b[1]='x'; for (int i = 0; i < 16; i++) b[2+i] = "0123456789abcdef"[(v >> (60 - 4*i)) & 15]; b[18]=0; out(b); }
static int fails, checks;
static void check(const char *name, u64 got, u64 want) {
  checks++;
  if (got != want) { fails++; out("FAIL "); out(name); out(" got="); hex(got); out(" want="); hex(want); out("\n"); }
}
static u64 bits(double d) { union { double d; u64 u; } x; x.d = d; return x.u; }
extern i32 mem_load8u(void*, i32); extern i64 mem_rt(void*, i32, i64); extern i32 glob(void*, i32);
extern double call_sum(void*, i32); extern double use_pair(void*, i32); extern i64 fib(void*, i32);
extern i32 dbl(void*, i32); extern i32 ci(void*, i32, i32); extern i32 recurse(void*, i32);
static unsigned char buf[4096];
static u64 vm[16];
static u64 gstore[2];
struct FuncRef { void *code; void *vmctx; u32 typeId; u32 reserved; };
static struct FuncRef refs[16];
static u64 elems[2];
static u64 table[2];
static u32 typeIds[8];
void cmain(long *sp) {
  long argc = sp[0]; char **argv = (char **)(sp + 1);
  void *vmctx = vm;
  vm[8] = (u64)buf - 0x80000000ul; vm[9] = 0x10000; // memory 0: base so that index 2^31 is buf[0]
  vm[10] = (u64)gstore;                               // global 0
  vm[11] = (u64)table;                                // table 0
  vm[2] = (u64)refs; vm[3] = (u64)typeIds;
  refs[8].code = (void *)dbl; refs[8].vmctx = vm; refs[8].typeId = 7; typeIds[0] = 7;
  elems[0] = (u64)&refs[8]; elems[1] = 0; table[0] = (u64)elems; table[1] = 2;
  if (argc > 1) {
    char t = argv[1][0]; volatile i64 r = 0;
    if (t == 'n') r = ci(vmctx, 1, 3);
    if (t == 'o') r = ci(vmctx, 2, 3);
    if (t == 'O') r = ci(vmctx, -1, 3);
    if (t == 'r') { vm[0] = (u64)sp - 65536; r = recurse(vmctx, 100000); }
    if (t == 's') { refs[8].typeId = 8; r = ci(vmctx, 0, 3); }
    (void)r; out("no trap\n"); sys(93, 0, 0, 0);
  }
  for (int k = 0; k < 64; k++) buf[k] = (unsigned char)(k * 7 + 1);
  for (int k = 0; k < 40; k++) check("mem_load8u", (u64)(i64)mem_load8u(vmctx, (i32)(0x80000000u + k)), buf[k + 3]);
  check("mem_rt", (u64)mem_rt(vmctx, (i32)(0x80000000u + 16), (i64)0x89abcdef01234567ul), (u64)(i64)(i32)0x89abcdef);
  check("mem_rt_store", *(u64 *)(buf + 24), 0x89abcdef01234567ul);
  check("glob", (u64)(i64)glob(vmctx, 5), 5);
  check("glob", (u64)(i64)glob(vmctx, -7), (u64)-2l);
  check("glob_store", gstore[0] & 0xffffffff, 0xfffffffe);
  check("call_sum", bits(call_sum(vmctx, 9)), bits(45.0 + 4294967295000.0 - 100.0 + 21.75 + 700.0 + 15000.0));
  check("use_pair", bits(use_pair(vmctx, 5)), bits(6.0 + 5497558138880.0 + 5.0));
  check("use_pair", bits(use_pair(vmctx, -3)), bits(-2.0 - 3298534883328.0 - 3.0));
  check("fib", (u64)fib(vmctx, 50), 12586269025ul);
  check("ci", (u64)(i64)ci(vmctx, 0, 21), 42);
  check("ci", (u64)(i64)ci(vmctx, 0, -21), (u64)-42l);
  check("recurse", (u64)(i64)recurse(vmctx, 1000), 1000);
  out(fails ? "FAILED " : "ok "); hex(checks); out(" checks\n");
  sys(93, fails ? 1 : 0, 0, 0);
}
__attribute__((naked)) void _start(void) { asm("mv a0, sp\n j cmain"); }

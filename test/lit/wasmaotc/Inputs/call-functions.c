/* Calls the functions of a wasmaotc object through its module descriptor
 * (docs/abi.md), without the runtime: the .text address comes from the
 * descriptor's R_X86_64_64 relocation, each function's address from the
 * function table. A zeroed vmctx is enough for functions that touch no
 * memory, globals or tables (stackLimit 0 passes every prologue check). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern const unsigned char wasmaot_module_calltest[];

static uint64_t u64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static uint32_t u32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }

int main(void) {
  const unsigned char *d = wasmaot_module_calltest;
  if (memcmp(d, "WAOTMOD", 8) != 0) { puts("bad magic"); return 1; }
  const uint64_t text = u64(d + 32);
  const unsigned char *functions = d + u64(d + 48);
  printf("defined %u\n", u32(d + 56));
  static uint64_t vmctx[64];
  typedef uint32_t (*binary)(void *, uint32_t, uint32_t);
  typedef uint32_t (*unary)(void *, uint32_t);
  binary add = (binary)(uintptr_t)(text + u32(functions + 0));
  unary twice = (unary)(uintptr_t)(text + u32(functions + 8));
  printf("add(40, 2) = %u\n", add(vmctx, 40, 2));
  printf("twice(21) = %u\n", twice(vmctx, 21));
  return 0;
}

/* Calls every export of embed-lib.wat through the header wasmaotc wrote for
 * it (emit-header.wat): numeric arguments and results of each type, several
 * results, memory and globals, and a trap that leaves the instance usable. */
#include "lib.h"

#include <stdio.h>
#include <string.h>

int main(void) {
  wasmaot_result r;
  wasmaot_runtime *rt = wasmaot_runtime_new();
  wasmaot_instance *inst = mylib_instantiate(rt, NULL, &r);
  if (!inst) {
    printf("instantiate failed: %s\n", r.message);
    return 1;
  }
  printf("add(40, 2) = %u\n", mylib_add(inst, 40, 2, &r));
  printf("add(-1, -1) = %d\n", (int32_t)mylib_add(inst, (uint32_t)-1, (uint32_t)-1, &r));
  printf("hyp(3, 4) = %g\n", mylib_hyp(inst, 3.0f, 4.0f, &r));
  double d;
  uint64_t i;
  mylib_swap(inst, 7, 2.5, &d, &i, &r);
  printf("swap(7, 2.5) = %g %llu\n", d, (unsigned long long)i);
  printf("counter = %u\n", mylib_counter(inst));
  mylib_bump(inst, &r);
  mylib_bump(inst, &r);
  printf("counter after 2 bumps = %u\n", mylib_counter(inst));
  printf("big = %lld\n", (long long)mylib_big(inst));

  uint64_t size = 0;
  uint8_t *mem = mylib_memory(inst, &size);
  printf("memory: %llu bytes, at 16: %s\n", (unsigned long long)size, (const char *)mem + 16);
  mylib_upper(inst, 16, 5, &r);
  printf("after upper(16, 5): %s\n", (const char *)mem + 16);

  uint32_t q = mylib_div_s(inst, 7, 0, &r);
  printf("div_s(7, 0) = %u, status %s, trap %s\n", q, r.status == WASMAOT_TRAP ? "trap" : "other",
         wasmaot_trap_message(r.trap_code));
  q = mylib_div_s(inst, (uint32_t)-7, 2, &r); /* the instance is still usable after a trap */
  printf("div_s(-7, 2) = %d, status %s\n", (int32_t)q, r.status == WASMAOT_OK ? "ok" : "not ok");

  wasmaot_instance_delete(inst);
  wasmaot_runtime_delete(rt);
  return 0;
}

/* Driver for link-and-run.test: calls into an object wasmaot-object-smoke
   wrote, which calls back (PLT32), takes a C symbol's address (GOTPCREL),
   reads its own .rodata (PC32) and exports a function pointer (R_X86_64_64). */
#include <stdio.h>

int wasm_add(int a, int b);
int *get_counter_addr(void);
int call_twice(int x);
int read_const(void);
extern int (*add_ptr)(int, int);

int counter;
int c_twice(int x) { return 2 * x; }

int main(void) {
  printf("%d %d %d %d %d\n", wasm_add(40, 2), get_counter_addr() == &counter, call_twice(21), read_const(),
         add_ptr(1, 2));
  return 0;
}

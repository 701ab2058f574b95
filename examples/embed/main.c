/* examples/embed: a C program that links a module compiled by wasmaotc
 * (textlib.c → wasm32 → textlib.o) and calls its exports through the header
 * `wasmaotc -c --emit-header` wrote (textlib.h). build.sh builds and runs it. */
#include "textlib.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char kText[] = "the quick brown fox jumps over the lazy dog\n"
                            "and then the fox sat down in the sun\n";

int main(void) {
  wasmaot_result r;
  wasmaot_runtime *rt = wasmaot_runtime_new();
  wasmaot_instance *lib = textlib_instantiate(rt, NULL, &r);
  if (!lib) {
    fprintf(stderr, "embed: cannot instantiate textlib: %s\n", r.message);
    return 1;
  }

  /* Copy the text into the module's buffer: wasm pointers are offsets into its memory. */
  uint64_t memory_size = 0;
  uint8_t *memory = textlib_memory(lib, &memory_size);
  uint32_t buffer = textlib_text_buffer(lib, &r);
  uint32_t n = (uint32_t)strlen(kText);
  if (!memory || r.status != WASMAOT_OK || n > textlib_text_buffer_size(lib, &r) || buffer + n > memory_size) {
    fprintf(stderr, "embed: no room for the text in the module's memory\n");
    return 1;
  }
  memcpy(memory + buffer, kText, n);

  printf("words: %" PRIu32 "\n", textlib_word_count(lib, buffer, n, &r));
  printf("mean word length: %.3f\n", textlib_mean_word_length(lib, buffer, n, &r));
  printf("adler32: %08" PRIx32 "\n", textlib_adler32(lib, buffer, n, &r));
  printf("upper-cased %" PRIu32 " letters: %.19s...\n", textlib_to_upper(lib, buffer, n, &r),
         (const char *)memory + buffer);
  printf("fib(90) = %" PRIu64 "\n", textlib_fib(lib, 90, &r));
  printf("divide(-7, 2) = %" PRId32 "\n", (int32_t)textlib_divide(lib, (uint32_t)-7, 2, &r));

  /* A trap is a result, not a crash; the instance stays usable. */
  textlib_divide(lib, 1, 0, &r);
  if (r.status == WASMAOT_TRAP) printf("divide(1, 0): trap: %s\n", wasmaot_trap_message(r.trap_code));
  printf("divide(9, 3) = %" PRId32 " after the trap\n", (int32_t)textlib_divide(lib, 9, 3, &r));

  wasmaot_instance_delete(lib);
  wasmaot_runtime_delete(rt);
  return 0;
}

/* The library of examples/embed: plain C with no libc, compiled to wasm32 by
 * clang-14 (build.sh) and then by wasmaotc to an object whose exports
 * main.c calls through the generated header. Pointers are offsets into the
 * module's linear memory; the host writes its input into the buffer that
 * text_buffer() returns. */
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(name)))

static unsigned char buffer[1 << 16];

EXPORT("text_buffer") unsigned char *text_buffer(void) { return buffer; }
EXPORT("text_buffer_size") uint32_t text_buffer_size(void) { return sizeof buffer; }

static int is_space(unsigned char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

/* Words in text[0..n): maximal runs of non-space bytes. */
EXPORT("word_count") uint32_t word_count(const unsigned char *text, uint32_t n) {
  uint32_t words = 0;
  int in_word = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (is_space(text[i])) in_word = 0;
    else if (!in_word) in_word = 1, words++;
  }
  return words;
}

/* Adler-32 of text[0..n), as zlib computes it. */
EXPORT("adler32") uint32_t adler32(const unsigned char *text, uint32_t n) {
  uint32_t a = 1, b = 0;
  for (uint32_t i = 0; i < n; i++) {
    a = (a + text[i]) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

/* Upper-cases text[0..n) in place; returns how many bytes changed. */
EXPORT("to_upper") uint32_t to_upper(unsigned char *text, uint32_t n) {
  uint32_t changed = 0;
  for (uint32_t i = 0; i < n; i++)
    if (text[i] >= 'a' && text[i] <= 'z') text[i] -= 32, changed++;
  return changed;
}

/* The n-th Fibonacci number modulo 2^64. */
EXPORT("fib") uint64_t fib(uint32_t n) {
  uint64_t a = 0, b = 1;
  while (n--) {
    uint64_t t = a + b;
    a = b;
    b = t;
  }
  return a;
}

/* Mean of the word lengths of text[0..n) (0 for no words). */
EXPORT("mean_word_length") double mean_word_length(const unsigned char *text, uint32_t n) {
  uint32_t words = word_count(text, n), letters = 0;
  for (uint32_t i = 0; i < n; i++) letters += !is_space(text[i]);
  return words ? (double)letters / words : 0.0;
}

/* Integer division: traps (integer divide by zero) when d is 0, which the
 * host sees as a WASMAOT_TRAP result rather than a crash. */
EXPORT("divide") int32_t divide(int32_t a, int32_t d) { return a / d; }

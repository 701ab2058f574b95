/* sieve: prime sieves, the shape of bit-twiddling array code. An odd-only
 * bit sieve of Eratosthenes up to a limit that changes per round, then
 * counts of primes, twin primes and a sum of primes read back from the bits,
 * and a segmented byte sieve over a window above 10^9 using the base primes.
 *
 *   sieve [rounds]    (default 24; round r sieves up to 2*10^7 + r*1234567)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t *bits_alloc(uint32_t limit) {
  size_t words = (limit / 2 + 64) / 64;
  uint64_t *b = malloc(words * sizeof *b);
  if (!b) abort();
  memset(b, 0xff, words * sizeof *b); /* bit i set: 2i+1 is (still) prime */
  b[0] &= ~1ull;                      /* 1 is not prime */
  return b;
}

static int is_set(const uint64_t *b, uint32_t i) { return b[i >> 6] >> (i & 63) & 1; }

__attribute__((noinline)) static void sieve_odd(uint64_t *b, uint32_t limit) {
  for (uint32_t p = 3; (uint64_t)p * p <= limit; p += 2)
    if (is_set(b, p / 2))
      for (uint32_t m = p * p; m <= limit; m += 2 * p) b[m / 2 >> 6] &= ~(1ull << (m / 2 & 63));
}

/* Primes in [lo, lo + span) by crossing out multiples of the odd base primes. */
__attribute__((noinline)) static uint32_t segment(const uint64_t *base, uint32_t base_limit,
                                                  uint64_t lo, uint32_t span, uint8_t *seg) {
  memset(seg, 1, span);
  for (uint32_t p = 3; p <= base_limit && (uint64_t)p * p < lo + span; p += 2) {
    if (!is_set(base, p / 2)) continue;
    uint64_t first = (lo + p - 1) / p * p;
    if (first < (uint64_t)p * p) first = (uint64_t)p * p;
    for (uint64_t m = first; m < lo + span; m += p) seg[m - lo] = 0;
  }
  uint32_t count = 0;
  for (uint32_t i = 0; i < span; ++i) count += seg[i] && ((lo + i) & 1);
  return count;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 24;
  uint64_t checksum = 0;
  uint32_t last_count = 0, last_limit = 0;
  enum { SPAN = 1 << 20 };
  uint8_t *seg = malloc(SPAN);
  if (!seg) return 1;
  for (int r = 0; r < rounds; ++r) {
    uint32_t limit = 20000000u + (uint32_t)r * 1234567u;
    uint64_t *b = bits_alloc(limit);
    sieve_odd(b, limit);
    uint32_t count = limit >= 2, twins = 0;
    uint64_t sum = limit >= 2 ? 2 : 0;
    uint32_t prev = 0;
    for (uint32_t i = 1; 2 * i + 1 <= limit; ++i)
      if (is_set(b, i)) {
        uint32_t p = 2 * i + 1;
        ++count;
        sum += p;
        twins += prev && p - prev == 2;
        prev = p;
      }
    uint32_t windowed = 0;
    for (int w = 0; w < 4; ++w)
      windowed += segment(b, limit, 1000000000ull + (uint64_t)(r * 4 + w) * SPAN, SPAN, seg);
    checksum = (checksum ^ count) * 0x100000001b3ull;
    checksum = (checksum ^ twins) * 0x100000001b3ull;
    checksum = (checksum ^ sum) * 0x100000001b3ull;
    checksum = (checksum ^ windowed) * 0x100000001b3ull;
    last_count = count, last_limit = limit;
    free(b);
  }
  free(seg);
  printf("sieve: %d rounds, %u primes up to %u, checksum %016llx\n", rounds, last_count,
         last_limit, (unsigned long long)checksum);
  return 0;
}

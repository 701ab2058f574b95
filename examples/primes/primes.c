/* The bundled example: a small but real C program built to wasm32-wasi with
 * clang-14 and Debian's wasi-libc. It sieves primes, checksums them with
 * CRC-32 and prints a summary; argv[1] overrides the limit. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t crc32_update(uint32_t crc, const void *data, size_t len) {
  const uint8_t *p = data;
  crc = ~crc;
  while (len--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

int main(int argc, char **argv) {
  long limit = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
  if (limit < 2 || limit > 100000000) {
    fprintf(stderr, "primes: limit must be in [2, 100000000]\n");
    return 2;
  }
  uint8_t *composite = calloc((size_t)limit + 1, 1);
  if (!composite) {
    fprintf(stderr, "primes: out of memory\n");
    return 1;
  }
  long count = 0, last = 0;
  uint32_t crc = 0;
  for (long i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    last = i;
    uint32_t p = (uint32_t)i;
    crc = crc32_update(crc, &p, sizeof p);
    /* long is 32 bits on wasm32: i * i would overflow past 46340, so test i <= limit / i. */
    if (i <= limit / i)
      for (long j = i * i; j <= limit; j += i) composite[j] = 1;
  }
  printf("primes up to %ld: %ld, largest %ld, crc32 %08x\n", limit, count, last, (unsigned)crc);
  free(composite);
  return 0;
}

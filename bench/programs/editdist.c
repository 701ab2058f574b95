/* editdist: dynamic programming over pairs of strings, the shape of
 * alignment and diff code: a rolling row of a 2-D table, min/max chains and
 * byte compares. Levenshtein distance and longest common subsequence of
 * related DNA-like strings (one is a mutated copy of the other).
 *
 *   editdist [rounds]    (default 14; one round is 6 pairs of ~3000 characters)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_LEN = 4096, PAIRS = 6 };

static uint32_t rng_state;
static uint32_t next32(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

static int make_string(char *s, int len) {
  static const char alphabet[4] = {'A', 'C', 'G', 'T'};
  for (int i = 0; i < len; ++i) s[i] = alphabet[next32() & 3];
  s[len] = 0;
  return len;
}

/* Copy with substitutions, insertions and deletions at about 1 in 8 places. */
static int mutate(const char *src, int len, char *dst) {
  int n = 0;
  for (int i = 0; i < len && n < MAX_LEN - 2; ++i) {
    uint32_t r = next32() % 24;
    if (r == 0) continue;                            /* delete */
    if (r == 1) dst[n++] = "ACGT"[next32() & 3];     /* insert before */
    dst[n++] = r == 2 ? "ACGT"[next32() & 3] : src[i]; /* substitute or copy */
  }
  dst[n] = 0;
  return n;
}

__attribute__((noinline)) static int levenshtein(const char *a, int n, const char *b, int m) {
  static int row[MAX_LEN + 1];
  for (int j = 0; j <= m; ++j) row[j] = j;
  for (int i = 1; i <= n; ++i) {
    int diag = row[0], ai = a[i - 1];
    row[0] = i;
    for (int j = 1; j <= m; ++j) {
      int up = row[j];
      int best = diag + (ai != b[j - 1]);
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[m];
}

__attribute__((noinline)) static int lcs(const char *a, int n, const char *b, int m) {
  static uint16_t prev[MAX_LEN + 1], cur[MAX_LEN + 1];
  memset(prev, 0, sizeof prev);
  for (int i = 1; i <= n; ++i) {
    cur[0] = 0;
    for (int j = 1; j <= m; ++j)
      cur[j] = a[i - 1] == b[j - 1] ? (uint16_t)(prev[j - 1] + 1)
                                    : (prev[j] > cur[j - 1] ? prev[j] : cur[j - 1]);
    memcpy(prev, cur, (size_t)(m + 1) * sizeof *cur);
  }
  return prev[m];
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 14;
  static char a[MAX_LEN], b[MAX_LEN];
  uint64_t checksum = 0;
  long total_distance = 0;
  for (int r = 0; r < rounds; ++r) {
    rng_state = 0x1234567u ^ (uint32_t)r * 0x9e3779b9u;
    for (int p = 0; p < PAIRS; ++p) {
      int n = make_string(a, 2500 + (int)(next32() % 1000));
      int m = mutate(a, n, b);
      int d = levenshtein(a, n, b, m), l = lcs(a, n, b, m);
      total_distance += d;
      checksum = (checksum ^ (uint64_t)d << 32 ^ (uint64_t)l) * 0x100000001b3ull;
    }
  }
  printf("editdist: %d rounds of %d pairs, total distance %ld, checksum %016llx\n", rounds, PAIRS,
         total_distance, (unsigned long long)checksum);
  return 0;
}

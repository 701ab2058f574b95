/* matmul: dense f64 matrix multiply, the shape of numeric kernels.
 * Each round fills two N×N matrices from a PRNG, multiplies them twice (i-k-j
 * order over rows, and a blocked order that must give the same bits because it
 * adds the same products in the same order per element), and folds the result
 * bits into a checksum.
 *
 *   matmul [rounds]    (default 200; one round is 2 × 240³ multiply-adds)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N = 240, BLOCK = 48 };

static uint64_t rng_state;
static double next_unit(void) { /* in [-1, 1) with 30 bits of randomness */
  rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
  return (double)(int32_t)(rng_state >> 32) / 2147483648.0;
}

static double a[N][N], b[N][N], c[N][N], d[N][N];

__attribute__((noinline)) static void multiply_rows(void) {
  for (int i = 0; i < N; ++i) {
    for (int j = 0; j < N; ++j) c[i][j] = 0.0;
    for (int k = 0; k < N; ++k) {
      double aik = a[i][k];
      for (int j = 0; j < N; ++j) c[i][j] += aik * b[k][j];
    }
  }
}

/* Blocked over k and j; for each element the products are still added in
 * increasing k, so the result is bit-identical to multiply_rows. */
__attribute__((noinline)) static void multiply_blocked(void) {
  memset(d, 0, sizeof d);
  for (int kk = 0; kk < N; kk += BLOCK)
    for (int jj = 0; jj < N; jj += BLOCK)
      for (int i = 0; i < N; ++i)
        for (int k = kk; k < kk + BLOCK; ++k) {
          double aik = a[i][k];
          for (int j = jj; j < jj + BLOCK; ++j) d[i][j] += aik * b[k][j];
        }
}

static uint64_t bits(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

__attribute__((noinline)) static uint64_t round_checksum(int round) {
  rng_state = 0x9e3779b97f4a7c15ull ^ (uint64_t)round;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) a[i][j] = next_unit();
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) b[i][j] = next_unit() * 0.5;
  multiply_rows();
  multiply_blocked();
  uint64_t h = 0;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      if (bits(c[i][j]) != bits(d[i][j])) return 0; /* the two orders disagree */
      h = (h ^ bits(c[i][j])) * 0x100000001b3ull;
    }
  return h;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 200;
  uint64_t checksum = 0;
  int bad = 0;
  double trace = 0.0;
  for (int r = 0; r < rounds; ++r) {
    uint64_t h = round_checksum(r);
    bad += h == 0;
    checksum = (checksum << 7 | checksum >> 57) ^ h;
    for (int i = 0; i < N; ++i) trace += c[i][i];
  }
  printf("matmul: %d rounds of %dx%d, %d mismatches, trace %.9e, checksum %016llx\n", rounds, N,
         N, bad, trace, (unsigned long long)checksum);
  return bad != 0;
}

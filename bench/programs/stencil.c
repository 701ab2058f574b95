/* stencil: 2-D heat diffusion in f32 (five-point Jacobi stencil with fixed hot
 * and cold spots), the shape of image and grid code: streaming loads over two
 * row-major arrays and single-precision arithmetic.
 *
 *   stencil [rounds]    (default 200; one round is 60 sweeps over 512×512)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { W = 512, H = 512, SWEEPS = 60 };

static float grid_a[H][W], grid_b[H][W];

static void initialise(int round) {
  uint32_t s = 0x12345u + (uint32_t)round * 7919u;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      s = s * 1103515245u + 12345u;
      grid_a[y][x] = (float)(s >> 16 & 0xff) * (1.0f / 256.0f);
    }
  memcpy(grid_b, grid_a, sizeof grid_a);
}

__attribute__((noinline)) static void sweep(float (*restrict dst)[W], float (*restrict src)[W],
                                            float k) {
  for (int y = 1; y < H - 1; ++y)
    for (int x = 1; x < W - 1; ++x) {
      float centre = src[y][x];
      float lap = src[y - 1][x] + src[y + 1][x] + src[y][x - 1] + src[y][x + 1] - 4.0f * centre;
      dst[y][x] = centre + k * lap;
    }
  /* Fixed sources: a hot square and a cold bar. */
  for (int y = H / 4; y < H / 4 + 16; ++y)
    for (int x = W / 4; x < W / 4 + 16; ++x) dst[y][x] = 4.0f;
  for (int x = W / 2; x < W / 2 + 64; ++x) dst[3 * H / 4][x] = -2.0f;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 200;
  uint64_t checksum = 0;
  double total = 0.0;
  for (int r = 0; r < rounds; ++r) {
    initialise(r);
    for (int s = 0; s < SWEEPS; s += 2) {
      sweep(grid_b, grid_a, 0.2f);
      sweep(grid_a, grid_b, 0.2f);
    }
    for (int y = 0; y < H; ++y)
      for (int x = 0; x < W; ++x) {
        uint32_t u;
        memcpy(&u, &grid_a[y][x], sizeof u);
        checksum = (checksum + u) * 0x9e3779b97f4a7c15ull;
        total += grid_a[y][x];
      }
  }
  printf("stencil: %d rounds of %d sweeps over %dx%d, heat %.6f, checksum %016llx\n", rounds,
         SWEEPS, W, H, total, (unsigned long long)checksum);
  return 0;
}

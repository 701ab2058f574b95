/* sha256: SHA-256 (FIPS 180-4) over a generated buffer, the shape of hash and
 * crypto code: 32-bit rotates, shifts and adds on a small working set. Checks
 * itself against the standard "abc" and two-block test vectors first, then
 * hashes a 1 MiB buffer per round, feeding each digest into the next buffer.
 *
 *   sha256 [rounds]    (default 280; one round hashes 1 MiB)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BUFFER = 1 << 20 };

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

typedef struct {
  uint32_t h[8];
  uint8_t pending[64];
  size_t pending_len;
  uint64_t total_len;
} Sha256;

static uint32_t rotr(uint32_t x, int n) { return x >> n | x << (32 - n); }

static void compress_block(uint32_t h[8], const uint8_t *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; ++i)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
           p[4 * i + 3];
  for (int i = 16; i < 64; ++i) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ w[i - 15] >> 3;
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ w[i - 2] >> 10;
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; ++i) {
    uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

static void sha_init(Sha256 *s) {
  static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(s->h, iv, sizeof iv);
  s->pending_len = 0;
  s->total_len = 0;
}

static void sha_update(Sha256 *s, const uint8_t *p, size_t n) {
  s->total_len += n;
  if (s->pending_len) {
    while (n && s->pending_len < 64) s->pending[s->pending_len++] = *p++, --n;
    if (s->pending_len < 64) return;
    compress_block(s->h, s->pending);
    s->pending_len = 0;
  }
  for (; n >= 64; p += 64, n -= 64) compress_block(s->h, p);
  memcpy(s->pending, p, n);
  s->pending_len = n;
}

static void sha_final(Sha256 *s, uint8_t out[32]) {
  uint64_t bit_len = s->total_len * 8;
  uint8_t pad[72] = {0x80};
  size_t pad_len = (s->pending_len < 56 ? 56 : 120) - s->pending_len;
  for (int i = 0; i < 8; ++i) pad[pad_len + i] = (uint8_t)(bit_len >> (56 - 8 * i));
  sha_update(s, pad, pad_len + 8);
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 4; ++j) out[4 * i + j] = (uint8_t)(s->h[i] >> (24 - 8 * j));
}

static void to_hex(const uint8_t d[32], char out[65]) {
  for (int i = 0; i < 32; ++i) snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static int self_test(void) {
  static const char *msg[2] = {"abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"};
  static const char *want[2] = {
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"};
  for (int t = 0; t < 2; ++t) {
    Sha256 s;
    uint8_t d[32];
    char hex[65];
    sha_init(&s);
    sha_update(&s, (const uint8_t *)msg[t], strlen(msg[t]));
    sha_final(&s, d);
    to_hex(d, hex);
    if (strcmp(hex, want[t]) != 0) return 0;
  }
  return 1;
}

__attribute__((noinline)) static void hash_buffer(const uint8_t *buf, size_t n, uint8_t d[32]) {
  Sha256 s;
  sha_init(&s);
  /* Uneven pieces so the pending-block path runs too. */
  size_t piece = 1000;
  for (size_t i = 0; i < n; i += piece) sha_update(&s, buf + i, n - i < piece ? n - i : piece);
  sha_final(&s, d);
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 280;
  uint8_t *buf = malloc(BUFFER);
  if (!buf) return 1;
  uint32_t x = 0x811c9dc5u;
  for (size_t i = 0; i < BUFFER; ++i) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    buf[i] = (uint8_t)x;
  }
  uint8_t digest[32] = {0};
  for (int r = 0; r < rounds; ++r) {
    memcpy(buf + (size_t)(r * 4099) % (BUFFER - 32), digest, 32);
    hash_buffer(buf, BUFFER, digest);
  }
  char hex[65];
  to_hex(digest, hex);
  int ok = self_test();
  printf("sha256: self-test %s, %d MiB hashed, digest %s\n", ok ? "ok" : "FAILED", rounds, hex);
  free(buf);
  return ok ? 0 : 1;
}

/* bigint: arbitrary-precision integer arithmetic on 32-bit limbs, the shape
 * of bignum and checksum code: 32×32→64 multiplies, carries, 64-bit division
 * by constants. Computes n! by repeated small multiplication, converts it to
 * decimal by repeated division by 10^9, squares a big PRNG number by
 * schoolbook multiplication and checks (a+b)^2 = a^2 + 2ab + b^2.
 *
 *   bigint [rounds]    (default 18)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uint32_t *limb; /* little endian */
  size_t len, cap;
} Big;

static void big_reserve(Big *b, size_t cap) {
  if (cap <= b->cap) return;
  b->limb = realloc(b->limb, cap * sizeof *b->limb);
  if (!b->limb) abort();
  b->cap = cap;
}

static void big_set_small(Big *b, uint32_t v) {
  big_reserve(b, 1);
  b->limb[0] = v;
  b->len = v != 0;
}

static void big_trim(Big *b) {
  while (b->len && b->limb[b->len - 1] == 0) --b->len;
}

static void big_mul_small(Big *b, uint32_t m) {
  uint64_t carry = 0;
  for (size_t i = 0; i < b->len; ++i) {
    uint64_t t = (uint64_t)b->limb[i] * m + carry;
    b->limb[i] = (uint32_t)t;
    carry = t >> 32;
  }
  if (carry) {
    big_reserve(b, b->len + 1);
    b->limb[b->len++] = (uint32_t)carry;
  }
}

/* b /= d, returns the remainder. */
static uint32_t big_div_small(Big *b, uint32_t d) {
  uint64_t rem = 0;
  for (size_t i = b->len; i-- > 0;) {
    uint64_t cur = rem << 32 | b->limb[i];
    b->limb[i] = (uint32_t)(cur / d);
    rem = cur % d;
  }
  big_trim(b);
  return (uint32_t)rem;
}

static void big_add(Big *r, const Big *a, const Big *b) { /* r may alias a */
  size_t n = a->len > b->len ? a->len : b->len;
  big_reserve(r, n + 1);
  uint64_t carry = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t t = carry + (i < a->len ? a->limb[i] : 0) + (i < b->len ? b->limb[i] : 0);
    r->limb[i] = (uint32_t)t;
    carry = t >> 32;
  }
  r->limb[n] = (uint32_t)carry;
  r->len = n + 1;
  big_trim(r);
}

__attribute__((noinline)) static void big_mul(Big *r, const Big *a, const Big *b) {
  big_reserve(r, a->len + b->len + 1);
  memset(r->limb, 0, (a->len + b->len + 1) * sizeof *r->limb);
  for (size_t i = 0; i < a->len; ++i) {
    uint64_t carry = 0, ai = a->limb[i];
    for (size_t j = 0; j < b->len; ++j) {
      uint64_t t = ai * b->limb[j] + r->limb[i + j] + carry;
      r->limb[i + j] = (uint32_t)t;
      carry = t >> 32;
    }
    r->limb[i + b->len] = (uint32_t)carry;
  }
  r->len = a->len + b->len;
  big_trim(r);
}

static int big_equal(const Big *a, const Big *b) {
  return a->len == b->len && memcmp(a->limb, b->limb, a->len * sizeof *a->limb) == 0;
}

static void big_copy(Big *dst, const Big *src) {
  big_reserve(dst, src->len + 1);
  memcpy(dst->limb, src->limb, src->len * sizeof *src->limb);
  dst->len = src->len;
}

/* Decimal digits hashed, least significant group first; destroys b. */
__attribute__((noinline)) static uint64_t decimal_hash(Big *b, uint32_t *digits) {
  uint64_t h = 0xcbf29ce484222325ull;
  *digits = 0;
  while (b->len) {
    uint32_t group = big_div_small(b, 1000000000u);
    h = (h ^ group) * 0x100000001b3ull;
    *digits += 9;
  }
  return h;
}

static void big_random(Big *b, size_t limbs, uint64_t *state) {
  big_reserve(b, limbs);
  for (size_t i = 0; i < limbs; ++i) {
    *state ^= *state << 7;
    *state ^= *state >> 9;
    b->limb[i] = (uint32_t)(*state >> 11);
  }
  b->limb[limbs - 1] |= 1;
  b->len = limbs;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 18;
  Big f = {0}, a = {0}, b = {0}, s = {0}, lhs = {0}, rhs = {0}, t = {0};
  uint64_t checksum = 0;
  uint32_t digits = 0;
  int bad = 0;
  for (int r = 0; r < rounds; ++r) {
    uint32_t n = 9000 + (uint32_t)r * 97;
    big_set_small(&f, 1);
    for (uint32_t k = 2; k <= n; ++k) big_mul_small(&f, k);
    checksum = checksum * 31 + decimal_hash(&f, &digits);

    uint64_t state = 0x853c49e6748fea9bull + (uint64_t)r;
    big_random(&a, 1500, &state);
    big_random(&b, 1400, &state);
    big_add(&s, &a, &b);
    big_mul(&lhs, &s, &s); /* (a+b)^2 */
    big_mul(&rhs, &a, &a);
    big_mul(&t, &a, &b);
    big_add(&rhs, &rhs, &t);
    big_add(&rhs, &rhs, &t);
    big_mul(&t, &b, &b);
    big_add(&rhs, &rhs, &t); /* a^2 + 2ab + b^2 */
    bad += !big_equal(&lhs, &rhs);
    big_copy(&t, &lhs);
    uint32_t square_digits;
    checksum = checksum * 31 + decimal_hash(&t, &square_digits);
  }
  printf("bigint: %d rounds, last factorial ~%u digits, %d identity failures, checksum %016llx\n",
         rounds, digits, bad, (unsigned long long)checksum);
  free(f.limb), free(a.limb), free(b.limb), free(s.limb), free(lhs.limb), free(rhs.limb),
      free(t.limb);
  return bad != 0;
}

/* sort: sorting a PRNG array three ways, the shape of data-shuffling code:
 * unpredictable branches, swaps, recursion and sequential merging. Quicksort
 * (median of three, insertion sort for short ranges) on 32-bit keys,
 * bottom-up merge sort on 64-bit keys, and an LSD radix sort that must agree
 * with the quicksort.
 *
 *   sort [rounds]    (default 9; one round sorts 1M elements three times)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COUNT = 1 << 20 };

static uint64_t rng_state;
static uint64_t next64(void) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ z >> 30) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ z >> 27) * 0x94d049bb133111ebull;
  return z ^ z >> 31;
}

static void insertion_sort(uint32_t *v, long lo, long hi) {
  for (long i = lo + 1; i <= hi; ++i) {
    uint32_t x = v[i];
    long j = i - 1;
    while (j >= lo && v[j] > x) v[j + 1] = v[j], --j;
    v[j + 1] = x;
  }
}

static void swap32(uint32_t *a, uint32_t *b) {
  uint32_t t = *a;
  *a = *b;
  *b = t;
}

static void quick_sort(uint32_t *v, long lo, long hi) {
  while (hi - lo > 16) {
    long mid = lo + (hi - lo) / 2;
    if (v[mid] < v[lo]) swap32(&v[mid], &v[lo]);
    if (v[hi] < v[lo]) swap32(&v[hi], &v[lo]);
    if (v[hi] < v[mid]) swap32(&v[hi], &v[mid]);
    uint32_t pivot = v[mid];
    long i = lo, j = hi;
    while (i <= j) {
      while (v[i] < pivot) ++i;
      while (v[j] > pivot) --j;
      if (i <= j) swap32(&v[i++], &v[j--]);
    }
    /* Recurse into the smaller side, loop on the larger: stack depth stays log n. */
    if (j - lo < hi - i) {
      quick_sort(v, lo, j);
      lo = i;
    } else {
      quick_sort(v, i, hi);
      hi = j;
    }
  }
  insertion_sort(v, lo, hi);
}

static void merge_sort(uint64_t *v, uint64_t *tmp, size_t n) {
  uint64_t *start = v;
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = v[j] < v[i] ? v[j++] : v[i++];
      while (i < mid) tmp[k++] = v[i++];
      while (j < hi) tmp[k++] = v[j++];
    }
    uint64_t *t = v;
    v = tmp;
    tmp = t;
  }
  /* After an odd number of passes the result is in the scratch array. */
  if (v != start) memcpy(start, v, n * sizeof *v);
}

static void radix_sort(uint32_t *v, uint32_t *tmp, size_t n) {
  for (int shift = 0; shift < 32; shift += 8) {
    size_t count[257] = {0};
    for (size_t i = 0; i < n; ++i) ++count[(v[i] >> shift & 0xff) + 1];
    for (int b = 0; b < 256; ++b) count[b + 1] += count[b];
    for (size_t i = 0; i < n; ++i) tmp[count[v[i] >> shift & 0xff]++] = v[i];
    uint32_t *t = v;
    v = tmp;
    tmp = t;
  }
  /* Four passes: the sorted data is back in the caller's array. */
}

static uint32_t keys[COUNT], keys_copy[COUNT], scratch32[COUNT];
static uint64_t wide[COUNT], scratch64[COUNT];

__attribute__((noinline)) static uint64_t sort_round(int round, int *bad) {
  rng_state = (uint64_t)round * 0x632be59bd9b4e019ull + 1;
  for (size_t i = 0; i < COUNT; ++i) {
    uint64_t r = next64();
    keys[i] = (uint32_t)r;
    keys_copy[i] = (uint32_t)r;
    wide[i] = r % 1000003u * 0x100000000ull + i; /* many duplicates in the high half */
  }
  quick_sort(keys, 0, COUNT - 1);
  radix_sort(keys_copy, scratch32, COUNT);
  merge_sort(wide, scratch64, COUNT);
  uint64_t h = 0;
  for (size_t i = 0; i < COUNT; ++i) {
    if (keys[i] != keys_copy[i] || (i && keys[i - 1] > keys[i]) || (i && wide[i - 1] > wide[i]))
      ++*bad;
    if ((i & 1023) == 0) h = (h ^ keys[i] ^ wide[i]) * 0x100000001b3ull;
  }
  return h;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 9;
  uint64_t checksum = 0;
  int bad = 0;
  for (int r = 0; r < rounds; ++r) checksum = checksum * 31 + sort_round(r, &bad);
  printf("sort: %d rounds of %d elements, %d out of order, checksum %016llx\n", rounds, COUNT, bad,
         (unsigned long long)checksum);
  return bad != 0;
}

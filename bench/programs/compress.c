/* compress: byte-oriented data processing as a benchmark program.
 * Builds a text-like input from a word list, compresses it with LZ77 (hash
 * chains over 3-byte prefixes, lazy matching), decompresses and checks the
 * round trip, computes CRC-32 and Adler-32, counts word frequencies in a hash
 * table and merge-sorts the words by frequency. Prints a checksum.
 *
 *   compress [kilobytes]    (default 256)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WINDOW = 1 << 15, HASH_BITS = 14, MIN_MATCH = 3, MAX_MATCH = 258, MAX_CHAIN = 32 };

static uint32_t rng_state = 2463534242u;
static uint32_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

/* ---- Input: words with a skewed (Zipf-like) distribution ---------------- */
static const char *const words[] = {
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
    "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have",
    "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her", "has",
    "there", "been", "if", "more", "when", "will", "would", "who", "so", "no", "compiler",
    "module", "function", "memory", "table", "global", "branch", "register", "allocation",
    "instruction", "selection", "verification", "webassembly", "native", "benchmark"};
enum { NUM_WORDS = sizeof words / sizeof words[0] };

static size_t make_input(unsigned char *out, size_t size) {
  size_t n = 0;
  while (n + 16 < size) {
    /* Squaring a uniform number skews towards the short, frequent words. */
    uint32_t u = rng() % 1024u;
    const char *w = words[(u * u) / (1024u * 1024u / NUM_WORDS) % NUM_WORDS];
    size_t len = strlen(w);
    memcpy(out + n, w, len);
    n += len;
    uint32_t r = rng() % 16u;
    out[n++] = r == 0 ? '.' : r == 1 ? ',' : ' ';
    if (r == 0) out[n++] = '\n';
  }
  return n;
}

/* ---- LZ77 ----------------------------------------------------------------- */
/* Output format: literal runs "0 len bytes..." and matches "1 len_lo len_hi dist_lo dist_hi". */
static int32_t head[1 << HASH_BITS];
static int32_t prev[WINDOW];

static uint32_t hash3(const unsigned char *p) {
  return ((uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]) * 2654435761u >> (32 - HASH_BITS);
}

static size_t longest_match(const unsigned char *in, size_t n, size_t pos, size_t *dist) {
  size_t best = 0;
  int32_t cand = head[hash3(in + pos)];
  for (int chain = 0; cand >= 0 && chain < MAX_CHAIN; ++chain) {
    size_t c = (size_t)cand;
    if (pos - c > WINDOW - 1) break;
    size_t len = 0, limit = n - pos < MAX_MATCH ? n - pos : MAX_MATCH;
    while (len < limit && in[c + len] == in[pos + len]) ++len;
    if (len > best) {
      best = len;
      *dist = pos - c;
      if (len == limit) break;
    }
    cand = prev[c & (WINDOW - 1)];
  }
  return best;
}

static void insert(const unsigned char *in, size_t pos) {
  uint32_t h = hash3(in + pos);
  prev[pos & (WINDOW - 1)] = head[h];
  head[h] = (int32_t)pos;
}

static size_t flush_literals(unsigned char *out, size_t o, const unsigned char *lit, size_t count) {
  while (count > 0) {
    size_t chunk = count > 255 ? 255 : count;
    out[o++] = 0;
    out[o++] = (unsigned char)chunk;
    memcpy(out + o, lit, chunk);
    o += chunk;
    lit += chunk;
    count -= chunk;
  }
  return o;
}

static size_t compress(const unsigned char *in, size_t n, unsigned char *out) {
  memset(head, 0xff, sizeof head);
  size_t o = 0, pos = 0, lit_start = 0;
  while (pos + MIN_MATCH <= n) {
    size_t dist = 0, len = longest_match(in, n, pos, &dist);
    insert(in, pos);
    if (len < MIN_MATCH) {
      ++pos;
      continue;
    }
    /* Lazy matching: when the next byte starts a longer match, this byte stays a literal. */
    if (pos + 1 + MIN_MATCH <= n) {
      size_t dist2 = 0, len2 = longest_match(in, n, pos + 1, &dist2);
      if (len2 > len + 1) {
        ++pos;
        continue;
      }
    }
    o = flush_literals(out, o, in + lit_start, pos - lit_start);
    out[o++] = 1;
    out[o++] = (unsigned char)(len & 255);
    out[o++] = (unsigned char)(len >> 8);
    out[o++] = (unsigned char)(dist & 255);
    out[o++] = (unsigned char)(dist >> 8);
    for (size_t k = 1; k < len && pos + k + MIN_MATCH <= n; ++k) insert(in, pos + k);
    pos += len;
    lit_start = pos;
  }
  return flush_literals(out, o, in + lit_start, n - lit_start);
}

static size_t decompress(const unsigned char *in, size_t n, unsigned char *out) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    if (in[i] == 0) {
      size_t count = in[i + 1];
      memcpy(out + o, in + i + 2, count);
      o += count;
      i += 2 + count;
    } else {
      size_t len = in[i + 1] | (size_t)in[i + 2] << 8;
      size_t dist = in[i + 3] | (size_t)in[i + 4] << 8;
      for (size_t k = 0; k < len; ++k, ++o) out[o] = out[o - dist]; /* may overlap */
      i += 5;
    }
  }
  return o;
}

/* ---- Checksums ---------------------------------------------------------- */
static uint32_t crc_table[256];
static void crc_init(void) {
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    crc_table[i] = c;
  }
}
static uint32_t crc32(const unsigned char *p, size_t n) {
  uint32_t c = 0xffffffffu;
  for (size_t i = 0; i < n; ++i) c = crc_table[(c ^ p[i]) & 255u] ^ (c >> 8);
  return ~c;
}
static uint32_t adler32(const unsigned char *p, size_t n) {
  uint32_t a = 1, b = 0;
  for (size_t i = 0; i < n; ++i) {
    a = (a + p[i]) % 65521u;
    b = (b + a) % 65521u;
  }
  return b << 16 | a;
}

/* ---- Word frequencies: hash table + merge sort ------------------------------ */
typedef struct {
  char word[16];
  uint32_t count;
} Entry;
static Entry table[256];

static void count_words(const unsigned char *p, size_t n) {
  memset(table, 0, sizeof table);
  for (size_t i = 0; i < n;) {
    while (i < n && !(p[i] >= 'a' && p[i] <= 'z')) ++i;
    size_t start = i;
    while (i < n && p[i] >= 'a' && p[i] <= 'z' && i - start < 15) ++i;
    if (i == start) break;
    char w[16];
    memcpy(w, p + start, i - start);
    w[i - start] = 0;
    uint32_t h = 2166136261u;
    for (size_t k = start; k < i; ++k) h = (h ^ p[k]) * 16777619u;
    for (uint32_t probe = 0; probe < 256; ++probe) {
      Entry *e = &table[(h + probe) & 255u];
      if (e->count == 0) { strcpy(e->word, w); e->count = 1; break; }
      if (strcmp(e->word, w) == 0) { ++e->count; break; }
    }
  }
}

static int entry_before(const Entry *a, const Entry *b) {
  return a->count != b->count ? a->count > b->count : strcmp(a->word, b->word) < 0;
}

static void merge_sort(Entry *v, Entry *tmp, size_t n) {
  if (n < 2) return;
  size_t h = n / 2;
  merge_sort(v, tmp, h);
  merge_sort(v + h, tmp, n - h);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n) tmp[k++] = entry_before(&v[j], &v[i]) ? v[j++] : v[i++];
  while (i < h) tmp[k++] = v[i++];
  while (j < n) tmp[k++] = v[j++];
  memcpy(v, tmp, n * sizeof *v);
}

int main(int argc, char **argv) {
  size_t size = (argc > 1 ? (size_t)strtoul(argv[1], 0, 10) : 256u) * 1024u;
  unsigned char *input = malloc(size), *packed = malloc(size + size / 64 + 64),
                *unpacked = malloc(size);
  if (!input || !packed || !unpacked) return 1;
  crc_init();
  size_t n = make_input(input, size);
  size_t packed_size = compress(input, n, packed);
  size_t unpacked_size = decompress(packed, packed_size, unpacked);
  int ok = unpacked_size == n && memcmp(input, unpacked, n) == 0;
  count_words(input, n);
  Entry tmp[256];
  merge_sort(table, tmp, 256);
  uint64_t checksum = (uint64_t)crc32(input, n) << 32 | adler32(packed, packed_size);
  for (int i = 0; i < 8 && table[i].count; ++i)
    checksum = checksum * 1099511628211ull + table[i].count + (unsigned char)table[i].word[0];
  printf("compress: %zu -> %zu bytes, round trip %s, top word '%s' x%u, checksum %016llx\n", n,
         packed_size, ok ? "ok" : "FAILED", table[0].word, table[0].count,
         (unsigned long long)checksum);
  free(input);
  free(packed);
  free(unpacked);
  return ok ? 0 : 1;
}

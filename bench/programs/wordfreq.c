/* wordfreq: string processing, the shape of text tools. Generates text from a
 * skewed distribution over a synthetic vocabulary (words built from
 * syllables, mixed case and punctuation), tokenizes it, counts words in an
 * open-addressing hash table keyed by FNV-1a, and ranks the most frequent.
 *
 *   wordfreq [rounds]    (default 30; one round is about 6 MB of text)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { VOCAB = 6000, TEXT_WORDS = 900000, TABLE_BITS = 14, MAX_WORD = 32, TOP = 10 };

static const char *syllables[] = {"ka", "lo", "mi",  "ne", "su",  "ta", "vor", "in", "el",
                                  "qu", "ar", "ent", "st", "ion", "ro", "be",  "xa", "ul"};

static char vocab[VOCAB][MAX_WORD];
static uint32_t rng_state;
static uint32_t next32(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

static void build_vocab(void) {
  const int nsyl = (int)(sizeof syllables / sizeof *syllables);
  for (int w = 0; w < VOCAB; ++w) {
    int parts = 1 + (int)(next32() % 4);
    char *p = vocab[w];
    for (int i = 0; i < parts; ++i) {
      const char *s = syllables[next32() % nsyl];
      while (*s) *p++ = *s++;
    }
    *p = 0;
  }
}

/* Text: words picked with a skewed (roughly Zipf-like) index, separated by
 * spaces, sometimes capitalised or followed by punctuation and newlines. */
static size_t make_text(char *text) {
  size_t n = 0;
  for (int i = 0; i < TEXT_WORDS; ++i) {
    uint32_t r = next32();
    uint32_t idx = (uint32_t)(((uint64_t)(r % VOCAB) * (next32() % VOCAB)) / VOCAB);
    const char *w = vocab[idx];
    size_t start = n;
    while (*w) text[n++] = *w++;
    if ((r >> 20 & 7) == 0) text[start] = (char)(text[start] - 'a' + 'A');
    switch (r >> 24 & 15) {
    case 0: text[n++] = ','; break;
    case 1: text[n++] = '.'; break;
    case 2: text[n++] = '\n'; break;
    case 3: text[n++] = '-'; break;
    default: break;
    }
    text[n++] = ' ';
  }
  return n;
}

typedef struct {
  char word[MAX_WORD];
  uint32_t len, count, hash;
} Slot;

static Slot table[1 << TABLE_BITS];
static uint32_t distinct;

static void count_word(const char *w, uint32_t len) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < len; ++i) h = (h ^ (unsigned char)w[i]) * 16777619u;
  uint32_t mask = (1u << TABLE_BITS) - 1, i = h & mask;
  for (;;) {
    Slot *s = &table[i];
    if (s->len == 0) {
      memcpy(s->word, w, len);
      s->word[len] = 0;
      s->len = len, s->count = 1, s->hash = h;
      ++distinct;
      return;
    }
    if (s->hash == h && s->len == len && memcmp(s->word, w, len) == 0) {
      ++s->count;
      return;
    }
    i = (i + 1) & mask;
  }
}

__attribute__((noinline)) static uint32_t tokenize_and_count(const char *text, size_t n) {
  char word[MAX_WORD];
  uint32_t len = 0, words = 0;
  for (size_t i = 0; i <= n; ++i) {
    char c = i < n ? text[i] : ' ';
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') {
      if (len < MAX_WORD - 1) word[len++] = c;
    } else if (len) {
      count_word(word, len);
      ++words;
      len = 0;
    }
  }
  return words;
}

static int ranks_before(const Slot *a, const Slot *b) {
  return a->count != b->count ? a->count > b->count : strcmp(a->word, b->word) < 0;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 30;
  char *text = malloc((size_t)TEXT_WORDS * (MAX_WORD + 2));
  if (!text) return 1;
  uint64_t checksum = 0;
  const Slot *top[TOP] = {0};
  uint32_t words = 0;
  for (int r = 0; r < rounds; ++r) {
    rng_state = 0x9e3779b9u ^ (uint32_t)r * 2654435761u;
    if (!rng_state) rng_state = 1;
    build_vocab();
    size_t n = make_text(text);
    memset(table, 0, sizeof table);
    distinct = 0;
    words = tokenize_and_count(text, n);
    /* Top words by count, then alphabetically: a partial selection sort. */
    int found = 0;
    for (uint32_t i = 0; i < (1u << TABLE_BITS); ++i) {
      const Slot *s = &table[i];
      if (!s->len) continue;
      int pos = found < TOP ? found++ : TOP;
      while (pos > 0 && ranks_before(s, top[pos - 1])) {
        if (pos < TOP) top[pos] = top[pos - 1];
        --pos;
      }
      if (pos < TOP) top[pos] = s;
    }
    for (int i = 0; i < found; ++i) {
      for (const char *p = top[i]->word; *p; ++p) checksum = (checksum ^ (unsigned char)*p) * 0x100000001b3ull;
      checksum += top[i]->count;
    }
    checksum = checksum * 31 + distinct;
  }
  printf("wordfreq: %d rounds, %u words and %u distinct in the last, top '%s' x%u, checksum "
         "%016llx\n",
         rounds, words, distinct, rounds ? top[0]->word : "", rounds ? top[0]->count : 0,
         (unsigned long long)checksum);
  free(text);
  return 0;
}

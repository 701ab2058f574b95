/* regex: a small backtracking regular-expression matcher, the shape of
 * pattern-matching code: recursion, byte compares, and a compiled program
 * walked by an interpreter. Supports literals, '.', character classes with
 * ranges and negation ([a-c0-9], [^x]), the postfix operators * + ?, and the
 * anchors ^ and $. Searches generated log lines for a fixed set of patterns.
 *
 *   regex [rounds]    (default 22; one round searches 20000 lines)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ATOMS = 64, LINES = 20000, LINE_MAX = 96 };
enum { ATOM_CHAR, ATOM_ANY, ATOM_CLASS };
enum { REPEAT_ONE, REPEAT_STAR, REPEAT_PLUS, REPEAT_OPTIONAL };

typedef struct {
  uint8_t kind, repeat, ch;
  uint8_t set[32]; /* bitmap of accepted bytes for ATOM_CLASS */
} Atom;

typedef struct {
  Atom atoms[MAX_ATOMS];
  int count, anchored_start, anchored_end;
} Regex;

static int compile_regex(const char *p, Regex *re) {
  re->count = 0;
  re->anchored_start = *p == '^';
  if (re->anchored_start) ++p;
  re->anchored_end = 0;
  while (*p) {
    if (p[0] == '$' && p[1] == 0) {
      re->anchored_end = 1;
      break;
    }
    if (re->count == MAX_ATOMS) return 0;
    Atom *a = &re->atoms[re->count++];
    memset(a, 0, sizeof *a);
    if (*p == '.') {
      a->kind = ATOM_ANY;
      ++p;
    } else if (*p == '[') {
      a->kind = ATOM_CLASS;
      int negate = *++p == '^';
      if (negate) ++p;
      while (*p && *p != ']') {
        int lo = (unsigned char)*p, hi = lo;
        if (p[1] == '-' && p[2] && p[2] != ']') hi = (unsigned char)p[2], p += 2;
        for (int c = lo; c <= hi; ++c) a->set[c >> 3] |= (uint8_t)(1u << (c & 7));
        ++p;
      }
      if (*p != ']') return 0;
      ++p;
      if (negate)
        for (int i = 0; i < 32; ++i) a->set[i] = (uint8_t)~a->set[i];
    } else {
      if (*p == '\\' && p[1]) ++p;
      a->kind = ATOM_CHAR;
      a->ch = (uint8_t)*p++;
    }
    if (*p == '*') a->repeat = REPEAT_STAR, ++p;
    else if (*p == '+') a->repeat = REPEAT_PLUS, ++p;
    else if (*p == '?') a->repeat = REPEAT_OPTIONAL, ++p;
  }
  return 1;
}

static int atom_accepts(const Atom *a, unsigned char c) {
  switch (a->kind) {
  case ATOM_CHAR: return c == a->ch;
  case ATOM_ANY: return c != 0;
  default: return c != 0 && (a->set[c >> 3] >> (c & 7) & 1);
  }
}

/* Does re->atoms[i..] match at s? Greedy repeats, backtracking on failure. */
static int match_here(const Regex *re, int i, const char *s) {
  for (; i < re->count; ++i) {
    const Atom *a = &re->atoms[i];
    if (a->repeat == REPEAT_ONE) {
      if (!atom_accepts(a, (unsigned char)*s)) return 0;
      ++s;
      continue;
    }
    int min = a->repeat == REPEAT_PLUS, max = a->repeat == REPEAT_OPTIONAL ? 1 : 1 << 30;
    int n = 0;
    while (n < max && atom_accepts(a, (unsigned char)s[n])) ++n;
    for (; n >= min; --n)
      if (match_here(re, i + 1, s + n)) return 1;
    return 0;
  }
  return !re->anchored_end || *s == 0;
}

static int search(const Regex *re, const char *s) {
  if (re->anchored_start) return match_here(re, 0, s);
  do {
    if (match_here(re, 0, s)) return 1;
  } while (*s++);
  return 0;
}

static const char *patterns[] = {
    "error",           "^[0-9]+:[0-9]+ ",       "user=[a-z]+[0-9]*", "[^ ]+@[a-z]+\\.org",
    "time=[0-9.]+ms$", "^.*warn.*disk.*$",      "a.*b.*c.*d",        "[A-Z][a-z]+ [A-Z][a-z]+",
    "id=0x[0-9a-f]+",  "re?try.*fail",          "x+y?z+",            "^[^e]*$",
};

static const char *words[] = {"open",  "close", "error", "warn", "disk",   "net",   "user=bob",
                              "retry", "ok",    "Alpha", "Beta", "id=0x2f", "fail", "cache",
                              "ab",    "cd",    "xxyz",  "zz",   "mail",   "Gamma"};

static char lines[LINES][LINE_MAX];
static uint32_t rng_state;
static uint32_t next32(void) {
  rng_state = rng_state * 1664525u + 1013904223u;
  return rng_state >> 8;
}

static void make_lines(void) {
  const int nwords = (int)(sizeof words / sizeof *words);
  for (int l = 0; l < LINES; ++l) {
    char *p = lines[l], *end = p + LINE_MAX - 24;
    /* One call per statement: argument evaluation order is unspecified in C. */
    uint32_t hour = next32() % 24, minute = next32() % 60;
    p += snprintf(p, 16, "%u:%02u ", hour, minute);
    int n = 2 + (int)(next32() % 10);
    for (int i = 0; i < n && p < end; ++i) {
      const char *w = words[next32() % nwords];
      while (*w && p < end) *p++ = *w++;
      *p++ = next32() % 9 == 0 ? '@' : ' ';
    }
    if (next32() % 3 == 0) {
      uint32_t ms = next32() % 900, tenths = next32() % 10;
      p += snprintf(p, 20, "time=%u.%ums", ms, tenths);
    }
    if (next32() % 5 == 0) p += snprintf(p, 12, "%s.org", "host");
    *p = 0;
  }
}

__attribute__((noinline)) static uint32_t search_all(const Regex *re, uint32_t *per_pattern,
                                                     int npat) {
  uint32_t total = 0;
  for (int k = 0; k < npat; ++k)
    for (int l = 0; l < LINES; ++l)
      if (search(&re[k], lines[l])) ++per_pattern[k], ++total;
  return total;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 22;
  enum { NPAT = sizeof patterns / sizeof *patterns };
  static Regex compiled[NPAT];
  for (int k = 0; k < NPAT; ++k)
    if (!compile_regex(patterns[k], &compiled[k])) {
      printf("regex: cannot compile '%s'\n", patterns[k]);
      return 1;
    }
  uint32_t per_pattern[NPAT] = {0};
  uint64_t checksum = 0;
  uint32_t total = 0;
  for (int r = 0; r < rounds; ++r) {
    rng_state = 0xdeadbeefu + (uint32_t)r;
    make_lines();
    total += search_all(compiled, per_pattern, NPAT);
  }
  for (int k = 0; k < NPAT; ++k) checksum = (checksum ^ per_pattern[k]) * 0x100000001b3ull;
  printf("regex: %d rounds, %d patterns, %u matching lines, 'error' in %u, checksum %016llx\n",
         rounds, NPAT, total, per_pattern[0], (unsigned long long)checksum);
  return 0;
}

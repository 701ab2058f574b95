/* trees: recursion-heavy code. Builds and walks many binary trees allocated
 * with malloc (build, checksum, mirror, free: allocator traffic and pointer
 * chasing), inserts PRNG keys into an unbalanced binary search tree, and runs
 * the doubly recursive Fibonacci and Takeuchi functions (call overhead).
 *
 *   trees [rounds]    (default 20)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct Node {
  struct Node *left, *right;
  uint32_t value;
} Node;

static Node *build(int depth, uint32_t value) {
  Node *n = malloc(sizeof *n);
  if (!n) abort();
  n->value = value;
  if (depth > 0) {
    n->left = build(depth - 1, value * 2 + 1);
    n->right = build(depth - 1, value * 2 + 2);
  } else {
    n->left = n->right = 0;
  }
  return n;
}

static uint64_t walk(const Node *n, int depth) {
  if (!n) return 0;
  return (uint64_t)n->value * (uint64_t)(depth + 1) + walk(n->left, depth + 1) +
         3 * walk(n->right, depth + 1);
}

static void mirror(Node *n) {
  if (!n) return;
  Node *t = n->left;
  n->left = n->right;
  n->right = t;
  mirror(n->left);
  mirror(n->right);
}

static void release(Node *n) {
  if (!n) return;
  release(n->left);
  release(n->right);
  free(n);
}

static Node *bst_insert(Node *root, uint32_t key) {
  Node **link = &root;
  while (*link) link = key < (*link)->value ? &(*link)->left : &(*link)->right;
  Node *n = malloc(sizeof *n);
  if (!n) abort();
  n->left = n->right = 0;
  n->value = key;
  *link = n;
  return root;
}

static int height(const Node *n) {
  if (!n) return 0;
  int l = height(n->left), r = height(n->right);
  return 1 + (l > r ? l : r);
}

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int tak(int x, int y, int z) {
  return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z;
}

__attribute__((noinline)) static uint64_t tree_round(int round) {
  uint64_t h = 0;
  /* Many small trees, then a few big ones; long-lived tree kept across. */
  Node *keep = build(16, (uint32_t)round);
  for (int depth = 4; depth <= 16; depth += 4) {
    int iterations = 1 << (18 - depth);
    for (int i = 0; i < iterations; ++i) {
      Node *t = build(depth, (uint32_t)i);
      h += walk(t, 0);
      mirror(t);
      h ^= walk(t, 0) << 1;
      release(t);
    }
  }
  h += walk(keep, 0);
  release(keep);

  Node *bst = 0;
  uint32_t x = 0x2468aceu + (uint32_t)round;
  for (int i = 0; i < 60000; ++i) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    bst = bst_insert(bst, x);
  }
  h = h * 31 + (uint64_t)height(bst);
  h = h * 31 + walk(bst, 0);
  release(bst);

  h = h * 31 + fib(27 + (uint32_t)(round % 2));
  h = h * 31 + (uint64_t)tak(18, 12, 6 + round % 3);
  return h;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 20;
  uint64_t checksum = 0;
  for (int r = 0; r < rounds; ++r) checksum = (checksum << 5 | checksum >> 59) ^ tree_round(r);
  printf("trees: %d rounds, fib(27) %u, tak(18,12,6) %d, checksum %016llx\n", rounds, fib(27),
         tak(18, 12, 6), (unsigned long long)checksum);
  return 0;
}

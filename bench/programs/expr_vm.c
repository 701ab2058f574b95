/* expr_vm: a small language implementation as a benchmark program.
 * Generates source text for arithmetic programs with variables, tokenizes it,
 * parses it by recursive descent into an AST held in a node pool, compiles the
 * AST to stack bytecode, runs the bytecode in a switch-dispatched VM, and
 * checks the VM against a direct AST walk. Prints a checksum.
 *
 *   expr_vm [programs]    (default 400)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_SRC = 4096, MAX_TOKENS = 1024, MAX_NODES = 1024, MAX_CODE = 2048, NUM_VARS = 8 };

/* ---- Deterministic random numbers ---------------------------------------- */
static uint64_t rng_state = 0x243f6a8885a308d3ull;
static uint32_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t)(rng_state >> 16);
}

/* ---- Source generation ----------------------------------------------------- */
typedef struct {
  char text[MAX_SRC];
  int len;
} Source;

static void emit(Source *s, const char *str) {
  while (*str && s->len < MAX_SRC - 1) s->text[s->len++] = *str++;
  s->text[s->len] = 0;
}

static void gen_expr(Source *s, int depth) {
  uint32_t r = rng() % (depth > 0 ? 9 : 3);
  char buf[32];
  switch (r) {
  case 0:
    snprintf(buf, sizeof buf, "%u", rng() % 1000);
    emit(s, buf);
    return;
  case 1:
  case 2:
    buf[0] = (char)('a' + rng() % NUM_VARS);
    buf[1] = 0;
    emit(s, buf);
    return;
  case 3:
    emit(s, "-");
    gen_expr(s, depth - 1);
    return;
  case 4:
    emit(s, "(");
    gen_expr(s, depth - 1);
    emit(s, " ? ");
    gen_expr(s, depth - 1);
    emit(s, " : ");
    gen_expr(s, depth - 1);
    emit(s, ")");
    return;
  default: {
    static const char *ops[] = {" + ", " - ", " * ", " / ", " % ", " < ", " == ", " & ", " ^ "};
    emit(s, "(");
    gen_expr(s, depth - 1);
    emit(s, ops[rng() % 9]);
    gen_expr(s, depth - 1);
    emit(s, ")");
    return;
  }
  }
}

/* A program: "let x = expr; ... return expr;" */
static void gen_program(Source *s) {
  s->len = 0;
  int lets = 2 + (int)(rng() % 6);
  for (int i = 0; i < lets; ++i) {
    char buf[16];
    snprintf(buf, sizeof buf, "let %c = ", (char)('a' + rng() % NUM_VARS));
    emit(s, buf);
    gen_expr(s, 4);
    emit(s, ";\n");
  }
  emit(s, "return ");
  gen_expr(s, 5);
  emit(s, ";\n");
}

/* ---- Tokenizer --------------------------------------------------------------- */
typedef enum { T_NUM, T_VAR, T_LET, T_RETURN, T_OP, T_END } TokKind;
typedef struct {
  TokKind kind;
  int value; /* number, variable index, or operator character ('=' for ==) */
} Token;

static int tokenize(const char *src, Token *toks) {
  int n = 0;
  const char *p = src;
  while (*p && n < MAX_TOKENS - 1) {
    if (*p == ' ' || *p == '\n') { ++p; continue; }
    if (*p >= '0' && *p <= '9') {
      int v = 0;
      while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
      toks[n++] = (Token){T_NUM, v};
    } else if (strncmp(p, "let ", 4) == 0) {
      toks[n++] = (Token){T_LET, 0};
      p += 4;
    } else if (strncmp(p, "return ", 7) == 0) {
      toks[n++] = (Token){T_RETURN, 0};
      p += 7;
    } else if (*p >= 'a' && *p < 'a' + NUM_VARS) {
      toks[n++] = (Token){T_VAR, *p++ - 'a'};
    } else if (p[0] == '=' && p[1] == '=') {
      toks[n++] = (Token){T_OP, '='};
      p += 2;
    } else {
      toks[n++] = (Token){T_OP, *p++};
    }
  }
  toks[n++] = (Token){T_END, 0};
  return n;
}

/* ---- Parser: precedence climbing into a node pool ------------------------------ */
typedef enum { N_NUM, N_VAR, N_NEG, N_BIN, N_COND } NodeKind;
typedef struct Node {
  NodeKind kind;
  int value; /* number, variable or operator */
  struct Node *a, *b, *c;
} Node;

typedef struct {
  const Token *toks;
  int pos;
  Node pool[MAX_NODES];
  int used;
} Parser;

static Node *new_node(Parser *ps, NodeKind kind, int value) {
  if (ps->used == MAX_NODES) { fprintf(stderr, "node pool exhausted\n"); exit(1); }
  Node *n = &ps->pool[ps->used++];
  n->kind = kind;
  n->value = value;
  n->a = n->b = n->c = 0;
  return n;
}

static int precedence(int op) {
  switch (op) {
  case '=': return 1;
  case '<': return 2;
  case '&': case '^': return 3;
  case '+': case '-': return 4;
  case '*': case '/': case '%': return 5;
  default: return 0;
  }
}

static Node *parse_expr(Parser *ps, int min_prec);

static Node *parse_primary(Parser *ps) {
  Token t = ps->toks[ps->pos++];
  if (t.kind == T_NUM) return new_node(ps, N_NUM, t.value);
  if (t.kind == T_VAR) return new_node(ps, N_VAR, t.value);
  if (t.kind == T_OP && t.value == '-') {
    Node *n = new_node(ps, N_NEG, 0);
    n->a = parse_primary(ps);
    return n;
  }
  if (t.kind == T_OP && t.value == '(') {
    Node *e = parse_expr(ps, 1);
    if (ps->toks[ps->pos].kind == T_OP && ps->toks[ps->pos].value == '?') {
      ++ps->pos;
      Node *n = new_node(ps, N_COND, 0);
      n->a = e;
      n->b = parse_expr(ps, 1);
      ++ps->pos; /* ':' */
      n->c = parse_expr(ps, 1);
      e = n;
    }
    ++ps->pos; /* ')' */
    return e;
  }
  fprintf(stderr, "parse error at token %d\n", ps->pos - 1);
  exit(1);
}

static Node *parse_expr(Parser *ps, int min_prec) {
  Node *lhs = parse_primary(ps);
  for (;;) {
    Token t = ps->toks[ps->pos];
    int prec = t.kind == T_OP ? precedence(t.value) : 0;
    if (prec < min_prec || prec == 0) return lhs;
    ++ps->pos;
    Node *n = new_node(ps, N_BIN, t.value);
    n->a = lhs;
    n->b = parse_expr(ps, prec + 1);
    lhs = n;
  }
}

/* ---- Semantics shared by the AST walker and the VM (wrapping 32-bit ints) ------ */
static int32_t apply(int op, int32_t x, int32_t y) {
  uint32_t ux = (uint32_t)x, uy = (uint32_t)y;
  switch (op) {
  case '+': return (int32_t)(ux + uy);
  case '-': return (int32_t)(ux - uy);
  case '*': return (int32_t)(ux * uy);
  case '/': return y == 0 || (x == INT32_MIN && y == -1) ? 0 : x / y;
  case '%': return y == 0 || (x == INT32_MIN && y == -1) ? 0 : x % y;
  case '<': return x < y;
  case '=': return x == y;
  case '&': return x & y;
  case '^': return x ^ y;
  default: return 0;
  }
}

static int32_t eval(const Node *n, const int32_t *vars) {
  switch (n->kind) {
  case N_NUM: return n->value;
  case N_VAR: return vars[n->value];
  case N_NEG: return (int32_t)(0u - (uint32_t)eval(n->a, vars));
  case N_BIN: return apply(n->value, eval(n->a, vars), eval(n->b, vars));
  case N_COND: return eval(n->a, vars) ? eval(n->b, vars) : eval(n->c, vars);
  }
  return 0;
}

/* ---- Bytecode compiler and VM ----------------------------------------------- */
enum { OP_PUSH, OP_LOAD, OP_STORE, OP_NEG, OP_BIN, OP_JZ, OP_JMP, OP_RET };
typedef struct {
  uint8_t op;
  uint8_t arg8;
  int32_t arg;
} Insn;
typedef struct {
  Insn code[MAX_CODE];
  int len;
} Chunk;

static int put(Chunk *c, uint8_t op, uint8_t arg8, int32_t arg) {
  if (c->len == MAX_CODE) { fprintf(stderr, "code too long\n"); exit(1); }
  c->code[c->len] = (Insn){op, arg8, arg};
  return c->len++;
}

static void compile(Chunk *c, const Node *n) {
  switch (n->kind) {
  case N_NUM: put(c, OP_PUSH, 0, n->value); break;
  case N_VAR: put(c, OP_LOAD, (uint8_t)n->value, 0); break;
  case N_NEG: compile(c, n->a); put(c, OP_NEG, 0, 0); break;
  case N_BIN:
    compile(c, n->a);
    compile(c, n->b);
    put(c, OP_BIN, (uint8_t)n->value, 0);
    break;
  case N_COND: {
    compile(c, n->a);
    int jz = put(c, OP_JZ, 0, 0);
    compile(c, n->b);
    int jmp = put(c, OP_JMP, 0, 0);
    c->code[jz].arg = c->len;
    compile(c, n->c);
    c->code[jmp].arg = c->len;
    break;
  }
  }
}

static int32_t run(const Chunk *c, int32_t *vars) {
  int32_t stack[256];
  int sp = 0;
  for (int pc = 0;;) {
    const Insn *i = &c->code[pc++];
    switch (i->op) {
    case OP_PUSH: stack[sp++] = i->arg; break;
    case OP_LOAD: stack[sp++] = vars[i->arg8]; break;
    case OP_STORE: vars[i->arg8] = stack[--sp]; break;
    case OP_NEG: stack[sp - 1] = (int32_t)(0u - (uint32_t)stack[sp - 1]); break;
    case OP_BIN: --sp; stack[sp - 1] = apply(i->arg8, stack[sp - 1], stack[sp]); break;
    case OP_JZ: if (stack[--sp] == 0) pc = i->arg; break;
    case OP_JMP: pc = i->arg; break;
    case OP_RET: return stack[--sp];
    }
  }
}

/* ---- Driver ------------------------------------------------------------------ */
static Source source;
static Token tokens[MAX_TOKENS];
static Parser parser;
static Chunk chunk;

int main(int argc, char **argv) {
  int programs = argc > 1 ? atoi(argv[1]) : 400;
  uint64_t checksum = 0;
  int mismatches = 0;
  for (int p = 0; p < programs; ++p) {
    gen_program(&source);
    tokenize(source.text, tokens);
    parser.toks = tokens;
    parser.pos = 0;
    parser.used = 0;
    chunk.len = 0;
    int32_t ast_vars[NUM_VARS], vm_vars[NUM_VARS];
    for (int v = 0; v < NUM_VARS; ++v) ast_vars[v] = vm_vars[v] = (int32_t)(p * 7 + v);
    int32_t expected = 0;
    /* Statements: let VAR = EXPR ; ... return EXPR ; */
    while (parser.toks[parser.pos].kind != T_END) {
      Token t = parser.toks[parser.pos++];
      if (t.kind == T_LET) {
        int var = parser.toks[parser.pos].value;
        parser.pos += 2; /* VAR '=' */
        Node *e = parse_expr(&parser, 1);
        ast_vars[var] = eval(e, ast_vars);
        compile(&chunk, e);
        put(&chunk, OP_STORE, (uint8_t)var, 0);
      } else if (t.kind == T_RETURN) {
        Node *e = parse_expr(&parser, 1);
        expected = eval(e, ast_vars);
        compile(&chunk, e);
        put(&chunk, OP_RET, 0, 0);
      }
      ++parser.pos; /* ';' */
    }
    /* Run the bytecode many times with different inputs, as an interpreter would. */
    int32_t got = run(&chunk, vm_vars);
    if (got != expected) ++mismatches;
    for (int rep = 0; rep < 50; ++rep) {
      for (int v = 0; v < NUM_VARS; ++v) vm_vars[v] = (int32_t)(rep * 13 + v * p);
      checksum = checksum * 1000003u + (uint32_t)run(&chunk, vm_vars);
    }
    checksum ^= (uint64_t)(uint32_t)got << 7;
  }
  printf("expr_vm: %d programs, %d mismatches, checksum %016llx\n", programs, mismatches,
         (unsigned long long)checksum);
  return mismatches != 0;
}

"""Writes a rule file with N rules (default 3000) over the prelude of
Inputs/prelude.rules: distinct iconst-folding rules, one per immediate and
type, so every pair must be compared by the overlap check."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
for i in range(n):
    ty = "i32" if i % 2 == 0 else "i64"
    print(f"(rule fold_{i} 1 (iadd.{ty} x (iconst {i // 2})) (add_rr x x))")
print("(rule add_any (iadd x y) (add_rr x y))")

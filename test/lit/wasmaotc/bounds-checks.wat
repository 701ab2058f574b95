;; Protects the sandboxing modes: by default (guard regions) an access of a
;; 32-bit memory whose offset fits the guard has no explicit check, a bigger
;; offset keeps its check, and the descriptor records mode 1 with the guard
;; size; --bounds-checks=explicit (or --guard=0) checks every access against the
;; length in vmctx and records mode 0 with no guard; bad sizes are refused.
;; REQUIRES: x86-backend
;; RUN: %wat2wasm %s -o %t.wasm
;; RUN: %wasmaotc --emit=asm %t.wasm | %FileCheck %s --check-prefix=GUARD
;; RUN: %wasmaotc --emit=asm --bounds-checks=explicit %t.wasm | %FileCheck %s --check-prefix=EXPLICIT
;; RUN: %wasmaotc --emit=asm --guard=0 %t.wasm | %FileCheck %s --check-prefix=EXPLICIT
;; RUN: %wasmaotc -c %t.wasm -o %t.guard.o && llvm-readelf-14 -x .wasmaot.module %t.guard.o | %FileCheck %s --check-prefix=DESC-GUARD
;; RUN: %wasmaotc -c --guard=64K %t.wasm -o %t.small.o && llvm-readelf-14 -x .wasmaot.module %t.small.o | %FileCheck %s --check-prefix=DESC-SMALL
;; RUN: %wasmaotc -c --bounds-checks=explicit %t.wasm -o %t.explicit.o && llvm-readelf-14 -x .wasmaot.module %t.explicit.o | %FileCheck %s --check-prefix=DESC-EXPLICIT
;; RUN: %not %wasmaotc -c --guard=1000 %t.wasm -o %t.bad.o 2>&1 | %FileCheck %s --check-prefix=BAD
;; RUN: %not %wasmaotc -c --bounds-checks=sometimes %t.wasm -o %t.bad.o 2>&1 | %FileCheck %s --check-prefix=BADMODE

(module
  (memory 1)
  (func (export "small") (param i32) (result i32)
    (i32.load offset=16 (local.get 0)))
  (func (export "huge") (param i32) (result i32)
    (i32.load offset=3000000000 (local.get 0))))

;; GUARD-LABEL: small:
;; GUARD-NOT: cmp {{.*}}qword ptr [rdi + 72]
;; GUARD: mov eax, dword ptr [{{.*}} + 16]
;; GUARD-LABEL: huge:
;; GUARD: cmp {{.*}}, qword ptr [rdi + 72]
;; GUARD: ja

;; EXPLICIT-LABEL: small:
;; EXPLICIT: lea [[END:[a-z0-9]+]], [{{[a-z0-9]+}} + 20]
;; EXPLICIT-NEXT: cmp [[END]], qword ptr [rdi + 72]
;; EXPLICIT-NEXT: ja
;; EXPLICIT-LABEL: huge:
;; EXPLICIT: cmp {{.*}}, qword ptr [rdi + 72]

;; The descriptor: sandboxing (u32 at 16) and guard size (u64 at 24), little-endian.
;; DESC-GUARD: 0x00000010 01000000 00000000 00000080 00000000
;; DESC-SMALL: 0x00000010 01000000 00000000 00000100 00000000
;; DESC-EXPLICIT: 0x00000010 00000000 00000000 00000000 00000000

;; BAD: error: invalid guard size 1000
;; BADMODE: error: unknown --bounds-checks mode 'sometimes'

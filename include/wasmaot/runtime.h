/* runtime.h: the C API of libwasmaot-rt — load modules compiled by wasmaotc,
 * define host functions, instantiate, call exports with typed values, read
 * traps, and read/write linear memory (docs/runtime.md).
 *
 * Errors are values: functions that can fail fill a wasmaot_result and return
 * NULL or a status other than WASMAOT_OK; nothing is printed. Objects are
 * released with their *_delete function; an instance keeps its module and the
 * instances it imports from alive, so they may be deleted in any order.
 * A runtime and everything made from it are used by one thread at a time. */
#ifndef WASMAOT_RUNTIME_H
#define WASMAOT_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wasmaot_runtime wasmaot_runtime;
typedef struct wasmaot_module wasmaot_module;
typedef struct wasmaot_instance wasmaot_instance;
typedef struct wasmaot_imports wasmaot_imports;

/** Outcome of an operation. */
typedef enum wasmaot_status {
  WASMAOT_OK = 0,
  WASMAOT_ERROR_LOAD,        /**< malformed object, or another ABI/machine/sandboxing mode */
  WASMAOT_ERROR_LINK,        /**< missing or mismatched import */
  WASMAOT_TRAP,              /**< a wasm trap (trap_code says which) */
  WASMAOT_EXIT,              /**< a host function exited (WASI proc_exit; exit_code) */
  WASMAOT_ERROR_RESOURCE,    /**< address space or memory exhausted */
  WASMAOT_ERROR_UNSUPPORTED, /**< valid input the runtime cannot handle yet */
  WASMAOT_ERROR_ARGUMENT     /**< unknown export, wrong arity or argument types */
} wasmaot_status;

typedef struct wasmaot_result {
  wasmaot_status status;
  uint32_t trap_code; /**< WASMAOT_TRAP: the trap code (the compiler's ir::TrapCode numbering) */
  int32_t exit_code;  /**< WASMAOT_EXIT */
  char message[256];  /**< NUL-terminated, empty on success */
} wasmaot_result;

typedef enum wasmaot_valkind {
  WASMAOT_I32,
  WASMAOT_I64,
  WASMAOT_F32,
  WASMAOT_F64,
  WASMAOT_V128,
  WASMAOT_FUNCREF,   /**< a function reference (opaque; 0 is null) */
  WASMAOT_EXTERNREF, /**< a host value chosen by the embedder; 0 is null */
  WASMAOT_ANYREF
} wasmaot_valkind;

typedef struct wasmaot_val {
  wasmaot_valkind kind;
  union {
    uint32_t i32;
    uint64_t i64;
    float f32;
    double f64;
    uint8_t v128[16];
    uint64_t ref;
  } of;
} wasmaot_val;

/** Host function: called as R fn(ctx, params...) with ctx a runtime-owned
 * context (see lib/runtime/HostCall.h: its first field is the caller's
 * memory 0, then the user data given here). i32 is uint32_t, i64 uint64_t,
 * f32 float, f64 double. With several results the second argument points at
 * a return area (8 bytes per result). */
typedef void (*wasmaot_host_fn)(void);

wasmaot_runtime *wasmaot_runtime_new(void);
void wasmaot_runtime_delete(wasmaot_runtime *rt);

/** Loads an object written by `wasmaotc -c` (the bytes are copied). */
wasmaot_module *wasmaot_module_load(wasmaot_runtime *rt, const uint8_t *object, size_t size,
                                    wasmaot_result *result);
/** Uses a module linked into this executable: `descriptor` is &wasmaot_module_<prefix>. */
wasmaot_module *wasmaot_module_from_linked(wasmaot_runtime *rt, const void *descriptor,
                                           wasmaot_result *result);
void wasmaot_module_delete(wasmaot_module *module);

/** A set of named imports. */
wasmaot_imports *wasmaot_imports_new(wasmaot_runtime *rt);
void wasmaot_imports_delete(wasmaot_imports *imports);
/** Defines (module, name) as a host function of the given type. */
wasmaot_status wasmaot_imports_define_func(wasmaot_imports *imports, const char *module, const char *name,
                                           const wasmaot_valkind *params, size_t num_params,
                                           const wasmaot_valkind *results, size_t num_results,
                                           wasmaot_host_fn fn, void *user_data);
/** Makes every export of `instance` importable under module name `module`. */
wasmaot_status wasmaot_imports_define_instance(wasmaot_imports *imports, const char *module,
                                               const wasmaot_instance *instance);

/** Links and instantiates (runs segments and the start function). */
wasmaot_instance *wasmaot_instantiate(wasmaot_module *module, const wasmaot_imports *imports,
                                      wasmaot_result *result);
void wasmaot_instance_delete(wasmaot_instance *instance);

/** Calls export `name`. `results` must have room for the function's results. */
wasmaot_status wasmaot_instance_call(wasmaot_instance *instance, const char *name, const wasmaot_val *args,
                                     size_t num_args, wasmaot_val *results, size_t num_results,
                                     wasmaot_result *result);
/** Reads exported global `name`. */
wasmaot_status wasmaot_instance_global_get(wasmaot_instance *instance, const char *name, wasmaot_val *value);
/** Exported memory `name` (NULL: the first memory of the instance): its bytes and size, or NULL. */
uint8_t *wasmaot_instance_memory(wasmaot_instance *instance, const char *name, uint64_t *size);

/** The spec's message for a trap code ("out of bounds memory access"). */
const char *wasmaot_trap_message(uint32_t trap_code);

#ifdef __cplusplus
}
#endif

#endif /* WASMAOT_RUNTIME_H */

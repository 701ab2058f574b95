// EmitHeader: the embedding header (see EmitHeader.h). Every helper goes
// through wasmaot_instance_call rather than calling the code directly: a call
// into wasm needs the runtime's entry (an activation for traps, the stack
// limit in vmctx), and without one a trap would be an unhandled signal.
#include "EmitHeader.h"

#include "runtime/Value.h"
#include "runtime/exe/WasiCommand.h"

#include <cstdio>
#include <cctype>
#include <set>

namespace wasmaotc {

namespace {

using wasmaot::runtime::ValKind;

/// How a value kind appears in C: its type, wasmaot_valkind and wasmaot_val field.
struct CKind {
  const char *type, *kind, *field;
};

bool cKindOf(ValKind k, CKind &out) {
  switch (k) {
  case ValKind::I32: out = {"uint32_t", "WASMAOT_I32", "i32"}; return true;
  case ValKind::I64: out = {"uint64_t", "WASMAOT_I64", "i64"}; return true;
  case ValKind::F32: out = {"float", "WASMAOT_F32", "f32"}; return true;
  case ValKind::F64: out = {"double", "WASMAOT_F64", "f64"}; return true;
  case ValKind::FuncRef: out = {"uint64_t", "WASMAOT_FUNCREF", "ref"}; return true;
  case ValKind::ExternRef: out = {"uint64_t", "WASMAOT_EXTERNREF", "ref"}; return true;
  case ValKind::V128:
  case ValKind::AnyRef: return false;
  }
  return false;
}

/// A C identifier `prefix_name`, unique among `used`.
std::string identifier(const std::string &prefix, const std::string &name, std::set<std::string> &used) {
  std::string id = prefix + "_";
  for (unsigned char c : name) id += (std::isalnum(c) || c == '_') ? char(c) : '_';
  std::string unique = id;
  for (int n = 2; used.count(unique); ++n) unique = id + "_" + std::to_string(n);
  used.insert(unique);
  return unique;
}

/// Text safe inside a /* */ comment.
std::string commentSafe(std::string text) {
  for (size_t at; (at = text.find("*/")) != std::string::npos;) text.replace(at, 2, "* /");
  return text;
}

void emitFunction(std::string &h, const wasmaot::wasm::Export &e, const wasmaot::wasm::FuncType &type,
                  const std::string &id) {
  const std::string typeText = wasmaot::exe::funcTypeText(type);
  const std::string quoted = cStringLiteral(e.name);
  std::vector<CKind> params, results;
  for (const auto *list : {&type.params, &type.results}) {
    for (const wasmaot::wasm::ValType &t : *list) {
      CKind k;
      if (!cKindOf(wasmaot::runtime::kindOf(t), k)) {
        h += "/* export " + commentSafe(quoted) + ": " + typeText +
             ": not declared here (its v128 or GC reference values have no C type in this header);\n"
             "   call it with wasmaot_instance_call. */\n\n";
        return;
      }
      (list == &type.params ? params : results).push_back(k);
    }
  }
  const bool single = results.size() == 1;
  h += "/** export " + commentSafe(quoted) + ": " + typeText;
  if (results.size() > 1) h += "; results through r0..r" + std::to_string(results.size() - 1);
  h += ".\n * On a trap or error";
  h += single ? " it returns 0 and" : "";
  h += " `result` (may be NULL) says what happened. */\n";
  h += "static inline " + std::string(single ? results[0].type : "void") + " " + id +
       "(wasmaot_instance *instance";
  for (size_t i = 0; i < params.size(); ++i) h += ", " + std::string(params[i].type) + " p" + std::to_string(i);
  if (results.size() > 1)
    for (size_t i = 0; i < results.size(); ++i) h += ", " + std::string(results[i].type) + " *r" + std::to_string(i);
  h += ", wasmaot_result *result) {\n";
  if (!params.empty()) h += "  wasmaot_val args[" + std::to_string(params.size()) + "];\n";
  if (!results.empty()) h += "  wasmaot_val res[" + std::to_string(results.size()) + "];\n";
  for (size_t i = 0; i < params.size(); ++i) {
    const std::string n = std::to_string(i);
    h += "  args[" + n + "].kind = " + params[i].kind + ";\n";
    h += "  args[" + n + "].of." + params[i].field + " = p" + n + ";\n";
  }
  const std::string call = "wasmaot_instance_call(instance, " + quoted + ", " + (params.empty() ? "NULL" : "args") +
                           ", " + std::to_string(params.size()) + ", " + (results.empty() ? "NULL" : "res") + ", " +
                           std::to_string(results.size()) + ", result)";
  if (results.empty()) {
    h += "  (void)" + call + ";\n";
  } else if (single) {
    h += "  if (" + call + " != WASMAOT_OK) return 0;\n";
    h += "  return res[0].of." + std::string(results[0].field) + ";\n";
  } else {
    h += "  if (" + call + " != WASMAOT_OK) return;\n";
    for (size_t i = 0; i < results.size(); ++i)
      h += "  *r" + std::to_string(i) + " = res[" + std::to_string(i) + "].of." + results[i].field + ";\n";
  }
  h += "}\n\n";
}

} // namespace

std::string cStringLiteral(const std::string &text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') {
      out += char(c);
    } else {
      char esc[5];
      std::snprintf(esc, sizeof esc, "\\%03o", c);
      out += esc;
    }
  }
  return out + "\"";
}

std::string headerFor(const wasmaot::wasm::Module &m, const std::string &prefix, const std::string &input,
                      const std::string &object) {
  std::string guard = "WASMAOT_MODULE_";
  for (char c : prefix) guard += char(std::toupper(static_cast<unsigned char>(c)));
  guard += "_H";
  const std::string descriptor = "wasmaot_module_" + prefix;
  std::set<std::string> used = {prefix + "_instantiate"};

  std::string h;
  h += "/* Generated by wasmaotc from " + commentSafe(input) + " for " + commentSafe(object) +
       "; do not edit.\n"
       " * The module's exports as C functions, called through libwasmaot-rt's C API\n"
       " * (wasmaot/runtime.h; docs/embedding.md). Link the object with libwasmaot-rt.a\n"
       " * and -lstdc++ -lm -lpthread:\n"
       " *\n"
       " *   wasmaot_result r;\n"
       " *   wasmaot_runtime *rt = wasmaot_runtime_new();\n"
       " *   wasmaot_instance *inst = " + prefix + "_instantiate(rt, NULL, &r);  (NULL: no imports)\n"
       " *   ... " + prefix + "_EXPORT(inst, args..., &r) ...; r.status == WASMAOT_OK unless it trapped\n"
       " *   wasmaot_instance_delete(inst);\n"
       " *   wasmaot_runtime_delete(rt);\n"
       " *\n"
       " * i32 and i64 are passed as uint32_t/uint64_t (cast signed values), references as\n"
       " * the runtime's opaque words. An instance is used by one thread at a time. */\n";
  h += "#ifndef " + guard + "\n#define " + guard + "\n\n#include <stddef.h>\n#include <stdint.h>\n"
       "#include <wasmaot/runtime.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";

  if (m.imports.empty()) {
    h += "/* The module has no imports. */\n\n";
  } else {
    h += "/* Imports to define in the wasmaot_imports given to " + prefix + "_instantiate:\n";
    for (const wasmaot::wasm::Import &imp : m.imports) {
      h += " *   " + commentSafe(cStringLiteral(imp.module)) + " " + commentSafe(cStringLiteral(imp.name));
      if (imp.kind == wasmaot::wasm::ExternKind::Func)
        h += ": function " + wasmaot::exe::funcTypeText(m.functionType(imp.index));
      else
        h += imp.kind == wasmaot::wasm::ExternKind::Memory ? ": memory"
             : imp.kind == wasmaot::wasm::ExternKind::Table ? ": table"
             : imp.kind == wasmaot::wasm::ExternKind::Global ? ": global"
                                                             : ": tag";
      h += "\n";
    }
    h += " */\n\n";
  }

  h += "/** The module's descriptor in " + commentSafe(object) + " (wasmaot_module_from_linked). */\n";
  h += "extern unsigned char " + descriptor + "[];\n\n";
  h += "/** Loads the linked module and instantiates it with `imports` (NULL if it imports\n"
       " * nothing). NULL on failure, with `result` (may be NULL) saying why. */\n";
  h += "static inline wasmaot_instance *" + prefix +
       "_instantiate(wasmaot_runtime *rt, const wasmaot_imports *imports, wasmaot_result *result) {\n"
       "  wasmaot_module *module = wasmaot_module_from_linked(rt, " + descriptor + ", result);\n"
       "  wasmaot_instance *instance;\n"
       "  if (!module) return NULL;\n"
       "  instance = wasmaot_instantiate(module, imports, result);\n"
       "  wasmaot_module_delete(module); /* the instance keeps it alive */\n"
       "  return instance;\n"
       "}\n\n";

  for (const wasmaot::wasm::Export &e : m.exports) {
    const std::string quoted = cStringLiteral(e.name);
    switch (e.kind) {
    case wasmaot::wasm::ExternKind::Func:
      emitFunction(h, e, m.functionType(e.index), identifier(prefix, e.name, used));
      break;
    case wasmaot::wasm::ExternKind::Memory:
      h += "/** exported memory " + commentSafe(quoted) +
           ": its bytes now and their number in *size (may be NULL).\n"
           " * Growing the memory may change the size (and, for memory64, move the bytes). */\n";
      h += "static inline uint8_t *" + identifier(prefix, e.name, used) +
           "(wasmaot_instance *instance, uint64_t *size) {\n"
           "  return wasmaot_instance_memory(instance, " + quoted + ", size);\n}\n\n";
      break;
    case wasmaot::wasm::ExternKind::Global: {
      CKind k;
      const wasmaot::wasm::ValType &t = m.globals[e.index].type.type;
      if (!cKindOf(wasmaot::runtime::kindOf(t), k)) {
        h += "/* exported global " + commentSafe(quoted) + ": no C type here; use wasmaot_instance_global_get. */\n\n";
        break;
      }
      h += "/** exported global " + commentSafe(quoted) + ": its current value (0 if unreadable). */\n";
      h += "static inline " + std::string(k.type) + " " + identifier(prefix, e.name, used) +
           "(wasmaot_instance *instance) {\n"
           "  wasmaot_val v;\n"
           "  if (wasmaot_instance_global_get(instance, " + quoted + ", &v) != WASMAOT_OK) return 0;\n"
           "  return v.of." + k.field + ";\n}\n\n";
      break;
    }
    case wasmaot::wasm::ExternKind::Table:
    case wasmaot::wasm::ExternKind::Tag:
      h += "/* exported " + std::string(e.kind == wasmaot::wasm::ExternKind::Table ? "table " : "tag ") +
           commentSafe(quoted) + ": not accessible through the C API yet. */\n\n";
      break;
    }
  }
  h += "#ifdef __cplusplus\n} /* extern \"C\" */\n#endif\n\n#endif /* " + guard + " */\n";
  return h;
}

} // namespace wasmaotc

// Features: which WebAssembly proposals the decoder and validator accept.
//
// Wasm 3.0 changed the meaning of some 2.0 modules (e.g. `(memory 0) (memory 0)`
// became valid with multi-memory), so the feature set is an input of decoding,
// not a global switch.
#pragma once

#include <string>
#include <string_view>

namespace wasmaot {

struct Features {
  // Wasm 2.0
  bool signExtension = true;
  bool saturatingConversions = true;
  bool multiValue = true;
  bool bulkMemory = true;
  bool referenceTypes = true;
  bool simd = true;
  // Wasm 3.0
  bool relaxedSimd = true;
  bool tailCall = true;
  bool extendedConst = true;
  bool multiMemory = true;
  bool memory64 = true;
  bool exceptions = true;
  bool functionReferences = true;
  bool gc = true;

  /// Wasm 2.0: MVP + sign-ext, sat-conv, multi-value, bulk memory, reference types, SIMD.
  static Features wasm2();
  /// Wasm 3.0: everything above plus the 3.0 proposals (the default).
  static Features wasm3();

  /// Applies a comma-separated spec such as "wasm2,+tail-call,-simd".
  /// Returns false and sets `error` on an unknown name.
  bool apply(std::string_view spec, std::string &error);

  /// The names `apply` understands, for --help.
  static const char *proposalNames();
};

} // namespace wasmaot

// Execution: the state of one script's execution commands — a Runtime, the
// `spectest` module and registered instances (the linker), named instances
// and module definitions, the current instance — and the commands that use
// it: module, module_definition/module_instance, register, invoke/get,
// assert_return, assert_trap, assert_exhaustion, assert_unlinkable,
// assert_uninstantiable.
#pragma once

#include "runtime/Runtime.h"
#include "support/Json.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wasmaot::spectest {

/// What a command did: pass, or fail with a message.
struct Outcome {
  bool ok = true;
  std::string message;
  static Outcome pass() { return {}; }
  static Outcome fail(std::string m) { return {false, std::move(m)}; }
};

class Execution {
public:
  Execution();

  /// `module`: instantiate `object` (a compiled binary module) and make it current
  /// (and `name`d when given).
  Outcome module(const std::vector<uint8_t> &object, const std::string *name);
  /// `module_definition`: load only, under `name` (or as the last definition).
  Outcome defineModule(const std::vector<uint8_t> &object, const std::string *name);
  /// `module_instance`: instantiate definition `module` (or the last) as `instance`.
  Outcome instantiateDefinition(const std::string *module, const std::string *instance);
  Outcome registerAs(const std::string *name, const std::string &as);

  /// `action` / `assert_return` / `assert_trap` / `assert_exhaustion`.
  Outcome action(const json::Value &action);
  Outcome assertReturn(const json::Value &action, const json::Value *expected);
  Outcome assertTrap(const json::Value &action, const std::string &text, bool exhaustion);
  Outcome assertUnlinkable(const std::vector<uint8_t> &object, const std::string &text);
  Outcome assertUninstantiable(const std::vector<uint8_t> &object, const std::string &text);

private:
  struct ActionResult {
    bool ran = false;  ///< false: the action could not be performed (message says why)
    std::string message;
    runtime::CallOutcome outcome;
    std::vector<runtime::Value> values;
  };
  ActionResult perform(const json::Value &action);
  std::shared_ptr<runtime::Instance> instanceFor(const json::Value &action, std::string &error);
  runtime::Result<std::shared_ptr<runtime::Instance>> instantiate(const std::vector<uint8_t> &object);

  std::unique_ptr<runtime::Runtime> rt_;
  runtime::Linker linker_;
  std::shared_ptr<runtime::Instance> current_;
  std::map<std::string, std::shared_ptr<runtime::Instance>> named_;
  std::map<std::string, std::shared_ptr<runtime::Module>> definitions_;
  std::shared_ptr<runtime::Module> lastDefinition_;
  /// Every instance of the script: references to their functions may sit in
  /// tables and globals of other instances until the script ends.
  std::vector<std::shared_ptr<runtime::Instance>> all_;
};

/// Whether our trap `code` is the trap the script's message `text` names.
bool trapMatches(ir::TrapCode code, const std::string &text);

} // namespace wasmaot::spectest

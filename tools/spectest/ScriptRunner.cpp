// ScriptRunner: runs one testsuite script. Validation commands (assert_invalid,
// assert_malformed) decode and validate; every module of the script is compiled to an
// object in memory first, and unless one of them uses a feature the compiler cannot
// compile yet (then every execution command of the file is skipped with that reason),
// the execution commands run against the loaded code (Execution).
#include "ScriptRunner.h"

#include "Execution.h"
#include "GroupPolicy.h"
#include "ModuleCompile.h"
#include "support/Json.h"
#include "wasm/Decoder.h"

#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <string_view>

namespace wasmaot::spectest {

namespace fs = std::filesystem;

namespace {

const char *const kExceptionSkip = "not compiled yet: exceptions (assert_exception)";
const char *const kValidateOnlySkip = "validate-only";
const char *const kTextSkip = "text format";
const char *const kCustomSkip = "custom section semantics";

// Commands that need instantiation or execution.
constexpr std::string_view kExecutionCommands[] = {
    "register",           "action",
    "assert_return",      "assert_trap",
    "assert_exhaustion",  "assert_exception",
    "assert_unlinkable",  "assert_uninstantiable",
    "module_instance",    "assert_unlinkable_instance",
    "assert_uninstantiable_instance",
};

// The modules execution commands compile: `module`, `module_definition` and the
// modules of assert_unlinkable / assert_uninstantiable.
bool compilesModule(std::string_view type) {
  return type == "module" || type == "module_definition" || type == "assert_unlinkable" ||
         type == "assert_uninstantiable";
}

struct Compiled {
  bool ok = false;
  std::vector<uint8_t> object;
  Diagnostic diag;
  std::string ioError;
};

bool readFile(const fs::path &path, std::string &out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return false;
  out = std::move(buffer).str();
  return true;
}

std::string inQuotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

struct DecodeOutcome {
  bool readOk = false;
  bool decoded = false;
  Diagnostic diag;
  std::string ioError;
};

class Script {
public:
  Script(const fs::path &path, const RunOptions &options) : path_(path), options_(options) {
    result_.group = path.parent_path().filename().string();
    result_.name = result_.group.empty() ? path.filename().string()
                                         : result_.group + "/" + path.filename().string();
    wastName_ = path.stem().string() + ".wast";
  }

  ScriptResult run() {
    std::string text;
    if (!readFile(path_, text)) {
      result_.fail(result_.name, "script", "cannot read the script");
      return std::move(result_);
    }
    json::Value root;
    json::Error error;
    if (!json::parse(text, root, error)) {
      result_.fail(result_.name + ":" + std::to_string(error.line) + ":" +
                       std::to_string(error.column),
                   "script", "malformed JSON: " + error.message);
      return std::move(result_);
    }
    const json::Value *commands = root.get("commands");
    if (!commands || !commands->isArray()) {
      result_.fail(result_.name, "script", "no \"commands\" array");
      return std::move(result_);
    }
    if (const std::string *source = root.getString("source_filename"))
      wastName_ = fs::path(*source).filename().string();

    const GroupPolicy policy = groupPolicy(result_.group);
    features_ = policy.features;
    if (!options_.featureSpec.empty()) {
      std::string featureError;
      if (!features_.apply(options_.featureSpec, featureError)) {
        result_.fail(result_.name, "script", "--features: " + featureError);
        return std::move(result_);
      }
    }

    if (policy.unsupportedProposal.empty() && !options_.validateOnly) compileAll(*commands);
    for (const json::Value &command : commands->items) {
      if (!policy.unsupportedProposal.empty()) {
        result_.skip("proposal not supported: " + policy.unsupportedProposal);
        continue;
      }
      runCommand(command);
    }
    return std::move(result_);
  }

private:
  const fs::path &path_;
  const RunOptions &options_;
  ScriptResult result_;
  std::string wastName_;
  Features features_;
  /// Objects of the script's binary modules, by file name.
  std::map<std::string, Compiled> compiled_;
  /// Set when a module of the script cannot be compiled yet: why every execution
  /// command of the file is skipped.
  std::string fileSkip_;
  std::unique_ptr<Execution> exec_;

  // Compiles every module that execution commands use; the first one the compiler
  // does not support yet decides the file's skip reason.
  void compileAll(const json::Value &commands) {
    for (const json::Value &command : commands.items) {
      const std::string *type = command.getString("type");
      const std::string *file = command.getString("filename");
      if (!type || !file || !compilesModule(*type) || isTextModule(command) || compiled_.count(*file)) continue;
      Compiled &c = compiled_[*file];
      std::string bytes;
      if (!readFile(path_.parent_path() / fs::path(*file), bytes)) {
        c.ioError = "cannot read module file " + inQuotes(*file);
        continue;
      }
      try {
        c.ok = compileToObject(
            std::span<const uint8_t>(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size()), features_,
            options_, c.object, c.diag);
      } catch (const std::exception &e) {
        c.ok = false;
        c.diag = Diagnostic{};
        c.diag.kind = DiagKind::Unsupported;
        c.diag.message = std::string("compiler threw an exception: ") + e.what();
      }
      if (!c.ok && c.diag.kind == DiagKind::Unsupported && fileSkip_.empty()) {
        const std::string family = unsupportedFamily(c.diag);
        if (c.diag.message.rfind("internal error", 0) == 0) {
          // A compiler bug, not a missing feature: the script fails, once.
          result_.fail(result_.name, "script", "compiler error: " + *file + ": " + c.diag.str());
          fileSkip_ = "not run: a module of the script failed to compile";
        } else {
          fileSkip_ = "not compiled yet: " + (family.empty() ? c.diag.message : family);
        }
        if (options_.verbose)
          result_.notes.push_back(result_.name + ": execution skipped: " + *file + ": " + c.diag.str());
      }
    }
    exec_ = std::make_unique<Execution>();
  }

  // The object of an execution command's module, or nullptr after reporting why not.
  const std::vector<uint8_t> *objectFor(const json::Value &command, const std::string &type) {
    const std::string *file = moduleFile(command, type);
    if (!file) return nullptr;
    auto it = compiled_.find(*file);
    if (it == compiled_.end()) {
      result_.fail(location(command), type, "module was not compiled (" + *file + ")");
      return nullptr;
    }
    const Compiled &c = it->second;
    if (!c.ioError.empty()) {
      result_.fail(location(command), type, c.ioError);
      return nullptr;
    }
    if (!c.ok) {
      result_.fail(location(command), type,
                   std::string("compilation failed: ") + diagKindName(c.diag.kind) + ": " + c.diag.str() + " (" +
                       *file + ")");
      return nullptr;
    }
    return &c.object;
  }

  void record(const json::Value &command, const std::string &type, const Outcome &o) {
    if (o.ok) {
      note(command, type, "ok");
      return result_.pass();
    }
    result_.fail(location(command), type, o.message);
  }

  void runExecution(const json::Value &command, const std::string &type) {
    if (options_.validateOnly) return result_.skip(kValidateOnlySkip);
    if (type == "assert_exception") return result_.skip(kExceptionSkip);
    if (!fileSkip_.empty()) return result_.skip(fileSkip_);
    const json::Value *action = command.get("action");
    const std::string *textPtr = command.getString("text");
    const std::string text = textPtr ? *textPtr : "";
    if (type == "register") {
      const std::string *as = command.getString("as");
      if (!as) return result_.fail(location(command), type, "register without \"as\"");
      return record(command, type, exec_->registerAs(command.getString("name"), *as));
    }
    if (type == "module_instance")
      return record(command, type, exec_->instantiateDefinition(command.getString("module"), command.getString("instance")));
    if (type == "assert_unlinkable" || type == "assert_uninstantiable") {
      if (isTextModule(command)) return result_.skip(kTextSkip);
      const std::vector<uint8_t> *object = objectFor(command, type);
      if (!object) return;
      return record(command, type,
                    type == "assert_unlinkable" ? exec_->assertUnlinkable(*object, text)
                                                : exec_->assertUninstantiable(*object, text));
    }
    if (!action) {
      if (type == "assert_unlinkable_instance" || type == "assert_uninstantiable_instance")
        return result_.skip("unknown command type: " + type);
      return result_.fail(location(command), type, "command without an \"action\"");
    }
    if (type == "action") return record(command, type, exec_->action(*action));
    if (type == "assert_return") return record(command, type, exec_->assertReturn(*action, command.get("expected")));
    if (type == "assert_trap") return record(command, type, exec_->assertTrap(*action, text, false));
    if (type == "assert_exhaustion") return record(command, type, exec_->assertTrap(*action, text, true));
    result_.skip("unknown command type: " + type);
  }

  std::string location(const json::Value &command) const {
    std::string where = result_.group.empty() ? wastName_ : result_.group + "/" + wastName_;
    int64_t line = 0;
    if (command.getInt("line", line)) where += ":" + std::to_string(line);
    return where;
  }

  void note(const json::Value &command, std::string_view type, const std::string &message) {
    if (options_.verbose) result_.notes.push_back(location(command) + ": " + std::string(type) + ": " + message);
  }

  // A command's module is text if module_type says so, or (without module_type) if its
  // file is a .wat.
  static bool isTextModule(const json::Value &command) {
    if (const std::string *moduleType = command.getString("module_type")) return *moduleType == "text";
    const std::string *file = command.getString("filename");
    return file && fs::path(*file).extension() == ".wat";
  }

  DecodeOutcome decode(const std::string &fileName) {
    DecodeOutcome outcome;
    std::string bytes;
    const fs::path modulePath = path_.parent_path() / fs::path(fileName);
    if (!readFile(modulePath, bytes)) {
      outcome.ioError = "cannot read module file " + inQuotes(fileName);
      return outcome;
    }
    outcome.readOk = true;
    wasm::DecodeOptions decodeOptions;
    decodeOptions.features = features_;
    try {
      wasm::Module module;
      outcome.decoded = wasm::decodeModule(
          std::span<const uint8_t>(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size()),
          decodeOptions, module, outcome.diag);
    } catch (const std::exception &e) {
      // The library should not throw; report it rather than abort the whole run.
      outcome.decoded = false;
      outcome.diag = Diagnostic{};
      outcome.diag.kind = DiagKind::Unsupported;
      outcome.diag.message = std::string("decoder threw an exception: ") + e.what();
      outcome.ioError = outcome.diag.message;
    }
    return outcome;
  }

  void runCommand(const json::Value &command) {
    const std::string *typePtr = command.getString("type");
    if (!command.isObject() || !typePtr) {
      result_.fail(location(command), "script", "command without a \"type\"");
      return;
    }
    const std::string &type = *typePtr;

    if (type == "module" || type == "module_definition") return runModule(command, type);
    if (type == "assert_invalid") return runRejection(command, type, DiagKind::Invalid);
    if (type == "assert_malformed") return runRejection(command, type, DiagKind::Malformed);
    if (type.size() > 7 && type.ends_with("_custom")) return result_.skip(kCustomSkip);
    for (std::string_view execution : kExecutionCommands) {
      if (type == execution) return runExecution(command, type);
    }
    result_.skip("unknown command type: " + type);
  }

  // Returns the module's file name, or reports the command as failed and returns nullptr.
  const std::string *moduleFile(const json::Value &command, std::string_view type) {
    const std::string *file = command.getString("filename");
    if (!file) result_.fail(location(command), std::string(type), "command without a \"filename\"");
    return file;
  }

  void runModule(const json::Value &command, const std::string &type) {
    if (isTextModule(command)) return result_.skip(kTextSkip);
    const std::string *file = moduleFile(command, type);
    if (!file) return;
    DecodeOutcome outcome = decode(*file);
    if (!outcome.readOk) return result_.fail(location(command), type, outcome.ioError);
    if (outcome.decoded) {
      if (options_.validateOnly) {
        note(command, type, "ok");
        return result_.pass();
      }
      if (!fileSkip_.empty()) return result_.skip(fileSkip_);
      const std::vector<uint8_t> *object = objectFor(command, type);
      if (!object) return;
      const std::string *name = command.getString("name");
      return record(command, type, type == "module" ? exec_->module(*object, name) : exec_->defineModule(*object, name));
    }
    result_.fail(location(command), type,
                 std::string(diagKindName(outcome.diag.kind)) + ": " + outcome.diag.str() + " (" +
                     *file + ")");
  }

  void runRejection(const json::Value &command, const std::string &type, DiagKind expectedKind) {
    if (isTextModule(command)) return result_.skip(kTextSkip);
    const std::string *file = moduleFile(command, type);
    if (!file) return;
    const std::string *expectedText = command.getString("text");
    const std::string expected = expectedText ? inQuotes(*expectedText) : std::string("(no text)");
    DecodeOutcome outcome = decode(*file);
    if (!outcome.readOk) return result_.fail(location(command), type, outcome.ioError);
    if (outcome.decoded) {
      return result_.fail(location(command), type,
                          std::string("module decoded and validated, expected ") +
                              diagKindName(expectedKind) + " " + expected + " (" + *file + ")");
    }
    result_.pass();
    const bool kindMatches = outcome.diag.kind == expectedKind;
    if (!kindMatches) ++result_.kindMismatches;
    note(command, type,
         std::string(kindMatches ? "rejected as " : "kind mismatch: rejected as ") +
             diagKindName(outcome.diag.kind) + ", expected " + diagKindName(expectedKind) + " " +
             expected + "; ours: " + outcome.diag.str());
  }
};

} // namespace

ScriptResult runScript(const fs::path &path, const RunOptions &options) {
  try {
    return Script(path, options).run();
  } catch (const std::exception &e) {
    // Out of memory or a filesystem error: a failure of this script, not of the run.
    ScriptResult result;
    result.group = path.parent_path().filename().string();
    result.name = path.string();
    result.fail(result.name, "script", std::string("internal error: ") + e.what());
    return result;
  }
}

} // namespace wasmaot::spectest

// ScriptRunner: decodes and validates the modules of one testsuite script and checks the
// module / module_definition / assert_invalid / assert_malformed commands against the outcome.
#include "ScriptRunner.h"

#include "GroupPolicy.h"
#include "support/Json.h"
#include "wasm/Decoder.h"

#include <exception>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string_view>

namespace wasmaot::spectest {

namespace fs = std::filesystem;

namespace {

const char *const kExecutionSkip = "execution not implemented yet";
const char *const kValidateOnlySkip = "validate-only";
const char *const kTextSkip = "text format";
const char *const kCustomSkip = "custom section semantics";

// Commands that need instantiation or execution, which this runner does not do yet.
constexpr std::string_view kExecutionCommands[] = {
    "register",           "action",
    "assert_return",      "assert_trap",
    "assert_exhaustion",  "assert_exception",
    "assert_unlinkable",  "assert_uninstantiable",
    "module_instance",    "assert_unlinkable_instance",
    "assert_uninstantiable_instance",
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
      if (type == execution)
        return result_.skip(options_.validateOnly ? kValidateOnlySkip : kExecutionSkip);
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
      note(command, type, "ok");
      return result_.pass();
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

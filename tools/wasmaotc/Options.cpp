// Options: parsing wasmaotc's command line (see Options.h and --help).
#include "Options.h"

#include <charconv>
#include <string_view>

namespace wasmaotc {

namespace {

/// A byte count with an optional K, M or G suffix (powers of 1024).
bool parseSize(std::string_view text, uint64_t &out, std::string &error) {
  uint64_t scale = 1;
  if (!text.empty() && (text.back() == 'K' || text.back() == 'M' || text.back() == 'G')) {
    scale = text.back() == 'K' ? 1024 : text.back() == 'M' ? 1024 * 1024 : 1024 * 1024 * 1024;
    text.remove_suffix(1);
  }
  uint64_t v = 0;
  if (text.empty()) {
    error = "--guard needs a size (e.g. 2G, 64K, or 0 for explicit checks)";
    return false;
  }
  for (char c : text) {
    if (c < '0' || c > '9' || v > (uint64_t(1) << 40)) {
      error = "bad --guard size '" + std::string(text) + "' (a number of bytes, optionally with K, M or G)";
      return false;
    }
    v = v * 10 + uint64_t(c - '0');
  }
  out = v * scale;
  return true;
}

bool parseCount(std::string_view text, const char *what, unsigned max, unsigned &out, std::string &error) {
  unsigned v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v == 0 || v > max) {
    error = std::string(what) + " needs a number from 1 to " + std::to_string(max) + ", not '" +
            std::string(text) + "'";
    return false;
  }
  out = v;
  return true;
}

bool parseEmit(std::string_view kind, OutputKind &out, std::string &error) {
  if (kind == "ir" || kind == "ir-translated") out = OutputKind::IR;
  else if (kind == "asm") out = OutputKind::Asm;
  else if (kind == "obj") out = OutputKind::Object;
  else {
    error = "--emit=" + std::string(kind) + " is not an output kind (ir, ir-translated, asm or obj)";
    return false;
  }
  return true;
}

void splitList(std::string_view list, std::vector<std::string> &out) {
  while (!list.empty()) {
    const size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

} // namespace

bool parseOptions(int argc, char **argv, Options &o, std::string &error) {
  constexpr unsigned kMaxJobs = 1024;
  int first = 1;
  if (argc > 1 && std::string_view(argv[1]) == "validate") {
    o.action = Options::Action::Validate;
    first = 2;
  } else if (argc > 1 && std::string_view(argv[1]) == "run") {
    o.action = Options::Action::Run;
    first = 2;
  }
  const bool run = o.action == Options::Action::Run;
  bool sawC = false, sawEmit = false, sawOutput = false;
  int inputAt = -1;
  auto value = [&](int &i, std::string_view flag, std::string &out) {
    if (i + 1 >= argc) {
      error = std::string(flag) + " needs an argument";
      return false;
    }
    out = argv[++i];
    return true;
  };
  // `--flag VALUE` or `--flag=VALUE`; true if `arg` is that flag.
  auto flagValue = [&](int &i, std::string_view arg, std::string_view flag, std::string &out, bool &ok) {
    if (arg == flag) {
      ok = value(i, flag, out);
      return true;
    }
    if (arg.size() > flag.size() && arg.starts_with(flag) && arg[flag.size()] == '=') {
      out = arg.substr(flag.size() + 1);
      ok = true;
      return true;
    }
    return false;
  };
  for (int i = first; i < argc; ++i) {
    const std::string_view arg = argv[i];
    std::string text;
    bool ok = true;
    if (run && !o.input.empty()) { // everything after the module is the program's, but a first `--`
      if (arg != "--" || i != inputAt + 1) o.runArgs.emplace_back(arg);
      continue;
    }
    if (arg == "--help" || arg == "-h") {
      o.action = Options::Action::Help;
      return true;
    }
    if (arg == "--version") {
      o.action = Options::Action::Version;
      return true;
    }
    if (arg == "-o") {
      if (!value(i, arg, o.output)) return false;
      sawOutput = true;
    } else if (flagValue(i, arg, "--env", text, ok)) {
      if (!ok) return false;
      const size_t eq = text.find('=');
      if (eq == 0 || eq == std::string::npos) {
        error = "--env needs NAME=VALUE, not '" + text + "'";
        return false;
      }
      o.env.push_back(text);
    } else if (flagValue(i, arg, "--dir", text, ok)) {
      if (!ok) return false;
      const size_t sep = text.find("::");
      if (text.empty() || sep == 0 || (sep != std::string::npos && sep + 2 == text.size())) {
        error = "--dir needs HOST[::GUEST] with both parts non-empty, not '" + text + "'";
        return false;
      }
      o.dirs.push_back(text);
    } else if (flagValue(i, arg, "--invoke", text, ok)) {
      if (!ok) return false;
      if (text.empty()) {
        error = "--invoke needs the name of an exported function";
        return false;
      }
      o.invoke = text;
    } else if (flagValue(i, arg, "--emit-header", text, ok)) {
      if (!ok) return false;
      if (text.empty()) {
        error = "--emit-header needs a file name";
        return false;
      }
      o.header = text;
    } else if (arg == "-v" || arg == "--verbose") {
      o.verbose = true;
    } else if (run && arg == "--" && o.input.empty() && i + 1 < argc) {
      o.input = argv[++i];
      inputAt = i;
    } else if (arg == "-c") {
      sawC = true;
    } else if (arg.starts_with("--emit=")) {
      sawEmit = true;
      if (!parseEmit(arg.substr(7), o.kind, error)) return false;
      o.compile.irBeforePasses = arg.substr(7) == "ir-translated";
    } else if (arg.starts_with("--features=")) {
      if (!o.compile.features.apply(arg.substr(11), error)) return false;
    } else if (arg == "--verify-ir") {
      o.compile.verifyIR = true;
    } else if (arg == "--no-verify-ir") {
      o.compile.verifyIR = false;
    } else if (arg.starts_with("--target=")) {
      o.compile.target = arg.substr(9);
      o.backendOptionGiven = true;
    } else if (arg.starts_with("--cpu=")) {
      o.compile.cpu = arg.substr(6);
      o.backendOptionGiven = true;
      if (o.compile.cpu.empty()) {
        error = "--cpu needs a name";
        return false;
      }
    } else if (arg.starts_with("--target-features=")) {
      splitList(arg.substr(18), o.compile.targetFeatures);
      o.backendOptionGiven = true;
    } else if (arg == "-O0" || arg == "-O1" || arg == "-O2") {
      o.compile.optLevel = unsigned(arg[2] - '0');
    } else if (arg.starts_with("-O")) {
      error = "unknown optimization level '" + std::string(arg) + "' (-O0, -O1 or -O2)";
      return false;
    } else if (arg == "-j") {
      if (!value(i, arg, text) || !parseCount(text, "-j", kMaxJobs, o.compile.threads, error)) return false;
    } else if (arg.starts_with("-j")) {
      if (!parseCount(arg.substr(2), "-j", kMaxJobs, o.compile.threads, error)) return false;
    } else if (arg.starts_with("--jobs=")) {
      if (!parseCount(arg.substr(7), "--jobs", kMaxJobs, o.compile.threads, error)) return false;
    } else if (arg.starts_with("--prefix=")) {
      o.compile.prefix = arg.substr(9);
      o.backendOptionGiven = true;
    } else if (arg == "--prefix") {
      if (!value(i, arg, o.compile.prefix)) return false;
      o.backendOptionGiven = true;
    } else if (arg.starts_with("--bounds-checks=")) {
      std::string_view mode = arg.substr(16);
      if (mode == "guard") {
        o.compile.bounds = wasmaot::BoundsChecks::Guard;
      } else if (mode == "explicit") {
        o.compile.bounds = wasmaot::BoundsChecks::Explicit;
      } else {
        error = "unknown --bounds-checks mode '" + std::string(mode) + "' (guard or explicit)";
        return false;
      }
      o.backendOptionGiven = true;
    } else if (arg.starts_with("--guard=")) {
      if (!parseSize(arg.substr(8), o.compile.guardSize, error)) return false;
      if (o.compile.guardSize == 0) o.compile.bounds = wasmaot::BoundsChecks::Explicit;
      o.backendOptionGiven = true;
    } else if (arg == "--segue") {
      o.compile.segue = true;
      o.backendOptionGiven = true;
    } else if (arg == "--no-bce") {
      o.compile.eliminateBoundsChecks = false;
      o.backendOptionGiven = true;
    } else if (arg == "--time") {
      o.time = true;
    } else if (arg.size() > 1 && arg[0] == '-') {
      error = "unknown option '" + std::string(arg) + "'";
      return false;
    } else {
      if (!o.input.empty()) {
        error = "more than one input file ('" + o.input + "', '" + std::string(arg) + "')";
        return false;
      }
      o.input = arg;
      inputAt = i;
    }
  }
  if (sawC) {
    if (sawEmit && o.kind != OutputKind::Object) {
      error = "-c asks for an object, which conflicts with --emit=" +
              std::string(o.kind == OutputKind::IR ? "ir" : "asm");
      return false;
    }
    o.kind = OutputKind::Object;
  }
  if (o.input.empty()) {
    error = "no input file";
    return false;
  }
  if (run && (sawC || sawEmit || sawOutput || !o.header.empty())) {
    error = "'wasmaotc run' compiles in memory and writes no file: -c, --emit, -o and --emit-header "
            "do not apply";
    return false;
  }
  if (!run && !o.invoke.empty()) {
    error = "--invoke is an option of 'wasmaotc run'";
    return false;
  }
  if (o.action == Options::Action::Compile && o.kind != OutputKind::Executable &&
      (!o.env.empty() || !o.dirs.empty())) {
    error = std::string(o.env.empty() ? "--dir" : "--env") +
            " applies to 'wasmaotc run' and to native executables (-o without -c or --emit)";
    return false;
  }
  if (!o.header.empty() && (o.action != Options::Action::Compile || o.kind != OutputKind::Object)) {
    error = "--emit-header goes with -c: the header declares the exports of the object";
    return false;
  }
  return true;
}

std::string defaultObjectName(const std::string &input) {
  const size_t slash = input.find_last_of('/');
  std::string name = slash == std::string::npos ? input : input.substr(slash + 1);
  if (name.size() > 5 && name.ends_with(".wasm")) name.resize(name.size() - 5);
  return name + ".o";
}

} // namespace wasmaotc

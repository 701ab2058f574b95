// wasmaot-object-smoke: writes an ELF object from a command-line description
// through lib/object's ElfWriter, or prints what ElfReader sees in a file.
// It exists so lit can check the writer with llvm-readelf/llvm-objdump and
// the system linker, and the reader against objects other tools wrote.
//
//   wasmaot-object-smoke write --machine=x86_64|aarch64|riscv64 -o OUT [items]
//     --section=NAME,KIND,HEX[,ALIGN]   KIND: text rodata data meta meta-alloc
//     --section=NAME,bss,SIZE[,ALIGN]
//     --symbol=NAME,BIND,TYPE,SECTION,VALUE,SIZE[,hidden]
//                                       BIND: local global weak; TYPE: notype func object
//     --symbol=NAME,BIND,TYPE,undef     an undefined symbol (BIND global or weak)
//     --reloc=SECTION,OFFSET,TYPE,SYMBOL[,ADDEND]
//                                       TYPE: psABI name (R_X86_64_PLT32); SYMBOL: a symbol,
//                                       a section name for its section symbol, or - for none
//     --flags=N                         override e_flags
//   wasmaot-object-smoke dump FILE
// Numbers are decimal, or hexadecimal with 0x; negative addends take a '-'.
#include "object/ElfReader.h"
#include "object/ElfWriter.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace wasmaot;
using namespace wasmaot::object;

namespace {

int usage() {
  std::fprintf(stderr, "usage: wasmaot-object-smoke write --machine=M -o OUT [--section=...] [--symbol=...] "
                       "[--reloc=...] [--flags=N]\n       wasmaot-object-smoke dump FILE\n");
  return 2;
}

int fail(const std::string &message) {
  std::fprintf(stderr, "error: %s\n", message.c_str());
  return 1;
}

std::vector<std::string> splitCommas(std::string_view s) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    const size_t comma = s.find(',', start);
    parts.emplace_back(s.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

std::optional<uint64_t> parseUnsigned(std::string_view s) {
  unsigned base = 10;
  if (s.starts_with("0x") || s.starts_with("0X")) {
    base = 16;
    s.remove_prefix(2);
  }
  if (s.empty() || s.size() > 20) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    unsigned d;
    if (c >= '0' && c <= '9') d = unsigned(c - '0');
    else if (base == 16 && c >= 'a' && c <= 'f') d = unsigned(c - 'a' + 10);
    else if (base == 16 && c >= 'A' && c <= 'F') d = unsigned(c - 'A' + 10);
    else return std::nullopt;
    if (v > (UINT64_MAX - d) / base) return std::nullopt;
    v = v * base + d;
  }
  return v;
}

std::optional<int64_t> parseSigned(std::string_view s) {
  const bool negative = s.starts_with('-');
  if (negative) s.remove_prefix(1);
  auto v = parseUnsigned(s);
  if (!v || *v > uint64_t(INT64_MAX) + negative) return std::nullopt;
  return negative ? int64_t(0 - *v) : int64_t(*v);
}

std::optional<std::vector<uint8_t>> parseHex(std::string_view s) {
  if (s.size() % 2) return std::nullopt;
  std::vector<uint8_t> bytes;
  for (size_t i = 0; i < s.size(); i += 2) {
    auto b = parseUnsigned(std::string("0x") + std::string(s.substr(i, 2)));
    if (!b) return std::nullopt;
    bytes.push_back(uint8_t(*b));
  }
  return bytes;
}

int write(int argc, char **argv) {
  std::optional<Machine> machine;
  std::optional<uint32_t> flags;
  std::string output;
  std::vector<std::pair<std::string, std::string>> items; // (option, value) in order
  for (int i = 0; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-o" && i + 1 < argc) {
      output = argv[++i];
    } else if (arg.starts_with("--machine=")) {
      machine = machineByName(arg.substr(10));
      if (!machine) return fail("unknown machine '" + std::string(arg.substr(10)) + "'");
    } else if (arg.starts_with("--flags=")) {
      auto v = parseUnsigned(arg.substr(8));
      if (!v || *v > UINT32_MAX) return fail("bad --flags value");
      flags = uint32_t(*v);
    } else if (arg.starts_with("--section=") || arg.starts_with("--symbol=") || arg.starts_with("--reloc=")) {
      const size_t eq = arg.find('=');
      items.emplace_back(std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1)));
    } else {
      return usage();
    }
  }
  if (!machine || output.empty()) return usage();

  ElfWriter w(*machine);
  if (flags) w.setFlags(*flags);
  std::map<std::string, SectionId> sections;
  std::map<std::string, SymbolId> symbols;

  for (const auto &[option, value] : items) {
    const std::vector<std::string> f = splitCommas(value);
    if (option == "--section") {
      if (f.size() < 3 || f.size() > 4) return fail("--section=NAME,KIND,BYTES[,ALIGN]: '" + value + "'");
      uint64_t align = 0;
      if (f.size() == 4) {
        auto a = parseUnsigned(f[3]);
        if (!a) return fail("bad alignment in '" + value + "'");
        align = *a;
      }
      static const std::map<std::string_view, SectionKind> kinds = {
          {"text", SectionKind::Text},     {"rodata", SectionKind::ReadOnly}, {"data", SectionKind::Data},
          {"bss", SectionKind::Bss},       {"meta", SectionKind::Metadata},   {"meta-alloc", SectionKind::Metadata}};
      auto kind = kinds.find(f[1]);
      if (kind == kinds.end()) return fail("unknown section kind '" + f[1] + "'");
      if (sections.count(f[0])) return fail("section '" + f[0] + "' given twice");
      const SectionId id = w.addSection(f[0], kind->second, align, f[1] == "meta-alloc");
      sections[f[0]] = id;
      if (kind->second == SectionKind::Bss) {
        auto size = parseUnsigned(f[2]);
        if (!size) return fail("bad .bss size in '" + value + "'");
        w.reserve(id, *size);
      } else {
        auto bytes = parseHex(f[2]);
        if (!bytes) return fail("bad hex bytes in '" + value + "'");
        w.append(id, *bytes);
      }
    } else if (option == "--symbol") {
      if (f.size() < 4 || f.size() > 7) return fail("--symbol=NAME,BIND,TYPE,SECTION[,VALUE,SIZE[,hidden]]: '" + value + "'");
      SymbolDesc d;
      d.name = f[0];
      if (f[1] == "local") d.binding = SymbolBinding::Local;
      else if (f[1] == "global") d.binding = SymbolBinding::Global;
      else if (f[1] == "weak") d.binding = SymbolBinding::Weak;
      else return fail("unknown binding '" + f[1] + "'");
      if (f[2] == "notype") d.type = SymbolType::NoType;
      else if (f[2] == "func") d.type = SymbolType::Function;
      else if (f[2] == "object") d.type = SymbolType::Object;
      else return fail("unknown symbol type '" + f[2] + "'");
      if (f[3] != "undef") {
        auto s = sections.find(f[3]);
        if (s == sections.end()) return fail("symbol '" + d.name + "': no section '" + f[3] + "' (yet)");
        d.section = s->second;
        if (f.size() < 6) return fail("symbol '" + d.name + "' needs VALUE,SIZE");
        auto v = parseUnsigned(f[4]);
        auto n = parseUnsigned(f[5]);
        if (!v || !n) return fail("bad value or size in '" + value + "'");
        d.value = *v;
        d.size = *n;
      }
      if (f.size() == 7) {
        if (f[6] != "hidden") return fail("unknown symbol flag '" + f[6] + "'");
        d.hidden = true;
      }
      symbols[d.name] = w.addSymbol(d);
    } else { // --reloc
      if (f.size() < 4 || f.size() > 5) return fail("--reloc=SECTION,OFFSET,TYPE,SYMBOL[,ADDEND]: '" + value + "'");
      auto s = sections.find(f[0]);
      if (s == sections.end()) return fail("relocation in unknown section '" + f[0] + "'");
      Relocation r;
      auto offset = parseUnsigned(f[1]);
      if (!offset) return fail("bad offset in '" + value + "'");
      r.offset = *offset;
      auto type = relocByName(*machine, f[2]);
      if (!type) return fail("unknown " + std::string(machineName(*machine)) + " relocation '" + f[2] + "'");
      r.type = *type;
      if (f[3] == "-") r.symbol = std::nullopt;
      else if (auto sym = symbols.find(f[3]); sym != symbols.end()) r.symbol = sym->second;
      else if (auto sec = sections.find(f[3]); sec != sections.end()) r.symbol = w.sectionSymbol(sec->second);
      else return fail("relocation against unknown symbol '" + f[3] + "'");
      if (f.size() == 5) {
        auto addend = parseSigned(f[4]);
        if (!addend) return fail("bad addend in '" + value + "'");
        r.addend = *addend;
      }
      w.addRelocation(s->second, r);
    }
  }

  if (auto error = w.validate()) return fail(error->message);
  const std::vector<uint8_t> bytes = w.write();
  std::ofstream out(output, std::ios::binary);
  out.write(reinterpret_cast<const char *>(bytes.data()), std::streamsize(bytes.size()));
  if (!out) return fail("cannot write '" + output + "'");
  return 0;
}

const char *bindingName(uint8_t b) {
  switch (b) {
  case elf::STB_LOCAL: return "local";
  case elf::STB_GLOBAL: return "global";
  case elf::STB_WEAK: return "weak";
  }
  return "other";
}

const char *typeName(uint8_t t) {
  switch (t) {
  case elf::STT_NOTYPE: return "notype";
  case elf::STT_OBJECT: return "object";
  case elf::STT_FUNC: return "func";
  case elf::STT_SECTION: return "section";
  case elf::STT_FILE: return "file";
  }
  return "other";
}

int dump(const char *path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(std::string("cannot read '") + path + "'");
  const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const ElfReadResult result = readElf(bytes);
  if (!result.ok()) return fail(std::string(diagKindName(result.error->kind)) + ": " + result.error->str());
  const ElfObject &obj = result.object;
  std::printf("machine %s flags 0x%x\n", machineName(obj.machine), obj.flags);
  for (size_t i = 1; i < obj.sections.size(); ++i) {
    const ElfSection &s = obj.sections[i];
    std::printf("section %zu %s type %u flags 0x%llx size %llu align %llu link %u info %u\n", i, s.name.c_str(),
                s.type, (unsigned long long)s.flags, (unsigned long long)s.size, (unsigned long long)s.alignment,
                s.link, s.info);
  }
  for (size_t i = 1; i < obj.symbols.size(); ++i) {
    const ElfSymbol &s = obj.symbols[i];
    std::string where = s.isUndefined()              ? "undef"
                        : s.section == elf::SHN_ABS    ? "abs"
                        : s.section == elf::SHN_COMMON ? "common"
                                                       : obj.sections[s.section].name;
    std::printf("symbol %zu %s %s %s %s value 0x%llx size %llu%s\n", i,
                s.type == elf::STT_SECTION ? "[section]" : s.name.c_str(), bindingName(s.binding), typeName(s.type),
                where.c_str(), (unsigned long long)s.value, (unsigned long long)s.size,
                s.visibility == elf::STV_HIDDEN ? " hidden" : "");
  }
  for (const ElfRelocationTable &t : obj.relocations) {
    for (const ElfRelocation &r : t.entries) {
      const char *known = relocName(obj.machine, r.type);
      const std::string name = known ? known : std::to_string(r.type.value);
      const ElfSymbol &sym = obj.symbols[r.symbol];
      const std::string target = r.symbol == 0 ? "-"
                                 : sym.type == elf::STT_SECTION && sym.section < obj.sections.size()
                                     ? obj.sections[sym.section].name
                                     : sym.name;
      std::printf("reloc %s 0x%llx %s %s %lld\n", obj.sections[t.target].name.c_str(),
                  (unsigned long long)r.offset, name.c_str(),
                  target.c_str(), (long long)r.addend);
    }
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  if (argc >= 2 && std::strcmp(argv[1], "write") == 0) return write(argc - 2, argv + 2);
  if (argc == 3 && std::strcmp(argv[1], "dump") == 0) return dump(argv[2]);
  return usage();
}

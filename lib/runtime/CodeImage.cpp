// CodeImage: the in-process loader. Lays the object's SHF_ALLOC sections out
// in one anonymous mapping (executable sections, then read-only, then
// writable, each group page-aligned), copies and relocates them while the
// mapping is read+write, then applies the final protections (W^X).
#include "runtime/CodeImage.h"

#include "object/ElfReader.h"
#include "runtime/Relocate.h"
#include "runtime/TrapHandler.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace wasmaot::runtime {

namespace {

Error loadError(std::string message) { return Error::make(ErrorKind::Load, std::move(message)); }

size_t pageSize() {
  static const size_t size = size_t(sysconf(_SC_PAGESIZE));
  return size;
}

uint64_t alignUp(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }

enum Group { Exec, ReadOnly, Writable, kNumGroups };

Group groupOf(const object::ElfSection &s) {
  if (s.flags & object::elf::SHF_EXECINSTR) return Exec;
  if (s.flags & object::elf::SHF_WRITE) return Writable;
  return ReadOnly;
}

constexpr int kGroupProtection[kNumGroups] = {PROT_READ | PROT_EXEC, PROT_READ, PROT_READ | PROT_WRITE};

} // namespace

Result<std::unique_ptr<CodeImage>> CodeImage::loadObject(std::span<const uint8_t> bytes,
                                                         const HostCapabilities &host,
                                                         const SymbolResolver &resolver) {
  object::ElfReadResult read = object::readElf(bytes);
  if (!read.ok()) return loadError("not a loadable object: " + read.error->str());
  const object::ElfObject &obj = read.object;
  if (uint32_t(obj.machine) != host.machine)
    return loadError(std::string("the object is for ") + object::machineName(obj.machine) +
                     ", this runtime runs " +
                     (object::isKnownMachine(uint16_t(host.machine))
                          ? object::machineName(object::Machine(host.machine))
                          : "another machine") +
                     " code");
  const std::optional<uint32_t> descIndex = obj.findSection(kDescriptorSection);
  if (!descIndex) return loadError("the object has no .wasmaot.module section (not compiled by wasmaotc)");
  const std::optional<uint32_t> textIndex = obj.findSection(".text");
  if (!textIndex) return loadError("the object has no .text section");

  // Lay out: per group, each section at its alignment; groups page-aligned.
  const size_t page = pageSize();
  std::vector<uint64_t> placed(obj.sections.size(), UINT64_MAX);
  uint64_t groupStart[kNumGroups] = {}, groupEnd[kNumGroups] = {};
  uint64_t cursor = 0;
  for (int g = 0; g < kNumGroups; ++g) {
    cursor = alignUp(cursor, page);
    groupStart[g] = cursor;
    for (uint32_t i = 1; i < obj.sections.size(); ++i) {
      const object::ElfSection &s = obj.sections[i];
      if (!(s.flags & object::elf::SHF_ALLOC) || groupOf(s) != g) continue;
      const uint64_t align = std::clamp<uint64_t>(s.alignment, 1, page);
      cursor = alignUp(cursor, align);
      placed[i] = cursor;
      cursor += s.size;
    }
    groupEnd[g] = cursor;
  }
  if (!(obj.sections[*descIndex].flags & object::elf::SHF_ALLOC) ||
      !(obj.sections[*textIndex].flags & object::elf::SHF_ALLOC))
    return loadError(".text and .wasmaot.module must be allocatable (SHF_ALLOC)");
  const size_t total = size_t(alignUp(std::max<uint64_t>(cursor, 1), page));

  std::unique_ptr<CodeImage> image(new CodeImage());
  void *map = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED) return Error::make(ErrorKind::Resource, "mmap of " + std::to_string(total) + " bytes failed");
  image->mapping_ = static_cast<uint8_t *>(map);
  image->mappingSize_ = total;
  uint8_t *base = image->mapping_;
  for (uint32_t i = 1; i < obj.sections.size(); ++i)
    if (placed[i] != UINT64_MAX && !obj.sections[i].bytes.empty())
      std::memcpy(base + placed[i], obj.sections[i].bytes.data(), obj.sections[i].bytes.size());

  // Relocate every mapped section (relocations of non-allocated metadata are
  // for the system linker's output file, not for code that runs here).
  for (const object::ElfRelocationTable &table : obj.relocations) {
    if (placed[table.target] == UINT64_MAX) continue;
    for (const object::ElfRelocation &r : table.entries) {
      const object::ElfSymbol &sym = obj.symbols[r.symbol];
      uint64_t address = 0;
      if (r.symbol == 0) {
        address = 0;
      } else if (sym.section == object::elf::SHN_ABS) {
        address = sym.value;
      } else if (sym.isUndefined()) {
        address = resolver ? resolver(sym.name) : 0;
        if (!address) return loadError("undefined symbol '" + sym.name + "' (in-process code cannot reference it)");
      } else if (sym.section < obj.sections.size() && placed[sym.section] != UINT64_MAX) {
        address = reinterpret_cast<uint64_t>(base + placed[sym.section]) + sym.value;
      } else {
        return loadError("relocation in " + obj.sections[table.target].name + " refers to symbol '" + sym.name +
                         "' of a section that is not loaded");
      }
      RelocationSite site{base + placed[table.target] + r.offset, address, r.addend, r.type};
      if (std::optional<std::string> err = applyRelocation(obj.machine, site))
        return loadError(obj.sections[table.target].name + "+0x" + std::to_string(r.offset) + ": " + *err);
    }
  }

  // The code was written through the data side: on machines whose instruction
  // fetch is not coherent with data stores (AArch64, RISC-V) the written lines
  // must be cleaned to the point of unification and the instruction cache
  // invalidated before they run (AArch64: dc cvau / ic ivau + barriers; a no-op
  // on x86-64). Done while the pages are still writable, before mprotect.
  if (groupEnd[Exec] > groupStart[Exec])
    __builtin___clear_cache(reinterpret_cast<char *>(base + groupStart[Exec]),
                            reinterpret_cast<char *>(base + groupEnd[Exec]));

  // W^X: from here on no page is both writable and executable.
  for (int g = 0; g < kNumGroups; ++g) {
    if (groupEnd[g] == groupStart[g]) continue;
    const size_t size = size_t(alignUp(groupEnd[g], page) - groupStart[g]);
    if (mprotect(base + groupStart[g], size, kGroupProtection[g]) != 0)
      return Error::make(ErrorKind::Resource, "mprotect of the loaded code failed");
    image->segments_.push_back({base + groupStart[g], size, kGroupProtection[g]});
  }

  image->text_ = base + placed[*textIndex];
  image->textSize_ = obj.sections[*textIndex].size;
  const std::span<const uint8_t> descBytes(base + placed[*descIndex], obj.sections[*descIndex].size);
  if (std::optional<Error> err = image->finish(descBytes, host)) return *err;
  if (image->desc_.textAddress != reinterpret_cast<uint64_t>(image->text_))
    return loadError("module descriptor: the .text address field (offset 32) is not relocated against .text");
  return image;
}

Result<std::unique_ptr<CodeImage>> CodeImage::fromLinked(const void *descriptor, const HostCapabilities &host) {
  const uint8_t *h = static_cast<const uint8_t *>(descriptor);
  if (!h || std::memcmp(h, kDescriptorMagic, 8) != 0)
    return loadError("module descriptor: bad magic (expected \"WAOTMOD\")");
  std::unique_ptr<CodeImage> image(new CodeImage());
  if (std::optional<Error> err = image->finish({h, size_t(descriptorExtent(h))}, host)) return *err;
  image->text_ = reinterpret_cast<const uint8_t *>(image->desc_.textAddress);
  image->textSize_ = image->desc_.textExtent;
  image->registrySlot_ = registerCode(image->text_, image->textSize_, image->desc_.traps);
  if (image->registrySlot_ < 0) return Error::make(ErrorKind::Resource, "too many modules loaded at once");
  return image;
}

std::optional<Error> CodeImage::finish(std::span<const uint8_t> descriptorBytes, const HostCapabilities &host) {
  Result<ModuleDescriptor> d = parseDescriptor(descriptorBytes);
  if (!d) return d.error();
  if (std::optional<Error> err = checkCompatible(*d, host)) return err;
  desc_ = d.take();
  if (mapping_) {
    if (desc_.textExtent > textSize_) return loadError("module descriptor: functions extend past .text");
    registrySlot_ = registerCode(text_, textSize_, desc_.traps);
    if (registrySlot_ < 0) return Error::make(ErrorKind::Resource, "too many modules loaded at once");
  }
  return std::nullopt;
}

CodeImage::~CodeImage() {
  if (registrySlot_ >= 0) unregisterCode(registrySlot_);
  if (mapping_) munmap(mapping_, mappingSize_);
}

} // namespace wasmaot::runtime

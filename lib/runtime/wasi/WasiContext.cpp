// WasiContext: building the fd table and keeping it (see WasiContext.h).
#include "runtime/wasi/WasiContext.h"

#include "runtime/wasi/HostFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace wasmaot::wasi {

WasiPreopen parseDirOption(std::string_view spec) {
  size_t sep = spec.find("::");
  if (sep == std::string_view::npos)
    return {std::string(spec), std::string(spec)};
  return {std::string(spec.substr(0, sep)), std::string(spec.substr(sep + 2))};
}

// ---- FdTable

FdTable::~FdTable() {
  for (uint32_t fd = 0; fd < slots_.size(); ++fd)
    close(fd);
}

FdEntry *FdTable::get(uint32_t fd) const {
  return fd < slots_.size() ? slots_[fd].get() : nullptr;
}

uint32_t FdTable::insert(std::unique_ptr<FdEntry> entry) {
  for (uint32_t fd = 0; fd < slots_.size(); ++fd)
    if (!slots_[fd]) {
      slots_[fd] = std::move(entry);
      return fd;
    }
  slots_.push_back(std::move(entry));
  return uint32_t(slots_.size() - 1);
}

void FdTable::place(uint32_t fd, std::unique_ptr<FdEntry> entry) {
  if (fd >= slots_.size())
    slots_.resize(fd + 1);
  close(fd);
  slots_[fd] = std::move(entry);
}

bool FdTable::close(uint32_t fd) {
  FdEntry *e = get(fd);
  if (!e)
    return false;
  if (e->ownsHostFd && e->hostFd >= 0)
    ::close(e->hostFd);
  slots_[fd].reset();
  return true;
}

bool FdTable::renumber(uint32_t from, uint32_t to) {
  if (!get(from) || !get(to))
    return false;
  if (from == to)
    return true;
  close(to);
  slots_[to] = std::move(slots_[from]);
  return true;
}

// ---- WasiContext

/// An fd entry for a host fd, typed and granted rights from what fstat says.
static std::unique_ptr<FdEntry> entryForHostFd(int hostFd, bool owns) {
  struct stat st;
  if (hostFd < 0 || fstat(hostFd, &st) != 0)
    return nullptr;
  auto e = std::make_unique<FdEntry>();
  e->hostFd = hostFd;
  e->ownsHostFd = owns;
  e->type = fileTypeOf(st, hostFd);
  e->rightsBase = maxRightsFor(e->type);
  e->rightsInheriting = e->type == kFileDirectory ? rights::kInheritable : 0;
  return e;
}

std::unique_ptr<WasiContext> WasiContext::create(const WasiOptions &options,
                                                 std::string &error) {
  auto ctx = std::make_unique<WasiContext>();
  ctx->args = options.args;
  ctx->environ = options.environ;
  const int stdio[3] = {options.stdinFd, options.stdoutFd, options.stderrFd};
  for (uint32_t i = 0; i < 3; ++i) // a closed host fd leaves the guest fd closed
    ctx->fds.place(i, entryForHostFd(stdio[i], /*owns=*/false));
  uint32_t next = 3; // wasi-libc looks for preopens from fd 3 up to the first EBADF
  for (const WasiPreopen &p : options.preopens) {
    int fd = ::open(p.hostPath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      error = "cannot open directory '" + p.hostPath + "': " + std::strerror(errno);
      return nullptr;
    }
    auto e = entryForHostFd(fd, /*owns=*/true);
    if (!e) {
      error = "cannot stat directory '" + p.hostPath + "': " + std::strerror(errno);
      ::close(fd);
      return nullptr;
    }
    e->preopenName = p.guestPath;
    ctx->fds.place(next++, std::move(e));
  }
  return ctx;
}

} // namespace wasmaot::wasi

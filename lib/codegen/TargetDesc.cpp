// TargetDesc: queries over a target's register description.
#include "codegen/TargetDesc.h"

namespace wasmaot::codegen {

const char *regClassName(RegClass c) {
  switch (c) {
  case RegClass::Int:
    return "int";
  case RegClass::Float:
    return "float";
  }
  return "?";
}

bool TargetDesc::isAllocatable(PReg r) const {
  for (const auto &list : allocatable)
    for (PReg a : list)
      if (a == r)
        return true;
  return false;
}

RegSet TargetDesc::callerSaved() const {
  RegSet s;
  for (const auto &list : allocatable)
    for (PReg r : list)
      if (!regs[r].calleeSaved)
        s.insert(r);
  return s;
}

PReg TargetDesc::find(const std::string &n) const {
  for (unsigned i = 0; i < regs.size(); ++i)
    if (regs[i].name == n)
      return PReg(i);
  return kNoReg;
}

} // namespace wasmaot::codegen

# lit configuration for wasmaot's regression tests: .ir, .wat and .wasm inputs
# checked with FileCheck against the programs in build/bin.
import os
import shutil
import lit.formats

config.name = "wasmaot"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".ir", ".wat", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = getattr(config, "wasmaot_obj_root", os.path.join(config.test_source_root, "out"))

llvm_bin = "/usr/lib/llvm-14/bin"
config.environment["PATH"] = os.pathsep.join(
    [config.wasmaot_bin_dir, llvm_bin, config.environment.get("PATH", os.environ.get("PATH", ""))])

for tool in ["wasmaotc", "wasmaot-ir", "wasmaot-spectest", "wasmaot-rulec"]:
    config.substitutions.append(("%" + tool, os.path.join(config.wasmaot_bin_dir, tool)))
config.substitutions.append(("%FileCheck", os.path.join(llvm_bin, "FileCheck")))
config.substitutions.append(("%not", os.path.join(llvm_bin, "not")))
wat2wasm = shutil.which("wat2wasm") or "wat2wasm"
config.substitutions.append(("%wat2wasm", wat2wasm + " --enable-all"))
if os.uname().machine == "x86_64": config.available_features.add("x86_64-host")

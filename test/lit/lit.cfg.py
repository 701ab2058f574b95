# lit configuration for wasmaot's regression tests: .ir, .wat and .wasm inputs
# checked with FileCheck against the programs in build/bin.
import os
import shutil
import lit.formats

config.name = "wasmaot"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".ir", ".wat", ".wast", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = getattr(config, "wasmaot_obj_root", os.path.join(config.test_source_root, "out"))

llvm_bin = "/usr/lib/llvm-14/bin"
config.environment["PATH"] = os.pathsep.join(
    [config.wasmaot_bin_dir, llvm_bin, config.environment.get("PATH", os.environ.get("PATH", ""))])

# Every compile in the tests also verifies its IR (wasmaotc --verify-ir).
config.environment["WASMAOT_VERIFY_IR"] = "1"

for tool in ["wasmaotc", "wasmaot-ir", "wasmaot-spectest", "wasmaot-rulec", "wasmaot-fuzz-exec"]:
    config.substitutions.append(("%" + tool, os.path.join(config.wasmaot_bin_dir, tool)))
config.substitutions.append(("%wasmaot_build", os.path.dirname(config.wasmaot_bin_dir)))  # the bless scripts' BUILD_DIR
config.substitutions.append(("%FileCheck", os.path.join(llvm_bin, "FileCheck")))
config.substitutions.append(("%not", os.path.join(llvm_bin, "not")))
wat2wasm = shutil.which("wat2wasm") or "wat2wasm"
config.substitutions.append(("%wat2wasm", wat2wasm + " --enable-all"))
if os.uname().machine == "x86_64": config.available_features.add("x86_64-host")

# x86-backend: wasmaotc compiles a trivial module to an object (the x86-64 back
# end is linked in and works). Probed once here, so the end-to-end tests of
# test/lit/wasmaotc run as soon as the back end does.
def probe_x86_backend():
    import subprocess, tempfile
    wasmaotc = os.path.join(config.wasmaot_bin_dir, "wasmaotc")
    if not os.path.exists(wasmaotc):
        return False
    # (module (func (result i32) i32.const 42))
    module = bytes([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0,
                    0x0a, 6, 1, 4, 0, 0x41, 0x2a, 0x0b])
    with tempfile.TemporaryDirectory() as d:
        src, obj = os.path.join(d, "probe.wasm"), os.path.join(d, "probe.o")
        with open(src, "wb") as f:
            f.write(module)
        try:
            r = subprocess.run([wasmaotc, "--target=x86_64", "-c", src, "-o", obj],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            return False
        if r.returncode != 0 or not os.path.exists(obj):
            return False
        with open(obj, "rb") as f:
            return f.read(4) == b"\x7fELF"
if probe_x86_backend(): config.available_features.add("x86-backend")

# WASMAOT_BLESS=1 re-blesses the golden tests (test/lit/frontend, test/lit/x64, test/lit/aarch64 and
# test/lit/riscv64, the last through x64/bless.py: its RUN lines name the target)
# with this build before they run: review `git diff` afterwards, a blessed test
# only protects what was right when it was blessed.
if os.environ.get("WASMAOT_BLESS") == "1":
    import glob
    import subprocess
    import sys
    build_dir = os.path.dirname(config.wasmaot_bin_dir)
    root = config.test_source_root
    for script, pattern in [("frontend/bless.py", "frontend/*.wat"), ("x64/bless.py", "x64/*.ir"),
                            ("aarch64/bless.py", "aarch64/*.ir"), ("x64/bless.py", "riscv64/*.ir")]:
        files = sorted(glob.glob(os.path.join(root, pattern)))
        subprocess.run([sys.executable, os.path.join(root, script), build_dir] + files, check=True)

# Cross-compiles wasmaot for RISC-V 64 Linux with Debian's GNU cross toolchain
# (g++-riscv64-linux-gnu, sysroot /usr/riscv64-linux-gnu). Programs of the
# cross build that run at build time (wasmaot-rulec) or at test time run under
# qemu-user (Debian's qemu-user): CMake prepends CMAKE_CROSSCOMPILING_EMULATOR
# to custom commands that name an executable target and to gtest discovery.
#   cmake -S . -B build-riscv64 -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/riscv64-linux-gnu.cmake
# scripts/cross-build.sh riscv64 does exactly this (docs/testing.md, "Cross-ISA testing").
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR riscv64)

set(WASMAOT_CROSS_TRIPLE riscv64-linux-gnu)
set(WASMAOT_CROSS_SYSROOT /usr/${WASMAOT_CROSS_TRIPLE} CACHE PATH "Target libraries (Debian's libc6-dev-riscv64-cross)")

find_program(CMAKE_C_COMPILER NAMES ${WASMAOT_CROSS_TRIPLE}-gcc ${WASMAOT_CROSS_TRIPLE}-gcc-12 REQUIRED)
find_program(CMAKE_CXX_COMPILER NAMES ${WASMAOT_CROSS_TRIPLE}-g++ ${WASMAOT_CROSS_TRIPLE}-g++-12 REQUIRED)
set(CMAKE_ASM_COMPILER ${CMAKE_C_COMPILER})

# Target headers and libraries come from the cross sysroot only, so nothing of
# the build machine's (its GTest, LLVM, Z3, Google Benchmark) is picked up;
# programs (clang-14, python3, qemu) are the build machine's.
set(CMAKE_FIND_ROOT_PATH ${WASMAOT_CROSS_SYSROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

find_program(WASMAOT_QEMU_RISCV64 qemu-riscv64)
if(WASMAOT_QEMU_RISCV64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${WASMAOT_QEMU_RISCV64} -L ${WASMAOT_CROSS_SYSROOT})
endif()


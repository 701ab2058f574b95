#!/usr/bin/env python3
"""Alternating A/B timing of whole commands (e.g. two builds of wasmaotc).

    bench/compile-speed/ab_runs.py N "CMD A" "CMD B" ...

Runs the commands in turn, N rounds, so that a machine whose speed drifts
(a shared VM) slows every command alike, and prints for each the minimum and
median wall time and CPU time (user + sys of the child, from wait4). A
command that exits non-zero stops the script.
"""
import os
import shlex
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        sys.exit(__doc__.strip())
    rounds = int(sys.argv[1])
    commands = [shlex.split(c) for c in sys.argv[2:]]
    wall = [[] for _ in commands]
    cpu = [[] for _ in commands]
    for _ in range(rounds):
        for i, command in enumerate(commands):
            start = time.perf_counter()
            child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            wall[i].append(time.perf_counter() - start)
            cpu[i].append(usage.ru_utime + usage.ru_stime)
            if status != 0:
                sys.exit(f"ab_runs: '{' '.join(command)}' failed (wait status {status})")
    for i, command in enumerate(commands):
        print(f"{' '.join(command)}\n    wall min {min(wall[i]) * 1e3:6.0f} median {statistics.median(wall[i]) * 1e3:6.0f} ms"
              f" | cpu min {min(cpu[i]) * 1e3:6.0f} median {statistics.median(cpu[i]) * 1e3:6.0f} ms")


if __name__ == "__main__":
    main()

"""Run a command and report wall time, CPU time and peak memory of its whole process tree.

Peak RSS is sampled every 20 ms over the process and all its children (a process pool's
workers included), so it is the peak of the sum, the figure that decides whether a run fits
in memory. CPU seconds (user + system) are each process's last sample, summed: on a machine
shared with other work they vary far less than wall seconds (a process that ends between two
samples loses at most 20 ms).

    python benchmarks/measure.py -- analysis prepare data/sample --out /tmp/p
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import psutil


def measure(command: list[str], *, env=None, interval: float = 0.02, sample: bool = True) -> dict:
    """Run ``command``; return seconds, peak tree RSS in MB and the exit code.

    ``sample=False`` only waits for the command (no CPU or memory figures): the sampler reads
    /proc for every process of the tree 50 times a second, and on a two-core machine that takes
    time from a command that keeps both cores busy (about 0.3-0.4 s of a 4.5 s prepare) but not
    from one that uses one core, so wall times compared across the two are taken unsampled.
    """
    if not sample:
        started = time.perf_counter()
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return {
            "command": " ".join(command),
            "seconds": round(time.perf_counter() - started, 2),
            "returncode": done.returncode,
            "output_tail": done.stdout[-2000:],
        }
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    root = psutil.Process(proc.pid)
    peak = 0
    cpu: dict[int, float] = {}  # pid -> user + system seconds at its last sample
    output = []
    import threading

    reader = threading.Thread(target=lambda: output.extend(proc.stdout), daemon=True)
    reader.start()
    while proc.poll() is None:
        rss = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    rss += p.memory_info().rss
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, rss)
        time.sleep(interval)
    reader.join(timeout=5)
    return {
        "command": " ".join(command),
        "seconds": round(time.perf_counter() - started, 2),
        "cpu_seconds": round(sum(cpu.values()), 2),
        "peak_rss_mb": round(peak / 2**20, 1),
        "returncode": proc.returncode,
        "output_tail": "".join(output)[-2000:],
    }


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--":
        args = args[1:]
    print(json.dumps(measure(args), indent=2))


def prepare_command(corpus, out, *, workers, program=None) -> list[str]:
    """``analysis prepare CORPUS --out OUT --force --workers N``, the command every speed
    benchmark times: run as ``python -m analysis`` (the version on PYTHONPATH) unless
    ``program`` names the installed ``analysis`` script."""
    head = [str(program)] if program else [sys.executable, "-m", "analysis"]
    return [*head, "prepare", str(corpus), "--out", str(out), "--force", "--workers", str(workers)]

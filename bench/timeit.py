#!/usr/bin/env python3
"""Time a shell command for the benchmarks: run argv[2] (through sh)
argv[1] times, stdout to /dev/null, and print the medians of its wall
and CPU (user + system) seconds, the median of its peak RSS in KB, and
the exit status of the last run:  "wall cpu maxrss_kb status".
The CPU time and peak RSS come from wait4(2) on the shell, so they cover
every process of a pipeline the shell waited for (peak RSS: the largest
one).  Microsecond resolution, which /usr/bin/time does not give.  A run
that fails does not count; if every run fails the figures are nan."""
import os
import statistics
import subprocess
import sys
import time

reps, cmd = int(sys.argv[1]), sys.argv[2]
walls, cpus, rss, rc = [], [], [], 0
for _ in range(reps):
    t0 = time.monotonic()
    p = subprocess.Popen(["/bin/sh", "-c", cmd], stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    p.returncode = rc = os.waitstatus_to_exitcode(status)
    if rc != 0:
        continue
    walls.append(wall)
    cpus.append(ru.ru_utime + ru.ru_stime)
    rss.append(ru.ru_maxrss)
if not walls:
    print("nan nan nan %d" % rc)
else:
    print("%.4f %.4f %d %d" % (statistics.median(walls),
          statistics.median(cpus), statistics.median(rss), rc))

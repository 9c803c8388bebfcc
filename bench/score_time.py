#!/usr/bin/env python3
"""Run a shell command (argv[1]) with stdout to /dev/null and print its
wall-clock and CPU (user + system) seconds, for bench/score.sh."""
import resource
import subprocess
import sys
import time

t0 = time.monotonic()
rc = subprocess.call(sys.argv[1], shell=True,
                     stdout=subprocess.DEVNULL)
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.3f %.3f %d" % (wall, ru.ru_utime + ru.ru_stime, rc))

"""How long ago this process was created, as the operating system records it.

Start-up time counts from process creation, so interpreter and import time are
included. On Linux the kernel's own clock since boot is used: psutil derives the
creation time from a boot time rounded to whole seconds, which would add up to a
second of error. Standard library only, so a bare baseline can use it too.
"""

import os
import sys
import time
from pathlib import Path


def process_age_seconds() -> float:
    if sys.platform.startswith("linux"):
        stat = Path(f"/proc/{os.getpid()}/stat").read_bytes()
        # Fields after the command name (which may contain spaces) start after ")".
        fields = stat[stat.rindex(b")") + 2 :].split()
        started_ticks = int(fields[19])  # field 22, "starttime", in clock ticks
        started = started_ticks / os.sysconf("SC_CLK_TCK")
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started
    import psutil

    return time.time() - psutil.Process().create_time()

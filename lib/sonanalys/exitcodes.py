"""The exit codes of every ``sonanalys`` command, in one table (the README lists them).

A scheduled run (cron, a systemd timer, Windows' Task Scheduler) reads what went wrong
from the code alone, so a code means the same in ``parse``, ``report`` and ``kolada``:

====  =====================================================================================
0     done (every document read, every report written or kept unchanged)
1     something asked for could not be made: a document not read (``parse``), a report
      or PDF not made, or a report made for another period than the one asked because its
      data do not hold that one (``report``; its page says which and why), a Kolada answer
      not fetched (``kolada``); the rest is done and the message names what failed
2     wrong use: an unknown flag, period or configuration key, an input folder or file
      that does not exist (``parse``, ``report --data``), no ``--municipality`` where the
      documents do not decide it (``report``: they name none, or a report's rows are of
      several and no period chooses); nothing was written
3     the documents do not hold the municipality or the period asked for; nothing was
      written
4     another run holds the output folder (waited ``--lock-wait`` seconds)
5     the output folder cannot be written (read-only, no permission, a file held open)
6     the disk is full; the output folder is as it was
7     an input file or folder could not be opened (no read permission); the rest is read
70    an internal error (a bug of ours): one line, the traceback with ``--debug``
130   interrupted (Ctrl-C); the output folder is as it was
====  =====================================================================================
"""

from __future__ import annotations

import errno

OK = 0
FAILED = 1
USAGE = 2
NO_PERIOD = 3  # also: a municipality the documents do not hold
BUSY = 4
NOT_WRITABLE = 5
DISK_FULL = 6
UNOPENED = 7
INTERNAL = 70
INTERRUPTED = 130


def is_disk_full(exc: OSError) -> bool:
    """Whether writing failed because the disk (or the user's quota) is full."""
    text = str(exc)
    return exc.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left" in text

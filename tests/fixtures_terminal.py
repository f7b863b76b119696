"""Run a command with its output on a pseudo-terminal of a given size, as a person sees it."""
from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios


def on_a_terminal(argv: list[str], *, columns: int = 120, rows: int = 24, stdout: bool = True,
                  env: dict | None = None, timeout: float = 600) -> tuple[int, str]:
    """(exit status, what the terminal showed) for ``argv`` with stderr, and stdout unless
    ``stdout`` is False (then discarded), on a pty of ``columns`` x ``rows``."""
    leader, follower = pty.openpty()
    # A fresh pty is 0×0: programs would fit their output to no width at all.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    proc = subprocess.Popen(argv, stdout=follower if stdout else subprocess.DEVNULL, stderr=follower,
                            stdin=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=timeout)
    os.close(leader)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")

"""Command-line pieces shared by ``wscc`` and ``wscc-fix``."""

from __future__ import annotations

import argparse
import sys


class OneLineParser(argparse.ArgumentParser):
    """Bad options are one line on stderr and exit 2, never a usage dump."""

    def error(self, message: str):
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(2)


def jobs(value: str) -> int:
    """``-j/--jobs``: a positive number of processes."""
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, got {value!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError("needs at least 1 process")
    return count

"""Shared helpers: run the real flake8 (the installed ``WSC`` plugin) over files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# The commands under test run as an installed tool runs: with bytecode caching.  An
# environment that turns it off (PYTHONDONTWRITEBYTECODE, as this project's machine does)
# makes every subprocess compile wscc from source again, a fifth of the quick loop.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

CASES_DIR = Path(__file__).parent / "cases"

#: One line per finding: ``path\x1frow\x1fcol\x1fcode\x1ftext``.
_SEPARATOR = "\x1f"
_FORMAT = _SEPARATOR.join(["%(path)s", "%(row)d", "%(col)d", "%(code)s", "%(text)s"])


def run_flake8(paths: list[Path], *args: str, cwd: Path | None = None) -> list[tuple[str, int, int, str, str]]:
    """Findings of ``flake8 --isolated <args> <paths>`` as (path, row, col, code, text).

    ``--isolated`` keeps the repository's own flake8 configuration out of the result.
    """
    command = [sys.executable, "-m", "flake8", "--isolated", f"--format={_FORMAT}", *args,
               *(str(path) for path in paths)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=300)
    # flake8 exits 1 when it reports something; anything else is a crash.
    assert done.returncode in (0, 1), f"flake8 failed ({done.returncode}):\n{done.stderr}"
    return [_parse(line) for line in done.stdout.splitlines()]


def run_flake8_with_config(paths: list[Path], directory: Path, *args: str):
    """Like ``run_flake8`` but reading the configuration files found in ``directory``."""
    command = [sys.executable, "-m", "flake8", f"--format={_FORMAT}", *args, *(str(path) for path in paths)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=directory, timeout=300)
    assert done.returncode in (0, 1), f"flake8 failed ({done.returncode}):\n{done.stderr}"
    return [_parse(line) for line in done.stdout.splitlines()]


def _parse(line: str) -> tuple[str, int, int, str, str]:
    path, row, col, code, text = line.split(_SEPARATOR)
    return path, int(row), int(col), code, text

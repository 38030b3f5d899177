"""``# noqa`` comments, read the way flake8 reads them (for the front ends that are not flake8)."""

from __future__ import annotations

import re

# flake8's own pattern (flake8.defaults.NOQA_INLINE_REGEX), so both front ends agree.
NOQA = re.compile(
    r"# noqa"
    r"(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"[,\s]+")


def is_suppressed(line: str, code: str) -> bool:
    """Does a ``# noqa`` on ``line`` cover ``code``?  A bare ``# noqa`` covers all."""
    if "#" not in line:
        return False
    match = NOQA.search(line)
    if match is None:
        return False
    codes = match.group("codes")
    if not codes:
        return True
    return any(code.startswith(c) for c in _SEPARATOR.split(codes.strip()) if c)

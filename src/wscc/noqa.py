"""``# noqa`` comments, read the way flake8 reads them (for the front ends that are not flake8)."""

from __future__ import annotations

import io
import re
import tokenize

from wscc.files import lines_with_endings

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


class Suppressions:
    """Which findings of one file a ``# noqa`` covers, looked up where flake8 looks: on
    the finding's physical line, or on any line of a token spanning several lines with it
    (a triple-quoted string; lines joined by a backslash).  The file is tokenized only
    when the first finding is looked up."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[int, str] | None = None

    def covers(self, line: int, code: str) -> bool:
        if "#" not in self.text:
            return False
        if self._lines is None:
            self._lines = _noqa_lines(self.text)
        return is_suppressed(self._lines.get(line, ""), code)


def _noqa_lines(text: str) -> dict[int, str]:
    """Line number -> the text to search for a ``# noqa`` (flake8's own mapping: lines
    between two NEWLINE/NL tokens are searched together)."""
    lines = lines_with_endings(text)
    physical = dict(enumerate(lines, start=1))
    mapping: dict[int, str] = {}
    first, last = len(lines) + 2, -1
    try:
        for token in tokenize.generate_tokens(io.StringIO(text, newline="").readline):
            if token.type in (tokenize.ENDMARKER, tokenize.DEDENT):
                continue
            first, last = min(first, token.start[0]), max(last, token.end[0])
            if token.type in (tokenize.NL, tokenize.NEWLINE):
                joined = "".join(lines[first - 1:last])
                mapping.update(dict.fromkeys(range(first, last + 1), joined))
                first, last = len(lines) + 2, -1
    except (tokenize.TokenError, SyntaxError):
        return physical  # (flake8 then honours no noqa at all; the physical line is kinder)
    return {**physical, **mapping}

"""Crawl every ``.py`` file of the test environment's site-packages (all the WebSocket
libraries and their dependencies): the detector never crashes, and every wscc-fix rewrite
parses, is idempotent and changes only literals and imports.

By default the cheap text gate (``might_send``) picks the files to analyse, as every front
end does; ``WSCC_CRAWL_FULL=1`` runs the detector on every parseable file, gate or not.
"""

from __future__ import annotations

import ast
import functools
import os
import sysconfig
import warnings
from dataclasses import dataclass, field

import pytest

from wscc.check import check_bytes
from wscc.detector import DEFAULT_SETTINGS, detect, might_send
from wscc.files import SourceError, decode
from wscc.fix import fix_bytes

from .helpers import unintended_edits

#: Every file of site-packages, crawled and then run through both commands: about a minute.
pytestmark = pytest.mark.slow

SITE_PACKAGES = sysconfig.get_paths()["purelib"]
FULL = bool(os.environ.get("WSCC_CRAWL_FULL"))

#: The libraries whose code the crawl must include, or it proves little.
EXPECTED_PACKAGES = ("websockets", "aiohttp", "starlette", "wsproto", "websocket", "autobahn",
                     "tornado", "uvicorn", "fastapi", "litestar", "channels", "sanic", "falcon")


@dataclass
class Crawl:
    files: int = 0
    lines: int = 0
    undecodable: list[str] = field(default_factory=list)
    analysed: int = 0
    unparsable: list[str] = field(default_factory=list)
    findings: int = 0
    #: (path, bytes, findings) of the files with something to report
    with_findings: list[tuple[str, bytes]] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)
    packages: set[str] = field(default_factory=set)

    def summary(self) -> str:
        return (f"crawled {self.files} files, {self.lines} lines under {SITE_PACKAGES}; "
                f"{len(self.undecodable)} undecodable; analysed {self.analysed} "
                f"({'every file' if FULL else 'passed the text gate'}), {len(self.unparsable)} "
                f"do not parse under this Python; {self.findings} findings in "
                f"{len(self.with_findings)} files")


def _python_files(root: str):
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                yield os.path.join(folder, name)


@functools.lru_cache(maxsize=None)
def crawl() -> Crawl:
    result = Crawl()
    for path in _python_files(SITE_PACKAGES):
        result.files += 1
        result.packages.add(os.path.relpath(path, SITE_PACKAGES).split(os.sep)[0])
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            text, _ = decode(data, path)
        except SourceError:
            result.undecodable.append(path)
            continue
        result.lines += text.count("\n")
        if not FULL and not might_send(text):
            continue
        result.analysed += 1
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(text, path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            result.unparsable.append(path)
            continue
        try:
            findings = detect(tree, DEFAULT_SETTINGS)
        except Exception as error:  # the point of the crawl: record, then fail below
            result.crashes.append(f"{path}: {type(error).__name__}: {error}")
            continue
        if findings:
            result.findings += len(findings)
            result.with_findings.append((path, data))
    print(f"\n{result.summary()}")
    return result


def test_crawl_covers_the_websocket_libraries():
    result = crawl()
    missing = [name for name in EXPECTED_PACKAGES if name not in result.packages]
    assert not missing, f"not installed in the test environment: {missing}"
    assert result.files > 1000 and result.lines > 100_000, result.summary()


def test_detector_never_crashes_on_site_packages():
    result = crawl()
    assert result.crashes == [], "\n".join(result.crashes[:20])
    assert result.analysed > 0


def test_every_rewrite_of_site_packages_parses_and_is_idempotent():
    result = crawl()
    rewritten = 0
    problems = []
    for path, data in result.with_findings:
        fixed = fix_bytes(data, path, DEFAULT_SETTINGS)
        if fixed.problem:
            problems.append(fixed.problem)
        if not fixed.changed:
            continue
        rewritten += 1
        text, _ = decode(fixed.new, path)
        ast.parse(text, path)
        assert unintended_edits(data, fixed.new) == [], path
        again = fix_bytes(fixed.new, path, DEFAULT_SETTINGS)
        assert not again.changed, f"{path}: a second run changes it again"
    print(f"\nwscc-fix: {rewritten} of {len(result.with_findings)} files with findings rewritten; "
          f"{len(problems)} not rewritten: {problems[:5]}")
    # Otherwise the loop above checked nothing (site-packages holds literal codes to name).
    assert rewritten > 0
    # Safe mode refusing a file is allowed; failing to produce one-line problems is not.
    assert all("\n" not in problem for problem in problems)


def test_commands_over_all_of_site_packages():
    """The ``wscc`` and ``wscc-fix --check`` commands over the whole site-packages folder
    (their own file discovery, text gate and process pool) agree with the in-process crawl:
    no traceback, no file they cannot handle, the same findings."""
    import subprocess
    import sys

    result = crawl()
    expected = sorted(
        f"{path}:{finding.line}:{finding.col + 1}: {finding.code}"
        for path, data in result.with_findings
        for finding in check_bytes(data, path, DEFAULT_SETTINGS).findings
    )
    would_rewrite = sum(fix_bytes(data, path, DEFAULT_SETTINGS).changed for path, data in result.with_findings)

    def start(module, *args):
        code = f"import sys; from {module} import main; sys.exit(main())"
        return subprocess.Popen([sys.executable, "-c", code, *args, "-j", "2", SITE_PACKAGES],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    # Both at once: each is mostly one process most of the time.
    check, fix = start("wscc.cli"), start("wscc.fix.cli", "--check")
    check_out, check_err = check.communicate(timeout=300)
    fix_out, fix_err = fix.communicate(timeout=300)

    assert "Traceback" not in check_err + fix_err, check_err + fix_err
    assert check_err == "", check_err
    assert check.returncode == (1 if expected else 0)
    reported = sorted(" ".join(line.split(" ")[:2]) for line in check_out.splitlines())
    assert reported == expected
    # --check writes nothing and says in its summary what the in-process run did.
    assert fix.returncode == (1 if would_rewrite else 0), fix_err
    assert f"would rewrite {would_rewrite} file" in fix_err, fix_err
    problems = [line for line in fix_err.splitlines() if line.startswith(f"wscc-fix: {SITE_PACKAGES}")]
    assert problems == [], problems

"""``wscc``: the standalone checker, the same findings as the flake8 plugin.

Exit codes: 0 clean, 1 findings, 2 a file or path could not be read or parsed, or the
options/configuration are bad.  Every other file is still checked and reported, and 2
takes precedence over 1: a run that could not check every file is not a verdict on the
code.  Every problem is in every output format beside the findings (JSON ``errors``,
SARIF ``toolExecutionNotifications``, GitHub ``::error``) and one line on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from functools import partial
from typing import Sequence

from wscc import __version__
from wscc.check import Checked, check_bytes, check_text, read_candidate
from wscc.config import Config, ConfigError, check_codes, load
from wscc.files import PathProblem, iter_python_files
from wscc.output import FORMATS, Problem
from wscc.scheduling import Gated, gated_map
from wscc.rules import BY_CODE, DEFAULT_DISABLED
from wscc.arguments import OneLineParser, jobs as jobs_option

#: Below this many candidate files (files that mention a WebSocket library) a process
#: pool costs more than it saves: parsing and detecting one takes 2–3 ms, starting the
#: pool about 30 ms.
PARALLEL_THRESHOLD = 32


def code_options(args: argparse.Namespace, names: Sequence[str] = ("select", "ignore", "extend_select")) -> dict:
    """The rule-code options given, checked: ``ConfigError`` names the option."""
    return {
        name: check_codes(f"--{name.replace('_', '-')}", value.split(",")) if value is not None else None
        for name in names
        for value in [getattr(args, name)]
    }


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="wscc", description="Check WebSocket close codes in Python files.")
    parser.add_argument("paths", nargs="*", default=None, help="files and folders to check; - for stdin (default: .)")
    parser.add_argument("--select", help="only these rule codes or prefixes (comma-separated)")
    parser.add_argument("--ignore", help="skip these rule codes or prefixes")
    parser.add_argument("--extend-select", help="add these to the selection (e.g. the opt-in " + ",".join(DEFAULT_DISABLED) + ")")
    parser.add_argument("--format", choices=sorted(FORMATS), default="default", help="output format")
    parser.add_argument("--explain", metavar="CODE", help="print a rule's documentation and exit")
    parser.add_argument("--statistics", action="store_true", help="print the count of each code at the end")
    parser.add_argument("--disable-noqa", action="store_true", help="report findings even on lines with # noqa")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("--stdin-filename", default="-", help="the name to report for stdin")
    parser.add_argument("--config", metavar="PYPROJECT", help="read [tool.wscc] from this file instead of searching")
    parser.add_argument("-j", "--jobs", type=jobs_option, default=os.cpu_count() or 1, help="processes (default: CPU count)")
    parser.add_argument("--version", action="version", version=f"wscc {__version__}")
    return parser


def _explain(code: str) -> int:
    from wscc.docs import rule_page

    rule = BY_CODE.get(code.strip().upper())
    if rule is None:
        print(f"wscc: unknown rule code {code!r}", file=sys.stderr)
        return 2
    print(rule_page(rule), end="")
    return 0


def _gate(path: str) -> Gated[tuple[str, str], Checked]:
    text, problem = read_candidate(path)
    return Gated(payload=(path, text) if text is not None else None, result=problem)


def _check_candidate(config: Config, disable_noqa: bool, candidate: tuple[str, str]) -> Checked:
    path, text = candidate
    return check_text(text, path, config.settings_for(path), disable_noqa)


def run_checks(paths: Sequence[str], config: Config, jobs: int, disable_noqa: bool,
               stdin_name: str = "-") -> tuple[list[Checked], list[Problem]]:
    """Check every file under ``paths``: (results in path order, path problems).  Files
    that cannot contain a send, and have no problem, give no result."""
    files: list[str] = []
    problems: list[Problem] = []
    results: list[Checked] = []
    for item in iter_python_files(paths, config.is_excluded):
        if isinstance(item, PathProblem):
            problems.append(Problem(item.message, item.path))
        elif item == "-":
            data = sys.stdin.buffer.read()
            results.append(check_bytes(data, stdin_name, config.settings_for(stdin_name), disable_noqa))
        else:
            files.append(item)
    results += gated_map(files, _gate, partial(_check_candidate, config, disable_noqa), jobs,
                         parallel_from=PARALLEL_THRESHOLD)
    return results, problems


def _report(output_format: str, findings: list, problems: list[Problem]) -> None:
    for problem in problems:
        print(f"wscc: {problem}", file=sys.stderr)
    sys.stdout.write(FORMATS[output_format](findings, problems))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.explain:
        return _explain(args.explain)
    paths = args.paths or ["."]
    try:
        config = load(paths, args.config).with_options(**code_options(args))
    except ConfigError as error:
        _report(args.format, [], [Problem(str(error))])  # nothing was checked
        return 2
    try:
        results, problems = run_checks(paths, config, args.jobs, args.disable_noqa, args.stdin_filename)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130
    problems += [Problem.about(result.path, result.error) for result in results if result.error]
    findings = [(result.path, finding) for result in results for finding in result.findings]
    _report(args.format, findings, problems)
    if args.statistics:
        counts = Counter(finding.code for _, finding in findings)
        for code in sorted(counts):
            print(f"{counts[code]:<6} {code} {BY_CODE[code].summary}")
    if problems:
        return 2
    return 1 if findings and not args.exit_zero else 0


if __name__ == "__main__":
    sys.exit(main())

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
from wscc.config import STDIN_NAME, Config, ConfigError, add_options, command_line_paths, from_command_line
from wscc.files import PathProblem
from wscc.output import FORMATS, Problem
from wscc.scheduling import Gated, gated_map
from wscc.rules import BY_CODE, RULES
from wscc.arguments import OneLineParser, jobs as jobs_option
from wscc.walking import Walk, projects_for

#: Below this many candidate files (files that mention a WebSocket library) a process
#: pool costs more than it saves: parsing and detecting one takes 2–3 ms, starting the
#: pool about 30 ms.
PARALLEL_THRESHOLD = 32


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="wscc", description="Check WebSocket close codes in Python files.")
    parser.add_argument("paths", nargs="*", default=None, help="files and folders to check; - for stdin (default: .)")
    add_options(parser, "wscc")
    parser.add_argument("--format", choices=sorted(FORMATS), default="default", help="output format")
    parser.add_argument("--fix", action="store_true",
                        help="first run wscc-fix on the same paths with the same settings, then report what is left")
    parser.add_argument("--explain", metavar="CODE_OR_NAME", help="print a rule's documentation and exit")
    parser.add_argument("--list-rules", action="store_true", help="list every rule (code, name, default, fix) and exit")
    parser.add_argument("--statistics", action="store_true", help="print the count of each code at the end")
    parser.add_argument("--disable-noqa", action="store_true", help="report findings even on lines with # noqa")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("-j", "--jobs", type=jobs_option, default=os.cpu_count() or 1, help="processes (default: CPU count)")
    parser.add_argument("--version", action="version", version=f"wscc {__version__}")
    return parser


def _rule(code_or_name: str):
    wanted = code_or_name.strip()
    return BY_CODE.get(wanted.upper()) or next((rule for rule in RULES if rule.name == wanted.lower()), None)


def _explain(code_or_name: str) -> int:
    from wscc.docs import rule_page

    rule = _rule(code_or_name)
    if rule is None:
        print(f"wscc: unknown rule code or name {code_or_name!r}; run wscc --list-rules to list them", file=sys.stderr)
        return 2
    print(rule_page(rule), end="")
    return 0


def _list_rules() -> int:
    rules = sorted(RULES, key=lambda rule: rule.code)
    width = max(len(rule.name) for rule in rules)
    print(f"{'code':<7} {'name':<{width}} {'default':<7} fix")
    for rule in rules:
        print(f"{rule.code:<7} {rule.name:<{width}} {'on' if rule.default_enabled else 'off':<7} {rule.fix}")
    return 0


def _gate(projects, path: str) -> Gated[tuple[str, str], Checked]:
    text, problem = read_candidate(path, projects.for_path(path) if projects else None)
    return Gated(payload=(path, text) if text is not None else None, result=problem)


def _check_candidate(config: Config, disable_noqa: bool, projects, candidate: tuple[str, str]) -> Checked:
    path, text = candidate
    project = projects.for_path(path) if projects else None
    return check_text(text, path, config.settings_for(path), disable_noqa, project)


def run_checks(paths: Sequence[str], config: Config, jobs: int, disable_noqa: bool,
               stdin_name: str = STDIN_NAME) -> tuple[list[Checked], list[Problem]]:
    """Check every file under ``paths``: (results in path order, path problems).  Files
    that cannot contain a send, and have no problem, give no result."""
    files: list[str] = []
    problems: list[Problem] = []
    results: list[Checked] = []
    walk = Walk(paths, config)
    for item in walk:
        if isinstance(item, PathProblem):
            problems.append(Problem(item.message, item.path))
        elif item == "-":
            data = sys.stdin.buffer.read()
            if config.is_excluded_explicit(stdin_name):
                continue  # --force-exclude and an excluded --stdin-filename: nothing to say
            projects = projects_for([stdin_name], config) if stdin_name != STDIN_NAME else None
            project = projects.for_path(stdin_name) if projects else None
            results.append(check_bytes(data, stdin_name, config.settings_for(stdin_name), disable_noqa, project))
        else:
            files.append(item)
    walk.finished(bool(problems))
    projects, files = walk.indexed(files, jobs)
    # With an index, the build has read and gated every file already: the gate is a look-up,
    # never worth a pool (which would pickle the index for every chunk).
    results += gated_map(files, partial(_gate, projects), partial(_check_candidate, config, disable_noqa, projects), jobs,
                         parallel_from=PARALLEL_THRESHOLD, gate_in_pool_from=1000 if projects is None else sys.maxsize)
    return results, problems


def _report(output_format: str, findings: list, problems: list[Problem]) -> None:
    for problem in problems:
        print(f"wscc: {problem}", file=sys.stderr)
    sys.stdout.write(FORMATS[output_format](findings, problems))


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.list_rules:
        return _list_rules()
    if args.explain:
        return _explain(args.explain)
    paths = command_line_paths(args)
    try:
        if args.fix and "-" in paths:
            raise ConfigError("--fix does not rewrite stdin: use wscc-fix - (it prints the result)")
        config = from_command_line(args, paths)
    except ConfigError as error:
        _report(args.format, [], [Problem(str(error))])  # nothing was checked
        return 2
    try:
        findings, problems = _fix_and_check(args, paths, config)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130
    _report(args.format, findings, problems)
    if args.statistics:
        _print_statistics(findings)
    if problems:
        return 2
    return 1 if findings and not args.exit_zero else 0


def _fix_and_check(args, paths: list[str], config) -> tuple[list, list[Problem]]:
    """``--fix`` first (with the same settings), then the check of what is left."""
    fix_problems: list[Problem] = []
    if args.fix:
        from wscc.fix.cli import fix_in_place

        fix_problems = fix_in_place(paths, config, args.jobs, prog="wscc")
    results, problems = run_checks(paths, config, args.jobs, args.disable_noqa, args.stdin_filename or STDIN_NAME)
    problems += [Problem.about(result.path, result.error) for result in results if result.error]
    seen = {str(problem) for problem in problems}  # the fix and the check read the same files
    problems += [problem for problem in fix_problems if str(problem) not in seen]
    return [(result.path, finding) for result in results for finding in result.findings], problems


def _print_statistics(findings: list) -> None:
    counts = Counter(finding.code for _, finding in findings)
    for code in sorted(counts):
        print(f"{counts[code]:<6} {code} {BY_CODE[code].summary}")


if __name__ == "__main__":
    sys.exit(main())

"""``wscc-fix``: the command line.

Exit codes: 0 nothing changed; 1 files changed (or, with ``--check``/``--diff``, would
change); 2 a path, file or the configuration could not be read, parsed or written (every
other file is still processed; 2 takes precedence).  Each problem is one line on stderr.
"""

from __future__ import annotations

import argparse
import difflib
import errno
import itertools
import os
import sys
import tempfile
from collections import Counter
from functools import partial
from typing import Iterator, Sequence

from wscc import __version__
from wscc.check import read_candidate
from wscc.config import STDIN_NAME, Config, ConfigError, add_options, command_line_paths, from_command_line
from wscc.files import PathProblem, SourceError, decode, read_source
from wscc.fix.core import FileResult, fix_bytes
from wscc.scheduling import Gated, gated_map
from wscc.arguments import OneLineParser, jobs as jobs_option
from wscc.walking import Walk, projects_for

#: Below this many candidate files (files that mention a WebSocket library) a process
#: pool costs more than it saves.
PARALLEL_THRESHOLD = 16
#: From this many files, reading and the text gate are spread over the pool too.
PARALLEL_GATE_THRESHOLD = 1000


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="wscc-fix", description="Rename literal WebSocket close codes to library constants.")
    parser.add_argument("paths", nargs="*", help="files and folders to fix; - reads stdin and writes stdout (default: .)")
    parser.add_argument("--diff", action="store_true", help="print a unified diff, write nothing")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if anything would change")
    parser.add_argument("--exit-zero-even-if-changed", action="store_true", help="exit 0 even when files change")
    parser.add_argument("--no-safe", dest="safe", action="store_false",
                        help="skip the check that the result parses to the intended tree")
    add_options(parser, "wscc-fix")
    parser.add_argument("-j", "--jobs", type=jobs_option, default=os.cpu_count() or 1, help="processes (default: CPU count)")
    parser.add_argument("--version", action="version", version=f"wscc-fix {__version__}")
    return parser


def _fix_candidate(config: Config, safe: bool, projects, candidate: tuple[str, bytes]) -> FileResult:
    path, data = candidate
    return fix_bytes(data, path, config.settings_for(path), safe, projects.for_path(path) if projects else None)


def _gate(projects, path: str) -> Gated[tuple[str, bytes], FileResult]:
    """The file's bytes if it may need an edit; a result naming a problem; or nothing.
    The same test as ``wscc``'s (``read_candidate``: a file the project index has read or
    found unchanged is not read again), then the bytes of a candidate, as the rewrite
    keeps them."""
    project = projects.for_path(path) if projects else None
    text, problem = read_candidate(path, project)
    if problem is not None:
        return Gated(result=FileResult(path, problem=problem.error))
    if text is None:
        return Gated()
    try:
        data, _text = read_source(path)
    except SourceError as error:
        return Gated(result=FileResult(path, problem=str(error)))
    return Gated(payload=(path, data))


def _before_pool(config: Config) -> None:
    """Candidates are likely to need an edit: import libcst (and read the fallback
    constants) before the pool forks, so that the workers share them instead of each
    loading them on its first edit."""
    from wscc.fix import rewrite  # noqa: F401

    if config.fallback_constants:
        from wscc.fallback import for_config

        for_config(config).preload()


def run(paths: Sequence[str], config: Config, jobs: int, safe: bool = True,
        stdin_name: str = STDIN_NAME) -> tuple[Iterator[FileResult], list[PathProblem]]:
    """Fix (in memory) every file under ``paths``: (results in path order, each as soon as
    it is ready; path problems).  Files that cannot need an edit, and have no problem,
    give no result."""
    problems: list[PathProblem] = []
    files: list[str] = []
    stdin: list[FileResult] = []
    walk = Walk(paths, config)
    for item in walk:
        if isinstance(item, PathProblem):
            problems.append(item)
        elif item == "-":
            data = sys.stdin.buffer.read()
            if config.is_excluded_explicit(stdin_name):
                stdin.append(FileResult(stdin_name, data))  # printed back as it is
                continue
            projects = projects_for([stdin_name], config) if stdin_name != STDIN_NAME else None
            project = projects.for_path(stdin_name) if projects else None
            stdin.append(fix_bytes(data, stdin_name, config.settings_for(stdin_name), safe, project))
        else:
            files.append(item)
    walk.finished(bool(problems))
    projects, files = walk.indexed(files, jobs)
    results = gated_map(files, partial(_gate, projects), partial(_fix_candidate, config, safe, projects), jobs,
                        parallel_from=PARALLEL_THRESHOLD,
                        # with an index the gate is a look-up (see wscc.cli.run_checks)
                        gate_in_pool_from=PARALLEL_GATE_THRESHOLD if projects is None else sys.maxsize,
                        before_pool=partial(_before_pool, config))
    return itertools.chain(stdin, results), problems


def write_atomically(path: str, data: bytes) -> None:
    """Replace the file's content in one step, keeping its mode (and a symlink's target)."""
    target = os.path.realpath(path)
    mode = os.stat(target).st_mode & 0o7777
    if not os.access(target, os.W_OK):
        # os.replace would succeed whatever the file's mode: a read-only file stays as it is.
        raise PermissionError(errno.EACCES, "the file is read-only")
    folder = os.path.dirname(target) or "."
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".wscc-fix")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _diff(result: FileResult) -> str:
    old, _ = decode(result.original, result.path)
    new, _ = decode(result.new or b"", result.path)
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), result.path, result.path,
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def _summary(results: list[FileResult], dry_run: bool, prog: str = "wscc-fix") -> str:
    changed = [r for r in results if r.changed]
    fixed = sum(r.fixed for r in changed)
    skipped: Counter = Counter()
    for result in results:
        skipped.update(result.skipped)
    verb = "would rewrite" if dry_run else "rewrote"
    files = f"{len(changed)} file{'s' if len(changed) != 1 else ''}"
    line = f"{prog}: {verb} {files} ({fixed} close code{'s' if fixed != 1 else ''} named)"
    suppressed = 0
    if skipped:  # only planned files skip anything: the planner is loaded by now
        from wscc.fix.plan import SUPPRESSED

        suppressed = skipped.pop(SUPPRESSED, 0)
    left = sum(skipped.values())
    if left:
        reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        line += f"; {left} left as they are: {reasons}"
    if suppressed:
        line += f"; {suppressed} under # noqa"
    return line


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = command_line_paths(args)
    try:
        config = from_command_line(args, paths)
    except ConfigError as error:
        print(f"wscc-fix: {error}", file=sys.stderr)
        return 2
    dry_run = args.diff or args.check
    try:
        done, problems = _apply(args, paths, config, dry_run)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130
    for problem in problems:
        print(f"wscc-fix: {problem}", file=sys.stderr)
    changed = any(result.changed for result in done)
    if changed or not problems:  # no "rewrote 0 files" under a list of problems
        print(_summary(done, dry_run), file=sys.stderr)
    if problems:
        return 2
    if changed and not args.exit_zero_even_if_changed:
        return 1
    return 0


def fix_in_place(paths: list[str], config: Config, jobs: int, prog: str = "wscc-fix") -> list:
    """``wscc --fix``: rewrite the files as ``wscc-fix`` would, naming each on stderr with
    a summary line; the problems, as ``wscc.output.Problem``."""
    from wscc.output import Problem

    results, path_problems = run(paths, config, jobs)
    problems = [Problem(problem.message, problem.path) for problem in path_problems]
    done: list[FileResult] = []
    for result in results:
        done.append(result)
        if result.problem:
            problems.append(Problem.about(result.path, result.problem))
        elif result.changed:
            try:
                write_atomically(result.path, result.new)
            except OSError as error:
                problems.append(Problem(f"cannot write: {error.strerror or error}", result.path))
                result.new = None
            else:
                print(f"Rewrote {result.path}", file=sys.stderr)
    if any(result.changed for result in done):
        print(_summary(done, False, prog), file=sys.stderr)
    return problems


def _apply(args: argparse.Namespace, paths: list[str], config: Config, dry_run: bool) -> tuple[list[FileResult], list[str]]:
    """Write, diff or print each result as soon as it arrives (while a pool works on the
    rest): (every result, every problem)."""
    results, path_problems = run(paths, config, args.jobs, args.safe, args.stdin_filename or STDIN_NAME)
    problems = [str(problem) for problem in path_problems]
    from_stdin = "-" in paths
    done: list[FileResult] = []
    for result in results:
        is_stdin = from_stdin and not done
        done.append(result)
        if result.problem:
            problems.append(result.problem)
        if is_stdin and not dry_run:
            sys.stdout.buffer.write(result.new if result.changed else result.original)
            sys.stdout.buffer.flush()
            continue
        if not result.changed:
            continue
        if args.diff:
            sys.stdout.write(_diff(result))
        elif not args.check:
            try:
                write_atomically(result.path, result.new)
            except OSError as error:
                problems.append(f"{result.path}: cannot write: {error.strerror or error}")
                result.new = None
            else:
                print(f"Rewrote {result.path}", file=sys.stderr)
    return done, problems


if __name__ == "__main__":
    sys.exit(main())

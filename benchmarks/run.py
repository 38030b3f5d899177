"""wscc's performance harness: ``python benchmarks/run.py`` (see benchmarks/README.md).

Builds what it needs into ``benchmarks/.cache/`` (Django's source tree and ruff from PyPI,
the dense synthetic corpus), then runs each comparison as subprocesses side by side:
one warm-up of each side, then ``--pairs`` pairs alternating which side goes first, and
prints the median of the per-pair ratios A ÷ B against the target.  Wall time is the
number that is judged; CPU time (user + system of the process and its children, from
``wait4``) is printed beside it because it is far less disturbed by other load on a
shared machine.  Peak memory is the largest resident set of any one process of a run.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
RESULTS = HERE / "results.md"
PYTHON = sys.executable
SCRIPTS = Path(sysconfig.get_path("scripts"))

DJANGO_REQUIREMENT = "Django>=5.2,<5.3"
RUFF_REQUIREMENT = "ruff"
KUBERNETES_REQUIREMENT = "kubernetes"
DENSE_MODULES = 400
#: Copies of Django in the large tree (8,850 files for 10).
DJANGO_COPIES = 10

#: The children run as a user's shell would run them: with bytecode caching on (a
#: ``PYTHONDONTWRITEBYTECODE`` in the harness's own environment would make every run
#: compile wscc from source, which no installed tool does).
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

#: A clean module of Django checked alone (what pre-commit does after an edit to it), and
#: a small project holding a module with one finding.
ONE_CLEAN_FILE = "django/utils/text.py"
ONE_FINDING_PROJECT = {
    "pyproject.toml": '[project]\nname = "one-finding"\nversion = "0"\n',
    "app/__init__.py": "",
    "app/views.py": "import websockets\n\n\nasync def handler(ws):\n    await ws.close(1006)\n",
}

# Django's own flake8 settings (its setup.cfg), so that the run looks like Django's CI.
FLAKE8_ARGS = ["--isolated", "--max-line-length", "88", "--extend-ignore", "E203"]

sys.path.insert(0, str(HERE))
import corpus  # noqa: E402  (the generator beside this file)


# --------------------------------------------------------------------------- building


def _pip_download(requirement: str, into: Path) -> Path:
    """Download the wheel of ``requirement`` (no dependencies) and return its path."""
    into.mkdir(parents=True, exist_ok=True)
    before = set(into.glob("*.whl"))
    subprocess.run(
        [PYTHON, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
         "--dest", str(into), requirement],
        check=True,
    )
    name = requirement.split(">")[0].split("<")[0].split("=")[0].lower().replace("-", "_")
    wheels = sorted(p for p in into.glob("*.whl") if p.name.lower().startswith(name + "-"))
    if not wheels:
        raise SystemExit(f"benchmarks: pip download {requirement} produced no wheel ({before})")
    # The newest version pip resolved is the one it just saved (or had saved before).
    return max(wheels, key=lambda p: p.stat().st_mtime)


def _version_of(wheel: Path) -> str:
    return wheel.name.split("-")[1]


# A project file at the top of each corpus, as a real checkout has: wscc's configuration
# search stops there instead of climbing into this repository's own pyproject.toml.
CORPUS_PYPROJECT = '[project]\nname = "{name}"\nversion = "0"\n'


def _own_pyproject(tree: Path, name: str) -> Path:
    project = tree / "pyproject.toml"
    if not project.exists():
        project.write_text(CORPUS_PYPROJECT.format(name=name), encoding="utf-8")
    return tree


def _package_tree(requirement: str, package: str) -> Path:
    """The ``package/`` folder of ``requirement``'s wheel, extracted once into the cache."""
    marker = CACHE / f"{package}.version"
    if marker.exists():
        tree = CACHE / f"{package}-{marker.read_text().strip()}"
        if (tree / package / "__init__.py").exists():
            return _own_pyproject(tree, package)
    wheel = _pip_download(requirement, CACHE / "downloads")
    tree = CACHE / f"{package}-{_version_of(wheel)}"
    shutil.rmtree(tree, ignore_errors=True)
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tree, [n for n in archive.namelist() if n.startswith(f"{package}/")])
    marker.write_text(_version_of(wheel) + "\n")
    return _own_pyproject(tree, package)


def build_django() -> Path:
    """Django's package tree (the ``django/`` folder of the wheel): ~885 files, ~159k lines."""
    return _package_tree(DJANGO_REQUIREMENT, "django")


def build_ruff() -> Path:
    """The ruff binary, taken out of its wheel (no virtualenv needed)."""
    binary = CACHE / "bin" / "ruff"
    if binary.exists():
        return binary
    wheel = _pip_download(RUFF_REQUIREMENT, CACHE / "downloads")
    binary.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as archive:
        member = next(n for n in archive.namelist() if n.endswith(".data/scripts/ruff"))
        with archive.open(member) as source, open(binary, "wb") as target:
            shutil.copyfileobj(source, target)
    binary.chmod(0o755)
    return binary


def build_django_copies(django: Path, copies: int) -> Path:
    """``copies`` copies of the Django tree side by side, as one project."""
    tree = CACHE / f"{django.name}-x{copies}"
    if not (tree / "complete").exists():
        shutil.rmtree(tree, ignore_errors=True)
        for number in range(copies):
            shutil.copytree(django / "django", tree / f"copy{number}" / "django")
        (tree / "complete").write_text("")
    return _own_pyproject(tree, f"django-x{copies}")


def build_kubernetes() -> Path:
    """The ``kubernetes`` package of the Kubernetes Python client (generated code)."""
    return _package_tree(KUBERNETES_REQUIREMENT, "kubernetes")


def build_one_finding() -> Path:
    tree = CACHE / "one-finding"
    for name, text in ONE_FINDING_PROJECT.items():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        if not (tree / name).exists():
            (tree / name).write_text(text, encoding="utf-8")
    return tree


def build_dense(count: int) -> Path:
    directory = CACHE / f"dense-{count}"
    if not (directory / "complete").exists():
        shutil.rmtree(directory, ignore_errors=True)
        corpus.build(directory / "src", count)
        (directory / "complete").write_text("")
    return _own_pyproject(directory / "src", "dense-corpus")


def corpus_size(tree: Path) -> tuple[int, int]:
    files = list(tree.rglob("*.py"))
    return len(files), sum(p.read_bytes().count(b"\n") for p in files)


# --------------------------------------------------------------------------- commands


def console_script(name: str, module: str) -> list[str] | None:
    """How to run a wscc console script, or ``None`` if it does not exist yet."""
    try:
        if importlib.util.find_spec(module) is None:
            return None
    except ModuleNotFoundError:
        return None
    script = SCRIPTS / name
    return [str(script)] if script.exists() else [PYTHON, "-m", module]


@dataclass
class Command:
    label: str
    #: argv for the run; ``{tree}`` is replaced by the fresh copy when ``copy_of`` is set.
    argv: list[str]
    #: Run on a fresh copy of this tree (for commands that rewrite files).
    copy_of: Path | None = None
    ok_exit_codes: tuple[int, ...] = (0, 1)
    #: The folder it runs in (``None``: the harness's).
    cwd: Path | None = None
    #: The run must rewrite at least one file of the copy, or it is not measuring the work
    #: it claims to (checked on the warm-up run).
    expect_rewrites: bool = False


@dataclass
class Sample:
    wall: float
    cpu: float
    max_rss_mb: float


class CommandFailed(Exception):
    pass


def _rewritten(original: Path, copy: Path) -> tuple[int, int]:
    files = sorted(original.rglob("*.py"))
    changed = sum(1 for path in files if (copy / path.relative_to(original)).read_bytes() != path.read_bytes())
    return changed, len(files)


def run_once(command: Command, inspect: bool = False) -> Sample:
    workdir = None
    argv = command.argv
    if command.copy_of is not None:
        workdir = Path(tempfile.mkdtemp(prefix="run-", dir=CACHE))
        tree = workdir / command.copy_of.name
        shutil.copytree(command.copy_of, tree)
        argv = [arg.replace("{tree}", str(tree)) for arg in argv]
    try:
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors, env=CHILD_ENV,
                                       cwd=command.cwd)
            # wait4 gives the child's own resource usage (children it waited for included),
            # not this harness's.
            _pid, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode not in command.ok_exit_codes:
                errors.seek(0)
                tail = errors.read().decode(errors="replace").strip().splitlines()[-5:]
                raise CommandFailed(f"{command.label} exited {process.returncode}: " + " | ".join(tail))
        if inspect and command.copy_of is not None:
            changed, total = _rewritten(command.copy_of, tree)
            print(f"  {command.label}: rewrote {changed} of {total} files", flush=True)
            if command.expect_rewrites and not changed:
                raise CommandFailed(f"{command.label} rewrote nothing, so it measures no real work")
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


@dataclass
class Outcome:
    name: str
    title: str
    target: str
    ratio: float | None = None
    cpu_ratio: float | None = None
    best_ratio: float | None = None
    a_wall: float | None = None
    b_wall: float | None = None
    a_rss: float | None = None
    b_rss: float | None = None
    met: bool | None = None
    note: str = ""
    load: str = ""
    ratios: list[float] = field(default_factory=list)


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def compare(name: str, title: str, target: float, a: Command, b: Command, pairs: int) -> Outcome:
    """Warm-up of each, then ``pairs`` alternating pairs; medians of per-pair ratios."""
    outcome = Outcome(name, title, f"≤ {target:g}")
    load_before = _load()
    print(f"\n[{name}] {title}\n  A = {a.label}\n  B = {b.label}\n  load before: {load_before}", flush=True)
    try:
        run_once(a, inspect=True)
        run_once(b, inspect=True)
        samples: list[tuple[Sample, Sample]] = []
        for index in range(pairs):
            if index % 2 == 0:
                first, second = run_once(a), run_once(b)
                samples.append((first, second))
            else:
                second, first = run_once(b), run_once(a)
                samples.append((first, second))
            ratio = samples[-1][0].wall / samples[-1][1].wall
            print(f"  pair {index + 1}: A/B = {ratio:.3f}  "
                  f"(cpu {samples[-1][0].cpu / samples[-1][1].cpu:.3f})", flush=True)
    except CommandFailed as error:
        outcome.note = f"failed: {error}"
        print(f"  {outcome.note}")
        return outcome
    outcome.ratios = [sa.wall / sb.wall for sa, sb in samples]
    outcome.ratio = statistics.median(outcome.ratios)
    outcome.cpu_ratio = statistics.median(sa.cpu / sb.cpu for sa, sb in samples)
    # The fastest run of each side is the one least disturbed by other work: a cross-check
    # of the median when the machine is busy.
    outcome.best_ratio = min(sa.wall for sa, _ in samples) / min(sb.wall for _, sb in samples)
    outcome.a_wall = statistics.median(sa.wall for sa, _ in samples)
    outcome.b_wall = statistics.median(sb.wall for _, sb in samples)
    outcome.a_rss = max(sa.max_rss_mb for sa, _ in samples)
    outcome.b_rss = max(sb.max_rss_mb for _, sb in samples)
    outcome.met = outcome.ratio <= target
    outcome.load = f"{load_before} → {_load()}"
    print(f"  median A/B = {outcome.ratio:.3f} (target ≤ {target:g}: {'met' if outcome.met else 'MISSED'}); "
          f"cpu-time ratio {outcome.cpu_ratio:.3f}; best A ÷ best B {outcome.best_ratio:.3f}; load after: {_load()}", flush=True)
    return outcome


def measure_memory(name: str, title: str, limit_mb: float, command: Command, runs: int) -> Outcome:
    outcome = Outcome(name, title, f"≤ {limit_mb:g} MB")
    print(f"\n[{name}] {title}\n  {command.label}\n  load before: {_load()}", flush=True)
    try:
        run_once(command, inspect=True)  # warm-up
        samples = [run_once(command) for _ in range(runs)]
    except CommandFailed as error:
        outcome.note = f"failed: {error}"
        print(f"  {outcome.note}")
        return outcome
    outcome.a_rss = max(s.max_rss_mb for s in samples)
    outcome.a_wall = statistics.median(s.wall for s in samples)
    outcome.met = outcome.a_rss <= limit_mb
    outcome.load = _load()
    print(f"  peak RSS {outcome.a_rss:.0f} MB (limit {limit_mb:g} MB: {'met' if outcome.met else 'MISSED'})",
          flush=True)
    return outcome


# --------------------------------------------------------------------------- the suite


@dataclass
class Benchmark:
    name: str
    needs: tuple[str, ...]  # console scripts it cannot run without
    run: Callable[["Context"], Outcome]


@dataclass
class Context:
    pairs: int
    flake8_jobs: str | None
    django: Path
    dense: Path
    ruff: Path
    wscc: list[str] | None
    wscc_fix: list[str] | None
    django_copies: Path | None = None
    kubernetes: Path | None = None
    one_finding: Path | None = None


def _flake8_on(ctx: Context, name: str, corpus_name: str, tree: Path) -> Outcome:
    runner = [PYTHON, str(HERE / "flake8_runner.py")]
    args = [*FLAKE8_ARGS, *(["-j", ctx.flake8_jobs] if ctx.flake8_jobs else []), str(tree)]
    jobs = f" (-j {ctx.flake8_jobs})" if ctx.flake8_jobs else ""
    return compare(
        name, f"flake8{jobs} on {corpus_name}, wscc installed ÷ not installed", 1.01,
        Command("flake8 (with the WSC plugin)", [*runner, *args]),
        Command("flake8 (wscc distribution hidden)", [*runner, "--hide-wscc", *args]),
        ctx.pairs,
    )


def _flake8(ctx: Context) -> Outcome:
    return _flake8_on(ctx, "flake8", "Django", ctx.django)


def _flake8_kubernetes(ctx: Context) -> Outcome:
    return _flake8_on(ctx, "flake8-kubernetes", f"the Kubernetes client ({ctx.kubernetes.name})", ctx.kubernetes)


def _flake8_share(ctx: Context) -> Outcome:
    """The flake8 rows' question asked from inside one run (``plugin_share.py``): whole
    run ÷ (whole run − the plugin's import and calls), flake8 -j 1 on Django."""
    import plugin_share

    title = ("flake8 -j 1 on Django in one process: the whole run ÷ the run without the WSC plugin's "
             "import and calls (plugin_share.py)")
    outcome = Outcome("flake8-share", title, "≤ 1.01")
    print(f"\n[flake8-share] {title}\n  load before: {_load()}", flush=True)
    load_before = _load()
    taken = plugin_share.samples(ctx.django, FLAKE8_ARGS, max(3, ctx.pairs // 3))
    outcome.ratios = [whole / (whole - plugin) for plugin, whole in taken]
    outcome.ratio = outcome.cpu_ratio = statistics.median(outcome.ratios)
    outcome.best_ratio = min(outcome.ratios)
    outcome.a_wall = statistics.median(whole for _, whole in taken)
    outcome.b_wall = statistics.median(whole - plugin for plugin, whole in taken)
    outcome.met = outcome.ratio <= 1.01
    outcome.load = f"{load_before} → {_load()}"
    print(f"  median {outcome.ratio:.4f} over {len(taken)} runs (target ≤ 1.01: "
          f"{'met' if outcome.met else 'MISSED'})", flush=True)
    return outcome


def _ruff_command(ctx: Context, tree: Path) -> Command:
    return Command("ruff check --select PLR2004", [
        str(ctx.ruff), "check", "--isolated", "--no-cache", "--quiet", "--select", "PLR2004", str(tree),
    ])


def _wscc_vs_ruff(ctx: Context) -> Outcome:
    # wscc's default, its cache on (the warm-up run writes it); ruff without its cache.
    return compare(
        "wscc-ruff", "wscc on Django ÷ ruff check --select PLR2004 --no-cache on Django", 1.0,
        Command("wscc", [*ctx.wscc, str(ctx.django)]),
        _ruff_command(ctx, ctx.django),
        ctx.pairs,
    )


def _wscc_cold_vs_ruff(ctx: Context) -> Outcome:
    return compare(
        "wscc-ruff-cold", "wscc --no-cache on Django ÷ ruff check --select PLR2004 --no-cache", 1.0,
        Command("wscc --no-cache", [*ctx.wscc, "--no-cache", str(ctx.django)]),
        _ruff_command(ctx, ctx.django),
        ctx.pairs,
    )


def _wscc_vs_floor(ctx: Context) -> Outcome:
    return compare(
        "wscc-floor", "wscc on Django ÷ a Python script that walks the tree and reads every .py file", 1.6,
        Command("wscc", [*ctx.wscc, str(ctx.django)]),
        Command("walk and read", [PYTHON, str(HERE / "walk_read_baseline.py"), str(ctx.django)]),
        ctx.pairs,
    )


def _python_pass() -> Command:
    return Command("python -c pass", [PYTHON, "-c", "pass"])


def _one_clean_file(ctx: Context) -> Outcome:
    return compare(
        "one-clean", f"wscc {ONE_CLEAN_FILE} (in Django) ÷ python -c pass", 3.0,
        Command(f"wscc {ONE_CLEAN_FILE}", [*ctx.wscc, ONE_CLEAN_FILE], cwd=ctx.django),
        _python_pass(),
        ctx.pairs,
    )


def _one_finding_file(ctx: Context) -> Outcome:
    return compare(
        "one-finding", "wscc app/views.py (one finding, a 2-module project) ÷ python -c pass", 4.0,
        Command("wscc app/views.py", [*ctx.wscc, "app/views.py"], cwd=ctx.one_finding),
        _python_pass(),
        ctx.pairs,
    )


def _wscc_vs_ruff_large(ctx: Context) -> Outcome:
    return compare(
        "wscc-ruff-x10", f"wscc on {DJANGO_COPIES} copies of Django ÷ ruff check --select PLR2004 --no-cache", 1.0,
        Command("wscc", [*ctx.wscc, str(ctx.django_copies)]),
        _ruff_command(ctx, ctx.django_copies),
        ctx.pairs,
    )


def _check_vs_wscc(ctx: Context) -> Outcome:
    return compare(
        "fix-check", "wscc-fix --check on Django ÷ wscc on Django", 1.1,
        Command("wscc-fix --check", [*ctx.wscc_fix, "--check", str(ctx.django)]),
        Command("wscc", [*ctx.wscc, str(ctx.django)]),
        ctx.pairs,
    )


def _fix_vs_parse(ctx: Context) -> Outcome:
    # One process on each side: this compares work, not parallelism (see fix-jobs).
    return compare(
        "fix-parse", "wscc-fix -j 1 on the dense corpus ÷ libcst.parse_module of every file", 1.5,
        Command("wscc-fix -j 1 (fresh copy)", [*ctx.wscc_fix, "-j", "1", "{tree}"], copy_of=ctx.dense,
                expect_rewrites=True),
        Command("libcst.parse_module", [PYTHON, str(HERE / "parse_baseline.py"), str(ctx.dense)]),
        ctx.pairs,
    )


def _fix_jobs(ctx: Context) -> Outcome:
    return compare(
        "fix-jobs", "wscc-fix -j 2 ÷ wscc-fix -j 1 on the dense corpus", 0.65,
        Command("wscc-fix -j 2 (fresh copy)", [*ctx.wscc_fix, "-j", "2", "{tree}"], copy_of=ctx.dense,
                expect_rewrites=True),
        Command("wscc-fix -j 1 (fresh copy)", [*ctx.wscc_fix, "-j", "1", "{tree}"], copy_of=ctx.dense,
                expect_rewrites=True),
        ctx.pairs,
    )


def _fix_memory(ctx: Context) -> Outcome:
    return measure_memory(
        "fix-memory", "peak memory of wscc-fix -j 1 on Django", 200,
        Command("wscc-fix -j 1 (fresh copy of Django)", [*ctx.wscc_fix, "-j", "1", "{tree}"], copy_of=ctx.django),
        runs=3,
    )


BENCHMARKS = [
    Benchmark("flake8", (), _flake8),
    Benchmark("flake8-kubernetes", (), _flake8_kubernetes),
    Benchmark("flake8-share", (), _flake8_share),
    Benchmark("wscc-ruff", ("wscc",), _wscc_vs_ruff),
    Benchmark("wscc-ruff-cold", ("wscc",), _wscc_cold_vs_ruff),
    Benchmark("wscc-floor", ("wscc",), _wscc_vs_floor),
    Benchmark("one-clean", ("wscc",), _one_clean_file),
    Benchmark("one-finding", ("wscc",), _one_finding_file),
    Benchmark("wscc-ruff-x10", ("wscc",), _wscc_vs_ruff_large),
    Benchmark("fix-check", ("wscc", "wscc-fix"), _check_vs_wscc),
    Benchmark("fix-parse", ("wscc-fix",), _fix_vs_parse),
    Benchmark("fix-jobs", ("wscc-fix",), _fix_jobs),
    Benchmark("fix-memory", ("wscc-fix",), _fix_memory),
]


# --------------------------------------------------------------------------- report


def machine_description() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores ({model or platform.machine()}), Python {platform.python_version()}"


def markdown(outcomes: list[Outcome], header: dict[str, str]) -> str:
    lines = ["# wscc performance results", ""]
    lines += [f"- {key}: {value}" for key, value in header.items()]
    lines += ["", "| comparison | target | median ratio (wall) | cpu-time ratio | best A ÷ best B | medians A / B | peak RSS A / B | met | load (1/5/15 min) |",
              "|---|---|---|---|---|---|---|---|---|"]
    for o in outcomes:
        if o.note:
            lines.append(f"| {o.title} | {o.target} | — | — | — | — | — | not run: {o.note} | |")
        elif o.ratio is None:  # memory
            lines.append(f"| {o.title} | {o.target} | — | — | — | {o.a_wall:.2f} s | {o.a_rss:.0f} MB | "
                         f"{'yes' if o.met else 'no'} | {o.load} |")
        else:
            rss = f"{o.a_rss:.0f} / {o.b_rss:.0f} MB" if o.a_rss is not None else "—"
            lines.append(f"| {o.title} | {o.target} | {o.ratio:.3f} | {o.cpu_ratio:.3f} | {o.best_ratio:.3f} | "
                         f"{o.a_wall:.2f} s / {o.b_wall:.2f} s | {rss} | "
                         f"{'yes' if o.met else 'no'} | {o.load} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=5, help="timed A/B pairs per comparison (default 5)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only this comparison (repeatable): " + ", ".join(b.name for b in BENCHMARKS))
    parser.add_argument("--dense-modules", type=int, default=DENSE_MODULES,
                        help=f"size of the synthetic corpus (default {DENSE_MODULES})")
    parser.add_argument("--write-results", action="store_true",
                        help=f"write the table to {RESULTS.relative_to(HERE.parent)}")
    parser.add_argument("--flake8-jobs", metavar="N",
                        help="flake8's -j for the flake8 comparison (default: flake8's own, one per core)")
    parser.add_argument("--build-only", action="store_true", help="build the cache and stop")
    args = parser.parse_args(argv)
    unknown = set(args.only) - {b.name for b in BENCHMARKS}
    if unknown:
        parser.error(f"unknown comparison(s): {', '.join(sorted(unknown))}")
    if args.pairs < 1:
        parser.error("--pairs needs at least 1")

    CACHE.mkdir(parents=True, exist_ok=True)
    django, ruff, dense = build_django(), build_ruff(), build_dense(args.dense_modules)
    ruff_version = subprocess.run([str(ruff), "--version"], capture_output=True, text=True).stdout.strip()
    django_files, django_lines = corpus_size(django)
    dense_files, dense_lines = corpus_size(dense)
    wanted = {b.name for b in BENCHMARKS if not args.only or b.name in args.only}
    copies = build_django_copies(django, DJANGO_COPIES) if "wscc-ruff-x10" in wanted else None
    kubernetes = build_kubernetes() if "flake8-kubernetes" in wanted else None
    header = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "machine": machine_description(),
        "Django corpus": f"{django.name}: {django_files} files, {django_lines} lines",
        "dense corpus": f"{dense_files} generated handler modules, {dense_lines} lines",
        "baselines": f"{ruff_version}, flake8 {_distribution_version('flake8')}, libcst {_distribution_version('libcst')}",
        "pairs per comparison": str(args.pairs),
    }
    if copies is not None:
        header["large corpus"] = "{} copies of Django: {} files, {} lines".format(DJANGO_COPIES, *corpus_size(copies))
    if kubernetes is not None:
        header["Kubernetes corpus"] = "{}: {} files, {} lines".format(kubernetes.name, *corpus_size(kubernetes))
    for key, value in header.items():
        print(f"{key}: {value}")
    if args.build_only:
        return 0

    ctx = Context(args.pairs, args.flake8_jobs, django, dense, ruff,
                  console_script("wscc", "wscc.cli"), console_script("wscc-fix", "wscc.fix.cli"),
                  django_copies=copies, kubernetes=kubernetes, one_finding=build_one_finding())
    outcomes = []
    for benchmark in BENCHMARKS:
        if args.only and benchmark.name not in args.only:
            continue
        missing = [name for name in benchmark.needs
                   if (ctx.wscc if name == "wscc" else ctx.wscc_fix) is None]
        if missing:
            print(f"\n[{benchmark.name}] skipped: {', '.join(missing)} is not installed yet")
            outcomes.append(Outcome(benchmark.name, benchmark.name, "", note=f"{', '.join(missing)} missing"))
            continue
        outcomes.append(benchmark.run(ctx))

    table = markdown(outcomes, header)
    print("\n" + table)
    if args.write_results:
        RESULTS.write_text(table, encoding="utf-8")
        print(f"wrote {RESULTS}")
    return 0 if all(o.met for o in outcomes if not o.note) else 1


def _commit() -> str:
    """The commit of the wscc checkout being measured (``+`` when it has local changes)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=HERE,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+" if dirty else "")


def _distribution_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


if __name__ == "__main__":
    sys.exit(main())

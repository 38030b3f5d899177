"""Where wscc spends its time: ``python benchmarks/profile_wscc.py [PART ...]``.

Parts (default: all):
  detector  read/decode/gate/parse/detect phases over Django and the dense corpus, and a
            cProfile of the detector alone on the dense corpus
  plugin    the flake8 plugin over Django's already-parsed trees (what flake8 adds per
            file), its import cost, and the overhead that implies for a flake8 run
  cli       cProfile of ``wscc -j 1`` on Django, in process
  fix       cProfile of ``wscc-fix -j 1`` on a fresh copy of the dense corpus, in process
  startup   import cost of each front end (``python -X importtime``), fresh interpreters

Run ``python benchmarks/run.py --build-only`` first: it fills ``benchmarks/.cache``.
Numbers here are absolute times of one process (noisy on a shared machine); the judged
ratios come from run.py.
"""

from __future__ import annotations

import ast
import cProfile
import io
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
TOP = 18


def _django() -> Path:
    version = (CACHE / "django.version").read_text().strip()
    return CACHE / f"django-{version}"


def _dense() -> Path:
    trees = sorted(CACHE.glob("dense-*/src"))
    if not trees:
        raise SystemExit("profile: run `python benchmarks/run.py --build-only` first")
    return trees[0]


def _files(tree: Path) -> list[Path]:
    return sorted(tree.rglob("*.py"))


def _print_profile(profile: cProfile.Profile, title: str) -> None:
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(TOP)
        body = out.getvalue()
        body = body[body.find("   ncalls"):]
        print(f"\n--- {title}, by {order}\n{body.rstrip()}")


def _timed(label: str, total: dict[str, float], function, *args):
    start = time.perf_counter()
    result = function(*args)
    total[label] = total.get(label, 0.0) + time.perf_counter() - start
    return result


def detector_phases(tree: Path) -> None:
    from wscc.detector import detect, might_send
    from wscc.files import decode

    phases: dict[str, float] = {}
    gated = parsed = findings = 0
    for path in _files(tree):
        data = _timed("read", phases, path.read_bytes)
        text, _ = _timed("decode", phases, decode, data, str(path))
        if not _timed("gate (might_send)", phases, might_send, text):
            continue
        gated += 1
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = _timed("ast.parse", phases, ast.parse, text)
        parsed += 1
        findings += len(_timed("detect", phases, detect, module))
    total = sum(phases.values())
    print(f"\n{tree.name}: {len(_files(tree))} files, {gated} pass the gate, {findings} findings; "
          f"{total * 1000:.0f} ms in all")
    for phase, seconds in phases.items():
        print(f"  {phase:<20} {seconds * 1000:8.1f} ms  {100 * seconds / total:5.1f} %")


def part_detector() -> None:
    print("== detector phases (one process, no front end)")
    detector_phases(_django())
    detector_phases(_dense())
    from wscc.detector import detect

    trees = [ast.parse(p.read_text("utf-8")) for p in _files(_dense())]
    profile = cProfile.Profile()
    profile.enable()
    for module in trees:
        detect(module)
    profile.disable()
    _print_profile(profile, "detect() over the dense corpus (trees parsed beforehand)")


def part_plugin() -> None:
    print("== flake8 plugin over Django (trees parsed beforehand, as flake8 hands them over)")
    from wscc.flake8_plugin import Plugin

    inputs = []
    parse_seconds = 0.0
    for path in _files(_django()):
        text = path.read_text("utf-8")
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = ast.parse(text)
        parse_seconds += time.perf_counter() - start
        inputs.append((module, text.splitlines(keepends=True)))

    def run_all() -> int:
        return sum(len(list(Plugin(module, lines).run())) for module, lines in inputs)

    run_all()  # warm-up
    best = min(_seconds(run_all) for _ in range(5))
    print(f"  plugin run() over {len(inputs)} files: {best * 1000:.1f} ms "
          f"(ast.parse of the same files: {parse_seconds * 1000:.0f} ms)")
    import_ms = _import_ms("wscc.flake8_plugin")
    print(f"  import wscc.flake8_plugin in a fresh interpreter: {import_ms:.1f} ms")
    flake8_cpu = _flake8_cpu_seconds()
    if flake8_cpu:
        overhead = (best + import_ms / 1000) / flake8_cpu
        print(f"  flake8 without wscc on Django: {flake8_cpu:.2f} s of CPU; the plugin adds "
              f"{100 * overhead:.2f} % of it (implied ratio {1 + overhead:.3f})")
    profile = cProfile.Profile()
    profile.enable()
    run_all()
    profile.disable()
    _print_profile(profile, "flake8 plugin run() over Django")


def _seconds(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _import_ms(module: str, runs: int = 5) -> float:
    """Best-of-``runs`` cumulative import time of ``module`` (its own share, not site's)."""
    best = float("inf")
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"],
                                capture_output=True, text=True)
        for line in result.stderr.splitlines():
            fields = [f.strip() for f in line.split("|")]
            if len(fields) == 3 and fields[2] == module:
                best = min(best, int(fields[1]) / 1000)
    return best


def _flake8_cpu_seconds() -> float | None:
    """CPU time of flake8 on Django with wscc hidden (best of 2), from wait4."""
    runner = [sys.executable, str(HERE / "flake8_runner.py"), "--hide-wscc", "--isolated",
              "--max-line-length", "88", "--extend-ignore", "E203", str(_django())]
    best = None
    for _ in range(2):
        process = subprocess.Popen(runner, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _pid, _status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(_status)
        cpu = usage.ru_utime + usage.ru_stime
        best = cpu if best is None else min(best, cpu)
    return best


def part_cli() -> None:
    print("== wscc -j 1 on Django, in process")
    from wscc.cli import main

    with _quiet():
        main(["-j", "1", str(_django())])  # warm-up: file-system caches
    best = float("inf")
    for _ in range(3):
        with _quiet():
            best = min(best, _seconds(lambda: main(["-j", "1", str(_django())])))
    print(f"  best of 3: {best * 1000:.0f} ms (interpreter start-up and imports not included)")
    profile = cProfile.Profile()
    with _quiet():
        profile.enable()
        main(["-j", "1", str(_django())])
        profile.disable()
    _print_profile(profile, "wscc -j 1 on Django")


def part_fix() -> None:
    print("== wscc-fix -j 1 on a fresh copy of the dense corpus, in process")
    from wscc.fix.cli import main

    with tempfile.TemporaryDirectory(dir=CACHE) as scratch:
        tree = Path(scratch) / "src"
        shutil.copytree(_dense(), tree)
        profile = cProfile.Profile()
        with _quiet():
            start = time.perf_counter()
            profile.enable()
            try:
                main(["-j", "1", str(tree)])
            except SystemExit:
                pass
            profile.disable()
            seconds = time.perf_counter() - start
        changed = sum(1 for a, b in zip(_files(_dense()), _files(tree)) if a.read_bytes() != b.read_bytes())
    print(f"  {seconds:.2f} s under the profiler; {changed} of {len(_files(_dense()))} files rewritten")
    _print_profile(profile, "wscc-fix -j 1 on the dense corpus")


def part_startup() -> None:
    print("== import cost in a fresh interpreter (best of 5, cumulative, ms)")
    for module in ("wscc.flake8_plugin", "wscc.detector", "wscc.cli", "wscc.fix.cli", "libcst", "flake8.main.cli"):
        try:
            print(f"  {module:<22} {_import_ms(module):7.1f}")
        except Exception as error:  # a front end that does not exist yet
            print(f"  {module:<22} unavailable: {error}")


class _quiet:
    """Send the front ends' output to /dev/null while profiling."""

    def __enter__(self):
        self.saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = open(os.devnull, "w")

    def __exit__(self, *exc):
        sys.stdout.close()
        sys.stdout, sys.stderr = self.saved


PARTS = {"detector": part_detector, "plugin": part_plugin, "cli": part_cli, "fix": part_fix,
         "startup": part_startup}


def main(argv: list[str]) -> int:
    unknown = [name for name in argv if name not in PARTS]
    if unknown:
        print(f"profile: unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
        return 2
    print(f"load: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    for name in argv or PARTS:
        PARTS[name]()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The WSC plugin's own share of a flake8 run: ``python benchmarks/plugin_share.py``.

``run.py``'s flake8 rows compare two whole flake8 runs (the plugin installed ÷ hidden);
on this shared machine their pairs spread by ±5 %, far more than the plugin costs. This
script measures the plugin from inside one run instead: flake8 in this process (``-j 1``,
the same arguments as ``run.py``), the plugin's import and every call of it timed, and
prints, per tree, the plugin's time ÷ the whole run's (the median of ``--runs`` runs, the cache warm after
the first, as a developer's second run has it). A share of ``s`` means with ÷ without of
about ``1 + s``: the issue's ≤ 1.01 is a share ≤ 1 %.

The trees are ``run.py``'s (Django, the Kubernetes client), built there into
``benchmarks/.cache/``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: One run in a fresh interpreter: the plugin's class is patched to time each call.
CHILD = r'''
import sys, time
from flake8.main import application

start = time.perf_counter()
from wscc.flake8_plugin import Plugin  # what flake8 would load: counted as the plugin's

spent = [time.perf_counter() - start]
original = Plugin.run


def timed(self):
    start = time.perf_counter()
    found = list(original(self))
    spent[0] += time.perf_counter() - start
    return iter(found)


Plugin.run = timed
app = application.Application()
start = time.perf_counter()
app.run(sys.argv[1:])
print(spent[0], time.perf_counter() - start)
'''


def share(tree: Path, flake8_args: list[str]) -> tuple[float, float]:
    """(plugin seconds, whole run seconds) of one in-process flake8 run on ``tree``."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run([sys.executable, "-c", CHILD, "-j", "1", *flake8_args, str(tree)],
                          capture_output=True, text=True, env=env, cwd=tree)
    plugin, whole = map(float, done.stdout.split()[-2:])
    return plugin, whole


def samples(tree: Path, flake8_args: list[str], runs: int) -> list[tuple[float, float]]:
    """``runs`` of ``share`` after a warm-up run (which writes the cache, as a first run does)."""
    share(tree, flake8_args)
    return [share(tree, flake8_args) for _ in range(runs)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import run  # the harness beside this file builds the trees

    for name, tree in [("Django", run.build_django()), ("the Kubernetes client", run.build_kubernetes())]:
        taken = samples(tree, run.FLAKE8_ARGS, args.runs)
        shares = [plugin / whole for plugin, whole in taken]
        plugin = statistics.median(p for p, _ in taken)
        whole = statistics.median(w for _, w in taken)
        print(f"flake8 -j 1 on {name}: the WSC plugin took {plugin:.3f} s of {whole:.2f} s = "
              f"{100 * statistics.median(shares):.2f} % (median of {args.runs}; target ≤ 1 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

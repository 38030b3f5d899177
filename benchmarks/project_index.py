"""What following codes across modules costs: ``python benchmarks/project_index.py``.

Generates two projects with the same few WebSocket modules (a hub with a wrapper, a
caller in a module that imports no WebSocket library), one with 10,000 plain modules
beside them and one with 10, then prints, as the median of alternating A/B pairs:

* ``wscc one_file.py`` warm (the summary cache present) in the large project ÷ the same
  run in the small one (a pre-commit run after an edit; target ≤ 1.5);
* ``wscc .`` cold (no cache) in the large project ÷ the same run without following
  across modules (``follow-imports = false``; target ≤ 1.2), and, with ``--before SRC``,
  ÷ the run of a checkout from before the index (``SRC`` its ``src`` folder).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HUB = '''from fastapi import WebSocket


class Hub:
    async def drop(self, websocket: WebSocket, code: int = 1000):
        await websocket.close(code=code)


hub = Hub()
'''
CALLER = '''from app.hub import hub


async def view(ws):
    await hub.drop(ws, 1006)
'''
PLAIN = '''"""Module {n}: no WebSocket in sight."""

import json


def summarise_{n}(records):
    total = sum(record["value"] for record in records)
    return json.dumps({{"count": len(records), "total": total}})
'''


#: Bytecode caching on, as for an installed tool (see run.py).
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def build(root: Path, plain: int, follow: bool = True) -> Path:
    (root / "app").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'demo'\n" + ("" if follow else
                                         "[tool.wscc]\nfollow-imports = false\n"))
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "hub.py").write_text(HUB)
    (root / "app" / "views.py").write_text(CALLER)
    for index in range(plain):
        folder = root / "app" / f"part{index // 500}"
        folder.mkdir(exist_ok=True)
        (folder / "__init__.py").touch()
        (folder / f"module_{index}.py").write_text(PLAIN.format(n=index))
    # A checkout's files were not all written in the last two seconds: wscc trusts no
    # file or folder that young (a later write could go unnoticed), so date them back.
    past = time.time() - 3600
    for path in [root, *root.rglob("*")]:
        os.utime(path, (past, past))
    return root


def timed(command: list[str], cwd: Path, before=None, env: dict | None = None) -> float:
    if before:
        before()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, env=env or CHILD_ENV)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command} failed: {done.stderr.decode()}")
    return elapsed


def pairs(a, b, count: int) -> float:
    a(), b()  # warm-up of each side
    ratios = []
    for number in range(count):
        first, second = (a, b) if number % 2 == 0 else (b, a)
        x, y = first(), second()
        ratios.append(x / y if first is a else y / x)
    return statistics.median(ratios)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7)
    parser.add_argument("--modules", type=int, default=10_000)
    parser.add_argument("--before", metavar="SRC",
                        help="the src folder of a checkout from before the index (issue 14's 'today'), "
                        "for the cold run's second baseline")
    args = parser.parse_args(argv)
    wscc = [sys.executable, "-m", "wscc.cli"]  # as every checkout has it (wscc/__main__.py came later)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        large = build(base / "large", args.modules)
        small = build(base / "small", 10)
        isolated = build(base / "isolated", args.modules, follow=False)
        warm = pairs(lambda: timed([*wscc, "app/views.py"], large), lambda: timed([*wscc, "app/views.py"], small),
                     args.pairs)
        print(f"wscc one file, warm: {args.modules}-module project ÷ 10-module project = {warm:.3f} (target ≤ 1.5)")

        def clear() -> None:
            shutil.rmtree(large / ".wscc_cache", ignore_errors=True)

        cold = pairs(lambda: timed([*wscc, "."], large, clear), lambda: timed([*wscc, "."], isolated), args.pairs)
        print(f"wscc on the whole {args.modules}-module project, cold: with the index ÷ without = {cold:.3f} "
              "(target ≤ 1.2)")
        if args.before:
            before_env = dict(CHILD_ENV, PYTHONPATH=str(Path(args.before).resolve()))
            earlier = pairs(lambda: timed([*wscc, "."], large, clear),
                            lambda: timed([*wscc, "."], large, clear, env=before_env), args.pairs)
            print(f"wscc on the whole {args.modules}-module project, cold: with the index ÷ the checkout at "
                  f"{args.before} = {earlier:.3f} (target ≤ 1.2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

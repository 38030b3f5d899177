"""Run flake8 with the wscc plugin visible or hidden, in the same interpreter.

``python benchmarks/flake8_runner.py [--hide-wscc] FLAKE8-ARGS...``

flake8 finds plugins by walking ``importlib.metadata.distributions()``; with
``--hide-wscc`` that walk skips the wscc distribution, so the run is exactly what flake8
does on a machine where wscc is not installed, while everything else (interpreter,
flake8, its other plugins, this wrapper) stays the same for both sides of the comparison.
"""

from __future__ import annotations

import importlib.metadata
import sys


def _hide_distribution(name: str) -> None:
    every_distribution = importlib.metadata.distributions

    def distributions_without(**kwargs):
        for dist in every_distribution(**kwargs):
            if (dist.metadata["Name"] or "").lower() != name:
                yield dist

    importlib.metadata.distributions = distributions_without


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--hide-wscc":
        _hide_distribution("wscc")
        argv = argv[1:]
    from flake8.main.cli import main as flake8_main

    return flake8_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

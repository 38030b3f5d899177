"""The libcst baseline: import libcst and ``parse_module`` every ``.py`` file under the
given folders, doing nothing with the trees (what any libcst codemod pays at least)."""

from __future__ import annotations

import os
import sys

import libcst


def main(paths: list[str]) -> int:
    parsed = 0
    for top in paths:
        for folder, _dirs, files in os.walk(top):
            for name in sorted(files):
                if name.endswith(".py"):
                    with open(os.path.join(folder, name), "rb") as handle:
                        libcst.parse_module(handle.read())
                    parsed += 1
    return 0 if parsed else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

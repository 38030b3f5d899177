"""The floor for a Python tool that must look at every file: walk a tree and read the
bytes of every ``.py`` file, nothing else.  ``python benchmarks/walk_read_baseline.py TREE``"""

import os
import sys


def main(top: str) -> int:
    total = 0
    for folder, _subfolders, files in os.walk(top):
        for name in files:
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as handle:
                    total += len(handle.read())
    return 0 if total >= 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

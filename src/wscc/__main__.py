"""``python -m wscc``: the ``wscc`` command."""

import sys

from wscc.cli import main

sys.exit(main())

"""``python -m wscc.fix``: the ``wscc-fix`` command."""

import sys

from wscc.fix.cli import main

sys.exit(main())

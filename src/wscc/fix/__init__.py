"""``wscc-fix``: rename literal close codes to the constants of the library in use.

``plan`` decides every edit from the ``ast`` (cheap, shared with the detector);
``rewrite`` applies it with libcst (imported only for files that need an edit);
``safety`` checks the result; ``cli`` is the command line.
"""

from wscc.fix.core import FileResult, fix_bytes, fix_text

__all__ = ["FileResult", "fix_bytes", "fix_text"]

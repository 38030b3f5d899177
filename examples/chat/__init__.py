"""A small chat service that closes WebSockets through several libraries.

Some closes are right, some are the mistakes wscc exists to catch; run
``flake8 examples/`` or ``wscc examples/`` to see which.
"""

"""Subcommands of ``oversight`` (``python -m analytics``): one module each, exposing ``register(subparsers)``.

``register`` adds a parser whose ``func(args) -> int`` runs the command and returns the exit code:
0 done, 2 rejected input (every problem printed, nothing stored), 1 internal error.
"""

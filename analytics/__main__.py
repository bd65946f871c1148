"""``python -m analytics …``: kept for the README, scripts and habits; the command line itself is the
``oversight`` package (above this pure core, so it may use the shared text layer in ``ui``).

The one import from a layer above, declared in pyproject's import contracts: nothing else in
``analytics`` imports ``oversight``, and ``oversight`` never imports this module.
"""

from __future__ import annotations

import sys

from oversight.__main__ import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m analytics"))

"""Keep Streamlit's collection after every script run cheap.

Streamlit runs ``gc.collect(2)`` after each script run (``runner.postScriptGC``), which walks every
object the process tracks: about 140.000 once pandas, Plotly, DuckDB and the pages are imported,
75-90 ms of CPU per run, measured as 30 % of a served overview page (py-spy, 6 viewers). Almost all
of them are modules, classes and functions that live as long as the process. ``settle()``, called
at the end of a run, moves them out of the collector's sight (``gc.freeze``) whenever the run
imported new modules (the first run, the first visit of a page): later collections then walk only
what runs create. The collection is kept, so garbage cycles of a run are still freed at its end.
At exit the heap is unfrozen, so the interpreter's last collection frees it as before (DuckDB's
bindings otherwise report the frozen objects as leaked).
"""

from __future__ import annotations

import atexit
import gc
import sys
import threading

_LOCK = threading.Lock()
_frozen_at = 0  # len(sys.modules) at the last freeze


def settle() -> None:
    """Freeze the long-lived heap if this run imported modules since the last freeze."""
    global _frozen_at
    if len(sys.modules) <= _frozen_at:
        return
    with _LOCK:
        if len(sys.modules) <= _frozen_at:
            return
        gc.collect()  # free this run's garbage first: what is frozen is never collected
        if not _frozen_at:
            atexit.register(gc.unfreeze)
        gc.freeze()
        _frozen_at = len(sys.modules)

"""The oversight product's command line, above the pure core (``analytics``) and beside the
dashboard (``pages`` and ``ui``): ``oversight --help`` once installed, ``python -m analytics`` or
``python -m oversight`` in a checkout."""

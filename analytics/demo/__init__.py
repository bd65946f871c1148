"""The deterministic demo city: the new Cần Thơ (DOMAIN.md §7) with the history of the three
former provinces. ``build_demo`` loads it; ``analytics.batches.remove_demo`` removes it."""

from analytics.demo.build import DemoData, build_demo, generate

__all__ = ["DemoData", "build_demo", "generate"]

"""ui.heap.settle: the long-lived heap is frozen once per set of imported modules, and garbage made
before a freeze is collected, not frozen."""

from __future__ import annotations

import gc
import sys
import types

import pytest

from ui import heap


@pytest.fixture
def fresh_heap(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(heap, "_frozen_at", 0)
    yield
    gc.unfreeze()


def test_settle_freezes_after_new_imports_only(fresh_heap: None, monkeypatch: pytest.MonkeyPatch) -> None:
    gc.unfreeze()
    heap.settle()
    frozen = gc.get_freeze_count()
    assert frozen > 1000  # modules, classes, functions
    heap.settle()  # nothing new imported: no second freeze
    assert gc.get_freeze_count() == frozen
    monkeypatch.setitem(sys.modules, "tests._heap_new_module", types.ModuleType("tests._heap_new_module"))
    kept = [[i] for i in range(1000)]  # new long-lived objects, frozen by the next settle
    heap.settle()
    assert gc.get_freeze_count() >= frozen + len(kept)


def test_garbage_cycles_made_before_a_freeze_are_collected_not_frozen(
    fresh_heap: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    gc.unfreeze()
    freed: list[str] = []

    class Node:
        def __init__(self) -> None:
            self.me = self  # a reference cycle: only the collector frees it

        def __del__(self) -> None:
            freed.append("node")

    Node()
    monkeypatch.setitem(sys.modules, "tests._heap_other_module", types.ModuleType("tests._heap_other_module"))
    heap.settle()
    assert freed == ["node"]

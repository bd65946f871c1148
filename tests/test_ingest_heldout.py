"""The HELD-OUT forms corpus (tests/forms/heldout.py): files made by someone who did not read the
recogniser, each with what it must load to, or the words and the cell its refusal must name. The
checks are those of the forms corpus (tests/forms/harness.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.forms import harness
from tests.forms import heldout as hd


@pytest.fixture(scope="session")
def heldout_forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hd.build(tmp_path_factory.mktemp("heldout"))


@pytest.fixture(scope="session")
def heldout_db_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return harness.template_dbs(hd, tmp_path_factory.mktemp("heldout_db"))


@pytest.fixture
def open_db(heldout_db_files: dict[str, Path], tmp_path: Path) -> Iterator[harness.Opener]:
    yield from harness.opener(heldout_db_files, tmp_path)


def test_heldout_corpus_covers_every_kind() -> None:
    harness.assert_covers_every_kind(hd, 16, 4)


@pytest.mark.parametrize("name", hd.good())
def test_heldout_form_loads_without_mapping(name: str, heldout_forms: dict[str, Path], open_db: harness.Opener) -> None:
    harness.assert_loads(hd, name, heldout_forms, open_db)


@pytest.mark.parametrize("name", hd.bad())
def test_heldout_bad_form_refused_naming_the_cell(
    name: str, heldout_forms: dict[str, Path], open_db: harness.Opener
) -> None:
    harness.assert_refused(hd, name, heldout_forms, open_db)

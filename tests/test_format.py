"""Display formatting: Vietnamese first, never the OS locale."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from ui import format as fmt

NB = "\u00a0"


@pytest.mark.parametrize(("value", "lang", "digits", "text"), [
    (1694, "vi", 0, "1.694"), (1694, "en", 0, "1,694"), (20735, "vi", 0, "20.735"),
    (2073.5, "vi", 1, "2.073,5"), (4.4, "vi", 2, "4,40"), (0, "vi", 0, "0"), (-19, "vi", 0, "-19"),
    (None, "vi", 0, "–"), (float("nan"), "en", 0, "–"), (pd.NA, "vi", 0, "–"),
])
def test_number(value: float, lang: str, digits: int, text: str) -> None:
    assert fmt.number(value, lang, digits) == text


@pytest.mark.parametrize(("value", "lang", "digits", "text"), [
    (19 / 1860 * 100, "vi", 2, f"1,02{NB}%"), (1694 / 2073.5 * 100, "vi", 1, f"81,7{NB}%"),
    (1694 / 20735 * 100, "en", 2, f"8.17{NB}%"), (19 / 93 * 100, "vi", 2, f"20,43{NB}%"),
])
def test_percent_rounds_only_for_display(value: float, lang: str, digits: int, text: str) -> None:
    assert fmt.percent(value, lang, digits) == text


@pytest.mark.parametrize(("vnd", "lang", "text"), [
    (23_400_000, "vi", f"23,4{NB}triệu đồng"), (2_340_000, "vi", f"2,34{NB}triệu đồng"), (14_200_000_000, "vi", f"14,2{NB}tỷ đồng"),
    (3_100_000_000_000, "vi", f"3.100{NB}tỷ đồng"), (950_000, "vi", f"950.000{NB}₫"),
    (14_200_000_000, "en", f"14.2{NB}billion ₫"),
])
def test_money(vnd: int, lang: str, text: str) -> None:
    assert fmt.money(vnd, lang) == text


@pytest.mark.parametrize(("vnd", "lang", "text"), [
    (4_520_000_000, "vi", f"4,52{NB}tỷ"), (18_200_000, "vi", f"18,2{NB}triệu"), (950_000, "vi", f"950.000{NB}₫"),
    (4_520_000_000, "en", f"4.52{NB}bn ₫"), (18_200_000, "en", f"18.2{NB}m ₫"),
])
def test_money_short_for_card_values(vnd: int, lang: str, text: str) -> None:
    assert fmt.money(vnd, lang, short=True) == text


def test_money_exact_and_dates() -> None:
    assert fmt.money_exact(23_400_000) == f"23.400.000{NB}₫"
    assert fmt.day(date(2024, 12, 31)) == "31/12/2024"
    assert fmt.day("2025-07-01") == "01/07/2025"
    assert fmt.day(None) == "–"


@pytest.mark.parametrize(("n", "text"), [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (1200, "1.200")])
def test_small_counts_are_hidden(n: int, text: str) -> None:
    assert fmt.small_count(n, 5) == text

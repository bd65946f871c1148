"""Display formatting: Vietnamese first, never the OS locale."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from ui import format as fmt

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "lang", "digits", "text"),
    [
        (1694, "vi", 0, "1.694"),
        (1694, "en", 0, "1,694"),
        (20735, "vi", 0, "20.735"),
        (2073.5, "vi", 1, "2.073,5"),
        (4.4, "vi", 2, "4,40"),
        (0, "vi", 0, "0"),
        (-19, "vi", 0, "-19"),
        (None, "vi", 0, "–"),
        (float("nan"), "en", 0, "–"),
        (pd.NA, "vi", 0, "–"),
    ],
)
def test_number(value: float, lang: str, digits: int, text: str) -> None:
    assert fmt.number(value, lang, digits) == text


@pytest.mark.parametrize(
    ("value", "lang", "digits", "text"),
    [
        (19 / 1860 * 100, "vi", 2, f"1,02{NB}%"),
        (1694 / 2073.5 * 100, "vi", 1, f"81,7{NB}%"),
        (1694 / 20735 * 100, "en", 2, f"8.17{NB}%"),
        (19 / 93 * 100, "vi", 2, f"20,43{NB}%"),
    ],
)
def test_percent_rounds_only_for_display(value: float, lang: str, digits: int, text: str) -> None:
    assert fmt.percent(value, lang, digits) == text


@pytest.mark.parametrize(
    ("vnd", "lang", "text"),
    [
        (23_400_000, "vi", f"23,4{NB}triệu đồng"),
        (2_340_000, "vi", f"2,34{NB}triệu đồng"),
        (14_200_000_000, "vi", f"14,2{NB}tỷ đồng"),
        (3_100_000_000_000, "vi", f"3.100{NB}tỷ đồng"),
        (950_000, "vi", f"950.000{NB}₫"),
        (14_200_000_000, "en", f"14.2{NB}billion ₫"),
    ],
)
def test_money(vnd: int, lang: str, text: str) -> None:
    assert fmt.money(vnd, lang) == text


@pytest.mark.parametrize(
    ("vnd", "lang", "text"),
    [
        (4_520_000_000, "vi", f"4,52{NB}tỷ"),
        (18_200_000, "vi", f"18,2{NB}triệu"),
        (950_000, "vi", f"950.000{NB}₫"),
        (4_520_000_000, "en", f"4.52{NB}bn ₫"),
        (18_200_000, "en", f"18.2{NB}m ₫"),
    ],
)
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


# The seed report's figures (DOMAIN.md §3, old Cần Thơ, 2021 baseline), from unrounded values, in the
# one formatter that the dashboard and the command line share.
@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (1860, 0, "1.860"),
        (19, 0, "19"),
        (20735, 0, "20.735"),
        (1694, 0, "1.694"),
        (1320, 0, "1.320"),
        (374, 0, "374"),
        (2073.5, 1, "2.073,5"),
        (93, 0, "93"),
        (19 / 1860 * 100, 2, "1,02"),
        (19 / 93 * 100, 2, "20,43"),
        (1694 / 20735 * 100, 2, "8,17"),
        (1694 / 2073.5 * 100, 1, "81,7"),
        (1320 / 20735 * 100, 2, "6,37"),
        (1320 / 2073.5 * 100, 1, "63,7"),
    ],
)
def test_seed_figures(value: float, digits: int, text: str) -> None:
    assert fmt.number(value, "vi", digits) == text


@pytest.mark.parametrize(
    ("value", "digits", "vi", "en"),
    [
        (1694.5, 0, "1.695", "1,695"),  # the issue-16 case: the dashboard showed "1.694" (half-to-even)
        (2073.5, 0, "2.074", "2,074"),
        (2.5, 0, "3", "3"),
        (0.5, 0, "1", "1"),
        (2.675, 2, "2,68", "2.68"),  # binary 2.67499999…: rounded from the digits as written
        (1.005, 2, "1,01", "1.01"),
        (-5.25, 1, "-5,3", "-5.3"),
        (-2.5, 0, "-3", "-3"),  # halves away from zero
        (-0.4, 0, "0", "0"),
        (8.169761, 2, "8,17", "8.17"),
        (23_400_000, 0, "23.400.000", "23,400,000"),
    ],
)
def test_halves_round_up(value: float, digits: int, vi: str, en: str) -> None:
    assert (fmt.number(value, "vi", digits), fmt.number(value, "en", digits)) == (vi, en)


def test_half_up_is_the_rounding_of_percent_and_money_too() -> None:
    assert fmt.percent(2.675, "vi", 2) == f"2,68{NB}%"  # float formatting gave "2,67"
    assert fmt.money_exact(1694.5) == f"1.695{NB}₫"  # ... and "1.694"
    assert fmt.money(2_675_000_000, "vi") == f"2,68{NB}tỷ đồng"  # ... and "2,67"


def test_no_figure_is_the_dash() -> None:
    assert [fmt.number(x) for x in (None, float("nan"), float("inf"), -float("inf"))] == ["–"] * 4

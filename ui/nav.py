"""The page registry: one row per page, used by app.py for navigation and by the tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageSpec:
    page_id: str  # analytics.access page id
    file: str  # path from the project root
    url_path: str
    title_key: str
    icon: str
    section: str  # label key of the navigation section
    default: bool = False
    # Pages without chrome (briefing on a projector) open full screen with ?mode=briefing.
    chrome: bool = True


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "overview",
        "pages/overview.py",
        "tong-quan",
        "nav.overview",
        ":material/dashboard:",
        "app.section.dashboard",
        default=True,
    ),
    PageSpec(
        "reduction",
        "pages/reduction.py",
        "tinh-gian",
        "nav.reduction",
        ":material/trending_down:",
        "app.section.dashboard",
    ),
    PageSpec(
        "secondment",
        "pages/secondment.py",
        "tang-cuong-co-so",
        "nav.secondment",
        ":material/handshake:",
        "app.section.dashboard",
    ),
    PageSpec("training", "pages/training.py", "dao-tao", "nav.training", ":material/school:", "app.section.dashboard"),
    PageSpec(
        "reorganisation",
        "pages/reorganisation.py",
        "sap-xep-to-chuc",
        "nav.reorganisation",
        ":material/account_tree:",
        "app.section.dashboard",
    ),
    PageSpec(
        "workforce", "pages/workforce.py", "doi-ngu", "nav.workforce", ":material/groups:", "app.section.dashboard"
    ),
    PageSpec("unit", "pages/unit.py", "don-vi", "nav.unit", ":material/apartment:", "app.section.dashboard"),
    PageSpec(
        "import", "pages/import_data.py", "nhap-du-lieu", "nav.import", ":material/upload_file:", "app.section.data"
    ),
    PageSpec(
        "tracker",
        "pages/tracker.py",
        "theo-doi-bao-cao",
        "nav.tracker",
        ":material/assignment_turned_in:",
        "app.section.data",
    ),
    # Review before sending: the sidebar shows the first ten pages (the rest behind "View more"); a
    # whole-city analyst reviews, a unit's account (no import, no review) sends.
    PageSpec("review", "pages/review.py", "duyet-bao-cao", "nav.review", ":material/rule:", "app.section.data"),
    PageSpec("submit", "pages/submit.py", "nop-bao-cao", "nav.submit", ":material/outbox:", "app.section.data"),
    PageSpec(
        "quality", "pages/quality.py", "chat-luong-du-lieu", "nav.quality", ":material/fact_check:", "app.section.data"
    ),
    PageSpec("settings", "pages/settings.py", "cai-dat", "nav.settings", ":material/settings:", "app.section.admin"),
    PageSpec("users", "pages/users.py", "nguoi-dung", "nav.users", ":material/manage_accounts:", "app.section.admin"),
    PageSpec("audit", "pages/audit_log.py", "nhat-ky", "nav.audit", ":material/history:", "app.section.admin"),
    PageSpec(
        "about_data", "pages/about_data.py", "du-lieu", "nav.about_data", ":material/database:", "app.section.data"
    ),
    PageSpec(
        "briefing",
        "pages/briefing.py",
        "trinh-chieu",
        "brief.nav",
        ":material/slideshow:",
        "app.section.dashboard",
        chrome=False,
    ),
)


def page_files() -> list[Path]:
    return [ROOT / p.file for p in PAGES]

"""The whole review workflow in a real browser (headless Chromium through Playwright).

A contributor for Chad signs in, sends a good practice and a data file for Chad; a reviewer for Chad
returns the practice with a comment and approves then publishes the data; the public sees only the
published data; the audit trail shows each step.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect, sync_playwright

from compactwatch.areas.models import Area
from tests.accounts.personas import CHAD_FILE, PASSWORD, make_people, register_test_sources

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 20_000  # generous: CI machines run other suites at the same time
expect.set_options(timeout=TIMEOUT_MS)
PRACTICE_TITLE = "Community-based care for unaccompanied children in eastern Chad"


@pytest.fixture
def reference_data(transactional_db: None) -> None:
    """Areas and framework: a transactional test before this one may have flushed them."""
    from compactwatch.areas.services import load_areas
    from compactwatch.framework.services import load_framework

    if not Area.objects.exists():
        load_areas()
        load_framework(settings.FRAMEWORK_DIR)


@pytest.fixture
def site(reference_data: None, live_server: Any, settings: Any, tmp_path: Path) -> str:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    register_test_sources()
    make_people()
    return str(live_server.url)


@pytest.fixture
def browser(site: str) -> Iterator[Browser]:
    """Started after the data is written: Playwright's event loop forbids Django's ORM in this thread."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def new_page(browser: Browser) -> Page:
    page = browser.new_context().new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def sign_in(browser: Browser, site: str, username: str) -> Page:
    page = new_page(browser)
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    return page


def send_practice(page: Page, site: str) -> None:
    page.goto(f"{site}/practices/contribute/")
    page.locator("#id_title").fill(PRACTICE_TITLE)
    page.locator("#id_summary").fill(
        "Foster families and community carers look after children who arrived alone."
    )
    page.locator("#id_countries").select_option("TCD")
    page.locator("#id_level").select_option("national")
    page.locator("form button[type=submit]").last.click()
    expect(page.get_by_text(PRACTICE_TITLE).first).to_be_visible()


def send_data_file(page: Page, site: str, tmp_path: Path) -> None:
    path = tmp_path / "chad-2023.csv"
    path.write_text(CHAD_FILE, encoding="utf-8")
    page.goto(f"{site}/review/submissions/new/")
    page.get_by_label("Country").select_option("TCD")
    page.get_by_label("Data file").set_input_files(str(path))
    page.get_by_role("button", name="Check and save").click()
    expect(page.locator("#validation")).to_contain_text(
        "2 rows checked against the framework: no problem found"
    )
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("#state")).to_have_text("Submitted")


def review(page: Page, site: str) -> None:
    page.goto(f"{site}/review/")
    page.get_by_role("link", name=PRACTICE_TITLE).click()
    page.get_by_label("Comment").fill("Please add the source that reports the results.")
    page.get_by_role("button", name="Return with comment").click()
    expect(page.locator("#state")).to_have_text("Returned")
    expect(page.locator("#history")).to_contain_text("Please add the source that reports the results.")
    page.goto(f"{site}/review/")
    page.get_by_role("link", name="chad-2023.csv (TCD)").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#state")).to_have_text("Approved")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#state")).to_have_text("Published")


def public_sees(browser: Browser, site: str) -> tuple[str, str]:
    page = new_page(browser)
    data = page.request.get(f"{site}/indicators/refugee-children/download/csv/").text()
    page.goto(f"{site}/practices/")
    return data, page.content()


def test_contribution_review_publication_and_audit(browser: Browser, site: str, tmp_path: Path) -> None:
    contributor = sign_in(browser, site, "cora")
    send_practice(contributor, site)
    send_data_file(contributor, site, tmp_path)
    data, practices = public_sees(browser, site)
    assert "61234" not in data, "nothing is public before review"
    assert PRACTICE_TITLE not in practices

    reviewer = sign_in(browser, site, "rita")
    review(reviewer, site)

    data, practices = public_sees(browser, site)
    assert "61234" in data, "the published data file is public"
    assert PRACTICE_TITLE not in practices, "the returned practice is not"

    reviewer.goto(f"{site}/review/audit/")
    trail = reviewer.locator("#audit")
    for who, action, what in [
        ("cora", "submitted", PRACTICE_TITLE),
        ("rita", "returned", PRACTICE_TITLE),
        ("cora", "created", "chad-2023.csv"),
        ("cora", "submitted", "chad-2023.csv"),
        ("rita", "approved", "chad-2023.csv"),
        ("rita", "published", "chad-2023.csv"),
    ]:
        row = (
            trail.locator("tr", has_text=what)
            .filter(has_text=who)
            .filter(has=reviewer.locator(f"td:text-is('{action}')"))
        )
        expect(row.first).to_be_visible()
    expect(trail).to_contain_text("Please add the source that reports the results.")
    expect(trail).to_contain_text("data-imported")

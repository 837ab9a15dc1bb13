"""Browser tests: Debian's headless Chromium driven by Playwright, against pytest-django's live server.

The live server needs a transactional database, which is emptied after every test; each test therefore
loads areas, the framework, the bundled data and the ratings, and the module puts areas and the framework
back afterwards, as the session fixture left them for the other tests.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("COMPACTWATCH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def load_reference_data() -> None:
    from compactwatch.areas.services import load_areas
    from compactwatch.framework.services import load_framework

    load_areas()
    load_framework(settings.FRAMEWORK_DIR)


@pytest.fixture(scope="module", autouse=True)
def _restore_reference_data(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    yield
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def site(live_server: Any) -> str:
    """The live server's address, with the platform's data as `compactwatch setup` leaves it, rated."""
    from compactwatch.assessments.services import assess
    from compactwatch.observations.bundled import load_bundled_data

    load_reference_data()
    load_bundled_data(settings.BUNDLED_DATA_DIR)
    assess()
    return str(live_server.url)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Playwright's sync API keeps an event loop running in this thread; the database calls made meanwhile
    (the live server's flush, loading data) are still plain synchronous calls, so Django may allow them."""
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def csp_violations(console_lines: list[str]) -> list[str]:
    """Chromium's console report of anything the Content-Security-Policy blocked (scripts, eval, styles)."""
    return [line for line in console_lines if "Content Security Policy" in line]


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.extend(csp_violations([message.text])))
    yield opened
    context.close()
    assert not errors, errors


@pytest.fixture
def browser_without_js(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def wait_for_charts(page: Page) -> None:
    """Every chart on the page embedded (or none there)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-vega-spec]')]"
        ".every(c => c.dataset.rendered === '1' || c.dataset.error)"
    )
    failed = page.eval_on_selector_all("[data-vega-spec][data-error]", "cs => cs.map(c => c.dataset.error)")
    assert not failed, failed


def axe_violations(page: Page) -> list[dict[str, Any]]:
    # Evaluated through the browser's debugging protocol: the site's CSP rightly forbids an inline script tag.
    page.evaluate("source => (0, eval)(source)", AXE.read_text(encoding="utf-8"))
    options = json.dumps({"runOnly": {"type": "tag", "values": WCAG_AA}})
    result = page.evaluate(f"async () => (await axe.run(document, {options})).violations")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result
    ]

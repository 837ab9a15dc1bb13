"""axe-core (vendored from npm) finds no WCAG 2.1 A/AA violation on the main public pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import axe_violations, wait_for_charts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/indicators/birth-registration/",
    "/countries/GBR/",
    "/compare/?areas=GBR,DEU&indicator=refugee-children&MIGRATORY_STATUS=REF&AGE=Y_LT18",
]


def test_no_axe_violations_on_the_main_pages(site: str, page: Page) -> None:
    found = {}
    for path in PAGES:
        page.goto(site + path)
        wait_for_charts(page)
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert not found, found


def test_keyboard_reaches_the_selectors_and_focus_is_visible(site: str, page: Page) -> None:
    page.goto(site + "/indicators/birth-registration/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "select-area":
            break
    assert page.evaluate("document.activeElement.id") == "select-area"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")

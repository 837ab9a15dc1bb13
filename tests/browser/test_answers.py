"""Two questions a newcomer brings, answered from the home page within three clicks, on a desktop screen
and on a phone: the figure, where it comes from, and the notes that qualify it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import csp_violations, wait_for_charts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {"desktop": (1280, 900), "phone": (390, 844)}
MAX_CLICKS = 3


class Reader:
    """Goes through the site as a reader would, by clicking links and choosing from lists, counting each."""

    def __init__(self, page: Page, site: str) -> None:
        self.page = page
        self.site = site
        self.clicks = 0

    def start(self) -> None:
        self.page.goto(self.site + "/")
        self.clicks = 0

    def follow(self, selector: str, url: str) -> None:
        link = self.page.locator(selector).first
        link.scroll_into_view_if_needed()
        assert link.is_visible(), selector
        link.click()
        self.page.wait_for_url(re.compile(url))
        self.clicks += 1

    def choose(self, selector: str, value: str) -> None:
        self.page.locator(selector).scroll_into_view_if_needed()
        self.page.select_option(selector, value)
        self.page.wait_for_load_state("networkidle")  # the page swaps in the chosen country's fragment
        self.clicks += 1


def assert_figures_with_source_and_notes(page: Page) -> list[str]:
    """The series table has figures and their source; a break marked in it is explained under it."""
    wait_for_charts(page)
    table = page.locator("#series-table")
    table.scroll_into_view_if_needed()
    assert table.is_visible()
    figures = [t.strip() for t in page.locator("#series-table tbody td.number").all_inner_texts()]
    assert any(re.fullmatch(r"[\d,.]+", f) for f in figures), figures
    assert re.search(r"Sources: \S", page.inner_text("main"))
    marked = page.locator("#series-table tbody tr:has-text('Break in series.') th").all_inner_texts()
    notes = page.inner_text("#series-table-notes") if marked else ""
    for year in marked:  # break notes are drawn only where the producer documents a break
        assert f"Break in series in {year}" in notes
    return figures


def birth_registration_on_track(reader: Reader) -> None:
    reader.start()
    reader.follow("a[href='/indicators/birth-registration/']", r"/indicators/birth-registration/")
    page = reader.page
    assert_figures_with_source_and_notes(page)
    rating = page.locator("#progress-heading + ul.ratings li").first
    rating.scroll_into_view_if_needed()
    assert rating.is_visible()
    assert rating.locator("strong").inner_text().strip()  # the status, in words
    assert re.search(r"\d", rating.locator("p").first.inner_text())  # and the sentence with its figures
    assert reader.clicks <= MAX_CLICKS


def refugee_children_in_turkiye(reader: Reader) -> None:
    reader.start()
    reader.follow(
        "section.headline a[href='/indicators/refugee-children/']", r"/indicators/refugee-children/"
    )
    reader.choose("#select-area", "TUR")
    page = reader.page
    page.wait_for_function("() => document.getElementById('series-heading')?.textContent.includes('Türkiye')")
    figures = assert_figures_with_source_and_notes(page)
    years = page.locator("#series-table tbody th").all_inner_texts()
    assert len(years) >= 10  # the trend, year by year
    counts = [int(f.replace(",", "")) for f in figures if re.fullmatch(r"[\d,]+", f)]
    assert max(counts) >= 10_000  # tens of thousands of children at the height of the series
    assert "UNHCR" in page.inner_text("main")
    assert reader.clicks <= MAX_CLICKS


def watch_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.extend(csp_violations([message.text])))
    return errors


@pytest.mark.parametrize("question", [birth_registration_on_track, refugee_children_in_turkiye])
def test_a_question_answered_from_the_home_page_on_desktop_and_phone(
    site: str, browser: Browser, question: Callable[[Reader], None]
) -> None:
    for screen, (width, height) in SCREENS.items():
        context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 500)
        page = context.new_page()
        errors = watch_errors(page)
        question(Reader(page, site))
        context.close()
        assert not errors, (screen, errors)

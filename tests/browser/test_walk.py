"""A newcomer's path: home, a country, an indicator, a disaggregation, a download; no dead end."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import wait_for_charts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def chart_markup(page: Page) -> str:
    return page.inner_html("[data-vega-spec='indicator-chart-spec'] .chart-canvas")


def test_home_to_a_country_to_an_indicator_to_a_disaggregation_to_a_download(site: str, page: Page) -> None:
    page.goto(site + "/")
    wait_for_charts(page)
    assert page.locator("#headline-heading").is_visible()

    page.click("section[aria-labelledby='countries-heading'] a[href='/countries/GBR/']")
    page.wait_for_url(re.compile(r"/countries/GBR/$"))

    page.click("a[href^='/indicators/children-entering-detention/']")
    page.wait_for_url(re.compile(r"/indicators/children-entering-detention/"))
    wait_for_charts(page)
    table_before = page.inner_text("#series-table tbody")
    chart_before = chart_markup(page)
    assert "2010" in table_before

    page.select_option("#select-age", "Y0T4")
    page.wait_for_function("() => document.getElementById('data-status').textContent.length > 0")
    wait_for_charts(page)
    table_after = page.inner_text("#series-table tbody")
    assert table_after != table_before
    assert chart_markup(page) != chart_before
    assert "AGE=Y0T4" in page.url
    # data/uk_children_entering_detention.csv: GBR 2020 Y0T4 = 1, which is never published
    row_2020 = page.inner_text("#series-table tbody tr:has(th:text-is('2020'))")
    assert "<" in row_2020
    assert "\t1\t" not in row_2020

    with page.expect_download() as download_info:
        page.click("a[href$='/download/csv/']")
    download = download_info.value
    assert download.suggested_filename == "compactwatch-children-entering-detention.csv"
    content = download.path().read_text(encoding="utf-8")
    assert content.startswith("Indicator,")
    assert "children-entering-detention,GBR,2010" in content


def test_the_selectors_work_without_javascript(site: str, browser_without_js: Page) -> None:
    page = browser_without_js
    page.goto(site + "/indicators/children-entering-detention/?area=GBR")
    page.select_option("#select-age", "Y17")
    page.click("form.selectors button[type=submit]")
    page.wait_for_url(re.compile(r"AGE=Y17"))
    assert "2010" in page.inner_text("#series-table tbody")
    assert "Y17" in page.url

"""Indicator and compare pages open on the headline series: refugees before asylum-seekers, all children
before an age band, both sexes; "Total" is offered only where a series leaves the dimension out."""

from __future__ import annotations

import pytest

from compactwatch.areas.models import Area
from compactwatch.framework.models import Indicator
from compactwatch.observations.models import ImportBatch, Observation, Series, Source
from compactwatch.web.selectors import headline_key, selection

ORDERS = {
    "MIGRATORY_STATUS": {"REF": (1, 1), "ASY": (1, 2)},
    "AGE": {"Y0T4": (2, 1), "Y_LT18": (1, 4)},
    "SEX": {"F": (1, 1), "M": (1, 2)},
}


def test_the_headline_is_refugee_children_of_both_sexes_whatever_is_most_reported() -> None:
    reach = [
        ("AGE=Y_LT18|MIGRATORY_STATUS=ASY", 180),  # most widely reported comes first
        ("AGE=Y0T4|MIGRATORY_STATUS=ASY", 170),
        ("AGE=Y0T4|MIGRATORY_STATUS=REF", 160),
        ("AGE=Y_LT18|MIGRATORY_STATUS=REF", 150),
        ("AGE=Y0T4|MIGRATORY_STATUS=REF|SEX=F", 150),
    ]
    assert headline_key(reach, ORDERS) == "AGE=Y_LT18|MIGRATORY_STATUS=REF"


def test_a_total_series_comes_before_any_breakdown() -> None:
    assert headline_key([("AGE=Y0T4", 10), ("", 9), ("SEX=F", 10)], ORDERS) == ""


def test_a_series_few_areas_report_is_not_the_headline() -> None:
    """Birth registration: under-fives in 183 countries, the survey total of one country."""
    assert headline_key([("AGE=Y_LT5", 183), ("", 1)], {"AGE": {"Y_LT5": (3, 9)}}) == "AGE=Y_LT5"


@pytest.mark.django_db
def test_total_is_offered_only_where_a_series_leaves_the_dimension_out(db: None) -> None:
    indicator = Indicator.objects.get(code="refugee-children")
    area = Area.objects.get(iso3="TUR")
    source = Source.objects.create(code="test-source", title="Test", producer="Tests", licence="CC0")
    batch = ImportBatch.objects.create(file_name="test.csv", sha256="0" * 64, format="tidy-csv")
    for key in ("AGE=Y_LT18|MIGRATORY_STATUS=ASY", "AGE=Y_LT18|MIGRATORY_STATUS=REF", "AGE=Y_LT18"):
        series = Series.objects.create(indicator=indicator, area=area, key=key)
        Observation.objects.create(
            series=series, year=2020, value=100.0, source=source, unit=indicator.unit, batch=batch
        )
    chosen = selection(indicator, {})
    options = {d.code: [o.code for o in d.options] for d in chosen.dimensions}
    assert options["MIGRATORY_STATUS"] == ["", "REF", "ASY"]
    assert options["AGE"] == ["Y_LT18"]

"""`assess` stores each rating with its method, components and explanation, and can be run again."""

from __future__ import annotations

import pytest

from compactwatch.assessments.models import Assessment
from compactwatch.assessments.services import assess
from compactwatch.core.validation import InvalidInput
from tests.assessments.conftest import AddSeries

DETENTION = {2015: 163, 2016: 103, 2022: 232}


@pytest.mark.django_db
def test_zero_target_rated_by_absolute_change(add_series: AddSeries) -> None:
    add_series("children-entering-detention", "GBR", "", DETENTION)
    outcome = assess("children-entering-detention")
    rating = Assessment.objects.get(
        level="indicator", area__iso3="GBR", indicator__code="children-entering-detention"
    )
    assert rating.status == "deterioration"
    assert rating.method == "absolute-change"
    assert rating.components["slope_actual"] == pytest.approx((232 - 163) / 7)
    assert rating.components["target_value"] == 0
    assert rating.parameters["base_year"] == 2015
    assert rating.explanation.startswith(
        "Children entering immigration detention rose from 163 in 2015 to 232"
    )
    assert "1 deterioration" in outcome.summary()


@pytest.mark.django_db
def test_assess_is_idempotent_and_scoped(add_series: AddSeries) -> None:
    add_series("children-entering-detention", "GBR", "", DETENTION)
    add_series("refugee-age-data-coverage", "TUR", "MIGRATORY_STATUS=REF", {2015: 60, 2025: 90})
    assess()
    first = sorted(Assessment.objects.values_list("indicator__code", "area__iso3", "level", "key", "status"))
    assess()
    assess(area="TUR")
    again = sorted(Assessment.objects.values_list("indicator__code", "area__iso3", "level", "key", "status"))
    assert first == again
    assert len(first) == 4  # two series, two indicator roll-ups


@pytest.mark.django_db
def test_context_indicators_are_not_rated(add_series: AddSeries) -> None:
    add_series("refugee-children", "TUR", "", {2015: 1000, 2020: 2000})
    assert assess().series == 0
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_equity_gap_between_girls_and_boys(add_series: AddSeries) -> None:
    add_series("birth-registration", "NGA", "SEX=F", {2017: 45, 2019: 50})
    add_series("birth-registration", "NGA", "SEX=M", {2017: 50, 2019: 52})
    assess("birth-registration")
    gap = Assessment.objects.get(level="gap")
    assert gap.status == "gap_closing"
    assert (gap.components["gap_base"], gap.components["gap_latest"]) == (-5, -2)
    assert "female" in gap.explanation.lower()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "code"), [({"indicator": "nope"}, "unknown-indicator"), ({"area": "XXX"}, "unknown-area")]
)
def test_bad_selection_is_refused(kwargs: dict[str, str], code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        assess(**kwargs)
    assert refused.value.report.problems[0].code == code

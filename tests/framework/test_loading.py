"""Loading the framework: idempotent, versioned, and all or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from compactwatch.core.validation import InvalidInput
from compactwatch.framework import selectors
from compactwatch.framework.models import (
    Code,
    Codelist,
    Commitment,
    FrameworkVersion,
    Goal,
    Indicator,
    PolicyArea,
    Reference,
    Target,
    Topic,
)
from compactwatch.framework.services import load_framework

pytestmark = pytest.mark.django_db

MODELS = (FrameworkVersion, Topic, Goal, Target, Indicator, Commitment, PolicyArea, Reference, Codelist, Code)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def state() -> list[tuple[object, ...]]:
    """Everything a load may change, to compare before and after."""
    rows: list[tuple[object, ...]] = []
    for model in MODELS:
        rows.extend(tuple(row.values()) for row in model.objects.order_by("pk").values())
    return rows


def copy_framework(framework_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "framework"
    shutil.copytree(framework_dir, target)
    return target


def edit(folder: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def file_with(folder: Path, section: str) -> str:
    for path in sorted(folder.glob("*.yaml")):
        if section in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}):
            return path.name
    raise AssertionError(section)


def test_the_loaded_framework_is_complete() -> None:
    assert Topic.objects.count() == 6
    assert Goal.objects.count() == 15
    assert Target.objects.count() == 6
    assert PolicyArea.objects.count() == 6
    assert Reference.objects.filter(family="gcm_objectives").count() == 23
    version = selectors.current_version()
    assert version is not None
    assert version.is_current
    detention = Goal.objects.get(code="DET.1")
    assert detention.text == "Progressively end the immigration detention of children."
    assert detention.indicators.filter(code="children-entering-detention").exists()
    assert set(detention.topic.commitments.values_list("paragraph", flat=True)) >= {"33"}


def test_loading_the_same_framework_again_changes_nothing(framework_dir: Path) -> None:
    before = state()
    result = load_framework(framework_dir)
    assert result.status == "unchanged"
    assert "nothing changed" in result.summary()
    assert state() == before


def test_a_new_version_updates_elements_retires_dropped_ones_and_keeps_the_old(
    framework_dir: Path, tmp_path: Path
) -> None:
    old = selectors.current_version()
    assert old is not None
    folder = copy_framework(framework_dir, tmp_path)
    indicators_file = file_with(folder, "indicators")

    def change(data: dict) -> None:  # type: ignore[type-arg]
        for indicator in data["indicators"]:
            if indicator["code"] == "birth-registration":
                indicator["notes"] = "Reviewed in the test."
        data["indicators"] = [i for i in data["indicators"] if i["code"] != "return-monitoring"]

    edit(folder, indicators_file, change)
    edit(folder, file_with(folder, "version"), lambda data: data.update(version="test-2"))

    result = load_framework(folder)

    assert result.status == "loaded"
    assert result.changes["indicators"]["updated"] == 1
    assert result.changes["indicators"]["retired"] == 1
    current = selectors.current_version()
    assert current is not None
    assert current.label == "test-2"
    assert FrameworkVersion.objects.filter(is_current=True).count() == 1
    assert Indicator.objects.get(code="birth-registration").notes == "Reviewed in the test."
    retired = Indicator.objects.get(code="return-monitoring")
    assert retired.retired_in == current
    assert not selectors.indicator_list().filter(code="return-monitoring").exists()
    # The previous version is still there, whole.
    previous = selectors.framework_at(old.label)
    assert "return-monitoring" in {i.code for i in previous.indicators}

    # Loading the old files again makes the old version current and brings the retired element back.
    restored = load_framework(framework_dir)
    assert restored.status == "restored"
    assert restored.version.pk == old.pk
    assert Indicator.objects.get(code="return-monitoring").retired_in is None


def test_changed_content_under_the_same_version_label_is_refused(framework_dir: Path, tmp_path: Path) -> None:
    folder = copy_framework(framework_dir, tmp_path)
    edit(folder, file_with(folder, "title"), lambda data: data.update(title="Another title"))
    before = state()
    with pytest.raises(InvalidInput) as refused:
        load_framework(folder)
    assert refused.value.report.codes() == ["version-exists"]
    assert state() == before


def test_an_invalid_framework_is_refused_and_the_database_is_left_as_it_was(
    framework_dir: Path, tmp_path: Path
) -> None:
    folder = copy_framework(framework_dir, tmp_path)
    edit(folder, file_with(folder, "version"), lambda data: data.update(version="test-broken"))

    def break_it(data: dict) -> None:  # type: ignore[type-arg]
        data["indicators"][0]["goals"] = ["NO.SUCH.GOAL"]
        data["indicators"][1]["notes"] = "this valid change must not land either"

    edit(folder, file_with(folder, "indicators"), break_it)
    before_counts, before = row_counts(), state()
    with pytest.raises(InvalidInput) as refused:
        load_framework(folder)
    assert refused.value.report.codes() == ["unknown-reference"]
    assert "NO.SUCH.GOAL" in str(refused.value)
    assert row_counts() == before_counts
    assert state() == before

"""The seed practices: loaded published (the move recorded by the system), idempotent, and saying only
what their source states (every quoted passage is in the source text kept in tests/fixtures/seeds)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compactwatch.core.workflow import MoveRefused
from compactwatch.practices.models import Practice
from compactwatch.practices.seeds import SEED_FILE, load_seed_practices
from compactwatch.practices.validation import PracticeInvalid
from compactwatch.review.models import AuditEvent
from compactwatch.review.services import publish_seed_entry
from tests.practices.conftest import row_counts

SOURCE_004 = Path(__file__).parents[1] / "fixtures" / "seeds" / "unicef_agenda_004.txt"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.django_db
def test_seed_practices_are_published_with_a_system_transition() -> None:
    summary = load_seed_practices(SEED_FILE)

    assert summary == "seed practices from practices.yaml: 2 added, 0 updated, 0 unchanged"
    placements = Practice.objects.get(seed_key="uk-placements-unaccompanied-children")
    assert placements.state == "published"
    assert placements.country_codes() == {"GBR"}
    assert sorted(placements.target_group_codes()) == ["separated", "unaccompanied"]
    moves = list(placements.transitions.values_list("actor", "source", "target"))
    assert moves == [(None, "draft", "published")]
    assert AuditEvent.objects.filter(object_id=str(placements.pk), action="published").count() == 1


@pytest.mark.django_db
def test_loading_twice_changes_nothing() -> None:
    load_seed_practices(SEED_FILE)
    before = row_counts()

    summary = load_seed_practices(SEED_FILE)

    assert summary.endswith("0 added, 0 updated, 2 unchanged")
    assert row_counts() == before


@pytest.mark.django_db
def test_every_seed_quote_is_in_its_source_and_cites_it() -> None:
    load_seed_practices(SEED_FILE)
    source_text = _flat(SOURCE_004.read_text(encoding="utf-8"))

    for practice in Practice.objects.all():
        sources = list(practice.sources.all())
        assert sources, practice.title
        for source in sources:
            assert (
                source.title
                == "How to make the global compacts on migration and refugees work for children on the move"
            )
            assert source.publisher.startswith("Human Trafficking Foundation")
            assert source.year is None  # the post states no year
            assert _flat(source.quote) in source_text


@pytest.mark.django_db
def test_a_changed_seed_entry_is_updated(tmp_path: Path) -> None:
    load_seed_practices(SEED_FILE)
    changed = tmp_path / "practices.yaml"
    changed.write_text(
        SEED_FILE.read_text(encoding="utf-8").replace("level: national", "level: regional", 1),
        encoding="utf-8",
    )

    summary = load_seed_practices(changed)

    assert summary.endswith("0 added, 1 updated, 1 unchanged")
    assert Practice.objects.get(seed_key="uk-reduced-child-immigration-detention").level == "regional"


@pytest.mark.django_db
def test_a_bad_seed_file_changes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "practices.yaml"
    bad.write_text(SEED_FILE.read_text(encoding="utf-8").replace("topics: [detention]", "topics: [no-such]"))
    before = row_counts()

    with pytest.raises(PracticeInvalid, match="unknown topic: no-such"):
        load_seed_practices(bad)

    assert row_counts() == before


@pytest.mark.django_db
def test_only_a_new_draft_can_be_published_as_a_seed_entry() -> None:
    load_seed_practices(SEED_FILE)
    published = Practice.objects.filter(seed_key__gt="").first()
    assert published is not None
    transitions = published.transitions.count()
    with pytest.raises(MoveRefused) as refused:
        publish_seed_entry(published, comment="again", channel="seed")
    assert refused.value.code == "not-a-seed-entry"
    assert published.transitions.count() == transitions

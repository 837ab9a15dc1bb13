"""Full-text search behind `search_practices`, on SQLite (FTS5) and PostgreSQL alike."""

from __future__ import annotations

import pytest

from compactwatch.practices.selectors import PracticeFilters, search_practices
from compactwatch.practices.services import delete_practice, update_practice
from compactwatch.practices.validation import validate_practice
from tests.practices.conftest import Publish, fts_rows, valid_input


def _titles(query: str, **filters: str) -> list[str]:
    return [p.title for p in search_practices(query, PracticeFilters(**filters))]


@pytest.mark.django_db
def test_search_finds_words_in_text_and_tags(publish: Publish) -> None:
    publish(title="Guardianship for separated children", summary="Guardians are appointed quickly.")
    publish(title="Schooling within weeks", summary="Refugee children enter school soon after arrival.")

    assert _titles("guardians") == ["Guardianship for separated children"]
    assert _titles("school arrival") == ["Schooling within weeks"]
    assert _titles("Chad") == ["Guardianship for separated children", "Schooling within weeks"]
    assert _titles("Child-sensitive") != []  # a GCM principle's title is searchable
    assert _titles("nothing-like-this") == []


@pytest.mark.django_db
def test_every_word_must_match_and_stems_match(publish: Publish) -> None:
    publish(title="Kinship arrangements", summary="Relatives are arranging the care of children.")
    publish(title="Detention alternatives", summary="Case management instead of detention.")

    assert _titles("arrangement") == ["Kinship arrangements"]
    assert _titles("kinship detention") == []
    assert _titles("detention management") == ["Detention alternatives"]


@pytest.mark.django_db
def test_a_title_match_ranks_first(publish: Publish) -> None:
    publish(title="Case workers", summary="Interpreters help the case workers with interpreters.")
    publish(title="Interpreters at the border", summary="Short summary.")

    assert _titles("interpreters")[0] == "Interpreters at the border"


@pytest.mark.django_db
def test_only_published_practices_are_found(publish: Publish) -> None:
    publish(state="approved", title="Approved but not published")
    publish(state="submitted", title="Submitted only")

    assert _titles("published") == []
    assert _titles("submitted") == []


@pytest.mark.django_db
def test_query_syntax_characters_are_plain_words(publish: Publish) -> None:
    publish(title="Birth registration", summary="Every birth registered.")

    for query in ['"birth', "birth*", "birth OR (", "NEAR(birth", "-birth", "birth:registration", "'; DROP"]:
        assert isinstance(_titles(query), list)
    assert _titles('"birth* (registration)') == ["Birth registration"]


@pytest.mark.django_db
def test_search_combines_with_filters(publish: Publish) -> None:
    publish(title="Shelter in Chad", summary="Shelter for children.")
    publish(title="Shelter in Nigeria", summary="Shelter for children.", countries=["NGA"])

    assert _titles("shelter", country="NGA") == ["Shelter in Nigeria"]


@pytest.mark.django_db
def test_the_index_follows_edits_and_deletions(publish: Publish, people) -> None:
    from compactwatch.practices.services import create_practice
    from compactwatch.review.services import move

    draft = create_practice(validate_practice(valid_input(title="Mentors")), author=people.contributor_tcd)
    update_practice(draft, validate_practice(valid_input(title="Tutors")), actor=people.contributor_tcd)
    move(draft, "submitted", actor=people.contributor_tcd)
    move(draft, "approved", actor=people.reviewer_all)
    move(draft, "published", actor=people.reviewer_all)
    assert _titles("tutors") == ["Tutors"]
    assert _titles("mentors") == []
    published = publish(title="Psychosocial support")
    assert _titles("psychosocial") == ["Psychosocial support"]
    rows_before = fts_rows()

    delete_practice(published, actor=people.admin)

    assert _titles("psychosocial") == []
    assert fts_rows() == max(rows_before - 1, 0)

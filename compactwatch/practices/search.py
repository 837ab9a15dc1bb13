"""Full-text search over practices, on either database, behind one function: `matching(queryset, query)`.

Each practice keeps a `search_document` (its text, the names of its countries and tags), rebuilt by
`index_practice` whenever a service changes the practice. On SQLite the document is also copied into the
FTS5 table `practices_practice_fts` (created by migration 0002; rowid = practice id) and ranked with bm25;
on PostgreSQL the query runs against `to_tsvector` of the title (weight A) and the document (weight B) and
is ranked with `ts_rank`. Both stem English words (FTS5's porter tokenizer, PostgreSQL's `english` config),
so "placement" finds "placements" on either.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, IntegerField, QuerySet, When

from compactwatch.practices.models import Practice

FTS_TABLE = "practices_practice_fts"
WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 20
SEARCH_CONFIG = "english"


def uses_fts5() -> bool:
    return connection.vendor == "sqlite"


def search_document(practice: Practice) -> str:
    """Everything a search should find the practice by, as one text."""
    parts = [
        practice.summary,
        practice.implementers,
        practice.partners,
        practice.activities,
        practice.results,
        practice.evidence,
        *(area.name for area in practice.countries.all()),
        *(topic.title for topic in practice.topics.all()),
        *(area.title for area in practice.policy_areas.all()),
        *(ref.title for ref in practice.gcm_objectives.all()),
        *(ref.title for ref in practice.gcm_principles.all()),
        *practice.target_group_labels(),
    ]
    return "\n".join(part for part in parts if part)


def index_practice(practice: Practice) -> None:
    """Bring the practice's search text (and on SQLite its FTS5 row) up to date; call inside the change."""
    document = search_document(practice)
    Practice.objects.filter(pk=practice.pk).update(search_document=document)
    practice.search_document = document
    if uses_fts5():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [practice.pk])
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [practice.pk, practice.title, document],
            )


def unindex_practice(practice_id: int) -> None:
    if uses_fts5():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [practice_id])


def terms(query: str) -> list[str]:
    """The words of a query, without operators (what both back ends search for, all of them)."""
    return WORD.findall(query.lower())[:MAX_TERMS]


def matching(practices: QuerySet[Practice], query: str) -> QuerySet[Practice]:
    """`practices` that contain every word of `query`, best match first."""
    words = terms(query)
    if not words:
        return practices
    if uses_fts5():
        return _matching_fts5(practices, words)
    return _matching_postgres(practices, words)


def _matching_fts5(practices: QuerySet[Practice], words: list[str]) -> QuerySet[Practice]:
    expression = " AND ".join(f'"{word}"' for word in words)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"ORDER BY bm25({FTS_TABLE}, 4.0, 1.0), rowid",
            [expression],
        )
        ranked = [row[0] for row in cursor.fetchall()]
    order = Case(
        *(When(pk=pk, then=position) for position, pk in enumerate(ranked)),
        output_field=IntegerField(),
    )
    return practices.filter(pk__in=ranked).annotate(search_position=order).order_by("search_position")


def _matching_postgres(practices: QuerySet[Practice], words: list[str]) -> QuerySet[Practice]:
    vector = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "search_document", weight="B", config=SEARCH_CONFIG
    )
    query = SearchQuery(" ".join(words), search_type="plain", config=SEARCH_CONFIG)
    return (
        practices.annotate(search_vector=vector, search_rank=SearchRank(vector, query))
        .filter(search_vector=query)
        .order_by("-search_rank", "pk")
    )

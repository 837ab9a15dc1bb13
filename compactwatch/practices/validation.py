"""Checking a practice sent by the form, the API or the seed file, before anything is written.

`validate_practice(raw)` takes plain data (strings, lists of codes) and returns a `PracticeData` with every
tag resolved to its row, or raises `PracticeInvalid` with one coded `Problem` per field that is wrong, so
that the web, the API and the seed loader show the same message for the same mistake. Text is plain text:
markup is refused (and anything stored is escaped on output by the templates).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from compactwatch.areas.models import Area
from compactwatch.core.validation import Problem
from compactwatch.framework.models import PolicyArea, Reference, Topic
from compactwatch.practices.models import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
    Level,
    Licence,
    Status,
    TargetGroup,
)

MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|<\s*script|javascript\s*:", re.IGNORECASE)
FIRST_YEAR, LAST_YEAR = 1950, 2100
MAX_TAGS = 60
MAX_LINKS = 20
MAX_SOURCES = 20

TEXT_FIELDS: dict[str, tuple[int, bool]] = {
    # name: (maximum length, required)
    "title": (TITLE_MAX, True),
    "summary": (SUMMARY_MAX, True),
    "implementers": (SHORT_TEXT_MAX, False),
    "partners": (SHORT_TEXT_MAX, False),
    "activities": (LONG_TEXT_MAX, False),
    "results": (LONG_TEXT_MAX, False),
    "evidence": (LONG_TEXT_MAX, False),
    "contact": (SHORT_TEXT_MAX, False),
}
TAG_FIELDS = ("countries", "topics", "policy_areas", "gcm_objectives", "gcm_principles", "target_groups")
OTHER_FIELDS = ("level", "start_year", "end_year", "status", "links", "licence", "sources")
KNOWN_FIELDS = frozenset([*TEXT_FIELDS, *TAG_FIELDS, *OTHER_FIELDS])
SOURCE_FIELDS = {"title": 500, "publisher": 300, "url": 500, "quote": LONG_TEXT_MAX}


class PracticeInvalid(Exception):
    """The input is refused whole; `problems` says what is wrong and where (the field, in `path`)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.path}: {p.message}" for p in problems))
        self.problems = problems

    def by_field(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {}
        for problem in self.problems:
            grouped.setdefault(problem.path or "", []).append(problem.message)
        return grouped


@dataclass
class SourceData:
    title: str
    publisher: str = ""
    year: int | None = None
    url: str = ""
    quote: str = ""


@dataclass
class PracticeData:
    """A valid practice, every tag resolved."""

    text: dict[str, str]
    level: str
    status: str
    licence: str
    start_year: int | None
    end_year: int | None
    countries: list[Area] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    policy_areas: list[PolicyArea] = field(default_factory=list)
    gcm_objectives: list[Reference] = field(default_factory=list)
    gcm_principles: list[Reference] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    sources: list[SourceData] = field(default_factory=list)


@dataclass
class ContributorData:
    name: str
    email: str
    organisation: str = ""


class _Checker:
    """Collects problems while reading one input."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, where: str, code: str, message: str) -> None:
        self.problems.append(Problem(code, message, path=where))

    def text(self, raw: Mapping[str, Any], name: str, limit: int, *, required: bool, where: str = "") -> str:
        where = where or name
        value = raw.get(name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(where, "wrong-type", _("%(field)s must be text") % {"field": where})
            return ""
        value = value.strip()
        if required and not value:
            self.fail(where, "missing-field", _("%(field)s is required") % {"field": where})
        elif len(value) > limit:
            self.fail(
                where,
                "too-long",
                _("%(field)s is longer than %(limit)d characters (%(length)d)")
                % {"field": where, "limit": limit, "length": len(value)},
            )
        elif MARKUP.search(value):
            self.fail(
                where,
                "markup-not-allowed",
                _("%(field)s must be plain text: remove the HTML or script tags") % {"field": where},
            )
        return value

    def choice(self, raw: Mapping[str, Any], name: str, choices: Any, *, default: str | None) -> str:
        value = raw.get(name)
        if value in (None, "") and default is not None:
            return default
        if not isinstance(value, str):
            self.fail(
                name,
                "missing-field" if value in (None, "") else "wrong-type",
                _("%(field)s is required") % {"field": name},
            )
            return ""
        if value not in choices.values:
            known = ", ".join(choices.values)
            self.fail(
                name,
                "unknown-code",
                _("%(field)s %(value)r is not one of: %(known)s")
                % {"field": name, "value": value, "known": known},
            )
        return value

    def year(self, raw: Mapping[str, Any], name: str, where: str = "") -> int | None:
        name = where or name
        value = raw.get(name.rsplit(".", 1)[-1])
        if value in (None, ""):
            return None
        if isinstance(value, str) and _plain_digits(value.strip()):
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(name, "wrong-type", _("%(field)s must be a year, such as 2017") % {"field": name})
            return None
        if not FIRST_YEAR <= value <= LAST_YEAR:
            self.fail(
                name,
                "bad-year",
                _("%(field)s must be between %(first)d and %(last)d")
                % {"field": name, "first": FIRST_YEAR, "last": LAST_YEAR},
            )
            return None
        return value

    def codes(self, raw: Mapping[str, Any], name: str, limit: int = MAX_TAGS) -> list[str]:
        value = raw.get(name)
        if value in (None, ""):
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, Sequence) or not all(isinstance(item, str) for item in value):
            self.fail(name, "wrong-type", _("%(field)s must be a list of codes") % {"field": name})
            return []
        if len(value) > limit:
            self.fail(
                name,
                "too-many",
                _("%(field)s has more than %(limit)d entries") % {"field": name, "limit": limit},
            )
            return []
        return list(dict.fromkeys(item.strip() for item in value if item.strip()))

    def resolve(self, name: str, codes: list[str], rows: dict[str, Any], what: str) -> list[Any]:
        unknown = [code for code in codes if code not in rows]
        if unknown:
            self.fail(
                name,
                "unknown-code",
                _("unknown %(what)s: %(codes)s") % {"what": what, "codes": ", ".join(unknown)},
            )
        return [rows[code] for code in codes if code in rows]


def _current(model: Any, **filters: Any) -> Any:
    return model.objects.filter(retired_in__isnull=True, **filters)


def _resolve_tags(check: _Checker, raw: Mapping[str, Any], data: PracticeData) -> None:
    countries = [code.upper() for code in check.codes(raw, "countries", limit=250)]
    areas = {area.iso3: area for area in Area.objects.filter(iso3__in=countries)}
    data.countries = check.resolve("countries", countries, areas, "country (ISO 3166-1 alpha-3 code)")
    topics = check.codes(raw, "topics")
    data.topics = check.resolve(
        "topics", topics, {t.code: t for t in _current(Topic, code__in=topics)}, "topic"
    )
    areas_codes = check.codes(raw, "policy_areas")
    data.policy_areas = check.resolve(
        "policy_areas",
        areas_codes,
        {p.code: p for p in _current(PolicyArea, code__in=areas_codes)},
        "UNICEF policy area",
    )
    for name, family, what in (
        ("gcm_objectives", Reference.Family.GCM_OBJECTIVE, "GCM objective"),
        ("gcm_principles", Reference.Family.GCM_PRINCIPLE, "GCM guiding principle"),
    ):
        codes = check.codes(raw, name)
        rows = {r.code: r for r in _current(Reference, family=family, code__in=codes)}
        setattr(data, name, check.resolve(name, codes, rows, what))
    groups = check.codes(raw, "target_groups")
    known_groups = {code: code for code in TargetGroup.values}
    data.target_groups = check.resolve("target_groups", groups, known_groups, "target group")


def _links(check: _Checker, raw: Mapping[str, Any]) -> list[str]:
    links = check.codes(raw, "links", limit=MAX_LINKS)
    valid = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            valid(link)
        except ValidationError:
            check.fail(
                "links", "bad-url", _("not a web address (http or https): %(link)s") % {"link": link[:100]}
            )
        if len(link) > 500:
            check.fail("links", "too-long", _("a web address is longer than 500 characters"))
    return links


def _sources(check: _Checker, raw: Mapping[str, Any]) -> list[SourceData]:
    value = raw.get("sources") or []
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        check.fail("sources", "wrong-type", _("sources must be a list of objects with a title"))
        return []
    if len(value) > MAX_SOURCES:
        check.fail(
            "sources", "too-many", _("sources has more than %(limit)d entries") % {"limit": MAX_SOURCES}
        )
        return []
    found = []
    for number, item in enumerate(value, start=1):
        where = f"sources[{number}]"
        text = {
            name: check.text(item, name, limit, required=name == "title", where=f"{where}.{name}")
            for name, limit in SOURCE_FIELDS.items()
        }
        year = check.year(item, "year", where=f"{where}.year")
        if text["url"]:
            _links(check, {"links": [text["url"]]})
        found.append(SourceData(year=year, **text))
    return found


def validate_practice(raw: Mapping[str, Any]) -> PracticeData:
    """The practice in `raw`, checked and resolved; `PracticeInvalid` lists every problem."""
    check = _Checker()
    if not isinstance(raw, Mapping):
        raise PracticeInvalid([Problem("wrong-type", "a practice must be an object", path="")])
    for name in sorted(set(raw) - KNOWN_FIELDS):
        check.fail(str(name), "unknown-field", _("unknown field %(name)r") % {"name": name})
    text = {
        name: check.text(raw, name, limit, required=required)
        for name, (limit, required) in TEXT_FIELDS.items()
    }
    data = PracticeData(
        text=text,
        level=check.choice(raw, "level", Level, default=None),
        status=check.choice(raw, "status", Status, default="") if raw.get("status") else "",
        licence=check.choice(raw, "licence", Licence, default=Licence.CC_BY.value),
        start_year=check.year(raw, "start_year"),
        end_year=check.year(raw, "end_year"),
    )
    if data.start_year and data.end_year and data.start_year > data.end_year:
        check.fail("end_year", "bad-period", _("the end year is before the start year"))
    _resolve_tags(check, raw, data)
    data.links = _links(check, raw)
    data.sources = _sources(check, raw)
    if check.problems:
        raise PracticeInvalid(check.problems)
    return data


def validate_contributor(raw: Mapping[str, Any]) -> ContributorData:
    """The contact details of someone sending a practice without an account."""
    check = _Checker()
    name = check.text(raw, "contributor_name", 200, required=True)
    email = check.text(raw, "contributor_email", 254, required=True)
    organisation = check.text(raw, "contributor_organisation", 300, required=False)
    if email and not any(p.path == "contributor_email" for p in check.problems):
        try:
            validate_email(email)
        except ValidationError:
            check.fail("contributor_email", "bad-email", _("contributor_email is not an email address"))
    if check.problems:
        raise PracticeInvalid(check.problems)
    return ContributorData(name=name, email=email, organisation=organisation)


def _plain_digits(text: str) -> bool:
    """A year written in ASCII digits, at most four: "²" and "٢٠١٩" are digits to Python, not years here."""
    return text.isascii() and text.isdigit() and len(text) <= 4

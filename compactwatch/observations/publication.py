"""The one publication path: every public output asks this module for the values it may show.

Pages and their chart data, every API answer, every download and the ratings all read published values
from `published()`, so the children's data rule (DESIGN.md section 5) holds wherever it is applied here:

- Counts are published through `compactwatch.core.suppression.publish`, which sees each (indicator, area,
  year) group whole, across sources, with the codelists' hierarchy (a decision total, its groups and their
  kinds; Y_LT18 and its age bands), so that no withheld count can be narrowed by adding and subtracting.
- A rate or share is withheld when its base is under `settings.MIN_RATE_BASE`, when its numerator would be
  a withheld count, or, for a rate the framework derives from counts (`derived_from`), when any count it is
  made of is withheld: a derived figure is computed from published values or not published.
- Bounds are published only beside a published value, and never as a small count.

Raw values stay in the store: reviewers and the value history read them elsewhere, never through here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet

from compactwatch.core.framework import RateDerivation
from compactwatch.core.series import key_text, parse_key_text
from compactwatch.core.suppression import COUNT_UNITS, Cell, Published, format_value, publish
from compactwatch.framework.models import Indicator
from compactwatch.framework.selectors import codelist_hierarchy, rate_derivations
from compactwatch.observations.models import Observation

CODED_UNIT = "YES_PARTIAL_NO"
ORDER = ("series__indicator__code", "series__area__iso3", "series__key", "year", "source__code")
CONFIDENTIAL = "C"
GROUPS_REMEMBERED = 200_000  # decided (indicator, area, year) groups kept per process
DECIDED_FILE = "publication-decisions.json.gz"  # decisions about the bundled data, shipped beside it
FIELDS = (
    "id",
    "series_id",
    "series__indicator_id",
    "series__area_id",
    "series__indicator__code",
    "series__area__iso3",
    "series__key",
    "year",
    "value",
    "value_code",
    "base",
    "unit__code",
    "obs_status",
    "conf_status",
    "lower_bound",
    "upper_bound",
    "footnote",
    "evidence",
    "source__code",
    "partial_period",
)

Context = tuple[int, int, int]  # indicator id, area id, year: the group a count is published with


@dataclass(frozen=True, slots=True)
class PublishedValue:
    """One current observation as the public sees it."""

    id: int
    series_id: int
    indicator: str
    area: str
    key: str
    year: int
    value: float | None  # the number as published; None when withheld or when the value is a code
    text: str  # what a rendering shows: "1234", "<5", "" (withheld to protect another value), "YES"
    withheld: bool
    unit: str
    obs_status: str
    conf_status: str
    lower_bound: float | None
    upper_bound: float | None
    footnote: str
    evidence: str
    source: str
    partial_period: bool = False  # the year is covered in part only (the producer says so)

    @property
    def dimensions(self) -> dict[str, str]:
        return parse_key_text(self.key)


@dataclass(frozen=True, slots=True)
class _Raw:
    """One current observation as stored: raw, never returned as it is."""

    id: int
    series_id: int
    context: Context
    indicator: str
    area: str
    key: str
    year: int
    value: float | None
    value_code: str
    base: float | None
    unit: str
    obs_status: str
    conf_status: str
    lower: float | None
    upper: float | None
    footnote: str
    evidence: str
    source: str
    partial_period: bool

    @classmethod
    def of(cls, row: Sequence[object]) -> _Raw:
        pk, series_id, indicator_id, area_id, indicator, area, key, year, *rest = row
        context = (int(indicator_id), int(area_id), int(year))  # type: ignore[call-overload]
        return cls(pk, series_id, context, indicator, area, key, year, *rest)  # type: ignore[arg-type]

    @property
    def dimensions(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(parse_key_text(self.key).items()))

    def cell(self) -> Cell:
        withheld_text = self.value_code if self.value is None and self.value_code.startswith("<") else ""
        return Cell(
            self.indicator,
            self.area,
            self.dimensions,
            self.year,
            self.unit,
            self.value,
            self.source,
            withheld_text,
        )


def current_observations(indicator: str | None = None, area: str | None = None) -> QuerySet[Observation]:
    queryset = Observation.objects.filter(is_current=True)
    if indicator:
        queryset = queryset.filter(series__indicator__code=indicator)
    if area:
        queryset = queryset.filter(series__area__iso3=area.upper())
    return queryset.order_by(*ORDER)


def thresholds() -> dict[str, int]:
    """The threshold of each sensitive indicator; every other indicator uses SMALL_COUNT_THRESHOLD."""
    sensitive = Indicator.objects.filter(sensitive=True).values_list("code", flat=True)
    return {code: settings.SENSITIVE_COUNT_THRESHOLD for code in sensitive}


def threshold_of(indicator: str, limits: Mapping[str, int] | None = None) -> int:
    return (thresholds() if limits is None else limits).get(indicator, settings.SMALL_COUNT_THRESHOLD)


def published(observations: QuerySet[Observation], *, whole_groups: bool = False) -> list[PublishedValue]:
    """The published form of exactly `observations`, in their order.

    Each value is decided with every current observation of its group (and, for a derived rate, of the
    counts it is made of), fetched here unless the caller says the selection already holds whole groups
    (a filter on indicator and area only).
    """
    requested = [_Raw.of(row) for row in observations.values_list(*FIELDS)]
    if not requested:
        return []
    derivations = rate_derivations()
    everything = requested if whole_groups else _groups_around(requested)
    everything = _with_rate_inputs(everything, requested, derivations)
    decided = _decide(everything, derivations)
    return [decided[raw.id] for raw in requested]


def published_beside_raw(observations: QuerySet[Observation]) -> tuple[list[PublishedValue], list[Cell]]:
    """For the disclosure audit only: the published values of whole groups and, beside each, the raw cell
    it was decided from (raw values never leave the audit)."""
    requested = [_Raw.of(row) for row in observations.values_list(*FIELDS)]
    derivations = rate_derivations()
    decided = _decide(_with_rate_inputs(requested, requested, derivations), derivations)
    return [decided[raw.id] for raw in requested], [raw.cell() for raw in requested]


def _groups_around(requested: list[_Raw]) -> list[_Raw]:
    contexts = {raw.context for raw in requested}
    return [raw for raw in _fetch_contexts(contexts) if raw.context in contexts]


def _fetch_contexts(contexts: Iterable[Context]) -> list[_Raw]:
    wanted = set(contexts)
    if not wanted:
        return []
    indicators, areas, years = (sorted({c[i] for c in wanted}) for i in range(3))
    candidates = Observation.objects.filter(
        is_current=True, series__indicator_id__in=indicators, series__area_id__in=areas, year__in=years
    ).order_by(*ORDER)
    return [raw for raw in map(_Raw.of, candidates.values_list(*FIELDS)) if raw.context in wanted]


def _with_rate_inputs(
    everything: list[_Raw], requested: list[_Raw], derivations: Mapping[str, RateDerivation]
) -> list[_Raw]:
    """Adds the groups of counts that the requested derived rates are made of."""
    derived = [raw for raw in requested if raw.indicator in derivations]
    if not derived:
        return everything
    ids = dict(
        Indicator.objects.filter(code__in=[d.source for d in derivations.values()]).values_list("code", "id")
    )
    contexts = {
        (ids[derivations[raw.indicator].source], raw.context[1], raw.year)
        for raw in derived
        if derivations[raw.indicator].source in ids
    }
    known = {raw.context for raw in everything}
    extra = _fetch_contexts(contexts - known)
    return [*everything, *extra]


def _decide(raws: list[_Raw], derivations: Mapping[str, RateDerivation]) -> dict[int, PublishedValue]:
    limits = thresholds()
    counts = [raw for raw in raws if raw.unit in COUNT_UNITS]
    shown = _published_counts(counts, limits, _Hierarchy.of(codelist_hierarchy()))
    decided = {raw.id: _count_value(raw, shown[raw.id], limits) for raw in counts}
    inputs = _RateInputs(counts, decided)
    for raw in raws:
        if raw.unit not in COUNT_UNITS:
            decided[raw.id] = _other_value(raw, inputs, derivations, limits)
    return decided


@dataclass(frozen=True)
class _Hierarchy:
    """The codelists' nesting in a hashable form, so that decided groups can be remembered."""

    levels: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]

    @classmethod
    def of(cls, hierarchy: Mapping[str, Mapping[str, str]]) -> _Hierarchy:
        return cls(tuple(sorted((d, tuple(sorted(codes.items()))) for d, codes in hierarchy.items())))

    def mapping(self) -> dict[str, dict[str, str]]:
        return {dimension: dict(codes) for dimension, codes in self.levels}


def _published_counts(
    counts: list[_Raw], limits: Mapping[str, int], hierarchy: _Hierarchy
) -> dict[int, Published]:
    """Each (indicator, area, year) group decided as `publish` decides it, whatever else is asked for.

    Deciding groups takes linear programs, and the same raw figures always give the same decision, so
    decided groups are remembered by content (a changed figure, threshold or hierarchy is a new entry);
    the groups not yet decided go to `publish` together, which solves them in one batch.
    """
    groups: dict[Context, list[_Raw]] = defaultdict(list)
    for raw in counts:
        groups[raw.context].append(raw)
    keyed = {}
    for context, members in groups.items():
        members.sort(key=lambda raw: (raw.key, raw.source, raw.id))
        cells = tuple(raw.cell() for raw in members)
        keyed[context] = (cells, threshold_of(members[0].indicator, limits), hierarchy)
    _DECIDED.decide([key for key in keyed.values() if key not in _DECIDED])
    shown: dict[int, Published] = {}
    for context, members in groups.items():
        shown.update(zip((raw.id for raw in members), _DECIDED[keyed[context]], strict=True))
    return shown


GroupKey = tuple[tuple[Cell, ...], int, _Hierarchy]


class _DecidedGroups:
    """Decisions of whole groups by content, at most GROUPS_REMEMBERED of them (the oldest go first).

    Decisions about the bundled data are shipped beside it (`DECIDED_FILE`, written by
    `scripts/decide_bundled_publication.py`), so a new installation does not solve them again; an entry
    is used only for exactly the figures, threshold and code hierarchy it was decided for.
    """

    def __init__(self) -> None:
        self._decided: dict[GroupKey, tuple[Published, ...]] = {}
        self._shipped: dict[str, tuple[Published, ...]] | None = None

    def __contains__(self, key: GroupKey) -> bool:
        return key in self._decided or self._from_shipped(key)

    def __getitem__(self, key: GroupKey) -> tuple[Published, ...]:
        return self._decided[key]

    def decide(self, keys: list[GroupKey]) -> None:
        by_rules: dict[tuple[int, _Hierarchy], list[GroupKey]] = defaultdict(list)
        for key in dict.fromkeys(keys):
            by_rules[(key[1], key[2])].append(key)
        for (threshold, hierarchy), batch in by_rules.items():
            cells = [cell for key in batch for cell in key[0]]
            decided = iter(publish(cells, {}, threshold, hierarchy=hierarchy.mapping()))
            for key in batch:
                self._remember(key, tuple(next(decided) for _ in key[0]))

    def shippable(self) -> dict[str, list[list[object]]]:
        """Every remembered decision, by content digest, as `DECIDED_FILE` holds them."""
        return {
            _digest(key): [[shown.text, shown.withheld] for shown in decision]
            for key, decision in self._decided.items()
        }

    def _remember(self, key: GroupKey, decision: tuple[Published, ...]) -> None:
        if len(self._decided) >= GROUPS_REMEMBERED:
            del self._decided[next(iter(self._decided))]
        self._decided[key] = decision

    def _from_shipped(self, key: GroupKey) -> bool:
        if self._shipped is None:
            self._shipped = _read_shipped(settings.BUNDLED_DATA_DIR / DECIDED_FILE)
        found = self._shipped.get(_digest(key)) if self._shipped else None
        if found is None or len(found) != len(key[0]):
            return False
        self._remember(key, found)
        return True


def _digest(key: GroupKey) -> str:
    cells, threshold, hierarchy = key
    content = json.dumps([[list(astuple(cell)) for cell in cells], threshold, hierarchy.levels], default=str)
    return hashlib.sha256(content.encode()).hexdigest()


def _read_shipped(path: Path) -> dict[str, tuple[Published, ...]]:
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        stored = json.load(handle)
    return {digest: tuple(Published(str(t), bool(w)) for t, w in cells) for digest, cells in stored.items()}


def write_decisions(path: Path) -> int:
    """Writes every decision this process holds to `path` (gzipped JSON); returns how many groups."""
    decisions = _DECIDED.shippable()
    content = json.dumps(decisions, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with path.open("wb") as file, gzip.GzipFile(fileobj=file, mode="wb", compresslevel=9, mtime=0) as handle:
        handle.write(content)
    return len(decisions)


_DECIDED = _DecidedGroups()


def _count_value(raw: _Raw, shown: Published, limits: Mapping[str, int]) -> PublishedValue:
    if shown.withheld:
        return _withheld(raw, shown.text)
    threshold = threshold_of(raw.indicator, limits)
    return _shown(raw, raw.value, shown.text, _bound(raw.lower, threshold), _bound(raw.upper, threshold))


def _bound(bound: float | None, threshold: int) -> float | None:
    """A bound beside a published count, unless it is itself a small count."""
    if bound is None or 0 < bound < threshold:
        return None
    return bound


class _RateInputs:
    """The published counts a derived rate may be made of, by indicator, area, year, source and key."""

    def __init__(self, counts: list[_Raw], decided: Mapping[int, PublishedValue]) -> None:
        self._cells: dict[tuple[str, str, int, str], dict[str, tuple[_Raw, bool]]] = defaultdict(dict)
        for raw in counts:
            where = (raw.indicator, raw.area, raw.year, raw.source)
            self._cells[where][raw.key] = (raw, decided[raw.id].withheld)

    def cells(self, indicator: str, area: str, year: int, source: str) -> dict[str, tuple[_Raw, bool]]:
        return self._cells.get((indicator, area, year, source), {})


def _other_value(
    raw: _Raw, inputs: _RateInputs, derivations: Mapping[str, RateDerivation], limits: Mapping[str, int]
) -> PublishedValue:
    if raw.unit == CODED_UNIT:
        return _shown(raw, None, raw.value_code, None, None)
    if raw.value is None:
        return _withheld(raw, raw.value_code if raw.value_code.startswith("<") else "")
    derivation = derivations.get(raw.indicator)
    if derivation is not None and not _derived_rate_publishable(raw, derivation, inputs):
        return _withheld(raw, "")
    if raw.base is not None and not _rate_publishable(raw, raw.base, threshold_of(raw.indicator, limits)):
        return _withheld(raw, "")
    return _shown(raw, raw.value, format_value(raw.value), raw.lower, raw.upper)


def _rate_publishable(raw: _Raw, base: float, threshold: int) -> bool:
    """Not on a base under MIN_RATE_BASE, and not where its numerator is a count that would be withheld."""
    assert raw.value is not None
    numerator = round(raw.value * base / 100.0) if raw.unit == "PERCENT" else None
    if base < settings.MIN_RATE_BASE:
        return False
    return numerator is None or not 0 < numerator < threshold


def _derived_rate_publishable(raw: _Raw, derivation: RateDerivation, inputs: _RateInputs) -> bool:
    """A rate made of counts is shown only where all its counts are shown, on a base large enough."""
    cells = inputs.cells(derivation.source, raw.area, raw.year, raw.source)
    rest = parse_key_text(raw.key)
    base = 0.0
    for selection, in_base in ((derivation.numerator, False), (derivation.denominator, True)):
        for dimension, codes in selection.items():
            for code in codes:
                found = cells.get(key_text({**rest, dimension: code}))
                if found is None:
                    continue
                count, withheld = found
                if withheld:
                    return False
                base += (count.value or 0.0) if in_base else 0.0
    return base >= settings.MIN_RATE_BASE


def _withheld(raw: _Raw, text: str) -> PublishedValue:
    return PublishedValue(
        id=raw.id,
        series_id=raw.series_id,
        indicator=raw.indicator,
        area=raw.area,
        key=raw.key,
        year=raw.year,
        value=None,
        text=text,
        withheld=True,
        unit=raw.unit,
        obs_status=raw.obs_status,
        conf_status=CONFIDENTIAL,
        lower_bound=None,
        upper_bound=None,
        footnote=raw.footnote,
        evidence=raw.evidence,
        source=raw.source,
        partial_period=raw.partial_period,
    )


def _shown(
    raw: _Raw, value: float | None, text: str, lower: float | None, upper: float | None
) -> PublishedValue:
    return PublishedValue(
        id=raw.id,
        series_id=raw.series_id,
        indicator=raw.indicator,
        area=raw.area,
        key=raw.key,
        year=raw.year,
        value=value,
        text=text,
        withheld=False,
        unit=raw.unit,
        obs_status=raw.obs_status,
        conf_status=raw.conf_status,
        lower_bound=lower,
        upper_bound=upper,
        footnote=raw.footnote,
        evidence=raw.evidence,
        source=raw.source,
        partial_period=raw.partial_period,
    )

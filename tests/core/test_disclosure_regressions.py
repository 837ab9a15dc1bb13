"""Leaks of the flat suppression that published the tables below: the auditor finds each one, with the
range an attacker gets, and the new publication of the same raw tables leaves nothing to find."""

from __future__ import annotations

from collections import defaultdict, deque

from compactwatch.core.disclosure import Exposure, audit
from compactwatch.core.suppression import Cell, Published, publish

AGE = {
    "Y0T4": "Y_LT18",
    "Y5T11": "Y_LT18",
    "Y12T17": "Y_LT18",
    "Y12T16": "Y12T17",
    "Y17": "Y12T17",
    "Y_LT18": "_T",
    "Y_GE18": "_T",
}
DECISION = {
    "GRANT_PROT": "_T",
    "REF_PERM": "GRANT_PROT",
    "TEMP_REF_PERM": "GRANT_PROT",
    "HUM_PROT": "GRANT_PROT",
    "GRANT_OTH": "_T",
    "DL": "GRANT_OTH",
    "UASC_LEAVE": "GRANT_OTH",
    "CALAIS_LEAVE": "GRANT_OTH",
    "ELR": "GRANT_OTH",
    "OTH_GRANT": "GRANT_OTH",
    "REFUSED": "_T",
    "REF_3C": "REFUSED",
    "REF_CERT": "REFUSED",
    "REF_NONCOMP": "REFUSED",
    "REF_OTH": "REFUSED",
    "WITHDRAWN": "_T",
    "WDR_EXPL": "WITHDRAWN",
    "WDR_IMPL": "WITHDRAWN",
}
HIERARCHY = {"AGE": AGE, "DECISION": DECISION}
SENSITIVE = {"children-entering-detention": 10, "uasc-asylum-decisions": 10, "uasc-asylum-applications": 10}


def flat_publish(cells: list[Cell], threshold: int) -> list[str]:
    """The suppression these tables were published with: one flat level per dimension and per source,
    a complement only where a group with a published total had exactly one withheld cell."""
    hidden = {i for i, c in enumerate(cells) if c.value is not None and 0 < c.value < threshold}
    primary = set(hidden)
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    totals: dict[tuple[object, ...], int] = {}
    names = {d for c in cells for d, _ in c.dimensions}
    for i, c in enumerate(cells):
        dims = dict(c.dimensions)
        for d in dims:
            rest = tuple(sorted((k, v) for k, v in dims.items() if k != d))
            groups[(c.source, c.year, d, rest)].append(i)
        for d in names - dims.keys():
            totals[(c.source, c.year, d, c.dimensions)] = i
    queue = deque(k for k, members in groups.items() if any(i in hidden for i in members))
    while queue:
        key = queue.popleft()
        total = totals.get(key)
        if total is None or total in hidden or sum(i in hidden for i in groups[key]) != 1:
            continue
        open_cells = [i for i in groups[key] if i not in hidden]
        extra = min(open_cells, key=lambda i: (cells[i].value or 0.0, i)) if open_cells else total
        hidden.add(extra)
        queue.extend(k for k, members in groups.items() if extra in members)
        queue.append(key)
    return [
        f"<{threshold}" if i in primary else "" if i in hidden else f"{c.value:g}"
        for i, c in enumerate(cells)
    ]


def as_published(texts: list[str]) -> list[Published]:
    return [Published(text, text == "" or text.startswith("<")) for text in texts]


def ranges(exposures: list[Exposure]) -> list[tuple[int, float, float]]:
    return [(e.cell, round(e.feasible_low, 6), round(e.feasible_high, 6)) for e in exposures]


def detention(year: int, values: dict[str, int]) -> list[Cell]:
    return [
        Cell("children-entering-detention", "GBR", ((("AGE", age),) if age else ()), year, "NUMBER", float(v))
        for age, v in values.items()
    ]


DETENTION_2022 = detention(2022, {"": 232, "Y0T4": 1, "Y5T11": 3, "Y12T16": 132, "Y17": 96})
DETENTION_2020 = detention(2020, {"": 87, "Y0T4": 1, "Y5T11": 2, "Y12T16": 45, "Y17": 39})


def test_uk_detention_2022_as_published_gives_both_young_age_bands_as_one_to_three() -> None:
    texts = flat_publish(DETENTION_2022, 10)
    assert texts == ["232", "<10", "<10", "132", "96"]
    found = audit(DETENTION_2022, as_published(texts), SENSITIVE, 5, HIERARCHY)
    assert ranges(found) == [(1, 1.0, 3.0), (2, 1.0, 3.0)]
    assert (found[0].label_low, found[0].label_high) == (1.0, 9.0)


def test_uk_detention_2020_as_published_gives_both_as_one_to_two() -> None:
    texts = flat_publish(DETENTION_2020, 10)
    assert texts == ["87", "<10", "<10", "45", "39"]
    found = audit(DETENTION_2020, as_published(texts), SENSITIVE, 5, HIERARCHY)
    assert ranges(found) == [(1, 1.0, 2.0), (2, 1.0, 2.0)]


def test_detention_now_published_with_a_blank_and_nothing_to_find() -> None:
    for cells, expected in (
        (DETENTION_2022, ["232", "<10", "<10", "132", ""]),
        (DETENTION_2020, ["87", "<10", "<10", "45", ""]),
    ):
        shown = publish(cells, SENSITIVE, 5, HIERARCHY)
        assert [p.text for p in shown] == expected
        assert audit(cells, shown, SENSITIVE, 5, HIERARCHY) == []


# Unaccompanied children's asylum decisions, UK 2014, decided when 18 or over, both sexes.
DECISIONS_2014 = {
    "": 296,
    "GRANT_PROT": 68,
    "REF_PERM": 67,
    "HUM_PROT": 1,
    "GRANT_OTH": 2,
    "OTH_GRANT": 2,
    "REFUSED": 206,
    "REF_3C": 1,
    "REF_CERT": 63,
    "REF_NONCOMP": 1,
    "REF_OTH": 141,
    "WITHDRAWN": 20,
    "WDR_EXPL": 7,
    "WDR_IMPL": 13,
}


def decisions() -> list[Cell]:
    return [
        Cell(
            "uasc-asylum-decisions",
            "GBR",
            (("AGE", "Y_GE18"), *((("DECISION", code),) if code else ())),
            2014,
            "NUMBER",
            float(value),
        )
        for code, value in DECISIONS_2014.items()
    ]


def test_decision_groups_and_kinds_as_published_give_back_every_withheld_count() -> None:
    cells = decisions()
    texts = flat_publish(cells, 10)
    assert texts == [
        "296",
        "68",
        "67",
        "<10",
        "<10",
        "<10",
        "206",
        "<10",
        "63",
        "<10",
        "141",
        "20",
        "<10",
        "13",
    ]
    found = audit(cells, as_published(texts), SENSITIVE, 5, HIERARCHY)
    # HUM_PROT 68-67; GRANT_OTH 296-68-206-20 and its only kind; REF_3C and REF_NONCOMP share 206-63-141;
    # WDR_EXPL 20-13.
    assert ranges(found) == [(3, 1, 1), (4, 2, 2), (5, 2, 2), (7, 1, 1), (9, 1, 1), (12, 7, 7)]


def test_a_flat_hierarchy_misses_them_but_the_attacker_does_not() -> None:
    cells = decisions()
    flat = publish(cells, SENSITIVE, 5)
    assert [e.cell for e in audit(cells, flat, SENSITIVE, 5, HIERARCHY)] != []
    nested = publish(cells, SENSITIVE, 5, HIERARCHY)
    assert audit(cells, nested, SENSITIVE, 5, HIERARCHY) == []
    # GRANT_PROT, REF_PERM, REF_CERT, WITHDRAWN and its other kind blank: each group and the total keep room
    # for the "<10"s (a repair round protects every narrowed count whose relations no other repair touched,
    # which costs this table one more blank than repairing one count a round, and saves most of the rounds).
    assert [p.text for p in nested] == [
        "296", "", "", "<10", "<10", "<10", "206", "<10", "", "<10", "141", "", "<10", "",
    ]  # fmt: skip


def refugee_children() -> list[Cell]:
    """UNHCR writes the children's total as AGE=Y_LT18, not by leaving the age out."""
    values = {
        "F": {"Y_LT18": 57, "Y0T4": 3, "Y5T11": 20, "Y12T17": 34},
        "M": {"Y_LT18": 61, "Y0T4": 15, "Y5T11": 22, "Y12T17": 24},
        "": {"Y_LT18": 118, "Y0T4": 18, "Y5T11": 42, "Y12T17": 58},
    }
    return [
        Cell(
            "refugee-children",
            "TCD",
            tuple(sorted({"AGE": a, **({"SEX": s} if s else {})}.items())),
            2024,
            "NUMBER",
            float(v),
        )
        for s, by_age in values.items()
        for a, v in by_age.items()
    ]


def test_children_total_written_as_a_code_gave_back_the_girls_under_five() -> None:
    cells = refugee_children()
    texts = flat_publish(cells, 5)
    assert texts == ["57", "<5", "20", "34", "61", "", "22", "24", "118", "18", "42", "58"]
    found = audit(cells, as_published(texts), {}, 5, HIERARCHY)
    assert ranges(found) == [(1, 3, 3)]
    shown = publish(cells, {}, 5, HIERARCHY)
    assert [p.text for p in shown] == ["57", "<5", "", "34", "61", "", "", "24", "118", "18", "42", "58"]
    assert audit(cells, shown, {}, 5, HIERARCHY) == []


def two_sources() -> list[Cell]:
    """One source publishes the total, another the parts without it: an attacker puts them together."""
    return [
        Cell("uasc-asylum-applications", "GBR", (), 2019, "NUMBER", 50.0, "UNHCR"),
        Cell("uasc-asylum-applications", "GBR", (("SEX", "F"),), 2019, "NUMBER", 3.0, "HO"),
        Cell("uasc-asylum-applications", "GBR", (("SEX", "M"),), 2019, "NUMBER", 47.0, "HO"),
    ]


def test_a_total_from_another_source_gave_back_the_girls() -> None:
    cells = two_sources()
    texts = flat_publish(cells, 10)
    assert texts == ["50", "<10", "47"]
    assert ranges(audit(cells, as_published(texts), SENSITIVE, 5)) == [(1, 3, 3)]
    shown = publish(cells, SENSITIVE, 5)
    assert [p.text for p in shown] == ["50", "<10", ""]
    assert audit(cells, shown, SENSITIVE, 5) == []

"""Nested codes and derived rates as the platform reads them, and how they version with the framework."""

from __future__ import annotations

from pathlib import Path

import pytest

from compactwatch.core.framework import RateDerivation
from compactwatch.core.validation import InvalidInput
from compactwatch.framework import selectors
from compactwatch.framework.models import Code, FrameworkVersion
from compactwatch.framework.services import load_framework
from tests.framework.test_loading import copy_framework, edit, file_with

pytestmark = pytest.mark.django_db

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
    "WDR_OTH": "WITHDRAWN",
    "ADMIN": "_T",
    "ADM_VOID": "ADMIN",
    "ADM_SUSP": "ADMIN",
    "ADM_DECEASED": "ADMIN",
    "ADM_OTH": "ADMIN",
}

AGE = {
    "Y_LT18": "_T",
    "Y_GE18": "_T",
    "_U": "_T",
    "Y0T4": "Y_LT18",
    "Y5T11": "Y_LT18",
    "Y12T17": "Y_LT18",
    "Y12T16": "Y12T17",
    "Y17": "Y12T17",
    "Y_LT5": "Y0T4",
    "M0T11": "Y_LT5",
    "M12T23": "Y_LT5",
    "M24T35": "Y_LT5",
    "M36T47": "Y_LT5",
    "M48T59": "Y_LT5",
}


def test_the_hierarchy_of_decisions_and_ages() -> None:
    hierarchy = selectors.codelist_hierarchy()
    assert hierarchy["DECISION"] == DECISION
    assert hierarchy["AGE"] == AGE
    assert hierarchy["SEX"] == {"F": "_T", "M": "_T", "_U": "_T"}
    assert hierarchy["UASC"] == {
        "UASC": "_T",
        "UNACC": "UASC",
        "SEP": "UASC",
        "NON_UASC": "_T",
        "ACC": "NON_UASC",
    }
    assert hierarchy["NATIONALITY"] == {"STATELESS": "_T", "_U": "_T"}
    assert "GEO_ZONE" not in hierarchy  # it lists the total only


def test_codes_in_no_sum_are_listed_apart() -> None:
    assert selectors.standalone_codes() == {
        "AGE": frozenset({"Y15T17"}),
        "MIGRATORY_STATUS": frozenset({"MIG", "NONMIG"}),
    }
    assert "Y15T17" not in selectors.codelist_hierarchy()["AGE"]


def test_the_hierarchy_costs_one_query(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(1):
        selectors.codelist_hierarchy()
    with django_assert_num_queries(1):
        selectors.rate_derivations()


def test_the_grant_rate_is_derived_from_decisions() -> None:
    assert selectors.rate_derivations() == {
        "uasc-grant-rate": RateDerivation(
            indicator="uasc-grant-rate",
            source="uasc-asylum-decisions",
            numerator={"DECISION": ("GRANT_PROT", "GRANT_OTH")},
            denominator={"DECISION": ("GRANT_PROT", "GRANT_OTH", "REFUSED")},
            per=100,
        )
    }


def _move_other_grants_to_protection(data: dict) -> None:  # type: ignore[type-arg]
    decision = next(c for c in data["codelists"] if c["code"] == "DECISION")
    next(c for c in decision["codes"] if c["code"] == "OTH_GRANT")["parent"] = "GRANT_PROT"


def test_a_changed_parent_alone_is_a_new_framework_version(framework_dir: Path, tmp_path: Path) -> None:
    old = selectors.current_version()
    assert old is not None
    folder = copy_framework(framework_dir, tmp_path)
    edit(folder, file_with(folder, "codelists"), _move_other_grants_to_protection)

    with pytest.raises(InvalidInput) as refused:
        load_framework(folder)
    assert refused.value.report.codes() == ["version-exists"]
    assert selectors.codelist_hierarchy()["DECISION"]["OTH_GRANT"] == "GRANT_OTH"

    edit(folder, file_with(folder, "version"), lambda data: data.update(version="test-parent"))
    result = load_framework(folder)
    assert result.status == "loaded"
    assert dict(result.changes["codes"]) == {"updated": 1}
    assert result.version.sha256 != old.sha256
    assert selectors.codelist_hierarchy()["DECISION"]["OTH_GRANT"] == "GRANT_PROT"
    assert Code.objects.get(codelist__code="DECISION", code="OTH_GRANT").parent == "GRANT_PROT"
    before = selectors.framework_at(old.label).codelist("DECISION")
    assert before is not None
    assert next(c for c in before.codes if c.code == "OTH_GRANT").parent == "GRANT_OTH"

    restored = load_framework(framework_dir)
    assert restored.status == "restored"
    assert FrameworkVersion.objects.get(is_current=True).pk == old.pk
    assert selectors.codelist_hierarchy()["DECISION"]["OTH_GRANT"] == "GRANT_OTH"


def test_a_derivation_is_stored_and_dropped_with_its_version(framework_dir: Path, tmp_path: Path) -> None:
    folder = copy_framework(framework_dir, tmp_path)

    def no_derivation(data: dict) -> None:  # type: ignore[type-arg]
        next(i for i in data["indicators"] if i["code"] == "uasc-grant-rate").pop("derived_from")

    edit(folder, file_with(folder, "indicators"), no_derivation)
    edit(folder, file_with(folder, "version"), lambda data: data.update(version="test-no-derivation"))
    assert dict(load_framework(folder).changes["indicators"]) == {"updated": 1}
    assert selectors.rate_derivations() == {}
    load_framework(framework_dir)
    assert set(selectors.rate_derivations()) == {"uasc-grant-rate"}

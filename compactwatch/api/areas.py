"""Area endpoints: countries and territories with their UN M49 groupings, and the groupings themselves."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router

from compactwatch.api import selectors
from compactwatch.api.errors import answers
from compactwatch.api.framework import listing
from compactwatch.api.schemas import AreaDetail, AreaList, RegionDetail, RegionList
from compactwatch.areas.models import Area, Region

router = Router(tags=["areas"])

Level = Literal["world", "region", "subregion", "intermediate"]


def region_ref(region: Region | None) -> dict[str, str] | None:
    return {"m49": region.m49, "name": region.name} if region else None


def region_out(region: Region) -> dict[str, Any]:
    parent = region.parent.m49 if region.parent else None
    return {"m49": region.m49, "name": region.name, "level": region.level, "parent": parent}


def area_out(area: Area) -> dict[str, Any]:
    return {
        "iso3": area.iso3,
        "iso2": area.iso2,
        "m49": area.m49,
        "name": area.name,
        "independent": area.independent,
        "region": region_ref(area.region),
        "subregion": region_ref(area.subregion),
        "intermediate_region": region_ref(area.intermediate_region),
    }


@router.get(
    "/areas",
    response=answers(AreaList, 404, 422),
    summary="Countries and territories, optionally in one M49 grouping",
)
def list_areas(request: HttpRequest, region: str | None = None) -> dict[str, Any]:
    if region:
        selectors.region_detail(region)  # an unknown grouping is a 404, not an empty list
    return listing([area_out(area) for area in selectors.areas(region)])


@router.get("/areas/{iso3}", response=answers(AreaDetail, 404), summary="One area by ISO 3166-1 alpha-3 code")
def get_area(request: HttpRequest, iso3: str) -> dict[str, Any]:
    area = selectors.area_detail(iso3)
    return {
        **area_out(area),
        "name_fr": area.name_fr,
        "name_es": area.name_es,
        "income_level": area.income_level,
        "groupings": [region_out(grouping) for grouping in area.groupings.all()],
    }


@router.get(
    "/regions", response=answers(RegionList, 422), summary="UN M49 groupings: world, regions, sub-regions"
)
def list_regions(request: HttpRequest, level: Level | None = None) -> dict[str, Any]:
    return listing([region_out(region) for region in selectors.regions(level)])


@router.get("/regions/{m49}", response=answers(RegionDetail, 404), summary="One M49 grouping with its areas")
def get_region(request: HttpRequest, m49: str) -> dict[str, Any]:
    region = selectors.region_detail(m49)
    return {**region_out(region), "areas": [area.iso3 for area in region.areas.all()]}

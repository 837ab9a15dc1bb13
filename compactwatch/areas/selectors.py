"""Read queries over areas and their groupings."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from compactwatch.areas.models import Area, Region


def regions_with_areas() -> list[tuple[Region, list[Area]]]:
    """Each M49 region with its areas, by sub-region order then name."""
    areas = list(Area.objects.select_related("region", "subregion", "intermediate_region"))
    result = []
    for region in Region.objects.filter(level=Region.Level.REGION).order_by("name"):
        members = sorted(
            (a for a in areas if a.region_id == region.pk),
            key=lambda a: ((a.subregion.name if a.subregion else ""), a.name),
        )
        result.append((region, members))
    unassigned = [a for a in areas if a.region_id is None]
    if unassigned:
        result.append((Region(m49="", name="Not in an M49 region", level=Region.Level.REGION), unassigned))
    return result


def area_detail(iso3: str) -> Area:
    queryset = Area.objects.select_related("region", "subregion", "intermediate_region").prefetch_related(
        "groupings"
    )
    return get_object_or_404(queryset, iso3=iso3.upper())


def all_areas() -> QuerySet[Area]:
    return Area.objects.order_by("name")

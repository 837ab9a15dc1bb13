"""Writing the list of areas and groupings: the one way area rows change."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from compactwatch.areas.models import Area, Region
from compactwatch.core.areas import area_records, region_records


@dataclass(frozen=True)
class AreasLoaded:
    regions_created: int
    areas_created: int
    areas_updated: int

    def summary(self) -> str:
        if not (self.regions_created or self.areas_created or self.areas_updated):
            return "areas are up to date"
        return (
            f"areas: {self.areas_created} created, {self.areas_updated} updated; "
            f"{self.regions_created} groupings created"
        )


@transaction.atomic
def load_areas() -> AreasLoaded:
    """Create or update every area and M49 grouping of the bundled taxonomy (idempotent)."""
    regions = {region.m49: region for region in Region.objects.all()}
    regions_created = 0
    for record in region_records():
        fields = {"name": record.name, "level": record.level, "parent": regions.get(record.parent or "")}
        region = regions.get(record.m49)
        if region is None:
            regions[record.m49] = Region.objects.create(m49=record.m49, **fields)
            regions_created += 1
        elif any(getattr(region, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(region, name, value)
            region.save()

    areas = {area.iso3: area for area in Area.objects.all()}
    created = updated = 0
    for record in area_records():
        fields = {
            "iso2": record.iso2,
            "m49": record.m49,
            "name": record.name,
            "name_fr": record.name_fr,
            "name_es": record.name_es,
            "independent": record.independent,
            "income_level": record.income_level,
            "region": regions.get(record.region or ""),
            "subregion": regions.get(record.subregion or ""),
            "intermediate_region": regions.get(record.intermediate_region or ""),
        }
        area = areas.get(record.iso3)
        if area is None:
            area = Area.objects.create(iso3=record.iso3, **fields)
            created += 1
        elif any(getattr(area, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(area, name, value)
            area.save()
            updated += 1
        else:
            continue
        area.groupings.set([regions[code] for code in record.groupings])
    return AreasLoaded(regions_created, created, updated)

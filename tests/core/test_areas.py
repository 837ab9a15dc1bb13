from compactwatch.core.areas import WORLD_CODE, area_records, region_records


def test_every_country_and_territory_has_iso3_m49_and_a_un_region() -> None:
    areas = {area.iso3: area for area in area_records()}
    assert len(areas) >= 245
    nigeria = areas["NGA"]
    assert (nigeria.iso2, nigeria.m49, nigeria.name) == ("NG", "566", "Nigeria")
    assert nigeria.groupings == [
        WORLD_CODE,
        "002",
        "202",
        "011",
    ]  # World, Africa, Sub-Saharan, Western Africa
    assert areas["GBR"].m49 == "826"
    assert all(len(area.m49) == 3 for area in areas.values())
    # Only Antarctica lies outside the five M49 regions.
    assert [area.iso3 for area in areas.values() if area.region is None] == ["ATA"]


def test_groupings_form_one_tree_under_the_world() -> None:
    regions = {region.m49: region for region in region_records()}
    assert regions[WORLD_CODE].parent is None
    assert {regions[code].name for code, r in regions.items() if r.level == "region"} == {
        "Africa",
        "Americas",
        "Asia",
        "Europe",
        "Oceania",
    }
    for region in regions.values():
        if region.parent is not None:
            assert region.parent in regions, region
    assert regions["011"].name == "Western Africa"
    assert regions["011"].parent == "202"


def test_the_taxonomy_holds_no_kosovo_and_no_dissolved_state() -> None:
    # Why area_refusals.csv refuses these names instead of filing them somewhere: they have no area here.
    codes = {area.iso3 for area in area_records()}
    assert codes.isdisjoint({"XKX", "ANT", "SCG", "SUN", "YUG", "CSK", "DDR", "ZAR"})
    assert {"SRB", "MNE", "CUW", "SXM", "BES", "SDN", "SSD"} <= codes

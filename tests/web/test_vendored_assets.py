"""The front-end files the pages use are served by the platform itself (no CDN), as vendored and recorded."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
STATIC_PATHS = (
    "web/vendor/vega.min.js",
    "web/vendor/vega-lite.min.js",
    "web/vendor/vega-embed.min.js",
    "web/world-110m.json",
    "web/charts.js",
)


@pytest.mark.parametrize("path", STATIC_PATHS)
def test_static_paths_other_pages_rely_on_exist(path: str) -> None:
    assert finders.find(path), path


def test_vendored_files_match_the_versions_recorded_in_package_json() -> None:
    manifest = json.loads((ROOT / "package.json").read_text())
    for name, entry in manifest["vendor"].items():
        assert manifest["devDependencies"][name] == entry["version"]
        assert entry["integrity"].startswith("sha512-")
        for spec in entry["files"].values():
            content = (ROOT / spec["to"]).read_bytes()
            assert hashlib.sha256(content).hexdigest() == spec["sha256"], spec["to"]
            assert b"sourceMappingURL" not in content[-300:]


def test_world_map_is_topojson_with_iso3_codes() -> None:
    topology = json.loads(Path(finders.find("web/world-110m.json")).read_text())  # type: ignore[arg-type]
    geometries = topology["objects"]["countries"]["geometries"]
    codes = {g["properties"]["iso3"] for g in geometries}
    assert topology["type"] == "Topology"
    assert {"NGA", "GBR", "DEU", "BRA", "CYP", "SOM", "XKX"} <= codes
    assert "MLT" not in codes  # too small for the 1:110m map: listed beside it on the pages
    assert all(len(code) == 3 for code in codes)


@pytest.mark.django_db
def test_pages_load_scripts_from_the_platform_only(client: Client) -> None:
    page = client.get("/indicators/birth-registration/").content.decode()
    assert '<script src="/static/web/vendor/vega.min.js" defer></script>' in page
    assert "cdn" not in page.lower()
    assert "https://cdn" not in (ROOT / "compactwatch/web/static/web/charts.js").read_text()

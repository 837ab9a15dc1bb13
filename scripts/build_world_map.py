"""Build the world map the pages colour by country: TopoJSON with ISO3 codes, from Natural Earth.

Input: Natural Earth 1:110m Admin 0 countries (public domain) as GeoJSON, the copy in
`../shared/data/world-boundaries/naturalearth_lowres.geojson` (feature id = ISO 3166-1 alpha-3).
Output: `compactwatch/web/static/web/world-110m.json`, committed; one TopoJSON object named "countries"
whose geometries carry `properties.iso3` and `properties.name`.

Natural Earth's own codes are mapped to ISO 3166-1 where it has none: Kosovo (-99) is XKX, the code the
areas taxonomy uses; the polygons Natural Earth draws apart for Northern Cyprus (CYN) and Somaliland (SOL)
are drawn as part of Cyprus and Somalia, the states ISO 3166-1 and the UN record.

Each ring becomes one arc, quantized and delta-encoded (arcs are not shared between neighbours: Vega needs
none, and the file stays small).

    .venv/bin/python scripts/build_world_map.py [INPUT] [OUTPUT]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "world-boundaries" / "naturalearth_lowres.geojson"
DEFAULT_OUTPUT = ROOT / "compactwatch" / "web" / "static" / "web" / "world-110m.json"
QUANTIZATION = 10_000
ISO3_FOR_NATURAL_EARTH_CODE = {"-99": "XKX"}
DRAWN_AS_PART_OF = {"CYN": "CYP", "SOL": "SOM"}

Ring = list[list[float]]


def polygons_of(geometry: dict[str, Any]) -> list[list[Ring]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"unexpected geometry type {geometry['type']}")


def countries(features: list[dict[str, Any]]) -> dict[str, tuple[str, list[list[Ring]]]]:
    """ISO3 -> (name, polygons), with Natural Earth's breakaway polygons folded into their state."""
    result: dict[str, tuple[str, list[list[Ring]]]] = {}
    for feature in features:
        code = str(feature.get("id") or feature["properties"]["iso_a3"])
        if code in DRAWN_AS_PART_OF:
            continue
        iso3 = ISO3_FOR_NATURAL_EARTH_CODE.get(code, code)
        result[iso3] = (feature["properties"]["name"], polygons_of(feature["geometry"]))
    for feature in features:
        code = str(feature.get("id"))
        if code in DRAWN_AS_PART_OF:
            result[DRAWN_AS_PART_OF[code]][1].extend(polygons_of(feature["geometry"]))
    return result


class ArcWriter:
    """Quantizes rings into delta-encoded arcs and hands back each ring's arc index."""

    def __init__(self, bbox: tuple[float, float, float, float]) -> None:
        x0, y0, x1, y1 = bbox
        self.translate = [x0, y0]
        self.scale = [(x1 - x0) / (QUANTIZATION - 1), (y1 - y0) / (QUANTIZATION - 1)]
        self.arcs: list[list[list[int]]] = []

    def add(self, ring: Ring) -> int:
        points: list[list[int]] = []
        last = (0, 0)
        for x, y in ring:
            qx = round((x - self.translate[0]) / self.scale[0])
            qy = round((y - self.translate[1]) / self.scale[1])
            if points and (qx, qy) == last:
                continue
            points.append([qx - last[0], qy - last[1]] if points else [qx, qy])
            last = (qx, qy)
        self.arcs.append(points)
        return len(self.arcs) - 1


def bounding_box(shapes: dict[str, tuple[str, list[list[Ring]]]]) -> tuple[float, float, float, float]:
    xs = [x for _, polygons in shapes.values() for p in polygons for r in p for x, _ in r]
    ys = [y for _, polygons in shapes.values() for p in polygons for r in p for _, y in r]
    return min(xs), min(ys), max(xs), max(ys)


def topology(features: list[dict[str, Any]]) -> dict[str, Any]:
    shapes = countries(features)
    bbox = bounding_box(shapes)
    writer = ArcWriter(bbox)
    geometries = []
    for iso3, (name, polygons) in sorted(shapes.items()):
        arcs = [[[writer.add(ring)] for ring in polygon] for polygon in polygons]
        geometries.append({"type": "MultiPolygon", "arcs": arcs, "properties": {"iso3": iso3, "name": name}})
    return {
        "type": "Topology",
        "bbox": list(bbox),
        "transform": {"scale": writer.scale, "translate": writer.translate},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": writer.arcs,
    }


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT_INPUT
    target = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    result = topology(features)
    target.write_text(json.dumps(result, separators=(",", ":")) + "\n", encoding="utf-8")
    count = len(result["objects"]["countries"]["geometries"])
    print(f"{target.relative_to(ROOT)}: {count} countries, {target.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

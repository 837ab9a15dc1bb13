"""Vendor the front-end JavaScript from the npm registry: pinned tarballs, integrity checked, no node needed.

The files are committed (so `make run` and CI on a clean clone need neither node nor the network); this
script is how they were made and how they are updated. `package.json` at the repository root pins each
package (`devDependencies`, for anyone with npm) and, under `vendor`, records what this script needs: the
tarball's sha512 integrity (the registry's `dist.integrity`), which dist files go where, and their sha256.
For each package it downloads the pinned tarball, checks it against the recorded integrity, extracts the
dist files we serve, drops their trailing
`sourceMappingURL` comment (the map is not shipped, and the manifest static storage would refuse a missing
map) and writes it with the package's licence, then records the sha256 of every written file, which the
tests compare with the committed files.

    .venv/bin/python scripts/vendor_js.py            # download, verify, write
    .venv/bin/python scripts/vendor_js.py --check    # compare committed files with package.json, offline

The registry is npm's default, or the one named by `NPM_CONFIG_REGISTRY` / `--registry`.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "package.json"
DEFAULT_REGISTRY = "https://registry.npmjs.org/"
SOURCE_MAP_COMMENT = re.compile(rb"\n?//# sourceMappingURL=[^\n]*\s*$")


def registry_url(explicit: str | None) -> str:
    url = explicit or os.environ.get("NPM_CONFIG_REGISTRY") or DEFAULT_REGISTRY
    return url if url.endswith("/") else url + "/"


def tarball_url(registry: str, name: str, version: str) -> str:
    return f"{registry}{name}/-/{name.rsplit('/', 1)[-1]}-{version}.tgz"


def check_integrity(data: bytes, integrity: str, name: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise SystemExit(f"{name}: only sha512 integrity is accepted, the lock says {algorithm!r}")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        raise SystemExit(f"{name}: tarball integrity mismatch (expected {expected}, got {actual})")


def member(archive: tarfile.TarFile, path: str, name: str) -> bytes:
    extracted = archive.extractfile(f"package/{path}")
    if extracted is None:
        raise SystemExit(f"{name}: {path} is not a file in the tarball")
    return extracted.read()


def vendor_package(registry: str, name: str, entry: dict[str, object]) -> None:
    version = str(entry["version"])
    with urllib.request.urlopen(tarball_url(registry, name, version), timeout=120) as response:
        data = response.read()
    check_integrity(data, str(entry["integrity"]), name)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        files = entry["files"]
        assert isinstance(files, dict)
        for source_path, spec in files.items():
            content = SOURCE_MAP_COMMENT.sub(b"\n", member(archive, source_path, name))
            target = ROOT / spec["to"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            spec["sha256"] = hashlib.sha256(content).hexdigest()
        licence_target = ROOT / str(entry["licence_to"])
        licence_target.write_bytes(member(archive, "LICENSE", name))
    print(f"{name}@{version}: verified and written")


def check_committed(lock: dict[str, dict[str, object]]) -> list[str]:
    """Files that differ from the lock, as messages (empty when everything matches)."""
    problems = []
    for name, entry in lock.items():
        files = entry["files"]
        assert isinstance(files, dict)
        for spec in files.values():
            path = ROOT / spec["to"]
            if not path.exists():
                problems.append(f"{name}: {spec['to']} is missing")
            elif hashlib.sha256(path.read_bytes()).hexdigest() != spec["sha256"]:
                problems.append(f"{name}: {spec['to']} differs from package.json")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--registry", help="npm registry URL (default: npm's)")
    parser.add_argument("--check", action="store_true", help="compare committed files with package.json only")
    args = parser.parse_args()
    manifest = json.loads(MANIFEST.read_text())
    packages = manifest["vendor"]
    if args.check:
        problems = check_committed(packages)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    registry = registry_url(args.registry)
    for name, entry in packages.items():
        vendor_package(registry, name, entry)
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

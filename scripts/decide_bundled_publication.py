"""Decide, once, what the bundled data publish, and ship the decisions beside the data.

Choosing complementary withheld cells for the UK Home Office tables (decisions by outcome group and kind,
sex and age; applications by nationality, sex and age) takes many linear programs. The decisions depend
only on the figures, the thresholds and the code hierarchy, so they are computed here on a fresh database
loaded by `compactwatch setup` and written to data/publication-decisions.json.gz. The platform uses an entry
only for exactly the figures it was decided for; any other group is decided when first published.

Run after changing the bundled data, the framework's codelists or the disclosure rules:

    DATABASE_URL=sqlite:////tmp/decide.sqlite3 .venv/bin/python scripts/decide_bundled_publication.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    if not os.environ.get("DATABASE_URL"):
        print("set DATABASE_URL to a fresh database (for example sqlite:////tmp/decide.sqlite3)")
        return 2
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compactwatch.settings")
    os.environ["COMPACTWATCH_BUNDLED_DATA_DIR"] = str(ROOT / "data")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from compactwatch.observations import publication

    shipped = settings.BUNDLED_DATA_DIR / publication.DECIDED_FILE
    shipped.unlink(missing_ok=True)  # decide everything afresh
    started = time.perf_counter()
    call_command("setup")
    publication.published(publication.current_observations(), whole_groups=True)
    groups = publication.write_decisions(shipped)
    print(f"{groups} groups decided in {time.perf_counter() - started:.0f} s, written to {shipped}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

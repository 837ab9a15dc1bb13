"""Fill `Code.parent` from the current framework version's snapshot.

Until the framework is loaded again (which a changed framework under an unchanged version label refuses),
codes would otherwise read as standalone. A snapshot written before codes could nest has no `parent`:
every code but the total is then a child of the total, as it was read before.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

TOTAL = "_T"


def _parents(snapshot: dict[str, Any]) -> dict[tuple[str, str], str]:
    parents: dict[tuple[str, str], str] = {}
    for codelist in snapshot.get("codelists", []):
        for code in codelist.get("codes", []):
            if code["code"] == TOTAL or code.get("standalone"):
                continue
            parents[(codelist["code"], code["code"])] = code.get("parent") or TOTAL
    return parents


def fill_parents(apps: Any, schema_editor: Any) -> None:
    version = apps.get_model("framework", "FrameworkVersion").objects.filter(is_current=True).first()
    if version is None:
        return
    parents = _parents(version.snapshot)
    for code in apps.get_model("framework", "Code").objects.select_related("codelist"):
        parent = parents.get((code.codelist.code, code.code), "")
        if code.parent != parent:
            code.parent = parent
            code.save(update_fields=["parent"])


class Migration(migrations.Migration):
    dependencies = [("framework", "0002_code_parent_and_rate_derivation")]

    operations = [migrations.RunPython(fill_parents, migrations.RunPython.noop)]

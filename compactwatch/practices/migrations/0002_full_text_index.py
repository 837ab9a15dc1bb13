"""The SQLite FTS5 table that `compactwatch.practices.search` keeps in step with the practices.

Only on SQLite: PostgreSQL searches with its own full-text functions and needs no table.
"""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS practices_practice_fts USING fts5("
    "title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
)
DROP = "DROP TABLE IF EXISTS practices_practice_fts"


def create_fts_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


def drop_fts_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(create_fts_table, drop_fts_table)]

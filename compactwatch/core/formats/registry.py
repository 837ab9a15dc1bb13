"""Every exchange format, registered by name: the import and export services look formats up here."""

from __future__ import annotations

from compactwatch.core.formats import Format, datapackage, excel, parquet, sdmx_csv, tidy_csv

REGISTRY: dict[str, Format] = {
    spec.name: spec
    for spec in (
        Format("csv", tidy_csv.read, tidy_csv.write_export, "compactwatch.csv"),
        Format("sdmx-csv", sdmx_csv.read, sdmx_csv.write_export, "compactwatch-sdmx.csv"),
        Format("xlsx", excel.read, excel.write_export, "compactwatch.xlsx"),
        Format("datapackage", datapackage.read, datapackage.write_export, "compactwatch-datapackage", True),
        Format("parquet", parquet.read, parquet.write_export, "compactwatch.parquet"),
    )
}

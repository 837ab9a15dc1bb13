"""The builders of the bundled data extracts, one module per producer (see scripts/build_extracts.py)."""

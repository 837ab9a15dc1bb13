"""compactwatch: monitoring children's rights under the Global Compacts on migration and on refugees."""

__version__ = "0.1.0"

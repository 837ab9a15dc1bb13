"""Disclosure control for published tables of counts about children (DESIGN.md section 5).

`publish` (in `compactwatch.core.suppression`) withholds small counts and chooses complementary blanks;
`audit` proves, by linear programming over every published figure and relation, that no withheld count
can be narrowed below the range its label claims.
"""

from compactwatch.core.disclosure.audit import (
    Exposure,
    LinearFact,
    audit,
    rate_facts,
    rounded_fact,
    slope_fact,
)
from compactwatch.core.disclosure.model import Cell, Hierarchy, Published

__all__ = [
    "Cell",
    "Exposure",
    "Hierarchy",
    "LinearFact",
    "Published",
    "audit",
    "rate_facts",
    "rounded_fact",
    "slope_fact",
]

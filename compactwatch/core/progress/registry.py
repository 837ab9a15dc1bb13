"""The progress methods by name, so a caller picks one by configuration rather than by an if/elif chain.

Each method carries, as data, what the methodology page shows: its title, a plain-words description, its
formula and its thresholds (status code and condition). `describe()` gives them all, in page order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from compactwatch.core.progress import absolute, escap, statcan, unsd
from compactwatch.core.progress.model import Outcome, Series, Settings, Status


@dataclass(frozen=True, slots=True)
class Method:
    name: str
    version: str
    title: str
    needs_target: bool
    run: Callable[[Series, Settings, bool], Outcome]
    description: str = ""
    formula: str = ""
    thresholds: tuple[tuple[str, str], ...] = ()
    scored: bool = True

    def describe(self) -> dict[str, object]:
        return {
            "name": self.name,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "formula": self.formula,
            "needs_target": self.needs_target,
            "scored": self.scored,
            "thresholds": [
                {"status": code, "label": Status(code).label, "condition": condition}
                for code, condition in self.thresholds
            ],
        }


METHODS: dict[str, Method] = {
    method.name: method
    for method in (
        Method(
            statcan.NAME,
            statcan.VERSION,
            statcan.TITLE,
            False,
            statcan.assess,
            statcan.DESCRIPTION,
            statcan.FORMULA,
            statcan.THRESHOLDS,
        ),
        Method(
            unsd.NAME,
            unsd.VERSION,
            unsd.TITLE,
            True,
            unsd.assess,
            unsd.DESCRIPTION,
            unsd.FORMULA,
            unsd.THRESHOLDS,
            scored=False,
        ),
        Method(
            escap.NAME,
            escap.VERSION,
            escap.TITLE,
            True,
            escap.assess,
            escap.DESCRIPTION,
            escap.FORMULA,
            escap.THRESHOLDS,
            scored=False,
        ),
        Method(
            absolute.ABSOLUTE_CHANGE,
            absolute.VERSION,
            absolute.ABSOLUTE_TITLE,
            True,
            absolute.assess_absolute_change,
            absolute.ABSOLUTE_DESCRIPTION,
            absolute.ABSOLUTE_FORMULA,
            absolute.THRESHOLDS,
        ),
        Method(
            absolute.LINEAR_TREND,
            absolute.VERSION,
            absolute.LINEAR_TITLE,
            True,
            absolute.assess_linear_trend,
            absolute.LINEAR_DESCRIPTION,
            absolute.LINEAR_FORMULA,
            absolute.THRESHOLDS,
        ),
    )
}

# Shown beside the indicator's own method on an indicator page, where the indicator has a target.
SIDE_BY_SIDE = (statcan.NAME, unsd.NAME, escap.NAME)


class UnknownMethod(KeyError):
    def __str__(self) -> str:
        return f"unknown method {self.args[0]!r}; choose one of {', '.join(sorted(METHODS))}"


def get_method(name: str) -> Method:
    try:
        return METHODS[name]
    except KeyError:
        raise UnknownMethod(name) from None


def default_method(settings: Settings) -> str:
    """The indicator's own method if set; else growth rates (comparable with SDG platforms) unless the
    target is 0, which a growth rate cannot reach."""
    if settings.method is not None:
        return settings.method
    if settings.target is not None and settings.target.value == 0:
        return absolute.ABSOLUTE_CHANGE
    return statcan.NAME


def describe() -> list[dict[str, object]]:
    return [method.describe() for method in METHODS.values()]

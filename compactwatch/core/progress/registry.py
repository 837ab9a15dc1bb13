"""The progress methods by name, so a caller picks one by configuration rather than by an if/elif chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from compactwatch.core.progress import absolute, statcan, unsd
from compactwatch.core.progress.model import Outcome, Series, Settings


@dataclass(frozen=True, slots=True)
class Method:
    name: str
    version: str
    title: str
    needs_target: bool
    run: Callable[[Series, Settings, bool], Outcome]


def _statcan(series: Series, settings: Settings, percentage: bool) -> Outcome:
    return statcan.assess(series, settings)


def _unsd(series: Series, settings: Settings, percentage: bool) -> Outcome:
    return unsd.assess(series, settings, percentage)


def _absolute(series: Series, settings: Settings, percentage: bool) -> Outcome:
    return absolute.assess_absolute_change(series, settings)


def _linear(series: Series, settings: Settings, percentage: bool) -> Outcome:
    return absolute.assess_linear_trend(series, settings)


METHODS: dict[str, Method] = {
    method.name: method
    for method in (
        Method(statcan.NAME, statcan.VERSION, "Statistics Canada / Open SDG (growth rates)", False, _statcan),
        Method(unsd.NAME, unsd.VERSION, "UN Statistics Division 2023 Progress Chart", True, _unsd),
        Method(
            absolute.ABSOLUTE_CHANGE,
            absolute.VERSION,
            "Absolute change a year (zero targets)",
            True,
            _absolute,
        ),
        Method(
            absolute.LINEAR_TREND,
            absolute.VERSION,
            "Linear trend of all values (zero targets)",
            True,
            _linear,
        ),
    )
}


class UnknownMethod(KeyError):
    def __str__(self) -> str:
        return f"unknown method {self.args[0]!r}; choose one of {', '.join(sorted(METHODS))}"


def get_method(name: str) -> Method:
    try:
        return METHODS[name]
    except KeyError:
        raise UnknownMethod(name) from None


def default_method(settings: Settings) -> str:
    """Growth rates (comparable with SDG platforms) unless the target is 0, which they cannot express."""
    if settings.target is not None and settings.target.value == 0:
        return absolute.ABSOLUTE_CHANGE
    return statcan.NAME

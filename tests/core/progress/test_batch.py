"""The numpy panel path agrees with the one-series path, row by row."""

from __future__ import annotations

import numpy as np
import pytest

from compactwatch.core.progress import Direction, Series, Settings, Target
from compactwatch.core.progress.batch import Panel, assess_panel
from compactwatch.core.progress.statcan import assess as statcan_assess


def test_panel_agrees_with_single_series() -> None:
    rng = np.random.default_rng(7)
    n, years = 2000, np.arange(2010, 2026)
    values = rng.uniform(-5, 100, (n, years.size))
    values[rng.random(values.shape) < 0.5] = np.nan
    values[:50, 5] = 0.0
    direction = rng.choice([-1, 1], n)
    target = np.where(rng.random(n) < 0.5, np.nan, rng.uniform(0, 120, n))
    target_year = rng.choice([2020, 2030], n)
    limit = np.where(rng.random(n) < 0.5, np.nan, 100.0)
    result = assess_panel(Panel(years, values, direction, target, target_year, limit, as_of_year=2030))
    deferred = set(result.deferred.tolist())
    assert 0 < len(deferred) < n
    for i in range(n):
        if i in deferred:
            continue
        data = Series.of((int(y), float(v)) for y, v in zip(years, values[i], strict=True) if not np.isnan(v))
        config = Settings(
            Direction.INCREASE if direction[i] > 0 else Direction.DECREASE,
            None if np.isnan(target[i]) else Target(float(target[i]), int(target_year[i])),
            limit=None if np.isnan(limit[i]) else 100.0,
            as_of_year=2030,
        )
        one = statcan_assess(data, config)
        assert result.statuses()[i] is one.status, i
        assert (one.components.reason or "") == result.reason[i]
        if one.score is None:
            assert np.isnan(result.score[i])
        else:
            assert result.score[i] == pytest.approx(one.score, abs=1e-9)

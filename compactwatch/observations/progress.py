"""A progress bar on the terminal for long imports; silent when output is not a terminal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from compactwatch.observations.services import Progress as ProgressCallback


@contextmanager
def progress_bar(stream: Any) -> Iterator[ProgressCallback | None]:
    console = Console(file=getattr(stream, "_out", stream), stderr=True)
    if not console.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def update(file: str, done: int, total: int) -> None:
            if file not in tasks:
                tasks[file] = bar.add_task(f"checking {file}", total=None)
            bar.update(tasks[file], completed=done)

        yield update

"""The indicator data app, and how every SQLite connection is set up however the database was configured.

SQLite serves readers while an import writes only in WAL mode, and a writer waits for the one before it only
with a busy timeout; the settings give both for the default database file, but not for a database given
through DATABASE_URL. So every SQLite connection gets them here, and its transactions begin IMMEDIATE (the
write lock taken at the start, so a transaction never fails halfway for want of it): a transaction that has
to wait for another writer (most often a long import) says so, and waits its turn.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from typing import Any

from django.apps import AppConfig
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created

logger = logging.getLogger("compactwatch.observations.writer")

WAITING_MESSAGE = "waiting for another import to finish"

SQLITE_BUSY_TIMEOUT_MS = 20_000  # at least this, or what the settings ask if longer
FIRST_TRY_MS = 500  # a wait shorter than this goes unannounced
WRITE_WAIT_SECONDS = 1_800  # an import of several million rows takes minutes; nothing takes this long
BEGIN_WITH_LOCK = frozenset({"BEGIN IMMEDIATE", "BEGIN EXCLUSIVE"})


class ObservationsConfig(AppConfig):
    name = "compactwatch.observations"
    verbose_name = "Indicator data"

    def ready(self) -> None:
        connection_created.connect(set_up_sqlite, dispatch_uid="compactwatch-sqlite-set-up")


def set_up_sqlite(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """WAL, a busy timeout, synchronous=NORMAL and write transactions that wait their turn, on SQLite."""
    if connection.vendor != "sqlite":
        return
    driver = connection.connection
    patience = max(driver.execute("PRAGMA busy_timeout").fetchone()[0], SQLITE_BUSY_TIMEOUT_MS)
    driver.execute(f"PRAGMA busy_timeout = {patience}")
    try:
        driver.execute("PRAGMA journal_mode = WAL")  # kept in the file: a no-op once set
    except sqlite3.OperationalError as error:  # another process is switching it: this one will find it set
        logger.info("journal mode left to another connection: %s", error)
    driver.execute("PRAGMA synchronous = NORMAL")
    if getattr(connection, "transaction_mode", None) is None:
        connection.transaction_mode = "IMMEDIATE"  # type: ignore[attr-defined]
    turns = [w for w in connection.execute_wrappers if isinstance(w, WriterTurn)]
    if turns:
        turns[0].patience_ms = patience
    else:
        connection.execute_wrappers.append(WriterTurn(patience))


class WriterTurn:
    """Begins a write transaction in its turn: a short wait silently, a longer one announced first.

    SQLite has one writer at a time; the busy timeout alone would wait in silence and give up after it.
    """

    def __init__(self, patience_ms: int) -> None:
        self.patience_ms = patience_ms

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
    ) -> Any:
        if sql not in BEGIN_WITH_LOCK:
            return execute(sql, params, many, context)
        driver = context["connection"].connection
        driver.execute(f"PRAGMA busy_timeout = {FIRST_TRY_MS}")
        try:
            return execute(sql, params, many, context)
        except OperationalError as error:
            if not _locked(error):
                raise
        finally:
            driver.execute(f"PRAGMA busy_timeout = {self.patience_ms}")
        logger.warning(WAITING_MESSAGE)
        return self._wait(execute, sql, params, many, context)

    def _wait(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
    ) -> Any:
        deadline = time.monotonic() + WRITE_WAIT_SECONDS
        while True:
            try:
                return execute(sql, params, many, context)
            except OperationalError as error:
                if not _locked(error) or time.monotonic() > deadline:
                    raise


def _locked(error: Exception) -> bool:
    return "locked" in str(error) or "busy" in str(error)

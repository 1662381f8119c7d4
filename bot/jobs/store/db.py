"""One aiosqlite connection per process: WAL, foreign keys, migrations at open."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from .migrations import LATEST, MIGRATIONS

log = logging.getLogger(__name__)


class Database:
    """The engine's SQLite file.

    Every write goes through `transaction()` or `write()`, which hold one asyncio lock: the
    connection is shared by all coroutines, so an open transaction must never swallow (or roll
    back) another coroutine's statement.
    """

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str) -> Database:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        # execute_fetchall consumes and closes each statement: a PRAGMA that returns a row would
        # otherwise stay "in progress" and make the next COMMIT fail.
        await conn.execute_fetchall("PRAGMA foreign_keys = ON")
        await conn.execute_fetchall("PRAGMA busy_timeout = 5000")
        if path != ":memory:":
            await conn.execute_fetchall("PRAGMA journal_mode = WAL")
            await conn.execute_fetchall("PRAGMA synchronous = NORMAL")
        db = cls(conn, path)
        await db.migrate()
        return db

    async def version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self) -> None:
        """Apply every migration newer than the file, each in its own transaction."""
        current = await self.version()
        for version, script in MIGRATIONS:
            if version <= current:
                continue
            log.info("migrating database to version %d", version, extra={"db": self.path})
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(script):
                    await self.conn.execute_fetchall(statement)
                await self.conn.execute_fetchall(f"PRAGMA user_version = {int(version)}")
                await self.conn.execute("COMMIT")
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
        if await self.version() != LATEST:
            raise RuntimeError(f"database is at version {await self.version()}, expected {LATEST}")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            await self.conn.execute("COMMIT")

    async def write(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> aiosqlite.Cursor:
        """One autocommitted statement, serialised with transactions."""
        async with self._lock:
            return await self.conn.execute(sql, params)

    async def run(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any] = (), conn: aiosqlite.Connection | None = None
    ) -> aiosqlite.Cursor:
        """Execute inside the caller's transaction when given one, else as its own write."""
        if conn is not None:
            return await conn.execute(sql, params)
        return await self.write(sql, params)

    async def fetchone(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> aiosqlite.Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[aiosqlite.Row]:
        # One call in the worker thread: no cursor stays open across an await, so a concurrent
        # COMMIT never meets "SQL statements in progress".
        return list(await self.conn.execute_fetchall(sql, params))

    async def close(self) -> None:
        """Fold the write-ahead log into the main file first, so a stopped bot leaves one self-contained file
        (a backup or a copy to another host is then just that file)."""
        with contextlib.suppress(sqlite3.Error):
            await self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        await self.conn.close()


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]

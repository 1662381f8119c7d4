"""Versioned schema migrations; `PRAGMA user_version` records the version applied."""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL,
            guild_id INTEGER,
            channel_id INTEGER,
            model TEXT NOT NULL,
            builder TEXT NOT NULL,
            values_json TEXT NOT NULL,
            state TEXT NOT NULL,
            locale TEXT NOT NULL DEFAULT 'en-US',
            remote_status TEXT,
            task_id TEXT UNIQUE,
            region TEXT,
            estimate_ms INTEGER NOT NULL DEFAULT 0,
            billed_ms INTEGER,
            output_seconds REAL,
            error_code TEXT,
            error_message TEXT,
            error_key TEXT,
            result_url TEXT,
            result_expires_at REAL,
            actual_prompt TEXT,
            status_message_id INTEGER,
            result_message_id INTEGER,
            source_message_id INTEGER,
            dedupe_key TEXT,
            meta_json TEXT NOT NULL DEFAULT '{}',
            created_at REAL NOT NULL,
            queued_at REAL,
            submitting_at REAL,
            submitted_at REAL,
            running_at REAL,
            finished_at REAL,
            delivered_at REAL,
            next_poll_at REAL,
            poll_count INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX jobs_by_state ON jobs (state, model, created_at);
        CREATE INDEX jobs_by_user ON jobs (user_id, created_at);
        CREATE UNIQUE INDEX jobs_one_per_key ON jobs (dedupe_key)
            WHERE dedupe_key IS NOT NULL AND state NOT IN ('failed', 'canceled');

        CREATE TABLE ledger (
            id INTEGER PRIMARY KEY,
            job_id INTEGER REFERENCES jobs (id) ON DELETE RESTRICT,
            user_id INTEGER NOT NULL,
            guild_id INTEGER,
            kind TEXT NOT NULL CHECK (kind IN ('reserve', 'commit', 'refund', 'adjust')),
            amount_ms INTEGER NOT NULL,
            charged_at REAL NOT NULL,
            at REAL NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            UNIQUE (job_id, kind)
        );
        CREATE INDEX ledger_by_user ON ledger (user_id, guild_id, charged_at);
        CREATE INDEX ledger_by_guild ON ledger (guild_id, charged_at);

        CREATE TABLE guild_settings (
            guild_id INTEGER PRIMARY KEY,
            settings_json TEXT NOT NULL DEFAULT '{}',
            updated_at REAL
        );

        CREATE TABLE quota_overrides (
            guild_id INTEGER NOT NULL,
            scope TEXT NOT NULL CHECK (scope IN ('user', 'role')),
            target_id INTEGER NOT NULL,
            allowance_ms INTEGER,
            exempt INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (guild_id, scope, target_id)
        );

        CREATE TABLE reaction_map (
            guild_id INTEGER NOT NULL,
            emoji TEXT NOT NULL,
            template TEXT NOT NULL,
            PRIMARY KEY (guild_id, emoji)
        );

        CREATE TABLE durations (
            model TEXT NOT NULL,
            tier TEXT NOT NULL,
            seconds INTEGER NOT NULL,
            samples INTEGER NOT NULL,
            mean REAL NOT NULL,
            PRIMARY KEY (model, tier, seconds)
        );
        """,
    ),
)

MIGRATIONS += (
    (
        2,
        """
        -- Poll scheduling learns the spread of running times, not just their mean.
        ALTER TABLE durations ADD COLUMN var REAL NOT NULL DEFAULT 0;
        -- Start-time fair queuing: a job's place is its member's virtual finish tag.
        ALTER TABLE jobs ADD COLUMN fair_tag REAL NOT NULL DEFAULT 0;
        -- AnimateAnyone motion templates only work for the account (key) and region that made them.
        CREATE TABLE dance_templates (
            guild_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            template_id TEXT NOT NULL,
            region TEXT NOT NULL,
            key_fingerprint TEXT NOT NULL,
            created_by INTEGER NOT NULL,
            created_at REAL NOT NULL,
            PRIMARY KEY (guild_id, name)
        );
        """,
    ),
)

MIGRATIONS += (
    (
        3,
        """
        -- A performance of a dance lasts as long as the video it was learned from: price it from that.
        ALTER TABLE dance_templates ADD COLUMN input_seconds REAL;
        """,
    ),
)

LATEST = MIGRATIONS[-1][0]

"""Versioned schema migrations of the server store, one list per SQL dialect.

Version 1: fleet reports (issue 18). Version 2: helpdesk live-view shares and their runs
(issue 17).

A migration is applied once, in order, in its own transaction, and recorded in
``schema_migrations``; a released migration is never edited — add the next one. Both dialects
carry the same versions so a store can move from SQLite to PostgreSQL.
"""

from __future__ import annotations

from typing import Final

__all__ = ["POSTGRES", "SQLITE"]

#: SQLite: times as integer microseconds since the epoch (exact keyset paging), the report as
#: JSON text.
SQLITE: Final[tuple[tuple[int, str], ...]] = (
    (
        1,
        """
        CREATE TABLE fleet_reports (
            id TEXT PRIMARY KEY,
            received_at_us INTEGER NOT NULL,
            started_at_us INTEGER NOT NULL,
            host TEXT NOT NULL,
            client_address TEXT NOT NULL,
            site TEXT NOT NULL,
            building TEXT NOT NULL,
            network_type TEXT NOT NULL,
            mode TEXT NOT NULL,
            codec TEXT NOT NULL,
            mos REAL,
            grade TEXT,
            passed INTEGER NOT NULL,
            rtt_ms REAL,
            jitter_ms REAL,
            loss_pct REAL,
            failure_reason TEXT,
            report TEXT NOT NULL
        );
        CREATE INDEX fleet_reports_started ON fleet_reports (started_at_us DESC, id DESC);
        CREATE INDEX fleet_reports_site ON fleet_reports (site, started_at_us);
        CREATE INDEX fleet_reports_host ON fleet_reports (host, started_at_us);
        CREATE INDEX fleet_reports_received ON fleet_reports (received_at_us);
        """,
    ),
    (
        2,
        """
        CREATE TABLE live_shares (
            code TEXT PRIMARY KEY,
            secret_sha256 TEXT NOT NULL,
            created_at_us INTEGER NOT NULL,
            expires_at_us INTEGER NOT NULL
        );
        CREATE INDEX live_shares_created ON live_shares (created_at_us);
        CREATE TABLE live_runs (
            code TEXT NOT NULL,
            run INTEGER NOT NULL,
            stored_at_us INTEGER NOT NULL,
            report TEXT NOT NULL,
            PRIMARY KEY (code, run)
        );
        """,
    ),
)

#: PostgreSQL: ``timestamptz`` times, the report as JSONB.
POSTGRES: Final[tuple[tuple[int, str], ...]] = (
    (
        1,
        """
        CREATE TABLE fleet_reports (
            id text PRIMARY KEY,
            received_at timestamptz NOT NULL,
            started_at timestamptz NOT NULL,
            host text NOT NULL,
            client_address text NOT NULL,
            site text NOT NULL,
            building text NOT NULL,
            network_type text NOT NULL,
            mode text NOT NULL,
            codec text NOT NULL,
            mos double precision,
            grade text,
            passed boolean NOT NULL,
            rtt_ms double precision,
            jitter_ms double precision,
            loss_pct double precision,
            failure_reason text,
            report jsonb NOT NULL
        );
        CREATE INDEX fleet_reports_started ON fleet_reports (started_at DESC, id DESC);
        CREATE INDEX fleet_reports_site ON fleet_reports (site, started_at);
        CREATE INDEX fleet_reports_host ON fleet_reports (host, started_at);
        CREATE INDEX fleet_reports_received ON fleet_reports (received_at);
        """,
    ),
    (
        2,
        """
        CREATE TABLE live_shares (
            code text PRIMARY KEY,
            secret_sha256 text NOT NULL,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL
        );
        CREATE INDEX live_shares_created ON live_shares (created_at);
        CREATE TABLE live_runs (
            code text NOT NULL REFERENCES live_shares (code) ON DELETE CASCADE,
            run integer NOT NULL,
            stored_at timestamptz NOT NULL,
            report jsonb NOT NULL,
            PRIMARY KEY (code, run)
        );
        """,
    ),
)

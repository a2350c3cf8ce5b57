"""Versioned schema migrations of the server store, one list per SQL dialect.

Version 1: fleet reports (issue 18). Version 2: helpdesk live-view shares and their runs
(issue 17). Version 3: the fleet summary's hourly rollup, kept by triggers at every insert and
delete (so bulk loads and the retention purge keep it too; rows are never updated), back-filled
from the stored rows, and the indexes the exact 10th percentile reads (see :mod:`.summary_sql`).

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
    (
        3,
        """
        CREATE TABLE fleet_rollup (
            hour INTEGER NOT NULL,
            site TEXT NOT NULL,
            n INTEGER NOT NULL,
            rated INTEGER NOT NULL,
            mos_sum REAL NOT NULL,
            loss_sum REAL NOT NULL,
            loss_n INTEGER NOT NULL,
            jitter_sum REAL NOT NULL,
            jitter_n INTEGER NOT NULL,
            rtt_sum REAL NOT NULL,
            rtt_n INTEGER NOT NULL,
            PRIMARY KEY (hour, site)
        );
        CREATE TABLE fleet_rollup_reasons (
            hour INTEGER NOT NULL,
            site TEXT NOT NULL,
            reason TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (hour, site, reason)
        );
        INSERT INTO fleet_rollup
        SELECT started_at_us / 3600000000, site, COUNT(*), COUNT(mos), COALESCE(SUM(mos), 0),
               COALESCE(SUM(loss_pct), 0), COUNT(loss_pct), COALESCE(SUM(jitter_ms), 0),
               COUNT(jitter_ms), COALESCE(SUM(rtt_ms), 0), COUNT(rtt_ms)
        FROM fleet_reports GROUP BY 1, 2;
        INSERT INTO fleet_rollup_reasons
        SELECT started_at_us / 3600000000, site, failure_reason, COUNT(*)
        FROM fleet_reports WHERE failure_reason IS NOT NULL GROUP BY 1, 2, 3;
        CREATE TRIGGER fleet_rollup_insert AFTER INSERT ON fleet_reports BEGIN
            INSERT INTO fleet_rollup VALUES (
                NEW.started_at_us / 3600000000, NEW.site, 1, NEW.mos IS NOT NULL,
                COALESCE(NEW.mos, 0), COALESCE(NEW.loss_pct, 0), NEW.loss_pct IS NOT NULL,
                COALESCE(NEW.jitter_ms, 0), NEW.jitter_ms IS NOT NULL, COALESCE(NEW.rtt_ms, 0),
                NEW.rtt_ms IS NOT NULL
            ) ON CONFLICT (hour, site) DO UPDATE SET
                n = n + 1, rated = rated + excluded.rated, mos_sum = mos_sum + excluded.mos_sum,
                loss_sum = loss_sum + excluded.loss_sum, loss_n = loss_n + excluded.loss_n,
                jitter_sum = jitter_sum + excluded.jitter_sum,
                jitter_n = jitter_n + excluded.jitter_n, rtt_sum = rtt_sum + excluded.rtt_sum,
                rtt_n = rtt_n + excluded.rtt_n;
            INSERT INTO fleet_rollup_reasons
            SELECT NEW.started_at_us / 3600000000, NEW.site, NEW.failure_reason, 1
            WHERE NEW.failure_reason IS NOT NULL
            ON CONFLICT (hour, site, reason) DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER fleet_rollup_delete AFTER DELETE ON fleet_reports BEGIN
            UPDATE fleet_rollup SET
                n = n - 1, rated = rated - (OLD.mos IS NOT NULL),
                mos_sum = mos_sum - COALESCE(OLD.mos, 0),
                loss_sum = loss_sum - COALESCE(OLD.loss_pct, 0),
                loss_n = loss_n - (OLD.loss_pct IS NOT NULL),
                jitter_sum = jitter_sum - COALESCE(OLD.jitter_ms, 0),
                jitter_n = jitter_n - (OLD.jitter_ms IS NOT NULL),
                rtt_sum = rtt_sum - COALESCE(OLD.rtt_ms, 0),
                rtt_n = rtt_n - (OLD.rtt_ms IS NOT NULL)
            WHERE hour = OLD.started_at_us / 3600000000 AND site = OLD.site;
            DELETE FROM fleet_rollup
            WHERE hour = OLD.started_at_us / 3600000000 AND site = OLD.site AND n = 0;
            UPDATE fleet_rollup_reasons SET n = n - 1
            WHERE hour = OLD.started_at_us / 3600000000 AND site = OLD.site
                AND reason = OLD.failure_reason;
            DELETE FROM fleet_rollup_reasons
            WHERE hour = OLD.started_at_us / 3600000000 AND site = OLD.site
                AND reason = OLD.failure_reason AND n = 0;
        END;
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
    (
        3,
        """
        CREATE TABLE fleet_rollup (
            hour timestamp NOT NULL,
            site text NOT NULL,
            n bigint NOT NULL,
            rated bigint NOT NULL,
            mos_sum double precision NOT NULL,
            loss_sum double precision NOT NULL,
            loss_n bigint NOT NULL,
            jitter_sum double precision NOT NULL,
            jitter_n bigint NOT NULL,
            rtt_sum double precision NOT NULL,
            rtt_n bigint NOT NULL,
            PRIMARY KEY (hour, site)
        );
        CREATE TABLE fleet_rollup_reasons (
            hour timestamp NOT NULL,
            site text NOT NULL,
            reason text NOT NULL,
            n bigint NOT NULL,
            PRIMARY KEY (hour, site, reason)
        );
        CREATE FUNCTION fleet_rollup_add() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO fleet_rollup AS r
            SELECT date_trunc('hour', started_at AT TIME ZONE 'UTC'), site, COUNT(*),
                   COUNT(mos), COALESCE(SUM(mos), 0), COALESCE(SUM(loss_pct), 0),
                   COUNT(loss_pct), COALESCE(SUM(jitter_ms), 0), COUNT(jitter_ms),
                   COALESCE(SUM(rtt_ms), 0), COUNT(rtt_ms)
            FROM new_rows GROUP BY 1, 2
            ON CONFLICT (hour, site) DO UPDATE SET
                n = r.n + EXCLUDED.n, rated = r.rated + EXCLUDED.rated,
                mos_sum = r.mos_sum + EXCLUDED.mos_sum,
                loss_sum = r.loss_sum + EXCLUDED.loss_sum, loss_n = r.loss_n + EXCLUDED.loss_n,
                jitter_sum = r.jitter_sum + EXCLUDED.jitter_sum,
                jitter_n = r.jitter_n + EXCLUDED.jitter_n,
                rtt_sum = r.rtt_sum + EXCLUDED.rtt_sum, rtt_n = r.rtt_n + EXCLUDED.rtt_n;
            INSERT INTO fleet_rollup_reasons AS r
            SELECT date_trunc('hour', started_at AT TIME ZONE 'UTC'), site, failure_reason, COUNT(*)
            FROM new_rows WHERE failure_reason IS NOT NULL GROUP BY 1, 2, 3
            ON CONFLICT (hour, site, reason) DO UPDATE SET n = r.n + EXCLUDED.n;
            RETURN NULL;
        END $$;
        CREATE FUNCTION fleet_rollup_remove() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE fleet_rollup AS r SET
                n = r.n - d.n, rated = r.rated - d.rated, mos_sum = r.mos_sum - d.mos_sum,
                loss_sum = r.loss_sum - d.loss_sum, loss_n = r.loss_n - d.loss_n,
                jitter_sum = r.jitter_sum - d.jitter_sum, jitter_n = r.jitter_n - d.jitter_n,
                rtt_sum = r.rtt_sum - d.rtt_sum, rtt_n = r.rtt_n - d.rtt_n
            FROM (
                SELECT date_trunc('hour', started_at AT TIME ZONE 'UTC') AS hour, site,
                       COUNT(*) AS n, COUNT(mos) AS rated, COALESCE(SUM(mos), 0) AS mos_sum,
                       COALESCE(SUM(loss_pct), 0) AS loss_sum, COUNT(loss_pct) AS loss_n,
                       COALESCE(SUM(jitter_ms), 0) AS jitter_sum, COUNT(jitter_ms) AS jitter_n,
                       COALESCE(SUM(rtt_ms), 0) AS rtt_sum, COUNT(rtt_ms) AS rtt_n
                FROM old_rows GROUP BY 1, 2
            ) AS d
            WHERE r.hour = d.hour AND r.site = d.site;
            DELETE FROM fleet_rollup WHERE n = 0;
            UPDATE fleet_rollup_reasons AS r SET n = r.n - d.n
            FROM (
                SELECT date_trunc('hour', started_at AT TIME ZONE 'UTC') AS hour, site,
                       failure_reason AS reason, COUNT(*) AS n
                FROM old_rows WHERE failure_reason IS NOT NULL GROUP BY 1, 2, 3
            ) AS d
            WHERE r.hour = d.hour AND r.site = d.site AND r.reason = d.reason;
            DELETE FROM fleet_rollup_reasons WHERE n = 0;
            RETURN NULL;
        END $$;
        CREATE FUNCTION fleet_rollup_clear() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE fleet_rollup, fleet_rollup_reasons;
            RETURN NULL;
        END $$;
        -- Statement triggers over transition tables: one aggregated upsert per statement, so a
        -- bulk load (or the retention purge) costs one pass, not one upsert per row.
        CREATE TRIGGER fleet_rollup_insert AFTER INSERT ON fleet_reports
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
            EXECUTE FUNCTION fleet_rollup_add();
        CREATE TRIGGER fleet_rollup_delete AFTER DELETE ON fleet_reports
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
            EXECUTE FUNCTION fleet_rollup_remove();
        CREATE TRIGGER fleet_rollup_truncate AFTER TRUNCATE ON fleet_reports
            FOR EACH STATEMENT EXECUTE FUNCTION fleet_rollup_clear();
        INSERT INTO fleet_rollup
        SELECT date_trunc('hour', started_at AT TIME ZONE 'UTC'), site, COUNT(*), COUNT(mos),
               COALESCE(SUM(mos), 0), COALESCE(SUM(loss_pct), 0), COUNT(loss_pct),
               COALESCE(SUM(jitter_ms), 0), COUNT(jitter_ms), COALESCE(SUM(rtt_ms), 0),
               COUNT(rtt_ms)
        FROM fleet_reports GROUP BY 1, 2;
        INSERT INTO fleet_rollup_reasons
        SELECT date_trunc('hour', started_at AT TIME ZONE 'UTC'), site, failure_reason, COUNT(*)
        FROM fleet_reports WHERE failure_reason IS NOT NULL GROUP BY 1, 2, 3;
        -- The exact 10th percentile (and the share below the pass mark) are read from the rows
        -- in (group, MOS) order: index-only scans, the start time included for since/until. By
        -- host and by hour every figure comes from that one pass (measured faster than the
        -- rollup's figures beside it: the pass must read every rated row anyway).
        CREATE INDEX fleet_reports_site_mos ON fleet_reports (site, mos) INCLUDE (started_at)
            WHERE mos IS NOT NULL;
        CREATE INDEX fleet_reports_host_mos ON fleet_reports (host, mos)
            INCLUDE (started_at, loss_pct, jitter_ms, rtt_ms);
        CREATE INDEX fleet_reports_hour_mos
            ON fleet_reports ((date_trunc('hour', started_at AT TIME ZONE 'UTC')), mos)
            INCLUDE (started_at, site, loss_pct, jitter_ms, rtt_ms);
        CREATE INDEX fleet_reports_host_reason ON fleet_reports (host, failure_reason)
            INCLUDE (started_at) WHERE failure_reason IS NOT NULL;
        CREATE INDEX fleet_rollup_reasons_hour ON fleet_rollup_reasons (hour, reason)
            INCLUDE (site, n);
        """,
    ),
)

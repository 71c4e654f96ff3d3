-- Pulse schema v2: the durable account-event log behind our stream provider.
--
-- Order and visibility: rows are ordered by (tx, seq): tx is the appending transaction's id, seq the row's ordinal in
-- that transaction. Readers only read rows whose tx is below the oldest transaction still running
-- (pg_snapshot_xmin), so a transaction that commits later always sorts after everything already read: no gaps, no
-- commit-order race, and no global counter that would serialize writers.
-- The log is list-partitioned by stream partition (children are created by the migrator for the configured count).

CREATE TABLE IF NOT EXISTS pulse_settings (
    name  text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE IF NOT EXISTS pulse_event_log (
    partition   integer NOT NULL,
    tx          bigint  NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    seq         integer NOT NULL,
    account_id  text    NOT NULL,
    message_id  text    NOT NULL,
    payload     bytea   NOT NULL,
    appended_at timestamptz NOT NULL DEFAULT now()
) PARTITION BY LIST (partition);

-- Range reads after a checkpoint (each child table holds one partition), and an account's catch-up after its persisted position.
CREATE INDEX IF NOT EXISTS pulse_event_log_by_position ON pulse_event_log (tx, seq);
CREATE INDEX IF NOT EXISTS pulse_event_log_by_account ON pulse_event_log (account_id, tx, seq);

-- One row per partition: who reads it (owner, epoch) and up to where its events are safely applied (checkpoint).
-- Taking a partition bumps the epoch; a checkpoint moves only under the epoch that wrote it, so a silo that lost
-- the partition cannot move it.
CREATE TABLE IF NOT EXISTS pulse_stream_partition (
    partition  integer PRIMARY KEY,
    owner      text,
    epoch      bigint  NOT NULL DEFAULT 0,
    cp_tx      bigint  NOT NULL DEFAULT 0,
    cp_seq     integer NOT NULL DEFAULT -1,
    changed_at timestamptz NOT NULL DEFAULT now()
);

-- Events an account could not take (delivery failed for longer than the delivery limit): kept for inspection/replay.
CREATE TABLE IF NOT EXISTS pulse_event_dead_letter (
    partition  integer NOT NULL,
    tx         bigint  NOT NULL,
    seq        integer NOT NULL,
    account_id text    NOT NULL,
    message_id text    NOT NULL,
    payload    bytea   NOT NULL,
    reason     text    NOT NULL,
    failed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partition, tx, seq)
);

-- Where each partition's reader has delivered up to (moved with the checkpoint, under the same epoch): the
-- cluster-wide commit-based back-pressure counts committed rows past it.
ALTER TABLE pulse_stream_partition ADD COLUMN IF NOT EXISTS rd_tx bigint NOT NULL DEFAULT 0;
ALTER TABLE pulse_stream_partition ADD COLUMN IF NOT EXISTS rd_seq integer NOT NULL DEFAULT -1;

-- Pulse schema v1: tables and stored queries for Orleans' ADO.NET clustering, grain persistence and reminders.
-- Orleans ships no SQL: the providers read their statements from OrleansQuery by key and bind the parameters named
-- there (@DeploymentId, @GrainIdHash, ...). These are our own tables and statements satisfying that contract.
-- Idempotent: every object is created only if absent and every query row is upserted.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text NOT NULL
);

-- Membership: one version row per cluster (the table's optimistic-concurrency etag) and one row per silo incarnation.
-- Orleans binds UTC DateTimes, which Npgsql sends as timestamptz.
CREATE TABLE IF NOT EXISTS pulse_membership_version (
    deployment_id text PRIMARY KEY,
    version       integer NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS pulse_membership (
    deployment_id   text    NOT NULL REFERENCES pulse_membership_version (deployment_id) ON DELETE CASCADE,
    address         text    NOT NULL,
    port            integer NOT NULL,
    generation      integer NOT NULL,
    silo_name       text,
    host_name       text    NOT NULL,
    status          integer NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Inserting a silo bumps the table version only if the caller saw the current one; both happen or neither does.
CREATE OR REPLACE FUNCTION pulse_membership_insert(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_silo_name text, p_host_name text,
    p_status integer, p_proxy_port integer, p_start_time timestamptz, p_alive timestamptz, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        UPDATE pulse_membership_version SET version = version + 1, changed_at = now()
         WHERE deployment_id = p_deployment AND version = p_version;
        IF NOT FOUND THEN RETURN false; END IF;
        INSERT INTO pulse_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                                      proxy_port, start_time, i_am_alive_time)
        VALUES (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
                p_proxy_port, p_start_time, p_alive);
        RETURN true;
    EXCEPTION WHEN unique_violation THEN
        -- the block's version bump is rolled back with it
        RETURN false;
    END;
END $$;

CREATE OR REPLACE FUNCTION pulse_membership_update(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspect_times text, p_alive timestamptz, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        UPDATE pulse_membership_version SET version = version + 1, changed_at = now()
         WHERE deployment_id = p_deployment AND version = p_version;
        IF NOT FOUND THEN RETURN false; END IF;
        UPDATE pulse_membership SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_alive
         WHERE deployment_id = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
        IF NOT FOUND THEN RAISE EXCEPTION USING ERRCODE = 'no_data_found'; END IF;
        RETURN true;
    EXCEPTION WHEN no_data_found THEN
        RETURN false;
    END;
END $$;

-- Grain state: one row per grain and type; version is the etag the provider checks on every write.
CREATE TABLE IF NOT EXISTS pulse_grain_state (
    service_id      text    NOT NULL,
    grain_type_hash integer NOT NULL,
    grain_type      text    NOT NULL,
    grain_id_hash   integer NOT NULL,
    grain_id_n0     bigint  NOT NULL,
    grain_id_n1     bigint  NOT NULL,
    grain_id_ext    text    NOT NULL,
    payload         bytea,
    version         integer NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type_hash, grain_id_hash, grain_type, grain_id_n0, grain_id_n1, grain_id_ext)
);

-- Write: insert when the caller read nothing (no etag), else update only the version the caller read.
-- Returns the new version, or NULL when the caller's version is stale (the provider then raises an inconsistency).
CREATE OR REPLACE FUNCTION pulse_grain_state_write(
    p_service text, p_type_hash integer, p_type text, p_id_hash integer, p_n0 bigint, p_n1 bigint, p_ext text,
    p_version integer, p_payload bytea)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE v integer;
BEGIN
    IF p_version IS NULL THEN
        INSERT INTO pulse_grain_state (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1,
                                       grain_id_ext, payload, version)
        VALUES (p_service, p_type_hash, p_type, p_id_hash, p_n0, p_n1, coalesce(p_ext, ''), p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING version INTO v;
    ELSE
        UPDATE pulse_grain_state SET payload = p_payload, version = version + 1, modified_at = now()
         WHERE service_id = p_service AND grain_type_hash = p_type_hash AND grain_type = p_type
           AND grain_id_hash = p_id_hash AND grain_id_n0 = p_n0 AND grain_id_n1 = p_n1
           AND grain_id_ext = coalesce(p_ext, '') AND version = p_version
        RETURNING version INTO v;
    END IF;
    RETURN v;
END $$;

-- Reminders: hash-ranged reads let each silo load the reminders of its ring range.
CREATE TABLE IF NOT EXISTS pulse_reminders (
    service_id    text    NOT NULL,
    grain_id      text    NOT NULL,
    reminder_name text    NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint  NOT NULL,
    grain_hash    integer NOT NULL,
    version       integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX IF NOT EXISTS pulse_reminders_by_hash ON pulse_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- clustering ------------------------------------------------------------------------------------------------------
('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO pulse_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING RETURNING 1)
SELECT count(*) > 0 FROM inserted
$q$),
('MembershipReadAllKey', $q$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
  FROM pulse_membership_version v
  LEFT JOIN pulse_membership m ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId
$q$),
('MembershipReadRowKey', $q$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
  FROM pulse_membership_version v
  LEFT JOIN pulse_membership m ON m.deployment_id = v.deployment_id
       AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
 WHERE v.deployment_id = @DeploymentId
$q$),
('UpdateIAmAlivetimeKey', $q$
UPDATE pulse_membership SET i_am_alive_time = @IAmAliveTime
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),
('InsertMembershipKey', $q$
SELECT pulse_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
                               @ProxyPort, @StartTime, @IAmAliveTime, @Version)
$q$),
('UpdateMembershipKey', $q$
SELECT pulse_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                               @IAmAliveTime, @Version)
$q$),
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM pulse_membership_version WHERE deployment_id = @DeploymentId
$q$),
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
  FROM pulse_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM pulse_membership
 WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
$q$),
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM pulse_membership
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
   AND status = 6 AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
   AND suspect_times IS NOT DISTINCT FROM @SuspectTimes
$q$),
-- grain persistence ----------------------------------------------------------------------------------------------
('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
  FROM pulse_grain_state
 WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_type = @GrainTypeString
   AND grain_id_hash = @GrainIdHash AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_ext = coalesce(@GrainIdExtensionString, '')
$q$),
('WriteToStorageKey', $q$
SELECT pulse_grain_state_write(@ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
                               @GrainIdExtensionString, @GrainStateVersion, @PayloadBinary) AS "NewGrainStateVersion"
$q$),
('ClearStorageKey', $q$
UPDATE pulse_grain_state SET payload = NULL, version = version + 1, modified_at = now()
 WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_type = @GrainTypeString
   AND grain_id_hash = @GrainIdHash AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_ext = coalesce(@GrainIdExtensionString, '') AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion"
$q$),
('DeleteStorageKey', $q$
DELETE FROM pulse_grain_state
 WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_type = @GrainTypeString
   AND grain_id_hash = @GrainIdHash AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND grain_id_ext = coalesce(@GrainIdExtensionString, '') AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion"
$q$),
-- reminders ------------------------------------------------------------------------------------------------------
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
       version AS "Version"
  FROM pulse_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),
('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
       version AS "Version"
  FROM pulse_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
       version AS "Version"
  FROM pulse_reminders WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period",
       version AS "Version"
  FROM pulse_reminders WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),
('UpsertReminderRowKey', $q$
INSERT INTO pulse_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET start_time = EXCLUDED.start_time, period = EXCLUDED.period, grain_hash = EXCLUDED.grain_hash,
       version = pulse_reminders.version + 1
RETURNING version AS "Version"
$q$),
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM pulse_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT count(*) > 0 FROM deleted
$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM pulse_reminders WHERE service_id = @ServiceId
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

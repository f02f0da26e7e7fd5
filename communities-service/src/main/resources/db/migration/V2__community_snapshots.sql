-- Snapshot runs: each restates every community in full on scaffold.communities.events (scaffold.community.snapshot.v1),
-- so that a consumer rebuilding its projection from the topic finds a complete state within the topic's retention.
-- Asked for by an operator or by the periodic schedule; one run at a time across replicas (the partial unique index),
-- claimed by one replica, which keeps heartbeat_at fresh: a run whose replica died is claimed again and starts over.
CREATE TABLE community_snapshot (
    id           uuid PRIMARY KEY,
    status       text        NOT NULL CHECK (status IN ('REQUESTED', 'RUNNING', 'COMPLETED')),
    requested_by text        NOT NULL,
    requested_at timestamptz NOT NULL,
    started_at   timestamptz,
    heartbeat_at timestamptz,
    finished_at  timestamptz,
    communities  integer     NOT NULL DEFAULT 0,
    events       integer     NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX community_snapshot_one_at_a_time ON community_snapshot ((true))
    WHERE status IN ('REQUESTED', 'RUNNING');
CREATE INDEX community_snapshot_latest ON community_snapshot (requested_at DESC);

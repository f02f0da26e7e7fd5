-- Platform tables, shared by every service's own database (Flyway location db/platform).

-- Transactional outbox: events written in the same transaction as the change they describe,
-- published to Kafka by the relay. Ids come from a sequence at insert time, so id order is the
-- order in which one aggregate's events were recorded.
CREATE SEQUENCE scaffold_outbox_seq;

CREATE TABLE scaffold_outbox (
    id              bigint PRIMARY KEY DEFAULT nextval('scaffold_outbox_seq'),
    event_id        uuid        NOT NULL UNIQUE,
    aggregate_type  text        NOT NULL,
    aggregate_id    text        NOT NULL,
    event_type      text        NOT NULL,
    payload         json        NOT NULL, -- json, not jsonb: published byte for byte as serialized
    occurred_at     timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    sent_at         timestamptz
);

-- The relay scans only pending rows; sent rows are found by age for clean-up.
CREATE INDEX scaffold_outbox_pending ON scaffold_outbox (id) WHERE sent_at IS NULL;
CREATE INDEX scaffold_outbox_pending_by_aggregate ON scaffold_outbox (aggregate_id, id) WHERE sent_at IS NULL;
CREATE INDEX scaffold_outbox_sent ON scaffold_outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Idempotent consumers: the id of every event a consumer has applied, committed with its effect.
CREATE TABLE scaffold_processed_event (
    consumer     text        NOT NULL,
    event_id     text        NOT NULL,
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX scaffold_processed_event_age ON scaffold_processed_event (processed_at);

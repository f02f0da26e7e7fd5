-- Webhooks: endpoints that integration admins register, and one delivery per endpoint and event, retried from the
-- database (a restart or another replica picks up where the last attempt left).

CREATE TABLE webhook_endpoint (
    id                       uuid PRIMARY KEY,
    url                      text        NOT NULL,
    description              text        NOT NULL,
    -- CloudEvents types, or a prefix ending in '*'
    event_types              text[]      NOT NULL,
    enabled                  boolean     NOT NULL,
    disabled_reason          text,
    created_by               text        NOT NULL,
    -- the signing secrets, sealed (AES-GCM): the current one, and the one it replaced while the overlap lasts
    secret                   text        NOT NULL,
    previous_secret          text,
    previous_secret_until    timestamptz,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    version                  bigint      NOT NULL
);

CREATE TABLE webhook_delivery (
    id                uuid PRIMARY KEY,
    endpoint_id       uuid        NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    event_id          text        NOT NULL,
    event_type        text        NOT NULL,
    -- the structured-mode CloudEvent sent as the body
    payload           text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts          integer     NOT NULL DEFAULT 0,
    -- retries stop this long after it (the event, or the replay that restarted it)
    window_start      timestamptz NOT NULL,
    -- when it is due; while an attempt is in flight, when that attempt's lease runs out
    next_attempt_at   timestamptz,
    last_attempt_at   timestamptz,
    last_status_code  integer,
    last_latency_ms   integer,
    last_error        text,
    created_at        timestamptz NOT NULL,
    delivered_at      timestamptz,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_log ON webhook_delivery (endpoint_id, created_at DESC, id DESC);

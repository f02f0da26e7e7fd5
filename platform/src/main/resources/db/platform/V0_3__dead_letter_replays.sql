-- Every replay of a dead letter: who replayed which record of the dead-letter topic, when, and what came of it.
CREATE TABLE scaffold_dead_letter_replay (
    id            bigserial PRIMARY KEY,
    dlq_topic     text        NOT NULL,
    dlq_partition integer     NOT NULL,
    dlq_offset    bigint      NOT NULL,
    replayed_at   timestamptz NOT NULL,
    replayed_by   text        NOT NULL,
    outcome       text        NOT NULL CHECK (outcome IN ('APPLIED', 'ALREADY_APPLIED', 'FAILED')),
    detail        text
);
CREATE INDEX scaffold_dead_letter_replay_record ON scaffold_dead_letter_replay (dlq_topic, dlq_partition, dlq_offset);

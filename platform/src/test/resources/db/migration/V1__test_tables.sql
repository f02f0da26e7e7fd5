CREATE TABLE widget (
    id   uuid PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE applied_effect (
    id       bigserial PRIMARY KEY,
    event_id text NOT NULL,
    label    text NOT NULL
);

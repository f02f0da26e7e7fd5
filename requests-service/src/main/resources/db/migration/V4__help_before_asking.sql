-- Help before asking: suggestions while a person types, tolerant of typos, and the problems solved without asking.

-- The words of request and resource titles, for correcting typos before the full-text search ("did you mean"):
-- a typed word that is not a known word is replaced by the known word most similar to it by trigrams. The list is
-- small (distinct words, not rows), so a lookup costs the same whatever the number of requests. pg_trgm is a
-- trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE search_word (
    word text PRIMARY KEY
);
CREATE INDEX search_word_trgm ON search_word USING gin (word gin_trgm_ops);
INSERT INTO search_word (word)
SELECT DISTINCT w FROM (
    SELECT regexp_split_to_table(lower(title), '[^[:alnum:]]+') AS w FROM help_request
    UNION ALL SELECT regexp_split_to_table(lower(title), '[^[:alnum:]]+') FROM community_resource) words
WHERE length(w) BETWEEN 3 AND 40
ON CONFLICT DO NOTHING;

-- "This solved it": a person found a resolved request or a library resource that solved their problem without asking.
-- One row per person and item (saying it again changes nothing); the words they searched are kept with it.
CREATE TABLE self_service_solution (
    id           uuid PRIMARY KEY,
    user_id      text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('REQUEST', 'RESOURCE')),
    target_id    uuid        NOT NULL,
    community_id uuid,
    title        text        NOT NULL,
    query        text        NOT NULL,
    solved_at    timestamptz NOT NULL,
    UNIQUE (user_id, kind, target_id)
);
-- The stats read one period, organisation-wide or of one community.
CREATE INDEX self_service_by_time ON self_service_solution (solved_at);
CREATE INDEX self_service_by_community ON self_service_solution (community_id, solved_at);
